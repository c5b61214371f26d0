/**
 * New values on the features a source already holds (a rerun whose units or grid cells kept
 * their outlines): no GeoJSON geometry is read again, no feature is replaced, so selections and
 * the map's spatial index stay as they are.
 */
import type Feature from 'ol/Feature.js';
import type VectorSource from 'ol/source/Vector.js';
import type { FeatureCollection } from '../../engine/index.js';

/**
 * Set each feature's properties from the collection, matched by id. Returns false (and changes
 * nothing) when the source does not hold exactly the collection's ids: the caller rebuilds.
 */
export function updateProperties(source: VectorSource<Feature>, fc: FeatureCollection): boolean {
  if (source.getFeatures().length !== fc.features.length) return false;
  const targets: Feature[] = [];
  for (const f of fc.features) {
    const target = f.id === undefined ? null : source.getFeatureById(f.id);
    if (!target) return false;
    targets.push(target);
  }
  fc.features.forEach((f, i) => targets[i].setProperties(f.properties ?? {}, true));
  source.changed();
  return true;
}
