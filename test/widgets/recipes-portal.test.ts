/**
 * Recipe 4 of docs/integration.md: `<carbon-balance-map>` in a Lizmap- or QWC2-style portal page,
 * with the portal's layers from a real QGIS Server (WFS 1.1 for the parcels, OGC API Features for
 * the units; started by the wtr config's `cbm-qgis` command, scripts/qgis-server.mjs, serving
 * ../shared/data/liechtenstein) and a Tianditu basemap with the portal's key (the test server's
 * Tianditu stand-in, web-test-runner.config.mjs). The page is built from demo/portal.html: its
 * stylesheet (a global reset, element selectors and generic class names such as `.panel`,
 * `.legend`, `.ol-control`, `button`, `canvas`) and its markup (header, a sidebar with the
 * portal's own layer tree, the element in the content area).
 *
 * Checked against values the element does not supply: the number of municipalities counted in
 * the shared data file (Liechtenstein's 11), the land-use polygons counted there, zone fills read
 * from the map's canvases against the documented defaults, and the computed styles of the
 * element's own controls under the portal's CSS. Skipped (with the reason) when QGIS Server is
 * not installed, unless CBM_REQUIRE_QGIS=1.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import GeoJSON from 'ol/format/GeoJSON.js';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import type { CityConfig, TotalsEntry } from '../../src/engine/index.js';
import { hex, near, nextEvent, pixelAtCoordinate, until, ZONE_DEFAULTS } from './helpers.js';

interface QgisInfo {
  owsUrl?: string;
  ogcUrl?: string;
  tiandituKey?: string;
  unavailable?: string;
  required?: boolean;
}

interface SharedFc {
  features: Array<{ properties: Record<string, unknown> }>;
}

async function sharedLayer(file: string): Promise<SharedFc> {
  const text = await executeServerCommand<string | null, { file: string }>('cbm-shared-layer', { file });
  if (!text) throw new Error(`shared layer ${file} absent`);
  return JSON.parse(text) as SharedFc;
}

/** Workers the page starts and the types of the messages they are sent. */
function logWorkers(): { workers: Array<{ messages: string[]; terminated: boolean }>; restore(): void } {
  const RealWorker = window.Worker;
  const log = { workers: [] as Array<{ messages: string[]; terminated: boolean }>, restore: () => (window.Worker = RealWorker) };
  window.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const entry = { messages: [] as string[], terminated: false };
      log.workers.push(entry);
      const post = this.postMessage.bind(this) as (m: unknown, t?: Transferable[]) => void;
      this.postMessage = ((m: { type?: string }, t?: Transferable[]) => {
        entry.messages.push(String(m?.type));
        post(m, t);
      }) as Worker['postMessage'];
      const terminate = this.terminate.bind(this);
      this.terminate = () => {
        entry.terminated = true;
        terminate();
      };
    }
  };
  return log;
}

interface PortalPage {
  /** The portal's stylesheet, to append to the document's head. */
  style: HTMLStyleElement;
  /** The portal's markup (header, sidebar, content area with the element), to append to the body. */
  root: HTMLElement;
  el: CarbonBalanceMap;
  remove(): void;
}

/** The portal page of demo/portal.html (its stylesheet and markup, not its script), not yet in the document. */
async function portalPage(): Promise<PortalPage> {
  const html = await fetch('/demo/portal.html').then((r) => r.text());
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const style = document.createElement('style');
  style.textContent = doc.getElementById('portal-css')!.textContent;
  const root = document.importNode(doc.querySelector<HTMLElement>('.portal')!, true);
  const el = root.querySelector('carbon-balance-map') as CarbonBalanceMap;
  return {
    style,
    root,
    el,
    remove: () => {
      root.remove();
      style.remove();
    },
  };
}

/** Recipe 4's config with the test's QGIS Server and Liechtenstein's layers and inventory. */
function portalConfig(info: QgisInfo, totals: TotalsEntry[], unitIds: string[]): CityConfig {
  return {
    name: 'Liechtenstein (QGIS Server)',
    layers: {
      parcels: { service: { type: 'wfs', url: info.owsUrl!, typeName: 'landuse' }, idField: 'osm_id', codeField: 'landuse' },
      units: { service: { type: 'ogcapi-features', url: info.ogcUrl!, collection: 'municipalities' }, idField: 'osm_id', nameField: 'name' },
    },
    landUse: { preset: 'osm' },
    inventory: { mode: 'totals', unit: 't', totals },
    // Liechtenstein publishes no GDP by municipality: an illustrative table of equal weights.
    economy: { source: 'table', joinBy: 'id', rows: unitIds.map((id) => ({ id, value: 1 })) },
  } as CityConfig;
}

