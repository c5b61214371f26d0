/**
 * CSV writer for spreadsheets: UTF-8 with a byte-order mark (so Excel on a Chinese Windows reads
 * UTF-8 instead of GBK), RFC 4180 quoting and CRLF line ends, plain numbers.
 */
import { makeIssue } from '../../messages/index.js';
import type { Feature, FeatureCollection, Geometry, Issue, Position } from '../../types.js';
import { utf8Encode } from './text.js';
import type { WriteResult } from './write-common.js';
import { featuresOf, NonFiniteTally, ringArea2 } from './write-common.js';

export interface WriteCsvOptions {
  /** Columns, in order; default every property key in first-seen order. */
  fields?: readonly string[];
  /** Geometry columns: `none` (default), `wkt` (a `WKT` column), or `centroid` (`lon`, `lat`). */
  geometry?: 'none' | 'wkt' | 'centroid';
  /** Write the UTF-8 byte-order mark; default true. */
  bom?: boolean;
  /** Layer name put on issues. */
  layer?: string;
}

/** A text that is a plain number literal (`-12.5`, `+3`, `1e-4`): a spreadsheet reads it as that number. */
const NUMBER_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell a spreadsheet will not run as a formula: one starting with `=`, `+`, `-`, `@`, a
 * tab or CR is prefixed with `'` (shown as text in Excel, LibreOffice and Sheets), unless it is a
 * plain number literal. Attribute values come from third parties (OWASP "CSV injection").
 *
 * @example
 * spreadsheetSafe('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 * spreadsheetSafe('-2+3'); // "'-2+3"
 * spreadsheetSafe('-12.5'); // "-12.5"
 */
export function spreadsheetSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !NUMBER_LITERAL.test(s) ? `'${s}` : s;
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF (and one with edge spaces, which Excel trims). */
function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function num(v: number): string {
  // String() gives the shortest round-trip form with no grouping; -0 prints as 0.
  return v === 0 ? '0' : String(v);
}

function wktPositions(ps: readonly Position[]): string {
  return ps.map((p) => `${num(p[0])} ${num(p[1])}`).join(', ');
}

/** WKT (2D) of a geometry, full precision. */
export function geometryToWkt(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `POINT (${num(g.coordinates[0])} ${num(g.coordinates[1])})`;
    case 'LineString':
      return `LINESTRING (${wktPositions(g.coordinates)})`;
    case 'Polygon':
      return `POLYGON (${g.coordinates.map((r) => `(${wktPositions(r)})`).join(', ')})`;
    case 'MultiPoint':
      return `MULTIPOINT (${g.coordinates.map((p) => `(${num(p[0])} ${num(p[1])})`).join(', ')})`;
    case 'MultiLineString':
      return `MULTILINESTRING (${g.coordinates.map((l) => `(${wktPositions(l)})`).join(', ')})`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map((p) => `(${p.map((r) => `(${wktPositions(r)})`).join(', ')})`).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${g.geometries.map(geometryToWkt).join(', ')})`;
  }
}

/**
 * Planar centroid in the geometry's own coordinates: area-weighted over polygon rings (holes
 * subtract), else length-weighted over lines, else the mean of points. For the lon/lat output
 * of the engine the planar formula is exact enough at parcel and township size.
 */
export function planarCentroid(g: Geometry): [number, number] | null {
  let a = 0;
  let cx = 0;
  let cy = 0;
  let len = 0;
  let lx = 0;
  let ly = 0;
  let n = 0;
  let px = 0;
  let py = 0;
  const ring = (r: readonly Position[]): void => {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const cross = r[j][0] * r[i][1] - r[i][0] * r[j][1];
      a += cross;
      cx += (r[j][0] + r[i][0]) * cross;
      cy += (r[j][1] + r[i][1]) * cross;
    }
  };
  const poly = (rings: readonly Position[][]): void => {
    // Orient so the outer ring adds and holes subtract, whatever the input winding.
    rings.forEach((r, i) => {
      const ccw = ringArea2(r) > 0;
      if ((i === 0) === ccw) ring(r);
      else ring([...r].reverse());
    });
  };
  const line = (l: readonly Position[]): void => {
    for (let i = 1; i < l.length; i++) {
      const d = Math.hypot(l[i][0] - l[i - 1][0], l[i][1] - l[i - 1][1]);
      len += d;
      lx += ((l[i][0] + l[i - 1][0]) / 2) * d;
      ly += ((l[i][1] + l[i - 1][1]) / 2) * d;
    }
  };
  const point = (p: Position): void => {
    n++;
    px += p[0];
    py += p[1];
  };
  const walk = (geom: Geometry): void => {
    switch (geom.type) {
      case 'Point': point(geom.coordinates); break;
      case 'MultiPoint': geom.coordinates.forEach(point); break;
      case 'LineString': line(geom.coordinates); geom.coordinates.forEach(point); break;
      case 'MultiLineString': geom.coordinates.forEach((l) => { line(l); l.forEach(point); }); break;
      case 'Polygon': poly(geom.coordinates); geom.coordinates[0]?.forEach(point); break;
      case 'MultiPolygon': geom.coordinates.forEach((p) => { poly(p); p[0]?.forEach(point); }); break;
      case 'GeometryCollection': geom.geometries.forEach(walk); break;
    }
  };
  walk(g);
  if (a !== 0) return [cx / (3 * a), cy / (3 * a)];
  if (len > 0) return [lx / len, ly / len];
  return n > 0 ? [px / n, py / n] : null;
}

/**
 * Write features as CSV: a header row, then one row per feature.
 *
 * Values: numbers in their shortest exact form with no thousands separators (`1234567.5`);
 * booleans `true`/`false`; null, undefined and NaN/±Infinity empty; objects as JSON text.
 * Text starting with `=`, `+`, `-`, `@`, a tab or CR that is not a plain number gets a leading
 * `'` so spreadsheets never run it as a formula ({@link spreadsheetSafe}). Fields holding a
 * comma, a double quote, CR/LF or edge spaces are quoted, quotes doubled (RFC 4180). Lines end
 * with CRLF.
 *
 * @param input - features (a FeatureCollection or an array); not modified.
 * @param fieldsOrOptions - the column list, or {@link WriteCsvOptions} (`fields`, `geometry`
 *   `none`|`wkt`|`centroid` (lon/lat rounded to 7 decimals, about 1 cm), `bom` default true).
 * @returns UTF-8 bytes and issues: `io-write-non-finite`.
 * @example
 * const { bytes } = writeCsv(result.units, ['id', 'name', 'netT', 'zone']);
 */
export function writeCsv(input: FeatureCollection | readonly Feature[], fieldsOrOptions: readonly string[] | WriteCsvOptions = {}): WriteResult {
  const options: WriteCsvOptions = Array.isArray(fieldsOrOptions) ? { fields: fieldsOrOptions as readonly string[] } : (fieldsOrOptions as WriteCsvOptions);
  const features = featuresOf(input);
  const geometry = options.geometry ?? 'none';
  let fields = options.fields;
  if (!fields) {
    const keys = new Set<string>();
    for (const f of features) if (f.properties) for (const k of Object.keys(f.properties)) keys.add(k);
    fields = [...keys];
  }
  const header = [...fields];
  if (geometry === 'wkt') header.push('WKT');
  if (geometry === 'centroid') header.push('lon', 'lat');
  const nonFinite = new NonFiniteTally();
  const lines: string[] = [header.map(csvField).join(',')];
  for (const f of features) {
    const p = f.properties ?? {};
    const cells = fields.map((k) => {
      const v = p[k];
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) {
          nonFinite.note(k);
          return '';
        }
        return num(v);
      }
      if (typeof v === 'string') return csvField(spreadsheetSafe(v));
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      return csvField(spreadsheetSafe(JSON.stringify(v)));
    });
    if (geometry === 'wkt') cells.push(f.geometry ? csvField(geometryToWkt(f.geometry)) : '');
    if (geometry === 'centroid') {
      const c = f.geometry ? planarCentroid(f.geometry) : null;
      cells.push(c ? num(Number(c[0].toFixed(7))) : '', c ? num(Number(c[1].toFixed(7))) : '');
    }
    lines.push(cells.join(','));
  }
  const issues: Issue[] = [];
  const loc = options.layer === undefined ? {} : { layer: options.layer };
  for (const [field, count] of nonFinite.entries()) issues.push(makeIssue('io-write-non-finite', { field, count, ...loc }, { ...loc, field }));
  const text = lines.join('\r\n') + '\r\n';
  return { bytes: utf8Encode((options.bom ?? true) ? '\uFEFF' + text : text), issues };
}
