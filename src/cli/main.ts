/**
 * `carbon-balance`: the command-line face of the engine.
 *
 *   carbon-balance run <config.json> [--out DIR]      run the method, write four outputs
 *   carbon-balance validate <config.json>             list every config and layer-binding issue
 *   carbon-balance demo [--out DIR] [--parcels N]     write the generated demo city and its config
 */
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { ConfigError, EngineError, checkLayerBindings, exportResultsBundle, runSync, validateConfig, writeCsv, writeShapefileZip } from '../engine/index.js';
import { loadLayersWithIssues, readJson } from './load-layers.js';
import { generateDemoCity } from '../engine/demo-city/index.js';
import type { CityConfig, FeatureCollection, Issue, LayerSource, RunResult } from '../engine/index.js';

const HELP = `carbon-balance — urban carbon inventory, spatial allocation, carbon-balance indices and zoning

Usage:
  carbon-balance run <config.json> [--out DIR] [--formats geojson,gpkg,shp,csv] [--quiet]
      Run the whole method on the city described by <config.json> and write
        DIR/parcels.geojson  every parcel with its tonnes by sector (t CO2e) and intensity
        DIR/grid.geojson     the square grid (config.gridCellSizeM, default 1000 m) with tonnes
        DIR/units.geojson    townships/units with emissions, sinks, GDP, CCR, ECC, ESC and zone
        DIR/report.json      totals, sectors, conservation per pool, units, zones, issues
      DIR defaults to ./out. Paths inside the config resolve relative to the config file.
      --formats adds more: gpkg writes carbon-balance.gpkg (units, grid, parcels, each with
      its QGIS style stored inside) plus units/grid/parcels .qml and .sld with the map's
      classes and colours; shp writes units/grid/parcels.shp.zip (.shp .shx .dbf .prj .cpg,
      UTF-8); csv writes units/grid/parcels.csv (UTF-8 with BOM, for Excel; text that a
      spreadsheet would run as a formula gets a leading ').
      Progress goes to stderr. Exit code 0 on success, 1 for invalid input (the issues are
      listed), 2 for an unexpected failure. Protected service layers (WFS, OGC API) get the
      request headers in the environment variable CARBON_BALANCE_SERVICE_HEADERS, a JSON
      object such as {"Authorization":"Bearer …"}, sent only to each service's origin.

  carbon-balance validate <config.json> [--config-only]
      Print every issue of the config (code, JSON path, expected, actual), then read its layers,
      check that each file or service answers and each configured field exists (a missing one
      is listed with the fields present), and run the method without writing anything, listing
      the data's warnings (features left out, unallocated tonnes, units without a zone); exit 1
      if any is an error. --config-only checks the JSON alone.

  carbon-balance demo [--out DIR] [--parcels N] [--pois N] [--units N] [--seed S]
      Write the generated demo city (GeoJSON layers and config.json, labelled as generated)
      to DIR (default ./demo-city), ready for 'carbon-balance run DIR/config.json'.

  carbon-balance --help
`;

const VALUE_FLAGS = ['out', 'parcels', 'pois', 'seed', 'units', 'formats'];
const FORMATS = ['geojson', 'gpkg', 'shp', 'csv'];
const FLAGS: Record<string, string[]> = { run: ['out', 'quiet', 'formats', 'help'], validate: ['help', 'config-only'], demo: ['out', 'parcels', 'pois', 'seed', 'units', 'help'] };

interface Args { command: string | undefined; positional: string[]; flags: Record<string, string | boolean> }

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) flags[key] = inline;
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--') && VALUE_FLAGS.includes(key)) flags[key] = argv[++i];
      else flags[key] = true;
    } else if (a === '-h') flags.help = true;
    else positional.push(a);
  }
  return { command: positional.shift(), positional, flags };
}

/** A value for a message: JSON, or its text where JSON says nothing (an Error, a Map). */
function showValue(v: unknown): string {
  const json = JSON.stringify(v);
  return json === undefined || (json === '{}' && Object.getPrototypeOf(v) !== Object.prototype) ? String(v) : json;
}

