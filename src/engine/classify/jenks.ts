/**
 * Exact natural breaks: optimal one-dimensional k-means (METHOD.md §5).
 *
 * "Natural breaks (Jenks)" here means the partition of the sorted values into k contiguous
 * classes that minimises the total within-class sum of squared deviations (SSE), found exactly
 * (not Jenks' iterative approximation). It is Fisher's (1958) dynamic programme
 *
 *   D[q][i] = min over j of D[q−1][j−1] + SSE(j..i)
 *
 * where D[q][i] is the least SSE of the first i+1 values in q+1 classes. Two things make it scale
 * to 10⁵ values:
 * - values are compressed to distinct values with multiplicities, and SSE(j..i) comes from
 *   weighted prefix sums in O(1) (values are shifted by a middle value first, which keeps the
 *   prefix sums of squares small and the cancellation harmless);
 * - the optimal start j of the last class is non-decreasing in i (SSE satisfies the quadrangle
 *   inequality), so each row is filled by divide and conquer in O(m log m) instead of O(m²)
 *   (the log-linear scheme of Wang & Song 2011, Ckmeans.1d.dp).
 * Total O(n log n) for the sort plus O(k · m log m) for the programme, m distinct values.
 */

/**
 * Last index (into `x`) of each class of the SSE-optimal partition of the distinct ascending
 * values `x` with multiplicities `w` into `k` contiguous classes.
 *
 * @param x - distinct values, strictly ascending.
 * @param w - positive weights (multiplicities), same length as `x`.
 * @param k - number of classes, 1 ≤ k; more classes than values yields one class per value.
 * @returns ascending end indices; the last one is `x.length − 1`. Empty for empty `x`.
 */
export function optimalClassEnds(x: ArrayLike<number>, w: ArrayLike<number>, k: number): number[] {
  const m = x.length;
  if (m === 0) return [];
  if (k >= m) return Array.from({ length: m }, (_, i) => i);
  if (k <= 1) return [m - 1];

  // Shifted weighted prefix sums: W (count), S1 (Σ w·y), S2 (Σ w·y²), y = x − shift.
  const shift = x[m >> 1];
  const W = new Float64Array(m + 1);
  const S1 = new Float64Array(m + 1);
  const S2 = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const y = x[i] - shift;
    W[i + 1] = W[i] + w[i];
    S1[i + 1] = S1[i] + w[i] * y;
    S2[i + 1] = S2[i] + w[i] * y * y;
  }
  const sse = (j: number, i: number): number => {
    const n = W[i + 1] - W[j];
    const s = S1[i + 1] - S1[j];
    const v = S2[i + 1] - S2[j] - (s * s) / n;
    // Rounding can leave a tiny negative for a class of (nearly) equal values.
    return v > 0 ? v : 0;
  };

  // Only two rows of D are kept; B (start of the last class) is kept whole for the backtrack.
  let prev = new Float64Array(m);
  let cur = new Float64Array(m);
  const B = new Int32Array(k * m);
  for (let i = 0; i < m; i++) prev[i] = sse(0, i);

  const fill = (q: number, imin: number, imax: number, jmin: number, jmax: number): void => {
    if (imin > imax) return;
    const i = (imin + imax) >> 1;
    const lo = Math.max(q, jmin);
    const hi = Math.min(i, jmax);
    let best = Infinity;
    let bestJ = lo;
    for (let j = lo; j <= hi; j++) {
      const cost = prev[j - 1] + sse(j, i);
      // Strict "<" keeps the smallest optimal j, which is monotone in i as the scheme requires.
      if (cost < best) {
        best = cost;
        bestJ = j;
      }
    }
    cur[i] = best;
    B[q * m + i] = bestJ;
    fill(q, imin, i - 1, jmin, bestJ);
    fill(q, i + 1, imax, bestJ, jmax);
  };

  for (let q = 1; q < k; q++) {
    // The last row needs only its final cell; the others every i that can hold q+1 classes.
    if (q === k - 1) fill(q, m - 1, m - 1, q, m - 1);
    else fill(q, q, m - 1, q, m - 1);
    const t = prev;
    prev = cur;
    cur = t;
  }

  const ends = new Array<number>(k);
  ends[k - 1] = m - 1;
  for (let q = k - 1; q >= 1; q--) ends[q - 1] = B[q * m + ends[q]] - 1;
  return ends;
}
