/**
 * Coordinate transforms between bundled CRSs, for single positions, whole geometries and bulk
 * flat arrays of points.
 */
import proj4 from 'proj4';
import type { Geometry, Position } from '../types.js';
import { EngineError } from '../types.js';
import { describeCrs, isSameCrs } from './definitions.js';
import { fastTmercForward } from './fast-tmerc.js';
import { parseCrsName } from './parse-crs-name.js';

/**
 * Transform one position `[x, y, ...rest]` to a new array `[x', y', ...rest]` (extra members such
 * as z pass through). Never mutates its argument. A non-finite input, or a point outside the
 * target projection's domain, gives `[NaN, NaN, ...]`: callers check with `Number.isFinite`
 * (or {@link hasNonFiniteCoordinates}) and report, so no NaN leaves the engine.
 */
export type PositionTransform = (xy: Position) => Position;

const identity: PositionTransform = (xy) => xy.slice();

const cache = new Map<string, PositionTransform>();

function canonical(code: string, argName: string): string {
  const c = parseCrsName(code);
  if (c === null || describeCrs(c) === null) {
    throw new EngineError('crs-unknown-code', `${argName} must be a bundled CRS code (check with isKnownCrs), got ${JSON.stringify(code)}`);
  }
  return c;
}

/**
 * A function converting positions from one bundled CRS to another. Converters are built once
 * per pair and cached; equal CRSs (or WGS 84-equivalent lon/lat: EPSG:4326, OGC:CRS84,
 * EPSG:4490) get a copying fast path. Axis order is x = east, y = north on both sides
 * (docs/crs.md): nothing is swapped.
 *
 * @param fromCode - source CRS; any spelling `parseCrsName` reads, normally its canonical code.
 * @param toCode - target CRS, likewise.
 * @returns the {@link PositionTransform}.
 * @throws EngineError `crs-unknown-code` when a code is not bundled (callers validate first with
 *   `isKnownCrs`; an unknown code in data is an issue, reported by `resolveLayerCrs`).
 * @example
 * const toGk = createTransform('EPSG:4326', 'EPSG:4549');
 * toGk([120, 30]); // [500000, 3320113.398] (metres, easting first)
 */
export function createTransform(fromCode: string, toCode: string): PositionTransform {
  const from = canonical(fromCode, 'fromCode');
  const to = canonical(toCode, 'toCode');
  if (isSameCrs(from, to)) return identity;
  const key = `${from}>${to}`;
  let fn = cache.get(key);
  if (fn === undefined) {
    // Lon/lat → Gauss–Krüger or UTM (the projection of every run) skips proj4's per-point work.
    const fast = fastTmercForward(describeCrs(from)!.proj4, describeCrs(to)!.proj4);
    if (fast) {
      cache.set(key, fast);
      return fast;
    }
    const converter = proj4(describeCrs(from)!.proj4, describeCrs(to)!.proj4);
    fn = (xy) => {
      const x = xy[0], y = xy[1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        const out = xy.slice();
        out[0] = NaN;
        out[1] = NaN;
        return out;
      }
      // proj4 returns a new array and copies members after the second; it throws only on
      // non-finite input (excluded above) and answers NaN or Infinity outside a projection's
      // domain, which we normalise to NaN.
      const out = converter.forward(xy);
      if (!Number.isFinite(out[0]) || !Number.isFinite(out[1])) {
        out[0] = NaN;
        out[1] = NaN;
      }
      return out;
    };
    cache.set(key, fn);
  }
  return fn;
}

function mapRing(ring: Position[], fn: PositionTransform): Position[] {
  const out = new Array<Position>(ring.length);
  for (let i = 0; i < ring.length; i++) out[i] = fn(ring[i]);
  return out;
}

function mapRings(rings: Position[][], fn: PositionTransform): Position[][] {
  const out = new Array<Position[]>(rings.length);
  for (let i = 0; i < rings.length; i++) out[i] = mapRing(rings[i], fn);
  return out;
}

/**
 * A new geometry with every position passed through `fn`. The input is not mutated and shares
 * no arrays with the output (the identity transform copies too). Members other than `type`,
 * `coordinates` and `geometries` (such as a `bbox`, which would be stale) are dropped.
 *
 * @param geometry - any GeoJSON geometry, or `null` (answered with `null`).
 * @param fn - a {@link PositionTransform}, usually from {@link createTransform}.
 * @returns the transformed geometry, same type.
 * @example
 * transformGeometry({ type: 'Point', coordinates: [120, 30] }, createTransform('EPSG:4326', 'EPSG:4549'));
 * // { type: 'Point', coordinates: [500000, 3320113.398] }
 */
