/** Reading a city's layers from disk or URLs for the CLI and tests (Node only). */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { EngineError } from '../engine/index.js';
import type { CityConfig, FeatureCollection, LayerData, LayerSource } from '../engine/index.js';

export function readJson(path: string, what: string): unknown {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new EngineError('file-unreadable', `${what}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`); }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try { return JSON.parse(text); } catch (e) { throw new EngineError('file-not-json', `${what}: ${path} is not valid JSON (${(e as Error).message})`); }
}

async function readLayer(source: LayerSource | undefined, baseDir: string, role: string): Promise<FeatureCollection | undefined> {
  if (!source) return undefined;
  if (source.format && source.format !== 'geojson' && source.format !== 'auto') throw new EngineError('format-unsupported', `${role}: format ${JSON.stringify(source.format)} is not supported yet (use geojson)`);
  let data: unknown;
  if (source.path) {
    const p = isAbsolute(source.path) ? source.path : resolve(baseDir, source.path);
    data = readJson(p, role);
  } else if (source.url) {
    const res = await fetch(source.url);
    if (!res.ok) throw new EngineError('fetch-failed', `${role}: ${source.url} answered HTTP ${res.status}`);
    data = await res.json();
  } else return undefined;
  const fc = data as FeatureCollection;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new EngineError('not-feature-collection', `${role}: ${source.path ?? source.url} is not a GeoJSON FeatureCollection`);
  }
  return fc;
}

/** Read every layer a config names, relative to the config's folder. */
export async function loadLayers(config: CityConfig, baseDir: string): Promise<LayerData> {
  const l = config.layers;
  return {
    parcels: (await readLayer(l.parcels, baseDir, 'parcels'))!,
    units: 'generate' in l.units ? undefined : await readLayer(l.units as LayerSource, baseDir, 'units'),
    pois: l.pois ? await Promise.all(l.pois.map((p, i) => readLayer(p, baseDir, `pois[${i}]`).then((fc) => fc ?? { type: 'FeatureCollection' as const, features: [] }))) : undefined,
    roads: l.roads ? await Promise.all(l.roads.map((r, i) => readLayer(r, baseDir, `roads[${i}]`).then((fc) => fc ?? { type: 'FeatureCollection' as const, features: [] }))) : undefined,
    population: await readLayer(l.population, baseDir, 'population'),
  };
}

