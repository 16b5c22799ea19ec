/**
 * Columns of one value per analysed row, as the engine holds them.
 *
 * They are plain arrays of numbers (V8 keeps them as unboxed doubles or small integers), not
 * Float64Array/Int32Array: a typed array's memory lives outside the JavaScript heap, and V8
 * answers every 64 MB or so of such memory with a full garbage collection. A full collection
 * has to walk the whole input table — ≈400 MB of cells at a million rows, ~300 ms a time — and
 * the columns of a million-row analysis came to several of them. Arrays on the heap cost the
 * collector nothing (they hold no pointers). Typed arrays remain for short-lived buffers and
 * narrow per-row codes and indexes (a byte or four a row; a few tens of MB in all).
 */

/** A numeric column: one double per analysed row, NaN where the value is missing. */
export type NumberColumn = number[];

/** A column of n missing values. Only numbers may be stored in it (anything else boxes them all). */
export function nanColumn(n: number): NumberColumn {
  return new Array<number>(n).fill(NaN);
}

/**
 * A maker of NaN columns of one length. new Array(n).fill(NaN) allocates twice (an array of holes,
 * then the doubles) and fills; copying a blank column allocates the doubles once. Each large
 * allocation costs page faults and often a young-generation collection, and a million-row
 * analysis makes a dozen such columns.
 */
export function nanColumns(n: number): () => NumberColumn {
  let blank: NumberColumn | null = null;
  return () => (blank ??= nanColumn(n)).slice();
}
