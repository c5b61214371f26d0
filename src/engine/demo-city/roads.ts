/**
 * Road and rail networks of the demo city. Roads run along the rows and columns of the fine
 * lattice's cell centres, so their length falls inside parcels (and inside the road parcels laid
 * under the main roads). The class of a line follows its index (a trunk every 24 cells, a primary
 * every 8, …) and the urban intensity where it passes; the whole network is then cut into
 * exactly the requested number of short multi-vertex features.
 */
import type { Feature, LineStringGeometry } from '../types.js';
import type { Frame } from './frame.js';
import { LU } from './land-use.js';
import type { Cells, CityPlan } from './model.js';
import { hashUnit } from './prng.js';

/** OSM `highway` classes, by rank. */
export const ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service'] as const;
const MOTORWAY = 0;
const TRUNK = 1;
const PRIMARY = 2;
const SECONDARY = 3;
const TERTIARY = 4;
const RESIDENTIAL = 5;
const SERVICE = 6;

const MOTORWAY_NAMES = ['G2 Jinghu Expressway', 'G15 Shenhai Expressway', 'S58 Huchang Expressway', 'G1521 Changjia Expressway'];

/** One road feature's metric vertices, kept for placing bus stops and metro stations. */
export interface RoadPiece {
  cls: number;
  /** Urban intensity where the piece starts. */
  urban: number;
  /** Interleaved metric x, y. */
  xy: Float64Array;
}

interface Way {
  cls: number;
  horizontal: boolean;
  /** Row (horizontal) or column index of the line. */
  line: number;
  /** Cells along the way, in order. */
  cells: number[];
}

/** Edge classes: `h[i + j·nx]` for (i, j)–(i+1, j), `v[i + j·nx]` for (i, j)–(i, j+1); −1 = no road. */
export interface RoadEdges {
  h: Int8Array;
  v: Int8Array;
}

function lineLevel(idx: number, motorways: readonly number[]): number {
  if (motorways.includes(idx)) return MOTORWAY;
  if (idx % 24 === 12) return TRUNK;
  if (idx % 8 === 4) return PRIMARY;
  if (idx % 4 === 2) return SECONDARY;
  if (idx % 2 === 1) return TERTIARY;
  return RESIDENTIAL;
}

const BLOCKED = new Set([LU['1102'], LU['1007']]);

/** Decide which lattice edges carry a road and of which class. */
export function planRoadEdges(cells: Cells, salt: number): RoadEdges {
  const { nx, ny, code, intensity, park } = cells;
  const h = new Int8Array(nx * ny).fill(-1);
  const v = new Int8Array(nx * ny).fill(-1);
  const rowMotorways = ny >= 16 ? [Math.round(ny * 0.28), Math.round(ny * 0.74)] : [];
  const colMotorways = nx >= 16 ? [Math.round(nx * 0.24), Math.round(nx * 0.72)] : [];
  const village = LU['0702'];
  const decide = (level: number, a: number, b: number, r: number): number => {
    if (BLOCKED.has(code[a]) || BLOCKED.has(code[b])) return -1;
    const I = (intensity[a] + intensity[b]) / 2;
    const inPark = park[a] >= 0 || park[b] >= 0;
    switch (level) {
      case MOTORWAY:
      case TRUNK:
        return level;
      case PRIMARY:
        return I > 0.05 || r < 0.85 ? PRIMARY : -1;
      case SECONDARY:
        return I > 0.2 || inPark || r < 0.55 ? SECONDARY : -1;
      case TERTIARY:
        return I > 0.35 || inPark || r < 0.2 ? TERTIARY : -1;
      default:
        if (I > 0.55) return r < 0.9 ? RESIDENTIAL : -1;
        if (inPark) return r < 0.5 ? SERVICE : -1;
        if (code[a] === village || code[b] === village) return r < 0.5 ? RESIDENTIAL : -1;
        return r < 0.03 ? SERVICE : -1;
    }
  };
  for (let j = 0; j < ny; j++) {
    const level = lineLevel(j, rowMotorways);
    for (let i = 0; i + 1 < nx; i++) h[i + j * nx] = decide(level, i + j * nx, i + 1 + j * nx, hashUnit(i, j, 11, salt));
  }
  for (let i = 0; i < nx; i++) {
    const level = lineLevel(i, colMotorways);
    for (let j = 0; j + 1 < ny; j++) v[i + j * nx] = decide(level, i + j * nx, i + (j + 1) * nx, hashUnit(i, j, 12, salt));
  }
  return { h, v };
}

