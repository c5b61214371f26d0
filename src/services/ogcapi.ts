/**
 * An OGC API – Features client: the collections of a landing page, and every item of a
 * collection through `limit` and the `next` links, with `bbox` and `crs` when the server offers
 * them. Items come back as GeoJSON in lon/lat (CRS84) unless a `crs` is asked for.
 */
import type { Feature, FeatureCollection } from '../engine/index.js';
import { ServiceError, getJson, redactUrl, withParams } from './http.js';
import type { ServiceRequestOptions } from './http.js';
import { epsgOf, isLatFirst, swapAxes } from './gml.js';

/** A link of an OGC API document. */
export interface OgcLink {
  href: string;
  rel?: string;
  type?: string;
  title?: string;
}

/** One collection of an OGC API – Features service. */
export interface OgcCollection {
  id: string;
  title: string;
  description: string;
  /** CRSs the server can return items in (URIs); CRS84 when it lists none. */
  crs: string[];
  /** Storage CRS when stated. */
  storageCrs: string | null;
  /** Spatial extent in lon/lat `[west, south, east, north]`, when given. */
  bbox: [number, number, number, number] | null;
  /** Absolute URL of the items. */
  itemsUrl: string;
}

/**
 * The service's base URL for collections: a landing page (`…/wfs3`), a `…/collections` URL, or a
 * collection URL (`…/collections/parcels`) given as the config's `url`.
 */
function collectionsUrl(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '').replace(/\.(json|html)$/, '');
  const i = path.lastIndexOf('/collections');
  u.pathname = i >= 0 ? path.slice(0, i) + '/collections' : path + '/collections';
  u.search = new URL(url).search;
  return u.href;
}

function abs(href: string, base: string): string {
  return new URL(href, base).href;
}

interface RawCollection {
  id?: string;
  title?: string;
  description?: string;
  crs?: string[];
  storageCrs?: string;
  extent?: { spatial?: { bbox?: number[][] } };
  links?: OgcLink[];
}

/** The collections of an OGC API – Features service. */
export async function getOgcCollections(url: string, options: ServiceRequestOptions = {}): Promise<OgcCollection[]> {
  const u = withParams(collectionsUrl(url), { f: 'json' });
  const { json } = await getJson<{ collections?: RawCollection[] }>(u, options, 'OGC API Features collections', url);
  if (!json || !Array.isArray(json.collections)) {
    throw new ServiceError('service-bad-response', `OGC API Features: ${redactUrl(u)} lists no collections`, { url: redactUrl(u) });
  }
  return json.collections.map((c) => {
    const id = String(c.id ?? '');
    const items = (c.links ?? []).find((l) => l.rel === 'items' && (!l.type || /json/.test(l.type)));
    const b = c.extent?.spatial?.bbox?.[0];
    const base = collectionsUrl(url).replace(/\?.*$/, '');
    return {
      id,
      title: c.title ?? id,
      description: c.description ?? '',
      crs: Array.isArray(c.crs) && c.crs.length ? c.crs : ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
      storageCrs: c.storageCrs ?? null,
      bbox: Array.isArray(b) && b.length >= 4 && b.slice(0, 4).every(Number.isFinite) ? (b.length === 6 ? [b[0], b[1], b[3], b[4]] : [b[0], b[1], b[2], b[3]]) : null,
      itemsUrl: items ? abs(items.href, u) : `${base}/${encodeURIComponent(id)}/items`,
    };
  });
}

/** Options of {@link getOgcItems}. */
export interface OgcItemsOptions extends ServiceRequestOptions {
  /** Items per request (`limit`). Default 1000 (servers may cap it lower; the next links still cover everything). */
  limit?: number;
  /** Only items intersecting this lon/lat box `[west, south, east, north]`. */
  bbox?: [number, number, number, number];
  /** Return coordinates in this CRS (a URI the collection lists); default CRS84 lon/lat. */
  crs?: string;
  /** Collections already read (saves a request). */
  collections?: OgcCollection[];
  /** Stop after this many features. Default: all. */
  maxFeatures?: number;
  /** Safety cap on the number of pages followed. Default 10 000. */
  maxPages?: number;
}

/** What {@link getOgcItems} returns. */
export interface OgcItemsResult {
  fc: FeatureCollection;
  pages: number;
  /** The crs the coordinates are in (a URI), CRS84 by default. */
  crs: string;
  notes: string[];
}

interface ItemsPage {
  type?: string;
  features?: Feature[];
  numberMatched?: number;
  links?: OgcLink[];
}

/**
 * Whether MultiPolygon coordinates have the shape MapServer 8.0–8.4's OGC API writes for a
 * multi-part polygon (its issue #7177): n ≥ 2 identical parts, each holding the n outer rings
 * (the holes dropped). Identical parts never occur in a valid MultiPolygon.
 */
export function isStackedMultiPolygon(coordinates: unknown): boolean {
  if (!Array.isArray(coordinates) || coordinates.length < 2) return false;
  const n = coordinates.length;
  const first = coordinates[0] as unknown[][];
  if (!Array.isArray(first) || first.length !== n) return false;
  const key = (part: unknown[][]): string => part.map((ring) => (Array.isArray(ring) ? `${ring.length}:${String(ring[0])}:${String(ring[ring.length - 1])}` : '?')).join('|');
  const k = key(first);
  if (!coordinates.every((p) => Array.isArray(p) && p.length === n && key(p as unknown[][]) === k)) return false;
  const text = JSON.stringify(first);
  return coordinates.every((p) => p === first || JSON.stringify(p) === text);
}

/** Most items asked for in one request when a server's paging is broken (see {@link getOgcItems}). */
const MAX_ONE_REQUEST = 50_000;

