/**
 * Readers for formats this folder does not parse itself (FlatGeobuf, GeoPackage) plug in here.
 * `readLayerBytes` looks a format up in this registry first, so a registered reader also
 * replaces a built-in one. Registration is explicit (a module calls {@link registerReader}),
 * never a side effect of importing the readers.
 */
import type { LayerFormat, ReadLayerOptions, ReadLayerResult } from './types.js';

/**
 * A layer reader: bytes in, features and issues out, never throwing on bad data. May be async
 * (a GeoPackage reader initialises SQLite).
 */
export type LayerReader = (bytes: Uint8Array, options: ReadLayerOptions) => ReadLayerResult | Promise<ReadLayerResult>;

const READERS = new Map<LayerFormat, LayerReader>();

/**
 * Register the reader of a format, replacing any earlier one.
 *
 * @param format - `flatgeobuf`, `geopackage` (or a built-in format to override it).
 * @param reader - see {@link LayerReader}.
 * @example
 * registerReader('flatgeobuf', (bytes, options) => readFlatGeobuf(bytes, options));
 */
export function registerReader(format: LayerFormat, reader: LayerReader): void {
  READERS.set(format, reader);
}

/** Remove a registered reader (tests). */
export function unregisterReader(format: LayerFormat): void {
  READERS.delete(format);
}

/** The registered reader of a format, or `undefined`. */
export function getRegisteredReader(format: LayerFormat): LayerReader | undefined {
  return READERS.get(format);
}
