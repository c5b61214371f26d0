/**
 * Layers from a real MapServer 8 (Debian's CGI mapserv behind scripts/mapserver.mjs, over a
 * GeoPackage made from ../shared/data/liechtenstein): WFS 2.0 with COUNT/STARTINDEX paging, as
 * GeoJSON and as GML 3.2 in urn:ogc:def:crs:EPSG::4326 (lat/lon on the wire), and OGC API
 * Features give the same features as the files and the same carbon-balance report. Skips when
 * mapserv / ogr2ogr are not installed, unless CBM_REQUIRE_MAPSERVER=1 (set by .ci/run, which
 * installs them) makes that a failure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanIntersects, bboxPolygon } from '@turf/turf';
import { readLayerBytes } from '../../src/engine/io/readers/index.js';
import { readGeoPackage } from '../../src/engine/io/formats/index.js';
import type { CityConfig } from '../../src/engine/config/types.js';
import type { Feature, FeatureCollection } from '../../src/engine/types.js';
import { assertSameFeatures, assertSameReport, maxCoordDiff, runWith, serviceConfig } from '../support/service-compare.js';
import {
  ServiceError,
  describeWfsFeatureType,
  getOgcCollections,
  getOgcItems,
  getWfsCapabilities,
  getWfsFeatures,
  loadServiceLayer,
} from '../../src/services/index.js';
// @ts-expect-error -- a plain .mjs script without types
import { startMapServer, mapserverAvailable, mapserverVersion, MAPSERVER_LAYERS, FID_COLUMN } from '../../scripts/mapserver.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(root, '../shared/data/liechtenstein');
const required = process.env.CBM_REQUIRE_MAPSERVER === '1';
const skip = !existsSync(dataDir)
  ? `shared data absent: ${dataDir}`
  : !required && !mapserverAvailable()
    ? 'mapserv / ogr2ogr not installed (apt-get install cgi-mapserver mapserver-bin gdal-bin; .ci/run does)'
    : false;

interface Server {
  wfsUrl: string;
  ogcUrl: string;
  base: string;
  dir: string;
  requests(): number;
  output(): string;
  stop(): Promise<void>;
}

/** The server's CountDefault (`wfs_maxfeatures`): requests for more get this many. */
const COUNT_DEFAULT = 100;
/** Feature counts of the shared files, from ../shared/data/README.md (not from our readers). */
const FILE_COUNTS: Record<string, number> = { landuse: 143, municipalities: 11 };
const FILES: Record<string, string> = Object.fromEntries((MAPSERVER_LAYERS as Array<{ name: string; file: string }>).map((l) => [l.name, l.file]));
const FIELDS: Record<string, string[]> = {
  landuse: ['osm_id', 'osm_way_id', 'name', 'landuse', 'other_tags'],
  municipalities: ['osm_id', 'name', 'admin_level', 'other_tags'],
};

async function readFile(name: string): Promise<FeatureCollection> {
  const r = await readLayerBytes(new Uint8Array(readFileSync(join(dataDir, FILES[name]))), { fileName: FILES[name] });
  return r.fc;
}

/** Polygon or MultiPolygon → a list of polygons (MapServer writes a one-part MultiPolygon as a Polygon). */
function polygons(g: Feature['geometry']): unknown[] {
  const x = g as { type: string; coordinates: unknown[] };
  if (x.type === 'Polygon') return [x.coordinates];
  if (x.type === 'MultiPolygon') return x.coordinates;
  throw new Error(`not a polygon: ${x.type}`);
}

/**
 * Feature i + 1 (the GeoPackage fid, served as `cbm_fid`) is file feature i (the server sends the
 * file's absent keys as ""); MapServer writes a one-part MultiPolygon as a Polygon, so polygons
 * are compared as lists of polygons.
 */
const FID = { fidColumn: FID_COLUMN as string, shape: polygons };
/** The units and parcels are read from the server; the other layers from their files. */
const LAYERS = { parcels: 'landuse', units: 'municipalities' };

