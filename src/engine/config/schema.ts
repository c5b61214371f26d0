/**
 * The city-config schema table (STYLE.md §3): one declarative tree that describes every setting
 * of {@link CityConfig} — type, unit, default, range or enum, conditional requirements, a
 * one-sentence description and, for coefficients, a source. The validator (`validate.ts`), the
 * defaults (`defaults.ts`), `schema/city-config.schema.json` and `docs/config.md` all read it;
 * nothing restates it by hand.
 *
 * The nodes are built with small typed builders so that {@link InferSchema} recovers the
 * TypeScript shape from the table; a compile-time check at the bottom of this file fails when
 * the table and `types.ts` drift apart.
 */
import type { CityConfig } from './types.js';
import { POI_CATEGORIES, SECTOR_IDS, SPACE_TYPES } from '../types.js';
import type { PoiCategory, SectorId, SpaceType, SubsectorId } from '../types.js';
import { SUBSECTORS } from '../method.js';

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

/** Metadata every schema node carries. */
export interface SchemaNodeBase {
  /** One sentence for the docs table, the JSON Schema and the form. */
  description: string;
  /** Unit of a number (`m`, `t CO2 / ha / a`); shown in the docs and the JSON Schema description. */
  unit?: string;
  /** Value `resolveConfig` fills in when the setting is absent. */
  default?: unknown;
  /** When the default depends on other settings: a sentence saying how (replaces `default`). */
  defaultNote?: string;
  /** Where a coefficient's default value comes from. */
  source?: string;
  /** Example values (JSON Schema `examples`). */
  examples?: readonly unknown[];
  /** `null` is accepted too (it means "nothing on purpose"). */
  nullable?: boolean;
}

export interface StringNode extends SchemaNodeBase {
  kind: 'string';
  /** `crs`: `auto` (only where `allowAuto`), `EPSG:<code>` or an OGC CRS URN. */
  format?: 'crs';
  /** For `format: 'crs'`: the value `auto` is accepted. */
  allowAuto?: boolean;
  /** Minimum length; 1 rejects empty strings. */
  minLength?: number;
}

export interface NumberNode extends SchemaNodeBase {
  kind: 'number' | 'integer';
  min?: number;
  max?: number;
  /** Lower bound that the value must exceed. */
  exclusiveMin?: number;
}

export interface BooleanNode extends SchemaNodeBase {
  kind: 'boolean';
}

export interface EnumNode<V extends string = string> extends SchemaNodeBase {
  kind: 'enum';
  values: readonly V[];
  /** Name of a shared value list (`space type`), so docs and forms can show it once. */
  vocabulary?: string;
}

export interface ArrayNode<I extends SchemaNode = SchemaNode> extends SchemaNodeBase {
  kind: 'array';
  items: I;
  minItems?: number;
  /** Issue code reported when the array has fewer than `minItems` items. */
  minItemsCode?: string;
  /** Repeated items are reported as a warning. */
  uniqueItems?: boolean;
}

export interface RecordNode<V extends SchemaNode = SchemaNode, K extends string = string> extends SchemaNodeBase {
  kind: 'record';
  /** Schema of every value. */
  values: V;
  /** The allowed keys; absent: any key. */
  keys?: readonly K[];
  /** What a key is, for the docs (`land-use code`). */
  keyName: string;
  /** `resolveConfig` merges the given entries over `default` instead of replacing it. */
  mergeOverDefault?: boolean;
}

/** A property required only when another one has one of some values. */
export interface RequiredIf {
  property: string;
  when: string;
  in: readonly unknown[];
  /** Issue code; default `config-missing-field`. */
  code?: string;
}

/** At least one of these groups of properties must all be present. */
export interface AnyOfRequired {
  alternatives: readonly (readonly string[])[];
  code: string;
}

export interface ObjectNode<
  P extends Record<string, SchemaNode> = Record<string, SchemaNode>,
  R extends string = string,
  Open extends boolean = boolean,
> extends SchemaNodeBase {
  kind: 'object';
  properties: P;
  required: readonly R[];
  /** Unknown keys are allowed and not checked (validated elsewhere). Default false: warn. */
  open: Open;
  requiredIf?: readonly RequiredIf[];
  anyOfRequired?: readonly AnyOfRequired[];
}

/** Objects told apart by one discriminant property. */
export interface OneOfNode<
  V extends Record<string, ObjectNode> = Record<string, ObjectNode>,
  A extends ObjectNode | undefined = ObjectNode | undefined,
> extends SchemaNodeBase {
  kind: 'oneOf';
  discriminant: string;
  /** Discriminant value → variant (each variant declares the discriminant as a one-value enum). */
  variants: V;
  /** Variant used when the discriminant property is absent. */
  whenAbsent: A;
}

