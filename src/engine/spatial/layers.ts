/**
 * Turning GeoJSON layers into compact projected structures for the spatial stages.
 *
 * Every feature that cannot be used becomes an issue naming the layer, the feature and what was
 * expected; nothing is dropped silently.
 */
import { makeIssue } from '../messages/index.js';
import type { Feature, FeatureCollection, Geometry, Issue, Properties } from '../types.js';
import type { BBox, Line, MultiPolygon } from '../geometry/planar.js';
import { multiPolygonBBox } from '../geometry/planar.js';
import { cleanPolygonalGeometry } from '../geometry/hygiene.js';
import type { HygieneOptions } from '../geometry/hygiene.js';
import { createGeometryIssueSink } from '../geometry/hygiene-issues.js';
import { sharedPositionTransform } from './shared-positions.js';

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

/**
 * Projected lines in flat arrays (a city's 10⁵ road segments would otherwise be 10⁵ line arrays
 * and 5·10⁵ vertex arrays that the garbage collector copies and marks for the whole run): line
 * i has the vertices `start[i] .. start[i + 1])`, vertex v at `xy[2v], xy[2v + 1]`.
 */
export interface LineLayer {
  layer: string;
  /** Vertex offsets, one more than there are lines. */
  start: Int32Array;
  xy: Float64Array;
  /** Input feature index of each line (a MultiLineString gives several). */
  feature: Int32Array;
  bboxes: BBox[];
  inputCount: number;
}

/** Number of lines of a {@link LineLayer}. */
export function lineCount(layer: LineLayer): number {
  return layer.start.length - 1;
}

/** Line i of a {@link LineLayer} as vertex arrays (for tests and small layers). */
export function lineAt(layer: LineLayer, i: number): Line {
  const out: Line = [];
  for (let v = layer.start[i]; v < layer.start[i + 1]; v++) out.push([layer.xy[2 * v], layer.xy[2 * v + 1]]);
  return out;
}

/** A {@link LineLayer} from vertex arrays (for tests and for joining layers). */
export function lineLayerOf(layer: string, lines: readonly Line[], feature: Int32Array, bboxes: BBox[], inputCount: number): LineLayer {
  const start = new Int32Array(lines.length + 1);
  let v = 0;
  for (let i = 0; i < lines.length; i++) { start[i] = v; v += lines[i].length; }
  start[lines.length] = v;
  const xy = new Float64Array(2 * v);
  let o = 0;
  for (const line of lines) for (const c of line) { xy[o++] = c[0]; xy[o++] = c[1]; }
  return { layer, start, xy, feature, bboxes, inputCount };
}

