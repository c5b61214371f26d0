/**
 * Basemaps of the element: none (offline default), an XYZ template, WMTS from capabilities,
 * WMS, and Tianditu (天地图) WMTS in its Web-Mercator (`_w`) and CGCS2000 geographic (`_c`,
 * EPSG:4490) tile matrix sets. The `basemap` attribute names one:
 *
 * - `none`
 * - `https://…/{z}/{x}/{y}.png` (XYZ)
 * - `wmts:<capabilities URL>#<layer>[@<matrix set>]`
 * - `wms:<service URL>#<layers>`
 * - `tianditu:<layer>_<w|c>[,<layer>_<w|c>…]` (e.g. `tianditu:vec_c,cva_c`), with the portal's key in
 *   the `tianditu-key` attribute (never hard-coded) and optionally a mirror in `tianditu-url`.
 *
 * A Tianditu basemap of `c` layers only puts the element's view in EPSG:4490 (see
 * {@link viewProjectionOf}), so its tiles are drawn as served; every other basemap keeps the
 * EPSG:3857 view (other EPSG:4490 tiles, such as a WMTS 4490 matrix set, are reprojected by
 * OpenLayers with an error threshold of half a pixel).
 */
import TileLayer from 'ol/layer/Tile.js';
import XYZ from 'ol/source/XYZ.js';
import WMTS, { optionsFromCapabilities } from 'ol/source/WMTS.js';
import WMTSTileGrid from 'ol/tilegrid/WMTS.js';
import TileWMS from 'ol/source/TileWMS.js';
import WMTSCapabilities from 'ol/format/WMTSCapabilities.js';
import { register } from 'ol/proj/proj4.js';
import { Projection, addCoordinateTransforms, addProjection, fromLonLat, get as getProjection, toLonLat } from 'ol/proj.js';
import type { Coordinate } from 'ol/coordinate.js';
import proj4 from 'proj4';
import { fromOffsetToWgs84, toOffsetFromWgs84 } from '../../engine/crs/offset.js';
import { redactUrl } from '../../services/http.js';

/** Registers EPSG:4490 (CGCS2000 geographic, lon/lat degrees on GRS80) with OpenLayers through proj4. */
export function registerCgcs2000(): void {
  if (getProjection('EPSG:4490')) return;
  proj4.defs('EPSG:4490', '+proj=longlat +ellps=GRS80 +no_defs +type=crs');
  register(proj4);
  getProjection('EPSG:4490')?.setExtent([-180, -90, 180, 90]);
}

/**
 * The code of "GCJ-02 Web Mercator": Web Mercator (the extent, units and formulas of EPSG:3857)
 * of GCJ-02 lon/lat, the grid of Amap/Gaode and most Chinese web tiles. A view in it draws such
 * tiles as served, and WGS84 data read into it lands shifted onto them (some 100–700 m in China).
 */
export const GCJ02_WEB_MERCATOR = 'GCJ02:3857';

/** What the `basemap-offset` attribute asks for: the basemap tiles' coordinate offset. */
export type BasemapOffset = 'none' | 'gcj02';

/** Parses the `basemap-offset` attribute: `gcj02`, anything else `none`. */
export function parseBasemapOffset(value: string | null | undefined): BasemapOffset {
  return (value ?? '').trim().toLowerCase() === 'gcj02' ? 'gcj02' : 'none';
}

/**
 * Registers {@link GCJ02_WEB_MERCATOR} with OpenLayers, with transforms to and from EPSG:4326 and
 * EPSG:3857 (WGS84 → GCJ-02 by the engine's {@link toOffsetFromWgs84}, back by its
 * {@link fromOffsetToWgs84}, round trip under 1 mm). Outside China GCJ-02 equals WGS84.
 */
export function registerGcj02(): void {
  if (getProjection(GCJ02_WEB_MERCATOR)) return;
  const mercator = getProjection('EPSG:3857')!;
  addProjection(
    new Projection({
      code: GCJ02_WEB_MERCATOR,
      units: 'm',
      extent: mercator.getExtent(),
      worldExtent: mercator.getWorldExtent() ?? undefined,
      global: true,
      // Web Mercator's scale at a northing y is 1 / cosh(y / R) (as EPSG:3857's).
      getPointResolution: (resolution: number, point: Coordinate) => resolution / Math.cosh(point[1] / 6378137),
    }),
  );
  const wgsToGcj = (c: Coordinate): Coordinate => toOffsetFromWgs84('gcj02', c[0], c[1]);
  const gcjToWgs = (c: Coordinate): Coordinate => fromOffsetToWgs84('gcj02', c[0], c[1]);
  // GCJ02:3857 ↔ lon/lat is plain Web Mercator of GCJ-02 lon/lat.
  const gcjMercatorToGcj = (c: Coordinate): Coordinate => toLonLat(c, 'EPSG:3857');
  const gcjToGcjMercator = (c: Coordinate): Coordinate => fromLonLat(c, 'EPSG:3857');
  addCoordinateTransforms(
    'EPSG:4326',
    GCJ02_WEB_MERCATOR,
    (c) => gcjToGcjMercator(wgsToGcj(c)),
    (c) => gcjToWgs(gcjMercatorToGcj(c)),
  );
  addCoordinateTransforms(
    'EPSG:3857',
    GCJ02_WEB_MERCATOR,
    (c) => gcjToGcjMercator(wgsToGcj(gcjMercatorToGcj(c))),
    (c) => gcjToGcjMercator(gcjToWgs(gcjMercatorToGcj(c))),
  );
}

