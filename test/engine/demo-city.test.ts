import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import proj4 from 'proj4';
import { booleanPointInPolygon } from '@turf/turf';
import { generateDemoCity } from '../../src/engine/demo-city/index.js';
import type { DemoCityOptions } from '../../src/engine/demo-city/index.js';
import { runSync } from '../../src/engine/run.js';
import { EngineError, SPACE_TYPES } from '../../src/engine/types.js';
import type { Feature, FeatureCollection } from '../../src/engine/types.js';

// Written out here, independently of the generator: EPSG:4549, CGCS2000 / 3-degree GK CM 120E.
const EPSG4549 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const toMetric = proj4('EPSG:4326', EPSG4549);

/**
 * The space type each clean Third-Survey code stands for, from GB/T 21010-2017 and the survey's
 * working classes (not read from the generator).
 */
const INTENDED: Record<string, string> = {
  '0101': 'cultivated', '0103': 'cultivated', '0201': 'cultivated', '0202': 'cultivated',
  '0301': 'forest', '0401': 'grassland', '05H1': 'commercial', '0601': 'industrial', '0602': 'mining',
  '0701': 'urban-residential', '0702': 'rural-homestead', '08H1': 'public-service', '08H2': 'public-service',
  '0809': 'utilities', '0810': 'green-space', '09': 'other', '1001': 'transport-rail', '1003': 'transport-road',
  '1004': 'transport-road', '1007': 'transport-air', '1008': 'transport-water', '1101': 'water', '1102': 'water',
  '1104': 'water', '1202': 'agri-facility', '1206': 'unused',
};

const SMALL: DemoCityOptions = { parcels: 2000, units: 40, pois: 5000, populationPoints: 1000 };
const city = generateDemoCity(SMALL);
const { parcels, units, pois, roads, population } = city.layers;
const poiFc = pois![0];
const roadFc = roads![0];
const railFc = roads![1];

type Ring = number[][];
const ringOf = (f: Feature): Ring => (f.geometry as { coordinates: Ring[] }).coordinates[0];

/** Shoelace area in EPSG:4549 metres (positive = counter-clockwise). */
function metricArea(ring: Ring): number {
  const pts = ring.map((p) => toMetric.forward([p[0], p[1]]));
  let s = 0;
  for (let k = 0; k + 1 < pts.length; k++) s += pts[k][0] * pts[k + 1][1] - pts[k + 1][0] * pts[k][1];
  return s / 2;
}

const key = (p: number[]): string => `${p[0]},${p[1]}`;

/**
 * Exact-tiling check: every directed edge of every ring is matched by the reversed edge of
 * another ring, or lies on the outline in the same direction. With all rings counter-clockwise
 * that leaves no gap and no overlap.
 */
function unmatchedEdges(rings: Ring[], outline: Ring): number {
  const edges = new Map<string, number>();
  const add = (a: number[], b: number[], d: number): void => {
    const k = `${key(a)}>${key(b)}`;
    edges.set(k, (edges.get(k) ?? 0) + d);
  };
  for (const r of rings) for (let k = 0; k + 1 < r.length; k++) { add(r[k], r[k + 1], 1); add(r[k + 1], r[k], -1); }
  for (let k = 0; k + 1 < outline.length; k++) { add(outline[k], outline[k + 1], -1); add(outline[k + 1], outline[k], 1); }
  let bad = 0;
  for (const v of edges.values()) if (v !== 0) bad++;
  return bad;
}

