/**
 * Top-down allocation of every pool to parcels or to the network (METHOD.md §2).
 *
 * Within a pool, a parcel's share is its weight over the pool's weight. A pool whose weight is
 * zero falls back to area; a pool with no parcels (or network) cannot be placed and its tonnes
 * are reported as unallocated. Conservation (Σ allocated = total) is checked for every pool.
 */
import type { PoolSpec } from '../method.js';
import { subsectorSpec } from '../method.js';
import { makeIssue } from '../messages/index.js';
import type { ConservationRow } from '../run-types.js';
import type { Issue, PoiCategory, SectorId, SpaceType, TransportMode } from '../types.js';
import { SECTOR_IDS } from '../types.js';

export const SECTOR_INDEX: Record<SectorId, number> = Object.fromEntries(SECTOR_IDS.map((s, i) => [s, i])) as Record<SectorId, number>;
export const SECTOR_COUNT = SECTOR_IDS.length;

const MODE_OF_SPACE_TYPE: Partial<Record<SpaceType, TransportMode>> = {
  'transport-road': 'road', 'transport-rail': 'rail', 'transport-water': 'water', 'transport-air': 'air',
};

/** Per-parcel inputs of the weights. */
export interface ParcelWeights {
  spaceType: (SpaceType | null)[];
  /** In-study area, m². */
  areaM2: Float64Array;
  poi: Record<PoiCategory, Float64Array>;
  population: Float64Array;
  /** Standard length (length × class weight) of each mode's network inside each parcel, m. */
  networkStdM: Record<TransportMode, Float64Array>;
}

/** Per-line inputs of network pools. */
export interface NetworkWeights {
  mode: TransportMode[];
  /** Standard length inside the study area (length × class weight), m. */
  stdM: Float64Array;
  /** Plain length inside the study area, m. */
  lengthM: Float64Array;
  /** Transport POIs whose nearest road line this is (within the snap distance). */
  transportPoi: Float64Array;
}

export interface AllocateOptions {
  /** Transport-POI correction strength β; 0 gives the plain length rule. Default 0.5. */
  beta?: number;
  /** Transport pools on parcels, on the network, or `auto`. Default `auto`. */
  transportPool?: 'auto' | 'parcels' | 'network';
  /** Sink uptake per m² and year for each space type, t CO2 (positive). */
  sinkRatesTPerM2?: Partial<Record<SpaceType, number>>;
}

export interface AllocationResult {
  /** Signed tonnes per parcel and sector: index `parcel * SECTOR_COUNT + sector`. */
  parcelNetT: Float64Array;
  /** Signed tonnes per network line (transport sector). */
  lineNetT: Float64Array;
  conservation: ConservationRow[];
  unallocatedT: number;
  issues: Issue[];
}

/**
 * Multiply a standard length by the transport-POI correction (METHOD.md §2):
 * corrected = std × (1 + β · min(poi / m, 10)), with m the mean POI count over the members that
 * have length, floored at 1 so that a sparse POI layer cannot hand one parcel most of the
 * traffic. A member with no length gets nothing from POIs alone.
 */
export function correctedLengths(std: ArrayLike<number>, poi: ArrayLike<number>, members: ArrayLike<number>, beta: number): Float64Array {
  let sumPoi = 0, withLength = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    if (std[i] > 0) { sumPoi += poi[i]; withLength++; }
  }
  const m = Math.max(1, withLength > 0 ? sumPoi / withLength : 0);
  const w = new Float64Array(members.length);
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    w[k] = std[i] > 0 ? std[i] * (1 + beta * Math.min(poi[i] / m, 10)) : 0;
  }
  return w;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * Allocate every pool.
 * Issue codes: `pool-zero-weight` (fell back to area), `pool-no-parcels` (unallocated),
 * `pool-network` (placed on the network), `conservation-failed` (a bug guard).
 */
