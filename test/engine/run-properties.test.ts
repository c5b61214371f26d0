import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoCity } from '../../src/engine/demo-city/index.js';
import { runSync } from '../../src/engine/run.js';
import type { CityConfig } from '../../src/engine/config/types.js';
import type { RunResult } from '../../src/engine/run-types.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every tonne accounted for, three ways: pools, units and grid cells. */
function checkConservation(result: RunResult, label: string): void {
  const r = result.report;
  for (const c of r.conservation) {
    assert.ok(rel(c.allocatedT + c.unallocatedT, c.totalT) < 1e-9, `${label} ${c.pool}: ${c.allocatedT} + ${c.unallocatedT} ≠ ${c.totalT}`);
  }
  const allocatedNet = sum(r.conservation.map((c) => c.allocatedT));
  const unitNet = sum(r.units.map((u) => u.netT));
  const gridNet = sum(result.grid.features.map((f) => f.properties!.netT as number));
  const parcelNet = sum(result.parcels.features.map((f) => f.properties!.netT as number));
  const scale = r.totals.grossT;
  assert.ok(Math.abs(unitNet - allocatedNet) / scale < 1e-9, `${label} units ${unitNet} vs allocated ${allocatedNet}`);
  assert.ok(Math.abs(gridNet - allocatedNet) / scale < 1e-9, `${label} grid ${gridNet} vs allocated ${allocatedNet}`);
  // Parcels hold everything but what went on the network.
  const network = sum(r.conservation.filter((c) => c.target === 'network').map((c) => c.allocatedT));
  assert.ok(Math.abs(parcelNet + network - allocatedNet) / scale < 1e-9, `${label} parcels ${parcelNet} + network ${network} vs ${allocatedNet}`);
  assert.ok(Math.abs(r.totals.netT - r.totals.unallocatedT - allocatedNet) / scale < 1e-9, `${label} totals`);
}

describe('property: conservation on random generated cities', () => {
  for (const seed of [1, 7, 42, 2024, 99991]) {
    test(`seed ${seed}: every pool, unit and cell adds up to 1e-9 relative`, () => {
      const parcels = 600 + (seed % 5) * 300;
      const city = generateDemoCity({ seed, parcels, units: 12 + (seed % 7), pois: parcels * 3, populationPoints: parcels, missingGdp: seed % 3 });
      // Vary the settings a planner can touch: grid size, β, snapping, network vs parcels.
      const config: CityConfig = {
        ...city.config,
        gridCellSizeM: [250, 500, 1000, 700][seed % 4],
        allocation: { beta: (seed % 4) * 0.5, poiSnapDistanceM: seed % 2 ? 30 : 0, transportPool: seed % 3 === 0 ? 'network' : 'auto' },
      };
      const result = runSync(config, city.layers);
      checkConservation(result, `seed ${seed}`);
      assert.equal(result.report.units.length, result.units.features.length);
    });
  }
});

describe('the paper\'s Table 3 through the whole run (demo city, totals in 10⁴ t)', () => {
  const city = generateDemoCity({ seed: 3, parcels: 3000, units: 40, pois: 9000, populationPoints: 3000 });
  const result = runSync(city.config, city.layers);
  const r = result.report;
  const t4 = (t: number) => Math.round(t / 100) / 100; // tonnes → 10⁴ t, 2 decimals

  test('gross 24,027.97, net 23,776.11, sinks 251.86 (×10⁴ t), CCR 1.048 %', () => {
    assert.equal(t4(r.totals.grossT), 24027.97);
    assert.equal(t4(r.totals.netT), 23776.11);
    assert.equal(t4(r.totals.sinkT), 251.86);
    assert.equal(Math.round(r.totals.ccr! * 1e5) / 1e3, 1.048);
  });

  test('sector shares of net: industry 81.32 %, buildings 12.12 % (the paper prints 12.13), transport 5.98 %', () => {
    const share = (id: string) => Math.round(r.sectors.find((s) => s.id === id)!.shareOfNet! * 100) / 100;
    assert.equal(share('industry'), 81.32);
    // 2,882.76 / 23,776.11 = 12.1246 %: the paper's 12.13 adds up its rounded land-type shares.
    assert.equal(share('buildings'), 12.12);
    assert.equal(share('transport'), 5.98);
  });

  test('all of it reaches parcels, units and cells', () => {
    assert.equal(r.totals.unallocatedT, 0);
    checkConservation(result, 'table 3');
  });
});

describe('a remap reuses the spatial work of the previous run on the same layers', () => {
  const city = generateDemoCity({ seed: 11, parcels: 1500, units: 20, pois: 4000, populationPoints: 1500 });
  const first = runSync(city.config, city.layers);
  // Remap paddy fields (0101) to forest: a land-use change only.
  const remapped: CityConfig = { ...city.config, landUse: { ...city.config.landUse, overrides: { '0101': 'forest' } } };
  const reused = runSync(remapped, city.layers);
  const fresh = runSync(remapped, city.layers, { reuse: false });

  test('the second run reused the prepared layers and gives exactly the fresh result', () => {
    assert.equal(first.report.timings.reused, undefined);
    assert.equal(reused.report.timings.reused, 1);
    assert.equal(fresh.report.timings.reused, undefined);
    assert.deepEqual(reused.report.units, fresh.report.units);
    assert.deepEqual(reused.report.conservation, fresh.report.conservation);
    assert.deepEqual(reused.grid.features.map((f) => f.properties), fresh.grid.features.map((f) => f.properties));
  });

  test('the remap moved tonnes: more sink, and zones changed', () => {
    assert.ok(fresh.report.landUse.bySpaceType.forest.areaM2 > first.report.landUse.bySpaceType.forest.areaM2);
    assert.notDeepEqual(fresh.report.units.map((u) => u.zone), first.report.units.map((u) => u.zone));
  });

  test('a change to a layer binding is not served from the cache', () => {
    const rebound: CityConfig = { ...city.config, layers: { ...city.config.layers, pois: [] } };
    const r = runSync(rebound, city.layers);
    assert.equal(r.report.timings.reused, undefined);
    assert.deepEqual(Object.keys(r.report.pois), []);
  });
});

describe("parcelOutput: 'columns' gives the same values as the features", () => {
  const city = generateDemoCity({ seed: 5, parcels: 800, units: 12, pois: 2000, populationPoints: 800 });
  const features = runSync(city.config, city.layers, { reuse: false });
  const columns = runSync(city.config, city.layers, { reuse: false, parcelOutput: 'columns' });

  test('every number and value of every parcel matches', () => {
    const pc = columns.parcelColumns!;
    assert.equal(columns.parcels.features.length, 0);
    assert.equal(pc.length, features.parcels.features.length);
    features.parcels.features.forEach((f, i) => {
      const p = f.properties!;
      for (const [k, col] of Object.entries(pc.numbers)) assert.equal(col[i], p[k], `${k} of parcel ${i}`);
      assert.equal(pc.values.id[i], p.id);
      assert.equal(pc.values.code[i], p.code);
      assert.equal(pc.values.spaceType[i], p.spaceType);
      assert.equal(pc.geometries[i], f.geometry);
    });
    assert.deepEqual(columns.report.units, features.report.units);
  });
});
