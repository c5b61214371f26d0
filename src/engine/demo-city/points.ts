/**
 * Point layers of the demo city: AMap-style POIs and mobile-signalling-style population points,
 * placed inside parcels of matching land use (with the deliberate exceptions real extracts have:
 * POIs on roads, in water, outside the city, exactly on parcel edges and corners, and stacked
 * duplicates).
 */
import type { Feature, PointGeometry } from '../types.js';
import type { Frame } from './frame.js';
import { LU } from './land-use.js';
import { DEMO_POI_TYPES } from './poi-types.js';
import type { DemoPoiPlacement } from './poi-types.js';
import type { Rng } from './prng.js';
import type { RoadPiece } from './roads.js';

/** Final parcels as runs of lattice cells in one row. */
export interface ParcelRuns {
  n: number;
  row: Int32Array;
  i0: Int32Array;
  i1: Int32Array;
  /** Clean code index (messy spellings change only the written string). */
  code: Uint8Array;
  area: Float64Array;
  intensity: Float32Array;
  park: Int8Array;
}

interface Pool { idx: Int32Array; cum: Float64Array }

type Weight = (p: number) => number;

class Placer {
  private readonly pools = new Map<string, Pool>();
  constructor(private readonly frame: Frame, private readonly parcels: ParcelRuns) {}

  pool(key: string, codes: readonly string[], weight: Weight): Pool {
    const hit = this.pools.get(key);
    if (hit) return hit;
    const want = new Set(codes.map((c) => LU[c]));
    const idx: number[] = [];
    const cum: number[] = [];
    let acc = 0;
    const { parcels } = this;
    for (let p = 0; p < parcels.n; p++) {
      if (codes.length > 0 && !want.has(parcels.code[p])) continue;
      const w = weight(p);
      if (!(w > 0)) continue;
      acc += w;
      idx.push(p);
      cum.push(acc);
    }
    const pool = { idx: Int32Array.from(idx), cum: Float64Array.from(cum) };
    this.pools.set(key, pool);
    return pool;
  }

  /** A parcel index from a pool, or −1 when the pool is empty. */
  draw(pool: Pool, r: number): number {
    const n = pool.idx.length;
    if (n === 0) return -1;
    const target = r * pool.cum[n - 1];
    let a = 0;
    let b = n - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (pool.cum[m] <= target) a = m + 1; else b = m;
    }
    return pool.idx[a];
  }

  /** Write into `out` a metric point well inside parcel `p` (5 % margin inside one of its cells). */
  pointIn(p: number, rng: Rng, out: Float64Array): void {
    const { frame, parcels } = this;
    const j = parcels.row[p];
    const i = parcels.i0[p] + rng.int(parcels.i1[p] - parcels.i0[p] + 1);
    const a = frame.fineId(i, j);
    const b = frame.fineId(i + 1, j);
    const d = frame.fineId(i + 1, j + 1);
    const e = frame.fineId(i, j + 1);
    const s = 0.05 + 0.9 * rng.next();
    const t = 0.05 + 0.9 * rng.next();
    // Bilinear point of a convex quad: always inside it.
    const { x, y } = frame;
    out[0] = (1 - s) * (1 - t) * x[a] + s * (1 - t) * x[b] + s * t * x[d] + (1 - s) * t * x[e];
    out[1] = (1 - s) * (1 - t) * y[a] + s * (1 - t) * y[b] + s * t * y[d] + (1 - s) * t * y[e];
  }
}

export interface PoiOptions {
  count: number;
  rng: Rng;
  placeNames: ReadonlyArray<readonly [string, string]>;
  pieces: readonly RoadPiece[];
  stations: ReadonlyArray<readonly [number, number]>;
}

/** Split `total` by `shares` (largest remainder; ties to the earlier entry). */
export function apportion(shares: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((_, k) => k).sort((a, b) => (exact[b] - out[b]) - (exact[a] - out[a]) || a - b);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k]]++;
  return out;
}

