/**
 * Compile-only: uses the engine's public API the way a user would, so that a breaking type
 * change fails `npm run typecheck` (and so CI). Never executed.
 */
import {
  classify, classIndex, computeBalance, EngineError, generateDemoCity, run, runSync, validateConfig,
} from '../../src/engine/index.js';
import type {
  CityConfig, Classification, Issue, LayerData, RunReport, RunResult, UnitProperties, ZoneId,
} from '../../src/engine/index.js';

export async function usage(): Promise<void> {
  const { config, layers }: { config: CityConfig; layers: LayerData } = generateDemoCity({ parcels: 500, seed: 1 });
  const issues: Issue[] = validateConfig(config);
  if (issues.some((i) => i.severity === 'error')) return;
  const result: RunResult = await run(config, layers, { onProgress: (stage: string, fraction: number) => void [stage, fraction], signal: { aborted: false } });
  const report: RunReport = result.report;
  const zone: ZoneId | null = report.units[0]?.zone ?? null;
  const unit: UnitProperties | undefined = report.units[0];
  const ccr: number | null = report.totals.ccr;
  const c: Classification = classify(report.units.map((u) => u.netT), { method: 'jenks', classes: 5 });
  const k: number | null = classIndex(c, unit?.netT ?? null);
  const b = computeBalance([{ id: 'a', name: 'A', emissionT: 1, sinkT: 0, gdp: 1 }], { threshold: 1, tieRule: 'above' });
  const sync: RunResult = runSync(config, layers);
  void [zone, ccr, k, b.zones, sync.units.features.length, report.conservation[0]?.residualT, report.zones.unzoned];
  try { runSync({} as CityConfig, layers); } catch (e) { if (e instanceof EngineError) void e.code; }
}
