/**
 * A Shapefile's .prj (ESRI WKT, sometimes OGC WKT1 with AUTHORITY, rarely WKT2) → EPSG code,
 * decided from the projection's parameters (datum, projection, central meridian, false easting,
 * scale factor), with the name used only to tell apart CRSs whose parameters coincide.
 */

/** A WKT node: `KEYWORD[value, value, …]`. */
export interface WktNode { keyword: string; values: Array<string | number | WktNode> }

/**
 * Parse WKT text into a tree. Keywords are upper-cased; quoted strings and numbers are values;
 * both `[]` and `()` brackets are accepted.
 *
 * @returns the root node, or `null` when the text is not WKT.
 */
export function parseWkt(text: string): WktNode | null {
  let i = 0;
  const s = text.trim();
  const ws = (): void => { while (i < s.length && /\s/.test(s[i])) i++; };
  const node = (): WktNode | null => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') return { keyword: m[0].toUpperCase(), values: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const values: WktNode['values'] = [];
    for (;;) {
      ws();
      if (i >= s.length) return null;
      if (s[i] === close) { i++; break; }
      if (s[i] === ',') { i++; continue; }
      if (s[i] === '"') {
        let j = i + 1;
        let str = '';
        while (j < s.length) {
          if (s[j] === '"') { if (s[j + 1] === '"') { str += '"'; j += 2; continue; } break; }
          str += s[j++];
        }
        if (j >= s.length) return null;
        values.push(str);
        i = j + 1;
        continue;
      }
      const num = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s.slice(i));
      if (num) { values.push(Number(num[0])); i += num[0].length; continue; }
      const child = node();
      if (!child) return null;
      values.push(child);
    }
    return { keyword: m[0].toUpperCase(), values };
  };
  const root = node();
  return root;
}

const child = (n: WktNode, kw: string): WktNode | undefined =>
  n.values.find((v): v is WktNode => typeof v === 'object' && v.keyword === kw);
const children = (n: WktNode, kw: string): WktNode[] =>
  n.values.filter((v): v is WktNode => typeof v === 'object' && v.keyword === kw);
const nameOf = (n: WktNode | undefined): string => (n && typeof n.values[0] === 'string' ? n.values[0] : '');

/** What {@link identifyPrj} found. */
export interface PrjIdentity {
  /** `EPSG:nnnn` (maybe one the engine does not bundle), or `null` when not identified. */
  code: string | null;
  /** Name of the CRS as the .prj writes it. */
  name: string;
  /** Why it could not be identified (when `code` is null). */
  reason?: string;
}

type Datum = 'wgs84' | 'cgcs2000' | 'xian1980' | 'beijing1954' | 'other';

function datumOf(geog: WktNode | undefined): Datum {
  const text = `${nameOf(geog)} ${nameOf(geog && child(geog, 'DATUM'))}`.toLowerCase().replace(/[\s-]+/g, '_');
  if (/china_2000|cgcs_?2000|china_geodetic/.test(text)) return 'cgcs2000';
  if (/xian_?1980|xi_an_1980/.test(text)) return 'xian1980';
  if (/beijing_?1954/.test(text)) return 'beijing1954';
  if (/wgs_?(19)?84/.test(text)) return 'wgs84';
  return 'other';
}

/** Datum → [geographic EPSG code, 6° zone-number codes (zones 13..23), 6° CM codes, 3° zone codes (25..45), 3° CM codes]. */
const GK_CODES: Record<'cgcs2000' | 'xian1980' | 'beijing1954', { geographic: number; zone6: number; cm6: number; zone3: number; cm3: number }> = {
  cgcs2000: { geographic: 4490, zone6: 4491, cm6: 4502, zone3: 4513, cm3: 4534 },
  xian1980: { geographic: 4610, zone6: 2327, cm6: 2338, zone3: 2349, cm3: 2370 },
  beijing1954: { geographic: 4214, zone6: 21413, cm6: 21453, zone3: 2401, cm3: 2422 },
};

const near = (a: number | undefined, b: number, tol = 1e-9): boolean => a !== undefined && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/**
 * Identify the EPSG code of a .prj.
 *
 * Order: an `AUTHORITY["EPSG", n]` / `ID["EPSG", n]` on the root wins. Otherwise, from the
 * parameters:
 * - geographic: WGS 84 → EPSG:4326, CGCS2000 → EPSG:4490, Xian 1980 → EPSG:4610, Beijing 1954 →
 *   EPSG:4214;
 * - Web Mercator (`Mercator_Auxiliary_Sphere`, or a name with Web/Pseudo Mercator) → EPSG:3857;
 * - transverse Mercator (`Transverse_Mercator` or `Gauss_Kruger`), latitude of origin 0, metres:
 *   WGS 84 with scale 0.9996, false easting 500000, central meridian 6z − 183 → UTM 326zz
 *   (false northing 0) or 327zz (10000000); CGCS2000 / Xian 1980 / Beijing 1954 with scale 1
 *   and false northing 0 → Gauss–Krüger: false easting 500000 with an integer central meridian
 *   → the "CM" code (3° zones unless the name says 6° (`GK_CM` without `3_Degree`), since the
 *   two give identical coordinates); false easting z·10⁶ + 500000 → the zone-prefixed code, 3° if
 *   the central meridian is 3z, 6° if it is 6z − 3.
 * Anything else → `code: null` with a reason.
 *
 * @param text - the .prj content.
 * @example
 * identifyPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]').code; // 'EPSG:4528'
 */
