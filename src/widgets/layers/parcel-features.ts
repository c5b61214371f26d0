/**
 * OpenLayers features for the parcels of a result, built straight from the worker's flat
 * Web-Mercator arrays (no GeoJSON parsing, no reprojection on the page), and updated in place
 * when only their properties changed (a land-use remap).
 */
import Feature from 'ol/Feature.js';
import Polygon from 'ol/geom/Polygon.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import type { Feature as GeoJsonFeature, FeatureCollection } from '../../engine/index.js';
import type { ParcelTable } from './parcel-table.js';
import type { FlatParcelGeometry } from '../worker/protocol.js';

/** Name of the one property a parcel feature carries: its row in the {@link ParcelTable}. */
export const PARCEL_ROW = 'cbmRow';

/**
 * Builds one feature per parcel, for parcels `from` (inclusive) to `to` (exclusive); the
 * feature's id is the parcel id and its only property its row. Called in slices so a large city
 * never blocks the page.
 */
export function buildParcelFeatures(geometry: FlatParcelGeometry, table: ParcelTable, from = 0, to = table.length): Feature[] {
  const { coords, ringEnds, polygonRings, featurePolygons } = geometry;
  const out: Feature[] = new Array(Math.max(0, to - from));
  for (let i = from; i < to; i++) {
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
    f.set(PARCEL_ROW, i, true);
    f.setId(table.id(i));
    out[i - from] = f;
  }
  return out;
}


const EARTH_RADIUS_M = 6378137;

/** The parcels of a result as WGS84 GeoJSON, straight from the flat Web-Mercator arrays. */
export function flatParcelsToGeoJSON(geometry: FlatParcelGeometry, table: ParcelTable): FeatureCollection {
  const properties = table.rows();
  const { coords, ringEnds, polygonRings, featurePolygons } = geometry;
  const lonLat = (i: number): number[] => [
    Math.round(((coords[i] / EARTH_RADIUS_M) * 180) / Math.PI * 1e9) / 1e9,
    Math.round(((2 * Math.atan(Math.exp(coords[i + 1] / EARTH_RADIUS_M)) - Math.PI / 2) * 180) / Math.PI * 1e9) / 1e9,
  ];
  const features: GeoJsonFeature[] = properties.map((props, i) => {
    const polygons: number[][][][] = [];
    for (let p = featurePolygons[i]; p < featurePolygons[i + 1]; p++) {
      const rings: number[][][] = [];
      for (let r = polygonRings[p]; r < polygonRings[p + 1]; r++) {
        const start = r === 0 ? 0 : ringEnds[r - 1];
        const ring: number[][] = [];
        for (let c = start; c < ringEnds[r]; c += 2) ring.push(lonLat(c));
        rings.push(ring);
      }
      polygons.push(rings);
    }
    const geom: GeoJsonFeature['geometry'] =
      polygons.length === 0 ? null : polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
    return { type: 'Feature', id: props.id, geometry: geom, properties: { ...props } };
  });
  return { type: 'FeatureCollection', features };
}
