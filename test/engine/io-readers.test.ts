/**
 * File readers: GeoJSON, Shapefile (zipped and loose), CSV/TSV, format dispatch.
 * Fixtures in test/fixtures/io were made by ogr2ogr / gdalsrsinfo (GDAL 3.6) and Python from the
 * hand-made sources in test/fixtures/io/src; commands in test/fixtures/io/README.md.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  detectEncoding, detectLayerFormat, identifyPrj, normaliseEncodingLabel, parseNumberCell, readDelimited, readGeoJson,
  readLayerBytes, readShapefileFiles, readShapefileZip, registerReader, unregisterReader,
} from '../../src/engine/io/readers/index.js';
import { assemblePolygonRings } from '../../src/engine/io/readers/shapefile/rings.js';
import { isKnownCrs } from '../../src/engine/crs/index.js';
import type { Feature, FeatureCollection, Geometry, Issue, Position } from '../../src/engine/types.js';

const FIX = join(import.meta.dirname, '../fixtures/io');
const bytes = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, rel)));
const dir = (rel: string): Record<string, Uint8Array> =>
  Object.fromEntries(readdirSync(join(FIX, rel)).map((n) => [n, bytes(join(rel, n))]));
const codes = (issues: Issue[]): string[] => issues.map((i) => i.code);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Shoelace area of a polygon's rings: outer minus holes (absolute values). */
function polygonArea(rings: Position[][]): number {
  const ringArea = (r: Position[]): number => {
    let s = 0;
    for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
    return Math.abs(s) / 2;
  };
  return ringArea(rings[0]) - rings.slice(1).reduce((a, r) => a + ringArea(r), 0);
}
function area(g: Geometry | null): number {
  if (!g) return 0;
  if (g.type === 'Polygon') return polygonArea(g.coordinates);
  if (g.type === 'MultiPolygon') return g.coordinates.reduce((a, p) => a + polygonArea(p), 0);
  return 0;
}
function length(g: Geometry | null): number {
  const l = (c: Position[]): number => c.slice(1).reduce((a, p, i) => a + Math.hypot(p[0] - c[i][0], p[1] - c[i][1]), 0);
  if (g?.type === 'LineString') return l(g.coordinates);
  if (g?.type === 'MultiLineString') return g.coordinates.reduce((a, c) => a + l(c), 0);
  return 0;
}

/** Polygon rings as sets of vertices independent of winding and start (for comparing writers). */
function canonical(g: Geometry | null): unknown {
  if (!g) return null;
  const ring = (r: Position[]): string => {
    const pts = r.slice(0, -1).map((p) => `${p[0].toFixed(9)},${p[1].toFixed(9)}`);
    return [...pts].sort().join(' ');
  };
  if (g.type === 'Polygon') return { type: 'Polygon', rings: g.coordinates.map(ring) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', polys: g.coordinates.map((p) => p.map(ring)).sort() };
  return g;
}

/** Whether every position of `a` equals the position of `b` to 1e-9 (same structure). */
function assertCoordsClose(a: unknown, b: unknown, path = '$'): void {
  if (a === null && b === null) return;
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(Math.abs(a - b) <= 1e-9, `${path}: ${a} vs ${b}`);
    return;
  }
  assert.ok(Array.isArray(a) && Array.isArray(b) && a.length === b.length, `${path}: shapes differ`);
  (a as unknown[]).forEach((x, i) => assertCoordsClose(x, (b as unknown[])[i], `${path}[${i}]`));
}

// The four source parcels (test/fixtures/io/src/make-sources.py): names, codes, hand-worked areas.
const PARCELS = [
  { 名称: '新吴地块一', 用地代码: '0701', 面积: 9600.5, 人口: 120, 日期: '2023-05-01', areaM2: 100 * 100 - 20 * 20 },
  { 名称: '旺庄工业区', 用地代码: '1001', 面积: 2900.25, 人口: 0, 日期: '2021-12-31', areaM2: 50 * 50 + 20 * 20 },
  { 名称: '梅村·湖心岛', 用地代码: '1101', 面积: 31600, 人口: 7, 日期: null, areaM2: 200 * 200 - 100 * 100 + 40 * 40 },
  { 名称: '缺图形', 用地代码: null, 面积: null, 人口: null, 日期: null, areaM2: 0 },
];

describe('parseNumberCell', () => {
  const value = (s: string): number | null | 'invalid' => {
    const r = parseNumberCell(s);
    return r.kind === 'number' ? r.value : r.kind === 'null' ? null : 'invalid';
  };
  test('plain, grouped, full-width, signs and scientific', () => {
    assert.equal(value('1234.5'), 1234.5);
    assert.equal(value('1,234.5'), 1234.5);
    assert.equal(value('1,234,567'), 1234567);
    assert.equal(value('１２３'), 123);
    assert.equal(value('１２３．５'), 123.5);
    assert.equal(value('-7'), -7);
    assert.equal(value('−7'), -7); // U+2212 minus sign
    assert.equal(value('+7'), 7);
    assert.equal(value('1.5e3'), 1500);
    assert.equal(value('.5'), 0.5);
    assert.equal(value('  42  '), 42);
  });
  test('percent, per mille, 万, 亿, accounting negatives, currency', () => {
    assert.equal(value('12.5%'), 0.125);
    assert.equal(value('８%'), 0.08);
    assert.equal(value('3‰'), 0.003);
    assert.equal(value('1.2万'), 12000); // 1.2 × 10^4, exact in decimal
    assert.equal(value('0.07万'), 700); // 0.07 * 10000 in binary would be 700.0000000000001
    assert.equal(value('2.5亿'), 250000000);
    assert.equal(value('1万亿'), 1e12);
    assert.equal(value('(123)'), -123);
    assert.equal(value('(1,234.5)'), -1234.5);
    assert.equal(value('¥1,200'), 1200);
    assert.equal(value('-3.5%'), -0.035);
    const r = parseNumberCell('1.2万');
    assert.deepEqual(r, { kind: 'number', value: 12000, notations: ['wan'] });
  });
  test('no-value tokens are null; anything else is invalid, never NaN', () => {
    for (const s of ['', '  ', 'N/A', 'NA', 'n/a', '#N/A', '-', '--', '—', '——', 'null', 'NaN']) assert.equal(value(s), null, s);
    for (const s of ['abc', '1,5', '12,34', '1.2.3', '暂无', '1e999', '12 34', '%', '万']) assert.equal(value(s), 'invalid', s);
  });
});

