import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseWorkingCrs,
  createTransform,
  describeCrs,
  detectProjectedWithoutCrs,
  fromOffsetToWgs84,
  getProj4Definition,
  hasNonFiniteCoordinates,
  isGeographicCrs,
  isInChinaOutline,
  isKnownCrs,
  listBundledCrs,
  parseCrsName,
  readLegacyCrsMember,
  resolveLayerCrs,
  toOffsetFromWgs84,
  transformGeometry,
  transformXYArrayInPlace,
} from '../../src/engine/crs/index.js';
import { EngineError } from '../../src/engine/types.js';
import type { Geometry } from '../../src/engine/types.js';
import { MESSAGES } from '../../src/engine/messages/index.js';

const D = Math.PI / 180;
const GRS80 = { a: 6378137, f: 1 / 298.257222101 };
const WGS84 = { a: 6378137, f: 1 / 298.257223563 };

/**
 * Independent transverse Mercator: Krüger's series in Karney's form (J. Geod. 85, 2011, eqs. 7–9,
 * 35), coefficients to n⁴; truncation error about n⁵·a ≈ 1e-7 m, far below the 1 mm we test.
 *   n = f/(2−f), A = a/(1+n)·(1 + n²/4 + n⁴/64), e = 2√n/(1+n)
 *   t = sinh(atanh(sin φ) − e·atanh(e·sin φ)), ξ' = atan2(t, cos Δλ), η' = atanh(sin Δλ / √(1+t²))
 *   E = E0 + k0·A·(η' + Σ αj cos 2jξ' sinh 2jη'),  N = N0 + k0·A·(ξ' + Σ αj sin 2jξ' cosh 2jη')
 */
