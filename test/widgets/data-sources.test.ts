/**
 * The element's data sources: a config URL (layer paths relative to it), a config object with
 * the layers as a property, and an invalid config. Fixture: two units, three parcels.
 *
 * Hand calculation (fixture two-units): industry 1 000 t on the one industrial parcel (west),
 * cultivation 100 t on the one cultivated parcel (east), a 50 t sink on the one forest parcel
 * (west). GDP west 900, east 100. City C = 1 100, CA = 50, G = 1 000.
 *   ECC_W = (900/1000)/(1000/1100) = 0.99 < 1, ESC_W = (50/50)/(1000/1100) = 1.1 > 1
 *     → carbon-sink functional zone.
 *   ECC_E = (100/1000)/(100/1100) = 1.1 > 1, ESC_E = 0 < 1 → carbon-source control zone.
 */
import { expect } from '@open-wc/testing';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type Polygon from 'ol/geom/Polygon.js';
import { buildLandUsePreview } from '../../src/widgets/worker/land-use-preview.js';
import { flattenParcels } from '../../src/widgets/worker/engine-host.js';
import { cleanup, create, mountAndRun, nextEvent, twoUnitCity, until } from './helpers.js';

const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

const BASE = '/test/widgets/fixtures/two-units/';

function zones(el: CarbonBalanceMap): Record<string, string | null> {
  return Object.fromEntries(el.report!.units.map((u) => [u.id, u.zone]));
}

describe('data sources', function () {
  this.timeout(60_000);
  afterEach(cleanup);

  it('loads a config URL and the layers it names, relative to it', async () => {
    const el = create({ attributes: { lang: 'en', config: `${BASE}city.json` } });
    await nextEvent(el, 'cbm-run-complete');
    expect(zones(el)).to.deep.equal({ W: 'carbon-sink-functional', E: 'carbon-source-control' });
    const w = el.report!.units.find((u) => u.id === 'W')!;
    expect(w.ecc).to.be.closeTo(0.99, 1e-9);
    expect(w.esc).to.be.closeTo(1.1, 1e-9);
    // Not the demo city: no "generated" badge; the unit name with markup is text.
    expect(el.shadowRoot!.querySelector('.badge')).to.equal(null);
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);
    // The layers the config named are the loaded layers, by their paths.
    expect(el.loadedLayers.map((l) => l.name).sort()).to.deep.equal(['parcels.geojson', 'units.geojson']);
  });

  it('keeps a township whose outline has one null vertex: no page error, same zones, the warning names the vertex', async () => {
    const { config, parcels, units } = await twoUnitCity();
    // West's outline with 21 positions along its edges; the 8th (on the south edge) is null.
    const ring: (number[] | null)[] = [];
    for (let k = 0; k < 5; k++) ring.push([120 + k * 0.002, 31.0]);
    for (let k = 0; k < 5; k++) ring.push([120.01, 31.0 + k * 0.002]);
    for (let k = 0; k < 5; k++) ring.push([120.01 - k * 0.002, 31.01]);
    for (let k = 0; k < 5; k++) ring.push([120.0, 31.01 - k * 0.002]);
    ring.push([120.0, 31.0]);
    ring[2] = null;
    (units.features[0].geometry as unknown as { coordinates: unknown }).coordinates = [ring];
    // The land-use preview's outlines (what the page draws before the run ends) leave it out.
    const preview = buildLandUsePreview(config, parcels, units, flattenParcels)!;
    const outlines = format.readFeatures(preview.units!);
    expect((outlines[0].getGeometry() as Polygon).getCoordinates()[0].length).to.equal(20);
    const el = document.createElement('carbon-balance-map');
    el.setAttribute('lang', 'en');
    el.config = config;
    el.layers = { parcels, units };
    const errors: string[] = [];
    const onError = (e: ErrorEvent): void => void errors.push(e.message);
    window.addEventListener('error', onError);
    const done = nextEvent(el, 'cbm-run-complete');
    document.body.appendChild(el);
    try {
      await done;
      await el.whenRendered();
      expect(errors, 'uncaught errors in the page').to.deep.equal([]);
      expect(zones(el)).to.deep.equal({ W: 'carbon-sink-functional', E: 'carbon-source-control' });
      const issue = el.report!.issues.find((i) => i.code === 'geometry-invalid-position-dropped')!;
      expect(issue.featureId).to.equal('W');
      expect(issue.message).to.contain('ring 1, position 3 holds null');
    } finally {
      window.removeEventListener('error', onError);
      el.remove();
    }
  });

  it('takes a config object and the layers as properties', async () => {
    const { config, parcels, units } = await twoUnitCity();
    const el = document.createElement('carbon-balance-map');
    el.setAttribute('lang', 'en');
    el.config = config;
    el.layers = { parcels, units };
    const done = nextEvent(el, 'cbm-run-complete');
    document.body.appendChild(el);
    try {
      await done;
      expect(zones(el)).to.deep.equal({ W: 'carbon-sink-functional', E: 'carbon-source-control' });
      // The host's objects are not mutated.
      expect(parcels.features[0].properties).to.deep.equal({ bsm: 'p1', dlbm: '0601' });
    } finally {
      el.remove();
    }
  });

  it('reports an invalid config as an error with its issues, and does not run', async () => {
    const config = await fetch(BASE + 'city.json').then((r) => r.json());
    delete config.layers.parcels.codeField;
    const el = document.createElement('carbon-balance-map');
    el.setAttribute('lang', 'en');
    el.setAttribute('panel', 'open');
    el.config = config;
    let started = 0;
    el.addEventListener('cbm-run-start', () => started++);
    const failed = nextEvent(el, 'cbm-run-error');
    document.body.appendChild(el);
    try {
      const e = await failed;
      expect(e.detail.code).to.equal('invalid-config');
      expect(e.detail.issues!.some((i) => i.path === '$.layers.parcels.codeField')).to.equal(true);
      expect(started).to.equal(0);
      await el.updateComplete;
      const listed = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.issues li.error')].map((li) => li.dataset.code);
      expect(listed.length).to.be.greaterThan(0);
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.not.equal('');
      // Its layers still load (so the panel can help fix it); then the status stays an error.
      await until(() => el.status !== 'loading', 20_000);
      expect(el.status).to.equal('error');
    } finally {
      el.remove();
    }
  });

  it('reports a config URL that answers 404 as an error naming the URL', async () => {
    const el = document.createElement('carbon-balance-map');
    el.setAttribute('lang', 'en');
    el.setAttribute('config', BASE + 'no-such-city.json');
    const failed = nextEvent(el, 'cbm-run-error');
    document.body.appendChild(el);
    try {
      const e = await failed;
      expect(e.detail.code).to.equal('fetch-failed');
      expect(e.detail.message).to.contain('no-such-city.json').and.to.contain('404');
      expect(el.status).to.equal('error');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('404');
    } finally {
      el.remove();
    }
  });
});

