/**
 * The second pass over a UTF-8 CSV for --format csv, on its bytes: the records are found in the
 * bytes as CsvRecords finds them in the text, and a record without a quote is handed on as its
 * bytes, which the CSV writer copies to the output as they are. Decoding a line to a string and
 * encoding it again was most of a million-row run's writing time. A record with a quote is
 * decoded (only as far as its end) and read field by field by parseRecord, as before.
 *
 * Only for a file the first pass found to be valid UTF-8 (see CsvFormat.clean): then the bytes
 * of a line decode to exactly the text the string reader saw, and the bytes of '"', ',', CR and
 * LF never occur inside another character.
 */
import { promises as fs } from 'node:fs';
import { inputError, reasonOf } from './errors';
import { parseRecord } from './readCsv';

const CHUNK = 1 << 20;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** How much text after a quoted record's start is decoded at first (doubled until it ends). */
const WINDOW = 1 << 14;
/** The longest start of a record carried into the next piece alone (see ByteRecords.bridge). */
const BRIDGE_MOST = 1 << 16;

/** Where the records go: a record without a quote as its bytes [start, end), any other as fields. */
export interface ByteRecordSink {
  record(fields: string[]): void;
  plainBytes(bytes: Uint8Array, start: number, end: number): void;
}

/**
 * Reads the records of `file` (after `skip` bytes of byte-order mark), comma-separated, into
 * `sink`, then calls `end`; `afterChunk` after each chunk's records (the writer drains there).
 */
export async function streamCsvBytes(file: string, display: string, skip: number, sink: ByteRecordSink, afterChunk?: () => Promise<void>): Promise<void> {
  const bytes = new ByteRecords(sink);
  try {
    for await (const chunk of filePieces(file, skip, Infinity)) {
      bytes.feed(chunk);
      if (afterChunk) await afterChunk();
    }
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e) throw inputError('unreadable', { file: display, reason: reasonOf(e) });
    throw e;
  }
  bytes.end();
  if (afterChunk) await afterChunk();
}

/**
 * The bytes [start, end) of a file, a megabyte at a time, read into two buffers in turn (a fresh
 * megabyte for each piece, as a read stream gives, was a page fault every 4 KB of it). A piece
 * is overwritten when the next but one is read: a reader may keep a view of the last piece (as
 * ByteRecords keeps a record's start) while it takes the next, but no longer.
 */
export async function* filePieces(file: string, start: number, end: number): AsyncGenerator<Buffer> {
  const h = await fs.open(file, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let k = 0;
    for (let at = start; at < end; ) {
      const buf = buffers[(k ^= 1)];
      const { bytesRead } = await h.read(buf, 0, Math.min(CHUNK, end - at), at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await h.close();
  }
}

/** The records of bytes given in pieces (CsvRecords, on bytes). */
export class ByteRecords {
  private rest: Buffer | null = null;
  /** Pieces held back while a record longer than 4 MB is unfinished (see feed). */
  private parts: Buffer[] = [];
  private partsLength = 0;
  constructor(private readonly sink: ByteRecordSink) {}

  feed(chunk: Uint8Array): void {
    const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.rest && this.rest.length > 1 << 22) {
      // A record longer than that (a long quoted field, or a quote never closed): try again only
      // once the bytes have doubled, so such a file costs a few passes, not one per chunk.
      // Kept over several pieces: a copy (filePieces reads into its buffers again).
      this.parts.push(Buffer.from(piece));
      this.partsLength += piece.length;
      if (this.partsLength < this.rest.length) return;
    }
    // Past the record begun in the last piece, when bridge has handed it on; else 0.
    const from = this.rest && this.parts.length === 0 ? this.bridge(this.rest, piece) : 0;
    const buf = from === 0 && this.rest ? Buffer.concat([this.rest, ...this.parts, ...(this.parts.length ? [] : [piece])]) : piece;
    this.parts = [];
    this.partsLength = 0;
    const p = records(buf, from, false, this.sink);
    this.rest = p === buf.length ? null : buf.subarray(p);
  }

  /**
   * The record that `rest` (the end of the last piece) begins, when it ends in `piece` with a
   * line end before any quote (the common case: a line cut by the piece's end): handed on from a
   * copy of its bytes alone, and the position in `piece` after it; else 0, nothing done (rest and
   * piece are then joined, as before). Joining them copied every megabyte read once more.
   */
  private bridge(rest: Buffer, piece: Buffer): number {
    if (rest.length > BRIDGE_MOST || rest.indexOf(QUOTE) !== -1) return 0;
    const most = Math.min(piece.length, BRIDGE_MOST);
    let k = 0;
    while (k < most && piece[k] !== LF && piece[k] !== CR && piece[k] !== QUOTE) k++;
    if (k === most || piece[k] === QUOTE) return 0;
    // A CR as the piece's last byte may be the first half of a CRLF.
    if (piece[k] === CR && k + 1 >= piece.length) return 0;
    const e = piece[k] === CR && piece[k + 1] === LF ? k + 2 : k + 1;
    const line = Buffer.concat([rest, piece.subarray(0, e)]);
    // The line ends with its line end, whole: as the end of the bytes, the same record.
    records(line, 0, true, this.sink);
    return e;
  }

  end(): void {
    const buf = this.rest ? Buffer.concat([this.rest, ...this.parts]) : null;
    this.rest = null;
    this.parts = [];
    if (buf) records(buf, 0, true, this.sink);
  }
}

/**
 * The records of `b` from byte `from` (CsvRecords.run on bytes): the position after the last complete one. With
 * `final`, the end of `b` ends the last record.
 */
function records(b: Buffer, from: number, final: boolean, sink: ByteRecordSink): number {
  const n = b.length;
  let p = from;
  let lf = -1;
  let cr = -1;
  let quote = -1;
  while (p < n) {
    if (lf < p) lf = b.indexOf(LF, p) >>> 0; // not found: 2^32 - 1, past any end
    if (cr < p) cr = b.indexOf(CR, p) >>> 0;
    if (quote < p) quote = b.indexOf(QUOTE, p) >>> 0;
    let k = lf < cr ? lf : cr;
    if (quote >= k) {
      if (k >= n) {
        if (!final) break;
        k = n;
      }
      let e: number;
      if (k === n) e = n;
      else if (k === cr) {
        // A CR as the chunk's last byte may be the first half of a CRLF.
        if (k + 1 >= n && !final) break;
        e = k + (b[k + 1] === LF ? 2 : 1);
      } else e = k + 1;
      sink.plainBytes(b, p, k);
      p = e;
      continue;
    }
    const e = quotedRecord(b, p, final, sink);
    if (e < 0) break;
    p = e;
  }
  return p;
}

/**
 * A record with a quote from byte p: decoded a window at a time (each ending after a line end,
 * so no character is cut) until parseRecord finds its end; the byte after it, or -1 when `b`
 * ends first.
 */
function quotedRecord(b: Buffer, p: number, final: boolean, sink: ByteRecordSink): number {
  const n = b.length;
  for (let size = WINDOW; ; size *= 2) {
    let end = p + size;
    if (end >= n) end = n;
    else {
      const nl = b.indexOf(LF, end);
      end = nl === -1 ? n : nl + 1;
    }
    const text = b.toString('utf8', p, end);
    const fields: string[] = [];
    const e = parseRecord(text, 0, 44, final && end === n, fields);
    if (e >= 0) {
      sink.record(fields);
      return p + Buffer.byteLength(e === text.length ? text : text.slice(0, e), 'utf8');
    }
    if (end === n) return -1;
  }
}
