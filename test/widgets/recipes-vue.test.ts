/**
 * Recipe 3 of docs/integration.md in Vue 3: the template of the docs, compiled in the page by
 * Vue's full build with `compilerOptions.isCustomElement`, binds the city config and the service
 * headers with `.prop`, and writes the report and the selection into reactive state from
 * `@cbm-run-complete` and `@cbm-feature-select`. The city is the small generated demo city
 * (helpers.ts SMALL_CITY) as a config object whose layer paths are blob: URLs of its layers.
 *
 * Checked against values the element does not supply: the unit count of the generated city,
 * zone fills read from the map's canvases against the documented defaults, the index ramp of
 * the CCR view, the city totals doubling when the page doubles the inventory. Unmounting the app
 * removes the element and terminates its worker.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type * as VueApi from 'vue';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { generateDemoCity } from '../../src/engine/index.js';
import type { CityConfig, LayerData } from '../../src/engine/index.js';
import { expectZoneFills, hex, near, nextEvent, pixelAtCoordinate, SMALL_CITY, unitPoints, until } from './helpers.js';

/** Vue's full build (runtime + template compiler); its ES build reads process.env.NODE_ENV. */
async function loadVue(): Promise<typeof VueApi> {
  Object.assign(globalThis, { __VUE_OPTIONS_API__: true, __VUE_PROD_DEVTOOLS__: false, __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false });
  (globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'development' } };
  return (await import(/* @vite-ignore */ new URL('/node_modules/vue/dist/vue.esm-bundler.js', location.href).href)) as typeof VueApi;
}

