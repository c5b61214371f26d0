/**
 * Plug the FlatGeobuf and GeoPackage readers into the layer-reader registry
 * (`io/readers/registry.ts`), so `readLayerBytes` handles `.fgb` and `.gpkg` files.
 * Registration is explicit: the CLI, the widget's worker or a test calls this once.
 */
import { registerReader } from '../readers/registry.js';
import type { ReadLayerOptions, ReadLayerResult } from '../readers/types.js';
import { readFlatGeobuf } from './read-flatgeobuf.js';
import { readGeoPackage } from './read-geopackage.js';
import type { SqlJsOptions } from './sql-js.js';

/**
 * Register `flatgeobuf` and `geopackage` with the layer-reader registry.
 *
 * @param options - how the GeoPackage reader loads sql.js (default: `setSqlJsLoader`'s loader,
 *   else the `sql.js` package, which works in Node).
 * @example
 * registerBinaryReaders();                       // Node / CLI
 * registerBinaryReaders({ locateFile: (f) => `/assets/${f}` }); // browser
 */
export function registerBinaryReaders(options: SqlJsOptions = {}): void {
  registerReader('flatgeobuf', async (bytes: Uint8Array, o: ReadLayerOptions): Promise<ReadLayerResult> => {
    const r = await readFlatGeobuf(bytes, { layer: o.layer ?? o.fileName });
    return { fc: r.fc, crs: r.crs, issues: r.issues, format: 'flatgeobuf' };
  });
  registerReader('geopackage', async (bytes: Uint8Array, o: ReadLayerOptions): Promise<ReadLayerResult> => {
    const r = await readGeoPackage(bytes, { ...options, layerName: o.layerName, layer: o.layer ?? o.fileName });
    return { fc: r.fc, crs: r.crs, issues: r.issues, format: 'geopackage' };
  });
}
