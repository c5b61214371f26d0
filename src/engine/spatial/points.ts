/**
 * Points in parcels (METHOD.md §2): a point on a shared edge or inside overlapping parcels is
 * counted once, for the first parcel in input order that covers it; points outside every parcel
 * (or outside the study area) are counted, optionally snapped to the nearest parcel within a
 * distance; points at identical positions are kept and counted.
 */
import type Flatbush from 'flatbush';
import { distanceToMultiPolygon, multiPolygonCoversPoint } from '../geometry/planar.js';
import { flatCoversPoint, flattenBoxes, flattenPolygons } from '../geometry/flat.js';
import type { GridIndex } from './grid-index.js';
import type { PointLayer, PolygonLayer } from './layers.js';
import type { ParcelPieces } from './overlay.js';

export interface PointAssignment {
  /** Parcel index of each point, or -1. */
  parcelOf: Int32Array;
  inParcels: number;
  snapped: number;
  outside: number;
  /** Points at the same position as an earlier point of the layer. */
  duplicatePositions: number;
}

/** Whether a point inside parcel `i` also lies in the study area (the parcel's in-study part). */
function inStudyPart(i: number, x: number, y: number, pieces: ParcelPieces): boolean {
  if (pieces.inStudyM2[i] <= 0) return false;
  const parts = pieces.geoms.get(i);
  if (!parts) return true; // wholly inside one unit
  for (const mp of parts) if (multiPolygonCoversPoint(x, y, mp)) return true;
  return false;
}

/**
 * Assign each point to a parcel.
 * @param snapDistanceM points outside every parcel snap to the nearest parcel within this
 *   distance (m); 0 (the default, the paper's rule) disables snapping.
 */
export function assignPointsToParcels(points: PointLayer, parcels: PolygonLayer, parcelGrid: GridIndex | null, parcelIndex: Flatbush | null, pieces: ParcelPieces, snapDistanceM = 0): PointAssignment {
  const n = points.xs.length;
  const parcelOf = new Int32Array(n).fill(-1);
  let inParcels = 0, snapped = 0, outside = 0;
  const items = parcelGrid?.items;
  // Parcel boxes and rings in flat arrays: a point reads a few candidates' vertices.
  const flat = flattenPolygons(parcels.geoms);
  const boxes = flattenBoxes(parcels.bboxes);
  // Points are visited cell by cell (each point's answer does not depend on the others): the
  // candidates' boxes and vertices of one cell stay in the cache instead of being fetched
  // anew for points that come in random order.
  const { order, groupEnd } = cellOrder(points, parcelGrid);
  for (let q = 0; q < n; q++) {
    const k = order[q];
    const x = points.xs[k], y = points.ys[k];
    let found = -1;
    if (parcelGrid && items) {
      // Candidates come in input order, so the first covering parcel owns the point.
      const cell = parcelGrid.cellAt(x, y);
      const end = cell < 0 ? 0 : parcelGrid.start[cell + 1];
      for (let j = cell < 0 ? 0 : parcelGrid.start[cell]; j < end; j++) {
        const i = items[j], o = 4 * i;
        if (x < boxes[o] || x > boxes[o + 2] || y < boxes[o + 1] || y > boxes[o + 3]) continue;
        if (flatCoversPoint(x, y, flat, i)) {
          if (inStudyPart(i, x, y, pieces)) found = i;
          break; // the first covering parcel owns the point, in or out of the study area
        }
      }
    }
    if (found < 0 && snapDistanceM > 0 && parcelIndex) {
      let best = Infinity;
      for (const i of parcelIndex.neighbors(x, y, 16, snapDistanceM)) {
        if (pieces.inStudyM2[i] <= 0) continue;
        const d = distanceToMultiPolygon(x, y, parcels.geoms[i]);
        if (d <= snapDistanceM && (d < best || (d === best && i < found))) { best = d; found = i; }
      }
      if (found >= 0) { snapped++; parcelOf[k] = found; continue; }
    }
    if (found >= 0) { inParcels++; parcelOf[k] = found; } else outside++;
  }
  return { parcelOf, inParcels, snapped, outside, duplicatePositions: groupEnd ? countDuplicatesByCell(points, order, groupEnd) : countDuplicatePositions(points) };
}

/**
 * Point indices sorted by grid cell (counting sort; points outside the grid first), else in
 * input order. `groupEnd[g]` ends the run of cell group g in `order` (group 0: outside the grid).
 */
function cellOrder(points: PointLayer, grid: GridIndex | null): { order: Int32Array; groupEnd: Int32Array | null } {
  const n = points.xs.length;
  const order = new Int32Array(n);
  if (!grid) { for (let k = 0; k < n; k++) order[k] = k; return { order, groupEnd: null }; }
  const cells = grid.cols * grid.rows;
  const cellOf = new Int32Array(n);
  const start = new Int32Array(cells + 2);
  for (let k = 0; k < n; k++) { const c = grid.cellAt(points.xs[k], points.ys[k]) + 1; cellOf[k] = c; start[c + 1]++; }
  for (let c = 0; c <= cells; c++) start[c + 1] += start[c];
  for (let k = 0; k < n; k++) order[start[cellOf[k]]++] = k;
  // After the fill, start[g] is where group g ends.
  return { order, groupEnd: start.subarray(0, cells + 1) };
}

/**
 * {@link countDuplicatePositions} from the cell order: points at one position share a cell, so
 * each cell's few points are compared among themselves (the points outside the grid, group 0,
 * through a map). The count is the number of points less the number of distinct positions,
 * whatever the order.
 */
function countDuplicatesByCell(points: PointLayer, order: Int32Array, groupEnd: Int32Array): number {
  const xs = points.xs, ys = points.ys;
  let dup = 0;
  let begin = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g];
    const size = end - begin;
    if (size > 1) {
      if (g === 0 || size > 32) {
        const seen = new Set<string>();
        for (let q = begin; q < end; q++) {
          const k = order[q];
          // Number keys as countDuplicatePositions compares them: 0 and -0 are one position.
          const key = `${xs[k] === 0 ? 0 : xs[k]},${ys[k] === 0 ? 0 : ys[k]}`;
          if (seen.has(key)) dup++;
          else seen.add(key);
        }
      } else {
        for (let q = begin + 1; q < end; q++) {
          const k = order[q], x = xs[k], y = ys[k];
          for (let r = begin; r < q; r++) {
            const m = order[r];
            if (xs[m] === x && ys[m] === y) { dup++; break; }
          }
        }
      }
    }
    begin = end;
  }
  return dup;
}

/** Number of points at exactly the same position as an earlier point. */
export function countDuplicatePositions(points: PointLayer): number {
  // x → index of the first point with that x; exact x collisions are rare except for true
  // duplicates, so the string set of the second map stays small.
  const firstByX = new Map<number, number>();
  const others = new Set<string>();
  let dup = 0;
  for (let k = 0; k < points.xs.length; k++) {
    const x = points.xs[k], y = points.ys[k];
    const first = firstByX.get(x);
    if (first === undefined) { firstByX.set(x, k); continue; }
    if (points.ys[first] === y) { dup++; continue; }
    const key = `${x},${y}`;
    if (others.has(key)) dup++;
    else others.add(key);
  }
  return dup;
}
