/**
 * Reading a CSV file as a stream of records: the bytes are read and decoded a chunk at a time and
 * each record is handed on as soon as it is complete, so a million-row file is never one string
 * nor one array of rows. The records, the encoding (UTF-8 with or without BOM, else GB18030,
 * or UTF-16 by its BOM), the binary check and the delimiter are exactly those of decodeText,
 * looksBinary, sniffDelimiter and parseCsv (readCsv.ts) on the whole text.
 */
import { createReadStream } from 'node:fs';
import { inputError, reasonOf, usageError } from './errors';
import { CsvRecords, looksBinary, sniffDelimiter, type RecordSink, type TextEncoding } from './readCsv';

const CHUNK = 1 << 20;
/** decodeText tries UTF-8 strictly first; a file that turns out not to be UTF-8 is read again as GB18030. */
class NotUtf8 extends Error {}

export interface Decoding {
  encoding: TextEncoding;
  /** Bytes of the byte-order mark to skip. */
  skip: number;
  fatal: boolean;
}

/** How the text reader decodes a file with these first bytes: by its byte-order mark, else strict UTF-8. */
export function decodingOf(head: Uint8Array): Decoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3, fatal: false };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2, fatal: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2, fatal: false };
  return { encoding: 'utf-8', skip: 0, fatal: true };
}

export interface CsvStreamOptions {
  /** --sheet was given: refused for a CSV (after the binary check, as before). */
  sheet?: string;
  /** The encoding found by an earlier pass over the same file (no second guess). */
  encoding?: TextEncoding;
  /** Called after each chunk's records (a writer of what they gave waits there). */
  afterChunk?: () => Promise<void>;
  /**
   * Only the bytes [start, end) (a part of a file read in two at once, see csvParts.ts): the
   * part starts and ends at a record's start. A part after the first is given the delimiter the
   * first found; its text is decoded as the first part's is, and a file found not to be UTF-8
   * there throws NotUtf8 (the caller reads the file in one instead).
   */
  start?: number;
  end?: number;
  delimiter?: string;
  /** The delimiter, once the first line has decided it (before the first record). */
  onDelimiter?: (delimiter: string) => void;
}

/** What a pass over the file found: how to read it again. */
export interface CsvFormat {
  encoding: TextEncoding;
  delimiter: string;
  /**
   * UTF-8 that decoded without a replacement character (strictly, or after a BOM with none in
   * the text), and with no second byte-order mark the decoder would have dropped: its bytes
   * are its text, and the second pass for --format csv may copy them (csvBytes.ts).
   */
  clean: boolean;
  /** Bytes of byte-order mark before the text. */
  skip: number;
}

/**
 * Reads the records of a CSV file in order. `visit` is made afresh for each attempt: a file that
 * is not UTF-8 after all (found part-way) is read again from the start as GB18030.
 */
export async function streamCsv(
  file: string,
  display: string,
  opts: CsvStreamOptions,
  visit: () => ((fields: string[]) => void) | RecordSink,
): Promise<CsvFormat> {
  const head = await readHead(file, display);
  let decoding = decodingOf(head);
  if (opts.encoding) decoding = { encoding: opts.encoding, skip: decoding.skip, fatal: false };
  if (opts.start) decoding = { ...decoding, skip: 0 };
  for (;;) {
    try {
      return await pass(file, display, decoding, opts, visit());
    } catch (e) {
      if (!(e instanceof NotUtf8) || opts.start !== undefined || opts.end !== undefined) throw e;
      decoding = { encoding: 'gb18030', skip: 0, fatal: false };
    }
  }
}

/** A file's first four bytes (its byte-order mark, if any). */
export async function readHead(file: string, display: string): Promise<Uint8Array> {
  const { open } = await import('node:fs/promises');
  try {
    const h = await open(file, 'r');
    try {
      const buf = new Uint8Array(4);
      const { bytesRead } = await h.read(buf, 0, 4, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch (e) {
    throw inputError('unreadable', { file: display, reason: reasonOf(e) });
  }
}

async function pass(file: string, display: string, d: Decoding, opts: CsvStreamOptions, onRecord: ((fields: string[]) => void) | RecordSink): Promise<CsvFormat> {
  const later = (opts.start ?? 0) > 0;
  // Past the file's start a byte-order mark is a character of the text (as one decoder of the
  // whole file keeps it), not one to drop.
  const decoder = new TextDecoder(d.encoding, { fatal: d.fatal, ignoreBOM: later });
  let records: CsvRecords | null = null;
  let delimiter = ',';
  // The start of the text, until the binary check (first 65,536 characters) and the delimiter
  // (the first line) can be decided.
  let head = '';
  let binary = false;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(bytes, { stream });
    } catch (e) {
      if (d.fatal) throw new NotUtf8();
      throw e;
    }
  };
  // Whether the head has a line end, looked for in each piece as it comes (a file of one long
  // line is searched once, not again with each piece).
  let lineEnd = false;
  const addToHead = (text: string): void => {
    head += text;
    if (!lineEnd && /[\r\n]/.test(text)) lineEnd = true;
  };
  const begin = (final: boolean): boolean => {
    if (!final && head.length < 65536) return false;
    // looksBinary sees the first 65,536 characters, all there now. A binary file is refused once
    // its encoding is certain (the whole file decodes); its pieces are only decoded till then.
    if (looksBinary(head)) {
      binary = true;
      head = '';
      return true;
    }
    if (!final && !lineEnd) return false;
    if (opts.sheet !== undefined) throw usageError('sheetNotForCsv', { file: display });
    delimiter = sniffDelimiter(head);
    opts.onDelimiter?.(delimiter);
    records = new CsvRecords(delimiter, onRecord);
    records.feed(head);
    head = '';
    return true;
  };
  let skip = d.skip;
  let clean = d.encoding === 'utf-8';
  let first = !later;
  if (opts.delimiter !== undefined) {
    delimiter = opts.delimiter;
    records = new CsvRecords(delimiter, onRecord);
  }
  const range = opts.end === undefined ? {} : { end: opts.end - 1 };
  const stream = createReadStream(file, { highWaterMark: CHUNK, start: opts.start ?? 0, ...range });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes: Uint8Array = chunk;
      if (skip > 0) {
        const n = Math.min(skip, bytes.length);
        bytes = bytes.subarray(n);
        skip -= n;
      }
      const text = decode(bytes, true);
      if (clean && !d.fatal && text.indexOf('\uFFFD') !== -1) clean = false;
      if (first && bytes.length) {
        first = false;
        // The decoder drops one more BOM at the start of the text; the bytes would keep it.
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) clean = false;
      }
      if (binary) continue;
      const r = records as CsvRecords | null;
      if (r) r.feed(text);
      else {
        addToHead(text);
        begin(false);
      }
      if (opts.afterChunk) await opts.afterChunk();
    }
  } catch (e) {
    if (e instanceof NotUtf8) throw e;
    if (e && typeof e === 'object' && 'code' in e) throw inputError('unreadable', { file: display, reason: reasonOf(e) });
    throw e;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest.indexOf('\uFFFD') !== -1) clean = false;
  if (!binary) {
    const r = records as CsvRecords | null;
    if (r) r.feed(rest);
    else {
      addToHead(rest);
      begin(true);
    }
  }
  if (binary) throw inputError('notCsvOrXlsx', { file: display });
  (records as CsvRecords | null)?.end();
  if (opts.afterChunk) await opts.afterChunk();
  return { encoding: d.encoding, delimiter, clean, skip: d.skip };
}