interface WorkerLog {
  workers: Array<{ messages: string[]; terminated: boolean }>;
  restore(): void;
}
/** Workers the page starts, the types of the messages they are sent, and whether they were terminated. */
function logWorkers(): WorkerLog {
  const RealWorker = window.Worker;
  const log: WorkerLog = { workers: [], restore: () => (window.Worker = RealWorker) };
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

/** The small demo city as a config object whose layer paths are blob: URLs of its layers. */
function demoConfigWithUrls(): { config: CityConfig; layers: LayerData; urls: string[] } {
  const demo = generateDemoCity(SMALL_CITY);
  const config = structuredClone(demo.config);
  const urls: string[] = [];
  const url = (fc: unknown): string => {
    const u = URL.createObjectURL(new Blob([JSON.stringify(fc)], { type: 'application/geo+json' }));
    urls.push(u);
    return u;
  };
  const L = config.layers;
  L.parcels.path = url(demo.layers.parcels);
  (L.units as { path?: string }).path = url(demo.layers.units);
  L.pois!.forEach((p, i) => (p.path = url(demo.layers.pois![i])));
  L.roads!.forEach((r, i) => (r.path = url(demo.layers.roads![i])));
  L.population!.path = url(demo.layers.population);
  return { config, layers: demo.layers, urls };
}

/** The documented CCR/ECC/ESC ramp (--cbm-index-ramp-1 … -5) and the no-value fill. */
const INDEX_RAMP = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154', '#dddddd'].map(hex);

const ZONES = ['low-carbon-economic', 'carbon-source-control', 'carbon-sink-functional', 'high-carbon-optimisation', 'unzoned'];

/** The page around the element: the report and the selection in reactive state, shown as text. */
const PAGE = (element: string): string => `
  <div>
    <output name="units">{{ report ? report.units.length : '' }}</output>
    <output name="gross">{{ report ? report.totals.grossT : '' }}</output>
    <ul v-if="report"><li v-for="z in zones" :key="z" :data-zone="z">{{ report.zones[z] }}</li></ul>
    <output name="selected">{{ selected ? selected.id : '' }}</output>
    ${element}
  </div>`;

/** The element's line of docs/integration.md, recipe 3, with a size and the view bound for the test. */
const DOCS_ELEMENT = `<carbon-balance-map :config.prop="config" :serviceHeaders.prop="headers" lang="en"
  @cbm-run-complete="report = $event.target.report" @cbm-feature-select="selected = $event.detail"
  :view="view" style="width: 800px; height: 500px; display: block" />`;

function shown(host: HTMLElement): { units: number; zones: Record<string, number>; grossT: number; selected: string } | null {
  const units = host.querySelector('output[name="units"]')?.textContent ?? '';
  if (!units) return null;
  const zones = Object.fromEntries([...host.querySelectorAll('li[data-zone]')].map((li) => [li.getAttribute('data-zone')!, Number(li.textContent)]));
  return {
    units: Number(units),
    zones,
    grossT: Number(host.querySelector('output[name="gross"]')!.textContent),
    selected: host.querySelector('output[name="selected"]')!.textContent ?? '',
  };
}

describe('recipe 3 in Vue 3', function () {
  this.timeout(60_000);
  let Vue: typeof VueApi;
  let city: ReturnType<typeof demoConfigWithUrls>;
  let log: WorkerLog;
  let host: HTMLDivElement;

  before(async () => {
    Vue = await loadVue();
    expect(Vue.version).to.match(/^3\./);
    city = demoConfigWithUrls();
  });
  after(() => city.urls.forEach((u) => URL.revokeObjectURL(u)));
  beforeEach(() => {
    log = logWorkers();
    host = document.createElement('div');
    document.body.appendChild(host);
  });
  afterEach(() => {
    log.restore();
    host.remove();
  });

  /** Mounts a page on `host` and waits for the element's first run; returns the app, the element and Vue's warnings. */
  async function mountPage(element: string, setup: () => Record<string, unknown>): Promise<{ app: VueApi.App; el: CarbonBalanceMap; warnings: string[] }> {
    const app = Vue.createApp({ template: PAGE(element), setup });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'carbon-balance-map';
    const warnings: string[] = [];
    app.config.warnHandler = (msg) => warnings.push(msg);
    app.mount(host);
    const el = host.querySelector('carbon-balance-map') as CarbonBalanceMap;
    expect(el, 'the element, not a Vue component').to.be.instanceOf(customElements.get('carbon-balance-map')!);
    const failed = nextEvent(el, 'cbm-run-error').then((e) => {
      throw new Error(`run failed: ${e.detail.code}: ${e.detail.message}`);
    });
    await Promise.race([nextEvent(el, 'cbm-run-complete'), failed]);
    await el.whenRendered();
    return { app, el, warnings };
  }

  it('the docs’ template: .prop bindings, @cbm-run-complete and @cbm-feature-select into reactive state, re-render, unmount', async () => {
    const { shallowRef, ref } = Vue;
    const config = shallowRef(city.config);
    const view = ref('zones');
    const { app, el, warnings } = await mountPage(DOCS_ELEMENT, () => ({
      config,
      headers: { Authorization: 'Bearer secret-token' },
      report: shallowRef(null),
      selected: ref(null),
      view,
      zones: ZONES,
    }));
    expect(warnings, 'Vue warnings').to.deep.equal([]);

    // Properties, not attributes: the config object itself, the headers nowhere in the markup.
    expect(el.config).to.equal(city.config);
    expect(el.hasAttribute('config')).to.equal(false);
    expect(el.serviceHeaders).to.deep.equal({ Authorization: 'Bearer secret-token' });
    expect(el.outerHTML).not.to.contain('secret-token');
    expect([...el.attributes].map((a) => a.name)).not.to.include.members(['serviceheaders', 'serviceHeaders']);

    // @cbm-run-complete wrote the report into reactive state and the page shows it.
    expect(await until(() => shown(host) !== null, 5000), 'Vue rendered the report').to.equal(true);
    const first = shown(host)!;
    expect(first.units).to.equal(SMALL_CITY.units);
    expect(first.units).to.equal(city.layers.units!.features.length);
    expect(first.units).to.equal(el.report!.units.length);
    expect(first.zones).to.deep.equal(el.report!.zones);
    expect(Object.values(first.zones).reduce((a, b) => a + b, 0)).to.equal(SMALL_CITY.units);
    expectZoneFills(el);
    expect(log.workers.length).to.equal(1);
    expect(log.workers[0].messages).to.include('load-config');
    expect(log.workers[0].messages).not.to.include('load-demo');

    // @cbm-feature-select: the keyboard selects a unit (N), the page shows its id.
    const mapDiv = el.shadowRoot!.querySelector<HTMLElement>('.map')!;
    mapDiv.focus();
    const selected = nextEvent(el, 'cbm-feature-select', 5000);
    await sendKeys({ press: 'n' });
    const e = await selected;
    expect(await until(() => shown(host)!.selected !== '', 5000)).to.equal(true);
    expect(shown(host)!.selected).to.equal(String(e.detail.id));
    expect(el.report!.units.map((u) => String(u.id))).to.include(shown(host)!.selected);
    // (The selection may move the view to the unit: let it settle.)
    await until(() => !el.map!.getView().getAnimating(), 5000);
    await el.whenRendered();

    // A reactive view change: the element's property follows, the map shows the CCR ramp, no run.
    let starts = 0;
    el.addEventListener('cbm-run-start', () => starts++);
    const points = unitPoints(el);
    view.value = 'ccr';
    expect(await until(() => el.view === 'ccr', 5000)).to.equal(true);
    await el.updateComplete;
    await el.whenRendered();
    for (const p of points) {
      const px = pixelAtCoordinate(el, p.coordinate);
      expect(INDEX_RAMP.some((c) => near(px, c)), `${p.name} in the CCR view drawn as ${px}`).to.equal(true);
    }
    expect(starts).to.equal(0);

    // A new config object (every inventory total doubled): one run, totals twice the first ones.
    const doubled = structuredClone(city.config);
    (doubled.inventory as { totals: Array<{ value: number }> }).totals.forEach((t) => (t.value *= 2));
    const rerun = nextEvent(el, 'cbm-run-complete');
    config.value = doubled;
    view.value = 'zones';
    await rerun;
    expect(await until(() => shown(host)!.grossT !== first.grossT, 5000)).to.equal(true);
    expect(shown(host)!.grossT / first.grossT).to.be.closeTo(2, 1e-9);
    expect(shown(host)!.zones).to.deep.equal(first.zones);
    expect(starts).to.equal(1);
    await el.whenRendered();
    expectZoneFills(el);

    // Unmount: the element leaves the page and no worker is left running.
    app.unmount();
    expect(el.isConnected).to.equal(false);
    expect(host.querySelector('carbon-balance-map')).to.equal(null);
    expect(log.workers.every((w) => w.terminated), 'every worker terminated').to.equal(true);
  });

  it('without .prop Vue 3 still sets a property the element has (`config in el`); attributes for the rest', async () => {
    const { shallowRef } = Vue;
    const element = `<carbon-balance-map :config="config" :serviceHeaders="headers" tianditu-key="k" lang="en"
      @cbm-run-complete="report = $event.target.report" style="width: 600px; height: 400px; display: block" />`;
    const { app, el } = await mountPage(element, () => ({ config: shallowRef(city.config), headers: { Authorization: 'Bearer secret-token' }, report: shallowRef(null), selected: null, zones: ZONES }));
    expect(el.config).to.equal(city.config);
    expect(el.serviceHeaders).to.deep.equal({ Authorization: 'Bearer secret-token' });
    expect(el.hasAttribute('config') || el.hasAttribute('serviceheaders')).to.equal(false);
    // A dashed attribute name is no property name: it stays an attribute, which the element reads.
    expect(el.getAttribute('tianditu-key')).to.equal('k');
    expect(el.tiandituKey).to.equal('k');
    expect(await until(() => shown(host) !== null, 5000)).to.equal(true);
    expect(shown(host)!.units).to.equal(SMALL_CITY.units);
    app.unmount();
    expect(log.workers.every((w) => w.terminated)).to.equal(true);
  });

  it('a config in ref()/reactive() is a Vue proxy, which the element cannot send to its worker: use shallowRef or markRaw', async () => {
    const { ref, shallowRef } = Vue;
    const app = Vue.createApp({ template: PAGE(DOCS_ELEMENT), setup: () => ({ config: ref(structuredClone(city.config)), headers: null, report: shallowRef(null), selected: null, view: 'zones', zones: ZONES }) });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'carbon-balance-map';
    app.mount(host);
    const el = host.querySelector('carbon-balance-map') as CarbonBalanceMap;
    const e = await nextEvent(el, 'cbm-run-error');
    expect(e.detail.message).to.contain('could not be cloned');
    app.unmount();
  });
});
