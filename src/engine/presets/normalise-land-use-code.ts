/**
 * Land-use code normalisation: turn whatever a parcel layer holds (a string with stray spaces,
 * full-width characters, a lost leading zero, a number) into the canonical form of a preset's
 * table, so that lookup is a plain key match.
 */
import type { LandUseCodeStyle, LandUsePresetId } from './land-use-presets.js';
import { isLandUsePresetId, LAND_USE_PRESETS } from './land-use-presets.js';
import { OSM_PLAIN_VALUE_KEYS } from './land-use-tables.js';
import { parseOsmOtherTags } from './parse-osm-other-tags.js';

/** Style used when no preset is named: only spaces and character width are cleaned. */
export type NormaliseStyle = LandUseCodeStyle | 'plain';

// NBSP, ogham space, en/em spaces, narrow NBSP, math space, ideographic (full-width) space.
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Zero-width space and joiners, byte-order mark.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// Full-width ASCII block (！ to ～), including ０–９, Ａ–Ｚ, ａ–ｚ and ＝.
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
// A code followed by its Chinese class name, as some exports write it: `0101水田`, `0101 水田`.
const CODE_WITH_NAME = /^([0-9A-Za-z]{1,6})[\s\-_:.、：]*[\u3400-\u9FFF]/;

/**
 * Raw value → trimmed text with ASCII-width characters, or null. Numbers print without a
 * fractional part when they have none (`101` → `"101"`); non-finite numbers, booleans, objects
 * and empty text give null.
 */
export function foldCodeText(raw: unknown): string | null {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    text = String(raw);
  } else if (typeof raw === 'bigint') text = raw.toString();
  else return null;
  text = text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(ODD_SPACES, ' ')
    .replace(ZERO_WIDTH, '')
    .trim()
    .replace(/\s+/g, ' ');
  return text === '' ? null : text;
}

/**
 * Normalise one code in a given style. `has` tells whether a normalised code is a key of the
 * table being matched, which decides whether a lost leading zero is restored.
 * @internal shared by {@link normaliseLandUseCode} and the land-use mapper.
 */
export function normaliseCodeWith(raw: unknown, style: NormaliseStyle, has: (code: string) => boolean): string | null {
  const text = foldCodeText(raw);
  if (text === null) return null;
  switch (style) {
    case 'plain':
      return text;
    case 'integer': {
      const c = stripQuotes(text).replace(/\s+/g, '').toUpperCase();
      const m = /^0*(\d+)(?:\.0+)?$/.exec(c);
      // Keep the last digit: `00` → `0`, `010` → `10`.
      if (m) return m[1].replace(/^0+(?=\d)/, '');
      return c === '' ? null : c;
    }
    case 'osm':
      return normaliseOsm(text);
    case 'gb':
      return normaliseGb(text, has);
  }
}

function stripQuotes(text: string): string {
  const m = /^(["'])(.*)\1$/.exec(text);
  return m ? m[2].trim() : text;
}

function normaliseGb(text: string, has: (code: string) => boolean): string | null {
  let c = stripQuotes(text);
  const named = CODE_WITH_NAME.exec(c);
  if (named) c = named[1];
  c = c.replace(/\s+/g, '').toUpperCase();
  // A code that went through a spreadsheet as a float: `101.0` → `101`.
  c = c.replace(/^(\d+)\.0+$/, '$1');
  if (c === '') return null;
  if (has(c)) return c;
  // GB codes have an even number of digits before any letter suffix (`01`, `0101`, `08H2A`);
  // a number column drops the leading zero (`101`, `1`). Restore it when that gives a known
  // code, or when the code is all digits of odd length (so `199` still falls back to `01`).
  if (has('0' + c)) return '0' + c;
  if (/^\d{1,3}$/.test(c) && c.length % 2 === 1) return '0' + c;
  return c;
}

function normaliseOsm(text: string): string | null {
  let c = text;
  if (c.includes('=>')) {
    // An hstore string (`"landuse"=>"forest"`): take the first tag under a land-use key.
    const tags = parseOsmOtherTags(c);
    const keys = Object.keys(tags);
    const key = OSM_PLAIN_VALUE_KEYS.find((k) => Object.prototype.hasOwnProperty.call(tags, k)) ?? keys[0];
    if (key === undefined) return null;
    c = `${key}=${tags[key]}`;
  }
  c = stripQuotes(c).toLowerCase();
  const eq = c.indexOf('=');
  if (eq >= 0) {
    const key = stripQuotes(c.slice(0, eq).trim()).replace(/\s+/g, '_');
    const value = stripQuotes(c.slice(eq + 1).trim()).replace(/\s+/g, '_');
    if (value === '') return key === '' ? null : key;
    return key === '' ? value : `${key}=${value}`;
  }
  // OSM values use underscores: `recreation ground` → `recreation_ground`.
  c = c.replace(/\s+/g, '_');
  return c === '' ? null : c;
}

/**
 * Normalise a raw land-use code to the canonical form of a preset's table.
 *
 * Every style: trims, drops zero-width characters, turns NBSP and the ideographic space (U+3000)
 * into spaces, folds full-width characters (`０１０１`, `Ａ`) to ASCII; numbers become their
 * decimal text. Then, by the preset's style:
 * - GB-style presets (`gbt21010`, `third-survey`, `euluc`): removes inner spaces, upper-cases
 *   (`08h2a` → `08H2A`), drops a `.0` (`101.0`), keeps the code of `0101水田`, and restores a
 *   lost leading zero (`101` → `0101`, `1` → `01`, `8H1` → `08H1`). An exact key wins over a
 *   padded one: in `third-survey` `201` is the urban–village code "city", not orchard `0201`.
 * - `osm`: lower-cases, turns inner spaces into `_`, writes `key = value` as `key=value`, and
 *   reads an hstore string (`"landuse"=>"forest"` → `landuse=forest`).
 * - `euluc-class`: drops leading zeros and `.0` (`03` → `3`).
 * - no preset (or an unknown one): only the cleaning common to every style.
 *
 * @param raw the value read from the parcel's code field (string, number, anything).
 * @param preset the preset whose table the code will be matched against.
 * @returns the normalised code, or null when the value is empty, not a string or number, or
 *   not finite.
 * @example
 * normaliseLandUseCode(' ０１０１\u3000', 'gbt21010') // → '0101'
 * normaliseLandUseCode(101, 'gbt21010')             // → '0101'
 * normaliseLandUseCode('Natural = Wood', 'osm')     // → 'natural=wood'
 */
export function normaliseLandUseCode(raw: unknown, preset?: LandUsePresetId): string | null {
  if (!isLandUsePresetId(preset)) return normaliseCodeWith(raw, 'plain', () => false);
  const spec = LAND_USE_PRESETS[preset];
  return normaliseCodeWith(raw, spec.style, (code) => Object.prototype.hasOwnProperty.call(spec.codes, code));
}