export function allocatePools(pools: readonly PoolSpec[], parcels: ParcelWeights, network: NetworkWeights | null, options: AllocateOptions = {}): AllocationResult {
  const beta = options.beta ?? 0.5;
  const transportPool = options.transportPool ?? 'auto';
  const rates = options.sinkRatesTPerM2 ?? {};
  const n = parcels.spaceType.length;
  const parcelNetT = new Float64Array(n * SECTOR_COUNT);
  const lineNetT = new Float64Array(network ? network.stdM.length : 0);
  const conservation: ConservationRow[] = [];
  const issues: Issue[] = [];
  let unallocatedT = 0;

  // Parcels of each space type (in-study only), in input order: every pool draws from these.
  const byType = new Map<SpaceType, number[]>();
  for (let i = 0; i < n; i++) {
    const t = parcels.spaceType[i];
    if (!t || !(parcels.areaM2[i] > 0)) continue;
    let list = byType.get(t);
    if (!list) byType.set(t, (list = []));
    list.push(i);
  }
  // Plain loops, not Float64Array.from(list, fn): the mapped form is several times slower in V8.
  const gather = (members: number[], value: (i: number) => number): Float64Array => {
    const w = new Float64Array(members.length);
    for (let k = 0; k < members.length; k++) w[k] = value(members[k]);
    return w;
  };

  for (const pool of pools) {
    const spec = subsectorSpec(pool.subsector);
    const lists = [...new Set(pool.spaceTypes)].map((t) => byType.get(t) ?? []);
    const members: number[] = lists.length === 1 ? lists[0] : lists.flat().sort((a, b) => a - b);
    const isTransport = spec.sector === 'transport';
    const modes = new Set<TransportMode>();
    if (isTransport) {
      for (const t of pool.spaceTypes) { const m = MODE_OF_SPACE_TYPE[t]; if (m) modes.add(m); }
      if (spec.mode) modes.add(spec.mode);
    }
    const networkLines: number[] = [];
    if (isTransport && network) {
      for (let l = 0; l < network.mode.length; l++) if (modes.has(network.mode[l]) && network.lengthM[l] > 0) networkLines.push(l);
    }
    const useNetwork = isTransport && network !== null && (
      transportPool === 'network' || (transportPool === 'auto' && members.length === 0)) && networkLines.length > 0;

    const sector = SECTOR_INDEX[pool.sector];
    let weightRule: string = pool.weight;
    let fallback: string | null = null;
    let allocated = 0;
    const row = (target: ConservationRow['target']): ConservationRow => ({
      subsector: pool.subsector, pool: pool.id, totalT: pool.netT, allocatedT: allocated,
      unallocatedT: pool.netT - allocated, weight: weightRule, fallback, target, residualT: 0,
    });

    if (pool.netT === 0) {
      conservation.push(row(members.length > 0 ? 'parcels' : 'none'));
      continue;
    }

    if (useNetwork) {
      const lines = Int32Array.from(networkLines);
      // Only roads carry the transport-POI correction; other modes use their plain standard length.
      let w = modes.has('road') ? correctedLengths(network.stdM, network.transportPoi, lines, beta)
        : gather(networkLines, (l) => network.stdM[l]);
      weightRule = `network-${[...modes].join('+')}`;
      fallback = 'network';
      if (!(sum(w) > 0)) {
        w = gather(networkLines, (l) => network.lengthM[l]);
        weightRule = 'network-length';
        issues.push(makeIssue('pool-zero-weight', { pool: pool.id, fallbackTo: 'plain network length' }, { layer: 'roads' }));
      }
      const W = sum(w);
      for (let k = 0; k < lines.length; k++) {
        const v = (pool.netT * w[k]) / W;
        lineNetT[lines[k]] += v;
        allocated += v;
      }
      issues.push(makeIssue('pool-network', { pool: pool.id, lines: lines.length }, { layer: 'roads' }));
      const r = row('network');
      r.unallocatedT = 0;
      r.residualT = allocated - pool.netT;
      conservation.push(r);
      continue;
    }

    if (members.length === 0) {
      fallback = 'no-parcels';
      weightRule = 'none';
      unallocatedT += pool.netT;
      issues.push(makeIssue('pool-no-parcels', { pool: pool.id, tonnes: pool.netT, spaceTypes: pool.spaceTypes.join(', ') }, { layer: 'parcels' }));
      conservation.push(row('none'));
      continue;
    }

    let w: Float64Array;
    switch (pool.weight) {
      case 'poi-industry': w = gather(members, (i) => parcels.poi.industry[i]); break;
      case 'poi-commercial': w = gather(members, (i) => parcels.poi.commercial[i]); break;
      case 'population': w = gather(members, (i) => parcels.population[i]); break;
      case 'area': w = gather(members, (i) => parcels.areaM2[i]); break;
      case 'area-sink-rate': w = gather(members, (i) => parcels.areaM2[i] * (rates[parcels.spaceType[i] as SpaceType] ?? 0)); break;
      default: {
        // Network weights on transport parcels: the length of the parcel's own mode.
        const std = new Float64Array(n);
        for (const i of members) {
          const mode = MODE_OF_SPACE_TYPE[parcels.spaceType[i] as SpaceType] ?? spec.mode ?? 'road';
          std[i] = parcels.networkStdM[mode][i];
        }
        w = correctedLengths(std, parcels.poi.transport, members, modes.has('road') ? beta : 0);
      }
    }
    if (!(sum(w) > 0)) {
      // A pool with no weight at all (no POI fell in any industrial parcel, say): area keeps
      // the tonnes on the right land instead of losing them (METHOD.md §2).
      w = gather(members, (i) => parcels.areaM2[i]);
      fallback = 'zero-weight';
      weightRule = 'area';
      issues.push(makeIssue('pool-zero-weight', { pool: pool.id, fallbackTo: 'parcel area' }, { layer: 'parcels' }));
    }
    const W = sum(w);
    for (let k = 0; k < members.length; k++) {
      const v = (pool.netT * w[k]) / W;
      parcelNetT[members[k] * SECTOR_COUNT + sector] += v;
      allocated += v;
    }
    const r = row('parcels');
    r.unallocatedT = 0;
    r.residualT = allocated - pool.netT;
    conservation.push(r);
  }

  for (const r of conservation) {
    const tol = 1e-9 * Math.max(1, Math.abs(r.totalT));
    if (Math.abs(r.allocatedT + r.unallocatedT - r.totalT) > tol || Math.abs(r.residualT) > tol) {
      issues.push(makeIssue('conservation-failed', { pool: r.pool, residual: r.residualT }, { severity: 'error' }));
    }
  }
  return { parcelNetT, lineNetT, conservation, unallocatedT, issues };
}