describe('file loading uses the engine readers (issue: formats in the browser)', function () {
  this.timeout(60_000);
  afterEach(cleanup);

  it('says which roles still read the generated demo once the user binds their own parcels', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
    const root = el.shadowRoot!;
    expect(root.querySelector('.demo-mix')).to.equal(null);
    // The planner's own parcels file (a copy of the demo's, under another name), bound as parcels.
    const mine = {
      type: 'FeatureCollection' as const,
      features: el.results!.parcels.features.map((f) => ({ type: 'Feature' as const, geometry: f.geometry, properties: { bsm: f.properties!.id, dlbm: f.properties!.code } })),
    };
    await el.addLayers({ 'my-parcels.geojson': mine });
    await el.updateComplete;
    const select = root.querySelector<HTMLSelectElement>('.field-row select')!;
    expect([...select.options].map((o) => o.value)).to.include('my-parcels.geojson');
    const done = nextEvent(el, 'cbm-run-complete');
    select.value = 'my-parcels.geojson';
    select.dispatchEvent(new Event('change'));
    await done;
    await el.updateComplete;
    expect(root.querySelector('.demo-mix')!.textContent).to.contain('Still from the generated demo city: Units (townships), Points of interest, Roads, Population.');
  });

  it('renames the city from the panel: toolbar title and exported config follow', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
    const root = el.shadowRoot!;
    const input = [...root.querySelectorAll<HTMLInputElement>('.field-row input[type="text"]')].find((i) => i.labels?.[0]?.textContent === 'City name')!;
    expect(input.value).to.equal('Demo city (generated)');
    const changed = nextEvent(el, 'cbm-config-change', 5000);
    input.value = 'Wujiang <district>';
    input.dispatchEvent(new Event('change'));
    expect((await changed).detail.config.name).to.equal('Wujiang <district>');
    await el.updateComplete;
    expect(root.querySelector('.toolbar .title')!.textContent).to.equal('Wujiang <district>');
    expect(JSON.parse(await el.exportConfig().text()).name).to.equal('Wujiang <district>');
  });

  it('a broken file that fails to load says so and that the map still shows the previous results', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
    const report = el.report;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('.dropzone input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File(['{"type": "FeatureCollection", "features": [ {"type"'], 'units.geojson', { type: 'application/geo+json' }));
    input.files = files.files;
    const failed = nextEvent(el, 'cbm-run-error');
    input.dispatchEvent(new Event('change'));
    await failed;
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!;
    expect(alert).to.contain('The map still shows the previous results.');
    expect(el.report).to.equal(report);
    expect(el.status).to.equal('error');
  });

  it('a dropped file named like a loaded layer replaces it: the city reruns, the demo badge goes, the map shows the new units', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
    const root = el.shadowRoot!;
    expect(root.querySelector('.toolbar .badge')!.textContent).to.equal('Generated demo data');
    // The planner's own units file: just one township of the demo's, under the demo's layer name.
    const first = el.results!.units.features[0];
    const mine = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: first.properties!.id, name: 'Only township' }, geometry: first.geometry }] };
    const input = root.querySelector<HTMLInputElement>('.dropzone input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File([JSON.stringify(mine)], 'units.geojson', { type: 'application/geo+json' }));
    input.files = files.files;
    const done = nextEvent(el, 'cbm-run-complete');
    input.dispatchEvent(new Event('change'));
    await done;
    await el.updateComplete;
    expect(el.report!.units.map((u) => u.name)).to.deep.equal(['Only township']);
    expect(root.querySelector('.toolbar .badge')).to.equal(null);
    // The view is fitted to that township: its centre lies inside the township's extent.
    const extent = format.readFeatures(mine)[0].getGeometry()!.getExtent();
    const centre = el.map!.getView().getCenter()!;
    expect(centre[0]).to.be.within(extent[0], extent[2]);
    expect(centre[1]).to.be.within(extent[1], extent[3]);
  });

  it('reads a zipped GBK Shapefile with GBK member names, Chinese fields and its .prj CRS', async () => {
    const el = create({ attributes: { lang: 'en', panel: 'open' } });
    const blob = await fetch('/test/fixtures/io/zip/parcels-gbk-names.zip').then((r) => r.blob());
    await el.addLayers({ 'parcels-gbk-names.zip': blob });
    const layer = el.loadedLayers.find((l) => l.name === 'parcels-gbk-names.zip');
    expect(layer, 'layer loaded').to.not.equal(undefined);
    // Four features, one with a null shape (kept, as in the CLI); names decoded from GBK.
    expect(layer!.features).to.equal(4);
    const names = layer!.fields.map((f) => f.name);
    expect(names).to.include.members(['名称', '用地代码', '面积']);
    expect(layer!.fields.find((f) => f.name === '名称')!.samples).to.include('旺庄工业区');
  });

  it('reads loose Shapefile parts dropped together as one layer', async () => {
    const el = create({ attributes: { lang: 'en', panel: 'open' } });
    const base = '/test/fixtures/io/shp/gbk-ldid/';
    const names = ['parcels.shp', 'parcels.shx', 'parcels.dbf', 'parcels.prj'];
    const files = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await fetch(base + n).then((r) => r.blob())] as const)));
    await el.addLayers(files);
    const layer = el.loadedLayers.find((l) => l.name === 'parcels.shp');
    expect(layer, 'layer loaded').to.not.equal(undefined);
    expect(layer!.fields.find((f) => f.name === '名称')!.samples).to.include('新吴地块一');
    expect(el.loadedLayers.some((l) => l.name === 'parcels.dbf')).to.equal(false);
  });

  it('reads a GeoPackage (sql.js in the worker) like the GeoJSON it was made from by ogr2ogr', async () => {
    const el = create({ attributes: { lang: 'en', panel: 'open' } });
    const dir = '/test/fixtures/io-formats/';
    const [gpkg, geojson] = await Promise.all(['parcels-4549.gpkg', 'parcels-4549.geojson'].map((n) => fetch(dir + n).then((r) => r.blob())));
    await el.addLayers({ 'parcels-4549.gpkg': gpkg, 'parcels-4549.geojson': geojson });
    const fromGpkg = el.loadedLayers.find((l) => l.name.startsWith('parcels-4549.gpkg'));
    const fromJson = el.loadedLayers.find((l) => l.name === 'parcels-4549.geojson');
    expect(fromGpkg, `layers: ${el.loadedLayers.map((l) => l.name).join(', ')}`).to.not.equal(undefined);
    expect(fromGpkg!.features).to.equal(3);
    expect(fromGpkg!.geometryTypes.sort()).to.deep.equal(['MultiPolygon', 'Polygon']);
    const fields = (l: typeof fromGpkg) => Object.fromEntries(l!.fields.map((f) => [f.name, [...f.samples].map(String).sort()]));
    expect(fields(fromGpkg)).to.deep.equal(fields(fromJson));
    expect(fields(fromGpkg).name).to.include('住宅用地（含孔）');
    // Same distinct codes, counts and areas (the GeoPackage is in EPSG:4549, like the GeoJSON).
    const engine = (el as unknown as { _engine: { values(layer: string, field: string): Promise<Array<{ value: string; count: number; areaM2: number }>> } })._engine;
    const values = async (layer: string) => (await engine.values(layer, 'code')).map((r) => [r.value, r.count, Math.round(r.areaM2)]);
    expect(await values(fromGpkg!.name)).to.deep.equal(await values(fromJson!.name));
  });

  it('reads a CSV of points (UTF-8 with BOM, quoted commas and newlines)', async () => {
    const el = create({ attributes: { lang: 'en', panel: 'open' } });
    const blob = await fetch('/test/fixtures/io/csv/pois-utf8-bom.csv').then((r) => r.blob());
    await el.addLayers({ 'pois.csv': blob });
    const layer = el.loadedLayers.find((l) => l.name === 'pois.csv');
    expect(layer, 'layer loaded').to.not.equal(undefined);
    expect(layer!.geometryTypes).to.deep.equal(['Point']);
  });
});
