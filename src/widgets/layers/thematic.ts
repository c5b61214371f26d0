/**
 * Thematic styling of the result layers: which value each view shows, its classes (from the
 * engine's `classify`, so the legend and the map agree with the report), the colour of each
 * class, and the legend rows with their counts.
 */
import { classify, classIndex, ZONE_IDS } from '../../engine/index.js';
import type { Classification, ClassifyMethod, ZoneId } from '../../engine/index.js';
import type { Lang, ViewId } from '../i18n.js';
import { formatCoefficient, formatPercentOfRatio, formatTonnes, formatTonnesPerKm2, strings } from '../i18n.js';
import type { Palette } from './palette.js';
import { paletteRamp, rampColour } from './palette.js';

export type Rgba = [number, number, number, number];

/** The layer a view draws. */
export type ViewLayer = 'parcels' | 'grid' | 'units';

export function layerOfView(view: ViewId): ViewLayer {
  return view === 'parcels' ? 'parcels' : view === 'grid' ? 'grid' : 'units';
}

/** One legend row. */
export interface LegendItem {
  /** Stable key: `zone:<id>`, `class:<i>` (negative for sink classes), `nodata`. */
  key: string;
  colour: Rgba;
  label: string;
  count: number;
}

/** How a view colours its features, and its legend. */
export interface Theme {
  view: ViewId;
  layer: ViewLayer;
  items: LegendItem[];
  classification: Classification | null;
  /** Colour of a value of the view (a number, a zone id, or null). */
  colourOf(value: number | string | null): Rgba;
}

export interface ThemeOptions {
  method: ClassifyMethod;
  classes: number;
  breaks?: number[];
}

/** The property a view shows. */
export function keyOfView(view: ViewId): string {
  return view === 'parcels' || view === 'grid' ? 'netPerKm2' : view === 'units' ? 'netT' : view === 'zones' ? 'zone' : view;
}

/** The value a view shows for a feature's properties: a finite number, a zone id, or null. */
export function valueOf(view: ViewId, props: Record<string, unknown>): number | string | null {
  const v = props[keyOfView(view)];
  if (view === 'zones') return typeof v === 'string' ? v : null;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A value of a view with its unit, in the page's locale. */
export function formatViewValue(view: ViewId, value: number | null, lang: Lang): string {
  switch (view) {
    case 'parcels':
    case 'grid':
      return formatTonnesPerKm2(value, lang);
    case 'units':
      return formatTonnes(value, lang);
    case 'ccr':
      return formatPercentOfRatio(value, lang);
    default:
      return formatCoefficient(value, lang);
  }
}

function safeClassify(values: Array<number | null>, options: ThemeOptions, sinkClasses: number): Classification {
  try {
    return classify(values, { method: options.method, classes: options.classes, breaks: options.breaks, sinkClasses });
  } catch {
    // Manual breaks missing or invalid: fall back to natural breaks rather than draw nothing.
    return classify(values, { method: 'jenks', classes: options.classes, sinkClasses });
  }
}

/** A class's label: "lo – hi", or the one value when the class holds a single value (or shows as one). */
function rangeLabel(view: ViewId, lo: number, hi: number, lang: Lang): string {
  const a = formatViewValue(view, lo, lang);
  const b = formatViewValue(view, hi, lang);
  return a === b ? a : `${a} – ${b}`;
}

/** Builds the theme of a view over its features' values (see {@link valueOf}). */
export function buildTheme(
  view: ViewId,
  values: ReadonlyArray<number | string | null>,
  palette: Palette,
  options: ThemeOptions,
  lang: Lang,
): Theme {
  const t = strings(lang);
  const nodata = palette.get('zone:none') ?? [187, 187, 187, 1];
  const layer = layerOfView(view);
  if (view === 'zones') {
    const counts = new Map<string, number>();
    for (const v of values) {
      const z = typeof v === 'string' ? v : 'none';
      counts.set(z, (counts.get(z) ?? 0) + 1);
    }
    const items: LegendItem[] = ZONE_IDS.map((z) => ({
      key: `zone:${z}`,
      colour: palette.get(`zone:${z}`) ?? nodata,
      label: t.zones[z],
      count: counts.get(z) ?? 0,
    }));
    if (counts.get('none')) items.push({ key: 'zone:none', colour: nodata, label: t.unzoned, count: counts.get('none') ?? 0 });
    const zoneColours = new Map(items.map((i) => [i.key.slice(5), i.colour]));
    return {
      view,
      layer,
      items,
      classification: null,
      colourOf: (v) => zoneColours.get(typeof v === 'string' ? (v as ZoneId) : 'none') ?? nodata,
    };
  }
  const numbers = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  const negatives = numbers.reduce<number>((n, v) => (v !== null && v < 0 ? n + 1 : n), 0);
  const sinkRamp = paletteRamp(palette, 'sink');
  // A separate diverging ramp for net sinks: as many classes as the ramp has colours, fewer when
  // there are only a handful of negative values.
  const sinkClasses = Math.max(1, Math.min(sinkRamp.length, negatives >= 10 ? sinkRamp.length : 1));
  const c = safeClassify(numbers, options, sinkClasses);
  const ramp = paletteRamp(palette, view === 'ccr' || view === 'ecc' || view === 'esc' ? 'index' : 'source');
  const k = c.breaks.length;
  const m = c.sinkBreaks.length;
  const sourceColours = c.breaks.map((_, i) => rampColour(ramp, i, k));
  // Sink class −1 is the weakest sink (nearest zero): the lightest colour of the sink ramp.
  const sinkColours = c.sinkBreaks.map((_, j) => rampColour(sinkRamp, m - 1 - j, m));
  const nodataFill = palette.get('nodata') ?? nodata;
  const items: LegendItem[] = [];
  for (let i = k - 1; i >= 0; i--) {
    const lo = i === 0 ? (c.min ?? 0) : c.breaks[i - 1];
    items.push({
      key: `class:${i}`,
      colour: sourceColours[i],
      label: rangeLabel(view, lo, c.breaks[i], lang),
      count: c.counts[i],
    });
  }
  for (let j = m - 1; j >= 0; j--) {
    const lo = j === 0 ? (c.sinkMin ?? c.sinkBreaks[0]) : c.sinkBreaks[j - 1];
    items.push({
      key: `class:${j - m}`,
      colour: sinkColours[j],
      label: rangeLabel(view, lo, c.sinkBreaks[j], lang),
      count: c.sinkCounts[j],
    });
  }
  if (c.excluded > 0) items.push({ key: 'nodata', colour: nodataFill, label: t.noData, count: c.excluded });
  return {
    view,
    layer,
    items,
    classification: c,
    colourOf: (v) => {
      const idx = classIndex(c, typeof v === 'number' ? v : null);
      if (idx === null) return nodataFill;
      return idx >= 0 ? sourceColours[Math.min(idx, k - 1)] : sinkColours[m + idx] ?? nodataFill;
    },
  };
}
