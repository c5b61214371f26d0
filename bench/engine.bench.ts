/**
 * Engine benchmark: the generated demo city at three sizes, time and peak memory per stage, and
 * a naive baseline measured in the same run (turf point-in-polygon over every point × parcel
 * pair, on a subsample, scaled up) for the ratio. Not part of `npm test`.
 *
 *   npm run bench                 # all three sizes
 *   npm run bench -- --sizes 10000,30000
 *   BENCH_SIZES=100000 npm run bench
 *   npm run bench -- --sizes 100000 --element   # the element's demo city and run options
 *   npm run bench -- --sizes 100000 --no-baseline
 *   npm run bench -- --sizes 100000 --element --no-baseline --repeat 5
 *
 * `--element` generates the city as the drop-in element's demo does (1.5 POIs and 1.2 population
 * points per parcel, the generator's default roads) and runs with `parcelOutput: 'columns'`, as
 * its worker does; the default city is the heavier one (10 POIs and 2 road segments per parcel).
 * `--repeat N` runs N more times with fresh spatial stages and prints the fastest of each stage.
 * `--no-baseline` skips the naive turf comparison (for profiling: `node --cpu-prof --import tsx
 * bench/engine.bench.ts --sizes 100000 --element --no-baseline`).
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { generateDemoCity } from '../src/engine/demo-city/index.js';
import { runSync } from '../src/engine/run.js';
import { chooseWorkingCrs, createTransform } from '../src/engine/crs/index.js';
import { preparePointLayer, preparePolygonLayer } from '../src/engine/spatial/layers.js';
import { indexBBoxes, overlayParcelsOnUnits } from '../src/engine/spatial/overlay.js';
import { GridIndex } from '../src/engine/spatial/grid-index.js';
import { assignPointsToParcels } from '../src/engine/spatial/points.js';
import type { Issue } from '../src/engine/types.js';

const arg = process.argv.indexOf('--sizes');
const sizesText = arg > 0 ? process.argv[arg + 1] : process.env.BENCH_SIZES;
const sizes = sizesText ? sizesText.split(',').map(Number) : [10_000, 30_000, 100_000];
if (sizes.some((s) => !Number.isInteger(s) || s < 100)) throw new Error(`--sizes / BENCH_SIZES: whole numbers of parcels ≥ 100, comma-separated, got ${sizesText}`);
const element = process.argv.includes('--element');
const withBaseline = !process.argv.includes('--no-baseline');
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 0;
if (!Number.isInteger(repeat) || repeat < 0) throw new Error(`--repeat: a whole number ≥ 0, got ${process.argv[repeatArg + 1]}`);
const mb = (kb: number) => Math.round(kb / 1024);
const peakMb = () => mb(process.resourceUsage().maxRSS);
const now = () => performance.now();

interface Row { stage: string; ms: number; cpuMs: number; peakMb: number }

/** One run with fresh spatial stages (`reuse: false`), timed stage by stage (wall and CPU). */
function timedRun(city: ReturnType<typeof generateDemoCity>) {
  const rows: Row[] = [];
  let last = now();
  let lastCpu = process.cpuUsage();
  let lastStage = 'read';
  const close = (): void => {
    const t = now(), c = process.cpuUsage();
    rows.push({ stage: lastStage, ms: t - last, cpuMs: (c.user - lastCpu.user + c.system - lastCpu.system) / 1000, peakMb: peakMb() });
    last = t;
    lastCpu = c;
  };
  const t1 = now();
  const cpu0 = process.cpuUsage();
  const result = runSync(city.config, city.layers, {
    ...(element ? { parcelOutput: 'columns' as const } : {}),
    reuse: false,
    onProgress: (stage, fraction) => {
      if (fraction === 0 && stage !== lastStage) { close(); lastStage = stage; }
    },
  });
  close();
  const runMs = now() - t1;
  const cpu = process.cpuUsage(cpu0);
  // CPU time (user + system) of this process: steadier than wall time on a shared machine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { result, rows, runMs, cpuMs };
}

function benchSize(parcels: number) {
  const t0 = now();
  const city = element
    ? generateDemoCity({ parcels, units: 100, pois: Math.round(parcels * 1.5), populationPoints: Math.round(parcels * 1.2) })
    : generateDemoCity({ parcels, pois: parcels * 10, roadSegments: parcels * 2, units: 100 });
  const genMs = now() - t0;
  // The first run is the one a page waits for (cold JIT); repeats (`--repeat N`) give the
  // fastest of N more, per stage, which is steadier for comparing two versions on a busy machine.
  const { result, rows, runMs, cpuMs } = timedRun(city);
  const repeats: ReturnType<typeof timedRun>[] = [];
  for (let k = 0; k < repeat; k++) repeats.push(timedRun(city));
  const best = repeats.length === 0 ? null : {
    runMs: Math.min(...repeats.map((x) => x.runMs)),
    cpuMs: Math.min(...repeats.map((x) => x.cpuMs)),
    rows: rows.map((row, i) => ({ stage: row.stage, ms: Math.min(...repeats.map((x) => x.rows[i]?.ms ?? Infinity)), cpuMs: Math.min(...repeats.map((x) => x.rows[i]?.cpuMs ?? Infinity)) })),
  };
  const r = result.report;
  // Wall time of a run on the same layers that reuses the spatial stages (the element's remap path).
  runSync(city.config, city.layers, element ? { parcelOutput: 'columns' } : {});
  const t2 = now();
  runSync(city.config, city.layers, element ? { parcelOutput: 'columns' } : {});
  const rerunMs = now() - t2;
  return {
    rerunMs, best,
    parcels: city.layers.parcels.features.length, pois: city.layers.pois?.[0]?.features.length ?? 0,
    roads: (city.layers.roads ?? []).reduce((a, fc) => a + fc.features.length, 0), units: r.units.length, cells: result.grid.features.length,
    genMs, runMs, cpuMs, rows, peak: peakMb(), city, unallocatedT: r.totals.unallocatedT,
  };
}

