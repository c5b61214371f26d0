import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGeoPackage } from '../../src/engine/io/formats/index.js';
import { readShapefileZip } from '../../src/engine/io/readers/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'bin/carbon-balance.js');
const built = existsSync(join(root, 'dist/cli/main.js'));
const tiny = join(root, 'test/fixtures/run/tiny-city/config.json');

describe('carbon-balance CLI (the built bin, as a user runs it)', { skip: !built && 'dist/ not built: run npm run build first' }, () => {
  test('--help documents the commands and exits 0', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    for (const word of ['run <config.json>', '--out', 'parcels.geojson', 'grid.geojson', 'units.geojson', 'report.json', 'validate', 'demo']) assert.ok(out.includes(word), word);
  });

  test('run writes the four outputs; paths in the config resolve relative to it', () => {
    const out = mkdtempSync(join(tmpdir(), 'cbm-cli-'));
    try {
      const res = spawnSync(process.execPath, [bin, 'run', tiny, '--out', out], { encoding: 'utf8', cwd: tmpdir() });
      assert.equal(res.status, 0, res.stderr);
      assert.match(res.stderr, /overlay/); // progress on stderr
      for (const f of ['parcels.geojson', 'grid.geojson', 'units.geojson', 'report.json']) assert.ok(existsSync(join(out, f)), f);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      assert.equal(report.format, 'carbon-balance-report');
      assert.equal(report.totals.grossT, 2010); // worked out by hand in the fixture's README
      const units = JSON.parse(readFileSync(join(out, 'units.geojson'), 'utf8'));
      assert.equal(units.features.length, 2);
      const grid = JSON.parse(readFileSync(join(out, 'grid.geojson'), 'utf8'));
      assert.equal(grid.features.length, 8);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('--formats gpkg,shp,csv writes a styled GeoPackage, zipped Shapefiles and CSV that read back', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cbm-cli-'));
    try {
      const res = spawnSync(process.execPath, [bin, 'run', tiny, '--out', out, '--formats', 'geojson,gpkg,shp,csv', '--quiet'], { encoding: 'utf8' });
      assert.equal(res.status, 0, res.stderr);
      const gpkg = await readGeoPackage(new Uint8Array(readFileSync(join(out, 'carbon-balance.gpkg'))), { layerName: 'units' });
      assert.equal(gpkg.fc.features.length, 2);
      assert.equal(gpkg.crs, 'EPSG:4326');
      const east = gpkg.fc.features.find((f) => f.properties!.id === 'U2')!;
      assert.equal(east.properties!.zone, 'low-carbon-economic');
      const shp = readShapefileZip(new Uint8Array(readFileSync(join(out, 'grid.shp.zip'))));
      assert.equal(shp.fc.features.length, 8);
      const csv = readFileSync(join(out, 'units.csv'));
      assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
      assert.match(readFileSync(join(out, 'units.qml'), 'utf8'), /<qgis/);
      // An unknown format is refused before any work: nothing is read or written.
      const fresh = join(out, 'fresh');
      const bad = spawnSync(process.execPath, [bin, 'run', tiny, '--out', fresh, '--formats', 'kml'], { encoding: 'utf8' });
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /--formats: "kml" is not one of geojson, gpkg, shp, csv/);
      assert.doesNotMatch(bad.stderr, /reading layers/);
      assert.ok(!existsSync(fresh));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('an invalid config exits 1 and lists every issue with its JSON path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbm-cli-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ name: 'x', layers: { parcels: { codeField: 'c' } }, gridCellSizeM: 0 }));
      const res = spawnSync(process.execPath, [bin, 'run', bad, '--out', join(dir, 'o')], { encoding: 'utf8' });
      assert.equal(res.status, 1);
      assert.match(res.stderr, /\$\.layers\.parcels/);
      assert.match(res.stderr, /\$\.gridCellSizeM/);
      assert.match(res.stderr, /\$\.inventory/);
      assert.ok(!existsSync(join(dir, 'o')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing layer file is a clear error naming the layer and path, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbm-cli-'));
    try {
      const config = JSON.parse(readFileSync(tiny, 'utf8'));
      config.layers.parcels.path = 'nowhere.geojson';
      writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
      const res = spawnSync(process.execPath, [bin, 'run', join(dir, 'c.json')], { encoding: 'utf8', cwd: dir });
      assert.equal(res.status, 1);
      assert.match(res.stderr, /parcels: cannot read .*nowhere\.geojson/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('validate reads the layers: a missing file and a mistyped field are errors, a good config is valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbm-cli-'));
    try {
      const good = spawnSync(process.execPath, [bin, 'validate', tiny], { encoding: 'utf8' });
      assert.equal(good.status, 0, good.stdout + good.stderr);
      // The dry run: the fixture's README works out 2,010 t gross, 100 t of road transport unallocated.
      assert.match(good.stdout, /^dry run: 2 units \(2 zoned\), gross 2,010\.0 t CO2e, unallocated 100\.0 t CO2e of sources$/m);
      assert.match(good.stdout, /valid, 4 warning\(s\) \(config, layers and a dry run checked\)/);
      assert.match(good.stdout, /warning pool-no-parcels/);

      const config = JSON.parse(readFileSync(tiny, 'utf8'));
      for (const name of ['parcels', 'units', 'pois', 'population']) writeFileSync(join(dir, `${name}.geojson`), readFileSync(join(dirname(tiny), `${name}.geojson`)));
      config.layers.parcels.codeField = 'DLBM';
      config.layers.population.path = 'nowhere.geojson';
      writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
      const res = spawnSync(process.execPath, [bin, 'validate', join(dir, 'c.json')], { encoding: 'utf8' });
      assert.equal(res.status, 1, res.stdout + res.stderr);
      assert.match(res.stdout, /population: cannot read .*nowhere\.geojson/);

      config.layers.population.path = 'population.geojson';
      writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
      const typo = spawnSync(process.execPath, [bin, 'validate', join(dir, 'c.json')], { encoding: 'utf8' });
      assert.equal(typo.status, 1, typo.stdout + typo.stderr);
      assert.match(typo.stdout, /error {3}layer-field-missing \[\$\.layers\.parcels\.codeField, parcels, field DLBM\]: parcels: the codeField "DLBM" is not a field of this layer; fields present: .*dlbm/);

      // A township whose outline is a 5-position ring with a null: left out, and validate says so.
      config.layers.parcels.codeField = 'dlbm';
      const units = JSON.parse(readFileSync(join(dir, 'units.geojson'), 'utf8'));
      units.features[0].geometry.coordinates[0][2] = null;
      writeFileSync(join(dir, 'units.geojson'), JSON.stringify(units));
      writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
      const broken = spawnSync(process.execPath, [bin, 'validate', join(dir, 'c.json')], { encoding: 'utf8' });
      assert.equal(broken.status, 0, broken.stdout + broken.stderr);
      assert.match(broken.stdout, /^dry run: 1 units/m);
      assert.match(broken.stdout, /warning geometry-invalid-coordinates \[units, feature .*\]: units: feature .* has ring 1, position 3 holding null/);
      config.layers.parcels.codeField = 'DLBM';
      writeFileSync(join(dir, 'c.json'), JSON.stringify(config));

      // --config-only checks the JSON alone, as before.
      const only = spawnSync(process.execPath, [bin, 'validate', join(dir, 'c.json'), '--config-only'], { encoding: 'utf8' });
      assert.equal(only.status, 0, only.stdout + only.stderr);
      assert.match(only.stdout, /valid \(config checked\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('run prints each stage with its time, and tonnes in the unit their size calls for', () => {
    const out = mkdtempSync(join(tmpdir(), 'cbm-cli-'));
    try {
      const res = spawnSync(process.execPath, [bin, 'run', tiny, '--out', out], { encoding: 'utf8' });
      assert.equal(res.status, 0, res.stderr);
      for (const stage of ['read', 'project', 'overlay', 'weights', 'allocate', 'aggregate', 'balance', 'output']) {
        assert.match(res.stderr, new RegExp(`^  ${stage} +\\d+\\.\\d\\d s   \\(\\d+\\.\\d s in all\\)$`, 'm'), stage);
      }
      assert.doesNotMatch(res.stderr, / 0 %/);
      // The tiny city's gross is 2,010 t (README of the fixture): plain tonnes, not 0.20 ×10⁴ t.
      assert.match(res.stderr, /gross 2,010\.0 t CO2e, sinks 72\.0 t CO2e, net 1,938\.0 t CO2e/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('demo refuses numbers that are not whole numbers', () => {
    for (const [flag, value] of [['--parcels', 'abc'], ['--parcels', '0'], ['--pois', '2.5'], ['--seed', '-1']]) {
      const res = spawnSync(process.execPath, [bin, 'demo', '--out', join(tmpdir(), 'cbm-never'), flag, value], { encoding: 'utf8' });
      assert.equal(res.status, 1, `${flag} ${value}`);
      assert.match(res.stderr, new RegExp(`${flag} must be a whole number.*got "${value.replace('.', '\\.')}"`), `${flag} ${value}: ${res.stderr}`);
    }
    assert.ok(!existsSync(join(tmpdir(), 'cbm-never')));
  });

  test('protected service layers take their headers from CARBON_BALANCE_SERVICE_HEADERS, never printed', async () => {
    // A one-collection OGC API server that answers only with the right bearer token.
    const units = JSON.parse(readFileSync(join(dirname(tiny), 'units.geojson'), 'utf8'));
    const server = createServer((req, res) => {
      if (req.headers.authorization !== 'Bearer s3cret') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"title":"unauthorized"}');
        return;
      }
      const path = new URL(req.url!, 'http://x').pathname;
      if (path === '/ogc/collections') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ collections: [{ id: 'units', title: 'units', links: [] }], links: [] }));
      } else if (path === '/ogc/collections/units/items') {
        res.writeHead(200, { 'content-type': 'application/geo+json' }).end(JSON.stringify({ ...units, numberMatched: units.features.length, links: [] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'cbm-cli-'));
    try {
      const config = JSON.parse(readFileSync(tiny, 'utf8'));
      for (const name of ['parcels', 'pois', 'population']) writeFileSync(join(dir, `${name}.geojson`), readFileSync(join(dirname(tiny), `${name}.geojson`)));
      const { path: _path, ...unitsSource } = config.layers.units;
      config.layers.units = { ...unitsSource, crs: 'EPSG:4549', service: { type: 'ogcapi-features', url: `http://127.0.0.1:${port}/ogc`, collection: 'units' } };
      writeFileSync(join(dir, 'c.json'), JSON.stringify(config));
      const cli = (env: Record<string, string>) =>
        new Promise<{ status: number | null; out: string }>((resolveRun) => {
          const child = spawn(process.execPath, [bin, 'run', join(dir, 'c.json'), '--out', join(dir, 'o')], { env: { ...process.env, ...env } });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (status) => resolveRun({ status, out }));
        });
      const refused = await cli({});
      assert.equal(refused.status, 1, refused.out);
      assert.match(refused.out, /401.*CARBON_BALANCE_SERVICE_HEADERS/s);
      const bad = await cli({ CARBON_BALANCE_SERVICE_HEADERS: 'Bearer s3cret' });
      assert.equal(bad.status, 1);
      assert.match(bad.out, /CARBON_BALANCE_SERVICE_HEADERS must be a JSON object/);
      const ok = await cli({ CARBON_BALANCE_SERVICE_HEADERS: '{"Authorization":"Bearer s3cret"}' });
      assert.equal(ok.status, 0, ok.out);
      assert.match(ok.out, /units 2:/);
      assert.ok(!ok.out.includes('s3cret') && !refused.out.includes('s3cret'), 'the token is never printed');
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('demo writes a generated city that run accepts unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbm-demo-'));
    try {
      const gen = spawnSync(process.execPath, [bin, 'demo', '--out', dir, '--parcels', '800', '--pois', '2000'], { encoding: 'utf8' });
      assert.equal(gen.status, 0, gen.stderr);
      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
      assert.match(config.name, /generated/i);
      const res = spawnSync(process.execPath, [bin, 'run', join(dir, 'config.json'), '--out', join(dir, 'out'), '--quiet'], { encoding: 'utf8' });
      assert.equal(res.status, 0, res.stderr);
      const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
      assert.equal(Math.round(report.totals.grossT / 100) / 100, 24027.97);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
