/**
 * Which units cover a point, answered from a fine grid for the points that lie well inside.
 *
 * A city run asks this for every parcel (the overlay), every road line and every piece of a road
 * near a unit border (the network cut): 10⁵–10⁶ queries, each an R-tree search that allocates
 * its result and a point-in-polygon test per candidate unit. Here the units' extent is cut into
 * a grid; a cell that no unit edge comes within `ON_EDGE_TOLERANCE_M` of lies, with all its
 * points, strictly inside the same units (a boundary would have to cross it), so the answer of
 * the first query in such a cell is the answer for the whole cell — and for every cell joined to
 * it through a side by such cells: an edge between two of them would have marked both, so no
 * boundary crosses the region and it lies inside the same units throughout. The first query in
 * a region therefore settles the whole region (a flood fill), and a city's interior costs one
 * polygon test per region instead of one per cell. Cells that an edge comes near ask the
 * polygons every time. The answers are those of {@link unitsCovering}, point for point.
 */
import type Flatbush from 'flatbush';
import { ON_EDGE_TOLERANCE_M, multiPolygonCoversPoint } from '../geometry/planar.js';
import { flatCoversPoint, flattenPolygons } from '../geometry/flat.js';
import type { FlatPolygons } from '../geometry/flat.js';
import type { PolygonLayer } from './layers.js';

/** Cells of the grid at most (a 2 MB Int32Array). */
const MAX_CELLS = 1 << 19;
const UNKNOWN = -2;
const NEAR_EDGE = -3;
/** States ≤ MULTI name an entry of the multi-unit answers: MULTI - k. */
const MULTI = -4;

/**
 * The units (ascending) that cover a point, inside or on the boundary, written into `into`.
 * The reference answer: an R-tree search on the unit boxes and a point-in-polygon test each.
 */
export function unitsCovering(units: PolygonLayer, unitIndex: Flatbush | null, x: number, y: number, into: number[]): number[] {
  into.length = 0;
  if (!unitIndex) return into;
  const hits = unitIndex.search(x, y, x, y);
  if (hits.length > 1) hits.sort((a, b) => a - b);
  for (const u of hits) if (multiPolygonCoversPoint(x, y, units.geoms[u])) into.push(u);
  return into;
}

export class UnitLocator {
  private readonly units: PolygonLayer;
  private readonly unitIndex: Flatbush | null;
  private readonly minX: number;
  private readonly minY: number;
  private readonly size: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Per cell: UNKNOWN, NEAR_EDGE, -1 (no unit), a unit index, or MULTI - k. */
  private readonly state: Int32Array;
  private readonly multi: number[][] = [];
  private readonly scratch: number[] = [];
  /** Near-edge cells: the units whose box meets the cell, ascending (made on the cell's first query). */
  private readonly nearCands = new Map<number, Int32Array>();
  private readonly flat: FlatPolygons;
  private readonly boxes: Float64Array;
  /** The flood fill's stack (made on the first fill). */
  private stack: Int32Array | null = null;

  constructor(units: PolygonLayer, unitIndex: Flatbush | null) {
    this.units = units;
    this.unitIndex = unitIndex;
    this.flat = flattenPolygons(units.geoms);
    this.boxes = new Float64Array(units.bboxes.length * 4);
    units.bboxes.forEach((b, i) => this.boxes.set(b, i * 4));
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, edges = 0;
    for (const b of units.bboxes) {
      if (b[0] < minX) minX = b[0];
      if (b[1] < minY) minY = b[1];
      if (b[2] > maxX) maxX = b[2];
      if (b[3] > maxY) maxY = b[3];
    }
    for (const mp of units.geoms) for (const p of mp) for (const r of p) edges += r.length;
    if (!unitIndex || !(minX <= maxX && minY <= maxY)) {
      this.minX = this.minY = 0; this.size = 1; this.cols = this.rows = 0; this.state = new Int32Array(0);
      return;
    }
    const w = Math.max(maxX - minX, 1e-6), h = Math.max(maxY - minY, 1e-6);
    // About 64 cells per unit edge (fine enough that most cells hold no edge), within the cap.
    const target = Math.min(MAX_CELLS, Math.max(1024, 64 * edges));
    const size = Math.max(Math.sqrt((w * h) / target), w / 2048, h / 2048, 1e-3);
    this.minX = minX;
    this.minY = minY;
    this.size = size;
    this.cols = Math.floor(w / size) + 1;
    this.rows = Math.floor(h / size) + 1;
    this.state = new Int32Array(this.cols * this.rows).fill(UNKNOWN);
    // Mark every cell that an edge comes within the tolerance of. The edge is walked in steps of
    // at most half a cell, and each step marks the cells its box (grown by a margin well above
    // the tolerance and float noise) meets: possibly a few cells more than needed, never fewer.
    const margin = ON_EDGE_TOLERANCE_M * 4 + size * 1e-9;
    for (const mp of units.geoms) for (const p of mp) for (const r of p) {
      const m = r.length;
      for (let i = 0; i < m; i++) {
        const a = r[i], b = r[(i + 1) % m];
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        const steps = Math.max(1, Math.ceil((2 * len) / size));
        for (let s = 0; s < steps; s++) {
          const t0 = s / steps, t1 = (s + 1) / steps;
          const x0 = a[0] + t0 * (b[0] - a[0]), y0 = a[1] + t0 * (b[1] - a[1]);
          const x1 = s + 1 === steps ? b[0] : a[0] + t1 * (b[0] - a[0]), y1 = s + 1 === steps ? b[1] : a[1] + t1 * (b[1] - a[1]);
          const c0 = this.col(Math.min(x0, x1) - margin), c1 = this.col(Math.max(x0, x1) + margin);
          const r0 = this.row(Math.min(y0, y1) - margin), r1 = this.row(Math.max(y0, y1) + margin);
          for (let rr = r0; rr <= r1; rr++) for (let cc = c0; cc <= c1; cc++) this.state[rr * this.cols + cc] = NEAR_EDGE;
        }
      }
    }
  }

