/**
 * Recipe 3 of docs/integration.md in React 19: a component renders `<carbon-balance-map>`, hands
 * it the city config as an object property and `serviceHeaders` through a ref, and lifts the
 * report into React state on `cbm-run-complete`. Also React 19's own custom-element support: an
 * object prop set directly on the element becomes a property, and an `oncbm-run-complete` prop
 * becomes an event listener (react-dom's setPropOnCustomElement). The city is the small generated
 * demo city (helpers.ts SMALL_CITY), generated here on the page and given to the element as a
 * config object whose layer paths are blob: URLs of its GeoJSON layers, so the element fetches
 * them as it would a portal's files.
 *
 * Checked against values the element does not supply: the unit count of the generated city (24,
 * and the length of its units layer), zone fills read from the map's canvases against the
 * documented defaults, the index ramp of the CCR view, and the city totals doubling when the
 * React parent doubles the inventory. Unmounting the root removes the element and terminates its
 * worker.
 *
 * React is CommonJS only. The test server's CommonJS plugin turns a `require()` of another
 * CommonJS module into that module's ES namespace (`{ default, __moduleExports }`), which
 * react-dom cannot use; `loadReact()` below fills those namespaces with the real exports before
 * react-dom runs (a workaround for the test server only: a bundler such as Vite, esbuild or
 * webpack needs none of it).
 */
import { expect } from '@open-wc/testing';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { generateDemoCity } from '../../src/engine/index.js';
import type { CityConfig, LayerData, RunReport } from '../../src/engine/index.js';
import { expectZoneFills, hex, near, nextEvent, pixelAtCoordinate, SMALL_CITY, unitPoints, until } from './helpers.js';

/** React ships no types here (no @types/react). */
type ReactApi = any;

const proxied = new Set<string>();

/**
 * Gives every CommonJS `require()` proxy reachable from `url` its module's real exports,
 * deepest first, so that each module finds complete exports when it runs.
 */
async function fillRequireProxies(url: string): Promise<void> {
  if (proxied.has(url)) return;
  proxied.add(url);
  const src = await fetch(url).then((r) => r.text());
  for (const m of src.matchAll(/import require\$\$\d+ from "([^"]+commonjs-proxy[^"]*)"/g)) {
    const proxyUrl = new URL(m[1], url).href;
    const proxySrc = await fetch(proxyUrl).then((r) => r.text());
    const target = /import \* as \w+ from "([^"]+)"/.exec(proxySrc);
    if (!target) continue; // a proxy that already re-exports the module's exports
    const targetUrl = new URL(target[1], proxyUrl).href;
    await fillRequireProxies(targetUrl);
    const ns = await import(/* @vite-ignore */ targetUrl);
    const real = ns.__moduleExports ?? ns;
    const proxy = (await import(/* @vite-ignore */ proxyUrl)).default;
    for (const k of Object.keys(real)) if (!(k in proxy)) proxy[k] = real[k];
  }
}

async function loadReact(): Promise<{ React: ReactApi; createRoot: (el: Element) => any }> {
  // The CommonJS entry points choose their build by process.env.NODE_ENV.
  (globalThis as { process?: unknown }).process ??= { env: { NODE_ENV: 'production' } };
  const client = new URL('/node_modules/react-dom/client.js', location.href).href;
  await fillRequireProxies(client);
  const React = (await import(/* @vite-ignore */ new URL('/node_modules/react/index.js', location.href).href)).default;
  const { createRoot } = (await import(/* @vite-ignore */ client)).default;
  return { React, createRoot };
}

/** Workers the page starts, the types of the messages they are sent, and whether they were terminated. */
interface WorkerLog {
  workers: Array<{ messages: string[]; terminated: boolean }>;
  restore(): void;
}
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

const ZONES = ['low-carbon-economic', 'carbon-source-control', 'carbon-sink-functional', 'high-carbon-optimisation', 'unzoned'] as const;

