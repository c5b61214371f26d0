/**
 * CSV / TSV reader: points from x/y columns, or an attribute table (GDP per township, …) when
 * the file has no coordinates.
 */
import type { Feature, FeatureCollection, Issue, Properties } from '../../types.js';
import { makeIssue } from '../../messages/index.js';
import { decodeText } from '../text.js';
import { parseNumberCell } from './number-cell.js';
import type { NumberNotation } from './number-cell.js';
import type { ReadLayerOptions, ReadLayerResult } from './types.js';

/** Options of {@link readDelimited}. */
export interface ReadDelimitedOptions extends Pick<ReadLayerOptions, 'encoding' | 'xField' | 'yField' | 'delimiter' | 'layer' | 'fileName' | 'crs'> {
  /** Columns to read as numbers whatever their content (failing cells are reported). Default none. */
  numericFields?: string[];
  /** Columns to keep as text whatever their content. Default none. */
  textFields?: string[];
}

// Header names recognised as coordinates, compared after NFKC, trimming and lower-casing, in
// order of preference.
const X_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', '经度', '东经', 'x坐标', 'point_x', 'xcoord', 'x_coord', 'coord_x', 'wgs84_lon', 'lon_wgs84', 'wgs84_lng', 'lng_wgs84', 'gcj02_lon', 'gcj_lng', 'bd09_lng', 'bd_lng'];
const Y_NAMES = ['lat', 'latitude', 'y', '纬度', '北纬', 'y坐标', 'point_y', 'ycoord', 'y_coord', 'coord_y', 'wgs84_lat', 'lat_wgs84', 'gcj02_lat', 'gcj_lat', 'bd09_lat', 'bd_lat'];

const CANDIDATE_DELIMITERS = [',', '\t', ';', '|'];

/**
 * A column is read as numbers when at least this share of its non-empty cells parse (and it has
 * no code-like cell with a leading zero); the others are reported per cell and become null.
 */
const NUMERIC_SHARE = 0.8;

// Notations that make sense for statistics but never for a coordinate.
const NOT_FOR_COORDINATES: ReadonlySet<NumberNotation> = new Set(['percent', 'per-mille', 'wan', 'yi', 'accounting-negative', 'currency']);

const NOTATION_WORDS: Record<NumberNotation, string> = {
  'thousands-separator': 'thousands separators',
  'full-width': 'full-width digits',
  'percent': 'percentages (divided by 100)',
  'per-mille': 'per-mille values (divided by 1000)',
  'wan': '万 (×10,000)',
  'yi': '亿 (×100,000,000)',
  'accounting-negative': 'parenthesised negatives',
  'currency': 'currency signs (removed)',
};

/**
 * Read a CSV or TSV file.
 *
 * - Text: a BOM wins; else `options.encoding`; else detected (UTF-8 if well-formed, else GBK);
 *   non-ASCII text's encoding is reported (`io-encoding-detected` / `io-encoding-option`).
 * - Delimiter: `options.delimiter` (`,`, `\t` or `tab`, `;`, `|`), else the candidate that splits
 *   the first 50 records into the most consistent number of columns (`io-csv-delimiter-detected`).
 * - RFC 4180 quoting: `"a, b"`, `"say ""hi"""`, newlines inside quotes; `\r\n`, `\n`, `\r` line ends.
 * - The first record is the header; empty and repeated names are renamed (`io-csv-header-renamed`).
 * - Coordinates: `xField`/`yField`, else the first header named like `lon, lng, longitude, x,
 *   经度` and `lat, latitude, y, 纬度` → Point features; a row without usable coordinates keeps
 *   a null geometry (`io-csv-coordinate-missing`). No coordinate columns → rows without geometry
 *   (`io-csv-no-coordinates`), e.g. a GDP table.
 * - Values: a column is numeric when ≥ 80 % of its non-empty cells parse by
 *   {@link parseNumberCell} and no cell is a code with a leading zero (`0101`); its unparseable
 *   cells are null and each is reported (`io-csv-number-unparsed`, with row = line number, field,
 *   text); the notations converted are reported once per column (`io-csv-number-notations`).
 *   Other columns keep their text; an empty cell is null.
 *
 * @param bytes - the file's bytes (or its text).
 * @param options - see {@link ReadDelimitedOptions}.
 * @returns `{fc, crs: null, issues, encoding}`: a CSV declares no CRS; coordinates as written.
 * @example
 * readDelimited('name,lon,lat\nA,120.3,31.5\n').fc.features[0].geometry; // { type: 'Point', coordinates: [120.3, 31.5] }
 */
