/**
 * Turning GeoJSON layers into compact projected structures for the spatial stages.
 *
 * Every feature that cannot be used becomes an issue naming the layer, the feature and what was
 * expected; nothing is dropped silently.
 */
import { makeIssue } from '../messages/index.js';
import type { Feature, FeatureCollection, Geometry, Issue, Properties } from '../types.js';
import type { BBox, Line, MultiPolygon, Polygon } from '../geometry/planar.js';
import { lineBBox, multiPolygonArea, multiPolygonBBox } from '../geometry/planar.js';

/** A coordinate transform into the working CRS. */
export type XY = (xy: number[]) => number[];

export interface PolygonLayer {
  /** Layer role, for issues (`parcels`, `units`, …). */
  layer: string;
  /** Index of each kept feature in the input collection. */
  source: number[];
  ids: string[];
  geoms: MultiPolygon[];
  areas: Float64Array;
  bboxes: BBox[];
  /** Features in the input, and those that could not be used. */
  inputCount: number;
}

export interface PointLayer {
  layer: string;
  xs: Float64Array;
  ys: Float64Array;
  /** Input feature index of each point (a MultiPoint gives several). */
  feature: Int32Array;
  inputCount: number;
}

export interface LineLayer {
  layer: string;
  lines: Line[];
  /** Input feature index of each line (a MultiLineString gives several). */
  feature: Int32Array;
  bboxes: BBox[];
  inputCount: number;
}

/** The id of a feature: the configured field, else the feature id, else its 1-based index. */
export function featureId(f: Feature, index: number, idField?: string): string {
  const fromField = idField ? f.properties?.[idField] : undefined;
  if (fromField !== undefined && fromField !== null && String(fromField).trim() !== '') return String(fromField).trim();
  if (f.id !== undefined && f.id !== null && String(f.id) !== '') return String(f.id);
  return String(index + 1);
}

function finitePosition(c: unknown): c is number[] {
  return Array.isArray(c) && c.length >= 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]);
}

