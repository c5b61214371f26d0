import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/engine/run.js';
import { loadLayers } from '../../src/cli/load-layers.js';
import type { CityConfig } from '../../src/engine/config/types.js';
import type { RunResult } from '../../src/engine/run-types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = join(root, '../shared/data');
const absent = !existsSync(join(shared, 'liechtenstein')) && `shared data absent: ${shared} not found (CI has it beside the clone)`;

async function runConfig(name: string): Promise<RunResult> {
  const path = join(root, 'configs', name);
  const config = JSON.parse(readFileSync(path, 'utf8')) as CityConfig;
  return run(config, await loadLayers(config, dirname(path)));
}

/** Units carry every allocated tonne: Σ unit gross = gross − unallocated sources, Σ unit sink = sinks − unallocated sinks. */
function assertUnitsCarryAllocated(result: RunResult): void {
  const r = result.report;
  const unallocatedSources = r.conservation.filter((c) => c.totalT > 0).reduce((a, c) => a + c.unallocatedT, 0);
  const unallocatedSinks = -r.conservation.filter((c) => c.totalT < 0).reduce((a, c) => a + c.unallocatedT, 0);
  const unitGross = r.units.reduce((a, u) => a + u.emissionT, 0);
  const unitSink = r.units.reduce((a, u) => a + u.sinkT, 0);
  assert.ok(Math.abs(unitGross - (r.totals.grossT - unallocatedSources)) < 1e-6 * r.totals.grossT, `units gross ${unitGross} vs ${r.totals.grossT - unallocatedSources}`);
  assert.ok(Math.abs(unitSink - (r.totals.sinkT - unallocatedSinks)) < 1e-6 * Math.max(1, r.totals.sinkT), `units sink ${unitSink}`);
  const gridNet = result.grid.features.reduce((a, f) => a + (f.properties!.netT as number), 0);
  assert.ok(Math.abs(gridNet - (unitGross - unitSink)) < 1e-6 * r.totals.grossT, `grid net ${gridNet}`);
  for (const c of r.conservation) assert.ok(Math.abs(c.residualT) < 1e-6, `${c.pool} residual ${c.residualT}`);
  assert.ok(!r.issues.some((i) => i.severity === 'error'), JSON.stringify(r.issues.filter((i) => i.severity === 'error')));
}

describe('real data: Liechtenstein (OSM preset, municipalities as units)', { skip: absent }, async () => {
  const result = absent ? null : await runConfig('liechtenstein.json');

  test('the 11 municipalities add to about 160.4 km² in the working CRS (UTM 32N)', () => {
    const r = result!.report;
    assert.equal(r.workingCrs.code, 'EPSG:32632');
    assert.equal(r.units.length, 11);
    const km2 = r.units.reduce((a, u) => a + u.areaM2, 0) / 1e6;
    assert.ok(Math.abs(km2 - 160.4) < 0.3, `got ${km2} km²`);
  });

  test('unit totals add to the allocated total; every pool conserved', () => assertUnitsCarryAllocated(result!));

  test('transport goes on the road network (OSM has no transport-land parcels)', () => {
    const t = result!.report.conservation.find((c) => c.subsector === 'transport-road')!;
    assert.equal(t.target, 'network');
    assert.ok(Math.abs(t.allocatedT - 60000) < 1e-6);
  });

  test('every land-use value of the extract is mapped, and each unit is zoned or says why', () => {
    assert.deepEqual(result!.report.landUse.unmapped, []);
    for (const u of result!.report.units) assert.ok(u.zone !== null || u.reason !== null, u.name);
  });
});

describe('real data: Xinwu (EULUC class preset, generated blocks as units)', { skip: absent }, async () => {
  const result = absent ? null : await runConfig('xinwu.json');

  test('2,033 parcels of about 143 km² in CGCS2000 GK zone CM 120°E', () => {
    const r = result!.report;
    assert.equal(r.workingCrs.code, 'EPSG:4549');
    assert.equal(r.layers.parcels.features, 2033);
    assert.ok(Math.abs(r.layers.parcels.areaM2! / 1e6 - 143) < 1.5, `got ${r.layers.parcels.areaM2! / 1e6}`);
  });

  test('unit totals add to the allocated total; nothing unallocated', () => {
    assertUnitsCarryAllocated(result!);
    assert.equal(result!.report.totals.unallocatedT, 0);
  });
});
