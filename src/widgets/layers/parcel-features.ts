/**
 * OpenLayers features for the parcels of a result, built straight from the worker's flat
 * Web-Mercator arrays (no GeoJSON parsing, no reprojection on the page), and updated in place
 * when only their properties changed (a land-use remap).
 */
import Feature from 'ol/Feature.js';
import Polygon from 'ol/geom/Polygon.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import type { ParcelProperties } from '../../engine/index.js';
import type { FlatParcelGeometry } from '../worker/protocol.js';

/** Builds one feature per parcel; the feature's id is the parcel id. */
export function buildParcelFeatures(geometry: FlatParcelGeometry, properties: readonly ParcelProperties[]): Feature[] {
  const { coords, ringEnds, polygonRings, featurePolygons } = geometry;
  const out: Feature[] = new Array(properties.length);
  for (let i = 0; i < properties.length; i++) {
    const p0 = featurePolygons[i];
    const p1 = featurePolygons[i + 1];
    let geom: Polygon | MultiPolygon | undefined;
    if (p1 > p0) {
      const startCoord = polygonRings[p0] === 0 ? 0 : ringEnds[polygonRings[p0] - 1];
      const endCoord = ringEnds[polygonRings[p1] - 1];
      const flat = Array.from(coords.subarray(startCoord, endCoord));
      if (p1 - p0 === 1) {
        const ends: number[] = [];
        for (let r = polygonRings[p0]; r < polygonRings[p0 + 1]; r++) ends.push(ringEnds[r] - startCoord);
        geom = new Polygon(flat, 'XY', ends);
      } else {
        const endss: number[][] = [];
        for (let p = p0; p < p1; p++) {
          const ends: number[] = [];
          for (let r = polygonRings[p]; r < polygonRings[p + 1]; r++) ends.push(ringEnds[r] - startCoord);
          endss.push(ends);
        }
        geom = new MultiPolygon(flat, 'XY', endss);
      }
    }
    const f = new Feature(geom);
    const props = properties[i];
    f.setProperties(props as unknown as Record<string, unknown>, true);
    f.setId(props.id);
    out[i] = f;
  }
  return out;
}

/** Replaces the properties of existing parcel features (same order), without events. */
export function updateParcelProperties(features: readonly Feature[], properties: readonly ParcelProperties[]): void {
  const n = Math.min(features.length, properties.length);
  for (let i = 0; i < n; i++) features[i].setProperties(properties[i] as unknown as Record<string, unknown>, true);
}
