/**
 * Land-use code → territorial-space type, through a preset table with a city's overrides merged
 * over it (METHOD.md §2, "Land-use codes are mapped to territorial-space types by a mapping
 * table").
 */
import type { Issue, SpaceType } from '../types.js';
import { SPACE_TYPES } from '../types.js';
import { makeIssue } from '../messages/index.js';
import type { LandUseCodeStyle, LandUsePresetId } from './land-use-presets.js';
import { isLandUsePresetId, LAND_USE_PRESET_IDS, LAND_USE_PRESETS } from './land-use-presets.js';
import type { LandUseCodeTable } from './land-use-tables.js';
import { OSM_PLAIN_VALUE_KEYS } from './land-use-tables.js';
import type { NormaliseStyle } from './normalise-land-use-code.js';
import { normaliseCodeWith } from './normalise-land-use-code.js';

/**
 * What the mapper needs: a preset and overrides. `LandUseConfig` from the city config is one;
 * this type also admits `euluc-class`.
 */
export interface LandUseMapperConfig {
  /** A shipped table ({@link LAND_USE_PRESETS}); none means the overrides are the whole mapping. */
  preset?: LandUsePresetId;
  /**
   * Code → space type, merged over the preset. Keys are normalised like data codes (`101` and
   * `0101` are one key under `gbt21010`). `null` maps a code to nothing on purpose: such parcels
   * are matched, get no space type, and are not reported as unmapped.
   */
  overrides?: Readonly<Record<string, SpaceType | null>>;
}

/**
 * How a code found its row: `exact` (the code itself), `suffix` (a GB code without its letter
 * suffix: `0301K` → `0301`), `parent` (a GB second-level code's first-level class: `0399` → `03`),
 * `tag` (an OSM bare value under a key, `forest` → `landuse=forest`, or a `key=value` code by its
 * bare value override).
 */
export type LandUseMatchVia = 'exact' | 'suffix' | 'parent' | 'tag';

/** Result of mapping one raw code. */
export interface LandUseMatch {
  /** The normalised code, or null when the raw value was empty or not a code. */
  code: string | null;
  /** The territorial-space type, or null (unmapped, or mapped to nothing on purpose). */
  spaceType: SpaceType | null;
  /**
   * True when a row of the overrides or the preset decided the code (including a `null` row and
   * the parent fallback); false for an empty code and for a code no row covers, which the run
   * reports as unmapped.
   */
  matched: boolean;
  /** The table key that decided (`03` for `0399`), or null when unmatched. */
  key: string | null;
  /** Whether an override or the preset table decided, or null when unmatched. */
  source: 'override' | 'preset' | null;
  /** How the key was found, or null when unmatched. */
  via: LandUseMatchVia | null;
}

/** A land-use mapper built from a preset and overrides. */
export interface LandUseMapper {
  /** Map one raw code (string, number, anything a field holds). Never throws. */
  map(raw: unknown): LandUseMatch;
  /** The preset in use, or null (none, or an unknown name: see `issues`). */
  readonly preset: LandUsePresetId | null;
  /** The overrides as applied: normalised code → space type or null. */
  readonly overrides: Readonly<Record<string, SpaceType | null>>;
  /** Problems found in the config (unknown preset, invalid override values). */
  readonly issues: readonly Issue[];
}

const SPACE_TYPE_SET: ReadonlySet<string> = new Set(SPACE_TYPES);

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * Build a land-use mapper: normalises each raw code the preset's way, then looks it up in the
 * overrides and the preset.
 *
 * Lookup goes from the most specific key to the least, and at each step the overrides win over
 * the preset:
 * - GB-style presets: the code itself; then, if it has a letter suffix, the code without it
 *   (`0301K` → `0301`, `08H2A` → `08H2`); then its first-level class (`0399` → `03`). The last
 *   two are still "matched" (the parcel gets a type) but carry `via: 'suffix' | 'parent'` so a run
 *   can report them as info (`landuse-code-parent-fallback`): a code outside the table is a
 *   local extension of the standard far more often than an error, and its first-level class is
 *   what an analyst would pick.
 * - `osm`: the code itself; then a bare value under each key of `OSM_PLAIN_VALUE_KEYS` in order
 *   (`forest` → `landuse=forest`), or, for a `key=value` code, a bare-value override (`forest`).
 * - `euluc-class` and no preset: the code itself only.
 *
 * Reports (in `issues`): `landuse-preset-unknown`, `landuse-override-invalid`,
 * `landuse-override-key-empty`, `landuse-override-duplicate`.
 *
 * @param config the city's `landUse` section (or any {@link LandUseMapperConfig}); not mutated.
 * @example
 * const m = createLandUseMapper({ preset: 'gbt21010', overrides: { '1109': 'utilities' } });
 * m.map(101).spaceType     // → 'cultivated' (code '0101')
 * m.map('1109').spaceType  // → 'utilities' (override)
 * m.map('0399')            // → { code: '0399', spaceType: 'forest', matched: true, key: '03', via: 'parent', … }
 */
