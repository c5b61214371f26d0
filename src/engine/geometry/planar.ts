/**
 * Planar geometry on projected coordinates (metres). Polygons are arrays of rings, the first
 * ring the shell and the rest holes; rings may be open or closed (the closing vertex is
 * optional everywhere). A multipolygon is an array of polygons.
 *
 * These are the hot loops of the engine: plain arrays in, numbers out, no allocation per vertex.
 */

export type Ring = number[][];
export type Polygon = Ring[];
export type MultiPolygon = Polygon[];
export type Line = number[][];
/** `[minX, minY, maxX, maxY]` */
export type BBox = [number, number, number, number];

/** Signed shoelace area of a ring (positive counter-clockwise), m². */
export function ringSignedArea(ring: Ring): number {
  const n = ring.length;
  if (n < 3) return 0;
  // Shift to the first vertex: keeps precision for large projected coordinates (x ≈ 5e5, y ≈ 3e6).
  const x0 = ring[0][0];
  const y0 = ring[0][1];
  let sum = 0;
  for (let i = 1; i < n - 1; i++) {
    const ax = ring[i][0] - x0;
    const ay = ring[i][1] - y0;
    const bx = ring[i + 1][0] - x0;
    const by = ring[i + 1][1] - y0;
    sum += ax * by - bx * ay;
  }
  return sum / 2;
}

/** Area of a polygon: |shell| − Σ|holes|, m² (never negative). */
export function polygonArea(polygon: Polygon): number {
  if (polygon.length === 0) return 0;
  let area = Math.abs(ringSignedArea(polygon[0]));
  for (let i = 1; i < polygon.length; i++) area -= Math.abs(ringSignedArea(polygon[i]));
  return area > 0 ? area : 0;
}

/** Area of a multipolygon, m². */
export function multiPolygonArea(mp: MultiPolygon): number {
  let area = 0;
  for (const p of mp) area += polygonArea(p);
  return area;
}

/** Bounding box of a multipolygon (of its shells). */
export function multiPolygonBBox(mp: MultiPolygon): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of mp) {
    const shell = p[0];
    if (!shell) continue;
    for (const c of shell) {
      if (c[0] < minX) minX = c[0];
      if (c[0] > maxX) maxX = c[0];
      if (c[1] < minY) minY = c[1];
      if (c[1] > maxY) maxY = c[1];
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Bounding box of a line. */
export function lineBBox(line: Line): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const c of line) {
    if (c[0] < minX) minX = c[0];
    if (c[0] > maxX) maxX = c[0];
    if (c[1] < minY) minY = c[1];
    if (c[1] > maxY) maxY = c[1];
  }
  return [minX, minY, maxX, maxY];
}

/** Length of a line, m. */
export function lineLength(line: Line): number {
  let len = 0;
  for (let i = 1; i < line.length; i++) len += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
  return len;
}

/**
 * Distance below which a point counts as lying on an edge, m. Coordinates that were exactly on
 * a shared edge in the source CRS land within ~1e-9 m of it after projection; 1 µm is far below
 * any survey precision and far above that noise.
 */
export const ON_EDGE_TOLERANCE_M = 1e-6;

/** Whether (px, py) lies within {@link ON_EDGE_TOLERANCE_M} of the segment a–b. */
export function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(px - ax, py - ay) <= ON_EDGE_TOLERANCE_M;
  let t = ((px - ax) * dx + (py - ay) * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= ON_EDGE_TOLERANCE_M;
}

