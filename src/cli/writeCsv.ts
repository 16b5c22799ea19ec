/**
 * --format csv: the input columns followed by the output columns of workbook.md. UTF-8 with a
 * BOM (without it Excel reads UTF-8 as the system code page and Chinese turns to mojibake), CRLF
 * line ends and RFC 4180 quoting. The rows are written as they come (csvWriter is a TableSink):
 * the input's rows are read a second time rather than held.
 */
import { isSpace, labels, outputCellMaker, outputCellMakerOf, outputColumns, outputHeaders, resultColumns, type AnalysisResult, type Cell, type Locale, type RowResult } from '../domain';
import type { CellRange } from './range';
import type { ByteRecordSink } from './csvBytes';
import { Tails, TAILS_BLOCK, TAILS_FROM_ROWS } from './csvTails';
import { CHURN_AT, columnCodes, encodeRows, laterCodes, laterFrom, QUADRANT_AT, RISK_AT, rowDecoder, STAGE_AT, type RowCodes } from './rowCodes';
import type { RecordSink } from './readCsv';
import type { Sink } from './sink';
import { shortestDigits } from '../xlsx/shortestDigits';
import { outputColumnsAt, type TableSink } from './tableStream';

const BATCH = 2000;

/** A Date as the day (or day and time) it shows in Excel; file readers give UTC. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** Whether a text needs quotes: a quote, comma or line end in it, or space at either end. */
function needsQuotes(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(n - 1))) return true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}

