/**
 * Area of a ring inside a convex clip, without allocating: the hot loop of the parcel overlap
 * check, where most candidate pairs are neighbours that only share an edge.
 */
import type { Ring } from './planar.js';

let bufA = new Float64Array(64);
let bufB = new Float64Array(64);

/**
 * Area of `ring ∩ clip`, m², for any simple ring and a convex clip. Same arithmetic as
 * Sutherland–Hodgman in `clipRingToConvex` (exact for areas even when the ring is concave: the
 * zero-width bridges it leaves add nothing), plus two shortcuts: a clip edge with the whole
 * ring on its outer side (or on the edge line, within `sideToleranceM`) gives 0 at once, which
 * settles neighbouring parcels that share that edge; a ring inside every edge gives its own area.
 * @param clip - convex ring, counter-clockwise when `orientation` is 1, clockwise when -1.
 * @param sideToleranceM - distance from an edge line below which a vertex counts as on it, m.
 *   Default 1e-7: a shared edge projected twice from the same source coordinates lands
 *   within ~1e-9 m of itself.
 */
export function ringAreaInConvex(ring: Ring, clip: Ring, orientation: 1 | -1, sideToleranceM = 1e-7): number {
  const n = ring.length, m = clip.length;
  if (n < 3 || m < 3) return 0;
  // Shift to the first clip vertex: keeps precision for Gauss–Krüger-sized coordinates.
  const x0 = clip[0][0], y0 = clip[0][1];
  let allInside = true;
  for (let e = 0; e < m; e++) {
    const a = clip[e], b = clip[e + 1 === m ? 0 : e + 1];
    const ax = a[0] - x0, ay = a[1] - y0;
    const ex = b[0] - a[0], ey = b[1] - a[1];
    const tol = sideToleranceM * Math.sqrt(ex * ex + ey * ey);
    let max = -Infinity, min = Infinity;
    for (let i = 0; i < n; i++) {
      const s = orientation * (ex * (ring[i][1] - y0 - ay) - ey * (ring[i][0] - x0 - ax));
      if (s > max) max = s;
      if (s < min) min = s;
    }
    if (max <= tol) return 0;
    if (min < -tol) allInside = false;
  }
  if (allInside) return Math.abs(shoelace(ring));
  // Sutherland–Hodgman on flat buffers (x, y interleaved), shifted coordinates.
  if (bufA.length < 4 * (n + m)) { bufA = new Float64Array(8 * (n + m)); bufB = new Float64Array(8 * (n + m)); }
  let src = bufA, dst = bufB;
  let count = n;
  for (let i = 0; i < n; i++) { src[2 * i] = ring[i][0] - x0; src[2 * i + 1] = ring[i][1] - y0; }
  for (let e = 0; e < m && count > 0; e++) {
    const a = clip[e], b = clip[e + 1 === m ? 0 : e + 1];
    const ax = a[0] - x0, ay = a[1] - y0;
    const ex = b[0] - a[0], ey = b[1] - a[1];
    if (ex === 0 && ey === 0) continue;
    if (dst.length < 2 * (2 * count + 2)) {
      const grown = new Float64Array(4 * (2 * count + 2));
      if (dst === bufA) bufA = grown; else bufB = grown;
      dst = grown;
    }
    let k = 0;
    let px = src[2 * (count - 1)], py = src[2 * (count - 1) + 1];
    let sp = orientation * (ex * (py - ay) - ey * (px - ax));
    for (let i = 0; i < count; i++) {
      const cx = src[2 * i], cy = src[2 * i + 1];
      const sc = orientation * (ex * (cy - ay) - ey * (cx - ax));
      if ((sc >= 0) !== (sp >= 0)) {
        const t = sp / (sp - sc);
        dst[k++] = px + t * (cx - px);
        dst[k++] = py + t * (cy - py);
      }
      if (sc >= 0) { dst[k++] = cx; dst[k++] = cy; }
      px = cx; py = cy; sp = sc;
    }
    count = k / 2;
    const tmp = src; src = dst; dst = tmp;
  }
  if (count < 3) return 0;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const j = i + 1 === count ? 0 : i + 1;
    sum += src[2 * i] * src[2 * j + 1] - src[2 * j] * src[2 * i + 1];
  }
  return Math.abs(sum / 2);
}

function shoelace(ring: Ring): number {
  const n = ring.length;
  const x0 = ring[0][0], y0 = ring[0][1];
  let sum = 0;
  for (let i = 1; i < n - 1; i++) {
    sum += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return sum / 2;
}

const tri: Ring = [[0, 0], [0, 0], [0, 0]];

/**
 * Area of `a ∩ b`, m², for two valid multipolygons (parts disjoint, holes inside their shells),
 * with no general overlay. Each ring of `a` is cut into the fan of triangles (v0, vi, vi+1):
 * their signed indicator functions add up to the ring's own (±1 inside, 0 outside), so
 * area(ring ∩ b) = ±Σ sign(triangle) · area(triangle ∩ b), and each triangle is a convex clip
 * for {@link ringAreaInConvex}. Exact up to rounding (a few 1e-9 m² on Gauss–Krüger-sized
 * coordinates); triangles that b does not reach cost one separation test.
 */
export function multiPolygonOverlapArea(a: readonly Ring[][], b: readonly Ring[][]): number {
  let total = 0;
  for (const pa of a) for (let ra = 0; ra < pa.length; ra++) {
    const ring = pa[ra];
    const n = ring.length;
    if (n < 3) continue;
    const ringSign = shoelace(ring) >= 0 ? 1 : -1;
    // Holes count negatively whatever their winding: 1_polygon = 1_shell − Σ 1_hole.
    const role = ra === 0 ? 1 : -1;
    const v0 = ring[0];
    for (let i = 1; i < n - 1; i++) {
      const v1 = ring[i], v2 = ring[i + 1];
      const cross = (v1[0] - v0[0]) * (v2[1] - v0[1]) - (v2[0] - v0[0]) * (v1[1] - v0[1]);
      if (cross === 0) continue;
      const orientation = cross > 0 ? 1 : -1;
      tri[0][0] = v0[0]; tri[0][1] = v0[1];
      tri[1][0] = v1[0]; tri[1][1] = v1[1];
      tri[2][0] = v2[0]; tri[2][1] = v2[1];
      let inTri = 0;
      for (const pb of b) {
        inTri += ringAreaInConvex(pb[0], tri, orientation);
        for (let h = 1; h < pb.length; h++) inTri -= ringAreaInConvex(pb[h], tri, orientation);
      }
      total += role * ringSign * orientation * inTri;
    }
  }
  return total > 0 ? total : 0;
}
