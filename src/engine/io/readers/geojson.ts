/**
 * GeoJSON reader: bytes or text → FeatureCollection, with the legacy `crs` member read and
 * latitude-first files caught.
 */
import type { Feature, FeatureCollection, Geometry, Issue, Position } from '../../types.js';
import { makeIssue } from '../../messages/index.js';
import { isGeographicCrs, isInChinaOutline, parseCrsName, readLegacyCrsMember } from '../../crs/index.js';
import { decodeText } from '../text.js';
import { collectionBbox, forEachPosition, swapGeometryAxes } from './geometry-utils.js';
import type { ReadLayerOptions, ReadLayerResult } from './types.js';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Options of {@link readGeoJson}: `encoding`, `crs`, `layer`, `fileName` of {@link ReadLayerOptions}. */
export type ReadGeoJsonOptions = Pick<ReadLayerOptions, 'encoding' | 'crs' | 'layer' | 'fileName'>;

/**
 * Read a GeoJSON file.
 *
 * - Text: UTF-8 with or without BOM (a UTF-16 BOM is honoured too); bytes that are not UTF-8
 *   are decoded by `options.encoding`, else detected (GBK), and the decision is reported.
 * - A single Feature or geometry is wrapped into a collection (`io-geojson-wrapped`).
 * - CRS: the legacy `crs` member in any spelling (`{type:'name', properties:{name:'EPSG:4549'}}`,
 *   OGC URNs, `{type:'EPSG', properties:{code:4549}}`) → `crs`; an unreadable member is
 *   `crs-member-unreadable` unless `options.crs` is given. No member → `crs: null` (the engine
 *   then uses EPSG:4326, RFC 7946).
 * - Axis order: x is read as longitude, as GDAL writes even under `urn:ogc:def:crs:EPSG::4326`.
 *   When the CRS is geographic (or undeclared), every |x| ≤ 90 and some 90 < |y| ≤ 180, the
 *   file was written latitude first: every position is swapped (`io-geojson-axis-swapped`).
 *   When the file (or config) names a latitude-first EPSG code (EPSG:4326, EPSG:4490), positions
 *   that all fall in China only when swapped are swapped too; otherwise `io-geojson-axis-kept`
 *   records that x was read as longitude. Decisions: docs/io-readers.md.
 *
 * @param input - the file's bytes, or its text.
 * @param options - see {@link ReadGeoJsonOptions}; `crs` is the config's declaration, if any.
 * @returns `{fc, crs, issues, encoding}`; on an error issue `fc` has no features.
 * @example
 * readGeoJson('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4549"}},"features":[]}').crs; // 'EPSG:4549'
 */
