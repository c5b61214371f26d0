/**
 * Layers from a real QGIS Server (Debian's qgis_mapserver on loopback, started by
 * scripts/qgis-server.mjs over a GeoPackage made from ../shared/data/liechtenstein): WFS 1.1 as
 * GeoJSON and as GML 3, and OGC API Features, give the same features as the files and the same
 * carbon-balance report. Skips when qgis_mapserver / ogr2ogr are not installed, unless
 * CBM_REQUIRE_QGIS=1 (set by .ci/run, which installs them) makes that a failure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CityConfig } from '../../src/engine/config/types.js';
import type { FeatureCollection } from '../../src/engine/types.js';
import type { RunResult } from '../../src/engine/run-types.js';
import { ALL_LAYERS, assertSameFeatures, assertSameReport, runWith, serviceConfig } from '../support/service-compare.js';
import {
  ServiceError,
  getOgcCollections,
  getOgcItems,
  getWfsCapabilities,
  describeWfsFeatureType,
  getWfsFeatures,
} from '../../src/services/index.js';
// @ts-expect-error -- a plain .mjs script without types
import { startQgisServer, qgisServerAvailable, QGIS_LAYERS } from '../../scripts/qgis-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(root, '../shared/data/liechtenstein');
const required = process.env.CBM_REQUIRE_QGIS === '1';
const skip = !existsSync(dataDir)
  ? `shared data absent: ${dataDir}`
  : !required && !qgisServerAvailable()
    ? 'qgis_mapserver / ogr2ogr not installed (apt-get install qgis-server gdal-bin; .ci/run does)'
    : false;

interface Server {
  owsUrl: string;
  ogcUrl: string;
  base: string;
  stop(): Promise<void>;
  output(): string;
}

/** Feature counts of the shared files, from ../shared/data/README.md (not from our readers). */
const FILE_COUNTS: Record<string, number> = { landuse: 143, municipalities: 11, pois: 615, roads: 2751, buildings: 3723 };
const FILES: Record<string, string> = Object.fromEntries((QGIS_LAYERS as Array<{ name: string; file: string }>).map((l) => [l.name, l.file]));

/** The GeoPackage keeps the file's order: the server's `fid` is the file index + 1. */
const FID = { fidColumn: 'fid' };

function readFile(name: string): FeatureCollection {
  return JSON.parse(readFileSync(join(dataDir, FILES[name]), 'utf8')) as FeatureCollection;
}

