/**
 * Assembling a Shapefile polygon record's rings into GeoJSON polygons. ESRI writes outer rings
 * clockwise and holes counter-clockwise (y up); a record may hold several outer rings, and a
 * hole's shell is the one that contains it.
 */
import type { Position } from '../../../types.js';

/** Twice the signed area of a closed ring (shoelace); positive = counter-clockwise. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** Point in ring by ray casting: 1 inside, 0 on the boundary, -1 outside. */
function pointInRing(x: number, y: number, ring: readonly Position[]): 1 | 0 | -1 {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
    // On the segment (collinear and within its box).
    if ((x - xi) * (yj - yi) === (y - yi) * (xj - xi) && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Whether ring `inner` lies inside ring `outer`: decided by its first vertex not on `outer`'s boundary. */
function ringInside(inner: readonly Position[], outer: readonly Position[]): boolean {
  for (const p of inner) {
    const r = pointInRing(p[0], p[1], outer);
    if (r !== 0) return r === 1;
  }
  return true; // every vertex on the boundary: the same ring traced again; treat as inside
}

/** Result of {@link assemblePolygonRings}. */
export interface AssembledPolygons {
  /** Polygons as GeoJSON coordinates, RFC 7946 winding (outer counter-clockwise, holes clockwise). */
  polygons: Position[][][];
  /** Counter-clockwise rings that no clockwise ring contains. */
  orphanHoles: number;
  /** Rings dropped for having fewer than 3 distinct vertices. */
  degenerate: number;
  /** Rings whose last vertex did not repeat the first (closed here). */
  closed: number;
}

/**
 * Group a polygon record's rings into polygons.
 *
 * Clockwise rings are shells; each counter-clockwise ring is a hole of the smallest shell that
 * contains it. Counter-clockwise rings inside no shell (files written with the opposite winding,
 * or damaged) are nested among themselves: one inside an odd number of the others is a hole of
 * the innermost, the rest are shells. Unclosed rings are closed; rings with fewer than 3 distinct
 * vertices are dropped. Output winding follows RFC 7946.
 *
 * @param rings - the record's parts as read (positions `[x, y]`).
 * @returns polygons and counts of what was repaired.
 */
export function assemblePolygonRings(rings: Position[][]): AssembledPolygons {
  let degenerate = 0;
  let closed = 0;
  const clean: Position[][] = [];
  for (const r0 of rings) {
    let r = r0;
    if (r.length > 0) {
      const a = r[0], b = r[r.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) { r = [...r, [a[0], a[1]]]; closed++; }
    }
    const distinct = new Set(r.map((p) => `${p[0]},${p[1]}`)).size;
    if (distinct < 3) { degenerate++; continue; }
    clean.push(r);
  }

  const shells: Array<{ ring: Position[]; area: number; holes: Position[][] }> = [];
  const holes: Array<{ ring: Position[]; area: number }> = [];
  for (const r of clean) {
    const a2 = ringSignedArea2(r);
    // Clockwise (negative) is a shell in ESRI's convention; a zero-area ring counts as a shell so it is reported downstream, not lost.
    if (a2 <= 0) shells.push({ ring: r, area: -a2, holes: [] });
    else holes.push({ ring: r, area: a2 });
  }

  const orphans: Array<{ ring: Position[]; area: number }> = [];
  for (const h of holes) {
    let best: (typeof shells)[number] | null = null;
    for (const s of shells) {
      if (s.area <= h.area) continue;
      if (ringInside(h.ring, s.ring) && (best === null || s.area < best.area)) best = s;
    }
    if (best) best.holes.push(h.ring);
    else orphans.push(h);
  }

  // Orphans: nest among themselves by containment depth.
  const orphanShells: Array<{ ring: Position[]; area: number; holes: Position[][] }> = [];
  const byArea = [...orphans].sort((a, b) => b.area - a.area);
  const depth = new Map<Position[], number>();
  const parent = new Map<Position[], Position[]>();
  for (let i = 0; i < byArea.length; i++) {
    let d = 0;
    let innermost: Position[] | null = null;
    for (let j = 0; j < i; j++) {
      if (byArea[j].area > byArea[i].area && ringInside(byArea[i].ring, byArea[j].ring)) {
        d++;
        innermost = byArea[j].ring; // sorted by area descending: the last container found is the smallest
      }
    }
    depth.set(byArea[i].ring, d);
    if (innermost) parent.set(byArea[i].ring, innermost);
  }
  for (const o of byArea) if (depth.get(o.ring)! % 2 === 0) orphanShells.push({ ring: o.ring, area: o.area, holes: [] });
  for (const o of byArea) {
    if (depth.get(o.ring)! % 2 === 1) {
      const owner = orphanShells.find((s) => s.ring === parent.get(o.ring));
      if (owner) owner.holes.push(o.ring);
      else orphanShells.push({ ring: o.ring, area: o.area, holes: [] });
    }
  }

  const ccw = (r: Position[]): Position[] => (ringSignedArea2(r) < 0 ? [...r].reverse() : r);
  const cw = (r: Position[]): Position[] => (ringSignedArea2(r) > 0 ? [...r].reverse() : r);
  const polygons = [...shells, ...orphanShells].map((s) => [ccw(s.ring), ...s.holes.map(cw)]);
  return { polygons, orphanHoles: orphans.length, degenerate, closed };
}
