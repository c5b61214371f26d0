/**
 * Points in parcels (METHOD.md §2): a point on a shared edge or inside overlapping parcels is
 * counted once, for the first parcel in input order that covers it; points outside every parcel
 * (or outside the study area) are counted, optionally snapped to the nearest parcel within a
 * distance; points at identical positions are kept and counted.
 */
import type Flatbush from 'flatbush';
import { distanceToMultiPolygon, multiPolygonCoversPoint } from '../geometry/planar.js';
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
export function assignPointsToParcels(points: PointLayer, parcels: PolygonLayer, parcelIndex: Flatbush | null, pieces: ParcelPieces, snapDistanceM = 0): PointAssignment {
  const n = points.xs.length;
  const parcelOf = new Int32Array(n).fill(-1);
  let inParcels = 0, snapped = 0, outside = 0;
  for (let k = 0; k < n; k++) {
    const x = points.xs[k], y = points.ys[k];
    let found = -1;
    if (parcelIndex) {
      const hits = parcelIndex.search(x, y, x, y);
      if (hits.length > 1) hits.sort((a, b) => a - b);
      for (const i of hits) {
        if (multiPolygonCoversPoint(x, y, parcels.geoms[i])) {
          if (inStudyPart(i, x, y, pieces)) found = i;
          break; // the first covering parcel owns the point, in or out of the study area
        }
      }
      if (found < 0 && snapDistanceM > 0) {
        let best = Infinity;
        for (const i of parcelIndex.neighbors(x, y, 16, snapDistanceM)) {
          if (pieces.inStudyM2[i] <= 0) continue;
          const d = distanceToMultiPolygon(x, y, parcels.geoms[i]);
          if (d <= snapDistanceM && (d < best || (d === best && i < found))) { best = d; found = i; }
        }
        if (found >= 0) { snapped++; parcelOf[k] = found; continue; }
      }
    }
    if (found >= 0) { inParcels++; parcelOf[k] = found; } else outside++;
  }
  return { parcelOf, inParcels, snapped, outside, duplicatePositions: countDuplicatePositions(points) };
}

/** Number of points at exactly the same position as an earlier point. */
export function countDuplicatePositions(points: PointLayer): number {
  const seen = new Map<number, number[]>();
  let dup = 0;
  for (let k = 0; k < points.xs.length; k++) {
    const x = points.xs[k], y = points.ys[k];
    const ys = seen.get(x);
    if (!ys) { seen.set(x, [y]); continue; }
    if (ys.includes(y)) dup++;
    else ys.push(y);
  }
  return dup;
}
