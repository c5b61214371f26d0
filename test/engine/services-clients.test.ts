/**
 * The service clients without a server: recorded answer snippets (GeoServer-style WFS 2.0,
 * GML 2/3 axis orders, exception reports) through a fake `fetch`, and the failure paths
 * (HTTP status, timeout, cancel, CORS block, unreachable) through tiny local servers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ServiceError,
  getWfsCapabilities,
  getWfsFeatures,
  getOgcItems,
  parseGmlFeatureCollection,
  parseWfsCapabilities,
  readExceptionReport,
  redactUrl,
  isLatFirst,
  isStackedMultiPolygon,
  loadServiceLayer,
} from '../../src/services/index.js';

const WFS20_CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<wfs:WFS_Capabilities version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:fes="http://www.opengis.net/fes/2.0">
<ows:ServiceIdentification><ows:Title>City GeoServer</ows:Title></ows:ServiceIdentification>
<ows:OperationsMetadata>
 <ows:Operation name="GetFeature"><ows:Parameter name="outputFormat"><ows:AllowedValues>
  <ows:Value>application/gml+xml; version=3.2</ows:Value><ows:Value>application/json</ows:Value>
 </ows:AllowedValues></ows:Parameter></ows:Operation>
 <ows:Constraint name="ImplementsResultPaging"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></ows:Constraint>
 <ows:Constraint name="CountDefault"><ows:NoValues/><ows:DefaultValue>2</ows:DefaultValue></ows:Constraint>
</ows:OperationsMetadata>
<wfs:FeatureTypeList><wfs:FeatureType xmlns:city="http://city">
 <wfs:Name>city:parcels</wfs:Name><wfs:Title>Parcels &amp; plots</wfs:Title>
 <wfs:DefaultCRS>urn:ogc:def:crs:EPSG::4549</wfs:DefaultCRS><wfs:OtherCRS>urn:ogc:def:crs:EPSG::4326</wfs:OtherCRS>
 <ows:WGS84BoundingBox><ows:LowerCorner>120.1 31.4</ows:LowerCorner><ows:UpperCorner>120.5 31.7</ows:UpperCorner></ows:WGS84BoundingBox>
</wfs:FeatureType></wfs:FeatureTypeList>
</wfs:WFS_Capabilities>`;

/** A fake fetch answering from a function of the URL; records URLs and headers. */
function fakeFetch(answer: (u: URL) => { body: string; status?: number; type?: string }) {
  const calls: Array<{ url: URL; headers: Record<string, string> }> = [];
  const f = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const a = answer(url);
    return new Response(a.body, { status: a.status ?? 200, headers: { 'content-type': a.type ?? 'text/xml' } });
  }) as typeof fetch;
  return { f, calls };
}