  private col(x: number): number {
    const c = Math.floor((x - this.minX) / this.size);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  private row(y: number): number {
    const r = Math.floor((y - this.minY) / this.size);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  /** The cell of a point, or -1 outside the grid (where no unit box reaches). */
  private cellOf(x: number, y: number): number {
    const fx = (x - this.minX) / this.size, fy = (y - this.minY) / this.size;
    if (!(fx >= 0 && fy >= 0 && fx < this.cols && fy < this.rows)) return -1;
    return Math.floor(fy) * this.cols + Math.floor(fx);
  }

  /** The units (ascending) that cover a point, written into `into` (cleared first). */
  unitsAt(x: number, y: number, into: number[]): number[] {
    const cell = this.cellOf(x, y);
    if (cell < 0) {
      // Outside the grid means outside every unit box, unless the point is not a number.
      return x === x && y === y ? ((into.length = 0), into) : unitsCovering(this.units, this.unitIndex, x, y, into);
    }
    const s = this.state[cell];
    if (s === NEAR_EDGE) return this.nearEdge(cell, x, y, into);
    into.length = 0;
    if (s === UNKNOWN) {
      unitsCovering(this.units, this.unitIndex, x, y, into);
      let answer: number;
      if (into.length === 0) answer = -1;
      else if (into.length === 1) answer = into[0];
      else { answer = MULTI - this.multi.length; this.multi.push(into.slice()); }
      this.fill(cell, answer);
      return into;
    }
    if (s >= 0) into.push(s);
    else if (s <= MULTI) for (const u of this.multi[MULTI - s]) into.push(u);
    return into;
  }

  /**
   * Give `answer` to the cell and to every UNKNOWN cell joined to it through sides of UNKNOWN
   * cells (none of them near an edge, so all inside the same units; see the module comment).
   */
  private fill(start: number, answer: number): void {
    const state = this.state, cols = this.cols, last = state.length - cols;
    const stack = (this.stack ??= new Int32Array(state.length));
    let top = 0;
    state[start] = answer;
    stack[top++] = start;
    while (top > 0) {
      const c = stack[--top];
      const col = c % cols;
      if (col > 0 && state[c - 1] === UNKNOWN) { state[c - 1] = answer; stack[top++] = c - 1; }
      if (col < cols - 1 && state[c + 1] === UNKNOWN) { state[c + 1] = answer; stack[top++] = c + 1; }
      if (c >= cols && state[c - cols] === UNKNOWN) { state[c - cols] = answer; stack[top++] = c - cols; }
      if (c < last && state[c + cols] === UNKNOWN) { state[c + cols] = answer; stack[top++] = c + cols; }
    }
  }

  /**
   * {@link unitsCovering} in a cell near an edge: the candidates are the units whose box meets
   * the cell, kept when their box holds the point (as the R-tree search keeps them), then the
   * point-in-polygon test on the flat coordinates (the same test, the same answers).
   */
  private nearEdge(cell: number, x: number, y: number, into: number[]): number[] {
    let cands = this.nearCands.get(cell);
    if (!cands) {
      const c = cell % this.cols, r = (cell - c) / this.cols;
      const x0 = this.minX + c * this.size, y0 = this.minY + r * this.size;
      // The cell grown a little: a point on its border must find every unit it could be in.
      const pad = this.size * 1e-6 + ON_EDGE_TOLERANCE_M;
      cands = Int32Array.from(this.unitIndex!.search(x0 - pad, y0 - pad, x0 + this.size + pad, y0 + this.size + pad)).sort();
      this.nearCands.set(cell, cands);
    }
    into.length = 0;
    const b = this.boxes;
    for (let k = 0; k < cands.length; k++) {
      const u = cands[k], o = 4 * u;
      if (x < b[o] || x > b[o + 2] || y < b[o + 1] || y > b[o + 3]) continue;
      if (flatCoversPoint(x, y, this.flat, u)) into.push(u);
    }
    return into;
  }

  /** The first unit (in input order) that covers a point, or -1. */
  unitAt(x: number, y: number): number {
    const list = this.unitsAt(x, y, this.scratch);
    return list.length > 0 ? list[0] : -1;
  }
}
