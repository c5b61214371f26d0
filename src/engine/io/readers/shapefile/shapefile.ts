/**
 * Shapefile reader: a zip archive or loose .shp/.dbf/.shx/.prj/.cpg files → FeatureCollection,
 * CRS from the .prj, attribute text in the right encoding.
 */
import type { Feature, FeatureCollection, Issue } from '../../../types.js';
import { makeIssue } from '../../../messages/index.js';
import { isKnownCrs } from '../../../crs/index.js';
import { createDecoder, detectEncoding, normaliseEncodingLabel } from '../../text.js';
import type { EncodingInfo } from '../../text.js';
import type { LayerFiles, ReadLayerOptions, ReadLayerResult } from '../types.js';
import { readShp, SHAPE_TYPE_NAMES } from './shp.js';
import { dbfTextBytes, LDID_CODE_PAGES, readDbfHeader, readDbfRecords } from './dbf.js';
import { identifyPrj } from './prj.js';
import { readZip } from './zip.js';

/** Options of the Shapefile readers: `encoding`, `layerName`, `layer`, `fileName`. */
export type ReadShapefileOptions = Pick<ReadLayerOptions, 'encoding' | 'layerName' | 'layer' | 'fileName'>;

const firstRecords = (list: number[]): number[] => list.slice(0, 10);

/**
 * Read a zipped Shapefile.
 *
 * Member names: UTF-8 when the zip says so (flag bit 11), else detected (UTF-8 or GBK, reported
 * as `io-zip-name-encoding`). macOS `__MACOSX/` and `._*` members are ignored. With several
 * .shp members, `options.layerName` (base name, case-insensitive) chooses; else the first is read
 * (`io-zip-several-layers`). A zip without .shp but with one GeoJSON or CSV member is handed to
 * that reader through `fallback`.
 *
 * @param bytes - the zip archive.
 * @param options - see {@link ReadShapefileOptions}.
 * @param fallback - reads a non-Shapefile member (set by `readLayerBytes`). Default none.
 * @returns see {@link readShapefileFiles}.
 */
export function readShapefileZip(
  bytes: Uint8Array,
  options: ReadShapefileOptions = {},
  fallback?: (data: Uint8Array, fileName: string) => ReadLayerResult,
): ReadLayerResult {
  const layer = options.layer ?? options.fileName;
  const loc = layer === undefined ? {} : { layer };
  const z = readZip(bytes);
  const issues: Issue[] = [];
  if (z.error) {
    issues.push(makeIssue('io-zip-unreadable', { ...loc, reason: z.error }, { ...loc }));
    return { fc: { type: 'FeatureCollection', features: [] }, crs: null, issues, format: 'shapefile' };
  }
  for (const s of z.skipped) issues.push(makeIssue('io-zip-entry-skipped', { ...loc, entry: s.name, reason: s.reason }, { ...loc, actual: s.name }));
  if (z.nameEncoding && z.nameEncoding !== 'utf-8') issues.push(makeIssue('io-zip-name-encoding', { ...loc, count: z.decodedNames, encoding: z.nameEncoding }, { ...loc, actual: z.nameEncoding }));
  const files: LayerFiles = {};
  for (const e of z.entries) {
    const base = e.name.split('/').pop() ?? e.name;
    if (e.name.startsWith('__MACOSX/') || base.startsWith('._')) continue;
    files[e.name] = e.data;
  }
  const names = Object.keys(files);
  if (!names.some((n) => /\.shp$/i.test(n))) {
    const others = names.filter((n) => /\.(geojson|json|csv|tsv)$/i.test(n));
    if (others.length === 1 && fallback) {
      const r = fallback(files[others[0]], others[0]);
      return { ...r, issues: [...issues, ...r.issues] };
    }
    issues.push(makeIssue('io-zip-no-layer', { ...loc, entries: names }, { ...loc, actual: names }));
    return { fc: { type: 'FeatureCollection', features: [] }, crs: null, issues, format: 'shapefile' };
  }
  const r = readShapefileFiles(files, options);
  return { ...r, issues: [...issues, ...r.issues] };
}

