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
import type { BBox } from '../geometry/planar.js';
import { segmentCrossings } from '../geometry/planar.js';
import { flatCoversPoint, flattenBoxes, flattenPolygons } from '../geometry/flat.js';
import { GridIndex } from './grid-index.js';
import type { LineLayer, PolygonLayer } from './layers.js';
import { lineCount } from './layers.js';
import type { ParcelPieces } from './overlay.js';
import { indexEdges } from './overlay.js';
import { UnitLocator } from './unit-locator.js';

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

/**
 * The pieces in typed arrays, filled in chunks of {@link CHUNK} and copied once into arrays of
 * the exact length at the end (no boxed numbers for 10⁶ pieces). Chunks rather than arrays that
 * double: doubling allocated about three times the final bytes (each size on the way, then the
 * trimmed copy), and typed arrays that outlive a young-generation collection count against V8's
 * external-memory budget until the next full collection, which a run at 10⁵ parcels then paid
 * for once more (a 0.2–0.3 s mark-compact of the whole heap).
 */
class Pieces {
  n = 0;
  private chunks: { line: Int32Array; parcel: Int32Array; unit: Int32Array; col: Int32Array; row: Int32Array; len: Float64Array }[] = [];
  private at = CHUNK;
  private c = this.chunks[0];
  push(l: number, p: number, u: number, col: number, row: number, len: number): void {
    if (this.at === CHUNK) {
      this.c = { line: new Int32Array(CHUNK), parcel: new Int32Array(CHUNK), unit: new Int32Array(CHUNK), col: new Int32Array(CHUNK), row: new Int32Array(CHUNK), len: new Float64Array(CHUNK) };
      this.chunks.push(this.c);
      this.at = 0;
    }
    const c = this.c, k = this.at++;
    c.line[k] = l; c.parcel[k] = p; c.unit[k] = u; c.col[k] = col; c.row[k] = row; c.len[k] = len;
    this.n++;
  }
  /** The pieces in arrays of their exact length (the chunks are dropped). */
  finish(): Omit<NetworkPieces, 'inStudyM'> {
    const n = this.n;
    const out = { line: new Int32Array(n), parcel: new Int32Array(n), unit: new Int32Array(n), col: new Int32Array(n), row: new Int32Array(n), lengthM: new Float64Array(n) };
    this.chunks.forEach((c, i) => {
      const o = i * CHUNK, m = Math.min(CHUNK, n - o);
      out.line.set(c.line.subarray(0, m), o); out.parcel.set(c.parcel.subarray(0, m), o); out.unit.set(c.unit.subarray(0, m), o);
      out.col.set(c.col.subarray(0, m), o); out.row.set(c.row.subarray(0, m), o); out.lengthM.set(c.len.subarray(0, m), o);
    });
    this.chunks = [];
    return out;
  }
}

/** Pieces per chunk of {@link Pieces}. */
const CHUNK = 1 << 14;

/**
 * Cut lines by parcels, units and a grid.
 * @param cellSizeM grid cell size (m); cells are aligned to multiples of it.
 */