export function identifyPrj(text: string): PrjIdentity {
  const root = parseWkt(text);
  if (!root) return { code: null, name: text.trim().slice(0, 80), reason: 'the text is not WKT' };
  const name = nameOf(root);
  const auth = child(root, 'AUTHORITY') ?? child(root, 'ID');
  if (auth && typeof auth.values[0] === 'string' && auth.values[0].toUpperCase() === 'EPSG' && Number.isInteger(Number(auth.values[1]))) {
    return { code: `EPSG:${Number(auth.values[1])}`, name };
  }

  const kw = root.keyword;
  if (kw === 'GEOGCS' || kw === 'GEOGCRS' || kw === 'GEODCRS' || kw === 'BASEGEOGCRS') {
    const d = datumOf(root);
    if (d === 'wgs84') return { code: 'EPSG:4326', name };
    if (d !== 'other') return { code: `EPSG:${GK_CODES[d].geographic}`, name };
    return { code: null, name, reason: 'its datum is not WGS 84, CGCS2000, Xian 1980 or Beijing 1954' };
  }
  if (kw !== 'PROJCS' && kw !== 'PROJCRS') return { code: null, name, reason: `${kw} is not a geographic or projected CRS` };

  const geog = child(root, 'GEOGCS') ?? child(root, 'BASEGEOGCRS') ?? child(root, 'BASEGEODCRS');
  const datum = datumOf(geog);
  const conv = child(root, 'CONVERSION') ?? root;
  const projection = nameOf(child(conv, 'PROJECTION') ?? child(conv, 'METHOD')).toLowerCase().replace(/[\s-]+/g, '_');
  const params: Record<string, number> = {};
  for (const p of [...children(conv, 'PARAMETER')]) {
    if (typeof p.values[0] === 'string' && typeof p.values[1] === 'number') params[p.values[0].toLowerCase().replace(/[\s-]+/g, '_')] = p.values[1];
  }
  const lname = name.toLowerCase().replace(/[\s-]+/g, '_');
  const unit = child(root, 'UNIT') ?? child(root, 'LENGTHUNIT');
  const unitFactor = unit && typeof unit.values[1] === 'number' ? unit.values[1] : 1;
  if (!near(unitFactor, 1)) return { code: null, name, reason: `its unit is ${nameOf(unit)}, not metres` };

  if (projection.includes('mercator_auxiliary_sphere') || /web_mercator|pseudo_mercator|popular_visuali[sz]ation/.test(lname + ' ' + projection)) {
    return { code: 'EPSG:3857', name };
  }

  const cm = params.central_meridian ?? params.longitude_of_natural_origin ?? params.longitude_of_origin;
  const fe = params.false_easting ?? 0;
  const fn = params.false_northing ?? 0;
  const k = params.scale_factor ?? params.scale_factor_at_natural_origin ?? 1;
  const lat0 = params.latitude_of_origin ?? params.latitude_of_natural_origin ?? 0;
  const tm = projection === 'transverse_mercator' || projection === 'gauss_kruger' || projection.includes('transverse_mercator');
  if (!tm) return { code: null, name, reason: `projection ${projection || 'unknown'} is not transverse Mercator or Web Mercator` };
  if (cm === undefined) return { code: null, name, reason: 'it gives no central meridian' };
  if (!near(lat0, 0)) return { code: null, name, reason: `its latitude of origin is ${lat0}, not 0` };

  if (datum === 'wgs84') {
    const zone = (cm + 183) / 6;
    if (near(k, 0.9996) && near(fe, 500000) && Number.isInteger(zone) && zone >= 1 && zone <= 60) {
      if (near(fn, 0)) return { code: `EPSG:${32600 + zone}`, name };
      if (near(fn, 10000000)) return { code: `EPSG:${32700 + zone}`, name };
    }
    return { code: null, name, reason: `a WGS 84 transverse Mercator with central meridian ${cm}, false easting ${fe}, false northing ${fn} and scale ${k} is not a UTM zone` };
  }
  if (datum === 'other') return { code: null, name, reason: `its datum (${nameOf(geog && child(geog, 'DATUM'))}) is not WGS 84, CGCS2000, Xian 1980 or Beijing 1954` };

  const codes = GK_CODES[datum];
  if (!near(k, 1) || !near(fn, 0) || !Number.isInteger(cm)) {
    return { code: null, name, reason: `a Gauss-Kruger projection needs scale 1, false northing 0 and a whole-degree central meridian (got ${k}, ${fn}, ${cm})` };
  }
  if (near(fe, 500000)) {
    const sixDegree = /(^|_)gk_cm_|gauss_kruger_cm_/.test(lname) && !/3_degree/.test(lname);
    if (!sixDegree && cm % 3 === 0 && cm >= 75 && cm <= 135) return { code: `EPSG:${codes.cm3 + (cm - 75) / 3}`, name };
    if ((cm + 3) % 6 === 0 && cm >= 75 && cm <= 135) return { code: `EPSG:${codes.cm6 + (cm - 75) / 6}`, name };
  } else {
    const zone = Math.floor(fe / 1e6);
    if (near(fe, zone * 1e6 + 500000)) {
      if (cm === zone * 3 && zone >= 25 && zone <= 45) return { code: `EPSG:${codes.zone3 + zone - 25}`, name };
      if (cm === zone * 6 - 3 && zone >= 13 && zone <= 23) return { code: `EPSG:${codes.zone6 + zone - 13}`, name };
    }
  }
  return { code: null, name, reason: `no Gauss-Kruger zone has central meridian ${cm} with false easting ${fe}` };
}
