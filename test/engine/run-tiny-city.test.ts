import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/engine/run.js';
import { loadLayers } from '../../src/cli/load-layers.js';
import type { CityConfig } from '../../src/engine/config/types.js';

// Every expected figure is worked out by hand in test/fixtures/run/tiny-city/README.md.
const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/run/tiny-city');
const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as CityConfig;
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const close = (actual: unknown, want: number, what: string, tol = 1e-9) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - want) <= tol * Math.max(1, Math.abs(want)), `${what}: expected ${want}, got ${String(actual)}`);

describe('run on the hand-checked tiny city', async () => {
  const layers = await loadLayers(config, dir);
  const result = await run(config, layers);
  const r = result.report;

  test('city totals, unallocated transport and the working CRS', () => {
    close(r.totals.grossT, expected.totals.grossT, 'gross');
    close(r.totals.sinkT, expected.totals.sinkT, 'sink');
    close(r.totals.netT, expected.totals.netT, 'net');
    close(r.totals.unallocatedT, expected.totals.unallocatedT, 'unallocated');
    assert.equal(r.workingCrs.code, 'EPSG:4549');
    const transport = r.conservation.find((c) => c.subsector === 'transport-road');
    assert.equal(transport?.fallback, 'no-parcels');
    close(transport?.unallocatedT, 100, 'transport unallocated');
  });

  test('every pool is conserved: allocated + unallocated = total', () => {
    for (const c of r.conservation) close(c.allocatedT + c.unallocatedT, c.totalT, `pool ${c.pool}`, 1e-12);
    assert.ok(!r.issues.some((i) => i.code === 'conservation-failed'));
  });

  test('parcel tonnes and in-study areas', () => {
    const byId = new Map(result.parcels.features.map((f) => [String(f.properties!.id), f.properties!]));
    for (const [id, want] of Object.entries(expected.parcels as Record<string, Record<string, number>>)) {
      const got = byId.get(id);
      assert.ok(got, `parcel ${id} missing`);
      for (const [k, v] of Object.entries(want)) close(got[k], v, `${id}.${k}`);
    }
    close(r.layers.parcels.clippedAreaM2, expected.clippedAreaM2, 'clipped area', 1e-9);
  });

  test('a POI on a shared edge is counted once, for the first parcel; outside points are counted', () => {
    const p = r.pois['pois[0]'];
    assert.deepEqual({ total: p.total, inParcels: p.inParcels, outside: p.outside, snapped: p.snapped }, expected.pois['pois[0]']);
    assert.ok(r.issues.some((i) => i.code === 'points-outside-parcels' && i.actual === 1));
  });

  test('unmapped land-use codes are reported with count and area', () => {
    assert.deepEqual(r.landUse.unmapped.map((u) => ({ code: u.code, parcels: u.parcels, areaM2: Math.round(u.areaM2) })), expected.unmapped);
    assert.ok(r.issues.some((i) => i.code === 'landuse-code-unmapped' && i.actual === '9999'));
  });

  test('units: split at the border by area, indices and zones', () => {
    for (const [id, want] of Object.entries(expected.units as Record<string, Record<string, number | string>>)) {
      const u = r.units.find((x) => x.id === id)!;
      assert.ok(u, `unit ${id}`);
      for (const [k, v] of Object.entries(want)) {
        if (typeof v === 'string') assert.equal((u as unknown as Record<string, unknown>)[k], v, `${id}.${k}`);
        else close((u as unknown as Record<string, unknown>)[k], v, `${id}.${k}`, 1e-12);
      }
    }
    const feature = result.units.features.find((f) => f.properties!.id === 'U2')!;
    assert.equal(feature.properties!.zone, 'low-carbon-economic');
    assert.equal(r.zones['low-carbon-economic'], 1);
    assert.equal(r.zones['high-carbon-optimisation'], 1);
  });

  test('grid: area-weighted split, zeros listed, nothing lost at cell borders', () => {
    assert.equal(result.grid.features.length, 8);
    const byId = new Map(result.grid.features.map((f) => [String(f.properties!.id), f.properties!]));
    for (const [id, want] of Object.entries(expected.grid as Record<string, Record<string, number>>)) {
      const got = byId.get(id);
      assert.ok(got, `cell ${id} missing`);
      close(got.grossT, want.grossT, `${id}.grossT`);
      close(got.sinkT, want.sinkT, `${id}.sinkT`);
      close(got.netPerKm2, (want.grossT - want.sinkT) / 0.25, `${id}.netPerKm2`);
    }
  });

  test('outputs are WGS84 lon/lat near 120°E, 30°N', () => {
    const c = (result.units.features[0].geometry as { coordinates: number[][][] }).coordinates[0][0];
    assert.ok(Math.abs(c[0] - 120) < 0.03 && Math.abs(c[1] - 30) < 0.03, `got ${c}`);
    const g = (result.grid.features[0].geometry as { coordinates: number[][][] }).coordinates[0][0];
    assert.ok(Math.abs(g[0] - 120) < 0.03 && Math.abs(g[1] - 30) < 0.03, `got ${g}`);
  });

  test('no NaN or Infinity anywhere in the outputs', () => {
    const bad: string[] = [];
    const scan = (v: unknown, path: string): void => {
      if (typeof v === 'number' && !Number.isFinite(v)) bad.push(path);
      else if (Array.isArray(v)) v.forEach((x, i) => scan(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) scan(x, `${path}.${k}`);
    };
    scan(result, '$');
    assert.deepEqual(bad, []);
  });
});
