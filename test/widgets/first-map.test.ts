/**
 * The first map before the first run finishes: the parcels coloured by the space type their
 * land-use code maps to, with the unit outlines and a "computing" legend, replaced by the zones
 * when the run completes. The run's result is held back in the test (the worker's `result`
 * message is queued until released) so the preview state can be looked at for as long as needed.
 */
import { expect } from '@open-wc/testing';
import GeoJSON from 'ol/format/GeoJSON.js';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import { createLandUseMapper, generateDemoCity } from '../../src/engine/index.js';
import type { SpaceType } from '../../src/engine/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { cleanup, hex, near, nextEvent, pixelAtCoordinate, SMALL_CITY, until, ZONE_DEFAULTS } from './helpers.js';

// The documented preview fills (docs/element.md), restated on purpose.
const LAND_USE_DEFAULTS: Record<SpaceType, string> = {
  mining: '#8c6d4f', industrial: '#a983c4', utilities: '#4f81b3', 'urban-residential': '#f2c14e', 'rural-homestead': '#e3a96f',
  commercial: '#d9534f', 'public-service': '#e58fb0', 'transport-road': '#9a9a9a', 'transport-rail': '#5f5f5f',
  'transport-water': '#5b9ec9', 'transport-air': '#a3a3c8', cultivated: '#dfe38e', 'agri-facility': '#bdb76b', forest: '#2e7d3a',
  grassland: '#9ccc65', water: '#8ecae6', unused: '#cfc6b0', 'green-space': '#5cb85c', other: '#c8c8c8',
};
const BACKGROUND = '#f4f1ea';

const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

function interior(g: Polygon | MultiPolygon): number[] {
  const poly = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygons().sort((a, b) => b.getArea() - a.getArea())[0] : (g as Polygon);
  return poly.getInteriorPoint().getCoordinates().slice(0, 2);
}

interface HeldEngine {
  receive(msg: { type: string }): void;
}

describe('<carbon-balance-map> first map', function () {
  this.timeout(90_000);
  afterEach(cleanup);

  it('draws the parcels by land-use type before the run completes, then the zones', async () => {
    const el = document.createElement('carbon-balance-map') as CarbonBalanceMap;
    el.demoOptions = SMALL_CITY;
    el.setAttribute('lang', 'en');
    el.setAttribute('style', 'width: 800px; height: 500px; display: block;');
    // Hold the worker's result back until the preview has been checked.
    const engine = (el as unknown as { _engine: HeldEngine })._engine;
    const receive = engine.receive.bind(engine);
    const held: Array<{ type: string }> = [];
    let holding = true;
    engine.receive = (msg) => {
      if (holding && msg.type === 'result') held.push(msg);
      else receive(msg);
    };
    let completed = false;
    el.addEventListener('cbm-run-complete', () => (completed = true));
    const preview = nextEvent(el, 'cbm-run-preview');
    document.body.appendChild(el);
    try {
      const e = await preview;
      expect(completed).to.equal(false);
      expect(e.detail.parcels).to.equal(SMALL_CITY.parcels);
      await el.whenRendered();

      // The legend says what the map shows, and that the zones are still being computed.
      const root = el.shadowRoot!;
      const legend = root.querySelector('[part="legend"]')!;
      expect(legend.querySelector('h2')!.textContent).to.equal('Land use (before the run)');
      expect(legend.textContent).to.contain('Computing the zones…');
      expect(root.querySelector('[part="progress"]')).to.not.equal(null);
      expect(el.status).to.equal('running');

      // Independently of the element: the same generated city, mapped with the engine's mapper.
      const demo = generateDemoCity(SMALL_CITY);
      const mapper = createLandUseMapper(demo.config.landUse ?? {});
      const codeField = demo.config.layers.parcels.codeField;
      const size = el.map!.getSize()!;
      const candidates = format
        .readFeatures(demo.layers.parcels)
        .map((f) => {
          const g = f.getGeometry() as Polygon | MultiPolygon;
          return { type: mapper.map(f.get(codeField)).spaceType, area: g.getArea(), coordinate: interior(g) };
        })
        .filter((c) => {
          const px = el.map!.getPixelFromCoordinate(c.coordinate);
          return c.type !== null && px && px[0] > 10 && px[1] > 10 && px[0] < size[0] - 10 && px[1] < size[1] - 10;
        })
        .sort((a, b) => b.area - a.area)
        .slice(0, 12);
      expect(candidates.length).to.equal(12);
      const drawn = candidates.map((c) => ({ ...c, px: pixelAtCoordinate(el, c.coordinate) }));
      for (const d of drawn) expect(near(d.px, hex(BACKGROUND)), `background at a ${d.type} parcel`).to.equal(false);
      // A unit outline may cross an interior point: allow one miss in twelve.
      const matching = drawn.filter((d) => near(d.px, hex(LAND_USE_DEFAULTS[d.type!]), 4));
      expect(matching.length, drawn.map((d) => `${d.type}: ${d.px}`).join('; ')).to.be.at.least(11);

      // The page's CSS themes the preview's fills (no rerun): one space type turns magenta, on
      // the map and in the legend; the other types keep theirs.
      const themed = drawn.find((d) => near(d.px, hex(LAND_USE_DEFAULTS[d.type!]), 4))!;
      el.style.setProperty(`--cbm-landuse-${themed.type}-fill`, '#ff00ff');
      const recoloured = await until(() => near(pixelAtCoordinate(el, themed.coordinate), [255, 0, 255], 4), 5000);
      expect(recoloured, `${themed.type} parcel drawn as ${pixelAtCoordinate(el, themed.coordinate)} after the theme change`).to.equal(true);
      const swatch = root.querySelector(`[part="legend"] li[data-key="${themed.type}"] .swatch`) as HTMLElement;
      expect(getComputedStyle(swatch).backgroundColor).to.equal('rgb(255, 0, 255)');
      const other = drawn.find((d) => d.type !== themed.type && near(d.px, hex(LAND_USE_DEFAULTS[d.type!]), 4));
      if (other) expect(near(pixelAtCoordinate(el, other.coordinate), hex(LAND_USE_DEFAULTS[other.type!]), 4), `${other.type} kept its fill`).to.equal(true);
      expect(completed).to.equal(false);

      // Release the result: the zones replace the preview.
      const done = nextEvent(el, 'cbm-run-complete');
      holding = false;
      for (const m of held.splice(0)) receive(m);
      await done;
      await el.whenRendered();
      expect(legend.isConnected ? legend.textContent : root.querySelector('[part="legend"]')!.textContent).to.not.contain('before the run');
      expect(root.querySelector('[part="legend"] h2')!.textContent).to.equal('Carbon balance zones');
      const units = format.readFeatures(el.results!.units).filter((f) => f.get('zone'));
      let checked = 0;
      for (const u of units) {
        const c = interior(u.getGeometry() as Polygon | MultiPolygon);
        const px = el.map!.getPixelFromCoordinate(c);
        if (!px || px[0] < 5 || px[1] < 5 || px[0] > size[0] - 5 || px[1] > size[1] - 5) continue;
        const got = pixelAtCoordinate(el, c);
        expect(near(got, hex(ZONE_DEFAULTS[u.get('zone') as string])), `${u.get('name')} drawn as ${got}`).to.equal(true);
        checked++;
      }
      expect(checked).to.be.greaterThan(5);
    } finally {
      holding = false;
      for (const m of held.splice(0)) receive(m);
    }
  });
});