function formatIssue(i: Issue): string {
  const where = [i.path, i.layer, i.featureId !== undefined ? `feature ${i.featureId}` : undefined, i.field ? `field ${i.field}` : undefined].filter(Boolean).join(', ');
  // The message already says what was expected and found; repeat a simple value only when it
  // does not (report.json keeps every structured detail).
  const unsaid = (v: unknown): string | null => {
    if (v === undefined || (v !== null && typeof v === 'object')) return null;
    const text = showValue(v);
    return i.message.includes(String(v)) || i.message.includes(text) ? null : text;
  };
  const ex = unsaid(i.expected);
  const ac = unsaid(i.actual);
  const tail = [ex !== null ? `expected ${ex}` : '', ac !== null ? `got ${ac}` : ''].filter(Boolean).join(', ');
  return `  ${i.severity.padEnd(7)} ${i.code}${where ? ` [${where}]` : ''}: ${i.message}${tail ? ` (${tail})` : ''}`;
}

/** Write a FeatureCollection feature by feature (outputs can exceed 100 MB). */
async function writeCollection(path: string, fc: FeatureCollection): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (s: string): Promise<void> => { if (!out.write(s)) await once(out, 'drain'); };
  await write('{"type":"FeatureCollection","features":[\n');
  for (let i = 0; i < fc.features.length; i++) await write((i ? ',\n' : '') + JSON.stringify(fc.features[i]));
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
}

async function writeResult(result: RunResult, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await writeCollection(join(outDir, 'parcels.geojson'), result.parcels);
  await writeCollection(join(outDir, 'grid.geojson'), result.grid);
  await writeCollection(join(outDir, 'units.geojson'), result.units);
  const out = createWriteStream(join(outDir, 'report.json'));
  out.end(JSON.stringify(result.report, null, 2) + '\n');
  await once(out, 'finish');
}

/** The optional result formats: GeoPackage with QGIS styles, zipped Shapefiles, CSV. */
async function writeExtraFormats(result: RunResult, outDir: string, formats: string[]): Promise<void> {
  const files: Record<string, Uint8Array> = {};
  if (formats.includes('gpkg')) {
    const bundle = await exportResultsBundle(result, { baseName: 'carbon-balance' });
    for (const [name, bytes] of Object.entries(bundle)) if (name !== 'report.json') files[name] = bytes;
  }
  const layers: Array<['units' | 'grid' | 'parcels', FeatureCollection]> = [['units', result.units], ['grid', result.grid], ['parcels', result.parcels]];
  if (formats.includes('shp')) for (const [name, fc] of layers) files[`${name}.shp.zip`] = writeShapefileZip(fc, { name, crs: 'EPSG:4326' }).bytes;
  if (formats.includes('csv')) for (const [name, fc] of layers) files[`${name}.csv`] = writeCsv(fc, { geometry: 'centroid' }).bytes;
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes);
}

/** Tonnes as the paper's tables give them (×10⁴ t) for city-sized figures, plain tonnes below 10⁴ t. */
function fmtT(t: number): string {
  if (Math.abs(t) < 1e4) return `${t.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} t CO2e`;
  return `${(t / 1e4).toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })} ×10⁴ t CO2e`;
}

/** The environment variable holding request headers for protected `service` layers (JSON object). */
const HEADERS_ENV = 'CARBON_BALANCE_SERVICE_HEADERS';

/**
 * Request options for `service` layers: headers from {@link HEADERS_ENV} (an environment
 * variable, so a token stays out of the config, the command line and the shell history). Never
 * printed; sent only to each service's own origin.
 */
function serviceOptions(): { headers?: Record<string, string> } {
  const raw = process.env[HEADERS_ENV];
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new EngineError('bad-argument', `${HEADERS_ENV} must be a JSON object of header names and values, such as {"Authorization":"Bearer …"}; it is not JSON`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new EngineError('bad-argument', `${HEADERS_ENV} must be a JSON object whose values are strings, such as {"Authorization":"Bearer …"}`);
  }
  return { headers: parsed as Record<string, string> };
}