/**
 * Read a Shapefile from its parts, given as file name → bytes (names may carry folders).
 *
 * - Geometry (.shp): see `readShp`; null shapes keep a null geometry (`io-shp-null-shapes`),
 *   Z/M are dropped (`io-shp-zm-dropped`), polygon rings are grouped into polygons by
 *   orientation and containment and written with RFC 7946 winding.
 * - Attributes (.dbf): C, N, F, L, D fields (see `readDbfRecords`); records marked deleted are
 *   skipped with their shapes. No .dbf → features without attributes (`io-shp-dbf-missing`).
 * - Text encoding, in order: `options.encoding` (`io-encoding-option`, or
 *   `io-encoding-option-overrides-file` when the file says otherwise); the .cpg (`UTF-8`, `936`,
 *   `CP936`, `GBK`, `GB18030`, … → `io-encoding-cpg`); the DBF language-driver byte (0x4D, 0x7A →
 *   GBK, 0x4F → Big5, 0x03 / 0x58 → Windows-1252, … → `io-encoding-ldid`; 0x57 means "the
 *   writer's ANSI code page" and is detected); else detected over the names and text fields
 *   (`io-encoding-detected`: UTF-8 when well-formed, else GBK). Field names use the same encoding.
 * - CRS (.prj): `identifyPrj` → `crs` and the collection's legacy `crs` member, reported as
 *   `io-prj-crs`; a code the crs module does not bundle (see `isKnownCrs`) is
 *   `crs-unsupported`; an unidentified .prj is `io-prj-unrecognised`. No .prj → `crs: null`.
 *
 * @param files - file name → bytes; must hold a `.shp`.
 * @param options - see {@link ReadShapefileOptions}; `layerName` picks among several .shp.
 * @returns `{fc, crs, issues, encoding}`.
 * @example
 * readShapefileFiles({ 'a.shp': shp, 'a.dbf': dbf, 'a.prj': prj }).crs; // 'EPSG:4549'
 */
