/**
 * The CRSs the engine bundles, as proj4 definition strings generated from the EPSG code ranges
 * rather than typed out by hand (docs/crs.md lists them and the official parameters they were
 * checked against).
 *
 * Nothing here registers anything with `proj4.defs`: the registry is global and shared with the
 * map, and the engine is side-effect free. {@link createTransform} builds converters straight
 * from these strings; a widget that wants a code in OpenLayers registers it itself with
 * {@link getProj4Definition}.
 */

/** What kind of coordinates a CRS has: degrees (lon, lat) or metres (easting, northing). */
export type CrsKind = 'geographic' | 'projected';

/** A bundled CRS. */
export interface CrsInfo {
  /** Canonical code, `EPSG:nnnn` or `OGC:CRS84`. */
  code: string;
  /** Official EPSG name (or OGC's for CRS84). */
  name: string;
  kind: CrsKind;
  /** proj4 definition; x is always east (lon or easting), y north (see docs/crs.md, axis order). */
  proj4: string;
  /**
   * For the legacy Chinese datums (Xian 1980, Beijing 1954): the datum's name. The engine
   * converts them with no datum shift (docs/geometry-hygiene.md, "Legacy CRSs"), so positions
   * may be off by up to ~100 m against WGS 84 / CGCS2000 data; `resolveLayerCrs` warns.
   */
  legacyDatum?: 'Xian 1980' | 'Beijing 1954';
}

// WGS 84 with an explicit datum, so transforms to other WGS 84 CRSs skip datum work.
const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';
// CGCS2000: GRS80 ellipsoid with no datum shift, so positions pass through unchanged to and from
// WGS 84 (the two frames agree to a few centimetres; docs/crs.md "EPSG:4490 ≈ WGS 84").
const CGCS2000_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';
// Spherical Mercator on the WGS 84 semi-major axis; `nadgrids=@null` says: no datum shift.
const WEB_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';