/** A value of one of several JSON types, chosen by the value's own type. */
export interface AnyOfNode<O extends readonly SchemaNode[] = readonly SchemaNode[]> extends SchemaNodeBase {
  kind: 'anyOf';
  options: O;
}

export type SchemaNode =
  | StringNode
  | NumberNode
  | BooleanNode
  | EnumNode
  | ArrayNode
  | RecordNode
  | ObjectNode
  | OneOfNode
  | AnyOfNode;

// ---------------------------------------------------------------------------------------------
// Type inference from the table
// ---------------------------------------------------------------------------------------------

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type InferObject<P extends Record<string, SchemaNode>, R extends string, Open extends boolean> = Simplify<
  { -readonly [K in keyof P & R]: InferSchema<P[K]> } & {
    -readonly [K in Exclude<keyof P, R>]?: InferSchema<P[K]>;
  } & (Open extends true ? Record<string, unknown> : unknown)
>;

type InferBase<N> = N extends { kind: 'string' }
  ? string
  : N extends { kind: 'number' | 'integer' }
    ? number
    : N extends { kind: 'boolean' }
      ? boolean
      : N extends EnumNode<infer V>
        ? V
        : N extends ArrayNode<infer I>
          ? InferSchema<I>[]
          : N extends RecordNode<infer V, infer K>
            ? string extends K
              ? Record<string, InferSchema<V>>
              : Partial<Record<K, InferSchema<V>>>
            : N extends ObjectNode<infer P, infer R, infer Open>
              ? InferObject<P, R, Open>
              : N extends OneOfNode<infer V, infer A>
                ? { [K in keyof V]: InferSchema<V[K]> }[keyof V] | (A extends ObjectNode ? InferSchema<A> : never)
                : N extends AnyOfNode<infer O>
                  ? InferSchema<O[number]>
                  : never;

/** The TypeScript type a schema node describes. */
export type InferSchema<N> = N extends { nullable: true } ? InferBase<N> | null : InferBase<N>;

// ---------------------------------------------------------------------------------------------
// Builders (keep literal types so InferSchema works)
// ---------------------------------------------------------------------------------------------

type Meta = Omit<SchemaNodeBase, 'nullable'>;

const str = (m: Meta & Omit<StringNode, 'kind' | keyof SchemaNodeBase>): StringNode => ({ kind: 'string', ...m });
const num = (m: Meta & Omit<NumberNode, 'kind' | keyof SchemaNodeBase>): NumberNode => ({ kind: 'number', ...m });
const int = (m: Meta & Omit<NumberNode, 'kind' | keyof SchemaNodeBase>): NumberNode => ({ kind: 'integer', ...m });
function enm<const V extends string>(values: readonly V[], m: Meta & { vocabulary?: string }): EnumNode<V> {
  return { kind: 'enum', values, ...m };
}
function arr<I extends SchemaNode>(items: I, m: Meta & Omit<ArrayNode, 'kind' | 'items' | keyof SchemaNodeBase>): ArrayNode<I> {
  return { kind: 'array', items, ...m };
}
function rec<V extends SchemaNode, const K extends string = string>(
  values: V,
  m: Meta & { keyName: string; keys?: readonly K[]; mergeOverDefault?: boolean },
): RecordNode<V, K> {
  return { kind: 'record', values, ...m };
}
function obj<P extends Record<string, SchemaNode>, const R extends keyof P & string = never>(
  properties: P,
  m: Meta & { required?: readonly R[]; requiredIf?: readonly RequiredIf[]; anyOfRequired?: readonly AnyOfRequired[] },
): ObjectNode<P, R, false> {
  const { required, ...rest } = m;
  return { kind: 'object', properties, required: required ?? [], open: false, ...rest };
}
function openObj(m: Meta): ObjectNode<{}, never, true> {
  return { kind: 'object', properties: {}, required: [], open: true, ...m };
}
function oneOf<V extends Record<string, ObjectNode>, A extends ObjectNode | undefined = undefined>(
  discriminant: string,
  variants: V,
  m: Meta & { whenAbsent?: A },
): OneOfNode<V, A> {
  const { whenAbsent, ...rest } = m;
  return { kind: 'oneOf', discriminant, variants, whenAbsent: whenAbsent as A, ...rest };
}
function anyOf<const O extends readonly SchemaNode[]>(options: O, m: Meta): AnyOfNode<O> {
  return { kind: 'anyOf', options, ...m };
}
function nullable<N extends SchemaNode>(node: N): N & { nullable: true } {
  return { ...node, nullable: true };
}

