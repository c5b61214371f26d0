/** Issue codes of the file readers (GeoJSON, Shapefile, CSV/TSV, dispatch). Never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

/** "Layer "x": " or "File "x": " prefix from the location args. */
const where = (a: Record<string, unknown>): string =>
  typeof a.layer === 'string' ? `${fmt(a.layer)}: ` : typeof a.file === 'string' ? `${fmt(a.file)}: ` : '';
const n = (v: unknown): string => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : fmt(v));
const bbox = (a: Record<string, unknown>): string => `x ${fmt(a.minX)}..${fmt(a.maxX)}, y ${fmt(a.minY)}..${fmt(a.maxY)}`;

export const IO_MESSAGES: Record<string, MessageSpec> = {
  // ------------------------------------------------------------------ dispatch
  /** args: file?, layer? */
  'io-format-unknown': {
    severity: 'error',
    template: (a) => `${where(a)}The file format could not be recognised from its name or first bytes; set the layer's "format" (geojson, shapefile, csv, flatgeobuf, geopackage).`,
  },
  /** args: format, file?, layer? */
  'io-format-not-handled': {
    severity: 'error',
    template: (a) => `${where(a)}The file is ${String(a.format)}, but no reader for ${String(a.format)} is available in this build; convert it to GeoJSON, a zipped Shapefile or CSV.`,
  },
  /** args: format, reason, file?, layer? */
  'io-read-failed': {
    severity: 'error',
    template: (a) => `${where(a)}Reading the ${String(a.format)} file failed: ${String(a.reason)}.`,
  },
  /** args: minX, minY, maxX, maxY, hint, layer? */
  'io-crs-missing': {
    severity: 'error',
    template: (a) =>
      `${where(a)}Coordinates span ${bbox(a)}, outside longitude/latitude range, and the file declares no CRS (${String(a.hint)}); ` +
      `set the layer's "crs" in the config (for example EPSG:4549) so they are not read as degrees.`,
  },
  /** args: code, name, layer? */
  'io-prj-crs': {
    severity: 'info',
    template: (a) => `${where(a)}The .prj describes ${fmt(a.name)}, read as ${String(a.code)}.`,
  },
  /** args: name, reason, layer? */
  'io-prj-unrecognised': {
    severity: 'error',
    template: (a) => `${where(a)}The .prj (${fmt(a.name)}) could not be matched to an EPSG code (${String(a.reason)}); set the layer's "crs" in the config.`,
  },

  // ------------------------------------------------------------------ text encodings
  /** args: encoding, cpg, layer? */
  'io-encoding-cpg': {
    severity: 'info',
    template: (a) => `${where(a)}Attribute text decoded as ${String(a.encoding)}, as the .cpg file says (${fmt(a.cpg)}).`,
  },
  /** args: encoding, ldid (number), layer? */
  'io-encoding-ldid': {
    severity: 'info',
    template: (a) => `${where(a)}Attribute text decoded as ${String(a.encoding)}, as the DBF language-driver byte 0x${Number(a.ldid).toString(16).toUpperCase().padStart(2, '0')} says (no .cpg file).`,
  },
  /** args: encoding, reason, layer? */
  'io-encoding-detected': {
    severity: 'info',
    template: (a) => `${where(a)}Text decoded as ${String(a.encoding)}: ${String(a.reason)}. If names look garbled, set the layer's "encoding".`,
  },
  /** args: encoding, layer? */
  'io-encoding-option': {
    severity: 'info',
    template: (a) => `${where(a)}Text decoded as ${String(a.encoding)}, as the config's "encoding" says.`,
  },
  /** args: encoding, file, layer? */
  'io-encoding-option-overrides-file': {
    severity: 'warning',
    template: (a) => `${where(a)}The config says "encoding": ${fmt(a.encoding)} but the file says ${fmt(a.file)}; the config wins.`,
  },
  /** args: label, fallback, layer? */
  'io-encoding-unknown-label': {
    severity: 'warning',
    template: (a) => `${where(a)}Encoding ${fmt(a.label)} is not one this runtime can decode; ${String(a.fallback)}.`,
  },
  /** args: encoding, count, layer? */
  'io-encoding-invalid-bytes': {
    severity: 'warning',
    template: (a) => `${where(a)}${n(a.count)} byte sequence(s) are not valid ${String(a.encoding)} and were replaced by U+FFFD; check the layer's "encoding".`,
  },

  // ------------------------------------------------------------------ GeoJSON
  /** args: reason, layer? */
  'io-json-invalid': {
    severity: 'error',
    template: (a) => `${where(a)}The file is not valid JSON (${String(a.reason)}).`,
  },
  /** args: type, layer? */
  'io-geojson-not-collection': {
    severity: 'error',
    template: (a) => `${where(a)}Expected a GeoJSON FeatureCollection, Feature or geometry, got ${fmt(a.type)}.`,
  },
  /** args: type, layer? */
  'io-geojson-wrapped': {
    severity: 'info',
    template: (a) => `${where(a)}The file holds a single ${String(a.type)}; it was read as a FeatureCollection of one feature.`,
  },
  /** args: crs, reason, minX, minY, maxX, maxY, layer? */
  'io-geojson-axis-swapped': {
    severity: 'warning',
    template: (a) =>
      `${where(a)}Coordinates were written latitude first (${bbox(a)}: ${String(a.reason)}); every position was swapped to longitude, latitude. ` +
      `Declared CRS: ${String(a.crs ?? 'none')}.`,
  },
  /** args: crs, layer? */
  'io-geojson-axis-kept': {
    severity: 'info',
    template: (a) =>
      `${where(a)}The file declares ${String(a.crs)}, whose official axis order is latitude first, but its coordinates fit longitude, latitude (as GDAL and web tools write them); x was read as longitude.`,
  },

  // ------------------------------------------------------------------ zip
  /** args: reason, layer? */
  'io-zip-unreadable': {
    severity: 'error',
    template: (a) => `${where(a)}The zip archive cannot be read (${String(a.reason)}).`,
  },
  /** args: entry, reason, layer? */
  'io-zip-entry-skipped': {
    severity: 'warning',
    template: (a) => `${where(a)}Zip member ${fmt(a.entry)} was skipped (${String(a.reason)}).`,
  },
  /** args: count, encoding, layer? */
  'io-zip-name-encoding': {
    severity: 'info',
    template: (a) => `${where(a)}${n(a.count)} member name(s) of the zip are not marked UTF-8 and were decoded as ${String(a.encoding)}.`,
  },
  /** args: entries, layer? */
  'io-zip-no-layer': {
    severity: 'error',
    template: (a) => `${where(a)}The zip holds no .shp (nor a single GeoJSON or CSV file); members: ${fmt(a.entries)}.`,
  },
  /** args: chosen, layers, layer? */
  'io-zip-several-layers': {
    severity: 'warning',
    template: (a) => `${where(a)}The zip holds several Shapefiles (${fmt(a.layers)}); ${fmt(a.chosen)} was read. Set the layer's "layerName" to choose another.`,
  },
  /** args: name, layers, layer? */
  'io-zip-layer-not-found': {
    severity: 'error',
    template: (a) => `${where(a)}The zip holds no Shapefile named ${fmt(a.name)}; it holds ${fmt(a.layers)}.`,
  },

  // ------------------------------------------------------------------ Shapefile
  /** args: part, layer? */
  'io-shp-part-missing': {
    severity: 'error',
    template: (a) => `${where(a)}The Shapefile's ${String(a.part)} file is missing.`,
  },
  /** args: layer? */
  'io-shp-dbf-missing': {
    severity: 'warning',
    template: (a) => `${where(a)}The Shapefile has no .dbf: features were read without attributes.`,
  },
  /** args: reason, layer? */
  'io-shp-unreadable': {
    severity: 'error',
    template: (a) => `${where(a)}The .shp cannot be read (${String(a.reason)}).`,
  },
  /** args: record, reason, layer? */
  'io-shp-record-truncated': {
    severity: 'error',
    template: (a) => `${where(a)}Record ${n(a.record)} of the .shp is truncated or corrupt (${String(a.reason)}); reading stopped there.`,
  },
  /** args: count, records (first ones), layer? */
  'io-shp-null-shapes': {
    severity: 'warning',
    template: (a) => `${where(a)}${n(a.count)} record(s) have a null shape (records ${fmt(a.records)}); they were kept with a null geometry.`,
  },
  /** args: shapeType, count, layer? */
  'io-shp-shape-unsupported': {
    severity: 'warning',
    template: (a) => `${where(a)}${n(a.count)} record(s) have shape type ${fmt(a.shapeType)}, which is not read (only points, multipoints, polylines and polygons); they were kept with a null geometry.`,
  },
  /** args: shapeType, layer? */
  'io-shp-zm-dropped': {
    severity: 'info',
    template: (a) => `${where(a)}The shapes are ${String(a.shapeType)}; their Z/M values were dropped (the method is 2D).`,
  },
  /** args: count, records, layer? */
  'io-shp-orphan-hole': {
    severity: 'warning',
    template: (a) => `${where(a)}${n(a.count)} record(s) have counter-clockwise rings inside no clockwise ring (records ${fmt(a.records)}); they were nested by containment: outer rings, unless inside another such ring.`,
  },
  /** args: count, records, layer? */
  'io-shp-degenerate-ring': {
    severity: 'warning',
    template: (a) => `${where(a)}${n(a.count)} record(s) have polygon rings with fewer than 3 distinct vertices (records ${fmt(a.records)}); those rings were dropped.`,
  },
  /** args: count, records, layer? */
  'io-shp-ring-closed': {
    severity: 'info',
    template: (a) => `${where(a)}${n(a.count)} record(s) have unclosed polygon rings (records ${fmt(a.records)}); each ring's first vertex was repeated at its end.`,
  },
  /** args: shp, dbf, layer? */
  'io-shp-count-mismatch': {
    severity: 'warning',
    template: (a) => `${where(a)}The .shp has ${n(a.shp)} records but the .dbf ${n(a.dbf)}; records without a partner have null geometry or no attributes.`,
  },
  /** args: reason, layer? */
  'io-dbf-unreadable': {
    severity: 'error',
    template: (a) => `${where(a)}The .dbf cannot be read (${String(a.reason)}); features were read without attributes.`,
  },
  /** args: count, layer? */
  'io-dbf-deleted-records': {
    severity: 'info',
    template: (a) => `${where(a)}${n(a.count)} record(s) are marked deleted in the .dbf and were skipped with their shapes.`,
  },
  /** args: field, type, layer? */
  'io-dbf-field-type': {
    severity: 'warning',
    template: (a) => `${where(a)}Field ${fmt(a.field)} has DBF type ${fmt(a.type)}, which is read as text.`,
  },
  /** args: field, row, text, layer? */
  'io-dbf-bad-value': {
    severity: 'warning',
    template: (a) => `${where(a)}Record ${n(a.row)}, field ${fmt(a.field)}: ${fmt(a.text)} is not a valid ${String(a.kind)}; read as null.`,
  },

  // ------------------------------------------------------------------ CSV / TSV
  /** args: delimiter, layer? */
  'io-csv-delimiter-detected': {
    severity: 'info',
    template: (a) => `${where(a)}Columns are separated by ${fmt(a.delimiter)} (detected).`,
  },
  /** args: row, layer? */
  'io-csv-unterminated-quote': {
    severity: 'error',
    template: (a) => `${where(a)}A quoted field opened on line ${n(a.row)} is never closed; the rest of the file was read as that one field.`,
  },
  /** args: row, expected, actual, layer? */
  'io-csv-row-length': {
    severity: 'warning',
    template: (a) => `${where(a)}Row ${n(a.row)} has ${n(a.actual)} cells, the header ${n(a.expected)}; missing cells are null, extra cells were dropped.`,
  },
  /** args: field, renamed, layer? */
  'io-csv-header-renamed': {
    severity: 'warning',
    template: (a) => `${where(a)}Column header ${fmt(a.field)} is empty or repeated; the column was named ${fmt(a.renamed)}.`,
  },
  /** args: field, option, columns, layer? */
  'io-csv-field-missing': {
    severity: 'error',
    template: (a) => `${where(a)}The config's ${String(a.option)} ${fmt(a.field)} is not a column of the file (columns: ${fmt(a.columns)}).`,
  },
  /** args: xField, yField, layer? */
  'io-csv-coordinate-columns': {
    severity: 'info',
    template: (a) => `${where(a)}Point coordinates read from columns x = ${fmt(a.xField)}, y = ${fmt(a.yField)}.`,
  },
  /** args: columns, layer? */
  'io-csv-no-coordinates': {
    severity: 'info',
    template: (a) => `${where(a)}No coordinate columns (lon/lat, x/y, 经度/纬度) were found; the rows were read as an attribute table without geometry.`,
  },
  /** args: found, missing, layer? */
  'io-csv-coordinate-half': {
    severity: 'warning',
    template: (a) => `${where(a)}Column ${fmt(a.found)} looks like a coordinate but no ${String(a.missing)} column was found; the rows were read without geometry. Set "xField" and "yField".`,
  },
  /** args: row, field, text, layer? */
  'io-csv-number-unparsed': {
    severity: 'warning',
    template: (a) => `${where(a)}Row ${n(a.row)}, column ${fmt(a.field)}: ${fmt(a.text)} is not a number; read as null.`,
  },
  /** args: field, notations, layer? */
  'io-csv-number-notations': {
    severity: 'info',
    template: (a) => `${where(a)}Column ${fmt(a.field)} was read as numbers after converting ${String(a.notations)}.`,
  },
  /** args: row, layer? */
  'io-csv-coordinate-missing': {
    severity: 'warning',
    template: (a) => `${where(a)}Row ${n(a.row)} has no usable coordinates; it was kept without geometry.`,
  },
  /** args: layer? */
  'io-csv-empty': {
    severity: 'warning',
    template: (a) => `${where(a)}The file holds no rows.`,
  },
};