export function transformGeometry<G extends Geometry>(geometry: G, fn: PositionTransform): G;
export function transformGeometry<G extends Geometry>(geometry: G | null, fn: PositionTransform): G | null;
export function transformGeometry(geometry: Geometry | null, fn: PositionTransform): Geometry | null {
  if (geometry === null || geometry === undefined) return null;
  switch (geometry.type) {
    case 'Point': return { type: 'Point', coordinates: fn(geometry.coordinates) };
    case 'MultiPoint': return { type: 'MultiPoint', coordinates: mapRing(geometry.coordinates, fn) };
    case 'LineString': return { type: 'LineString', coordinates: mapRing(geometry.coordinates, fn) };
    case 'MultiLineString': return { type: 'MultiLineString', coordinates: mapRings(geometry.coordinates, fn) };
    case 'Polygon': return { type: 'Polygon', coordinates: mapRings(geometry.coordinates, fn) };
    case 'MultiPolygon': {
      const polys = geometry.coordinates;
      const out = new Array<Position[][]>(polys.length);
      for (let i = 0; i < polys.length; i++) out[i] = mapRings(polys[i], fn);
      return { type: 'MultiPolygon', coordinates: out };
    }
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => transformGeometry(g, fn)) };
    default:
      throw new EngineError('crs-bad-geometry', `geometry.type must be a GeoJSON geometry type, got ${JSON.stringify((geometry as { type?: unknown }).type)}`);
  }
}

/**
 * Transform a flat array of points `[x0, y0, x1, y1, ...]` in place: the bulk path for large
 * point layers (a city's POIs), with no allocation per point beyond what `fn` itself makes.
 * The array is the caller's own buffer and is overwritten.
 *
 * @param flat - interleaved x, y pairs; its length must be even.
 * @param fn - a {@link PositionTransform}; it receives a reused 2-element scratch array, so it
 *   must not keep its argument (those from {@link createTransform} don't).
 * @returns the number of points whose result is not finite (left as NaN): report them.
 * @throws EngineError `crs-bad-array` when the length is odd.
 * @example
 * const pts = new Float64Array([120, 30, 120.5, 31]);
 * transformXYArrayInPlace(pts, createTransform('EPSG:4326', 'EPSG:4549')); // 0; pts now in metres
 */
export function transformXYArrayInPlace(flat: Float64Array | number[], fn: PositionTransform): number {
  if (flat.length % 2 !== 0) {
    throw new EngineError('crs-bad-array', `flat must hold x, y pairs (even length), got length ${flat.length}`);
  }
  if (fn === identity) return countNonFinite(flat);
  const scratch = [0, 0];
  let bad = 0;
  for (let i = 0; i < flat.length; i += 2) {
    scratch[0] = flat[i];
    scratch[1] = flat[i + 1];
    const r = fn(scratch);
    flat[i] = r[0];
    flat[i + 1] = r[1];
    if (!Number.isFinite(r[0]) || !Number.isFinite(r[1])) bad++;
  }
  return bad;
}

function countNonFinite(flat: ArrayLike<number>): number {
  let bad = 0;
  for (let i = 0; i < flat.length; i += 2) if (!Number.isFinite(flat[i]) || !Number.isFinite(flat[i + 1])) bad++;
  return bad;
}

/**
 * Whether any x or y of a geometry is NaN or infinite (the result of transforming a point
 * outside a projection's domain, or of bad input).
 *
 * @param geometry - any GeoJSON geometry, or `null` (answered `false`).
 */
export function hasNonFiniteCoordinates(geometry: Geometry | null): boolean {
  if (geometry === null || geometry === undefined) return false;
  const bad = (p: Position): boolean => !Number.isFinite(p[0]) || !Number.isFinite(p[1]);
  switch (geometry.type) {
    case 'Point': return bad(geometry.coordinates);
    case 'MultiPoint':
    case 'LineString': return geometry.coordinates.some(bad);
    case 'MultiLineString':
    case 'Polygon': return geometry.coordinates.some((r) => r.some(bad));
    case 'MultiPolygon': return geometry.coordinates.some((p) => p.some((r) => r.some(bad)));
    case 'GeometryCollection': return geometry.geometries.some(hasNonFiniteCoordinates);
    default: return true;
  }
}