// ---------------------------------------------------------------------------------------------
// Shared vocabularies
// ---------------------------------------------------------------------------------------------

const SUBSECTOR_IDS = SUBSECTORS.map((s) => s.id) as readonly SubsectorId[];
const spaceType = (description: string) => enm(SPACE_TYPES as readonly SpaceType[], { description, vocabulary: 'space type' });
const poiCategory = (description: string) => enm(POI_CATEGORIES as readonly PoiCategory[], { description });

/**
 * Default road-class weights for the standard length (METHOD.md §2): relative traffic a metre of
 * road of each class carries. `*_link` classes take their parent's weight (see `roadClassWeight`).
 * Classes with no motor traffic weigh 0. Chinese administrative and urban road classes
 * (公路技术等级 and CJJ 37 城市道路) are mapped to the same scale.
 */
export const DEFAULT_ROAD_CLASS_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  motorway: 3,
  trunk: 2.5,
  primary: 2,
  secondary: 1.5,
  tertiary: 1.2,
  unclassified: 1,
  residential: 1,
  road: 1,
  living_street: 0.5,
  service: 0.5,
  track: 0,
  path: 0,
  footway: 0,
  cycleway: 0,
  pedestrian: 0,
  steps: 0,
  bridleway: 0,
  construction: 0,
  proposed: 0,
  高速公路: 3,
  城市快速路: 2.5,
  国道: 2.5,
  主干路: 2,
  省道: 2,
  次干路: 1.5,
  县道: 1.2,
  支路: 1,
  乡道: 1,
});

const ROAD_WEIGHT_SOURCE =
  'Product default (the paper gives no values): relative traffic by class following the OSM highway=* ' +
  'hierarchy, motorway 3 down to residential 1 and service 0.5, non-motor ways 0; Chinese classes ' +
  '(高速公路, 国道, 省道, 县道, 乡道; CJJ 37 城市快速路, 主干路, 次干路, 支路) placed on the same scale.';

// ---------------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------------

const serviceSource = obj(
  {
    type: enm(['wfs', 'ogcapi-features'], { description: 'Kind of service: `wfs` (WFS 1.0/1.1/2.0) or `ogcapi-features` (OGC API – Features).' }),
    url: str({ description: 'Service URL: the WFS endpoint, or the OGC API landing page (QGIS Server: `…/wfs3`).', minLength: 1, examples: ['https://gis.example.org/ows?MAP=/srv/city.qgs', 'https://gis.example.org/wfs3'] }),
    typeName: str({ description: 'WFS feature type to read (QGIS Server: the layer short name).', minLength: 1, examples: ['landuse'] }),
    collection: str({ description: 'OGC API Features collection id.', minLength: 1, examples: ['landuse'] }),
    version: enm(['1.0.0', '1.1.0', '2.0.0'], { description: 'WFS version to speak.', defaultNote: 'the highest the server offers (2.0.0, else 1.1.0)' }),
    format: enm(['auto', 'gml'], { description: 'WFS output: `auto` takes GeoJSON when the server offers it, else GML; `gml` forces GML.', default: 'auto' }),
    pageSize: int({ description: 'Features per request (WFS COUNT/MAXFEATURES, OGC API `limit`); paging continues until every feature is read.', min: 1, default: 1000 }),
    bbox: arr(num({ description: 'Degrees.' }), { description: 'Only features inside this lon/lat box `[west, south, east, north]`.', minItems: 4 }),
  },
  {
    description: 'A layer published by a web service (QGIS Server, GeoServer, …), read into lon/lat GeoJSON page by page.',
    required: ['type', 'url'],
    requiredIf: [
      { property: 'typeName', when: 'type', in: ['wfs'] },
      { property: 'collection', when: 'type', in: ['ogcapi-features'] },
    ],
  },
);

