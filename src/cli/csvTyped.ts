/**
 * The first pass over a UTF-8 CSV without a quote character, on its bytes: each record's fields
 * go to the analysis as cells without the text being decoded first. A plain number or ISO date in
 * a column the analysis reads as such (cellKinds) becomes its value straight from the bytes; a
 * column no reader looks at only says whether each cell is empty; a text is decoded alone, and a
 * text that repeats down its column (a status, a grade, a manager) is decoded once. Decoding every
 * line into a string, cutting it into a string per field and parsing those was most of a large
 * file's reading time.
 *
 * The cells mean exactly what the text reader's (csvStream.ts) would have: the records are those
 * of ByteRecords (CsvRecords on bytes), a number is handed over only where the domain says the
 * text would have been read as that number (typedCell), and the rest are the same strings. So a
 * file is read this way only when that is certain to hold: valid UTF-8 throughout (checked chunk by
 * chunk; else NotPlain, and the caller reads it as text, which then finds the encoding as always),
 * no quote (the caller knows from counting the lines), no second byte-order mark, and a head that
 * is not binary and has its first line end.
 */
import { promises as fs } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { isSpace as domainIsSpace, typedCell as domainTypedCell, type Cell, type CellKind } from '../domain';
import { ByteRecords, filePieces, type ByteRecordSink } from './csvBytes';
import { decodingOf, readHead, type CsvFormat, type Decoding } from './csvStream';
import { inputError, reasonOf } from './errors';
import { looksBinary, sniffDelimiter } from './readCsv';

// Module-local references to the domain functions called for every field: compiled to CommonJS,
// a binding re-exported by the domain's index is a getter on every use, which kept them from
// being inlined (a fifth of this reader's time).
const isSpace = domainIsSpace;
const typedCell = domainTypedCell;

const QUOTE = 34;
/** Bytes read for the binary check and the delimiter: at least the 65,536 characters csvStream looks at. */
const HEAD = 1 << 18;

/**
 * The number of fields when none begins or ends with a space (csvField would quote it), else -1
 * (see StreamedInput.plainWidths). Only a control, a space or a character from U+0080 can be one.
 */
export function plainWidth(fields: readonly string[]): number {
  for (let k = 0; k < fields.length; k++) {
    const s = fields[k];
    const n = s.length;
    if (n === 0) continue;
    const a = s.charCodeAt(0);
    if ((a <= 32 || a >= 0x80) && isSpace(a)) return -1;
    const z = s.charCodeAt(n - 1);
    if ((z <= 32 || z >= 0x80) && isSpace(z)) return -1;
  }
  return fields.length;
}

/** The file is not one this reader can read exactly as the text reader does: read it as text. */
export class NotPlain extends Error {}

/** Where a record's cells go: the cells, and the record's plainWidth (streamInput.ts). */
export interface TypedRowSink {
  row(cells: Cell[], width: number): void;
}

/**
 * The cell of an unread column that is neither empty nor white space only: no reader looks at it,
 * and isEmptyCell and the table finder see it as what it stands for, a cell with a value.
 */
const VALUE = 'x';

/** One UTF-8 character's code point at b[i] (the bytes are valid UTF-8). */
function codePointAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return c;
  if (c < 0xe0) return ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
  if (c < 0xf0) return ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
  return 0x10000; // outside the BMP: its first UTF-16 unit is a surrogate, never a space
}

/** The start of the last character of b[start, end) (end > start). */
function lastCharAt(b: Uint8Array, start: number, end: number): number {
  let i = end - 1;
  while (i > start && (b[i] & 0xc0) === 0x80) i--;
  return i;
}

/**
 * The end of the whole characters of b[from, end): end, or the start of a last character whose
 * bytes go on past end (it is completed by the next piece).
 */
function wholeCharsEnd(b: Uint8Array, from: number, end: number): number {
  if (end <= from) return end;
  const lead = lastCharAt(b, from, end);
  return b[lead] >= 0xc0 && lead + sequenceLength(b[lead]) > end ? lead : end;
}

/** Whether the first or last character of the field b[start, end) is white space (csvField would quote it). */
function spaceAtEdge(b: Uint8Array, start: number, end: number): boolean {
  const a = b[start];
  if (a < 0x80 ? a <= 32 && isSpace(a) : isSpace(codePointAt(b, start))) return true;
  const z = b[end - 1];
  if (z < 0x80) return z <= 32 && isSpace(z);
  const cp = codePointAt(b, lastCharAt(b, start, end));
  return cp >= 0x80 && isSpace(cp);
}

/**
 * Buffer's own decoders, which toString calls after checking its arguments (about half the time of
 * a short field's toString); not in Node's typings, so used only where they are there.
 */
interface RawSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const SLICES = typeof (Buffer.prototype as unknown as Partial<RawSlices>).latin1Slice === 'function' && typeof (Buffer.prototype as unknown as Partial<RawSlices>).utf8Slice === 'function';

