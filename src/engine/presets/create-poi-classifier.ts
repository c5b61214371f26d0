/**
 * POI → categories (`industry`, `commercial`, `transport`) for the POI weights of METHOD.md §2,
 * through a preset table (AMap type codes or OSM tags) with the layer's mapping merged over it.
 */
import type { Issue, PoiCategory } from '../types.js';
import { POI_CATEGORIES } from '../types.js';
import { makeIssue } from '../messages/index.js';
import type { PoiCodeTable } from './poi-tables.js';
import { AMAP_POI_CODES, OSM_POI_KEYS, OSM_POI_TAGS } from './poi-tables.js';
import { foldCodeText } from './normalise-land-use-code.js';
import { parseOsmOtherTags } from './parse-osm-other-tags.js';

/** Shipped POI presets. */
export type PoiPresetId = 'amap' | 'osm';

/** One shipped POI preset. */
export interface PoiPreset {
  readonly id: PoiPresetId;
  readonly label: string;
  readonly description: string;
  /** Fields read when the layer names no `categoryField`, first present wins (AMap); OSM reads all tags. */
  readonly defaultFields: readonly string[];
  readonly codes: PoiCodeTable;
}

/** Every shipped POI preset by id; the UI lists these and pre-fills mappings from `codes`. */
export const POI_PRESETS: Readonly<Record<PoiPresetId, PoiPreset>> = Object.freeze({
  amap: Object.freeze({
    id: 'amap',
    label: 'AMap (Gaode) type codes',
    description: 'Six-digit AMap POI type codes (typecode), `|`-separated lists allowed; the most specific of sub-, mid- and big-category rows decides.',
    defaultFields: Object.freeze(['typecode', 'type_code', 'typeCode']),
    codes: AMAP_POI_CODES,
  }),
  osm: Object.freeze({
    id: 'osm',
    label: 'OpenStreetMap tags',
    description: 'OSM tags as direct properties (amenity, shop, highway, …) or packed in an `other_tags` hstore string.',
    defaultFields: Object.freeze(['other_tags']),
    codes: OSM_POI_TAGS,
  }),
});

/** Ids of {@link POI_PRESETS}. */
export const POI_PRESET_IDS: readonly PoiPresetId[] = Object.freeze(['amap', 'osm']);

/** What the classifier reads from a POI layer's config (`PoiLayerConfig` is one). */
export interface PoiClassifierConfig {
  /** Field holding the type code or tags. Default: AMap `typecode`; OSM every property plus `other_tags`. */
  categoryField?: string;
  preset?: PoiPresetId;
  /** Code or tag → categories, merged over the preset; `null` (or `[]`) maps it to nothing. */
  mapping?: Readonly<Record<string, PoiCategory | readonly PoiCategory[] | null>>;
  /** Categories every feature of the layer gets, on top of what its code gives. */
  category?: PoiCategory | readonly PoiCategory[];
}

/** Classifies one POI's properties; also carries the config problems found when it was built. */
export interface PoiClassifier {
  /** Categories of a POI, in `POI_CATEGORIES` order, without repeats; `[]` when none. Never throws. */
  (properties: Readonly<Record<string, unknown>> | null | undefined): PoiCategory[];
  readonly preset: PoiPresetId | null;
  /** `poi-preset-unknown`, `poi-mapping-invalid`, `poi-mapping-key-empty`, `poi-category-invalid`. */
  readonly issues: readonly Issue[];
}

const CATEGORY_SET: ReadonlySet<string> = new Set(POI_CATEGORIES);
const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** Categories as a bit set in POI_CATEGORIES order, so unions are cheap and ordered. */
function toMask(categories: readonly PoiCategory[]): number {
  let mask = 0;
  for (const c of categories) mask |= 1 << POI_CATEGORIES.indexOf(c);
  return mask;
}
function fromMask(mask: number): PoiCategory[] {
  return POI_CATEGORIES.filter((_, i) => (mask & (1 << i)) !== 0);
}