const layerSourceProps = {
  path: str({ description: 'File path of the layer, resolved relative to the config file.', minLength: 1, examples: ['data/parcels.geojson'] }),
  url: str({ description: 'URL of the layer, resolved relative to the config URL in a browser.', minLength: 1 }),
  service: serviceSource,
  format: enm(['auto', 'geojson', 'shapefile', 'csv', 'flatgeobuf', 'geopackage'], {
    description: 'File format: `auto` detects it from the file name and content (`.geojson`/`.json`, zipped Shapefile `.zip`/`.shp`, `.csv`/`.tsv`, `.fgb`, `.gpkg`).',
    default: 'auto',
  }),
  encoding: str({ description: 'Text encoding of attribute values (`utf-8`, `gbk`, `gb18030`, …); default: read from a Shapefile .cpg or DBF language driver, else detected.', minLength: 1, examples: ['gbk'] }),
  layerName: str({ description: 'Layer (table) of a GeoPackage to read; default: its only or first feature table.', minLength: 1 }),
  xField: str({ description: 'CSV/TSV column holding x (or longitude).', minLength: 1, examples: ['lon', 'x', '经度'] }),
  yField: str({ description: 'CSV/TSV column holding y (or latitude).', minLength: 1, examples: ['lat', 'y', '纬度'] }),
  delimiter: str({ description: 'CSV delimiter; default: detected among comma, tab, semicolon and pipe.', minLength: 1 }),
  crs: str({
    description: "CRS of the layer's coordinates.",
    format: 'crs',
    defaultNote: "the file's legacy `crs` member if it has one, else EPSG:4326 (RFC 7946)",
    examples: ['EPSG:4326', 'EPSG:4549', 'urn:ogc:def:crs:OGC:1.3:CRS84'],
  }),
  coordinateOffset: enm(['none', 'gcj02', 'bd09'], {
    description: 'Datum offset of Chinese web-map coordinates (AMap GCJ-02, Baidu BD-09), converted to WGS84 on load.',
    default: 'none',
  }),
  idField: str({ description: 'Field holding a stable feature id.', minLength: 1, defaultNote: "the feature's `id`, else its index" }),
  nameField: str({ description: 'Field holding a display name.', minLength: 1 }),
};

const sourceRequired: AnyOfRequired = { alternatives: [['path'], ['url'], ['service']], code: 'config-layer-source-missing' };

const parcelLayer = obj(
  {
    ...layerSourceProps,
    codeField: str({ description: 'Field holding the land-use code (GB/T 21010 code, OSM tag value, EULUC class, …).', minLength: 1, examples: ['DLBM', 'landuse', 'Class'] }),
  },
  { description: 'Land parcels carrying a land-use code: the units of allocation.', required: ['codeField'], anyOfRequired: [sourceRequired] },
);

const unitLayer = obj(
  {
    ...layerSourceProps,
    idField: str({ description: 'Field holding the unit id, joined with the economic table when `economy.joinBy` is `id`.', minLength: 1, defaultNote: "the feature's `id`, else its index" }),
    nameField: str({ description: 'Field holding the unit name, joined with the economic table when `economy.joinBy` is `name`.', minLength: 1 }),
  },
  { description: 'Reporting units (townships, streets) read from a layer.', anyOfRequired: [sourceRequired] },
);

const generatedUnits = obj(
  {
    generate: enm(['grid'], { description: 'Generate square units over the parcels’ extent.' }),
    cellSizeM: num({ description: 'Side of a generated unit.', unit: 'm', exclusiveMin: 0, max: 100_000, examples: [2000] }),
  },
  { description: 'Square units generated over the parcels’ extent, for cities with no township layer.', required: ['generate', 'cellSizeM'] },
);

const poiLayer = obj(
  {
    ...layerSourceProps,
    categoryField: str({ description: 'Field holding the POI type (AMap type code, OSM `other_tags`, …).', minLength: 1, examples: ['typecode', 'other_tags'] }),
    preset: enm(['amap', 'osm'], { description: 'Shipped mapping of the field’s values to POI categories: AMap type codes or OSM tags.' }),
    mapping: rec(nullable(anyOf([poiCategory('POI category.'), arr(poiCategory('POI category.'), { description: 'Several POI categories.', minItems: 1, uniqueItems: true })], {
      description: 'Category or categories of this value; `null` removes the value from the preset.',
    })), { description: 'Field value → POI categories, merged over the preset.', keyName: 'value' }),
    category: anyOf([poiCategory('POI category.'), arr(poiCategory('POI category.'), { description: 'Several POI categories.', minItems: 1, uniqueItems: true })], {
      description: 'Every feature of the layer is of these categories (a bus-stop layer is `transport`).',
    }),
  },
  {
    description: 'A layer of points of interest that weigh industry, commercial and transport pools.',
    anyOfRequired: [
      sourceRequired,
      { alternatives: [['preset'], ['categoryField', 'mapping'], ['category']], code: 'config-poi-category-missing' },
    ],
  },
);

const roadLayer = obj(
  {
    ...layerSourceProps,
    classField: str({ description: 'Field holding the road class (OSM `highway` or a local class name).', minLength: 1, default: 'highway' }),
    mode: enm(['road', 'rail', 'water', 'air'], { description: 'Transport mode of every line of the layer.', default: 'road' }),
  },
  { description: 'A network layer (roads, rail lines, waterways, air routes).', anyOfRequired: [sourceRequired] },
);