export function readDelimited(bytes: Uint8Array | string, options: ReadDelimitedOptions = {}): ReadLayerResult {
  const layer = options.layer ?? options.fileName;
  const loc = layer === undefined ? {} : { layer };
  const issues: Issue[] = [];

  let text: string;
  let encoding: ReadLayerResult['encoding'];
  if (typeof bytes === 'string') {
    text = bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  } else {
    const d = decodeText(bytes, { encoding: options.encoding });
    text = d.text;
    encoding = d.encoding;
    if (d.unknownLabel !== undefined) issues.push(makeIssue('io-encoding-unknown-label', { ...loc, label: d.unknownLabel, fallback: `detected ${d.encoding.name} instead` }, { ...loc, field: 'encoding', actual: d.unknownLabel }));
    if (d.encoding.source === 'option') issues.push(makeIssue('io-encoding-option', { ...loc, encoding: d.encoding.name }, { ...loc, field: 'encoding', actual: d.encoding.name }));
    else if (!/^[\x00-\x7f]*$/.test(text)) issues.push(makeIssue('io-encoding-detected', { ...loc, encoding: d.encoding.name, reason: d.reason }, { ...loc, actual: d.encoding.name }));
    if (d.invalidCount > 0) issues.push(makeIssue('io-encoding-invalid-bytes', { ...loc, encoding: d.encoding.name, count: d.invalidCount }, { ...loc, actual: d.invalidCount }));
  }

  // Delimiter.
  let delimiter = normaliseDelimiter(options.delimiter);
  if (delimiter === null) {
    delimiter = detectDelimiter(text);
    issues.push(makeIssue('io-csv-delimiter-detected', { ...loc, delimiter }, { ...loc, field: 'delimiter', actual: delimiter }));
  }

  const parsed = parseDelimitedText(text, delimiter);
  if (parsed.unterminatedAt !== null) issues.push(makeIssue('io-csv-unterminated-quote', { ...loc, row: parsed.unterminatedAt }, { ...loc, actual: parsed.unterminatedAt }));
  const records = parsed.records.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
  const fc: FeatureCollection = { type: 'FeatureCollection', features: [] };
  if (records.length === 0) {
    issues.push(makeIssue('io-csv-empty', { ...loc }, { ...loc }));
    return { fc, crs: null, issues, encoding, format: 'csv' };
  }

  // Header.
  const header: string[] = [];
  const seen = new Set<string>();
  records[0].cells.forEach((raw, i) => {
    let name = raw.trim();
    if (name === '' || seen.has(name)) {
      let k = i + 1;
      let renamed = name === '' ? `column_${k}` : `${name}_${k}`;
      while (seen.has(renamed)) renamed = `column_${++k}`;
      issues.push(makeIssue('io-csv-header-renamed', { ...loc, field: raw, renamed }, { ...loc, field: renamed, actual: raw }));
      name = renamed;
    }
    seen.add(name);
    header.push(name);
  });
  const rows = records.slice(1);
  if (rows.length === 0) issues.push(makeIssue('io-csv-empty', { ...loc }, { ...loc }));

  // Ragged rows: pad with empty cells, drop extras, and say so.
  const table: string[][] = rows.map((r) => {
    if (r.cells.length !== header.length) {
      issues.push(makeIssue('io-csv-row-length', { ...loc, row: r.line, expected: header.length, actual: r.cells.length }, {
        ...loc, expected: header.length, actual: r.cells.length > header.length ? r.cells.slice(header.length) : r.cells.length,
      }));
    }
    return header.map((_, i) => r.cells[i] ?? '');
  });

  // Coordinate columns.
  let xIdx = -1;
  let yIdx = -1;
  let fieldError = false;
  const pickGiven = (given: string | undefined, option: 'xField' | 'yField'): number => {
    if (given === undefined || given === '') return -1;
    const idx = header.indexOf(given) >= 0 ? header.indexOf(given) : header.findIndex((h) => h.trim().toLowerCase() === given.trim().toLowerCase());
    if (idx < 0) {
      fieldError = true;
      issues.push(makeIssue('io-csv-field-missing', { ...loc, field: given, option, columns: header }, { ...loc, field: option, expected: header, actual: given }));
    }
    return idx;
  };
  const givenX = pickGiven(options.xField, 'xField');
  const givenY = pickGiven(options.yField, 'yField');
  if (!fieldError) {
    xIdx = givenX >= 0 ? givenX : findByName(header, X_NAMES);
    yIdx = givenY >= 0 ? givenY : findByName(header, Y_NAMES);
    if (xIdx === yIdx) yIdx = -1;
    if ((xIdx >= 0) !== (yIdx >= 0)) {
      const found = header[xIdx >= 0 ? xIdx : yIdx];
      issues.push(makeIssue('io-csv-coordinate-half', { ...loc, found, missing: xIdx >= 0 ? 'y (latitude)' : 'x (longitude)' }, { ...loc, field: found }));
      xIdx = yIdx = -1;
    } else if (xIdx >= 0) {
      if (givenX < 0 || givenY < 0) issues.push(makeIssue('io-csv-coordinate-columns', { ...loc, xField: header[xIdx], yField: header[yIdx] }, { ...loc, actual: [header[xIdx], header[yIdx]] }));
    } else {
      issues.push(makeIssue('io-csv-no-coordinates', { ...loc, columns: header }, { ...loc, actual: header }));
    }
  }

  // Column types.
  const numericForced = new Set(options.numericFields ?? []);
  const textForced = new Set(options.textFields ?? []);
  const columns: Array<Array<string | number | null>> = header.map((name, c) => {
    const cells = table.map((row) => row[c]);
    const isCoordinate = c === xIdx || c === yIdx;
    if (textForced.has(name) && !isCoordinate) return cells.map((s) => (s.trim() === '' ? null : s));
    const parsedCells = cells.map((s) => parseNumberCell(s));
    let numbers = 0;
    let invalid = 0;
    let leadingZero = false;
    parsedCells.forEach((p, r) => {
      if (p.kind === 'number') {
        if (isCoordinate && p.notations.some((nn) => NOT_FOR_COORDINATES.has(nn))) invalid++;
        else numbers++;
        if (/^[+-]?0\d/.test(cells[r].trim())) leadingZero = true;
      } else if (p.kind === 'invalid') invalid++;
    });
    const numeric = isCoordinate || numericForced.has(name) || (!leadingZero && numbers > 0 && numbers >= NUMERIC_SHARE * (numbers + invalid));
    if (!numeric) return cells.map((s) => (s.trim() === '' ? null : s));
    const used = new Map<NumberNotation, number>();
    const out = parsedCells.map((p, r) => {
      if (p.kind === 'null') return null;
      if (p.kind === 'number' && !(isCoordinate && p.notations.some((nn) => NOT_FOR_COORDINATES.has(nn)))) {
        for (const nn of p.notations) used.set(nn, (used.get(nn) ?? 0) + 1);
        return p.value;
      }
      issues.push(makeIssue('io-csv-number-unparsed', { ...loc, row: rows[r].line, field: name, text: cells[r] }, { ...loc, field: name, featureId: r, expected: 'number', actual: cells[r] }));
      return null;
    });
    if (used.size > 0) {
      const notations = [...used].map(([k, v]) => `${v} × ${NOTATION_WORDS[k]}`).join(', ');
      issues.push(makeIssue('io-csv-number-notations', { ...loc, field: name, notations }, { ...loc, field: name, actual: Object.fromEntries(used) }));
    }
    return out;
  });

  table.forEach((_, r) => {
    const properties: Properties = {};
    header.forEach((name, c) => { properties[name] = columns[c][r]; });
    let geometry: Feature['geometry'] = null;
    if (xIdx >= 0 && yIdx >= 0) {
      const x = columns[xIdx][r];
      const y = columns[yIdx][r];
      if (typeof x === 'number' && typeof y === 'number') geometry = { type: 'Point', coordinates: [x, y] };
      else issues.push(makeIssue('io-csv-coordinate-missing', { ...loc, row: rows[r].line }, { ...loc, featureId: r, actual: [table[r][xIdx], table[r][yIdx]] }));
    }
    fc.features.push({ type: 'Feature', geometry, properties });
  });

  return { fc, crs: null, issues, encoding, format: 'csv' };
}