const ROAD_STOP_WEIGHT = [0, 1, 3, 3, 2, 1, 0.3];

/** Generate the POI layer. */
export function buildPois(frame: Frame, parcels: ParcelRuns, opts: PoiOptions): Feature<PointGeometry>[] {
  const { rng, count } = opts;
  const placer = new Placer(frame, parcels);
  const A = (p: number): number => parcels.area[p];
  const I = (p: number): number => parcels.intensity[p];
  const pools = {
    ind: () => placer.pool('ind', ['0601'], (p) => A(p) * (parcels.park[p] >= 0 ? 2 : 1) * (0.5 + I(p))),
    util: () => placer.pool('util', ['0809'], A),
    mine: () => placer.pool('mine', ['0602'], A),
    villageShop: () => placer.pool('villageShop', ['0702', '05H1'], A),
    com: () => placer.pool('com', ['05H1'], (p) => A(p) * (0.2 + I(p)) ** 2),
    res: () => placer.pool('res', ['0701'], (p) => A(p) * (0.3 + I(p))),
    pub: () => placer.pool('pub', ['08H1', '08H2'], (p) => A(p) * (0.3 + I(p))),
    mixedRural: () => placer.pool('mixedRural', ['0601', '0702'], A),
    water: () => placer.pool('water', ['1101', '1102'], (p) => A(p) * (0.05 + I(p)) ** 2),
    edu: () => placer.pool('edu', ['08H2'], (p) => A(p) * (0.3 + I(p))),
    adm: () => placer.pool('adm', ['08H1'], (p) => A(p) * (0.3 + I(p))),
    home: () => placer.pool('home', ['0702'], A),
    green: () => placer.pool('green', ['0810'], A),
    forest: () => placer.pool('forest', ['0301'], A),
    road: () => placer.pool('road', ['1004', '1003'], A),
  } satisfies Record<string, () => Pool>;
  type PoolKey = keyof typeof pools;
  // Where each placement puts its POIs: parcel pools and their shares. Road-bound types fall
  // back to road land (stops) or commerce (stations) when the city has no road or rail.
  const MIX: Record<DemoPoiPlacement, Array<[PoolKey, number]>> = {
    industry: [['ind', 0.85], ['util', 0.06], ['mine', 0.03], ['villageShop', 0.06]],
    'industry-office': [['com', 0.6], ['ind', 0.35], ['res', 0.05]],
    commercial: [['com', 0.62], ['res', 0.2], ['pub', 0.08], ['mixedRural', 0.08], ['water', 0.02]],
    education: [['edu', 0.85], ['res', 0.1], ['com', 0.05]],
    admin: [['adm', 0.85], ['com', 0.15]],
    residential: [['res', 0.9], ['home', 0.1]],
    green: [['green', 0.6], ['forest', 0.3], ['water', 0.1]],
    parking: [['com', 0.4], ['res', 0.3], ['road', 0.2], ['ind', 0.1]],
    road: [['road', 1]],
    metro: [['com', 1]],
    'rail-station': [['com', 1]],
  };
  const all = placer.pool('all', [], A);
  const mixers = DEMO_POI_TYPES.map((t) => {
    const mix = MIX[t.placement];
    const total = mix.reduce((acc, [, w]) => acc + w, 0);
    let acc = 0;
    return { pools: mix.map(([key]) => pools[key]()), cum: mix.map(([, w]) => (acc += w / total)) };
  });
  const xy = new Float64Array(2);
  const inMix = (ti: number): void => {
    const { pools: ps, cum } = mixers[ti];
    const r = rng.next();
    let q = 0;
    while (q + 1 < cum.length && r >= cum[q]) q++;
    let p = placer.draw(ps[q], rng.next());
    if (p < 0) p = placer.draw(all, rng.next());
    placer.pointIn(p, rng, xy);
  };

  // Road pieces for stops (by class) and metro stations (main urban roads).
  const stopCum = cumulative(opts.pieces, (pc) => ROAD_STOP_WEIGHT[pc.cls] * pieceLength(pc));
  const metroCum = cumulative(opts.pieces, (pc) => (pc.cls >= 2 && pc.cls <= 3 && pc.urban > 0.45 ? pieceLength(pc) : 0));
  const onRoad = (cum: Float64Array): boolean => {
    const total = cum.length > 0 ? cum[cum.length - 1] : 0;
    if (!(total > 0)) return false;
    const line = opts.pieces[search(cum, rng.next() * total)].xy;
    const s = 2 * rng.int(line.length / 2 - 1);
    const t = rng.next();
    const ex = line[s + 2] - line[s];
    const ey = line[s + 3] - line[s + 1];
    xy[0] = line[s] + ex * t;
    xy[1] = line[s + 1] + ey * t;
    if (rng.next() < 0.3) {
      // Beside the carriageway rather than on its centre line: 8 m to one side.
      const len = Math.hypot(ex, ey) || 1;
      const side = rng.next() < 0.5 ? -8 : 8;
      xy[0] += (-ey / len) * side;
      xy[1] += (ex / len) * side;
    }
    return true;
  };

  const counts = apportion(DEMO_POI_TYPES.map((t) => t.share), count);
  // A few deliberate edge cases at random positions of the output: 1 corner, 2 edge, 3 outside.
  const special = new Uint8Array(count);
  if (count >= 200) {
    const nCorner = Math.max(1, Math.round(count * 0.0005));
    const nOutside = Math.max(1, Math.round(count * 0.002));
    for (const [kind, n] of [[1, nCorner], [2, nCorner], [3, nOutside]]) {
      for (let placed = 0; placed < n;) {
        const k = rng.int(count);
        if (special[k]) continue;
        special[k] = kind;
        placed++;
      }
    }
  }

  const { nx, ny } = frame;
  const cornerPoint = (): number[] => {
    const id = frame.fineId(1 + rng.int(nx - 1), 1 + rng.int(ny - 1));
    return [frame.lon[id], frame.lat[id]];
  };
  const edgePoint = (): number[] => {
    // Midpoint of a horizontal lattice edge (always a parcel border: merges are along rows),
    // taken only when it is exactly representable at 7 decimals, so it lies on the edge.
    for (let tries = 0; tries < 64; tries++) {
      const i = rng.int(nx);
      const j = 1 + rng.int(ny - 1);
      const a = frame.fineId(i, j);
      const b = frame.fineId(i + 1, j);
      const sx = Math.round(frame.lon[a] * 1e7) + Math.round(frame.lon[b] * 1e7);
      const sy = Math.round(frame.lat[a] * 1e7) + Math.round(frame.lat[b] * 1e7);
      if (sx % 2 === 0 && sy % 2 === 0) return [sx / 2 / 1e7, sy / 2 / 1e7];
    }
    return cornerPoint();
  };
  const outsidePoint = (): void => {
    // 30–200 m off an outline edge, along its outward normal (right of a counter-clockwise ring).
    const ring = frame.outline;
    const k = rng.int(ring.length - 1);
    const a = ring[k];
    const b = ring[k + 1];
    const ex = frame.x[b] - frame.x[a];
    const ey = frame.y[b] - frame.y[a];
    const len = Math.hypot(ex, ey) || 1;
    const t = rng.next();
    const d = 30 + 170 * rng.next();
    xy[0] = frame.x[a] + ex * t + (ey / len) * d;
    xy[1] = frame.y[a] + ey * t - (ex / len) * d;
  };

  const out: Feature<PointGeometry>[] = new Array(count);
  const names = opts.placeNames;
  let k = 0;
  for (let ti = 0; ti < DEMO_POI_TYPES.length; ti++) {
    const type = DEMO_POI_TYPES[ti];
    const { placement, typecode, noun } = type;
    const plainSuffix = placement === 'road' ? ` Road ${noun}` : ` ${noun}`;
    const n = counts[ti];
    for (let made = 0; made < n;) {
      const kind = special[k];
      let coords: number[];
      let copies = 1;
      if (kind === 1) coords = cornerPoint();
      else if (kind === 2) coords = edgePoint();
      else {
        let placed = false;
        if (kind === 3) { outsidePoint(); placed = true; }
        else if (placement === 'road') {
          placed = rng.next() < 0.95 && onRoad(stopCum);
          // A stop served by several lines: the same position, once per line.
          if (rng.next() < 0.03) {
            copies = Math.min(n - made, 2 + rng.int(3));
            for (let c = 1; c < copies; c++) if (special[k + c]) copies = c;
          }
        } else if (placement === 'metro') placed = onRoad(metroCum) || onRoad(stopCum);
        else if (placement === 'rail-station' && opts.stations.length > 0) {
          const st = opts.stations[made % opts.stations.length];
          xy[0] = st[0];
          xy[1] = st[1];
          placed = true;
        }
        if (!placed) inMix(ti);
        coords = frame.toLonLat(xy[0], xy[1]);
      }
      const place = names[(k * 7919 + ti * 104729) % names.length][0];
      for (let c = 0; c < copies; c++) {
        out[k] = {
          type: 'Feature',
          properties: { id: poiId(k), name: copies > 1 ? `${place} ${noun} (Line ${1 + ((k + c) % 180)})` : place + plainSuffix, typecode },
          geometry: { type: 'Point', coordinates: c === 0 ? coords : [coords[0], coords[1]] },
        };
        k++;
        made++;
      }
    }
  }
  return out;
}