describe('WFS 2.0 (GeoServer-style answers)', () => {
  test('capabilities: version, paging, CountDefault, CRSs, lon/lat extent', () => {
    const caps = parseWfsCapabilities(WFS20_CAPS);
    assert.equal(caps.version, '2.0.0');
    assert.equal(caps.paging, true);
    assert.equal(caps.countDefault, 2);
    assert.deepEqual(caps.outputFormats, ['application/gml+xml; version=3.2', 'application/json']);
    const ft = caps.featureTypes[0];
    assert.equal(ft.name, 'city:parcels');
    assert.equal(ft.title, 'Parcels & plots');
    assert.equal(ft.defaultCrs, 'urn:ogc:def:crs:EPSG::4549');
    assert.deepEqual(ft.otherCrs, ['urn:ogc:def:crs:EPSG::4326']);
    assert.deepEqual(ft.wgs84BoundingBox, [120.1, 31.4, 120.5, 31.7]);
  });

  test('GetFeature pages with TYPENAMES/COUNT/STARTINDEX, sends the caller\'s headers, swaps lat/lon GeoJSON back', async () => {
    // Five features; this server (like GeoServer with a URN srsName) writes GeoJSON lat/lon.
    const all = [0, 1, 2, 3, 4].map((i) => ({ type: 'Feature', id: `parcels.${i}`, properties: { n: i }, geometry: { type: 'Point', coordinates: [31.5, [120.2, 120.21, 120.22, 120.23, 120.24][i]] } }));
    const { f, calls } = fakeFetch((u) => {
      if (u.searchParams.get('REQUEST') === 'GetCapabilities') return { body: WFS20_CAPS };
      const start = Number(u.searchParams.get('STARTINDEX'));
      const count = Number(u.searchParams.get('COUNT'));
      return { body: JSON.stringify({ type: 'FeatureCollection', numberMatched: 5, features: all.slice(start, start + count) }), type: 'application/json' };
    });
    const progress: number[] = [];
    const r = await getWfsFeatures('https://gis.example.org/geoserver/wfs', 'city:parcels', {
      fetch: f,
      headers: { Authorization: 'Bearer s3cret' },
      onProgress: (p) => progress.push(p.features),
    });
    assert.equal(r.version, '2.0.0');
    assert.equal(r.format, 'application/json');
    // CountDefault 2 → pages of 2: 2 + 2 + 1.
    assert.equal(r.pages, 3);
    assert.deepEqual(progress, [2, 4, 5]);
    assert.deepEqual(r.fc.features.map((x) => x.properties?.n), [0, 1, 2, 3, 4]);
    assert.deepEqual((r.fc.features[1].geometry as { coordinates: number[] }).coordinates, [120.21, 31.5]);
    assert.ok(r.notes.some((n) => /lat\/lon/.test(n)));
    const gets = calls.filter((c) => c.url.searchParams.get('REQUEST') === 'GetFeature');
    assert.deepEqual(gets.map((c) => [c.url.searchParams.get('TYPENAMES'), c.url.searchParams.get('STARTINDEX'), c.url.searchParams.get('COUNT')]), [
      ['city:parcels', '0', '2'],
      ['city:parcels', '2', '2'],
      ['city:parcels', '4', '2'],
    ]);
    assert.equal(gets[0].url.searchParams.get('SRSNAME'), 'EPSG:4326');
    for (const c of calls) {
      assert.equal(c.headers.Authorization, 'Bearer s3cret');
      assert.ok(!c.url.href.includes('s3cret'));
    }
  });
});