/**
 * Every item of a collection, following `next` links. A server whose next links repeat the
 * first page (it ignores `offset`) is asked once for all the items it announced
 * (`numberMatched`, up to 50 000) in one request; a note says so.
 */
export async function getOgcItems(url: string, collection: string, options: OgcItemsOptions = {}): Promise<OgcItemsResult> {
  const collections = options.collections ?? (await getOgcCollections(url, options));
  const c = collections.find((x) => x.id === collection) ?? collections.find((x) => x.title === collection);
  if (!c) {
    throw new ServiceError('service-bad-response', `OGC API Features: no collection "${collection}" at ${redactUrl(url)} (it offers: ${collections.map((x) => x.id).join(', ') || 'none'})`, {
      url: redactUrl(url),
    });
  }
  const notes: string[] = [];
  let crs = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
  if (options.crs) {
    const wanted = epsgOf(options.crs);
    const offered = c.crs.find((x) => x === options.crs) ?? c.crs.find((x) => wanted !== null && epsgOf(x) === wanted);
    if (offered) crs = offered;
    else notes.push(`the collection does not offer ${options.crs}; items were read in CRS84`);
  }
  const limit = Math.max(1, Math.floor(options.limit ?? 1000));
  const max = options.maxFeatures ?? Infinity;
  const maxPages = options.maxPages ?? 10_000;
  const params: Record<string, string | number | undefined> = { f: 'json', limit: Math.min(limit, max === Infinity ? limit : max) };
  if (options.bbox) params.bbox = options.bbox.join(',');
  if (crs !== 'http://www.opengis.net/def/crs/OGC/1.3/CRS84') params.crs = crs;
  let next: string | null = withParams(c.itemsUrl, params);
  const features: Feature[] = [];
  const visited = new Set<string>();
  const seen = new Set<string>();
  let pages = 0;
  let bytes = 0;
  let total: number | null = null;
  let oneRequest: number | null = null;
  while (next && features.length < max) {
    if (visited.has(next)) {
      notes.push('a next link pointed back to a page already read: stopped');
      break;
    }
    if (pages >= maxPages) {
      notes.push(`stopped after ${maxPages} pages`);
      break;
    }
    visited.add(next);
    const pageUrl: string = next;
    const answer: { json: ItemsPage; bytes: number } = await getJson<ItemsPage>(pageUrl, options, `OGC API Features items ${c.id}`, url);
    const { json, bytes: b } = answer;
    bytes += b;
    pages += 1;
    if (!json || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
      throw new ServiceError('service-bad-response', `OGC API Features items ${c.id}: not a GeoJSON FeatureCollection (${redactUrl(next)})`, { url: redactUrl(next) });
    }
    if (typeof json.numberMatched === 'number') total = json.numberMatched;
    // A server that ignores `offset` (MapServer 8.0.0, its issue #6613) answers every next link
    // with the first page again. Rather than read the same items again: ask once for all
    // `numberMatched` items in one request, else stop with a note.
    const ids = json.features.map((f) => (f.id === undefined || f.id === null ? null : String(f.id)));
    if (pages > 1 && ids.length > 0 && ids.every((id) => id !== null && seen.has(id))) {
      const want = total === null ? null : Math.min(total, max);
      if (oneRequest === null && want !== null && want > features.length && want <= MAX_ONE_REQUEST) {
        oneRequest = want;
        features.length = 0;
        seen.clear();
        next = withParams(c.itemsUrl, { ...params, limit: want });
        continue;
      }
      notes.push(`the server ignored offset (a next link repeated items already read): only ${features.length} items were read; raise pageSize above the collection's size`);
      break;
    }
    const stacked = json.features.find((f) => f?.geometry?.type === 'MultiPolygon' && isStackedMultiPolygon(f.geometry.coordinates));
    if (stacked) {
      const n = (stacked.geometry as { coordinates: unknown[] }).coordinates.length;
      throw new ServiceError(
        'service-bad-response',
        `OGC API Features items ${c.id}: feature ${String(stacked.id ?? '(no id)')} is a MultiPolygon of ${n} identical parts of ${n} rings each: ` +
          'the server wrote every part\'s outer ring into each part and dropped the holes (MapServer 8.0–8.4, its issue #7177). ' +
          `The shapes cannot be recovered from this answer: read the layer through the server's WFS instead (${redactUrl(pageUrl)})`,
        { url: redactUrl(pageUrl) },
      );
    }
    // An EPSG URI of a geographic CRS (…/EPSG/0/4326) puts latitude first: back to x/y.
    const swap = isLatFirst(crs);
    for (const [i, f] of json.features.entries()) {
      if (features.length >= max) break;
      if (ids[i] !== null) seen.add(ids[i]!);
      features.push(swap && f.geometry && 'coordinates' in f.geometry ? ({ ...f, geometry: { ...f.geometry, coordinates: swapAxes(f.geometry.coordinates) } } as Feature) : f);
    }
    options.onProgress?.({ features: features.length, total, pages, bytes });
    const link: OgcLink | undefined = (json.links ?? []).find((l) => l.rel === 'next' && (!l.type || /json/.test(l.type)));
    next = link && json.features.length > 0 ? abs(link.href, next) : null;
    // Keep f=json on next links that dropped it (some servers then answer HTML).
    if (next && !/[?&]f=/.test(next)) next = withParams(next, { f: 'json' });
  }
  if (oneRequest !== null && !notes.some((n) => /ignored offset/.test(n))) {
    notes.push(`the server ignored offset (a next link repeated the first page): the ${oneRequest} items it announced were asked for in one request (limit=${oneRequest}), ${features.length} came back`);
  }
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  const code = epsgOf(crs);
  if (code && code !== 'EPSG:4326') fc.crs = { type: 'name', properties: { name: code } };
  return { fc, pages, crs, notes };
}
