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