function normaliseDelimiter(d: string | undefined): string | null {
  if (d === undefined || d === '') return null;
  const k = d.toLowerCase();
  if (k === 'tab' || k === '\\t') return '\t';
  if (k === 'comma') return ',';
  if (k === 'semicolon') return ';';
  if (k === 'pipe') return '|';
  return d;
}

function findByName(header: string[], names: string[]): number {
  const norm = header.map((h) => h.normalize('NFKC').trim().toLowerCase());
  for (const n of names) {
    const i = norm.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * The delimiter among `, \t ; |` that splits the first 50 records most consistently: the share of
 * records with the header's column count (> 1) ranks first, then the column count.
 */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = ',';
  let bestScore = -1;
  let bestCols = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const recs = parseDelimitedText(sample, d, 50).records.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
    if (recs.length === 0) continue;
    const cols = recs[0].cells.length;
    if (cols < 2) continue;
    // The last sampled record may be cut by the sample window: leave it out unless it is alone.
    const body = recs.length > 2 && sample.length < text.length ? recs.slice(0, -1) : recs;
    const same = body.filter((r) => r.cells.length === cols).length / body.length;
    if (same > bestScore || (same === bestScore && cols > bestCols)) {
      best = d;
      bestScore = same;
      bestCols = cols;
    }
  }
  return best;
}

