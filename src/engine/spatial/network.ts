/**
 * Networks (roads, rail, waterways) cut by parcels, units and grid cells (METHOD.md §2
 * "road correction" and "transport where the parcels hold no transportation land").
 *
 * Every line is split at each crossing with a parcel edge, a unit edge and a grid line; each
 * sub-piece lies in one parcel (or none), one cell and one unit, settled at its midpoint. A piece
 * lying exactly on a unit border is covered by both units and split between them equally, so
 * its shares add to one. A piece on a shared parcel edge goes to the first parcel in input order.
 */
import type Flatbush from 'flatbush';
import { multiPolygonCoversPoint, segmentCrossings } from '../geometry/planar.js';
import type { GridIndex } from './grid-index.js';
import type { LineLayer, PolygonLayer } from './layers.js';
import type { ParcelPieces } from './overlay.js';
import { indexEdges } from './overlay.js';

/** Flat list of line sub-pieces inside the study area. */
export interface NetworkPieces {
  /** Line index (into the LineLayer) of each piece. */
  line: Int32Array;
  /** Parcel index, or -1 for a piece outside every parcel. */
  parcel: Int32Array;
  unit: Int32Array;
  col: Int32Array;
  row: Int32Array;
  /** Length of the piece, m (half a piece's length when it lies on a border of two units). */
  lengthM: Float64Array;
  /** Length of each line inside the study area, m. */
  inStudyM: Float64Array;
}

class Growable {
  line: number[] = []; parcel: number[] = []; unit: number[] = []; col: number[] = []; row: number[] = []; len: number[] = [];
  push(l: number, p: number, u: number, c: number, r: number, len: number): void {
    this.line.push(l); this.parcel.push(p); this.unit.push(u); this.col.push(c); this.row.push(r); this.len.push(len);
  }
}

/**
 * Cut lines by parcels, units and a grid.
 * @param cellSizeM grid cell size (m); cells are aligned to multiples of it.
 */
