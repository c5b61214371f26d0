import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { classify, classIndex } from '../../src/engine/classify/index.js';
import type { Classification } from '../../src/engine/classify/index.js';
import { optimalClassEnds } from '../../src/engine/classify/jenks.js';
import { EngineError } from '../../src/engine/types.js';
import { mulberry32 } from '../support/prng.js';

// ---------------------------------------------------------------------------------------------
// Independent helpers (none of them shares code with the engine)
// ---------------------------------------------------------------------------------------------

const prng = mulberry32;

/** Two-pass within-group SSE of groups of values. */
function sseOfGroups(groups: number[][]): number {
  let total = 0;
  for (const g of groups) {
    if (g.length === 0) continue;
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    for (const v of g) total += (v - mean) ** 2;
  }
  return total;
}

/** SSE of the source side of a classification, grouping the values by classIndex. */
function sseOfClassification(c: Classification, values: number[]): number {
  const groups = new Map<number, number[]>();
  for (const v of values) {
    const k = classIndex(c, v);
    assert.notEqual(k, null);
    if (!groups.has(k!)) groups.set(k!, []);
    groups.get(k!)!.push(v);
  }
  return sseOfGroups([...groups.values()]);
}

/** Least SSE over ALL labellings of n values with k labels (k^n, no contiguity assumed). */
function bruteForceAllLabellings(values: number[], k: number): number {
  const n = values.length;
  const labels = new Array<number>(n).fill(0);
  let best = Infinity;
  const total = k ** n;
  for (let code = 0; code < total; code++) {
    let c = code;
    for (let i = 0; i < n; i++) {
      labels[i] = c % k;
      c = Math.floor(c / k);
    }
    const groups: number[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < n; i++) groups[labels[i]].push(values[i]);
    best = Math.min(best, sseOfGroups(groups));
  }
  return best;
}

/** Least SSE over every split of the sorted values into k contiguous non-empty runs. */
function bruteForceContiguous(values: number[], k: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  let best = Infinity;
  const cuts: number[] = [];
  const rec = (start: number, left: number): void => {
    if (left === 1) {
      const groups: number[][] = [];
      let s = 0;
      for (const e of [...cuts, n]) {
        groups.push(x.slice(s, e));
        s = e;
      }
      best = Math.min(best, sseOfGroups(groups));
      return;
    }
    for (let c = start + 1; c <= n - left + 1; c++) {
      cuts.push(c);
      rec(c, left - 1);
      cuts.pop();
    }
  };
  rec(0, Math.min(k, n));
  return best;
}

/**
 * Plain Fisher dynamic programme, O(k·n²), on the uncompressed sorted values, with each class SSE
 * grown by Welford's update (no prefix sums): an independent reference for the fast version.
 * Returns the SSE of its optimal partition, recomputed two-pass like the fast one's, so that both
 * are measured by the same ruler.
 */
