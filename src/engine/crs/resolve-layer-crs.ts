/**
 * Deciding which CRS a layer's coordinates are in, and catching projected coordinates that
 * arrive without a declaration.
 */
import type { Issue } from '../types.js';
import { makeIssue } from '../messages/index.js';
import { describeCrs, isGeographicCrs, isKnownCrs } from './definitions.js';
import { parseCrsName, readLegacyCrsMember } from './parse-crs-name.js';

/** The default CRS of GeoJSON (RFC 7946 §4): WGS 84 lon/lat. */
export const DEFAULT_CRS = 'EPSG:4326';

/** Where a layer's CRS came from. */
export type CrsSource = 'config' | 'file' | 'default';

/** Result of {@link resolveLayerCrs}. */
export interface LayerCrs {
  /**
   * Canonical code (`EPSG:nnnn`, `OGC:CRS84`) when there is no error issue. With an error it is
   * the best information available (the declared text if it could not be parsed) and must not be
   * used for computing.
   */
  code: string;
  source: CrsSource;
  issues: Issue[];
}

/** Options of {@link resolveLayerCrs} and {@link detectProjectedWithoutCrs}. */
export interface LayerCrsOptions {
  /** Layer role or file name, copied into the issues' `layer`. Default: none. */
  layer?: string;
}

/**
 * Decide a layer's CRS: the config's declaration wins, then the file's legacy `crs` member, then
 * EPSG:4326 (RFC 7946). Coordinates are always read x = east (lon / easting), y = north, even for
 * CRSs whose official axis order is northing-first (EPSG:4326, 4490, the GK zones): that is how
 * GeoJSON is written by GDAL and every web tool (docs/crs.md, "Axis order"). Nothing is swapped.
 *
 * Issue codes: `crs-name-unparseable` and `crs-unsupported` (errors, config or file),
 * `crs-legacy-datum` (warning: Xian 1980 or Beijing 1954, converted with no datum shift),
 * `crs-member-unreadable` (error: the file has a `crs` member the engine cannot read and the
 * config declares none; guessing would be silent), `crs-config-overrides-file` (warning: both
 * given and they differ).
 *
 * @param declared - the layer's `crs` setting from the config, if any.
 * @param fc - the layer's FeatureCollection (only its `crs` member is read).
 * @param options - see {@link LayerCrsOptions}.
 * @returns code, where it came from, and issues.
 * @example
 * resolveLayerCrs(undefined, { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4549' } } });
 * // { code: 'EPSG:4549', source: 'file', issues: [] }
 */
export function resolveLayerCrs(
  declared: string | undefined,
  fc: { crs?: unknown },
  options: LayerCrsOptions = {},
): LayerCrs {
  const loc = options.layer === undefined ? {} : { layer: options.layer };
  const member = fc?.crs;
  const hasMember = member !== undefined && member !== null;

  if (declared !== undefined && declared.trim() !== '') {
    const code = parseCrsName(declared);
    if (code === null) {
      return { code: declared, source: 'config', issues: [makeIssue('crs-name-unparseable', { ...loc, name: declared }, { ...loc, field: 'crs', actual: declared })] };
    }
    const issues: Issue[] = [];
    if (!isKnownCrs(code)) issues.push(makeIssue('crs-unsupported', { ...loc, code }, { ...loc, field: 'crs', actual: code }));
    const fileCode = hasMember ? readLegacyCrsMember(member) : null;
    if (fileCode !== null && fileCode !== code) {
      issues.push(makeIssue('crs-config-overrides-file', { ...loc, declared: code, file: fileCode }, { ...loc, field: 'crs', expected: code, actual: fileCode }));
    }
    legacyDatumWarning(code, loc, issues);
    return { code, source: 'config', issues };
  }

  if (hasMember) {
    const code = readLegacyCrsMember(member);
    if (code === null) {
      return { code: DEFAULT_CRS, source: 'file', issues: [makeIssue('crs-member-unreadable', { ...loc, member }, { ...loc, field: 'crs', actual: member })] };
    }
    const issues = isKnownCrs(code) ? [] : [makeIssue('crs-unsupported', { ...loc, code }, { ...loc, field: 'crs', actual: code })];
    legacyDatumWarning(code, loc, issues);
    return { code, source: 'file', issues };
  }

  return { code: DEFAULT_CRS, source: 'default', issues: [] };
}

