/**
 * The demo city's urban model, in the abstract square (u, v) ∈ [−1, 1]² of `frame.ts`: a dense
 * core, a few sub-centres, 3–4 industrial parks, a large lake in the south-west corner (like
 * Taihu), wooded hills on its shore, a canal and a river, an airport, villages in farmland.
 * Each lattice cell gets a land-use code from the zone it falls in.
 */
import type { Frame } from './frame.js';
import { LU } from './land-use.js';
import { createRng, hashUnit, valueNoise } from './prng.js';

export interface Blob {
  u: number;
  v: number;
  /** Radii along u and v. */
  ru: number;
  rv: number;
}

export interface CityPlan {
  core: { u: number; v: number };
  subCentres: Array<{ u: number; v: number }>;
  parks: Blob[];
  lake: { u: number; v: number; r: number; p1: number; p2: number };
  island: Blob;
  hills: Blob[];
  rivers: Array<Array<[number, number]>>;
  airport: Blob;
  rails: Array<Array<[number, number]>>;
}

/** Per-cell arrays of the fine lattice (cell (i, j) has index i + j·nx). */
export interface Cells {
  n: number;
  nx: number;
  ny: number;
  /** Abstract centre. */
  cu: Float64Array;
  cv: Float64Array;
  /** Metric centre, m. */
  cx: Float64Array;
  cy: Float64Array;
  /** Metric area of the cell's quad, m². */
  area: Float64Array;
  /** Urban intensity in [0, 1]. */
  intensity: Float32Array;
  /** Index of the industrial park the cell lies in, or −1. */
  park: Int8Array;
  /** Index into DEMO_LAND_USE_CODES. */
  code: Uint8Array;
}

/** Place the city's features (seeded). */
export function planCity(seed: number): CityPlan {
  const r = createRng(seed, 3);
  const core = { u: r.range(-0.05, 0.15), v: r.range(0.02, 0.2) };
  const lake = { u: -1.05 + r.range(0, 0.1), v: -1.02 + r.range(0, 0.1), r: r.range(0.6, 0.68), p1: r.range(0, 6.3), p2: r.range(0, 6.3) };
  const shore = (ang: number, d: number): [number, number] => [lake.u + (lake.r + d) * Math.cos(ang), lake.v + (lake.r + d) * Math.sin(ang)];
  const hills: Blob[] = [];
  const nHills = 2 + (r.next() < 0.5 ? 1 : 0);
  for (let k = 0; k < nHills; k++) {
    const ang = Math.PI * (0.08 + (0.38 * (k + r.next() * 0.6)) / nHills);
    const [hu, hv] = shore(ang, r.range(0.06, 0.16));
    hills.push({ u: hu, v: hv, ru: r.range(0.12, 0.18), rv: r.range(0.1, 0.16) });
  }
  const island: Blob = { u: lake.u + 0.36 * Math.SQRT1_2, v: lake.v + 0.36 * Math.SQRT1_2, ru: 0.07, rv: 0.05 };
  const away = (u: number, v: number): boolean =>
    Math.hypot(u - lake.u, v - lake.v) > lake.r + 0.25 && hills.every((h) => Math.hypot(u - h.u, v - h.v) > 0.22);
  const clamp = (x: number): number => Math.max(-0.82, Math.min(0.82, x));

  const nParks = 3 + (r.next() < 0.5 ? 1 : 0);
  const th0 = r.range(0, 2 * Math.PI);
  const parks: Blob[] = [];
  for (let k = 0; k < nParks; k++) {
    let th = th0 + (k * 2 * Math.PI) / nParks + r.range(-0.3, 0.3);
    const d = r.range(0.48, 0.62);
    let pu = clamp(core.u + d * Math.cos(th));
    let pv = clamp(core.v + d * Math.sin(th));
    for (let tries = 0; tries < 12 && !away(pu, pv); tries++) {
      th += 0.5;
      pu = clamp(core.u + d * Math.cos(th));
      pv = clamp(core.v + d * Math.sin(th));
    }
    parks.push({ u: pu, v: pv, ru: r.range(0.14, 0.2), rv: r.range(0.1, 0.15) });
  }
  const nSubs = 3 + (r.next() < 0.5 ? 1 : 0);
  const subCentres: Array<{ u: number; v: number }> = [];
  for (let k = 0; k < nSubs; k++) {
    let th = th0 + Math.PI / nParks + (k * 2 * Math.PI) / nSubs + r.range(-0.2, 0.2);
    const d = r.range(0.55, 0.72);
    let su = clamp(core.u + d * Math.cos(th));
    let sv = clamp(core.v + d * Math.sin(th));
    for (let tries = 0; tries < 12 && !away(su, sv); tries++) {
      th += 0.45;
      su = clamp(core.u + d * Math.cos(th));
      sv = clamp(core.v + d * Math.sin(th));
    }
    subCentres.push({ u: su, v: sv });
  }
  // A canal crossing the city north-west to south-east past the core, and a river leaving the lake.
  const canal: Array<[number, number]> = [
    [-1.05, r.range(0.45, 0.65)], [-0.45, r.range(0.28, 0.4)], [core.u - 0.06, core.v - 0.13],
    [0.5, r.range(-0.4, -0.3)], [1.05, r.range(-0.7, -0.55)],
  ];
  const [ru0, rv0] = shore(Math.PI * 0.22, -0.03);
  const river: Array<[number, number]> = [[ru0, rv0], [ru0 + 0.45, rv0 + r.range(-0.05, 0.12)], [0.35, r.range(-0.62, -0.5)], [1.05, r.range(-0.35, -0.2)]];
  const airport: Blob = { u: r.range(0.55, 0.7), v: r.range(0.66, 0.76), ru: 0.09, rv: 0.042 };
  // Two rail lines: an east–west main line north of the core, a diagonal line through it.
  const rails: Array<Array<[number, number]>> = [
    [[-0.995, core.v + 0.26], [-0.3, core.v + 0.2], [core.u, core.v + 0.17], [0.5, core.v + 0.12], [0.995, core.v + 0.06]],
    [[-0.62, 0.995], [core.u - 0.15, core.v + 0.35], [core.u + 0.05, core.v - 0.05], [0.55, -0.6], [0.85, -0.995]],
  ];
  return { core, subCentres, parks, lake, island, hills, rivers: [canal, river], airport, rails };
}

