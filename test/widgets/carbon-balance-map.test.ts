/**
 * <carbon-balance-map> in a real Chromium with the real engine and a small generated city:
 * rendered pixels, theming, views, the binding panel, popups, sizing, isolation, workers.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import GeoJSON from 'ol/format/GeoJSON.js';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { roundScaleLength } from '../../src/widgets/exports.js';
import { cleanup, create, expectZoneFills, hex, mountAndRun, near, nextEvent, pixelAt, pixelAtCoordinate, unitPoints, until, ZONE_DEFAULTS } from './helpers.js';


const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

function shadow(el: CarbonBalanceMap): ShadowRoot {
  return el.shadowRoot!;
}

describe('<carbon-balance-map>', function () {
  this.timeout(90_000);
  afterEach(cleanup);

  it('fills each unit with its zone colour, and follows the page CSS without a rerun', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' } });
    expect(el.view).to.equal('zones');
    const points = unitPoints(el).filter((p) => p.zone !== null);
    expect(points.length).to.be.greaterThan(5);
    for (const p of points) {
      const px = pixelAtCoordinate(el, p.coordinate);
      expect(near(px, hex(ZONE_DEFAULTS[p.zone!])), `${p.name} (${p.zone}) drawn as ${px}`).to.equal(true);
    }
    // The legend lists the four zones in words, with counts that add up to the units.
    const legend = shadow(el).querySelector('[part="legend"]')!;
    expect(legend.textContent).to.contain('Low-carbon economic zone');
    const counts = [...legend.querySelectorAll('.count')].map((c) => Number(c.textContent!.replace(/\D/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(el.report!.units.length);

    // A page stylesheet changes a zone colour: the map follows, and no run starts.
    const target = points.find((p) => p.zone === 'low-carbon-economic') ?? points[0];
    const property = `--cbm-zone-${target.zone}-fill`;
    let runs = 0;
    el.addEventListener('cbm-run-start', () => runs++);
    const style = document.createElement('style');
    style.textContent = `carbon-balance-map { ${property}: #ff00ff; }`;
    document.head.appendChild(style);
    try {
      const changed = await until(() => near(pixelAtCoordinate(el, target.coordinate), [255, 0, 255]), 5000);
      expect(changed, `pixel is ${pixelAtCoordinate(el, target.coordinate)}`).to.equal(true);
      // The legend swatch follows too.
      await el.updateComplete;
      const swatch = shadow(el).querySelector<HTMLElement>(`[part="legend"] li[data-key="zone:${target.zone}"] .swatch`)!;
      expect(getComputedStyle(swatch).backgroundColor).to.equal('rgb(255, 0, 255)');
      // An inline custom property on the element wins over the sheet, as CSS says.
      el.style.setProperty(property, '#00ffff');
      expect(await until(() => near(pixelAtCoordinate(el, target.coordinate), [0, 255, 255]), 5000)).to.equal(true);
    } finally {
      style.remove();
    }
    expect(runs).to.equal(0);
  });

  it('re-renders when the view changes, with a classed legend and no event for a host change', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' } });
    const p = unitPoints(el)[0];
    const before = pixelAtCoordinate(el, p.coordinate);
    let viewEvents = 0;
    el.addEventListener('cbm-view-change', () => viewEvents++);
    el.view = 'grid';
    await el.updateComplete;
    await el.whenRendered();
    const legend = shadow(el).querySelector('[part="legend"]')!;
    expect(legend.querySelector('h2')!.textContent).to.contain('Grid');
    // Every class row carries its unit.
    for (const label of legend.querySelectorAll('.label')) {
      if (label.textContent !== 'No value') expect(label.textContent).to.match(/t CO₂e\/km²/);
    }
    // The grid view draws the grid cells: some on-screen pixel of a unit differs from its zone fill.
    const after = unitPoints(el).map((q) => pixelAtCoordinate(el, q.coordinate));
    expect(after.some((px) => !near(px, before, 2))).to.equal(true);
    expect(viewEvents, 'a host property change fires no event').to.equal(0);

    // The user picks a view in the toolbar: the property changes and the event fires.
    const select = shadow(el).querySelector<HTMLSelectElement>('[part="toolbar"] select')!;
    const event = nextEvent(el, 'cbm-view-change', 5000);
    select.value = 'ccr';
    select.dispatchEvent(new Event('change'));
    const e = await event;
    expect(e.detail.view).to.equal('ccr');
    expect(e.bubbles && e.composed).to.equal(true);
    expect(el.view).to.equal('ccr');
    expect(el.getAttribute('view')).to.equal('ccr');

    // The layer switcher (ol-ext, inside the shadow root) offers the views as radio buttons.
    const item = [...shadow(el).querySelectorAll<HTMLElement>('.ol-layerswitcher li')].find((li) => li.querySelector('label')?.textContent === 'Units')!;
    expect(item, 'a Units entry in the layer switcher').to.not.equal(undefined);
    const fromSwitcher = nextEvent(el, 'cbm-view-change', 5000);
    item.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
    expect((await fromSwitcher).detail.view).to.equal('units');
    await el.updateComplete;
    expect(el.view).to.equal('units');
    expect(shadow(el).querySelector('[part="legend"] h2')!.textContent).to.equal('Units: net emissions');
  });

  it('draws parcels in their class colours and opens a parcel popup', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', view: 'parcels' } });
    const parcels = format.readFeatures(el.results!.parcels);
    const byValue = [...parcels].sort((a, b) => (a.get('netPerKm2') as number) - (b.get('netPerKm2') as number));
    // Highest net emissions per km²: the top of the source ramp (documented default #bd0026).
    // Strongest net sink: the dark end of the sink ramp (#1b7837).
    for (const [feature, colour] of [
      [byValue[byValue.length - 1], '#bd0026'],
      [byValue[0], '#1b7837'],
    ] as const) {
      expect(feature.get('netPerKm2') < 0 || colour === '#bd0026').to.equal(true);
      const g = feature.getGeometry() as Polygon | MultiPolygon;
      el.map!.getView().fit(g.getExtent(), { padding: [150, 150, 150, 150] });
      await el.whenRendered();
      const poly = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygon(0)! : (g as Polygon);
      const point = poly.getInteriorPoint().getCoordinates().slice(0, 2);
      const px = pixelAtCoordinate(el, point);
      expect(near(px, hex(colour)), `parcel ${feature.getId()} drawn ${px}`).to.equal(true);
    }
    // Click the last one: a parcel popup with its land-use code, as text.
    const target = byValue[0];
    const g = target.getGeometry() as Polygon | MultiPolygon;
    const poly = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygon(0)! : (g as Polygon);
    const px = el.map!.getPixelFromCoordinate(poly.getInteriorPoint().getCoordinates().slice(0, 2));
    const rect = el.map!.getViewport()!.getBoundingClientRect();
    const selected = nextEvent(el, 'cbm-feature-select', 5000);
    await sendMouse({ type: 'click', position: [Math.round(rect.left + px[0]), Math.round(rect.top + px[1])] });
    const e = await selected;
    expect(e.detail.layer).to.equal('parcels');
    expect(e.detail.properties!.code).to.equal(target.get('code'));
    await el.updateComplete;
    const popup = shadow(el).querySelector<HTMLElement>('[part="popup"]')!;
    expect(popup.textContent).to.contain(String(target.get('code')));
    expect(popup.textContent).to.match(/t CO₂e\/km²/);
  });

  it('re-runs the engine when a land-use code is remapped in the binding panel', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
    const report0 = el.report!;
    // The land-use table lists each distinct code with its parcel count.
    const rows = await (async () => {
      await until(() => shadow(el).querySelectorAll('table.landuse tbody tr').length > 0, 10_000);
      return [...shadow(el).querySelectorAll<HTMLTableRowElement>('table.landuse tbody tr')];
    })();
    expect(rows.length).to.be.greaterThan(3);
    const total = rows.reduce((s, r) => s + Number(r.cells[1].textContent!.replace(/\D/g, '')), 0);
    expect(total).to.equal(el.results!.parcels.features.length);
    // Remap the code with the largest area (the first row) to forest.
    const row = rows[0];
    const code = row.dataset.code!;
    const select = row.querySelector('select')!;
    expect(select.value).to.not.equal('forest');
    // The unit and grid features on the map before the remap (by the layers' view property).
    const layerOf = (view: string) => el.map!.getAllLayers().find((l) => l.get('cbmView') === view) as unknown as { getSource(): { getFeatures(): Array<{ get(k: string): unknown; getId(): unknown }> } };
    const unitFeatures0 = layerOf('zones').getSource().getFeatures();
    // Grid cells are read when the page is idle (or the grid view is shown): wait for them.
    expect(await until(() => layerOf('grid').getSource().getFeatures().length > 0, 5000)).to.equal(true);
    const gridFeatures0 = layerOf('grid').getSource().getFeatures();
    expect(unitFeatures0.length).to.equal(report0.units.length);
    const configChange = nextEvent(el, 'cbm-config-change', 5000);
    const complete = nextEvent(el, 'cbm-run-complete');
    select.value = 'forest';
    select.dispatchEvent(new Event('change'));
    const changed = await configChange;
    expect(changed.detail.config.landUse.overrides?.[code]).to.equal('forest');
    expect(el.config).to.equal(changed.detail.config);
    await complete;
    const report1 = el.report!;
    expect(report1).to.not.equal(report0);
    // Every parcel of that code is forest now, and the sinks moved between units (the city's
    // sink total is an inventory input, so it stays).
    const ofCode = el.results!.parcels.features.filter((f) => String(f.properties!.code) === code);
    expect(ofCode.length).to.equal(Number(row.cells[1].textContent!.replace(/\D/g, '')));
    expect(ofCode.every((f) => f.properties!.spaceType === 'forest')).to.equal(true);
    expect(report1.landUse.bySpaceType.forest.parcels).to.be.greaterThan(report0.landUse.bySpaceType.forest?.parcels ?? 0);
    const sinks0 = report0.units.map((u) => u.sinkT);
    const sinks1 = report1.units.map((u) => u.sinkT);
    expect(sinks1).to.not.deep.equal(sinks0);
    // The outlines stayed: the same map features carry the new values (no geometry re-read),
    // and the public results still have every outline.
    const unitFeatures1 = layerOf('zones').getSource().getFeatures();
    expect(unitFeatures1.length).to.equal(unitFeatures0.length);
    expect(unitFeatures1.every((f) => unitFeatures0.includes(f))).to.equal(true);
    expect(layerOf('grid').getSource().getFeatures().every((f) => gridFeatures0.includes(f))).to.equal(true);
    const byId = new Map(report1.units.map((u) => [u.id, u]));
    for (const f of unitFeatures1) {
      const u = byId.get(String(f.getId()))!;
      expect(f.get('sinkT')).to.equal(u.sinkT);
      expect(f.get('zone')).to.equal(u.zone);
    }
    expect(el.results!.units.features.every((f) => f.geometry !== null)).to.equal(true);
    expect(el.results!.grid.features.every((f) => f.geometry !== null)).to.equal(true);
    expect(el.results!.parcels.features.every((f) => typeof f.properties!.id === 'string')).to.equal(true);
    // The map shows each unit's new zone in its documented fill.
    await el.whenRendered();
    const points = unitPoints(el).filter((p) => p.zone !== null);
    expect(points.length).to.be.greaterThan(5);
    for (const p of points) {
      expect(p.zone).to.equal(byId.get(p.id)!.zone);
      const px = pixelAtCoordinate(el, p.coordinate);
      expect(near(px, hex(ZONE_DEFAULTS[p.zone!])), `${p.name} (${p.zone}) drawn as ${px} after the remap`).to.equal(true);
    }
    // The exported config is the edited one, as JSON the CLI reads.
    const exported = JSON.parse(await el.exportConfig().text());
    expect(exported.landUse.overrides[code]).to.equal('forest');
  });

  it('binds fields from the loaded layers, POI categories and the GDP table', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
    const root = shadow(el);
    // The code-field chooser lists the parcels layer's own fields, with samples.
    const codeSelect = [...root.querySelectorAll<HTMLElement>('.field-row')].find((r) => r.querySelector('label')?.textContent === 'Land-use code field')!;
    const fieldNames = [...codeSelect.querySelectorAll('option')].map((o) => o.value).filter(Boolean);
    const parcelFields = el.loadedLayers.find((l) => l.name === 'parcels.geojson')!.fields.map((f) => f.name);
    expect(fieldNames).to.have.members(parcelFields);
    expect(codeSelect.querySelector<HTMLSelectElement>('select')!.value).to.equal('dlbm');
    expect(codeSelect.querySelector('.samples')!.textContent).to.match(/\d{4}/);
    // POI categories: each type code with its count; the counts add up to the layer.
    await until(() => root.querySelectorAll('table.poi-categories tbody tr').length > 0, 10_000);
    const poiRows = [...root.querySelectorAll<HTMLTableRowElement>('table.poi-categories tbody tr')];
    expect(poiRows.length).to.be.greaterThan(2);
    // GDP table: every unit matched.
    const units = el.report!.units.length;
    expect(root.textContent).to.contain(`${units} of ${units} units matched`);
    // Editing a unit's GDP re-runs with the new value in the config.
    const gdpInput = root.querySelector<HTMLInputElement>('table.economy tbody input')!;
    const done = nextEvent(el, 'cbm-run-complete');
    const change = nextEvent(el, 'cbm-config-change', 5000);
    gdpInput.value = '1';
    gdpInput.dispatchEvent(new Event('change'));
    const c = (await change).detail.config;
    expect(c.economy && c.economy.source === 'table' && c.economy.rows.some((r) => r.value === 1)).to.equal(true);
    await done;
  });

  it('shows a unit name that is markup as literal text in the popup', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' }, demoOptions: { parcels: 2000, units: 24, pois: 3000, populationPoints: 3000, seed: 7, hostileName: true } });
    const hostile = unitPoints(el).find((p) => p.name.includes('<'));
    expect(hostile, 'the demo city has a unit with markup in its name').to.not.equal(undefined);
    // Click it with the real mouse.
    const px = el.map!.getPixelFromCoordinate(hostile!.coordinate);
    const rect = el.map!.getViewport()!.getBoundingClientRect();
    const select = nextEvent(el, 'cbm-feature-select', 5000);
    await sendMouse({ type: 'click', position: [Math.round(rect.left + px[0]), Math.round(rect.top + px[1])] });
    const e = await select;
    expect(e.detail.id).to.equal(hostile!.id);
    await el.updateComplete;
    const popup = shadow(el).querySelector<HTMLElement>('[part="popup"]')!;
    expect(popup.hidden).to.equal(false);
    expect(popup.querySelector('h2')!.textContent).to.equal(hostile!.name);
    expect(popup.querySelector('img')).to.equal(null);
    expect(shadow(el).querySelector('img')).to.equal(null);
    // Every number in the popup carries a unit.
    const values = [...popup.querySelectorAll('dd')].map((d) => d.textContent!.trim());
    expect(values.some((v) => /t CO₂e$/.test(v))).to.equal(true);
  });

  it('renders at the right size once a hidden container is shown, and defaults to 480 px high', async () => {
    const holder = document.createElement('div');
    holder.style.display = 'none';
    holder.style.width = '640px';
    document.body.appendChild(holder);
    try {
      const el = create({ parent: holder, style: 'width: 100%', attributes: { lang: 'en' } });
      await nextEvent(el, 'cbm-run-complete');
      holder.style.display = 'block';
      expect(el.getBoundingClientRect().height).to.equal(480);
      await until(() => {
        const size = el.map!.getSize();
        return !!size && size[0] > 600 && size[1] > 380;
      });
      await el.whenRendered();
      const size = el.map!.getSize()!;
      const viewport = el.map!.getViewport()!.getBoundingClientRect();
      expect(size[0]).to.equal(Math.round(viewport.width));
      expect(size[1]).to.equal(Math.round(viewport.height));
      // The city is fitted to the shown map, and drawn.
      const points = unitPoints(el).filter((p) => p.zone);
      expect(points.length).to.be.greaterThan(5);
      const drawn = points.filter((p) => near(pixelAtCoordinate(el, p.coordinate), hex(ZONE_DEFAULTS[p.zone!])));
      expect(drawn.length).to.equal(points.length);
    } finally {
      holder.remove();
    }
  });

  it('keeps the side panel at its width, stacks it under a narrow map, and keeps the popup in view', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' }, style: 'width: 1000px; height: 560px; display: block;' });
    const root = shadow(el);
    const panel = root.querySelector<HTMLElement>('.side-panel')!;
    const mapWrap = root.querySelector<HTMLElement>('.map-wrap')!;
    // Every tab, the wide unit table included, scrolls inside a panel of the documented 380 px.
    for (const tab of ['binding', 'results', 'exports']) {
      root.querySelector<HTMLElement>(`#tab-${tab}`)!.click();
      await el.updateComplete;
      expect(panel.getBoundingClientRect().width, `${tab} tab`).to.equal(380);
      expect(mapWrap.getBoundingClientRect().width, `${tab} tab`).to.equal(1000 - 2 - 380);
      // Nothing in a tab but the unit table is wider than the panel (selects shrink to fit).
      const tabpanel = root.querySelector<HTMLElement>('.tabpanel')!;
      if (tab !== 'results') expect(tabpanel.scrollWidth, `${tab} tab content width`).to.be.at.most(tabpanel.clientWidth);
    }
    // The data-binding tab says the run has warnings about the data (listed under Results).
    root.querySelector<HTMLElement>('#tab-binding')!.click();
    await el.updateComplete;
    const warnings = el.report!.issues.filter((i) => i.severity === 'warning').length;
    expect(warnings, 'the demo city has data warnings (code 9999)').to.be.greaterThan(0);
    expect(root.querySelector('.run-warnings')!.textContent).to.contain(`reported ${warnings} warning(s)`);
    // The sector chart in the 380 px panel: text at a reading size, every bar with its value.
    root.querySelector<HTMLElement>('#tab-results')!.click();
    await el.updateComplete;
    const labels = [...root.querySelectorAll<SVGTextElement>('svg.chart > g > text:not(.value)')];
    const values = [...root.querySelectorAll<SVGTextElement>('svg.chart text.value')].map((v) => v.textContent!);
    expect(labels.length).to.equal(el.report!.sectors.length);
    expect(values.length).to.equal(labels.length);
    for (const v of values) expect(v).to.match(/t CO₂e$/);
    for (const l of labels) expect(l.getBoundingClientRect().height).to.be.within(9, 16);
    expect([...root.querySelectorAll('svg.chart text.tick')].map((x) => x.textContent)).to.include('0');

    // A 390 px wide element (a phone): the panel goes under the map, full width, nothing sideways.
    el.style.width = '390px';
    el.style.height = '720px';
    await until(() => Math.abs(el.map!.getSize()![0] - 388) < 1, 3000);
    const frame = root.querySelector<HTMLElement>('.frame')!;
    const mapBox = mapWrap.getBoundingClientRect();
    const panelBox = panel.getBoundingClientRect();
    expect(mapBox.width).to.equal(388);
    expect(panelBox.width).to.equal(388);
    expect(panelBox.top).to.be.at.least(mapBox.bottom - 0.5);
    expect(mapBox.height, 'the map keeps a usable height').to.be.greaterThan(250);
    expect(frame.scrollWidth).to.be.at.most(frame.clientWidth);

    // Back to a wide element with the panel closed. A popup that fits does not move the map; one
    // that would leave the view pans it just enough to show the whole popup.
    el.style.width = '1000px';
    el.style.height = '560px';
    el.panel = 'closed';
    await until(() => Math.abs(el.map!.getSize()![0] - 998) < 1, 3000);
    await el.whenRendered();
    const size = el.map!.getSize()!;
    const points = unitPoints(el).filter((p) => p.zone !== null).map((p) => ({ ...p, px: el.map!.getPixelFromCoordinate(p.coordinate) }));
    const click = async (px: number[]): Promise<void> => {
      const rect = el.map!.getViewport()!.getBoundingClientRect();
      const select = nextEvent(el, 'cbm-feature-select', 5000);
      await sendMouse({ type: 'click', position: [Math.round(rect.left + px[0]), Math.round(rect.top + px[1])] });
      await select;
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 400)); // past the 150 ms pan animation
    };
    const popupInView = (): boolean => {
      const popup = root.querySelector<HTMLElement>('[part="popup"]')!.getBoundingClientRect();
      const view = el.map!.getViewport()!.getBoundingClientRect();
      return popup.height > 40 && popup.top >= view.top && popup.bottom <= view.bottom && popup.left >= view.left && popup.right <= view.right;
    };
    const central = points.reduce((a, b) => (Math.hypot(a.px[0] - size[0] / 2, a.px[1] - size[1] * 0.75) < Math.hypot(b.px[0] - size[0] / 2, b.px[1] - size[1] * 0.75) ? a : b));
    const centre = el.map!.getView().getCenter()!.slice();
    await click(central.px);
    expect(el.map!.getView().getCenter(), 'no pan for a popup that fits').to.deep.equal(centre);
    expect(popupInView(), 'popup inside the map').to.equal(true);
    // The highest unit clear of the open popup (its close button is a control, not the map).
    const open = root.querySelector<HTMLElement>('[part="popup"]')!.getBoundingClientRect();
    const viewportLeft = el.map!.getViewport()!.getBoundingClientRect().left;
    const clear = points.filter((p) => p.px[0] + viewportLeft < open.left - 10 || p.px[0] + viewportLeft > open.right + 10);
    const top = clear.reduce((a, b) => (a.px[1] < b.px[1] ? a : b));
    expect(top.px[1], 'a unit near the top edge').to.be.lessThan(120);
    await click(top.px);
    expect(el.map!.getView().getCenter(), 'the map panned').to.not.deep.equal(centre);
    expect(popupInView(), 'popup of a unit near the top edge inside the map').to.equal(true);
  });

  it('fits the city again when the panel opens, unless the user has moved the map', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' } });
    const view = el.map!.getView();
    const cityExtent = format.readFeatures(el.results!.units).reduce((e, f) => {
      const g = f.getGeometry()!.getExtent();
      return [Math.min(e[0], g[0]), Math.min(e[1], g[1]), Math.max(e[2], g[2]), Math.max(e[3], g[3])];
    }, [Infinity, Infinity, -Infinity, -Infinity]);
    const inView = (): boolean => {
      const v = view.calculateExtent(el.map!.getSize());
      return cityExtent[0] >= v[0] && cityExtent[1] >= v[1] && cityExtent[2] <= v[2] && cityExtent[3] <= v[3];
    };
    expect(inView(), 'the whole city on the first map').to.equal(true);
    shadow(el).querySelector<HTMLButtonElement>('.panel-toggle')!.click();
    await until(() => el.map!.getSize()![0] < 500, 3000);
    await until(() => !view.getAnimating(), 1000);
    expect(inView(), 'the whole city beside the open panel').to.equal(true);
    // The user pans: closing the panel leaves the view where the user put it.
    const moved = [view.getCenter()![0] + 500, view.getCenter()![1]];
    view.setCenter(moved);
    shadow(el).querySelector<HTMLButtonElement>('.panel-toggle')!.click();
    await until(() => el.map!.getSize()![0] > 700, 3000);
    await new Promise((r) => setTimeout(r, 100));
    expect(view.getCenter()).to.deep.equal(moved);
  });

  it('takes a dark theme from the two panel colours: toolbar, controls, legend and popup follow', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' }, style: 'width: 900px; height: 520px; display: block; --cbm-panel-background: #1e1e1e; --cbm-panel-color: #f0f0f0;' });
    const root = shadow(el);
    const dark = 'rgb(30, 30, 30)';
    const light = 'rgb(240, 240, 240)';
    el.zoomToUnit(el.report!.units[0].id);
    await el.updateComplete;
    for (const selector of ['.toolbar', '.toolbar select', '.side-panel', '.side-panel select', '[part="legend"]', '[part="popup"]']) {
      const node = root.querySelector<HTMLElement>(selector)!;
      expect(node, selector).to.not.equal(null);
      const style = getComputedStyle(node);
      expect(style.backgroundColor, `${selector} background`).to.equal(dark);
      expect(style.color, `${selector} text`).to.equal(light);
    }
  });

  it('falls back to the defaults for mistyped attributes, with a warning, and still draws the zones', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      const el = await mountAndRun({ attributes: { lang: 'en', view: 'zone', panel: 'weird', classification: 'natural', classes: 'abc' } });
      expect([el.view, el.panel, el.classification, el.classes]).to.deep.equal(['zones', 'closed', 'jenks', 5]);
      expect(el.getAttribute('view')).to.equal('zones');
      expect(warnings.some((w) => w.includes('view="zone" is not one of zones, units, grid, parcels, ccr, ecc, esc; using zones'))).to.equal(true);
      expect(warnings.some((w) => w.includes('classes=') && w.includes('using 5'))).to.equal(true);
      expectZoneFills(el);
      el.setAttribute('classes', '99');
      await el.updateComplete;
      expect(el.classes).to.equal(12);
    } finally {
      console.warn = warn;
    }
  });

  it('keeps its controls intact under host-page CSS aimed at generic names', async () => {
    const style = document.createElement('style');
    style.textContent = `
      button { display: none !important; }
      .legend, .toolbar, .panel, .popup, .map, .ol-zoom { display: none !important; }
      * { font-size: 40px; letter-spacing: 10px; text-transform: uppercase; }
      table, select { display: none !important; }
    `;
    document.head.appendChild(style);
    try {
      const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
      const root = shadow(el);
      const zoomIn = root.querySelector<HTMLButtonElement>('.ol-zoom-in')!;
      const box = zoomIn.getBoundingClientRect();
      expect(box.width).to.be.greaterThan(10).and.lessThan(60);
      const toggle = root.querySelector<HTMLButtonElement>('.panel-toggle')!;
      expect(getComputedStyle(toggle).display).to.not.equal('none');
      expect(getComputedStyle(toggle).fontSize).to.equal('13.3px');
      expect(getComputedStyle(toggle).textTransform).to.equal('none');
      expect(getComputedStyle(root.querySelector('[part="legend"]')!).display).to.equal('block');
      // Zoom in with the control: the view zooms.
      const zoom = el.map!.getView().getZoom()!;
      zoomIn.click();
      await until(() => el.map!.getView().getZoom()! > zoom + 0.5, 3000);
      expect(el.map!.getView().getZoom()).to.be.greaterThan(zoom + 0.5);
    } finally {
      style.remove();
    }
  });

  it('keeps two elements on one page independent', async () => {
    const created: Worker[] = [];
    const RealWorker = window.Worker;
    window.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        created.push(this);
      }
    };
    try {
      const a = create({ attributes: { lang: 'en' } });
      const b = create({ attributes: { lang: 'zh-CN', view: 'grid' }, demoOptions: { parcels: 1000, units: 12, pois: 1500, populationPoints: 1500, seed: 99 } });
      await Promise.all([nextEvent(a, 'cbm-run-complete'), nextEvent(b, 'cbm-run-complete')]);
      expect(created.length).to.equal(2);
      expect(a.report!.units.length).to.not.equal(b.report!.units.length);
      expect(shadow(b).querySelector('[part="legend"] h2')!.textContent).to.contain('格网');
      expect(shadow(a).querySelector('[part="legend"] h2')!.textContent).to.contain('Carbon balance zones');
      let aEvents = 0;
      a.addEventListener('cbm-run-complete', () => aEvents++);
      const bDone = nextEvent(b, 'cbm-run-complete');
      await b.rerun();
      await bDone;
      expect(aEvents).to.equal(0);
      expect(a.view).to.equal('zones');
    } finally {
      window.Worker = RealWorker;
    }
  });

  it('leaves no worker running after it is removed', async () => {
    const workers: Array<{ worker: Worker; terminated: boolean }> = [];
    const RealWorker = window.Worker;
    window.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const entry = { worker: this as Worker, terminated: false };
        workers.push(entry);
        const terminate = this.terminate.bind(this);
        this.terminate = () => {
          entry.terminated = true;
          terminate();
        };
      }
    };
    try {
      const el = await mountAndRun({ attributes: { lang: 'en' } });
      expect(workers.length).to.equal(1);
      expect(workers[0].terminated).to.equal(false);
      // Start a run and remove the element while it runs.
      void el.rerun();
      el.remove();
      expect(workers.every((w) => w.terminated)).to.equal(true);
      // Nothing is left listening: no event from the removed element later.
      let late = 0;
      el.addEventListener('cbm-run-complete', () => late++);
      await new Promise((r) => setTimeout(r, 500));
      expect(late).to.equal(0);
    } finally {
      window.Worker = RealWorker;
    }
  });

  it('lets a newer run supersede an older one, reports progress, and cancels', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' } });
    const starts: number[] = [];
    const completes: number[] = [];
    let progress = 0;
    el.addEventListener('cbm-run-start', (e) => starts.push(e.detail.runId));
    el.addEventListener('cbm-run-complete', (e) => completes.push(e.detail.runId));
    el.addEventListener('cbm-run-progress', () => progress++);
    const last = nextEvent(el, 'cbm-run-complete');
    void el.rerun();
    void el.rerun();
    await last;
    await new Promise((r) => setTimeout(r, 300));
    expect(starts.length).to.equal(2);
    // Only the newer run's result reaches the map.
    expect(completes).to.deep.equal([starts[1]]);
    expect(progress).to.be.greaterThan(0);

    // Cancel: the toolbar shows Cancel while running; afterwards the state says cancelled,
    // no result arrives, and the next run works (on a fresh worker if the old one was stopped).
    const cancelled = nextEvent(el, 'cbm-run-cancel', 5000);
    void el.rerun();
    await el.updateComplete;
    const button = shadow(el).querySelector<HTMLButtonElement>('[part="toolbar"] button.cancel');
    expect(button, 'a Cancel button while running').to.not.equal(null);
    button!.click();
    await cancelled;
    expect(el.status).to.equal('cancelled');
    const before = completes.length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(completes.length).to.equal(before);
    const again = nextEvent(el, 'cbm-run-complete');
    await el.rerun();
    await again;
    expect(el.status).to.equal('complete');
  });

  it('keeps working after being moved in the page', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' } });
    const holder = document.createElement('div');
    document.body.appendChild(holder);
    try {
      holder.appendChild(el);
      await el.updateComplete;
      await el.whenRendered();
      const p = unitPoints(el).find((q) => q.zone)!;
      expect(near(pixelAtCoordinate(el, p.coordinate), hex(ZONE_DEFAULTS[p.zone!]))).to.equal(true);
      // The worker was stopped on removal; the next run starts a new one and reloads the data.
      const done = nextEvent(el, 'cbm-run-complete');
      await el.rerun();
      await done;
      expect(el.status).to.equal('complete');
    } finally {
      holder.remove();
    }
  });

  it('lets the keyboard step through units and announces the zone', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' } });
    const mapDiv = shadow(el).querySelector<HTMLElement>('.map')!;
    mapDiv.focus();
    const selected = nextEvent(el, 'cbm-feature-select', 5000);
    await sendKeys({ press: 'n' });
    const e = await selected;
    await el.updateComplete;
    const live = shadow(el).querySelector('[aria-live]')!;
    const unit = el.report!.units.find((u) => u.id === e.detail.id)!;
    const zoneWords: Record<string, string> = {
      'low-carbon-economic': 'Low-carbon economic zone',
      'carbon-source-control': 'Carbon-source control zone',
      'carbon-sink-functional': 'Carbon-sink functional zone',
      'high-carbon-optimisation': 'High-carbon optimisation zone',
    };
    expect(live.textContent).to.contain(unit.name);
    expect(live.textContent).to.contain(unit.zone ? zoneWords[unit.zone] : 'No zone');
    // Arrow keys pan the map (once the popup has panned into view, if it had to).
    await until(() => !el.map!.getView().getAnimating(), 2000);
    const center = el.map!.getView().getCenter()!.slice();
    mapDiv.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => el.map!.getView().getCenter()![0] !== center[0], 2000);
    expect(el.map!.getView().getCenter()![0]).to.not.equal(center[0]);
  });

  it('speaks Chinese with units on every number', async () => {
    const el = await mountAndRun({ attributes: { lang: 'zh-CN', panel: 'open' } });
    const root = shadow(el);
    expect(root.querySelector('[part="legend"] h2')!.textContent).to.equal('碳平衡分区');
    // Toolbar, map buttons and the binding panel's presets and units are Chinese too.
    expect(root.querySelector('.toolbar .title')!.textContent).to.equal('示例城市（生成数据）');
    expect(root.querySelector<HTMLElement>('.ol-zoom-in')!.title).to.equal('放大');
    const binding = root.querySelector<HTMLElement>('#tabpanel-binding')!;
    const options = [...binding.querySelectorAll('option')].map((o) => o.textContent!.trim());
    expect(options).to.include.members(['GB/T 21010-2017 土地利用现状分类', '第三次全国国土调查（三调）工作分类', 'OpenStreetMap（OSM）标签', '高德地图 POI 分类编码', '万t CO₂e']);
    expect(options.filter((o) => /Third National|AMap|^OSM$|10⁴ t|unit id/.test(o)), 'no English option').to.deep.equal([]);
    const headers = [...binding.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(headers).to.include.members(['值（万t CO₂e）', '经济权重（万元）']);
    expect(headers.filter((h) => /10\^4|CNY/.test(h))).to.deep.equal([]);
    (root.querySelector('#tab-results') as HTMLButtonElement).click();
    await el.updateComplete;
    const table = root.querySelector('table.sector-table')!;
    expect(table).to.not.equal(null);
    for (const cell of table.querySelectorAll('td.num')) {
      const text = cell.textContent!.trim();
      // A share that does not apply (sinks have no share of gross) reads "no value".
      if (text && text !== '无值') expect(text, 'every number has a unit').to.match(/(t CO₂e|万t CO₂e| %)$/);
    }
    // The unit table starts sorted by net emissions, descending; its header button flips it.
    const header = [...root.querySelectorAll<HTMLButtonElement>('table.unit-table th button')].find((b) => b.textContent!.includes('净排放'))!;
    expect(header.closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    header.click();
    await el.updateComplete;
    expect(header.closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    const ids = [...root.querySelectorAll<HTMLTableRowElement>('table.unit-table tbody tr')].map((r) => r.dataset.unitId!);
    const nets = ids.map((id) => el.report!.units.find((u) => u.id === id)!.netT);
    expect(nets).to.deep.equal([...nets].sort((x, y) => x - y));
    // Choosing a row zooms to the unit and selects it.
    const rowEl = root.querySelector<HTMLTableRowElement>('table.unit-table tbody tr')!;
    rowEl.click();
    await el.updateComplete;
    expect(root.querySelector('[part="popup"]')!.hasAttribute('hidden')).to.equal(false);
    // Run-report warnings: a Chinese sentence with the layer named, the English message as title.
    const outside = root.querySelector<HTMLElement>('ul.issues li[data-code="points-outside-parcels"]')!;
    expect(outside.textContent).to.match(/^兴趣点图层 1：\d+ 个(工业|商业服务|交通设施)点位于研究区所有地块之外，未计入。$/);
    expect(outside.title).to.contain('lie outside every parcel');
  });

  it('speaks English in the same places, and switches the map chrome with the language', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en', panel: 'open' } });
    const root = shadow(el);
    expect(root.querySelector('.toolbar .title')!.textContent).to.equal('Demo city (generated)');
    expect(root.querySelector<HTMLElement>('.ol-zoom-in')!.title).to.equal('Zoom in');
    const binding = root.querySelector<HTMLElement>('#tabpanel-binding')!;
    const options = [...binding.querySelectorAll('option')].map((o) => o.textContent!.trim());
    expect(options).to.include.members(['Third National Land Survey', 'AMap (Gaode) POI type codes', '10⁴ t CO₂e', 'Unit id', 'Unit name']);
    const headers = [...binding.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(headers).to.include.members(['Value (10⁴ t CO₂e)', 'Economic weight (10⁴ CNY)']);
    expect(binding.textContent).to.not.contain('万元');
    expect(binding.textContent).to.not.contain('万t');
    // A language change re-labels the zoom buttons and the layer switcher's entries.
    el.lang = 'zh-CN';
    await el.updateComplete;
    expect(root.querySelector<HTMLElement>('.ol-zoom-out')!.title).to.equal('缩小');
    const titles = el.map!.getLayers().getArray().map((l) => l.get('title'));
    expect(titles).to.include.members(['分区', '单元边界']);
    expect(root.querySelector('.toolbar .title')!.textContent).to.equal('示例城市（生成数据）');
  });

  it('exports CSV with a BOM, GeoJSON, the report and a PNG', async () => {
    const el = await mountAndRun({ attributes: { lang: 'en' } });
    const csv = new Uint8Array(await el.exportCSV('units').arrayBuffer());
    expect([...csv.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.slice(3));
    expect(text.split('\r\n')[0]).to.contain('zone');
    // The CLI's CSV: each unit's centroid as lon, lat at the end of the row.
    expect(text.split('\r\n')[0].endsWith(',lon,lat')).to.equal(true);
    expect(() => el.exportCSV('nope' as 'units')).to.throw(TypeError, /units, grid or parcels, not "nope"/);
    expect(text.trim().split('\r\n').length).to.equal(el.report!.units.length + 1);
    const units = JSON.parse(await el.exportGeoJSON('units').text());
    expect(units.features.length).to.equal(el.report!.units.length);
    const parcels = JSON.parse(await el.exportGeoJSON('parcels').text());
    expect(parcels.features.length).to.equal(el.results!.parcels.features.length);
    // Parcel geometry makes the round trip through Web Mercator within 1e-6°.
    expect(parcels.features[0].geometry.coordinates[0][0][0]).to.be.within(118, 122);
    const report = JSON.parse(await el.exportReport().text());
    expect(report.format).to.equal('carbon-balance-report');
    const png = await el.exportPNG();
    expect(png.type).to.equal('image/png');
    expect(png.size).to.be.greaterThan(5000);
    const buf = new Uint8Array(await png.arrayBuffer());
    let bin = '';
    for (const b of buf) bin += String.fromCharCode(b);
    await executeServerCommand('cbm-screenshot', { path: 'test/widgets/actual/export.png', base64: btoa(bin) });
    expect([999, 1000, 3.3, 3464, 0.7].map(roundScaleLength)).to.deep.equal([500, 1000, 2, 2000, 0.5]);
    // The PNG carries a title box (upper left), the demo note and a scale bar (lower right).
    const image = await createImageBitmap(png);
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const ratio = image.width / el.map!.getSize()![0];
    const at = (x: number, y: number): number[] => [...ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data];
    expect(near(at(10, 10), [255, 255, 255], 12), `title box ${at(10, 10)}`).to.equal(true);
    let noteInk = 0; // the note's brown (#9a3412) anti-aliased text in the title box's second line
    for (let x = 16; x < 120; x++) if (at(x, 40)[0] > at(x, 40)[2] + 60) noteInk++;
    expect(noteInk, 'demo note drawn').to.be.greaterThan(3);
    const w = image.width / ratio, h = image.height / ratio;
    let bar = 0; // the scale bar: a dark band 4 px high, 10 px above the box's bottom
    for (let x = w - 140; x < w - 8; x++) if (near(at(x, h - 8 - 36 + 26), [0x1f, 0x23, 0x28], 30)) bar++;
    expect(bar, 'scale bar drawn').to.be.greaterThan(40);
    // pixelAt is used so the import stays exercised when the map is blank.
    expect(pixelAt(el, 1, 1).length).to.equal(4);
  });
});