/**
 * Lay road land under the main roads: highway land (1003) under a third of motorway cells and some
 * trunk cells, urban road land (1004) under some primary roads in built-up areas.
 */
export function layRoadLand(cells: Cells, edges: RoadEdges, salt: number): void {
  const { nx, ny, code, intensity } = cells;
  const keep = new Set([LU['1101'], LU['1102'], LU['1104'], LU['1007'], LU['1001']]);
  const lay = (c: number, cls: number): void => {
    if (keep.has(code[c])) return;
    const r = hashUnit(c, cls, 13, salt);
    if (cls === MOTORWAY && r < 0.35) code[c] = LU['1003'];
    else if (cls === TRUNK && r < 0.1) code[c] = LU['1003'];
    else if (cls === PRIMARY && intensity[c] > 0.3 && r < 0.2) code[c] = LU['1004'];
  };
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = i + j * nx;
      const ch = edges.h[c];
      if (ch >= 0 && ch <= PRIMARY) { lay(c, ch); lay(c + 1, ch); }
      const cv = edges.v[c];
      if (cv >= 0 && cv <= PRIMARY) { lay(c, cv); lay(c + nx, cv); }
    }
  }
}

function collectWays(cells: Cells, edges: RoadEdges): Way[] {
  const { nx, ny } = cells;
  const ways: Way[] = [];
  for (let j = 0; j < ny; j++) {
    let cur: Way | null = null;
    for (let i = 0; i + 1 < nx; i++) {
      const cls = edges.h[i + j * nx];
      if (cur && cur.cls === cls) { cur.cells.push(i + 1 + j * nx); continue; }
      if (cur) { ways.push(cur); cur = null; }
      if (cls >= 0) cur = { cls, horizontal: true, line: j, cells: [i + j * nx, i + 1 + j * nx] };
    }
    if (cur) ways.push(cur);
  }
  for (let i = 0; i < nx; i++) {
    let cur: Way | null = null;
    for (let j = 0; j + 1 < ny; j++) {
      const cls = edges.v[i + j * nx];
      if (cur && cur.cls === cls) { cur.cells.push(i + (j + 1) * nx); continue; }
      if (cur) { ways.push(cur); cur = null; }
      if (cls >= 0) cur = { cls, horizontal: false, line: i, cells: [i + j * nx, i + (j + 1) * nx] };
    }
    if (cur) ways.push(cur);
  }
  return ways;
}

interface LinkSpot { cell: number; cls: number; count: number; major: [number, number]; minor: [number, number] }

function findLinkSpots(cells: Cells, edges: RoadEdges): LinkSpot[] {
  const { nx, ny, cx, cy } = cells;
  const spots: LinkSpot[] = [];
  const dir = (c: number, fwd: number, back: number, fwdCls: number, backCls: number, cls: number): [number, number] =>
    fwdCls === cls ? [cx[fwd] - cx[c], cy[fwd] - cy[c]] : [cx[back] - cx[c], cy[back] - cy[c]];
  for (let j = 1; j + 1 < ny; j++) {
    for (let i = 1; i + 1 < nx; i++) {
      const c = i + j * nx;
      const hr = edges.h[c];
      const hl = edges.h[c - 1];
      const vu = edges.v[c];
      const vd = edges.v[c - nx];
      const hc = best(hl, hr);
      const vc = best(vd, vu);
      if (hc < 0 || vc < 0) continue;
      const major = Math.min(hc, vc);
      const minor = Math.max(hc, vc);
      let cls = -1;
      let count = 0;
      if (major === MOTORWAY && minor > MOTORWAY && minor <= SECONDARY) { cls = MOTORWAY; count = 2; }
      else if (major === TRUNK && minor > TRUNK && minor <= SECONDARY) { cls = TRUNK; count = 1; }
      else if (major === PRIMARY && minor === SECONDARY && (i + j) % 3 === 0) { cls = PRIMARY; count = 1; }
      if (cls < 0) continue;
      const hDir = dir(c, c + 1, c - 1, hr, hl, hc);
      const vDir = dir(c, c + nx, c - nx, vu, vd, vc);
      spots.push(hc === major ? { cell: c, cls, count, major: hDir, minor: vDir } : { cell: c, cls, count, major: vDir, minor: hDir });
    }
  }
  return spots;
}

