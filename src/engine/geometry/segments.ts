/**
 * Segment sets for the geometry hygiene: every edge of a polygonal feature with where it comes
 * from, a sweep that finds the pairs of edges that meet, and the noding of a ring at its own
 * crossings. Coordinates are projected metres.
 */
import type { Ring } from './planar.js';

/** How two segments meet. */
export type SegmentContact = 'cross' | 'touch' | 'overlap';

/** The edges of a set of rings, flat: `coords[4k..4k+3]` = ax, ay, bx, by of edge k. */
export interface SegmentSet {
  coords: Float64Array;
  /** Ring (index into the caller's ring list) of each edge. */
  ring: Int32Array;
  /** Position of the edge in its ring: edge k runs from vertex `index[k]` to the next. */
  index: Int32Array;
  /** Vertex count of each ring (to recognise the wrap-around neighbour). */
  ringLength: Int32Array;
}

/** Collect the edges of rings (open rings: the closing edge is implied). */
export function buildSegments(rings: Ring[]): SegmentSet {
  let count = 0;
  for (const r of rings) count += r.length;
  const coords = new Float64Array(count * 4);
  const ring = new Int32Array(count);
  const index = new Int32Array(count);
  const ringLength = new Int32Array(rings.length);
  let k = 0;
  rings.forEach((r, ri) => {
    const n = r.length;
    ringLength[ri] = n;
    for (let i = 0; i < n; i++) {
      const a = r[i], b = r[i + 1 === n ? 0 : i + 1];
      coords[k * 4] = a[0]; coords[k * 4 + 1] = a[1]; coords[k * 4 + 2] = b[0]; coords[k * 4 + 3] = b[1];
      ring[k] = ri;
      index[k] = i;
      k++;
    }
  });
  return { coords, ring, index, ringLength };
}

/**
 * How segment a→b meets segment c→d, or null when they are apart. `touch`: they share exactly
 * one point that is an end of at least one of them; `cross`: they cross at a point inside both;
 * `overlap`: collinear with a common part of positive length. Orientation signs are exact
 * floating-point products (no tolerance): a vertex that is 1e-12 m off an edge does not touch.
 */
export function segmentContact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): SegmentContact | null {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0)) return null;
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if ((d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0)) return null;
  if (d1 === 0 && d2 === 0) {
    // Collinear (or a degenerate segment): compare projections on the longer axis.
    const useX = Math.abs(bx - ax) + Math.abs(dx - cx) >= Math.abs(by - ay) + Math.abs(dy - cy);
    const a0 = useX ? Math.min(ax, bx) : Math.min(ay, by);
    const a1 = useX ? Math.max(ax, bx) : Math.max(ay, by);
    const c0 = useX ? Math.min(cx, dx) : Math.min(cy, dy);
    const c1 = useX ? Math.max(cx, dx) : Math.max(cy, dy);
    const lo = Math.max(a0, c0), hi = Math.min(a1, c1);
    if (lo > hi) return null;
    return lo === hi ? 'touch' : 'overlap';
  }
  if (d1 === 0 || d2 === 0 || d3 === 0 || d4 === 0) return 'touch';
  return 'cross';
}

/** Twice the signed area of triangle p q r (positive when r is left of p→q). */
function orient(px: number, py: number, qx: number, qy: number, rx: number, ry: number): number {
  return (qx - px) * (ry - py) - (qy - py) * (rx - px);
}

/** Whether edges k and m are neighbours in the same ring (they share a vertex by construction). */
function adjacent(s: SegmentSet, k: number, m: number): boolean {
  if (s.ring[k] !== s.ring[m]) return false;
  const n = s.ringLength[s.ring[k]];
  const d = Math.abs(s.index[k] - s.index[m]);
  return d === 1 || d === n - 1;
}

/**
 * Call `onPair(k, m, contact)` for every pair of edges that meet, neighbours in a ring excepted
 * (they always share their common vertex; a neighbour folding back on the edge is a spike, which
 * the caller removes before). Small sets are tested pair by pair; larger ones through a grid
 * over the edges' boxes, so the cost is about n plus the boxes that overlap.
 * Stops early when `onPair` returns true.
 */