/** What the React page shows of the report: the unit count, the zone counts and the gross total. */
function shown(host: HTMLElement): { units: number; zones: Record<string, number>; grossT: number } | null {
  const units = host.querySelector('output[name="units"]')?.textContent ?? '';
  if (!units) return null;
  const zones = Object.fromEntries([...host.querySelectorAll('li[data-zone]')].map((li) => [li.getAttribute('data-zone')!, Number(li.textContent)]));
  return { units: Number(units), zones, grossT: Number(host.querySelector('output[name="gross"]')!.textContent) };
}

describe('recipe 3 in React 19', function () {
  this.timeout(60_000);
  let React: ReactApi;
  let createRoot: (el: Element) => any;
  let city: ReturnType<typeof demoConfigWithUrls>;
  let log: WorkerLog;
  let host: HTMLDivElement;

  before(async () => {
    ({ React, createRoot } = await loadReact());
    expect(React.version).to.match(/^19\./);
    city = demoConfigWithUrls();
  });
  after(() => city.urls.forEach((u) => URL.revokeObjectURL(u)));
  beforeEach(() => {
    log = logWorkers();
    host = document.createElement('div');
    host.style.cssText = 'width: 800px;';
    document.body.appendChild(host);
  });
  afterEach(() => {
    log.restore();
    host.remove();
  });

  /** The page around the element: the report in React state, rendered as text. */
  function reportView(report: RunReport | null): unknown {
    const h = React.createElement;
    return [
      h('output', { key: 'u', name: 'units' }, report ? String(report.units.length) : ''),
      h('output', { key: 'g', name: 'gross' }, report ? String(report.totals.grossT) : ''),
      h('ul', { key: 'z' }, report ? ZONES.map((z) => h('li', { key: z, 'data-zone': z }, String(report.zones[z]))) : null),
    ];
  }

  it('the docs’ component (ref + useLayoutEffect + addEventListener): config and serviceHeaders as properties, the report in React state, re-render, unmount', async () => {
    const h = React.createElement;
    const { useLayoutEffect, useRef, useState, useCallback } = React;

    // The component of docs/integration.md, recipe 3, with `view` passed through as well.
    function CarbonMap({ config, token, onReport, view }: { config: CityConfig; token: string | null; onReport: (r: RunReport) => void; view: string }): unknown {
      const ref = useRef(null);
      useLayoutEffect(() => {
        const el = ref.current as unknown as CarbonBalanceMap;
        el.serviceHeaders = token ? { Authorization: `Bearer ${token}` } : null;
        el.config = config;
        const done = (): void => onReport(el.report!);
        el.addEventListener('cbm-run-complete', done);
        return () => el.removeEventListener('cbm-run-complete', done);
      }, [config, token, onReport]);
      return h('carbon-balance-map', { ref, lang: 'zh-CN', basemap: 'none', view, style: { height: 600, display: 'block' } });
    }
    function App({ config, token, view }: { config: CityConfig; token: string | null; view: string }): unknown {
      const [report, setReport] = useState(null);
      const onReport = useCallback((r: RunReport) => setReport(r), []);
      return h('div', null, ...(reportView(report) as unknown[]), h(CarbonMap, { config, token, onReport, view }));
    }

    const root = createRoot(host);
    root.render(h(App, { config: city.config, token: 'secret-token', view: 'zones' }));
    const el = await until(() => host.querySelector('carbon-balance-map') !== null, 5000).then(() => host.querySelector('carbon-balance-map') as CarbonBalanceMap);
    const failed = nextEvent(el, 'cbm-run-error').then((e) => {
      throw new Error(`run failed: ${e.detail.code}: ${e.detail.message}`);
    });
    await Promise.race([nextEvent(el, 'cbm-run-complete'), failed]);
    await el.whenRendered();

    // Properties, not attributes: the config object itself, headers nowhere in the markup.
    expect(el.config).to.equal(city.config);
    expect(el.hasAttribute('config')).to.equal(false);
    expect(el.serviceHeaders).to.deep.equal({ Authorization: 'Bearer secret-token' });
    expect(el.outerHTML).not.to.contain('secret-token');
    expect(el.getAttribute('lang')).to.equal('zh-CN');

    // The report reached React state and the page shows it.
    expect(await until(() => shown(host) !== null, 5000), 'React rendered the report').to.equal(true);
    const first = shown(host)!;
    expect(first.units).to.equal(SMALL_CITY.units);
    expect(first.units).to.equal(city.layers.units!.features.length);
    expect(first.units).to.equal(el.report!.units.length);
    expect(first.zones).to.deep.equal(el.report!.zones);
    // The zone counts the page shows add up to the units, and agree with the zones the element draws.
    expect(Object.values(first.zones).reduce((a, b) => a + b, 0)).to.equal(SMALL_CITY.units);
    const drawnZones: Record<string, number> = Object.fromEntries(ZONES.map((z) => [z, 0]));
    for (const f of el.results!.units.features) drawnZones[(f.properties!.zone as string | null) ?? 'unzoned'] += 1;
    expect(first.zones).to.deep.equal(drawnZones);
    expectZoneFills(el);

    // useLayoutEffect runs in React's commit, before the element's first update (a microtask):
    // the element starts on the config, with one worker and no demo city. (With useEffect the
    // element's first update comes first and it starts generating its demo city, which the
    // config then stops.)
    expect(log.workers.length).to.equal(1);
    expect(log.workers[0].messages).to.include('load-config');
    expect(log.workers[0].messages).not.to.include('load-demo');

    // A re-render with a new view and a new token: the element follows, without a new run.
    let starts = 0;
    el.addEventListener('cbm-run-start', () => starts++);
    const points = unitPoints(el);
    root.render(h(App, { config: city.config, token: 'other-token', view: 'ccr' }));
    expect(await until(() => el.view === 'ccr', 5000)).to.equal(true);
    await el.updateComplete;
    await el.whenRendered();
    expect(el.getAttribute('view')).to.equal('ccr');
    expect(el.serviceHeaders).to.deep.equal({ Authorization: 'Bearer other-token' });
    for (const p of points) {
      const px = pixelAtCoordinate(el, p.coordinate);
      expect(INDEX_RAMP.some((c) => near(px, c)), `${p.name} in the CCR view drawn as ${px}`).to.equal(true);
    }
    expect(starts, 'a view or token change runs nothing').to.equal(0);

    // A new config object from the parent (every inventory total doubled): one new run, and the
    // page shows city totals twice the first ones (the allocation is linear in the totals).
    const doubled = structuredClone(city.config);
    (doubled.inventory as { totals: Array<{ value: number }> }).totals.forEach((t) => (t.value *= 2));
    const rerun = nextEvent(el, 'cbm-run-complete');
    root.render(h(App, { config: doubled, token: 'other-token', view: 'zones' }));
    await rerun;
    expect(await until(() => shown(host)!.grossT !== first.grossT, 5000)).to.equal(true);
    expect(shown(host)!.grossT / first.grossT).to.be.closeTo(2, 1e-9);
    expect(shown(host)!.zones).to.deep.equal(first.zones);
    expect(starts).to.equal(1);
    await el.whenRendered();
    expectZoneFills(el);

    // Unmount: the element leaves the page and no worker is left running.
    root.unmount();
    expect(el.isConnected).to.equal(false);
    expect(host.querySelector('carbon-balance-map')).to.equal(null);
    expect(log.workers.length).to.be.greaterThan(0);
    expect(log.workers.every((w) => w.terminated), 'every worker terminated').to.equal(true);
  });

  it('with useEffect instead, the element starts on its demo city first (why the recipe uses useLayoutEffect)', async () => {
    const h = React.createElement;
    const { useEffect, useRef } = React;
    function CarbonMap({ config }: { config: CityConfig }): unknown {
      const ref = useRef(null);
      useEffect(() => {
        (ref.current as unknown as CarbonBalanceMap).config = config;
      }, [config]);
      return h('carbon-balance-map', { ref, lang: 'en', style: { width: 400, height: 300, display: 'block' } });
    }
    const root = createRoot(host);
    root.render(h(CarbonMap, { config: city.config }));
    expect(await until(() => host.querySelector('carbon-balance-map') !== null, 5000)).to.equal(true);
    const el = host.querySelector('carbon-balance-map') as CarbonBalanceMap;
    await nextEvent(el, 'cbm-run-complete');
    expect(el.report!.units.length).to.equal(SMALL_CITY.units);
    // The first worker was sent the demo city (no config yet at the element's first update) and
    // was stopped when the config arrived; the second loaded the config.
    expect(log.workers.length).to.equal(2);
    // (Every worker is first told where its assets are, then what to load.)
    expect(log.workers[0].messages.slice(0, 2)).to.deep.equal(['assets', 'load-demo']);
    expect(log.workers[0].terminated).to.equal(true);
    expect(log.workers[1].messages).to.include('load-config');
    root.unmount();
    expect(log.workers.every((w) => w.terminated)).to.equal(true);
  });

  it('React 19 props on the element: objects become properties, oncbm-run-complete a listener', async () => {
    const h = React.createElement;
    const { useState } = React;
    let completes = 0;
    function App({ view }: { view: string }): unknown {
      const [report, setReport] = useState(null);
      return h(
        'div',
        null,
        ...(reportView(report) as unknown[]),
        h('carbon-balance-map', {
          config: city.config,
          layers: city.layers,
          serviceHeaders: { Authorization: 'Bearer secret-token' },
          'oncbm-run-complete': (e: Event) => {
            completes++;
            setReport((e.target as CarbonBalanceMap).report);
          },
          lang: 'en',
          view,
          style: { width: 800, height: 500, display: 'block' },
        }),
      );
    }
    const root = createRoot(host);
    root.render(h(App, { view: 'zones' }));
    expect(await until(() => host.querySelector('carbon-balance-map') !== null, 5000)).to.equal(true);
    const el = host.querySelector('carbon-balance-map') as CarbonBalanceMap;
    // React 19 set the objects as properties (the element has them), not as attributes.
    expect(el.config).to.equal(city.config);
    expect(el.layers).to.equal(city.layers);
    expect(el.hasAttribute('config') || el.hasAttribute('layers') || el.hasAttribute('serviceheaders')).to.equal(false);
    expect(el.outerHTML).not.to.contain('secret-token');
    // The listener prop is not an attribute either.
    expect(el.hasAttribute('oncbm-run-complete')).to.equal(false);

    // The run completes and the prop listener lifted the report into state.
    expect(await until(() => shown(host) !== null, 45_000), 'oncbm-run-complete fired').to.equal(true);
    expect(completes).to.equal(1);
    expect(shown(host)!.units).to.equal(SMALL_CITY.units);
    expect(shown(host)!.zones).to.deep.equal(el.report!.zones);
    // The config was a property before the element's first update: no demo city was generated.
    expect(log.workers.some((w) => w.messages.includes('load-demo'))).to.equal(false);
    await el.whenRendered();
    expectZoneFills(el);

    // View change from React: the property changes, the map follows, no run.
    root.render(h(App, { view: 'ccr' }));
    expect(await until(() => el.view === 'ccr', 5000)).to.equal(true);
    await el.updateComplete;
    await el.whenRendered();
    for (const p of unitPoints(el)) {
      const px = pixelAtCoordinate(el, p.coordinate);
      expect(INDEX_RAMP.some((c) => near(px, c)), `${p.name} in the CCR view drawn as ${px}`).to.equal(true);
    }
    expect(completes).to.equal(1);

    root.unmount();
    expect(el.isConnected).to.equal(false);
    expect(log.workers.length).to.equal(1);
    expect(log.workers[0].terminated).to.equal(true);
  });
});
