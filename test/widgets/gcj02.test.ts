/**
 * `basemap-offset="gcj02"`: the results are drawn shifted from WGS84 to GCJ-02 (to line up with
 * Amap/Gaode tiles) while `results` and exports stay WGS84. The expected shifted positions come
 * from the engine's `toOffsetFromWgs84` (gcoord's published forward formula, tested on its own in
 * test/engine), computed here point by point; the element's own drawing is read back as pixels.
 */
import { expect } from '@open-wc/testing';
import GeoJSON from 'ol/format/GeoJSON.js';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import type Overlay from 'ol/Overlay.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import { getDistance } from 'ol/sphere.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { toOffsetFromWgs84 } from '../../src/engine/crs/offset.js';
import { cleanup, composeMapCanvases, hex, mountAndRun, near, pixelAtCoordinate, until, ZONE_DEFAULTS } from './helpers.js';


const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

interface UnitPoint {
  id: string;
  zone: string;
  /** Interior point of the WGS84 unit, Web Mercator m. */
  wgs: number[];
  /** The same point shifted to GCJ-02, in Web Mercator of GCJ-02 lon/lat (the gcj02 view's coordinates), m. */
  gcj: number[];
}

/** Interior points of the zoned units of the last run, with their GCJ-02 positions. */
function unitPoints(el: CarbonBalanceMap): UnitPoint[] {
  const out: UnitPoint[] = [];
  for (const f of format.readFeatures(el.results!.units)) {
    const zone = f.get('zone') as string | null;
    if (!zone) continue;
    const g = f.getGeometry() as Polygon | MultiPolygon;
    const poly = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygon(0) : (g as Polygon);
    const wgs = poly!.getInteriorPoint().getCoordinates().slice(0, 2);
    const [lon, lat] = toLonLat(wgs);
    const gcj = fromLonLat(toOffsetFromWgs84('gcj02', lon, lat));
    out.push({ id: String(f.get('id')), zone, wgs, gcj });
  }
  return out;
}

/** Points whose position (by `key`) is on screen with a margin, px. */
function onScreen(el: CarbonBalanceMap, points: UnitPoint[], key: 'wgs' | 'gcj', margin = 5): UnitPoint[] {
  const size = el.map!.getSize()!;
  return points.filter((p) => {
    const px = el.map!.getPixelFromCoordinate(p[key]);
    return px && px[0] > margin && px[1] > margin && px[0] < size[0] - margin && px[1] < size[1] - margin;
  });
}

