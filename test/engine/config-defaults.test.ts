/** resolveConfig and roadClassWeight. Expected values are the documented defaults (docs/config.md). */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_ROAD_CLASS_WEIGHTS, resolveConfig, roadClassWeight, validateConfig } from '../../src/engine/config/index.js';
import type { CityConfig } from '../../src/engine/config/index.js';
import { EngineError } from '../../src/engine/types.js';

const minimal = (): CityConfig => ({
  name: 'Test city',
  layers: { parcels: { path: 'p.geojson', codeField: 'DLBM' }, units: { path: 'u.geojson' } },
  landUse: { preset: 'gbt21010' },
  inventory: { mode: 'totals', totals: [{ sector: 'industry', value: 1 }] },
});

describe('resolveConfig', () => {
  test('fills every top-level default of a minimal config', () => {
    const r = resolveConfig(minimal());
    assert.equal(r.workingCrs, 'auto');
    assert.equal(r.gridCellSizeM, 1000);
    assert.deepEqual(
      { ...r.allocation, roadClassWeights: undefined },
      { roadClassWeights: undefined, beta: 0.5, poiSnapDistanceM: 0, networkSnapDistanceM: 50, transportPool: 'auto' },
    );
    assert.deepEqual(r.allocation.roadClassWeights, { ...DEFAULT_ROAD_CLASS_WEIGHTS });
    assert.deepEqual(r.zoning, { threshold: 1, tieRule: 'above' });
    assert.deepEqual(r.classification, { method: 'jenks', classes: 5 });
    assert.deepEqual(r.inventory, { mode: 'totals', unit: 't', totals: [{ sector: 'industry', value: 1 }] });
    assert.deepEqual(r.landUse, { preset: 'gbt21010', overrides: {} });
    assert.deepEqual(r.sinkRates, {});
    assert.deepEqual(r.layers.pois, []);
    assert.deepEqual(r.layers.roads, []);
    assert.deepEqual(r.layers.parcels, { path: 'p.geojson', codeField: 'DLBM', format: 'auto', coordinateOffset: 'none' });
    assert.deepEqual(r.layers.units, { path: 'u.geojson', format: 'auto', coordinateOffset: 'none' });
    assert.equal(r.economy, undefined);
    assert.equal(r.layers.population, undefined);
  });

  test('layer, population, economy-proxy and activity defaults', () => {
    const c: CityConfig = {
      ...minimal(),
      layers: {
        parcels: { path: 'p', codeField: 'c' },
        units: { generate: 'grid', cellSizeM: 2000 },
        pois: [{ path: 'poi', category: 'transport', coordinateOffset: 'gcj02' }],
        roads: [{ path: 'r' }, { path: 'rail', mode: 'rail', classField: 'railway' }],
        population: { path: 'pop', weightField: 'n' },
      },
      inventory: { mode: 'activity', activity: { industry: { x: 1 } } },
      economy: { source: 'proxy', proxy: 'poi-count' },
    };
    const r = resolveConfig(c);
    assert.deepEqual(r.layers.units, { generate: 'grid', cellSizeM: 2000 });
    assert.deepEqual(r.layers.pois[0], { path: 'poi', category: 'transport', format: 'auto', coordinateOffset: 'gcj02' });
    assert.deepEqual(r.layers.roads.map((x) => [x.classField, x.mode]), [['highway', 'road'], ['railway', 'rail']]);
    // weightField set, weightBy absent → 'field'.
    assert.equal(r.layers.population?.weightBy, 'field');
    assert.deepEqual(r.inventory, { mode: 'activity', activity: { industry: { x: 1 } }, gwp: 'AR5', factorOverrides: {} });
    assert.deepEqual(r.economy, { source: 'proxy', proxy: 'poi-count', categories: ['industry', 'commercial'], spaceTypes: ['industrial', 'commercial'] });
  });

  test('population without weightField counts features', () => {
    const c = minimal();
    c.layers.population = { path: 'pts' };
    assert.equal(resolveConfig(c).layers.population?.weightBy, 'count');
  });

  test('manual classification: classes = breaks + 1 unless given', () => {
    const c = { ...minimal(), classification: { method: 'manual' as const, breaks: [10, 100, 1000] } };
    assert.deepEqual(resolveConfig(c).classification, { method: 'manual', classes: 4, breaks: [10, 100, 1000] });
  });

  test('given values win; road weights merge over the default table', () => {
    const c: CityConfig = {
      ...minimal(),
      workingCrs: 'EPSG:4549',
      gridCellSizeM: 500,
      allocation: { beta: 0, roadClassWeights: { motorway: 4, 快速路: 2.5 } },
      zoning: { tieRule: 'below' },
    };
    const r = resolveConfig(c);
    assert.equal(r.workingCrs, 'EPSG:4549');
    assert.equal(r.gridCellSizeM, 500);
    assert.equal(r.allocation.beta, 0);
    assert.equal(r.allocation.networkSnapDistanceM, 50);
    assert.equal(r.allocation.roadClassWeights.motorway, 4);
    assert.equal(r.allocation.roadClassWeights['快速路'], 2.5);
    assert.equal(r.allocation.roadClassWeights.primary, 2);
    assert.deepEqual(r.zoning, { threshold: 1, tieRule: 'below' });
  });

  test('never mutates the input, shares no objects with it, drops unknown keys', () => {
    const c = { ...minimal(), allocation: { roadClassWeights: { motorway: 4 } }, typo: 1 } as CityConfig;
    const before = JSON.stringify(c);
    const r = resolveConfig(c);
    assert.equal(JSON.stringify(c), before);
    assert.notEqual(r.layers, c.layers);
    assert.notEqual(r.inventory, c.inventory);
    assert.equal('typo' in r, false);
    r.allocation.roadClassWeights.primary = 99;
    assert.equal(DEFAULT_ROAD_CLASS_WEIGHTS.primary, 2);
    assert.equal(resolveConfig(minimal()).allocation.roadClassWeights.primary, 2);
  });

  test('the full Suzhou fixture resolves and stays valid', () => {
    const c = JSON.parse(readFileSync(new URL('../fixtures/config/valid-suzhou-totals.input.json', import.meta.url), 'utf8')) as CityConfig;
    const r = resolveConfig(c);
    assert.equal(r.inventory.mode === 'totals' && r.inventory.unit, '10^4 t');
    assert.equal(r.allocation.roadClassWeights['主干路'], 2.2);
    assert.deepEqual(validateConfig(r), []);
  });

  test('a non-object is a caller bug', () => {
    assert.throws(() => resolveConfig(null as unknown as CityConfig), (e: unknown) => e instanceof EngineError && e.code === 'config-not-object');
  });
});

