/**
 * FlatGeobuf and GeoPackage readers on fixtures made by GDAL's ogr2ogr from the hand-written
 * `test/fixtures/io-formats/parcels-4549.geojson` (commands in that folder's README). Expected
 * values are the hand-written source's, so the readers are checked against GDAL's writers.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFlatGeobuf, iterateFlatGeobuf, readGeoPackage, listGeoPackageLayers, readWkb, writeWkb } from '../../src/engine/io/formats/index.js';
import type { Feature } from '../../src/engine/types.js';

const dir = fileURLToPath(new URL('../fixtures/io-formats/', import.meta.url));
const source = JSON.parse(readFileSync(dir + 'parcels-4549.geojson', 'utf8')) as { features: Feature[] };

/** Compare a read feature set with the hand-written source, matched by `pid`. */
function assertSameAsSource(features: Feature[]): void {
  assert.equal(features.length, 3);
  const byPid = new Map(features.map((f) => [f.properties?.pid, f]));
  for (const want of source.features) {
    const got = byPid.get(want.properties!.pid);
    assert.ok(got, `pid ${String(want.properties!.pid)} read`);
    assert.deepEqual(got.properties, want.properties);
    assert.deepEqual(got.geometry, want.geometry);
  }
}

describe('readFlatGeobuf', () => {
  test('reads the ogr2ogr fixture: Chinese text, hole, MultiPolygon, null, EPSG:4549 from the header', async () => {
    const bytes = new Uint8Array(readFileSync(dir + 'parcels-4549.fgb'));
    const r = await readFlatGeobuf(bytes, { layer: 'parcels' });
    assert.equal(r.crs, 'EPSG:4549');
    assert.deepEqual(r.issues, []);
    assert.equal(r.header?.featuresCount, 3);
    assert.deepEqual(r.header?.columns.map((c) => c.name), ['pid', 'name', 'code', 'area_m2', 'pop']);
    // FlatGeobuf omits null values; the source's `pop: null` is absent, so compare with it removed.
    const features = r.fc.features.map((f) => ({ ...f, properties: { pop: null, ...f.properties } }));
    assertSameAsSource(features);
  });

  test('streams from chunks as small as 7 bytes and gives the same features', async () => {
    const bytes = new Uint8Array(readFileSync(dir + 'parcels-4549.fgb'));
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.slice(i, i + 7);
    }
    const whole = await readFlatGeobuf(bytes);
    const streamed = await readFlatGeobuf(chunks());
    assert.equal(streamed.crs, 'EPSG:4549');
    assert.deepEqual(streamed.fc, whole.fc);
    let n = 0;
    for await (const f of iterateFlatGeobuf(chunks())) if (f.geometry) n++;
    assert.equal(n, 3);
  });

  test('bytes that are not FlatGeobuf become an io-fgb-unreadable issue, not a throw', async () => {
    const r = await readFlatGeobuf(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), { layer: 'x' });
    assert.equal(r.fc.features.length, 0);
    assert.deepEqual(r.issues.map((i) => [i.code, i.severity, i.layer]), [['io-fgb-unreadable', 'error', 'x']]);
  });
});

describe('readGeoPackage', () => {
  const bytes = new Uint8Array(readFileSync(dir + 'parcels-4549.gpkg'));

  test('lists both feature tables with their CRS', async () => {
    const { layers, issues } = await listGeoPackageLayers(bytes);
    assert.deepEqual(issues, []);
    assert.deepEqual(layers.map((l) => [l.name, l.geometryColumn, l.srsId, l.crs]), [
      ['parcels', 'geom', 4549, 'EPSG:4549'],
      ['parcels_z', 'geom', 4549, 'EPSG:4549'],
    ]);
  });

  test('reads the first table by default and says there are several', async () => {
    const r = await readGeoPackage(bytes, { layer: 'parcels' });
    assert.equal(r.layerName, 'parcels');
    assert.equal(r.crs, 'EPSG:4549');
    assert.deepEqual(r.issues.map((i) => [i.code, i.severity]), [['io-gpkg-several-layers', 'info']]);
    assertSameAsSource(r.fc.features);
    // GDAL numbers fids from 1 in source order.
    assert.deepEqual(r.fc.features.map((f) => f.id), [1, 2, 3]);
  });

  test('layerName picks the XYZ table (envelope flag 2): Z dropped and reported', async () => {
    const r = await readGeoPackage(bytes, { layerName: 'parcels_z' });
    assert.equal(r.layerName, 'parcels_z');
    assertSameAsSource(r.fc.features);
    assert.deepEqual(r.issues.map((i) => [i.code, i.message.includes('3 features')]), [['io-binary-zm-dropped', true]]);
  });

  test('an unknown layerName is an error issue listing the tables', async () => {
    const r = await readGeoPackage(bytes, { layerName: 'nope' });
    assert.equal(r.fc.features.length, 0);
    assert.equal(r.issues[0].code, 'io-gpkg-layer-not-found');
    assert.deepEqual(r.issues[0].expected, ['parcels', 'parcels_z']);
  });

  test('bytes that are no SQLite database become io-gpkg-unreadable', async () => {
    const r = await readGeoPackage(new Uint8Array(2048).fill(7));
    assert.deepEqual(r.issues.map((i) => i.code), ['io-gpkg-unreadable']);
  });
});

