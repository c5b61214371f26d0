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
  const index = indexBBoxes(parcels);
  if (!index) return { pairs, totalAreaM2, candidates };
  // Convex single-ring parcels (most cadastral parcels) clip their partner exactly and cheaply.
  const orientation = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const g = parcels.geoms[i];
    orientation[i] = g.length === 1 && g[0].length === 1 ? convexOrientation(g[0][0]) : 0;
  }
  const boxes = parcels.bboxes;
  for (let i = 0; i < n; i++) {
    const bi = boxes[i];
    const hits = index.search(bi[0], bi[1], bi[2], bi[3]);
    for (const j of hits) {
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
  return { pairs, totalAreaM2, candidates };
}

/** Area of a ∩ b, m². */
function overlapArea(a: MultiPolygon, oa: number, b: MultiPolygon, ob: number, boxA: number[], boxB: number[]): number {
  if (ob !== 0) return areaInConvex(a, b[0][0], ob as 1 | -1);
  if (oa !== 0) return areaInConvex(b, a[0][0], oa as 1 | -1);
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
