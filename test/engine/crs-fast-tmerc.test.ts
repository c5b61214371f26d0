/**
 * The fast transverse Mercator (crs/fast-tmerc.ts) against proj4, the independent reference:
 * every bundled Gauss–Krüger and UTM code, points over the zone's width and a wide band of
 * latitudes, agree to 1 mm; cases the fast path does not own are declined.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import { fastTmercForward } from '../../src/engine/crs/fast-tmerc.js';
import { createTransform, describeCrs } from '../../src/engine/crs/index.js';

const WGS84 = describeCrs('EPSG:4326')!.proj4;
const CGCS2000 = describeCrs('EPSG:4490')!.proj4;

/** Central meridian of a tmerc/utm proj4 string. */
function centralMeridian(def: string): number {
  const zone = /\+zone=(\d+)/.exec(def);
  if (zone) return Number(zone[1]) * 6 - 183;
  return Number(/\+lon_0=(-?[\d.]+)/.exec(def)![1]);
}

function codes(): string[] {
  const out: string[] = [];
  for (let n = 4491; n <= 4554; n++) out.push(`EPSG:${n}`);
  for (const n of [32601, 32632, 32650, 32660, 32701, 32733, 32750, 32760]) out.push(`EPSG:${n}`);
  // Xian 1980 and Beijing 1954 Gauss–Krüger (their own ellipsoids, no datum shift).
  for (const n of [2333, 2345, 2359, 2385, 2412, 2435, 21415, 21460, 21480]) out.push(`EPSG:${n}`);
  return out;
}

describe('fast transverse Mercator', () => {
  test('matches proj4 to 1 mm for every bundled Gauss–Krüger and UTM code', () => {
    let worst = 0;
    for (const code of codes()) {
      const def = describeCrs(code)!.proj4;
      for (const from of [WGS84, CGCS2000]) {
        const fast = fastTmercForward(from, def);
        assert.ok(fast, `${code}: the fast path takes ${def}`);
        const ref = proj4(from, def);
        const cm = centralMeridian(def);
        const south = def.includes('+south');
        for (let i = 0; i <= 12; i++) {
          for (let j = 0; j <= 16; j++) {
            const lon = cm - 3.5 + (7 * i) / 12;
            const lat = south ? -80 + (80 * j) / 16 : (84 * j) / 16;
            const [x, y] = fast([lon, lat]);
            const [rx, ry] = ref.forward([lon, lat]);
            const d = Math.hypot(x - rx, y - ry);
            worst = Math.max(worst, d);
            assert.ok(d < 1e-3, `${code} at ${lon},${lat}: ${x},${y} vs proj4 ${rx},${ry}`);
          }
        }
      }
    }
    assert.ok(worst < 1e-3);
  });

  test('a hand-checked point: (120°E, 30°N) on CGCS2000 CM 120E is (500000, 3320113.398) m', () => {
    // The northing is the GRS80 meridian arc from the equator to 30°N. GDAL 3.6 (PROJ 9):
    // `echo "120 30" | gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4549 -output_xy` prints
    // 500000 3320113.39784502.
    const [x, y] = createTransform('EPSG:4326', 'EPSG:4549')([120, 30]);
    assert.equal(x, 500000);
    assert.ok(Math.abs(y - 3320113.398) < 1e-3, String(y));
  });

  test('extra members pass through, the input is not mutated, bad input gives NaN', () => {
    const f = createTransform('EPSG:4326', 'EPSG:32632');
    const p = [9.5, 47.1, 455];
    const out = f(p);
    assert.deepEqual(p, [9.5, 47.1, 455]);
    assert.equal(out[2], 455);
    // GDAL 3.6 (PROJ 9): `echo "9.5 47.1" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32632 -output_xy`
    // prints 537941.771272908 5216398.12053805.
    assert.ok(Math.abs(out[0] - 537941.771273) < 1e-3 && Math.abs(out[1] - 5216398.120538) < 1e-3, String(out));
    assert.deepEqual(f([NaN, 47]).slice(0, 2), [NaN, NaN]);
    assert.deepEqual(f([9, 95]).slice(0, 2), [NaN, NaN]);
  });

  test('declines what it does not own', () => {
    assert.equal(fastTmercForward(WGS84, describeCrs('EPSG:3857')!.proj4), null);
    assert.equal(fastTmercForward(describeCrs('EPSG:4549')!.proj4, WGS84), null);
    assert.equal(fastTmercForward(WGS84, '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +towgs84=1,2,3 +units=m +no_defs'), null);
    assert.equal(fastTmercForward(WGS84, '+proj=tmerc +lon_0=120 +ellps=GRS80 +units=ft +no_defs'), null);
    assert.equal(fastTmercForward('+proj=longlat +ellps=GRS80 +towgs84=1,2,3 +no_defs', describeCrs('EPSG:4549')!.proj4), null);
  });
});