function normaliseCode(raw: string): string {
  let s = raw.trim().replace(/[\uFF10-\uFF19\uFF21-\uFF3A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d{3}$/.test(s)) s = `0${s}`;
  if (/^\d$/.test(s)) s = `0${s}`;
  return s;
}

// Which parcel holds a point (first in input order; bbox prefilter, then turf).
const boxes = parcels.features.map((f) => {
  const r = ringOf(f);
  const xs = r.map((p) => p[0]);
  const ys = r.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
});
function holder(p: number[]): number {
  for (let k = 0; k < boxes.length; k++) {
    const b = boxes[k];
    if (p[0] < b[0] || p[0] > b[2] || p[1] < b[1] || p[1] > b[3]) continue;
    if (booleanPointInPolygon(p, parcels.features[k] as never)) return k;
  }
  return -1;
}
const codeOf = (k: number): string => normaliseCode(String(parcels.features[k].properties!.dlbm));

function sha256(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex');
}

describe('generateDemoCity', () => {
  test('same seed and options give byte-identical output; another seed differs', () => {
    const again = generateDemoCity(SMALL);
    assert.equal(sha256(again), sha256(city));
    const other = generateDemoCity({ ...SMALL, seed: 7 });
    assert.notEqual(sha256(other), sha256(city));
    // Layers draw from their own streams: changing the POI count leaves the parcels alone.
    const morePois = generateDemoCity({ ...SMALL, pois: 6000 });
    assert.equal(sha256(morePois.layers.parcels), sha256(parcels));
  });

  test('counts are met exactly; road default is parcels × 1.2', () => {
    assert.equal(parcels.features.length, 2000);
    assert.equal(units!.features.length, 40);
    assert.equal(poiFc.features.length, 5000);
    // 2000 × 1.2 = 2400 road features when roadSegments is not given.
    assert.equal(roadFc.features.length, 2400);
    assert.equal(population!.features.length, 1000);
    assert.ok(railFc.features.length > 0);
    const custom = generateDemoCity({ parcels: 500, units: 12, pois: 300, roadSegments: 1000, populationPoints: 10 });
    assert.equal(custom.layers.parcels.features.length, 500);
    assert.equal(custom.layers.units!.features.length, 12);
    assert.equal(custom.layers.roads![0].features.length, 1000);
  });

  test('units and parcels tile the outline exactly', () => {
    const outline = ringOf(city.outline);
    const outlineArea = metricArea(outline);
    // Extent scales with the parcel count: 2000 parcels × 7 ha = 1.4e8 m² (to rounding of ~1 cm).
    assert.ok(Math.abs(outlineArea - 1.4e8) / 1.4e8 < 1e-5, `outline area ${outlineArea}`);
    const unitAreas = units!.features.map((f) => metricArea(ringOf(f)));
    const parcelAreas = parcels.features.map((f) => metricArea(ringOf(f)));
    assert.ok(unitAreas.every((a) => a > 0), 'every unit ring is counter-clockwise with positive area');
    assert.ok(parcelAreas.every((a) => a > 0), 'every parcel ring is counter-clockwise with positive area');
    const sumU = unitAreas.reduce((a, b) => a + b, 0);
    const sumP = parcelAreas.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sumU - outlineArea) / outlineArea < 1e-6, `units ${sumU} vs outline ${outlineArea}`);
    assert.ok(Math.abs(sumP - outlineArea) / outlineArea < 1e-6, `parcels ${sumP} vs outline ${outlineArea}`);
    assert.equal(unmatchedEdges(units!.features.map(ringOf), outline), 0);
    assert.equal(unmatchedEdges(parcels.features.map(ringOf), outline), 0);
    // Mean parcel area is 7 ha by construction; sizes vary (merged cells, warp).
    const sorted = [...parcelAreas].sort((a, b) => a - b);
    assert.ok(sorted[sorted.length - 1] / sorted[0] > 3, 'parcel sizes vary');
  });

  test('parcels ignore unit borders and grid lines', () => {
    const unitFs = units!.features as Feature[];
    let straddling = 0;
    for (const f of parcels.features.slice(0, 600)) {
      const owners = new Set<number>();
      for (const p of ringOf(f).slice(0, -1)) {
        const u = unitFs.findIndex((uf) => booleanPointInPolygon(p, uf as never, { ignoreBoundary: true }));
        if (u >= 0) owners.add(u);
      }
      if (owners.size > 1) straddling++;
    }
    assert.ok(straddling >= 10, `${straddling} of 600 parcels straddle a unit border`);
    let crossing = 0;
    for (const f of parcels.features) {
      const xs = ringOf(f).map((p) => toMetric.forward([p[0], p[1]])[0]);
      if (Math.floor(Math.min(...xs) / 1000) !== Math.floor(Math.max(...xs) / 1000)) crossing++;
    }
    assert.ok(crossing > 100, `${crossing} parcels cross a 1 km grid line`);
  });

  test('coordinates are finite, 7-decimal, around Suzhou and inside the extent', () => {
    const outline = ringOf(city.outline);
    const lons = outline.map((p) => p[0]);
    const lats = outline.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    // 1.4e8 m² is about 13 km × 11 km: the centre 120.62°E 31.30°N lies well inside.
    assert.ok(w < 120.62 && e > 120.62 && s < 31.3 && n > 31.3);
    assert.ok(e - w < 0.25 && n - s < 0.2);
    const pad = 0.01; // POIs pushed up to 400 m past the outline
    const check = (p: number[]): void => {
      assert.ok(Number.isFinite(p[0]) && Number.isFinite(p[1]));
      assert.ok(p[0] > w - pad && p[0] < e + pad && p[1] > s - pad && p[1] < n + pad, `outside extent: ${p}`);
      assert.ok(Math.abs(p[0] * 1e7 - Math.round(p[0] * 1e7)) < 1e-6 && Math.abs(p[1] * 1e7 - Math.round(p[1] * 1e7)) < 1e-6);
    };
    const walk = (fc: FeatureCollection): void => {
      for (const f of fc.features) {
        const g = f.geometry as { type: string; coordinates: unknown };
        const flat = (JSON.stringify(g.coordinates).match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
        for (let k = 0; k < flat.length; k += 2) check([flat[k], flat[k + 1]]);
      }
    };
    for (const fc of [parcels, units!, poiFc, roadFc, railFc, population!]) walk(fc);
  });

  test('every space type occurs, and the code field has real-world mess', () => {
    const raw = parcels.features.map((f) => String(f.properties!.dlbm));
    const clean = raw.filter((c) => c in INTENDED);
    const types = new Set(clean.map((c) => INTENDED[c]));
    for (const t of SPACE_TYPES) assert.ok(types.has(t), `space type ${t} present`);
    for (const c of Object.keys(INTENDED)) assert.ok(clean.includes(c), `code ${c} present`);
    const messy = raw.filter((c) => !(c in INTENDED));
    // ~0.5 % messy spellings (≥ 3) and ~0.1 % unmapped: 2000 × 0.005 = 10, 2000 × 0.001 = 2.
    assert.equal(messy.filter((c) => c === '9999').length, 2);
    const spellings = messy.filter((c) => c !== '9999');
    assert.equal(spellings.length, 10);
    assert.ok(spellings.every((c) => normaliseCode(c) in INTENDED), `messy spellings normalise: ${spellings}`);
    assert.ok(spellings.some((c) => /^\d{3}$/.test(c)), 'a lost leading zero');
    assert.ok(spellings.some((c) => /[\uFF10-\uFF19]/.test(c)), 'full-width digits');
    assert.ok(spellings.some((c) => c !== c.trim()), 'padded with spaces');
    // Land use is plausible: farmland is the commonest cover, the core is built up.
    const count = (code: string): number => clean.filter((c) => c === code).length;
    assert.ok(count('0101') > count('0701') && count('0701') > count('05H1'));
  });

  test('ids are unique', () => {
    const uniq = (xs: unknown[]): boolean => new Set(xs).size === xs.length;
    assert.ok(uniq(parcels.features.map((f) => f.properties!.bsm)));
    assert.ok(uniq(units!.features.map((f) => f.properties!.code)));
    assert.ok(uniq(units!.features.map((f) => f.properties!.name)));
    assert.ok(uniq(poiFc.features.map((f) => f.properties!.id)));
    assert.ok(uniq([...roadFc.features, ...railFc.features].map((f) => f.properties!.id)));
    assert.match(String(units!.features[0].properties!.code), /^320500\d{3}$/);
    assert.match(String(units!.features[0].properties!.name), /^[A-Z][a-z']+ (Town|Subdistrict) \p{Script=Han}+(镇|街道)$/u);
  });

  test('POI categories come in the intended proportions and places', () => {
    const group = (tc: string): string => {
      const p = tc.slice(0, 2);
      if (p === '17') return 'industry';
      if (['05', '06', '07', '10', '14', '16'].includes(p)) return 'commercial';
      if (p === '15') return 'transport';
      return 'other';
    };
    const n = { industry: 0, commercial: 0, transport: 0, other: 0 } as Record<string, number>;
    for (const f of poiFc.features) {
      const tc = String(f.properties!.typecode);
      assert.match(tc, /^\d{6}$/);
      n[group(tc)]++;
    }
    // Shares by design: 25 % / 48 % / 17 % / 10 % of 5000 = 1250 / 2400 / 850 / 500.
    assert.ok(Math.abs(n.industry - 1250) <= 5, `industry ${n.industry}`);
    assert.ok(Math.abs(n.commercial - 2400) <= 5, `commercial ${n.commercial}`);
    assert.ok(Math.abs(n.transport - 850) <= 5, `transport ${n.transport}`);
    assert.ok(Math.abs(n.other - 500) <= 5, `other ${n.other}`);
    for (const tc of ['150700', '150500', '150900', '150200']) {
      assert.ok(poiFc.features.some((f) => f.properties!.typecode === tc), `transport type ${tc}`);
    }

    let inWater = 0;
    let factories = 0;
    let inIndustrial = 0;
    let outside = 0;
    for (const f of poiFc.features) {
      const p = (f.geometry as { coordinates: number[] }).coordinates;
      const k = holder(p);
      if (k < 0) { outside++; continue; }
      if (['1101', '1102'].includes(codeOf(k))) inWater++;
      if (f.properties!.typecode === '170300') {
        factories++;
        if (['0601', '0809', '0602'].includes(codeOf(k))) inIndustrial++;
      }
    }
    // 85 % + 6 % + 3 % of factories go to industrial, utility and mining land by design.
    assert.ok(inIndustrial / factories > 0.85, `${inIndustrial} of ${factories} factories on industrial land`);
    assert.ok(inWater > 0, 'some POIs stand in water');
    // 0.2 % of 5000 = 10 POIs pushed past the outline.
    assert.ok(outside >= 10 && outside < 30, `${outside} POIs outside every parcel`);

    // Deliberate edge cases: POIs on parcel corners, stacked duplicates.
    const vertices = new Set(parcels.features.flatMap((f) => ringOf(f).map(key)));
    assert.ok(poiFc.features.some((f) => vertices.has(key((f.geometry as { coordinates: number[] }).coordinates))), 'a POI on a parcel corner');
    // On an edge: twice the POI equals the sum of an edge's ends, in whole units of 1e-7°.
    const e7 = (x: number): number => Math.round(x * 1e7);
    const midpoints = new Set<string>();
    for (const f of parcels.features) {
      const r = ringOf(f);
      for (let k = 0; k + 1 < r.length; k++) midpoints.add(`${e7(r[k][0]) + e7(r[k + 1][0])},${e7(r[k][1]) + e7(r[k + 1][1])}`);
    }
    assert.ok(poiFc.features.some((f) => {
      const p = (f.geometry as { coordinates: number[] }).coordinates;
      return !vertices.has(key(p)) && midpoints.has(`${2 * e7(p[0])},${2 * e7(p[1])}`);
    }), 'a POI on a parcel edge');
    const seen = new Map<string, number>();
    for (const f of poiFc.features) {
      const k = key((f.geometry as { coordinates: number[] }).coordinates);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    assert.ok([...seen.values()].some((c) => c > 1), 'POIs stacked at one position');
  });

  test('roads are short multi-vertex lines of OSM classes; rail is its own layer', () => {
    const classes = new Set(roadFc.features.map((f) => String(f.properties!.highway)));
    for (const c of ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service']) assert.ok(classes.has(c), c);
    assert.ok([...classes].some((c) => c.endsWith('_link')));
    for (const f of roadFc.features) {
      const coords = (f.geometry as { coordinates: number[][] }).coordinates;
      assert.ok(coords.length >= 3, 'at least three vertices');
    }
    assert.ok(railFc.features.every((f) => f.properties!.railway === 'rail'));
    const railEntry = city.config.layers.roads![1];
    assert.equal(railEntry.mode, 'rail');
    assert.equal(railEntry.path, 'rail.geojson');
  });

  test('population points weigh mostly on residential land and add to the census total', () => {
    const pops = population!.features.map((f) => f.properties!.pop as number);
    assert.ok(pops.every((p) => Number.isInteger(p) && p >= 1));
    const total = pops.reduce((a, b) => a + b, 0);
    // Suzhou 2020 census: 12,748,262; rounding each of 1000 weights moves it by at most 500.
    assert.ok(Math.abs(total - 12_748_262) <= 500, `total ${total}`);
    // By design 86 % of points go to urban residential and 10 % to rural homesteads.
    let residential = 0;
    for (const f of population!.features) {
      const k = holder((f.geometry as { coordinates: number[] }).coordinates);
      if (k >= 0 && ['0701', '0702'].includes(codeOf(k))) residential++;
    }
    assert.ok(residential / population!.features.length > 0.9, `${residential} of ${population!.features.length} on residential land`);
  });

  test('GDP table: one row per unit by default, missingGdp leaves units out', () => {
    const rows = city.config.economy!.source === 'table' ? city.config.economy!.rows : [];
    assert.equal(rows.length, 40);
    const names = new Set(units!.features.map((f) => f.properties!.name));
    assert.ok(rows.every((r) => names.has(r.name) && Number.isFinite(r.value) && r.value > 0));
    const total = rows.reduce((a, r) => a + r.value, 0);
    // Scaled to Suzhou's 2020 GDP, 20,170.5 × 10^8 CNY = 201,705,000 × 10^4 CNY (2-decimal rounding).
    assert.ok(Math.abs(total - 201_705_000) < 1, `GDP total ${total}`);
    const fewer = generateDemoCity({ ...SMALL, pois: 0, populationPoints: 0, missingGdp: 3 });
    const fewerRows = fewer.config.economy!.source === 'table' ? fewer.config.economy!.rows : [];
    assert.equal(fewerRows.length, 37);
  });

  test('hostile name only on request, exactly once', () => {
    assert.ok(units!.features.every((f) => !String(f.properties!.name).includes('<')));
    const hostile = generateDemoCity({ ...SMALL, pois: 0, populationPoints: 0, hostileName: true });
    const marked = hostile.layers.units!.features.filter((f) => String(f.properties!.name).includes('<img src=x onerror=alert(1)>'));
    assert.equal(marked.length, 1);
    const rows = hostile.config.economy!.source === 'table' ? hostile.config.economy!.rows : [];
    assert.ok(rows.some((r) => r.name === marked[0].properties!.name), 'the GDP row joins by the same name');
  });

  test('config is complete and says the city is generated', () => {
    const c = city.config;
    assert.equal(c.name, 'Demo city (generated)');
    assert.match(c.description ?? '', /generated/i);
    assert.match(c.description ?? '', /not a real place/i);
    assert.equal(c.landUse.preset, 'third-survey');
    assert.equal(c.workingCrs, 'auto');
    assert.deepEqual(
      [c.layers.parcels.path, (c.layers.units as { path: string }).path, c.layers.pois![0].path, c.layers.roads![0].path, c.layers.population!.path],
      ['parcels.geojson', 'units.geojson', 'pois.geojson', 'roads.geojson', 'population.geojson'],
    );
    assert.equal(c.layers.parcels.codeField, 'dlbm');
    assert.equal(c.layers.parcels.idField, 'bsm');
    assert.equal(c.layers.pois![0].categoryField, 'typecode');
    assert.equal(c.layers.pois![0].preset, 'amap');
    assert.equal(c.layers.roads![0].classField, 'highway');
    assert.equal(c.layers.population!.weightBy, 'field');
    assert.equal(c.layers.population!.weightField, 'pop');
    assert.ok(c.inventory.mode === 'totals');
    if (c.inventory.mode !== 'totals') return;
    assert.equal(c.inventory.unit, '10^4 t');
    const sum = (sector: string): number => c.inventory.mode === 'totals'
      ? Math.round(c.inventory.totals.filter((t) => t.sector === sector).reduce((a, t) => a + t.value, 0) * 100) / 100
      : NaN;
    // METHOD.md §6: sector totals 19,334.77 / 2,882.76 / 1,421.44 / 100.70 / 288.30 / −251.86.
    assert.equal(sum('industry'), 19334.77);
    assert.equal(sum('buildings'), 2882.76);
    assert.equal(sum('transport'), 1421.44);
    assert.equal(sum('agriculture'), 100.7);
    assert.equal(sum('waste'), 288.3);
    assert.equal(sum('sinks'), -251.86);
    // Every collection is labelled as generated.
    for (const fc of [parcels, units!, poiFc, roadFc, railFc, population!]) assert.equal(fc.properties?.generated, true);
  });

  test('bad options are caller bugs', () => {
    const code = (fn: () => unknown): string | undefined => {
      try { fn(); } catch (e) { return e instanceof EngineError ? e.code : 'other'; }
      return undefined;
    };
    assert.equal(code(() => generateDemoCity({ parcels: 10 })), 'invalid-option');
    assert.equal(code(() => generateDemoCity({ parcels: 800, units: 101 })), 'invalid-option');
    assert.equal(code(() => generateDemoCity({ parcels: 1000, pois: -1 })), 'invalid-option');
    assert.equal(code(() => generateDemoCity({ seed: Number.NaN })), 'invalid-option');
  });
});

describe('the demo city through the whole method', () => {
  test('runs end to end: paper totals, every unit zoned, only the planted code unmapped', () => {
    const small = generateDemoCity({ parcels: 1000, units: 25, pois: 3000, populationPoints: 1000 });
    const { report } = runSync(small.config, small.layers);
    assert.equal(report.workingCrs.code, 'EPSG:4549');
    // METHOD.md §6: gross 24,027.97 × 10^4 t, sinks 251.86 × 10^4 t, CCR 1.048 %.
    assert.ok(Math.abs(report.totals.grossT - 240_279_700) < 1);
    assert.ok(Math.abs(report.totals.sinkT - 2_518_600) < 1);
    assert.equal(report.totals.unallocatedT, 0);
    assert.equal(report.zones.unzoned, 0);
    assert.deepEqual(report.landUse.unmapped.map((u) => u.code), ['9999']);
    assert.ok(!report.issues.some((i) => i.severity === 'error'));
  });
});
