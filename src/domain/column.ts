/**
 * Columns of one value per analysed row, as the engine holds them.
 *
 * Two kinds, chosen by who reads the table:
 * - A table held in memory (the add-in's, analyze()): plain arrays of numbers (V8 keeps them as
 *   unboxed doubles), not Float64Array. A typed array's memory lives outside the JavaScript heap,
 *   and V8 answers every 64 MB or so of such memory with a full garbage collection, which has to
 *   walk the whole input table — ≈400 MB of cells at a million rows, ~300 ms a time. Arrays on
 *   the heap cost the collector nothing (they hold no pointers). Measured with Float64Array here:
 *   the engine's million rows took 3.1–3.9 s, not 2.6–2.8 s.
 * - A table streamed into the analysis (the command line, startAnalysis): Float64Array. No table
 *   is on the heap then, so a full collection is short; and the memory comes from malloc, not
 *   V8's heap, so it is not faulted in 4 KB at a time (with glibc's huge pages, bin/huge-pages.js,
 *   2 MB at a time): making a million-row file's columns took 0.4 s of the main thread as arrays,
 *   0.1 s as typed arrays. A part read by another thread is handed over without a copy.
 * Typed arrays are also used for narrow per-row codes and indexes (a byte or four a row).
 */

/** A numeric column: one double per analysed row, NaN where the value is missing. */
export type NumberColumn = number[] | Float64Array;

/** A column of n missing values, typed or not (see above). Only numbers may be stored in an array (anything else boxes them all). */
export function nanColumn(n: number, typed = false): NumberColumn {
  return typed ? new Float64Array(n).fill(NaN) : new Array<number>(n).fill(NaN);
}

/** The first n values of a column, as a column: an array cut short, a typed array's view. */
export function columnPrefix(a: NumberColumn, n: number): NumberColumn {
  if (a instanceof Float64Array) return a.subarray(0, n);
  a.length = n;
  return a;
}

/**
 * A maker of NaN columns of one length. new Array(n).fill(NaN) allocates twice (an array of holes,
 * then the doubles) and fills; copying a blank column allocates the doubles once. Each large
 * allocation costs page faults and often a young-generation collection, and a million-row
 * analysis makes a dozen such columns.
 */
export function nanColumns(n: number, typed = false): () => NumberColumn {
  let blank: NumberColumn | null = null;
  return () => (blank ??= nanColumn(n, typed)).slice();
}

/**
 * Texts as one string and each one's length (-1: none). A thread's message copies one string and
 * a typed array at once, where an array of a million strings is copied string by string.
 */
export interface PackedTexts {
  joined: string;
  lengths: Int32Array;
}

/** The first `n` of `texts` packed (see PackedTexts). */
export function packTexts(texts: readonly (string | null)[], n = texts.length): PackedTexts {
  const lengths = new Int32Array(n);
  const kept: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = texts[i];
    if (typeof t !== 'string') lengths[i] = -1;
    else {
      lengths[i] = t.length;
      kept.push(t);
    }
  }
  return { joined: kept.join(''), lengths };
}

/** Packed texts back into `into`, from index `at` on. */
export function unpackTexts(p: PackedTexts, into: (string | null)[], at: number): void {
  const { joined, lengths } = p;
  let from = 0;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i];
    if (len < 0) into[at + i] = null;
    else {
      into[at + i] = joined.slice(from, from + len);
      from += len;
    }
  }
}