describe('WKB', () => {
  test('reads big-endian, ISO Z, EWKB and empty geometries', () => {
    // Big-endian POINT(1 2): 00 00000001 3FF0000000000000 4000000000000000
    const be = Uint8Array.from([0, 0, 0, 0, 1, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(readWkb(be).geometry, { type: 'Point', coordinates: [1, 2] });
    // ISO POINT Z (1 2 3), little-endian: type 1001 = 0x3E9.
    const z = new Uint8Array(29);
    const dv = new DataView(z.buffer);
    z[0] = 1;
    dv.setUint32(1, 1001, true);
    dv.setFloat64(5, 1, true);
    dv.setFloat64(13, 2, true);
    dv.setFloat64(21, 3, true);
    const rz = readWkb(z);
    assert.deepEqual(rz.geometry, { type: 'Point', coordinates: [1, 2] });
    assert.equal(rz.droppedZM, true);
    // EWKB Z flag 0x80000000 on the same point.
    dv.setUint32(1, 0x80000001, true);
    assert.deepEqual(readWkb(z).geometry, { type: 'Point', coordinates: [1, 2] });
    // POINT EMPTY is NaN NaN.
    const e = writeWkb({ type: 'Point', coordinates: [NaN, NaN] });
    assert.deepEqual([readWkb(e).geometry, readWkb(e).empty], [null, true]);
    // CircularString (type 8) is reported, not thrown.
    const c = Uint8Array.from([1, 8, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(readWkb(c).unsupported, 'CircularString');
    assert.match(readWkb(Uint8Array.from([1, 3, 0, 0, 0, 5])).error ?? '', /truncated/);
  });
});

describe('data problems become counted issues', () => {
  test('FlatGeobuf without a CRS in its header: io-fgb-crs-missing, crs null', async () => {
    // Written by the flatgeobuf package itself (crsCode 0 = none).
    const { geojson } = await import('flatgeobuf');
    const bytes = geojson.serialize({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { a: 1 } }] } as never, 0);
    const r = await readFlatGeobuf(bytes, { layer: 'pts' });
    assert.equal(r.crs, null);
    assert.deepEqual(r.issues.map((i) => [i.code, i.layer]), [['io-fgb-crs-missing', 'pts']]);
    assert.deepEqual(r.fc.features[0].geometry, { type: 'Point', coordinates: [1, 2] });
  });

  test('GeoPackage with null, curved and broken geometries, a BLOB column and an undefined SRS', async () => {
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const db = new SQL.Database(new Uint8Array(readFileSync(dir + 'parcels-4549.gpkg')));
    db.run('ALTER TABLE parcels ADD COLUMN raw BLOB');
    db.run("UPDATE parcels SET raw = x'00ff10' WHERE fid = 1");
    db.run('UPDATE parcels SET geom = NULL WHERE fid = 1');
    // GP header (LE, no envelope, srs 4549) + WKB CircularString (type 8) with no points.
    db.run("UPDATE parcels SET geom = x'47500001C5110000010800000000000000' WHERE fid = 2");
    db.run("UPDATE parcels SET geom = x'0102030405' WHERE fid = 3");
    db.run("UPDATE gpkg_geometry_columns SET srs_id = 0 WHERE table_name = 'parcels'");
    const bytes = db.export();
    db.close();
    const r = await readGeoPackage(bytes, { layerName: 'parcels', layer: 'parcels' });
    assert.equal(r.crs, null);
    assert.deepEqual(r.fc.features.map((f) => f.geometry), [null, null, null]);
    assert.deepEqual(r.fc.features.map((f) => f.properties?.raw), ['AP8Q', null, null]); // Base64 of 00 ff 10
    assert.deepEqual(r.issues.map((i) => [i.code, i.severity]), [
      ['io-gpkg-crs-undefined', 'warning'],
      ['io-binary-geometry-empty', 'warning'],
      ['io-binary-geometry-unsupported', 'warning'],
      ['io-binary-geometry-unreadable', 'warning'],
      ['io-binary-blob-base64', 'info'],
    ]);
    assert.deepEqual(r.issues[1].actual, [1]);
    assert.equal(r.issues[2].actual, 'CircularString');
  });

  test('GeoPackage whose SRS is another organisation: io-gpkg-crs-not-epsg; no feature tables: error', async () => {
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const db = new SQL.Database(new Uint8Array(readFileSync(dir + 'parcels-4549.gpkg')));
    db.run("INSERT INTO gpkg_spatial_ref_sys VALUES ('local', 99001, 'CITY', 7, 'LOCAL_CS[\"city grid\"]', NULL)");
    db.run("UPDATE gpkg_geometry_columns SET srs_id = 99001 WHERE table_name = 'parcels'");
    const r = await readGeoPackage(db.export(), { layerName: 'parcels' });
    assert.equal(r.crs, null);
    assert.deepEqual(r.issues.map((i) => i.code), ['io-gpkg-crs-not-epsg']);
    db.run("DELETE FROM gpkg_contents WHERE data_type = 'features'");
    const none = await readGeoPackage(db.export());
    assert.deepEqual(none.issues.map((i) => [i.code, i.severity]), [['io-gpkg-no-feature-tables', 'error']]);
    db.close();
  });
});
