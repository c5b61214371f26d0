/**
 * Messages between the element's run controller and the engine worker.
 *
 * The worker owns the input layers (it fetches, generates or receives them once, and keeps them
 * by name); the main thread sends configs and receives results. Parcel geometry, the bulk of a
 * result, crosses once as flat Web-Mercator coordinate arrays (transferred, not copied) and is
 * not sent again while the parcel and unit layers stay the same: a land-use remap sends only the
 * parcels' new properties.
 */
import type { CityConfig, FeatureCollection, RunReport, Issue } from '../../engine/index.js';

/** Options of the generated demo city (passed through to the engine's `generateDemoCity`). */
export type DemoCityRequest = Record<string, unknown>;

/** A layer given to the worker: parsed GeoJSON, or a File/Blob (the worker reads and parses it). */
export type LayerInput = FeatureCollection | Blob;

/**
 * How the worker talks to the services a config's `service` layers name: the host page's
 * headers (auth) and credentials mode. Kept in memory only: never logged, never put in URLs.
 */
export interface ServiceRequestInit {
  headers?: Record<string, string>;
  credentials?: 'omit' | 'same-origin' | 'include';
  /** Timeout of each request, ms (default 60 000). */
  timeoutMs?: number;
}

export type WorkerRequest =
  | { type: 'load-demo'; requestId: number; options: DemoCityRequest }
  | { type: 'load-config-url'; requestId: number; url: string; service?: ServiceRequestInit }
  | { type: 'load-config'; requestId: number; config: CityConfig; baseUrl: string; service?: ServiceRequestInit }
  | { type: 'cancel-load'; requestId: number }
  | { type: 'load-layers'; requestId: number; layers: Record<string, LayerInput> }
  | { type: 'values'; requestId: number; layer: string; field: string }
  | { type: 'run'; requestId: number; config: CityConfig }
  /** Where the worker finds its assets (sql.js's WebAssembly for GeoPackage); the page's first message. */
  | { type: 'assets'; requestId: number; sqlWasmUrl: string }
  | { type: 'cancel'; requestId: number };

/** What a field of a layer holds, with a few sample values (as text). */
export interface FieldSummary {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'mixed' | 'empty';
  /** Up to five distinct non-empty values, as text. */
  samples: string[];
  /** Number of distinct non-empty values (counted up to 10 000; `distinctCapped` says so). */
  distinct: number;
  distinctCapped: boolean;
}

/** A loaded layer: its name (a path as the config writes it, or a file name), size and fields. */
export interface LayerSummary {
  name: string;
  features: number;
  /** Geometry types present (`Polygon`, `MultiPolygon`, `Point`, …). */
  geometryTypes: string[];
  fields: FieldSummary[];
}

/** One distinct value of a field: how many features carry it and their area. */
export interface ValueRow {
  value: string;
  count: number;
  /** Spherical area of the polygons carrying it, m² (0 for points and lines). */
  areaM2: number;
}

/**
 * Parcel geometry as flat EPSG:3857 coordinates (OpenLayers' own layout). Feature `i` has the
 * polygons `featurePolygons[i] … featurePolygons[i+1]−1`; polygon `p` has the rings
 * `polygonRings[p] … polygonRings[p+1]−1`; ring `r` ends at `ringEnds[r]` in `coords`.
 */
export interface FlatParcelGeometry {
  coords: Float64Array;
  ringEnds: Uint32Array;
  polygonRings: Uint32Array;
  featurePolygons: Uint32Array;
}

/** Parcel properties by column: numbers as typed arrays (transferred), the rest as arrays. */
export interface ParcelColumns {
  length: number;
  numbers: Record<string, Float64Array>;
  values: Record<string, unknown[]>;
}

export interface ParcelsPayload {
  /** Present when the geometry changed since the last result (or on the first). */
  geometry?: FlatParcelGeometry;
  columns: ParcelColumns;
  /**
   * True when the parcels are the rows of the previous result (same geometry and ids): `columns`
   * then leaves out the ids and codes as read, which the page keeps.
   */
  sameRows?: boolean;
}

/**
 * The first map of a run on new layers, sent before the engine starts: the input parcels with
 * the space type their code maps to, and the unit outlines.
 */
export interface LandUsePreview {
  /** The input parcels (all of them, before any clipping), flat EPSG:3857. */
  geometry: FlatParcelGeometry;
  /** Per parcel: 1 + the index of its space type in the engine's `SPACE_TYPES`; 0 = no type. */
  spaceType: Uint8Array;
  /** Parcels per space type (`''` for parcels with no type). */
  counts: Record<string, number>;
  /** Unit outlines (WGS84 GeoJSON, geometry only), or null for generated units. */
  units: FeatureCollection | null;
}

export type WorkerResponse =
  /** Posted once when the worker's script has started (the page knows its worker was not blocked). */
  | { type: 'ready'; requestId: 0 }
  | { type: 'progress'; requestId: number; stage: string; fraction: number }
  | { type: 'preview'; requestId: number; preview: LandUsePreview; previewMs: number }
  | { type: 'loaded'; requestId: number; config: CityConfig | null; layers: LayerSummary[] }
  | { type: 'values'; requestId: number; rows: ValueRow[] }
  | {
      type: 'result';
      requestId: number;
      units: FeatureCollection;
      grid: FeatureCollection;
      /**
       * True when the units (grid cells) are those of the previous result, same ids in the same
       * order: their features then carry `geometry: null` and the page keeps the outlines it has.
       */
      unitsGeometrySame?: boolean;
      gridGeometrySame?: boolean;
      parcels: ParcelsPayload;
      report: RunReport;
      /** Wall time of the engine run inside the worker, ms. */
      runMs: number;
    }
  | { type: 'cancelled'; requestId: number }
  | { type: 'error'; requestId: number; code: string; message: string; issues?: Issue[] };