describe('roadClassWeight', () => {
  const cases: [unknown, number, string | null][] = [
    ['motorway', 3, 'motorway'],
    ['trunk', 2.5, 'trunk'],
    ['primary', 2, 'primary'],
    ['secondary', 1.5, 'secondary'],
    ['tertiary', 1.2, 'tertiary'],
    ['unclassified', 1, 'unclassified'],
    ['residential', 1, 'residential'],
    ['living_street', 0.5, 'living_street'],
    ['service', 0.5, 'service'],
    ['footway', 0, 'footway'],
    ['cycleway', 0, 'cycleway'],
    ['steps', 0, 'steps'],
    ['motorway_link', 3, 'motorway'],
    ['primary_link', 2, 'primary'],
    ['tertiary_link', 1.2, 'tertiary'],
    [' Primary ', 2, 'primary'],
    ['secondary;tertiary', 1.5, 'secondary'],
    ['高速公路', 3, '高速公路'],
    ['国道', 2.5, '国道'],
    ['省道', 2, '省道'],
    ['县道', 1.2, '县道'],
    ['乡道', 1, '乡道'],
    ['城市快速路', 2.5, '城市快速路'],
    ['主干路', 2, '主干路'],
    ['次干路', 1.5, '次干路'],
    ['支路', 1, '支路'],
    ['raceway', 1, null],
    ['foo_link', 1, null],
    ['', 1, null],
    [null, 1, null],
    [undefined, 1, null],
    [{}, 1, null],
    ['constructor', 1, null],
    ['toString', 1, null],
  ];
  for (const [cls, weight, matched] of cases) {
    test(`${JSON.stringify(cls) ?? 'undefined'} → ${weight}`, () => {
      assert.deepEqual(roadClassWeight(cls), { weight, matchedClass: matched });
    });
  }

  test('a listed link class beats its parent; custom tables are used', () => {
    assert.deepEqual(roadClassWeight('primary_link', { primary: 2, primary_link: 0.8 }), { weight: 0.8, matchedClass: 'primary_link' });
    assert.deepEqual(roadClassWeight('A-road', { 'A-road': 2 }), { weight: 2, matchedClass: 'A-road' });
    // A broken entry (NaN) counts as unknown rather than leaking NaN into weights.
    assert.deepEqual(roadClassWeight('x', { x: NaN }), { weight: 1, matchedClass: null });
  });
});
