/**
 * Classed maps (METHOD.md §5): natural breaks, quantile, equal interval and manual breaks, with
 * negative values (net sinks) in their own diverging class(es).
 *
 * The result is a plain serialisable object (no closures), so it crosses a Worker boundary and
 * goes into report.json unchanged; {@link classIndex} places a value in it.
 */
import { EngineError } from '../types.js';
import { optimalClassEnds } from './jenks.js';

/** How class limits are chosen. `jenks` is exact natural breaks (least within-class SSE). */
export type ClassifyMethod = 'jenks' | 'quantile' | 'equal' | 'manual';

export interface ClassifyOptions {
  /** Class-limit method, applied to each side separately. Default `jenks`. */
  method?: ClassifyMethod;
  /** Number of classes for values ≥ 0 (sources and zero), an integer in [1, 100]. Default 5. */
  classes?: number;
  /** `manual` only: inner upper class limits for values ≥ 0, strictly ascending, each ≥ 0. */
  breaks?: readonly number[];
  /**
   * Number of classes for negative values (net sinks), an integer in [1, 100], chosen by the same
   * method on the negative values alone. Default 1: one `net-sink` class (METHOD.md §5).
   */
  sinkClasses?: number;
  /** `manual` only: inner upper class limits for negative values, strictly ascending, each < 0. */
  sinkBreaks?: readonly number[];
}

/**
 * A classification: class limits and counts for each side of zero.
 *
 * Source side (values ≥ 0): class `c` (0-based, 0 = low) holds values in
 * `(breaks[c−1], breaks[c]]`; class 0 starts at `min`. Sink side (values < 0): `sinkBreaks` are
 * upper limits too, ascending; the class ending at `sinkBreaks[j]` has index `j − sinkBreaks.length`,
 * so −1 is the weakest sinks (nearest zero) and −sinkBreaks.length the strongest. In the ascending
 * list `[...sinkBreaks, ...breaks]` a class index `c` sits at position `sinkBreaks.length + c`.
 */
export interface Classification {
  method: ClassifyMethod;
  /** Upper limits of the source classes, ascending; the last is the largest value (or a manual limit above it). */
  breaks: number[];
  /** Values in each source class, aligned with `breaks`. */
  counts: number[];
  /** Upper limits of the sink classes, ascending; the last is the negative value nearest zero (or a manual limit above it). */
  sinkBreaks: number[];
  /** Values in each sink class, aligned with `sinkBreaks`. */
  sinkCounts: number[];
  /** Smallest value ≥ 0 (lower end of class 0), null when there is none. */
  min: number | null;
  /** Most negative value (lower end of the strongest sink class), null when there is none. */
  sinkMin: number | null;
  /** null, undefined, NaN and ±Infinity values: left out of every class and counted here. */
  excluded: number;
}

const MAX_CLASSES = 100;

function checkClassCount(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_CLASSES) {
    throw new EngineError('invalid-argument', `${name} must be an integer from 1 to ${MAX_CLASSES}, got ${String(v)}`);
  }
  return v;
}

function checkManualLimits(name: string, limits: readonly number[], sign: 'non-negative' | 'negative'): number[] {
  if (!Array.isArray(limits)) throw new EngineError('invalid-argument', `${name} must be an array of numbers, got ${typeof limits}`);
  for (let i = 0; i < limits.length; i++) {
    const b = limits[i];
    const okSign = sign === 'negative' ? b < 0 : b >= 0;
    if (typeof b !== 'number' || !Number.isFinite(b) || !okSign) {
      throw new EngineError('invalid-argument', `${name}[${i}] must be a finite ${sign} number, got ${String(b)}`);
    }
    if (i > 0 && !(b > limits[i - 1])) {
      throw new EngineError('invalid-argument', `${name} must be strictly ascending, got ${String(limits[i - 1])} then ${String(b)}`);
    }
  }
  // -0 would serialise as 0 but sort as a negative; normalise.
  return limits.map((b) => (b === 0 ? 0 : b));
}

/** Distinct values of an ascending array with their multiplicities. */
function compress(sorted: Float64Array): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (x.length > 0 && x[x.length - 1] === v) w[w.length - 1]++;
    else {
      x.push(v === 0 ? 0 : v);
      w.push(1);
    }
  }
  return { x, w };
}

/** Upper class limits of one side by an automatic method; distinct, ascending, last = max. */
function autoLimits(sorted: Float64Array, method: Exclude<ClassifyMethod, 'manual'>, classes: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const { x, w } = compress(sorted);
  // Fewer distinct values than classes: fewer classes, never empty duplicate limits.
  const k = Math.min(classes, x.length);
  const max = x[x.length - 1];
  if (k === 1) return [max];
  if (method === 'jenks') return optimalClassEnds(x, w, k).map((i) => x[i]);

  const limits: number[] = [];
  if (method === 'quantile') {
    // Class c (1-based) ends at the value of rank ⌈c·n/k⌉: the lowest c/k of the values, rounded
    // up to whole values. Copies of one value never straddle a limit, so duplicates merge classes.
    for (let c = 1; c < k; c++) limits.push(sorted[Math.ceil((c * n) / k) - 1]);
  } else {
    // Equal interval over [min, max] of this side; min + (max − min)·c/k rounds once per limit.
    const min = x[0];
    for (let c = 1; c < k; c++) limits.push(min + ((max - min) * c) / k);
  }
  limits.push(max);
  const out: number[] = [];
  for (const b of limits) if (out.length === 0 || b > out[out.length - 1]) out.push(b === 0 ? 0 : b);
  return out;
}

