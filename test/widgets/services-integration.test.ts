/**
 * The recipes of docs/integration.md as written there: plain HTML (attributes only), a host page
 * with its own ol/Map taking the results as GeoJSON, the property/event pattern React and Vue
 * use, and a city theme through CSS custom properties. Fixture two-units (see
 * data-sources.test.ts for its hand calculation): W is carbon-sink functional, E carbon-source
 * control.
 */
import { expect } from '@open-wc/testing';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorSource from 'ol/source/Vector.js';
import VectorLayer from 'ol/layer/Vector.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { cleanup, create, nextEvent, hex, near, until } from './helpers.js';

const BASE = '/test/widgets/fixtures/two-units/';

describe('integration recipes', function () {
  this.timeout(60_000);
  afterEach(cleanup);

  it('1. plain HTML: attributes only, report on cbm-run-complete', async () => {
    const el = create({ attributes: { config: `${BASE}city.json`, lang: 'en', basemap: 'none', panel: 'closed' } });
    await nextEvent(el, 'cbm-run-complete');
    expect(el.report!.units.map((u) => u.zone).sort()).to.deep.equal(['carbon-sink-functional', 'carbon-source-control']);
  });

  it('2. a host ol/Map gets the results as GeoJSON and draws the zones', async () => {
    const div = document.createElement('div');
    div.style.cssText = 'width: 400px; height: 300px;';
    document.body.appendChild(div);
    const hostMap = new OlMap({ target: div, view: new View({ center: [0, 0], zoom: 2 }) });
    const ZONE_FILL: Record<string, string> = { 'carbon-source-control': '#ccbb44', 'carbon-sink-functional': '#4477aa' };
    const zones = new VectorLayer({
      source: new VectorSource(),
      style: (f) => new Style({ fill: new Fill({ color: ZONE_FILL[f.get('zone') as string] ?? '#bbbbbb' }), stroke: new Stroke({ color: '#333', width: 1 }) }),
    });
    hostMap.addLayer(zones);
    const el = create({ attributes: { config: `${BASE}city.json`, lang: 'en' } });
    try {
      await nextEvent(el, 'cbm-run-complete');
      const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: hostMap.getView().getProjection() });
      zones.getSource()!.addFeatures(format.readFeatures(el.results!.units));
      expect(zones.getSource()!.getFeatures().length).to.equal(2);
      hostMap.getView().fit(zones.getSource()!.getExtent()!, { padding: [20, 20, 20, 20] });
      hostMap.renderSync();
      // The west unit's fill at its interior point, read from the host map's canvas.
      const west = zones.getSource()!.getFeatures().find((f) => f.get('zone') === 'carbon-sink-functional')!;
      const ext = west.getGeometry()!.getExtent();
      const px = hostMap.getPixelFromCoordinate([(ext[0] + ext[2]) / 2, (ext[1] + ext[3]) / 2]).map(Math.round);
      const canvas = div.querySelector('canvas')!;
      const ratio = window.devicePixelRatio || 1;
      const d = canvas.getContext('2d')!.getImageData(px[0] * ratio, px[1] * ratio, 1, 1).data;
      expect(near([d[0], d[1], d[2]], hex('#4477aa'), 4), String([...d])).to.equal(true);
    } finally {
      hostMap.setTarget(undefined);
      div.remove();
    }
  });

  it('3. React/Vue pattern: object properties, serviceHeaders never reflected, events', async () => {
    const config = await fetch(`${BASE}city.json`).then((r) => r.json());
    const el = document.createElement('carbon-balance-map') as CarbonBalanceMap;
    el.setAttribute('lang', 'en');
    el.setAttribute('style', 'width: 600px; height: 400px; display: block;');
    el.serviceHeaders = { Authorization: 'Bearer secret-token' };
    // Layer paths of a config object resolve against the page: make them absolute.
    config.layers.parcels.path = `${BASE}parcels.geojson`;
    config.layers.units.path = `${BASE}units.geojson`;
    el.config = config;
    const done = nextEvent(el, 'cbm-run-complete');
    document.body.appendChild(el);
    try {
      await done;
      expect(el.report!.units.length).to.equal(2);
      // The headers are a property only: no attribute carries them, the markup does not contain them.
      expect(el.outerHTML).not.to.contain('secret-token');
      expect([...el.attributes].map((a) => a.name)).not.to.include('serviceheaders');
    } finally {
      el.remove();
    }
  });

  it('5. a city theme: --cbm-zone-*-fill recolours the zones', async () => {
    const el = create({ attributes: { config: `${BASE}city.json`, lang: 'en' } });
    el.style.setProperty('--cbm-zone-carbon-sink-functional-fill', '#ff00ff');
    await nextEvent(el, 'cbm-run-complete');
    await el.whenRendered();
    const unit = el.results!.units.features.find((f) => f.properties!.zone === 'carbon-sink-functional')!;
    const ring = (unit.geometry as { type: string; coordinates: number[][][] }).coordinates[0];
    const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    const { fromLonLat } = await import('ol/proj.js');
    const { pixelAtCoordinate } = await import('./helpers.js');
    let c: number[] = [];
    const ok = await until(() => {
      c = pixelAtCoordinate(el, fromLonLat([lon, lat]));
      return c[0] > 150 && c[1] < 120 && c[2] > 150;
    }, 5000);
    expect(ok, `pixel ${c}`).to.equal(true);
  });
});