/** Texts that repeat down a column are decoded once: a direct-mapped cache of texts by their bytes. */
const SLOTS = 4096;

/**
 * The records' bytes as rows of cells (see the header). Until `kinds` is set (once the header is
 * found) every field is its text.
 */
export class TypedRecords implements ByteRecordSink {
  /** Each record column's kind; past its end a column is unread. */
  private kinds: CellKind[] | null = null;
  private readonly slotBytes: (Uint8Array | undefined)[] = new Array(SLOTS).fill(undefined);
  private readonly slotText: string[] = new Array(SLOTS).fill('');
  /** Per column: whether its texts are looked up in the cache, and how often that paid. */
  private hits: number[] = [];
  private misses: number[] = [];
  /** The number of fields of the last record read as bytes. */
  private lastWidth = 0;

  constructor(
    private readonly delimiter: number,
    private readonly sink: TypedRowSink,
  ) {}

  setKinds(kinds: CellKind[]): void {
    this.kinds = kinds;
    this.hits = kinds.map(() => 0);
    this.misses = kinds.map(() => 0);
  }

  record(fields: string[]): void {
    this.sink.row(fields, plainWidth(fields));
  }

  plainBytes(bytes: Uint8Array, start: number, end: number): void {
    const b = bytes as Buffer;
    const D = this.delimiter;
    const kinds = this.kinds;
    // As long as the last record (most are as long as the header): one allocation, where pushing
    // onto an empty array allocated its elements twice (17 slots, then 41). Reading made a
    // collection of the young generation every 35 ms, a quarter of the thread's time.
    const cells: Cell[] = new Array<Cell>(this.lastWidth);
    let width = 0;
    let spaced = false;
    let j = 0;
    let s = start;
    for (;;) {
      let e = s;
      let high = 0;
      while (e < end) {
        const c = b[e];
        if (c === D) break;
        high |= c;
        e++;
      }
      width++;
      if (e > s && !spaced && spaceAtEdge(b, s, e)) spaced = true;
      const kind: CellKind = kinds === null ? 'text' : j < kinds.length ? kinds[j] : 'unread';
      let cell: Cell;
      if (e === s) cell = '';
      else if (kind === 'text') cell = this.text(b, s, e, high, j);
      else if (kind === 'unread') {
        // isEmptyCell looks past a first character only when it is white space.
        const first = high < 0x80 ? b[s] : codePointAt(b, s);
        cell = isSpace(first) ? this.decode(b, s, e, high) : VALUE;
      } else {
        const v = typedCell(kind, b, s, e);
        cell = v === v ? v : this.decode(b, s, e, high);
      }
      cells[j++] = cell;
      if (e >= end) break;
      s = e + 1;
    }
    if (j < cells.length) cells.length = j;
    this.lastWidth = j;
    this.sink.row(cells, spaced ? -1 : width);
  }

  private decode(b: Buffer, s: number, e: number, high: number): string {
    if (!SLICES) return b.toString(high < 0x80 ? 'latin1' : 'utf8', s, e);
    const raw = b as unknown as RawSlices;
    return high < 0x80 ? raw.latin1Slice(s, e) : raw.utf8Slice(s, e);
  }