describe('text encodings', () => {
  test('labels as .cpg files and configs write them', () => {
    assert.equal(normaliseEncodingLabel('CP936'), 'gbk');
    assert.equal(normaliseEncodingLabel('936'), 'gbk');
    assert.equal(normaliseEncodingLabel('GBK'), 'gbk');
    assert.equal(normaliseEncodingLabel('GB2312'), 'gbk');
    assert.equal(normaliseEncodingLabel('GB18030'), 'gb18030');
    assert.equal(normaliseEncodingLabel('UTF-8'), 'utf-8');
    assert.equal(normaliseEncodingLabel('utf8'), 'utf-8');
    assert.equal(normaliseEncodingLabel('65001'), 'utf-8');
    assert.equal(normaliseEncodingLabel('1252'), 'windows-1252');
    assert.equal(normaliseEncodingLabel('ANSI 1252'), 'windows-1252');
    assert.equal(normaliseEncodingLabel('950'), 'big5');
    assert.equal(normaliseEncodingLabel('IBM437'), null);
    assert.equal(normaliseEncodingLabel('no-such'), null);
  });
  test('detection: UTF-8, GBK, Latin', () => {
    // 中文 in GBK is D6 D0 CE C4 (GB2312 table); in UTF-8 E4 B8 AD E6 96 87.
    assert.equal(detectEncoding(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4])).encoding, 'gbk');
    assert.equal(detectEncoding(new Uint8Array([0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87])).encoding, 'utf-8');
    // "Zürich" in Windows-1252: FC followed by an ASCII letter, not a GB2312 pair.
    assert.equal(detectEncoding(new Uint8Array([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68])).encoding, 'windows-1252');
    assert.equal(detectEncoding(enc('plain')).ascii, true);
  });
});

describe('readGeoJson', () => {
  const fcText = (crs: unknown, coords: number[][]): string => JSON.stringify({
    type: 'FeatureCollection', ...(crs === undefined ? {} : { crs }),
    features: coords.map((c, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: c } })),
  });
  test('legacy crs member in its spellings', () => {
    const spellings: Array<[unknown, string]> = [
      [{ type: 'name', properties: { name: 'EPSG:4549' } }, 'EPSG:4549'],
      [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4528' } }, 'EPSG:4528'],
      [{ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, 'OGC:CRS84'],
      [{ type: 'EPSG', properties: { code: 32650 } }, 'EPSG:32650'],
    ];
    for (const [member, code] of spellings) {
      const r = readGeoJson(fcText(member, [[500000, 3500000]]));
      assert.equal(r.crs, code);
      assert.equal(r.issues.filter((i) => i.severity === 'error').length, 0);
    }
    assert.equal(readGeoJson(fcText(undefined, [[120, 31]])).crs, null);
    const link = readGeoJson(fcText({ type: 'link', properties: { href: 'x.prj' } }, [[120, 31]]));
    assert.deepEqual(codes(link.issues), ['crs-member-unreadable']);
  });
  test('UTF-8 with and without BOM give the same features', () => {
    const text = fcText(undefined, [[120.5, 31.25]]).replace('"i":0', '"名称":"旺庄"');
    const plain = readGeoJson(enc(text));
    const bom = readGeoJson(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]));
    assert.deepEqual(bom.fc.features, plain.fc.features);
    assert.equal(plain.fc.features[0].properties?.名称, '旺庄');
    assert.deepEqual(codes(plain.issues), []);
  });
  test('a GBK GeoJSON is detected and said so', () => {
    const gbk = new Uint8Array([...enc('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":"'), 0xd0, 0xc2, 0xce, 0xe2, ...enc('"},"geometry":null}]}')]);
    const r = readGeoJson(gbk); // D0C2 CEE2 = 新吴 in GBK
    assert.equal(r.fc.features[0].properties?.n, '新吴');
    assert.deepEqual(r.encoding, { name: 'gbk', source: 'detected' });
    assert.ok(codes(r.issues).includes('io-encoding-detected'));
  });
  test('latitude-first positions under EPSG::4326 are swapped and reported', () => {
    // Wuxi written lat, lon: every |x| = 31.x ≤ 90 and |y| = 120.x > 90: y cannot be a latitude.
    const r = readGeoJson(fcText({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } }, [[31.5, 120.25], [31.625, 120.5]]));
    assert.deepEqual(r.fc.features.map((f) => (f.geometry as { coordinates: number[] }).coordinates), [[120.25, 31.5], [120.5, 31.625]]);
    assert.deepEqual(codes(r.issues), ['io-geojson-axis-swapped']);
    assert.equal(r.issues[0].severity, 'warning');
  });
  test('latitude-first in western China (lon < 90) is caught by the China outline', () => {
    // Urumqi (87.6 E, 43.8 N) and Kashgar (75.99 E, 39.47 N) written lat, lon under EPSG:4490.
    const r = readGeoJson(fcText({ type: 'name', properties: { name: 'EPSG:4490' } }, [[43.8, 87.6], [39.47, 75.99]]));
    assert.deepEqual((r.fc.features[0].geometry as { coordinates: number[] }).coordinates, [87.6, 43.8]);
    assert.deepEqual(codes(r.issues), ['io-geojson-axis-swapped']);
  });
  test('longitude-first under EPSG::4326 is kept, and the decision is an info issue', () => {
    const r = readGeoJson(fcText({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } }, [[120.25, 31.5]]));
    assert.deepEqual((r.fc.features[0].geometry as { coordinates: number[] }).coordinates, [120.25, 31.5]);
    assert.deepEqual(codes(r.issues), ['io-geojson-axis-kept']);
    // RFC 7946 (no member) and CRS84 say lon, lat: nothing to decide, nothing said.
    assert.deepEqual(codes(readGeoJson(fcText(undefined, [[120.25, 31.5]])).issues), []);
    assert.deepEqual(codes(readGeoJson(fcText({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, [[8.5, 47.1]])).issues), []);
  });
  test('the input is not mutated when swapping', () => {
    const input = JSON.parse(fcText(undefined, [[31.5, 120.25]])) as FeatureCollection;
    const before = JSON.stringify(input);
    const r = readGeoJson(JSON.stringify(input));
    assert.equal(JSON.stringify(input), before);
    assert.notEqual(r.fc, input);
  });
  test('a single Feature or geometry is wrapped; bad JSON and non-GeoJSON are errors', () => {
    const f = readGeoJson('{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}}');
    assert.equal(f.fc.features.length, 1);
    assert.deepEqual(codes(f.issues), ['io-geojson-wrapped']);
    const g = readGeoJson('{"type":"Point","coordinates":[1,2]}');
    assert.equal(g.fc.features[0].geometry?.type, 'Point');
    assert.deepEqual(codes(readGeoJson('{"type":"Featur').issues), ['io-json-invalid']);
    assert.deepEqual(codes(readGeoJson('[1,2]').issues), ['io-geojson-not-collection']);
  });
});

