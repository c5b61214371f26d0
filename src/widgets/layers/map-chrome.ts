/**
 * The words OpenLayers and ol-ext show on the element's own map (the zoom and rotate buttons'
 * tooltips, the layer switcher's titles), in the UI language, and again after a language change.
 */
import type OlMap from 'ol/Map.js';
import type BaseLayer from 'ol/layer/Base.js';
import type { Lang, ViewId } from '../i18n.js';
import { strings } from '../i18n.js';

/** Options of `ol/control`'s `defaults` with the buttons' tooltips in the UI language. */
export function controlOptions(lang: Lang): {
  attribution: false;
  zoomOptions: { zoomInTipLabel: string; zoomOutTipLabel: string };
  rotateOptions: { tipLabel: string };
} {
  const c = strings(lang).mapControls;
  return { attribution: false, zoomOptions: { zoomInTipLabel: c.zoomIn, zoomOutTipLabel: c.zoomOut }, rotateOptions: { tipLabel: c.resetRotation } };
}

const LANGS: readonly Lang[] = ['en', 'zh-CN'];

/**
 * Puts the UI language's words on the element's layers (view layers by their `cbmView`, the
 * unit outlines and basemap layers by their title in any language) and, on the element's own
 * map only (never a host's), on the zoom and rotate buttons.
 */
export function relabelMapChrome(ownMap: OlMap | null, layers: Iterable<BaseLayer | null | undefined>, lang: Lang): void {
  const t = strings(lang);
  const words = (pick: (s: ReturnType<typeof strings>) => string): string[] => LANGS.map((l) => pick(strings(l)));
  const outlines = words((s) => s.unitOutlines);
  const basemap = words((s) => s.basemap);
  for (const layer of layers) {
    if (!layer) continue;
    const view = layer.get('cbmView') as ViewId | undefined;
    const title = layer.get('title') as unknown;
    if (view && view in t.viewShort) layer.set('title', t.viewShort[view]);
    else if (typeof title === 'string' && outlines.includes(title)) layer.set('title', t.unitOutlines);
    else if (typeof title === 'string' && basemap.includes(title)) layer.set('title', t.basemap);
  }
  const viewport = ownMap?.getViewport();
  if (!viewport) return;
  const c = t.mapControls;
  for (const [selector, label] of [['.ol-zoom-in', c.zoomIn], ['.ol-zoom-out', c.zoomOut], ['.ol-rotate-reset', c.resetRotation]] as const) {
    viewport.querySelector(selector)?.setAttribute('title', label);
  }
}
