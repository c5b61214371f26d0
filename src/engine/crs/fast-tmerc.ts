/**
 * Transverse Mercator forward (geographic → Gauss–Krüger / UTM) without proj4's per-point
 * overhead: the projection step of a 10⁵-parcel city runs 10⁶ positions through it.
 *
 * The formulas are Krüger's series to sixth order in the third flattening n, as written by
 * Karney (2011, "Transverse Mercator with an accuracy of a few nanometers", eqs. 7–9, 11, 35),
 * which is also what proj4's `etmerc` (its default `tmerc`) evaluates; within 4,000 km of the
 * central meridian the series is good to a few nanometres. A test compares every bundled
 * Gauss–Krüger and UTM code against proj4 over the zone's width.
 *
 * Only the cases where proj4 does nothing but this projection are taken: a geographic source
 * with no datum shift (every bundled lon/lat CRS: the datums are passed through, see
 * definitions.ts) and a `tmerc` / `utm` target in metres with no datum shift, axis or prime
 * meridian options. Anything else returns null and goes through proj4.
 */
import type { Position } from '../types.js';

/** The proj4 parameters of a target the fast path handles, or null. */
interface TmercParams {
  a: number;
  f: number;
  lon0: number;
  lat0: number;
  k0: number;
  x0: number;
  y0: number;
}

const ELLIPSOIDS: Record<string, { a: number; rf: number }> = {
  GRS80: { a: 6378137, rf: 298.257222101 },
  WGS84: { a: 6378137, rf: 298.257223563 },
};

function parseProj4(def: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const token of def.trim().split(/\s+/)) {
    if (!token.startsWith('+')) return new Map([['invalid', token]]);
    const eq = token.indexOf('=');
    if (eq < 0) out.set(token.slice(1), '');
    else out.set(token.slice(1, eq), token.slice(eq + 1));
  }
  return out;
}

/** Parameters of a lon/lat source the fast path accepts (no datum shift, Greenwich, degrees). */
function isPlainLonLat(def: string): boolean {
  const p = parseProj4(def);
  if (p.get('proj') !== 'longlat') return false;
  for (const k of p.keys()) if (!['proj', 'datum', 'ellps', 'a', 'rf', 'b', 'no_defs'].includes(k)) return false;
  const datum = p.get('datum');
  return datum === undefined || datum === 'WGS84';
}

function tmercParams(def: string): TmercParams | null {
  const p = parseProj4(def);
  const proj = p.get('proj');
  if (proj !== 'tmerc' && proj !== 'utm') return null;
  const allowed = ['proj', 'zone', 'south', 'lat_0', 'lon_0', 'k', 'k_0', 'x_0', 'y_0', 'ellps', 'datum', 'a', 'rf', 'units', 'no_defs'];
  for (const k of p.keys()) if (!allowed.includes(k)) return null;
  if ((p.get('units') ?? 'm') !== 'm') return null;
  const datum = p.get('datum');
  if (datum !== undefined && datum !== 'WGS84') return null;
  let a: number;
  let rf: number;
  if (p.has('a') && p.has('rf')) {
    a = Number(p.get('a'));
    rf = Number(p.get('rf'));
  } else {
    const e = ELLIPSOIDS[p.get('ellps') ?? (datum === 'WGS84' ? 'WGS84' : '')];
    if (!e) return null;
    ({ a, rf } = e);
  }
  if (!(a > 0) || !(rf > 1)) return null;
  const num = (k: string, fallback: number): number => (p.has(k) ? Number(p.get(k)) : fallback);
  if (proj === 'utm') {
    const zone = Number(p.get('zone'));
    if (!Number.isInteger(zone) || zone < 1 || zone > 60) return null;
    return { a, f: 1 / rf, lon0: zone * 6 - 183, lat0: 0, k0: 0.9996, x0: 500000, y0: p.has('south') ? 10000000 : 0 };
  }
  const out = { a, f: 1 / rf, lon0: num('lon_0', 0), lat0: num('lat_0', 0), k0: p.has('k') ? num('k', 1) : num('k_0', 1), x0: num('x_0', 0), y0: num('y_0', 0) };
  return Object.values(out).every(Number.isFinite) ? out : null;
}