describe('.prj → EPSG (texts written by gdalsrsinfo)', () => {
  const cases: Array<[string, string]> = [
    ['esri-4326.prj', 'EPSG:4326'], ['esri-4490.prj', 'EPSG:4490'],
    ['esri-4549.prj', 'EPSG:4549'], // CGCS2000_3_Degree_GK_CM_120E, Gauss_Kruger, FE 500000
    ['esri-4528.prj', 'EPSG:4528'], // CGCS2000_3_Degree_GK_Zone_40, FE 40500000, CM 120 = 3 × 40
    ['esri-4509.prj', 'EPSG:4509'], // CGCS2000_GK_CM_117E: 6-degree by name, 4502 + (117 − 75) / 6
    ['esri-4499.prj', 'EPSG:4499'], // CGCS2000_GK_Zone_21: FE 21500000, CM 123 = 6 × 21 − 3
    ['esri-32650.prj', 'EPSG:32650'], ['esri-32750.prj', 'EPSG:32750'], ['esri-3857.prj', 'EPSG:3857'],
    ['esri-2385.prj', 'EPSG:2385'], // Xian 1980 3-degree CM 120E: 2370 + (120 − 75) / 3
    ['esri-2364.prj', 'EPSG:2364'], // Xian 1980 3-degree zone 40: 2349 + 40 − 25
    ['esri-2435.prj', 'EPSG:2435'], // Beijing 1954 3-degree CM 114E: 2422 + 13
    ['esri-2414.prj', 'EPSG:2414'], // Beijing 1954 3-degree zone 38: 2401 + 13
    ['esri-4610.prj', 'EPSG:4610'], ['esri-4214.prj', 'EPSG:4214'],
    ['ogc-4549.prj', 'EPSG:4549'], ['ogc-32650.prj', 'EPSG:32650'],
  ];
  for (const [file, code] of cases) {
    test(`${file} → ${code}`, () => assert.equal(identifyPrj(readFileSync(join(FIX, 'prj', file), 'utf8')).code, code));
  }
  test('OGC WKT1 without AUTHORITY is read from its parameters', () => {
    const text = readFileSync(join(FIX, 'prj/ogc-4549.prj'), 'utf8').replace(/,\s*AUTHORITY\["EPSG","\d+"\]/g, '');
    assert.ok(!text.includes('AUTHORITY'));
    assert.equal(identifyPrj(text).code, 'EPSG:4549');
  });
  test('a projection that is no known zone answers null with a reason', () => {
    const text = readFileSync(join(FIX, 'prj/esri-4549.prj'), 'utf8').replace('"Central_Meridian",120.0', '"Central_Meridian",120.5');
    const id = identifyPrj(text);
    assert.equal(id.code, null);
    assert.match(id.reason ?? '', /central meridian/);
  });
});

