import { serviceSourceName } from '../../services/load.js';
import type { ServiceLayerSource } from '../../engine/index.js';

/** The name under which a config's layer source is registered: its path, else its url, else its service (`wfs:<url>#<typeName>`). */
export function sourceName(source: { path?: string; url?: string; service?: ServiceLayerSource } | undefined | null): string | null {
  if (!source) return null;
  return source.path ?? source.url ?? (source.service ? serviceSourceName(source.service) : null);
}
