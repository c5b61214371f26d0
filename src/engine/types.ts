/**
 * Core types shared by every stage of the engine.
 *
 * Units are fixed by the method (METHOD.md): tonnes of CO2-equivalent (`T` suffix), square metres
 * (`M2`), metres (`M`), always measured in a projected metric CRS. Sign is part of a name: `net`
 * is signed (sinks negative), `sink` is a positive magnitude, `gross` counts only sources.
 */

// ---------------------------------------------------------------------------------------------
// GeoJSON (a minimal structural subset, so the engine needs no DOM or @types/geojson)
// ---------------------------------------------------------------------------------------------

/** A coordinate pair `[x, y]` (lon/lat in geographic CRSs, easting/northing in projected ones). */
export type Position = number[];

export interface PointGeometry { type: 'Point'; coordinates: Position }
export interface MultiPointGeometry { type: 'MultiPoint'; coordinates: Position[] }
export interface LineStringGeometry { type: 'LineString'; coordinates: Position[] }
export interface MultiLineStringGeometry { type: 'MultiLineString'; coordinates: Position[][] }
export interface PolygonGeometry { type: 'Polygon'; coordinates: Position[][] }
export interface MultiPolygonGeometry { type: 'MultiPolygon'; coordinates: Position[][][] }
export interface GeometryCollectionGeometry { type: 'GeometryCollection'; geometries: Geometry[] }

export type Geometry =
  | PointGeometry
  | MultiPointGeometry
  | LineStringGeometry
  | MultiLineStringGeometry
  | PolygonGeometry
  | MultiPolygonGeometry
  | GeometryCollectionGeometry;

export type Properties = Record<string, unknown>;

export interface Feature<G extends Geometry | null = Geometry | null, P extends Properties = Properties> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P | null;
}

export interface FeatureCollection<G extends Geometry | null = Geometry | null, P extends Properties = Properties> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
  /** Legacy (pre-RFC 7946) CRS member, still written by many tools. */
  crs?: unknown;
  /** Foreign member: free-form metadata (options in fixtures, run metadata in outputs). */
  properties?: Properties;
  [foreign: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// The method's vocabulary
// ---------------------------------------------------------------------------------------------

/** The six sectors of METHOD.md §1. `sinks` are carried as negative net emissions. */
export type SectorId = 'industry' | 'buildings' | 'transport' | 'agriculture' | 'waste' | 'sinks';

export const SECTOR_IDS: readonly SectorId[] = ['industry', 'buildings', 'transport', 'agriculture', 'waste', 'sinks'];

/**
 * Sub-sectors: the units of allocation (METHOD.md §2 table). Each one is spread over the parcels
 * of its territorial-space types by one weight rule.
 */
export type SubsectorId =
  | 'industry-mining'
  | 'industry-manufacturing'
  | 'industry-supply'
  | 'buildings-residential'
  | 'buildings-commercial'
  | 'transport-road'
  | 'transport-rail'
  | 'transport-water'
  | 'transport-air'
  | 'agriculture-cultivation'
  | 'agriculture-husbandry'
  | 'waste-industrial'
  | 'waste-domestic'
  | 'sinks-land'
  | 'sinks-crops';

/**
 * Territorial-space types (the paper's Table 2 and Figure 3). Land-use codes of any
 * classification map onto these through a mapping table (presets: GB/T 21010, OSM, EULUC).
 *
 * `green-space` is urban parks and green land (EULUC class "park and green space", OSM
 * `leisure=park`, GB/T 21010 0810 公园与绿地): a sink at the grassland rate unless overridden.
 * `other` is land that no sub-sector uses (special use, bare construction sites, ...): it holds
 * no tonnes but still counts for area.
 */
export type SpaceType =
  | 'mining'
  | 'industrial'
  | 'utilities'
  | 'urban-residential'
  | 'rural-homestead'
  | 'commercial'
  | 'public-service'
  | 'transport-road'
  | 'transport-rail'
  | 'transport-water'
  | 'transport-air'
  | 'cultivated'
  | 'agri-facility'
  | 'forest'
  | 'grassland'
  | 'water'
  | 'unused'
  | 'green-space'
  | 'other';

export const SPACE_TYPES: readonly SpaceType[] = [
  'mining', 'industrial', 'utilities', 'urban-residential', 'rural-homestead', 'commercial',
  'public-service', 'transport-road', 'transport-rail', 'transport-water', 'transport-air',
  'cultivated', 'agri-facility', 'forest', 'grassland', 'water', 'unused', 'green-space', 'other',
];

/** POI categories that drive weights (METHOD.md §2). */
export type PoiCategory = 'industry' | 'commercial' | 'transport';

export const POI_CATEGORIES: readonly PoiCategory[] = ['industry', 'commercial', 'transport'];

/** Transport modes; each is its own network and its own transport sub-sector. */
export type TransportMode = 'road' | 'rail' | 'water' | 'air';

/** The four carbon-balance zones of METHOD.md §4. */
export type ZoneId =
  | 'low-carbon-economic'
  | 'carbon-source-control'
  | 'carbon-sink-functional'
  | 'high-carbon-optimisation';

export const ZONE_IDS: readonly ZoneId[] = [
  'low-carbon-economic', 'carbon-source-control', 'carbon-sink-functional', 'high-carbon-optimisation',
];

// ---------------------------------------------------------------------------------------------
// Issues (the run report's channel for data problems; STYLE.md §4)
// ---------------------------------------------------------------------------------------------

export type IssueSeverity = 'error' | 'warning' | 'info';

/** One data problem or notable decision, located as precisely as the data allow. */
export interface Issue {
  severity: IssueSeverity;
  /** Stable machine code; never changes meaning (see messages.ts). */
  code: string;
  /** Human-readable sentence in English. */
  message: string;
  /** JSON path into the config, for config issues (`$.layers.parcels.path`). */
  path?: string;
  /** Layer role or file the issue is about. */
  layer?: string;
  featureId?: string | number;
  field?: string;
  expected?: unknown;
  actual?: unknown;
  /** For a mistyped name or value: the known one closest to it ("did you mean"). */
  suggestion?: string;
}

/** Thrown only for caller bugs (STYLE.md §4); data problems become {@link Issue}s. */
export class EngineError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Progress callback: `stage` is a stable id, `fraction` in [0, 1] within that stage. */
export type ProgressCallback = (stage: string, fraction: number) => void;