function best(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

export interface RoadOptions {
  segments: number;
  salt: number;
  placeNames: ReadonlyArray<readonly [string, string]>;
}

/** Cut the planned network into exactly `segments` features (links included). */
export function buildRoads(frame: Frame, cells: Cells, edges: RoadEdges, opts: RoadOptions): { features: Feature<LineStringGeometry>[]; pieces: RoadPiece[] } {
  const S = opts.segments;
  const features: Feature<LineStringGeometry>[] = [];
  const pieces: RoadPiece[] = [];
  if (S <= 0) return { features, pieces };
  const { cx, cy, intensity } = cells;
  const salt = opts.salt;
  let ways = collectWays(cells, edges);
  const spots = findLinkSpots(cells, edges);
  // Links take at most 3 % of the count; the rest goes to the lines.
  const linkBudget = Math.floor(0.03 * S);
  const linkSpots: LinkSpot[] = [];
  let nLinks = 0;
  for (const s of spots) {
    if (nLinks + s.count > linkBudget) break;
    linkSpots.push(s);
    nLinks += s.count;
  }
  let nPieces = S - nLinks;
  if (ways.length > nPieces) {
    // Keep the most important ways (by class, then length; ties by position).
    const order = ways.map((w, k) => k).sort((a, b) => ways[a].cls - ways[b].cls || ways[b].cells.length - ways[a].cells.length || a - b);
    const kept = new Set(order.slice(0, nPieces));
    ways = ways.filter((_, k) => kept.has(k));
  }
  if (ways.length === 0) {
    // No road at all (a city too small for the lattice rules): nothing to cut.
    nPieces = 0;
  }
  let edgesTotal = 0;
  for (const w of ways) edgesTotal += w.cells.length - 1;
  // Sub-edges per lattice edge, so that every feature gets at least two (three vertices).
  const d = edgesTotal > 0 ? Math.max(2, Math.ceil((2 * nPieces) / edgesTotal) + 1) : 2;
  const alloc = allocatePieces(ways.map((w) => w.cells.length - 1), nPieces, d);

  const lineName = (w: Way): string | null => {
    if (w.cls === MOTORWAY) return MOTORWAY_NAMES[(w.line + (w.horizontal ? 0 : 1)) % MOTORWAY_NAMES.length];
    if (w.cls > TERTIARY) return null;
    const [py] = opts.placeNames[(w.line * 2 + (w.horizontal ? 0 : 1)) % opts.placeNames.length];
    const suffix = w.cls <= PRIMARY ? 'Avenue' : w.horizontal ? 'Road' : 'Street';
    return `${py} ${suffix}`;
  };

  let fid = 0;
  const push = (cls: string, name: string | null, coords: number[][]): void => {
    fid++;
    const properties: Record<string, unknown> = { id: `R${fid}`, highway: cls };
    if (name !== null) properties.name = name;
    features.push({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: coords } });
  };

  ways.forEach((w, wk) => {
    const m = w.cells.length - 1;
    const nSub = m * d;
    const xy = new Float64Array((nSub + 1) * 2);
    const key = w.cells[0] * 2 + (w.horizontal ? 0 : 1);
    for (let s = 0; s <= nSub; s++) {
      const e = Math.min(Math.floor(s / d), m - 1);
      const k = s - e * d;
      const a = w.cells[e];
      const b = w.cells[e + 1];
      const t = k / d;
      let px = cx[a] + (cx[b] - cx[a]) * t;
      let py = cy[a] + (cy[b] - cy[a]) * t;
      if (k !== 0 && k !== d) {
        // A small sideways wobble so each feature is a real polyline, not a straight segment.
        const off = (hashUnit(key, s, 14, salt) - 0.5) * 0.06;
        px += -(cy[b] - cy[a]) * off;
        py += (cx[b] - cx[a]) * off;
      }
      xy[2 * s] = px;
      xy[2 * s + 1] = py;
    }
    const ll: number[][] = new Array(nSub + 1);
    for (let s = 0; s <= nSub; s++) ll[s] = frame.toLonLat(xy[2 * s], xy[2 * s + 1]);
    const p = alloc[wk];
    const name = lineName(w);
    const cls = ROAD_CLASSES[w.cls];
    for (let q = 0; q < p; q++) {
      const s0 = Math.round((q * nSub) / p);
      const s1 = Math.round(((q + 1) * nSub) / p);
      // Fresh arrays per feature: neighbours share the end position, not the array.
      const coords: number[][] = [];
      for (let s = s0; s <= s1; s++) coords.push([ll[s][0], ll[s][1]]);
      push(cls, name, coords);
      pieces.push({ cls: w.cls, urban: intensity[w.cells[Math.min(m, Math.floor((s0 / nSub) * m))]], xy: xy.subarray(2 * s0, 2 * s1 + 2) });
    }
  });

  for (const s of linkSpots) {
    const c = s.cell;
    const cls = `${ROAD_CLASSES[s.cls]}_link`;
    for (let k = 0; k < s.count; k++) {
      // Opposite quadrants for the two links of a motorway junction.
      const sa = k === 0 ? 1 : -1;
      const sb = hashUnit(c, k, 15, salt) < 0.5 ? 1 : -1;
      const ax = s.major[0] * sa;
      const ay = s.major[1] * sa;
      const bx = s.minor[0] * sb;
      const by = s.minor[1] * sb;
      const pts: Array<[number, number]> = [
        [cx[c] + 0.5 * ax, cy[c] + 0.5 * ay],
        [cx[c] + 0.3 * ax + 0.12 * bx, cy[c] + 0.3 * ay + 0.12 * by],
        [cx[c] + 0.12 * ax + 0.3 * bx, cy[c] + 0.12 * ay + 0.3 * by],
        [cx[c] + 0.5 * bx, cy[c] + 0.5 * by],
      ];
      const xy = new Float64Array(8);
      pts.forEach(([px, py], q) => { xy[2 * q] = px; xy[2 * q + 1] = py; });
      push(cls, null, pts.map(([px, py]) => frame.toLonLat(px, py)));
      pieces.push({ cls: s.cls, urban: intensity[c], xy });
    }
  }
  return { features, pieces };
}