const populationLayer = obj(
  {
    ...layerSourceProps,
    weightBy: enm(['field', 'count', 'area'], {
      description: 'How a feature’s population weight is read: the number in `weightField`, 1 per feature, or the polygon’s area.',
      defaultNote: '`field` when `weightField` is set, else `count`',
    }),
    weightField: str({ description: 'Field holding the population of a feature (with `weightBy: field`).', minLength: 1 }),
  },
  {
    description: 'Population points or polygons that weigh the residential pool.',
    anyOfRequired: [sourceRequired],
    requiredIf: [{ property: 'weightField', when: 'weightBy', in: ['field'] }],
  },
);

const layers = obj(
  {
    parcels: parcelLayer,
    units: oneOf('generate', { grid: generatedUnits }, { description: 'Reporting units: a layer, or `{ "generate": "grid", "cellSizeM": … }`.', whenAbsent: unitLayer }),
    pois: arr(poiLayer, { description: 'POI layers; each is counted once.', default: [] }),
    roads: arr(roadLayer, { description: 'Network layers, one mode each.', default: [] }),
    population: populationLayer,
  },
  { description: 'Where each layer is and which fields carry what.', required: ['parcels', 'units'] },
);

// ---------------------------------------------------------------------------------------------
// Land use, inventory, economy
// ---------------------------------------------------------------------------------------------

const landUse = obj(
  {
    preset: enm(['gbt21010', 'third-survey', 'osm', 'euluc', 'euluc-class'], { description: 'Shipped mapping of land-use codes to territorial-space types: GB/T 21010-2017, the Third National Land Survey working classes, OSM tags, EULUC-China level II codes, or the 0–10 integer class scheme of some EULUC-China extracts (euluc-class).' }),
    overrides: rec(nullable(spaceType('Territorial-space type of the code; `null` maps the code to nothing on purpose.')), {
      description: 'Land-use code → territorial-space type, merged over the preset.',
      keyName: 'land-use code',
      default: {},
    }),
  },
  {
    description: 'How land-use codes map to territorial-space types.',
    anyOfRequired: [{ alternatives: [['preset'], ['overrides']], code: 'config-land-use-empty' }],
  },
);

const totalsEntry = obj(
  {
    sector: enm(SECTOR_IDS as readonly SectorId[], { description: 'Sector of METHOD.md §1.' }),
    subsector: enm(SUBSECTOR_IDS, { description: 'Sub-sector (METHOD.md §2).', vocabulary: 'sub-sector', defaultNote: 'inferred from the sector and the space types' }),
    spaceTypes: arr(spaceType('Territorial-space type.'), {
      description: 'Space types of this entry’s own pool (one pool per entry).',
      defaultNote: 'the sub-sector’s space types',
      minItems: 1,
      uniqueItems: true,
    }),
    value: num({ description: 'Emission total in `inventory.unit`; a sink may be given with either sign (always read as a sink).', unit: 't or 10^4 t (inventory.unit)' }),
    label: str({ description: 'Free label shown in reports.', examples: ['Industrial land'] }),
  },
  { description: 'One sector total.', required: ['sector', 'value'] },
);

const totalsInventory = obj(
  {
    mode: enm(['totals'], { description: 'Sector totals entered directly (the paper’s Table 3).' }),
    unit: enm(['t', '10^4 t'], { description: 'Unit of every `value`.', default: 't' }),
    totals: arr(totalsEntry, { description: 'Sector totals, one pool each.', minItems: 1, minItemsCode: 'config-totals-empty' }),
  },
  { description: 'Inventory given as sector totals.', required: ['mode', 'totals'] },
);

const activityInventory = obj(
  {
    mode: enm(['activity'], { description: 'Inventory computed from activity data and emission factors (METHOD.md §1).' }),
    activity: openObj({ description: 'Activity data by sector; validated by the inventory module (see `inventory/activity.ts`).' }),
    gwp: enm(['SAR', 'AR4', 'AR5', 'AR6'], {
      description: 'IPCC global-warming-potential set for non-CO2 gases.',
      default: 'AR5',
      source: 'IPCC AR5 WG1 Table 8.7, 100-year GWP without climate-carbon feedback (CH4 28, N2O 265).',
    }),
    factorOverrides: rec(anyOf([
      num({ description: 'Factor value in the factor’s own unit.' }),
      obj({
        value: num({ description: 'Factor value in the factor’s own unit.' }),
        unit: str({ description: 'Unit of the value (checked against the factor’s unit).' }),
        source: str({ description: 'Where the value comes from; repeated in the report.' }),
      }, { description: 'Factor value with its unit and source.', required: ['value'] }),
    ], { description: 'Value of the factor, plain or with its unit and source.' }), {
      description: 'Emission-factor code → value, merged over the shipped factors.',
      keyName: 'factor code',
      default: {},
    }),
  },
  { description: 'Inventory computed from activity data.', required: ['mode', 'activity'] },
);

