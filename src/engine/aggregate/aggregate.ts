/**
 * Aggregation of parcel and network tonnes to units and to the square grid (METHOD.md §3).
 *
 * A parcel's tonnes are split over the units and cells it overlaps in proportion to overlap
 * area; a network line's tonnes in proportion to its length inside each. Shares are normalised
 * by their own sum, so each parcel's and line's tonnes are passed on whole (no slivers lost, no
 * double counting at cell corners).
 */
import type { MultiPolygon, Ring } from '../geometry/planar.js';
import { ringAreaInConvex } from '../geometry/convex-clip.js';
import { multiPolygonAreaInRect } from '../geometry/planar.js';
import { SECTOR_COUNT } from '../allocate/allocate.js';
import type { PolygonLayer } from '../spatial/layers.js';
import type { NetworkPieces } from '../spatial/network.js';
import type { ParcelPieces } from '../spatial/overlay.js';
import { SECTOR_INDEX } from '../allocate/allocate.js';

const ROW_OFFSET = 2 ** 21;
const COL_FACTOR = 2 ** 22;

/** Numeric key of a grid cell. */
export function cellKey(col: number, row: number): number {
  return col * COL_FACTOR + (row + ROW_OFFSET);
}

/** Column and row of a cell key. */
export function cellOfKey(key: number): [number, number] {
  const col = Math.floor(key / COL_FACTOR);
  return [col, key - col * COL_FACTOR - ROW_OFFSET];
}

export interface Aggregates {
  /** Signed tonnes per unit and sector: `unit * SECTOR_COUNT + sector`. */
  unitNetT: Float64Array;
  /** Signed tonnes per cell and sector, for every listed cell (zeros included). */
  cells: Map<number, Float64Array>;
  /** Tonnes that reached no unit (should be 0: allocation only uses in-study parcels). */
  strayT: number;
}

/** Every cell that overlaps a unit with positive area. */
export function listCells(units: PolygonLayer, cellSizeM: number): Set<number> {
  const keys = new Set<number>();
  units.geoms.forEach((mp, u) => {
    const b = units.bboxes[u];
    const c0 = Math.floor(b[0] / cellSizeM), c1 = Math.floor(b[2] / cellSizeM);
    const r0 = Math.floor(b[1] / cellSizeM), r1 = Math.floor(b[3] / cellSizeM);
    for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) {
      const key = cellKey(c, r);
      if (keys.has(key)) continue;
      if (multiPolygonAreaInRect(mp, c * cellSizeM, r * cellSizeM, (c + 1) * cellSizeM, (r + 1) * cellSizeM) > 0) keys.add(key);
    }
  });
  return keys;
}

function addInto(target: Float64Array, offset: number, source: Float64Array, sourceOffset: number, k: number): void {
  for (let s = 0; s < SECTOR_COUNT; s++) target[offset + s] += source[sourceOffset + s] * k;
}

/**
 * How each parcel's tonnes split over grid cells: for parcel i, cells `cell[offsets[i] ..
 * offsets[i + 1])` with shares summing to 1 (by the area of its in-study part in each cell).
 * Depends only on geometry, so a run that changes land use or the inventory reuses it.
 */
export interface CellShares {
  offsets: Int32Array;
  cell: Float64Array;
  share: Float64Array;
  /** Every cell that overlaps a unit with positive area. */
  listed: Set<number>;
}

/** The cell as a counter-clockwise ring, rewritten in place for each cell (no allocation). */
const cellRing: Ring = [[0, 0], [0, 0], [0, 0], [0, 0]];

/**
 * Area of a multipolygon inside one grid cell, m²: each ring clipped by the cell as a convex
 * window without building the clipped ring (holes subtract), the hot loop of the cell shares.
 */
function multiPolygonAreaInCell(mp: MultiPolygon, minX: number, minY: number, maxX: number, maxY: number): number {
  cellRing[0][0] = minX; cellRing[0][1] = minY;
  cellRing[1][0] = maxX; cellRing[1][1] = minY;
  cellRing[2][0] = maxX; cellRing[2][1] = maxY;
  cellRing[3][0] = minX; cellRing[3][1] = maxY;
  let area = 0;
  for (const p of mp) {
    if (p.length === 0) continue;
    let a = ringAreaInConvex(p[0], cellRing, 1);
    for (let i = 1; i < p.length; i++) a -= ringAreaInConvex(p[i], cellRing, 1);
    if (a > 0) area += a;
  }
  return area;
}

