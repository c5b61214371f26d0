/**
 * `resolveConfig`: the config with every default filled in, read from the schema table (the
 * only place defaults are written down), plus the road-class weight lookup.
 */
import type { CoordinateOffset, CityConfig, EconomyConfig, GeneratedUnitsConfig, LandUseConfig, ParcelLayerConfig, PoiLayerConfig, PopulationLayerConfig, RoadLayerConfig, UnitLayerConfig, ActivityInventoryInput, TotalsInventoryInput, ClassificationConfig } from './types.js';
import type { PoiCategory, SpaceType, TransportMode } from '../types.js';
import { EngineError } from '../types.js';
import { CONFIG_SCHEMA, DEFAULT_ROAD_CLASS_WEIGHTS } from './schema.js';
import type { SchemaNode } from './schema.js';

// ---------------------------------------------------------------------------------------------
// Resolved shape
// ---------------------------------------------------------------------------------------------

/** Layer-source fields that always have a value once resolved. */
export interface ResolvedSourceFields {
  format: 'geojson';
  coordinateOffset: CoordinateOffset;
}

export type ResolvedParcelLayer = ParcelLayerConfig & ResolvedSourceFields;
export type ResolvedUnitLayer = UnitLayerConfig & ResolvedSourceFields;
export type ResolvedPoiLayer = PoiLayerConfig & ResolvedSourceFields;
export type ResolvedRoadLayer = RoadLayerConfig & ResolvedSourceFields & { classField: string; mode: TransportMode };
export type ResolvedPopulationLayer = PopulationLayerConfig & ResolvedSourceFields & { weightBy: 'field' | 'count' | 'area' };

export interface ResolvedLayers {
  parcels: ResolvedParcelLayer;
  units: ResolvedUnitLayer | GeneratedUnitsConfig;
  pois: ResolvedPoiLayer[];
  roads: ResolvedRoadLayer[];
  population?: ResolvedPopulationLayer;
}

export type ResolvedInventoryInput =
  | (TotalsInventoryInput & { unit: 't' | '10^4 t' })
  | (ActivityInventoryInput & {
      gwp: NonNullable<ActivityInventoryInput['gwp']>;
      factorOverrides: NonNullable<ActivityInventoryInput['factorOverrides']>;
    });

export type ResolvedEconomyConfig =
  | Extract<EconomyConfig, { source: 'table' }>
  | (Extract<EconomyConfig, { source: 'proxy' }> & { categories: PoiCategory[]; spaceTypes: SpaceType[] });

/** A city config with every default filled in (see `docs/config.md` for each default). */
export interface ResolvedConfig {
  $schema?: string;
  name: string;
  description?: string;
  year?: number;
  layers: ResolvedLayers;
  landUse: LandUseConfig & { overrides: NonNullable<LandUseConfig['overrides']> };
  inventory: ResolvedInventoryInput;
  economy?: ResolvedEconomyConfig;
  /** `auto` or a CRS name; the crs module turns `auto` into a zone from the data's extent. */
  workingCrs: string;
  /** Grid cell side, m. */
  gridCellSizeM: number;
  allocation: {
    /** Default table with the city's entries merged over it. */
    roadClassWeights: Record<string, number>;
    beta: number;
    poiSnapDistanceM: number;
    networkSnapDistanceM: number;
    transportPool: 'auto' | 'parcels' | 'network';
  };
  zoning: { threshold: number; tieRule: 'above' | 'below' };
  classification: { method: NonNullable<ClassificationConfig['method']>; classes: number; breaks?: number[] };
  /** Sink-rate overrides, t CO2 / ha / a; empty when none. */
  sinkRates: Partial<Record<SpaceType, number>>;
}

// ---------------------------------------------------------------------------------------------
// resolveConfig
// ---------------------------------------------------------------------------------------------

/**
 * Fill every default of a city config, as the schema table documents them: `workingCrs`
 * `auto`, `gridCellSizeM` 1000 m, allocation (β 0.5, POI snap 0 m, network snap 50 m, transport
 * pool `auto`, road-class weights merged over {@link DEFAULT_ROAD_CLASS_WEIGHTS}), zoning
 * (threshold 1, ties `above`), classification (`jenks`, 5 classes; `manual` gets one class more
 * than its breaks), totals unit `t`, GWP `AR5`, layer format `geojson` and offset `none`, road
 * `classField` `highway` and mode `road`, population `weightBy` (`field` when `weightField` is
 * set, else `count`), economy proxy categories and space types.
 *
 * Unknown keys (reported by {@link validateConfig} as `config-unknown-field`) are dropped.
 * Never mutates its argument; the result shares no objects with it.
 *
 * @param config A config that {@link validateConfig} found free of errors. Anything else is a
 *   caller bug: a non-object throws an `EngineError` coded `config-not-object`.
 * @returns A new, fully resolved config.
 * @example
 * const resolved = resolveConfig(config);
 * resolved.gridCellSizeM; // 1000 unless the config says otherwise
 */