export function csvField(cell: Cell): string {
  let s: string;
  if (typeof cell === 'string') s = cell;
  else if (typeof cell === 'number') return String(cell); // digits, sign, point, "e", "NaN", "Infinity"
  else if (cell === null || cell === undefined) return '';
  else if (cell instanceof Date) s = dateText(cell);
  else if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  else s = String(cell);
  return needsQuotes(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV line. The fields are joined (a flat string), not added one by one: a line of `+=` is a
 * tree of dozens of small string objects, and a batch of such lines outlived the young
 * generation and cost most of the run in garbage collection.
 */
function line(cells: readonly Cell[], width: number): string {
  const fields = new Array<string>(width);
  for (let j = 0; j < width; j++) fields[j] = csvField(cells[j]);
  return fields.join(',');
}

export interface CsvWriter extends TableSink {
  /** The next data row as the text of its input fields, already as they are written (see copyRecords). */
  copy(text: string): void;
  /**
   * copy, for a line given as its UTF-8 bytes [start, end) (the byte-level second pass of
   * csvBytes.ts); only for a writer made with a ByteOut.
   */
  copyBytes(bytes: Uint8Array, start: number, end: number): void;
  end(): void;
}

const OUT_BYTES = 1 << 20;

/**
 * The output as UTF-8 bytes, in pieces of about a megabyte: a line copied from the input is
 * copied byte for byte (never decoded and encoded again) and each line's output cells are
 * encoded straight into the piece. A piece handed on is never written to again (a file stream
 * holds it until it is on disk).
 */
export class ByteOut {
  /** Pieces written out and given back (release): their memory is used again. */
  private readonly free: Buffer[] = [];
  private buf: Buffer = Buffer.allocUnsafe(OUT_BYTES);
  private pos = 0;
  private readonly done: Buffer[] = [];

  text(s: string): void {
    // A UTF-16 code unit is at most three UTF-8 bytes.
    const most = s.length * 3;
    if (this.pos + most > OUT_BYTES) this.cut();
    if (most > OUT_BYTES) this.done.push(Buffer.from(s, 'utf8'));
    else this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  raw(bytes: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.pos + n > OUT_BYTES) this.cut();
    if (n > OUT_BYTES) this.done.push(Buffer.from(bytes.subarray(start, end)));
    else {
      this.buf.set(bytes.subarray(start, end), this.pos);
      this.pos += n;
    }
  }

  /** ',' then `s`, whose characters are all ASCII (a number's String). */
  commaAscii(s: string): void {
    if (this.pos + s.length + 1 > OUT_BYTES) this.cut();
    this.pos = commaAscii(this.buf, this.pos, s);
  }

  /** ',' then the integer v (|v| < 2^53), as String(v) writes it. */
  commaInt(v: number): void {
    if (this.pos + 18 > OUT_BYTES) this.cut();
    this.pos = commaInt(this.buf, this.pos, v);
  }

  /** ',' then the number v, as String(v) writes it. */
  commaNumber(v: number): void {
    if (this.pos + NUMBER_BYTES > OUT_BYTES) this.cut();
    this.pos = commaNumber(this.buf, this.pos, v);
  }

  /** Bytes encoded once and written many times (an output cell's text). */
  put(src: Uint8Array): void {
    const n = src.length;
    if (this.pos + n > OUT_BYTES) this.cut();
    if (n > OUT_BYTES) return void this.done.push(Buffer.from(src));
    this.pos = putBytes(this.buf, this.pos, src);
  }

  private cut(): void {
    if (this.pos === 0) return;
    this.done.push(this.buf.subarray(0, this.pos));
    // A megabyte allocated afresh for each piece (400 of them for a million rows) is memory outside
    // the heap that made V8 collect the whole heap again and again: pieces come back instead.
    this.buf = this.free.pop() ?? Buffer.allocUnsafe(OUT_BYTES);
    this.pos = 0;
  }

  /** A piece from take() that is written out: its memory is used for a later piece. */
  release(piece: Uint8Array): void {
    if (piece.byteOffset === 0 && piece.buffer.byteLength === OUT_BYTES && this.free.length < 32) {
      this.free.push(Buffer.from(piece.buffer as ArrayBuffer, 0, OUT_BYTES));
    }
  }

  /** take(), each piece written to the sink and then given back. */
  async drainTo(sink: { write(chunk: Uint8Array, written?: () => void): Promise<void> }): Promise<void> {
    for (const b of this.take()) await sink.write(b, () => this.release(b));
  }

  /** The pieces so far (the last one cut short). */
  take(): Buffer[] {
    this.cut();
    return this.done.splice(0);
  }
}

/** Copies `src` into `b` at `at`; the position after it. */
export function putBytes(b: Uint8Array, at: number, src: Uint8Array): number {
  const n = src.length;
  // Below about 10 bytes a loop is quicker than set; above, set is (it takes about 30 ns whatever
  // the length, where the loop takes 3 ns a byte: an output cell of 40 bytes was three times slower).
  if (n < 10) for (let i = 0; i < n; i++) b[at++] = src[i];
  else {
    b.set(src, at);
    at += n;
  }
  return at;
}

/**
 * Writes ',' and then the integer v (|v| < 2^53, so each digit is exact) at b[at], as String(v)
 * spells it (-0 as "0"); the position after it. Up to 18 bytes.
 */
export function commaInt(b: Uint8Array, at: number, v: number): number {
  b[at++] = 44;
  if (v < 0) {
    b[at++] = 45;
    v = -v;
  }
  let digits = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
  let p = at + digits;
  const end = p;
  do {
    const q = Math.floor(v / 10);
    b[--p] = 48 + (v - q * 10);
    v = q;
  } while (v > 0);
  return end;
}

/** Writes ',' and then `s`, whose characters are all ASCII (a number's String), at b[at]; the position after it. */
export function commaAscii(b: Uint8Array, at: number, s: string): number {
  b[at++] = 44;
  for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i);
  return at;
}

/** The most bytes commaNumber writes: ',' and String(v), "-2.2250738585072014e-308" the longest. */
export const NUMBER_BYTES = 26;

/**
 * Writes ',' and then the number v at b[at], as String(v) spells it (shortestDigits.ts, and
 * String where that declines); the position after it. Up to NUMBER_BYTES bytes.
 */
export function commaNumber(b: Uint8Array, at: number, v: number): number {
  b[at] = 44;
  const end = shortestDigits(b, at + 1, v);
  return end >= 0 ? end : commaAscii(b, at, String(v));
}

/** Integers written by commaInt rather than String. */
const INT_LIMIT = 2 ** 53;

/** Where a row's output cells go as bytes: a ByteOut, or the tail worker's shared memory. */
export interface TailOut {
  put(src: Uint8Array): void;
  commaAscii(s: string): void;
  commaInt(v: number): void;
  /** ',' then the number v, as String(v) writes it (commaNumber). */
  commaNumber(v: number): void;
}

/** Writes a row's output cells (',' before each, then CRLF) as UTF-8 bytes; no row: blank cells. */
export interface TailWriter {
  (out: TailOut, r: RowResult | undefined): void;
  /**
   * The same bytes for coded rows (rowCodes.ts: the tail worker's), by index among them: a row
   * without issues is written from its codes, without making its result again.
   */
  coded(codes: RowCodes): (out: TailOut, j: number) => void;
}

/**
 * The output cells as bytes, after a line copied as bytes: each text cell (a label, an action:
 * they repeat) is quoted and encoded once, a number's digits are written as they are. The same
 * in either thread (csvTails.ts), so the bytes are the same whichever writes a row.
 */
export function tailWriter(columns: readonly labels.OutputColumn[], locale: Locale): TailWriter {
  const cellsOf = outputCellMakerOf(columns, locale);
  const cells = new Array<string | number>(columns.length);
  const CRLF = Buffer.from('\r\n');
  const blankBytes = Buffer.from(`${','.repeat(columns.length)}\r\n`, 'utf8');
  const encoded = new Map<string, Uint8Array>();
  const encodedField = (c: string): Uint8Array => {
    let e = encoded.get(c);
    if (e === undefined) {
      e = Buffer.from(`,${csvField(c)}`, 'utf8');
      if (encoded.size < 4096) encoded.set(c, e);
    }
    return e;
  };
  // Numbers: String(number) of a full double was most of the writing time. A column whose
  // values repeat (the share: one per distinct volume) keeps their digits; one whose values do not
  // (the loyalty score) stops looking after a while, and its digits are written straight into
  // the bytes (commaNumber: a third of String's time).
  const numberCaches = Array.from(cells, () => ({ map: new Map<number, Uint8Array>(), hits: 0, misses: 0, on: true }));
  const numberField = (out: TailOut, k: number, c: number): void => {
    // An integer (the priority, a count) is written digit by digit, with no string made.
    if (c > -INT_LIMIT && c < INT_LIMIT && Math.floor(c) === c) return out.commaInt(c);
    const cache = numberCaches[k];
    if (!cache.on) return out.commaNumber(c);
    const e = cache.map.get(c);
    if (e !== undefined) {
      cache.hits++;
      return out.put(e);
    }
    if (++cache.misses > 4096 && cache.misses > cache.hits) cache.on = false;
    const text = String(c);
    if (cache.map.size < 1 << 16) cache.map.set(c, Buffer.from(`,${text}`, 'latin1'));
    out.commaAscii(text);
  };
  const cellByCell = (out: TailOut, r: RowResult): void => {
    cellsOf(r, cells);
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k];
      if (typeof c === 'number') numberField(out, k, c);
      else out.put(encodedField(c));
    }
    out.put(CRLF);
  };
  // The text cells between the numbers (quadrant … churn type; action … issues) depend only on
  // the quadrant, stage, risk, flags, churn type and previous quadrant of a row without issues:
  // each combination's bytes are made once (a million rows have a few hundred), and a row is its
  // numbers and two copies. The flag lists are shared among rows, so they are known by identity.
  const layout = columns.length >= 10 && columns[0] === 'share' && columns[1] === 'loyalty' && columns[7] === 'priority';
  const segments = new Map<readonly string[], Map<number, [Uint8Array, Uint8Array]>>();
  let kept = 0;
  const COMMA = Buffer.from(',');
  const join = (from: number, to: number, end: string) => {
    const parts: Uint8Array[] = [];
    for (let k = from; k < to; k++) parts.push(encodedField(cells[k] as string));
    parts.push(Buffer.from(end));
    return Buffer.concat(parts);
  };
  const numbers = (out: TailOut, share: number | null, loyalty: number | null, priority: number | null, seg: [Uint8Array, Uint8Array]) => {
    if (share === null) out.put(COMMA);
    else numberField(out, 0, share);
    if (loyalty === null) out.put(COMMA);
    else numberField(out, 1, loyalty);
    out.put(seg[0]);
    if (priority === null) out.put(COMMA);
    else numberField(out, 7, priority);
    out.put(seg[1]);
  };
  /** The row's two text segments, made the first time its combination comes; null past the cache's size. */
  const segmentsOf = (r: RowResult): [Uint8Array, Uint8Array] | null => {
    if (kept >= 1 << 16) return null;
    cellsOf(r, cells);
    kept++;
    return [join(2, 7, ''), join(8, cells.length, '\r\n')];
  };
  const write = (out: TailOut, r: RowResult | undefined): void => {
    if (!r) return out.put(blankBytes);
    if (!layout || r.issues.length !== 0) return cellByCell(out, r);
    const code = (((QUADRANT_AT[r.quadrant] * 8 + STAGE_AT[r.stage]) * 8 + RISK_AT[r.risk]) * 8 + (r.churnType === null ? 7 : CHURN_AT[r.churnType])) * 8 + (r.previousQuadrant === null ? 7 : QUADRANT_AT[r.previousQuadrant]);
    let byCode = segments.get(r.flags);
    let seg = byCode?.get(code);
    if (seg === undefined) {
      const made = segmentsOf(r);
      if (!made) return cellByCell(out, r);
      if (!byCode) segments.set(r.flags, (byCode = new Map()));
      seg = made;
      byCode.set(code, seg);
    }
    numbers(out, r.share, r.loyalty, r.priority, seg);
  };
  write.coded = (c: RowCodes) => {
    const decode = rowDecoder(c);
    const withIssues = new Set(c.issues.map(([j]) => j));
    // By the row's flag list (its index), then the code of its labels (rowCodes' own numbering).
    const byFlags: (Map<number, [Uint8Array, Uint8Array]> | undefined)[] = [];
    return (out: TailOut, j: number): void => {
      if (!c.present[j]) return out.put(blankBytes);
      if (!layout || (withIssues.size !== 0 && withIssues.has(j))) return write(out, decode(j));
      const code = (((c.quadrant[j] * 8 + c.stage[j]) * 8 + c.risk[j]) * 8 + c.churn[j]) * 8 + c.previous[j];
      const f = c.flags[j];
      let byCode = byFlags[f];
      let seg = byCode?.get(code);
      if (seg === undefined) {
        const r = decode(j) as RowResult;
        const made = segmentsOf(r);
        if (!made) return cellByCell(out, r);
        if (!byCode) byFlags[f] = byCode = new Map();
        byCode.set(code, (seg = made));
      }
      const has = c.has[j];
      numbers(out, has & 2 ? c.share[j] : null, has & 4 ? c.loyalty[j] : null, has & 8 ? c.priority[j] : null, seg);
    };
  };
  return write;
}

