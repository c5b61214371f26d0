/** RFC 7946 GeoJSON writer. */
import { makeIssue } from '../../messages/index.js';
import type { Feature, FeatureCollection, Geometry, Issue, Position } from '../../types.js';
import { utf8Encode } from './text.js';
import type { WriteResult } from './write-common.js';
import { featuresOf, NonFiniteTally, orientRing } from './write-common.js';

export interface WriteGeoJsonOptions {
  /** Decimals kept in coordinates; default all (lossless). 7 ≈ 1 cm in degrees. */
  coordinatePrecision?: number;
  /** Layer name put on issues. */
  layer?: string;
  /** Indentation for humans; default none (compact). */
  indent?: number;
}

/**
 * Write features as RFC 7946 GeoJSON: a FeatureCollection of WGS 84 lon/lat positions with no
 * `crs` member, polygon rings by the right-hand rule (outer counter-clockwise, holes clockwise),
 * 2D positions, `id` kept when present, the collection's `properties` foreign member kept.
 * NaN/±Infinity property values become `null` (JSON has no such numbers).
 *
 * @param input - features already in WGS 84 lon/lat (the engine's outputs are); not modified.
 * @param options - `coordinatePrecision`, `indent`, `layer`.
 * @returns UTF-8 bytes (no BOM, as RFC 8259 asks) and issues: `io-write-non-finite`.
 * @example
 * const { bytes } = writeGeoJson(result.units);
 */
export function writeGeoJson(input: FeatureCollection | readonly Feature[], options: WriteGeoJsonOptions = {}): WriteResult {
  const precision = options.coordinatePrecision;
  const factor = precision === undefined ? 0 : 10 ** precision;
  const pos = (p: Position): Position => (factor ? [Math.round(p[0] * factor) / factor, Math.round(p[1] * factor) / factor] : [p[0], p[1]]);
  const poly = (rings: Position[][]): Position[][] => rings.map((r, i) => orientRing(r, i === 0).map(pos));
  const geom = (g: Geometry): Geometry => {
    switch (g.type) {
      case 'Point': return { type: 'Point', coordinates: pos(g.coordinates) };
      case 'MultiPoint': return { type: 'MultiPoint', coordinates: g.coordinates.map(pos) };
      case 'LineString': return { type: 'LineString', coordinates: g.coordinates.map(pos) };
      case 'MultiLineString': return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(pos)) };
      case 'Polygon': return { type: 'Polygon', coordinates: poly(g.coordinates) };
      case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: g.coordinates.map(poly) };
      case 'GeometryCollection': return { type: 'GeometryCollection', geometries: g.geometries.map(geom) };
    }
  };
  const nonFinite = new NonFiniteTally();
  const features = featuresOf(input).map((f) => {
    let properties: Record<string, unknown> | null = null;
    if (f.properties) {
      properties = {};
      for (const [k, v] of Object.entries(f.properties)) {
        if (typeof v === 'number' && !Number.isFinite(v)) {
          nonFinite.note(k);
          properties[k] = null;
        } else properties[k] = v;
      }
    }
    const out: Feature = { type: 'Feature', geometry: f.geometry ? geom(f.geometry) : null, properties };
    if (f.id !== undefined) return { type: 'Feature' as const, id: f.id, geometry: out.geometry, properties };
    return out;
  });
  const fc: Record<string, unknown> = { type: 'FeatureCollection' };
  if (!Array.isArray(input) && (input as FeatureCollection).properties) fc.properties = (input as FeatureCollection).properties;
  fc.features = features;
  const issues: Issue[] = [];
  const loc = options.layer === undefined ? {} : { layer: options.layer };
  for (const [field, count] of nonFinite.entries()) issues.push(makeIssue('io-write-non-finite', { field, count, ...loc }, { ...loc, field }));
  return { bytes: utf8Encode(JSON.stringify(fc, null, options.indent)), issues };
}
