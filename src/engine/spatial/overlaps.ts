/**
 * Parcels that overlap one another. Overlapping parcels count the shared ground twice in every
 * area weight (and in the land-use totals), so the run reports each overlapping pair and the
 * total overlap area (docs/geometry-hygiene.md, "Overlapping parcels").
 *
 * Candidates are pairs whose bounding boxes overlap with positive area (a packed R-tree over the
 * boxes); each candidate's overlap is measured exactly with no general overlay: a convex parcel
 * clips the other one by Sutherland–Hodgman (exact for areas, see `clipRingToConvex`), and of two
 * non-convex parcels one is cut into fan triangles that clip the other
 * (`multiPolygonOverlapArea`). A parcel that lies wholly on the outer side of one window edge
 * costs one pass over its vertices, so neighbours that share an edge (tiles) are cheap and
 * measure 0.
 */
import type { MultiPolygon, Ring } from '../geometry/planar.js';
import { clipMultiPolygonToRect, convexOrientation } from '../geometry/planar.js';
import { multiPolygonOverlapArea, ringAreaInConvex } from '../geometry/convex-clip.js';
import { makeIssue } from '../messages/index.js';
import type { Issue } from '../types.js';
import type { PolygonLayer } from './layers.js';
import { GridIndex } from './grid-index.js';
import { indexBBoxes } from './overlay.js';

/** One overlapping pair: parcel indices (a < b, into the layer's arrays) and the overlap, m². */
export interface ParcelOverlap {
  a: number;
  b: number;
  areaM2: number;
}

/** Options of {@link findParcelOverlaps} and {@link reportParcelOverlaps}. */
export interface OverlapOptions {
  /**
   * Overlaps up to this area are taken as rounding where parcels share an edge, m².
   * Default 0.01 (10 cm × 10 cm): far above float noise on shared edges in projected metres
   * (~1e-9 m²), far below any overlap that changes a weight.
   */
  minAreaM2?: number;
  /** Pairs listed one by one in the issues; the rest only in the summary. Default 200. */
  maxIssues?: number;
}

/** Result of {@link findParcelOverlaps}. */
export interface OverlapResult {
  /** Every overlapping pair, in order of the first parcel then the second. */
  pairs: ParcelOverlap[];
  /** Σ of the pairs' overlap areas, m² (ground covered by three parcels counts in three pairs). */
  totalAreaM2: number;
  /** Candidate pairs measured exactly (boxes overlapping with positive area). */
  candidates: number;
}

/**
 * Find the pairs of parcels that overlap with positive area.
 * @param parcels - a prepared polygon layer (valid geometry, as `preparePolygonLayer` makes).
 * @param options - see {@link OverlapOptions}.
 * @returns the pairs, their total area and how many candidates were measured.
 * @example
 * const { pairs, totalAreaM2 } = findParcelOverlaps(parcels);
 */
export function findParcelOverlaps(parcels: PolygonLayer, options: OverlapOptions = {}): OverlapResult {
  const minArea = options.minAreaM2 ?? 0.01;
  const n = parcels.geoms.length;
  const pairs: ParcelOverlap[] = [];
  let totalAreaM2 = 0;
  let candidates = 0;
  if (n === 0) return { pairs, totalAreaM2, candidates };
  // A grid index: its box queries allocate nothing and give the candidates in ascending order.
  const index = GridIndex.of(parcels.bboxes);
  const hits: number[] = [];
  // Convex single-ring parcels (most cadastral parcels) clip their partner exactly and cheaply.
  const orientation = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const g = parcels.geoms[i];
    orientation[i] = g.length === 1 && g[0].length === 1 ? convexOrientation(g[0][0]) : 0;
  }
  const boxes = parcels.bboxes;
  for (let i = 0; i < n; i++) {
    const bi = boxes[i];
    index.queryBox(bi[0], bi[1], bi[2], bi[3], hits);
    for (let k = 0; k < hits.length; k++) {
      const j = hits[k];
      if (j <= i) continue;
      const bj = boxes[j];
      // Boxes that only touch cannot hold an overlap with area.
      if (Math.min(bi[2], bj[2]) <= Math.max(bi[0], bj[0]) || Math.min(bi[3], bj[3]) <= Math.max(bi[1], bj[1])) continue;
      candidates++;
      const area = overlapArea(parcels.geoms[i], orientation[i], parcels.geoms[j], orientation[j], bi, bj);
      if (area > minArea) {
        pairs.push({ a: i, b: j, areaM2: area });
        totalAreaM2 += area;
      }
    }
  }
  keepRTreeOrder(parcels, pairs);
  return { pairs, totalAreaM2, candidates };
}

/**
 * The pairs of one first parcel in the order an R-tree search over the boxes lists the second
 * ones, as the reports have always listed them (the grid index gives them ascending). Pairs
 * are few, so the R-tree is built only when there are some.
 */
function keepRTreeOrder(parcels: PolygonLayer, pairs: ParcelOverlap[]): void {
  if (pairs.length < 2) return;
  let index: ReturnType<typeof indexBBoxes> | undefined;
  for (let s = 0; s < pairs.length;) {
    let e = s + 1;
    while (e < pairs.length && pairs[e].a === pairs[s].a) e++;
    if (e - s > 1) {
      index ??= indexBBoxes(parcels);
      const b = parcels.bboxes[pairs[s].a];
      const rank = new Map<number, number>();
      index!.search(b[0], b[1], b[2], b[3]).forEach((j, k) => rank.set(j, k));
      const group = pairs.slice(s, e).sort((x, y) => rank.get(x.b)! - rank.get(y.b)!);
      for (let k = 0; k < group.length; k++) pairs[s + k] = group[k];
    }
    s = e;
  }
}

