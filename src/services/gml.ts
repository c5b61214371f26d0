/**
 * A minimal GML reader for WFS GetFeature answers (GML 2, 3.1 and 3.2): points, lines,
 * polygons and their multi forms, with the axis order the srsName implies.
 */
import type { Feature, FeatureCollection, Geometry, Position, Properties } from '../engine/index.js';
import { attr, child, children, parseXml } from './xml.js';
import type { XmlElement } from './xml.js';

/** Swaps the first two numbers of every position of GeoJSON coordinates (lat/lon ↔ lon/lat). */
export function swapAxes(c: unknown): unknown {
  if (Array.isArray(c) && typeof c[0] === 'number') return [c[1], c[0], ...c.slice(2)];
  return Array.isArray(c) ? c.map(swapAxes) : c;
}

/** Geographic EPSG codes whose URN / http forms put latitude first. */
const LAT_FIRST = new Set(['4326', '4490', '4258', '4269', '4283', '4612', '4214', '4610', '4555', '4979']);

/**
 * Whether an srsName puts northing (latitude) first: the URN (`urn:ogc:def:crs:EPSG::4326`,
 * `urn:x-ogc:def:crs:EPSG:4326`) and http (`http://www.opengis.net/def/crs/EPSG/0/4326`) forms of
 * geographic CRSs do; `EPSG:4326`, `http://www.opengis.net/gml/srs/epsg.xml#4326` and CRS84 do not.
 */
export function isLatFirst(srsName: string | undefined): boolean {
  if (!srsName) return false;
  const m = /^urn:(?:x-)?ogc:def:crs:EPSG:(?:[^:]*:)?(\d+)$/i.exec(srsName) ?? /opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d+)$/i.exec(srsName);
  return m !== null && LAT_FIRST.has(m[1]);
}

/** EPSG code of an srsName in any of its forms, as `EPSG:n`; `null` when not EPSG. */
export function epsgOf(srsName: string | undefined): string | null {
  if (!srsName) return null;
  if (/CRS84$/i.test(srsName)) return 'EPSG:4326';
  const m = /EPSG(?::[^:]*)?:+(\d+)$/i.exec(srsName) ?? /EPSG\/[^/]+\/(\d+)$/i.exec(srsName) ?? /epsg\.xml#(\d+)$/i.exec(srsName);
  return m ? `EPSG:${m[1]}` : null;
}

const GEOMETRY_NAMES = new Set([
  'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'MultiCurve', 'MultiSurface', 'Curve', 'Surface', 'LinearRing', 'MultiGeometry',
]);

interface Ctx {
  latFirst: boolean;
  dim: number;
}

function numbers(s: string): number[] {
  return s.trim().split(/[\s,]+/).filter(Boolean).map(Number);
}

function toPositions(flat: number[], ctx: Ctx): Position[] {
  const out: Position[] = [];
  const d = ctx.dim;
  for (let i = 0; i + 1 < flat.length; i += d) out.push(ctx.latFirst ? [flat[i + 1], flat[i]] : [flat[i], flat[i + 1]]);
  return out;
}

function ctxOf(el: XmlElement, parent: Ctx): Ctx {
  const srs = attr(el, 'srsName');
  const dim = attr(el, 'srsDimension');
  return { latFirst: srs ? isLatFirst(srs) : parent.latFirst, dim: dim ? Number(dim) || 2 : parent.dim };
}

/** Positions of a point list element (posList, pos*, coordinates, coord*). */
function readPositions(el: XmlElement, parent: Ctx): Position[] {
  const ctx = ctxOf(el, parent);
  const posList = child(el, 'posList');
  if (posList) return toPositions(numbers(posList.text), ctxOf(posList, ctx));
  const pos = children(el, 'pos');
  if (pos.length) return pos.flatMap((p) => toPositions(numbers(p.text), { ...ctxOf(p, ctx), dim: numbers(p.text).length || 2 }));
  const coordinates = child(el, 'coordinates');
  if (coordinates) {
    const cs = attr(coordinates, 'cs') ?? ',';
    const ts = attr(coordinates, 'ts') ?? ' ';
    return coordinates.text
      .trim()
      .split(ts === ' ' ? /\s+/ : ts)
      .filter(Boolean)
      .map((t) => {
        const [a, b] = t.split(cs).map(Number);
        return ctx.latFirst ? [b, a] : [a, b];
      });
  }
  const coords = children(el, 'coord');
  if (coords.length) {
    return coords.map((c) => {
      const x = Number(child(c, 'X')?.text);
      const y = Number(child(c, 'Y')?.text);
      return ctx.latFirst ? [y, x] : [x, y];
    });
  }
  // A Curve: segments/LineStringSegment.
  const segments = child(el, 'segments');
  if (segments) return segments.children.flatMap((s) => readPositions(s, ctx));
  return [];
}

function ringOf(el: XmlElement | undefined, ctx: Ctx): Position[] | null {
  if (!el) return null;
  const ring = child(el, 'LinearRing') ?? child(el, 'Ring');
  if (!ring) return null;
  if (ring.local === 'Ring') {
    const parts = children(ring, 'curveMember').flatMap((m) => (m.children[0] ? readPositions(m.children[0], ctx) : []));
    return parts;
  }
  return readPositions(ring, ctx);
}