/** What the `basemap` attribute asks for. */
export type BasemapSpec =
  | { kind: 'none' }
  | { kind: 'xyz'; url: string }
  | { kind: 'wmts'; capabilitiesUrl: string; layer: string; matrixSet?: string }
  | { kind: 'wms'; url: string; layers: string }
  | { kind: 'tianditu'; layers: Array<{ layer: string; set: 'w' | 'c' }> };

/** Parses the `basemap` attribute; unknown text is read as an XYZ template. */
export function parseBasemap(value: string | null | undefined): BasemapSpec {
  const v = (value ?? '').trim();
  if (!v || v === 'none') return { kind: 'none' };
  if (v.startsWith('wmts:')) {
    const rest = v.slice(5);
    const hash = rest.lastIndexOf('#');
    const [layer, matrixSet] = (hash >= 0 ? rest.slice(hash + 1) : '').split('@');
    return { kind: 'wmts', capabilitiesUrl: hash >= 0 ? rest.slice(0, hash) : rest, layer, ...(matrixSet ? { matrixSet } : {}) };
  }
  if (v.startsWith('wms:')) {
    const rest = v.slice(4);
    const hash = rest.lastIndexOf('#');
    return { kind: 'wms', url: hash >= 0 ? rest.slice(0, hash) : rest, layers: hash >= 0 ? rest.slice(hash + 1) : '' };
  }
  if (v.startsWith('tianditu:')) {
    const layers = v
      .slice(9)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const m = /^([a-z]+)_([wc])$/.exec(s);
        return m ? { layer: m[1], set: m[2] as 'w' | 'c' } : { layer: s, set: 'w' as const };
      });
    return { kind: 'tianditu', layers };
  }
  return { kind: 'xyz', url: v };
}

/**
 * The projection of the element's view for a basemap: `EPSG:4490` when every layer is a Tianditu
 * CGCS2000 geographic (`_c`) layer, so its tiles are not reprojected; {@link GCJ02_WEB_MERCATOR}
 * (registered on the way) when the tiles are GCJ-02 (`offset` `gcj02`); `EPSG:3857` otherwise.
 */
export function viewProjectionOf(spec: BasemapSpec, offset: BasemapOffset = 'none'): 'EPSG:3857' | 'EPSG:4490' | typeof GCJ02_WEB_MERCATOR {
  if (spec.kind === 'tianditu' && spec.layers.length > 0 && spec.layers.every((l) => l.set === 'c')) return 'EPSG:4490';
  if (offset === 'gcj02') {
    registerGcj02();
    return GCJ02_WEB_MERCATOR;
  }
  return 'EPSG:3857';
}

/** Web-Mercator half-width, m. */
const HALF_WORLD_M = 20037508.342789244;

/**
 * Tianditu's tile grids: matrices `1` … `18`; `w` is EPSG:3857 from (−20 037 508.34, 20 037 508.34)
 * with level z at 156 543.03392804097 / 2^z m/px (level 1: 2 × 2 tiles); `c` is EPSG:4490 from
 * (−180, 90) with level z at 1.40625 / 2^z °/px (level 1: 0.703125 °/px, 2 × 1 tiles).
 */
export function tiandituTileGrid(set: 'w' | 'c'): WMTSTileGrid {
  const ids = Array.from({ length: 18 }, (_, i) => String(i + 1));
  if (set === 'c') {
    return new WMTSTileGrid({ origin: [-180, 90], resolutions: ids.map((id) => 1.40625 / 2 ** Number(id)), matrixIds: ids, extent: [-180, -90, 180, 90] });
  }
  return new WMTSTileGrid({
    origin: [-HALF_WORLD_M, HALF_WORLD_M],
    resolutions: ids.map((id) => (2 * HALF_WORLD_M) / 256 / 2 ** Number(id)),
    matrixIds: ids,
    extent: [-HALF_WORLD_M, -HALF_WORLD_M, HALF_WORLD_M, HALF_WORLD_M],
  });
}

/**
 * The WMTS KVP URL of a Tianditu layer, `{TileMatrix}` etc. left for OpenLayers to fill. `base`
 * is a template with `{layer}`, `{set}` and `{s}` (0–7): default `https://t{s}.tianditu.gov.cn/{layer}_{set}/wmts`.
 */
