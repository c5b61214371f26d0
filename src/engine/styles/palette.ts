/**
 * The default map palettes, shared by the map element and every export (QGIS `.qml`, SLD), so a
 * planner sees the same colours in the browser and in QGIS.
 *
 * The colours are the map element's (src/widgets/layers/palette.ts) and are colour-blind safe:
 * zones use Paul Tol's "bright" scheme (distinct for the common colour-vision deficiencies and
 * in greyscale by lightness), and each zone also has a hatch so it survives greyscale printing;
 * sources use a 5-class sequential ramp (ColorBrewer YlOrRd), net sinks a separate ramp of
 * greens (ColorBrewer PRGn's green arm, so sources and sinks read as a diverging pair around
 * zero), indices viridis.
 */
import type { ZoneId } from '../types.js';

/** `[r, g, b, a]`: channels 0–255, alpha 0–1. */
export type Rgba = [number, number, number, number];

/**
 * A hatch drawn over a zone's fill, named as QGIS names brush styles (`SimpleFill` `style`):
 * `b_diagonal` = "/", `f_diagonal` = "\", `diagonal_x` = "×".
 */
export type HatchHint = 'none' | 'horizontal' | 'vertical' | 'cross' | 'b_diagonal' | 'f_diagonal' | 'diagonal_x';

/** Languages the style labels come in. */
export type StyleLang = 'en' | 'zh-CN';

/** How one zone is drawn and named. */
export interface ZoneStyle {
  /** Fill colour, `#rrggbb`. */
  colour: string;
  hatch: HatchHint;
  label: Record<StyleLang, string>;
}

/** Every colour a map or an export uses. */
export interface MapPalette {
  /** The four zones of METHOD.md §4, plus `none` for units without a zone. */
  zones: Record<ZoneId | 'none', ZoneStyle>;
  /** Sequential ramp for values ≥ 0 (sources), low → high, `#rrggbb`. */
  source: string[];
  /** Ramp for net sinks (values < 0), weakest → strongest, `#rrggbb`. */
  sink: string[];
  /** Sequential ramp for the indices CCR, ECC, ESC, low → high. */
  index: string[];
  /** Unit outlines, CSS colour. */
  outline: string;
  /** Parcel and grid-cell outlines, CSS colour. */
  parcelOutline: string;
  /** Features whose value is missing. */
  nodata: string;
}

/** Zone fills (Paul Tol "bright"); the same values as the element's `--cbm-zone-*-fill` defaults. */
export const ZONE_COLOURS: Readonly<Record<ZoneId | 'none', string>> = {
  'low-carbon-economic': '#228833',
  'carbon-source-control': '#ccbb44',
  'carbon-sink-functional': '#4477aa',
  'high-carbon-optimisation': '#ee6677',
  none: '#bbbbbb',
};

/** Hatches: four distinct directions, so zones differ in greyscale and for any colour vision. */
export const ZONE_HATCHES: Readonly<Record<ZoneId | 'none', HatchHint>> = {
  'low-carbon-economic': 'b_diagonal',
  'carbon-source-control': 'horizontal',
  'carbon-sink-functional': 'vertical',
  'high-carbon-optimisation': 'diagonal_x',
  none: 'none',
};

/** Zone names, as the element shows them (src/widgets/i18n.ts). */
export const ZONE_LABELS: Readonly<Record<ZoneId | 'none', Record<StyleLang, string>>> = {
  'low-carbon-economic': { en: 'Low-carbon economic zone', 'zh-CN': '低碳经济区' },
  'carbon-source-control': { en: 'Carbon-source control zone', 'zh-CN': '碳源控制区' },
  'carbon-sink-functional': { en: 'Carbon-sink functional zone', 'zh-CN': '碳汇功能区' },
  'high-carbon-optimisation': { en: 'High-carbon optimisation zone', 'zh-CN': '高碳优化区' },
  none: { en: 'No zone', 'zh-CN': '未分区' },
};

/** 5-class sequential source ramp (ColorBrewer YlOrRd-5). */
export const SOURCE_RAMP: readonly string[] = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
/** Net-sink ramp, weakest → strongest (ColorBrewer greens of PRGn). */
export const SINK_RAMP: readonly string[] = ['#d9f0d3', '#7fbf7b', '#1b7837'];
/** Index ramp (viridis, 5 stops, light → dark). */
export const INDEX_RAMP: readonly string[] = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'];

/** The default palette. */
export const DEFAULT_PALETTE: MapPalette = {
  zones: Object.fromEntries(
    (Object.keys(ZONE_COLOURS) as Array<ZoneId | 'none'>).map((z) => [z, { colour: ZONE_COLOURS[z], hatch: ZONE_HATCHES[z], label: { ...ZONE_LABELS[z] } }]),
  ) as Record<ZoneId | 'none', ZoneStyle>,
  source: [...SOURCE_RAMP],
  sink: [...SINK_RAMP],
  index: [...INDEX_RAMP],
  outline: 'rgba(30, 30, 30, 0.75)',
  parcelOutline: 'rgba(60, 60, 60, 0.25)',
  nodata: '#dddddd',
};

/**
 * Parse `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` or `rgba(…)` into {@link Rgba}.
 *
 * @returns the colour, or null for anything else.
 * @example
 * parseColour('#228833'); // [34, 136, 51, 1]
 */
export function parseColour(text: string): Rgba | null {
  const t = text.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(t);
  if (m) return [parseInt(m[1][0] + m[1][0], 16), parseInt(m[1][1] + m[1][1], 16), parseInt(m[1][2] + m[1][2], 16), 1];
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(t);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, m[2] ? parseInt(m[2], 16) / 255 : 1];
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(t);
  if (m) {
    let a = 1;
    if (m[4] !== undefined) a = m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [Math.round(+m[1]), Math.round(+m[2]), Math.round(+m[3]), a];
  }
  return null;
}

/** `#rrggbb` of a colour (alpha dropped). */
export function toHex(c: Rgba): string {
  return '#' + c.slice(0, 3).map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('');
}

/**
 * Colour `i` of `k` classes drawn from a ramp of any length: the ramp's ends are the ends of the
 * classes; colours in between are interpolated in RGB. The same rule as the map element's, so
 * classed exports match the map class for class.
 *
 * @param ramp - colours, low → high (CSS text or {@link Rgba}).
 * @param i - class index, 0-based.
 * @param k - number of classes.
 * @example
 * rampColour(SOURCE_RAMP, 0, 5); // [255, 255, 178, 1]
 */
export function rampColour(ramp: ReadonlyArray<string | readonly number[]>, i: number, k: number): Rgba {
  const cs = ramp.map((c) => (typeof c === 'string' ? parseColour(c) ?? [128, 128, 128, 1] : [...c, 1].slice(0, 4))) as Rgba[];
  if (cs.length === 0) return [128, 128, 128, 1];
  if (k <= 1 || cs.length === 1) return [...cs[cs.length - 1]] as Rgba;
  const t = (i / (k - 1)) * (cs.length - 1);
  const lo = Math.floor(t);
  const hi = Math.min(cs.length - 1, lo + 1);
  const f = t - lo;
  const a = cs[lo];
  const b = cs[hi];
  return [0, 1, 2, 3].map((j) => (j < 3 ? Math.round(a[j] + (b[j] - a[j]) * f) : a[j] + (b[j] - a[j]) * f)) as Rgba;
}