/**
 * Split `total` pieces over ways of `m[k]` edges (`d` sub-edges each) in proportion to length,
 * at least one per way and at most one per two sub-edges.
 */
function allocatePieces(m: readonly number[], total: number, d: number): number[] {
  const n = m.length;
  if (n === 0) return [];
  let E = 0;
  for (const x of m) E += x;
  const cap = m.map((x) => Math.max(1, Math.floor((x * d) / 2)));
  const ideal = m.map((x) => (total * x) / E);
  const out = ideal.map((q, k) => Math.min(cap[k], Math.max(1, Math.floor(q))));
  let sum = out.reduce((a, b) => a + b, 0);
  if (sum < total) {
    const order = ideal.map((q, k) => k).sort((a, b) => (ideal[b] - Math.floor(ideal[b])) - (ideal[a] - Math.floor(ideal[a])) || a - b);
    while (sum < total) {
      let moved = false;
      for (const k of order) {
        if (sum >= total) break;
        if (out[k] < cap[k]) { out[k]++; sum++; moved = true; }
      }
      if (!moved) break;
    }
  } else if (sum > total) {
    const order = out.map((_, k) => k).sort((a, b) => out[b] - out[a] || a - b);
    while (sum > total) {
      let moved = false;
      for (const k of order) {
        if (sum <= total) break;
        if (out[k] > 1) { out[k]--; sum--; moved = true; }
      }
      if (!moved) break;
    }
  }
  return out;
}

