/** Small helpers over GeoJSON coordinates shared by the readers (bounding box, axis swap). */
import type { FeatureCollection, Geometry, Position } from '../../types.js';

/** Call `fn` for every position of a geometry (recursing into collections). */
export function forEachPosition(g: Geometry | null | undefined, fn: (p: Position) => void): void {
  if (!g || typeof g !== 'object') return;
  switch (g.type) {
    case 'Point': if (Array.isArray(g.coordinates)) fn(g.coordinates); return;
    case 'MultiPoint':
    case 'LineString': for (const p of g.coordinates ?? []) if (Array.isArray(p)) fn(p); return;
    case 'MultiLineString':
    case 'Polygon': for (const r of g.coordinates ?? []) for (const p of r ?? []) if (Array.isArray(p)) fn(p); return;
    case 'MultiPolygon': for (const poly of g.coordinates ?? []) for (const r of poly ?? []) for (const p of r ?? []) if (Array.isArray(p)) fn(p); return;
    case 'GeometryCollection': for (const c of g.geometries ?? []) forEachPosition(c, fn); return;
    default: return;
  }
}

/**
 * Bounding box `[minX, minY, maxX, maxY]` of every finite position of a collection, or `null`
 * when it has none.
 */
export function collectionBbox(fc: FeatureCollection): [number, number, number, number] | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of fc.features) {
    forEachPosition(f?.geometry, (p) => {
      const x = p[0], y = p[1];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    });
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

/** A copy of a geometry with x and y swapped in every position (extra ordinates kept). */
export function swapGeometryAxes(g: Geometry | null): Geometry | null {
  if (!g || typeof g !== 'object') return g;
  const sw = (p: Position): Position => (Array.isArray(p) && p.length >= 2 ? [p[1], p[0], ...p.slice(2)] : p);
  switch (g.type) {
    case 'Point': return { ...g, coordinates: sw(g.coordinates) };
    case 'MultiPoint':
    case 'LineString': return { ...g, coordinates: (g.coordinates ?? []).map(sw) } as Geometry;
    case 'MultiLineString':
    case 'Polygon': return { ...g, coordinates: (g.coordinates ?? []).map((r) => (r ?? []).map(sw)) } as Geometry;
    case 'MultiPolygon': return { ...g, coordinates: (g.coordinates ?? []).map((poly) => (poly ?? []).map((r) => (r ?? []).map(sw))) };
    case 'GeometryCollection': return { ...g, geometries: (g.geometries ?? []).map((c) => swapGeometryAxes(c) as Geometry) };
    default: return g;
  }
}

/** Whether a bbox lies within lon [-180, 180], lat [-90, 90]. */
export function isLonLatBbox(b: readonly number[]): boolean {
  return b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
}
