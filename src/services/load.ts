/**
 * One entry for the CLI and the element: reads a config's `service` layer source into a lon/lat
 * GeoJSON feature collection through the WFS or OGC API Features client.
 */
import type { FeatureCollection, ServiceLayerSource } from '../engine/index.js';
import { ServiceError } from './http.js';
import type { ServiceRequestOptions } from './http.js';
import { getWfsFeatures } from './wfs.js';
import { getOgcItems } from './ogcapi.js';

/** Options of {@link loadServiceLayer}. */
export interface LoadServiceLayerOptions extends ServiceRequestOptions {
  /** Base URL a relative service `url` resolves against (the config's URL, the page). */
  baseUrl?: string;
}

/** A service layer read into memory. */
export interface ServiceLayerResult {
  /** The features, lon/lat WGS84 unless `fc.crs` names another CRS. */
  fc: FeatureCollection;
  /** Requests for features made. */
  pages: number;
  /** What was used (`WFS 1.1.0 application/json`, `OGC API Features`). */
  via: string;
  /** Notes worth showing (paging ignored, axis order corrected, crs not offered). */
  notes: string[];
}

/** A stable name for a service source: `wfs:<url>#<typeName>` or `ogcapi-features:<url>#<collection>`. */
export function serviceSourceName(s: ServiceLayerSource): string {
  return `${s.type}:${s.url}#${s.type === 'wfs' ? s.typeName ?? '' : s.collection ?? ''}`;
}

/**
 * Reads every feature of a service layer. Rejects with {@link ServiceError} (HTTP failure,
 * timeout, exception report, CORS block, cancel, unknown layer).
 */
export async function loadServiceLayer(source: ServiceLayerSource, options: LoadServiceLayerOptions = {}): Promise<ServiceLayerResult> {
  let url: string;
  try {
    url = new URL(source.url, options.baseUrl).href;
  } catch {
    throw new ServiceError('service-bad-response', `service url "${source.url}" is not a URL`, { url: source.url });
  }
  const bbox = Array.isArray(source.bbox) && source.bbox.length >= 4 ? (source.bbox.slice(0, 4) as [number, number, number, number]) : undefined;
  if (source.type === 'wfs') {
    if (!source.typeName) throw new ServiceError('service-bad-response', 'a WFS layer source needs "typeName"', { url });
    const r = await getWfsFeatures(url, source.typeName, { ...options, version: source.version, format: source.format, pageSize: source.pageSize, bbox });
    return { fc: r.fc, pages: r.pages, via: `WFS ${r.version} ${r.format}`, notes: r.notes };
  }
  if (source.type === 'ogcapi-features') {
    if (!source.collection) throw new ServiceError('service-bad-response', 'an OGC API Features layer source needs "collection"', { url });
    const r = await getOgcItems(url, source.collection, { ...options, limit: source.pageSize, bbox });
    return { fc: r.fc, pages: r.pages, via: 'OGC API Features', notes: r.notes };
  }
  throw new ServiceError('service-bad-response', `unknown service type "${(source as { type?: unknown }).type}"`, { url });
}