const D2R = Math.PI / 180;

/**
 * A forward transverse Mercator from lon/lat degrees, or null when `fromProj4` → `toProj4` is
 * not a case this module handles exactly like proj4 (see the module comment).
 */
export function fastTmercForward(fromProj4: string, toProj4: string): ((xy: Position) => Position) | null {
  if (!isPlainLonLat(fromProj4)) return null;
  const p = tmercParams(toProj4);
  if (!p) return null;
  const { f, k0, x0, y0 } = p;
  const n = f / (2 - f);
  const n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
  const e = Math.sqrt(f * (2 - f));
  // Rectifying radius A (Karney eq. 14) and the α coefficients (eq. 35).
  const A = (p.a / (1 + n)) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
  const alpha = Float64Array.of(
    n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180 - (127 * n5) / 288 + (7891 * n6) / 37800,
    (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440 + (281 * n5) / 630 - (1983433 * n6) / 1935360,
    (61 * n3) / 240 - (103 * n4) / 140 + (15061 * n5) / 26880 + (167603 * n6) / 181440,
    (49561 * n4) / 161280 - (179 * n5) / 168 + (6601661 * n6) / 7257600,
    (34729 * n5) / 80640 - (3418889 * n6) / 1995840,
    (212378941 * n6) / 319334400,
  );
  const lon0 = p.lon0 * D2R;
  const kA = k0 * A;

  /** ξ, η of Krüger's series for latitude φ and longitude difference dλ (radians). */
  const project = (phi: number, dl: number, out: { xi: number; eta: number }): void => {
    const s = Math.sin(phi);
    // Conformal latitude: τ' = sinh(atanh(sin φ) − e·atanh(e·sin φ)) (eqs. 7–9).
    const tau = Math.sinh(Math.atanh(s) - e * Math.atanh(e * s));
    const cl = Math.cos(dl);
    const xiP = Math.atan2(tau, cl);
    const etaP = Math.asinh(Math.sin(dl) / Math.hypot(tau, cl));
    // Σ αj sin(2jξ') cosh(2jη') and Σ αj cos(2jξ') sinh(2jη') (eq. 11), j = 1..6, with the
    // multiple angles from the addition formulas (four transcendental calls instead of 24).
    const s1 = Math.sin(2 * xiP), c1 = Math.cos(2 * xiP), sh1 = Math.sinh(2 * etaP), ch1 = Math.cosh(2 * etaP);
    let sj = s1, cj = c1, shj = sh1, chj = ch1;
    let xi = xiP, eta = etaP;
    for (let j = 0; j < 6; j++) {
      const aj = alpha[j];
      xi += aj * sj * chj;
      eta += aj * cj * shj;
      const sn = sj * c1 + cj * s1, cn = cj * c1 - sj * s1, shn = shj * ch1 + chj * sh1, chn = chj * ch1 + shj * sh1;
      sj = sn; cj = cn; shj = shn; chj = chn;
    }
    out.xi = xi;
    out.eta = eta;
  };
  const scratch = { xi: 0, eta: 0 };
  project(p.lat0 * D2R, 0, scratch);
  const northingOfLat0 = kA * scratch.xi;

  return (xy) => {
    const lon = xy[0], lat = xy[1];
    const out = xy.length > 2 ? xy.slice() : [0, 0];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || lat > 90 || lat < -90) {
      out[0] = NaN;
      out[1] = NaN;
      return out;
    }
    let dl = lon * D2R - lon0;
    // proj4 reduces the longitude difference to (−π, π].
    if (dl > Math.PI) dl -= 2 * Math.PI * Math.floor((dl + Math.PI) / (2 * Math.PI));
    else if (dl <= -Math.PI) dl += 2 * Math.PI * Math.ceil((-dl - Math.PI) / (2 * Math.PI));
    project(lat * D2R, dl, scratch);
    const x = x0 + kA * scratch.eta;
    const y = y0 + kA * scratch.xi - northingOfLat0;
    out[0] = Number.isFinite(x) ? x : NaN;
    out[1] = Number.isFinite(x) && Number.isFinite(y) ? y : NaN;
    return out;
  };
}
