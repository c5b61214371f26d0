/**
 * One entry point for every layer file: detect the format, run its reader, and catch projected
 * coordinates that arrive without any CRS.
 */
import type { Issue } from '../../types.js';
import { makeIssue } from '../../messages/index.js';
import { collectionBbox, isLonLatBbox } from './geometry-utils.js';
import { readGeoJson } from './geojson.js';
import { readDelimited } from './delimited.js';
import { readShapefileFiles, readShapefileZip } from './shapefile/shapefile.js';
import { getRegisteredReader } from './registry.js';
import type { LayerFiles, LayerFormat, ReadLayerOptions, ReadLayerResult } from './types.js';

const FORMAT_NAMES: Record<LayerFormat, string> = {
  geojson: 'GeoJSON', shapefile: 'Shapefile', csv: 'CSV', flatgeobuf: 'FlatGeobuf', geopackage: 'GeoPackage',
};

const startsWith = (b: Uint8Array, sig: number[]): boolean => b.length >= sig.length && sig.every((v, i) => b[i] === v);

/**
 * The format of a file from its first bytes, else its name.
 *
 * Magic bytes: `PK\x03\x04` / `PK\x05\x06` (zip → `shapefile`), `fgb\x03` (`flatgeobuf`),
 * `SQLite format 3\0` (`geopackage`), file code 9994 (a loose `.shp` → `shapefile`). Then the
 * extension: `.geojson .json` → geojson, `.zip .shp` → shapefile, `.csv .tsv .txt` → csv,
 * `.fgb` → flatgeobuf, `.gpkg` → geopackage. Then the content: text starting with `{` → geojson.
 *
 * @param bytes - the file (only the first bytes are read), or its text.
 * @param fileName - name, path or URL (query and fragment ignored). Default none.
 * @returns the format, or `null` when nothing identifies it.
 * @example
 * detectLayerFormat(new Uint8Array([0x50, 0x4b, 3, 4]), 'a.zip'); // 'shapefile'
 */
