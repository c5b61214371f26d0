import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../src/engine/run.js';
import type { CityConfig, TotalsInventoryInput } from '../../src/engine/config/types.js';
import type { Feature, FeatureCollection } from '../../src/engine/types.js';

// Hand-worked degenerate cases, in EPSG:4549 metres relative to (500 000, 3 320 000).
const X0 = 500_000, Y0 = 3_320_000;
const crs = { type: 'name', properties: { name: 'EPSG:4549' } };
const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const, coordinates: [[[X0 + x0, Y0 + y0], [X0 + x1, Y0 + y0], [X0 + x1, Y0 + y1], [X0 + x0, Y0 + y1], [X0 + x0, Y0 + y0]]],
});
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', crs, features });
const f = (properties: Record<string, unknown>, geometry: Feature['geometry']): Feature => ({ type: 'Feature', properties, geometry });

const units = fc([
  f({ id: 'U1', name: 'One' }, rect(0, 0, 1000, 1000)),
  f({ id: 'U2', name: 'Two' }, rect(1000, 0, 2000, 1000)),
  f({ id: 'U3', name: 'Three (no parcels)' }, rect(0, 1000, 1000, 2000)),
]);
const parcels = fc([
  f({ id: 'A', code: '0601' }, rect(0, 0, 500, 500)),
  f({ id: 'B', code: '0601' }, rect(500, 0, 1000, 500)),
  f({ id: 'C', code: '0601' }, rect(0, 500, 500, 1000)),
  f({ id: 'D', code: '0601' }, rect(500, 500, 1000, 1000)),
  f({ id: 'E', code: '0301' }, rect(1000, 0, 2000, 500)),
  f({ id: 'F', code: '0501' }, rect(1000, 500, 2000, 1000)),
]);
// One factory exactly on the corner shared by A, B, C and D: it belongs to A (first in input order).
const pois = fc([f({ typecode: '170300' }, { type: 'Point', coordinates: [X0 + 500, Y0 + 500] })]);
const roads = fc([
  // R1 lies exactly on the U1|U2 border: 800 m of primary (weight 2), split half and half.
  f({ highway: 'primary' }, { type: 'LineString', coordinates: [[X0 + 1000, Y0 + 100], [X0 + 1000, Y0 + 900]] }),
  // R2 crosses A and B inside U1: 800 m of residential (weight 1).
  f({ highway: 'residential' }, { type: 'LineString', coordinates: [[X0 + 100, Y0 + 250], [X0 + 900, Y0 + 250]] }),
]);

const config: CityConfig = {
  name: 'Edge cases',
  layers: {
    parcels: { path: 'parcels.geojson', idField: 'id', codeField: 'code' },
    units: { path: 'units.geojson', idField: 'id', nameField: 'name' },
    pois: [{ path: 'pois.geojson', categoryField: 'typecode', preset: 'amap' }],
    roads: [{ path: 'roads.geojson', classField: 'highway' }],
  },
  landUse: { preset: 'gbt21010' },
  inventory: {
    mode: 'totals',
    totals: [
      { sector: 'industry', spaceTypes: ['industrial'], value: 400 },
      { sector: 'buildings', spaceTypes: ['commercial', 'public-service'], value: 30 },
      { sector: 'transport', spaceTypes: ['transport-road'], value: 100 },
      { sector: 'waste', spaceTypes: ['utilities'], value: 50 },
      { sector: 'sinks', spaceTypes: ['forest'], value: -10 },
    ],
  },
  economy: { source: 'table', joinBy: 'id', rows: [{ id: 'U1', value: 100 }, { id: 'U2', value: 100 }, { id: 'U3', value: 100 }] },
  allocation: { beta: 0.5 },
};