describe('readShapefileZip / readShapefileFiles', () => {
  const checkParcels = (fc: FeatureCollection, dx = 0, codeField = '用地代码'): void => {
    assert.equal(fc.features.length, 4);
    fc.features.forEach((f, i) => {
      const p = f.properties!;
      assert.equal(p.名称, PARCELS[i].名称);
      assert.equal(p[codeField], PARCELS[i].用地代码);
      assert.equal(p.面积, PARCELS[i].面积);
      assert.equal(p.人口, PARCELS[i].人口);
      assert.equal(p.日期, PARCELS[i].日期);
      assert.ok(Math.abs(area(f.geometry) - PARCELS[i].areaM2) < 1e-6, `area of ${i}`);
    });
    assert.equal(fc.features[3].geometry, null);
    // First vertex of parcel 1 at (500000 + dx, 3500000).
    const c = (fc.features[0].geometry as { coordinates: Position[][] }).coordinates[0][0];
    assert.deepEqual(c, [500000 + dx, 3500000]);
  };

  test('GBK with .cpg (CP936), member names in GBK without the UTF-8 flag', () => {
    const r = readShapefileZip(bytes('zip/parcels-gbk-names.zip'), { layer: 'parcels' });
    checkParcels(r.fc);
    assert.equal(r.crs, 'EPSG:4549');
    assert.deepEqual(r.encoding, { name: 'gbk', source: 'cpg' });
    assert.deepEqual(codes(r.issues), ['io-zip-name-encoding', 'io-encoding-cpg', 'io-shp-null-shapes', 'io-prj-crs']);
    assert.equal(r.issues[0].actual, 'gbk');
    assert.deepEqual(r.fc.crs, { type: 'name', properties: { name: 'EPSG:4549' } });
    assert.equal(r.issues.find((i) => i.code === 'io-shp-null-shapes')?.featureId, 4);
  });
  test('the layer can be chosen by its GBK member name', () => {
    const r = readShapefileZip(bytes('zip/parcels-gbk-names.zip'), { layerName: '地块' });
    assert.equal(r.fc.features.length, 4);
    const miss = readShapefileZip(bytes('zip/parcels-gbk-names.zip'), { layerName: 'nope' });
    assert.deepEqual(codes(miss.issues).slice(-1), ['io-zip-layer-not-found']);
  });
  test('UTF-8-flagged member names', () => {
    const r = readShapefileZip(bytes('zip/parcels-utf8-names.zip'));
    checkParcels(r.fc);
    assert.ok(!codes(r.issues).includes('io-zip-name-encoding'));
  });
  test('GBK without .cpg: the language-driver byte 0x4D decides', () => {
    const r = readShapefileFiles(dir('shp/gbk-ldid'));
    checkParcels(r.fc);
    assert.deepEqual(r.encoding, { name: 'gbk', source: 'ldid' });
    assert.equal(r.issues.find((i) => i.code === 'io-encoding-ldid')?.actual, 0x4d);
  });
  test('GBK with byte 0x57 (system ANSI, as ArcGIS on Chinese Windows) is detected', () => {
    const r = readShapefileFiles(dir('shp/gbk-ansi'));
    checkParcels(r.fc);
    assert.deepEqual(r.encoding, { name: 'gbk', source: 'detected' });
    assert.match(r.issues.find((i) => i.code === 'io-encoding-detected')!.message, /0x57/);
  });
  test('the config encoding wins over the file, with a warning', () => {
    const r = readShapefileFiles(dir('shp/gbk-cpg'), { encoding: 'utf-8' });
    assert.deepEqual(r.encoding, { name: 'utf-8', source: 'option' });
    assert.ok(codes(r.issues).includes('io-encoding-option-overrides-file'));
    // GBK bytes read as UTF-8 are invalid: the damage is counted, not hidden.
    assert.ok(codes(r.issues).includes('io-encoding-invalid-bytes'));
  });
  test('UTF-8 with a field name cut mid-character by the writer', () => {
    const r = readShapefileFiles(dir('shp/utf8'));
    // GDAL wrote 用地代码 (12 bytes) as its first 11 bytes; the cut character is dropped.
    checkParcels(r.fc, 0, '用地代');
    assert.ok(!codes(r.issues).includes('io-encoding-invalid-bytes'));
  });
  test('PolygonZ is read in 2D', () => {
    const r = readShapefileFiles(dir('shp/z'));
    checkParcels(r.fc);
    assert.ok(codes(r.issues).includes('io-shp-zm-dropped'));
    assert.equal((r.fc.features[0].geometry as { coordinates: Position[][] }).coordinates[0][0].length, 2);
  });
  test('zone-prefixed CGCS2000 zone 40 (EPSG:4528)', () => {
    const r = readShapefileZip(bytes('zip/parcels-zone40.zip'));
    checkParcels(r.fc, 40000000, '用地代');
    assert.equal(r.crs, 'EPSG:4528');
  });
  test('UTM 50N points and lines; several layers in one zip', () => {
    const pois = readShapefileZip(bytes('zip/utm-two-layers.zip'));
    assert.ok(codes(pois.issues).includes('io-zip-several-layers'));
    assert.equal(pois.crs, 'EPSG:32650');
    assert.deepEqual(pois.fc.features.map((f) => (f.geometry as { coordinates: number[] }).coordinates), [[266000.5, 3495000.25], [267500, 3496000.75]]);
    assert.equal(pois.fc.features[1].properties?.name, 'Bus stop, "East"');
    const roads = readShapefileZip(bytes('zip/utm-two-layers.zip'), { layerName: 'roads' });
    assert.deepEqual(roads.fc.features.map((f) => f.geometry?.type), ['LineString', 'MultiLineString']);
    // 300 + 400 = 700 m; 100 + 50 = 150 m.
    assert.deepEqual(roads.fc.features.map((f) => length(f.geometry)), [700, 150]);
    assert.equal(roads.fc.features[0].properties?.名称, '长江路');
  });
  test('output rings follow RFC 7946: outer counter-clockwise, holes clockwise', () => {
    const r = readShapefileFiles(dir('shp/gbk-cpg'));
    const signed = (ring: Position[]): number => ring.slice(0, -1).reduce((s, p, i) => s + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0);
    const [outer, hole] = (r.fc.features[0].geometry as { coordinates: Position[][] }).coordinates;
    assert.ok(signed(outer) > 0 && signed(hole) < 0);
  });
  test('a .shp alone: features without attributes; no .prj and projected → io-crs-missing', async () => {
    const r = await readLayerBytes(bytes('shp/gbk-cpg/parcels.shp'), { fileName: 'parcels.shp', layer: 'parcels' });
    assert.equal(r.fc.features.length, 4);
    assert.deepEqual(codes(r.issues), ['io-shp-dbf-missing', 'io-shp-null-shapes', 'io-crs-missing']);
    const miss = r.issues.at(-1)!;
    assert.equal(miss.severity, 'error');
    assert.deepEqual(miss.actual, [500000, 3500000, 502200, 3500200]);
    assert.match(miss.message, /no \.prj/);
    // With the CRS declared in the config, nothing is missing.
    const ok = await readLayerBytes(bytes('shp/gbk-cpg/parcels.shp'), { fileName: 'parcels.shp', crs: 'EPSG:4549' });
    assert.ok(!codes(ok.issues).includes('io-crs-missing'));
  });
  test('a Xian 1980 .prj is identified; unsupported if the crs module does not bundle it', () => {
    const files = { ...dir('shp/gbk-cpg'), 'parcels.prj': bytes('prj/esri-2385.prj') };
    const r = readShapefileFiles(files);
    assert.equal(r.crs, 'EPSG:2385');
    const i = r.issues.find((x) => x.code === (isKnownCrs('EPSG:2385') ? 'io-prj-crs' : 'crs-unsupported'));
    assert.equal(i?.severity, isKnownCrs('EPSG:2385') ? 'info' : 'error');
    assert.equal(i?.actual, 'EPSG:2385');
    // A code the crs module does not bundle is an error (the .prj names EPSG:999999 by authority).
    const other = readShapefileFiles({ ...files, 'parcels.prj': enc('PROJCS["X",AUTHORITY["EPSG","999999"]]') });
    assert.equal(other.issues.find((x) => x.code === 'crs-unsupported')?.severity, 'error');
  });
  test('a damaged zip is an issue, not an exception', () => {
    const z = bytes('zip/parcels-zone40.zip').slice(0, 100);
    assert.deepEqual(codes(readShapefileZip(z).issues), ['io-zip-unreadable']);
  });
});

