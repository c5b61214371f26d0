/**
 * Xian 1980 and Beijing 1954 Gauss–Krüger CRSs: parameters by code range, coordinates against
 * PROJ 9.1's cs2cs (an independent implementation, reading its parameters from the EPSG
 * database), the no-datum-shift decision and its warning.
 *
 * Reference values: `echo "LAT LON" | cs2cs -d 4 EPSG:4610 EPSG:2385` (Xian 1980 geographic to
 * the projected code; Beijing 1954: EPSG:4214), output northing easting. The engine maps WGS 84
 * lon/lat straight to the legacy projection (no datum shift), so `createTransform('EPSG:4326',
 * code)` must give exactly the legacy datum's projection of the same numbers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import { createTransform, describeCrs, isGeographicCrs, isKnownCrs, listBundledCrs, parseCrsName, resolveLayerCrs } from '../../src/engine/crs/index.js';
import { validateConfig } from '../../src/engine/config/index.js';
import { preparePolygonLayer } from '../../src/engine/spatial/layers.js';
import type { CityConfig } from '../../src/engine/config/types.js';
import type { FeatureCollection, Issue } from '../../src/engine/types.js';

// [code, lon, lat, easting, northing] from cs2cs.
const CS2CS: Array<[string, number, number, number, number]> = [
  ['EPSG:2385', 120.5, 31.3, 547602.2870, 3464345.4600], // Xian 1980 3° CM 120E
  ['EPSG:2359', 104.2, 30.6, 35423278.2912, 3386902.1506], // Xian 1980 3° zone 35 (CM 105, prefix)
  ['EPSG:2333', 112.9, 28.2, 19686560.5054, 3122069.4971], // Xian 1980 6° zone 19 (CM 111, prefix)
  ['EPSG:2343', 106.5, 29.5, 645458.1182, 3265628.5287], // Xian 1980 6° CM 105E
  ['EPSG:2327', 76.1, 39.5, 13594615.9282, 4374593.9094], // Xian 1980 6° zone 13 (CM 75)
  ['EPSG:2412', 108.9, 34.3, 36582855.5159, 3797373.0503], // Beijing 1954 3° zone 36 (CM 108)
  ['EPSG:2435', 114.3, 30.6, 528770.7208, 3386726.4262], // Beijing 1954 3° CM 114E
  ['EPSG:2421', 133.9, 46.8, 45416025.6426, 5185692.2291], // Beijing 1954 3° zone 45 (CM 135)
  ['EPSG:21419', 113.2, 23.1, 19725425.4922, 2557356.1447], // Beijing 1954 6° zone 19 (CM 111)
  ['EPSG:21460', 116.4, 39.9, 448687.9970, 4418676.1496], // Beijing 1954 6° CM 117E
  ['EPSG:21480', 116.4, 39.9, 448687.9970, 4418676.1496], // Beijing 1954 / Gauss-Kruger 20N (deprecated twin of 21460)
];

// Names and parameters of the range ends, from `projinfo EPSG:n` (PROJ 9.1 database).
const RANGE_ENDS: Array<[number, string, number, number]> = [
  [2327, 'Xian 1980 / Gauss-Kruger zone 13', 75, 13500000],
  [2337, 'Xian 1980 / Gauss-Kruger zone 23', 135, 23500000],
  [2338, 'Xian 1980 / Gauss-Kruger CM 75E', 75, 500000],
  [2348, 'Xian 1980 / Gauss-Kruger CM 135E', 135, 500000],
  [2349, 'Xian 1980 / 3-degree Gauss-Kruger zone 25', 75, 25500000],
  [2369, 'Xian 1980 / 3-degree Gauss-Kruger zone 45', 135, 45500000],
  [2370, 'Xian 1980 / 3-degree Gauss-Kruger CM 75E', 75, 500000],
  [2390, 'Xian 1980 / 3-degree Gauss-Kruger CM 135E', 135, 500000],
  [2401, 'Beijing 1954 / 3-degree Gauss-Kruger zone 25', 75, 25500000],
  [2421, 'Beijing 1954 / 3-degree Gauss-Kruger zone 45', 135, 45500000],
  [2422, 'Beijing 1954 / 3-degree Gauss-Kruger CM 75E', 75, 500000],
  [2442, 'Beijing 1954 / 3-degree Gauss-Kruger CM 135E', 135, 500000],
  [21413, 'Beijing 1954 / Gauss-Kruger zone 13', 75, 13500000],
  [21423, 'Beijing 1954 / Gauss-Kruger zone 23', 135, 23500000],
  [21453, 'Beijing 1954 / Gauss-Kruger CM 75E', 75, 500000],
  [21463, 'Beijing 1954 / Gauss-Kruger CM 135E', 135, 500000],
  [21473, 'Beijing 1954 / Gauss-Kruger 13N', 75, 500000],
  [21483, 'Beijing 1954 / Gauss-Kruger 23N', 135, 500000],
];

describe('legacy Chinese CRSs', () => {
  test('forward and inverse agree with cs2cs to 1 mm', () => {
    for (const [code, lon, lat, e, n] of CS2CS) {
      const p = createTransform('EPSG:4326', code)([lon, lat]);
      assert.ok(Math.abs(p[0] - e) < 1e-3 && Math.abs(p[1] - n) < 1e-3, `${code}: got ${p}, cs2cs ${e} ${n}`);
      const back = createTransform(code, 'EPSG:4326')([e, n]);
      assert.ok(Math.abs(back[0] - lon) < 1e-8 && Math.abs(back[1] - lat) < 1e-8, `${code} inverse: got ${back}`);
    }
  });

  test('range ends: names, central meridians and false eastings as in the EPSG database', () => {
    for (const [n, name, lon0, x0] of RANGE_ENDS) {
      const info = describeCrs(`EPSG:${n}`);
      assert.ok(info, `EPSG:${n} bundled`);
      assert.equal(info!.name, name);
      assert.equal(info!.kind, 'projected');
      assert.match(info!.proj4, new RegExp(`\\+lon_0=${lon0} .*\\+x_0=${x0} `));
      const ellps = name.startsWith('Xian') ? '+a=6378140 +rf=298.257' : '+a=6378245 +rf=298.3';
      assert.ok(info!.proj4.includes(ellps), `${n}: ${ellps}`);
      assert.ok(!info!.proj4.includes('towgs84'), `${n}: no datum shift`);
      assert.equal(info!.legacyDatum, name.startsWith('Xian') ? 'Xian 1980' : 'Beijing 1954');
    }
    for (const n of [2326, 2391, 2400, 2443, 21412, 21424, 21452, 21464, 21472, 21484, 4555]) assert.equal(isKnownCrs(`EPSG:${n}`), false, `EPSG:${n} is not bundled`);
  });

  test('geographic Xian 1980 (4610) and Beijing 1954 (4214): lon/lat pass through unchanged', () => {
    assert.ok(isGeographicCrs('EPSG:4610') && isGeographicCrs('EPSG:4214'));
    for (const code of ['EPSG:4610', 'EPSG:4214']) {
      const p = createTransform(code, 'EPSG:4326')([116.4, 39.9]);
      assert.ok(Math.abs(p[0] - 116.4) < 1e-12 && Math.abs(p[1] - 39.9) < 1e-12, `${code}: ${p}`);
    }
  });

  test('Xian 1980 GK to CGCS2000 GK on the same meridian: only the ellipsoid differs (cs2cs ballpark)', () => {
    // cs2cs EPSG:2385 EPSG:4549 (PROJ's "ballpark" no-op between the datums):
    // (547602.2870, 3464345.4600) → (547602.2646, 3464343.8455).
    const p = createTransform('EPSG:2385', 'EPSG:4549')([547602.2870, 3464345.4600]);
    assert.ok(Math.abs(p[0] - 547602.2646) < 1e-3 && Math.abs(p[1] - 3464343.8455) < 1e-3, String(p));
  });

  test('a 400 × 500 m parcel in Xian 1980 keeps its area in the CGCS2000 working CRS', () => {
    // Corners through cs2cs EPSG:2385 → EPSG:4549: x 500000 → 500000.000000, 500400 → 500399.999812;
    // y 3320000 → 3319998.452903, 3320500 → 3320498.452669: 399.999812 × 499.999766 = 199 999.812 m².
    const fc: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'p', properties: {}, geometry: {
      type: 'Polygon', coordinates: [[[500000, 3320000], [500400, 3320000], [500400, 3320500], [500000, 3320500], [500000, 3320000]]] } }] };
    const layer = preparePolygonLayer('parcels', fc, createTransform('EPSG:2385', 'EPSG:4549'), undefined, []);
    assert.ok(Math.abs(layer.areas[0] - 199999.812) < 0.01, String(layer.areas[0]));
  });

  test('every bundled code builds a proj4 converter and round-trips its central meridian', () => {
    const codes = listBundledCrs();
    assert.equal(codes.length, 329);
    assert.equal(new Set(codes).size, 329);
    for (const code of codes) {
      assert.equal(parseCrsName(code), code);
      const info = describeCrs(code)!;
      if (!info.legacyDatum) continue;
      const lon0 = info.kind === 'geographic' ? 110 : Number(/\+lon_0=(\d+)/.exec(info.proj4)![1]);
      const fwd = proj4('+proj=longlat +datum=WGS84 +no_defs', info.proj4);
      const back = fwd.inverse(fwd.forward([lon0 + 0.5, 35]));
      assert.ok(Math.abs(back[0] - lon0 - 0.5) < 1e-9 && Math.abs(back[1] - 35) < 1e-9, code);
    }
  });

  test('a layer on a legacy datum is accepted with a warning naming the datum', () => {
    const fromConfig = resolveLayerCrs('EPSG:2385', {}, { layer: 'parcels' });
    assert.equal(fromConfig.code, 'EPSG:2385');
    assert.deepEqual(fromConfig.issues.map((i) => [i.code, i.severity, i.layer]), [['crs-legacy-datum', 'warning', 'parcels']]);
    assert.match(fromConfig.issues[0].message, /Xian 1980.*no datum shift.*100 m/);
    const fromFile = resolveLayerCrs(undefined, { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::21460' } } });
    assert.deepEqual(fromFile.issues.map((i) => i.code), ['crs-legacy-datum']);
    assert.match(fromFile.issues[0].message, /Beijing 1954/);
    assert.deepEqual(resolveLayerCrs('EPSG:4549', {}).issues, []);
    // The config validator accepts the codes (it asks the crs module).
    const config = {
      name: 'x', layers: { parcels: { path: 'p.geojson', crs: 'EPSG:2385', codeField: 'c' }, units: { path: 'u.geojson', crs: 'EPSG:2435' } },
      landUse: { preset: 'gbt21010' }, inventory: { mode: 'totals', totals: [{ sector: 'industry', spaceTypes: ['industrial'], value: 1 }] },
    } as unknown as CityConfig;
    const issues: Issue[] = validateConfig(config);
    assert.ok(!issues.some((i) => i.path?.includes('crs')), JSON.stringify(issues.filter((i) => i.path?.includes('crs'))));
  });
});
