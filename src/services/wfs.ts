/**
 * A WFS client (1.0, 1.1 and 2.0): capabilities (layers, CRSs, output formats), fields from
 * DescribeFeatureType, and every feature of a layer through paged GetFeature requests, as GeoJSON
 * when the server offers it, else GML. Features come back in lon/lat WGS84 (x/y), whatever axis
 * order the version and format use on the wire.
 */
import type { Feature, FeatureCollection, Position } from '../engine/index.js';
import { ServiceError, getText, redactUrl, withParams } from './http.js';
import type { ServiceRequestOptions } from './http.js';
import { epsgOf, parseGmlFeatureCollection, swapAxes } from './gml.js';
import type { FieldKind } from './gml.js';
import { attr, child, childText, children, descendants, parseXml } from './xml.js';
import type { XmlElement } from './xml.js';

/** A WFS version this client speaks. */
export type WfsVersion = '1.0.0' | '1.1.0' | '2.0.0';

/** One feature type (layer) of a WFS. */
export interface WfsFeatureType {
  /** Name to request (`TYPENAME`), with its prefix when the server gives one. */
  name: string;
  title: string;
  /** Default CRS as the server writes it (`EPSG:2056`, `urn:ogc:def:crs:EPSG::4326`). */
  defaultCrs: string | null;
  /** Other CRSs the server reprojects to. */
  otherCrs: string[];
  /** Extent in lon/lat degrees `[west, south, east, north]`, when given. */
  wgs84BoundingBox: [number, number, number, number] | null;
  /** Output formats listed for this type (WFS 1.1), else empty. */
  outputFormats: string[];
}

/** What a WFS offers. */
export interface WfsCapabilities {
  /** The version the server answered with. */
  version: WfsVersion;
  title: string;
  featureTypes: WfsFeatureType[];
  /** GetFeature output formats the server lists. */
  outputFormats: string[];
  /** Whether GetFeature takes `STARTINDEX` (WFS 2.0 `ImplementsResultPaging`; assumed for 1.1, which most servers support as a vendor parameter). */
  paging: boolean;
  /** Server's cap on features per request (WFS 2.0 `CountDefault`), when stated. */
  countDefault: number | null;
}

/** A field of a feature type. */
export interface WfsField {
  name: string;
  /** The XSD type as written (`xsd:int`, `gml:MultiSurfacePropertyType`). */
  type: string;
  /** `geometry` for GML property types, else the kind of value. */
  kind: FieldKind | 'geometry' | 'other';
  nillable: boolean;
}

function versionOf(v: string | undefined): WfsVersion {
  if (v === '2.0.0' || v === '2.0.2' || v?.startsWith('2.')) return '2.0.0';
  if (v === '1.0.0') return '1.0.0';
  return '1.1.0';
}

function bboxOf(el: XmlElement | undefined): [number, number, number, number] | null {
  if (!el) return null;
  const lower = childText(el, 'LowerCorner');
  const upper = childText(el, 'UpperCorner');
  if (lower && upper) {
    const [w, s] = lower.split(/\s+/).map(Number);
    const [e, n] = upper.split(/\s+/).map(Number);
    return [w, s, e, n].every(Number.isFinite) ? [w, s, e, n] : null;
  }
  // WFS 1.0 LatLongBoundingBox minx="…" …
  const b = ['minx', 'miny', 'maxx', 'maxy'].map((k) => Number(attr(el, k)));
  return b.every(Number.isFinite) ? (b as [number, number, number, number]) : null;
}

function parameterValues(op: XmlElement | undefined, name: string): string[] {
  if (!op) return [];
  const p = children(op, 'Parameter').find((x) => attr(x, 'name')?.toLowerCase() === name.toLowerCase());
  if (!p) return [];
  const values = descendants(p, 'Value').map((v) => v.text.trim());
  return values.length ? values : [];
}