export function forEachContact(s: SegmentSet, onPair: (k: number, m: number, contact: SegmentContact) => boolean | void): void {
  const n = s.ring.length;
  const c = s.coords;
  const test = (k: number, m: number): boolean => {
    if (adjacent(s, k, m)) return false;
    const contact = segmentContact(c[k * 4], c[k * 4 + 1], c[k * 4 + 2], c[k * 4 + 3], c[m * 4], c[m * 4 + 1], c[m * 4 + 2], c[m * 4 + 3]);
    return contact !== null && onPair(k, m, contact) === true;
  };
  if (n <= 24) {
    for (let k = 0; k < n; k++) {
      const kx0 = Math.min(c[k * 4], c[k * 4 + 2]), kx1 = Math.max(c[k * 4], c[k * 4 + 2]);
      const ky0 = Math.min(c[k * 4 + 1], c[k * 4 + 3]), ky1 = Math.max(c[k * 4 + 1], c[k * 4 + 3]);
      for (let m = k + 1; m < n; m++) {
        if (Math.max(c[m * 4], c[m * 4 + 2]) < kx0 || Math.min(c[m * 4], c[m * 4 + 2]) > kx1) continue;
        if (Math.max(c[m * 4 + 1], c[m * 4 + 3]) < ky0 || Math.min(c[m * 4 + 1], c[m * 4 + 3]) > ky1) continue;
        if (test(k, m)) return;
      }
    }
    return;
  }
  // Larger sets: a uniform grid of about n cells over the edges' extent, each edge listed in the
  // cells its box covers (counting sort into flat arrays). A pair is tested only in the cell that
  // holds the lower-left corner of the overlap of their boxes, so once. (A sweep along x alone
  // degrades to n² on rings with long, finely digitised sides; an R-tree query per edge costs
  // more than the whole test.)
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < n; k++) {
    const x0 = Math.min(c[k * 4], c[k * 4 + 2]), x1 = Math.max(c[k * 4], c[k * 4 + 2]);
    const y0 = Math.min(c[k * 4 + 1], c[k * 4 + 3]), y1 = Math.max(c[k * 4 + 1], c[k * 4 + 3]);
    if (x0 < minX) minX = x0;
    if (x1 > maxX) maxX = x1;
    if (y0 < minY) minY = y0;
    if (y1 > maxY) maxY = y1;
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(n)));
  const cw = (maxX - minX) / side || 1, ch = (maxY - minY) / side || 1;
  const col = (x: number): number => { const v = Math.floor((x - minX) / cw); return v < 0 ? 0 : v >= side ? side - 1 : v; };
  const row = (y: number): number => { const v = Math.floor((y - minY) / ch); return v < 0 ? 0 : v >= side ? side - 1 : v; };
  const start = new Int32Array(side * side + 1);
  let entries = new Int32Array(0);
  let fill = new Int32Array(0);
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < n; k++) {
      const cx0 = col(Math.min(c[k * 4], c[k * 4 + 2])), cx1 = col(Math.max(c[k * 4], c[k * 4 + 2]));
      const cy0 = row(Math.min(c[k * 4 + 1], c[k * 4 + 3])), cy1 = row(Math.max(c[k * 4 + 1], c[k * 4 + 3]));
      for (let cy = cy0; cy <= cy1; cy++) for (let cx = cx0; cx <= cx1; cx++) {
        if (pass === 0) start[cy * side + cx + 1]++;
        else entries[fill[cy * side + cx]++] = k;
      }
    }
    if (pass === 0) {
      for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
      entries = new Int32Array(start[start.length - 1]);
      fill = start.slice(0, side * side);
    }
  }
  for (let cell = 0; cell < side * side; cell++) {
    const ccx = cell % side, ccy = (cell - ccx) / side;
    for (let p = start[cell]; p < start[cell + 1]; p++) {
      const k = entries[p];
      const kx0 = Math.min(c[k * 4], c[k * 4 + 2]), kx1 = Math.max(c[k * 4], c[k * 4 + 2]);
      const ky0 = Math.min(c[k * 4 + 1], c[k * 4 + 3]), ky1 = Math.max(c[k * 4 + 1], c[k * 4 + 3]);
      for (let q = p + 1; q < start[cell + 1]; q++) {
        const m = entries[q];
        const mx0 = Math.min(c[m * 4], c[m * 4 + 2]), mx1 = Math.max(c[m * 4], c[m * 4 + 2]);
        if (mx1 < kx0 || mx0 > kx1) continue;
        const my0 = Math.min(c[m * 4 + 1], c[m * 4 + 3]), my1 = Math.max(c[m * 4 + 1], c[m * 4 + 3]);
        if (my1 < ky0 || my0 > ky1) continue;
        if (col(Math.max(kx0, mx0)) !== ccx || row(Math.max(ky0, my0)) !== ccy) continue;
        if (test(k < m ? k : m, k < m ? m : k)) return;
      }
    }
  }
}

/**
 * Whether a ring (open, at least three distinct vertices) is simple: no two of its edges meet
 * except neighbours at their common vertex. The common case of the hygiene, so rings of up to
 * 32 vertices are tested pair by pair on the ring itself, with no allocation.
 */