const PORTAL_RED = 'rgb(200, 16, 46)';

describe('recipe 4: a Lizmap/QWC2-style portal page on a real QGIS Server', function () {
  this.timeout(120_000);
  let info: QgisInfo;
  let municipalities: SharedFc;
  let landuse: SharedFc;
  let totals: TotalsEntry[];
  const cleanups: Array<() => void> = [];

  before(async function () {
    info = await executeServerCommand<QgisInfo, Record<string, never>>('cbm-qgis', {});
    if (info.unavailable) {
      if (info.required) throw new Error(info.unavailable);
      console.warn(`recipes-portal: skipped, ${info.unavailable} (CBM_REQUIRE_QGIS=1 makes this a failure)`);
      this.skip();
    }
    [municipalities, landuse] = await Promise.all([sharedLayer('municipalities_admin8.geojson'), sharedLayer('landuse.geojson')]);
    totals = ((await fetch('/configs/liechtenstein.json').then((r) => r.json())) as { inventory: { totals: TotalsEntry[] } }).inventory.totals;
    await setViewport({ width: 1400, height: 900 });
  });
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });

  it('runs the recipe’s config from WFS and OGC API Features under a Tianditu basemap, untouched by the portal’s CSS', async () => {
    const log = logWorkers();
    cleanups.push(log.restore);
    // (The page's modules have filled the default buffer of 250 resource entries.)
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(5000);
    const page = await portalPage();
    cleanups.push(page.remove);
    const { el } = page;
    // The markup of the recipe, with the stand-in's URL (a real portal leaves tianditu-url out).
    el.setAttribute('basemap', 'tianditu:vec_w,cva_w');
    el.setAttribute('tianditu-key', info.tiandituKey!);
    el.setAttribute('tianditu-url', '/tianditu/{layer}_{set}/wmts');
    document.head.appendChild(page.style);
    document.body.appendChild(page.root);
    // The recipe's script, in the same task as the element's arrival (as in one module with its import).
    const unitIds = municipalities.features.map((f) => String(f.properties.osm_id));
    el.serviceCredentials = 'same-origin';
    el.config = portalConfig(info, totals, unitIds);

    const basemapReady = nextEvent(el, 'cbm-basemap-ready' as never, 60_000);
    const failed = nextEvent(el, 'cbm-run-error', 60_000).then((e) => {
      throw new Error(`run failed: ${e.detail.code}: ${e.detail.message}`);
    });
    await Promise.race([nextEvent(el, 'cbm-run-complete', 60_000), failed]);
    await Promise.race([basemapReady, failed]);
    await el.whenRendered();

    // The element started on the config: one worker, no demo city first.
    expect(log.workers.length).to.equal(1);
    expect(log.workers[0].messages).not.to.include('load-demo');

    // Every municipality of the shared file (Liechtenstein has 11) is a unit of the report, every
    // land-use polygon came through WFS, and every economic row found its unit.
    expect(municipalities.features.length).to.equal(11);
    const report = el.report!;
    expect(report.units.length).to.equal(municipalities.features.length);
    expect(report.units.map((u) => u.name).sort()).to.deep.equal(municipalities.features.map((f) => String(f.properties.name)).sort());
    const loaded = Object.fromEntries(el.loadedLayers.map((l) => [l.name.replace(/^.*#/, ''), l.features]));
    expect(loaded).to.deep.equal({ landuse: landuse.features.length, municipalities: 11 });
    expect(report.units.map((u) => u.gdp)).to.deep.equal(report.units.map(() => 1));

    // The view is Web Mercator under Tianditu `_w` tiles, and both layers' tiles were asked for
    // with the portal's key.
    const map = el.map!;
    expect(map.getView().getProjection().getCode()).to.equal('EPSG:3857');
    const tiles = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/tianditu/'));
    for (const layer of ['vec_w', 'cva_w']) {
      expect(tiles.some((n) => n.includes(`/tianditu/${layer}/wmts`) && n.includes(`tk=${info.tiandituKey}`)), `${layer} tiles`).to.equal(true);
    }
    expect(map.getLayers().getArray().filter((l) => l.get('basemap')).length).to.be.greaterThan(0);

    // Each zoned municipality's interior point is drawn in its zone's documented fill.
    const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
    const size = map.getSize()!;
    let checked = 0;
    let zoned = 0;
    for (const f of format.readFeatures(el.results!.units)) {
      const zone = f.get('zone') as string | null;
      if (!zone) continue;
      zoned++;
      const g = f.getGeometry() as Polygon | MultiPolygon;
      // The largest part of a municipality with exclaves, so the point is well inside a fill.
      const parts = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygons() : [g as Polygon];
      const poly = parts.reduce((a, b) => (b.getArea() > a.getArea() ? b : a));
      const c = poly.getInteriorPoint().getCoordinates().slice(0, 2);
      const px = map.getPixelFromCoordinate(c);
      expect(px[0] > 2 && px[1] > 2 && px[0] < size[0] - 2 && px[1] < size[1] - 2, `${String(f.get('name'))} on screen`).to.equal(true);
      const colour = pixelAtCoordinate(el, c);
      expect(near(colour, hex(ZONE_DEFAULTS[zone])), `${String(f.get('name'))} (${zone}) drawn as ${colour}`).to.equal(true);
      checked++;
    }
    expect(zoned, 'zoned municipalities').to.be.at.least(Math.ceil(report.units.length / 2));
    expect(checked).to.equal(zoned);

    // The portal's CSS reaches the portal (its buttons are red) but not the element's controls.
    const portalButton = page.root.querySelector<HTMLButtonElement>('.portal-header button')!;
    expect(getComputedStyle(portalButton).backgroundColor).to.equal(PORTAL_RED);
    const shadow = el.shadowRoot!;
    for (const part of ['toolbar', 'legend', 'panel']) {
      const node = shadow.querySelector<HTMLElement>(`[part="${part}"]`)!;
      expect(node, `part ${part}`).to.not.equal(null);
      expect(getComputedStyle(node).display, `part ${part} shown`).to.not.equal('none');
      expect(getComputedStyle(node).textTransform, `part ${part} text`).to.equal('none');
    }
    for (const button of shadow.querySelectorAll<HTMLButtonElement>('button')) {
      expect(getComputedStyle(button).backgroundColor, `button ${button.textContent!.trim()}`).to.not.equal(PORTAL_RED);
    }
    for (const control of shadow.querySelectorAll<HTMLElement>('.ol-control')) {
      expect(getComputedStyle(control).backgroundColor).to.not.equal(PORTAL_RED);
    }
    for (const canvas of shadow.querySelectorAll('canvas')) {
      expect(getComputedStyle(canvas).filter).to.equal('none');
      expect(getComputedStyle(canvas).opacity).to.equal('1');
    }
    // The map fills the content area left of the open side panel.
    const content = page.root.querySelector<HTMLElement>('.portal-content')!.getBoundingClientRect();
    expect(content.height, 'the portal fills the 900 px viewport below its 48 px header').to.be.closeTo(852, 2);
    expect(el.getBoundingClientRect().height).to.be.closeTo(content.height, 1);
    expect(el.getBoundingClientRect().width).to.be.closeTo(content.width, 1);
    expect(size[0]).to.be.greaterThan(300);

    // The portal removes the element (leaving the page): its worker stops.
    el.remove();
    expect(log.workers.every((w) => w.terminated)).to.equal(true);
  });

  it('serviceCredentials "include" against a QGIS Server on another origin that answers "*": the browser refuses, the element says service-cors', async () => {
    const page = await portalPage();
    cleanups.push(page.remove);
    document.head.appendChild(page.style);
    document.body.appendChild(page.root);
    const { el } = page;
    el.serviceCredentials = 'include';
    el.config = portalConfig(info, totals, municipalities.features.map((f) => String(f.properties.osm_id)));
    const e = await nextEvent(el, 'cbm-run-error', 60_000);
    expect(e.detail.code).to.equal('service-cors');
  });
});