function poiId(k: number): string {
  return `B0${String(k + 1).padStart(9, '0')}`;
}

function pieceLength(pc: RoadPiece): number {
  let len = 0;
  for (let s = 0; s + 3 < pc.xy.length; s += 2) len += Math.hypot(pc.xy[s + 2] - pc.xy[s], pc.xy[s + 3] - pc.xy[s + 1]);
  return len;
}

function cumulative<T>(items: readonly T[], w: (t: T) => number): Float64Array {
  const out = new Float64Array(items.length);
  let acc = 0;
  items.forEach((it, k) => {
    const x = w(it);
    acc += x > 0 ? x : 0;
    out[k] = acc;
  });
  return out;
}

function search(cum: Float64Array, target: number): number {
  let a = 0;
  let b = cum.length - 1;
  while (a < b) {
    const m = (a + b) >> 1;
    if (cum[m] <= target) a = m + 1; else b = m;
  }
  return a;
}

/** Total population the points' `pop` weights add up to (about): Suzhou's 2020 census count. */
export const DEMO_POPULATION_TOTAL = 12_748_262;

/** Generate population points with `pop` weights, mostly in residential parcels. */
export function buildPopulation(frame: Frame, parcels: ParcelRuns, count: number, rng: Rng): Feature<PointGeometry>[] {
  const placer = new Placer(frame, parcels);
  const A = (p: number): number => parcels.area[p];
  const urban = placer.pool('urban', ['0701'], (p) => A(p) * (0.5 + parcels.intensity[p]));
  const rural = placer.pool('rural', ['0702'], A);
  const work = placer.pool('work', ['05H1', '0601', '08H2'], A);
  const all = placer.pool('all', [], A);
  const xy = new Float64Array(2);
  const w = new Float64Array(count);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const r = rng.next();
    const pool = r < 0.86 ? urban : r < 0.96 ? rural : work;
    let p = placer.draw(pool, rng.next());
    if (p < 0) p = placer.draw(all, rng.next());
    placer.pointIn(p, rng, xy);
    xs[k] = xy[0];
    ys[k] = xy[1];
    // Log-normal spread of signal counts per point.
    w[k] = Math.exp(0.6 * rng.normal());
    sum += w[k];
  }
  const out: Feature<PointGeometry>[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const pop = Math.max(1, Math.round((w[k] * DEMO_POPULATION_TOTAL) / sum));
    out[k] = { type: 'Feature', properties: { pop }, geometry: { type: 'Point', coordinates: frame.toLonLat(xs[k], ys[k]) } };
  }
  return out;
}