/**
 * Build a POI classifier for one POI layer.
 *
 * - `amap`: the field's value (default `typecode`) is split on `|` (also `;` and `,`); each code
 *   is looked up as itself, then its mid category (`0501xx` → `050100`), then its big category
 *   (`05xxxx` → `050000`); the POI gets the union over its codes. A five-digit number is a code
 *   that lost its leading zero (`50100` → `050100`).
 * - `osm`: without `categoryField`, every property is a tag (`highway=bus_stop` as GDAL writes
 *   it) and `other_tags` is parsed as hstore; with it, that field is parsed as hstore, or as one
 *   `key=value`, or as a bare value of the field (`fclass=restaurant` also tries
 *   `amenity=restaurant`, `shop=restaurant`, … in `OSM_POI_KEYS` order). Each tag is looked up as
 *   `key=value`, then a bare `value` (mapping only), then `key=*`; the POI gets the union over
 *   its tags. A tag valued `no` never counts.
 * - At each step the layer's `mapping` wins over the preset; a more specific row always wins over
 *   a less specific one (a preset `amenity=parking` beats a mapping `amenity=*`).
 * - No preset: the field's value, split like AMap's, is matched exactly against `mapping`.
 * - `category` is added to every feature.
 *
 * @param layer the POI layer's config (or any {@link PoiClassifierConfig}); not mutated.
 * @returns the classifier function, with `preset` and `issues` attached.
 * @example
 * const classify = createPoiClassifier({ preset: 'amap' });
 * classify({ typecode: '050000|170300' }) // → ['industry', 'commercial']
 */
