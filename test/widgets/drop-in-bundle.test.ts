/**
 * The drop-in bundle (`dist/carbon-balance-map.js`, built by `npm run build:element`) in a page of
 * its own: one module script, one tag. Each page is an iframe, so it can carry its own
 * Content-Security-Policy: with none the worker starts from the bundle's inlined copy (a `blob:`
 * URL); under `worker-src 'self'` the browser refuses that and the element starts
 * `carbon-balance-engine-worker.js` beside the bundle instead; under `worker-src 'none'` it says
 * what to allow instead of hanging.
 */
import { expect } from '@open-wc/testing';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { expectZoneFills, nextEvent, SMALL_CITY } from './helpers.js';

interface BundlePage {
  frame: HTMLIFrameElement;
  el: CarbonBalanceMap;
  /** `securitypolicyviolation` events of the page: directive and blocked URL. */
  violations: Array<{ directive: string; blocked: string }>;
}

const frames: HTMLIFrameElement[] = [];

/**
 * A page holding the bundle and the element (small demo city, English), under `csp` when given.
 * Resolves once the element is defined in it (its first run has started or is about to).
 */
async function bundlePage(csp: string | null): Promise<BundlePage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 820px; height: 520px; border: 0;';
  const meta = csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : '';
  frame.srcdoc = `<!doctype html><html><head>${meta}</head><body style="margin:0">
<carbon-balance-map lang="en" panel="none" style="width: 800px; height: 500px; display: block"></carbon-balance-map>
<script>
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  document.querySelector('carbon-balance-map').demoOptions = ${JSON.stringify(SMALL_CITY)};
</script>
<script type="module" src="/dist/carbon-balance-map.js"></script>
</body></html>`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.appendChild(frame);
  frames.push(frame);
  await loaded;
  const win = frame.contentWindow as Window & { __violations: BundlePage['violations'] };
  await win.customElements.whenDefined('carbon-balance-map');
  const el = frame.contentDocument!.querySelector('carbon-balance-map') as unknown as CarbonBalanceMap;
  return { frame, el, violations: win.__violations };
}

/** Paths the element's page fetched (its resource timing entries). */
function fetchedPaths(el: CarbonBalanceMap): string[] {
  const entries = el.ownerDocument.defaultView!.performance.getEntriesByType('resource');
  return entries.map((r) => new URL(r.name).pathname);
}

/** Waits for the element's first complete run (failing on a run error) and its render. */
async function firstRun(el: CarbonBalanceMap): Promise<void> {
  if (!el.report) {
    const failed = nextEvent(el, 'cbm-run-error').then((e) => {
      throw new Error(`run failed: ${e.detail.code}: ${e.detail.message}`);
    });
    await Promise.race([nextEvent(el, 'cbm-run-complete'), failed]);
  }
  await el.whenRendered();
}

describe('the drop-in bundle in a page of its own', function () {
  this.timeout(90_000);
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
  });

  it('draws the zones with one module script and one tag (worker from the inlined copy)', async () => {
    const { el, violations } = await bundlePage(null);
    await firstRun(el);
    expect(el.report!.units.length).to.equal(SMALL_CITY.units);
    expectZoneFills(el);
    expect(violations).to.deep.equal([]);
    // Only the bundle was fetched: the worker did not need its file.
    expect(fetchedPaths(el).filter((p) => p.startsWith('/dist/'))).to.deep.equal(['/dist/carbon-balance-map.js']);

    // A GeoPackage dropped on it: the worker loads sql.js's WebAssembly from beside the bundle
    // (the worker's own fetch, not in the page's timeline; without it the read fails).
    const gpkg = await fetch('/test/fixtures/io-formats/parcels-4549.gpkg').then((r) => r.blob());
    await el.addLayers({ 'parcels-4549.gpkg': gpkg });
    const layer = el.loadedLayers.find((l) => l.name.startsWith('parcels-4549.gpkg'));
    expect(layer?.features, `layers: ${el.loadedLayers.map((l) => l.name).join(', ')}`).to.equal(3);
  });

  it("under worker-src 'self' starts the worker file beside the bundle, and draws the same zones", async () => {
    const { el, violations } = await bundlePage("worker-src 'self'");
    await firstRun(el);
    expect(el.report!.units.length).to.equal(SMALL_CITY.units);
    expectZoneFills(el);
    // The browser refused the blob: worker (the element's first way) …
    expect(violations.map((v) => [v.directive, v.blocked])).to.deep.equal([['worker-src', 'blob']]);
    // … and the page then fetched the worker file.
    expect(fetchedPaths(el)).to.include('/dist/carbon-balance-engine-worker.js');
  });

  it("under worker-src 'none' fails with worker-blocked and says what to allow", async () => {
    const { el, violations } = await bundlePage("worker-src 'none'");
    const error = el.report ? null : await nextEvent(el, 'cbm-run-error', 20_000);
    expect(error?.detail.code).to.equal('worker-blocked');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('worker-src');
    expect(alert.textContent).to.contain('carbon-balance-engine-worker.js');
    expect(violations.map((v) => v.directive)).to.deep.equal(['worker-src', 'worker-src']);
    expect(el.report).to.equal(null);
  });
});
