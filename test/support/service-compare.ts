/**
 * Comparisons shared by the tests that read the Liechtenstein layers from a real map server
 * (test/engine/services-qgis, services-mapserver): the same features as the files, the same
 * report as a run on the files.
 */
import assert from 'node:assert/strict';
import { run } from '../../src/engine/run.js';
import { loadLayersWithIssues } from '../../src/cli/load-layers.js';
import type { CityConfig } from '../../src/engine/config/types.js';
import type { Feature, FeatureCollection } from '../../src/engine/types.js';
import type { RunResult } from '../../src/engine/run-types.js';

export { ALL_LAYERS, serviceConfig } from './service-config.js';

/** The largest difference between two nested coordinate arrays; Infinity when their shapes differ. */
export function maxCoordDiff(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return Infinity;
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, maxCoordDiff(a[i], b[i]));
    return m;
  }
  return Infinity;
}

export interface SameFeaturesOptions {
  /** The property holding the GeoPackage fid the server read (file feature i is fid i + 1). */
  fidColumn: string;
  /** What of a geometry to compare (default: its type, then its coordinates). */
  shape?: (g: Feature['geometry']) => unknown;
}

/**
 * Same features as the file: the same count, the server's feature with fid i + 1 has every
 * property of file feature i with the same value, and the same coordinates within `tolDeg`.
 * Returns the largest coordinate difference.
 */
export function assertSameFeatures(file: FeatureCollection, got: FeatureCollection, tolDeg: number, what: string, options: SameFeaturesOptions): number {
  const { fidColumn } = options;
  assert.equal(got.features.length, file.features.length, `${what}: feature count`);
  const byFid = new Map<number, Feature>(got.features.map((f) => [Number(f.properties?.[fidColumn]), f]));
  assert.equal(byFid.size, file.features.length, `${what}: ${fidColumn} values are distinct`);
  let worst = 0;
  file.features.forEach((f, i) => {
    const g = byFid.get(i + 1);
    assert.ok(g, `${what}: feature ${fidColumn}=${i + 1} missing`);
    for (const [k, v] of Object.entries(f.properties ?? {})) assert.deepEqual(g!.properties?.[k], v, `${what}: feature ${i + 1} ${k}`);
    if (options.shape) {
      worst = Math.max(worst, maxCoordDiff(options.shape(f.geometry), options.shape(g!.geometry)));
    } else {
      const fg = f.geometry as { type: string; coordinates: unknown };
      const gg = g!.geometry as { type: string; coordinates: unknown };
      assert.equal(gg.type, fg.type, `${what}: feature ${i + 1} geometry type`);
      worst = Math.max(worst, maxCoordDiff(fg.coordinates, gg.coordinates));
    }
  });
  assert.ok(worst <= tolDeg, `${what}: coordinates differ by up to ${worst}° (allowed ${tolDeg}°)`);
  return worst;
}

/** Loads the config's layers as the CLI does (no errors allowed) and runs it; `notes` are the services' notes. */
export async function runWith(config: CityConfig, baseDir: string): Promise<{ result: RunResult; notes: string[] }> {
  const { layers, issues } = await loadLayersWithIssues(config, baseDir);
  assert.deepEqual(issues.filter((i) => i.severity === 'error'), []);
  return { result: await run(config, layers), notes: issues.filter((i) => i.code === 'service-note').map((i) => i.message) };
}

/**
 * Same report: every layer's feature count, the city totals within `tolT`, each unit's gross,
 * sink and net within `unitTolT` (or `unitRel` of the value), the same zone for every unit and
 * the same zone counts. Returns the largest difference in tonnes.
 */
export function assertSameReport(a: RunResult, b: RunResult, tolT: number, what: string, unitRel = 0, unitTolT = tolT): number {
  const ra = a.report;
  const rb = b.report;
  let worst = 0;
  for (const [k, v] of Object.entries(ra.layers)) assert.equal(rb.layers[k]?.features, v.features, `${what}: layer ${k} features`);
  for (const k of ['grossT', 'sinkT', 'netT', 'unallocatedT', 'unitsEmissionT', 'unitsSinkT'] as const) {
    worst = Math.max(worst, Math.abs(ra.totals[k] - rb.totals[k]));
    assert.ok(Math.abs(ra.totals[k] - rb.totals[k]) <= tolT, `${what}: totals.${k} ${ra.totals[k]} vs ${rb.totals[k]}`);
  }
  assert.equal(rb.units.length, ra.units.length);
  const unitsB = new Map(rb.units.map((u) => [u.id, u]));
  for (const u of ra.units) {
    const v = unitsB.get(u.id);
    assert.ok(v, `${what}: unit ${u.id} missing`);
    assert.equal(v!.name, u.name);
    assert.equal(v!.zone, u.zone, `${what}: zone of ${u.name}`);
    for (const k of ['emissionT', 'sinkT', 'netT'] as const) {
      worst = Math.max(worst, Math.abs(u[k] - v![k]));
      assert.ok(Math.abs(u[k] - v![k]) <= Math.max(unitTolT, unitRel * Math.abs(u[k])), `${what}: ${u.name} ${k} ${u[k]} vs ${v![k]}`);
    }
  }
  assert.deepEqual(rb.zones, ra.zones, `${what}: zone counts`);
  return worst;
}
