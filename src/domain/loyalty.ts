/** Loyalty score of analysis.md §5: weighted mean of percentile ranks of the components present. */

/**
 * Percentile ranks: 100 × (#{x < v} + 0.5 × #{x = v}) / |V| over the valid values.
 * Returns NaN where the value is missing.
 */
export function percentileRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  const small = smallIntegerRanks(values, out);
  if (small) return small;
  // Count distinct values first: loyalty components (counts, grades, percentages, tenure in
  // days) have few of them, so sorting the distinct values beats sorting a million.
  const counts = new Map<number, number>();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    m++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    if (counts.size > 65536) return ranksBySorting(values, countValid(values), out);
  }
  if (m === 0) return out;
  const distinct = Float64Array.from(counts.keys()).sort();
  const rankOf = new Map<number, number>();
  let below = 0;
  for (const v of distinct) {
    const c = counts.get(v) as number;
    rankOf.set(v, (100 * (below + 0.5 * c)) / m);
    below += c;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) out[i] = rankOf.get(v) as number;
  }
  return out;
}

/** Largest value counted in an array (counts, grades, product numbers are small whole numbers). */
const SMALL_INT_LIMIT = 4096;

/**
 * The same ranks when every valid value is a whole number in [0, 4096): counted in a typed array
 * indexed by value, with no Map (a Map of numbers costs a lookup and often a boxed key per row).
 * Null when some value is not such a number.
 */
function smallIntegerRanks(values: Float64Array, out: Float64Array): Float64Array | null {
  const n = values.length;
  const counts = new Uint32Array(SMALL_INT_LIMIT);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (!(v >= 0 && v < SMALL_INT_LIMIT) || v !== Math.floor(v) || Object.is(v, -0)) return null;
    counts[v]++;
    m++;
  }
  if (m === 0) return out;
  const rank = new Float64Array(SMALL_INT_LIMIT);
  let below = 0;
  for (let v = 0; v < SMALL_INT_LIMIT; v++) {
    const c = counts[v];
    if (c === 0) continue;
    rank[v] = (100 * (below + 0.5 * c)) / m;
    below += c;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) out[i] = rank[v];
  }
  return out;
}

function countValid(values: Float64Array): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) m++;
  return m;
}

/** Many distinct values: sort them all, then a binary search per row. */
function ranksBySorting(values: Float64Array, m: number, out: Float64Array): Float64Array {
  const n = values.length;
  const sorted = new Float64Array(m);
  for (let i = 0, j = 0; i < n; i++) if (!Number.isNaN(values[i])) sorted[j++] = values[i];
  sorted.sort();
  const uniq: number[] = [];
  const rank: number[] = [];
  for (let i = 0; i < m; ) {
    let j = i;
    while (j < m && sorted[j] === sorted[i]) j++;
    uniq.push(sorted[i]);
    rank.push((100 * (i + 0.5 * (j - i))) / m);
    i = j;
  }
  const u = Float64Array.from(uniq);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = u.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = rank[lo];
  }
  return out;
}

/** Weighted mean over the components each row has; NaN when it has none with weight > 0. */
export function weightedLoyalty(ranks: { rank: Float64Array; weight: number }[], n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let w = 0;
    for (const c of ranks) {
      const r = c.rank[i];
      if (c.weight > 0 && !Number.isNaN(r)) {
        sum += c.weight * r;
        w += c.weight;
      }
    }
    out[i] = w > 0 ? sum / w : NaN;
  }
  return out;
}