/** Reads a WFS capabilities document. */
export function parseWfsCapabilities(text: string): WfsCapabilities {
  const root = parseXml(text);
  if (!/Capabilities$/.test(root.local)) throw new Error(`not a WFS capabilities document (root <${root.name}>)`);
  const version = versionOf(attr(root, 'version'));
  const ident = child(root, 'ServiceIdentification') ?? child(root, 'Service');
  const title = childText(ident, 'Title') ?? '';
  const opsMeta = child(root, 'OperationsMetadata');
  const getFeatureOp = children(opsMeta, 'Operation').find((o) => attr(o, 'name') === 'GetFeature');
  let outputFormats = parameterValues(getFeatureOp, 'outputFormat');
  if (outputFormats.length === 0) {
    // WFS 1.0: Capability/Request/GetFeature/ResultFormat/<JSON/><GML2/>…
    const rf = child(child(child(child(root, 'Capability'), 'Request'), 'GetFeature'), 'ResultFormat');
    outputFormats = rf ? rf.children.map((c) => c.local) : [];
  }
  const constraints = children(opsMeta, 'Constraint');
  const constraint = (name: string): string | undefined => {
    const c = constraints.find((x) => attr(x, 'name') === name);
    return c ? (childText(c, 'DefaultValue') ?? descendants(c, 'Value')[0]?.text.trim()) : undefined;
  };
  const paging = version === '2.0.0' ? constraint('ImplementsResultPaging')?.toUpperCase() === 'TRUE' : true;
  const countDefault = Number(constraint('CountDefault'));
  const list = child(root, 'FeatureTypeList');
  const featureTypes: WfsFeatureType[] = children(list, 'FeatureType').map((ft) => ({
    name: childText(ft, 'Name') ?? '',
    title: childText(ft, 'Title') ?? childText(ft, 'Name') ?? '',
    defaultCrs: childText(ft, 'DefaultCRS') ?? childText(ft, 'DefaultSRS') ?? childText(ft, 'SRS') ?? null,
    otherCrs: [...children(ft, 'OtherCRS'), ...children(ft, 'OtherSRS')].map((e) => e.text.trim()),
    wgs84BoundingBox: bboxOf(child(ft, 'WGS84BoundingBox') ?? child(ft, 'LatLongBoundingBox')),
    outputFormats: descendants(child(ft, 'OutputFormats'), 'Format').map((f) => f.text.trim()),
  }));
  return { version, title, featureTypes, outputFormats, paging, countDefault: Number.isFinite(countDefault) && countDefault > 0 ? countDefault : null };
}

/** Options of the WFS calls. */
export interface WfsOptions extends ServiceRequestOptions {
  /** Version to speak; default: the highest the server answers (2.0.0, else 1.1.0). */
  version?: WfsVersion;
}

/**
 * GetCapabilities. Without a version it asks for 2.0.0 or 1.1.0 (`ACCEPTVERSIONS`) and takes
 * the version the server answers with (QGIS Server answers 1.1.0).
 */
export async function getWfsCapabilities(url: string, options: WfsOptions = {}): Promise<WfsCapabilities> {
  const params: Record<string, string> = { SERVICE: 'WFS', REQUEST: 'GetCapabilities' };
  if (options.version) params.VERSION = options.version;
  else params.ACCEPTVERSIONS = '2.0.0,1.1.0';
  const u = withParams(url, params);
  const r = await getText(u, options, 'WFS GetCapabilities', url);
  try {
    return parseWfsCapabilities(r.text);
  } catch (e) {
    throw new ServiceError('service-bad-response', `WFS GetCapabilities: ${(e as Error).message} (${redactUrl(u)})`, { url: redactUrl(u) });
  }
}

const XSD_KINDS: Record<string, FieldKind> = {
  string: 'string', int: 'integer', integer: 'integer', long: 'integer', short: 'integer', byte: 'integer', unsignedInt: 'integer', unsignedLong: 'integer',
  nonNegativeInteger: 'integer', positiveInteger: 'integer', double: 'number', float: 'number', decimal: 'number', boolean: 'boolean',
};

