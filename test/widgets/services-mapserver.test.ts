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
import type { CityConfig, RunReport, ServiceLayerSource } from '../../src/engine/index.js';
import { replaceSources } from '../support/service-config.js';
import { FILES, runElement, sharedLayerText } from './services-support.js';

interface MapServerInfo {
  wfsUrl?: string;
  ogcUrl?: string;
  unavailable?: string;
  required?: boolean;
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
    const texts = Object.fromEntries(await Promise.all((Object.keys(FILES) as Array<keyof typeof FILES>).map(async (k) => [k, await sharedLayerText(k)] as const)));
    const blob = (k: keyof typeof FILES): string => {
      const u = URL.createObjectURL(new Blob([texts[k]], { type: 'application/geo+json' }));
      blobUrls.push(u);
      return u;
    };
    const urls = { pois: blob('pois'), roads: blob('roads'), buildings: blob('buildings') };
    const file = (url: string) => ({ url, format: 'geojson' as const });
    withWfs = (service) =>
      replaceSources(config, { parcels: { service: service('landuse') }, units: { service: service('municipalities') }, pois: file(urls.pois), roads: file(urls.roads), population: file(urls.buildings) });
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
