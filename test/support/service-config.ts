/**
 * City configs whose layers come from elsewhere than their files (a map server, blob: URLs):
 * shared by the engine's and the element's service tests. No Node or DOM imports.
 */
import type { CityConfig, LayerSource, ServiceLayerSource } from '../../src/engine/config/types.js';

/** What replaces a role's `path`: a `service`, or a `url` (and `format`). */
export type SourceReplacement = Partial<Pick<LayerSource, 'service' | 'url' | 'format'>>;

/** A copy of the config with each given role's `path` replaced (every POI or road layer of a role alike). */
export function replaceSources(
  config: CityConfig,
  by: { parcels?: SourceReplacement; units?: SourceReplacement; pois?: SourceReplacement; roads?: SourceReplacement; population?: SourceReplacement },
): CityConfig {
  const c: CityConfig = structuredClone(config);
  const swap = <T extends LayerSource>(src: T, extra: SourceReplacement): T => {
    const { path: _path, ...rest } = src;
    return { ...rest, ...extra } as T;
  };
  if (by.parcels) c.layers.parcels = swap(c.layers.parcels, by.parcels);
  if (by.units) c.layers.units = swap(c.layers.units as LayerSource, by.units);
  if (by.pois) c.layers.pois = c.layers.pois!.map((p) => swap(p, by.pois!));
  if (by.roads) c.layers.roads = c.layers.roads!.map((r) => swap(r, by.roads!));
  if (by.population) c.layers.population = swap(c.layers.population!, by.population);
  return c;
}

/** The Liechtenstein config's layer roles and the server layer each is read from. */
export interface ServiceLayerNames {
  parcels: string;
  units: string;
  pois?: string;
  roads?: string;
  population?: string;
}

/** Every role of the Liechtenstein config and its layer name on the test servers. */
export const ALL_LAYERS: Required<ServiceLayerNames> = { parcels: 'landuse', units: 'municipalities', pois: 'pois', roads: 'roads', population: 'buildings' };

/** The config with the named roles read from the service `make` builds instead of their files. */
export function serviceConfig(config: CityConfig, names: ServiceLayerNames, make: (typeName: string) => ServiceLayerSource): CityConfig {
  const by: Record<string, SourceReplacement> = {};
  for (const [role, name] of Object.entries(names)) if (name) by[role] = { service: make(name) };
  return replaceSources(config, by);
}
