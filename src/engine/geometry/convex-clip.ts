/**
 * Area of a ring inside a convex window, without allocating: the hot loop of the parcel overlap
 * check, where most candidate pairs are neighbours that only share an edge.
 */
import type { Ring } from './planar.js';

let bufA = new Float64Array(64);
let bufB = new Float64Array(64);

/**
 * Area of `ring ∩ window`, m², for any simple ring and a convex window. Same arithmetic as
 * Sutherland–Hodgman in `clipRingToConvex` (exact for areas even when the ring is concave: the
 * zero-width bridges it leaves add nothing), plus two shortcuts: a window edge with the whole
 * ring on its outer side (or on the edge line, within `sideToleranceM`) gives 0 at once, which
 * settles neighbouring parcels that share that edge; a ring inside every edge gives its own area.
 * @param window - convex ring, counter-clockwise when `orientation` is 1, clockwise when -1.
 * @param sideToleranceM - distance from an edge line below which a vertex counts as on it, m.
 *   Default 1e-7: a shared edge projected twice from the same source coordinates lands
 *   within ~1e-9 m of itself.
 */
export function ringAreaInConvex(ring: Ring, window: Ring, orientation: 1 | -1, sideToleranceM = 1e-7): number {
  const n = ring.length, m = window.length;
  if (n < 3 || m < 3) return 0;
  // Shift to the first window vertex: keeps precision for Gauss–Krüger-sized coordinates.
  const x0 = window[0][0], y0 = window[0][1];
  let allInside = true;
  for (let e = 0; e < m; e++) {
    const a = window[e], b = window[e + 1 === m ? 0 : e + 1];
    const ax = a[0] - x0, ay = a[1] - y0;
    const ex = b[0] - a[0], ey = b[1] - a[1];
    const tol = sideToleranceM * Math.hypot(ex, ey);
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
    const a = window[e], b = window[e + 1 === m ? 0 : e + 1];
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
