/**
 * Reading the many spellings of a CRS name (config strings, GeoJSON legacy `crs` members, OGC
 * URNs and URIs) into one canonical code.
 */

/**
 * Codes that are other names for Web Mercator: 900913 ("google" in leet), 3785 (deprecated
 * EPSG code), 102100 / 102113 (Esri's).
 */
const WEB_MERCATOR_ALIASES = new Set([900913, 3785, 102100, 102113]);

const CRS84 = 'OGC:CRS84';

function epsg(digits: string): string | null {
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  return WEB_MERCATOR_ALIASES.has(n) ? 'EPSG:3857' : `EPSG:${n}`;
}

// Each pattern captures the EPSG number. Case-insensitive: files in the wild use every case.
const EPSG_PATTERNS: RegExp[] = [
  /^(\d+)$/,
  /^EPSG:{1,2}(\d+)$/i, // EPSG:4326, EPSG::4326
  /^ESRI:(102100|102113|900913)$/i,
  /^urn:(?:x-)?ogc:def:crs:EPSG:(?:[^:]*:)?(\d+)$/i, // urn:ogc:def:crs:EPSG::4549, …:EPSG:6.6:4326, …:EPSG:4326
  /^https?:\/\/(?:www\.)?opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d+)\/?$/i,
  /^https?:\/\/(?:www\.)?opengis\.net\/gml\/srs\/epsg\.xml#(\d+)$/i,
];

const CRS84_PATTERNS: RegExp[] = [
  /^(?:OGC:)?CRS:?84$/i, // CRS84, CRS:84 (WMS 1.3), OGC:CRS84
  /^urn:(?:x-)?ogc:def:crs:OGC:[^:]*:CRS:?84$/i, // urn:ogc:def:crs:OGC:1.3:CRS84, …:OGC::CRS84
  /^https?:\/\/(?:www\.)?opengis\.net\/def\/crs\/OGC\/[^/]+\/CRS84\/?$/i,
];

// Informal names seen in configs and exports; only the unambiguous ones.
const NAMED: Record<string, string> = {
  'wgs84': 'EPSG:4326',
  'wgs 84': 'EPSG:4326',
  'wgs 1984': 'EPSG:4326',
  'cgcs2000': 'EPSG:4490',
  'google': 'EPSG:3857',
};

/**
 * Canonical CRS code from any common spelling. Purely syntactic: the code may still be one the
 * engine does not bundle (check with `isKnownCrs`).
 *
 * Understood: `EPSG:4326`, `epsg:4326`, `EPSG::4326`, `4326` (string or number),
 * `urn:ogc:def:crs:EPSG::4549`, `urn:ogc:def:crs:EPSG:6.6:4326`, `urn:x-ogc:def:crs:EPSG:4326`,
 * `http://www.opengis.net/def/crs/EPSG/0/4490`, `http://www.opengis.net/gml/srs/epsg.xml#4326`,
 * `CRS84`, `CRS:84`, `OGC:CRS84`, `urn:ogc:def:crs:OGC:1.3:CRS84`,
 * `http://www.opengis.net/def/crs/OGC/1.3/CRS84`, and the names `WGS84`, `CGCS2000`. Web
 * Mercator's aliases (900913, 3785, ESRI:102100, 102113) all become `EPSG:3857`.
 *
 * @param name - the name as written; surrounding spaces are ignored.
 * @returns `EPSG:nnnn` or `OGC:CRS84`, or `null` when the name is not a CRS name.
 * @example
 * parseCrsName('urn:ogc:def:crs:EPSG::4549'); // 'EPSG:4549'
 * parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84'); // 'OGC:CRS84'
 * parseCrsName('EPSG:900913'); // 'EPSG:3857'
 */
export function parseCrsName(name: string | number): string | null {
  if (typeof name === 'number') return Number.isInteger(name) ? epsg(String(name)) : null;
  if (typeof name !== 'string') return null;
  const s = name.trim();
  if (s === '') return null;
  for (const re of CRS84_PATTERNS) if (re.test(s)) return CRS84;
  for (const re of EPSG_PATTERNS) {
    const m = re.exec(s);
    if (m) return epsg(m[1]);
  }
  return NAMED[s.toLowerCase()] ?? null;
}

/**
 * Canonical CRS code from a GeoJSON legacy `crs` member (GeoJSON 2008; RFC 7946 dropped it, but
 * GDAL, QGIS and ArcGIS still write it).
 *
 * Read: `{type: 'name', properties: {name}}`, `{type: 'EPSG', properties: {code}}` and the
 * draft `{type: 'OGC', properties: {urn}}`. A `link` member (a URL or file holding the CRS
 * text) is not followed: it answers `null` and the caller reports `crs-member-unreadable`.
 *
 * @param crs - the member as found in the file (any value).
 * @returns the canonical code, or `null` when the member is absent, malformed or unsupported.
 * @example
 * readLegacyCrsMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4549' } }); // 'EPSG:4549'
 * readLegacyCrsMember({ type: 'EPSG', properties: { code: 4326 } }); // 'EPSG:4326'
 */
export function readLegacyCrsMember(crs: unknown): string | null {
  if (crs === null || typeof crs !== 'object' || Array.isArray(crs)) return null;
  const { type, properties } = crs as { type?: unknown; properties?: unknown };
  if (typeof type !== 'string' || properties === null || typeof properties !== 'object') return null;
  const props = properties as Record<string, unknown>;
  const pick = (v: unknown): string | null =>
    typeof v === 'string' || typeof v === 'number' ? parseCrsName(v) : null;
  switch (type.toLowerCase()) {
    case 'name': return pick(props.name);
    case 'epsg': return pick(props.code);
    case 'ogc': return pick(props.urn);
    default: return null; // 'link' and anything else: not followed
  }
}
