/**
 * China's obfuscated web-map coordinates: GCJ-02 (Amap/Gaode, Tencent, Google China) and BD-09
 * (Baidu). POIs scraped from those services carry them; they sit some 100–700 m off WGS 84 and
 * must be brought back before they meet parcels.
 */
import gcoordImport from 'gcoord';
import { EngineError } from '../types.js';

/** Which offset: `gcj02` (Amap, Tencent) or `bd09` (Baidu, lon/lat form). */
export type OffsetKind = 'gcj02' | 'bd09';

// gcoord is CommonJS whose types declare `export default`. Under NodeNext TypeScript types the
// default import as the whole module namespace; at run time Node gives `module.exports` (the API
// object) and bundlers, reading its ESM build, give the same object. Take whichever has
// `transform`.
type Gcoord = typeof gcoordImport.default;
const gcoord: Gcoord =
  typeof (gcoordImport as unknown as Gcoord).transform === 'function'
    ? (gcoordImport as unknown as Gcoord)
    : gcoordImport.default;

/**
 * gcoord's own test for "in China", outside which GCJ-02 equals WGS 84. Copied so both
 * directions and both kinds agree on the edge.
 */
function inGcoordChinaBox(lon: number, lat: number): boolean {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function crsOf(kind: OffsetKind) {
  return kind === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
}

function checkKind(kind: unknown): asserts kind is OffsetKind {
  if (kind !== 'gcj02' && kind !== 'bd09') {
    // A caller bug: the kind comes from a validated config enum.
    throw new EngineError('crs-bad-offset-kind', `kind must be 'gcj02' or 'bd09', got ${JSON.stringify(kind)}`);
  }
}

/** Forward (the official direction): WGS 84 → offset. */
function forward(kind: OffsetKind, lon: number, lat: number): [number, number] {
  const r = gcoord.transform([lon, lat], gcoord.WGS84, crsOf(kind));
  return [r[0], r[1]];
}

/**
 * Stop once a correction step is smaller than this, degrees (about 1 cm). The offset's gradient
 * is about 1e-3, so the error left after such a step is about 1e-3 of it (0.01 mm) and needs no
 * further forward call to confirm.
 */
const LAST_STEP_DEG = 1e-7;
const MAX_ITERATIONS = 8;

/**
 * WGS 84 lon/lat of a GCJ-02 or BD-09 position.
 *
 * The offsets are published only forwards (WGS 84 → offset). gcoord's inverse for GCJ-02 is
 * already a fixed-point iteration, but it stops at a residual of 1e-6°, and its BD-09 → GCJ-02
 * step is a closed-form approximation: its round trips miss by up to 0.14 m (GCJ-02) and 0.25 m
 * (BD-09) over China (measured). We start from gcoord's inverse and iterate
 * x ← x − (F(x) − target) on the forward transform F; the offset changes slowly with position
 * (gradient about 1e-3), so one step from gcoord's estimate usually suffices. Round trips over
 * China: worst 0.06 mm (GCJ-02) and 0.14 mm (BD-09) measured, tested to 1 mm; about 2.3 µs
 * (GCJ-02) and 3.4 µs (BD-09) per point (docs/crs.md).
 *
 * Outside gcoord's China box (lon 72.004–137.8347, lat 0.8293–55.8271) positions are returned
 * unchanged for both kinds: no offset is applied there. Non-finite input is returned unchanged.
 *
 * @param kind - `gcj02` or `bd09`.
 * @param lon - offset longitude, degrees.
 * @param lat - offset latitude, degrees.
 * @returns `[lon, lat]` in WGS 84 degrees (a new array).
 * @example
 * fromOffsetToWgs84('gcj02', 116.403672, 39.910634); // ≈ [116.397428, 39.90923]
 */
export function fromOffsetToWgs84(kind: OffsetKind, lon: number, lat: number): [number, number] {
  checkKind(kind);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || !inGcoordChinaBox(lon, lat)) return [lon, lat];
  const start = gcoord.transform([lon, lat], crsOf(kind), gcoord.WGS84);
  let x = start[0], y = start[1];
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const f = forward(kind, x, y);
    const dx = f[0] - lon, dy = f[1] - lat;
    x -= dx;
    y -= dy;
    if (Math.abs(dx) < LAST_STEP_DEG && Math.abs(dy) < LAST_STEP_DEG) break;
  }
  return [x, y];
}

/**
 * GCJ-02 or BD-09 lon/lat of a WGS 84 position (the forward direction, exact by definition),
 * e.g. to draw engine results over an Amap or Baidu basemap. Outside gcoord's China box the
 * position is returned unchanged, as in {@link fromOffsetToWgs84}.
 *
 * @param kind - `gcj02` or `bd09`.
 * @param lon - WGS 84 longitude, degrees.
 * @param lat - WGS 84 latitude, degrees.
 * @returns `[lon, lat]` in the offset system (a new array).
 * @example
 * toOffsetFromWgs84('gcj02', 116.397428, 39.90923); // ≈ [116.403672, 39.910634]
 */
export function toOffsetFromWgs84(kind: OffsetKind, lon: number, lat: number): [number, number] {
  checkKind(kind);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || !inGcoordChinaBox(lon, lat)) return [lon, lat];
  return forward(kind, lon, lat);
}