describe('paging and boxes the way MapServer 8.0 answers (see services-mapserver.test.ts for the real server)', () => {
  /** Five point features 0…4 at lon 9.50 + i/100, lat 47.1; the server answers at most `cap` per request. */
  function cappedWfs(cap: number) {
    const all = [0, 1, 2, 3, 4].map((i) => ({ type: 'Feature', properties: { n: i }, geometry: { type: 'Point', coordinates: [9.5 + i / 100, 47.1] } }));
    return fakeFetch((u) => {
      if (u.searchParams.get('REQUEST') === 'GetCapabilities') return { body: WFS20_CAPS.replace('<ows:DefaultValue>2</ows:DefaultValue>', `<ows:DefaultValue>${cap}</ows:DefaultValue>`) };
      const start = Number(u.searchParams.get('STARTINDEX'));
      const count = Math.min(cap, Number(u.searchParams.get('COUNT')));
      // Like MapServer's GeoJSON: no numberMatched, no ids.
      return { body: JSON.stringify({ type: 'FeatureCollection', features: all.slice(start, start + count) }), type: 'application/geo+json' };
    });
  }

  test('a page size above CountDefault is lowered to it: the capped first page is not taken for the last', async () => {
    const { f, calls } = cappedWfs(2);
    // Asked for pages of 1000; the server gives 2 per request whatever COUNT says.
    const r = await getWfsFeatures('https://gis.example.org/mapserv', 'city:parcels', { fetch: f, pageSize: 1000 });
    assert.deepEqual(r.fc.features.map((x) => x.properties?.n), [0, 1, 2, 3, 4]);
    assert.equal(r.pages, 3);
    const counts = calls.filter((c) => c.url.searchParams.get('REQUEST') === 'GetFeature').map((c) => c.url.searchParams.get('COUNT'));
    assert.deepEqual(counts, ['2', '2', '2']);
  });

  test('WFS 1.1/2.0 BBOX goes as lat/lon in the URN form whatever the output format; WFS 1.0 as lon/lat', async () => {
    for (const format of ['auto', 'gml'] as const) {
      const { f, calls } = cappedWfs(10);
      await getWfsFeatures('https://gis.example.org/mapserv', 'city:parcels', { fetch: f, bbox: [9.51, 47.13, 9.53, 47.14], format }).catch(() => null);
      const get = calls.find((c) => c.url.searchParams.get('REQUEST') === 'GetFeature')!;
      assert.equal(get.url.searchParams.get('BBOX'), '47.13,9.51,47.14,9.53,urn:ogc:def:crs:EPSG::4326', format);
    }
    const { f, calls } = cappedWfs(10);
    await getWfsFeatures('https://gis.example.org/mapserv', 'city:parcels', { fetch: f, bbox: [9.51, 47.13, 9.53, 47.14], version: '1.0.0' }).catch(() => null);
    assert.equal(calls.find((c) => c.url.searchParams.get('REQUEST') === 'GetFeature')!.url.searchParams.get('BBOX'), '9.51,47.13,9.53,47.14,EPSG:4326');
  });

  /** OGC API items 1…n with ids; `offset` ignored like MapServer 8.0.0 (its issue #6613); next links while offset + limit < n. */
  function offsetIgnoringApi(n: number, announce: boolean) {
    const all = Array.from({ length: n }, (_, i) => ({ type: 'Feature', id: String(i + 1), properties: { n: i + 1 }, geometry: null }));
    return fakeFetch((u) => {
      if (u.pathname.endsWith('/collections')) return { body: JSON.stringify({ collections: [{ id: 'c', links: [] }] }), type: 'application/json' };
      const limit = Number(u.searchParams.get('limit'));
      const offset = Number(u.searchParams.get('offset') ?? 0);
      const links = offset + limit < n ? [{ rel: 'next', type: 'application/geo+json', href: `${u.origin}${u.pathname}?f=json&limit=${limit}&offset=${offset + limit}` }] : [];
      return { body: JSON.stringify({ type: 'FeatureCollection', ...(announce ? { numberMatched: n } : {}), features: all.slice(0, limit), links }), type: 'application/geo+json' };
    });
  }

  test('OGC API: next links that repeat the first page are not read as new items; all numberMatched items are asked for in one request', async () => {
    const { f, calls } = offsetIgnoringApi(7, true);
    const r = await getOgcItems('https://gis.example.org/mapserv/city/ogcapi', 'c', { fetch: f, limit: 3 });
    assert.deepEqual(r.fc.features.map((x) => x.id), ['1', '2', '3', '4', '5', '6', '7']);
    assert.match(r.notes.join(' '), /ignored offset.*7 items.*one request/);
    const items = calls.filter((c) => c.url.pathname.endsWith('/items')).map((c) => `${c.url.searchParams.get('limit')}/${c.url.searchParams.get('offset') ?? 0}`);
    assert.deepEqual(items, ['3/0', '3/3', '7/0']);
  });

  test('OGC API: a MultiPolygon of n identical n-ring parts (MapServer 8.0 OGC API, its issue #7177) is refused with the way out', async () => {
    const a = [[9, 47], [9.1, 47], [9.1, 47.1], [9, 47]];
    const b = [[9.2, 47], [9.3, 47], [9.3, 47.1], [9.2, 47]];
    const hole = [[9.21, 47.01], [9.22, 47.02], [9.21, 47.02], [9.21, 47.01]];
    // What the file holds: two parts, the second with a hole; what MapServer 8.0.0 writes for it.
    const good = [[a], [b, hole]];
    const stacked = [[a, b], [a, b]];
    assert.equal(isStackedMultiPolygon(stacked), true);
    assert.equal(isStackedMultiPolygon(good), false);
    assert.equal(isStackedMultiPolygon([[a, b], [a, hole]]), false);
    assert.equal(isStackedMultiPolygon([[a], [a]]), false);
    const answer = (coordinates: unknown) =>
      fakeFetch((u) =>
        u.pathname.endsWith('/collections')
          ? { body: JSON.stringify({ collections: [{ id: 'units', links: [] }] }), type: 'application/json' }
          : { body: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: '3', properties: {}, geometry: { type: 'MultiPolygon', coordinates } }] }), type: 'application/geo+json' },
      ).f;
    const ok = await getOgcItems('https://gis.example.org/mapserv/city/ogcapi', 'units', { fetch: answer(good) });
    assert.deepEqual((ok.fc.features[0].geometry as { coordinates: unknown }).coordinates, good);
    await assert.rejects(getOgcItems('https://gis.example.org/mapserv/city/ogcapi', 'units', { fetch: answer(stacked) }), (e: ServiceError) => {
      assert.equal(e.code, 'service-bad-response');
      assert.match(e.message, /items units: feature 3 is a MultiPolygon of 2 identical parts.*#7177.*WFS instead/);
      return true;
    });
  });

  test('OGC API: without numberMatched a repeated page stops the paging with a note', async () => {
    const { f } = offsetIgnoringApi(7, false);
    const r = await getOgcItems('https://gis.example.org/mapserv/city/ogcapi', 'c', { fetch: f, limit: 3 });
    assert.deepEqual(r.fc.features.map((x) => x.id), ['1', '2', '3']);
    assert.match(r.notes.join(' '), /ignored offset.*only 3 items/);
  });
});