/**
 * A layer on a legacy Chinese datum (Xian 1980, Beijing 1954) is converted with no datum shift:
 * say so (`crs-legacy-datum`, warning), with the order of the position error.
 */
function legacyDatumWarning(code: string, loc: { layer?: string }, issues: Issue[]): void {
  const info = describeCrs(code);
  if (!info?.legacyDatum) return;
  // ~100 m: the order of the Xian 1980 / Beijing 1954 to CGCS2000 differences over China
  // (EPSG's Tarim-basin Beijing 1954 set alone moves points 20–65 m; docs/geometry-hygiene.md).
  issues.push(makeIssue('crs-legacy-datum', { ...loc, code, name: info.name, datum: info.legacyDatum, offsetM: 100 }, {
    ...loc, field: 'crs', actual: code, expected: 'a CRS on WGS 84 or CGCS2000, or data reprojected with local datum parameters',
  }));
}

/**
 * Catch projected coordinates read as degrees: when the layer's CRS is geographic and its bbox
 * leaves lon [-180, 180] or lat [-90, 90], report an error asking for the CRS. Such data must
 * never be measured as degrees. (Small projected values that happen to fit the degree ranges
 * cannot be told apart; the report's extent shows them.)
 *
 * Issue code: `crs-coordinates-not-lonlat` (error).
 *
 * @param bbox - `[minX, minY, maxX, maxY]` of the layer's coordinates as read. A bbox with a
 *   non-finite member (an empty layer) gives no issue.
 * @param code - the layer's resolved CRS; default EPSG:4326. A projected code gives no issue.
 * @param options - `layer`: copied into the issue.
 * @returns the issues found: none, or one error.
 * @example
 * detectProjectedWithoutCrs([500100, 3320000, 512000, 3331000], 'EPSG:4326'); // [issue 'crs-coordinates-not-lonlat']
 * detectProjectedWithoutCrs([120.4, 31.1, 120.8, 31.5], 'EPSG:4326'); // []
 */
export function detectProjectedWithoutCrs(bbox: readonly number[], code?: string, options?: LayerCrsOptions): Issue[];
/**
 * Older form of the same check: CRS and layer in one options object, answering the issue or
 * `null`. Kept so callers written against it keep compiling; prefer the form above.
 */
export function detectProjectedWithoutCrs(bbox: readonly number[], options: LayerCrsOptions & { code?: string }): Issue | null;
export function detectProjectedWithoutCrs(
  bbox: readonly number[],
  codeOrOptions?: string | (LayerCrsOptions & { code?: string }),
  maybeOptions: LayerCrsOptions = {},
): Issue[] | Issue | null {
  if (typeof codeOrOptions === 'object' && codeOrOptions !== null) {
    return checkLonLatRange(bbox, codeOrOptions.code ?? DEFAULT_CRS, codeOrOptions.layer) ?? null;
  }
  const issue = checkLonLatRange(bbox, codeOrOptions ?? DEFAULT_CRS, maybeOptions.layer);
  return issue ? [issue] : [];
}

function checkLonLatRange(bbox: readonly number[], code: string, layer: string | undefined): Issue | undefined {
  if (!isGeographicCrs(code)) return undefined;
  const [minX, minY, maxX, maxY] = bbox;
  if (![minX, minY, maxX, maxY].every(Number.isFinite)) return undefined;
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) return undefined;
  const loc = layer === undefined ? {} : { layer };
  return makeIssue('crs-coordinates-not-lonlat', { ...loc, code, minX, minY, maxX, maxY }, {
    ...loc,
    field: 'crs',
    expected: [-180, -90, 180, 90],
    actual: [minX, minY, maxX, maxY],
  });
}