function referenceDp(values: number[], k: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const kk = Math.min(k, n);
  const D: number[][] = [];
  const B: number[][] = [];
  D.push(new Array<number>(n).fill(Infinity));
  B.push(new Array<number>(n).fill(0));
  {
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - mean;
      mean += d / (i + 1);
      m2 += d * (x[i] - mean);
      D[0][i] = m2;
    }
  }
  for (let q = 1; q < kk; q++) {
    const cur = new Array<number>(n).fill(Infinity);
    const arg = new Array<number>(n).fill(0);
    for (let i = q; i < n; i++) {
      let mean = 0;
      let m2 = 0;
      let cnt = 0;
      for (let j = i; j >= q; j--) {
        cnt++;
        const d = x[j] - mean;
        mean += d / cnt;
        m2 += d * (x[j] - mean);
        const cost = D[q - 1][j - 1] + m2;
        if (cost < cur[i]) {
          cur[i] = cost;
          arg[i] = j;
        }
      }
    }
    D.push(cur);
    B.push(arg);
  }
  const groups: number[][] = [];
  let end = n - 1;
  for (let q = kk - 1; q >= 0; q--) {
    const start = q === 0 ? 0 : B[q][end];
    groups.push(x.slice(start, end + 1));
    end = start - 1;
  }
  return sseOfGroups(groups);
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** Deep scan: every number in a value is finite. */
function assertAllFinite(v: unknown, path = '$'): void {
  if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} is ${v}`);
  else if (Array.isArray(v)) v.forEach((x, i) => assertAllFinite(x, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertAllFinite(x, `${path}.${k}`);
}

// ---------------------------------------------------------------------------------------------

describe('classify: natural breaks (exact Jenks)', () => {
  test('published examples (simple-statistics ckmeans tests, Wang & Song 2011 algorithm)', () => {
    // [0,1,2 | 50 | 100,101,103]: the gaps 2→50→100 are far larger than any in-class spread.
    assert.deepEqual(classify([0, 1, 2, 50, 100, 101, 103], { classes: 3 }).breaks, [2, 50, 103]);
    // [1,2,2 | 3,3 | 5] from [3,2,3,5,2,1]: SSE = 2/3 (mean 5/3: 4/9+1/9+1/9) + 0 + 0.
    const c = classify([3, 2, 3, 5, 2, 1], { classes: 3 });
    assert.deepEqual(c.breaks, [2, 3, 5]);
    assert.deepEqual(c.counts, [3, 2, 1]);
    // [1 | 2,2 | 3,3]
    assert.deepEqual(classify([1, 2, 3, 2, 3], { classes: 3 }).breaks, [1, 2, 3]);
  });

  test('hand-worked two-class split', () => {
    // [1,2,3,10,11,12]: split after 3 gives SSE 2 + 2 = 4; after 2: 0.5 + (3,10,11,12: mean 9,
    // 36+1+4+9 = 50) = 50.5; after 10: (1,2,3,10: mean 4, 9+4+1+36 = 50) + 0.5. So [3, 12].
    const c = classify([12, 1, 11, 2, 10, 3], { classes: 2 });
    assert.deepEqual(c.breaks, [3, 12]);
    assert.deepEqual(c.counts, [3, 3]);
    assert.equal(c.min, 1);
  });

  test('SSE-optimal against enumeration of every labelling (n ≤ 8, no contiguity assumed)', () => {
    const r = prng(7);
    for (let t = 0; t < 12; t++) {
      const n = 4 + (t % 5); // 4..8
      const k = 2 + (t % 3); // 2..4
      const values = Array.from({ length: n }, () => Math.round(r() * 1000) / 10);
      const c = classify(values, { classes: k });
      close(sseOfClassification(c, values), bruteForceAllLabellings(values, k), `n=${n} k=${k} ${values}`);
    }
  });

  test('SSE-optimal against enumeration of every contiguous split (n ≤ 12)', () => {
    const r = prng(11);
    for (let t = 0; t < 40; t++) {
      const n = 2 + (t % 11); // 2..12
      const k = 1 + (t % 5); // 1..5
      // Some arrays with many duplicates, some spread over orders of magnitude.
      const values = Array.from({ length: n }, () => (t % 2 ? Math.floor(r() * 5) : Math.exp(r() * 12)));
      const c = classify(values, { classes: k });
      const distinct = new Set(values).size;
      assert.equal(c.breaks.length, Math.min(k, distinct));
      close(sseOfClassification(c, values), bruteForceContiguous(values, Math.min(k, distinct)), `n=${n} k=${k}`);
    }
  });

  test('property: fast Jenks equals the O(k·n²) reference programme on random arrays (n ≤ 200)', () => {
    const r = prng(2024);
    for (let t = 0; t < 60; t++) {
      const n = 1 + Math.floor(r() * 200);
      const k = 1 + Math.floor(r() * 8);
      const kind = t % 4;
      const values = Array.from({ length: n }, () => {
        if (kind === 0) return r() * 100; // uniform
        if (kind === 1) return Math.floor(r() * 12); // heavy duplicates
        if (kind === 2) return Math.exp(r() * 14); // skewed, like emissions per cell
        return 1e6 + r(); // large offset, tiny spread: prefix-sum cancellation
      });
      const c = classify(values, { classes: k });
      const distinct = new Set(values).size;
      assert.equal(c.breaks.length, Math.min(k, distinct), `t=${t}`);
      assert.equal(c.counts.reduce((a, b) => a + b, 0), n);
      assert.ok(c.counts.every((x) => x > 0), 'no empty Jenks class');
      close(sseOfClassification(c, values), referenceDp(values, k), `t=${t} n=${n} k=${k} kind=${kind}`);
    }
  });

  test('property: one larger array (n = 2000, k = 5) against the reference programme', () => {
    const r = prng(99);
    const values = Array.from({ length: 2000 }, () => Math.exp(r() * 10) * (1 + r()));
    const c = classify(values, { classes: 5 });
    close(sseOfClassification(c, values), referenceDp(values, 5), 'n=2000');
  });

  test('optimalClassEnds with weights equals the expanded array', () => {
    // x = [1, 2, 10] with multiplicities [3, 1, 2] is [1,1,1,2,10,10]; two classes:
    // [1,1,1,2 | 10,10] SSE = 0.75 (mean 1.25: 3·0.0625 + 0.5625) vs [1,1,1 | 2,10,10] SSE = 42.67.
    assert.deepEqual(optimalClassEnds([1, 2, 10], [3, 1, 2], 2), [1, 2]);
    assert.deepEqual(optimalClassEnds([], [], 3), []);
    assert.deepEqual(optimalClassEnds([5], [4], 3), [0]);
  });
});

describe('classify: quantile, equal interval, manual', () => {
  test('quantile by hand', () => {
    // 1..10, 5 classes: class c ends at rank ⌈c·10/5⌉ = 2c → values 2, 4, 6, 8, then max 10.
    const a = classify([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], { method: 'quantile', classes: 5 });
    assert.deepEqual(a.breaks, [2, 4, 6, 8, 10]);
    assert.deepEqual(a.counts, [2, 2, 2, 2, 2]);
    // 10..70 step 10, 3 classes: ranks ⌈7/3⌉ = 3 → 30, ⌈14/3⌉ = 5 → 50, max 70.
    const b = classify([10, 20, 30, 40, 50, 60, 70], { method: 'quantile', classes: 3 });
    assert.deepEqual(b.breaks, [30, 50, 70]);
    assert.deepEqual(b.counts, [3, 2, 2]);
    // Ties: sorted [1,1,1,1,2,3,4,5,6,7]; ranks 2, 4, 6, 8 → values 1, 1, 3, 5; the duplicate 1
    // collapses, so 4 classes: [1,1,1,1] [2,3] [4,5] [6,7].
    const c = classify([1, 1, 1, 1, 2, 3, 4, 5, 6, 7], { method: 'quantile', classes: 5 });
    assert.deepEqual(c.breaks, [1, 3, 5, 7]);
    assert.deepEqual(c.counts, [4, 2, 2, 2]);
  });

  test('equal interval by hand (empty classes allowed, a value on a limit goes to the lower class)', () => {
    // [0, 10], 5 classes of width 2: limits 2, 4, 6, 8, 10. 0,1,2 → class 0; 3 → 1; 10 → 4.
    const c = classify([0, 1, 2, 3, 10], { method: 'equal', classes: 5 });
    assert.deepEqual(c.breaks, [2, 4, 6, 8, 10]);
    assert.deepEqual(c.counts, [3, 1, 0, 0, 1]);
    assert.equal(classIndex(c, 2), 0);
    assert.equal(classIndex(c, 2.0000001), 1);
    assert.equal(classIndex(c, 99), 4); // above the data: clamped to the top class
  });

  test('manual limits; the data maximum closes the last class', () => {
    const values = [0, 5, 10, 10.5, 100, 250, -1, -50];
    // Sources: ≤10 → 0, 5, 10; (10,100] → 10.5, 100; (100, 250] → 250. Negatives: one class.
    const c = classify(values, { method: 'manual', breaks: [10, 100] });
    assert.deepEqual(c.breaks, [10, 100, 250]);
    assert.deepEqual(c.counts, [3, 2, 1]);
    assert.deepEqual(c.sinkBreaks, [-1]);
    assert.deepEqual(c.sinkCounts, [2]);
    // With sink limits: ≤ −10 → −50; (−10, −1] → −1.
    const d = classify(values, { method: 'manual', breaks: [10, 100], sinkBreaks: [-10] });
    assert.deepEqual(d.sinkBreaks, [-10, -1]);
    assert.deepEqual(d.sinkCounts, [1, 1]);
    assert.equal(classIndex(d, -50), -2);
    assert.equal(classIndex(d, -1), -1);
    // Data below the last limit: the user's classes stay, counted 0 where empty.
    const e = classify([1, 2], { method: 'manual', breaks: [10, 100] });
    assert.deepEqual(e.breaks, [10, 100]);
    assert.deepEqual(e.counts, [2, 0]);
  });

  test('fewer distinct values than classes gives fewer classes for every method', () => {
    const v = [1, 1, 2, 2, 3];
    assert.deepEqual(classify(v, { method: 'jenks', classes: 5 }).breaks, [1, 2, 3]);
    // Quantile, k = 3: ranks ⌈5/3⌉ = 2 → 1, ⌈10/3⌉ = 4 → 2, max 3.
    const q = classify(v, { method: 'quantile', classes: 5 });
    assert.deepEqual(q.breaks, [1, 2, 3]);
    assert.deepEqual(q.counts, [2, 2, 1]);
    // Equal, k = 3 over [1, 3]: limits 1 + 2/3, 1 + 4/3, 3.
    const e = classify(v, { method: 'equal', classes: 5 });
    assert.equal(e.breaks.length, 3);
    assert.ok(Math.abs(e.breaks[0] - 5 / 3) < 1e-12 && Math.abs(e.breaks[1] - 7 / 3) < 1e-12 && e.breaks[2] === 3);
    assert.deepEqual(e.counts, [2, 2, 1]);
  });
});

describe('classify: sinks, exclusions, degenerate input', () => {
  test('negative values get their own class, zero stays with the sources', () => {
    // Unseparated, 2 classes of [-1, 0, 0, 100] would be {-1, 0, 0} {100}. Here −1 is a sink.
    const c = classify([-1, 0, 0, 100], { classes: 2 });
    assert.deepEqual(c.breaks, [0, 100]);
    assert.deepEqual(c.counts, [2, 1]);
    assert.deepEqual(c.sinkBreaks, [-1]);
    assert.deepEqual(c.sinkCounts, [1]);
    assert.equal(classIndex(c, 0), 0);
    assert.equal(classIndex(c, -0), 0);
    assert.equal(classIndex(c, -1), -1);
    assert.equal(classIndex(c, -1e-9), -1); // between the weakest sink and zero: still a sink
    assert.equal(c.sinkMin, -1);
    assert.equal(c.min, 0);
  });

  test('several sink classes by the same method', () => {
    // Negatives [-100, -90, -2, -1], 2 Jenks classes: {−100, −90} {−2, −1}.
    const c = classify([-100, -90, -2, -1, 5, 6], { classes: 5, sinkClasses: 2 });
    assert.deepEqual(c.sinkBreaks, [-90, -1]);
    assert.deepEqual(c.sinkCounts, [2, 2]);
    assert.equal(classIndex(c, -1000), -2);
    assert.equal(classIndex(c, -95), -2);
    assert.equal(classIndex(c, -1.5), -1);
    assert.equal(classIndex(c, -0.5), -1);
    assert.deepEqual(c.breaks, [5, 6]);
  });

  test('null, undefined, NaN and ±Infinity are excluded and counted', () => {
    const c = classify([null, undefined, NaN, Infinity, -Infinity, 1, 2], { classes: 5 });
    assert.equal(c.excluded, 5);
    assert.deepEqual(c.breaks, [1, 2]);
    assert.deepEqual(c.counts, [1, 1]);
    for (const v of [null, undefined, NaN, Infinity, -Infinity]) assert.equal(classIndex(c, v), null);
  });

  test('all-equal values, all zeros, empty input', () => {
    for (const method of ['jenks', 'quantile', 'equal'] as const) {
      const c = classify([7, 7, 7, 7], { method });
      assert.deepEqual(c.breaks, [7]);
      assert.deepEqual(c.counts, [4]);
      assert.deepEqual(classify([0, 0, 0], { method }).breaks, [0]);
      const e = classify([], { method });
      assert.deepEqual([e.breaks, e.counts, e.sinkBreaks, e.sinkCounts, e.excluded, e.min, e.sinkMin], [[], [], [], [], 0, null, null]);
      assert.equal(classIndex(e, 1), null);
      assert.equal(classIndex(e, -1), null);
    }
  });

  test('result is plain data: survives JSON and holds only finite numbers', () => {
    const r = prng(5);
    const values = Array.from({ length: 500 }, () => (r() - 0.2) * 1000);
    values.push(NaN, Infinity);
    for (const method of ['jenks', 'quantile', 'equal'] as const) {
      const c = classify(values, { method, sinkClasses: 3 });
      assert.deepEqual(JSON.parse(JSON.stringify(c)), c);
      assertAllFinite(c);
      assert.equal(c.counts.reduce((a, b) => a + b, 0) + c.sinkCounts.reduce((a, b) => a + b, 0) + c.excluded, values.length);
      // The counts agree with classIndex.
      const tally = new Map<number, number>();
      for (const v of values) {
        const k = classIndex(c, v);
        if (k !== null) tally.set(k, (tally.get(k) ?? 0) + 1);
      }
      c.counts.forEach((n, i) => assert.equal(tally.get(i) ?? 0, n));
      c.sinkCounts.forEach((n, j) => assert.equal(tally.get(j - c.sinkBreaks.length) ?? 0, n));
    }
  });

  test('does not mutate its input', () => {
    const values = [3, -1, 2, null, 1];
    const copy = [...values];
    classify(values, { classes: 2 });
    assert.deepEqual(values, copy);
  });

  test('caller bugs throw EngineError', () => {
    const bad: Array<[unknown, string]> = [
      [{ classes: 0 }, 'classes'],
      [{ classes: 2.5 }, 'classes'],
      [{ sinkClasses: 0 }, 'sinkClasses'],
      [{ method: 'natural' }, 'method'],
      [{ method: 'manual' }, 'breaks'],
      [{ method: 'manual', breaks: [10, 5] }, 'ascending'],
      [{ method: 'manual', breaks: [-1, 5] }, 'breaks[0]'],
      [{ method: 'manual', breaks: [NaN] }, 'breaks[0]'],
      [{ method: 'manual', breaks: [1], sinkBreaks: [1] }, 'sinkBreaks[0]'],
    ];
    for (const [opts, word] of bad) {
      assert.throws(
        () => classify([1, 2, 3], opts as never),
        (e: unknown) => e instanceof EngineError && e.code === 'invalid-argument' && e.message.includes(word),
        JSON.stringify(opts),
      );
    }
  });
});