/** Engine point-in-parcel vs turf over every pair, both on the same projected coordinates. */
function baseline(city: ReturnType<typeof generateDemoCity>, sample: number) {
  const issues: Issue[] = [];
  const fc = city.layers.parcels;
  const ring = fc.features[0].geometry as { coordinates: number[][][] | number[][][][] };
  const first = (ring.coordinates.flat(3) as number[]).slice(0, 2);
  const working = chooseWorkingCrs([first[0], first[1], first[0], first[1]]);
  const xy = createTransform('EPSG:4326', working.code);
  const parcels = preparePolygonLayer('parcels', fc, xy, 'bsm', issues);
  const units = preparePolygonLayer('units', city.layers.units!, xy, 'code', issues);
  const pieces = overlayParcelsOnUnits(parcels, units);
  const points = preparePointLayer('pois', city.layers.pois![0], xy, undefined, issues);
  const t0 = now();
  assignPointsToParcels(points, parcels, new GridIndex(parcels.bboxes), indexBBoxes(parcels), pieces, 0);
  const engineMs = now() - t0;

  const polys = parcels.geoms.map((mp) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'MultiPolygon' as const, coordinates: mp.map((p) => p.map((r) => [...r, r[0]])) } }));
  const step = Math.max(1, Math.floor(points.xs.length / sample));
  let tested = 0;
  const t1 = now();
  for (let k = 0; k < points.xs.length && tested < sample; k += step, tested++) {
    const pt = [points.xs[k], points.ys[k]];
    for (const poly of polys) if (booleanPointInPolygon(pt, poly)) break; // naive: scan parcels until one holds it
  }
  const naiveSampleMs = now() - t1;
  const naiveMs = (naiveSampleMs / tested) * points.xs.length;
  return { points: points.xs.length, engineMs, naiveMs, sample: tested, ratio: naiveMs / engineMs };
}

const fmt = (ms: number) => (ms / 1000).toFixed(2).padStart(7) + ' s';
console.log(`engine benchmark — Node ${process.version}, ${(await import('node:os')).cpus().length} cores; demo city (generated${element ? ', as the element makes it' : ''}), 100 units, 1 km grid`);
const summary: string[] = [];
for (const size of sizes) {
  const b = benchSize(size);
  console.log(`\n## ${b.parcels.toLocaleString('en-US')} parcels, ${b.pois.toLocaleString('en-US')} POIs, ${b.roads.toLocaleString('en-US')} road segments, ${b.units} units, ${b.cells.toLocaleString('en-US')} grid cells`);
  console.log(`generate city (not part of the run) ${fmt(b.genMs)}`);
  console.log(`stage        time   (CPU)      peak RSS${b.best ? `   fastest of ${repeat} more (CPU)` : ''}`);
  b.rows.forEach((row, i) => console.log(`${row.stage.padEnd(10)} ${fmt(row.ms)} ${fmt(row.cpuMs)}  ${String(row.peakMb).padStart(6)} MB${b.best ? `  ${fmt(b.best.rows[i].ms)} ${fmt(b.best.rows[i].cpuMs)}` : ''}`));
  console.log(`run total  ${fmt(b.runMs)}  ${String(b.peak).padStart(6)} MB   (CPU ${(b.cpuMs / 1000).toFixed(2)} s; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}; unallocated ${b.unallocatedT} t)${b.best ? `; fastest of ${repeat} more ${fmt(b.best.runMs)} (CPU ${fmt(b.best.cpuMs)})` : ''}`);
  console.log(`second run on the same layers (spatial stages reused) ${fmt(b.rerunMs)}`);
  if (!withBaseline) continue;
  const base = baseline(b.city, size >= 100_000 ? 40 : 100);
  console.log(`points in parcels: engine ${fmt(base.engineMs)} for ${base.points.toLocaleString('en-US')} points; naive turf scan (${base.sample} sampled, scaled) ${fmt(base.naiveMs)}; ratio ${base.ratio.toFixed(0)}×`);
  summary.push(`| ${b.parcels.toLocaleString('en-US')} | ${b.pois.toLocaleString('en-US')} | ${b.roads.toLocaleString('en-US')} | ${(b.runMs / 1000).toFixed(1)} s | ${(b.cpuMs / 1000).toFixed(1)} s | ${b.peak} MB | ${(base.naiveMs / 1000).toFixed(0)} s | ${base.ratio.toFixed(0)}× |`);
}
if (summary.length > 0) console.log('\n| parcels | POIs | road segments | run (wall) | run (CPU) | peak RSS | naive point-in-parcel | engine speed-up |\n|---|---|---|---|---|---|---|---|');
if (summary.length > 0) console.log(summary.join('\n'));