describe('Shapefile and GeoJSON of the same data give identical features', () => {
  test('our Shapefile reading = GDAL\'s GeoJSON of the same Shapefile = the source', () => {
    const shp = readShapefileZip(bytes('zip/parcels-gbk-names.zip'));
    const gdal = readGeoJson(bytes('geojson/parcels-4549-from-gbk-shp.geojson'));
    const src = readGeoJson(bytes('src/parcels-4549.geojson'));
    assert.equal(shp.fc.features.length, gdal.fc.features.length);
    assert.equal(shp.fc.features.length, src.fc.features.length);
    assert.equal(gdal.crs, shp.crs);
    shp.fc.features.forEach((f: Feature, i) => {
      // GDAL's GeoJSON: same properties exactly (booleans were written by ogr2ogr as N(1) 0/1).
      assert.deepEqual(f.properties, gdal.fc.features[i].properties);
      // Same rings; GDAL keeps ESRI winding, we write RFC 7946 winding, so compare vertex sets.
      assert.deepEqual(canonical(f.geometry), canonical(gdal.fc.features[i].geometry));
      // The source: same coordinates exactly in order (it was written with RFC 7946 winding).
      assertCoordsClose((f.geometry as { coordinates?: unknown } | null)?.coordinates ?? null, (src.fc.features[i].geometry as { coordinates?: unknown } | null)?.coordinates ?? null);
      const { 已核: a, ...restShp } = f.properties!;
      const { 已核: b, ...restSrc } = src.fc.features[i].properties!;
      // A DBF cannot tell an empty text from no text: the source's "" reads back as null (GDAL too).
      assert.deepEqual(restShp, Object.fromEntries(Object.entries(restSrc).map(([k, v]) => [k, v === '' ? null : v])));
      assert.equal(a, b === null ? null : b ? 1 : 0);
    });
  });
});

