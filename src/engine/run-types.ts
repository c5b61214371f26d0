/**
 * Inputs and outputs of {@link run}: the whole method end to end.
 *
 * Output GeoJSON is RFC 7946 (WGS84 lon/lat). Every number a map, table or export shows is a
 * finite number or `null` with a reason; never NaN or Infinity.
 */
import type { CityConfig } from './config/types.js';
import type { FeatureCollection, Geometry, Issue, ProgressCallback, SectorId, SubsectorId, ZoneId } from './types.js';

/** The features of a city's layers, already read from files or services. */
export interface LayerData {
  parcels: FeatureCollection;
  /** Absent when `config.layers.units` generates units. */
  units?: FeatureCollection;
  /** One collection per entry of `config.layers.pois`, in the same order. */
  pois?: FeatureCollection[];
  /** One collection per entry of `config.layers.roads`, in the same order. */
  roads?: FeatureCollection[];
  population?: FeatureCollection;
}

/** Anything with an `aborted` flag (an `AbortSignal` fits). */
export interface AbortFlag { readonly aborted: boolean }

export interface RunOptions {
  /** Called at each stage boundary and inside long stages. */
  onProgress?: ProgressCallback;
  /** Checked between stages; an aborted run rejects with an `EngineError` coded `aborted`. */
  signal?: AbortFlag;
  /** Issues found while reading the layers (encodings, CRS, bad cells), carried into the report. */
  inputIssues?: Issue[];
  /**
   * Reuse the projected layers, overlay and weights of an earlier run on the same `layers`
   * object when the config changed only in land use, inventory, economy, zoning or
   * classification (default true). Layers are treated as immutable: pass a new object after
   * changing features.
   */
  reuse?: boolean;
  /**
   * `features` (default): `result.parcels` holds one GeoJSON feature per parcel. `columns`:
   * `result.parcels` is empty and `result.parcelColumns` holds the same values as typed arrays
   * (for a map that keeps parcel geometry and redraws 10⁵ parcels after each remap).
   */
  parcelOutput?: 'features' | 'columns';
}

/** Parcel results as columns (`RunOptions.parcelOutput: 'columns'`); row i is parcel i. */
export interface ParcelColumnsResult {
  length: number;
  /** areaM2, grossT, sinkT, netT, netPerKm2 and one `<sector>T` column per sector. */
  numbers: Record<string, Float64Array>;
  /** id, code (as read) and spaceType per parcel. */
  values: { id: string[]; code: (string | null)[]; spaceType: (string | null)[] };
  /** Each parcel's WGS84 geometry (shared with the input where it was WGS84 already). */
  geometries: (Geometry | null)[];
}

/** Per-sector tonnes of one feature, as flat properties: `industryT`, `buildingsT`, … (net, signed). */
export type SectorTonnes = Record<`${SectorId}T`, number>;

/** Properties of each feature of `parcels.geojson`. */
export interface ParcelProperties extends SectorTonnes {
  id: string;
  /** Land-use code as read (before normalisation). */
  code: string | null;
  spaceType: string | null;
  /** Area inside the study area, m² in the working CRS. */
  areaM2: number;
  grossT: number;
  sinkT: number;
  netT: number;
  /** Net tonnes per km² of the parcel's area (0 for zero-area parcels). */
  netPerKm2: number;
}

/** Properties of each feature of `grid.geojson`. */
export interface GridCellProperties extends SectorTonnes {
  id: string;
  /** Column and row index: the cell spans [col·size, (col+1)·size) in working-CRS x. */
  col: number;
  row: number;
  grossT: number;
  sinkT: number;
  netT: number;
  /** Net tonnes per km² of the whole cell. */
  netPerKm2: number;
  grossPerKm2: number;
}

