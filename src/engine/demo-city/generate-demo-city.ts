/**
 * A deterministic, seeded generator of a plausible demo city: the default data of the map demo,
 * of `carbon-balance demo`, of tests and of benchmarks. Headless and fast (no DOM, no I/O).
 */
import type { CityConfig, EconomyRow } from '../config/types.js';
import type { LayerData } from '../run-types.js';
import type { Feature, FeatureCollection, PolygonGeometry, Position } from '../types.js';
import { EngineError } from '../types.js';
import { buildDemoConfig } from './config.js';
import { buildFrame } from './frame.js';
import type { Frame } from './frame.js';
import { DEMO_LAND_USE_CODES, LU } from './land-use.js';
import { buildCells, planCity, seedSalt } from './model.js';
import type { Cells } from './model.js';
import { makeDistinctPlaceNames } from './names.js';
import { buildPois, buildPopulation } from './points.js';
import type { ParcelRuns } from './points.js';
import { createRng, hashUnit } from './prng.js';
import { buildRailFeatures, buildRoads, layRoadLand, planRail, planRoadEdges } from './roads.js';

/** Options of {@link generateDemoCity}. Every count is a target the output meets exactly unless noted. */
export interface DemoCityOptions {
  /** Seed of every random choice; same seed and options give byte-identical output. Default 20200101. */
  seed?: number;
  /** Number of parcels (exact). The city's area is 7 ha per parcel. Default 30 000; at least 100. */
  parcels?: number;
  /** Number of units (townships, exact). Default 100; at most `parcels / 8`. */
  units?: number;
  /** Number of POIs (exact). Default 60 000. */
  pois?: number;
  /**
   * Number of road features (exact, once the city has roads at all). Default `round(parcels × 1.2)`.
   * The rail layer comes on top.
   */
  roadSegments?: number;
  /** Number of population points (exact). Default 40 000. */
  populationPoints?: number;
  /** Give exactly one unit a name containing HTML markup, for UI escaping tests. Default false. */
  hostileName?: boolean;
  /** Number of units left out of the GDP table. Default 0. */
  missingGdp?: number;
}

/** A generated city: a complete config and the layers it names. */
export interface DemoCity {
  config: CityConfig;
  layers: LayerData;
  /** The city's outline (the exact union of the units and of the parcels), lon/lat. */
  outline: Feature<PolygonGeometry>;
}

/** Mean parcel area the city's extent is sized by, m² (7 ha). */
export const DEMO_PARCEL_AREA_M2 = 70_000;

/** Suzhou's 2020 GDP, 20,170.5 × 10^8 CNY, in 10^4 CNY: the GDP table's total. */
export const DEMO_GDP_TOTAL = 201_705_000;

/** The markup the hostile unit name carries. */
export const DEMO_HOSTILE_MARKUP = '<img src=x onerror=alert(1)>';

/** Fine lattice cells per parcel before neighbours are merged; merging gives the size spread. */
const CELLS_PER_PARCEL = 1.25;
/** Width / height of the warped city (the frame's 1.12 stretch on both axes). */
const ASPECT = 1.12 * 1.12;

