/** Cut points of analysis.md §6. */
import type { CutMode } from './config';
import type { Distinct } from './distinct';

/** Median of sorted ascending values (mean of the two middle values for an even count). */
function median(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Excel PERCENTILE.INC on sorted ascending values. */
export function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The values at sorted positions lo and hi = lo or lo + 1, as a full ascending sort would give
 * them, found by selection in linear time (a million loyalty scores took ~100 ms to sort); the
 * values are reordered. Null when a value is −0 (a sort puts it before 0, a selection cannot tell them apart)
 * or lo is out of range: the caller then sorts.
 */
function orderStatistics(values: Float64Array, lo: number, hi: number): [number, number] | null {
  const n = values.length;
  if (!(lo >= 0 && lo < n && (hi === lo || hi === lo + 1) && hi < n)) return null;
  for (let i = 0; i < n; i++) if (values[i] === 0 && 1 / values[i] < 0) return null;
  const a = values;
  // Wirth's selection with a median-of-three pivot: afterwards a[lo] is where a sort puts it,
  // everything before it is ≤ and everything after it ≥.
  let l = 0;
  let r = n - 1;
  while (l < r) {
    const x = medianOfThree(a[l], a[(l + r) >>> 1], a[r]);
    let i = l;
    let j = r;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < lo) l = i;
    if (lo < i) r = j;
  }
  const low = a[lo];
  if (hi === lo) return [low, low];
  let next = a[hi];
  for (let k = hi + 1; k < n; k++) if (a[k] < next) next = a[k];
  return [low, next];
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

/**
 * The cut value of a population: the `count` values of the rows that have one, which `values`
 * gives (only called by the modes that need them; they may be reordered). For `pareto`,
 * `volumes` holds the share axis's distinct volumes and `total` is T; the cut is the k-th
 * largest share. Returns null when the population is empty (or, for pareto, T = 0: no client
 * is large).
 */
export function cutValue(
  mode: CutMode,
  count: number,
  population: () => Float64Array,
  pareto?: { volumes: Distinct; total: number },
): number | null {
  if (mode.kind === 'fixed') return mode.x;
  if (count === 0) return null;
  switch (mode.kind) {
    case 'pareto': {
      if (!pareto || !(pareto.total > 0)) return null;
      // Volumes largest first, each as often as it occurs: the same additions in the same order
      // as over the sorted column, without sorting a million volumes.
      const { values: distinct, counts, hasNegativeZero } = pareto.volumes;
      const total = pareto.total;
      const target = mode.p * total;
      let cum = 0;
      for (let k = distinct.length - 1; k >= 0; k--) {
        const v = distinct[k];
        for (let c = counts[k]; c > 0; c--) {
          cum += v;
          if (cum >= target) return v / total;
        }
      }
      // The smallest volume; a descending sort puts a −0 last.
      const smallest = distinct[0] === 0 && hasNegativeZero ? -0 : distinct[0];
      return smallest / total;
    }
    case 'median': {
      const values = population();
      const n = values.length;
      const mid = n >> 1;
      const s = n % 2 ? orderStatistics(values, mid, mid) : orderStatistics(values, mid - 1, mid);
      if (!s) return median(values.sort());
      return n % 2 ? s[0] : (s[0] + s[1]) / 2;
    }
    case 'mean': {
      const values = population();
      let s = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        s += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      // Rounding in the sum can put the mean of equal values above them all, making every
      // client "low"; the mean of a population always lies within its range.
      return Math.min(max, Math.max(min, s / values.length));
    }
    case 'quantile': {
      const values = population();
      const h = (values.length - 1) * mode.q;
      const lo = Math.floor(h);
      const hi = Math.min(lo + 1, values.length - 1);
      const s = orderStatistics(values, lo, hi);
      if (!s) return quantile(values.sort(), mode.q);
      return s[0] + (h - lo) * (s[1] - s[0]);
    }
  }
}
