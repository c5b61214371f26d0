/**
 * Geometry hygiene: one fixture file per fault class (test/fixtures/hygiene, each feature carries
 * its expected area and issue codes, worked out by hand in its `note` and checked with GDAL as
 * the README there shows), areas through the overlay and the grid, and a city with a bow-tie and
 * an unclosed ring through the whole run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanPolygonalGeometry, removeSpikes } from '../../src/engine/geometry/hygiene.js';
import { splitRingIntoLoops } from '../../src/engine/geometry/segments.js';
import { multiPolygonArea, multiPolygonAreaInRect, ringSignedArea } from '../../src/engine/geometry/planar.js';
import { preparePolygonLayer } from '../../src/engine/spatial/layers.js';
import { overlayParcelsOnUnits } from '../../src/engine/spatial/overlay.js';
import { run } from '../../src/engine/run.js';
import type { CityConfig } from '../../src/engine/config/types.js';
import type { Feature, FeatureCollection, Issue } from '../../src/engine/types.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/hygiene');
const identity = (c: number[]): number[] => c;
const close = (actual: number, want: number, what: string, tol = 1e-9): void =>
  assert.ok(Math.abs(actual - want) <= tol * Math.max(1, Math.abs(want)), `${what}: expected ${want}, got ${actual}`);

function load(name: string): FeatureCollection {
  return JSON.parse(readFileSync(join(dir, `${name}.geojson`), 'utf8')) as FeatureCollection;
}

describe('fixtures: every fault class gives the expected area and issues', () => {
  for (const name of ['bowtie', 'rings', 'holes', 'multipolygons', 'excluded']) {
    test(name, () => {
      const fc = load(name);
      const issues: Issue[] = [];
      const layer = preparePolygonLayer('parcels', fc, identity, 'id', issues);
      for (const f of fc.features) {
        const p = f.properties as { id: string; expectedAreaM2: number; expectedCodes: string[]; excluded?: boolean };
        const codes = issues.filter((i) => i.featureId === p.id && i.code.startsWith('geometry-')).map((i) => i.code).sort();
        assert.deepEqual(codes, [...p.expectedCodes].sort(), `${p.id}: issue codes`);
        for (const i of issues.filter((x) => x.featureId === p.id)) {
          assert.equal(i.layer, 'parcels');
          assert.match(i.message, new RegExp(`feature "${p.id}"`), `${p.id}: the message names the feature`);
        }
        const k = layer.ids.indexOf(p.id);
        if (p.excluded) {
          assert.equal(k, -1, `${p.id} is left out`);
          continue;
        }
        assert.ok(k >= 0, `${p.id} is kept`);
        close(layer.areas[k], p.expectedAreaM2, `${p.id} area`);
        close(multiPolygonArea(layer.geoms[k]), p.expectedAreaM2, `${p.id} area of the kept geometry`);
        // The kept geometry is clean: a second pass finds nothing and measures the same.
        const again = cleanPolygonalGeometry(layer.geoms[k].map((poly) => poly.map((r) => [...r, r[0]])), identity);
        assert.deepEqual(again.faults, [], `${p.id}: the repaired geometry is valid`);
        close(again.areaM2, p.expectedAreaM2, `${p.id} area after a second pass`);
      }
      assert.equal(layer.inputCount, fc.features.length);
    });
  }

  test('a symmetric bow-tie is the sum of its lobes, not the shoelace 0 nor half', () => {
    // (0,0) (20,10) (20,0) (0,10): crossing at (10,5); each lobe ½·10·10 = 50.
    const ring = [[0, 0], [20, 10], [20, 0], [0, 10]];
    assert.equal(ringSignedArea(ring), 0);
    const loops = splitRingIntoLoops(ring);
    assert.equal(loops.length, 2);
    assert.deepEqual(loops.map((l) => Math.abs(ringSignedArea(l))).sort(), [50, 50]);
    const r = cleanPolygonalGeometry([[[...ring, ring[0]]]], identity);
    assert.equal(r.areaM2, 100);
    assert.equal(r.geometry.length, 2);
    assert.deepEqual(r.faults.map((f) => f.code), ['geometry-self-intersection']);
    assert.equal(r.faults[0].args.lobes, 2);
    assert.equal(r.faults[0].args.shoelaceM2, 0);
  });

  test('spike removal: tips go one by one, the square stays', () => {
    const { ring, removed } = removeSpikes([[0, 0], [10, 0], [10, 5], [12, 5], [14, 5], [12, 5], [10, 5], [10, 10], [0, 10]]);
    assert.deepEqual(ring, [[0, 0], [10, 0], [10, 5], [10, 10], [0, 10]]);
    assert.equal(removed, 4);
  });

  test('issues are capped per code with one summary', () => {
    // 5 clockwise squares, cap 2: two listed, one `geometry-faults-more` counting 3.
    const fc: FeatureCollection = { type: 'FeatureCollection', features: [0, 1, 2, 3, 4].map((k) => ({
      type: 'Feature', id: `c${k}`, properties: {}, geometry: { type: 'Polygon', coordinates: [[[k * 20, 0], [k * 20, 10], [k * 20 + 10, 10], [k * 20 + 10, 0], [k * 20, 0]]] },
    })) };
    const issues: Issue[] = [];
    const layer = preparePolygonLayer('units', fc, identity, undefined, issues, { maxIssuesPerCode: 2 });
    assert.equal(layer.geoms.length, 5);
    assert.equal(issues.filter((i) => i.code === 'geometry-ring-winding').length, 2);
    const more = issues.filter((i) => i.code === 'geometry-faults-more');
    assert.equal(more.length, 1);
    assert.equal(more[0].actual, 3);
    assert.equal(more[0].field, 'geometry-ring-winding');
  });

  test('coordinates that do not project are invalid coordinates', () => {
    const issues: Issue[] = [];
    const fc: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'x', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] };
    const layer = preparePolygonLayer('population', fc, (c) => (c[0] === 1 && c[1] === 1 ? [NaN, NaN] : c), undefined, issues);
    assert.equal(layer.geoms.length, 0);
    assert.deepEqual(issues.map((i) => i.code), ['geometry-invalid-coordinates']);
  });

  test('one unreadable position in a long ring is dropped, not the feature; too many exclude it', () => {
    // A 100 m square with extra vertices on its edges: 11 positions, the corner (100, 100) null.
    // Dropping it joins (100, 90) to (90, 100): the 10 × 10 / 2 = 50 m² corner triangle is lost.
    const ring: unknown[] = [[0, 0], [50, 0], [100, 0], [100, 50], [100, 90], null, [90, 100], [50, 100], [0, 100], [0, 50], [0, 0]];
    const twoBad = ring.map((c, i) => (i === 3 ? [100, 'x'] : c)); // 2 of 11 > 10 %
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'u1', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
      { type: 'Feature', id: 'u2', properties: {}, geometry: { type: 'Polygon', coordinates: [twoBad] } },
    ] } as unknown as FeatureCollection;
    const issues: Issue[] = [];
    const layer = preparePolygonLayer('units', fc, identity, undefined, issues);
    assert.equal(layer.geoms.length, 1);
    assert.equal(layer.areas[0], 10_000 - 50);
    const dropped = issues.find((i) => i.code === 'geometry-invalid-position-dropped')!;
    assert.equal(dropped.severity, 'warning');
    assert.equal(dropped.featureId, 'u1');
    assert.equal(dropped.message, 'units: feature "u1": ring 1, position 6 holds null, which is not two finite numbers (or cannot be projected); it was dropped and the ring joined across the gap');
    const excluded = issues.find((i) => i.code === 'geometry-invalid-coordinates')!;
    assert.equal(excluded.featureId, 'u2');
    assert.equal(excluded.message, 'units: feature "u2" has ring 1, position 4 holding [100,"x"], which is not two finite numbers (or cannot be projected) and too much of its ring is unreadable to mend; the feature was left out');
  });
});

describe('repaired areas survive the overlay with units and the grid', () => {
  const parcels = preparePolygonLayer('parcels', load('multipolygons'), identity, 'id', []);
  const bowties = preparePolygonLayer('parcels', load('bowtie'), identity, 'id', []);

  test('island in a hole (M2, 600 m²) split by units at x = 15: 300 + 300', () => {
    // Left of x = 15: shell 15·30 = 450, hole 10·20 = 200, island 5·10 = 50 → 300; the right mirrors it.
    const units = preparePolygonLayer('units', { type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'W', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-5, -5], [15, -5], [15, 35], [-5, 35], [-5, -5]]] } },
      { type: 'Feature', id: 'E', properties: {}, geometry: { type: 'Polygon', coordinates: [[[15, -5], [35, -5], [35, 35], [15, 35], [15, -5]]] } },
    ] }, identity, undefined, []);
    const k = parcels.ids.indexOf('M2');
    const one = { ...parcels, source: [k], ids: ['M2'], geoms: [parcels.geoms[k]], areas: Float64Array.of(parcels.areas[k]), bboxes: [parcels.bboxes[k]] };
    const pieces = overlayParcelsOnUnits(one, units);
    assert.deepEqual(Array.from(pieces.unit), [0, 1]);
    close(pieces.areaM2[0], 300, 'west piece');
    close(pieces.areaM2[1], 300, 'east piece');
    close(pieces.inStudyM2[0], 600, 'in study');
  });

  test('island in a hole on a 10 m grid: the island cell keeps its 100 m²', () => {
    const g = parcels.geoms[parcels.ids.indexOf('M2')];
    // Cell [10,20]²: the shell minus the hole gives 0 there, the island 100.
    close(multiPolygonAreaInRect(g, 10, 10, 20, 20), 100, 'island cell');
    // Cell [0,10]²: shell 100 minus the hole's 5·5 corner = 75.
    close(multiPolygonAreaInRect(g, 0, 0, 10, 10), 75, 'corner cell');
    let sum = 0;
    for (let x = 0; x < 30; x += 10) for (let y = 0; y < 30; y += 10) sum += multiPolygonAreaInRect(g, x, y, x + 10, y + 10);
    close(sum, 600, 'Σ cells');
  });

  test('a bow-tie cut by a unit border at its crossing: 50 + 50', () => {
    const units = preparePolygonLayer('units', { type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'W', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-5, -5], [10, -5], [10, 20], [-5, 20], [-5, -5]]] } },
      { type: 'Feature', id: 'E', properties: {}, geometry: { type: 'Polygon', coordinates: [[[10, -5], [50, -5], [50, 20], [10, 20], [10, -5]]] } },
    ] }, identity, undefined, []);
    const k = bowties.ids.indexOf('B1');
    const one = { ...bowties, source: [k], ids: ['B1'], geoms: [bowties.geoms[k]], areas: Float64Array.of(bowties.areas[k]), bboxes: [bowties.bboxes[k]] };
    const pieces = overlayParcelsOnUnits(one, units);
    close(pieces.areaM2[0], 50, 'west lobe');
    close(pieces.areaM2[1], 50, 'east lobe');
    // Grid cells of 5 m: x 0..5 holds ½·5·(10 + 5) = 37.5 of the west lobe (height 10 − x at x).
    close(multiPolygonAreaInRect(bowties.geoms[k], 0, 0, 5, 10), 37.5, 'cell x 0..5');
  });
});

describe('a city with a bow-tie, an unclosed ring and a spiky clockwise parcel through run()', async () => {
  // EPSG:4549 metres relative to (500000, 3320000). Units U1 = [0,1000]×[0,1000], U2 = [1000,2000]×[0,1000].
  // P1 industrial bow-tie (0,0)(800,400)(800,0)(0,400): lobes ½·400·400 = 80 000 each → 160 000 m² (shoelace: 0).
  // P2 industrial [1000,1400]×[0,400], ring left unclosed: 160 000 m², in U2.
  // P3 industrial [800,1200]×[600,1000]: 160 000 m², half in each unit.
  // P4 forest [1200,2000]×[600,1000] clockwise with a 100 m spike: 320 000 m², in U2.
  // Waste 480 t on industrial land by area: 160 t each for P1, P2, P3. Forest sink 32 t on P4.
  // U1 = P1 160 + ½·P3 80 = 240 gross; U2 = P2 160 + ½·P3 80 = 240 gross, 32 sink.
  // Grid 500 m: the bow-tie's east lobe has height (x − 400) at x ∈ [400, 800], so x 400..500 holds
  // ∫(x − 400)dx = 5 000 m²: column x 0..500 gets 80 000 + 5 000 = 85 000 m² → 85 t, column 500..1000 75 t.
  const X = 500000, Y = 3320000;
  const ring = (pts: number[][], close = true): number[][] => { const r = pts.map(([x, y]) => [X + x, Y + y]); if (close) r.push(r[0]); return r; };
  const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4549' } };
  const parcel = (id: string, code: string, coords: number[][][]): Feature => ({ type: 'Feature', properties: { bsm: id, dlbm: code }, geometry: { type: 'Polygon', coordinates: coords } });
  const parcels = { type: 'FeatureCollection', crs, features: [
    parcel('P1', '0601', [ring([[0, 0], [800, 400], [800, 0], [0, 400]])]),
    parcel('P2', '0601', [ring([[1000, 0], [1400, 0], [1400, 400], [1000, 400]], false)]),
    parcel('P3', '0601', [ring([[800, 600], [1200, 600], [1200, 1000], [800, 1000]])]),
    parcel('P4', '0301', [ring([[1200, 600], [1200, 1000], [2000, 1000], [2000, 800], [2100, 800], [2000, 800], [2000, 600]])]),
  ] } as FeatureCollection;
  const units = { type: 'FeatureCollection', crs, features: [
    { type: 'Feature', properties: { code: 'U1', name: 'West' }, geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [1000, 0], [1000, 1000], [0, 1000]])] } },
    { type: 'Feature', properties: { code: 'U2', name: 'East' }, geometry: { type: 'Polygon', coordinates: [ring([[1000, 0], [2000, 0], [2000, 1000], [1000, 1000]])] } },
  ] } as FeatureCollection;
  const config = {
    name: 'Hygiene city',
    layers: { parcels: { path: 'parcels.geojson', idField: 'bsm', codeField: 'dlbm' }, units: { path: 'units.geojson', idField: 'code', nameField: 'name' } },
    landUse: { preset: 'gbt21010' },
    inventory: { mode: 'totals', unit: 't', totals: [
      { sector: 'waste', spaceTypes: ['industrial'], value: 480 },
      { sector: 'sinks', spaceTypes: ['forest'], value: -32 },
    ] },
    economy: { source: 'table', joinBy: 'name', rows: [{ name: 'West', value: 1 }, { name: 'East', value: 1 }] },
    workingCrs: 'EPSG:4549',
    gridCellSizeM: 500,
  } as unknown as CityConfig;
  const result = await run(config, { parcels, units });
  const r = result.report;

  test('tonnes per parcel and unit, nothing lost', () => {
    const byId = new Map(result.parcels.features.map((f) => [String(f.properties!.id), f.properties as Record<string, number>]));
    close(byId.get('P1')!.areaM2, 160000, 'P1 area (bow-tie lobes)');
    close(byId.get('P2')!.areaM2, 160000, 'P2 area (unclosed ring)');
    close(byId.get('P4')!.areaM2, 320000, 'P4 area (spike, clockwise)');
    for (const id of ['P1', 'P2', 'P3']) close(byId.get(id)!.grossT, 160, `${id} gross`);
    close(byId.get('P4')!.sinkT, 32, 'P4 sink');
    close(r.totals.grossT, 480, 'gross');
    close(r.totals.unallocatedT, 0, 'unallocated');
    close(r.layers.parcels.areaM2!, 800000, 'parcel area');
    close(r.layers.parcels.clippedAreaM2!, 0, 'clipped');
    const u1 = r.units.find((u) => u.id === 'U1')!, u2 = r.units.find((u) => u.id === 'U2')!;
    close(u1.emissionT, 240, 'U1 gross');
    close(u2.emissionT, 240, 'U2 gross');
    close(u2.sinkT, 32, 'U2 sink');
  });

  test('the bow-tie is split between grid cells by its lobes', () => {
    // Cells of 500 m: column 1000 is x 500000..500500, column 1001 x 500500..501000; row 6640 y 0..500.
    const cell = (id: string) => result.grid.features.find((f) => f.properties!.id === id)?.properties as Record<string, number>;
    close(cell('1000_6640').grossT, 85, 'cell 1000_6640');
    // Column 1001 row 6640: the bow-tie's 75 t and nothing else (P3 starts at y 600).
    close(cell('1001_6640').grossT, 75, 'cell 1001_6640');
  });

  test('the faults are reported by layer and feature', () => {
    const find = (code: string, id: string) => r.issues.find((i) => i.code === code && i.featureId === id && i.layer === 'parcels');
    const bow = find('geometry-self-intersection', 'P1');
    assert.ok(bow, 'bow-tie reported');
    assert.equal(bow!.severity, 'warning');
    assert.equal((bow!.actual as { lobes: number }).lobes, 2);
    assert.equal(find('geometry-unclosed-ring', 'P2')?.severity, 'info');
    assert.ok(find('geometry-spike', 'P4'));
    assert.ok(find('geometry-ring-winding', 'P4'));
  });
});
