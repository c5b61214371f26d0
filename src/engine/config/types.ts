/**
 * The city config: one declarative document that tells the engine where a city's layers are,
 * which fields carry what, how land-use codes map to territorial-space types, the inventory
 * input, the economic weight and every tunable of the method.
 *
 * The schema table in `schema.ts` describes the same shape field by field (units, defaults,
 * ranges, descriptions); `validateConfig` and `schema/city-config.schema.json` come from it.
 */
import type { PoiCategory, SpaceType, SubsectorId, SectorId, TransportMode } from '../types.js';

/** Horizontal datum shift applied by Chinese web maps; converted to WGS84 on load. */
export type CoordinateOffset = 'none' | 'gcj02' | 'bd09';

/**
 * A layer published by an OGC web service (QGIS Server, GeoServer, …), read page by page into
 * lon/lat GeoJSON by the CLI and the element (`src/services`); the engine never fetches.
 */
export interface ServiceLayerSource {
  /** `wfs` (WFS 1.0/1.1/2.0) or `ogcapi-features` (OGC API – Features). */
  type: 'wfs' | 'ogcapi-features';
  /** Service URL: the WFS endpoint (`…/ows?MAP=…`), or the OGC API landing page (`…/wfs3`). */
  url: string;
  /** WFS: the feature type to read (its short name on QGIS Server). */
  typeName?: string;
  /** OGC API Features: the collection id. */
  collection?: string;
  /** WFS version; default: the highest the server offers (2.0.0, else 1.1.0). */
  version?: '1.0.0' | '1.1.0' | '2.0.0';
  /** WFS: `auto` (GeoJSON when offered, else GML) or `gml`. Default `auto`. */
  format?: 'auto' | 'gml';
  /** Features per request (WFS COUNT/MAXFEATURES, OGC API `limit`). Default 1000. */
  pageSize?: number;
  /** Only features inside this lon/lat box `[west, south, east, north]`, degrees. */
  bbox?: number[];
}

/** Where a layer's features come from and how to read its coordinates. */
export interface LayerSource {
  /** File path, resolved relative to the config file. One of `path`, `url` or `service` is required. */
  path?: string;
  /** URL, resolved relative to the config's URL in a browser. */
  url?: string;
  /** An OGC web service layer (WFS or OGC API Features) instead of a file. */
  service?: ServiceLayerSource;
  /** File format; `auto` (default) detects it from the file name and content. */
  format?: 'auto' | 'geojson' | 'shapefile' | 'csv' | 'flatgeobuf' | 'geopackage';
  /** Text encoding of attribute values (`utf-8`, `gbk`, …); default: from .cpg / DBF, else detected. */
  encoding?: string;
  /** GeoPackage layer (table) to read; default: the only or first feature table. */
  layerName?: string;
  /** CSV/TSV: the column of x (longitude). */
  xField?: string;
  /** CSV/TSV: the column of y (latitude). */
  yField?: string;
  /** CSV/TSV delimiter; default detected. */
  delimiter?: string;
  /**
   * CRS of the coordinates (`EPSG:4326`, `EPSG:4549`, `urn:ogc:def:crs:OGC:1.3:CRS84`, …).
   * Default: the file's legacy `crs` member if it has one, else EPSG:4326 (RFC 7946).
   */
  crs?: string;
  /** GCJ-02 / BD-09 offset of the coordinates (POIs scraped from AMap or Baidu). Default `none`. */
  coordinateOffset?: CoordinateOffset;
  /** Field holding a stable feature id; default: the feature's `id`, else its index. */
  idField?: string;
  /** Field holding a display name. */
  nameField?: string;
}

export interface ParcelLayerConfig extends LayerSource {
  /** Field holding the land-use code (GB/T 21010 code, OSM tag value, EULUC class, …). */
  codeField: string;
}

/** Square units generated over the parcels' extent, for cities with no township layer. */
export interface GeneratedUnitsConfig {
  generate: 'grid';
  /** Side of a generated unit in metres of the working CRS. */
  cellSizeM: number;
}

export interface UnitLayerConfig extends LayerSource {
  /** Field joined with the economic table when `economy.joinBy` is `id`. */
  idField?: string;
  nameField?: string;
}

export interface PoiLayerConfig extends LayerSource {
  /** Field holding the POI type (AMap type code, OSM `other_tags`, …). */
  categoryField?: string;
  /** Preset mapping of the field's values to categories: `amap` type codes or `osm` tags. */
  preset?: 'amap' | 'osm';
  /** Value → categories, merged over the preset (null removes a value). */
  mapping?: Record<string, PoiCategory | PoiCategory[] | null>;
  /** Every feature of the layer is of these categories (a bus-stop layer is `transport`). */
  category?: PoiCategory | PoiCategory[];
}

export interface RoadLayerConfig extends LayerSource {
  /** Field holding the road class (OSM `highway`, or a local class name). */
  classField?: string;
  /** Mode of every line of the layer; default `road`. */
  mode?: TransportMode;
}

export interface PopulationLayerConfig extends LayerSource {
  /**
   * How a feature's population weight is read: `field` (the number in `weightField`), `count`
   * (each feature weighs 1: mobile-signalling points), `area` (a polygon weighs its area:
   * building footprints as a residential proxy). Polygons are spread over parcels by overlap area.
   */
  weightBy?: 'field' | 'count' | 'area';
  weightField?: string;
}

