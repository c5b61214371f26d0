/**
 * Starts the engine worker as an ES module worker next to this file. The drop-in bundle
 * (scripts/build-element.mjs) replaces this module with one that starts an inlined copy from a
 * Blob URL, so the built element needs no second file.
 */
export function createEngineWorker(): Worker {
  // The dev server and test runner serve TypeScript directly; the bundle never reaches this line.
  return new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'carbon-balance-engine' });
}