export function readShapefileFiles(files: LayerFiles, options: ReadShapefileOptions = {}): ReadLayerResult {
  const layer = options.layer ?? options.fileName;
  const loc = layer === undefined ? {} : { layer };
  const issues: Issue[] = [];
  const fc: FeatureCollection = { type: 'FeatureCollection', features: [] };
  const names = Object.keys(files);
  const shps = names.filter((n) => /\.shp$/i.test(n));
  const stem = (n: string): string => n.replace(/\.[^./]*$/, '');
  const baseStem = (n: string): string => (stem(n).split('/').pop() ?? '').toLowerCase();
  if (shps.length === 0) {
    issues.push(makeIssue('io-shp-part-missing', { ...loc, part: '.shp' }, { ...loc, actual: names }));
    return { fc, crs: null, issues, format: 'shapefile' };
  }
  let shpName = shps[0];
  if (options.layerName !== undefined && options.layerName !== '') {
    const want = options.layerName.replace(/\.shp$/i, '').toLowerCase();
    const found = shps.find((n) => baseStem(n) === want || stem(n).toLowerCase() === want);
    if (!found) {
      issues.push(makeIssue('io-zip-layer-not-found', { ...loc, name: options.layerName, layers: shps }, { ...loc, field: 'layerName', expected: shps, actual: options.layerName }));
      return { fc, crs: null, issues, format: 'shapefile' };
    }
    shpName = found;
  } else if (shps.length > 1) {
    issues.push(makeIssue('io-zip-several-layers', { ...loc, chosen: shpName, layers: shps }, { ...loc, field: 'layerName', actual: shps }));
  }
  const part = (ext: string): Uint8Array | undefined => {
    const s = stem(shpName).toLowerCase();
    const key = names.find((n) => stem(n).toLowerCase() === s && n.slice(stem(n).length).toLowerCase() === ext);
    return key === undefined ? undefined : files[key];
  };
  const shpBytes = files[shpName];
  const dbfBytes = part('.dbf');
  const prjBytes = part('.prj');
  const cpgBytes = part('.cpg');

  // Geometry.
  const shp = readShp(shpBytes);
  if (shp.error) {
    issues.push(makeIssue('io-shp-unreadable', { ...loc, reason: shp.error }, { ...loc }));
    return { fc, crs: null, issues, format: 'shapefile' };
  }
  if (shp.truncated) issues.push(makeIssue('io-shp-record-truncated', { ...loc, record: shp.truncated.record, reason: shp.truncated.reason }, { ...loc, featureId: shp.truncated.record }));
  if (shp.shapeType > 10 && shp.shapeType < 30) issues.push(makeIssue('io-shp-zm-dropped', { ...loc, shapeType: SHAPE_TYPE_NAMES[shp.shapeType] ?? shp.shapeType }, { ...loc, actual: shp.shapeType }));

  // Attributes and their encoding.
  let rows: Array<Record<string, unknown> | null> | null = null;
  let encoding: EncodingInfo | undefined;
  if (!dbfBytes) {
    issues.push(makeIssue('io-shp-dbf-missing', { ...loc }, { ...loc }));
  } else {
    const { header, error } = readDbfHeader(dbfBytes);
    if (!header) {
      issues.push(makeIssue('io-dbf-unreadable', { ...loc, reason: error }, { ...loc }));
    } else {
      const decided = decideEncoding(header.ldid, cpgBytes, options.encoding, () => dbfTextBytes(dbfBytes, header), loc);
      issues.push(...decided.issues);
      encoding = decided.encoding;
      const dec = createDecoder(decided.encoding.name);
      // Writers cut field names at 11 bytes, sometimes inside a multi-byte character (GDAL
      // writes 用地代码 in UTF-8 as 11 of its 12 bytes): the cut character is dropped, not replaced.
      let nameInvalid = 0;
      const decodeName = (b: Uint8Array): string => {
        let s = createDecoder(decided.encoding.name).decode(b);
        if (b.length >= 10) s = s.replace(/\uFFFD$/, '');
        for (const ch of s) if (ch === '\uFFFD') nameInvalid++;
        return s;
      };
      const rec = readDbfRecords(dbfBytes, header, dec.decode, decodeName);
      const invalid = dec.invalidCount() + nameInvalid;
      if (invalid > 0) issues.push(makeIssue('io-encoding-invalid-bytes', { ...loc, encoding: dec.name, count: invalid }, { ...loc, actual: invalid }));
      for (const t of rec.otherTypes) issues.push(makeIssue('io-dbf-field-type', { ...loc, field: t.field, type: t.type }, { ...loc, field: t.field, actual: t.type }));
      for (const b of rec.badValues) issues.push(makeIssue('io-dbf-bad-value', { ...loc, field: b.field, row: b.row, text: b.text, kind: b.kind }, { ...loc, field: b.field, featureId: b.row - 1, expected: b.kind, actual: b.text }));
      if (rec.deleted > 0) issues.push(makeIssue('io-dbf-deleted-records', { ...loc, count: rec.deleted }, { ...loc, actual: rec.deleted }));
      if (rec.rows.length !== shp.records.length) issues.push(makeIssue('io-shp-count-mismatch', { ...loc, shp: shp.records.length, dbf: rec.rows.length }, { ...loc, expected: shp.records.length, actual: rec.rows.length }));
      rows = rec.rows;
    }
  }

  // Features: record i of the .shp pairs with row i of the .dbf.
  const nullShapes: number[] = [];
  const count = Math.max(shp.records.length, rows?.length ?? 0);
  for (let i = 0; i < count; i++) {
    const row = rows ? rows[i] : {};
    if (row === null) continue; // deleted in the .dbf
    const rec = shp.records[i];
    if (rec && rec.shapeType === 0) nullShapes.push(rec.number);
    const feature: Feature = { type: 'Feature', geometry: rec?.geometry ?? null, properties: row === undefined ? {} : { ...row } };
    fc.features.push(feature);
  }
  if (nullShapes.length > 0) issues.push(makeIssue('io-shp-null-shapes', { ...loc, count: nullShapes.length, records: firstRecords(nullShapes) }, { ...loc, featureId: nullShapes[0], actual: nullShapes.length }));
  for (const [type, n] of shp.unsupported) issues.push(makeIssue('io-shp-shape-unsupported', { ...loc, shapeType: SHAPE_TYPE_NAMES[type] ?? type, count: n }, { ...loc, actual: type }));
  if (shp.orphanHoles.length > 0) issues.push(makeIssue('io-shp-orphan-hole', { ...loc, count: shp.orphanHoles.length, records: firstRecords(shp.orphanHoles) }, { ...loc, featureId: shp.orphanHoles[0] }));
  if (shp.degenerateRings.length > 0) issues.push(makeIssue('io-shp-degenerate-ring', { ...loc, count: shp.degenerateRings.length, records: firstRecords(shp.degenerateRings) }, { ...loc, featureId: shp.degenerateRings[0] }));
  if (shp.closedRings.length > 0) issues.push(makeIssue('io-shp-ring-closed', { ...loc, count: shp.closedRings.length, records: firstRecords(shp.closedRings) }, { ...loc, featureId: shp.closedRings[0] }));

  // CRS.
  let crs: string | null = null;
  if (prjBytes) {
    const text = createDecoder('utf-8').decode(prjBytes);
    const id = identifyPrj(text);
    if (id.code === null) {
      issues.push(makeIssue('io-prj-unrecognised', { ...loc, name: id.name, reason: id.reason }, { ...loc, field: 'crs', actual: id.name }));
    } else {
      crs = id.code;
      if (isKnownCrs(id.code)) issues.push(makeIssue('io-prj-crs', { ...loc, code: id.code, name: id.name }, { ...loc, field: 'crs', actual: id.code }));
      else issues.push(makeIssue('crs-unsupported', { ...loc, code: id.code }, { ...loc, field: 'crs', actual: id.code }));
      fc.crs = { type: 'name', properties: { name: id.code } };
    }
  }
  return { fc, crs, issues, encoding, format: 'shapefile' };
}