async function commandRun(args: Args): Promise<number> {
  const configPath = args.positional[0];
  if (!configPath) { process.stderr.write('carbon-balance run: missing <config.json>\n\n' + HELP); return 1; }
  const config = readJson(configPath, 'config') as CityConfig;
  const issues = validateConfig(config);
  if (issues.some((i) => i.severity === 'error')) {
    process.stderr.write(`carbon-balance: ${configPath} is not a valid city config:\n${issues.map(formatIssue).join('\n')}\n`);
    return 1;
  }
  const formats = typeof args.flags.formats === 'string' ? args.flags.formats.split(',').map((f) => f.trim()).filter(Boolean) : ['geojson'];
  const badFormat = formats.find((f) => !FORMATS.includes(f));
  if (badFormat) throw new EngineError('format-unknown', `--formats: ${JSON.stringify(badFormat)} is not one of ${FORMATS.join(', ')}`);
  const outDir = resolve(typeof args.flags.out === 'string' ? args.flags.out : 'out');
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new EngineError('out-not-directory', `--out ${outDir} is a file, not a folder`);
  const quiet = args.flags.quiet === true;
  const started = Date.now();
  const log = (s: string): void => { if (!quiet) process.stderr.write(s); };
  const configWarnings = issues.filter((i) => i.severity === 'warning');
  if (configWarnings.length > 0) log(`config warnings:\n${configWarnings.map(formatIssue).join('\n')}\n`);
  log(`reading layers of ${config.name} …\n`);
  const { layers, issues: readIssues } = await loadLayersWithIssues(config, dirname(resolve(configPath)), { service: serviceOptions() });
  const readErrors = readIssues.filter((i) => i.severity === 'error');
  if (readErrors.length > 0) {
    process.stderr.write(`carbon-balance: the layers of ${configPath} cannot be read as given:\n${readErrors.map(formatIssue).join('\n')}\n`);
    return 1;
  }
  for (const i of readIssues.filter((x) => x.severity === 'warning')) log(`${formatIssue(i)}\n`);
  // Each stage is printed as it ends, with its own time and the time since the start.
  let stage = '';
  let stageStart = Date.now();
  const endStage = (): void => {
    if (!stage) return;
    const t = Date.now();
    log(`  ${stage.padEnd(10)} ${((t - stageStart) / 1000).toFixed(2).padStart(6)} s   (${((t - started) / 1000).toFixed(1)} s in all)\n`);
  };
  const result = runSync(config, layers, {
    inputIssues: readIssues,
    onProgress: (next) => {
      if (next === stage) return;
      endStage();
      stage = next;
      stageStart = Date.now();
    },
  });
  endStage();
  log(`writing ${outDir} …\n`);
  await writeResult(result, outDir);
  await writeExtraFormats(result, outDir, formats);
  const r = result.report;
  const z = r.zones;
  const warnings = r.issues.filter((i) => i.severity !== 'info');
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: gross ${fmtT(r.totals.grossT)}, sinks ${fmtT(r.totals.sinkT)}, net ${fmtT(r.totals.netT)}, CCR ${r.totals.ccr === null ? '—' : (r.totals.ccr * 100).toFixed(3) + ' %'}\n`);
  log(`units ${r.units.length}: low-carbon-economic ${z['low-carbon-economic']}, carbon-source-control ${z['carbon-source-control']}, carbon-sink-functional ${z['carbon-sink-functional']}, high-carbon-optimisation ${z['high-carbon-optimisation']}, unzoned ${z.unzoned}\n`);
  log(`unallocated: sources ${r.totals.unallocatedSourceT.toFixed(3)} t, sinks ${r.totals.unallocatedSinkT.toFixed(3)} t; units hold gross ${fmtT(r.totals.unitsEmissionT)}, sinks ${fmtT(r.totals.unitsSinkT)}\n`);
  const shown = warnings.slice(0, 15);
  if (shown.length > 0) log(`${warnings.length} warnings${warnings.length > shown.length ? ` (first ${shown.length}; all in report.json issues)` : ''}:\n${shown.map(formatIssue).join('\n')}\n`);
  return 0;
}

async function commandValidate(args: Args): Promise<number> {
  const configPath = args.positional[0];
  if (!configPath) { process.stderr.write('carbon-balance validate: missing <config.json>\n'); return 1; }
  const config = readJson(configPath, 'config') as CityConfig;
  const issues = validateConfig(config);
  let checked = 'config';
  if (!issues.some((i) => i.severity === 'error') && args.flags['config-only'] !== true) {
    // The layers too: each file or service is read, and every configured field looked up.
    checked = 'config and layers';
    let summary = '';
    try {
      const { layers, issues: readIssues } = await loadLayersWithIssues(config, dirname(resolve(configPath)), { service: serviceOptions() });
      issues.push(...readIssues.filter((i) => i.severity !== 'info'), ...checkLayerBindings(config, layers));
      if (!issues.some((i) => i.severity === 'error')) {
        // Then the whole method, writing nothing: what the data would give (a township left out
        // for its geometry, unallocated tonnes, units without a zone) is said before a real run.
        checked = 'config, layers and a dry run';
        const r = runSync(config, layers, { inputIssues: readIssues }).report;
        issues.push(...r.issues.filter((i) => i.severity !== 'info' && !issues.some((j) => j.code === i.code && j.message === i.message)));
        summary = `dry run: ${r.units.length} units (${r.units.length - r.zones.unzoned} zoned), gross ${fmtT(r.totals.grossT)}, unallocated ${fmtT(r.totals.unallocatedSourceT)} of sources\n`;
      }
    } catch (e) {
      if (e instanceof ConfigError) issues.push(...e.issues);
      else if (e instanceof EngineError) issues.push({ severity: 'error', code: e.code, message: e.message });
      else throw e;
    }
    if (summary) process.stdout.write(summary);
  }
  if (issues.length === 0) { process.stdout.write(`${configPath}: valid (${checked} checked)\n`); return 0; }
  const errors = issues.filter((i) => i.severity === 'error').length;
  process.stdout.write(`${configPath}: ${errors > 0 ? `${errors} error(s)` : 'valid'}, ${issues.length - errors} warning(s) (${checked} checked)\n${issues.map(formatIssue).join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}

async function commandDemo(args: Args): Promise<number> {
  const outDir = resolve(typeof args.flags.out === 'string' ? args.flags.out : 'demo-city');
  const num = (k: string): number | undefined => {
    const v = args.flags[k];
    if (v === undefined) return undefined;
    const x = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!(x >= (k === 'seed' ? 0 : 1)) || !Number.isSafeInteger(x)) {
      throw new EngineError('bad-argument', `--${k} must be a whole number${k === 'seed' ? '' : ' ≥ 1'}, got ${v === true ? 'nothing' : JSON.stringify(v)}`);
    }
    return x;
  };
  const parcels = num('parcels');
  const units = num('units') ?? (parcels !== undefined ? Math.max(1, Math.min(100, Math.floor(parcels / 8))) : undefined);
  const city = generateDemoCity({ parcels, pois: num('pois'), seed: num('seed'), units });
  mkdirSync(outDir, { recursive: true });
  const config = city.config;
  const names: Array<[LayerSource | undefined, FeatureCollection | undefined]> = [
    [config.layers.parcels, city.layers.parcels],
    ['generate' in config.layers.units ? undefined : (config.layers.units as LayerSource), city.layers.units],
    ...(config.layers.pois ?? []).map((p, i) => [p, city.layers.pois?.[i]] as [LayerSource, FeatureCollection | undefined]),
    ...(config.layers.roads ?? []).map((p, i) => [p, city.layers.roads?.[i]] as [LayerSource, FeatureCollection | undefined]),
    [config.layers.population, city.layers.population],
  ];
  for (const [src, fc] of names) if (src?.path && fc) await writeCollection(join(outDir, src.path), fc);
  const out = createWriteStream(join(outDir, 'config.json'));
  out.end(JSON.stringify(config, null, 2) + '\n');
  await once(out, 'finish');
  process.stderr.write(`wrote the generated demo city (${city.layers.parcels.features.length} parcels) to ${outDir}\nrun it with: npx carbon-balance run ${join(outDir, 'config.json')} --out ${join(outDir, 'out')}\n`);
  return 0;
}

/** Entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.help || !args.command || args.command === 'help') {
    process.stdout.write(HELP);
    return args.command || args.flags.help ? 0 : 1;
  }
  const allowed = FLAGS[args.command];
  const unknown = allowed ? Object.keys(args.flags).filter((f) => !allowed.includes(f)) : [];
  if (unknown.length > 0) {
    process.stderr.write(`carbon-balance ${args.command}: unknown option ${unknown.map((f) => `--${f}`).join(', ')} (known: ${allowed.map((f) => `--${f}`).join(', ')})\n`);
    return 1;
  }
  try {
    switch (args.command) {
      case 'run': return await commandRun(args);
      case 'validate': return await commandValidate(args);
      case 'demo': return await commandDemo(args);
      default:
        process.stderr.write(`carbon-balance: unknown command ${JSON.stringify(args.command)}\n\n${HELP}`);
        return 1;
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`carbon-balance: invalid input:\n${e.issues.map(formatIssue).join('\n')}\n`);
      return 1;
    }
    if (e instanceof EngineError) {
      process.stderr.write(`carbon-balance: ${e.message} [${e.code}]\n`);
      return 1;
    }
    throw e;
  }
}