  /** A text field of column j: from the cache while the column's texts repeat. */
  private text(b: Buffer, s: number, e: number, high: number, j: number): string {
    const n = e - s;
    if (n > 32 || this.misses[j] > 2048 + 4 * this.hits[j]) return this.decode(b, s, e, high);
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const k = (h ^ (h >>> 15)) & (SLOTS - 1);
    const kept = this.slotBytes[k];
    if (kept !== undefined && kept.length === n) {
      let same = true;
      for (let i = 0; i < n; i++) {
        if (kept[i] !== b[s + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.hits[j]++;
        return this.slotText[k];
      }
    }
    this.misses[j]++;
    const text = this.decode(b, s, e, high);
    // A copy: a view would keep the whole chunk it is in.
    const copy = new Uint8Array(n);
    copy.set(b.subarray(s, e));
    this.slotBytes[k] = copy;
    this.slotText[k] = text;
    return text;
  }
}

/**
 * UTF-8 validity of bytes given in pieces (a character may be cut between two): the valid bytes
 * as they come, and whether a U+FFFD was among them (csvStream's `clean`).
 */
class Utf8Check {
  private carry: Uint8Array = new Uint8Array(0);
  replacement = false;

  /** False once the bytes so far are not valid UTF-8. */
  feed(chunk: Uint8Array): boolean {
    let from = 0;
    if (this.carry.length) {
      // The character cut at the last piece's end, completed by this one's first bytes.
      const need = sequenceLength(this.carry[0]) - this.carry.length;
      if (need > chunk.length) {
        const joined = new Uint8Array(this.carry.length + chunk.length);
        joined.set(this.carry);
        joined.set(chunk, this.carry.length);
        this.carry = joined;
        return true;
      }
      const one = new Uint8Array(this.carry.length + need);
      one.set(this.carry);
      one.set(chunk.subarray(0, need), this.carry.length);
      if (!this.valid(one)) return false;
      this.carry = new Uint8Array(0);
      from = need;
    }
    // A last character not complete in this piece waits for the next.
    const cut = wholeCharsEnd(chunk, from, chunk.length);
    if (!this.valid(chunk.subarray(from, cut))) return false;
    // A copy: the piece is read into again (filePieces).
    this.carry = Uint8Array.prototype.slice.call(chunk, cut);
    return true;
  }

  /** Whether the bytes ended with a whole character. */
  end(): boolean {
    return this.carry.length === 0;
  }

  private valid(b: Uint8Array): boolean {
    if (!isUtf8(b)) return false;
    if (!this.replacement && Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(REPLACEMENT) !== -1) this.replacement = true;
    return true;
  }
}

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/** The bytes of a UTF-8 sequence by its first byte (an invalid one: 1, which isUtf8 then refuses). */
function sequenceLength(c: number): number {
  return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

export interface TypedOptions {
  /** Bytes [start, end) only (a later part, csvParts.ts), with the delimiter the first part found. */
  start?: number;
  end?: number;
  delimiter?: string;
  /** The delimiter, once decided (before the first record). */
  onDelimiter?: (delimiter: string) => void;
}

/**
 * The head of a file read from its start: how csvStream decodes it (decodingOf) and its
 * delimiter; NotPlain when the text reader would decide otherwise than plainly (not UTF-8, a
 * UTF-16 or second byte-order mark, binary, no line end in the head).
 */
async function headOf(file: string, display: string): Promise<{ decoding: Decoding; delimiter: string }> {
  let head: Buffer;
  let size: number;
  try {
    const h = await fs.open(file, 'r');
    try {
      size = (await h.stat()).size;
      head = Buffer.allocUnsafe(Math.min(size, HEAD + 3));
      const { bytesRead } = await h.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch (e) {
    throw inputError('unreadable', { file: display, reason: reasonOf(e) });
  }
  const decoding = decodingOf(head);
  if (decoding.encoding !== 'utf-8') throw new NotPlain();
  const bytes = head.subarray(decoding.skip);
  // The text reader's decoder drops one more byte-order mark at the text's start.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw new NotPlain();
  const whole = head.length === size;
  const cut = whole ? bytes.length : wholeCharsEnd(bytes, 0, bytes.length);
  if (!isUtf8(bytes.subarray(0, cut))) throw new NotPlain();
  const text = bytes.toString('utf8', 0, cut);
  if (!whole && (text.length < 65536 || text.search(/[\r\n]/) === -1)) throw new NotPlain();
  if (looksBinary(text)) throw new NotPlain();
  return { decoding, delimiter: sniffDelimiter(text) };
}

/**
 * Reads the records of a quote-free CSV as rows of cells (see the header) into the sink `visit`
 * makes once the delimiter is known; `afterChunk` after each chunk's records. Throws NotPlain
 * (possibly part-way: the caller then reads the file again as text).
 */
export async function streamTyped(
  file: string,
  display: string,
  opts: TypedOptions,
  visit: (delimiter: string) => TypedRecords,
  afterChunk?: () => Promise<void>,
): Promise<CsvFormat> {
  // A later part is decoded as the file's start says (csvStream), with the first part's delimiter.
  const { decoding, delimiter } = opts.start
    ? { decoding: decodingOf(await readHead(file, display)), delimiter: opts.delimiter ?? ',' }
    : await headOf(file, display);
  // A part does not start with a byte-order mark to skip.
  const skip = opts.start ? 0 : decoding.skip;
  opts.onDelimiter?.(delimiter);
  const typed = visit(delimiter);
  const records = new ByteRecords(typed);
  const check = new Utf8Check();
  try {
    for await (const chunk of filePieces(file, (opts.start ?? 0) + skip, opts.end ?? Infinity)) {
      if (!check.feed(chunk)) throw new NotPlain();
      // The caller found no quote when it counted the lines; a file changed since is read as text.
      if (chunk.indexOf(QUOTE) !== -1) throw new NotPlain();
      records.feed(chunk);
      if (afterChunk) await afterChunk();
    }
  } catch (e) {
    if (e instanceof NotPlain) throw e;
    if (e && typeof e === 'object' && 'code' in e) throw inputError('unreadable', { file: display, reason: reasonOf(e) });
    throw e;
  }
  if (!check.end()) throw new NotPlain();
  records.end();
  if (afterChunk) await afterChunk();
  // csvStream decodes a file without a byte-order mark strictly (a U+FFFD is then a character of
  // the file, its bytes copied as they are) and one with a mark leniently (a U+FFFD may be a
  // replaced byte: not clean).
  return { encoding: 'utf-8', delimiter, clean: decoding.fatal || !check.replacement, skip };
}