describe('GML', () => {
  test('GML 3 with a URN srsName is lat/lon on the wire: read as lon/lat; typed values; nil is null', () => {
    const gml = `<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="q" xmlns:xsi="x">
<gml:featureMember><qgs:parcels gml:id="parcels.7">
 <qgs:geometry><gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326"><gml:exterior><gml:LinearRing><gml:posList srsDimension="2">47 9 47 10 48 10 47 9</gml:posList></gml:LinearRing></gml:exterior>
 <gml:interior><gml:LinearRing><gml:posList>47.2 9.2 47.2 9.4 47.4 9.4 47.2 9.2</gml:posList></gml:LinearRing></gml:interior></gml:Polygon></qgs:geometry>
 <qgs:code>0101</qgs:code><qgs:area>12.5</qgs:area><qgs:name xsi:nil="true"/><qgs:label>A &amp; B </qgs:label>
</qgs:parcels></gml:featureMember></wfs:FeatureCollection>`;
    const fc = parseGmlFeatureCollection(gml, { fieldKinds: { code: 'string', area: 'number' } });
    const f = fc.features[0];
    assert.equal(f.id, 'parcels.7');
    assert.deepEqual(f.properties, { code: '0101', area: 12.5, name: null, label: 'A & B ' });
    assert.deepEqual(f.geometry, {
      type: 'Polygon',
      coordinates: [
        [[9, 47], [10, 47], [10, 48], [9, 47]],
        [[9.2, 47.2], [9.4, 47.2], [9.4, 47.4], [9.2, 47.2]],
      ],
    });
  });

  test('GML 2 coordinates and EPSG:4326 short names stay x/y; MultiSurface and MultiCurve', () => {
    const gml = `<wfs:FeatureCollection xmlns:wfs="w" xmlns:gml="g"><gml:featureMember><a:roads xmlns:a="a" fid="roads.1">
<a:the_geom><gml:MultiLineString srsName="EPSG:4326"><gml:lineStringMember><gml:LineString><gml:coordinates>9.1,47.1 9.2,47.2</gml:coordinates></gml:LineString></gml:lineStringMember></gml:MultiLineString></a:the_geom>
</a:roads></gml:featureMember>
<gml:featureMember><a:p xmlns:a="a" gml:id="p.1"><a:g><gml:MultiSurface srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing>
<gml:pos>47 9</gml:pos><gml:pos>47 10</gml:pos><gml:pos>48 10</gml:pos><gml:pos>47 9</gml:pos></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface></a:g></a:p></gml:featureMember>
</wfs:FeatureCollection>`;
    const fc = parseGmlFeatureCollection(gml);
    assert.deepEqual(fc.features[0].geometry, { type: 'MultiLineString', coordinates: [[[9.1, 47.1], [9.2, 47.2]]] });
    assert.deepEqual(fc.features[1].geometry, { type: 'MultiPolygon', coordinates: [[[[9, 47], [10, 47], [10, 48], [9, 47]]]] });
  });

  test('axis order by srsName form', () => {
    assert.equal(isLatFirst('urn:ogc:def:crs:EPSG::4326'), true);
    assert.equal(isLatFirst('urn:x-ogc:def:crs:EPSG:4490'), true);
    assert.equal(isLatFirst('http://www.opengis.net/def/crs/EPSG/0/4326'), true);
    assert.equal(isLatFirst('EPSG:4326'), false);
    assert.equal(isLatFirst('http://www.opengis.net/def/crs/OGC/1.3/CRS84'), false);
    // A projected CRS is read x/y: only geographic codes are lat-first here.
    assert.equal(isLatFirst('urn:ogc:def:crs:EPSG::3857'), false);
  });
});