/** One parsed record and the 1-based line where it starts. */
export interface DelimitedRecord { line: number; cells: string[] }

/**
 * Split delimited text into records (RFC 4180: quotes double inside quoted fields; delimiters
 * and line breaks inside quotes are data). Text after a closing quote up to the next delimiter is
 * kept (`"a"b` → `ab`), as spreadsheet programs do.
 *
 * @param text - the decoded text.
 * @param delimiter - one character (a longer string is used as is).
 * @param maxRecords - stop after this many records. Default all.
 * @returns the records, and the line of an unterminated quoted field (else `null`).
 */
export function parseDelimitedText(text: string, delimiter: string, maxRecords = Infinity): { records: DelimitedRecord[]; unterminatedAt: number | null } {
  const records: DelimitedRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const dl = delimiter.length;
  let unterminatedAt: number | null = null;
  let atCellStart = true;
  const endRecord = (): void => {
    cells.push(cell);
    records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    atCellStart = true;
  };
  while (i < n && records.length < maxRecords) {
    const ch = text[i];
    if (atCellStart && ch === '"') {
      // Quoted field.
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
          i++;
          closed = true;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
        i++;
      }
      if (!closed) { unterminatedAt = quoteLine; break; }
      atCellStart = false;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      cells.push(cell);
      cell = '';
      i += dl;
      atCellStart = true;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (records.length < maxRecords && (cell !== '' || cells.length > 0 || unterminatedAt !== null)) endRecord();
  return { records, unterminatedAt };
}