/** Reads a DescribeFeatureType schema: the fields of the first (or the named) type. */
export function parseDescribeFeatureType(text: string, typeName?: string): WfsField[] {
  const root = parseXml(text);
  const local = typeName?.split(':').pop();
  const complexTypes = descendants(root, 'complexType');
  const elements = children(root, 'element');
  let ct = complexTypes[0];
  if (local) {
    const el = elements.find((e) => attr(e, 'name') === local);
    const typeRef = el ? attr(el, 'type')?.split(':').pop() : undefined;
    ct = complexTypes.find((c) => attr(c, 'name') === typeRef) ?? complexTypes.find((c) => attr(c, 'name') === `${local}Type`) ?? ct;
  }
  return descendants(descendants(ct, 'sequence')[0], 'element').map((e) => {
    let type = attr(e, 'type') ?? '';
    if (!type) {
      const restriction = descendants(e, 'restriction')[0];
      type = attr(restriction, 'base') ?? '';
    }
    const bare = type.split(':').pop() ?? '';
    const kind: WfsField['kind'] = /^gml:/.test(type) || /PropertyType$/.test(bare) ? 'geometry' : XSD_KINDS[bare] ?? (bare ? 'other' : 'string');
    return { name: attr(e, 'name') ?? '', type, kind, nillable: attr(e, 'nillable') === 'true' };
  });
}

/** DescribeFeatureType: the fields of one feature type. */
export async function describeWfsFeatureType(url: string, typeName: string, options: WfsOptions = {}): Promise<WfsField[]> {
  const version = options.version ?? '1.1.0';
  const u = withParams(url, { SERVICE: 'WFS', REQUEST: 'DescribeFeatureType', VERSION: version, [version === '2.0.0' ? 'TYPENAMES' : 'TYPENAME']: typeName });
  const r = await getText(u, options, 'WFS DescribeFeatureType', url);
  try {
    return parseDescribeFeatureType(r.text, typeName);
  } catch (e) {
    throw new ServiceError('service-bad-response', `WFS DescribeFeatureType: ${(e as Error).message} (${redactUrl(u)})`, { url: redactUrl(u) });
  }
}

const JSON_FORMATS = ['application/geo+json', 'application/json', 'geojson', 'json', 'application/vnd.geo+json', 'GeoJSON', 'JSON'];

/** The GeoJSON output format a server lists, or `null`. */
export function pickJsonFormat(formats: readonly string[]): string | null {
  for (const want of JSON_FORMATS) {
    const f = formats.find((x) => x.toLowerCase() === want.toLowerCase());
    if (f) return f;
  }
  return formats.find((x) => /json/i.test(x)) ?? null;
}

/** The GML 3 output format a server lists for a version (GML 2 for WFS 1.0). */
export function pickGmlFormat(formats: readonly string[], version: WfsVersion): string | null {
  if (version === '1.0.0') return formats.find((f) => /^GML2$/i.test(f)) ?? 'GML2';
  const prefs = version === '2.0.0' ? [/gml\/3\.2|version=3\.2/i, /gml\/3\.1/i, /gml3/i] : [/gml\/3\.1\.1/i, /gml3/i, /gml\/3/i];
  for (const re of prefs) {
    const f = formats.find((x) => re.test(x));
    if (f) return f;
  }
  return null;
}

/** Options of {@link getWfsFeatures}. */
export interface WfsFeaturesOptions extends WfsOptions {
  /** Features per request (`COUNT` / `MAXFEATURES`). Default 1000. */
  pageSize?: number;
  /** `json` (GeoJSON when offered, default), or `gml` to force GML. */
  format?: 'auto' | 'gml';
  /** Only features inside this lon/lat box `[west, south, east, north]`. */
  bbox?: [number, number, number, number];
  /** Capabilities already read (saves a request). */
  capabilities?: WfsCapabilities;
  /** Stop after this many features (a preview). Default: all. */
  maxFeatures?: number;
}

/** What {@link getWfsFeatures} returns. */
export interface WfsFeaturesResult {
  fc: FeatureCollection;
  version: WfsVersion;
  /** The output format used. */
  format: string;
  /** The srsName requested. */
  srsName: string;
  pages: number;
  /** Data notes (a server that ignored paging, a swapped axis order that was corrected). */
  notes: string[];
}