/** Properties of each feature of `units.geojson`; the same values as `report.units[]`. */
export interface UnitProperties extends SectorTonnes {
  id: string;
  name: string;
  areaM2: number;
  /** Gross emissions C_i (positive sources only). */
  emissionT: number;
  /** Sinks CA_i as a positive magnitude. */
  sinkT: number;
  netT: number;
  /** Economic weight G_i (GDP or the stated proxy), null when not joined. */
  gdp: number | null;
  ccr: number | null;
  ecc: number | null;
  esc: number | null;
  zone: ZoneId | null;
  /** Why an index or the zone is null (e.g. `zero-emissions`, `missing-gdp`). */
  reason: string | null;
}

export interface SectorSummary {
  id: SectorId;
  grossT: number;
  sinkT: number;
  netT: number;
  /** Share of the city's net total, in percent (the paper's convention). */
  shareOfNet: number | null;
  /** Share of the city's gross emissions, in percent (null for sinks). */
  shareOfGross: number | null;
}

export interface ConservationRow {
  subsector: SubsectorId;
  /** Pool id when the sub-sector is split into several pools. */
  pool: string;
  totalT: number;
  allocatedT: number;
  unallocatedT: number;
  /** Weight rule actually used (after fallback). */
  weight: string;
  /** Why the pool fell back (`zero-weight` → area, `no-parcels` → unallocated, `network`), or null. */
  fallback: string | null;
  /** Where the tonnes went: `parcels` or `network`. */
  target: 'parcels' | 'network' | 'none';
  /** Signed difference allocated − total after allocation; zero to rounding. */
  residualT: number;
}

/** `report.json`: a documented, stable format (docs/report-format.md). */
export interface RunReport {
  format: 'carbon-balance-report';
  version: 1;
  city: string;
  generatedAt: string;
  workingCrs: { code: string; proj4: string; reason: string };
  totals: {
    grossT: number;
    sinkT: number;
    netT: number;
    /** City CCR = CA / C, as a ratio (0.01048 = 1.048 %). */
    ccr: number | null;
    /** Signed tonnes that could not be placed on any parcel or network (reported, never dropped). */
    unallocatedT: number;
    /** Of which source tonnes (≥ 0) … */
    unallocatedSourceT: number;
    /** … and sink tonnes, as a positive magnitude: the two never hide each other. */
    unallocatedSinkT: number;
    /** Gross / sink totals over units (the indices' C and CA). */
    unitsEmissionT: number;
    unitsSinkT: number;
    gdp: number | null;
  };
  sectors: SectorSummary[];
  inventory: {
    mode: 'totals' | 'activity';
    gwp: string | null;
    lines: Array<{ sector: SectorId; subsector: SubsectorId; item: string; label: string; netT: number; activity?: { value: number; unit: string }; factor?: { code: string; value: number; unit: string; status: string; source: string } }>;
    overridesApplied: Array<{ code: string; defaultValue: number | null; value: number; unit: string }>;
    unverifiedFactors: Array<{ code: string; value: number; unit: string; source: string }>;
  };
  conservation: ConservationRow[];
  units: UnitProperties[];
  zones: Record<ZoneId | 'unzoned', number>;
  zoning: { threshold: number; tieRule: 'above' | 'below'; economicWeight: string };
  layers: Record<string, { features: number; used: number; crs: string; areaM2?: number; clippedAreaM2?: number; lengthM?: number }>;
  landUse: {
    unmapped: Array<{ code: string; parcels: number; areaM2: number }>;
    bySpaceType: Record<string, { parcels: number; areaM2: number }>;
  };
  pois: Record<string, { total: number; inParcels: number; snapped: number; outside: number; duplicatePositions: number }>;
  classification: Record<string, { method: string; breaks: number[]; counts: number[]; excluded: number }>;
  issues: Issue[];
  timings: Record<string, number>;
}

export interface RunResult {
  parcels: FeatureCollection;
  /** Present with `RunOptions.parcelOutput: 'columns'`. */
  parcelColumns?: ParcelColumnsResult;
  grid: FeatureCollection;
  units: FeatureCollection;
  report: RunReport;
}

export type { CityConfig };