export function ringIsSimple(ring: Ring): boolean {
  const n = ring.length;
  if (n > 32) {
    let hit = false;
    forEachContact(buildSegments([ring]), () => { hit = true; return true; });
    return !hit;
  }
  for (let k = 0; k < n; k++) {
    const a = ring[k], b = ring[k + 1 === n ? 0 : k + 1];
    const kx0 = a[0] < b[0] ? a[0] : b[0], kx1 = a[0] < b[0] ? b[0] : a[0];
    const ky0 = a[1] < b[1] ? a[1] : b[1], ky1 = a[1] < b[1] ? b[1] : a[1];
    // Edges k+2 … (not the neighbours k±1; for k = 0 the last edge is a neighbour too).
    const last = k === 0 ? n - 1 : n;
    for (let m = k + 2; m < last; m++) {
      const c = ring[m], d = ring[m + 1 === n ? 0 : m + 1];
      if ((c[0] > d[0] ? c[0] : d[0]) < kx0 || (c[0] < d[0] ? c[0] : d[0]) > kx1) continue;
      if ((c[1] > d[1] ? c[1] : d[1]) < ky0 || (c[1] < d[1] ? c[1] : d[1]) > ky1) continue;
      if (segmentContact(a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1]) !== null) return false;
    }
  }
  return true;
}

/**
 * Split a ring at the points where it meets itself into closed loops with no repeated vertex.
 * Every crossing point is computed once and inserted into both edges as the same coordinates,
 * and a vertex lying on another edge is inserted into that edge as itself, so a walk along the
 * noded ring meets each such point again exactly; each time it does, the stretch since the
 * first visit is cut off as a loop (a figure-eight gives its two lobes). Loops with fewer than
 * three vertices (the two sides of a fold) are dropped: they enclose nothing.
 */
export function splitRingIntoLoops(ring: Ring): Ring[] {
  const n = ring.length;
  if (n < 3) return [];
  const s = buildSegments([ring]);
  const c = s.coords;
  // Points to insert into each edge, with their parameter along the edge.
  const inserts: Array<Array<{ t: number; p: number[] }>> = Array.from({ length: n }, () => []);
  const param = (k: number, p: number[]): number => {
    const ax = c[k * 4], ay = c[k * 4 + 1], dx = c[k * 4 + 2] - ax, dy = c[k * 4 + 3] - ay;
    const len2 = dx * dx + dy * dy;
    return len2 === 0 ? 0 : ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2;
  };
  const vertexA = (k: number): number[] => ring[s.index[k]];
  const vertexB = (k: number): number[] => ring[(s.index[k] + 1) % n];
  const onSeg = (k: number, p: number[]): boolean => {
    const ax = c[k * 4], ay = c[k * 4 + 1], bx = c[k * 4 + 2], by = c[k * 4 + 3];
    if (orient(ax, ay, bx, by, p[0], p[1]) !== 0) return false;
    return p[0] >= Math.min(ax, bx) && p[0] <= Math.max(ax, bx) && p[1] >= Math.min(ay, by) && p[1] <= Math.max(ay, by);
  };
  const insert = (k: number, p: number[]): void => {
    const t = param(k, p);
    if (t > 0 && t < 1) inserts[k].push({ t, p });
  };
  forEachContact(s, (k, m, contact) => {
    if (contact === 'cross') {
      const ax = c[k * 4], ay = c[k * 4 + 1], rx = c[k * 4 + 2] - ax, ry = c[k * 4 + 3] - ay;
      const cx = c[m * 4], cy = c[m * 4 + 1], sx = c[m * 4 + 2] - cx, sy = c[m * 4 + 3] - cy;
      const t = ((cx - ax) * sy - (cy - ay) * sx) / (rx * sy - ry * sx);
      const p = [ax + t * rx, ay + t * ry];
      inserts[k].push({ t, p });
      inserts[m].push({ t: param(m, p), p });
      return;
    }
    // Touching or overlapping: the shared points are ends of the edges; insert each end that
    // lies on the other edge into it, as the very same vertex.
    for (const p of [vertexA(m), vertexB(m)]) if (onSeg(k, p)) insert(k, p);
    for (const p of [vertexA(k), vertexB(k)]) if (onSeg(m, p)) insert(m, p);
  });
  // The noded ring.
  const noded: number[][] = [];
  for (let k = 0; k < n; k++) {
    noded.push(ring[k]);
    const list = inserts[k];
    if (list.length > 1) list.sort((a, b) => a.t - b.t);
    for (const { p } of list) {
      const last = noded[noded.length - 1];
      if (last[0] !== p[0] || last[1] !== p[1]) noded.push(p);
    }
  }
  // Walk: cut a loop each time a point comes round again.
  const loops: Ring[] = [];
  const stack: number[][] = [];
  const seen = new Map<string, number>();
  const key = (p: number[]): string => `${p[0]},${p[1]}`;
  const visit = (p: number[]): void => {
    const k = key(p);
    const at = seen.get(k);
    if (at !== undefined) {
      const loop = stack.slice(at);
      for (let i = at; i < stack.length; i++) seen.delete(key(stack[i]));
      stack.length = at;
      if (loop.length >= 3) loops.push(loop);
    }
    seen.set(k, stack.length);
    stack.push(p);
  };
  for (const p of noded) visit(p);
  visit(noded[0]);
  return loops;
}
