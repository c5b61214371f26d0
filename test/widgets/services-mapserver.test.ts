/**
 * The element reads its parcels and units from a real MapServer 8 through WFS 2.0 (started by
 * the wtr config's `cbm-mapserver` command, scripts/mapserver.mjs), cross-origin (the page is on
 * localhost, MapServer on 127.0.0.1 with Access-Control-Allow-Origin: *). POIs, roads and
 * buildings come from the shared files. The report equals the one from the same files given as
 * properties: the same feature counts, the same tonnes in every unit (MapServer's GeoJSON and GML
 * 3.2 carry the files' coordinates unchanged), the same zone for every municipality.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import type { CityConfig, LayerSource, RunReport, ServiceLayerSource } from '../../src/engine/index.js';

interface MapServerInfo {
  wfsUrl?: string;
  ogcUrl?: string;
  unavailable?: string;
  required?: boolean;
}

const FILES = { landuse: 'landuse.geojson', municipalities: 'municipalities_admin8.geojson', pois: 'poi_points.geojson', roads: 'roads.geojson', buildings: 'buildings.geojson' };

async function sharedLayer(name: keyof typeof FILES): Promise<string> {
  const text = await executeServerCommand<string | null, { file: string }>('cbm-shared-layer', { file: FILES[name] });
  if (!text) throw new Error(`shared layer ${name} absent`);
  return text;
}

async function runElement(setup: (el: CarbonBalanceMap) => void): Promise<CarbonBalanceMap> {
  const el = document.createElement('carbon-balance-map');
  el.setAttribute('lang', 'en');
  el.setAttribute('style', 'width: 800px; height: 500px; display: block;');
  setup(el);
  const done = new Promise<void>((resolve, reject) => {
    el.addEventListener('cbm-run-complete', () => resolve(), { once: true });
    el.addEventListener('cbm-run-error', (e) => reject(new Error(`${(e as CustomEvent).detail.code}: ${(e as CustomEvent).detail.message}`)), { once: true });
    setTimeout(() => reject(new Error('no run within 60 s')), 60_000);
  });
  document.body.appendChild(el);
  try {
    await done;
    await el.whenRendered();
  } catch (e) {
    el.remove();
    throw e;
  }
  return el;
}

/** Same report: feature counts, city totals, every unit's tonnes (to a micro-tonne) and zone. */
function assertSameReport(a: RunReport, b: RunReport, what: string): void {
  for (const [k, v] of Object.entries(a.layers)) expect(b.layers[k]?.features, `${what} ${k}`).to.equal(v.features);
  for (const k of ['grossT', 'sinkT', 'netT', 'unallocatedT'] as const) expect(Math.abs(a.totals[k] - b.totals[k]), `${what} ${k}`).to.be.at.most(1e-6);
  expect(b.units.length).to.equal(11);
  const byName = new Map(b.units.map((u) => [u.name, u]));
  for (const u of a.units) {
    const v = byName.get(u.name)!;
    expect(v, `${what} ${u.name}`).to.exist;
    expect(v.zone, `${what} zone of ${u.name}`).to.equal(u.zone);
    for (const k of ['emissionT', 'sinkT', 'netT'] as const) expect(Math.abs(u[k] - v[k]), `${what} ${u.name} ${k}`).to.be.at.most(1e-6);
  }
  expect(b.zones).to.deep.equal(a.zones);
}

describe('parcels and units from a real MapServer 8 (WFS 2.0)', function () {
  this.timeout(120_000);
  let info: MapServerInfo;
  let config: CityConfig;
  let fileReport: RunReport;
  const blobUrls: string[] = [];
  /** The config with parcels and units from the WFS, the other layers from blob: URLs of the shared files. */
  let withWfs: (service: (name: string) => ServiceLayerSource) => CityConfig;

  before(async function () {
    info = await executeServerCommand<MapServerInfo, Record<string, never>>('cbm-mapserver', {});
    if (info.unavailable) {
      if (info.required) throw new Error(info.unavailable);
      this.skip();
    }
    config = await fetch('/configs/liechtenstein.json').then((r) => r.json());
    const texts = Object.fromEntries(await Promise.all((Object.keys(FILES) as Array<keyof typeof FILES>).map(async (k) => [k, await sharedLayer(k)] as const)));
    const blob = (k: keyof typeof FILES): string => {
      const u = URL.createObjectURL(new Blob([texts[k]], { type: 'application/geo+json' }));
      blobUrls.push(u);
      return u;
    };
    const urls = { pois: blob('pois'), roads: blob('roads'), buildings: blob('buildings') };
    withWfs = (service) => {
      const c: CityConfig = structuredClone(config);
      const swap = <T extends LayerSource>(src: T, extra: Partial<LayerSource>): T => {
        const { path: _path, ...rest } = src;
        return { ...rest, ...extra } as T;
      };
      c.layers.parcels = swap(c.layers.parcels, { service: service('landuse') });
      c.layers.units = swap(c.layers.units as LayerSource, { service: service('municipalities') });
      c.layers.pois = c.layers.pois!.map((p) => swap(p, { url: urls.pois, format: 'geojson' }));
      c.layers.roads = c.layers.roads!.map((r) => swap(r, { url: urls.roads, format: 'geojson' }));
      c.layers.population = swap(c.layers.population!, { url: urls.buildings, format: 'geojson' });
      return c;
    };
    const parse = (k: keyof typeof FILES): unknown => JSON.parse(texts[k]);
    const el = await runElement((e) => {
      e.config = config;
      e.layers = { parcels: parse('landuse'), units: parse('municipalities'), pois: [parse('pois')], roads: [parse('roads')], population: parse('buildings') } as never;
    });
    fileReport = el.report!;
    el.remove();
  });
  after(() => {
    for (const u of blobUrls) URL.revokeObjectURL(u);
  });

  it('WFS 2.0 GeoJSON in pages of 50 and GML 3.2 (lat/lon URN) in pages of 40: the same report as the files', async () => {
    for (const [format, pageSize] of [
      ['auto', 50],
      ['gml', 40],
    ] as const) {
      const el = await runElement((e) => {
        e.config = withWfs((n) => ({ type: 'wfs', url: info.wfsUrl!, typeName: n, version: '2.0.0', format, pageSize }));
      });
      try {
        assertSameReport(fileReport, el.report!, `WFS 2.0 ${format}`);
        const loaded = (suffix: string) => el.loadedLayers.find((l) => l.name.startsWith(`wfs:${info.wfsUrl}`) && l.name.endsWith(suffix))?.features;
        expect(loaded('#landuse'), `${format} parcels`).to.equal(143);
        expect(loaded('#municipalities'), `${format} units`).to.equal(11);
      } finally {
        el.remove();
      }
    }
  });
});
