#!/usr/bin/env node
// Browser benchmark of <carbon-balance-map> with the generated demo city (default 100 000
// parcels): time to the first map (the land-use preview) and to the first zones map after the
// data are loaded, p95 frame time while panning and
// zooming each view, time from a land-use remap in the binding panel to updated zones, the
// longest main-thread task while the engine runs, and cancellation.
//
//   node scripts/bench-browser.mjs [--parcels 100000] [--no-build] [--screenshot path.png]
//
// Builds dist/carbon-balance-map.js, serves the repository on localhost, drives
// demo/bench.html in headless Chromium (/usr/bin/chromium, or CHROME_PATH), prints the figures
// and writes them to bench/results/browser-<parcels>.json. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { serve } from './serve-demo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const parcels = Number(arg('parcels', 100000));
const screenshot = arg('screenshot', null);
const TARGETS = { firstMapMs: 3000, p95FrameMs: 50, remapMs: 1000 };

if (!process.argv.includes('--no-build')) {
  const b = spawnSync(process.execPath, [join(root, 'scripts/build-element.mjs')], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const server = await serve({ port: 0 });
const profile = mkdtempSync(join(tmpdir(), 'cbm-bench-chromium-'));
let browser;
let exitCode = 0;
try {
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.setViewport({ width: 1280, height: 900 });
  console.log(`bench: ${parcels.toLocaleString('en')} parcels, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
  // --profile path.cpuprofile: a CPU profile of the engine worker over the whole bench (open it in
  // Chromium's DevTools, Performance panel).
  const profilePath = arg('profile', null);
  const workerProfile = profilePath ? new Promise((resolveClient) => page.on('workercreated', async (w) => {
    const client = w.client;
    await client.send('Profiler.enable');
    await client.send('Profiler.setSamplingInterval', { interval: 200 });
    await client.send('Profiler.start');
    resolveClient(client);
  })) : null;
  await page.goto(`${server.url}/demo/bench.html?parcels=${parcels}${profilePath ? '&profile=1' : ''}`);
  if (workerProfile) {
    await page.waitForFunction('window.__benchProfileStop === true', { timeout: 15 * 60_000, polling: 200 });
    const { profile: cpu } = await (await workerProfile).send('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(cpu));
    console.log(`worker CPU profile written to ${profilePath}`);
    await page.evaluate('window.__benchProfileDone = true');
  }
  await page.waitForFunction('window.__bench !== undefined', { timeout: 15 * 60_000, polling: 500 });
  const r = await page.evaluate('window.__bench');
  if (screenshot) await page.screenshot({ path: screenshot });
  if (!r.ok) throw new Error(r.error);
  const ms = (v) => `${Math.round(v).toLocaleString('en')} ms`;
  const mark = (v, t) => (v <= t ? 'meets' : 'misses');
  console.log('');
  console.log(`data generated + loaded in the worker   ${ms(r.dataLoadMs)}`);
  if (r.firstPreview) {
    console.log(`first map (land-use preview)           ${ms(r.firstPreview.mapMs)}  (target < ${ms(TARGETS.firstMapMs)}: ${mark(r.firstPreview.mapMs, TARGETS.firstMapMs)})`);
    console.log(`  of which preview built in the worker ${ms(r.firstPreview.workerMs)}`);
  } else {
    console.log('first map (land-use preview)           none (the run completed first)');
  }
  console.log(`first zones map after data loaded      ${ms(r.firstZonesMapMs)}  (target < ${ms(TARGETS.firstMapMs)}: ${mark(r.firstZonesMapMs, TARGETS.firstMapMs)})`);
  console.log(`  of which engine run in the worker    ${ms(r.firstRun.engineMs)}; result → drawn map ${ms(r.firstRun.resultToMapMs)}`);
  console.log(`  longest main-thread task meanwhile   ${ms(r.longestTaskDuringFirstRunMs)}`);
  for (const [view, f] of Object.entries(r.frames)) {
    console.log(`pan/zoom ${view.padEnd(8)} p95 frame ${f.p95.toFixed(1).padStart(6)} ms  p50 ${f.p50.toFixed(1)} ms  max ${ms(f.max)}  (${f.frames} frames; view switch ${ms(f.switchMs)})  target < ${TARGETS.p95FrameMs} ms: ${mark(f.p95, TARGETS.p95FrameMs)}`);
  }
  console.log(`land-use remap → updated zones         ${ms(r.remap.toZonesMs)} median of 5, slowest ${ms(r.remap.maxToZonesMs)}  (target < ${ms(TARGETS.remapMs)}: ${mark(r.remap.toZonesMs, TARGETS.remapMs)})`);
  console.log(`  all five                             ${r.remap.allToZonesMs.map(ms).join(', ')} (engine ${r.remap.allEngineMs.map(ms).join(', ')})`);
  console.log(`  of which engine run in the worker    ${ms(r.remap.engineMs)}${r.remap.stages ? `  (stages: ${Object.entries(r.remap.stages).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')})` : ''}`);
  console.log(`  frames while it ran: p95 ${r.remap.framesWhileRunning.p95.toFixed(1)} ms, max ${ms(r.remap.framesWhileRunning.max)}; longest main-thread task ${ms(r.remap.longestTaskMs)}`);
  console.log(`cancel a running run                   → ${r.cancel.status} in ${ms(r.cancel.ms)}`);
  if (process.argv.includes('--verbose')) console.log(JSON.stringify({ measures: r.measures, longTasks: r.longTasks, remapStages: r.remap.allStages }));
  const outDir = join(root, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `browser-${parcels}.json`), JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, ...r }, null, 2));
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
}
process.exit(exitCode);
