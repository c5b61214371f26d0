/**
 * GeoPackage geometry blobs (GeoPackage 1.3 §2.1.3): a header (`GP`, version, flags, srs_id,
 * optional envelope) followed by ISO WKB.
 */
import type { Geometry } from '../../types.js';
import type { WkbReadResult } from './wkb.js';
import { geometryBbox, readWkb, wkbByteLength, writeWkbInto } from './wkb.js';

/** Envelope sizes in doubles by the flags' envelope indicator (bits 1–3): none, xy, xyz, xym, xyzm. */
const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8];

/** What reading one blob found; `error` says why a blob is not a GeoPackage geometry. */
export interface GpkgGeometryReadResult extends WkbReadResult {
  /** srs_id written in the blob header (may differ from the column's; GeoPackage says it must not). */
  srsId: number | null;
}

/**
 * Read a GeoPackage geometry blob.
 *
 * @returns the 2D geometry (null when empty or unreadable) with what was dropped; never throws.
 */
export function readGpkgGeometry(blob: Uint8Array): GpkgGeometryReadResult {
  const fail = (error: string): GpkgGeometryReadResult => ({ geometry: null, droppedZM: false, empty: false, unsupported: null, error, srsId: null });
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return fail('not a GeoPackage geometry blob (no "GP" magic)');
  const flags = blob[3];
  const le = (flags & 1) === 1;
  const envelope = (flags >> 1) & 7;
  const emptyFlag = (flags >> 4) & 1;
  const extended = (flags >> 5) & 1;
  if (envelope > 4) return fail(`invalid envelope indicator ${envelope}`);
  if (extended) return { ...fail('extended GeoPackage geometry types are not supported'), unsupported: 'extended type' };
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const srsId = view.getInt32(4, le);
  const wkbStart = 8 + ENVELOPE_DOUBLES[envelope] * 8;
  if (emptyFlag === 1) {
    const zm = envelope >= 2;
    return { geometry: null, droppedZM: zm, empty: true, unsupported: null, error: null, srsId };
  }
  if (wkbStart >= blob.length) return fail('blob ends before its WKB');
  const r = readWkb(blob, wkbStart);
  return { ...r, srsId };
}

/**
 * A GeoPackage geometry blob: little-endian header with an xy envelope (none for points, as
 * GDAL writes them) and 2D ISO WKB.
 *
 * @param geometry - the geometry; only x and y are written.
 * @param srsId - the feature table's srs_id.
 */
export function writeGpkgGeometry(geometry: Geometry, srsId: number): Uint8Array {
  const bbox = geometry.type === 'Point' ? null : geometryBbox(geometry);
  const headerLength = 8 + (bbox ? 32 : 0);
  const out = new Uint8Array(headerLength + wkbByteLength(geometry));
  const view = new DataView(out.buffer);
  out[0] = 0x47;
  out[1] = 0x50;
  out[2] = 0; // version 1
  // Flags: bit 0 little-endian; bits 1–3 envelope (1 = xy); bit 4 empty (only for point-less geometries).
  out[3] = 1 | (bbox ? 2 : 0) | (geometry.type !== 'Point' && !bbox ? 16 : 0);
  view.setInt32(4, srsId, true);
  if (bbox) {
    // Envelope order is minx, maxx, miny, maxy (§2.1.3.1.1), not the GeoJSON bbox order.
    view.setFloat64(8, bbox[0], true);
    view.setFloat64(16, bbox[2], true);
    view.setFloat64(24, bbox[1], true);
    view.setFloat64(32, bbox[3], true);
  }
  writeWkbInto(geometry, view, headerLength);
  return out;
}
