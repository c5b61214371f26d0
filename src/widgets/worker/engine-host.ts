/**
 * The worker's side of the protocol, independent of the worker global so it can be tested and,
 * where Workers are unavailable, run on the page. Holds the loaded layers by name, runs the
 * engine, and answers with compact results.
 */
import { run, generateDemoCity, readLayerBytes, registerBinaryReaders } from '../../engine/index.js';
import type { CityConfig, Feature, FeatureCollection, Geometry, Issue, LayerData, LayerFiles, LayerSource, Position, RunResult } from '../../engine/index.js';

// FlatGeobuf (and GeoPackage, when sql.js can be loaded) through the same reader registry as the CLI.
registerBinaryReaders();
import type {
  FieldSummary,
  FlatParcelGeometry,
  LayerInput,
  LayerSummary,
  ValueRow,
  WorkerRequest,
  WorkerResponse,
} from './protocol.js';
import { sourceName } from './source-name.js';
import { loadServiceLayer } from '../../services/load.js';
import type { ServiceLayerSource } from '../../engine/index.js';
import type { ServiceRequestInit } from './protocol.js';
import { toParcelColumns } from '../layers/parcel-table.js';
import { buildLandUsePreview } from './land-use-preview.js';

type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

const EARTH_RADIUS_M = 6378137;
const MAX_MERCATOR_LAT = 85.05112878;
const DISTINCT_CAP = 10_000;