/** Gauss–Krüger on CGCS2000 is a transverse Mercator on GRS80 with scale 1 on the meridian. */
function cgcs2000Tmerc(lon0: number, x0: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

// The legacy datums by their ellipsoids alone, with no towgs84: there are no official public
// parameters to WGS 84 / CGCS2000 (EPSG's Beijing 1954 sets cover only the Tarim basin and two
// offshore areas; Xian 1980 has none), so latitude and longitude pass through unchanged, as
// PROJ's own "ballpark" transformation does. Xian 1980: IAG 1975 ellipsoid (PROJ's IAU76).
// Beijing 1954: Krassowsky 1940.
const XIAN80_ELLPS = '+a=6378140 +rf=298.257';
const BEIJING54_ELLPS = '+a=6378245 +rf=298.3';

/** Gauss–Krüger on a legacy datum: transverse Mercator, scale 1 on the central meridian. */
function legacyTmerc(ellps: string, lon0: number, x0: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 ${ellps} +units=m +no_defs`;
}

/** The Xian 1980 and Beijing 1954 codes (EPSG ranges checked against PROJ 9's database). */
function legacyInfo(n: number): CrsInfo | null {
  const code = `EPSG:${n}`;
  const make = (datum: 'Xian 1980' | 'Beijing 1954', name: string, lon0: number, x0: number): CrsInfo => ({
    code, name: `${datum} / ${name}`, kind: 'projected', legacyDatum: datum,
    proj4: legacyTmerc(datum === 'Xian 1980' ? XIAN80_ELLPS : BEIJING54_ELLPS, lon0, x0),
  });
  if (n === 4610) return { code, name: 'Xian 1980', kind: 'geographic', legacyDatum: 'Xian 1980', proj4: `+proj=longlat ${XIAN80_ELLPS} +no_defs` };
  if (n === 4214) return { code, name: 'Beijing 1954', kind: 'geographic', legacyDatum: 'Beijing 1954', proj4: `+proj=longlat ${BEIJING54_ELLPS} +no_defs` };
  // Xian 1980 6-degree zones 13..23 (CM 75..135 E), zone prefix: 2333 = zone 19, CM 111.
  if (n >= 2327 && n <= 2337) { const z = n - 2327 + 13; return make('Xian 1980', `Gauss-Kruger zone ${z}`, z * 6 - 3, z * 1e6 + 500000); }
  if (n >= 2338 && n <= 2348) { const cm = 75 + (n - 2338) * 6; return make('Xian 1980', `Gauss-Kruger CM ${cm}E`, cm, 500000); }
  // Xian 1980 3-degree zones 25..45 (CM = 3·zone), zone prefix: 2359 = zone 35, CM 105.
  if (n >= 2349 && n <= 2369) { const z = n - 2349 + 25; return make('Xian 1980', `3-degree Gauss-Kruger zone ${z}`, z * 3, z * 1e6 + 500000); }
  // Xian 1980 3-degree by central meridian: 2370 = CM 75E … 2385 = CM 120E … 2390 = CM 135E.
  if (n >= 2370 && n <= 2390) { const cm = 75 + (n - 2370) * 3; return make('Xian 1980', `3-degree Gauss-Kruger CM ${cm}E`, cm, 500000); }
  // Beijing 1954 3-degree zones 25..45, zone prefix: 2412 = zone 36, CM 108.
  if (n >= 2401 && n <= 2421) { const z = n - 2401 + 25; return make('Beijing 1954', `3-degree Gauss-Kruger zone ${z}`, z * 3, z * 1e6 + 500000); }
  // Beijing 1954 3-degree by central meridian: 2422 = CM 75E … 2435 = CM 114E … 2442 = CM 135E.
  if (n >= 2422 && n <= 2442) { const cm = 75 + (n - 2422) * 3; return make('Beijing 1954', `3-degree Gauss-Kruger CM ${cm}E`, cm, 500000); }
  // Beijing 1954 6-degree zones 13..23, zone prefix; by CM (21453..21463); and the deprecated
  // "Gauss-Kruger 13N..23N" codes (21473..21483), which are the CM variants under another name.
  if (n >= 21413 && n <= 21423) { const z = n - 21413 + 13; return make('Beijing 1954', `Gauss-Kruger zone ${z}`, z * 6 - 3, z * 1e6 + 500000); }
  if (n >= 21453 && n <= 21463) { const cm = 75 + (n - 21453) * 6; return make('Beijing 1954', `Gauss-Kruger CM ${cm}E`, cm, 500000); }
  if (n >= 21473 && n <= 21483) { const z = n - 21473 + 13; return make('Beijing 1954', `Gauss-Kruger ${z}N`, z * 6 - 3, 500000); }
  return null;
}

function utm(zone: number, south: boolean): string {
  return `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`;
}

/** Build the info for one EPSG number, or null when the engine does not bundle it. */
function epsgInfo(n: number): CrsInfo | null {
  const code = `EPSG:${n}`;
  if (n === 4326) return { code, name: 'WGS 84', kind: 'geographic', proj4: WGS84_LONLAT };
  if (n === 4490) return { code, name: 'China Geodetic Coordinate System 2000', kind: 'geographic', proj4: CGCS2000_LONLAT };
  if (n === 3857) return { code, name: 'WGS 84 / Pseudo-Mercator', kind: 'projected', proj4: WEB_MERCATOR };
  // CGCS2000 6-degree zones 13..23 (CM 75..135 E), zone number prefixed to the false easting.
  if (n >= 4491 && n <= 4501) {
    const zone = n - 4491 + 13;
    const lon0 = zone * 6 - 3;
    return { code, name: `CGCS2000 / Gauss-Kruger zone ${zone}`, kind: 'projected', proj4: cgcs2000Tmerc(lon0, zone * 1e6 + 500000) };
  }
  // CGCS2000 6-degree zones by central meridian, no zone prefix.
  if (n >= 4502 && n <= 4512) {
    const lon0 = 75 + (n - 4502) * 6;
    return { code, name: `CGCS2000 / Gauss-Kruger CM ${lon0}E`, kind: 'projected', proj4: cgcs2000Tmerc(lon0, 500000) };
  }
  // CGCS2000 3-degree zones 25..45 (CM 75..135 E), zone number prefixed: 4527 = zone 39, CM 117.
  if (n >= 4513 && n <= 4533) {
    const zone = n - 4513 + 25;
    const lon0 = zone * 3;
    return { code, name: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`, kind: 'projected', proj4: cgcs2000Tmerc(lon0, zone * 1e6 + 500000) };
  }
  // CGCS2000 3-degree zones by central meridian: 4534 = CM 75E ... 4549 = CM 120E ... 4554 = CM 135E.
  if (n >= 4534 && n <= 4554) {
    const lon0 = 75 + (n - 4534) * 3;
    return { code, name: `CGCS2000 / 3-degree Gauss-Kruger CM ${lon0}E`, kind: 'projected', proj4: cgcs2000Tmerc(lon0, 500000) };
  }
  if (n >= 32601 && n <= 32660) {
    const zone = n - 32600;
    return { code, name: `WGS 84 / UTM zone ${zone}N`, kind: 'projected', proj4: utm(zone, false) };
  }
  if (n >= 32701 && n <= 32760) {
    const zone = n - 32700;
    return { code, name: `WGS 84 / UTM zone ${zone}S`, kind: 'projected', proj4: utm(zone, true) };
  }
  return legacyInfo(n);
}