describe('run: degenerate cases worked out by hand', async () => {
  const result = await run(config, { parcels, units, pois: [pois], roads: [roads] });
  const r = result.report;
  const parcel = (id: string) => result.parcels.features.find((x) => x.properties!.id === id)!.properties!;
  const unit = (id: string) => r.units.find((u) => u.id === id)!;
  const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

  test('a POI on the corner of four parcels is counted once, for the first', () => {
    near(parcel('A').industryT as number, 400, 'A');
    for (const id of ['B', 'C', 'D']) near(parcel(id).industryT as number, 0, id);
  });

  test('a pool with zero weight falls back to area and says so', () => {
    near(parcel('F').buildingsT as number, 30, 'F');
    const row = r.conservation.find((c) => c.subsector === 'buildings-commercial')!;
    assert.equal(row.fallback, 'zero-weight');
    assert.equal(row.weight, 'area');
    assert.ok(r.issues.some((i) => i.code === 'pool-zero-weight'));
  });

  test('a sub-sector with no parcels is reported as unallocated, never dropped', () => {
    const row = r.conservation.find((c) => c.subsector === 'waste-domestic')!;
    assert.equal(row.fallback, 'no-parcels');
    near(row.unallocatedT, 50, 'unallocated');
    near(r.totals.unallocatedT, 50, 'totals.unallocated');
  });

  test('transport without transport land goes on the network; a road on a unit border is split in half', () => {
    // Standard lengths: R1 800·2 = 1600, R2 800·1 = 800; no transport POIs, so no correction.
    // R1 gets 100·1600/2400 = 66.667 (33.333 to each unit), R2 33.333 to U1.
    const row = r.conservation.find((c) => c.subsector === 'transport-road')!;
    assert.equal(row.target, 'network');
    near(unit('U1').transportT, 100 / 3 + 100 / 3, 'U1 transport');
    near(unit('U2').transportT, 100 / 3, 'U2 transport');
  });

  test('a unit with zero emissions gets null indices, no zone and a reason', () => {
    const u3 = unit('U3');
    assert.equal(u3.emissionT, 0);
    assert.equal(u3.ccr, null);
    assert.equal(u3.ecc, null);
    assert.equal(u3.esc, null);
    assert.equal(u3.zone, null);
    assert.equal(u3.reason, 'zero-emissions');
    assert.equal(r.zones.unzoned, 1);
  });

  test('units and grid carry every allocated tonne', () => {
    // U1 = 400 + 66.667, U2 = 30 + 33.333 gross and 10 sink.
    near(unit('U1').emissionT, 400 + 200 / 3, 'U1');
    near(unit('U2').emissionT, 30 + 100 / 3, 'U2');
    near(unit('U2').sinkT, 10, 'U2 sink');
    const gridNet = result.grid.features.reduce((a, x) => a + (x.properties!.netT as number), 0);
    near(gridNet, 400 + 30 + 100 - 10, 'grid net');
    // Every cell that overlaps a unit is listed, zeros included: 3 units of 1 km² on a 1 km grid.
    assert.equal(result.grid.features.length, 3);
  });

  test('an invalid config is refused with the whole issue list', async () => {
    const bad = { ...config, gridCellSizeM: -5, landUse: { preset: 'nope' } } as unknown as CityConfig;
    await assert.rejects(run(bad, { parcels, units }), (e: Error & { code?: string; issues?: { path?: string }[] }) => {
      assert.equal(e.code, 'invalid-config');
      const paths = (e.issues ?? []).map((i) => i.path);
      assert.ok(paths.includes('$.gridCellSizeM') && paths.includes('$.landUse.preset'), JSON.stringify(paths));
      return true;
    });
  });
});