/** Metric vertices of the rail lines, and the positions of their stations. */
export interface RailNetwork {
  lines: Float64Array[];
  stations: Array<[number, number]>;
}

/** Sample the rail lines (every half cell), lay rail land (1001) under them, find stations. */
export function planRail(frame: Frame, cells: Cells, plan: CityPlan): RailNetwork {
  const { nx, ny, code } = cells;
  const step = 0.5 * Math.min(2 / nx, 2 / ny);
  const keep = new Set([LU['1101'], LU['1102'], LU['1007']]);
  const lines: Float64Array[] = [];
  const stations: Array<[number, number]> = [];
  plan.rails.forEach((line, li) => {
    const pts: Array<[number, number]> = [];
    for (let k = 0; k + 1 < line.length; k++) {
      const [au, av] = line[k];
      const [bu, bv] = line[k + 1];
      const n = Math.max(1, Math.ceil(Math.hypot(bu - au, bv - av) / step));
      for (let s = 0; s < n; s++) pts.push([au + ((bu - au) * s) / n, av + ((bv - av) * s) / n]);
    }
    pts.push(line[line.length - 1]);
    const xy = new Float64Array(pts.length * 2);
    let bestCore = 0;
    let bestD = Infinity;
    pts.forEach(([u, v], k) => {
      const [x, y] = frame.warp(u, v);
      xy[2 * k] = x;
      xy[2 * k + 1] = y;
      const i = Math.max(0, Math.min(nx - 1, Math.floor(((u + 1) / 2) * nx)));
      const j = Math.max(0, Math.min(ny - 1, Math.floor(((v + 1) / 2) * ny)));
      const c = i + j * nx;
      // Rail land is narrower than a cell: lay it under about half the cells the line crosses.
      if (!keep.has(code[c]) && (k === 0 || ((i * 31 + j * 17) & 1) === 0)) code[c] = LU['1001'];
      const d = Math.hypot(u - plan.core.u, v - plan.core.v);
      if (d < bestD) { bestD = d; bestCore = k; }
    });
    stations.push([xy[2 * bestCore], xy[2 * bestCore + 1]]);
    if (li === 0) {
      for (const sc of plan.subCentres) {
        let bk = -1;
        let bd = 0.15;
        pts.forEach(([u, v], k) => {
          const d = Math.hypot(u - sc.u, v - sc.v);
          if (d < bd) { bd = d; bk = k; }
        });
        if (bk >= 0) stations.push([xy[2 * bk], xy[2 * bk + 1]]);
      }
    }
    lines.push(xy);
  });
  return { lines, stations };
}

/** Rail features: the sampled lines cut into pieces of four edges. */
export function buildRailFeatures(frame: Frame, rail: RailNetwork): Feature<LineStringGeometry>[] {
  const names = ['Jinghu Railway', 'Tongsujiahu Railway'];
  const out: Feature<LineStringGeometry>[] = [];
  rail.lines.forEach((xy, li) => {
    const n = xy.length / 2;
    const ll: number[][] = [];
    for (let k = 0; k < n; k++) ll.push(frame.toLonLat(xy[2 * k], xy[2 * k + 1]));
    const edgesN = n - 1;
    const pieces = Math.max(1, Math.floor(edgesN / 4));
    for (let q = 0; q < pieces; q++) {
      const s0 = Math.round((q * edgesN) / pieces);
      const s1 = Math.round(((q + 1) * edgesN) / pieces);
      const coords = ll.slice(s0, s1 + 1).map((c) => [c[0], c[1]]);
      out.push({
        type: 'Feature',
        properties: { id: `RL${out.length + 1}`, railway: 'rail', name: names[li % names.length], usage: 'main' },
        geometry: { type: 'LineString', coordinates: coords },
      });
    }
  });
  return out;
}