function kruger(lon: number, lat: number, p: { lon0: number; k0: number; e0: number; n0: number; a: number; f: number }): [number, number] {
  const n = p.f / (2 - p.f);
  const A = (p.a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [
    0,
    n / 2 - (2 / 3) * n ** 2 + (5 / 16) * n ** 3 + (41 / 180) * n ** 4,
    (13 / 48) * n ** 2 - (3 / 5) * n ** 3 + (557 / 1440) * n ** 4,
    (61 / 240) * n ** 3 - (103 / 140) * n ** 4,
    (49561 / 161280) * n ** 4,
  ];
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const phi = lat * D;
  const dl = (lon - p.lon0) * D;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xi = Math.atan2(t, Math.cos(dl));
  const eta = Math.atanh(Math.sin(dl) / Math.sqrt(1 + t * t));
  let E = eta;
  let N = xi;
  for (let j = 1; j <= 4; j++) {
    E += alpha[j] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
    N += alpha[j] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
  }
  return [p.e0 + p.k0 * A * E, p.n0 + p.k0 * A * N];
}

function near(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected} ± ${tol}`);
}

/** Ground distance in metres between two lon/lat points a few metres apart (local flat earth). */
function metres(a: number[], b: number[]): number {
  const dx = (a[0] - b[0]) * D * 6378137 * Math.cos(a[1] * D);
  const dy = (a[1] - b[1]) * D * 6378137;
  return Math.hypot(dx, dy);
}

describe('bundled definitions', () => {
  test('lists 329 (188 + 141 legacy Xian 1980 / Beijing 1954) codes, every one known and parseable by proj4', () => {
    const codes = listBundledCrs();
    // 4 singles + 64 CGCS2000 GK (4491–4554) + 60 UTM north + 60 UTM south
    assert.equal(codes.length, 329);
    assert.equal(new Set(codes).size, 329);
    for (const c of codes) {
      assert.ok(isKnownCrs(c), c);
      const fn = createTransform('EPSG:4326', c);
      const info = describeCrs(c)!;
      // Any point on the CRS's own central meridian at 30° N lands on x = false easting.
      const m = /lon_0=(-?\d+).*x_0=(\d+)/.exec(info.proj4);
      if (m) near(fn([Number(m[1]), 30])[0], Number(m[2]), 1e-6, c);
    }
  });

  test('GK zones match official EPSG parameters (spot checks from the EPSG registry)', () => {
    // code → [central meridian, false easting] as published by EPSG
    const official: Record<string, [number, number]> = {
      'EPSG:4491': [75, 13500000], // CGCS2000 / Gauss-Kruger zone 13
      'EPSG:4501': [135, 23500000], // zone 23
      'EPSG:4502': [75, 500000], // Gauss-Kruger CM 75E
      'EPSG:4512': [135, 500000],
      'EPSG:4513': [75, 25500000], // 3-degree Gauss-Kruger zone 25
      'EPSG:4519': [93, 31500000], // zone 31
      'EPSG:4527': [117, 39500000], // zone 39
      'EPSG:4528': [120, 40500000], // zone 40
      'EPSG:4533': [135, 45500000], // zone 45
      'EPSG:4534': [75, 500000], // 3-degree Gauss-Kruger CM 75E
      'EPSG:4548': [117, 500000],
      'EPSG:4549': [120, 500000],
      'EPSG:4554': [135, 500000],
    };
    for (const [code, [lon0, x0]] of Object.entries(official)) {
      const def = getProj4Definition(code)!;
      assert.ok(def.includes(`+lon_0=${lon0} `) && def.includes(`+x_0=${x0} `) && def.includes('+ellps=GRS80') && def.includes('+k=1 '), `${code}: ${def}`);
    }
    assert.equal(describeCrs('EPSG:4527')!.name, 'CGCS2000 / 3-degree Gauss-Kruger zone 39');
    assert.equal(describeCrs('EPSG:4549')!.name, 'CGCS2000 / 3-degree Gauss-Kruger CM 120E');
    assert.equal(describeCrs('EPSG:32756')!.name, 'WGS 84 / UTM zone 56S');
  });

  test('kinds and unknown codes', () => {
    assert.ok(isGeographicCrs('EPSG:4326') && isGeographicCrs('OGC:CRS84') && isGeographicCrs('EPSG:4490'));
    assert.ok(!isGeographicCrs('EPSG:3857') && !isGeographicCrs('EPSG:4549') && !isGeographicCrs('EPSG:9999'));
    for (const c of ['EPSG:4555', 'EPSG:32600', 'EPSG:32661', 'EPSG:32700', 'epsg:4326', '4326', 'EPSG:04326']) {
      assert.equal(isKnownCrs(c), false, c);
    }
  });
});

describe('transforms against independent values', () => {
  test('EPSG:4549 (CM 120E): (120°E, 30°N) → (500000, 3320113.398), TOOLCHAIN.md and Krüger series', () => {
    const [x, y] = createTransform('EPSG:4326', 'EPSG:4549')([120, 30]);
    near(x, 500000, 1e-6, 'x');
    near(y, 3320113.398, 0.1, 'y (published)');
    const [kx, ky] = kruger(120, 30, { lon0: 120, k0: 1, e0: 500000, n0: 0, ...GRS80 });
    near(y, ky, 0.001, 'y (Krüger)');
    near(x, kx, 0.001, 'x (Krüger)');
  });

  test('EPSG:4528 (zone 40, CM 120E, zone prefix): same point → x = 40500000', () => {
    const [x, y] = createTransform('EPSG:4326', 'EPSG:4528')([120, 30]);
    near(x, 40500000, 1e-6, 'x');
    near(y, 3320113.398, 0.1, 'y');
  });

  test('EPSG:4527 and 4549 off the central meridian agree with the Krüger series to 1 mm', () => {
    for (const [code, lon0, e0] of [['EPSG:4527', 117, 39500000], ['EPSG:4549', 120, 500000]] as const) {
      for (const [lon, lat] of [[lon0 - 1.5, 22.5], [lon0 + 1.2, 41.7], [lon0 + 0.4, 31.3]]) {
        const [x, y] = createTransform('EPSG:4326', code)([lon, lat]);
        const [kx, ky] = kruger(lon, lat, { lon0, k0: 1, e0, n0: 0, ...GRS80 });
        near(x, kx, 0.001, `${code} x at ${lon},${lat}`);
        near(y, ky, 0.001, `${code} y at ${lon},${lat}`);
      }
    }
  });

  test('EPSG:3857 of (120, 30) matches x = Rλ, y = R·ln(tan(π/4 + φ/2)), R = 6378137', () => {
    const R = 6378137;
    const ex = R * 120 * D; // 13358338.895…
    const ey = R * Math.log(Math.tan(Math.PI / 4 + (30 * D) / 2)); // 3503549.843…
    const [x, y] = createTransform('EPSG:4326', 'EPSG:3857')([120, 30]);
    near(x, ex, 1e-6, 'x');
    near(y, ey, 1e-6, 'y');
  });

  test('UTM 32N for Liechtenstein (9.52°E, 47.14°N) agrees with the Krüger series to 1 mm', () => {
    const [x, y] = createTransform('EPSG:4326', 'EPSG:32632')([9.52, 47.14]);
    const [kx, ky] = kruger(9.52, 47.14, { lon0: 9, k0: 0.9996, e0: 500000, n0: 0, ...WGS84 });
    near(x, kx, 0.001, 'easting');
    near(y, ky, 0.001, 'northing');
    // Coarse sanity from the UTM grid: 0.52° east of CM 9 at 47° is ~39 km → E ≈ 539 km; N ≈ 5221 km.
    near(x, 539400, 500, 'easting, coarse');
    near(y, 5220900, 500, 'northing, coarse');
  });

  test('UTM 56S for Sydney (151.21°E, 33.87°S): false northing 10 000 000, Krüger to 1 mm', () => {
    const [x, y] = createTransform('EPSG:4326', 'EPSG:32756')([151.21, -33.87]);
    const [kx, ky] = kruger(151.21, -33.87, { lon0: 153, k0: 0.9996, e0: 500000, n0: 10000000, ...WGS84 });
    near(x, kx, 0.001, 'easting');
    near(y, ky, 0.001, 'northing');
  });

  test('inverse and chained transforms round-trip to 1 mm', () => {
    const fwd = createTransform('EPSG:4326', 'EPSG:4549');
    const inv = createTransform('EPSG:4549', 'EPSG:4326');
    const p = [120.6, 31.3];
    const back = inv(fwd(p));
    assert.ok(metres(back, p) < 0.001);
    // GK zone to UTM 51N and back, through lon/lat inside proj4
    const toUtm = createTransform('EPSG:4549', 'EPSG:32651');
    const toGk = createTransform('EPSG:32651', 'EPSG:4549');
    const q = fwd(p);
    const r = toGk(toUtm(q));
    near(r[0], q[0], 0.001, 'x');
    near(r[1], q[1], 0.001, 'y');
  });

  test('EPSG:4490 is treated as WGS 84: identical positions and identical projected values', () => {
    const a = createTransform('EPSG:4490', 'EPSG:4326')([120.6, 31.3]);
    assert.deepEqual(a, [120.6, 31.3]);
    const b = createTransform('EPSG:4490', 'EPSG:4549')([120.6, 31.3]);
    const c = createTransform('EPSG:4326', 'EPSG:4549')([120.6, 31.3]);
    near(b[0], c[0], 1e-6, 'x');
    near(b[1], c[1], 1e-6, 'y');
  });
});

describe('createTransform contract', () => {
  test('equal and WGS 84-equivalent codes take the copying fast path', () => {
    const p = [120.5, 31.2, 7];
    for (const [a, b] of [['EPSG:4326', 'EPSG:4326'], ['OGC:CRS84', 'EPSG:4326'], ['EPSG:4326', 'EPSG:4490'], ['EPSG:4549', 'EPSG:4549']]) {
      const out = createTransform(a, b)(p);
      assert.deepEqual(out, p);
      assert.notEqual(out, p);
    }
  });

  test('caches converters, accepts other spellings, keeps z, never mutates', () => {
    const fn = createTransform('EPSG:4326', 'EPSG:4549');
    assert.equal(createTransform('EPSG:4326', 'EPSG:4549'), fn);
    assert.equal(createTransform('urn:ogc:def:crs:EPSG::4326', 'urn:ogc:def:crs:EPSG::4549'), fn);
    const p = [120, 30, 12.5];
    const out = createTransform('EPSG:4326', 'EPSG:4549')(p);
    assert.deepEqual(p, [120, 30, 12.5]);
    assert.equal(out.length, 3);
    assert.equal(out[2], 12.5);
  });

  test('unknown codes throw EngineError; bad points give NaN, not a throw', () => {
    assert.throws(() => createTransform('EPSG:3395', 'EPSG:4326'), (e: unknown) => e instanceof EngineError && e.code === 'crs-unknown-code');
    assert.throws(() => createTransform('EPSG:4326', 'nonsense'), EngineError);
    const fn = createTransform('EPSG:4326', 'EPSG:3857');
    const bad = fn([NaN, 30]);
    assert.ok(Number.isNaN(bad[0]) && Number.isNaN(bad[1]));
    const pole = fn([0, 90]); // Mercator of the pole is infinite → NaN
    assert.ok(Number.isNaN(pole[0]) && Number.isNaN(pole[1]));
  });
});

describe('transformGeometry', () => {
  const shift = (xy: number[]): number[] => [xy[0] + 1, xy[1] * 2, ...xy.slice(2)];
  const cases: Geometry[] = [
    { type: 'Point', coordinates: [1, 2] },
    { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
    { type: 'LineString', coordinates: [[1, 2], [3, 4]] },
    { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
    { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
    { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] },
    { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2, 3] }, { type: 'LineString', coordinates: [[1, 2], [3, 4]] }] },
  ];
  for (const g of cases) {
    test(`${g.type}: maps every position, input untouched`, () => {
      const before = JSON.stringify(g);
      const out = transformGeometry(g, shift);
      assert.equal(JSON.stringify(g), before);
      assert.equal(out.type, g.type);
      // Expected: the same structure with x+1, y·2, worked out on the JSON text.
      const expected = JSON.parse(before, function (this: unknown, _k, v) {
        if (Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number')) return [v[0] + 1, v[1] * 2, ...v.slice(2)];
        return v;
      });
      assert.deepEqual(out, expected);
    });
  }
  test('identity transform still copies (no shared arrays); null passes through', () => {
    const g: Geometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    const out = transformGeometry(g, createTransform('EPSG:4326', 'OGC:CRS84'));
    assert.deepEqual(out, g);
    assert.notEqual(out.coordinates, g.coordinates);
    assert.notEqual(out.coordinates[0][0], g.coordinates[0][0]);
    assert.equal(transformGeometry(null, shift), null);
  });
  test('hasNonFiniteCoordinates', () => {
    assert.equal(hasNonFiniteCoordinates({ type: 'LineString', coordinates: [[1, 2], [NaN, 3]] }), true);
    assert.equal(hasNonFiniteCoordinates({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, Infinity], [0, 0]]]] }), true);
    assert.equal(hasNonFiniteCoordinates({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] }), false);
    assert.equal(hasNonFiniteCoordinates(null), false);
  });
});

describe('transformXYArrayInPlace', () => {
  test('matches the per-point transform and counts failures', () => {
    const fn = createTransform('EPSG:4326', 'EPSG:4549');
    const pts = [[120, 30], [120.6, 31.3], [119.2, 32.1]];
    const flat = new Float64Array(pts.flat());
    assert.equal(transformXYArrayInPlace(flat, fn), 0);
    pts.forEach((p, i) => {
      const q = fn(p);
      assert.equal(flat[2 * i], q[0]);
      assert.equal(flat[2 * i + 1], q[1]);
    });
    const withBad = [120, 30, NaN, 31];
    assert.equal(transformXYArrayInPlace(withBad, fn), 1);
    assert.throws(() => transformXYArrayInPlace(new Float64Array(3), fn), EngineError);
    assert.equal(transformXYArrayInPlace(new Float64Array([1, 2]), createTransform('EPSG:4326', 'EPSG:4326')), 0);
  });

  test('100 000 points to a GK zone in well under a second', () => {
    const n = 100_000;
    const flat = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) { flat[2 * i] = 120 + (i % 500) / 1000; flat[2 * i + 1] = 31 + Math.floor(i / 500) / 1000; }
    const t0 = performance.now();
    transformXYArrayInPlace(flat, createTransform('EPSG:4326', 'EPSG:4549'));
    const ms = performance.now() - t0;
    assert.ok(ms < 1000, `${ms} ms`);
  });
});

describe('GCJ-02 and BD-09', () => {
  test('the published Tiananmen pair (TOOLCHAIN.md): WGS 84 (116.397428, 39.90923) ↔ GCJ-02 (116.403672, 39.910634)', () => {
    const g = toOffsetFromWgs84('gcj02', 116.397428, 39.90923);
    near(g[0], 116.403672, 1e-6, 'gcj lon');
    near(g[1], 39.910634, 1e-6, 'gcj lat');
    // The pair is rounded to 1e-6° (≤ 0.08 m per axis here), so the inverse matches to that.
    const w = fromOffsetToWgs84('gcj02', 116.403672, 39.910634);
    assert.ok(metres(w, [116.397428, 39.90923]) < 0.1, `${metres(w, [116.397428, 39.90923])} m`);
  });

  test('round trips over a grid covering China: GCJ-02 and BD-09 within 1 mm', () => {
    let worstG = 0;
    let worstB = 0;
    for (let lon = 74; lon <= 134; lon += 2.5) {
      for (let lat = 18.5; lat <= 53; lat += 1.5) {
        const g = toOffsetFromWgs84('gcj02', lon, lat);
        assert.ok(metres(g, [lon, lat]) > 1, 'offset applied');
        worstG = Math.max(worstG, metres(fromOffsetToWgs84('gcj02', g[0], g[1]), [lon, lat]));
        const b = toOffsetFromWgs84('bd09', lon, lat);
        worstB = Math.max(worstB, metres(fromOffsetToWgs84('bd09', b[0], b[1]), [lon, lat]));
      }
    }
    assert.ok(worstG < 0.001, `GCJ-02 worst ${worstG} m`);
    assert.ok(worstB < 0.001, `BD-09 worst ${worstB} m`);
  });

  test('points outside China are unchanged; bad kinds throw', () => {
    for (const kind of ['gcj02', 'bd09'] as const) {
      assert.deepEqual(fromOffsetToWgs84(kind, 9.52, 47.14), [9.52, 47.14]);
      assert.deepEqual(toOffsetFromWgs84(kind, 9.52, 47.14), [9.52, 47.14]);
    }
    assert.throws(() => fromOffsetToWgs84('wgs84' as never, 120, 30), EngineError);
  });
});

describe('parseCrsName', () => {
  const cases: [string | number, string | null][] = [
    ['EPSG:4326', 'EPSG:4326'],
    ['epsg:4326', 'EPSG:4326'],
    ['  EPSG:4549 ', 'EPSG:4549'],
    ['EPSG::4326', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::4549', 'EPSG:4549'],
    ['urn:ogc:def:crs:EPSG:6.6:4326', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG:4326', 'EPSG:4326'],
    ['urn:x-ogc:def:crs:EPSG:4326', 'EPSG:4326'],
    ['URN:OGC:DEF:CRS:EPSG::32650', 'EPSG:32650'],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'OGC:CRS84'],
    ['urn:ogc:def:crs:OGC::CRS84', 'OGC:CRS84'],
    ['http://www.opengis.net/def/crs/EPSG/0/4490', 'EPSG:4490'],
    ['https://www.opengis.net/def/crs/EPSG/0/4490/', 'EPSG:4490'],
    ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'OGC:CRS84'],
    ['http://www.opengis.net/gml/srs/epsg.xml#4326', 'EPSG:4326'],
    ['CRS84', 'OGC:CRS84'],
    ['CRS:84', 'OGC:CRS84'],
    ['OGC:CRS84', 'OGC:CRS84'],
    ['4549', 'EPSG:4549'],
    [4326, 'EPSG:4326'],
    ['EPSG:900913', 'EPSG:3857'],
    ['EPSG:3785', 'EPSG:3857'],
    ['ESRI:102100', 'EPSG:3857'],
    ['EPSG:102100', 'EPSG:3857'],
    ['WGS84', 'EPSG:4326'],
    ['CGCS2000', 'EPSG:4490'],
    ['EPSG:2385', 'EPSG:2385'], // parses; not bundled (isKnownCrs says so)
    ['', null],
    ['EPSG:', null],
    ['EPSG:0', null],
    ['EPSG:43.26', null],
    ['+proj=longlat', null],
    ['urn:ogc:def:crs:OGC:1.3:CRS83', null],
    [4326.5, null],
    [-4326, null],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(parseCrsName(input), expected));
  }
});

describe('readLegacyCrsMember', () => {
  test('name, EPSG and OGC members; link and malformed ones answer null', () => {
    assert.equal(readLegacyCrsMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4549' } }), 'EPSG:4549');
    assert.equal(readLegacyCrsMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }), 'OGC:CRS84');
    assert.equal(readLegacyCrsMember({ type: 'name', properties: { name: 'EPSG:4490' } }), 'EPSG:4490');
    assert.equal(readLegacyCrsMember({ type: 'EPSG', properties: { code: 4326 } }), 'EPSG:4326');
    assert.equal(readLegacyCrsMember({ type: 'epsg', properties: { code: '32650' } }), 'EPSG:32650');
    assert.equal(readLegacyCrsMember({ type: 'OGC', properties: { urn: 'urn:ogc:def:crs:EPSG::4528' } }), 'EPSG:4528');
    assert.equal(readLegacyCrsMember({ type: 'link', properties: { href: 'http://example.com/crs/42', type: 'proj4' } }), null);
    assert.equal(readLegacyCrsMember({ type: 'name', properties: { name: 'Xian 1980 local' } }), null);
    assert.equal(readLegacyCrsMember({ type: 'name' }), null);
    assert.equal(readLegacyCrsMember({ properties: { name: 'EPSG:4326' } }), null);
    for (const v of [undefined, null, 'EPSG:4326', 4326, [], true]) assert.equal(readLegacyCrsMember(v), null);
  });
});

describe('resolveLayerCrs', () => {
  const member = (name: string) => ({ crs: { type: 'name', properties: { name } } });

  test('default is EPSG:4326 with no issue', () => {
    assert.deepEqual(resolveLayerCrs(undefined, {}), { code: 'EPSG:4326', source: 'default', issues: [] });
    assert.deepEqual(resolveLayerCrs('', { crs: null }), { code: 'EPSG:4326', source: 'default', issues: [] });
  });

  test("the file's member is used when the config is silent", () => {
    assert.deepEqual(resolveLayerCrs(undefined, member('urn:ogc:def:crs:EPSG::4549')), { code: 'EPSG:4549', source: 'file', issues: [] });
  });

  test('config wins over the file, with a warning when they differ', () => {
    const r = resolveLayerCrs('EPSG:4528', member('urn:ogc:def:crs:EPSG::4549'), { layer: 'parcels' });
    assert.equal(r.code, 'EPSG:4528');
    assert.equal(r.source, 'config');
    assert.deepEqual(r.issues.map((i) => [i.code, i.severity, i.layer]), [['crs-config-overrides-file', 'warning', 'parcels']]);
    const same = resolveLayerCrs('urn:ogc:def:crs:OGC:1.3:CRS84', member('CRS84'));
    assert.deepEqual(same, { code: 'OGC:CRS84', source: 'config', issues: [] });
  });

  test('unparseable and unsupported declarations are errors', () => {
    const a = resolveLayerCrs('Gauss zone 40', {}, { layer: 'pois' });
    assert.deepEqual(a.issues.map((i) => [i.code, i.severity, i.layer]), [['crs-name-unparseable', 'error', 'pois']]);
    const b = resolveLayerCrs('EPSG:3395', {});
    assert.equal(b.code, 'EPSG:3395');
    assert.deepEqual(b.issues.map((i) => i.code), ['crs-unsupported']);
    const c = resolveLayerCrs(undefined, member('EPSG:3395'));
    assert.deepEqual([c.source, c.issues.map((i) => i.code)], ['file', ['crs-unsupported']]);
  });

  test('a link member without a config declaration is an error, not a guess', () => {
    const r = resolveLayerCrs(undefined, { crs: { type: 'link', properties: { href: 'x.prj', type: 'esriwkt' } } });
    assert.equal(r.source, 'file');
    assert.deepEqual(r.issues.map((i) => [i.code, i.severity]), [['crs-member-unreadable', 'error']]);
    // …and the config resolves it silently.
    assert.deepEqual(resolveLayerCrs('EPSG:4549', { crs: { type: 'link', properties: {} } }).issues, []);
  });
});

describe('detectProjectedWithoutCrs', () => {
  test('GK metres read as degrees are an error; lon/lat and projected codes pass', () => {
    const issues = detectProjectedWithoutCrs([500100, 3320000, 512000, 3331000], 'EPSG:4326', { layer: 'parcels' });
    assert.deepEqual(issues.map((i) => [i.code, i.severity, i.layer]), [['crs-coordinates-not-lonlat', 'error', 'parcels']]);
    assert.deepEqual(issues[0].actual, [500100, 3320000, 512000, 3331000]);
    assert.equal(detectProjectedWithoutCrs([500100, 3320000, 512000, 3331000]).length, 1); // default EPSG:4326
    assert.deepEqual(detectProjectedWithoutCrs([120.4, 31.1, 120.8, 31.5]), []);
    assert.deepEqual(detectProjectedWithoutCrs([-180, -90, 180, 90], 'EPSG:4326'), []);
    assert.equal(detectProjectedWithoutCrs([-180.5, 0, 0, 1], 'OGC:CRS84').length, 1);
    assert.equal(detectProjectedWithoutCrs([100, 0, 101, 90.01], 'EPSG:4490').length, 1);
    assert.deepEqual(detectProjectedWithoutCrs([500100, 3320000, 512000, 3331000], 'EPSG:4549'), []);
    assert.deepEqual(detectProjectedWithoutCrs([Infinity, Infinity, -Infinity, -Infinity]), []);
  });

  test('the options-object form answers the issue or null', () => {
    const issue = detectProjectedWithoutCrs([500100, 3320000, 512000, 3331000], { code: 'EPSG:4326', layer: 'pois' });
    assert.deepEqual([issue?.code, issue?.layer], ['crs-coordinates-not-lonlat', 'pois']);
    assert.equal(detectProjectedWithoutCrs([120.4, 31.1, 120.8, 31.5], { code: 'EPSG:4326' }), null);
    assert.equal(detectProjectedWithoutCrs([500100, 3320000, 512000, 3331000], { code: 'EPSG:4549' }), null);
  });
});

describe('chooseWorkingCrs', () => {
  const around = (lon: number, lat: number, r = 0.15): [number, number, number, number] => [lon - r, lat - r, lon + r, lat + r];

  test('Suzhou (120.6°E, 31.3°N) → EPSG:4549, CM 120E = round(120.6/3)·3', () => {
    const w = chooseWorkingCrs(around(120.6, 31.3));
    assert.equal(w.code, 'EPSG:4549');
    assert.equal(w.proj4, getProj4Definition('EPSG:4549'));
    assert.match(w.reason, /China/);
    assert.match(w.reason, /EPSG:4549/);
  });

  test('Wuxi Xinwu (120.43°E, 31.5°N) → EPSG:4549', () => {
    assert.equal(chooseWorkingCrs(around(120.43, 31.5, 0.1)).code, 'EPSG:4549');
  });

  test('Liechtenstein (9.52°E, 47.14°N) → EPSG:32632: zone floor((9.52+180)/6)+1 = 32', () => {
    const w = chooseWorkingCrs([9.47, 47.05, 9.64, 47.27]);
    assert.equal(w.code, 'EPSG:32632');
    assert.match(w.reason, /outside China/);
  });

  test('southern hemisphere: Sydney (151.21°E, 33.87°S) → EPSG:32756, zone floor(331.21/6)+1 = 56', () => {
    assert.equal(chooseWorkingCrs(around(151.21, -33.87)).code, 'EPSG:32756');
  });

  test('other Chinese cities get their 3° zone by CM = round(lon/3)·3, code 4534 + (CM−75)/3', () => {
    const cities: [string, number, number, string][] = [
      ['Urumqi', 87.6, 43.8, 'EPSG:4538'], // CM 87
      ['Kashgar', 76.0, 39.5, 'EPSG:4534'], // CM 75
      ['Lhasa', 91.1, 29.65, 'EPSG:4539'], // CM 90
      ['Harbin', 126.6, 45.8, 'EPSG:4551'], // CM 126
      ['Haikou', 110.3, 20.0, 'EPSG:4546'], // CM 111
      ['Jinghong', 100.8, 22.0, 'EPSG:4543'], // 100.8/3 = 33.6 → 34 → CM 102
    ];
    for (const [name, lon, lat, code] of cities) {
      assert.equal(isInChinaOutline(lon, lat), true, name);
      assert.equal(chooseWorkingCrs(around(lon, lat, 0.05)).code, code, name);
    }
  });

  test('neighbours inside the old lon/lat bbox of China get UTM', () => {
    const places: [string, number, number, string][] = [
      ['Delhi', 77.2, 28.6, 'EPSG:32643'],
      ['Hanoi', 105.85, 21.03, 'EPSG:32648'],
      ['Seoul', 126.98, 37.57, 'EPSG:32652'],
      ['Ulaanbaatar', 106.9, 47.9, 'EPSG:32648'],
      ['Fukuoka', 130.4, 33.6, 'EPSG:32652'],
      ['Vladivostok', 131.9, 43.1, 'EPSG:32652'],
    ];
    for (const [name, lon, lat, code] of places) {
      assert.equal(isInChinaOutline(lon, lat), false, name);
      assert.equal(chooseWorkingCrs(around(lon, lat, 0.05)).code, code, name);
    }
  });

  test('the reason states the scale distortion: k0·(1 + (Δλ cos φ)²/2) − 1 at the bbox edge', () => {
    // Suzhou bbox 120.45..120.75 at lat ≥ 31.15: Δλ = 0.75°, (0.013090·cos 31.15°)²/2 = 6.0e-5 → 0.006 %
    assert.match(chooseWorkingCrs(around(120.6, 31.3)).reason, /at most 0\.006 %/);
    // UTM on its CM: |0.9996 − 1| = 0.040 %
    assert.match(chooseWorkingCrs([8.9, 47, 9.1, 47.2]).reason, /at most 0\.040 %/);
  });

  test('a bbox crossing the antimeridian is centred across it', () => {
    // Fiji-like bbox 179°E..177°W: centre (179 + (−177 + 360))/2 = 181 → −179° → zone 1 south.
    assert.equal(chooseWorkingCrs([179, -18, -177, -16]).code, 'EPSG:32701');
    // 177°E..179°W: centre 179°E → zone 60 south.
    assert.equal(chooseWorkingCrs([177, -18, -179, -16]).code, 'EPSG:32760');
  });

  test('a bbox that is not lon/lat degrees is a caller bug', () => {
    assert.throws(() => chooseWorkingCrs([500000, 3300000, 510000, 3310000]), (e: unknown) => e instanceof EngineError && e.code === 'crs-invalid-bbox');
    assert.throws(() => chooseWorkingCrs([NaN, 0, 1, 1]), EngineError);
  });
});

describe('issue catalogue', () => {
  test('every crs issue code is in the catalogue', () => {
    for (const code of ['crs-name-unparseable', 'crs-unsupported', 'crs-member-unreadable', 'crs-config-overrides-file', 'crs-coordinates-not-lonlat']) {
      assert.ok(MESSAGES[code], code);
    }
  });
});