const inventory = oneOf('mode', { totals: totalsInventory, activity: activityInventory }, {
  description: 'The city inventory: sector totals or activity data.',
});

const economyRow = obj(
  {
    id: anyOf([str({ description: 'Unit id (text).' }), num({ description: 'Unit id (number).' })], { description: 'Unit id, matched with the unit layer’s `idField`.' }),
    name: str({ description: 'Unit name, matched with the unit layer’s `nameField`.' }),
    value: num({ description: 'Economic weight of the unit (GDP or another measure).', unit: 'economy.unit', min: 0 }),
  },
  { description: 'One row of the economic table.', required: ['value'] },
);

const economyTable = obj(
  {
    source: enm(['table'], { description: 'GDP (or another economic weight) per unit from a table.' }),
    joinBy: enm(['id', 'name'], { description: 'Join rows to units by unit id or by unit name.' }),
    unit: str({ description: 'Unit of `value`, for display only (indices are ratios).', examples: ['10^4 CNY'] }),
    rows: arr(economyRow, { description: 'One row per unit.', minItems: 1 }),
  },
  { description: 'An economic table joined to the units.', required: ['source', 'joinBy', 'rows'] },
);

const economyProxy = obj(
  {
    source: enm(['proxy'], { description: 'A proxy where no GDP per unit exists; reported as a proxy.' }),
    proxy: enm(['poi-count', 'space-type-area'], { description: 'Count POIs of `categories` per unit, or sum the area of parcels of `spaceTypes`.' }),
    categories: arr(poiCategory('POI category.'), {
      description: 'POI categories counted by the `poi-count` proxy.',
      default: ['industry', 'commercial'],
      minItems: 1,
      uniqueItems: true,
    }),
    spaceTypes: arr(spaceType('Territorial-space type.'), {
      description: 'Space types whose parcel area the `space-type-area` proxy sums.',
      default: ['industrial', 'commercial'],
      minItems: 1,
      uniqueItems: true,
    }),
    rationale: str({ description: 'Why this proxy was chosen; repeated in the report.' }),
  },
  { description: 'An economic proxy computed from the layers.', required: ['source', 'proxy'] },
);

const economy = oneOf('source', { table: economyTable, proxy: economyProxy }, {
  description: 'Economic weight G_i of each unit for the ECC index (METHOD.md §4); without it no unit gets ECC or a zone.',
});

// ---------------------------------------------------------------------------------------------
// Method settings
// ---------------------------------------------------------------------------------------------

const allocation = obj(
  {
    roadClassWeights: rec(num({ description: 'Weight of one metre of road of this class.', min: 0, max: 100 }), {
      description: 'Road class → weight for the standard length, merged over the default table; `*_link` takes its parent’s weight.',
      keyName: 'road class',
      default: DEFAULT_ROAD_CLASS_WEIGHTS,
      mergeOverDefault: true,
      source: ROAD_WEIGHT_SOURCE,
    }),
    beta: num({
      description: 'Strength β of the transport-POI correction of the road standard length (0 = plain length rule).',
      min: 0,
      max: 10,
      default: 0.5,
      source: 'Product default (METHOD.md §2); the paper corrects by transport POIs without stating a strength.',
    }),
    poiSnapDistanceM: num({ description: 'POIs outside every parcel snap to the nearest parcel within this distance.', unit: 'm', min: 0, max: 10_000, default: 0, source: 'METHOD.md §2: 0 m is the paper’s rule.' }),
    networkSnapDistanceM: num({ description: 'A transport POI corrects the nearest road segment within this distance.', unit: 'm', min: 0, max: 10_000, default: 50, source: 'METHOD.md §2.' }),
    transportPool: enm(['auto', 'parcels', 'network'], {
      description: 'Transport pool of each transport sub-sector: its parcels, its network, or `auto` (the network when no parcel has that transport land).',
      default: 'auto',
    }),
  },
  { description: 'Tunables of the spatial allocation (METHOD.md §2).', default: {} },
);

const zoning = obj(
  {
    threshold: num({ description: 'Threshold of ECC and ESC separating the four zones.', exclusiveMin: 0, default: 1, source: 'METHOD.md §4.' }),
    tieRule: enm(['above', 'below'], { description: 'Side a value exactly on the threshold goes to.', default: 'above', source: 'METHOD.md §4: on the threshold goes to ">".' }),
  },
  { description: 'Carbon-balance zoning (METHOD.md §4).', default: {} },
);

