/**
 * Reading CSV files as Chinese and English Excel write them: UTF-8 (with or without BOM),
 * GB18030 (Excel's "CSV" on a Chinese Windows) and UTF-16 ("Unicode text", tab-separated).
 * Cells stay text: the domain reads numbers and dates itself, so "46311" in a date column or
 * "001234" in an ID column keeps its meaning.
 */

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Decodes bytes, trying UTF-8 strictly before GB18030 (which accepts almost anything). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Chinese Excel saves CSV in the system code page, GB18030 (a superset of GBK).
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** True when decoded text looks like binary data rather than a table (NUL or other controls). */
export function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) controls++;
  }
  return controls > 0 && controls * 100 > sample.length;
}

/** The delimiter of the header line: comma unless the line has none and has tabs or semicolons. */
export function sniffDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const first = end === -1 ? text : text.slice(0, end);
  if (first.includes(',')) return ',';
  if (first.includes('\t')) return '\t';
  if (first.includes(';')) return ';';
  return ',';
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads one record of `text` from `p` into `out`: the position after its line end (or the end of
 * the text), or -1 when the text ends before the record can be known to be complete (a chunk
 * boundary; with `final`, the text's end ends the record, as in parseCsv).
 */
export function parseRecord(text: string, p: number, D: number, final: boolean, out: string[]): number {
  const n = text.length;
  let i = p;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      value = '';
      let start = i + 1;
      for (;;) {
        const q = text.indexOf('"', start);
        if (q === -1) {
          if (!final) return -1;
          value += text.slice(start);
          i = n;
          break;
        }
        // A quote as the chunk's last character may be the first of a doubled one.
        if (q + 1 >= n && !final) return -1;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === D || c === LF || c === CR) break;
        k++;
      }
      if (k >= n && !final) return -1;
      if (k > i) value += text.slice(i, k);
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === D || c === LF || c === CR) break;
        k++;
      }
      if (k >= n && !final) return -1;
      value = text.slice(i, k);
      i = k;
    }
    out.push(value);
    if (i >= n) return n;
    const c = text.charCodeAt(i);
    if (c === D) {
      i++;
      continue;
    }
    // A CR as the chunk's last character may be the first half of a CRLF.
    if (c === CR && i + 1 >= n && !final) return -1;
    return i + (c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1);
  }
}

/**
 * Where the records go. `plain`, when given, takes each record without a quote character as its
 * text (start to end, without the line end) instead of its fields: such a record's fields are
 * exactly that text split at the delimiter, and a caller that can copy the text as it is (the CSV
 * writer) need not split it at all.
 */
export interface RecordSink {
  record(fields: string[]): void;
  plain?(text: string, start: number, end: number): void;
}

/** Splits text given in pieces into records (RFC 4180, as parseCsv), calling `onRecord` for each. */
export class CsvRecords {
  private pending = '';
  /** Text not yet parsed because a record spans more than `pending` holds (see feed). */
  private parts: string[] = [];
  private partsLength = 0;
  private readonly D: number;
  private readonly sink: RecordSink;

  constructor(delimiter: string, onRecord: ((fields: string[]) => void) | RecordSink) {
    this.D = delimiter.charCodeAt(0);
    this.sink = typeof onRecord === 'function' ? { record: onRecord } : onRecord;
  }

  /** The next piece of the text. */
  feed(chunk: string): void {
    if (this.parts.length) {
      // A record longer than a chunk (a long quoted field, or an unterminated quote running to
      // the end of the file): parse again only once the text has doubled, so such a file costs
      // a few passes, not one per chunk.
      this.parts.push(chunk);
      this.partsLength += chunk.length;
      if (this.partsLength < this.pending.length) return;
      chunk = this.parts.join('');
      this.parts = [];
      this.partsLength = 0;
    }
    const nl = this.pending.length && chunk.length > 1 << 16 ? chunk.indexOf('\n') : -1;
    if (nl >= 0) {
      // The record the last piece left unfinished is finished with the start of this one, on its
      // own: joining it to the whole piece would copy the piece (a megabyte) into one more string.
      const rest = this.run(this.pending + chunk.slice(0, nl + 1), false);
      const tail = chunk.slice(nl + 1);
      this.pending = this.run(rest.length ? rest + tail : tail, false);
    } else this.pending = this.run(this.pending + chunk, false);
    if (this.pending.length > 1 << 22) this.parts.push('');
  }

  /** The end of the text: the last record ends there. */
  end(): void {
    const text = this.pending + this.parts.join('');
    this.pending = '';
    this.parts = [];
    this.run(text, true);
  }

  /**
   * With a `plain` sink, most records have no quote: their end is the next line end, found (with
   * the next quote) by the native indexOf, and they are handed on as text; a record with a quote
   * anywhere is read field by field (parseRecord).
   */
  private run(text: string, final: boolean): string {
    const n = text.length;
    const sink = this.sink;
    const plain = sink.plain;
    let p = 0;
    let lf = -1;
    let cr = -1;
    let quote = -1;
    while (p < n) {
      if (!plain) {
        // Field by field: quicker than slicing the record and splitting it (measured).
        const fields: string[] = [];
        const e = parseRecord(text, p, this.D, final, fields);
        if (e < 0) break;
        sink.record(fields);
        p = e;
        continue;
      }
      if (lf < p) lf = text.indexOf('\n', p) >>> 0; // not found: 2^32 - 1, past any end
      if (cr < p) cr = text.indexOf('\r', p) >>> 0;
      if (quote < p) quote = text.indexOf('"', p) >>> 0;
      let k = lf < cr ? lf : cr;
      if (quote >= k) {
        if (k >= n) {
          if (!final) break;
          k = n;
        }
        let e: number;
        if (k === n) e = n;
        else if (k === cr) {
          // A CR as the chunk's last character may be the first half of a CRLF.
          if (k + 1 >= n && !final) break;
          e = k + (text.charCodeAt(k + 1) === LF ? 2 : 1);
        } else e = k + 1;
        plain.call(sink, text, p, k);
        p = e;
        continue;
      }
      const fields: string[] = [];
      const e = parseRecord(text, p, this.D, final, fields);
      if (e < 0) break;
      sink.record(fields);
      p = e;
    }
    return p === 0 ? text : text.slice(p);
  }
}

/**
 * Parses CSV (RFC 4180): quoted fields with embedded delimiters, newlines and doubled quotes;
 * CRLF, LF or CR line ends; no row after a final line end. Lenient where Excel is lenient: text
 * after a closing quote is kept, and an unterminated quote runs to the end of the file.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const records = new CsvRecords(delimiter, (r) => rows.push(r));
  records.feed(text);
  records.end();
  return rows;
}