function checkInt(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EngineError('invalid-option', `${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

/**
 * Generate the demo city.
 *
 * Layers are GeoJSON in EPSG:4326 lon/lat (7 decimals) around Suzhou, built in EPSG:4549 metres
 * and converted with proj4's exact inverse. Units and parcels each tile the outline exactly;
 * parcels ignore unit borders. Every collection carries `properties.generated: true` and the
 * config's name and description say the city is generated.
 *
 * @param options - counts and seed; see {@link DemoCityOptions} for defaults.
 * @returns the config (paths `parcels.geojson`, `units.geojson`, `pois.geojson`,
 *   `roads.geojson`, `rail.geojson`, `population.geojson`) and the layers in config order.
 * @throws EngineError `invalid-option` for a count or seed out of range (a caller bug).
 * @example
 * const { config, layers } = generateDemoCity({ parcels: 2000, pois: 5000 });
 */
export function generateDemoCity(options: DemoCityOptions = {}): DemoCity {
  const seed = options.seed ?? 20200101;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new EngineError('invalid-option', `seed must be a finite number, got ${String(seed)}`);
  }
  const nParcels = options.parcels ?? 30_000;
  checkInt('parcels', nParcels, 100, 5_000_000);
  const nUnits = options.units ?? 100;
  checkInt('units', nUnits, 1, Math.floor(nParcels / 8));
  const nPois = options.pois ?? 60_000;
  checkInt('pois', nPois, 0, 50_000_000);
  const nRoads = options.roadSegments ?? Math.round(nParcels * 1.2);
  checkInt('roadSegments', nRoads, 0, 50_000_000);
  const nPop = options.populationPoints ?? 40_000;
  checkInt('populationPoints', nPop, 0, 50_000_000);
  const missingGdp = options.missingGdp ?? 0;
  checkInt('missingGdp', missingGdp, 0, nUnits);
  const hostile = options.hostileName === true;

  const cellsTarget = Math.round(nParcels * CELLS_PER_PARCEL);
  const nx = Math.max(4, Math.round(Math.sqrt(cellsTarget * ASPECT)));
  const ny = Math.max(4, Math.ceil(cellsTarget / nx));
  const mx = Math.max(1, Math.round(Math.sqrt(nUnits * ASPECT)));
  const my = Math.ceil(nUnits / mx);

  const frame = buildFrame({ seed, nx, ny, mx, my, areaM2: nParcels * DEMO_PARCEL_AREA_M2 });
  const plan = planCity(seed);
  const cells = buildCells(frame, plan, seed);
  const salt = seedSalt(seed);
  const edges = planRoadEdges(cells, salt);
  layRoadLand(cells, edges, salt);
  const rail = planRail(frame, cells, plan);
  layPorts(cells, salt);
  const layout = planUnits(frame, seed, nUnits);
  const cellUnit = locateCells(frame, cells, layout);
  const protect = ensureEmittingLand(cells, cellUnit, nUnits, salt);
  ensureEveryCode(cells, salt, protect);
  const runs = mergeCells(cells, nParcels, salt, protect);

  const placeNames = makeDistinctPlaceNames(createRng(seed, 8), 600);
  const parcels = parcelFeatures(frame, runs, seed);
  const { units, gdpRows } = unitFeatures(frame, cells, layout, cellUnit, { seed, nUnits, hostile, missingGdp });
  const roads = buildRoads(frame, cells, edges, { segments: nRoads, salt, placeNames });
  const railFeatures = buildRailFeatures(frame, rail);
  const pois = buildPois(frame, runs, { count: nPois, rng: createRng(seed, 9), placeNames, pieces: roads.pieces, stations: rail.stations });
  const population = buildPopulation(frame, runs, nPop, createRng(seed, 10));

  const label = (layer: string, features: Feature[]): FeatureCollection => ({
    type: 'FeatureCollection',
    name: `demo-city-${layer}`,
    properties: { generated: true, notARealPlace: true, generator: 'carbon-balance-map demo-city', seed, layer },
    features,
  });
  const ring = frame.outline.map((id): Position => [frame.lon[id], frame.lat[id]]);
  return {
    config: buildDemoConfig(seed, gdpRows),
    layers: {
      parcels: label('parcels', parcels),
      units: label('units', units),
      pois: [label('pois', pois)],
      roads: [label('roads', roads.features), label('rail', railFeatures)],
      population: label('population', population),
    },
    outline: { type: 'Feature', properties: { name: 'Demo city outline (generated)' }, geometry: { type: 'Polygon', coordinates: [ring] } },
  };
}

/** Port and wharf land (1008) on the shore of rivers and the lake, industrial parks first. */
function layPorts(cells: Cells, salt: number): void {
  const { nx, ny, code, park } = cells;
  const water = new Set([LU['1101'], LU['1102']]);
  const skip = new Set([LU['1101'], LU['1102'], LU['1104'], LU['1007'], LU['1001']]);
  const want = Math.max(1, Math.round(cells.n * 0.0015));
  const cand: Array<[number, number]> = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = i + j * nx;
      if (skip.has(code[c])) continue;
      const shore = (i > 0 && water.has(code[c - 1])) || (i + 1 < nx && water.has(code[c + 1]))
        || (j > 0 && water.has(code[c - nx])) || (j + 1 < ny && water.has(code[c + nx]));
      if (shore) cand.push([c, (park[c] >= 0 ? 0 : 1) + 0.5 * hashUnit(c, 0, 21, salt)]);
    }
  }
  cand.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  for (let k = 0; k < Math.min(want, cand.length); k++) code[cand[k][0]] = LU['1008'];
}

/** Give every code at least one cell (small cities may miss the rare ones), taken from the commonest. */
function ensureEveryCode(cells: Cells, salt: number, protect: Uint8Array): void {
  const count = new Int32Array(DEMO_LAND_USE_CODES.length);
  for (let c = 0; c < cells.n; c++) count[cells.code[c]]++;
  const start = Math.floor(hashUnit(1, 2, 22, salt) * cells.n);
  for (let k = 0; k < DEMO_LAND_USE_CODES.length; k++) {
    if (count[k] > 0) continue;
    let common = 0;
    for (let q = 1; q < count.length; q++) if (count[q] > count[common]) common = q;
    for (let s = 0; s < cells.n; s++) {
      const c = (start + s * 7919) % cells.n;
      if (cells.code[c] !== common || protect[c]) continue;
      cells.code[c] = k;
      count[common]--;
      count[k]++;
      break;
    }
  }
}

/** Codes whose parcels are large in real surveys: farmland, water, woods. */
const BIG = new Set(['0101', '0103', '0201', '0202', '0301', '0401', '1101', '1102', '1104', '1202', '0702'].map((c) => LU[c]));

/**
 * Merge horizontally adjacent cells into `nParcels` parcels. Same-code neighbours merge first
 * (rural land more readily), runs are capped at 4 cells, and a merge never removes a code's
 * last parcel nor a protected cell's code, so every code survives.
 */
function mergeCells(cells: Cells, nParcels: number, salt: number, protect: Uint8Array): ParcelRuns {
  const { nx, ny, code } = cells;
  const need = nx * ny - nParcels;
  const right = new Uint8Array(cells.n);
  const parcelsOfCode = new Int32Array(DEMO_LAND_USE_CODES.length);
  for (let c = 0; c < cells.n; c++) parcelsOfCode[code[c]]++;
  const nCand = (nx - 1) * ny;
  const cand = new Uint32Array(nCand);
  const key = new Float64Array(cells.n);
  let q = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const c = i + j * nx;
      const h = hashUnit(i, j, 23, salt);
      key[c] = code[c] === code[c + 1] ? (BIG.has(code[c]) ? 1 + h : 0.5 + 0.5 * h) : 0.1 * h;
      cand[q++] = c;
    }
  }
  cand.sort((a, b) => key[b] - key[a] || a - b);
  let merged = 0;
  const runStart = (c: number): number => {
    let s = c;
    while (s % nx > 0 && right[s - 1]) s--;
    return s;
  };
  const runEnd = (c: number): number => {
    let e = c;
    while (right[e]) e++;
    return e;
  };
  for (const cap of [4, 8, nx]) {
    for (let k = 0; k < nCand && merged < need; k++) {
      const c = cand[k];
      if (right[c]) continue;
      const s = runStart(c);
      const e = runEnd(c + 1);
      if (e - s + 1 > cap) continue;
      const a = code[s];
      const b = code[c + 1];
      if (a !== b && (parcelsOfCode[b] <= 1 || protect[c + 1])) continue;
      right[c] = 1;
      parcelsOfCode[b]--;
      merged++;
    }
    if (merged >= need) break;
  }
  if (merged < need) throw new Error(`demo city: could merge only ${merged} of ${need} cells`);

  const row = new Int32Array(nParcels);
  const i0 = new Int32Array(nParcels);
  const i1 = new Int32Array(nParcels);
  const pcode = new Uint8Array(nParcels);
  const area = new Float64Array(nParcels);
  const intensity = new Float32Array(nParcels);
  const park = new Int8Array(nParcels);
  let p = 0;
  for (let j = 0; j < ny; j++) {
    let i = 0;
    while (i < nx) {
      const s = i;
      while (right[i + j * nx]) i++;
      row[p] = j;
      i0[p] = s;
      i1[p] = i;
      pcode[p] = code[s + j * nx];
      park[p] = cells.park[s + j * nx];
      let a = 0;
      let wi = 0;
      for (let t = s; t <= i; t++) {
        const c = t + j * nx;
        a += cells.area[c];
        wi += cells.area[c] * cells.intensity[c];
      }
      area[p] = a;
      intensity[p] = a > 0 ? wi / a : 0;
      p++;
      i++;
    }
  }
  return { n: nParcels, row, i0, i1, code: pcode, area, intensity, park };
}

/** Ring of vertex ids of a run of cells i0..i1 in row j of a lattice, counter-clockwise, closed. */
function runRing(
  id: (i: number, j: number) => number,
  h: (i: number, j: number) => readonly number[],
  v: (i: number, j: number) => readonly number[],
  i0: number, i1: number, j: number,
): number[] {
  const ring: number[] = [];
  for (let i = i0; i <= i1; i++) {
    ring.push(id(i, j));
    for (const x of h(i, j)) ring.push(x);
  }
  ring.push(id(i1 + 1, j));
  for (const x of v(i1 + 1, j)) ring.push(x);
  for (let i = i1; i >= i0; i--) {
    ring.push(id(i + 1, j + 1));
    const top = h(i, j + 1);
    for (let k = top.length - 1; k >= 0; k--) ring.push(top[k]);
  }
  ring.push(id(i0, j + 1));
  const left = v(i0, j);
  for (let k = left.length - 1; k >= 0; k--) ring.push(left[k]);
  ring.push(id(i0, j));
  return ring;
}

function toCoords(frame: Frame, ring: readonly number[]): Position[] {
  const out: Position[] = new Array(ring.length);
  for (let k = 0; k < ring.length; k++) out[k] = [frame.lon[ring[k]], frame.lat[ring[k]]];
  return out;
}

const FULL_WIDTH_OFFSET = 0xff10 - 0x30;

function fullWidth(code: string): string {
  let s = '';
  for (const ch of code) {
    const c = ch.charCodeAt(0);
    s += c >= 0x30 && c <= 0x39 ? String.fromCharCode(c + FULL_WIDTH_OFFSET) : c >= 0x41 && c <= 0x5a ? String.fromCharCode(c - 0x41 + 0xff21) : ch;
  }
  return s;
}

/** Parcel features, with ~0.5 % messy spellings of codes and ~0.1 % unmapped codes. */
function parcelFeatures(frame: Frame, runs: ParcelRuns, seed: number): Feature[] {
  const n = runs.n;
  const written: string[] = new Array(n);
  for (let p = 0; p < n; p++) written[p] = DEMO_LAND_USE_CODES[runs.code[p]].code;
  const clean = new Int32Array(DEMO_LAND_USE_CODES.length);
  for (let p = 0; p < n; p++) clean[runs.code[p]]++;
  const rng = createRng(seed, 5);
  const touched = new Uint8Array(n);
  const alter = (count: number, make: (code: string, k: number) => string): void => {
    let done = 0;
    // Keep at least three clean parcels of each code, so every code stays visible as written.
    for (let tries = 0; done < count && tries < count * 200; tries++) {
      const p = rng.int(n);
      if (touched[p] || clean[runs.code[p]] <= 3) continue;
      touched[p] = 1;
      clean[runs.code[p]]--;
      written[p] = make(written[p], done);
      done++;
    }
  };
  alter(Math.max(3, Math.round(n * 0.005)), (code, k) => {
    const kind = k % 3;
    if (kind === 0 && /^0\d+$/.test(code)) return code.replace(/^0+/, '');
    if (kind === 1) return fullWidth(code);
    return ` ${code} `;
  });
  alter(Math.max(1, Math.round(n * 0.001)), () => '9999');
  const out: Feature[] = new Array(n);
  for (let p = 0; p < n; p++) {
    const ring = runRing(frame.fineId, frame.fineH, frame.fineV, runs.i0[p], runs.i1[p], runs.row[p]);
    out[p] = {
      type: 'Feature',
      properties: { bsm: `3205${String(p + 1).padStart(9, '0')}`, dlbm: written[p], dlmc: DEMO_LAND_USE_CODES[runs.code[p]].nameZh },
      geometry: { type: 'Polygon', coordinates: [toCoords(frame, ring)] },
    };
  }
  return out;
}

/** GDP weight of a hectare of each code, relative (commerce and industry dominate). */
const GDP_WEIGHT: Readonly<Record<string, number>> = {
  '05H1': 10, '0601': 6, '08H1': 3, '08H2': 3, '1008': 3, '1007': 3, '0701': 2, '0809': 2, '0602': 2,
  '1001': 1, '1004': 1, '1003': 0.5, '0702': 0.5, '09': 0.5, '0810': 0.3, '1202': 0.3, '1206': 0.2,
};

function pointInRing(u: number, v: number, ru: Float64Array, rv: Float64Array): boolean {
  let inside = false;
  for (let a = 0, b = ru.length - 1; a < ru.length; b = a++) {
    if ((rv[a] > v) !== (rv[b] > v) && u < ((ru[b] - ru[a]) * (v - rv[a])) / (rv[b] - rv[a]) + ru[a]) inside = !inside;
  }
  return inside;
}

/** The units' layout: coarse cells, some horizontal neighbours merged to hit the count. */
interface UnitLayout {
  /** Unit index of each coarse cell. */
  unitOf: Int32Array;
  /** Each unit as a run of coarse cells: [i0, i1, j]. */
  runs: Array<[number, number, number]>;
}

function planUnits(frame: Frame, seed: number, nUnits: number): UnitLayout {
  const { mx, my } = frame;
  const rng = createRng(seed, 6);
  const merges = mx * my - nUnits;
  const pairs: number[] = [];
  for (let j = 0; j < my; j++) for (let i = 0; i + 1 < mx; i++) pairs.push(i + j * mx);
  for (let k = pairs.length - 1; k > 0; k--) {
    const r = rng.int(k + 1);
    [pairs[k], pairs[r]] = [pairs[r], pairs[k]];
  }
  const mergedRight = new Uint8Array(mx * my);
  const used = new Uint8Array(mx * my);
  let done = 0;
  for (const c of pairs) {
    if (done >= merges) break;
    if (used[c] || used[c + 1]) continue;
    used[c] = 1;
    used[c + 1] = 1;
    mergedRight[c] = 1;
    done++;
  }
  if (done < merges) throw new Error(`demo city: could merge only ${done} of ${merges} units`);
  // Units in row-major order; each coarse cell knows its unit.
  const unitOf = new Int32Array(mx * my);
  const runs: Array<[number, number, number]> = [];
  for (let j = 0; j < my; j++) {
    for (let i = 0; i < mx; i++) {
      const c = i + j * mx;
      if (i > 0 && mergedRight[c - 1]) { unitOf[c] = runs.length - 1; continue; }
      unitOf[c] = runs.length;
      runs.push([i, mergedRight[c] ? i + 1 : i, j]);
    }
  }
  return { unitOf, runs };
}

/** The unit each fine cell's centre falls in (coarse cells tested in abstract coordinates). */
function locateCells(frame: Frame, cells: Cells, layout: UnitLayout): Int32Array {
  const { mx, my } = frame;
  const coarseRings = new Array<[Float64Array, Float64Array]>(mx * my);
  for (let j = 0; j < my; j++) {
    for (let i = 0; i < mx; i++) {
      const ids = runRing(frame.coarseId, frame.coarseH, frame.coarseV, i, i, j);
      coarseRings[i + j * mx] = [Float64Array.from(ids, (id) => frame.u[id]), Float64Array.from(ids, (id) => frame.v[id])];
    }
  }
  const out = new Int32Array(cells.n);
  for (let c = 0; c < cells.n; c++) {
    const uu = cells.cu[c];
    const vv = cells.cv[c];
    const ci = Math.max(0, Math.min(mx - 1, Math.floor(((uu + 1) / 2) * mx)));
    const cj = Math.max(0, Math.min(my - 1, Math.floor(((vv + 1) / 2) * my)));
    let hit = ci + cj * mx;
    search: for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const i = ci + di;
        const j = cj + dj;
        if (i < 0 || j < 0 || i >= mx || j >= my) continue;
        const [ru, rv] = coarseRings[i + j * mx];
        if (pointInRing(uu, vv, ru, rv)) { hit = i + j * mx; break search; }
      }
    }
    out[c] = layout.unitOf[hit];
  }
  return out;
}

/** Codes whose tonnes are spread by area (METHOD.md §2), so a parcel of them always emits. */
const EMITS_BY_AREA = new Set(['0101', '0103', '0201', '0202', '0601', '0809', '1202'].map((c) => LU[c]));

/**
 * A unit wholly in the lake or the hills would have no emissions, hence no indices and no zone
 * (METHOD.md §4). Real lake townships have fish farms and island villages: give each such unit
 * one cell of facility agriculture (aquaculture) and keep that cell from being merged away.
 */
function ensureEmittingLand(cells: Cells, cellUnit: Int32Array, nUnits: number, salt: number): Uint8Array {
  const protect = new Uint8Array(cells.n);
  const emits = new Uint8Array(nUnits);
  const pickCell = new Int32Array(nUnits).fill(-1);
  const pickKey = new Float64Array(nUnits).fill(2);
  for (let c = 0; c < cells.n; c++) {
    const u = cellUnit[c];
    if (EMITS_BY_AREA.has(cells.code[c])) emits[u] = 1;
    const h = hashUnit(c, 0, 24, salt);
    if (h < pickKey[u]) { pickKey[u] = h; pickCell[u] = c; }
  }
  for (let u = 0; u < nUnits; u++) {
    if (emits[u] || pickCell[u] < 0) continue;
    cells.code[pickCell[u]] = LU['1202'];
    protect[pickCell[u]] = 1;
  }
  return protect;
}

interface UnitOptions { seed: number; nUnits: number; hostile: boolean; missingGdp: number }

/** Unit features and the GDP table. */
function unitFeatures(frame: Frame, cells: Cells, layout: UnitLayout, cellUnit: Int32Array, opts: UnitOptions): { units: Feature[]; gdpRows: EconomyRow[] } {
  const { nUnits } = opts;
  const rng = createRng(opts.seed, 11);
  const rings = layout.runs.map(([a, b, j]) => runRing(frame.coarseId, frame.coarseH, frame.coarseV, a, b, j));
  const gdpRaw = new Float64Array(nUnits);
  const areaU = new Float64Array(nUnits);
  const urbanU = new Float64Array(nUnits);
  const weight = DEMO_LAND_USE_CODES.map((c) => GDP_WEIGHT[c.code] ?? 0.1);
  for (let c = 0; c < cells.n; c++) {
    const unit = cellUnit[c];
    const a = cells.area[c];
    areaU[unit] += a;
    urbanU[unit] += a * cells.intensity[c];
    gdpRaw[unit] += a * weight[cells.code[c]] * (0.4 + cells.intensity[c]);
  }
  let sum = 0;
  for (let k = 0; k < nUnits; k++) {
    gdpRaw[k] = Math.max(gdpRaw[k], 1e-9) * Math.exp(0.25 * rng.normal());
    sum += gdpRaw[k];
  }

  const names = makeDistinctPlaceNames(createRng(opts.seed, 7), nUnits);
  const hostileAt = opts.hostile ? rng.int(nUnits) : -1;
  const omit = new Set<number>();
  while (omit.size < opts.missingGdp) omit.add(rng.int(nUnits));
  const units: Feature[] = [];
  const gdpRows: EconomyRow[] = [];
  for (let k = 0; k < nUnits; k++) {
    const [py, zh] = names[k];
    const urban = areaU[k] > 0 && urbanU[k] / areaU[k] > 0.35;
    const [kind, kindZh] = urban ? ['Subdistrict', '街道'] : ['Town', '镇'];
    const name = k === hostileAt ? `${py} ${DEMO_HOSTILE_MARKUP} ${kind} ${zh}${kindZh}` : `${py} ${kind} ${zh}${kindZh}`;
    const code = `320500${String(k + 1).padStart(3, '0')}`;
    units.push({ type: 'Feature', properties: { code, name }, geometry: { type: 'Polygon', coordinates: [toCoords(frame, rings[k])] } });
    if (!omit.has(k)) gdpRows.push({ id: code, name, value: Math.round(((gdpRaw[k] * DEMO_GDP_TOTAL) / sum) * 100) / 100 });
  }
  return { units, gdpRows };
}