const classification = obj(
  {
    method: enm(['jenks', 'quantile', 'equal', 'manual'], { description: 'How class limits of the classed maps are found.', default: 'jenks', source: 'METHOD.md §5.' }),
    classes: int({ description: 'Number of classes for positive values (negative values get their own class).', min: 2, max: 12, default: 5, defaultNote: '5; with `manual`, one more than the number of breaks' }),
    breaks: arr(num({ description: 'Class limit.' }), { description: 'Inner class limits for `manual`, ascending.', minItems: 1 }),
  },
  {
    description: 'Classed maps (METHOD.md §5).',
    default: {},
    requiredIf: [{ property: 'breaks', when: 'method', in: ['manual'], code: 'config-manual-breaks' }],
  },
);

const sinkRates = rec(num({ description: 'Sink rate of the space type (positive = uptake).', unit: 't CO2 / ha / a' }), {
  description: 'Sink-rate overrides per territorial-space type, merged over the inventory’s shipped rates.',
  keyName: 'space type',
  keys: SPACE_TYPES as readonly SpaceType[],
  default: {},
});

// ---------------------------------------------------------------------------------------------
// The whole config
// ---------------------------------------------------------------------------------------------

/** The schema table of {@link CityConfig}. */
export const CONFIG_SCHEMA = obj(
  {
    $schema: str({ description: 'JSON Schema reference for editors.', examples: ['../schema/city-config.schema.json'] }),
    name: str({ description: 'City name shown in reports and on the map.', minLength: 1, examples: ['Suzhou'] }),
    description: str({ description: 'Free text: where the data came from, whether it is generated.' }),
    year: int({ description: 'Inventory year.', min: 1900, max: 2100, examples: [2020] }),
    layers,
    landUse,
    inventory,
    economy,
    workingCrs: str({
      description: 'Projected metric CRS every area and length is measured in: `auto` (CGCS2000 3° Gauss–Krüger zone in China, else UTM) or an EPSG code.',
      format: 'crs',
      allowAuto: true,
      default: 'auto',
      examples: ['auto', 'EPSG:4549', 'EPSG:32650'],
    }),
    gridCellSizeM: num({ description: 'Side of a grid cell.', unit: 'm', exclusiveMin: 0, max: 100_000, default: 1000, source: 'METHOD.md §3.' }),
    allocation,
    zoning,
    classification,
    sinkRates,
  },
  { description: 'A city config.', required: ['name', 'layers', 'landUse', 'inventory'] },
);

/** Type of {@link CONFIG_SCHEMA}. */
export type ConfigSchema = typeof CONFIG_SCHEMA;

// Compile-time check: the table describes exactly the shape of `CityConfig` (both directions).
type Described = InferSchema<ConfigSchema>;
type Assert<T extends true> = T;
export type _SchemaCoversTypes = Assert<Described extends CityConfig ? true : false>;
export type _TypesCoverSchema = Assert<CityConfig extends Described ? true : false>;

// ---------------------------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------------------------

/** The description a node carries into the JSON Schema and the docs: sentence, unit, default rule, source. */
export function describeNode(node: SchemaNode): string {
  let text = node.description;
  if (node.unit) text += ` Unit: ${node.unit}.`;
  if (node.defaultNote) text += ` Default: ${node.defaultNote}.`;
  if (node.source) text += ` Source: ${node.source}`;
  return text;
}

/**
 * The JSON Schema (draft 2020-12) of a schema node, by default of the whole city config: what
 * `schema/city-config.schema.json` holds. Descriptions carry the unit, the conditional defaults
 * and the coefficient sources; `default`, `enum`/`const`, ranges, `oneOf` per discriminant and
 * `additionalProperties: false` (where the validator warns about unknown keys) come from the
 * same table as {@link validateConfig}.
 *
 * @param node Schema node to convert; default {@link CONFIG_SCHEMA}.
 * @returns A plain JSON object, ready for `JSON.stringify`.
 * @example
 * const text = JSON.stringify(configToJsonSchema(), null, 2);
 */
export function configToJsonSchema(node: SchemaNode = CONFIG_SCHEMA): Record<string, unknown> {
  const body = nodeToJsonSchema(node);
  if (node !== CONFIG_SCHEMA) return body;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'carbon-balance-map city config',
    ...body,
  };
}

