/** Reading a city's layers from disk or URLs for the CLI and tests (Node only). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { EngineError } from '../engine/index.js';
import type { CityConfig, FeatureCollection, Issue, LayerData, LayerSource } from '../engine/index.js';
import { readLayerBytes } from '../engine/io/readers/index.js';
import type { LayerFiles, ReadLayerResult } from '../engine/io/readers/index.js';
import { registerBinaryReaders } from '../engine/io/formats/index.js';
import { loadServiceLayer } from '../services/index.js';
import type { ServiceRequestOptions } from '../services/index.js';

export function readJson(path: string, what: string): unknown {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new EngineError('file-unreadable', `${what}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`); }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try { return JSON.parse(text); } catch (e) { throw new EngineError('file-not-json', `${what}: ${path} is not valid JSON (${(e as Error).message})`); }
}

/** The parts of a Shapefile besides the .shp, read when a config names a loose .shp. */
const SHAPEFILE_PARTS = ['.dbf', '.shx', '.prj', '.cpg'];

let binaryReadersRegistered = false;

function readBytes(path: string, role: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new EngineError('file-unreadable', `${role}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** A loose .shp and its sibling parts (matched case-insensitively: `A.SHP` with `a.dbf`). */
function readShapefileParts(path: string, role: string): LayerFiles {
  const files: LayerFiles = { [basename(path)]: readBytes(path, role) };
  const stem = basename(path, extname(path)).toLowerCase();
  const folder = dirname(path);
  for (const name of existsSync(folder) ? readdirSync(folder) : []) {
    const ext = extname(name).toLowerCase();
    if (SHAPEFILE_PARTS.includes(ext) && basename(name, extname(name)).toLowerCase() === stem) files[name] = readBytes(join(folder, name), role);
  }
  return files;
}

async function fetchBytes(url: string, role: string, optional = false): Promise<Uint8Array | undefined> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    if (optional) return undefined;
    throw new EngineError('fetch-failed', `${role}: ${url} could not be fetched (${(e as Error).message})`);
  }
  if (!res.ok) {
    if (optional) return undefined;
    throw new EngineError('fetch-failed', `${role}: ${url} answered HTTP ${res.status}`);
  }
  return new Uint8Array(await res.arrayBuffer());
}

/** Reads a `service` source (WFS / OGC API Features) into lon/lat GeoJSON; service notes become info issues. */
async function readServiceLayer(source: LayerSource, role: string, serviceOptions: ServiceRequestOptions): Promise<ReadLayerResult> {
  const service = source.service!;
  let r;
  try {
    r = await loadServiceLayer(service, serviceOptions);
  } catch (e) {
    throw new EngineError('fetch-failed', `${role}: ${(e as Error).message}`);
  }
  const issues: Issue[] = r.notes.map((n): Issue => ({ code: 'service-note', severity: 'info', layer: role, message: `${role} (${r.via}): ${n}` }));
  return { fc: r.fc, crs: null, issues };
}

async function readLayer(source: LayerSource | undefined, baseDir: string, role: string, serviceOptions: ServiceRequestOptions = {}): Promise<ReadLayerResult | undefined> {
  if (!source) return undefined;
  if (source.service && !source.path && !source.url) return readServiceLayer(source, role, serviceOptions);
  const options = {
    format: source.format, encoding: source.encoding, layerName: source.layerName, xField: source.xField,
    yField: source.yField, delimiter: source.delimiter, crs: source.crs, layer: role,
  };
  let result: ReadLayerResult;
  if (source.path) {
    const p = isAbsolute(source.path) ? source.path : resolve(baseDir, source.path);
    const input = /\.shp$/i.test(p) ? readShapefileParts(p, role) : readBytes(p, role);
    result = await readLayerBytes(input, { ...options, fileName: basename(p) });
  } else if (source.url) {
    const fileName = source.url.replace(/[?#].*$/, '').split('/').pop() || source.url;
    if (/\.shp$/i.test(fileName)) {
      const files: LayerFiles = { [fileName]: (await fetchBytes(source.url, role))! };
      for (const ext of SHAPEFILE_PARTS) {
        const url = source.url.replace(/\.shp(?=([?#].*)?$)/i, ext);
        const b = await fetchBytes(url, role, true);
        if (b) files[fileName.replace(/\.shp$/i, ext)] = b;
      }
      result = await readLayerBytes(files, { ...options, fileName });
    } else {
      result = await readLayerBytes((await fetchBytes(source.url, role))!, { ...options, fileName });
    }
  } else return undefined;

  // The CRS the file states (.prj, GeoJSON crs member, FlatGeobuf/GeoPackage SRS) travels in the
  // collection's legacy crs member, where the engine reads it; the config's crs still wins there.
  if (result.crs !== null && (result.fc.crs === undefined || result.fc.crs === null)) {
    result = { ...result, fc: { ...result.fc, crs: { type: 'name', properties: { name: result.crs } } } };
  }
  return result;
}

/** Layers read for a config, with every issue the readers reported. */
export interface LoadedLayers {
  layers: LayerData;
  /** Reader issues (encodings used, CRS found, cells that failed, …), each with `layer` set to the role. */
  issues: Issue[];
}

/**
 * Read every layer a config names, relative to the config's folder, in any supported format
 * (GeoJSON, zipped or loose Shapefile, CSV/TSV, FlatGeobuf, GeoPackage) or from a `service`
 * (WFS, OGC API Features; `options.service` carries headers, timeout and progress for those),
 * returning the readers' issues beside the layers. Throws `EngineError` only when a file cannot
 * be read or fetched at all; data problems are issues.
 */
export async function loadLayersWithIssues(config: CityConfig, baseDir: string, options: { service?: ServiceRequestOptions } = {}): Promise<LoadedLayers> {
  const so = options.service ?? {};
  if (!binaryReadersRegistered) {
    registerBinaryReaders();
    binaryReadersRegistered = true;
  }
  const l = config.layers;
  const issues: Issue[] = [];
  const fcOf = (r: ReadLayerResult | undefined): FeatureCollection | undefined => {
    if (r) issues.push(...r.issues);
    return r?.fc;
  };
  const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });
  const parcels = fcOf(await readLayer(l.parcels, baseDir, 'parcels', so))!;
  const units = 'generate' in l.units ? undefined : fcOf(await readLayer(l.units as LayerSource, baseDir, 'units', so));
  const pois = l.pois ? await Promise.all(l.pois.map((p, i) => readLayer(p, baseDir, `pois[${i}]`, so))) : undefined;
  const roads = l.roads ? await Promise.all(l.roads.map((r, i) => readLayer(r, baseDir, `roads[${i}]`, so))) : undefined;
  const layers: LayerData = {
    parcels,
    units,
    pois: pois?.map((r) => fcOf(r) ?? empty()),
    roads: roads?.map((r) => fcOf(r) ?? empty()),
    population: fcOf(await readLayer(l.population, baseDir, 'population', so)),
  };
  return { layers, issues };
}

/** Options of {@link loadLayers}. */
export interface LoadLayersOptions {
  /** Receives the readers' issues; default: warnings are written to stderr (errors throw). */
  onIssues?: (issues: Issue[]) => void;
}

/**
 * Read every layer a config names (see {@link loadLayersWithIssues}). Kept for callers that want
 * only the layers: a reader error (a file that is not valid JSON, a broken zip, projected
 * coordinates without a CRS, …) throws `EngineError` `layer-unreadable` listing them.
 */
export async function loadLayers(config: CityConfig, baseDir: string, options: LoadLayersOptions = {}): Promise<LayerData> {
  const { layers, issues } = await loadLayersWithIssues(config, baseDir);
  if (options.onIssues) options.onIssues(issues);
  else {
    for (const i of issues) if (i.severity === 'warning') process.stderr.write(`  ${i.severity.padEnd(7)} ${i.code}: ${i.message}\n`);
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new EngineError('layer-unreadable', errors.map((i) => `${i.code}: ${i.message}`).join('\n'));
  return layers;
}