function firstPosition(c: unknown): Position | null {
  let x: unknown = c;
  while (Array.isArray(x) && Array.isArray(x[0])) x = x[0];
  return Array.isArray(x) && typeof x[0] === 'number' ? (x as Position) : null;
}

function inside(p: Position, b: [number, number, number, number], pad: number): boolean {
  return p[0] >= b[0] - pad && p[0] <= b[2] + pad && p[1] >= b[1] - pad && p[1] <= b[3] + pad;
}

/**
 * Every feature of a WFS layer, paged with `STARTINDEX` and `COUNT` (2.0) / `MAXFEATURES` (1.x),
 * in lon/lat. GeoJSON is requested when the server lists a JSON format (QGIS Server writes it in
 * lon/lat whatever SRSNAME says; a server that writes it lat/lon is detected against the layer's
 * WGS84 extent and corrected), else GML 3 with `urn:ogc:def:crs:EPSG::4326` (lat/lon on the wire)
 * or GML 2 for WFS 1.0. Attribute values in GML are typed from DescribeFeatureType.
 */
export async function getWfsFeatures(url: string, typeName: string, options: WfsFeaturesOptions = {}): Promise<WfsFeaturesResult> {
  const caps = options.capabilities ?? (await getWfsCapabilities(url, options));
  const version = options.version ?? caps.version;
  const ft = caps.featureTypes.find((t) => t.name === typeName) ?? caps.featureTypes.find((t) => t.name.split(':').pop() === typeName.split(':').pop());
  if (!ft) {
    const names = caps.featureTypes.map((t) => t.name).join(', ');
    throw new ServiceError('service-bad-response', `WFS: no layer "${typeName}" at ${redactUrl(url)} (it offers: ${names || 'none'})`, { url: redactUrl(url) });
  }
  const formats = ft.outputFormats.length ? ft.outputFormats : caps.outputFormats;
  const jsonFormat = options.format === 'gml' ? null : pickJsonFormat(formats);
  const gmlFormat = pickGmlFormat(formats, version);
  const format = jsonFormat ?? gmlFormat;
  if (!format) throw new ServiceError('service-bad-response', `WFS: ${typeName} is offered in neither GeoJSON nor GML (${formats.join(', ')})`, { url: redactUrl(url) });
  const crsList = [ft.defaultCrs, ...ft.otherCrs].filter((c): c is string => !!c);
  const offers4326 = crsList.length === 0 || crsList.some((c) => epsgOf(c) === 'EPSG:4326');
  // GeoJSON and WFS 1.0 use x/y; GML 1.1/2.0 with the URN form put latitude first.
  const srsName = !offers4326 ? crsList[0] : jsonFormat || version === '1.0.0' ? 'EPSG:4326' : 'urn:ogc:def:crs:EPSG::4326';
  let fieldKinds: Record<string, FieldKind> | undefined;
  if (!jsonFormat) {
    try {
      const fields = await describeWfsFeatureType(url, ft.name, { ...options, version });
      fieldKinds = Object.fromEntries(fields.filter((f) => f.kind !== 'geometry' && f.kind !== 'other').map((f) => [f.name, f.kind as FieldKind]));
    } catch (e) {
      if ((e as ServiceError).code === 'service-aborted') throw e;
      fieldKinds = undefined; // Values stay text; the features still load.
    }
  }
  // A WFS 2.0 server answers at most CountDefault features whatever COUNT asks (MapServer's
  // wfs_maxfeatures): a larger page size would end the paging after the first, short page.
  const asked = Math.max(1, Math.floor(options.pageSize ?? caps.countDefault ?? 1000));
  const pageSize = caps.countDefault !== null ? Math.min(asked, caps.countDefault) : asked;
  const limit = options.maxFeatures ?? Infinity;
  const features: Feature[] = [];
  const seen = new Set<string>();
  const notes: string[] = [];
  let pages = 0;
  let bytes = 0;
  let total: number | null = null;
  let swap: boolean | null = null;
  for (let start = 0; features.length < limit; ) {
    const count = Math.min(pageSize, limit - features.length);
    const params: Record<string, string | number | undefined> = {
      SERVICE: 'WFS',
      REQUEST: 'GetFeature',
      VERSION: version,
      [version === '2.0.0' ? 'TYPENAMES' : 'TYPENAME']: ft.name,
      [version === '2.0.0' ? 'COUNT' : 'MAXFEATURES']: count,
      STARTINDEX: caps.paging || start === 0 ? start : undefined,
      OUTPUTFORMAT: format,
      SRSNAME: srsName,
    };
    if (options.bbox) {
      const [w, s, e, n] = options.bbox;
      // The box is in degrees whatever the output CRS. WFS 1.1/2.0 get it in the URN form, latitude
      // first, which every server reads alike (a bare `EPSG:4326` BBOX is lon/lat to GeoServer and
      // QGIS Server but lat/lon to MapServer); WFS 1.0 has no axis-order question.
      params.BBOX = version === '1.0.0' ? `${w},${s},${e},${n},EPSG:4326` : `${s},${w},${n},${e},urn:ogc:def:crs:EPSG::4326`;
    }
    const u = withParams(url, params);
    const r = await getText(u, options, `WFS GetFeature ${ft.name}`, url);
    bytes += r.bytes;
    pages += 1;
    let page: Feature[];
    let matched: number | null = null;
    if (jsonFormat) {
      let j: { type?: string; features?: Feature[]; numberMatched?: number; totalFeatures?: number };
      try {
        j = JSON.parse(r.text);
      } catch {
        throw new ServiceError('service-bad-response', `WFS GetFeature ${ft.name}: the answer is not JSON (starts "${r.text.slice(0, 80)}") (${redactUrl(u)})`, { url: redactUrl(u) });
      }
      if (j.type !== 'FeatureCollection' || !Array.isArray(j.features)) throw new ServiceError('service-bad-response', `WFS GetFeature ${ft.name}: not a GeoJSON FeatureCollection (${redactUrl(u)})`, { url: redactUrl(u) });
      page = j.features;
      const m = typeof j.numberMatched === 'number' ? j.numberMatched : typeof j.totalFeatures === 'number' ? j.totalFeatures : null;
      matched = m;
    } else {
      try {
        const fc = parseGmlFeatureCollection(r.text, { srsName, fieldKinds });
        page = fc.features;
        matched = fc.numberMatched ?? null;
      } catch (e) {
        throw new ServiceError('service-bad-response', `WFS GetFeature ${ft.name}: the GML could not be read (${(e as Error).message}) (${redactUrl(u)})`, { url: redactUrl(u) });
      }
    }
    if (matched !== null) total = matched;
    // A server that ignores STARTINDEX sends the first page again: stop rather than loop.
    if (start > 0 && page.length > 0 && page[0].id !== undefined && seen.has(String(page[0].id))) {
      notes.push(`the server ignored STARTINDEX: only the first ${features.length} features were read; raise pageSize above the layer's size`);
      break;
    }
    if (jsonFormat && swap === null && ft.wgs84BoundingBox) {
      const p = page.map((f) => (f.geometry && 'coordinates' in f.geometry ? firstPosition(f.geometry.coordinates) : null)).find((x) => x !== null);
      if (p) {
        const b = ft.wgs84BoundingBox;
        const pad = Math.max(b[2] - b[0], b[3] - b[1]) * 0.05 + 1e-6;
        swap = !inside(p, b, pad) && inside([p[1], p[0]], b, pad);
        if (swap) notes.push('the server wrote GeoJSON in lat/lon order: coordinates were swapped to lon/lat');
      }
    }
    for (const f of page) {
      if (f.id !== undefined) seen.add(String(f.id));
      features.push(swap && f.geometry && 'coordinates' in f.geometry ? ({ ...f, geometry: { ...f.geometry, coordinates: swapAxes(f.geometry.coordinates) } } as Feature) : f);
    }
    options.onProgress?.({ features: features.length, total, pages, bytes });
    start += page.length;
    const more = page.length >= count || (total !== null && features.length < total && page.length > 0);
    if (!more || !caps.paging) break;
  }
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  if (!offers4326) fc.crs = { type: 'name', properties: { name: epsgOf(srsName) ?? srsName } };
  return { fc, version, format, srsName, pages, notes };
}