/**
 * Each data row's result (undefined for a skipped empty row): the results themselves when no row
 * was skipped (row i + 1 is result i), else a million-entry array made for them.
 */
function rowsByDataRow(rows: readonly RowResult[], dataRows: number): readonly (RowResult | undefined)[] {
  if (rows.length === dataRows && (dataRows === 0 || rows[dataRows - 1].row === dataRows)) return rows;
  const byRow: (RowResult | undefined)[] = new Array(dataRows);
  for (const r of rows) byRow[r.row - 1] = r;
  return byRow;
}

/**
 * A sink for the table's rows that writes each as a CSV line with its output cells; `out` takes
 * the text in pieces of about BATCH lines (the caller writes them to the file or stdout), or is a
 * ByteOut that takes each line as it comes (and the lines copyBytes copies).
 */
export function csvWriter(
  result: AnalysisResult,
  locale: Locale,
  dataRows: number,
  out: ((text: string) => void) | ByteOut,
  onRow?: (done: number) => void,
  /** With a ByteOut: rows from which a worker thread makes the output cells of the later rows (csvTails.ts). */
  tailsFrom = TAILS_FROM_ROWS,
): CsvWriter {
  const bytes = out instanceof ByteOut ? out : null;
  const emit = out instanceof ByteOut ? null : out;
  const outHeaders = outputHeaders(result, locale);
  const cellsOf = outputCellMaker(result, locale);
  // The output cells' texts repeat (labels, actions): each is checked for quotes once.
  const quoted = new Map<string, string>();
  const outField = (c: string | number): string => {
    if (typeof c !== 'string') return csvField(c);
    let q = quoted.get(c);
    if (q === undefined) {
      q = csvField(c);
      if (quoted.size < 4096) quoted.set(c, q);
    }
    return q;
  };
  const blankTail = outHeaders.map(() => '').join(',');
  // One array of output cells, filled again for each row and joined at once: the text is written
  // straight away, so nothing of a row outlives it.
  const cells = new Array<string | number>(outHeaders.length);
  const tail = (r: RowResult | undefined): string => {
    if (!r) return blankTail;
    cellsOf(r, cells);
    let text = outField(cells[0]);
    for (let k = 1; k < cells.length; k++) {
      const c = cells[k];
      text += ',';
      if (c !== '') text += typeof c === 'number' ? String(c) : outField(c);
    }
    return text;
  };
  // Result rows are numbered among the data rows; skipped empty rows have none and stay blank.
  // A result whose records are not made (resultColumns) is written from its codes: each row
  // made again for the moment it is written, a row without issues not even that (TailWriter.coded).
  const fromColumns = resultColumns(result);
  const codes = fromColumns ? columnCodes(fromColumns, false, 0, dataRows) : null;
  const byRow = codes ? null : rowsByDataRow(result.rows, dataRows);
  const rowAt: (j: number) => RowResult | undefined = codes ? rowDecoder(codes) : (j) => (byRow as readonly (RowResult | undefined)[])[j];
  const columns = outputColumns(result);
  const tailBytes = bytes ? tailWriter(columns, locale) : null;
  const coded = codes && tailBytes ? tailBytes.coded(codes) : null;
  // A large output: a worker thread makes the later rows' output cells (csvTails.ts).
  const later = () => {
    const from = laterFrom(dataRows, TAILS_BLOCK);
    return codes ? laterCodes(codes, from) : encodeRows(byRow as readonly (RowResult | undefined)[], false, from);
  };
  const tails = bytes && dataRows >= tailsFrom ? Tails.start(dataRows, later, columns, locale) : null;
  let width = 0;
  let j = 0;
  let lines: string[] = [];
  let pending = 0;
  const flush = () => {
    if (lines.length) emit?.(lines.join(''));
    lines = [];
    pending = 0;
    onRow?.(Math.min(j, dataRows));
  };
  // With a ByteOut, each line goes into it at once (in order with the lines copied as bytes).
  const push = bytes
    ? (text: string) => {
        bytes.text(text);
        if (++pending >= BATCH) flush();
      }
    : (text: string) => {
        lines.push(text);
        if (lines.length >= BATCH) flush();
      };
  return {
    header(cells) {
      width = cells.length;
      const text = `\uFEFF${line(cells, width)},${line(outHeaders, outHeaders.length)}\r\n`;
      if (bytes) bytes.text(text);
      else emit?.(text);
    },
    rows(rows, count) {
      for (let k = 0; k < count && j < dataRows; k++, j++) push(`${line(rows[k], width)},${tail(rowAt(j))}\r\n`);
    },
    copy(text) {
      if (j >= dataRows) return;
      push(`${text},${tail(rowAt(j++))}\r\n`);
    },
    copyBytes(b, start, end) {
      if (j >= dataRows) return;
      if (!bytes) throw new Error('copyBytes needs a writer made with a ByteOut');
      bytes.raw(b, start, end);
      if (!tails?.write(bytes, j)) {
        if (coded) coded(bytes, j);
        else (tailBytes as TailWriter)(bytes, rowAt(j));
      }
      j++;
      if (++pending >= BATCH) flush();
    },
    end() {
      // Rows of the range below the file's last line (a --range past the end) are blank.
      const empty: Cell[] = [];
      while (j < dataRows) this.rows([empty], 1);
      flush();
      tails?.stop();
    },
  };
}

