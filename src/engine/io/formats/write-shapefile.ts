/**
 * ESRI Shapefile writer, zipped: `.shp .shx .dbf .prj .cpg` with UTF-8 attribute text (the
 * `.cpg` says so; GDAL, QGIS and ArcGIS honour it), DBF field names cut to 10 bytes and kept
 * unique, and polygon rings in ESRI order (outer rings clockwise, holes counter-clockwise).
 */
import { zipSync } from 'fflate';
import { makeIssue } from '../../messages/index.js';
import type { Feature, FeatureCollection, Geometry, Issue, Position } from '../../types.js';
import { esriWkt } from './crs-wkt.js';
import { truncateUtf8, utf8Encode, utf8Length } from './text.js';
import type { FieldKind, WriteResult } from './write-common.js';
import { featuresOf, inferSchema, NonFiniteTally, orientRing } from './write-common.js';

export interface WriteShapefileOptions {
  /** Base name of the files inside the zip (`units` → `units.shp`, …). Default `layer`. */
  name?: string;
  /** CRS of the coordinates, for the `.prj`; default `EPSG:4326`. Coordinates are not transformed. */
  crs?: string;
  /** Date in the DBF header and the zip entries; default now (fix it for reproducible files). */
  date?: Date;
}

/** How one property became a DBF field. */
export interface DbfFieldInfo {
  /** Property name in the features. */
  property: string;
  /** Field name in the DBF (≤ 10 bytes, unique ignoring case). */
  name: string;
  /** `C` text, `N` number (decimals 0 = integer), `L` logical. */
  type: 'C' | 'N' | 'L';
  /** Width in bytes. */
  length: number;
  decimals: number;
}

export interface ShapefileZipResult extends WriteResult {
  /** The loose files, by name inside the zip. */
  files: Record<string, Uint8Array>;
  /** The DBF schema, in column order. */
  fields: DbfFieldInfo[];
}

type ShapeFamily = 'point' | 'multipoint' | 'polyline' | 'polygon';
const SHAPE_TYPE: Record<ShapeFamily, number> = { point: 1, polyline: 3, polygon: 5, multipoint: 8 };

function familyOf(g: Geometry): ShapeFamily | null {
  switch (g.type) {
    case 'Point':
      return 'point';
    case 'MultiPoint':
      return 'multipoint';
    case 'LineString':
    case 'MultiLineString':
      return 'polyline';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
    default:
      return null;
  }
}

/** Parts of a geometry as point lists for a shape of the family, rings oriented for ESRI. */
function partsOf(g: Geometry, family: ShapeFamily): Position[][] | null {
  if (family === 'point') return g.type === 'Point' ? [[g.coordinates]] : null;
  if (family === 'multipoint') return g.type === 'MultiPoint' ? [g.coordinates] : g.type === 'Point' ? [[g.coordinates]] : null;
  if (family === 'polyline') {
    if (g.type === 'LineString') return [g.coordinates];
    if (g.type === 'MultiLineString') return g.coordinates;
    return null;
  }
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  if (!polys) return null;
  const out: Position[][] = [];
  // ESRI: an outer ring is clockwise, a hole counter-clockwise (Shapefile Technical Description, p. 8).
  for (const poly of polys) poly.forEach((ring, i) => out.push(orientRing(ring, i !== 0)));
  return out;
}

interface DbfColumn extends DbfFieldInfo {
  kind: FieldKind;
  /** Cell text per record (already formatted, not padded), or null for blank. */
  cells: Array<string | null>;
}

/** Digits after the point that give back the value (shortest round-trip form), at most 15. */
function decimalsOf(v: number): number {
  const s = String(Math.abs(v));
  const e = s.indexOf('e');
  if (e >= 0) {
    const exp = Number(s.slice(e + 1));
    const mant = s.slice(0, e);
    const dot = mant.indexOf('.');
    const md = dot >= 0 ? mant.length - dot - 1 : 0;
    return Math.max(0, Math.min(15, md - exp));
  }
  const dot = s.indexOf('.');
  return dot >= 0 ? Math.min(15, s.length - dot - 1) : 0;
}

const MAX_NUMERIC_WIDTH = 24;
const MAX_TEXT_BYTES = 254;