export function cutNetwork(lines: LineLayer, parcels: PolygonLayer, parcelGrid: GridIndex | null, pieces: ParcelPieces, units: PolygonLayer, unitIndex: Flatbush | null, cellSizeM: number, locator?: UnitLocator): NetworkPieces {
  const unitEdges = indexEdges(units);
  const ec = unitEdges.coords;
  // The unit edges in a grid index too: the R-tree search allocates a result per segment.
  const edgeCount = ec.length / 4;
  const edgeBoxes: BBox[] = new Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const o = e * 4;
    edgeBoxes[e] = [Math.min(ec[o], ec[o + 2]), Math.min(ec[o + 1], ec[o + 3]), Math.max(ec[o], ec[o + 2]), Math.max(ec[o + 1], ec[o + 3])];
  }
  const edgeGrid = edgeCount > 0 ? new GridIndex(edgeBoxes) : null;
  const ue: number[] = [];
  const out = new Pieces();
  const lineTotal = lineCount(lines);
  const inStudy = new Float64Array(lineTotal);
  const lxy = lines.xy, lstart = lines.start;
  // Crossing parameters of the current segment (parcel edges, unit edges, grid lines, 0 and 1).
  const ts = new Crossings();
  const cands: number[] = [];
  const unitLocator = locator ?? new UnitLocator(units, unitIndex);
  const flat = flattenPolygons(parcels.geoms);
  const { polyStart, ringStart, vertexStart, xy } = flat;

  const currentUnits: number[] = [];
  // Parcel boxes flat (minX, minY, maxX, maxY per parcel): read for every candidate of every segment.
  const boxes = flattenBoxes(parcels.bboxes);
  for (let li = 0; li < lineTotal; li++) {
    let unitsKnown = false;
    for (let sv = lstart[li]; sv + 1 < lstart[li + 1]; sv++) {
      const ax = lxy[2 * sv], ay = lxy[2 * sv + 1], bx = lxy[2 * sv + 2], by = lxy[2 * sv + 3];
      const segLen = Math.hypot(bx - ax, by - ay);
      if (segLen === 0) continue;
      const minX = Math.min(ax, bx), minY = Math.min(ay, by), maxX = Math.max(ax, bx), maxY = Math.max(ay, by);
      ts.n = 0;
      // Parcel edges.
      let kept = 0;
      if (parcelGrid) {
        parcelGrid.queryBox(minX, minY, maxX, maxY, cands);
        // Keep only parcels whose box meets the segment's (the grid cells are coarser) and whose
        // box the segment's line does not pass clear of (all four corners on one side): a
        // diagonal segment's box holds many parcels its line never touches.
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
      }
      for (let k = 0; k < kept; k++) {
        const pi = cands[k];
        for (let r = ringStart[polyStart[pi]], rEnd = ringStart[polyStart[pi + 1]]; r < rEnd; r++) {
          const v0 = vertexStart[r], v1 = vertexStart[r + 1];
          let cx = xy[2 * v1 - 2], cy = xy[2 * v1 - 1];
          for (let v = v0; v < v1; v++) {
            const dx = xy[2 * v], dy = xy[2 * v + 1];
            // Most edges of a candidate parcel lie clear of the segment's box: skip them cheaply.
            if (!((cx < minX && dx < minX) || (cx > maxX && dx > maxX) || (cy < minY && dy < minY) || (cy > maxY && dy > maxY))) {
              segmentCrossings(ax, ay, bx, by, cx, cy, dx, dy, ts);
            }
            cx = dx;
            cy = dy;
          }
        }
      }
      // Unit edges whose box meets the segment's (the grid's cells are coarser than the boxes).
      let nearUnitEdge = false;
      if (edgeGrid) {
        edgeGrid.queryBox(minX, minY, maxX, maxY, ue);
        for (let k = 0; k < ue.length; k++) {
          const e = ue[k], b = edgeBoxes[e];
          if (!(b[0] <= maxX && b[2] >= minX && b[1] <= maxY && b[3] >= minY)) continue;
          nearUnitEdge = true;
          const o = e * 4;
          segmentCrossings(ax, ay, bx, by, ec[o], ec[o + 1], ec[o + 2], ec[o + 3], ts);
        }
      }
      // Grid lines x = k·size and y = k·size.
      if (bx !== ax) for (let k = Math.ceil(minX / cellSizeM); k * cellSizeM <= maxX; k++) {
        const t = (k * cellSizeM - ax) / (bx - ax);
        if (t > 0 && t < 1) ts.push(t);
      }
      if (by !== ay) for (let k = Math.ceil(minY / cellSizeM); k * cellSizeM <= maxY; k++) {
        const t = (k * cellSizeM - ay) / (by - ay);
        if (t > 0 && t < 1) ts.push(t);
      }
      ts.push(0);
      ts.push(1);
      ts.sort();
      const t = ts.t;
      // The unit can change inside this segment only where a unit edge is near it.
      const recheckUnits = nearUnitEdge || !unitsKnown;
      for (let j = 0; j + 1 < ts.n; j++) {
        const t0 = t[j], t1 = t[j + 1];
        if (t1 - t0 <= 1e-12) continue;
        const tm = (t0 + t1) / 2;
        const mx = ax + tm * (bx - ax), my = ay + tm * (by - ay);
        if (recheckUnits) { unitLocator.unitsAt(mx, my, currentUnits); unitsKnown = true; }
        if (currentUnits.length === 0) continue; // outside the study area
        const len = (t1 - t0) * segLen;
        let parcel = -1;
        for (let k = 0; k < kept; k++) {
          const pi = cands[k], o = pi * 4;
          if (mx < boxes[o] || mx > boxes[o + 2] || my < boxes[o + 1] || my > boxes[o + 3]) continue;
          if (flatCoversPoint(mx, my, flat, pi)) {
            if (pieces.inStudyM2[pi] > 0) parcel = pi;
            break;
          }
        }
        const col = Math.floor(mx / cellSizeM), row = Math.floor(my / cellSizeM);
        const share = len / currentUnits.length;
        for (let k = 0; k < currentUnits.length; k++) out.push(li, parcel, currentUnits[k], col, row, share);
        inStudy[li] += len;
      }
    }
  }
  return { ...out.finish(), inStudyM: inStudy };
}

/** The crossing parameters of one segment: a Float64Array that grows, sorted in place. */
class Crossings {
  t = new Float64Array(64);
  n = 0;
  push(v: number): void {
    if (this.n === this.t.length) { const b = new Float64Array(this.n * 2); b.set(this.t); this.t = b; }
    this.t[this.n++] = v;
  }
  /** Ascending (insertion sort: a segment has a handful of crossings; the typed sort past 32). */
  sort(): void {
    const a = this.t, n = this.n;
    if (n > 32) { a.subarray(0, n).sort(); return; }
    for (let i = 1; i < n; i++) {
      const v = a[i];
      let j = i - 1;
      while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
      a[j + 1] = v;
    }
  }
}