export function tiandituUrls(layer: string, set: 'w' | 'c', key: string, base = 'https://t{s}.tianditu.gov.cn/{layer}_{set}/wmts'): string[] {
  const servers = base.includes('{s}') ? ['0', '1', '2', '3', '4', '5', '6', '7'] : [''];
  return servers.map((s) => {
    const u = base.replace('{s}', s).replace('{layer}', layer).replace('{set}', set);
    return `${u}${u.includes('?') ? '&' : '?'}tk=${encodeURIComponent(key)}`;
  });
}

/** Options of {@link createBasemapLayers}. */
export interface BasemapOptions {
  /** Tianditu key (the `tianditu-key` attribute). */
  tiandituKey?: string | null;
  /** Tianditu mirror template (the `tianditu-url` attribute). */
  tiandituUrl?: string | null;
  /** Layer title (for the layer switcher). */
  title: string;
  /** Resolves relative URLs (the page). */
  baseUrl: string;
  /** Receives a message when a basemap cannot be made (a missing key, failed capabilities). */
  onError?: (message: string) => void;
  /**
   * The tiles' offset (the `basemap-offset` attribute): with `gcj02` the Web-Mercator XYZ, WMTS
   * and Tianditu `_w` sources are declared in {@link GCJ02_WEB_MERCATOR}, so a view in it draws
   * their tiles as served. WMS stays EPSG:3857 (its requests name the CRS) and is reprojected.
   */
  offset?: BasemapOffset;
}

/** Tile layers for a basemap spec (none for `none`). WMTS capabilities are fetched first. */
export async function createBasemapLayers(spec: BasemapSpec, options: BasemapOptions): Promise<TileLayer[]> {
  const props = { title: options.title, basemap: true };
  const abs = (u: string): string => new URL(u, options.baseUrl).href;
  if (options.offset === 'gcj02') registerGcj02();
  const mercator = options.offset === 'gcj02' ? GCJ02_WEB_MERCATOR : 'EPSG:3857';
  switch (spec.kind) {
    case 'none':
      return [];
    case 'xyz':
      return [new TileLayer({ source: new XYZ({ url: spec.url, crossOrigin: 'anonymous', projection: 'EPSG:3857' }), properties: props, zIndex: -10 })];
    case 'wms':
      return [
        new TileLayer({
          source: new TileWMS({ url: abs(spec.url), params: { LAYERS: spec.layers, FORMAT: 'image/png', TRANSPARENT: true, VERSION: '1.3.0' }, crossOrigin: 'anonymous', projection: 'EPSG:3857' }),
          properties: props,
          zIndex: -10,
        }),
      ];
    case 'wmts': {
      registerCgcs2000();
      const url = abs(spec.capabilitiesUrl);
      let text: string;
      try {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        text = await r.text();
      } catch (e) {
        options.onError?.(`WMTS capabilities ${redactUrl(url)}: ${(e as Error).message}`);
        return [];
      }
      const caps = new WMTSCapabilities().read(text);
      // Some servers (QGIS Server 3.22 for geographic sets) write limits of −1: ignore such limits.
      for (const layer of caps?.Contents?.Layer ?? []) {
        for (const link of layer.TileMatrixSetLink ?? []) {
          const limits = link.TileMatrixSetLimits as Array<{ MinTileCol: number; MinTileRow: number }> | undefined;
          if (limits?.some((l) => l.MinTileCol < 0 || l.MinTileRow < 0)) delete link.TileMatrixSetLimits;
        }
      }
      const o = optionsFromCapabilities(caps, { layer: spec.layer, ...(spec.matrixSet ? { matrixSet: spec.matrixSet } : { projection: 'EPSG:3857' }) });
      if (!o) {
        options.onError?.(`WMTS ${redactUrl(url)}: no layer "${spec.layer}"${spec.matrixSet ? ` in matrix set ${spec.matrixSet}` : ''}`);
        return [];
      }
      const projection = o.projection && getProjection(o.projection)?.getCode() === 'EPSG:3857' ? mercator : o.projection;
      return [new TileLayer({ source: new WMTS({ ...o, projection, crossOrigin: 'anonymous' }), properties: props, zIndex: -10 })];
    }
    case 'tianditu': {
      const key = options.tiandituKey?.trim();
      if (!key) {
        options.onError?.('Tianditu basemap: set the portal’s key in the tianditu-key attribute');
        return [];
      }
      registerCgcs2000();
      return spec.layers.map(
        ({ layer, set }, i) =>
          new TileLayer({
            source: new WMTS({
              urls: tiandituUrls(layer, set, key, options.tiandituUrl ?? undefined).map((u) => new URL(u, options.baseUrl).href),
              layer,
              matrixSet: set,
              format: 'tiles',
              style: 'default',
              projection: set === 'c' ? 'EPSG:4490' : mercator,
              tileGrid: tiandituTileGrid(set),
              requestEncoding: 'KVP',
              crossOrigin: 'anonymous',
              wrapX: true,
              attributions: '© 天地图 Tianditu',
            }),
            properties: { ...props, title: `${options.title} ${layer}_${set}` },
            zIndex: -10 + i,
          }),
      );
    }
  }
}