/** Unique DBF names: the first 10 bytes, then `_1`, `_2`, … in place of the last bytes on a clash. */
function dbfNames(props: readonly string[]): string[] {
  const taken = new Set<string>();
  return props.map((p) => {
    const clean = p.replace(/\0/g, '') || 'FIELD';
    let name = truncateUtf8(clean, 10);
    for (let i = 1; taken.has(name.toUpperCase()); i++) {
      const suffix = `_${i}`;
      name = truncateUtf8(clean, 10 - suffix.length) + suffix;
    }
    taken.add(name.toUpperCase());
    return name;
  });
}

/**
 * Write a FeatureCollection as a zipped shapefile: `<name>.shp`, `.shx`, `.dbf`, `.prj` (ESRI
 * WKT, for bundled CRSs) and `.cpg` (`UTF-8`).
 *
 * - Shape type: that of the first feature with a geometry (Point, MultiPoint, PolyLine for
 *   (Multi)LineString, Polygon for (Multi)Polygon). Features of another type, geometry
 *   collections and features without geometry get a Null shape and keep their attributes.
 * - DBF: text `C` (UTF-8, width = longest value, at most 254 bytes, longer values cut at a
 *   character boundary); numbers `N` (integers with 0 decimals; others with the decimals of the
 *   most precise value, at most 15, width at most 24); booleans `L`; objects as JSON text.
 *   Null and NaN/±Infinity are blank cells (DBF has no null; GDAL reads a blank number as null).
 *
 * @param input - features in `options.crs` (default WGS 84 lon/lat); not modified.
 * @param options - `name` (default `layer`), `crs` (default `EPSG:4326`), `date`.
 * @returns the zip (`bytes`), the loose `files`, the DBF `fields`, and issues:
 *   `io-write-field-renamed` (a name cut to 10 bytes or made unique), `io-write-text-truncated`,
 *   `io-write-geometry-type-mixed`, `io-write-non-finite`, `io-write-crs-unknown` (no `.prj`),
 *   `io-write-too-large` (over 2 GB: nothing written).
 * @example
 * const { bytes, fields } = writeShapefileZip(result.units, { name: 'units' });
 */
