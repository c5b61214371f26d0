/**
 * Issue codes of the binary formats and writers (FlatGeobuf, GeoPackage, Shapefile, CSV).
 * Add codes here; never reuse or rename one. Feature-level problems are counted per layer and
 * reported once, with the first few feature ids in `actual`, so a million-feature file cannot
 * flood a report.
 */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

const where = (a: Record<string, unknown>): string => (typeof a.layer === 'string' ? `Layer ${fmt(a.layer)}: ` : '');
const plural = (n: unknown, one: string, many: string): string => `${fmt(n)} ${n === 1 ? one : many}`;

export const IO_FORMAT_MESSAGES: Record<string, MessageSpec> = {
  /** args: reason, layer? */
  'io-fgb-unreadable': {
    severity: 'error',
    template: (a) => `${where(a)}The file cannot be read as FlatGeobuf (${String(a.reason)}); check that it is a complete .fgb file.`,
  },
  /** args: layer? */
  'io-fgb-crs-missing': {
    severity: 'warning',
    template: (a) => `${where(a)}The FlatGeobuf header names no CRS; set the layer's crs in the config (EPSG:4326 is assumed otherwise).`,
  },
  /** args: org, code, name, layer? */
  'io-fgb-crs-not-epsg': {
    severity: 'warning',
    template: (a) => `${where(a)}The FlatGeobuf header's CRS (${fmt(a.org)} ${fmt(a.code)}, ${fmt(a.name)}) has no EPSG code; set the layer's crs in the config.`,
  },
  /** args: reason, layer? */
  'io-gpkg-unreadable': {
    severity: 'error',
    template: (a) => `${where(a)}The file cannot be read as a GeoPackage (${String(a.reason)}).`,
  },
  /** args: layer? */
  'io-gpkg-no-feature-tables': {
    severity: 'error',
    template: (a) => `${where(a)}The GeoPackage has no feature table (gpkg_contents lists no "features" row with a geometry column).`,
  },
  /** args: layerName, available, layer? */
  'io-gpkg-layer-not-found': {
    severity: 'error',
    template: (a) => `${where(a)}The GeoPackage has no feature table ${fmt(a.layerName)}; it has ${fmt(a.available)}. Set layerName to one of them.`,
  },
  /** args: chosen, available, layer? */
  'io-gpkg-several-layers': {
    severity: 'info',
    template: (a) => `${where(a)}The GeoPackage has several feature tables (${fmt(a.available)}); ${fmt(a.chosen)} was read. Set layerName to read another.`,
  },
  /** args: srsId, table, layer? */
  'io-gpkg-crs-undefined': {
    severity: 'warning',
    template: (a) => `${where(a)}Table ${fmt(a.table)} has the undefined spatial reference system ${fmt(a.srsId)}; set the layer's crs in the config.`,
  },
  /** args: srsId, organization, code, table, layer? */
  'io-gpkg-crs-not-epsg': {
    severity: 'warning',
    template: (a) =>
      `${where(a)}Table ${fmt(a.table)} uses srs_id ${fmt(a.srsId)} (${fmt(a.organization)} ${fmt(a.code)}), which is no EPSG code; set the layer's crs in the config.`,
  },
  /** args: count, layer? ; actual: first feature ids */
  'io-binary-geometry-empty': {
    severity: 'warning',
    template: (a) => `${where(a)}${plural(a.count, 'feature has', 'features have')} an empty or missing geometry; kept with a null geometry.`,
  },
  /** args: count, type, layer? */
  'io-binary-geometry-unsupported': {
    severity: 'warning',
    template: (a) =>
      `${where(a)}${plural(a.count, 'feature has', 'features have')} a ${String(a.type)} geometry, which the engine cannot use (curves and surfaces are not supported); kept with a null geometry. Convert them to polygons or lines first (e.g. ogr2ogr -nlt CONVERT_TO_LINEAR).`,
  },
  /** args: count, reason, layer? */
  'io-binary-geometry-unreadable': {
    severity: 'warning',
    template: (a) => `${where(a)}${plural(a.count, 'geometry', 'geometries')} could not be decoded (first: ${String(a.reason)}); kept with a null geometry.`,
  },
  /** args: count, layer? */
  'io-binary-zm-dropped': {
    severity: 'info',
    template: (a) => `${where(a)}Z or M values of ${plural(a.count, 'feature', 'features')} were dropped; the method works in 2D.`,
  },
  /** args: field, count, layer? */
  'io-binary-blob-base64': {
    severity: 'info',
    template: (a) => `${where(a)}Binary field ${fmt(a.field)} (${plural(a.count, 'value', 'values')}) is kept as Base64 text.`,
  },
  /** args: format, original, written, reason, layer? */
  'io-write-field-renamed': {
    severity: 'warning',
    template: (a) => `${where(a)}${String(a.format)}: field ${fmt(a.original)} is written as ${fmt(a.written)} (${String(a.reason)}).`,
  },
  /** args: field, count, maxBytes, layer? */
  'io-write-text-truncated': {
    severity: 'warning',
    template: (a) => `${where(a)}${plural(a.count, 'value', 'values')} of field ${fmt(a.field)} ${a.count === 1 ? 'is' : 'are'} longer than ${fmt(a.maxBytes)} UTF-8 bytes and ${a.count === 1 ? 'was' : 'were'} cut (a DBF text field holds at most 254 bytes).`,
  },
  /** args: expected, count, layer? */
  'io-write-geometry-type-mixed': {
    severity: 'warning',
    template: (a) =>
      `${where(a)}A shapefile holds one geometry type; ${plural(a.count, 'feature', 'features')} that are not ${String(a.expected)} were written with a null shape (their attributes are kept). Use GeoPackage for mixed layers.`,
  },
  /** args: crs, format, layer? */
  'io-write-crs-unknown': {
    severity: 'warning',
    template: (a) => `${where(a)}${String(a.format)}: no definition is bundled for ${fmt(a.crs)}, so the file does not describe its CRS; set it when opening the file.`,
  },
  /** args: field, count, layer? */
  'io-write-non-finite': {
    severity: 'warning',
    template: (a) => `${where(a)}${plural(a.count, 'value', 'values')} of field ${fmt(a.field)} ${a.count === 1 ? 'is' : 'are'} NaN or infinite and ${a.count === 1 ? 'was' : 'were'} written as empty (null).`,
  },
  /** args: bytes, layer? */
  'io-write-too-large': {
    severity: 'error',
    template: (a) => `${where(a)}The shapefile would be ${fmt(a.bytes)} bytes, over the format's 2 GB limit; nothing was written. Use GeoPackage.`,
  },
};