export interface LayersConfig {
  parcels: ParcelLayerConfig;
  units: UnitLayerConfig | GeneratedUnitsConfig;
  pois?: PoiLayerConfig[];
  roads?: RoadLayerConfig[];
  population?: PopulationLayerConfig;
}

/** Land-use code → territorial-space type. */
export interface LandUseConfig {
  /** A shipped mapping (see presets). */
  preset?: 'gbt21010' | 'third-survey' | 'osm' | 'euluc' | 'euluc-class';
  /** Code → type, merged over the preset; `null` maps a code to nothing on purpose. */
  overrides?: Record<string, SpaceType | null>;
}

/** A sector total for cities that only have totals (the paper's Table 3). */
export interface TotalsEntry {
  sector: SectorId;
  /** Sub-sector; default: inferred from the space types (industrial land → manufacturing, …). */
  subsector?: SubsectorId;
  /** Space types of this entry's own pool (one pool per entry). Default: the sub-sector's types. */
  spaceTypes?: SpaceType[];
  /** Tonnes in `inventory.unit`; sinks may be given negative or positive (always read as a sink). */
  value: number;
  /** Free label shown in reports ("Industrial land"). */
  label?: string;
}

export interface TotalsInventoryInput {
  mode: 'totals';
  /** Unit of every `value`: `t` or `10^4 t` (the paper's tables). Default `t`. */
  unit?: 't' | '10^4 t';
  totals: TotalsEntry[];
}

/**
 * Activity data (METHOD.md §1, formulas 1–7). Every quantity carries its own unit in its key;
 * see `inventory/activity.ts` for the full shape and the factor codes each item uses.
 */
export interface ActivityInventoryInput {
  mode: 'activity';
  /** Activity data by sector; shape in `inventory/activity.ts`. */
  activity: Record<string, unknown>;
  /** GWP set for non-CO2 gases; default `AR5` (CH4 28, N2O 265). */
  gwp?: 'SAR' | 'AR4' | 'AR5' | 'AR6';
  /** Factor code → value (in the factor's own unit) or {value, unit, source}. */
  factorOverrides?: Record<string, number | { value: number; unit?: string; source?: string }>;
}

export type InventoryInput = TotalsInventoryInput | ActivityInventoryInput;

/** One row of the economic table (GDP or another economic weight) joined to units. */
export interface EconomyRow {
  id?: string | number;
  name?: string;
  value: number;
}

export type EconomyConfig =
  | {
      source: 'table';
      /** Join by unit id or unit name. */
      joinBy: 'id' | 'name';
      /** Unit of `value` (for display only, indices are ratios): e.g. `10^4 CNY`. */
      unit?: string;
      rows: EconomyRow[];
    }
  | {
      /**
       * A proxy where no GDP per unit exists: `poi-count` counts POIs of `categories` per unit;
       * `space-type-area` sums the area of parcels of `spaceTypes` per unit. Reported as a proxy.
       */
      source: 'proxy';
      proxy: 'poi-count' | 'space-type-area';
      categories?: PoiCategory[];
      spaceTypes?: SpaceType[];
      /** Why this proxy was chosen; repeated in the report. */
      rationale?: string;
    };

export interface AllocationConfig {
  /** Road class → weight for the standard length; `*_link` takes its parent's weight. */
  roadClassWeights?: Record<string, number>;
  /** Transport-POI correction strength β (0 = plain length rule). Default 0.5. */
  beta?: number;
  /** POIs outside every parcel snap to the nearest parcel within this distance (m). Default 0. */
  poiSnapDistanceM?: number;
  /** Transport POIs correct the nearest road segment within this distance (m). Default 50. */
  networkSnapDistanceM?: number;
  /** Transport pool per sub-sector: parcels, road network, or `auto` (network when no transport land). */
  transportPool?: 'auto' | 'parcels' | 'network';
}

export interface ZoningConfig {
  /** Threshold for ECC and ESC. Default 1. */
  threshold?: number;
  /** Where a value exactly on the threshold goes: `above` (default, METHOD.md §4) or `below`. */
  tieRule?: 'above' | 'below';
}

export interface ClassificationConfig {
  method?: 'jenks' | 'quantile' | 'equal' | 'manual';
  /** Number of classes for positive values. Default 5. */
  classes?: number;
  /** Inner class limits for `manual`, ascending. */
  breaks?: number[];
}

export interface CityConfig {
  /** Optional JSON Schema reference for editors. */
  $schema?: string;
  /** City name shown in reports and on the map. */
  name: string;
  /** Free text: where the data came from, whether it is generated. */
  description?: string;
  /** Inventory year. */
  year?: number;
  layers: LayersConfig;
  landUse: LandUseConfig;
  inventory: InventoryInput;
  economy?: EconomyConfig;
  /** Working metric CRS: `auto` (CGCS2000 3° GK zone in China, else UTM) or an EPSG code. */
  workingCrs?: string;
  /** Grid cell size in metres. Default 1000. */
  gridCellSizeM?: number;
  allocation?: AllocationConfig;
  zoning?: ZoningConfig;
  classification?: ClassificationConfig;
  /** Sink rate overrides per space type, in t CO2 per hectare per year (positive = uptake). */
  sinkRates?: Partial<Record<SpaceType, number>>;
}
