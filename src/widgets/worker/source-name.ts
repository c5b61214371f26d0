import { serviceSourceName } from '../../services/load.js';
import type { ServiceLayerSource } from '../../engine/index.js';

/** The name under which a config's layer source is registered: its path, else its url, else its service (`wfs:<url>#<typeName>`). */
export function sourceName(source: { path?: string; url?: string; service?: ServiceLayerSource } | undefined | null): string | null {
  if (!source) return null;
  return source.path ?? source.url ?? (source.service ? serviceSourceName(source.service) : null);
}

/** The registered names of every layer a config reads (parcels, units unless generated, POIs, roads, population). */
export function configSourceNames(config: { layers: { parcels: object; units: object; pois?: object[]; roads?: object[]; population?: object } }): string[] {
  const l = config.layers;
  const sources = [l.parcels, 'generate' in l.units ? null : l.units, ...(l.pois ?? []), ...(l.roads ?? []), l.population ?? null];
  return sources.map((s) => sourceName(s as Parameters<typeof sourceName>[0])).filter((n): n is string => n !== null);
}