export function createLandUseMapper(config: LandUseMapperConfig): LandUseMapper {
  const issues: Issue[] = [];
  const rawPreset: unknown = config?.preset;
  let preset: LandUsePresetId | null = null;
  if (rawPreset !== undefined && rawPreset !== null) {
    if (isLandUsePresetId(rawPreset)) preset = rawPreset;
    else issues.push(makeIssue('landuse-preset-unknown', { preset: rawPreset, expected: LAND_USE_PRESET_IDS }, { path: '$.landUse.preset', expected: LAND_USE_PRESET_IDS, actual: rawPreset }));
  }
  const table: LandUseCodeTable = preset ? LAND_USE_PRESETS[preset].codes : {};
  const style: NormaliseStyle = preset ? LAND_USE_PRESETS[preset].style : 'plain';
  const inPreset = (code: string): boolean => hasOwn(table, code);

  // Overrides: keys normalised against the preset's keys, values checked.
  const overrides: Record<string, SpaceType | null> = {};
  const rawKeysByCode = new Map<string, string[]>();
  const rawOverrides: unknown = config?.overrides;
  if (rawOverrides !== undefined && rawOverrides !== null && typeof rawOverrides === 'object') {
    for (const [rawKey, value] of Object.entries(rawOverrides as Record<string, unknown>)) {
      const path = `$.landUse.overrides[${JSON.stringify(rawKey)}]`;
      if (value !== null && !(typeof value === 'string' && SPACE_TYPE_SET.has(value))) {
        issues.push(makeIssue('landuse-override-invalid', { code: rawKey, value }, { path, expected: SPACE_TYPES, actual: value }));
        continue;
      }
      const code = normaliseCodeWith(rawKey, style, inPreset);
      if (code === null) {
        issues.push(makeIssue('landuse-override-key-empty', { key: rawKey }, { path, actual: rawKey }));
        continue;
      }
      const keys = rawKeysByCode.get(code) ?? [];
      keys.push(rawKey);
      rawKeysByCode.set(code, keys);
      Object.defineProperty(overrides, code, { value, enumerable: true, writable: true, configurable: true });
    }
    for (const [code, keys] of rawKeysByCode) {
      if (keys.length > 1) issues.push(makeIssue('landuse-override-duplicate', { keys, code, value: overrides[code] }, { path: '$.landUse.overrides', actual: keys }));
    }
  }
  Object.freeze(overrides);

  const known = (code: string): boolean => inPreset(code) || hasOwn(overrides, code);
  const candidates = candidateKeys(preset ? LAND_USE_PRESETS[preset].style : null);

  const map = (raw: unknown): LandUseMatch => {
    const code = normaliseCodeWith(raw, style, known);
    if (code === null) return { code: null, spaceType: null, matched: false, key: null, source: null, via: null };
    for (const [key, via] of candidates(code)) {
      if (hasOwn(overrides, key)) return { code, spaceType: overrides[key], matched: true, key, source: 'override', via };
      if (inPreset(key)) return { code, spaceType: table[key].spaceType, matched: true, key, source: 'preset', via };
    }
    return { code, spaceType: null, matched: false, key: null, source: null, via: null };
  };

  return Object.freeze({ map, preset, overrides, issues: Object.freeze(issues) });
}

/** The keys to try for a normalised code, most specific first. */
function candidateKeys(style: LandUseCodeStyle | null): (code: string) => Array<[string, LandUseMatchVia]> {
  switch (style) {
    case 'gb':
      return (code) => {
        const out: Array<[string, LandUseMatchVia]> = [[code, 'exact']];
        const base = code.replace(/[A-Z]+$/, '');
        if (base !== code && base !== '') out.push([base, 'suffix']);
        // First-level class: the two leading digits of a longer code (`0399` → `03`).
        if (/^\d\d./.test(code)) out.push([code.slice(0, 2), 'parent']);
        return out;
      };
    case 'osm':
      return (code) => {
        const out: Array<[string, LandUseMatchVia]> = [[code, 'exact']];
        const eq = code.indexOf('=');
        if (eq >= 0) out.push([code.slice(eq + 1), 'tag']);
        else for (const key of OSM_PLAIN_VALUE_KEYS) out.push([`${key}=${code}`, 'tag']);
        // A multi-valued tag (`farmland;meadow`): try its first value.
        const semi = code.indexOf(';');
        if (semi > 0) for (const c of candidateKeys('osm')(code.slice(0, semi))) out.push(c);
        return out;
      };
    default:
      return (code) => [[code, 'exact']];
  }
}
