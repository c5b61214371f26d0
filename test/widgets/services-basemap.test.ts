/**
 * Basemaps from the local QGIS Server under the element's results: WMS, WMTS from capabilities
 * (EPSG:3857 matrix set) and the Tianditu configuration (key attribute, `_w` EPSG:3857 and `_c`
 * EPSG:4490 matrix sets) against a Tianditu stand-in on the test server backed by the same QGIS
 * Server (web-test-runner.config.mjs). Alignment: with the results hidden, every sampled pixel that the basemap paints in the
 * land-use green must lie inside a land-use polygon of the file (point-in-polygon done here),
 * and nearly every pixel inside one must be green (edges are drawn in a dark outline); the
 * basemap's offset is measured as the image shift (±5 px) that best matches the polygons, and
 * must be at most one pixel.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { cleanup, composeMapCanvases, create, hex, near, nextEvent, pixelAtCoordinate, until, ZONE_DEFAULTS } from './helpers.js';

interface QgisInfo {
  owsUrl?: string;
  unavailable?: string;
  required?: boolean;
  tiandituKey?: string;
}

type Ring = number[][];
let landuse: Ring[][] = [];

function inRing(p: number[], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function inLanduse(p: number[]): boolean {
  return landuse.some((poly) => inRing(p, poly[0]) && !poly.slice(1).some((h) => inRing(p, h)));
}

/** Land-use green of the QGIS project (scripts/qgis-server.mjs: 120,170,90). */
function isGreen(c: number[]): boolean {
  return Math.abs(c[0] - 120) <= 6 && Math.abs(c[1] - 170) <= 6 && Math.abs(c[2] - 90) <= 6 && c[3] > 200;
}

/** The map's layer canvases composed once (as helpers' pixelAt does per pixel). */
function composeMap(el: CarbonBalanceMap): ImageData {
  const { canvas, ctx } = composeMapCanvases(el.map!);
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

function rendered(map: NonNullable<CarbonBalanceMap['map']>): Promise<void> {
  return new Promise<void>((res) => {
    const timer = setTimeout(res, 3000);
    map.once('rendercomplete', () => {
      clearTimeout(timer);
      res();
    });
    map.render();
  });
}

interface Agreement {
  green: number;
  greenInside: number;
  inside: number;
  insideGreen: number;
  /** Measured offset of the basemap against the file's polygons, px: the shift that best agrees. */
  offset: [number, number];
  /** Green ∩ inside over green ∪ inside at that shift, and the best at shifts of 3 px or more. */
  bestShare: number;
  farShare: number;
}

async function basemapAgreement(el: CarbonBalanceMap): Promise<Agreement> {
  const map = el.map!;
  // Hide everything but the basemap.
  for (const layer of map.getLayers().getArray()) if (!layer.get('basemap')) layer.setVisible(false);
  const size = map.getSize()!;
  const ratio = window.devicePixelRatio || 1;
  let result = { green: 0, greenInside: 0, inside: 0, insideGreen: 0 };
  let img: ImageData | null = null;
  const samples: Array<{ x: number; y: number; inside: boolean }> = [];
  // Pixel → coordinate uses the last rendered frame: render the moved view first.
  await rendered(map);
  for (let y = 10; y < size[1] - 10; y += 7) {
    for (let x = 10; x < size[0] - 10; x += 7) {
      samples.push({ x, y, inside: inLanduse(toLonLat(map.getCoordinateFromPixel([x, y]), map.getView().getProjection())) });
    }
  }
  const greenAt = (image: ImageData, x: number, y: number): boolean => {
    const o = (Math.round(y * ratio) * image.width + Math.round(x * ratio)) * 4;
    return isGreen([image.data[o], image.data[o + 1], image.data[o + 2], image.data[o + 3]]);
  };
  // Tiles arrive over a few frames: sample until the green count stops growing (≤ 30 s).
  for (let pass = 0, last = -1; pass < 30; pass++) {
    await rendered(map);
    img = composeMap(el);
    const r = { green: 0, greenInside: 0, inside: 0, insideGreen: 0 };
    for (const s of samples) {
      const g = greenAt(img, s.x, s.y);
      if (g) r.green++;
      if (g && s.inside) r.greenInside++;
      if (s.inside) r.inside++;
      if (s.inside && g) r.insideGreen++;
    }
    result = r;
    if (r.green > 200 && r.green === last) break;
    last = r.green;
    await new Promise((res) => setTimeout(res, 500));
  }
  // The offset, measured: for every shift of the basemap image within ±5 px, the overlap
  // (intersection over union) of the samples painted green and the samples inside a land-use
  // polygon; the best shift is the basemap's offset against where the polygons belong.
  let offset: [number, number] = [0, 0];
  let bestShare = -1;
  let farShare = 0;
  for (let dy = -5; dy <= 5; dy++) {
    for (let dx = -5; dx <= 5; dx++) {
      let both = 0, either = 0;
      for (const s of samples) {
        const g = greenAt(img!, s.x + dx, s.y + dy);
        if (g && s.inside) both++;
        if (g || s.inside) either++;
      }
      const share = either > 0 ? both / either : 0;
      if (share > bestShare) {
        bestShare = share;
        offset = [dx, dy];
      }
      if (Math.max(Math.abs(dx), Math.abs(dy)) >= 3) farShare = Math.max(farShare, share);
    }
  }
  return { ...result, offset, bestShare, farShare };
}

const map0 = (el: CarbonBalanceMap) => el.map!;


/** Every on-screen zoned unit's interior point is drawn in its zone fill (results within a pixel of where they belong). */
async function checkUnitsAlign(el: CarbonBalanceMap): Promise<void> {
  const map = el.map!;
  await el.whenRendered();
  const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: map.getView().getProjection() });
  const size = map.getSize()!;
  let checked = 0;
  for (const f of format.readFeatures(el.results!.units)) {
    const zone = f.get('zone') as string | null;
    if (!zone) continue;
    const g = f.getGeometry() as Polygon | MultiPolygon;
    const poly = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygon(0) : (g as Polygon);
    const c = poly!.getInteriorPoint().getCoordinates().slice(0, 2);
    const px = map.getPixelFromCoordinate(c);
    if (!px || px[0] < 5 || px[1] < 5 || px[0] > size[0] - 5 || px[1] > size[1] - 5) continue;
    const colour = pixelAtCoordinate(el, c);
    expect(near(colour, hex(ZONE_DEFAULTS[zone])), `${String(f.get('name'))} (${zone}) drawn as ${colour}`).to.equal(true);
    checked++;
  }
  expect(checked, 'zoned units checked').to.be.greaterThan(5);
}