/** Manual limits: the user's inner limits, plus the side's maximum when it lies above the last one. */
function manualLimits(sorted: Float64Array, inner: number[]): number[] {
  const out = inner.slice();
  if (sorted.length > 0) {
    const max = sorted[sorted.length - 1];
    if (out.length === 0 || max > out[out.length - 1]) out.push(max === 0 ? 0 : max);
  }
  return out;
}

/** Index of the first limit ≥ v, or limits.length − 1 when v is above every limit. */
function findClass(limits: readonly number[], v: number): number {
  let lo = 0;
  let hi = limits.length - 1;
  if (v > limits[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= limits[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Class index of a value in a classification: 0 … breaks.length−1 for values ≥ 0 (0 = low),
 * −1 … −sinkBreaks.length for negative values (−1 = weakest sink). A value outside the data's
 * range goes to the nearest end class of its side. Returns null for null, undefined, NaN or
 * ±Infinity, and for a value whose side has no class.
 *
 * @example
 * const c = classify([-3, 1, 2, 10], { method: 'equal', classes: 2 });
 * classIndex(c, 2); // 0 (class 0 is [1, 5.5])
 * classIndex(c, -3); // -1 (the net-sink class)
 */
export function classIndex(classification: Classification, value: number | null | undefined): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (value < 0) {
    const s = classification.sinkBreaks;
    if (s.length === 0) return null;
    return findClass(s, value) - s.length;
  }
  const b = classification.breaks;
  if (b.length === 0) return null;
  return findClass(b, value);
}

/**
 * Class a map's values (METHOD.md §5). Values ≥ 0 (sources; zero belongs here) and negative
 * values (net sinks) are classed separately and never share a class.
 *
 * - `jenks` (default): exact natural breaks, the partition into contiguous classes with the least
 *   total within-class sum of squares, found by dynamic programming in O(k·n log n).
 * - `quantile`: class c ends at the value of rank ⌈c·n/k⌉ (ties kept together).
 * - `equal`: limits at min + (max − min)·c/k of the side's range; classes may be empty.
 * - `manual`: the given inner limits, plus the side's maximum if it lies above them. Without
 *   `sinkBreaks`, all negative values form one sink class.
 * When a side has fewer distinct values than classes, it gets fewer classes.
 *
 * @param values - map values (t CO2e, t/km², or an index); null, undefined, NaN and ±Infinity are
 *   excluded and counted. Not mutated.
 * @param options - `method` (default `jenks`), `classes` (default 5), `breaks` (manual),
 *   `sinkClasses` (default 1), `sinkBreaks` (manual).
 * @returns a plain serialisable {@link Classification}; place values with {@link classIndex}.
 * @throws EngineError `invalid-argument` for an unknown method, a class count outside 1–100, or
 *   manual limits that are missing, unsorted, non-finite or on the wrong side of zero.
 * @example
 * const c = classify([1, 2, 3, 10, 11, 12, -5, null], { classes: 2 });
 * // c.breaks = [3, 12], c.counts = [3, 3], c.sinkBreaks = [-5], c.sinkCounts = [1], c.excluded = 1
 */
export function classify(values: ReadonlyArray<number | null | undefined>, options: ClassifyOptions = {}): Classification {
  if (!Array.isArray(values)) throw new EngineError('invalid-argument', `values must be an array, got ${typeof values}`);
  const method = options.method ?? 'jenks';
  if (method !== 'jenks' && method !== 'quantile' && method !== 'equal' && method !== 'manual') {
    throw new EngineError('invalid-argument', `method must be one of jenks, quantile, equal, manual; got ${String(method)}`);
  }
  const classes = checkClassCount('classes', options.classes ?? 5);
  const sinkClasses = checkClassCount('sinkClasses', options.sinkClasses ?? 1);
  let manualBreaks: number[] = [];
  let manualSinkBreaks: number[] | null = null;
  if (method === 'manual') {
    if (options.breaks === undefined) throw new EngineError('invalid-argument', 'breaks must be given for the manual method');
    manualBreaks = checkManualLimits('breaks', options.breaks, 'non-negative');
    if (options.sinkBreaks !== undefined) manualSinkBreaks = checkManualLimits('sinkBreaks', options.sinkBreaks, 'negative');
  }

  let excluded = 0;
  let nPos = 0;
  let nNeg = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) excluded++;
    else if (v < 0) nNeg++;
    else nPos++;
  }
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let ip = 0;
  let ineg = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    // -0 < 0 is false, so -0 joins the source side with 0, as documented.
    if (v < 0) neg[ineg++] = v;
    else pos[ip++] = v;
  }
  pos.sort();
  neg.sort();

  let breaks: number[];
  let sinkBreaks: number[];
  if (method === 'manual') {
    breaks = manualLimits(pos, manualBreaks);
    sinkBreaks = manualSinkBreaks ? manualLimits(neg, manualSinkBreaks) : autoLimits(neg, 'equal', 1);
  } else {
    breaks = autoLimits(pos, method, classes);
    sinkBreaks = autoLimits(neg, method, sinkClasses);
  }

  const counts = new Array<number>(breaks.length).fill(0);
  const sinkCounts = new Array<number>(sinkBreaks.length).fill(0);
  // Sorted input: walk the limits once instead of a search per value.
  let c = 0;
  for (let i = 0; i < pos.length; i++) {
    while (c < breaks.length - 1 && pos[i] > breaks[c]) c++;
    counts[c]++;
  }
  c = 0;
  for (let i = 0; i < neg.length; i++) {
    while (c < sinkBreaks.length - 1 && neg[i] > sinkBreaks[c]) c++;
    sinkCounts[c]++;
  }

  return {
    method,
    breaks,
    counts,
    sinkBreaks,
    sinkCounts,
    min: pos.length > 0 ? (pos[0] === 0 ? 0 : pos[0]) : null,
    sinkMin: neg.length > 0 ? neg[0] : null,
    excluded,
  };
}
