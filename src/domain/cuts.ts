/** Cut points of analysis.md §6. */
import type { CutMode } from './config';

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
 * The cut value of a population (values of the rows that have one). For `pareto`, `volumes`
 * and `total` are the share axis's volumes and T; the cut is the k-th largest share.
 * Returns null when the population is empty (or, for pareto, T = 0: no client is large).
 */
export function cutValue(
  mode: CutMode,
  values: Float64Array,
  pareto?: { volumes: Float64Array; total: number },
): number | null {
  if (mode.kind === 'fixed') return mode.x;
  if (values.length === 0) return null;
  switch (mode.kind) {
    case 'pareto': {
      if (!pareto || !(pareto.total > 0)) return null;
      const desc = Float64Array.from(pareto.volumes).sort().reverse();
      const target = mode.p * pareto.total;
      let cum = 0;
      for (let k = 0; k < desc.length; k++) {
        cum += desc[k];
        if (cum >= target) return desc[k] / pareto.total;
      }
      return desc[desc.length - 1] / pareto.total;
    }
    case 'median':
      return median(Float64Array.from(values).sort());
    case 'mean': {
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
    case 'quantile':
      return quantile(Float64Array.from(values).sort(), mode.q);
  }
}