describe('ring assembly', () => {
  const sq = (x: number, y: number, s: number, clockwise: boolean): Position[] => {
    const r = [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
    return clockwise ? r.reverse() : r;
  };
  test('holes go to the smallest shell containing them', () => {
    // Shell A 0..100, hole B 10..90, island shell C 20..80, hole D 40..60 (inside C, and A).
    const a = assemblePolygonRings([sq(0, 0, 100, true), sq(10, 10, 80, false), sq(20, 20, 60, true), sq(40, 40, 20, false)]);
    assert.equal(a.polygons.length, 2);
    assert.equal(a.polygons[0].length, 2); // A with B
    assert.equal(a.polygons[1].length, 2); // C with D
    // Areas: 10000 − 6400 = 3600 and 3600 − 400 = 3200.
    assert.deepEqual(a.polygons.map((p) => polygonArea(p)), [3600, 3200]);
  });
  test('files written with the opposite winding are nested by containment', () => {
    const a = assemblePolygonRings([sq(0, 0, 100, false), sq(10, 10, 20, true).reverse()]);
    assert.equal(a.orphanHoles, 2);
    assert.equal(a.polygons.length, 1);
    assert.equal(polygonArea(a.polygons[0]), 10000 - 400);
  });
  test('unclosed rings are closed; degenerate rings dropped', () => {
    const open = sq(0, 0, 10, true).slice(0, -1);
    const a = assemblePolygonRings([open, [[0, 0], [1, 1], [0, 0]]]);
    assert.equal(a.closed, 1);
    assert.equal(a.degenerate, 1);
    assert.equal(polygonArea(a.polygons[0]), 100);
  });
});

describe('readDelimited', () => {
  test('GBK attribute table with 万, 亿, percentages, parentheses and full-width digits', () => {
    const r = readDelimited(bytes('csv/gdp-gbk.csv'), { layer: 'gdp' });
    assert.deepEqual(r.encoding, { name: 'gbk', source: 'detected' });
    assert.equal(r.fc.features.length, 6);
    assert.ok(r.fc.features.every((f) => f.geometry === null));
    const col = (k: string): unknown[] => r.fc.features.map((f) => f.properties?.[k]);
    assert.deepEqual(col('乡镇'), ['旺庄街道', '硕放街道', '梅村街道', '新安街道', '鸿山街道', '江溪街道']);
    assert.deepEqual(col('代码'), ['0101', '0102', '0103', '0104', '0105', '0106']); // leading zeros: text
    // "1,234.5"; 1.2万 = 12000; (120) = −120; 暂无 → null (reported); ３４５; 2.5亿.
    assert.deepEqual(col('GDP(万元)'), [1234.5, 12000, -120, null, 345, 250000000]);
    assert.deepEqual(col('人口'), [45000, 3200, null, 12000, 8, 30000]);
    assert.deepEqual(col('增长率'), [0.125, 0.08, null, -0.035, 0.005, 0.1]);
    assert.deepEqual(col('备注'), ['工业强镇', '含"空港"片区', null, '说明，全角逗号', null, null]);
    const bad = r.issues.filter((i) => i.code === 'io-csv-number-unparsed');
    assert.equal(bad.length, 1);
    assert.deepEqual([bad[0].layer, bad[0].field, bad[0].actual], ['gdp', 'GDP(万元)', '暂无']);
    assert.match(bad[0].message, /Row 5/); // header is line 1, 新安街道 line 5
    assert.ok(codes(r.issues).includes('io-csv-no-coordinates'));
    assert.equal(r.issues.filter((i) => i.code === 'io-csv-number-notations').length, 3);
  });
  test('UTF-8 with BOM, quoted commas, newlines and quotes; 经度/纬度 columns', () => {
    const r = readDelimited(bytes('csv/pois-utf8-bom.csv'));
    assert.equal(r.fc.features.length, 4);
    assert.deepEqual(r.fc.features.map((f) => f.properties?.名称), ['无锡站, 北广场', '多行\n地址', 'He said "hi"', '坏坐标']);
    assert.deepEqual(r.fc.features[0].geometry, { type: 'Point', coordinates: [120.3046875, 31.5859375] });
    assert.equal(r.fc.features[3].geometry, null);
    const bad = r.issues.find((i) => i.code === 'io-csv-number-unparsed')!;
    assert.deepEqual([bad.field, bad.actual], ['经度', 'abc']);
    assert.match(bad.message, /Row 6/); // the quoted newline makes row 2 span lines 3–4
    assert.ok(codes(r.issues).includes('io-csv-coordinate-missing'));
    assert.ok(!Object.keys(r.fc.features[0].properties!).some((k) => k.charCodeAt(0) === 0xfeff));
  });
  test('TSV detected; lat/lon columns in either order', () => {
    const r = readDelimited(bytes('csv/stops.tsv'));
    assert.equal(r.issues.find((i) => i.code === 'io-csv-delimiter-detected')?.actual, '\t');
    assert.deepEqual(r.fc.features.map((f) => (f.geometry as { coordinates: number[] }).coordinates), [[120.25, 31.5], [120.5, 31.625]]);
    assert.equal(r.fc.features[1].properties?.name, 'B, with comma');
  });
  test('Excel "Unicode text": UTF-16 LE with BOM, tab-separated', () => {
    const t = '名称\t经度\t纬度\r\nA\t120.5\t31.25\r\n';
    const b = new Uint8Array(2 + t.length * 2);
    b[0] = 0xff; b[1] = 0xfe;
    for (let i = 0; i < t.length; i++) { b[2 + 2 * i] = t.charCodeAt(i) & 255; b[3 + 2 * i] = t.charCodeAt(i) >> 8; }
    const r = readDelimited(b);
    assert.deepEqual(r.encoding, { name: 'utf-16le', source: 'detected' });
    assert.deepEqual(r.fc.features[0], { type: 'Feature', geometry: { type: 'Point', coordinates: [120.5, 31.25] }, properties: { 名称: 'A', 经度: 120.5, 纬度: 31.25 } });
  });
  test('columns by option, a missing column, ragged rows, unterminated quotes', () => {
    const r = readDelimited('a;b;c\n1;2;3\n4;5\n', { xField: 'b', yField: 'c' });
    assert.deepEqual(r.fc.features[0].geometry, { type: 'Point', coordinates: [2, 3] });
    assert.ok(codes(r.issues).includes('io-csv-row-length'));
    assert.ok(codes(r.issues).includes('io-csv-coordinate-missing'));
    const m = readDelimited('a,b\n1,2\n', { xField: 'lon', yField: 'b' });
    assert.deepEqual(codes(m.issues).filter((c) => c === 'io-csv-field-missing'), ['io-csv-field-missing']);
    const q = readDelimited('a,b\n"x,1\n');
    assert.ok(codes(q.issues).includes('io-csv-unterminated-quote'));
  });
  test('a coordinate cell in 万 or % is not a coordinate', () => {
    const r = readDelimited('lon,lat\n1.2万,31\n');
    assert.equal(r.fc.features[0].geometry, null);
    assert.ok(codes(r.issues).includes('io-csv-number-unparsed'));
  });
  test('projected x/y in a CSV without a CRS ask for one', async () => {
    const r = await readLayerBytes(enc('x,y\n500000,3500000\n'), { fileName: 'pts.csv' });
    assert.ok(codes(r.issues).includes('io-crs-missing'));
    assert.match(r.issues.find((i) => i.code === 'io-crs-missing')!.message, /CSV files carry no CRS/);
  });
});

describe('readLayerBytes dispatch', () => {
  test('format from magic bytes, extension, content', () => {
    assert.equal(detectLayerFormat(bytes('zip/parcels-zone40.zip'), 'x.bin'), 'shapefile');
    assert.equal(detectLayerFormat(new Uint8Array([0x66, 0x67, 0x62, 3, 0x66, 0x67, 0x62, 0])), 'flatgeobuf');
    assert.equal(detectLayerFormat(enc('SQLite format 3\0....')), 'geopackage');
    assert.equal(detectLayerFormat(bytes('shp/utm/pois.shp')), 'shapefile');
    assert.equal(detectLayerFormat(enc('a,b'), 'data/gdp.CSV'), 'csv');
    assert.equal(detectLayerFormat(enc('a,b'), 'https://x.org/a.tsv?v=1'), 'csv');
    assert.equal(detectLayerFormat(enc('\uFEFF  {"type":"FeatureCollection"}'), 'layer'), 'geojson');
    assert.equal(detectLayerFormat(enc('hello'), 'layer'), null);
  });
  test('every built-in format through one call', async () => {
    const zip = await readLayerBytes(bytes('zip/parcels-gbk-names.zip'), { fileName: 'parcels.zip' });
    assert.equal(zip.format, 'shapefile');
    assert.equal(zip.fc.features[0].properties?.名称, '新吴地块一');
    const loose = await readLayerBytes(dir('shp/gbk-ldid'), { layer: 'parcels' });
    assert.equal(loose.crs, 'EPSG:4549');
    const csv = await readLayerBytes(bytes('csv/gdp-gbk.csv').buffer as ArrayBuffer, { fileName: 'gdp.csv' });
    assert.equal(csv.fc.features.length, 6);
    const gj = await readLayerBytes(bytes('src/parcels-4549.geojson'), { fileName: 'p.geojson' });
    assert.equal(gj.crs, 'EPSG:4549');
    assert.deepEqual(codes(gj.issues), []);
  });
  test('unknown and unregistered formats are issues; a registered reader is used', async () => {
    assert.deepEqual(codes((await readLayerBytes(enc('hello'), { fileName: 'x.dat' })).issues), ['io-format-unknown']);
    const fgb = new Uint8Array([0x66, 0x67, 0x62, 3, 0x66, 0x67, 0x62, 0]);
    const before = await readLayerBytes(fgb, { fileName: 'a.fgb', format: 'flatgeobuf' });
    // The FlatGeobuf module may have registered itself in this process; only check the unregistered path then.
    unregisterReader('flatgeobuf');
    assert.deepEqual(codes((await readLayerBytes(fgb, { fileName: 'a.fgb' })).issues), ['io-format-not-handled']);
    registerReader('flatgeobuf', () => ({ fc: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }] }, crs: 'EPSG:4326', issues: [] }));
    const r = await readLayerBytes(fgb, { fileName: 'a.fgb' });
    assert.equal(r.fc.features.length, 1);
    registerReader('flatgeobuf', () => { throw new Error('boom'); });
    assert.deepEqual(codes((await readLayerBytes(fgb, { fileName: 'a.fgb' })).issues), ['io-read-failed']);
    unregisterReader('flatgeobuf');
    void before;
  });
});