/** Spherical area of a lon/lat ring, m² (the formula of Chamberlain & Duquette 2007, as turf uses). */
function ringAreaM2(ring: Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p1 = ring[i];
    const p2 = ring[(i + 1) % n];
    const p3 = ring[(i + 2) % n];
    total += ((p3[0] - p1[0]) * Math.PI / 180) * Math.sin((p2[1] * Math.PI) / 180);
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

function polygonAreaM2(rings: Position[][]): number {
  if (rings.length === 0) return 0;
  let a = ringAreaM2(rings[0]);
  for (let i = 1; i < rings.length; i++) a -= ringAreaM2(rings[i]);
  return Math.max(0, a);
}

/** Area of a WGS84 geometry on the sphere, m²; 0 for points and lines. */
export function geometryAreaM2(g: Geometry | null): number {
  if (!g) return 0;
  switch (g.type) {
    case 'Polygon':
      return polygonAreaM2(g.coordinates);
    case 'MultiPolygon':
      return g.coordinates.reduce((s, p) => s + polygonAreaM2(p), 0);
    case 'GeometryCollection':
      return g.geometries.reduce((s, x) => s + geometryAreaM2(x), 0);
    default:
      return 0;
  }
}

function valueText(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Fields present in a layer, their types and a few sample values. */
export function summariseLayer(name: string, fc: FeatureCollection): LayerSummary {
  const geometryTypes = new Set<string>();
  const fields = new Map<string, { types: Set<string>; distinct: Set<string>; samples: string[] }>();
  for (const f of fc.features) {
    if (f.geometry) geometryTypes.add(f.geometry.type);
    const props = f.properties;
    if (!props) continue;
    for (const key of Object.keys(props)) {
      let s = fields.get(key);
      if (!s) {
        s = { types: new Set(), distinct: new Set(), samples: [] };
        fields.set(key, s);
      }
      const v = props[key];
      const text = valueText(v);
      if (text === null) continue;
      s.types.add(typeof v);
      if (s.distinct.size < DISTINCT_CAP && !s.distinct.has(text)) {
        s.distinct.add(text);
        if (s.samples.length < 5) s.samples.push(text);
      }
    }
  }
  const out: FieldSummary[] = [];
  for (const [key, s] of fields) {
    const types = [...s.types];
    const type: FieldSummary['type'] =
      types.length === 0 ? 'empty' : types.length > 1 ? 'mixed' : types[0] === 'number' ? 'number' : types[0] === 'boolean' ? 'boolean' : 'string';
    out.push({ name: key, type, samples: s.samples, distinct: s.distinct.size, distinctCapped: s.distinct.size >= DISTINCT_CAP });
  }
  return { name, features: fc.features.length, geometryTypes: [...geometryTypes].sort(), fields: out };
}

/** Distinct values of one field with their feature count and area, largest area first. */
export function valueTable(fc: FeatureCollection, field: string): ValueRow[] {
  const rows = new Map<string, ValueRow>();
  for (const f of fc.features) {
    const text = valueText(f.properties?.[field]) ?? '';
    let row = rows.get(text);
    if (!row) {
      row = { value: text, count: 0, areaM2: 0 };
      rows.set(text, row);
    }
    row.count += 1;
    row.areaM2 += geometryAreaM2(f.geometry);
  }
  return [...rows.values()].sort((a, b) => b.areaM2 - a.areaM2 || b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * Parcel polygons as flat Web-Mercator arrays (see {@link FlatParcelGeometry}): one pass counts
 * positions, rings and polygons, a second projects straight into typed arrays of that size.
 */
export function flattenParcels(features: Feature[]): FlatParcelGeometry {
  let positions = 0;
  let rings = 0;
  let polygons = 0;
  const countGeometry = (g: Geometry | null): void => {
    if (!g) return;
    if (g.type === 'Polygon') {
      polygons++;
      rings += g.coordinates.length;
      for (const ring of g.coordinates) positions += ring.length;
    } else if (g.type === 'MultiPolygon') {
      for (const p of g.coordinates) countGeometry({ type: 'Polygon', coordinates: p });
    } else if (g.type === 'GeometryCollection') {
      for (const x of g.geometries) countGeometry(x);
    }
  };
  for (const f of features) countGeometry(f.geometry);
  const coords = new Float64Array(positions * 2);
  const ringEnds = new Uint32Array(rings);
  const polygonRings = new Uint32Array(polygons + 1);
  const featurePolygons = new Uint32Array(features.length + 1);
  let c = 0;
  let r = 0;
  let pg = 0;
  const addPolygon = (polygon: Position[][]): void => {
    for (const ring of polygon) {
      for (const p of ring) {
        const lat = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, p[1]));
        coords[c++] = (EARTH_RADIUS_M * p[0] * Math.PI) / 180;
        coords[c++] = EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
      }
      ringEnds[r++] = c;
    }
    polygonRings[++pg] = r;
  };
  const addGeometry = (g: Geometry | null): void => {
    if (!g) return;
    if (g.type === 'Polygon') addPolygon(g.coordinates);
    else if (g.type === 'MultiPolygon') for (const p of g.coordinates) addPolygon(p);
    else if (g.type === 'GeometryCollection') for (const x of g.geometries) addGeometry(x);
  };
  for (let i = 0; i < features.length; i++) {
    addGeometry(features[i].geometry);
    featurePolygons[i + 1] = pg;
  }
  return { coords, ringEnds, polygonRings, featurePolygons };
}

function isFeatureCollection(x: unknown): x is FeatureCollection {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'FeatureCollection' && Array.isArray((x as { features?: unknown }).features);
}

/**
 * Reads one file or collection with the engine's readers (GeoJSON, zipped or loose Shapefile,
 * CSV/TSV, FlatGeobuf), the same code the CLI uses: the result is the same features and the
 * same issues in the page as on the command line. An error issue (a projected file with no CRS,
 * a broken zip, …) stops the load with its message; the others go into the run report.
 */
async function readLayer(name: string, input: LayerInput | LayerFiles, options: Record<string, unknown> = {}): Promise<{ fc: FeatureCollection; issues: Issue[] }> {
  if (!(input instanceof Blob) && !isLayerFiles(input)) {
    if (!isFeatureCollection(input)) throw Object.assign(new Error(`${name} is not a GeoJSON FeatureCollection`), { code: 'not-geojson' });
    return { fc: input, issues: [] };
  }
  const bytes = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input;
  const read = await readLayerBytes(bytes, { ...options, fileName: name, layer: name });
  const errors = read.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw Object.assign(new Error(errors.map((i) => i.message).join('\n')), { code: errors[0].code, issues: read.issues });
  // A CRS read from a .prj or a legacy member travels with the features, as in the CLI.
  const fc = read.crs && !read.fc.crs ? { ...read.fc, crs: { type: 'name', properties: { name: read.crs } } } : read.fc;
  return { fc, issues: read.issues };
}

function isLayerFiles(x: unknown): x is LayerFiles {
  return typeof x === 'object' && x !== null && !(x instanceof Blob) && !(x as { type?: unknown }).type && Object.values(x).every((v) => v instanceof Uint8Array);
}

const SHAPEFILE_PART = /\.(shp|shx|dbf|prj|cpg)$/i;

/** Loose Shapefile parts dropped together become one layer named after the .shp. */
async function groupShapefileParts(files: Record<string, LayerInput>): Promise<Record<string, LayerInput | LayerFiles>> {
  const out: Record<string, LayerInput | LayerFiles> = {};
  const parts = new Map<string, LayerFiles>();
  for (const [name, input] of Object.entries(files)) {
    if (input instanceof Blob && SHAPEFILE_PART.test(name)) {
      const stem = name.replace(SHAPEFILE_PART, '').toLowerCase();
      const group = parts.get(stem) ?? {};
      group[name] = new Uint8Array(await input.arrayBuffer());
      parts.set(stem, group);
    } else out[name] = input;
  }
  for (const group of parts.values()) {
    const shp = Object.keys(group).find((n) => /\.shp$/i.test(n));
    if (shp) out[shp] = group;
    else for (const [n, b] of Object.entries(group)) out[n] = new Blob([b as Uint8Array<ArrayBuffer>]);
  }
  return out;
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'failed';
}

/**
 * Handles the requests of one element. Runs are serialised; a newer run marks older ones
 * aborted (the engine checks the flag between stages) and their results are never sent.
 */
export class EngineHost {
  private readonly layers = new Map<string, FeatureCollection>();
  private registryVersion = 0;
  private latestRunId = -1;
  private current: { requestId: number; flag: { aborted: boolean } } | null = null;
  private chain: Promise<void> = Promise.resolve();
  private sentGeometryKey: string | null = null;
  private sentParcelIds: string[] | null = null;
  /** Grid and unit feature ids of the last result, with the geometry key they were drawn under. */
  private sentGridIds: { key: string; ids: string[] } | null = null;
  private sentUnitIds: { key: string; ids: string[] } | null = null;
  /** Aborts the service downloads of the load in progress (`cancel-load`). */
  private loadAbort: AbortController | null = null;

  constructor(private readonly post: Post) {}

  handle(msg: WorkerRequest): void {
    switch (msg.type) {
      case 'run':
        this.latestRunId = msg.requestId;
        if (this.current) this.current.flag.aborted = true;
        this.enqueue(msg.requestId, () => this.runOnce(msg.requestId, msg.config));
        return;
      case 'cancel':
        if (this.current && this.current.requestId <= msg.requestId) this.current.flag.aborted = true;
        if (this.latestRunId <= msg.requestId) this.latestRunId = -1;
        return;
      case 'load-demo':
        this.enqueue(msg.requestId, async () => this.loadDemo(msg.requestId, msg.options));
        return;
      case 'load-config-url':
        this.enqueue(msg.requestId, () => this.loadConfigUrl(msg.requestId, msg.url, msg.service));
        return;
      case 'load-config':
        this.enqueue(msg.requestId, () => this.loadConfigLayers(msg.requestId, msg.config, msg.baseUrl, msg.service));
        return;
      case 'cancel-load':
        this.loadAbort?.abort();
        return;
      case 'load-layers':
        this.enqueue(msg.requestId, () => this.loadLayers(msg.requestId, msg.layers));
        return;
      case 'values':
        this.enqueue(msg.requestId, async () => {
          const fc = this.layers.get(msg.layer);
          this.post({ type: 'values', requestId: msg.requestId, rows: fc ? valueTable(fc, msg.field) : [] });
        });
        return;
    }
  }

  private enqueue(requestId: number, task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((e: unknown) => {
      this.post({ type: 'error', requestId, code: errorCode(e), message: e instanceof Error ? e.message : String(e), issues: (e as { issues?: [] })?.issues });
    });
  }

  private register(name: string, fc: FeatureCollection): void {
    this.layers.set(name, fc);
    this.registryVersion += 1;
  }

  private summaries(): LayerSummary[] {
    return [...this.layers].map(([name, fc]) => summariseLayer(name, fc));
  }

  private loadDemo(requestId: number, options: Record<string, unknown>): void {
    const demo = generateDemoCity(options);
    const config = this.registerLayerData(demo.config, demo.layers);
    this.post({ type: 'loaded', requestId, config, layers: this.summaries() });
  }

  /**
   * Registers the layers of a {@link LayerData} under the names the config gives them; a layer
   * with no path or url gets `<role>.geojson` written into a copy of the config.
   */
  private registerLayerData(config: CityConfig, data: LayerData): CityConfig {
    const c: CityConfig = structuredClone(config);
    const name = (src: { path?: string; url?: string }, fallback: string): string => {
      const n = sourceName(src);
      if (n) return n;
      src.path = fallback;
      return fallback;
    };
    this.register(name(c.layers.parcels, 'parcels.geojson'), data.parcels);
    if (data.units && !('generate' in c.layers.units)) this.register(name(c.layers.units, 'units.geojson'), data.units);
    c.layers.pois?.forEach((p, i) => data.pois?.[i] && this.register(name(p, `pois-${i + 1}.geojson`), data.pois[i]));
    c.layers.roads?.forEach((r, i) => data.roads?.[i] && this.register(name(r, `roads-${i + 1}.geojson`), data.roads[i]));
    if (c.layers.population && data.population) this.register(name(c.layers.population, 'population.geojson'), data.population);
    return c;
  }

  private async loadConfigUrl(requestId: number, url: string, service?: ServiceRequestInit): Promise<void> {
    const response = await fetch(url);
    if (!response.ok) throw Object.assign(new Error(`${url}: HTTP ${response.status}`), { code: 'fetch-failed' });
    const config = (await response.json()) as CityConfig;
    await this.loadConfigLayers(requestId, config, new URL(url, self.location.href).href, service);
  }

  /**
   * Fetches every layer a config names that is not loaded yet, relative to `baseUrl`; `service`
   * layers (WFS, OGC API Features) are read page by page with the host's headers, reporting
   * download progress (stage `download`) and stopping on `cancel-load`.
   */
  private async loadConfigLayers(requestId: number, config: CityConfig, baseUrl: string, service: ServiceRequestInit = {}): Promise<void> {
    const sources: LayerSource[] = [config.layers?.parcels];
    if (config.layers?.units && !('generate' in config.layers.units)) sources.push(config.layers.units);
    sources.push(...(config.layers?.pois ?? []), ...(config.layers?.roads ?? []));
    if (config.layers?.population) sources.push(config.layers.population);
    const abort = new AbortController();
    this.loadAbort = abort;
    // Download progress over every service layer: features read / features announced.
    const progress = new Map<string, { features: number; total: number | null }>();
    const report = (): void => {
      let done = 0;
      let total = 0;
      for (const p of progress.values()) {
        done += p.features;
        total += p.total ?? Math.max(p.features, 1);
      }
      this.post({ type: 'progress', requestId, stage: 'download', fraction: total > 0 ? Math.min(1, done / total) : 0 });
    };
    try {
      await Promise.all(
        sources.map(async (src) => {
          const name = sourceName(src);
          if (!name || this.layers.has(name)) return;
          if (src.service && !src.path && !src.url) {
            progress.set(name, { features: 0, total: null });
            const r = await loadServiceLayer(src.service, {
              ...service,
              baseUrl,
              signal: abort.signal,
              onProgress: (p) => {
                progress.set(name, { features: p.features, total: p.total });
                report();
              },
            });
            this.register(name, r.fc);
            return;
          }
          const r = await fetch(new URL(name, baseUrl));
          if (!r.ok) throw Object.assign(new Error(`${name}: HTTP ${r.status}`), { code: 'fetch-failed' });
          const read = await readLayer(name, await r.blob(), { format: src.format, encoding: src.encoding, layerName: src.layerName, xField: src.xField, yField: src.yField, delimiter: src.delimiter });
          this.readIssues.set(name, read.issues);
          this.register(name, read.fc);
        }),
      );
    } catch (e) {
      abort.abort();
      throw e;
    } finally {
      if (this.loadAbort === abort) this.loadAbort = null;
    }
    this.post({ type: 'loaded', requestId, config, layers: this.summaries() });
  }

  private async loadLayers(requestId: number, layers: Record<string, LayerInput>): Promise<void> {
    for (const [name, input] of Object.entries(await groupShapefileParts(layers))) {
      const r = await readLayer(name, input);
      this.readIssues.set(name, r.issues);
      this.register(name, r.fc);
    }
    this.post({ type: 'loaded', requestId, config: null, layers: this.summaries() });
  }

  private layerData(config: CityConfig): LayerData {
    const get = (src: { path?: string; url?: string; service?: ServiceLayerSource } | undefined, role: string): FeatureCollection => {
      const name = sourceName(src);
      const fc = name ? this.layers.get(name) : undefined;
      if (!fc) throw Object.assign(new Error(`The ${role} layer ${name ?? '(none)'} is not loaded`), { code: 'layer-not-loaded' });
      return fc;
    };
    const l = config.layers;
    const data: LayerData = {
      parcels: get(l.parcels, 'parcels'),
      units: 'generate' in l.units ? undefined : get(l.units, 'units'),
      pois: l.pois?.map((p, i) => get(p, `POI ${i + 1}`)),
      roads: l.roads?.map((r, i) => get(r, `roads ${i + 1}`)),
      population: l.population ? get(l.population, 'population') : undefined,
    };
    // The engine reuses its projected layers, overlay and weights for the same LayerData object:
    // hand it the previous one when every collection is the same (a land-use remap).
    const prev = this.lastLayerData;
    const same = (a: FeatureCollection[] | undefined, b: FeatureCollection[] | undefined) =>
      (a ?? []).length === (b ?? []).length && (a ?? []).every((fc, i) => fc === b![i]);
    if (prev && prev.parcels === data.parcels && prev.units === data.units && prev.population === data.population
      && same(prev.pois, data.pois) && same(prev.roads, data.roads)) return prev;
    this.lastLayerData = data;
    return data;
  }

  private lastLayerData: LayerData | null = null;
  /** What the readers said about each loaded file, carried into the run report. */
  private readonly readIssues = new Map<string, Issue[]>();

  private usedLayerNames(config: CityConfig): string[] {
    const l = config.layers;
    const srcs = [l.parcels, 'generate' in l.units ? undefined : l.units, ...(l.pois ?? []), ...(l.roads ?? []), l.population];
    return srcs.map((x) => (x ? sourceName(x) : null)).filter((x): x is string => !!x);
  }

  /** Geometry key of the last land-use preview sent (one per set of parcel and unit layers). */
  private sentPreviewKey: string | null = null;

  private geometryKeyOf(config: CityConfig): string {
    const l = config.layers;
    return JSON.stringify([this.registryVersion, sourceName(l.parcels), 'generate' in l.units ? l.units : sourceName(l.units), config.workingCrs ?? 'auto']);
  }

  /**
   * Before a run whose result will carry new parcel geometry (the first run on these layers),
   * sends the land-use preview so the page can draw a first map while the engine computes.
   */
  private sendPreview(requestId: number, config: CityConfig, layers: LayerData): void {
    const key = this.geometryKeyOf(config);
    if (key === this.sentGeometryKey || key === this.sentPreviewKey) return;
    const started = performance.now();
    let preview;
    try {
      preview = buildLandUsePreview(config, layers.parcels, layers.units, flattenParcels);
    } catch {
      preview = null; // The preview is a courtesy: the run reports any data problem.
    }
    if (!preview) return;
    this.sentPreviewKey = key;
    const g = preview.geometry;
    this.post(
      { type: 'preview', requestId, preview, previewMs: performance.now() - started },
      [g.coords.buffer, g.ringEnds.buffer, g.polygonRings.buffer, g.featurePolygons.buffer, preview.spaceType.buffer],
    );
  }

  private async runOnce(requestId: number, config: CityConfig): Promise<void> {
    if (requestId !== this.latestRunId) {
      this.post({ type: 'cancelled', requestId });
      return;
    }
    const flag = { aborted: false };
    this.current = { requestId, flag };
    let lastPost = 0;
    const started = performance.now();
    let result: RunResult;
    try {
      const layers = this.layerData(config);
      this.sendPreview(requestId, config, layers);
      const inputIssues = [...new Set(this.usedLayerNames(config))].flatMap((n) => this.readIssues.get(n) ?? []);
      result = await run(config, layers, {
        signal: flag,
        inputIssues,
        parcelOutput: 'columns',
        onProgress: (stage, fraction) => {
          const now = performance.now();
          // At most ~20 progress messages a second: enough for a smooth bar.
          if (now - lastPost < 50 && fraction < 1) return;
          lastPost = now;
          this.post({ type: 'progress', requestId, stage, fraction });
        },
      });
    } catch (e) {
      if (flag.aborted || errorCode(e) === 'aborted') {
        this.post({ type: 'cancelled', requestId });
        return;
      }
      throw e;
    } finally {
      this.current = null;
    }
    const runMs = performance.now() - started;
    if (flag.aborted || requestId !== this.latestRunId) {
      this.post({ type: 'cancelled', requestId });
      return;
    }
    const geometryKey = this.geometryKeyOf(config);
    // The engine hands parcels as typed columns (parcelOutput: 'columns'): no 10⁵ feature
    // objects to build and take apart again after every remap.
    const pc = result.parcelColumns;
    const ids = pc ? pc.values.id : result.parcels.features.map((f) => String(f.properties?.id ?? f.id ?? ''));
    const same =
      geometryKey === this.sentGeometryKey &&
      this.sentParcelIds !== null &&
      this.sentParcelIds.length === ids.length &&
      ids.every((id, i) => id === this.sentParcelIds![i]);
    const geometry = same ? undefined : flattenParcels(pc ? pc.geometries.map((g) => ({ geometry: g }) as Feature) : result.parcels.features);
    // Grid cells and units keep their outlines across a remap: send them once, then values only
    // (the page puts the outlines back). The grid's key includes its cell size: ids are col_row.
    const gridKey = `${geometryKey}|${JSON.stringify(config.gridCellSizeM ?? null)}`;
    const grid = this.elideSameGeometry(result.grid, gridKey, this.sentGridIds);
    this.sentGridIds = grid.sent;
    const units = this.elideSameGeometry(result.units, geometryKey, this.sentUnitIds);
    this.sentUnitIds = units.sent;
    this.sentGeometryKey = geometryKey;
    this.sentParcelIds = ids;
    // Ids and codes as read cannot change while the parcel geometry stays: the page keeps them.
    const values: Record<string, unknown[]> = pc
      ? (same ? { spaceType: pc.values.spaceType } : { id: pc.values.id, code: pc.values.code, spaceType: pc.values.spaceType })
      : {};
    const columns = pc
      ? { length: pc.length, numbers: { ...pc.numbers }, values }
      : toParcelColumns(result.parcels.features.map((f) => f.properties));
    const transfer: Transferable[] = Object.values(columns.numbers).map((c) => c.buffer);
    if (geometry) transfer.push(geometry.coords.buffer, geometry.ringEnds.buffer, geometry.polygonRings.buffer, geometry.featurePolygons.buffer);
    this.post(
      {
        type: 'result', requestId, units: units.fc, grid: grid.fc, unitsGeometrySame: units.same, gridGeometrySame: grid.same,
        parcels: { geometry, columns, sameRows: same && !!pc }, report: result.report, runMs,
      },
      transfer,
    );
  }

  /**
   * The collection with `geometry: null` on every feature when the same ids were last sent under
   * the same geometry key (the page still holds those outlines), else as it is.
   */
  private elideSameGeometry(fc: FeatureCollection, key: string, last: { key: string; ids: string[] } | null): { fc: FeatureCollection; same: boolean; sent: { key: string; ids: string[] } } {
    const ids = fc.features.map((f) => String(f.id));
    const same = last !== null && last.key === key && last.ids.length === ids.length && ids.every((id, i) => id === last.ids[i]);
    const sent = { key, ids };
    if (!same) return { fc, same, sent };
    return { fc: { type: 'FeatureCollection', features: fc.features.map((f) => ({ type: 'Feature', id: f.id, geometry: null, properties: f.properties })) }, same, sent };
  }
}
