/**
 * `<carbon-balance-map>` on a host page's own `ol/Map` (the `map` property): the host creates an
 * OpenLayers map in a plain div, the element draws its results on it (pixels of the host map's
 * canvas are read at units' interior points and compared with the documented zone fills), its
 * popup and click selection work there, and removing the element or setting `map = null` leaves
 * the host map with exactly its own layers, overlays and listeners. Host views in EPSG:3857 and
 * EPSG:4490 (registered by the "host page" itself through proj4).
 */
import { expect } from '@open-wc/testing';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import MapBrowserEvent from 'ol/MapBrowserEvent.js';
import { createEmpty, extend } from 'ol/extent.js';
import { get as getProjection } from 'ol/proj.js';
import { register } from 'ol/proj/proj4.js';
import proj4 from 'proj4';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { composeMapCanvases, hex, near, nextEvent, SMALL_CITY, until, ZONE_DEFAULTS } from './helpers.js';


/** Event types whose listeners on the host map are counted before and after. */
const LISTENED = ['singleclick', 'click', 'dblclick', 'pointermove', 'change:view', 'change:size', 'moveend', 'postrender', 'rendercomplete', 'precompose'];

function listenerCounts(map: OlMap): Record<string, number> {
  return Object.fromEntries(LISTENED.map((t) => [t, map.getListeners(t)?.length ?? 0]));
}

/** A host page's map: a plain div, a view, and two layers of its own. */
function hostPage(projection: string): { map: OlMap; div: HTMLDivElement } {
  const div = document.createElement('div');
  div.style.cssText = 'width: 640px; height: 480px;';
  document.body.appendChild(div);
  const marker = new VectorLayer({ source: new VectorSource({ features: [new Feature(new Point([0, 0]))] }) });
  const empty = new VectorLayer({ source: new VectorSource() });
  const map = new OlMap({ target: div, layers: [empty, marker], view: new View({ projection, center: [0, 0], zoom: 3 }) });
  return { map, div };
}

function rendered(map: OlMap): Promise<void> {
  return new Promise<void>((res) => {
    const timer = setTimeout(res, 5000);
    map.once('rendercomplete', () => {
      clearTimeout(timer);
      res();
    });
    map.render();
  });
}

/** The colour at a map coordinate, read from the host map's own layer canvases (composed with their CSS transforms). */
function hostPixel(map: OlMap, coordinate: number[]): [number, number, number, number] {
  const [x, y] = map.getPixelFromCoordinate(coordinate);
  const { ctx, ratio } = composeMapCanvases(map);
  const d = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
  return [d[0], d[1], d[2], d[3]];
}

interface UnitPoint {
  id: string;
  name: string;
  zone: string | null;
  coordinate: number[];
}

/** The units of the element's last run read from its WGS84 GeoJSON into the host view's projection, with interior points. */
function unitsOnHost(el: CarbonBalanceMap, map: OlMap): { points: UnitPoint[]; extent: number[] } {
  const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: map.getView().getProjection() });
  const extent = createEmpty();
  const points: UnitPoint[] = [];
  for (const f of format.readFeatures(el.results!.units)) {
    const g = f.getGeometry() as Polygon | MultiPolygon;
    extend(extent, g.getExtent());
    const poly = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygon(0) : (g as Polygon);
    points.push({ id: String(f.get('id')), name: String(f.get('name')), zone: (f.get('zone') as string | null) ?? null, coordinate: poly!.getInteriorPoint().getCoordinates().slice(0, 2) });
  }
  return { points, extent };
}

function onScreen(map: OlMap, p: UnitPoint): boolean {
  const size = map.getSize()!;
  const px = map.getPixelFromCoordinate(p.coordinate);
  return !!px && px[0] > 5 && px[1] > 5 && px[0] < size[0] - 5 && px[1] < size[1] - 5;
}

function mountOn(map: OlMap): CarbonBalanceMap {
  const el = document.createElement('carbon-balance-map');
  el.demoOptions = SMALL_CITY;
  el.setAttribute('lang', 'en');
  el.setAttribute('style', 'width: 400px; height: 300px; display: block;');
  el.map = map;
  document.body.appendChild(el);
  return el;
}