function nodeToJsonSchema(node: SchemaNode): Record<string, unknown> {
  const out: Record<string, unknown> = { description: describeNode(node) };
  switch (node.kind) {
    case 'string':
      out.type = 'string';
      if (node.minLength !== undefined) out.minLength = node.minLength;
      break;
    case 'number':
    case 'integer':
      out.type = node.kind;
      if (node.exclusiveMin !== undefined) out.exclusiveMinimum = node.exclusiveMin;
      if (node.min !== undefined) out.minimum = node.min;
      if (node.max !== undefined) out.maximum = node.max;
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'enum':
      out.type = 'string';
      if (node.values.length === 1) out.const = node.values[0];
      else out.enum = [...node.values];
      break;
    case 'array':
      out.type = 'array';
      out.items = nodeToJsonSchema(node.items);
      if (node.minItems !== undefined) out.minItems = node.minItems;
      if (node.uniqueItems) out.uniqueItems = true;
      break;
    case 'record':
      out.type = 'object';
      if (node.keys) out.propertyNames = { enum: [...node.keys] };
      out.additionalProperties = nodeToJsonSchema(node.values);
      break;
    case 'object': {
      out.type = 'object';
      if (node.open) break;
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, nodeToJsonSchema(v)]));
      if (node.required.length) out.required = [...node.required];
      out.additionalProperties = false;
      const all: Record<string, unknown>[] = [];
      for (const rule of node.requiredIf ?? []) {
        all.push({
          if: { properties: { [rule.when]: { enum: [...rule.in] } }, required: [rule.when] },
          then: { required: [rule.property] },
        });
      }
      for (const rule of node.anyOfRequired ?? []) {
        all.push({ anyOf: rule.alternatives.map((g) => ({ required: [...g] })) });
      }
      if (all.length === 1 && !('if' in all[0])) Object.assign(out, all[0]);
      else if (all.length) out.allOf = all;
      break;
    }
    case 'oneOf': {
      const variants = Object.values(node.variants).map(nodeToJsonSchema);
      if (node.whenAbsent) variants.push(nodeToJsonSchema(node.whenAbsent));
      out.type = 'object';
      out.oneOf = variants;
      break;
    }
    case 'anyOf':
      out.anyOf = node.options.map(nodeToJsonSchema);
      break;
  }
  if (node.default !== undefined) out.default = node.default;
  if (node.examples) out.examples = [...node.examples];
  if (node.nullable) {
    const { description, default: dflt, ...inner } = out;
    const wrapped: Record<string, unknown> = { description, anyOf: [inner, { type: 'null' }] };
    if (dflt !== undefined) wrapped.default = dflt;
    return wrapped;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Flat list of settings (docs table, data-binding form)
// ---------------------------------------------------------------------------------------------

/** One setting of the flattened schema. */
export interface SettingRow {
  /** Dotted path: `layers.pois[].category`, `landUse.overrides.<land-use code>`. */
  path: string;
  node: SchemaNode;
  /** Required in its parent object (always, not conditionally). */
  required: boolean;
  /** Condition under which the row applies (`mode = "totals"`), for discriminated variants. */
  when?: string;
}

/**
 * Every setting of a schema node as a flat list in document order, descending into objects,
 * variants, array items and record values. The docs table and the data-binding form read it.
 *
 * @param node Root node; default {@link CONFIG_SCHEMA}.
 * @param prefix Path of the root (default empty).
 * @example
 * listSettings().find((r) => r.path === 'gridCellSizeM')?.node.default; // 1000
 */
export function listSettings(node: SchemaNode = CONFIG_SCHEMA, prefix = ''): SettingRow[] {
  const rows: SettingRow[] = [];
  collect(node, prefix, undefined, rows);
  return rows;
}

function collect(node: SchemaNode, path: string, when: string | undefined, rows: SettingRow[]): void {
  switch (node.kind) {
    case 'object':
      for (const [key, child] of Object.entries(node.properties)) {
        const p = path ? `${path}.${key}` : key;
        rows.push({ path: p, node: child, required: node.required.includes(key), ...(when ? { when } : {}) });
        collect(child, p, when, rows);
      }
      break;
    case 'oneOf':
      for (const [tag, variant] of Object.entries(node.variants)) {
        collect(variant, path, `${node.discriminant} = "${tag}"`, rows);
      }
      if (node.whenAbsent) collect(node.whenAbsent, path, `no ${node.discriminant}`, rows);
      break;
    case 'array':
      collect(node.items, `${path}[]`, when, rows);
      break;
    case 'record': {
      const p = `${path}.<${node.keyName}>`;
      rows.push({ path: p, node: node.values, required: false, ...(when ? { when } : {}) });
      if (hasChildren(node.values)) collect(node.values, p, when, rows);
      break;
    }
    case 'anyOf':
      for (const option of node.options) collect(option, path, when, rows);
      break;
    default:
      break;
  }
}

function hasChildren(node: SchemaNode): boolean {
  return node.kind === 'object' || node.kind === 'oneOf' || (node.kind === 'anyOf' && node.options.some(hasChildren));
}