/** Project and close-check a ring; returns null when it has fewer than 3 distinct vertices. */
function projectRing(ring: unknown, xy: XY): number[][] | null {
  if (!Array.isArray(ring)) return null;
  const out: number[][] = [];
  for (const c of ring) {
    if (!finitePosition(c)) return null;
    const p = xy(c);
    const last = out[out.length - 1];
    // Duplicate consecutive vertices add nothing and upset some overlay code: drop them.
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  if (out.length > 1) {
    const a = out[0], b = out[out.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) out.pop();
  }
  return out.length >= 3 ? out : null;
}

function projectPolygon(rings: unknown, xy: XY): Polygon | null {
  if (!Array.isArray(rings) || rings.length === 0) return null;
  const shell = projectRing(rings[0], xy);
  if (!shell) return null;
  const poly: Polygon = [shell];
  for (let i = 1; i < rings.length; i++) {
    const h = projectRing(rings[i], xy);
    if (h) poly.push(h);
  }
  return poly;
}

function collectPolygons(g: Geometry, xy: XY, out: MultiPolygon): 'ok' | 'bad-coordinates' | 'not-polygonal' {
  switch (g.type) {
    case 'Polygon': {
      const p = projectPolygon(g.coordinates, xy);
      if (!p) return 'bad-coordinates';
      out.push(p);
      return 'ok';
    }
    case 'MultiPolygon': {
      if (!Array.isArray(g.coordinates)) return 'bad-coordinates';
      let any = false;
      for (const rings of g.coordinates) {
        const p = projectPolygon(rings, xy);
        if (p) { out.push(p); any = true; }
      }
      return any ? 'ok' : 'bad-coordinates';
    }
    case 'GeometryCollection': {
      let status: 'ok' | 'bad-coordinates' | 'not-polygonal' = 'not-polygonal';
      for (const child of g.geometries ?? []) {
        const s = collectPolygons(child, xy, out);
        if (s === 'ok') status = 'ok';
      }
      return status;
    }
    default:
      return 'not-polygonal';
  }
}

/**
 * Project the polygons of a layer. Features without geometry, with non-polygonal geometry or with
 * unusable coordinates are reported (`feature-no-geometry`, `feature-not-polygon`,
 * `feature-bad-coordinates`) and left out; zero-area polygons are kept (they carry no area
 * weight) and reported as `feature-zero-area`.
 */
export function preparePolygonLayer(layer: string, fc: FeatureCollection, xy: XY, idField: string | undefined, issues: Issue[]): PolygonLayer {
  const out: PolygonLayer = { layer, source: [], ids: [], geoms: [], areas: new Float64Array(0), bboxes: [], inputCount: fc.features.length };
  const areas: number[] = [];
  fc.features.forEach((f, i) => {
    const id = featureId(f, i, idField);
    if (!f || !f.geometry) {
      issues.push(makeIssue('feature-no-geometry', { layer }, { layer, featureId: id }));
      return;
    }
    const mp: MultiPolygon = [];
    const status = collectPolygons(f.geometry, xy, mp);
    if (status === 'not-polygonal') {
      issues.push(makeIssue('feature-not-polygon', { layer, type: f.geometry.type }, { layer, featureId: id, expected: 'Polygon or MultiPolygon', actual: f.geometry.type }));
      return;
    }
    if (status === 'bad-coordinates') {
      issues.push(makeIssue('feature-bad-coordinates', { layer }, { layer, featureId: id }));
      return;
    }
    const area = multiPolygonArea(mp);
    if (!(area > 0)) issues.push(makeIssue('feature-zero-area', { layer }, { layer, featureId: id }));
    out.source.push(i);
    out.ids.push(id);
    out.geoms.push(mp);
    areas.push(area);
    out.bboxes.push(multiPolygonBBox(mp));
  });
  out.areas = Float64Array.from(areas);
  return out;
}

/** Project the points of a layer (Point and MultiPoint; other geometries are reported). */
export function preparePointLayer(layer: string, fc: FeatureCollection, xy: XY, idField: string | undefined, issues: Issue[], keep?: (f: Feature, index: number) => boolean): PointLayer {
  const xs: number[] = [];
  const ys: number[] = [];
  const feature: number[] = [];
  fc.features.forEach((f, i) => {
    if (keep && !keep(f, i)) return;
    const g = f?.geometry;
    if (!g) {
      issues.push(makeIssue('feature-no-geometry', { layer }, { layer, featureId: featureId(f, i, idField) }));
      return;
    }
    const coords = g.type === 'Point' ? [g.coordinates] : g.type === 'MultiPoint' ? g.coordinates : null;
    if (!coords) {
      issues.push(makeIssue('feature-not-point', { layer, type: g.type }, { layer, featureId: featureId(f, i, idField), expected: 'Point or MultiPoint', actual: g.type }));
      return;
    }
    for (const c of coords) {
      if (!finitePosition(c)) {
        issues.push(makeIssue('feature-bad-coordinates', { layer }, { layer, featureId: featureId(f, i, idField) }));
        continue;
      }
      const p = xy(c);
      xs.push(p[0]);
      ys.push(p[1]);
      feature.push(i);
    }
  });
  return { layer, xs: Float64Array.from(xs), ys: Float64Array.from(ys), feature: Int32Array.from(feature), inputCount: fc.features.length };
}

/** Project the lines of a layer (LineString and MultiLineString; other geometries are reported). */
export function prepareLineLayer(layer: string, fc: FeatureCollection, xy: XY, idField: string | undefined, issues: Issue[]): LineLayer {
  const lines: Line[] = [];
  const feature: number[] = [];
  const bboxes: BBox[] = [];
  fc.features.forEach((f, i) => {
    const g = f?.geometry;
    if (!g) {
      issues.push(makeIssue('feature-no-geometry', { layer }, { layer, featureId: featureId(f, i, idField) }));
      return;
    }
    const parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : null;
    if (!parts) {
      issues.push(makeIssue('feature-not-line', { layer, type: g.type }, { layer, featureId: featureId(f, i, idField), expected: 'LineString or MultiLineString', actual: g.type }));
      return;
    }
    for (const part of parts) {
      if (!Array.isArray(part) || !part.every(finitePosition)) {
        issues.push(makeIssue('feature-bad-coordinates', { layer }, { layer, featureId: featureId(f, i, idField) }));
        continue;
      }
      const line = part.map((c) => xy(c));
      if (line.length < 2) continue;
      lines.push(line);
      feature.push(i);
      bboxes.push(lineBBox(line));
    }
  });
  return { layer, lines, feature: Int32Array.from(feature), bboxes, inputCount: fc.features.length };
}

/** Read a property as a finite number, or null (strings with thousands separators are accepted). */
export function numberProperty(props: Properties | null | undefined, field: string): number | null {
  const v = props?.[field];
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const s = v.trim().replace(/,/g, '');
    if (s === '') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