describe('every io issue code has a trigger', () => {
  /** A minimal .shp of polygon records (type 5), each a list of rings, written by hand per the ESRI spec. */
  function polygonShp(records: Position[][][], type = 5): Uint8Array {
    const contents = records.map((rings) => {
      const nPts = rings.reduce((s, r) => s + r.length, 0);
      const b = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * nPts));
      b.setInt32(0, type, true);
      b.setInt32(36, rings.length, true);
      b.setInt32(40, nPts, true);
      let k = 0;
      rings.forEach((r, i) => { b.setInt32(44 + 4 * i, k, true); k += r.length; });
      let o = 44 + 4 * rings.length;
      for (const r of rings) for (const p of r) { b.setFloat64(o, p[0], true); b.setFloat64(o + 8, p[1], true); o += 16; }
      return new Uint8Array(b.buffer);
    });
    const total = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
    const out = new Uint8Array(total);
    const dv = new DataView(out.buffer);
    dv.setInt32(0, 9994, false);
    dv.setInt32(24, total / 2, false);
    dv.setInt32(28, 1000, true);
    dv.setInt32(32, type, true);
    let o = 100;
    contents.forEach((c, i) => { dv.setInt32(o, i + 1, false); dv.setInt32(o + 4, c.length / 2, false); out.set(c, o + 8); o += 8 + c.length; });
    return out;
  }
  const sqr = (x: number, y: number, s: number, clockwise: boolean): Position[] => {
    const r = [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
    return clockwise ? r.reverse() : r;
  };
  const seen = new Set<string>();
  const add = (issues: Issue[]): void => { for (const i of issues) seen.add(i.code); };

  test('hand-made .shp records: orphan holes, degenerate and unclosed rings, MultiPatch, truncation', () => {
    const shp = polygonShp([
      [sqr(0, 0, 10, false)], // counter-clockwise only: orphan → outer
      [sqr(0, 0, 10, true), [[0, 0], [1, 1], [0, 0]]], // degenerate second ring
      [sqr(0, 0, 10, true).slice(0, -1)], // unclosed
    ]);
    const r = readShapefileFiles({ 'a.shp': shp });
    assert.deepEqual(r.fc.features.map((f) => area(f.geometry)), [100, 100, 100]);
    add(r.issues);
    for (const c of ['io-shp-orphan-hole', 'io-shp-degenerate-ring', 'io-shp-ring-closed']) assert.ok(seen.has(c), c);
    const patch = shp.slice();
    new DataView(patch.buffer).setInt32(108, 31, true); // record 1 becomes a MultiPatch
    const mp = readShapefileFiles({ 'a.shp': patch });
    assert.equal(mp.fc.features[0].geometry, null);
    add(mp.issues);
    const cut = readShapefileFiles({ 'a.shp': shp.slice(0, shp.length - 20) });
    assert.equal(cut.fc.features.length, 2);
    add(cut.issues);
    add(readShapefileFiles({ 'a.shp': enc('not a shapefile at all, not even close to 100 bytes') }).issues);
    add(readShapefileFiles({ 'a.dbf': bytes('shp/gbk-cpg/parcels.dbf') }).issues);
    assert.ok(seen.has('io-shp-shape-unsupported') && seen.has('io-shp-record-truncated') && seen.has('io-shp-unreadable') && seen.has('io-shp-part-missing'));
  });

  test('.dbf problems: deleted records, odd types, bad numbers, mismatched counts, unreadable', () => {
    const files = dir('shp/gbk-cpg');
    const dbf = files['parcels.dbf'].slice();
    const headerLength = dbf[8] | (dbf[9] << 8);
    const recordLength = dbf[10] | (dbf[11] << 8);
    dbf[headerLength + recordLength] = 0x2a; // record 2 deleted
    dbf[32 + 11] = 'M'.charCodeAt(0); // field 1 (名称) of type M
    // 面积 (N, offset 1 + 80 + 80) of record 1 := "abc".
    dbf.set(enc('abc'.padStart(24)), headerLength + 1 + 160);
    const r = readShapefileFiles({ ...files, 'parcels.dbf': dbf });
    assert.equal(r.fc.features.length, 3); // the deleted record and its shape are skipped
    assert.equal(r.fc.features[0].properties?.面积, null);
    assert.equal(r.fc.features[0].properties?.名称, '新吴地块一'); // M read as text
    add(r.issues);
    add(readShapefileFiles({ ...files, 'parcels.dbf': bytes('shp/utm/pois.dbf') }).issues);
    add(readShapefileFiles({ ...files, 'parcels.dbf': new Uint8Array(10) }).issues);
    for (const c of ['io-dbf-deleted-records', 'io-dbf-field-type', 'io-dbf-bad-value', 'io-shp-count-mismatch', 'io-dbf-unreadable']) assert.ok(seen.has(c), c);
  });

  test('encodings: option agreeing with the file, unknown labels', () => {
    const files = dir('shp/gbk-cpg');
    const same = readShapefileFiles(files, { encoding: '936' });
    assert.deepEqual(same.encoding, { name: 'gbk', source: 'option' });
    add(same.issues);
    const odd = readShapefileFiles({ ...files, 'parcels.cpg': enc('IBM437') });
    assert.deepEqual(odd.encoding, { name: 'gbk', source: 'detected' }); // falls through to detection
    add(odd.issues);
    assert.ok(seen.has('io-encoding-option') && seen.has('io-encoding-unknown-label'));
  });

  test('.prj not identified; zips without a layer or with unsupported members', () => {
    const files = { ...dir('shp/gbk-cpg'), 'parcels.prj': enc('PROJCS["Local",GEOGCS["GCS_Local",DATUM["D_Local",SPHEROID["x",6378000,300]]],PROJECTION["Lambert_Conformal_Conic"],UNIT["Meter",1.0]]') };
    const r = readShapefileFiles(files);
    assert.equal(r.crs, null);
    add(r.issues);
    assert.ok(seen.has('io-prj-unrecognised'));
    // A stored zip with one text member; then its method patched to 12 (bzip2).
    const name = enc('notes.txt');
    const data = enc('hello');
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true); lv.setUint32(18, data.length, true); lv.setUint32(22, data.length, true); lv.setUint16(26, name.length, true);
    local.set(name, 30); local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true); cv.setUint32(20, data.length, true); cv.setUint32(24, data.length, true); cv.setUint16(28, name.length, true); cv.setUint32(42, 0, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true); ev.setUint16(8, 1, true); ev.setUint16(10, 1, true); ev.setUint32(12, central.length, true); ev.setUint32(16, local.length, true);
    const zip = new Uint8Array([...local, ...central, ...end]);
    const noLayer = readShapefileZip(zip);
    assert.deepEqual(codes(noLayer.issues), ['io-zip-no-layer']);
    add(noLayer.issues);
    const bz = zip.slice();
    new DataView(bz.buffer).setUint16(local.length + 10, 12, true);
    add(readShapefileZip(bz).issues);
    assert.ok(seen.has('io-zip-entry-skipped'));
  });

  test('CSV: renamed headers, half coordinates, empty files', () => {
    const r = readDelimited('name,,name,lon\na,b,c,120\n');
    assert.deepEqual(Object.keys(r.fc.features[0].properties!), ['name', 'column_2', 'name_3', 'lon']);
    add(r.issues);
    add(readDelimited('').issues);
    for (const c of ['io-csv-header-renamed', 'io-csv-coordinate-half', 'io-csv-empty']) assert.ok(seen.has(c), c);
  });

  test('all io codes are covered by this file', async () => {
    const { IO_MESSAGES } = await import('../../src/engine/messages/io.js');
    // Codes the tests above this block trigger (asserted there).
    const elsewhere = [
      'io-format-unknown', 'io-format-not-handled', 'io-read-failed', 'io-crs-missing', 'io-prj-crs', 'io-encoding-cpg', 'io-encoding-ldid',
      'io-encoding-detected', 'io-encoding-option-overrides-file', 'io-encoding-invalid-bytes', 'io-json-invalid', 'io-geojson-not-collection',
      'io-geojson-wrapped', 'io-geojson-axis-swapped', 'io-geojson-axis-kept', 'io-zip-unreadable', 'io-zip-name-encoding', 'io-zip-several-layers',
      'io-zip-layer-not-found', 'io-shp-dbf-missing', 'io-shp-null-shapes', 'io-shp-zm-dropped', 'io-csv-delimiter-detected',
      'io-csv-unterminated-quote', 'io-csv-row-length', 'io-csv-field-missing', 'io-csv-coordinate-columns', 'io-csv-no-coordinates',
      'io-csv-number-unparsed', 'io-csv-number-notations', 'io-csv-coordinate-missing',
    ];
    const missing = Object.keys(IO_MESSAGES).filter((c) => !seen.has(c) && !elsewhere.includes(c));
    assert.deepEqual(missing, []);
  });
});