async function runOn(map: OlMap): Promise<CarbonBalanceMap> {
  const el = mountOn(map);
  const failed = nextEvent(el, 'cbm-run-error').then((e) => {
    throw new Error(`run failed: ${e.detail.code}: ${e.detail.message}`);
  });
  await Promise.race([nextEvent(el, 'cbm-run-complete', 60_000), failed]);
  return el;
}

/** Fits the host view to the units (the element leaves a defined host view alone) and checks zone colours on the host canvas. */
async function checkZoneColours(el: CarbonBalanceMap, map: OlMap): Promise<UnitPoint[]> {
  const { points, extent } = unitsOnHost(el, map);
  map.getView().fit(extent, { padding: [10, 10, 10, 10] });
  await rendered(map);
  const zoned = points.filter((p) => p.zone !== null && onScreen(map, p));
  expect(zoned.length, 'zoned units on screen').to.be.greaterThan(5);
  for (const p of zoned) {
    const px = hostPixel(map, p.coordinate);
    expect(near(px, hex(ZONE_DEFAULTS[p.zone!])), `${p.name} (${p.zone}) drawn on the host map as ${px}`).to.equal(true);
  }
  return zoned;
}

describe('<carbon-balance-map> on a host page’s ol/Map', function () {
  this.timeout(120_000);
  const pages: Array<{ map: OlMap; div: HTMLDivElement }> = [];
  const elements: HTMLElement[] = [];
  afterEach(() => {
    for (const el of elements.splice(0)) el.remove();
    for (const p of pages.splice(0)) {
      p.map.setTarget(undefined);
      p.div.remove();
    }
  });

  it('draws its zones on the host map (EPSG:3857), selects and pops up there, and leaves exactly the host’s layers when removed', async () => {
    const page = hostPage('EPSG:3857');
    pages.push(page);
    const map = page.map;
    await rendered(map);
    const layersBefore = map.getLayers().getArray().slice();
    const overlaysBefore = map.getOverlays().getLength();
    const listenersBefore = listenerCounts(map);
    const controlsBefore = map.getControls().getLength();
    const interactionsBefore = map.getInteractions().getLength();

    const el = await runOn(map);
    elements.push(el);
    expect(el.map).to.equal(map);
    // No map of its own in the shadow root; its legend and toolbar are there.
    expect(el.shadowRoot!.querySelector('.map')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.ol-viewport')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="legend"]')?.textContent).to.contain('Low-carbon economic zone');
    expect(map.getLayers().getLength()).to.be.greaterThan(layersBefore.length);
    // The host's layers stay first (below), in their order.
    expect(map.getLayers().getArray().slice(0, layersBefore.length)).to.deep.equal(layersBefore);
    expect(map.getControls().getLength()).to.equal(controlsBefore);
    // The host's view was defined: the element did not move it.
    expect(map.getView().getCenter()).to.deep.equal([0, 0]);

    const zoned = await checkZoneColours(el, map);

    // The popup on the host map, styled by the element's styles.
    const target = zoned[0];
    expect(el.zoomToUnit(target.id)).to.equal(true);
    await el.updateComplete;
    await rendered(map);
    const holder = map.getViewport()!.querySelector<HTMLElement>('.cbm-popup-holder');
    expect(holder, 'popup holder in the host map').to.not.equal(null);
    const popup = holder!.shadowRoot!.querySelector<HTMLElement>('.popup')!;
    expect(popup.hidden).to.equal(false);
    expect(popup.textContent).to.contain(target.name);
    expect(getComputedStyle(popup).borderTopLeftRadius).to.equal('6px');

    // A click on the host map selects the unit under it (the whole city in view again).
    map.getView().fit(unitsOnHost(el, map).extent, { padding: [10, 10, 10, 10] });
    await rendered(map);
    const other = unitsOnHost(el, map).points.find((p) => p.id !== target.id && p.zone !== null && onScreen(map, p))!;
    const px = map.getPixelFromCoordinate(other.coordinate);
    const rect = map.getViewport()!.getBoundingClientRect();
    const selected = nextEvent(el, 'cbm-feature-select', 5000);
    map.dispatchEvent(new MapBrowserEvent('singleclick', map, new PointerEvent('click', { clientX: rect.left + px[0], clientY: rect.top + px[1] })));
    const e = await selected;
    expect(e.detail.id).to.equal(other.id);
    await el.updateComplete;
    expect(popup.textContent).to.contain(other.name);

    // Removed: the host map has its own layers, overlays and listeners only.
    el.remove();
    expect(map.getLayers().getArray()).to.deep.equal(layersBefore);
    expect(map.getOverlays().getLength()).to.equal(overlaysBefore);
    expect(map.getControls().getLength()).to.equal(controlsBefore);
    expect(map.getInteractions().getLength()).to.equal(interactionsBefore);
    expect(listenerCounts(map)).to.deep.equal(listenersBefore);
    expect(map.getViewport()!.querySelector('.cbm-popup-holder')).to.equal(null);
    await rendered(map);
    expect(near(hostPixel(map, target.coordinate), hex(ZONE_DEFAULTS[target.zone!]))).to.equal(false);
  });

  it('map = null gives the element its own map back and takes everything off the host map; setting it again re-adds', async () => {
    const page = hostPage('EPSG:3857');
    pages.push(page);
    const map = page.map;
    await rendered(map);
    const layersBefore = map.getLayers().getArray().slice();
    const listenersBefore = listenerCounts(map);
    const el = await runOn(map);
    elements.push(el);
    const added = map.getLayers().getLength() - layersBefore.length;
    expect(added).to.be.greaterThan(0);

    el.map = null;
    await el.updateComplete;
    expect(map.getLayers().getArray()).to.deep.equal(layersBefore);
    expect(listenerCounts(map)).to.deep.equal(listenersBefore);
    const own = el.map as OlMap | null;
    expect(own).to.not.equal(null);
    expect(own).to.not.equal(map);
    expect(el.shadowRoot!.contains(own!.getTargetElement() ?? null)).to.equal(true);
    // The own map draws the results (same zone colours, its own Web-Mercator view).
    await until(() => (own!.getSize()?.[0] ?? 0) > 0, 5000);
    await el.whenRendered();
    const { points, extent } = unitsOnHost(el, own!);
    own!.getView().fit(extent);
    await el.whenRendered();
    const p = points.find((q) => q.zone !== null && onScreen(own!, q))!;
    expect(near(hostPixel(own!, p.coordinate), hex(ZONE_DEFAULTS[p.zone!]))).to.equal(true);

    el.map = map;
    await el.updateComplete;
    expect(map.getLayers().getLength()).to.equal(layersBefore.length + added);
    expect(el.shadowRoot!.querySelector('.map')).to.equal(null);
    el.remove();
    expect(map.getLayers().getArray()).to.deep.equal(layersBefore);
    expect(listenerCounts(map)).to.deep.equal(listenersBefore);
  });

  it('draws on a host view in EPSG:4490 (CGCS2000, registered by the page through proj4)', async () => {
    if (!getProjection('EPSG:4490')) {
      proj4.defs('EPSG:4490', '+proj=longlat +ellps=GRS80 +no_defs +type=crs');
      register(proj4);
    }
    const page = hostPage('EPSG:4490');
    pages.push(page);
    const map = page.map;
    await rendered(map);
    const layersBefore = map.getLayers().getArray().slice();
    const el = await runOn(map);
    elements.push(el);
    // The features are in the host's degrees: every unit's extent is a lon/lat box.
    const unitsLayer = map.getLayers().getArray().find((l) => l.get('cbmView') === 'zones') as VectorLayer;
    const ext = unitsLayer.getSource()!.getExtent()!;
    expect(ext[0]).to.be.within(-180, 180);
    expect(ext[3]).to.be.within(-90, 90);
    await checkZoneColours(el, map);
    el.remove();
    expect(map.getLayers().getArray()).to.deep.equal(layersBefore);
  });
});
