/**
 * --format csv: the input columns followed by the output columns of workbook.md. UTF-8 with a
 * BOM (without it Excel reads UTF-8 as the system code page and Chinese turns to mojibake), CRLF
 * line ends and RFC 4180 quoting. The rows are written as they come (csvWriter is a TableSink):
 * the input's rows are read a second time rather than held.
 */
import { isSpace, outputCellMaker, outputHeaders, type AnalysisResult, type Cell, type Locale, type RowResult } from '../domain';
import type { CellRange } from './range';
import type { RecordSink } from './readCsv';
import type { Sink } from './sink';
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
  end(): void;
}

/**
 * A sink for the table's rows that writes each as a CSV line with its output cells; `out` takes
 * the text in pieces of about BATCH lines (the caller writes them to the file or stdout).
 */
export function csvWriter(
  result: AnalysisResult,
  locale: Locale,
  dataRows: number,
  out: (text: string) => void,
  onRow?: (done: number) => void,
): CsvWriter {
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
  const tail = (r: RowResult | undefined): string => {
    const more = r ? cellsOf(r) : blank;
    const fields = new Array<string>(more.length);
    for (let k = 0; k < more.length; k++) fields[k] = outField(more[k]);
    return fields.join(',');
  };
  const blank = outHeaders.map(() => '');
  // Result rows are numbered among the data rows; skipped empty rows have none and stay blank.
  const byRow: (RowResult | undefined)[] = new Array(dataRows);
  for (const r of result.rows) byRow[r.row - 1] = r;
  let width = 0;
  let j = 0;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) out(lines.join(''));
    lines = [];
    onRow?.(Math.min(j, dataRows));
  };
  return {
    header(cells) {
      width = cells.length;
      out(`\uFEFF${line(cells, width)},${line(outHeaders, outHeaders.length)}\r\n`);
    },
    rows(rows, count) {
      for (let k = 0; k < count && j < dataRows; k++, j++) {
        const r = byRow[j];
        lines.push(`${line(rows[k], width)},${tail(r)}\r\n`);
        if (lines.length >= BATCH) flush();
      }
    },
    copy(text) {
      if (j >= dataRows) return;
      lines.push(`${text},${tail(byRow[j++])}\r\n`);
      if (lines.length >= BATCH) flush();
    },
    end() {
      // Rows of the range below the file's last line (a --range past the end) are blank.
      const empty: Cell[] = [];
      while (j < dataRows) this.rows([empty], 1);
      flush();
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
 * field by field.
 */
export function copyRecords(writer: CsvWriter, range: CellRange, delimiter: string): RecordSink & { end(): void } {
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