describe('errors and secrets', () => {
  test('an OGC exception report becomes service-exception with its code and text', async () => {
    const report = `<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="1.1.0"><ows:Exception exceptionCode="InvalidParameterValue" locator="typeName"><ows:ExceptionText>Unknown type x</ows:ExceptionText></ows:Exception></ows:ExceptionReport>`;
    assert.deepEqual(readExceptionReport(report), { code: 'InvalidParameterValue', message: 'Unknown type x (typeName)' });
    const { f } = fakeFetch(() => ({ body: report, status: 400 }));
    await assert.rejects(getWfsCapabilities('https://gis.example.org/ows', { fetch: f }), (e: ServiceError) => {
      assert.equal(e.code, 'service-exception');
      assert.equal(e.exceptionCode, 'InvalidParameterValue');
      assert.match(e.message, /Unknown type x/);
      return true;
    });
  });

  test('redactUrl hides keys, tokens and user:password', () => {
    assert.equal(redactUrl('https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&tk=abc123'), 'https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&tk=***');
    assert.equal(redactUrl('https://u:p@gis.example.org/ows?access_token=x&layer=a'), 'https://***@gis.example.org/ows?access_token=***&layer=a');
  });

  test('HTTP 401 → service-http with a hint; a key in the URL never reaches the message', async () => {
    const { f } = fakeFetch(() => ({ body: 'no', status: 401 }));
    await assert.rejects(getOgcItems('https://gis.example.org/api?key=topsecret', 'x', { fetch: f }), (e: ServiceError) => {
      assert.equal(e.code, 'service-http');
      assert.equal(e.status, 401);
      assert.match(e.message, /HTTP 401.*credentials/);
      assert.ok(!e.message.includes('topsecret') && !e.url.includes('topsecret'));
      return true;
    });
  });

  test('headers go only to the service origin, not to a next link on another host', async () => {
    const { f, calls } = fakeFetch((u) => {
      if (u.pathname.endsWith('/collections')) return { body: JSON.stringify({ collections: [{ id: 'c', links: [] }] }), type: 'application/json' };
      if (u.host === 'gis.example.org') return { body: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }], links: [{ rel: 'next', href: 'https://cdn.example.net/page2' }] }), type: 'application/json' };
      return { body: JSON.stringify({ type: 'FeatureCollection', features: [], links: [] }), type: 'application/json' };
    });
    const r = await getOgcItems('https://gis.example.org/api', 'c', { fetch: f, headers: { 'X-Api-Key': 'k' } });
    assert.equal(r.pages, 2);
    assert.deepEqual(calls.map((c) => [c.url.host, c.headers['X-Api-Key'] ?? null]), [
      ['gis.example.org', 'k'],
      ['gis.example.org', 'k'],
      ['cdn.example.net', null],
    ]);
  });

  test('a blocked cross-origin fetch in a page becomes service-cors with the fix', async () => {
    const g = globalThis as { location?: unknown };
    const saved = g.location;
    g.location = { origin: 'https://portal.example.org' };
    try {
      const f = (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch;
      await assert.rejects(loadServiceLayer({ type: 'wfs', url: 'https://gis.example.org/ows', typeName: 'a' }, { fetch: f }), (e: ServiceError) => {
        assert.equal(e.code, 'service-cors');
        assert.match(e.message, /Access-Control-Allow-Origin: https:\/\/portal\.example\.org/);
        assert.match(e.message, /QGIS Server.*GeoServer.*nginx/);
        return true;
      });
    } finally {
      g.location = saved;
    }
  });

  test('timeout, cancel and an unreachable server', async () => {
    // A server that accepts and never answers.
    const hang = createServer(() => {});
    await new Promise<void>((res) => hang.listen(0, '127.0.0.1', res));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/ows`;
    try {
      await assert.rejects(getWfsCapabilities(url, { timeoutMs: 150 }), (e: ServiceError) => e.code === 'service-timeout' && /within 0 s|within/.test(e.message));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(getWfsCapabilities(url, { signal: controller.signal }), (e: ServiceError) => e.code === 'service-aborted');
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
    // The port is closed now: connection refused.
    await assert.rejects(getWfsCapabilities(url), (e: ServiceError) => e.code === 'service-network' && /could not be reached/.test(e.message));
  });
});
