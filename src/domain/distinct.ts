/**
 * The distinct values of a numeric column, counted: the common step of percentile ranks (§5),
 * the pareto cut (§6) and the priority order (§9).
 *
 * Why not a Map<number, number>: at a million rows a Map of doubles boxes a key on every lookup
 * and spent most of its time in the garbage collector; why not a sort of the whole column:
 * client columns have few distinct values (counts, grades, percentages, whole 万元), so sorting
 * the distinct values only is far cheaper. This is an open-addressing hash table over typed
 * arrays: no allocation per row, whatever the count.
 */
import type { NumberColumn } from './column';

/** Distinct values of a column; missing (NaN) values are left out, −0 counts as 0 (as a Map would). */
export interface Distinct {
  /** Number of distinct values. */
  size: number;
  /** Number of valid (non-NaN) values. */
  valid: number;
  /** The distinct values, ascending. */
  values: Float64Array;
  /** How often each value of `values` occurs. */
  counts: Uint32Array;
  /** For each row, the position of its value in `values`; −1 when missing. */
  position: Int32Array;
  /** Whether some valid value was −0 (a typed-array sort puts −0 before 0). */
  hasNegativeZero: boolean;
}

// The bit pattern of a double, for hashing.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

function hashOf(v: number): number {
  F64[0] = v;
  let h = Math.imul(U32[0], 0x9e3779b1) ^ Math.imul(U32[1] ^ (U32[1] >>> 16), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

export function distinctValues(column: NumberColumn): Distinct {
  const n = column.length;
  let capacity = 1024;
  let slots = new Int32Array(capacity * 2).fill(-1); // load factor ≤ 1/2
  let mask = slots.length - 1;
  let keys = new Float64Array(capacity);
  let counts = new Uint32Array(capacity);
  let size = 0;
  let valid = 0;
  let hasNegativeZero = false;
  // The first-seen index of each row's value; turned into sorted positions at the end.
  const position = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let v = column[i];
    if (v !== v) continue;
    if (v === 0) {
      if (1 / v < 0) hasNegativeZero = true;
      v = 0;
    }
    valid++;
    let slot = hashOf(v) & mask;
    let id = slots[slot];
    while (id !== -1 && keys[id] !== v) {
      slot = (slot + 1) & mask;
      id = slots[slot];
    }
    if (id === -1) {
      id = size++;
      if (id === capacity) {
        capacity *= 2;
        const k = new Float64Array(capacity);
        k.set(keys);
        keys = k;
        const c = new Uint32Array(capacity);
        c.set(counts);
        counts = c;
        slots = new Int32Array(capacity * 2).fill(-1);
        mask = slots.length - 1;
        for (let j = 0; j < id; j++) {
          let s = hashOf(keys[j]) & mask;
          while (slots[s] !== -1) s = (s + 1) & mask;
          slots[s] = j;
        }
        slot = hashOf(v) & mask;
        while (slots[slot] !== -1) slot = (slot + 1) & mask;
      }
      keys[id] = v;
      slots[slot] = id;
    }
    counts[id]++;
    position[i] = id;
  }
  // Sort the distinct values and map first-seen index -> sorted position.
  const values = keys.slice(0, size).sort();
  const sortedCounts = new Uint32Array(size);
  const positionOf = new Int32Array(size);
  for (let id = 0; id < size; id++) {
    const p = indexOf(values, keys[id]);
    positionOf[id] = p;
    sortedCounts[p] = counts[id];
  }
  for (let i = 0; i < n; i++) {
    const id = position[i];
    if (id !== -1) position[i] = positionOf[id];
  }
  return { size, valid, values, counts: sortedCounts, position, hasNegativeZero };
}

/** Position of `v` in the ascending distinct values (it must be there). */
function indexOf(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