/** Distance from (u, v) to a polyline. */
export function distToPolyline(u: number, v: number, line: ReadonlyArray<readonly [number, number]>): number {
  let best = Infinity;
  for (let k = 0; k + 1 < line.length; k++) {
    const [ax, ay] = line[k];
    const [bx, by] = line[k + 1];
    const ex = bx - ax;
    const ey = by - ay;
    const len2 = ex * ex + ey * ey;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((u - ax) * ex + (v - ay) * ey) / len2)) : 0;
    const d = Math.hypot(u - ax - t * ex, v - ay - t * ey);
    if (d < best) best = d;
  }
  return best;
}

function blobDist(b: Blob, u: number, v: number): number {
  return Math.hypot((u - b.u) / b.ru, (v - b.v) / b.rv);
}

type Table = Array<[string, number]>;

interface PreparedTable { codes: Uint8Array; cum: Float64Array }

function prepare(t: Table): PreparedTable {
  const codes = new Uint8Array(t.length);
  const cum = new Float64Array(t.length);
  let s = 0;
  for (const [, w] of t) s += w;
  let acc = 0;
  t.forEach(([code, w], k) => {
    const idx = LU[code];
    if (idx === undefined) throw new Error(`unknown demo land-use code ${code}`);
    codes[k] = idx;
    acc += w / s;
    cum[k] = acc;
  });
  cum[t.length - 1] = 1;
  return { codes, cum };
}

function pick(t: PreparedTable, x: number): number {
  for (let k = 0; k < t.cum.length; k++) if (x < t.cum[k]) return t.codes[k];
  return t.codes[t.codes.length - 1];
}

// Land-use mixes per zone (shares of cells; each table is normalised).
const HILL_CORE = prepare([['0301', 0.82], ['0401', 0.08], ['0602', 0.05], ['0202', 0.05]]);
const HILL_FRINGE = prepare([['0301', 0.4], ['0201', 0.15], ['0202', 0.12], ['0401', 0.12], ['0702', 0.08], ['0602', 0.03], ['0101', 0.1]]);
const PARK = prepare([
  ['0601', 0.62], ['0809', 0.04], ['05H1', 0.05], ['0701', 0.07], ['1004', 0.08], ['0810', 0.05], ['08H2', 0.02],
  ['08H1', 0.01], ['1206', 0.04], ['09', 0.005],
]);
const CORE = prepare([
  ['0701', 0.4], ['05H1', 0.16], ['08H1', 0.05], ['08H2', 0.07], ['0810', 0.08], ['1004', 0.12], ['0809', 0.02],
  ['0601', 0.03], ['1206', 0.02], ['09', 0.01], ['1101', 0.02], ['1104', 0.02],
]);
const FRINGE = prepare([
  ['0701', 0.3], ['0601', 0.12], ['05H1', 0.07], ['08H2', 0.04], ['08H1', 0.02], ['0810', 0.04], ['1004', 0.08],
  ['0702', 0.05], ['0101', 0.13], ['1104', 0.05], ['0809', 0.02], ['1206', 0.03], ['1202', 0.01], ['09', 0.005],
]);
const VILLAGE = prepare([['0702', 0.75], ['1004', 0.05], ['0601', 0.08], ['05H1', 0.03], ['08H2', 0.02], ['1104', 0.04], ['0101', 0.03]]);
const FARMLAND = prepare([
  ['0101', 0.58], ['0103', 0.08], ['0201', 0.03], ['1104', 0.13], ['1202', 0.03], ['0301', 0.03], ['0401', 0.01],
  ['1004', 0.02], ['0601', 0.03], ['1206', 0.01], ['0809', 0.004], ['09', 0.002], ['0602', 0.001], ['0702', 0.04],
]);

