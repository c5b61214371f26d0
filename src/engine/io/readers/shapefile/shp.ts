/**
 * The .shp geometry file (ESRI Shapefile Technical Description, 1998): a 100-byte header, then
 * records of big-endian number/length and little-endian shape content.
 */
import type { Geometry, Position } from '../../../types.js';
import { assemblePolygonRings } from './rings.js';

/** Shape type names by code. */
export const SHAPE_TYPE_NAMES: Record<number, string> = {
  0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint',
  11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ', 18: 'MultiPointZ',
  21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};

/** One record of the .shp. */
export interface ShpRecord {
  /** Record number as stored (1-based). */
  number: number;
  /** Shape type code of this record (0 = null shape). */
  shapeType: number;
  geometry: Geometry | null;
}

/** Result of {@link readShp}. */
export interface ShpContents {
  /** Shape type of the file header. */
  shapeType: number;
  records: ShpRecord[];
  /** Fatal problem with the header (nothing read). */
  error: string | null;
  /** Record at which reading stopped, and why. */
  truncated: { record: number; reason: string } | null;
  orphanHoles: number[];
  degenerateRings: number[];
  closedRings: number[];
  /** Records of a type that is not read (MultiPatch, unknown codes), by type. */
  unsupported: Map<number, number>;
}

/**
 * Read every record of a .shp file into GeoJSON geometries (2D; Z and M dropped).
 *
 * Point → Point; MultiPoint → MultiPoint; PolyLine → LineString (one part) or MultiLineString;
 * Polygon → Polygon or MultiPolygon (rings grouped by {@link assemblePolygonRings}). A null
 * shape, an empty part list or an unsupported type gives `geometry: null`.
 *
 * @param bytes - the .shp file.
 */
export function readShp(bytes: Uint8Array): ShpContents {
  const out: ShpContents = { shapeType: 0, records: [], error: null, truncated: null, orphanHoles: [], degenerateRings: [], closedRings: [], unsupported: new Map() };
  if (bytes.length < 100) { out.error = `the file has ${bytes.length} bytes, fewer than the 100-byte header`; return out; }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994) { out.error = 'the file code is not 9994; this is not a .shp file'; return out; }
  out.shapeType = dv.getInt32(32, true);
  // The header's file length (16-bit words) is trusted only when it fits the buffer.
  const declared = dv.getInt32(24, false) * 2;
  const end = declared >= 100 && declared <= bytes.length ? declared : bytes.length;

  let p = 100;
  while (p + 8 <= end) {
    const number = dv.getInt32(p, false);
    const len = dv.getInt32(p + 4, false) * 2;
    const c = p + 8;
    if (len < 4 || c + len > end) { out.truncated = { record: number, reason: `content of ${len} bytes at offset ${c} runs past the end (${end})` }; break; }
    const type = dv.getInt32(c, true);
    let geometry: Geometry | null = null;
    try {
      geometry = readShape(dv, c, len, type, number, out);
    } catch (e) {
      out.truncated = { record: number, reason: (e as Error).message };
      break;
    }
    out.records.push({ number, shapeType: type, geometry });
    p = c + len;
  }
  return out;
}

function readShape(dv: DataView, c: number, len: number, type: number, number: number, out: ShpContents): Geometry | null {
  const need = (bytes: number): void => {
    if (bytes > len) throw new Error(`shape content needs ${bytes} bytes but the record holds ${len}`);
  };
  const xy = (o: number): Position => [dv.getFloat64(o, true), dv.getFloat64(o + 8, true)];
  switch (type) {
    case 0: return null;
    case 1: case 11: case 21: {
      need(20);
      const pt = xy(c + 4);
      // ESRI writes "no data" M/Z as < -1e38; a NaN x or y marks an empty point.
      return Number.isFinite(pt[0]) && Number.isFinite(pt[1]) ? { type: 'Point', coordinates: pt } : null;
    }
    case 8: case 18: case 28: {
      need(40);
      const n = dv.getInt32(c + 36, true);
      need(40 + 16 * n);
      const pts: Position[] = [];
      for (let i = 0; i < n; i++) pts.push(xy(c + 40 + 16 * i));
      return n === 0 ? null : { type: 'MultiPoint', coordinates: pts };
    }
    case 3: case 13: case 23: case 5: case 15: case 25: {
      need(44);
      const nParts = dv.getInt32(c + 36, true);
      const nPoints = dv.getInt32(c + 40, true);
      if (nParts < 0 || nPoints < 0) throw new Error(`negative part or point count (${nParts}, ${nPoints})`);
      need(44 + 4 * nParts + 16 * nPoints);
      const ptsAt = c + 44 + 4 * nParts;
      const parts: Position[][] = [];
      for (let i = 0; i < nParts; i++) {
        const from = dv.getInt32(c + 44 + 4 * i, true);
        const to = i + 1 < nParts ? dv.getInt32(c + 44 + 4 * (i + 1), true) : nPoints;
        if (from < 0 || to > nPoints || to < from) throw new Error(`part ${i} indexes points ${from}..${to} of ${nPoints}`);
        const part: Position[] = [];
        for (let k = from; k < to; k++) part.push(xy(ptsAt + 16 * k));
        parts.push(part);
      }
      if (type % 10 === 3) {
        const lines = parts.filter((l) => l.length >= 2);
        if (lines.length === 0) return null;
        return lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines };
      }
      const a = assemblePolygonRings(parts);
      if (a.orphanHoles > 0) out.orphanHoles.push(number);
      if (a.degenerate > 0) out.degenerateRings.push(number);
      if (a.closed > 0) out.closedRings.push(number);
      if (a.polygons.length === 0) return null;
      return a.polygons.length === 1 ? { type: 'Polygon', coordinates: a.polygons[0] } : { type: 'MultiPolygon', coordinates: a.polygons };
    }
    default:
      out.unsupported.set(type, (out.unsupported.get(type) ?? 0) + 1);
      return null;
  }
}
