/**
 * Choosing the projected metric CRS in which areas and lengths are measured (METHOD.md: "always
 * measured in a projected metric CRS").
 */
import { EngineError } from '../types.js';
import { describeCrs } from './definitions.js';

/** The working CRS of a run, as recorded in the run report. */
export interface WorkingCrs {
  /** Canonical code, `EPSG:45xx` or `EPSG:326xx` / `EPSG:327xx`. */
  code: string;
  /** proj4 definition of that code. */
  proj4: string;
  /** One sentence for the report: why this CRS, and its largest scale distortion over the area. */
  reason: string;
}

/**
 * A coarse outline of mainland China and Hainan as `[lon, lat, lon, lat, ...]`, vertices every
 * few hundred kilometres, drawn to within about 50 km of the boundary. It only picks a working
 * CRS: a centre misplaced near the border still gets a valid metric CRS (either choice measures
 * a city-sized area to well under 0.1 %). A bbox test (lon 73–135, lat 18–54) was rejected
 * because it takes in Delhi, Hanoi, Seoul, Ulaanbaatar and Kyushu.
 */
// prettier-ignore
const CHINA_OUTLINE: readonly number[] = [
  122.3, 53.5, 125.5, 53.0, 127.5, 49.8, 130.6, 48.9, 133.0, 48.4, 134.8, 48.3,   // Amur
  133.1, 45.1, 131.0, 44.9, 131.3, 43.0, 130.6, 42.4, 129.0, 42.0, 128.0, 41.5,   // Ussuri, Tumen
  126.5, 41.6, 124.3, 39.9,                                                       // Yalu
  121.2, 38.7, 122.7, 37.4, 120.3, 36.0, 119.2, 34.6, 121.9, 31.7, 122.0, 30.9,   // Bohai..Shanghai
  122.5, 30.0, 121.0, 27.9, 119.6, 25.5, 118.2, 24.4, 116.8, 23.3, 114.3, 22.2,   // ..Hong Kong
  111.0, 21.4, 110.6, 20.3, 111.1, 19.8, 110.5, 18.7, 109.6, 18.1, 108.6, 18.4,   // Leizhou, Hainan
  108.6, 19.3, 109.3, 20.0, 109.6, 21.5, 108.0, 21.5,                             // Beibu Gulf
  106.7, 22.0, 106.5, 22.9, 105.5, 23.3, 104.0, 22.7, 102.2, 22.4, 101.7, 21.2,   // Vietnam, Laos
  101.0, 21.6,  99.5, 22.1,  98.9, 23.2,  97.5, 24.0,  97.7, 25.0,  98.7, 27.5,   // Myanmar
   97.5, 28.3,  96.2, 29.0,  95.4, 29.0,  92.0, 27.8,  88.0, 27.9,  85.9, 28.0,   // Himalaya
   81.3, 30.1,  79.0, 31.0,  78.5, 32.6,  79.5, 35.5,  77.8, 35.5,  75.9, 36.8,   // Karakoram
   74.9, 37.2,  73.6, 39.4,  75.5, 40.6,  76.9, 41.0,  80.2, 42.2,  80.4, 45.0,   // Pamir, Tianshan
   82.5, 45.3,  83.0, 47.2,  85.5, 47.0,  87.3, 49.1,  90.0, 47.8,  90.9, 46.0,   // Altai
   91.0, 45.0,  95.4, 44.3,  96.4, 42.7, 100.0, 42.6, 105.0, 41.6, 107.0, 42.4,   // Mongolia
  110.4, 42.8, 111.9, 43.7, 111.7, 44.3, 114.0, 44.9, 116.5, 46.0, 117.4, 46.6,
  119.9, 46.7, 118.2, 47.0, 115.6, 47.8, 117.4, 49.6, 119.2, 50.3, 120.7, 52.5,   // Hulunbuir
];

/**
 * Whether a point lies inside the coarse outline of mainland China and Hainan used to pick the
 * working CRS (about 50 km accuracy; see docs/crs.md).
 *
 * @param lon - longitude, degrees east.
 * @param lat - latitude, degrees north.
 */