/** Crossing-number test plus an on-edge test: -1 outside, 0 on the boundary, 1 inside. */
export function pointInRing(px: number, py: number, ring: Ring): -1 | 0 | 1 {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
    // The exact on-edge test only for edges whose box (grown by the tolerance) holds the point.
    if (px >= (xi < xj ? xi : xj) - ON_EDGE_TOLERANCE_M && px <= (xi > xj ? xi : xj) + ON_EDGE_TOLERANCE_M
      && py >= (yi < yj ? yi : yj) - ON_EDGE_TOLERANCE_M && py <= (yi > yj ? yi : yj) + ON_EDGE_TOLERANCE_M
      && onSegment(px, py, xj, yj, xi, yi)) return 0;
    if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/**
 * Whether a point is inside or on the boundary of a polygon with holes. A point on a hole's
 * edge is on the polygon's boundary, so it counts as covered.
 */
export function polygonCoversPoint(px: number, py: number, polygon: Polygon): boolean {
  if (polygon.length === 0) return false;
  const s = pointInRing(px, py, polygon[0]);
  if (s < 0) return false;
  if (s === 0) return true;
  for (let i = 1; i < polygon.length; i++) {
    const h = pointInRing(px, py, polygon[i]);
    if (h === 0) return true;
    if (h > 0) return false;
  }
  return true;
}

/** Whether a multipolygon covers a point (inside or on its boundary). */
export function multiPolygonCoversPoint(px: number, py: number, mp: MultiPolygon): boolean {
  for (const p of mp) if (polygonCoversPoint(px, py, p)) return true;
  return false;
}

/** Distance from a point to a multipolygon's boundary, or 0 when it is covered, m. */
export function distanceToMultiPolygon(px: number, py: number, mp: MultiPolygon): number {
  if (multiPolygonCoversPoint(px, py, mp)) return 0;
  let best = Infinity;
  for (const p of mp) for (const ring of p) {
    const d = distanceToLine(px, py, ring, true);
    if (d < best) best = d;
  }
  return best;
}

/** Distance from a point to a polyline (or a ring when `closed`), m. */
export function distanceToLine(px: number, py: number, line: Line, closed = false): number {
  let best = Infinity;
  const n = line.length;
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const a = line[i];
    const b = line[(i + 1) % n];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : ((px - a[0]) * dx + (py - a[1]) * dy) / len2;
    if (t < 0) t = 0;
    else if (t > 1) t = 1;
    const d = Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
    if (d < best) best = d;
  }
  if (n === 1) best = Math.hypot(px - line[0][0], py - line[0][1]);
  return best;
}

/**
 * Area of the part of a ring inside an axis-aligned rectangle (Sutherland–Hodgman against the
 * four half-planes). The clipped ring of a concave subject may contain zero-width bridges; they
 * add no area, so the signed area is exact for any simple ring.
 */
export function clipRingToRect(ring: Ring, minX: number, minY: number, maxX: number, maxY: number): Ring {
  let out: Ring = ring;
  out = clipHalfPlane(out, 0, minX, true);
  if (out.length === 0) return out;
  out = clipHalfPlane(out, 0, maxX, false);
  if (out.length === 0) return out;
  out = clipHalfPlane(out, 1, minY, true);
  if (out.length === 0) return out;
  return clipHalfPlane(out, 1, maxY, false);
}

function clipHalfPlane(ring: Ring, axis: 0 | 1, bound: number, keepGreater: boolean): Ring {
  const out: Ring = [];
  const n = ring.length;
  if (n === 0) return out;
  const inside = (p: number[]) => (keepGreater ? p[axis] >= bound : p[axis] <= bound);
  let prev = ring[n - 1];
  let prevIn = inside(prev);
  for (let i = 0; i < n; i++) {
    const cur = ring[i];
    const curIn = inside(cur);
    if (curIn !== prevIn) {
      const t = (bound - prev[axis]) / (cur[axis] - prev[axis]);
      const p = [prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])];
      p[axis] = bound;
      out.push(p);
    }
    if (curIn) out.push(cur);
    prev = cur;
    prevIn = curIn;
  }
  return out;
}

/** Area of a polygon (with holes) inside a rectangle, m². */
export function polygonAreaInRect(polygon: Polygon, minX: number, minY: number, maxX: number, maxY: number): number {
  if (polygon.length === 0) return 0;
  let area = Math.abs(ringSignedArea(clipRingToRect(polygon[0], minX, minY, maxX, maxY)));
  for (let i = 1; i < polygon.length; i++) area -= Math.abs(ringSignedArea(clipRingToRect(polygon[i], minX, minY, maxX, maxY)));
  return area > 0 ? area : 0;
}