export function detectLayerFormat(bytes: Uint8Array | string, fileName?: string): LayerFormat | null {
  if (typeof bytes !== 'string') {
    if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'shapefile';
    if (startsWith(bytes, [0x66, 0x67, 0x62, 0x03])) return 'flatgeobuf';
    if (startsWith(bytes, [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat(0))) return 'geopackage';
    if (startsWith(bytes, [0x00, 0x00, 0x27, 0x0a])) return 'shapefile';
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec((fileName ?? '').replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  switch (ext) {
    case 'geojson': case 'json': return 'geojson';
    case 'zip': case 'shp': return 'shapefile';
    case 'csv': case 'tsv': case 'txt': return 'csv';
    case 'fgb': return 'flatgeobuf';
    case 'gpkg': return 'geopackage';
    default: break;
  }
  // Content sniff: skip a BOM and whitespace, look for an object.
  let first = '';
  if (typeof bytes === 'string') first = bytes.replace(/^\uFEFF?\s*/, '').charAt(0);
  else {
    let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
    first = i < bytes.length ? String.fromCharCode(bytes[i]) : '';
  }
  return first === '{' ? 'geojson' : null;
}

/** Input of {@link readLayerBytes}: one file's bytes or text, or the parts of a loose Shapefile. */
export type LayerInput = Uint8Array | ArrayBuffer | string | LayerFiles;

const isFiles = (x: LayerInput): x is LayerFiles =>
  typeof x === 'object' && x !== null && !(x instanceof Uint8Array) && !(x instanceof ArrayBuffer);

/**
 * Read a layer of any supported format.
 *
 * Dispatch: `options.format` when not `auto`, else {@link detectLayerFormat}. A reader
 * registered with `registerReader` for the format is used first (FlatGeobuf and GeoPackage come
 * that way); built in are GeoJSON (`readGeoJson`), Shapefile (`readShapefileZip`, or
 * `readShapefileFiles` for a file map / a loose .shp) and CSV/TSV (`readDelimited`). A format
 * with no reader is `io-format-not-handled`; an unrecognisable file `io-format-unknown`; a reader
 * that throws `io-read-failed`. Never throws on bad data.
 *
 * After reading: when neither the file nor `options.crs` gives a CRS and the coordinates leave
 * lon [-180, 180] / lat [-90, 90], an error `io-crs-missing` asks for the CRS (the engine checks
 * again at run time).
 *
 * @param input - file bytes (`Uint8Array` / `ArrayBuffer`), text, or file name → bytes for the
 *   parts of a loose Shapefile (`{'a.shp': …, 'a.dbf': …, 'a.prj': …}`).
 * @param options - see {@link ReadLayerOptions}.
 * @returns `{fc, crs, issues, encoding, format}`.
 * @example
 * const { fc, crs, issues } = await readLayerBytes(bytes, { fileName: 'parcels.zip', layer: 'parcels' });
 */
export async function readLayerBytes(input: LayerInput, options: ReadLayerOptions = {}): Promise<ReadLayerResult> {
  const layer = options.layer ?? options.fileName;
  const loc = layer === undefined ? {} : { layer };
  const opts: ReadLayerOptions = { ...options, layer };
  const empty = (issues: Issue[], format?: LayerFormat): ReadLayerResult => ({ fc: { type: 'FeatureCollection', features: [] }, crs: null, issues, format });

  if (isFiles(input)) {
    const names = Object.keys(input);
    if (names.some((n) => /\.shp$/i.test(n))) return finish(safe(() => readShapefileFiles(input, opts), 'shapefile', loc), opts);
    if (names.length === 1) return readLayerBytes(input[names[0]], { ...opts, fileName: opts.fileName ?? names[0] });
    return empty([makeIssue('io-format-unknown', { ...loc }, { ...loc, actual: names })]);
  }
  const data = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  const format = options.format && options.format !== 'auto' ? options.format : detectLayerFormat(data, options.fileName);
  if (format === null) return empty([makeIssue('io-format-unknown', { ...loc }, { ...loc, actual: options.fileName })]);

  const registered = getRegisteredReader(format);
  if (registered) {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    try {
      return finish(await registered(bytes, opts), opts);
    } catch (e) {
      return empty([makeIssue('io-read-failed', { ...loc, format: FORMAT_NAMES[format], reason: (e as Error)?.message ?? String(e) }, { ...loc })], format);
    }
  }
  switch (format) {
    case 'geojson': return finish(safe(() => readGeoJson(data, opts), format, loc), opts);
    case 'csv': return finish(safe(() => readDelimited(data, opts), format, loc), opts);
    case 'shapefile': {
      if (typeof data === 'string') return empty([makeIssue('io-read-failed', { ...loc, format: 'Shapefile', reason: 'a Shapefile is binary and cannot be given as text' }, { ...loc })], format);
      if (startsWith(data, [0x00, 0x00, 0x27, 0x0a])) {
        const name = options.fileName?.split(/[\\/]/).pop() || 'layer.shp';
        return finish(safe(() => readShapefileFiles({ [/\.shp$/i.test(name) ? name : `${name}.shp`]: data }, opts), format, loc), opts);
      }
      const fallback = (bytes: Uint8Array, fileName: string): ReadLayerResult => {
        const inner = { ...opts, fileName, format: 'auto' as const };
        return /\.(csv|tsv)$/i.test(fileName) ? readDelimited(bytes, inner) : readGeoJson(bytes, inner);
      };
      return finish(safe(() => readShapefileZip(data, opts, fallback), format, loc), opts);
    }
    default:
      return empty([makeIssue('io-format-not-handled', { ...loc, format: FORMAT_NAMES[format] }, { ...loc, actual: format })], format);
  }
}

// TextEncoder is a platform global like TextDecoder (declared here: the engine has no DOM types).
declare const TextEncoder: { new (): { encode(s: string): Uint8Array } };

function safe(read: () => ReadLayerResult, format: LayerFormat, loc: { layer?: string }): ReadLayerResult {
  try {
    return read();
  } catch (e) {
    // A reader bug must not take the run down; the message says what failed.
    return { fc: { type: 'FeatureCollection', features: [] }, crs: null, issues: [makeIssue('io-read-failed', { ...loc, format: FORMAT_NAMES[format], reason: (e as Error)?.message ?? String(e) }, { ...loc })], format };
  }
}

const CRS_HINTS: Record<LayerFormat, string> = {
  geojson: 'no legacy "crs" member',
  shapefile: 'no .prj file',
  csv: 'CSV files carry no CRS',
  flatgeobuf: 'no CRS in its header',
  geopackage: 'no usable spatial reference system',
};

const FILE_CRS_ERRORS = new Set(['crs-unsupported', 'io-prj-unrecognised', 'crs-member-unreadable']);

/** Add the projected-without-CRS check to a reader's result; soften file-CRS errors the config overrides. */
function finish(result0: ReadLayerResult, options: ReadLayerOptions): ReadLayerResult {
  const declared = options.crs !== undefined && options.crs.trim() !== '';
  let result = result0;
  // The config's CRS wins over the file's, so a file CRS the engine cannot use is no longer
  // fatal: it is kept as a warning (the engine adds crs-config-overrides-file if they differ).
  if (declared && result.issues.some((i) => FILE_CRS_ERRORS.has(i.code) && i.severity === 'error')) {
    result = { ...result, issues: result.issues.map((i) => (FILE_CRS_ERRORS.has(i.code) && i.severity === 'error' ? { ...i, severity: 'warning' as const } : i)) };
  }
  // A CRS the file states but cannot be used is already reported; don't pile on.
  const crsReported = result.issues.some((i) => i.code === 'io-prj-unrecognised' || i.code === 'crs-member-unreadable' || i.code === 'io-crs-missing');
  if (result.crs !== null || declared || crsReported) return result;
  const bbox = collectionBbox(result.fc);
  if (!bbox || isLonLatBbox(bbox)) return result;
  const [minX, minY, maxX, maxY] = bbox;
  const loc = options.layer === undefined ? {} : { layer: options.layer };
  const hint = CRS_HINTS[result.format ?? 'geojson'];
  return {
    ...result,
    issues: [...result.issues, makeIssue('io-crs-missing', { ...loc, minX, minY, maxX, maxY, hint }, { ...loc, field: 'crs', expected: [-180, -90, 180, 90], actual: bbox })],
  };
}
