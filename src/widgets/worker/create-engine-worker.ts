/**
 * Starts the engine worker. `attempt` counts the ways tried so far: the page's Content Security
 * Policy may refuse one (a `blob:` worker under `worker-src 'self'`), and the controller then asks
 * for the next; null when there is none left.
 *
 * Here (the dev server and the test runner serve TypeScript directly) there is one way: the
 * worker module next to this file. The drop-in bundle (scripts/build-element.mjs) replaces this
 * module with one that tries an inlined copy from a `blob:` URL first (one file to deploy), then
 * `carbon-balance-engine-worker.js` next to the bundle.
 */
export function createEngineWorker(attempt = 0): Worker | null {
  if (attempt > 0) return null;
  return new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'carbon-balance-engine' });
}

/**
 * URL of sql.js's WebAssembly, which the worker loads for the first GeoPackage file. The drop-in
 * bundle's version points beside the bundle (`sql-wasm.wasm`, copied there by the build).
 */
export function sqlWasmUrl(): string {
  return new URL('../../../node_modules/sql.js/dist/sql-wasm-browser.wasm', import.meta.url).href;
}