export function cutNetwork(lines: LineLayer, parcels: PolygonLayer, parcelGrid: GridIndex | null, pieces: ParcelPieces, units: PolygonLayer, unitIndex: Flatbush | null, cellSizeM: number): NetworkPieces {
  const unitEdges = indexEdges(units);
  const out = new Growable();
  const inStudy = new Float64Array(lines.lines.length);
  const ts: number[] = [];
  const unitTs: number[] = [];
  const cands: number[] = [];

  const unitsAt = (x: number, y: number, into: number[]): void => {
    into.length = 0;
    if (!unitIndex) return;
    const hits = unitIndex.search(x, y, x, y);
    if (hits.length > 1) hits.sort((a, b) => a - b);
    for (const u of hits) if (multiPolygonCoversPoint(x, y, units.geoms[u])) into.push(u);
  };

  const currentUnits: number[] = [];
  // Parcel boxes flat (minX, minY, maxX, maxY per parcel): read for every candidate of every segment.
  const boxes = new Float64Array(parcels.bboxes.length * 4);
  parcels.bboxes.forEach((b, i) => boxes.set(b, i * 4));
  for (let li = 0; li < lines.lines.length; li++) {
    const line = lines.lines[li];
    let unitsKnown = false;
    for (let s = 0; s + 1 < line.length; s++) {
      const ax = line[s][0], ay = line[s][1], bx = line[s + 1][0], by = line[s + 1][1];
      const segLen = Math.hypot(bx - ax, by - ay);
      if (segLen === 0) continue;
      const minX = Math.min(ax, bx), minY = Math.min(ay, by), maxX = Math.max(ax, bx), maxY = Math.max(ay, by);
      ts.length = 0;
      unitTs.length = 0;
      // Parcel edges.
      if (parcelGrid) parcelGrid.queryBox(minX, minY, maxX, maxY, cands);
      // Keep only parcels whose box meets the segment's (the grid cells are coarser) and whose
      // box the segment's line does not pass clear of (all four corners on one side): a
      // diagonal segment's box holds many parcels its line never touches.
      let kept = 0;
      const rx = bx - ax, ry = by - ay;
      for (let k = 0; k < cands.length; k++) {
        const pi = cands[k], o = pi * 4;
        const x0 = boxes[o], y0 = boxes[o + 1], x1 = boxes[o + 2], y1 = boxes[o + 3];
        if (!(x0 <= maxX && x1 >= minX && y0 <= maxY && y1 >= minY)) continue;
        const s0 = rx * (y0 - ay) - ry * (x0 - ax), s1 = rx * (y0 - ay) - ry * (x1 - ax);
        const s2 = rx * (y1 - ay) - ry * (x0 - ax), s3 = rx * (y1 - ay) - ry * (x1 - ax);
        if ((s0 > 0 && s1 > 0 && s2 > 0 && s3 > 0) || (s0 < 0 && s1 < 0 && s2 < 0 && s3 < 0)) continue;
        cands[kept++] = pi;
      }
      cands.length = kept;
      for (let k = 0; k < cands.length; k++) for (const poly of parcels.geoms[cands[k]]) for (const r of poly) {
        const m = r.length;
        let c = r[m - 1];
        for (let i = 0; i < m; i++) {
          const d = r[i];
          // Most edges of a candidate parcel lie clear of the segment's box: skip them cheaply.
          const cx = c[0], cy = c[1], dx = d[0], dy = d[1];
          if (!((cx < minX && dx < minX) || (cx > maxX && dx > maxX) || (cy < minY && dy < minY) || (cy > maxY && dy > maxY))) {
            segmentCrossings(ax, ay, bx, by, cx, cy, dx, dy, ts);
          }
          c = d;
        }
      }
      // Unit edges.
      const ue = unitEdges.index ? unitEdges.index.search(minX, minY, maxX, maxY) : [];
      for (const e of ue) {
        const o = e * 4;
        segmentCrossings(ax, ay, bx, by, unitEdges.coords[o], unitEdges.coords[o + 1], unitEdges.coords[o + 2], unitEdges.coords[o + 3], unitTs);
      }
      for (const t of unitTs) ts.push(t);
      // Grid lines x = k·size and y = k·size.
      if (bx !== ax) for (let k = Math.ceil(minX / cellSizeM); k * cellSizeM <= maxX; k++) {
        const t = (k * cellSizeM - ax) / (bx - ax);
        if (t > 0 && t < 1) ts.push(t);
      }
      if (by !== ay) for (let k = Math.ceil(minY / cellSizeM); k * cellSizeM <= maxY; k++) {
        const t = (k * cellSizeM - ay) / (by - ay);
        if (t > 0 && t < 1) ts.push(t);
      }
      ts.push(0, 1);
      ts.sort((a, b) => a - b);
      // The unit can change inside this segment only where a unit edge is near it.
      const recheckUnits = ue.length > 0 || !unitsKnown;
      for (let j = 0; j + 1 < ts.length; j++) {
        const t0 = ts[j], t1 = ts[j + 1];
        if (t1 - t0 <= 1e-12) continue;
        const tm = (t0 + t1) / 2;
        const mx = ax + tm * (bx - ax), my = ay + tm * (by - ay);
        if (recheckUnits) { unitsAt(mx, my, currentUnits); unitsKnown = true; }
        if (currentUnits.length === 0) continue; // outside the study area
        const len = (t1 - t0) * segLen;
        let parcel = -1;
        for (let k = 0; k < cands.length; k++) {
          const pi = cands[k], o = pi * 4;
          if (mx < boxes[o] || mx > boxes[o + 2] || my < boxes[o + 1] || my > boxes[o + 3]) continue;
          if (multiPolygonCoversPoint(mx, my, parcels.geoms[pi])) {
            if (pieces.inStudyM2[pi] > 0) parcel = pi;
            break;
          }
        }
        const col = Math.floor(mx / cellSizeM), row = Math.floor(my / cellSizeM);
        const share = len / currentUnits.length;
        for (const u of currentUnits) out.push(li, parcel, u, col, row, share);
        inStudy[li] += len;
      }
    }
  }
  return {
    line: Int32Array.from(out.line), parcel: Int32Array.from(out.parcel), unit: Int32Array.from(out.unit),
    col: Int32Array.from(out.col), row: Int32Array.from(out.row), lengthM: Float64Array.from(out.len), inStudyM: inStudy,
  };
}