/** Lines of several layers in one, in layer order (features as given). */
export function joinLineLayers(layer: string, layers: readonly LineLayer[], feature: Int32Array): LineLayer {
  let lines = 0, vertices = 0;
  for (const l of layers) { lines += lineCount(l); vertices += l.xy.length / 2; }
  const start = new Int32Array(lines + 1);
  const xy = new Float64Array(2 * vertices);
  const bboxes: BBox[] = [];
  let li = 0, v = 0;
  for (const l of layers) {
    const n = lineCount(l);
    for (let i = 0; i < n; i++) start[li++] = v + l.start[i];
    xy.set(l.xy.subarray(0, 2 * l.start[n]), 2 * v);
    v += l.start[n];
    for (let i = 0; i < n; i++) bboxes.push(l.bboxes[i]);
  }
  start[lines] = v;
  return { layer, start, xy, feature, bboxes, inputCount: 0 };
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

/**
 * The polygon coordinate arrays of a geometry (a Polygon gives one, a MultiPolygon its members,
 * a GeometryCollection those of its polygonal members), or 'not-polygonal'.
 */
function polygonCoordinates(g: Geometry): unknown[] | 'not-polygonal' {
  switch (g.type) {
    case 'Polygon': return [g.coordinates];
    case 'MultiPolygon': return Array.isArray(g.coordinates) ? g.coordinates : [null];
    case 'GeometryCollection': {
      const out: unknown[] = [];
      let any = false;
      for (const child of g.geometries ?? []) {
        const c = polygonCoordinates(child);
        if (c !== 'not-polygonal') { any = true; out.push(...c); }
      }
      return any ? out : 'not-polygonal';
    }
    default:
      return 'not-polygonal';
  }
}

/** Options of {@link preparePolygonLayer}. */
export interface PreparePolygonOptions {
  /** Tolerances of the geometry hygiene (spike angle, zero area). */
  hygiene?: HygieneOptions;
  /** Geometry issues listed one by one per code (the rest are counted). Default 200. */
  maxIssuesPerCode?: number;
}

/**
 * Project the polygons of a layer and put each through the geometry hygiene
 * (`cleanPolygonalGeometry`, docs/geometry-hygiene.md): unclosed rings, duplicate vertices,
 * wrong winding and zero-width spikes are fixed silently for the area (info issues);
 * self-intersecting rings, holes outside or across their shell, overlapping holes and
 * overlapping parts are repaired exactly (warnings); features with unusable coordinates, no
 * positions or no area are left out (`geometry-invalid-coordinates`, `geometry-empty`,
 * `geometry-zero-area`). Features without geometry or with non-polygonal geometry are reported
 * (`feature-no-geometry`, `feature-not-polygon`) and left out. Kept geometries are valid:
 * parts disjoint, so their area is the plain sum of rings.
 */
export function preparePolygonLayer(layer: string, fc: FeatureCollection, xy: XY, idField: string | undefined, issues: Issue[], options: PreparePolygonOptions = {}): PolygonLayer {
  const out: PolygonLayer = { layer, source: [], ids: [], geoms: [], areas: new Float64Array(0), bboxes: [], inputCount: fc.features.length };
  const areas: number[] = [];
  const sink = createGeometryIssueSink(layer, issues, { maxPerCode: options.maxIssuesPerCode });
  // Neighbours share vertices: each distinct position is projected once, one array for all.
  const project = sharedPositionTransform(xy, fc.features.length);
  fc.features.forEach((f, i) => {
    const id = featureId(f, i, idField);
    if (!f || !f.geometry) {
      issues.push(makeIssue('feature-no-geometry', { layer }, { layer, featureId: id }));
      return;
    }
    const polys = polygonCoordinates(f.geometry);
    if (polys === 'not-polygonal') {
      issues.push(makeIssue('feature-not-polygon', { layer, type: f.geometry.type }, { layer, featureId: id, expected: 'Polygon or MultiPolygon', actual: f.geometry.type }));
      return;
    }
    const cleaned = cleanPolygonalGeometry(polys, project, options.hygiene);
    if (cleaned.faults.length > 0) sink.add(id, cleaned.faults);
    if (cleaned.excluded) return;
    const mp = cleaned.geometry;
    out.source.push(i);
    out.ids.push(id);
    out.geoms.push(mp);
    areas.push(cleaned.areaM2);
    out.bboxes.push(multiPolygonBBox(mp));
  });
  sink.finish();
  out.areas = Float64Array.from(areas);
  return out;
}

/** Project the points of a layer (Point and MultiPoint; other geometries are reported). */
export function preparePointLayer(layer: string, fc: FeatureCollection, xy: XY, idField: string | undefined, issues: Issue[], keep?: (f: Feature, index: number) => boolean): PointLayer {
  // Typed arrays from the start, one point per feature to begin with (a MultiPoint may need more).
  let xs = new Float64Array(fc.features.length);
  let ys = new Float64Array(fc.features.length);
  let feature = new Int32Array(fc.features.length);
  let n = 0;
  const add = (c: unknown, f: Feature, i: number): void => {
    if (!finitePosition(c)) {
      issues.push(makeIssue('feature-bad-coordinates', { layer }, { layer, featureId: featureId(f, i, idField) }));
      return;
    }
    if (n === xs.length) {
      const size = Math.max(16, 2 * n);
      const grow = <T extends Float64Array | Int32Array>(from: T, to: T): T => { to.set(from); return to; };
      xs = grow(xs, new Float64Array(size)); ys = grow(ys, new Float64Array(size)); feature = grow(feature, new Int32Array(size));
    }
    const p = xy(c);
    xs[n] = p[0];
    ys[n] = p[1];
    feature[n] = i;
    n++;
  };
  fc.features.forEach((f, i) => {
    if (keep && !keep(f, i)) return;
    const g = f?.geometry;
    if (!g) {
      issues.push(makeIssue('feature-no-geometry', { layer }, { layer, featureId: featureId(f, i, idField) }));
      return;
    }
    if (g.type === 'Point') add(g.coordinates, f, i);
    else if (g.type === 'MultiPoint') for (const c of g.coordinates) add(c, f, i);
    else issues.push(makeIssue('feature-not-point', { layer, type: g.type }, { layer, featureId: featureId(f, i, idField), expected: 'Point or MultiPoint', actual: g.type }));
  });
  const trim = <T extends Float64Array | Int32Array>(arr: T): T => (arr.length === n ? arr : (arr.slice(0, n) as T));
  return { layer, xs: trim(xs), ys: trim(ys), feature: trim(feature), inputCount: fc.features.length };
}

/** Project the lines of a layer (LineString and MultiLineString; other geometries are reported). */
export function prepareLineLayer(layer: string, fc: FeatureCollection, xy: XY, idField: string | undefined, issues: Issue[]): LineLayer {
  const feature: number[] = [];
  const bboxes: BBox[] = [];
  // Room for every position given (parts left out only leave room unused).
  let positions = 0;
  for (const f of fc.features) {
    const g = f?.geometry;
    if (g?.type === 'LineString' && Array.isArray(g.coordinates)) positions += g.coordinates.length;
    else if (g?.type === 'MultiLineString' && Array.isArray(g.coordinates)) for (const part of g.coordinates) if (Array.isArray(part)) positions += part.length;
  }
  const flat = new Float64Array(2 * positions);
  const start: number[] = [0];
  let v = 0;
  let lastIn: number[] | null = null, lastX = NaN, lastY = NaN;
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
      if (part.length < 2) continue;
      // The box as lineBBox works it out, on the projected numbers as they are stored.
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (let k = 0; k < part.length; k++) {
        const c = part[k];
        let x: number, y: number;
        // A segment that starts where the previous one ended (most road segments): that
        // position's projection again, not the transform (the same numbers, 0 and -0 apart).
        if (k === 0 && lastIn !== null && c.length === 2 && lastIn.length === 2 && Object.is(c[0], lastIn[0]) && Object.is(c[1], lastIn[1])) {
          x = lastX;
          y = lastY;
        } else {
          const p = xy(c);
          x = p[0];
          y = p[1];
        }
        if (k === part.length - 1) { lastIn = c; lastX = x; lastY = y; }
        flat[2 * v] = x;
        flat[2 * v + 1] = y;
        v++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      start.push(v);
      feature.push(i);
      bboxes.push([minX, minY, maxX, maxY]);
    }
  });
  return { layer, start: Int32Array.from(start), xy: v === positions ? flat : flat.slice(0, 2 * v), feature: Int32Array.from(feature), bboxes, inputCount: fc.features.length };
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