export function createPoiClassifier(layer: PoiClassifierConfig): PoiClassifier {
  const issues: Issue[] = [];
  const rawPreset: unknown = layer?.preset;
  let preset: PoiPresetId | null = null;
  if (rawPreset !== undefined && rawPreset !== null) {
    if (typeof rawPreset === 'string' && hasOwn(POI_PRESETS, rawPreset)) preset = rawPreset as PoiPresetId;
    else issues.push(makeIssue('poi-preset-unknown', { preset: rawPreset, expected: POI_PRESET_IDS }, { path: '$.preset', expected: POI_PRESET_IDS, actual: rawPreset }));
  }
  const table: PoiCodeTable = preset ? POI_PRESETS[preset].codes : {};
  const presetMasks = new Map<string, number>(Object.entries(table).map(([k, v]) => [k, toMask(v.categories)]));

  // The layer's mapping, keys normalised the preset's way.
  const normaliseKey = preset === 'amap' ? normaliseAmapKey : preset === 'osm' ? normaliseOsmKey : normalisePlainKey;
  const mapping = new Map<string, number>();
  const rawMapping: unknown = layer?.mapping;
  if (rawMapping && typeof rawMapping === 'object') {
    for (const [rawKey, value] of Object.entries(rawMapping as Record<string, unknown>)) {
      const path = `$.mapping[${JSON.stringify(rawKey)}]`;
      const list = value === null ? [] : Array.isArray(value) ? value : [value];
      if (!list.every((c) => typeof c === 'string' && CATEGORY_SET.has(c))) {
        issues.push(makeIssue('poi-mapping-invalid', { key: rawKey, value }, { path, expected: POI_CATEGORIES, actual: value }));
        continue;
      }
      const key = normaliseKey(rawKey);
      if (key === null) {
        issues.push(makeIssue('poi-mapping-key-empty', { key: rawKey }, { path, actual: rawKey }));
        continue;
      }
      mapping.set(key, toMask(list as PoiCategory[]));
    }
  }

  let layerMask = 0;
  const rawCategory: unknown = layer?.category;
  if (rawCategory !== undefined && rawCategory !== null) {
    for (const c of Array.isArray(rawCategory) ? rawCategory : [rawCategory]) {
      if (typeof c === 'string' && CATEGORY_SET.has(c)) layerMask |= toMask([c as PoiCategory]);
      else issues.push(makeIssue('poi-category-invalid', { value: c, expected: POI_CATEGORIES }, { path: '$.category', expected: POI_CATEGORIES, actual: c }));
    }
  }

  // First row found among `keys`, mapping before preset at each key.
  const lookup = (keys: readonly string[]): number | undefined => {
    for (const key of keys) {
      const m = mapping.get(key);
      if (m !== undefined) return m;
      const p = presetMasks.get(key);
      if (p !== undefined) return p;
    }
    return undefined;
  };
  const field = typeof layer?.categoryField === 'string' && layer.categoryField !== '' ? layer.categoryField : undefined;

  let classifyCodes: (properties: Readonly<Record<string, unknown>>) => number;
  if (preset === 'amap') {
    const fields = field ? [field] : POI_PRESETS.amap.defaultFields;
    classifyCodes = (properties) => {
      let mask = 0;
      for (const token of splitCodes(readField(properties, fields))) {
        const code = normaliseAmapKey(token);
        const keys = [token.toLowerCase()];
        if (code !== null && /^\d{6}$/.test(code)) keys.push(code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`);
        mask |= lookup(keys) ?? 0;
      }
      return mask;
    };
  } else if (preset === 'osm') {
    classifyCodes = (properties) => {
      let mask = 0;
      for (const [key, value, bare] of osmTags(properties, field)) {
        if (value === '' || value === 'no') continue;
        const keys = [`${key}=${value}`, value, `${key}=*`];
        if (bare) for (const k of OSM_POI_KEYS) keys.push(`${k}=${value}`);
        // Only exact `key=value` rows may answer for a bare value, never `key=*` wildcards.
        mask |= lookup(keys) ?? 0;
      }
      return mask;
    };
  } else {
    classifyCodes = (properties) => {
      let mask = 0;
      if (field === undefined) return mask;
      for (const token of splitCodes(readField(properties, [field]))) mask |= mapping.get(token.toLowerCase()) ?? 0;
      return mask;
    };
  }

  const classify = (properties: Readonly<Record<string, unknown>> | null | undefined): PoiCategory[] => {
    const props = properties && typeof properties === 'object' ? properties : {};
    return fromMask(classifyCodes(props) | layerMask);
  };
  return Object.freeze(Object.assign(classify, { preset, issues: Object.freeze(issues) })) as PoiClassifier;
}

/** The first field present (exact name first, then case-insensitively). */
function readField(properties: Readonly<Record<string, unknown>>, fields: readonly string[]): unknown {
  for (const f of fields) if (hasOwn(properties, f) && properties[f] !== null && properties[f] !== undefined) return properties[f];
  const lower = new Set(fields.map((f) => f.toLowerCase()));
  for (const [k, v] of Object.entries(properties)) if (lower.has(k.toLowerCase()) && v !== null && v !== undefined) return v;
  return undefined;
}

/** `050000|060000` → ['050000', '060000']; numbers become text. */
function splitCodes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(splitCodes);
  const text = foldCodeText(value);
  if (text === null) return [];
  return text.split(/[|;,，；]/).map((t) => t.trim()).filter((t) => t !== '');
}

function normaliseAmapKey(raw: string): string | null {
  const text = foldCodeText(raw);
  if (text === null) return null;
  const c = text.replace(/\s+/g, '').replace(/^(\d+)\.0+$/, '$1');
  if (/^\d{5}$/.test(c)) return '0' + c; // a number column dropped the leading zero
  if (/^\d{2}$/.test(c)) return c + '0000'; // a big-category prefix
  if (/^\d{4}$/.test(c)) return c + '00'; // a mid-category prefix
  return c.toLowerCase();
}

function normaliseOsmKey(raw: string): string | null {
  const text = foldCodeText(raw);
  if (text === null) return null;
  const c = text.toLowerCase();
  const eq = c.indexOf('=');
  if (eq < 0) return c.replace(/\s+/g, '_');
  const key = c.slice(0, eq).trim().replace(/\s+/g, '_');
  const value = c.slice(eq + 1).trim().replace(/\s+/g, '_');
  if (key === '') return value === '' ? null : value;
  return `${key}=${value === '' ? '*' : value}`;
}

function normalisePlainKey(raw: string): string | null {
  const text = foldCodeText(raw);
  return text === null ? null : text.toLowerCase();
}

/** Properties that are never OSM tags. */
const NOT_TAGS: ReadonlySet<string> = new Set(['osm_id', 'osm_way_id', 'osm_type', 'id', '@id', 'other_tags', 'z_order', 'name']);

/** A POI's tags as [key, value, bare]: `bare` marks a plain value read from a non-tag field. */
function osmTags(properties: Readonly<Record<string, unknown>>, field: string | undefined): Array<[string, string, boolean]> {
  const out: Array<[string, string, boolean]> = [];
  const seen = new Set<string>();
  const add = (key: string, value: unknown, bare = false): void => {
    const k = key.trim().toLowerCase();
    const v = foldCodeText(value);
    if (k === '' || v === null) return;
    const vv = v.toLowerCase();
    const id = `${k}=${vv}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push([k, vv, bare]);
  };
  const addText = (key: string, value: unknown): void => {
    if (typeof value === 'string' && value.includes('=>')) {
      for (const [k, v] of Object.entries(parseOsmOtherTags(value))) add(k, v);
    } else if (typeof value === 'string' && value.includes('=')) {
      const eq = value.indexOf('=');
      add(value.slice(0, eq), value.slice(eq + 1));
    } else {
      add(key, value, !OSM_POI_KEYS.includes(key.toLowerCase()));
    }
  };
  if (field !== undefined) {
    addText(field, readField(properties, [field]));
    return out;
  }
  for (const [k, v] of Object.entries(properties)) {
    if (NOT_TAGS.has(k.toLowerCase())) continue;
    if (typeof v === 'string' || typeof v === 'number') add(k, v);
  }
  const other = readField(properties, ['other_tags']);
  if (typeof other === 'string') for (const [k, v] of Object.entries(parseOsmOtherTags(other))) add(k, v);
  return out;
}