/** Area of a ∩ b, m². */
function overlapArea(a: MultiPolygon, oa: number, b: MultiPolygon, ob: number, boxA: number[], boxB: number[]): number {
  if (ob !== 0) return facingEdgeSeparates(a, b[0][0], ob, boxA) ? 0 : areaInConvex(a, b[0][0], ob as 1 | -1);
  if (oa !== 0) return facingEdgeSeparates(b, a[0][0], oa, boxB) ? 0 : areaInConvex(b, a[0][0], oa as 1 | -1);
  // Two non-convex parcels: fan triangles of the one with fewer vertices as convex windows,
  // O(n·m). Large pairs are first cut to the common part of their boxes (Sutherland–Hodgman
  // against a rectangle keeps the area of every ring inside it exactly), which leaves only the
  // vertices near where they meet.
  let na = vertexCount(a), nb = vertexCount(b);
  if (na * nb > 1024) {
    const x0 = Math.max(boxA[0], boxB[0]), y0 = Math.max(boxA[1], boxB[1]), x1 = Math.min(boxA[2], boxB[2]), y1 = Math.min(boxA[3], boxB[3]);
    a = clipMultiPolygonToRect(a, x0, y0, x1, y1);
    b = clipMultiPolygonToRect(b, x0, y0, x1, y1);
    na = vertexCount(a);
    nb = vertexCount(b);
  }
  return na <= nb ? multiPolygonOverlapArea(a, b) : multiPolygonOverlapArea(b, a);
}

/**
 * Whether the edge of the convex `clip` that faces `mp` (the one whose outer side the centre of
 * mp's box lies farthest out on) has every vertex of `mp` on its outer side or on its line, by
 * the test and tolerance of `ringAreaInConvex`, which then gives 0 for every ring of mp. Most
 * candidate pairs are neighbours that share an edge: that edge faces the neighbour, so one
 * pass over the neighbour's vertices settles the pair instead of one per clip edge until the
 * shared one comes up.
 */
function facingEdgeSeparates(mp: MultiPolygon, clip: Ring, orientation: number, box: number[], sideToleranceM = 1e-7): boolean {
  const m = clip.length;
  if (m < 3) return false;
  const x0 = clip[0][0], y0 = clip[0][1];
  const cx = (box[0] + box[2]) / 2 - x0, cy = (box[1] + box[3]) / 2 - y0;
  let best = -1, bestSide = Infinity;
  for (let e = 0; e < m; e++) {
    const a = clip[e], b = clip[e + 1 === m ? 0 : e + 1];
    const ex = b[0] - a[0], ey = b[1] - a[1];
    const len = Math.sqrt(ex * ex + ey * ey);
    if (len === 0) continue;
    const side = (orientation * (ex * (cy - (a[1] - y0)) - ey * (cx - (a[0] - x0)))) / len;
    if (side < bestSide) { bestSide = side; best = e; }
  }
  if (best < 0 || bestSide >= 0) return false;
  // The same arithmetic as ringAreaInConvex's separation test (and tolerance), for edge `best`.
  const a = clip[best], b = clip[best + 1 === m ? 0 : best + 1];
  const ax = a[0] - x0, ay = a[1] - y0;
  const ex = b[0] - a[0], ey = b[1] - a[1];
  const tol = sideToleranceM * Math.sqrt(ex * ex + ey * ey);
  for (const p of mp) for (const ring of p) {
    if (ring.length < 3) continue;
    for (let i = 0; i < ring.length; i++) {
      if (orientation * (ex * (ring[i][1] - y0 - ay) - ey * (ring[i][0] - x0 - ax)) > tol) return false;
    }
  }
  return true;
}

function vertexCount(mp: MultiPolygon): number {
  let n = 0;
  for (const p of mp) for (const r of p) n += r.length;
  return n;
}

/** Area of a valid multipolygon inside a convex window (its rings clipped one by one). */
function areaInConvex(mp: MultiPolygon, clip: Ring, orientation: 1 | -1): number {
  let area = 0;
  for (const p of mp) {
    area += ringAreaInConvex(p[0], clip, orientation);
    for (let h = 1; h < p.length; h++) area -= ringAreaInConvex(p[h], clip, orientation);
  }
  return area > 0 ? area : 0;
}

/**
 * Find overlapping parcels and report them: one `parcels-overlap` warning per pair (both ids and
 * the overlap in m²) up to `maxIssues`, then one `parcels-overlap-summary` warning with the
 * number of pairs and the total overlap area (its `actual` holds `{ pairs, areaM2 }`).
 * Nothing is reported when no parcels overlap.
 * @returns the overlaps found.
 */
export function reportParcelOverlaps(parcels: PolygonLayer, issues: Issue[], options: OverlapOptions = {}): OverlapResult {
  const max = options.maxIssues ?? 200;
  const result = findParcelOverlaps(parcels, options);
  if (result.pairs.length === 0) return result;
  const layer = parcels.layer;
  for (const p of result.pairs.slice(0, max)) {
    const a = parcels.ids[p.a], b = parcels.ids[p.b];
    issues.push(makeIssue('parcels-overlap', { a, b, areaM2: p.areaM2 }, { layer, featureId: a, actual: { a, b, areaM2: p.areaM2 } }));
  }
  const listed = Math.min(max, result.pairs.length);
  issues.push(makeIssue('parcels-overlap-summary', { pairs: result.pairs.length, areaM2: result.totalAreaM2, listed }, {
    layer, actual: { pairs: result.pairs.length, areaM2: result.totalAreaM2, listed },
  }));
  return result;
}
