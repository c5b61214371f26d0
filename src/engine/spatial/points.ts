/**
 * Points in parcels (METHOD.md §2): a point on a shared edge or inside overlapping parcels is
 * counted once, for the first parcel in input order that covers it; points outside every parcel
 * (or outside the study area) are counted, optionally snapped to the nearest parcel within a
 * distance; points at identical positions are kept and counted.
 */
import type Flatbush from 'flatbush';
import { distanceToMultiPolygon, multiPolygonCoversPoint } from '../geometry/planar.js';
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
  for (let k = 0; k < n; k++) {
    const x = points.xs[k], y = points.ys[k];
    let found = -1;
    if (parcelGrid && items) {
      // Candidates come in input order, so the first covering parcel owns the point.
      const cell = parcelGrid.cellAt(x, y);
      const end = cell < 0 ? 0 : parcelGrid.start[cell + 1];
      for (let j = cell < 0 ? 0 : parcelGrid.start[cell]; j < end; j++) {
        const i = items[j];
        const bb = parcels.bboxes[i];
        if (x < bb[0] || x > bb[2] || y < bb[1] || y > bb[3]) continue;
        if (multiPolygonCoversPoint(x, y, parcels.geoms[i])) {
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
  return { parcelOf, inParcels, snapped, outside, duplicatePositions: countDuplicatePositions(points) };
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