const CRS84_INFO: CrsInfo = { code: 'OGC:CRS84', name: 'WGS 84 (CRS84)', kind: 'geographic', proj4: WGS84_LONLAT };

/**
 * Codes whose positions are the same numbers: WGS 84 lon/lat in either spelling, and CGCS2000
 * lon/lat, which the engine treats as WGS 84 (docs/crs.md). Transforms between them are copies.
 */
const WGS84_EQUIVALENT = new Set(['EPSG:4326', 'OGC:CRS84', 'EPSG:4490']);

/**
 * Describe a bundled CRS by its canonical code (`EPSG:4549`, `OGC:CRS84`).
 *
 * @param code - canonical code, as returned by `parseCrsName`.
 * @returns the CRS's name, kind and proj4 definition, or `null` when it is not bundled.
 * @example
 * describeCrs('EPSG:4527')?.proj4; // '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 ...'
 */
export function describeCrs(code: string): CrsInfo | null {
  if (code === 'OGC:CRS84') return CRS84_INFO;
  const m = /^EPSG:([1-9]\d*)$/.exec(code);
  return m ? epsgInfo(Number(m[1])) : null;
}

/**
 * The proj4 definition of a bundled CRS, for registering it with proj4 or OpenLayers.
 *
 * @param code - canonical code.
 * @returns the definition string, or `null` when the code is not bundled.
 * @example
 * getProj4Definition('EPSG:4549'); // '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 ...'
 */
export function getProj4Definition(code: string): string | null {
  return describeCrs(code)?.proj4 ?? null;
}

/**
 * Whether the engine can transform coordinates in this CRS.
 *
 * @param code - canonical code (`parseCrsName` output); other spellings answer `false`.
 * @example
 * isKnownCrs('EPSG:32650'); // true
 * isKnownCrs('EPSG:2385');  // true (Xian 1980 / 3-degree GK CM 120E, converted with no datum shift)
 * isKnownCrs('EPSG:4555');  // false (New Beijing is not bundled)
 */
export function isKnownCrs(code: string): boolean {
  return describeCrs(code) !== null;
}

/**
 * Whether a bundled CRS has lon/lat degrees as coordinates.
 *
 * @returns `true` for EPSG:4326, OGC:CRS84, EPSG:4490 and the legacy EPSG:4610 (Xian 1980) and
 *   EPSG:4214 (Beijing 1954); `false` for projected or unknown codes.
 */
export function isGeographicCrs(code: string): boolean {
  return describeCrs(code)?.kind === 'geographic';
}

/**
 * Whether two canonical codes hold identical positions (same code, or both WGS 84-equivalent
 * lon/lat), so converting between them is a copy.
 */
export function isSameCrs(a: string, b: string): boolean {
  return a === b || (WGS84_EQUIVALENT.has(a) && WGS84_EQUIVALENT.has(b));
}

/**
 * Every bundled canonical code, in ascending order (OGC:CRS84 first): 329 codes (188 WGS 84 /
 * CGCS2000 ones and 141 Xian 1980 / Beijing 1954 ones).
 *
 * @example
 * listBundledCrs().includes('EPSG:4549'); // true
 */
export function listBundledCrs(): string[] {
  const out = ['OGC:CRS84'];
  const numbers = [3857, 4326, 4490, 4214, 4610];
  const range = (a: number, b: number): void => { for (let n = a; n <= b; n++) numbers.push(n); };
  range(4491, 4554);
  range(32601, 32660);
  range(32701, 32760);
  range(2327, 2390); // Xian 1980
  range(2401, 2442); // Beijing 1954 3-degree
  range(21413, 21423);
  range(21453, 21463);
  range(21473, 21483); // Beijing 1954 6-degree
  numbers.sort((a, b) => a - b);
  for (const n of numbers) out.push(`EPSG:${n}`);
  return out;
}