function polygonRings(el: XmlElement, parent: Ctx): Position[][] {
  const ctx = ctxOf(el, parent);
  if (el.local === 'Surface') {
    const patches = child(el, 'patches');
    const patch = patches?.children[0];
    return patch ? polygonRings(patch, ctx) : [];
  }
  const rings: Position[][] = [];
  const outer = ringOf(child(el, 'exterior') ?? child(el, 'outerBoundaryIs'), ctx);
  if (outer) rings.push(outer);
  for (const inner of [...children(el, 'interior'), ...children(el, 'innerBoundaryIs')]) {
    const r = ringOf(inner, ctx);
    if (r) rings.push(r);
  }
  return rings;
}

function members(el: XmlElement, singular: string, plural: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const m of children(el, singular)) if (m.children[0]) out.push(m.children[0]);
  for (const m of children(el, plural)) out.push(...m.children);
  return out;
}

/** Reads one GML geometry element; `null` for an element it does not know. */
export function readGmlGeometry(el: XmlElement, parent: Ctx = { latFirst: false, dim: 2 }): Geometry | null {
  const ctx = ctxOf(el, parent);
  switch (el.local) {
    case 'Point': {
      const p = readPositions(el, ctx)[0];
      return p ? { type: 'Point', coordinates: p } : null;
    }
    case 'LineString':
    case 'Curve':
      return { type: 'LineString', coordinates: readPositions(el, ctx) };
    case 'LinearRing':
      return { type: 'Polygon', coordinates: [readPositions(el, ctx)] };
    case 'Polygon':
    case 'Surface':
      return { type: 'Polygon', coordinates: polygonRings(el, ctx) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: members(el, 'pointMember', 'pointMembers').map((p) => readPositions(p, ctxOf(p, ctx))[0]).filter(Boolean) };
    case 'MultiLineString':
    case 'MultiCurve':
      return {
        type: 'MultiLineString',
        coordinates: [...members(el, 'lineStringMember', 'lineStringMembers'), ...members(el, 'curveMember', 'curveMembers')].map((l) => readPositions(l, ctxOf(l, ctx))),
      };
    case 'MultiPolygon':
    case 'MultiSurface':
      return {
        type: 'MultiPolygon',
        coordinates: [...members(el, 'polygonMember', 'polygonMembers'), ...members(el, 'surfaceMember', 'surfaceMembers')].map((p) => polygonRings(p, ctxOf(p, ctx))),
      };
    case 'MultiGeometry': {
      const geoms = members(el, 'geometryMember', 'geometryMembers').map((g) => readGmlGeometry(g, ctx)).filter((g): g is Geometry => g !== null);
      return { type: 'GeometryCollection', geometries: geoms };
    }
    default:
      return null;
  }
}

/** How an attribute's text becomes a value: from DescribeFeatureType's XSD types. */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean';

function convert(text: string, kind: FieldKind | undefined): unknown {
  if (kind === 'integer' || kind === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (kind === 'boolean') {
    const t = text.trim();
    return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : text;
  }
  return text;
}

/** Options of {@link parseGmlFeatureCollection}. */
export interface GmlReadOptions {
  /** srsName of the request: sets the axis order where the GML states no srsName. */
  srsName?: string;
  /** Field name → kind, for typed values; fields not listed stay text. */
  fieldKinds?: Record<string, FieldKind>;
}

/**
 * Reads a WFS GML feature collection (`gml:featureMember`, `gml:featureMembers`, `wfs:member`)
 * into GeoJSON features with lon/lat (x/y) coordinates. Attributes with `xsi:nil` are `null`.
 */
export function parseGmlFeatureCollection(text: string, options: GmlReadOptions = {}): FeatureCollection & { numberMatched?: number } {
  const root = parseXml(text);
  const ctx: Ctx = { latFirst: isLatFirst(options.srsName), dim: 2 };
  const featureEls: XmlElement[] = [];
  for (const c of root.children) {
    if (c.local === 'featureMember' || c.local === 'member') {
      const f = c.children[0];
      // WFS 2.0 may wrap members in an additional collection.
      if (f && (f.local === 'FeatureCollection' || f.local === 'additionalObjects')) featureEls.push(...f.children.flatMap((m) => m.children));
      else if (f) featureEls.push(f);
    } else if (c.local === 'featureMembers' || c.local === 'members') featureEls.push(...c.children);
  }
  const features: Feature[] = featureEls.map((fe) => {
    const properties: Properties = {};
    let geometry: Geometry | null = null;
    for (const p of fe.children) {
      if (p.local === 'boundedBy' || p.local === 'name' && p.name.startsWith('gml:') || p.local === 'description' && p.name.startsWith('gml:')) continue;
      const g = p.children.find((c) => GEOMETRY_NAMES.has(c.local));
      if (g) {
        if (!geometry) geometry = readGmlGeometry(g, ctx);
        continue;
      }
      const nil = attr(p, 'nil');
      // Text is kept as sent (a trailing space is data); numbers and booleans are read trimmed.
      properties[p.local] = nil === 'true' ? null : convert(p.children.length ? p.text.trim() : p.text, options.fieldKinds?.[p.local]);
    }
    const id = attr(fe, 'id') ?? attr(fe, 'fid');
    return { type: 'Feature', ...(id !== undefined ? { id } : {}), properties, geometry } as Feature;
  });
  const matched = Number(attr(root, 'numberMatched') ?? NaN);
  const fc: FeatureCollection & { numberMatched?: number } = { type: 'FeatureCollection', features };
  if (Number.isFinite(matched)) fc.numberMatched = matched;
  return fc;
}