/** The encoding of a .dbf's text, by option, .cpg, language-driver byte, then detection. */
function decideEncoding(
  ldid: number,
  cpg: Uint8Array | undefined,
  option: string | undefined,
  textBytes: () => Uint8Array,
  loc: { layer?: string },
): { encoding: EncodingInfo; issues: Issue[] } {
  const issues: Issue[] = [];
  const cpgText = cpg ? createDecoder('utf-8').decode(cpg).replace(/\0/g, '').trim() : undefined;
  const cpgName = cpgText ? normaliseEncodingLabel(cpgText) : null;
  const ldidPage = LDID_CODE_PAGES[ldid];
  const ldidName = ldidPage ? normaliseEncodingLabel(ldidPage) : null;

  if (option !== undefined && option.trim() !== '') {
    const name = normaliseEncodingLabel(option);
    if (name) {
      const fileSays = cpgName ?? ldidName;
      if (fileSays && fileSays !== name) issues.push(makeIssue('io-encoding-option-overrides-file', { ...loc, encoding: name, file: cpgText ?? `LDID 0x${ldid.toString(16)}` }, { ...loc, field: 'encoding', expected: name, actual: fileSays }));
      else issues.push(makeIssue('io-encoding-option', { ...loc, encoding: name }, { ...loc, field: 'encoding', actual: name }));
      return { encoding: { name, source: 'option' }, issues };
    }
    issues.push(makeIssue('io-encoding-unknown-label', { ...loc, label: option, fallback: 'the .cpg, the DBF header or detection decides instead' }, { ...loc, field: 'encoding', actual: option }));
  }
  if (cpgText) {
    if (cpgName) {
      issues.push(makeIssue('io-encoding-cpg', { ...loc, encoding: cpgName, cpg: cpgText }, { ...loc, actual: cpgName }));
      return { encoding: { name: cpgName, source: 'cpg' }, issues };
    }
    issues.push(makeIssue('io-encoding-unknown-label', { ...loc, label: cpgText, fallback: 'the DBF header or detection decides instead' }, { ...loc, actual: cpgText }));
  }
  if (ldidName) {
    issues.push(makeIssue('io-encoding-ldid', { ...loc, encoding: ldidName, ldid }, { ...loc, actual: ldid }));
    return { encoding: { name: ldidName, source: 'ldid' }, issues };
  }
  if (ldidPage) issues.push(makeIssue('io-encoding-unknown-label', { ...loc, label: `code page ${ldidPage} (DBF byte 0x${ldid.toString(16)})`, fallback: 'the text was detected instead' }, { ...loc, actual: ldid }));
  const d = detectEncoding(textBytes());
  if (!d.ascii) {
    const reason = ldid === 0x57 ? `the DBF byte 0x57 means "the writer's ANSI code page", and ${d.reason}` : d.reason;
    issues.push(makeIssue('io-encoding-detected', { ...loc, encoding: d.encoding, reason }, { ...loc, actual: d.encoding }));
  }
  return { encoding: { name: d.encoding, source: 'detected' }, issues };
}