/** Area of a multipolygon inside a rectangle, m². */
export function multiPolygonAreaInRect(mp: MultiPolygon, minX: number, minY: number, maxX: number, maxY: number): number {
  let area = 0;
  for (const p of mp) area += polygonAreaInRect(p, minX, minY, maxX, maxY);
  return area;
}

/** A multipolygon clipped to a rectangle, ring by ring (for pre-clipping before exact overlays). */
export function clipMultiPolygonToRect(mp: MultiPolygon, minX: number, minY: number, maxX: number, maxY: number): MultiPolygon {
  const out: MultiPolygon = [];
  for (const p of mp) {
    const shell = clipRingToRect(p[0] ?? [], minX, minY, maxX, maxY);
    if (shell.length < 3) continue;
    const poly: Polygon = [shell];
    for (let i = 1; i < p.length; i++) {
      const h = clipRingToRect(p[i], minX, minY, maxX, maxY);
      if (h.length >= 3) poly.push(h);
    }
    out.push(poly);
  }
  return out;
}

/**
 * Parameters t ∈ (0, 1) where segment a→b crosses segment c→d (proper or touching crossings,
 * collinear overlaps give both overlap ends). Pushes into `out`.
 */
export function segmentCrossings(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number, out: { push(t: number): unknown }): void {
  const rx = bx - ax, ry = by - ay, sx = dx - cx, sy = dy - cy;
  const denom = rx * sy - ry * sx;
  const qpx = cx - ax, qpy = cy - ay;
  if (denom === 0) {
    // Parallel. Collinear overlap: add the projections of c and d onto a→b.
    if (qpx * ry - qpy * rx !== 0) return;
    const len2 = rx * rx + ry * ry;
    if (len2 === 0) return;
    const t0 = (qpx * rx + qpy * ry) / len2;
    const t1 = ((dx - ax) * rx + (dy - ay) * ry) / len2;
    if (t0 > 0 && t0 < 1) out.push(t0);
    if (t1 > 0 && t1 < 1) out.push(t1);
    return;
  }
  const t = (qpx * sy - qpy * sx) / denom;
  const u = (qpx * ry - qpy * rx) / denom;
  if (t > 0 && t < 1 && u >= 0 && u <= 1) out.push(t);
}

/**
 * Whether a ring is strictly convex (all turns the same way; collinear vertices allowed).
 * Returns +1 for a counter-clockwise convex ring, -1 for a clockwise one, 0 otherwise.
 */
export function convexOrientation(ring: Ring): -1 | 0 | 1 {
  const n = ring.length;
  if (n < 3) return 0;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n], c = ring[(i + 2) % n];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0) continue;
    const s = cross > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return 0;
  }
  return sign as -1 | 0 | 1;
}

/**
 * A ring clipped to a convex clip (Sutherland–Hodgman against each edge of the clip). As
 * with rectangles, the result's signed area is exactly the area of ring ∩ clip even for a
 * concave ring, whose clipped form may hold zero-width bridges.
 * @param clip convex ring, counter-clockwise when `orientation` is 1, clockwise when -1
 */
export function clipRingToConvex(ring: Ring, clip: Ring, orientation: 1 | -1): Ring {
  let out = ring;
  const m = clip.length;
  for (let e = 0; e < m && out.length > 0; e++) {
    const a = clip[e], b = clip[(e + 1) % m];
    const ex = b[0] - a[0], ey = b[1] - a[1];
    if (ex === 0 && ey === 0) continue;
    // side > 0: left of a→b, which is inside for a counter-clockwise clip.
    const side = (p: number[]) => orientation * (ex * (p[1] - a[1]) - ey * (p[0] - a[0]));
    const next: Ring = [];
    let prev = out[out.length - 1];
    let sp = side(prev);
    for (const cur of out) {
      const sc = side(cur);
      if ((sc >= 0) !== (sp >= 0)) {
        const t = sp / (sp - sc);
        next.push([prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])]);
      }
      if (sc >= 0) next.push(cur);
      prev = cur;
      sp = sc;
    }
    out = next;
  }
  return out;
}