/** Urban intensity in [0, 1] at an abstract point: core and sub-centres, a suburban halo, noise. */
export function urbanIntensity(plan: CityPlan, u: number, v: number, salt: number): number {
  const dc = Math.hypot(u - plan.core.u, v - plan.core.v);
  let x = Math.exp(-((dc / 0.32) ** 2));
  for (const s of plan.subCentres) {
    const ds = Math.hypot(u - s.u, v - s.v);
    x = Math.max(x, 0.8 * Math.exp(-((ds / 0.14) ** 2)));
  }
  x += 0.22 * Math.exp(-((dc / 0.7) ** 2)) + 0.1 * (valueNoise(u * 9 + 3, v * 9 + 7, salt) - 0.5);
  return Math.max(0, Math.min(1, x));
}

/** Compute the per-cell arrays and give each cell its zone's land-use code. */
export function buildCells(frame: Frame, plan: CityPlan, seed: number): Cells {
  const { nx, ny } = frame;
  const n = nx * ny;
  const cu = new Float64Array(n);
  const cv = new Float64Array(n);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const area = new Float64Array(n);
  const intensity = new Float32Array(n);
  const park = new Int8Array(n).fill(-1);
  const code = new Uint8Array(n);
  const { u, v, x, y } = frame;
  const salt = seedSalt(seed);
  const riverHalfWidth = 0.55 * Math.max(2 / nx, 2 / ny);
  const villageFreq = Math.max(4, nx / 6);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = i + j * nx;
      const a = frame.fineId(i, j);
      const b = frame.fineId(i + 1, j);
      const d = frame.fineId(i + 1, j + 1);
      const e = frame.fineId(i, j + 1);
      const uu = (u[a] + u[b] + u[d] + u[e]) / 4;
      const vv = (v[a] + v[b] + v[d] + v[e]) / 4;
      cu[c] = uu;
      cv[c] = vv;
      cx[c] = (x[a] + x[b] + x[d] + x[e]) / 4;
      cy[c] = (y[a] + y[b] + y[d] + y[e]) / 4;
      area[c] = 0.5 * Math.abs((x[d] - x[a]) * (y[e] - y[b]) - (x[e] - x[b]) * (y[d] - y[a]));
      const I = urbanIntensity(plan, uu, vv, salt);
      intensity[c] = I;
      for (let k = 0; k < plan.parks.length; k++) {
        if (blobDist(plan.parks[k], uu, vv) < 1 + 0.3 * (valueNoise(uu * 12, vv * 12, salt + 5) - 0.5)) park[c] = k;
      }
      // Most cells share their draw with a 2×2 (built-up) or 3×3 (rural) block, so land use
      // comes in patches as in a real survey rather than as salt and pepper; shares are unchanged.
      const bs = I >= 0.25 || park[c] >= 0 ? 2 : 3;
      const h = hashUnit(i, j, 2, salt) < 0.75 ? hashUnit(Math.floor(i / bs), Math.floor(j / bs), 3 + bs, salt) : hashUnit(i, j, 1, salt);
      code[c] = baseCode(plan, uu, vv, I, park[c] >= 0, h, salt, riverHalfWidth, villageFreq);
    }
  }
  return { n, nx, ny, cu, cv, cx, cy, area, intensity, park, code };
}

/** A per-seed salt for the stateless hashes. */
export function seedSalt(seed: number): number {
  return Math.floor(createRng(seed, 99).next() * 2147483647);
}

function baseCode(
  plan: CityPlan, u: number, v: number, I: number, inPark: boolean, h: number, salt: number,
  riverHalfWidth: number, villageFreq: number,
): number {
  const { lake } = plan;
  const lu = u - lake.u;
  const lv = v - lake.v;
  const th = Math.atan2(lv, lu);
  const lr = lake.r * (1 + 0.08 * Math.sin(3 * th + lake.p1) + 0.05 * Math.sin(7 * th + lake.p2));
  if (Math.hypot(lu, lv) < lr) {
    return blobDist(plan.island, u, v) < 1 ? (h < 0.85 ? LU['0301'] : LU['0201']) : LU['1102'];
  }
  for (const river of plan.rivers) if (distToPolyline(u, v, river) < riverHalfWidth) return LU['1101'];
  if (blobDist(plan.airport, u, v) < 1) return LU['1007'];
  const wob = 0.25 * (valueNoise(u * 10 + 11, v * 10 + 13, salt + 2) - 0.5);
  for (const hill of plan.hills) {
    const d = blobDist(hill, u, v) + wob;
    if (d < 0.55) return pick(HILL_CORE, h);
    if (d < 1) return pick(HILL_FRINGE, h);
  }
  if (inPark) return pick(PARK, h);
  if (I >= 0.55) return pick(CORE, h);
  if (I >= 0.25) return pick(FRINGE, h);
  if (valueNoise(u * villageFreq, v * villageFreq, salt + 3) > 0.7) return pick(VILLAGE, h);
  return pick(FARMLAND, h);
}
