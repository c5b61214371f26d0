/**
 * Engine benchmark: the generated demo city at three sizes, time and peak memory per stage, and
 * a naive baseline measured in the same run (turf point-in-polygon over every point × parcel
 * pair, on a subsample, scaled up) for the ratio. Not part of `npm test`.
 *
 *   npm run bench                 # all three sizes
 *   npm run bench -- --sizes 10000,30000
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
const sizes = arg > 0 ? process.argv[arg + 1].split(',').map(Number) : [10_000, 30_000, 100_000];
const mb = (kb: number) => Math.round(kb / 1024);
const peakMb = () => mb(process.resourceUsage().maxRSS);
const now = () => performance.now();

interface Row { stage: string; ms: number; peakMb: number }

function benchSize(parcels: number) {
  const pois = parcels * 10;
  const roadSegments = parcels * 2;
  const t0 = now();
  const city = generateDemoCity({ parcels, pois, roadSegments, units: 100 });
  const genMs = now() - t0;
  const rows: Row[] = [];
  let last = now();
  let lastStage = 'read';
  const t1 = now();
  const cpu0 = process.cpuUsage();
  const result = runSync(city.config, city.layers, {
    onProgress: (stage, fraction) => {
      if (fraction === 0 && stage !== lastStage) {
        const t = now();
        rows.push({ stage: lastStage, ms: t - last, peakMb: peakMb() });
        last = t;
        lastStage = stage;
      }
    },
  });
  rows.push({ stage: lastStage, ms: now() - last, peakMb: peakMb() });
  const runMs = now() - t1;
  const cpu = process.cpuUsage(cpu0);
  // CPU time (user + system) of this process: steadier than wall time on a shared machine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const r = result.report;
  return {
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
console.log(`engine benchmark — Node ${process.version}, ${(await import('node:os')).cpus().length} cores; demo city (generated), 100 units, 1 km grid`);
const summary: string[] = [];
for (const size of sizes) {
  const b = benchSize(size);
  console.log(`\n## ${b.parcels.toLocaleString('en-US')} parcels, ${b.pois.toLocaleString('en-US')} POIs, ${b.roads.toLocaleString('en-US')} road segments, ${b.units} units, ${b.cells.toLocaleString('en-US')} grid cells`);
  console.log(`generate city (not part of the run) ${fmt(b.genMs)}`);
  console.log('stage        time      peak RSS');
  for (const row of b.rows) console.log(`${row.stage.padEnd(10)} ${fmt(row.ms)}  ${String(row.peakMb).padStart(6)} MB`);
  console.log(`run total  ${fmt(b.runMs)}  ${String(b.peak).padStart(6)} MB   (CPU ${(b.cpuMs / 1000).toFixed(2)} s; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}; unallocated ${b.unallocatedT} t)`);
  const base = baseline(b.city, size >= 100_000 ? 40 : 100);
  console.log(`points in parcels: engine ${fmt(base.engineMs)} for ${base.points.toLocaleString('en-US')} points; naive turf scan (${base.sample} sampled, scaled) ${fmt(base.naiveMs)}; ratio ${base.ratio.toFixed(0)}×`);
  summary.push(`| ${b.parcels.toLocaleString('en-US')} | ${b.pois.toLocaleString('en-US')} | ${b.roads.toLocaleString('en-US')} | ${(b.runMs / 1000).toFixed(1)} s | ${(b.cpuMs / 1000).toFixed(1)} s | ${b.peak} MB | ${(base.naiveMs / 1000).toFixed(0)} s | ${base.ratio.toFixed(0)}× |`);
}
console.log('\n| parcels | POIs | road segments | run (wall) | run (CPU) | peak RSS | naive point-in-parcel | engine speed-up |\n|---|---|---|---|---|---|---|---|');
console.log(summary.join('\n'));