describe('basemaps from a real QGIS Server', function () {
  this.timeout(180_000);
  let info: QgisInfo;

  before(async function () {
    info = await executeServerCommand<QgisInfo, Record<string, never>>('cbm-qgis', {});
    if (info.unavailable) {
      if (info.required) throw new Error(info.unavailable);
      this.skip();
    }
    const text = await executeServerCommand<string | null, { file: string }>('cbm-shared-layer', { file: 'landuse.geojson' });
    const fc = JSON.parse(text!) as { features: Array<{ geometry: { type: string; coordinates: unknown } }> };
    landuse = fc.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][])));
  });
  afterEach(cleanup);

  // [name, attributes, the view projection the basemap must give]
  const cases: Array<[string, () => Record<string, string>, string]> = [
    ['WMS 1.3.0', () => ({ basemap: `wms:${info.owsUrl}#landuse` }), 'EPSG:3857'],
    ['WMTS capabilities, EPSG:3857 matrix set', () => ({ basemap: `wmts:${info.owsUrl}?SERVICE=WMTS&REQUEST=GetCapabilities#cbm-liechtenstein@EPSG:3857` }), 'EPSG:3857'],
    // (QGIS Server 3.22's own EPSG:4490 WMTS set answers "TileCol is unknown": not tested here.)
    ['Tianditu vec_w (EPSG:3857) with the key attribute', () => ({ basemap: 'tianditu:vec_w', 'tianditu-key': info.tiandituKey!, 'tianditu-url': '/tianditu/{layer}_{set}/wmts' }), 'EPSG:3857'],
    ['Tianditu vec_c (EPSG:4490) with the key attribute', () => ({ basemap: 'tianditu:vec_c', 'tianditu-key': info.tiandituKey!, 'tianditu-url': '/tianditu/{layer}_{set}/wmts' }), 'EPSG:4490'],
  ];

  for (const [name, attrs, projection] of cases) {
    it(`${name}: renders under the results, aligned with the land-use polygons`, async () => {
      const el = create({ attributes: { lang: 'en', ...attrs() }, style: 'width: 640px; height: 480px; display: block;' });
      const ready = nextEvent(el, 'cbm-basemap-ready' as never, 60_000);
      // The (small demo) results come first: their run fits the view, then we move it.
      await nextEvent(el, 'cbm-run-complete', 60_000);
      await until(() => el.map !== null, 10_000);
      await ready;
      const map = el.map!;
      // The view is in the basemap's projection: Tianditu `c` tiles are drawn unreprojected.
      expect(map.getView().getProjection().getCode()).to.equal(projection);
      // The results align in that view: each unit's interior point (read here from the WGS84
      // results into the view projection) is drawn in its zone's default fill.
      await checkUnitsAlign(el);
      // Centre on Vaduz (9.5209 E, 47.1410 N) at zoom 13 (3857: 19.1 m/px; 4490: 1.72e-4 °/px, 19.1 m N–S).
      map0(el).getView().setCenter(fromLonLat([9.5209, 47.141], map.getView().getProjection()));
      map0(el).getView().setZoom(13);
      // The basemap is below every other layer.
      const layers = map.getLayers().getArray();
      const first = layers.findIndex((l) => l.get('basemap'));
      expect(first).to.equal(0);
      const a = await basemapAgreement(el);
      // Green pixels lie inside land-use polygons (antialiasing allows 5 %); inside pixels are
      // green except on the dark outlines (0.2 mm, about one pixel here; 87 % seen).
      expect(a.green, 'green pixels').to.be.greaterThan(200);
      expect(a.greenInside / a.green, `green inside ${JSON.stringify(a)}`).to.be.greaterThan(0.95);
      expect(a.insideGreen / a.inside, `inside green ${JSON.stringify(a)}`).to.be.greaterThan(0.8);
      // Within a pixel: the best-agreeing shift is at most 1 px either way, and clearly better
      // than any shift of 3 px or more (so the measure can see an offset when there is one).
      expect(Math.max(Math.abs(a.offset[0]), Math.abs(a.offset[1])), `measured offset ${JSON.stringify(a)}`).to.be.at.most(1);
      expect(a.bestShare - a.farShare, `agreement at the offset vs 3 px away ${JSON.stringify(a)}`).to.be.greaterThan(0.01);
      console.log(`${name}: basemap offset against the file's polygons ${a.offset.join(', ')} px (agreement ${(100 * a.bestShare).toFixed(1)} %, best 3 px away ${(100 * a.farShare).toFixed(1)} %)`);
    });
  }

  it('switching Tianditu w → c → w rebuilds the view in the new projection, same centre and about the same scale', async () => {
    const key = info.tiandituKey!;
    const el = create({ attributes: { lang: 'en', basemap: 'tianditu:vec_w', 'tianditu-key': key, 'tianditu-url': '/tianditu/{layer}_{set}/wmts' }, style: 'width: 640px; height: 480px; display: block;' });
    await nextEvent(el, 'cbm-run-complete', 60_000);
    await until(() => el.map !== null, 10_000);
    const map = el.map!;
    map.getView().setCenter(fromLonLat([9.5209, 47.141]));
    map.getView().setZoom(13);
    const width = (): number => {
      // Ground distance (m) across the map's middle row, by haversine from the corner pixels' lon/lat.
      const proj = map.getView().getProjection();
      const [w, h] = map.getSize()!;
      const a = toLonLat(map.getCoordinateFromPixel([0, h / 2]), proj);
      const b = toLonLat(map.getCoordinateFromPixel([w, h / 2]), proj);
      const rad = Math.PI / 180;
      const s = Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
      return 2 * 6371008.8 * Math.asin(Math.sqrt(s));
    };
    const centre = (): number[] => toLonLat(map.getView().getCenter()!, map.getView().getProjection());
    await rendered(map);
    const w0 = width();
    for (const [basemap, code] of [['tianditu:vec_c', 'EPSG:4490'], ['tianditu:vec_w', 'EPSG:3857']]) {
      el.basemap = basemap;
      await el.updateComplete;
      await rendered(map);
      expect(map.getView().getProjection().getCode()).to.equal(code);
      const [lon, lat] = centre();
      expect(lon).to.be.closeTo(9.5209, 1e-6);
      expect(lat).to.be.closeTo(47.141, 1e-6);
      // The centre's ground resolution is kept as the mean of its E–W and N–S metres per pixel, so
      // the E–W width changes by at most (1 + 1/cos 47.14°) / 2 ≈ 1.23 in 4490 (plate carrée).
      expect(width() / w0).to.be.within(0.75, 1.3);
    }
    // Back in 3857 the view has its first scale again (4490 → 3857 inverts 3857 → 4490).
    expect(width() / w0).to.be.closeTo(1, 0.01);
  });

  it('a Tianditu basemap without a key says what to set', async () => {
    const el = create({ attributes: { lang: 'en', basemap: 'tianditu:vec_w' } });
    const e = await nextEvent(el, 'cbm-run-error', 30_000);
    expect(e.detail.code).to.equal('basemap-failed');
    expect(e.detail.message).to.contain('tianditu-key');
  });
});