describe('basemap-offset="gcj02"', function () {
  this.timeout(120_000);
  afterEach(cleanup);

  it('draws the zones shifted to GCJ-02, keeps results and exports WGS84, and shifts back with none', async () => {
    // Reference: the same demo city without the attribute.
    const plain = await mountAndRun();
    const plainUnits = JSON.stringify(plain.results!.units);
    const plainGrid = JSON.stringify(plain.results!.grid);
    const plainParcels = JSON.stringify(plain.results!.parcels.features.slice(0, 50));
    const plainExport = await plain.exportGeoJSON('units').text();
    cleanup();

    const el = await mountAndRun({ attributes: { 'basemap-offset': 'gcj02' } });
    expect(el.basemapOffset).to.equal('gcj02');
    expect(el.map!.getView().getProjection().getCode()).to.equal('GCJ02:3857');

    // Data, exports: WGS84, identical to the run without the attribute.
    expect(JSON.stringify(el.results!.units)).to.equal(plainUnits);
    expect(JSON.stringify(el.results!.grid)).to.equal(plainGrid);
    expect(JSON.stringify(el.results!.parcels.features.slice(0, 50))).to.equal(plainParcels);
    expect(await el.exportGeoJSON('units').text()).to.equal(plainExport);

    const points = unitPoints(el);
    // The shift near Suzhou (lon 120.6, lat 31.3): GCJ-02 is some 100–700 m off WGS84 in China;
    // here about 500 m (mostly south-east → north-west is not assumed: only the size).
    for (const p of points) {
      const d = getDistance(toLonLat(p.wgs), toLonLat(p.gcj));
      expect(d, `unit ${p.id} shift`).to.be.within(100, 900);
    }

    // Each zoned unit's fill is found at its GCJ-02-shifted interior point.
    const shown = onScreen(el, points, 'gcj');
    expect(shown.length).to.be.greaterThan(5);
    for (const p of shown) {
      const px = pixelAtCoordinate(el, p.gcj);
      expect(near(px, hex(ZONE_DEFAULTS[p.zone])), `unit ${p.id} (${p.zone}) at GCJ-02 point drawn as ${px}`).to.equal(true);
    }

    // Zoomed in near a unit (10 m/px), the shift is some 50 px. Sample a grid of WGS84 points q
    // away from unit borders: the pixel at GCJ-02(q) has the zone fill of the unit holding q.
    // Drawn unshifted, some of these pixels would show a neighbour's fill (counted, must be > 0,
    // so the check can tell the two apart).
    const target = shown[0];
    const view = el.map!.getView();
    view.setCenter(target.gcj);
    view.setResolution(10);
    await el.whenRendered();
    const pxWgs = el.map!.getPixelFromCoordinate(target.wgs);
    const pxGcj = el.map!.getPixelFromCoordinate(target.gcj);
    expect(Math.hypot(pxWgs[0] - pxGcj[0], pxWgs[1] - pxGcj[1]), 'shift on screen, px').to.be.greaterThan(30);
    const units = format.readFeatures(el.results!.units).filter((f) => f.get('zone'));
    const holder = (c: number[]): { zone: string; border: number } | null => {
      for (const f of units) {
        const g = f.getGeometry()!;
        if (!g.intersectsCoordinate(c)) continue;
        const b = g.getClosestPoint(c);
        return { zone: f.get('zone') as string, border: Math.hypot(b[0] - c[0], b[1] - c[1]) };
      }
      return null;
    };
    const size = el.map!.getSize()!;
    let checked = 0;
    let distinguishing = 0;
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 12; j++) {
        // A WGS84 point q under the grid pixel, then its displayed position GCJ-02(q).
        const q = el.map!.getCoordinateFromPixel([(i * size[0]) / 20, (j * size[1]) / 12]);
        const [lon, lat] = toLonLat(q);
        const c = fromLonLat(toOffsetFromWgs84('gcj02', lon, lat));
        const cp = el.map!.getPixelFromCoordinate(c);
        if (cp[0] < 3 || cp[1] < 3 || cp[0] > size[0] - 3 || cp[1] > size[1] - 3) continue;
        const h = holder(q);
        if (!h || h.border < 40) continue; // 4 px from any border (outline, antialiasing)
        const px = pixelAtCoordinate(el, c);
        expect(near(px, hex(ZONE_DEFAULTS[h.zone])), `GCJ-02 of ${q} drawn as ${px}, unit zone ${h.zone}`).to.equal(true);
        checked++;
        const unshifted = holder(c);
        if (unshifted?.zone !== h.zone) distinguishing++;
      }
    }
    expect(checked).to.be.greaterThan(30);
    expect(distinguishing, 'samples an unshifted drawing would get wrong').to.be.greaterThan(0);

    // The popup anchors on the displayed (shifted) unit: its interior point is the WGS84 one
    // moved by the GCJ-02 offset, within 5 m (the offset changes by about 1e-3 m per m across a unit).
    expect(el.zoomToUnit(target.id)).to.equal(true);
    await el.whenRendered();
    const popup = el.map!.getOverlays().getArray()[0] as Overlay;
    const anchor = popup.getPosition()!;
    expect(Math.hypot(anchor[0] - target.gcj[0], anchor[1] - target.gcj[1]), 'popup anchor vs expected GCJ-02 point').to.be.below(5);

    // Back to none: plain Web Mercator view, fills at the WGS84 interior points, data unchanged.
    el.basemapOffset = 'none';
    await el.updateComplete;
    expect(await until(() => el.map!.getView().getProjection().getCode() === 'EPSG:3857')).to.equal(true);
    el.map!.getView().fit(format.readFeatures(el.results!.units).reduce((e, f) => {
      const x = f.getGeometry()!.getExtent();
      return [Math.min(e[0], x[0]), Math.min(e[1], x[1]), Math.max(e[2], x[2]), Math.max(e[3], x[3])];
    }, [Infinity, Infinity, -Infinity, -Infinity]));
    await el.whenRendered();
    const back = onScreen(el, unitPoints(el), 'wgs');
    expect(back.length).to.be.greaterThan(5);
    for (const p of back) {
      const px = pixelAtCoordinate(el, p.wgs);
      expect(near(px, hex(ZONE_DEFAULTS[p.zone])), `unit ${p.id} (${p.zone}) at WGS84 point drawn as ${px}`).to.equal(true);
    }
    expect(JSON.stringify(el.results!.units)).to.equal(plainUnits);
    expect(el.getAttribute('basemap-offset')).to.equal('none');
  });

  it('draws the parcels (flat Web-Mercator arrays) shifted to GCJ-02', async () => {
    // Two elements, the same city: the plain one centred on a WGS84 point c, the gcj02 one on
    // GCJ-02(c), both at 10 m/px. Over an 800 × 500 px view the offset changes by a metre or
    // so, well under a pixel: the two parcel pictures should be the same image.
    const plain = await mountAndRun({ attributes: { view: 'parcels' } });
    const el = await mountAndRun({ attributes: { view: 'parcels', 'basemap-offset': 'gcj02' } });
    const c = plain.map!.getView().getCenter()!;
    const [lon, lat] = toLonLat(c);
    const shifted = fromLonLat(toOffsetFromWgs84('gcj02', lon, lat));
    plain.map!.getView().setCenter(c);
    plain.map!.getView().setResolution(10);
    el.map!.getView().setResolution(10);
    const same = async (centre: number[]): Promise<number> => {
      el.map!.getView().setCenter(centre);
      await Promise.all([plain.whenRendered(), el.whenRendered()]);
      const a = composeMapCanvases(plain.map!, '#fff');
      const b = composeMapCanvases(el.map!, '#fff');
      const da = a.ctx.getImageData(0, 0, a.canvas.width, a.canvas.height).data;
      const db = b.ctx.getImageData(0, 0, b.canvas.width, b.canvas.height).data;
      let equal = 0;
      let total = 0;
      // Every 7th pixel of every 7th row (the toolbar and controls are not on the canvases).
      for (let y = 0; y < a.canvas.height; y += 7) {
        for (let x = 0; x < a.canvas.width; x += 7) {
          const i = (y * a.canvas.width + x) * 4;
          total++;
          if (near([da[i], da[i + 1], da[i + 2]], [db[i], db[i + 1], db[i + 2]], 8)) equal++;
        }
      }
      return equal / total;
    };
    const atShifted = await same(shifted);
    const atUnshifted = await same(c);
    // Shifted centre: the same picture but for antialiased edges; unshifted: ~50 px apart.
    expect(atShifted, `same pixels with the GCJ-02 centre (${atShifted}) vs the WGS84 centre (${atUnshifted})`).to.be.above(0.95);
    expect(atUnshifted).to.be.below(atShifted - 0.1);
  });
});