describe('run: refusing what would silently go wrong', () => {
  const layers = () => ({ parcels, units, pois: [pois], roads: [roads] });

  test('a configured field no feature has is an error naming the fields present', async () => {
    const bad: CityConfig = { ...config, layers: { ...config.layers, parcels: { ...config.layers.parcels, codeField: 'CODE' } } };
    await assert.rejects(run(bad, layers()), (e: Error & { issues?: { code: string; field?: string; message: string }[] }) => {
      const i = e.issues?.find((x) => x.code === 'layer-field-missing');
      assert.ok(i && i.field === 'CODE' && /fields present: id, code/.test(i.message), JSON.stringify(e.issues));
      return true;
    });
  });

  test('an empty parcels layer is an error', async () => {
    await assert.rejects(run(config, { ...layers(), parcels: fc([]) }), (e: Error & { code?: string }) => e.code === 'empty-layer' && /parcels/.test(e.message));
  });

  test('a grid that would need millions of cells is refused up front', async () => {
    // 3 km² of units at 0.5 m cells would be 12 million cells.
    await assert.rejects(run({ ...config, gridCellSizeM: 0.5 }, layers()), (e: Error & { code?: string }) => e.code === 'grid-too-fine');
  });

  test('unallocated sources and sinks are reported separately', async () => {
    // Waste on utilities (50 t) has no parcels; add a sink on mining land (none) of −50 t: the
    // signed sum is 0, but both must show.
    const both: CityConfig = { ...config, inventory: { mode: 'totals', totals: [...(config.inventory as TotalsInventoryInput).totals, { sector: 'sinks', spaceTypes: ['unused'], value: -50 }] } };
    const r = (await run(both, layers())).report;
    assert.equal(r.totals.unallocatedT, 0);
    assert.equal(r.totals.unallocatedSourceT, 50);
    assert.equal(r.totals.unallocatedSinkT, 50);
    assert.ok(r.issues.some((i) => i.code === 'unallocated-large'));
  });

  test('two units with one join key: the first takes the GDP row, the second is reported', async () => {
    const twin = fc([
      f({ id: 'U1', name: 'Same' }, rect(0, 0, 1000, 1000)),
      f({ id: 'U2', name: 'Same' }, rect(1000, 0, 2000, 1000)),
    ]);
    const cfg: CityConfig = { ...config, economy: { source: 'table', joinBy: 'name', rows: [{ name: 'Same', value: 100 }] } };
    const r = (await run(cfg, { ...layers(), units: twin })).report;
    assert.deepEqual(r.units.map((u) => u.gdp), [100, null]);
    assert.ok(r.issues.some((i) => i.code === 'economy-unit-key-duplicate' && i.featureId === 'U2'));
  });

  test('overlapping units are reported with their area', async () => {
    const overlapping = fc([...units.features, f({ id: 'U4', name: 'Overlap' }, rect(500, 0, 1500, 1000))]);
    const r = (await run(config, { ...layers(), units: overlapping })).report;
    const i = r.issues.find((x) => x.code === 'units-overlap');
    // U4 overlaps U1 and U2 by 500 m × 1000 m each: 1 km² in all.
    assert.ok(i && /2 pairs/.test(i.message) && /1 km²/.test(i.message), i?.message);
  });

  test('a few points with coordinates outside lon/lat range are left out and named', async () => {
    const lonlat = fc([f({ typecode: '170300', id: 'ok' }, { type: 'Point', coordinates: [120.0, 30.0] }), f({ typecode: '170300', id: 'swapped' }, { type: 'Point', coordinates: [30.0, 120.0] }), f({ typecode: '170300', id: 'ok2' }, { type: 'Point', coordinates: [120.001, 30.001] })]);
    delete (lonlat as { crs?: unknown }).crs;
    const cfg: CityConfig = { ...config, layers: { ...config.layers, pois: [{ path: 'p', categoryField: 'typecode', preset: 'amap', idField: 'id' }] } };
    const r = (await run(cfg, { ...layers(), pois: [lonlat] })).report;
    const i = r.issues.find((x) => x.code === 'features-outside-lonlat');
    assert.ok(i && i.featureId === 'swapped', JSON.stringify(i));
    assert.equal(r.pois['pois[0]'].total, 2);
  });

  test('a township boundary with one null vertex keeps its tonnes; the warning says where', async () => {
    // U1's outline with quarter points on its edges (17 positions); (500, 1000) is null. It lies
    // on the edge, so dropping it leaves U1 exactly as it was.
    const ring = [[0, 0], [250, 0], [500, 0], [750, 0], [1000, 0], [1000, 250], [1000, 500], [1000, 750], [1000, 1000],
      [750, 1000], null, [250, 1000], [0, 1000], [0, 750], [0, 500], [0, 250], [0, 0]]
      .map((c) => (c ? [X0 + c[0], Y0 + c[1]] : c));
    const damaged = fc([
      f({ id: 'U1', name: 'One' }, { type: 'Polygon', coordinates: [ring] } as unknown as Feature['geometry']),
      ...units.features.slice(1),
    ]);
    const base = (await run(config, layers())).report;
    const result = await run(config, { ...layers(), units: damaged });
    const r = result.report;
    assert.equal(r.units.length, 3);
    // The written outline leaves the null out: 16 positions, all numbers.
    const written = result.units.features.find((u) => u.properties!.id === 'U1')!.geometry as { coordinates: number[][][] };
    assert.equal(written.coordinates[0].length, 16);
    assert.ok(written.coordinates[0].every((c) => Number.isFinite(c[0]) && Number.isFinite(c[1])));
    assert.equal(r.totals.unallocatedT, base.totals.unallocatedT);
    assert.deepEqual(r.units.map((u) => u.emissionT), base.units.map((u) => u.emissionT));
    const i = r.issues.find((x) => x.code === 'geometry-invalid-position-dropped')!;
    assert.equal(i.featureId, 'U1');
    assert.match(i.message, /^units: feature "U1": ring 1, position 11 holds null,/);
  });

  test('population values that are not numbers weigh 0, and the warning names the first', async () => {
    const pop = fc([
      f({ pid: 'p1', n: 120 }, { type: 'Point', coordinates: [X0 + 250, Y0 + 250] }),
      f({ pid: 'p2', n: 'abc' }, { type: 'Point', coordinates: [X0 + 750, Y0 + 250] }),
      f({ pid: 'p3', n: null }, { type: 'Point', coordinates: [X0 + 750, Y0 + 750] }),
    ]);
    const cfg: CityConfig = { ...config, layers: { ...config.layers, population: { path: 'pop', weightField: 'n', idField: 'pid' } } };
    const r = (await run(cfg, { ...layers(), population: pop })).report;
    const i = r.issues.find((x) => x.code === 'population-weight-missing')!;
    assert.equal(i.actual, 2);
    assert.equal(i.featureId, 'p2');
    assert.equal(i.message, 'population: 2 features have no usable number (≥ 0) in "n"; they weigh 0 (the first, feature "p2", holds "abc")');
  });
});