/**
 * The number of fields of a record's text [start, end) split at commas, when each is written as
 * it is (no space at either end: csvField would quote it; the text has no quote nor line end);
 * else -1.
 */
function plainFields(text: string, start: number, end: number): number {
  let count = 0;
  let from = start;
  for (;;) {
    let at = text.indexOf(',', from);
    if (at === -1 || at > end) at = end;
    if (at > from && (isSpace(text.charCodeAt(from)) || isSpace(text.charCodeAt(at - 1)))) return -1;
    count++;
    if (at === end) return count;
    from = at + 1;
  }
}

/**
 * The records of a CSV (read again) into the writer, cropped to the table's range as TableFinder
 * crops them: a record without quotes whose fields fill the range from column A and need no
 * quotes is copied as its text (most lines of a large export), any other is split and written
 * field by field. On bytes, whether a line's fields need quotes is what the first pass found
 * (`widths`): a byte loop over every line again cost a second a million rows.
 */
export function copyRecords(
  writer: CsvWriter,
  range: CellRange,
  delimiter: string,
  /** For the byte pass: each record's plainWidths entry (streamInput.ts), from the first pass. */
  widths?: Int32Array,
): RecordSink & ByteRecordSink & { end(): void } {
  let width = range.right - range.left + 1;
  const from = range.left - 1;
  const copyable = from === 0 && delimiter === ',';
  let r = 0;
  let header = false;
  const crop = (fields: readonly string[]): string[] => {
    const out = new Array<string>(width);
    for (let k = 0; k < width; k++) out[k] = fields[from + k] ?? '';
    return out;
  };
  const record = (fields: readonly string[]) => {
    const line = crop(fields);
    if (r === range.top) {
      header = true;
      // As TableFinder.start: an earlier run's output columns are left out.
      const at = outputColumnsAt(line);
      if (at >= 0) width = at;
      writer.header(at >= 0 ? line.slice(0, at) : line);
    } else writer.rows([line], 1);
  };
  return {
    record(fields) {
      r++;
      if (r >= range.top && r <= range.bottom) record(fields);
    },
    plain(text, start, end) {
      r++;
      if (r < range.top || r > range.bottom) return;
      if (r !== range.top && copyable && plainFields(text, start, end) === width) writer.copy(text.slice(start, end));
      else record(text.slice(start, end).split(delimiter));
    },
    plainBytes(bytes, start, end) {
      r++;
      if (r < range.top || r > range.bottom) return;
      if (!widths) throw new Error('copyRecords: the byte pass needs the first pass’s plainWidths');
      if (r !== range.top && copyable && widths[r] === width) writer.copyBytes(bytes, start, end);
      else record(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end).split(delimiter));
    },
    end() {
      if (!header) {
        r = range.top;
        record([]);
      }
    },
  };
}

/** The whole table at once (a table already in memory). */
export async function writeCsv(
  table: readonly (readonly Cell[])[],
  result: AnalysisResult,
  locale: Locale,
  sink: Sink,
  onRow?: (done: number) => void,
): Promise<void> {
  const [header, ...rows] = table;
  const pieces: string[] = [];
  const writer = csvWriter(result, locale, rows.length, (s) => pieces.push(s), onRow);
  writer.header(header);
  for (let i = 0; i < rows.length; i += BATCH) {
    writer.rows(rows.slice(i, i + BATCH), Math.min(BATCH, rows.length - i));
    for (const p of pieces.splice(0)) await sink.write(p);
  }
  writer.end();
  for (const p of pieces.splice(0)) await sink.write(p);
}