/** A `fetch` that records the URLs it is asked for (the real fetch does the work). */
function recordingFetch(): { fetch: typeof fetch; urls: URL[] } {
  const urls: URL[] = [];
  const f = ((input: string | URL | Request, init?: RequestInit) => {
    urls.push(new URL(String(input instanceof Request ? input.url : input)));
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: f, urls };
}

describe('services against a real MapServer 8 (WFS 2.0, OGC API Features)', { skip }, () => {
  let server: Server;
  const files: Record<string, FeatureCollection> = {};
  const configPath = join(root, 'configs/liechtenstein.json');
  const config = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as CityConfig) : (null as unknown as CityConfig);

  before(async () => {
    server = (await startMapServer({ dataDir, countDefault: COUNT_DEFAULT })) as Server;
    for (const name of Object.keys(FILE_COUNTS)) files[name] = await readFile(name);
  });
  after(async () => {
    await server?.stop();
  });

  test('mapserv -v: MapServer 8 with WFS_SERVER and OGCAPI_SERVER', () => {
    const v = mapserverVersion() as string;
    assert.match(v, /^MapServer version 8\.\d+\.\d+/);
    assert.match(v, /SUPPORTS=WFS_SERVER/);
    assert.match(v, /SUPPORTS=OGCAPI_SERVER/);
    assert.match(v, /INPUT=OGR/);
  });

  test('WFS capabilities: MapServer answers 2.0.0 with paging, CountDefault, GeoJSON and GML 3.2; fields from DescribeFeatureType', async () => {
    const caps = await getWfsCapabilities(server.wfsUrl);
    assert.equal(caps.version, '2.0.0');
    assert.equal(caps.paging, true);
    assert.equal(caps.countDefault, COUNT_DEFAULT);
    assert.ok(caps.outputFormats.includes('application/geo+json'), caps.outputFormats.join(', '));
    assert.ok(caps.outputFormats.includes('application/gml+xml; version=3.2'), caps.outputFormats.join(', '));
    assert.deepEqual(caps.featureTypes.map((t) => t.name).sort(), ['ms:landuse', 'ms:municipalities']);
    for (const name of Object.keys(FILE_COUNTS)) {
      const ft = caps.featureTypes.find((t) => t.name === `ms:${name}`)!;
      assert.equal(ft.defaultCrs, 'urn:ogc:def:crs:EPSG::4326');
      // The extent MapServer states (6 decimals) is the file's own extent.
      let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const f of files[name].features) {
        for (const poly of polygons(f.geometry) as number[][][][]) {
          for (const [x, y] of poly[0]) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
        }
      }
      assert.ok(maxCoordDiff(ft.wgs84BoundingBox, [w, s, e, n]) <= 5.1e-7, `${name}: ${ft.wgs84BoundingBox} vs ${[w, s, e, n]}`);
      const fields = await describeWfsFeatureType(server.wfsUrl, ft.name, { version: '2.0.0' });
      const kinds = Object.fromEntries(fields.map((f) => [f.name, f.kind]));
      assert.deepEqual(kinds, { msGeometry: 'geometry', ...Object.fromEntries(FIELDS[name].map((k) => [k, 'string'])), [FID_COLUMN]: 'integer' });
    }
  });

  test('GetFeature as GeoJSON, paged by COUNT/STARTINDEX: the features and values of the file, coordinates exact', async () => {
    for (const [name, pageSize, starts] of [
      ['landuse', 40, ['0', '40', '80', '120']],
      ['municipalities', 4, ['0', '4', '8']],
    ] as const) {
      const { fetch: f, urls } = recordingFetch();
      const seen: number[] = [];
      const r = await getWfsFeatures(server.wfsUrl, name, { pageSize, fetch: f, onProgress: (p) => seen.push(p.features) });
      assert.equal(r.version, '2.0.0');
      assert.equal(r.format, 'application/geo+json');
      assert.equal(r.srsName, 'EPSG:4326');
      assert.deepEqual(r.notes, []);
      assert.equal(r.fc.features.length, FILE_COUNTS[name]);
      assert.equal(r.pages, Math.ceil(FILE_COUNTS[name] / pageSize));
      assert.deepEqual(seen, starts.map((s) => Math.min(Number(s) + pageSize, FILE_COUNTS[name])));
      const gets = urls.filter((u) => u.searchParams.get('REQUEST') === 'GetFeature');
      assert.deepEqual(gets.map((u) => [u.searchParams.get('VERSION'), u.searchParams.get('TYPENAMES'), u.searchParams.get('COUNT'), u.searchParams.get('STARTINDEX')]), starts.map((s) => ['2.0.0', `ms:${name}`, String(pageSize), s]));
      // OGR's GeoJSON writer keeps every digit the GeoPackage holds.
      assertSameFeatures(files[name], r.fc, 0, `WFS 2.0 GeoJSON ${name}`, FID);
    }
  });

  test('GetFeature as GML 3.2 in urn:ogc:def:crs:EPSG::4326: lat/lon on the wire, lon/lat read, values typed from DescribeFeatureType', async () => {
    // The wire: the first position of the first feature is latitude first.
    const raw = await (await fetch(`${server.wfsUrl}?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=ms:landuse&COUNT=1&OUTPUTFORMAT=${encodeURIComponent('application/gml+xml; version=3.2')}&SRSNAME=urn:ogc:def:crs:EPSG::4326`)).text();
    const first = /<gml:posList[^>]*>\s*([-\d.]+)\s+([-\d.]+)/.exec(raw);
    assert.ok(first, raw.slice(0, 500));
    const [lonFile, latFile] = (polygons(files.landuse.features[0].geometry) as number[][][][])[0][0][0];
    assert.deepEqual([Number(first![1]), Number(first![2])], [latFile, lonFile]);
    assert.match(raw, /<wfs:FeatureCollection[^>]*xmlns:gml="http:\/\/www\.opengis\.net\/gml\/3\.2"/);
    for (const [name, pageSize] of [
      ['landuse', 50],
      ['municipalities', 5],
    ] as const) {
      const r = await getWfsFeatures(server.wfsUrl, name, { pageSize, format: 'gml' });
      assert.equal(r.format, 'application/gml+xml; version=3.2');
      assert.equal(r.srsName, 'urn:ogc:def:crs:EPSG::4326');
      assert.equal(r.pages, Math.ceil(FILE_COUNTS[name] / pageSize));
      assert.equal(typeof r.fc.features[0].properties?.[FID_COLUMN], 'number');
      assert.equal(r.fc.features[0].id, `${name}.1`);
      // wfs_geometry_precision 9: the file's 7 decimals come back unchanged.
      assertSameFeatures(files[name], r.fc, 1e-9, `WFS 2.0 GML 3.2 ${name}`, FID);
    }
  });

  test('a page size above CountDefault gets pages of CountDefault: 143 parcels in 2 requests, none lost', async () => {
    const { fetch: f, urls } = recordingFetch();
    const r = await getWfsFeatures(server.wfsUrl, 'landuse', { pageSize: 1000, fetch: f });
    assert.equal(r.fc.features.length, 143);
    assert.equal(r.pages, 2);
    assert.deepEqual(urls.filter((u) => u.searchParams.get('REQUEST') === 'GetFeature').map((u) => u.searchParams.get('COUNT')), ['100', '100']);
    // What MapServer does with COUNT=1000: it sends 100.
    const capped = await (await fetch(`${server.wfsUrl}?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=ms:landuse&COUNT=1000&OUTPUTFORMAT=application/geo%2Bjson`)).json() as FeatureCollection;
    assert.equal(capped.features.length, COUNT_DEFAULT);
  });

  test('the files and the GeoPackage the server reads hold the same features (the engine\'s readers)', async () => {
    const bytes = new Uint8Array(readFileSync(join(server.dir, 'data.gpkg')));
    for (const name of Object.keys(FILE_COUNTS)) {
      assert.equal(files[name].features.length, FILE_COUNTS[name]);
      const gpkg = await readGeoPackage(bytes, { layerName: name });
      assert.equal(gpkg.fc.features.length, FILE_COUNTS[name]);
      files[name].features.forEach((f, i) => {
        const g = gpkg.fc.features[i];
        assert.equal(g.properties?.[FID_COLUMN], i + 1);
        for (const [k, v] of Object.entries(f.properties ?? {})) assert.equal(g.properties?.[k], v, `${name} ${i + 1} ${k}`);
        assert.equal(maxCoordDiff(polygons(f.geometry), polygons(g.geometry)), 0);
      });
    }
  });

  test('bbox: the parcels meeting a box around Vaduz, the same by WFS GeoJSON, WFS GML and OGC API', async () => {
    const bbox: [number, number, number, number] = [9.51, 47.13, 9.53, 47.14];
    const box = bboxPolygon(bbox);
    const expected = files.landuse.features.flatMap((f, i) => (booleanIntersects(f as never, box) ? [i + 1] : [])).sort((a, b) => a - b);
    assert.ok(expected.length > 0);
    const fids = (fc: FeatureCollection) => fc.features.map((f) => Number(f.properties?.[FID_COLUMN])).sort((a, b) => a - b);
    assert.deepEqual(fids((await getWfsFeatures(server.wfsUrl, 'landuse', { bbox })).fc), expected);
    assert.deepEqual(fids((await getWfsFeatures(server.wfsUrl, 'landuse', { bbox, format: 'gml' })).fc), expected);
    assert.deepEqual(fids((await getOgcItems(server.ogcUrl, 'landuse', { bbox })).fc), expected);
  });

  test('OGC API Features: collections; items equal to the file, or refused where MapServer 8.0 garbles multi-part polygons; ignored offset worked around', async () => {
    const cols = await getOgcCollections(server.ogcUrl);
    assert.deepEqual(cols.map((c) => c.id).sort(), ['landuse', 'municipalities']);
    assert.match(cols[0].itemsUrl, /\/mapserv\/cbm\/ogcapi\/collections\/\w+\/items\?f=json$/);
    // The server's own paging: MapServer 8.0.0 answers offset=40 with items 1…40 again (its issue #6613).
    const page2 = await (await fetch(`${server.ogcUrl}/collections/landuse/items?f=json&limit=40&offset=40`)).json() as FeatureCollection;
    const offsetWorks = page2.features[0].id === '41';
    // Gamprin (municipality 3) is two polygons; MapServer 8.0–8.4 writes it as two copies of one
    // polygon holding both outer rings (its issue #7177).
    const gamprin = await (await fetch(`${server.ogcUrl}/collections/municipalities/items/3?f=json`)).json() as { properties: { name: string }; geometry: { coordinates: unknown } };
    assert.equal(gamprin.properties.name, 'Gamprin');
    const fileGamprin = (files.municipalities.features[2].geometry as { coordinates: number[][][][] }).coordinates;
    assert.deepEqual(fileGamprin.map((p) => p.length), [1, 1]);
    const garbled = JSON.stringify(gamprin.geometry.coordinates) === JSON.stringify([[fileGamprin[0][0], fileGamprin[1][0]], [fileGamprin[0][0], fileGamprin[1][0]]]);
    if (!garbled) assert.deepEqual(gamprin.geometry.coordinates, fileGamprin);
    for (const name of Object.keys(FILE_COUNTS)) {
      const { fetch: f, urls } = recordingFetch();
      const read = getOgcItems(server.ogcUrl, name, { limit: 4, fetch: f });
      if (name === 'municipalities' && garbled) {
        await assert.rejects(read, (e: ServiceError) => e.code === 'service-bad-response' && /municipalities: feature 3 is a MultiPolygon of 2 identical parts.*WFS instead/.test(e.message));
        continue;
      }
      const r = await read;
      assertSameFeatures(files[name], r.fc, 0, `OGC API ${name}`, FID);
      if (!offsetWorks) {
        assert.match(r.notes.join(' '), new RegExp(`ignored offset.*${FILE_COUNTS[name]} items`));
        const items = urls.filter((u) => u.pathname.endsWith('/items')).map((u) => u.searchParams.get('limit'));
        assert.deepEqual(items, ['4', '4', String(FILE_COUNTS[name])]);
      } else {
        assert.deepEqual(r.notes, []);
        assert.equal(r.pages, Math.ceil(FILE_COUNTS[name] / 4));
      }
    }
  });

  test('CORS: Access-Control-Allow-Origin on WFS and OGC API answers, and a preflight is answered', async () => {
    for (const url of [`${server.wfsUrl}?SERVICE=WFS&REQUEST=GetCapabilities`, `${server.ogcUrl}/collections?f=json`]) {
      const r = await fetch(url, { headers: { Origin: 'http://portal.example' } });
      await r.arrayBuffer();
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('access-control-allow-origin'), '*', url);
    }
    const pre = await fetch(server.wfsUrl, { method: 'OPTIONS', headers: { Origin: 'http://portal.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-headers'), 'authorization');
  });

  test('errors: unknown layer, a MapServer exception report, an unknown collection', async () => {
    await assert.rejects(getWfsFeatures(server.wfsUrl, 'nope'), (e: ServiceError) => e.code === 'service-bad-response' && /no layer "nope".*ms:landuse/.test(e.message));
    const caps = await getWfsCapabilities(server.wfsUrl);
    const fake = { ...caps, featureTypes: [...caps.featureTypes, { ...caps.featureTypes[0], name: 'ms:not_published' }] };
    await assert.rejects(getWfsFeatures(server.wfsUrl, 'ms:not_published', { capabilities: fake }), (e: ServiceError) => e.code === 'service-exception' && /not_published/.test(e.message));
    await assert.rejects(getOgcItems(server.ogcUrl, 'nope'), (e: ServiceError) => e.code === 'service-bad-response' && /no collection "nope"/.test(e.message));
    // loadServiceLayer (what the loaders call) says what it used.
    const r = await loadServiceLayer({ type: 'wfs', url: server.wfsUrl, typeName: 'municipalities', format: 'gml' });
    assert.equal(r.via, 'WFS 2.0.0 application/gml+xml; version=3.2');
  });

  test('the Liechtenstein run with parcels and units from WFS 2.0 (GeoJSON, GML 3.2) and parcels from OGC API reproduces the file-based report', async (t) => {
    const { result: fileRun } = await runWith(config, dirname(configPath));
    const worst: Record<string, number> = {};
    const gj = await runWith(serviceConfig(config, LAYERS, (n) => ({ type: 'wfs', url: server.wfsUrl, typeName: n })), dirname(configPath));
    assert.deepEqual(gj.notes, []);
    worst.geojson = assertSameReport(fileRun, gj.result, 1e-6, 'WFS 2.0 GeoJSON');
    const gml = await runWith(serviceConfig(config, LAYERS, (n) => ({ type: 'wfs', url: server.wfsUrl, typeName: n, format: 'gml', pageSize: 30 })), dirname(configPath));
    worst.gml = assertSameReport(fileRun, gml.result, 1e-6, 'WFS 2.0 GML 3.2');
    // Parcels (single polygons) by OGC API Features, units by WFS 2.0 (MapServer 8.0's OGC API garbles multi-part polygons).
    const ogc = await runWith(
      serviceConfig(config, LAYERS, (n) => (n === 'landuse' ? { type: 'ogcapi-features', url: server.ogcUrl, collection: n, pageSize: 50 } : { type: 'wfs', url: server.wfsUrl, typeName: n })),
      dirname(configPath),
    );
    worst.ogc = assertSameReport(fileRun, ogc.result, 1e-6, 'OGC API Features');
    // The report is not trivially equal: it has zones and tonnes to compare.
    assert.equal(fileRun.report.units.length, 11);
    assert.ok(fileRun.report.totals.grossT > 100_000, String(fileRun.report.totals.grossT));
    t.diagnostic(`gross ${fileRun.report.totals.grossT.toFixed(1)} t, net ${fileRun.report.totals.netT.toFixed(1)} t; largest difference from the files (t): ${JSON.stringify(worst)}`);
  });
});