export function writeShapefileZip(input: FeatureCollection | readonly Feature[], options: WriteShapefileOptions = {}): ShapefileZipResult {
  const name = options.name ?? 'layer';
  const crs = options.crs ?? 'EPSG:4326';
  const date = options.date ?? new Date();
  const loc = { layer: name };
  const features = featuresOf(input);
  const issues: Issue[] = [];

  // ---------------------------------------------------------------- geometry
  let family: ShapeFamily | null = null;
  for (const f of features) {
    if (f.geometry) {
      family = familyOf(f.geometry);
      if (family) break;
    }
  }
  // MultiPoint wins over Point when both occur: a point is a one-point multipoint.
  if (family === 'point' && features.some((f) => f.geometry?.type === 'MultiPoint')) family = 'multipoint';
  const shapeType = family ? SHAPE_TYPE[family] : 0;
  const records: Uint8Array[] = [];
  let mismatched = 0;
  let bbox: [number, number, number, number] | null = null;
  for (const f of features) {
    const parts = f.geometry && family ? partsOf(f.geometry, family) : null;
    if (f.geometry && !parts) mismatched++;
    const points = parts ? parts.reduce((n, p) => n + p.length, 0) : 0;
    if (!parts || points === 0) {
      const rec = new Uint8Array(4); // Null shape: type 0
      records.push(rec);
      continue;
    }
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const part of parts) {
      for (const p of part) {
        if (p[0] < minX) minX = p[0];
        if (p[0] > maxX) maxX = p[0];
        if (p[1] < minY) minY = p[1];
        if (p[1] > maxY) maxY = p[1];
      }
    }
    bbox = bbox ? [Math.min(bbox[0], minX), Math.min(bbox[1], minY), Math.max(bbox[2], maxX), Math.max(bbox[3], maxY)] : [minX, minY, maxX, maxY];
    if (family === 'point') {
      const rec = new Uint8Array(20);
      const v = new DataView(rec.buffer);
      v.setInt32(0, 1, true);
      v.setFloat64(4, parts[0][0][0], true);
      v.setFloat64(12, parts[0][0][1], true);
      records.push(rec);
    } else if (family === 'multipoint') {
      const rec = new Uint8Array(40 + 16 * points);
      const v = new DataView(rec.buffer);
      v.setInt32(0, 8, true);
      v.setFloat64(4, minX, true);
      v.setFloat64(12, minY, true);
      v.setFloat64(20, maxX, true);
      v.setFloat64(28, maxY, true);
      v.setInt32(36, points, true);
      let o = 40;
      for (const p of parts[0]) {
        v.setFloat64(o, p[0], true);
        v.setFloat64(o + 8, p[1], true);
        o += 16;
      }
      records.push(rec);
    } else {
      const rec = new Uint8Array(44 + 4 * parts.length + 16 * points);
      const v = new DataView(rec.buffer);
      v.setInt32(0, shapeType, true);
      v.setFloat64(4, minX, true);
      v.setFloat64(12, minY, true);
      v.setFloat64(20, maxX, true);
      v.setFloat64(28, maxY, true);
      v.setInt32(36, parts.length, true);
      v.setInt32(40, points, true);
      let o = 44;
      let start = 0;
      for (const part of parts) {
        v.setInt32(o, start, true);
        o += 4;
        start += part.length;
      }
      for (const part of parts) {
        for (const p of part) {
          v.setFloat64(o, p[0], true);
          v.setFloat64(o + 8, p[1], true);
          o += 16;
        }
      }
      records.push(rec);
    }
  }
  if (mismatched > 0) {
    const expected = family === 'polygon' ? 'Polygon or MultiPolygon' : family === 'polyline' ? 'LineString or MultiLineString' : family === 'multipoint' ? 'Point or MultiPoint' : 'Point';
    issues.push(makeIssue('io-write-geometry-type-mixed', { expected, count: mismatched, ...loc }, { ...loc, expected }));
  }

  const shpLength = 100 + records.reduce((n, r) => n + 8 + r.length, 0);
  const shxLength = 100 + 8 * records.length;

  // ---------------------------------------------------------------- attributes
  const schema = inferSchema(features);
  const names = dbfNames(schema.map((s) => s.name));
  const nonFinite = new NonFiniteTally();
  const columns: DbfColumn[] = schema.map((s, i) => {
    if (names[i] !== s.name) {
      issues.push(
        makeIssue(
          'io-write-field-renamed',
          { format: 'Shapefile', original: s.name, written: names[i], reason: 'DBF field names hold at most 10 bytes and must be unique', ...loc },
          { ...loc, field: s.name, actual: names[i] },
        ),
      );
    }
    return { property: s.name, name: names[i], kind: s.kind, type: 'C', length: 1, decimals: 0, cells: [] };
  });
  for (const col of columns) {
    const values = features.map((f) => (f.properties ? f.properties[col.property] : undefined));
    if (col.kind === 'integer' || col.kind === 'real') {
      let decimals = 0;
      if (col.kind === 'real') for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) decimals = Math.max(decimals, decimalsOf(v));
      const format = (d: number): Array<string | null> =>
        values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? (Math.abs(v) < 1e21 ? v.toFixed(d) : String(v)) : null));
      let cells = format(decimals);
      let width = cells.reduce((w, c) => Math.max(w, c ? c.length : 0), 1);
      if (width > MAX_NUMERIC_WIDTH && decimals > 0) {
        // Too wide: give up decimals rather than digits of the integer part.
        decimals = Math.max(0, decimals - (width - MAX_NUMERIC_WIDTH));
        cells = format(decimals);
        width = cells.reduce((w, c) => Math.max(w, c ? c.length : 0), 1);
      }
      for (const v of values) if (typeof v === 'number' && !Number.isFinite(v)) nonFinite.note(col.property);
      Object.assign(col, { type: 'N', length: Math.min(width, 254), decimals, cells });
    } else if (col.kind === 'boolean') {
      Object.assign(col, { type: 'L', length: 1, decimals: 0, cells: values.map((v) => (v === true ? 'T' : v === false ? 'F' : '?')) });
    } else {
      let cut = 0;
      const cells = values.map((v) => {
        if (v === null || v === undefined) return null;
        if (typeof v === 'number' && !Number.isFinite(v)) {
          nonFinite.note(col.property);
          return null;
        }
        const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
        if (utf8Length(s) > MAX_TEXT_BYTES) {
          cut++;
          return truncateUtf8(s, MAX_TEXT_BYTES);
        }
        return s;
      });
      if (cut) issues.push(makeIssue('io-write-text-truncated', { field: col.property, count: cut, maxBytes: MAX_TEXT_BYTES, ...loc }, { ...loc, field: col.property }));
      const width = cells.reduce((w, c) => Math.max(w, c ? utf8Length(c) : 0), 1);
      Object.assign(col, { type: 'C', length: width, decimals: 0, cells });
    }
  }
  for (const [field, count] of nonFinite.entries()) issues.push(makeIssue('io-write-non-finite', { field, count, ...loc }, { ...loc, field }));
  const recordLength = 1 + columns.reduce((n, c) => n + c.length, 0);
  const headerLength = 32 + 32 * columns.length + 1;
  const dbfLength = headerLength + recordLength * features.length + 1;

  const TWO_GB = 2 ** 31 - 1;
  const fields: DbfFieldInfo[] = columns.map(({ property, name: n, type, length, decimals }) => ({ property, name: n, type, length, decimals }));
  if (shpLength > TWO_GB || dbfLength > TWO_GB) {
    issues.push(makeIssue('io-write-too-large', { bytes: Math.max(shpLength, dbfLength), ...loc }, loc));
    return { bytes: new Uint8Array(0), files: {}, fields, issues };
  }

  // ---------------------------------------------------------------- .shp and .shx
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(shxLength);
  const header = (buf: Uint8Array, length: number): void => {
    const v = new DataView(buf.buffer);
    v.setInt32(0, 9994, false);
    v.setInt32(24, length / 2, false); // in 16-bit words
    v.setInt32(28, 1000, true);
    v.setInt32(32, shapeType, true);
    const b = bbox ?? [0, 0, 0, 0];
    v.setFloat64(36, b[0], true);
    v.setFloat64(44, b[1], true);
    v.setFloat64(52, b[2], true);
    v.setFloat64(60, b[3], true);
  };
  header(shp, shpLength);
  header(shx, shxLength);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  records.forEach((rec, i) => {
    shpView.setInt32(offset, i + 1, false);
    shpView.setInt32(offset + 4, rec.length / 2, false);
    shp.set(rec, offset + 8);
    shxView.setInt32(100 + 8 * i, offset / 2, false);
    shxView.setInt32(104 + 8 * i, rec.length / 2, false);
    offset += 8 + rec.length;
  });

  // ---------------------------------------------------------------- .dbf
  const dbf = new Uint8Array(dbfLength);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 0x03; // dBase III without memo
  dbf[1] = date.getUTCFullYear() - 1900;
  dbf[2] = date.getUTCMonth() + 1;
  dbf[3] = date.getUTCDate();
  dv.setUint32(4, features.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  // Byte 29, the language driver, stays 0: the .cpg names the encoding (as GDAL writes UTF-8).
  columns.forEach((c, i) => {
    const o = 32 + 32 * i;
    dbf.set(utf8Encode(c.name), o);
    dbf[o + 11] = c.type.charCodeAt(0);
    dbf[o + 16] = c.length;
    dbf[o + 17] = c.decimals;
  });
  dbf[headerLength - 1] = 0x0d;
  dbf.fill(0x20, headerLength, dbfLength - 1);
  for (let r = 0; r < features.length; r++) {
    let o = headerLength + r * recordLength + 1; // byte 0 of a record: ' ' = not deleted
    for (const c of columns) {
      const cell = c.cells[r];
      if (cell !== null) {
        const bytes = utf8Encode(cell);
        // Numbers are right-aligned, text and logicals left-aligned.
        const at = c.type === 'N' ? o + c.length - bytes.length : o;
        dbf.set(bytes.subarray(0, c.length), Math.max(o, at));
      }
      o += c.length;
    }
  }
  dbf[dbfLength - 1] = 0x1a;

  const files: Record<string, Uint8Array> = { [`${name}.shp`]: shp, [`${name}.shx`]: shx, [`${name}.dbf`]: dbf, [`${name}.cpg`]: utf8Encode('UTF-8') };
  const prj = esriWkt(crs);
  if (prj) files[`${name}.prj`] = utf8Encode(prj);
  else issues.push(makeIssue('io-write-crs-unknown', { crs, format: 'Shapefile', ...loc }, { ...loc, actual: crs }));
  const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { mtime: date }]])), { level: 6 });
  return { bytes, files, fields, issues };
}