describe('services against a real QGIS Server', { skip }, () => {
  let server: Server;
  let fileRun: RunResult;
  const configPath = join(root, 'configs/liechtenstein.json');
  const config = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as CityConfig) : (null as unknown as CityConfig);

  before(async () => {
    server = (await startQgisServer({ dataDir })) as Server;
  });
  after(async () => {
    await server?.stop();
  });

  test('WFS capabilities: QGIS Server answers 1.1.0 with GeoJSON and GML 3, five layers in EPSG:4326', async () => {
    const caps = await getWfsCapabilities(server.owsUrl);
    assert.equal(caps.version, '1.1.0');
    assert.deepEqual(caps.featureTypes.map((t) => t.name).sort(), ['buildings', 'landuse', 'municipalities', 'pois', 'roads']);
    assert.ok(caps.outputFormats.includes('application/vnd.geo+json'));
    assert.ok(caps.outputFormats.includes('text/xml; subtype=gml/3.1.1'));
    const landuse = caps.featureTypes.find((t) => t.name === 'landuse')!;
    assert.equal(landuse.defaultCrs, 'EPSG:4326');
    // Liechtenstein lies within 9.47–9.64 °E, 47.04–47.28 °N.
    const [w, s, e, n] = landuse.wgs84BoundingBox!;
    assert.ok(w > 9.4 && e < 9.7 && s > 47 && n < 47.3, String(landuse.wgs84BoundingBox));
    const fields = await describeWfsFeatureType(server.owsUrl, 'landuse');
    const byName = Object.fromEntries(fields.map((f) => [f.name, f.kind]));
    assert.equal(byName.landuse, 'string');
    assert.equal(byName.osm_id, 'string');
    assert.equal(byName.geometry, 'geometry');
  });

  test('the CORS server filter plugin adds Access-Control-Allow-Origin to WFS and OGC API answers', async () => {
    for (const url of [`${server.owsUrl}?SERVICE=WFS&REQUEST=GetCapabilities`, `${server.ogcUrl}/collections?f=json`]) {
      const r = await fetch(url, { headers: { Origin: 'http://portal.example' } });
      await r.arrayBuffer();
      assert.equal(r.headers.get('access-control-allow-origin'), '*', url);
    }
  });

  test('every layer through WFS GeoJSON, WFS GML 3 and OGC API Features equals the file', async () => {
    for (const name of Object.keys(FILE_COUNTS)) {
      const file = readFile(name);
      assert.equal(file.features.length, FILE_COUNTS[name]);
      const json = await getWfsFeatures(server.owsUrl, name, { pageSize: 1000 });
      assert.equal(json.format, 'application/vnd.geo+json');
      // QGIS Server writes GeoJSON with 6 decimals (≤ 0.5e-6° rounding); GML keeps the stored 7.
      assertSameFeatures(file, json.fc, 5.1e-7, `WFS GeoJSON ${name}`, FID);
      const gml = await getWfsFeatures(server.owsUrl, name, { pageSize: 1000, format: 'gml' });
      assert.equal(gml.srsName, 'urn:ogc:def:crs:EPSG::4326');
      assertSameFeatures(file, gml.fc, 1e-12, `WFS GML ${name}`, FID);
      const ogc = await getOgcItems(server.ogcUrl, name, { limit: 1000 });
      assertSameFeatures(file, ogc.fc, 5.1e-7, `OGC API ${name}`, FID);
    }
  });

  test('paging: 3723 buildings in pages of 500 take ⌈3723/500⌉ = 8 requests by STARTINDEX and by next links', async () => {
    const seen: number[] = [];
    const wfs = await getWfsFeatures(server.owsUrl, 'buildings', { pageSize: 500, onProgress: (p) => seen.push(p.features) });
    assert.equal(wfs.pages, 8);
    assert.equal(wfs.fc.features.length, 3723);
    assert.deepEqual(seen, [500, 1000, 1500, 2000, 2500, 3000, 3500, 3723]);
    assert.equal(new Set(wfs.fc.features.map((f) => f.properties?.fid)).size, 3723);
    const ogc = await getOgcItems(server.ogcUrl, 'buildings', { limit: 500 });
    assert.equal(ogc.pages, 8);
    assert.equal(new Set(ogc.fc.features.map((f) => f.properties?.fid)).size, 3723);
  });

  test('bbox: only the features inside a box come back, the same through WFS and OGC API', async () => {
    // Vaduz centre, a box of about 1.5 × 1.1 km.
    const bbox: [number, number, number, number] = [9.51, 47.13, 9.53, 47.14];
    const wfs = await getWfsFeatures(server.owsUrl, 'pois', { bbox });
    const ogc = await getOgcItems(server.ogcUrl, 'pois', { bbox });
    // Independent count: the file's points inside the box.
    const expected = readFile('pois').features.filter((f) => {
      const [x, y] = (f.geometry as { coordinates: number[] }).coordinates;
      return x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3];
    }).length;
    assert.ok(expected > 0);
    assert.equal(wfs.fc.features.length, expected);
    assert.equal(ogc.fc.features.length, expected);
  });

  test('OGC API collections list the five layers with CRS84 and EPSG:4490', async () => {
    const cols = await getOgcCollections(server.ogcUrl);
    assert.deepEqual(cols.map((c) => c.id).sort(), ['buildings', 'landuse', 'municipalities', 'pois', 'roads']);
    assert.ok(cols[0].crs.some((c) => /CRS84$/.test(c)));
    assert.ok(cols[0].crs.some((c) => /\/4490$/.test(c)));
  });

  test('the Liechtenstein run from WFS and OGC API Features reproduces the file-based report', async () => {
    fileRun = (await runWith(config, dirname(configPath))).result;
    // GML carries the stored coordinates: the same report to a micro-tonne.
    const gmlRun = (await runWith(serviceConfig(config, ALL_LAYERS, (n) => ({ type: 'wfs', url: server.owsUrl, typeName: n, format: 'gml' })), root)).result;
    assertSameReport(fileRun, gmlRun, 1e-6, 'WFS GML');
    // QGIS Server 3.22 rounds GeoJSON (WFS and OGC API) to 1e-6° (≈ 0.1 m): every parcel and
    // municipality edge moves by up to 5 cm, so overlap areas shift a little. The city totals stay
    // within a tonne and the zones are the same; a municipality moves by up to 1.14 t (Triesen,
    // 26 631.8 t from the file: 0.004 %), so units are held to 2 t.
    const wfsRun = (await runWith(serviceConfig(config, ALL_LAYERS, (n) => ({ type: 'wfs', url: server.owsUrl, typeName: n })), root)).result;
    assertSameReport(fileRun, wfsRun, 1, 'WFS GeoJSON', 0, 2);
    const ogcRun = (await runWith(serviceConfig(config, ALL_LAYERS, (n) => ({ type: 'ogcapi-features', url: server.ogcUrl, collection: n, pageSize: 500 })), root)).result;
    assertSameReport(fileRun, ogcRun, 1, 'OGC API Features', 0, 2);
  });

  test('errors: unknown layer, exception report, HTTP 404', async () => {
    await assert.rejects(getWfsFeatures(server.owsUrl, 'nope'), (e: ServiceError) => e.code === 'service-bad-response' && /no layer "nope".*landuse/.test(e.message));
    // A GetFeature for a layer the project does not publish: QGIS answers with an exception report.
    const caps = await getWfsCapabilities(server.owsUrl);
    const fake = { ...caps, featureTypes: [...caps.featureTypes, { ...caps.featureTypes[0], name: 'not_published' }] };
    await assert.rejects(getWfsFeatures(server.owsUrl, 'not_published', { capabilities: fake }), (e: ServiceError) => e.code === 'service-exception' && /exception/.test(e.message));
    await assert.rejects(getOgcItems(server.ogcUrl, 'nope'), (e: ServiceError) => e.code === 'service-bad-response' && /no collection "nope"/.test(e.message));
    await assert.rejects(getOgcCollections(`${server.base}/no/such/api`), (e: ServiceError) => e.code === 'service-http' || e.code === 'service-exception');
  });

  test('WMS GetMap and WMTS GetTile in EPSG:3857 and EPSG:4490 answer PNG images', async () => {
    const png = async (url: string): Promise<void> => {
      const r = await fetch(url);
      const b = new Uint8Array(await r.arrayBuffer());
      assert.equal(r.status, 200, `${url}: ${new TextDecoder().decode(b.slice(0, 300))}`);
      assert.deepEqual([...b.slice(1, 4)], [0x50, 0x4e, 0x47], `${url} is not a PNG`);
    };
    await png(`${server.owsUrl}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=landuse&STYLES=&CRS=EPSG:3857&BBOX=1054000,5955000,1071000,5985000&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=true`);
    const caps = await (await fetch(`${server.owsUrl}?SERVICE=WMTS&REQUEST=GetCapabilities`)).text();
    assert.match(caps, /TileMatrixSet/);
    assert.match(caps, /EPSG:4490/);
    // Level 10 of the XYZ-numbered 3857 matrix: Vaduz (9.52 °E, 47.14 °N) is tile x = 539, y = 359.
    await png(`${server.owsUrl}?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cbm-liechtenstein&STYLE=default&TILEMATRIXSET=EPSG:3857&TILEMATRIX=10&TILEROW=359&TILECOL=539&FORMAT=image/png`);
  });
});
