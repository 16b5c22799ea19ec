/** Loyalty score of analysis.md §5: weighted mean of percentile ranks of the components present. */
import type { NumberColumn } from './column';
import { distinctValues } from './distinct';

/**
 * The percentile ranks of one component, 100 × (#{x < v} + 0.5 × #{x = v}) / |V| over its valid
 * values, as a table rather than a column: a row's rank is `rank[values[i]]` when `position` is
 * null (every value a small whole number, the table indexed by value), else `rank[position[i]]`.
 * A million-row column of ranks per component is never built.
 */
export interface ComponentRanks {
  values: NumberColumn;
  weight: number;
  rank: Float64Array;
  position: Int32Array | null;
}

export function componentRanks(values: NumberColumn, weight: number): ComponentRanks {
  const small = smallIntegerRanks(values);
  if (small) return { values, weight, rank: small, position: null };
  // Otherwise rank the distinct values (they are few: percentages, grades, tenure in days).
  const d = distinctValues(values);
  const m = d.valid;
  const rank = new Float64Array(d.size);
  let below = 0;
  for (let k = 0; k < d.size; k++) {
    const c = d.counts[k];
    rank[k] = (100 * (below + 0.5 * c)) / m;
    below += c;
  }
  return { values, weight, rank, position: d.position };
}

/** Largest value counted in an array (counts, grades, product numbers are small whole numbers). */
const SMALL_INT_LIMIT = 4096;

/**
 * The rank table, indexed by value, when every valid value is a whole number in [0, 4096):
 * counted in a typed array, with no hashing at all. Null when some value is not such a number.
 */
function smallIntegerRanks(values: NumberColumn): Float64Array | null {
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
  const rank = new Float64Array(SMALL_INT_LIMIT);
  let below = 0;
  for (let v = 0; v < SMALL_INT_LIMIT; v++) {
    const c = counts[v];
    if (c === 0) continue;
    rank[v] = (100 * (below + 0.5 * c)) / m;
    below += c;
  }
  return rank;
}

/**
 * Weighted mean over the components each row has (in component order); NaN when it has none
 * with weight > 0. Summed a component at a time over the whole column (each row still adds its
 * terms in component order, so the sums are the same): a tight loop per component rather than a
 * loop over the components for every row.
 *
 * The sums are kept in `out` itself, which may be the first component's own column (read for the
 * last time in the same loop), and a row's total weight depends only on which components it has:
 * it is looked up by that set (a byte per row), summed in component order as before. No
 * million-row scratch columns (they stayed in memory until the next full collection).
 */
export function weightedLoyalty(components: readonly ComponentRanks[], out: NumberColumn): NumberColumn {
  const n = out.length;
  // At most seven components (COMPONENTS): a row's set of them fits in a byte.
  const used = components.filter((c) => c.weight > 0);
  // The total weight of each set of components, added in component order.
  const totalWeight = new Float64Array(1 << used.length);
  for (let set = 1; set < totalWeight.length; set++) {
    let w = 0;
    for (let k = 0; k < used.length; k++) if (set & (1 << k)) w += used[k].weight;
    totalWeight[set] = w;
  }
  const has = new Uint8Array(n);
  for (let k = 0; k < used.length; k++) {
    const { values, weight, rank, position } = used[k];
    const bit = 1 << k;
    // The first component starts each row's sum (at 0, as an empty sum).
    const first = k === 0;
    if (position === null) {
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === v) {
          out[i] = (first ? 0 : out[i]) + weight * rank[v];
          has[i] |= bit;
        } else if (first) out[i] = 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const p = position[i];
        if (p !== -1) {
          out[i] = (first ? 0 : out[i]) + weight * rank[p];
          has[i] |= bit;
        } else if (first) out[i] = 0;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const set = has[i];
    out[i] = set === 0 ? NaN : out[i] / totalWeight[set];
  }
  return out;
}
