/**
 * XML written straight into bytes (UTF-8), for the parts of a large workbook that are written a
 * few hundred thousand times: the client sheet's rows as they stream through (sheetPatcher.ts)
 * and their output cells. Building each row as a string and encoding it again, as before, was
 * most of a 200,000-row workbook's writing time.
 *
 * Two uses: a scratch builder, emptied (reset) and filled again for each row, and the output of a
 * stream, whose written bytes are handed on as views (take) and never written to again.
 */
import { shortestDigits } from './shortestDigits';

/** Most bytes one number takes: String(v), "-2.2250738585072014e-308" the longest. */
const NUMBER_BYTES = 25;
/** Integers written digit by digit (exact below 2^53). */
const INT_LIMIT = 2 ** 53;

export class XmlBytes {
  private buf: Buffer;
  /** The end of the bytes written. */
  pos = 0;
  /** The start of the bytes not yet taken. */
  private from = 0;

  constructor(private readonly size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** The bytes written since the last reset or take. */
  get length(): number {
    return this.pos - this.from;
  }

  /** Forgets what was written (a scratch builder; nothing written may have been taken). */
  reset(): void {
    this.pos = this.from;
  }

  /** Room for n more bytes: a larger buffer when the bytes not yet taken would not fit. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const kept = this.pos - this.from;
    const next = Buffer.allocUnsafe(Math.max(this.size, 2 * (kept + n)));
    this.buf.copy(next, 0, this.from, this.pos);
    this.buf = next;
    this.from = 0;
    this.pos = kept;
  }

  /** The bytes written since the last take, as a view no later write touches (null when none). */
  take(): Buffer | null {
    if (this.pos === this.from) return null;
    const piece = this.buf.subarray(this.from, this.pos);
    this.from = this.pos;
    // A nearly full buffer is left to the pieces taken from it; the next bytes go to a new one.
    if (this.buf.length - this.pos < this.size >> 3) {
      this.buf = Buffer.allocUnsafe(this.size);
      this.from = this.pos = 0;
    }
    return piece;
  }

  /** The bytes written since the last take or reset, as a view that the next write may change. */
  view(): Buffer {
    return this.buf.subarray(this.from, this.pos);
  }

  /** A text, encoded as UTF-8. */
  text(s: string): void {
    this.room(3 * s.length);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A text of characters U+0000–U+00FF, each one byte (bytes read as latin1 and written back unchanged). */
  latin1(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  /** Bytes src[start, end). */
  copy(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start;
    this.room(n);
    const b = this.buf;
    let at = this.pos;
    // Below about 16 bytes a loop is quicker than set (which costs about 30 ns whatever the length).
    if (n < 16) for (let i = start; i < end; i++) b[at++] = src[i];
    else {
      b.set(n === src.length ? src : src.subarray(start, end), at);
      at += n;
    }
    this.pos = at;
  }

  /** A non-negative integer below 2^53, in decimal. */
  uint(v: number): void {
    this.room(16);
    const b = this.buf;
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      const q = Math.floor(v / 10);
      b[--p] = 48 + (v - q * 10);
      v = q;
    } while (v > 0);
  }

  /** A finite number as String(v) spells it (-0 as "0"). */
  number(v: number): void {
    if (v > -INT_LIMIT && v < INT_LIMIT && Math.floor(v) === v) {
      if (v < 0) {
        this.room(1);
        this.buf[this.pos++] = 45;
        v = -v;
      }
      return this.uint(v);
    }
    this.room(NUMBER_BYTES);
    const end = shortestDigits(this.buf, this.pos, v);
    if (end >= 0) this.pos = end;
    else this.latin1(String(v));
  }
}

/** The UTF-8 bytes of a text, to be copied many times. */
export function utf8(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}
