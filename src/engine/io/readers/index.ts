/**
 * Layer file readers: GeoJSON, Shapefile (zipped or loose parts), CSV/TSV; a registry through
 * which FlatGeobuf and GeoPackage readers plug in; `readLayerBytes` dispatching on format.
 * Headless: bytes in, FeatureCollection + CRS + issues out. Decisions: docs/io-readers.md.
 */
export { readLayerBytes, detectLayerFormat } from './read-layer-bytes.js';
export type { LayerInput } from './read-layer-bytes.js';
export { readGeoJson } from './geojson.js';
export type { ReadGeoJsonOptions } from './geojson.js';
export { readShapefileZip, readShapefileFiles } from './shapefile/shapefile.js';
export type { ReadShapefileOptions } from './shapefile/shapefile.js';
export { identifyPrj } from './shapefile/prj.js';
export type { PrjIdentity } from './shapefile/prj.js';
export { readDelimited, parseDelimitedText, detectDelimiter } from './delimited.js';
export type { ReadDelimitedOptions, DelimitedRecord } from './delimited.js';
export { parseNumberCell } from './number-cell.js';
export type { NumberCell, NumberNotation } from './number-cell.js';
export { registerReader, unregisterReader, getRegisteredReader } from './registry.js';
export type { LayerReader } from './registry.js';
export type { LayerFormat, LayerFiles, ReadLayerOptions, ReadLayerResult, EncodingInfo, EncodingSource } from './types.js';
export { decodeText, detectEncoding, normaliseEncodingLabel, isValidUtf8 } from '../text.js';
