/**
 * The classes of a styled field, with colours and labels: one list that the QGIS and SLD writers
 * both render, built by the same rules as the map element's legend (src/widgets/layers/thematic.ts).
 */
import type { Classification, ClassifyOptions } from '../classify/index.js';
import { classify } from '../classify/index.js';
import { EngineError, ZONE_IDS } from '../types.js';
import type { HatchHint, MapPalette, Rgba, StyleLang } from './palette.js';
import { DEFAULT_PALETTE, parseColour, rampColour } from './palette.js';

/** A result layer that has styles. */
export type StyleLayer = 'units' | 'grid' | 'parcels';

/** One class of a graduated style: values in [lower, upper] (lower exclusive unless `lowerInclusive`). */
export interface RangeClass {
  kind: 'range';
  /** Class index as in `classIndex`: 0… for sources, −1… for sinks (−1 = weakest). */
  index: number;
  lower: number;
  upper: number;
  lowerInclusive: boolean;
  colour: Rgba;
  label: string;
  count: number;
}

/** One category of a categorized style; `value` null is the catch-all for missing values. */
export interface CategoryClass {
  kind: 'category';
  value: string | null;
  colour: Rgba;
  hatch: HatchHint;
  label: string;
}

export type StyleClass = RangeClass | CategoryClass;

export interface ClassStylesOptions {
  /** Label language; default `en`. */
  lang?: StyleLang;
}

/** Fields whose classes use the index ramp rather than the source ramp. */
const INDEX_FIELDS = new Set(['ccr', 'ecc', 'esc']);

/** The field a layer is styled by when none is named: zones for units, intensity otherwise. */
export function defaultStyleField(layer: StyleLayer): string {
  return layer === 'units' ? 'zone' : 'netPerKm2';
}

/**
 * Classify a field for a style the way the map does: the given method and classes on values ≥ 0,
 * and as many sink classes as the sink ramp has colours when there are at least 10 negative
 * values, else one.
 *
 * @param values - the field's values (null and non-finite values are excluded and counted).
 * @param options - classify options (`method` default jenks, `classes` default 5, `breaks`).
 */
export function classifyForStyle(values: ReadonlyArray<number | null | undefined>, options: ClassifyOptions = {}, palette: MapPalette = DEFAULT_PALETTE): Classification {
  let negatives = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v) && v < 0) negatives++;
  const sinkClasses = Math.max(1, Math.min(palette.sink.length, negatives >= 10 ? palette.sink.length : 1));
  return classify([...values], { ...options, sinkClasses: options.sinkClasses ?? sinkClasses });
}

/** A number for a legend: grouped thousands, decimals by magnitude (2 under 100, 4 under 1). */
export function formatStyleNumber(v: number): string {
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 1 ? 2 : 4;
  const s = v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return s === '-0' ? '0' : s;
}

/**
 * The classes of a field with colours and labels.
 *
 * - `zone`: one category per zone (METHOD.md §4) with its colour, hatch and name, then a
 *   catch-all for units without a zone.
 * - any other field: graduated classes from `classification`, highest source class first, then
 *   sink classes (weakest first), as the map's legend lists them. Source class i of k takes
 *   colour i of k on the source (or index) ramp; sink class j of m takes colour m−1−j on the
 *   sink ramp, so the weakest sink is the lightest green.
 *
 * @throws EngineError `invalid-argument` when a numeric field has no classification.
 */
export function buildClassStyles(
  field: string,
  classification: Classification | null,
  palette: MapPalette = DEFAULT_PALETTE,
  options: ClassStylesOptions = {},
): StyleClass[] {
  const lang = options.lang ?? 'en';
  const colour = (c: string): Rgba => parseColour(c) ?? [128, 128, 128, 1];
  if (field === 'zone') {
    const out: StyleClass[] = ZONE_IDS.map((z) => ({
      kind: 'category' as const,
      value: z,
      colour: colour(palette.zones[z].colour),
      hatch: palette.zones[z].hatch,
      label: palette.zones[z].label[lang],
    }));
    out.push({ kind: 'category', value: null, colour: colour(palette.zones.none.colour), hatch: palette.zones.none.hatch, label: palette.zones.none.label[lang] });
    return out;
  }
  if (!classification) throw new EngineError('invalid-argument', `field ${field} needs a classification (from classify or classifyForStyle), got ${String(classification)}`);
  const c = classification;
  const ramp = INDEX_FIELDS.has(field) ? palette.index : palette.source;
  const k = c.breaks.length;
  const m = c.sinkBreaks.length;
  const out: RangeClass[] = [];
  for (let i = k - 1; i >= 0; i--) {
    const lower = i === 0 ? (c.min ?? 0) : c.breaks[i - 1];
    out.push({
      kind: 'range', index: i, lower, upper: c.breaks[i], lowerInclusive: i === 0, colour: rampColour(ramp, i, k),
      label: `${formatStyleNumber(lower)} – ${formatStyleNumber(c.breaks[i])}`, count: c.counts[i] ?? 0,
    });
  }
  for (let j = m - 1; j >= 0; j--) {
    const lower = j === 0 ? (c.sinkMin ?? c.sinkBreaks[0]) : c.sinkBreaks[j - 1];
    out.push({
      kind: 'range', index: j - m, lower, upper: c.sinkBreaks[j], lowerInclusive: j === 0, colour: rampColour(palette.sink, m - 1 - j, m),
      label: `${formatStyleNumber(lower)} – ${formatStyleNumber(c.sinkBreaks[j])}`, count: c.sinkCounts[j] ?? 0,
    });
  }
  return out;
}
