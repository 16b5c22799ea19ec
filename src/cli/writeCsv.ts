/**
 * --format csv: the input columns followed by the output columns of workbook.md. UTF-8 with a
 * BOM (without it Excel reads UTF-8 as the system code page and Chinese turns to mojibake), CRLF
 * line ends and RFC 4180 quoting. The rows are written as they come (csvWriter is a TableSink):
 * the input's rows are read a second time rather than held.
 */
import { isSpace, outputCells, outputHeaders, type AnalysisResult, type Cell, type Locale, type RowResult } from '../domain';
import type { Sink } from './sink';
import type { TableSink } from './tableStream';

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
function line(cells: readonly Cell[], width: number, more: readonly Cell[]): string {
  const fields = new Array<string>(width + more.length);
  for (let j = 0; j < width; j++) fields[j] = csvField(cells[j]);
  for (let j = 0; j < more.length; j++) fields[width + j] = csvField(more[j]);
  return fields.join(',') + '\r\n';
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
): TableSink & { end(): void } {
  const outHeaders = outputHeaders(result, locale);
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
      out('\uFEFF' + line(cells, width, outHeaders));
    },
    rows(rows, count) {
      for (let k = 0; k < count && j < dataRows; k++, j++) {
        const r = byRow[j];
        lines.push(line(rows[k], width, r ? outputCells(r, result, locale) : blank));
        if (lines.length >= BATCH) flush();
      }
    },
    end() {
      // Rows of the range below the file's last line (a --range past the end) are blank.
      const empty: Cell[] = [];
      while (j < dataRows) this.rows([empty], 1);
      flush();
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