/** Work out every parcel's cell shares (the expensive part of aggregation). */
export function computeCellShares(parcels: PolygonLayer, pieces: ParcelPieces, units: PolygonLayer, cellSizeM: number): CellShares {
  const n = parcels.geoms.length;
  const offsets = new Int32Array(n + 1);
  const cell: number[] = [];
  const share: number[] = [];
  const shares: number[] = [];
  const keys: number[] = [];
  for (let i = 0; i < n; i++) {
    offsets[i] = cell.length;
    const total = pieces.inStudyM2[i];
    if (!(total > 0)) continue;
    const b = parcels.bboxes[i];
    const c0 = Math.floor(b[0] / cellSizeM), c1 = Math.floor(b[2] / cellSizeM);
    const r0 = Math.floor(b[1] / cellSizeM), r1 = Math.floor(b[3] / cellSizeM);
    if (c0 === c1 && r0 === r1) {
      cell.push(cellKey(c0, r0));
      share.push(1);
      continue;
    }
    const parts: MultiPolygon[] = pieces.geoms.get(i) ?? [parcels.geoms[i]];
    shares.length = 0;
    keys.length = 0;
    let sum = 0;
    for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) {
      let a = 0;
      for (const mp of parts) a += multiPolygonAreaInCell(mp, c * cellSizeM, r * cellSizeM, (c + 1) * cellSizeM, (r + 1) * cellSizeM);
      if (a > 0) { shares.push(a); keys.push(cellKey(c, r)); sum += a; }
    }
    // Shares are normalised by their own sum: the parcel's tonnes are passed on whole.
    if (sum > 0) for (let k = 0; k < shares.length; k++) { cell.push(keys[k]); share.push(shares[k] / sum); }
  }
  offsets[n] = cell.length;
  return { offsets, cell: Float64Array.from(cell), share: Float64Array.from(share), listed: listCells(units, cellSizeM) };
}

/**
 * Sum parcel and line tonnes into units and cells.
 * @param parcelNetT signed tonnes per parcel and sector
 * @param lineNetT signed transport tonnes per network line (may be empty)
 */
export function aggregate(parcels: PolygonLayer, pieces: ParcelPieces, parcelNetT: Float64Array, network: NetworkPieces | null, lineNetT: Float64Array, units: PolygonLayer, cellSizeM: number, cellShares?: CellShares): Aggregates {
  const shares = cellShares ?? computeCellShares(parcels, pieces, units, cellSizeM);
  const unitNetT = new Float64Array(units.geoms.length * SECTOR_COUNT);
  const cells = new Map<number, Float64Array>();
  for (const key of shares.listed) cells.set(key, new Float64Array(SECTOR_COUNT));
  const cellAt = (key: number): Float64Array => {
    let v = cells.get(key);
    if (!v) { v = new Float64Array(SECTOR_COUNT); cells.set(key, v); }
    return v;
  };
  let strayT = 0;
  const n = parcels.geoms.length;
  for (let i = 0; i < n; i++) {
    const base = i * SECTOR_COUNT;
    let any = false;
    for (let s = 0; s < SECTOR_COUNT; s++) if (parcelNetT[base + s] !== 0) { any = true; break; }
    if (!any) continue;
    const total = pieces.inStudyM2[i];
    if (!(total > 0) || shares.offsets[i] === shares.offsets[i + 1]) {
      for (let s = 0; s < SECTOR_COUNT; s++) strayT += parcelNetT[base + s];
      continue;
    }
    // Units: by piece area.
    for (let j = pieces.offsets[i]; j < pieces.offsets[i + 1]; j++) {
      addInto(unitNetT, pieces.unit[j] * SECTOR_COUNT, parcelNetT, base, pieces.areaM2[j] / total);
    }
    // Cells: by the precomputed shares.
    for (let j = shares.offsets[i]; j < shares.offsets[i + 1]; j++) addInto(cellAt(shares.cell[j]), 0, parcelNetT, base, shares.share[j]);
  }

  if (network && lineNetT.length > 0) {
    const transport = SECTOR_INDEX.transport;
    for (let k = 0; k < network.line.length; k++) {
      const l = network.line[k];
      const v = lineNetT[l];
      if (v === 0) continue;
      const share = network.lengthM[k] / network.inStudyM[l];
      unitNetT[network.unit[k] * SECTOR_COUNT + transport] += v * share;
      cellAt(cellKey(network.col[k], network.row[k]))[transport] += v * share;
    }
  }
  return { unitNetT, cells, strayT };
}
