/**
 * The CLI's layer loading through the readers: Shapefile zips, loose .shp with siblings, CSV
 * points, the CRS from a .prj reaching the engine, and reader issues returned by role.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadLayers, loadLayersWithIssues } from '../../src/cli/load-layers.js';
import { runSync } from '../../src/engine/index.js';
import type { CityConfig } from '../../src/engine/index.js';

const FIX = join(import.meta.dirname, '../fixtures/io');

const config = (over: Partial<CityConfig['layers']> = {}): CityConfig => ({
  name: 'Reader fixture city',
  layers: {
    parcels: { path: 'zip/parcels-gbk-names.zip', codeField: '用地代码', nameField: '名称' },
    units: { generate: 'grid', cellSizeM: 1000 },
    pois: [{ path: 'csv/pois-utf8-bom.csv', category: 'commercial' }],
    roads: [{ path: 'shp/utm/roads.shp' }],
    ...over,
  },
  landUse: { preset: 'gbt21010' },
  inventory: { mode: 'totals', unit: 't', totals: [{ sector: 'buildings', spaceTypes: ['urban-residential'], value: 100 }] },
  economy: { source: 'proxy', proxy: 'space-type-area', spaceTypes: ['urban-residential'] },
});

describe('loadLayersWithIssues', () => {
  test('reads a GBK Shapefile zip, a BOM CSV and a loose .shp with its siblings', async () => {
    const { layers, issues } = await loadLayersWithIssues(config(), FIX);
    assert.equal(layers.parcels.features.length, 4);
    assert.equal(layers.parcels.features[0].properties?.名称, '新吴地块一');
    // The .prj's CRS travels in the legacy crs member, where the engine reads it.
    assert.deepEqual(layers.parcels.crs, { type: 'name', properties: { name: 'EPSG:4549' } });
    assert.equal(layers.pois?.[0].features.length, 4);
    assert.equal(layers.roads?.[0].features.length, 2);
    assert.deepEqual(layers.roads?.[0].crs, { type: 'name', properties: { name: 'EPSG:32650' } });
    // Issues carry the layer role.
    assert.ok(issues.some((i) => i.code === 'io-encoding-cpg' && i.layer === 'parcels'));
    assert.ok(issues.some((i) => i.code === 'io-csv-number-unparsed' && i.layer === 'pois[0]'));
    assert.ok(issues.some((i) => i.code === 'io-prj-crs' && i.layer === 'roads[0]' && i.actual === 'EPSG:32650'));
  });

  test('the engine runs on them in the .prj CRS: parcel area 9600 + 2900 + 31600 m²', async () => {
    const cfg = config({ pois: undefined, roads: undefined });
    const layers = await loadLayers(cfg, FIX, { onIssues: () => {} });
    const result = runSync(cfg, layers);
    const stats = result.report.layers.parcels;
    assert.equal(stats.crs, 'EPSG:4549');
    assert.ok(Math.abs((stats.areaM2 ?? 0) - 44100) < 1e-6, String(stats.areaM2));
  });

  test('a reader error throws from loadLayers and is returned by loadLayersWithIssues', async () => {
    const ok = await loadLayersWithIssues(config({ pois: [{ path: 'csv/stops.tsv', category: 'transport' }] }), FIX);
    assert.ok(!ok.issues.some((i) => i.severity === 'error'));
    // Columns given the wrong way round: y = 120.25 cannot be a latitude and no CRS is declared.
    const swapped = await loadLayersWithIssues(config({ pois: [{ path: 'csv/stops.tsv', category: 'transport', xField: 'lat', yField: 'lon' }] }), FIX);
    assert.ok(swapped.issues.some((i) => i.code === 'io-crs-missing' && i.layer === 'pois[0]'));
    // A file that is not what the config says.
    const broken = config({ parcels: { path: 'csv/gdp-gbk.csv', codeField: 'x', format: 'geojson' } });
    const r = await loadLayersWithIssues(broken, FIX);
    assert.ok(r.issues.some((i) => i.code === 'io-json-invalid' && i.layer === 'parcels'));
    await assert.rejects(loadLayers(broken, FIX, { onIssues: () => {} }), /io-json-invalid/);
  });
});
