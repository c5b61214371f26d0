/**
 * The first map of a run, drawn before the engine has finished: the parcels coloured by the
 * territorial-space type their land-use code maps to (the engine's `createLandUseMapper` on the
 * config's `landUse`) and the unit outlines. Built in the worker from the loaded input layers;
 * the parcel geometry crosses as flat Web-Mercator arrays and the types as one byte per parcel.
 */
import { SPACE_TYPES, createLandUseMapper, createTransform, fromOffsetToWgs84, resolveLayerCrs, transformGeometry, withoutUnreadablePositions } from '../../engine/index.js';
import { isSameCrs } from '../../engine/crs/index.js';
import type { CityConfig, Feature, FeatureCollection, Geometry, LayerSource, Position } from '../../engine/index.js';
import type { LandUsePreview } from './protocol.js';

type PositionTransform = (xy: Position) => Position;

/** Positions already in WGS84 lon/lat (no copy needed). */
const AS_IS = 'as-is' as const;

/**
 * The position transform of a layer to WGS84 lon/lat: its CRS (config, then file, then
 * EPSG:4326) and its GCJ-02/BD-09 offset. Null when the CRS cannot be used (an error issue).
 */
function toWgs84(source: LayerSource, fc: FeatureCollection): PositionTransform | typeof AS_IS | null {
  const crs = resolveLayerCrs(source.crs, fc);
  if (crs.issues.some((i) => i.severity === 'error')) return null;
  const offset = source.coordinateOffset;
  const plain = !offset || offset === 'none';
  if (plain && (isSameCrs(crs.code, 'EPSG:4326') || crs.code === 'EPSG:4490')) return AS_IS;
  let project: PositionTransform;
  try {
    project = createTransform(crs.code, 'EPSG:4326');
  } catch {
    return null;
  }
  if (plain) return project;
  return (xy) => {
    const p = project(xy);
    return fromOffsetToWgs84(offset, p[0], p[1]);
  };
}

/**
 * The features' outlines in WGS84, without positions that are not two finite numbers (the engine
 * drops or refuses those, and a map reader would throw on them).
 */
function inWgs84(features: readonly Feature[], fn: PositionTransform | typeof AS_IS): Feature[] {
  return features.map((f) => {
    let g = f.geometry ? withoutUnreadablePositions(f.geometry as Geometry) : null;
    if (g && fn !== AS_IS) g = withoutUnreadablePositions(transformGeometry(g, fn));
    return { type: 'Feature', id: f.id, geometry: g, properties: null };
  });
}

/** 1 + the index of each space type in `SPACE_TYPES`; 0 means "no type". */
const TYPE_INDEX = new Map<string, number>(SPACE_TYPES.map((s, i) => [s, i + 1]));

/**
 * Builds the land-use preview of a config's parcels and units, or null when the parcels' CRS
 * is unusable (the run will say why). `flatten` is the worker's parcel flattener.
 *
 * @param config the city config (its `landUse` and the parcels' `codeField` are read; not mutated).
 * @param parcels the loaded parcel layer.
 * @param units the loaded unit layer, or undefined for generated units.
 */
export function buildLandUsePreview(
  config: CityConfig,
  parcels: FeatureCollection,
  units: FeatureCollection | undefined,
  flatten: (features: Feature[]) => LandUsePreview['geometry'],
): LandUsePreview | null {
  const parcelSource = config.layers.parcels;
  const toLonLat = toWgs84(parcelSource, parcels);
  if (!toLonLat) return null;
  const mapper = createLandUseMapper(config.landUse ?? {});
  const field = parcelSource.codeField;
  const spaceType = new Uint8Array(parcels.features.length);
  // A city has a few dozen distinct codes: map each once (by its raw value, so 101 and "0101"
  // stay apart exactly as the mapper tells them apart), then count by type index.
  const indexOf = new Map<unknown, number>();
  const perIndex = new Array<number>(SPACE_TYPES.length + 1).fill(0);
  parcels.features.forEach((f, i) => {
    const raw = f.properties?.[field];
    let index = indexOf.get(raw);
    if (index === undefined) {
      const type = mapper.map(raw).spaceType;
      index = type ? (TYPE_INDEX.get(type) ?? 0) : 0;
      indexOf.set(raw, index);
    }
    spaceType[i] = index;
    perIndex[index]++;
  });
  const counts: Record<string, number> = {};
  perIndex.forEach((n, index) => {
    if (n > 0) counts[index === 0 ? '' : SPACE_TYPES[index - 1]] = n;
  });
  const geometry = flatten(inWgs84(parcels.features, toLonLat));
  let unitOutlines: FeatureCollection | null = null;
  const unitSource = config.layers.units;
  if (units && !('generate' in unitSource)) {
    const fn = toWgs84(unitSource, units);
    if (fn) unitOutlines = { type: 'FeatureCollection', features: inWgs84(units.features, fn) };
  }
  return { geometry, spaceType, counts, units: unitOutlines };
}
