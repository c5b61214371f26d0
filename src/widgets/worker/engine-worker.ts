/**
 * The engine's Web Worker: one per element. Receives {@link WorkerRequest}s and answers with
 * {@link WorkerResponse}s through {@link EngineHost}.
 */
import { EngineError, setSqlJsLoader } from '../../engine/index.js';
import type { SqlJsStatic } from '../../engine/index.js';
import { EngineHost } from './engine-host.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

const scope = self as unknown as {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerRequest>) => void): void;
};

const host = new EngineHost((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.addEventListener('message', (e) => {
  const msg = e.data;
  if (msg.type === 'assets') useSqlWasm(msg.sqlWasmUrl);
  else host.handle(msg);
});

/**
 * GeoPackage files read with sql.js's browser build (bundled with the worker) and its
 * WebAssembly from `url` (beside the drop-in bundle), loaded on the first GeoPackage only.
 */
function useSqlWasm(url: string): void {
  setSqlJsLoader(async (config) => {
    try {
      const { default: initSqlJs } = await import('sql.js/dist/sql-wasm-browser.js');
      return (await initSqlJs({ locateFile: () => url, ...config })) as SqlJsStatic;
    } catch (err) {
      // A deployment problem, not a bad file: say which file and what the page must allow.
      throw new EngineError(
        'sql-js-unavailable',
        `GeoPackage files need SQLite's WebAssembly, which could not be loaded from ${url} (${String(err)}). Deploy sql-wasm.wasm beside carbon-balance-map.js; a Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src`,
      );
    }
  });
}
scope.postMessage({ type: 'ready', requestId: 0 });