export function resolveConfig(config: CityConfig): ResolvedConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new EngineError('config-not-object', `config must be an object, got ${config === null ? 'null' : Array.isArray(config) ? 'an array' : typeof config}`);
  }
  const resolved = applyDefaults(CONFIG_SCHEMA, config) as ResolvedConfig;

  // Defaults that depend on other settings (the schema's `defaultNote`s).
  const population = resolved.layers.population;
  if (population && population.weightBy === undefined) {
    population.weightBy = population.weightField !== undefined ? 'field' : 'count';
  }
  const classification = resolved.classification;
  const givenClasses = config.classification?.classes;
  if (classification.method === 'manual' && givenClasses === undefined && Array.isArray(classification.breaks)) {
    // n inner limits make n + 1 classes.
    classification.classes = classification.breaks.length + 1;
  }
  return resolved;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deep copy of plain JSON data (defaults are frozen and shared; results must not be). */
function cloneJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneJson(x);
    return out as T;
  }
  return v;
}

function applyDefaults(node: SchemaNode, input: unknown): unknown {
  let value = input;
  if (value === undefined) {
    if (node.default === undefined) return undefined;
    value = cloneJson(node.default);
  }
  if (value === null) return null;
  switch (node.kind) {
    case 'object': {
      if (!isObj(value)) return cloneJson(value);
      if (node.open) return cloneJson(value);
      const out: Obj = {};
      for (const [key, child] of Object.entries(node.properties)) {
        const r = applyDefaults(child, value[key]);
        if (r !== undefined) out[key] = r;
      }
      return out;
    }
    case 'oneOf': {
      if (!isObj(value)) return cloneJson(value);
      const tag = value[node.discriminant];
      const variant = typeof tag === 'string' && Object.prototype.hasOwnProperty.call(node.variants, tag) ? node.variants[tag] : tag === undefined ? node.whenAbsent : undefined;
      return variant ? applyDefaults(variant, value) : cloneJson(value);
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => applyDefaults(node.items, item)) : cloneJson(value);
    case 'record': {
      if (!isObj(value)) return cloneJson(value);
      const merged: Obj = node.mergeOverDefault && input !== undefined && isObj(node.default) ? { ...node.default, ...value } : value;
      const out: Obj = {};
      for (const [key, v] of Object.entries(merged)) {
        const r = applyDefaults(node.values, v);
        if (r !== undefined) out[key] = r;
      }
      return out;
    }
    case 'anyOf': {
      const option = node.options.find((o) => kindMatches(o, value));
      return option ? applyDefaults(option, value) : cloneJson(value);
    }
    default:
      return value;
  }
}

function kindMatches(node: SchemaNode, v: unknown): boolean {
  switch (node.kind) {
    case 'string':
    case 'enum':
      return typeof v === 'string';
    case 'number':
    case 'integer':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    default:
      return isObj(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Road classes
// ---------------------------------------------------------------------------------------------

/** Result of {@link roadClassWeight}. */
export interface RoadClassWeight {
  /** Weight of one metre of road of the class (dimensionless); 1 for an unknown class. */
  weight: number;
  /** Key of the table that matched (the parent class for `*_link`), or `null` when unknown. */
  matchedClass: string | null;
}

/**
 * The weight of a road class for the standard length (METHOD.md §2). Looks the class up as
 * given, then trimmed and lower-cased; an OSM multi-value (`primary;secondary`) uses its first
 * value; `*_link` takes its parent's weight unless the table lists the link itself.
 * An unknown or missing class weighs 1 and `matchedClass` is `null`, so the caller can warn.
 *
 * @param roadClass The class as read from the layer's `classField` (any value).
 * @param table Class → weight; default {@link DEFAULT_ROAD_CLASS_WEIGHTS}. Pass
 *   `resolved.allocation.roadClassWeights` to apply a city's overrides.
 * @example
 * roadClassWeight('primary_link'); // { weight: 2, matchedClass: 'primary' }
 * roadClassWeight('主干路');        // { weight: 2, matchedClass: '主干路' }
 */
export function roadClassWeight(roadClass: unknown, table: Readonly<Record<string, number>> = DEFAULT_ROAD_CLASS_WEIGHTS): RoadClassWeight {
  if (typeof roadClass !== 'string' && typeof roadClass !== 'number') return { weight: 1, matchedClass: null };
  const raw = String(roadClass);
  const first = raw.split(';')[0].trim();
  const candidates = [raw, raw.trim(), raw.trim().toLowerCase(), first, first.toLowerCase()];
  for (const c of candidates) {
    const hit = lookup(table, c);
    if (hit) return hit;
  }
  for (const c of candidates) {
    if (c.endsWith('_link')) {
      const hit = lookup(table, c.slice(0, -'_link'.length));
      if (hit) return hit;
    }
  }
  return { weight: 1, matchedClass: null };
}

function lookup(table: Readonly<Record<string, number>>, key: string): RoadClassWeight | undefined {
  if (key === '' || !Object.prototype.hasOwnProperty.call(table, key)) return undefined;
  const w = table[key];
  // A broken table entry (NaN, negative) counts as unknown rather than leaking into weights.
  return typeof w === 'number' && Number.isFinite(w) && w >= 0 ? { weight: w, matchedClass: key } : undefined;
}

export { DEFAULT_ROAD_CLASS_WEIGHTS };