export function readGeoJson(input: Uint8Array | string, options: ReadGeoJsonOptions = {}): ReadLayerResult {
  const layer = options.layer ?? options.fileName;
  const loc = layer === undefined ? {} : { layer };
  const issues: Issue[] = [];
  const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

  let text: string;
  let encoding: ReadLayerResult['encoding'];
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const d = decodeText(input, { encoding: options.encoding });
    text = d.text;
    encoding = d.encoding;
    if (d.unknownLabel !== undefined) issues.push(makeIssue('io-encoding-unknown-label', { ...loc, label: d.unknownLabel, fallback: `detected ${d.encoding.name} instead` }, { ...loc, field: 'encoding', actual: d.unknownLabel }));
    // Plain UTF-8 is what GeoJSON is (RFC 8259): say nothing. Anything else is a decision.
    if (d.encoding.source === 'detected' && d.encoding.name !== 'utf-8') {
      issues.push(makeIssue('io-encoding-detected', { ...loc, encoding: d.encoding.name, reason: d.reason }, { ...loc, actual: d.encoding.name }));
    }
    if (d.encoding.source === 'option') issues.push(makeIssue('io-encoding-option', { ...loc, encoding: d.encoding.name }, { ...loc, field: 'encoding', actual: d.encoding.name }));
    if (d.invalidCount > 0) issues.push(makeIssue('io-encoding-invalid-bytes', { ...loc, encoding: d.encoding.name, count: d.invalidCount }, { ...loc, actual: d.invalidCount }));
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    issues.push(makeIssue('io-json-invalid', { ...loc, reason: (e as Error).message }, { ...loc }));
    return { fc: empty(), crs: null, issues, encoding, format: 'geojson' };
  }

  let fc: FeatureCollection;
  const type = data !== null && typeof data === 'object' ? (data as { type?: unknown }).type : undefined;
  if (type === 'FeatureCollection' && Array.isArray((data as FeatureCollection).features)) {
    fc = data as FeatureCollection;
  } else if (type === 'Feature') {
    const { crs, ...feature } = data as Feature & { crs?: unknown };
    fc = { type: 'FeatureCollection', features: [feature as Feature], ...(crs === undefined ? {} : { crs }) };
    issues.push(makeIssue('io-geojson-wrapped', { ...loc, type: 'Feature' }, { ...loc }));
  } else if (typeof type === 'string' && GEOMETRY_TYPES.has(type)) {
    const { crs, ...geometry } = data as Geometry & { crs?: unknown };
    fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: geometry as Geometry, properties: {} }], ...(crs === undefined ? {} : { crs }) };
    issues.push(makeIssue('io-geojson-wrapped', { ...loc, type }, { ...loc }));
  } else {
    const actual = Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data === 'object' ? (type ?? 'object without "type"') : typeof data;
    issues.push(makeIssue('io-geojson-not-collection', { ...loc, type: actual }, { ...loc, expected: 'FeatureCollection', actual }));
    return { fc: empty(), crs: null, issues, encoding, format: 'geojson' };
  }

  // CRS from the file's legacy member.
  let crs: string | null = null;
  const member = fc.crs;
  if (member !== undefined && member !== null) {
    crs = readLegacyCrsMember(member);
    if (crs === null && (options.crs === undefined || options.crs.trim() === '')) {
      issues.push(makeIssue('crs-member-unreadable', { ...loc, member }, { ...loc, field: 'crs', actual: member }));
    }
  }

  // Axis order. The CRS that governs is the config's if given, else the file's.
  const declared = options.crs !== undefined && options.crs.trim() !== '' ? parseCrsName(options.crs) : crs;
  const bbox = collectionBbox(fc);
  const geographic = declared === null || isGeographicCrs(declared);
  // EPSG:4326 and EPSG:4490 are latitude-first by their EPSG definitions; CRS84 is not.
  const latFirstSpelling = declared !== null && declared.startsWith('EPSG:') && isGeographicCrs(declared);
  if (bbox && geographic) {
    const [minX, minY, maxX, maxY] = bbox;
    const maxAbsX = Math.max(Math.abs(minX), Math.abs(maxX));
    const maxAbsY = Math.max(Math.abs(minY), Math.abs(maxY));
    let reason: string | null = null;
    if (maxAbsX <= 90 && maxAbsY > 90 && maxAbsY <= 180) {
      reason = 'every x is a possible latitude and some y is beyond ±90, so y cannot be a latitude';
    } else if (latFirstSpelling && allInChinaOnlyWhenSwapped(fc)) {
      reason = `the file declares the latitude-first ${declared} and every position lies in China only when read as latitude, longitude`;
    }
    if (reason !== null) {
      issues.push(makeIssue('io-geojson-axis-swapped', { ...loc, crs: declared, reason, minX, minY, maxX, maxY }, { ...loc, field: 'coordinates', actual: bbox }));
      fc = { ...fc, features: fc.features.map((f) => (f && f.geometry ? { ...f, geometry: swapGeometryAxes(f.geometry) } : f)) };
    } else if (latFirstSpelling) {
      issues.push(makeIssue('io-geojson-axis-kept', { ...loc, crs: declared }, { ...loc, field: 'coordinates' }));
    }
  }

  return { fc, crs, issues, encoding, format: 'geojson' };
}

/** Every position (a sample of at most ~2000) lies in China read as (y, x) and none read as (x, y). */
function allInChinaOnlyWhenSwapped(fc: FeatureCollection): boolean {
  const sample: Position[] = [];
  let count = 0;
  for (const f of fc.features) forEachPosition(f?.geometry, () => { count++; });
  const step = Math.max(1, Math.floor(count / 2000));
  let i = 0;
  for (const f of fc.features) forEachPosition(f?.geometry, (p) => { if (i++ % step === 0) sample.push(p); });
  if (sample.length === 0) return false;
  for (const p of sample) {
    const x = p[0], y = p[1];
    if (typeof x !== 'number' || typeof y !== 'number') return false;
    if (isInChinaOutline(x, y) || !isInChinaOutline(y, x)) return false;
  }
  return true;
}
