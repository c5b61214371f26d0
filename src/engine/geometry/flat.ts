/**
 * A polygon layer's coordinates in one Float64Array, for the loops that read every vertex of
 * many polygons (points in parcels, roads cut by parcel edges): nested `number[][]` rings cost a
 * pointer chase per vertex, a flat array reads them in order.
 *
 * The tests here are the planar ones (planar.ts) term for term, on the same numbers in the same
 * order, so they give the same answers bit for bit.
 */
import { ON_EDGE_TOLERANCE_M, onSegment } from './planar.js';
import type { MultiPolygon } from './planar.js';

/**
 * Three-level CSR: feature f has polygons `polyStart[f] .. polyStart[f + 1])`, polygon p has
 * rings `ringStart[p] .. ringStart[p + 1])` (the first its shell), ring r has vertices
 * `vertexStart[r] .. vertexStart[r + 1])`, vertex v at `xy[2v], xy[2v + 1]`.
 */
export interface FlatPolygons {
  polyStart: Int32Array;
  ringStart: Int32Array;
  vertexStart: Int32Array;
  xy: Float64Array;
}

const cache = new WeakMap<readonly MultiPolygon[], FlatPolygons>();

/** The flat form of a list of multipolygons (made once per list and kept with it; the list is taken as immutable). */
export function flattenPolygons(geoms: readonly MultiPolygon[]): FlatPolygons {
  const known = cache.get(geoms);
  if (known) return known;
  let polys = 0, rings = 0, vertices = 0;
  for (const mp of geoms) {
    polys += mp.length;
    for (const p of mp) { rings += p.length; for (const r of p) vertices += r.length; }
  }
  const polyStart = new Int32Array(geoms.length + 1);
  const ringStart = new Int32Array(polys + 1);
  const vertexStart = new Int32Array(rings + 1);
  const xy = new Float64Array(vertices * 2);
  let pi = 0, ri = 0, v = 0;
  for (let f = 0; f < geoms.length; f++) {
    polyStart[f] = pi;
    for (const p of geoms[f]) {
      ringStart[pi++] = ri;
      for (const r of p) {
        vertexStart[ri++] = v;
        for (const c of r) { xy[2 * v] = c[0]; xy[2 * v + 1] = c[1]; v++; }
      }
    }
  }
  polyStart[geoms.length] = pi;
  ringStart[polys] = ri;
  vertexStart[rings] = v;
  const flat = { polyStart, ringStart, vertexStart, xy };
  cache.set(geoms, flat);
  return flat;
}

const boxCache = new WeakMap<readonly (readonly number[])[], Float64Array>();

/**
 * Boxes `[minX, minY, maxX, maxY]` in one Float64Array (box i at `4i .. 4i + 3`), made once per
 * list and kept with it (the list is taken as immutable; the array is read-only for callers).
 */
export function flattenBoxes(bboxes: readonly (readonly number[])[]): Float64Array {
  let boxes = boxCache.get(bboxes);
  if (!boxes) {
    boxes = new Float64Array(bboxes.length * 4);
    for (let i = 0; i < bboxes.length; i++) {
      const b = bboxes[i];
      boxes[4 * i] = b[0]; boxes[4 * i + 1] = b[1]; boxes[4 * i + 2] = b[2]; boxes[4 * i + 3] = b[3];
    }
    boxCache.set(bboxes, boxes);
  }
  return boxes;
}

/** `pointInRing` of planar.ts on ring `r`: -1 outside, 0 on the boundary, 1 inside. */
export function flatPointInRing(px: number, py: number, f: FlatPolygons, r: number): -1 | 0 | 1 {
  const xy = f.xy;
  const v0 = f.vertexStart[r], v1 = f.vertexStart[r + 1];
  let inside = false;
  for (let i = v0, j = v1 - 1; i < v1; j = i++) {
    const xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
    if (px >= (xi < xj ? xi : xj) - ON_EDGE_TOLERANCE_M && px <= (xi > xj ? xi : xj) + ON_EDGE_TOLERANCE_M
      && py >= (yi < yj ? yi : yj) - ON_EDGE_TOLERANCE_M && py <= (yi > yj ? yi : yj) + ON_EDGE_TOLERANCE_M
      && onSegment(px, py, xj, yj, xi, yi)) return 0;
    if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** `multiPolygonCoversPoint` of planar.ts on feature `k`: inside or on its boundary. */
export function flatCoversPoint(px: number, py: number, f: FlatPolygons, k: number): boolean {
  for (let p = f.polyStart[k]; p < f.polyStart[k + 1]; p++) {
    const r0 = f.ringStart[p], r1 = f.ringStart[p + 1];
    if (r0 === r1) continue;
    const s = flatPointInRing(px, py, f, r0);
    if (s < 0) continue;
    if (s === 0) return true;
    let covered = true;
    for (let h = r0 + 1; h < r1; h++) {
      const t = flatPointInRing(px, py, f, h);
      if (t === 0) return true;
      if (t > 0) { covered = false; break; }
    }
    if (covered) return true;
  }
  return false;
}

/**
 * `distanceToLine` of planar.ts (an open polyline) on the vertices `v0 .. v1)` of a flat
 * interleaved array: the same arithmetic in the same order, so the same distance bit for bit.
 */
export function distanceToFlatLine(px: number, py: number, xy: Float64Array, v0: number, v1: number): number {
  let best = Infinity;
  for (let i = v0; i < v1 - 1; i++) {
    const ax = xy[2 * i], ay = xy[2 * i + 1];
    const dx = xy[2 * i + 2] - ax;
    const dy = xy[2 * i + 3] - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
    if (t < 0) t = 0;
    else if (t > 1) t = 1;
    const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    if (d < best) best = d;
  }
  if (v1 - v0 === 1) best = Math.hypot(px - xy[2 * v0], py - xy[2 * v0 + 1]);
  return best;
}
