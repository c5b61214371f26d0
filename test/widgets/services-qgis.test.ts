/**
 * The element reads its layers from a real QGIS Server (started by the wtr config's `cbm-qgis`
 * command, scripts/qgis-server.mjs): WFS 1.1 and OGC API Features, cross-origin through the
 * server's CORS filter plugin. The report equals the one from the same files given as
 * properties: same feature counts, city totals within a tonne (QGIS rounds GeoJSON to 1e-6°, see
 * test/engine/services-qgis.test.ts), the same zone for every municipality.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CityConfig, RunReport, ServiceLayerSource } from '../../src/engine/index.js';
import { ALL_LAYERS, serviceConfig } from '../support/service-config.js';
import { cleanup, create, nextEvent } from './helpers.js';
import { FILES, runElement, sharedLayerText } from './services-support.js';

interface QgisInfo {
  owsUrl?: string;
  ogcUrl?: string;
  base?: string;
  unavailable?: string;
  required?: boolean;
}

async function sharedLayer(name: keyof typeof FILES): Promise<unknown> {
  return JSON.parse(await sharedLayerText(name));
}

function withServices(config: CityConfig, make: (name: string) => ServiceLayerSource): CityConfig {
  return serviceConfig(config, ALL_LAYERS, make);
}

function assertSameReport(a: RunReport, b: RunReport, what: string): void {
  for (const [k, v] of Object.entries(a.layers)) expect(b.layers[k]?.features, `${what} ${k}`).to.equal(v.features);
  for (const k of ['grossT', 'sinkT', 'netT'] as const) expect(Math.abs(a.totals[k] - b.totals[k]), `${what} ${k}`).to.be.at.most(1);
  const zones = (r: RunReport) => Object.fromEntries(r.units.map((u) => [u.name, u.zone]));
  expect(zones(b), what).to.deep.equal(zones(a));
  expect(b.zones).to.deep.equal(a.zones);
}

describe('layers from a real QGIS Server', function () {
  this.timeout(240_000);
  let info: QgisInfo;
  let config: CityConfig;
  let fileReport: RunReport;

  before(async function () {
    info = await executeServerCommand<QgisInfo, Record<string, never>>('cbm-qgis', {});
    if (info.unavailable) {
      if (info.required) throw new Error(info.unavailable);
      this.skip();
    }
    config = await fetch('/configs/liechtenstein.json').then((r) => r.json());
    const [parcels, units, pois, roads, population] = await Promise.all((['landuse', 'municipalities', 'pois', 'roads', 'buildings'] as const).map(sharedLayer));
    const el = await runElement((e) => {
      e.config = config;
      e.layers = { parcels, units, pois: [pois], roads: [roads], population } as never;
    });
    fileReport = el.report!;
    el.remove();
  });
  afterEach(cleanup);

  it('WFS 1.1 (GeoJSON, paged): the same report as the files', async () => {
    const el = await runElement((e) => {
      e.config = withServices(config, (n) => ({ type: 'wfs', url: info.owsUrl!, typeName: n, pageSize: 1000 }));
    });
    try {
      assertSameReport(fileReport, el.report!, 'WFS');
      expect(el.loadedLayers.find((l) => l.name.endsWith('#buildings'))?.features).to.equal(3723);
    } finally {
      el.remove();
    }
  });

  it('OGC API Features (next links): the same report as the files', async () => {
    const el = await runElement((e) => {
      e.config = withServices(config, (n) => ({ type: 'ogcapi-features', url: info.ogcUrl!, collection: n, pageSize: 500 }));
    });
    try {
      assertSameReport(fileReport, el.report!, 'OGC API');
    } finally {
      el.remove();
    }
  });

  it('a service error is reported with its code: unknown layer', async () => {
    const el = create({ attributes: { lang: 'en' } });
    const failed = nextEvent(el, 'cbm-run-error', 60_000);
    el.config = withServices(config, (n) => ({ type: 'wfs', url: info.owsUrl!, typeName: n === 'landuse' ? 'no_such_layer' : n }));
    const e = await failed;
    expect(e.detail.code).to.equal('service-bad-response');
    expect(e.detail.message).to.contain('no_such_layer');
  });
});