export function isInChinaOutline(lon: number, lat: number): boolean {
  // Ray casting to the east: count edge crossings.
  let inside = false;
  const n = CHINA_OUTLINE.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = CHINA_OUTLINE[2 * i], yi = CHINA_OUTLINE[2 * i + 1];
    const xj = CHINA_OUTLINE[2 * j], yj = CHINA_OUTLINE[2 * j + 1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const DEG = Math.PI / 180;

/**
 * Largest linear scale distortion |k − 1| of a transverse Mercator with scale `k0` on its central
 * meridian over the bbox, from k ≈ k0·(1 + (Δλ·cos φ)²/2) (the leading term; exact to about
 * 1e-7 over a 3° zone).
 */
function maxScaleDistortion(k0: number, lon0: number, bbox: readonly number[]): number {
  const dLon = Math.max(Math.abs(bbox[0] - lon0), Math.abs(bbox[2] - lon0)) * DEG;
  // cos φ is largest at the latitude nearest the equator.
  const nearestEquator = bbox[1] <= 0 && bbox[3] >= 0 ? 0 : Math.min(Math.abs(bbox[1]), Math.abs(bbox[3]));
  const c = dLon * Math.cos(nearestEquator * DEG);
  const kEdge = k0 * (1 + (c * c) / 2);
  return Math.max(Math.abs(k0 - 1), Math.abs(kEdge - 1));
}

function formatLon(lon: number): string {
  return `${Math.abs(lon).toFixed(3)}°${lon < 0 ? 'W' : 'E'}`;
}
function formatLat(lat: number): string {
  return `${Math.abs(lat).toFixed(3)}°${lat < 0 ? 'S' : 'N'}`;
}

/**
 * Choose the working metric CRS for a study area. Centre inside China's outline
 * ({@link isInChinaOutline}): the CGCS2000 3-degree Gauss–Krüger zone without zone prefix
 * (EPSG:4534–4554, central meridian round(lon/3)·3, the national convention for city-scale
 * work). Elsewhere: the WGS 84 UTM zone of the centre, north or south by the centre's latitude
 * (Norway/Svalbard exceptions not applied: any zone measures correctly, only distortion varies).
 *
 * The centre is the bbox centre; a bbox with `minLon > maxLon` is taken to cross the antimeridian.
 *
 * @param lonLatBbox - `[minLon, minLat, maxLon, maxLat]` in degrees (WGS 84 or CGCS2000).
 * @returns code, proj4 definition and a one-sentence reason that states the largest linear scale
 *   distortion over the bbox (area distortion is about twice that).
 * @throws EngineError `crs-invalid-bbox` when the bbox is not finite lon/lat degrees (callers
 *   check coordinates first with `detectProjectedWithoutCrs`).
 * @example
 * chooseWorkingCrs([120.45, 31.15, 120.75, 31.45]).code; // 'EPSG:4549' (Suzhou, CM 120E)
 * chooseWorkingCrs([9.47, 47.05, 9.64, 47.27]).code;     // 'EPSG:32632' (Liechtenstein)
 */
export function chooseWorkingCrs(lonLatBbox: readonly [number, number, number, number] | readonly number[]): WorkingCrs {
  const [minLon, minLat, maxLon, maxLat] = lonLatBbox;
  const ok = [minLon, minLat, maxLon, maxLat].every(Number.isFinite) &&
    minLat >= -90 && maxLat <= 90 && minLat <= maxLat && minLon >= -180 && maxLon <= 180;
  if (!ok) {
    throw new EngineError('crs-invalid-bbox', `lonLatBbox must be [minLon, minLat, maxLon, maxLat] in degrees, got ${JSON.stringify(lonLatBbox)}`);
  }
  const crossesAntimeridian = minLon > maxLon;
  let lon = crossesAntimeridian ? (minLon + maxLon + 360) / 2 : (minLon + maxLon) / 2;
  if (lon > 180) lon -= 360;
  const lat = (minLat + maxLat) / 2;
  // Unwrapped bbox around the centre, for the distortion estimate.
  const bbox = crossesAntimeridian ? [minLon, minLat, maxLon + 360, maxLat] : [minLon, minLat, maxLon, maxLat];
  const centre = `${formatLon(lon)}, ${formatLat(lat)}`;

  if (isInChinaOutline(lon, lat)) {
    // 3-degree zones are centred on multiples of 3° (zone n has CM 3n): EPSG:4534 is CM 75E.
    const cm = Math.min(135, Math.max(75, Math.round(lon / 3) * 3));
    const info = describeCrs(`EPSG:${4534 + (cm - 75) / 3}`)!;
    const k = maxScaleDistortion(1, cm, bbox);
    return {
      code: info.code,
      proj4: info.proj4,
      reason: `The study area's centre (${centre}) lies in China, so areas and lengths are measured in ${info.name} (${info.code}), ` +
        `the CGCS2000 3-degree Gauss-Kruger zone whose central meridian is nearest; linear scale distortion over the area is at most ${(k * 100).toFixed(3)} %.`,
    };
  }

  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  const south = lat < 0;
  const info = describeCrs(`EPSG:${(south ? 32700 : 32600) + zone}`)!;
  const cm = zone * 6 - 183;
  // In the bbox's own unwrapped frame the CM may sit 360° away.
  const cmNear = Math.abs(cm - (bbox[0] + bbox[2]) / 2) > 180 ? cm + 360 : cm;
  const k = maxScaleDistortion(0.9996, cmNear, bbox);
  return {
    code: info.code,
    proj4: info.proj4,
    reason: `The study area's centre (${centre}) lies outside China, so areas and lengths are measured in ${info.name} (${info.code}), ` +
      `the UTM zone of the centre; linear scale distortion over the area is at most ${(k * 100).toFixed(3)} %.`,
  };
}
