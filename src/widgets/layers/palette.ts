/**
 * The map's colours, all themable through CSS custom properties on the element or any ancestor.
 *
 * Each colour is read through a hidden "probe" span in the shadow root whose background is
 * `var(--cbm-…, default)`: the computed background is the resolved colour, and because the probes
 * carry a 1 ms background transition, any change of a custom property in the page's CSS fires a
 * `transitionend` on the probe, which restyles the map without a rerun.
 *
 * Defaults are colour-blind safe: zones use Paul Tol's "bright" scheme (distinct for the common
 * colour-vision deficiencies and in greyscale by lightness), classed maps use sequential ramps
 * that vary in lightness (YlOrRd for sources, greens for net sinks, viridis for indices).
 */
import { css, unsafeCSS } from 'lit';
import type { CSSResult } from 'lit';
import { SPACE_TYPES } from '../../engine/index.js';
import type { SpaceType, ZoneId } from '../../engine/index.js';

/** One themable colour: its custom property and default. */
export interface PaletteEntry {
  key: string;
  property: string;
  fallback: string;
}

export const ZONE_COLOUR_DEFAULTS: Record<ZoneId | 'none', string> = {
  'low-carbon-economic': '#228833',
  'carbon-source-control': '#ccbb44',
  'carbon-sink-functional': '#4477aa',
  'high-carbon-optimisation': '#ee6677',
  none: '#bbbbbb',
};

export const SOURCE_RAMP_DEFAULTS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
export const SINK_RAMP_DEFAULTS = ['#d9f0d3', '#7fbf7b', '#1b7837'];
export const INDEX_RAMP_DEFAULTS = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'];

/**
 * Fills of the space types in the land-use preview, after the usual colours of Chinese land-use
 * maps (residential yellow, commercial red, industrial purple, public service pink, roads grey,
 * cultivated pale yellow-green, woodland dark green, water blue).
 */
export const SPACE_TYPE_COLOURS: Readonly<Record<SpaceType, string>> = {
  mining: '#8c6d4f',
  industrial: '#a983c4',
  utilities: '#4f81b3',
  'urban-residential': '#f2c14e',
  'rural-homestead': '#e3a96f',
  commercial: '#d9534f',
  'public-service': '#e58fb0',
  'transport-road': '#9a9a9a',
  'transport-rail': '#5f5f5f',
  'transport-water': '#5b9ec9',
  'transport-air': '#a3a3c8',
  cultivated: '#dfe38e',
  'agri-facility': '#bdb76b',
  forest: '#2e7d3a',
  grassland: '#9ccc65',
  water: '#8ecae6',
  unused: '#cfc6b0',
  'green-space': '#5cb85c',
  other: '#c8c8c8',
};

/** Fill of preview parcels whose code maps to no space type (unmapped or missing). */
export const NO_TYPE_COLOUR = '#ffffff';

/** Every themable map colour, in probe order. */
export const PALETTE_ENTRIES: readonly PaletteEntry[] = [
  ...(Object.keys(ZONE_COLOUR_DEFAULTS) as Array<ZoneId | 'none'>).map((z) => ({
    key: `zone:${z}`,
    property: `--cbm-zone-${z}-fill`,
    fallback: ZONE_COLOUR_DEFAULTS[z],
  })),
  ...SOURCE_RAMP_DEFAULTS.map((c, i) => ({ key: `source:${i}`, property: `--cbm-source-ramp-${i + 1}`, fallback: c })),
  ...SINK_RAMP_DEFAULTS.map((c, i) => ({ key: `sink:${i}`, property: `--cbm-sink-ramp-${i + 1}`, fallback: c })),
  ...INDEX_RAMP_DEFAULTS.map((c, i) => ({ key: `index:${i}`, property: `--cbm-index-ramp-${i + 1}`, fallback: c })),
  { key: 'outline', property: '--cbm-outline-color', fallback: 'rgba(30, 30, 30, 0.75)' },
  { key: 'parcel-outline', property: '--cbm-parcel-outline-color', fallback: 'rgba(60, 60, 60, 0.25)' },
  { key: 'selection', property: '--cbm-selection-color', fallback: '#000000' },
  { key: 'nodata', property: '--cbm-nodata-fill', fallback: '#dddddd' },
  ...SPACE_TYPES.map((t) => ({ key: `landuse:${t}`, property: `--cbm-landuse-${t}-fill`, fallback: SPACE_TYPE_COLOURS[t] })),
  { key: 'landuse:none', property: '--cbm-landuse-none-fill', fallback: NO_TYPE_COLOUR },
];

/** CSS of the probes (one class per entry). */
export const probeStyles: CSSResult = css`
  .probes {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
    visibility: hidden;
    pointer-events: none;
  }
  .probes span {
    display: block;
    width: 1px;
    height: 1px;
    transition: background-color 1ms linear;
  }
  ${unsafeCSS(PALETTE_ENTRIES.map((e, i) => `.probe-${i} { background-color: var(${e.property}, ${e.fallback}); }`).join('\n'))}
`;

/** Resolved colours as `[r, g, b, a]` (0–255, alpha 0–1) by key. */
export type Palette = Map<string, [number, number, number, number]>;

/** Parses `rgb(…)` / `rgba(…)` as computed styles give them. */
export function parseComputedColour(text: string): [number, number, number, number] | null {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)/.exec(text);
  if (!m) return null;
  let a = 1;
  if (m[4] !== undefined) a = m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Math.round(+m[1]), Math.round(+m[2]), Math.round(+m[3]), a];
}

/** Reads the palette from the probes of a shadow root. */
export function readPalette(root: ParentNode): Palette {
  const palette: Palette = new Map();
  PALETTE_ENTRIES.forEach((e, i) => {
    const el = root.querySelector(`.probe-${i}`);
    const parsed = el ? parseComputedColour(getComputedStyle(el).backgroundColor) : null;
    palette.set(e.key, parsed ?? parseComputedColour(hexToRgb(e.fallback)) ?? [128, 128, 128, 1]);
  });
  return palette;
}

function hexToRgb(hex: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** `rgba(r, g, b, a)` text for canvas and OpenLayers styles. */
export function colourText(c: readonly number[]): string {
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${c[3] ?? 1})`;
}

/**
 * Colour `i` of `k` classes drawn from a ramp of any length: the ends of the ramp are the ends
 * of the classes, in between colours are interpolated in RGB.
 */
export function rampColour(ramp: ReadonlyArray<readonly number[]>, i: number, k: number): [number, number, number, number] {
  if (ramp.length === 0) return [128, 128, 128, 1];
  if (k <= 1 || ramp.length === 1) return [...ramp[ramp.length - 1]] as [number, number, number, number];
  const t = (i / (k - 1)) * (ramp.length - 1);
  const lo = Math.floor(t);
  const hi = Math.min(ramp.length - 1, lo + 1);
  const f = t - lo;
  const a = ramp[lo];
  const b = ramp[hi];
  return [0, 1, 2, 3].map((j) => (j < 3 ? Math.round(a[j] + (b[j] - a[j]) * f) : a[j] + (b[j] - a[j]) * f)) as [number, number, number, number];
}

/** The ramp of a palette group (`source`, `sink`, `index`) in order. */
export function paletteRamp(palette: Palette, group: 'source' | 'sink' | 'index'): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; ; i++) {
    const c = palette.get(`${group}:${i}`);
    if (!c) break;
    out.push(c);
  }
  return out;
}
