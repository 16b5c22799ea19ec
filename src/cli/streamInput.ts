/**
 * Reading an input file into the analysis as a stream: the rows go from the file into the
 * engine's columns a block at a time (startAnalysis), never all held as text or as a grid of
 * strings; the outputs that need the input's cells again (CSV, a CSV's workbook) read it a second
 * time. The table, its range and every message are those of readInput.
 */
import { promises as fs } from 'node:fs';
import type { AnalysisResult, AnalysisRun, Cell } from '../domain';
import { streamCsv, type CsvFormat } from './csvStream';
import { inputError, reasonOf } from './errors';
import { formatRange, type CellRange } from './range';
import { sheetNameFor, type InputTable } from './readInput';
import { TableFinder, type FoundTable, type TableSink } from './tableStream';

/** What startAnalysis needs besides the header and the row count. */
export type StartAnalysis = (header: readonly Cell[], capacity: number) => AnalysisRun;

/** An input read as a stream: where its table is and how to read its rows again. */
export interface StreamedInput extends Omit<InputTable, 'table'> {
  /** Hands the table's rows (header first) to `sink` once more, in order. */
  reread(sink: TableSink, afterChunk?: () => Promise<void>): Promise<void>;
}

export interface StreamOptions {
  sheet?: string;
  range?: CellRange;
  /** Rows read so far (for the progress line). */
  onRow?: (done: number) => void;
  /** The rows are read: the analysis of `rows` data rows begins. */
  onAnalyse?: (rows: number) => void;
}

/**
 * An upper bound of a CSV's records: its line-end bytes, plus one (a quoted line end only joins
 * lines). The columns are made this long before the rows come.
 */
async function recordBound(file: string, display: string): Promise<number> {
  let count = 1;
  let h: fs.FileHandle | null = null;
  try {
    h = await fs.open(file, 'r');
    const buf = Buffer.allocUnsafe(1 << 20);
    let last = -1;
    for (;;) {
      const { bytesRead } = await h.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      const b = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      // CR, LF and CRLF each end one record.
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) if (!(i === 0 ? last === 13 : b[i - 1] === 13)) count++;
      for (let i = b.indexOf(13); i !== -1; i = b.indexOf(13, i + 1)) count++;
      last = b[bytesRead - 1];
    }
  } catch (e) {
    throw inputError('unreadable', { file: display, reason: reasonOf(e) });
  } finally {
    await h?.close();
  }
  return count;
}

/** Reads a CSV into the analysis `start` makes; returns the input and the result. */
export async function analyzeCsv(
  abs: string,
  file: string,
  opts: StreamOptions,
  start: StartAnalysis,
): Promise<{ input: StreamedInput; result: AnalysisResult }> {
  const capacity = await recordBound(abs, file);
  let format: CsvFormat | undefined;
  let range = opts.range;
  for (;;) {
    let run: AnalysisRun | null = null;
    // A problem with the header (no header, a mapped column missing) is told after the file's
    // own problems (empty, nothing in the range), as when the whole table was read first.
    let problem: { error: unknown } | null = null;
    let finder: TableFinder | null = null;
    const sink: TableSink = {
      header(cells) {
        try {
          run = start(cells, capacity);
        } catch (e) {
          problem = { error: e };
        }
      },
      rows(rows, count) {
        (run as AnalysisRun | null)?.add(rows, count);
      },
    };
    format = await streamCsv(abs, file, { sheet: opts.sheet, encoding: format?.encoding }, () => {
      const f = (finder = new TableFinder(sink, range, ''));
      run = null;
      problem = null;
      let r = 0;
      return (fields) => {
        f.row(++r, fields);
        if (opts.onRow && (r & 4095) === 0) opts.onRow(r);
      };
    });
    const found: FoundTable = (finder as TableFinder | null)?.end() ?? { range: null, dataRows: 0, misplaced: false, anyCell: false };
    if (!found.range) throw inputError('emptyFile', { file });
    if (opts.range && !found.anyCell) throw inputError('emptyRange', { file, range: formatRange(opts.range) });
    if (found.misplaced) {
      // A cell left of the header's first: the table starts further left. Read it again.
      range = found.range;
      continue;
    }
    const failed = problem as { error: unknown } | null;
    if (failed) throw failed.error;
    const done = run as AnalysisRun | null;
    if (!done) throw new Error('The table has no header row');
    opts.onAnalyse?.(found.dataRows);
    const result = done.finish(found.dataRows);
    const tableRange = found.range;
    const known = format;
    const input: StreamedInput = {
      path: abs,
      display: file,
      kind: 'csv',
      sheetName: sheetNameFor(abs),
      range: tableRange,
      reread: async (out, afterChunk) => {
        const again = new TableFinder(out, tableRange, '');
        let r = 0;
        await streamCsv(abs, file, { encoding: known.encoding, afterChunk }, () => (fields) => again.row(++r, fields));
        again.end();
      },
    };
    return { input, result };
  }
}

/** The whole table of a streamed input (the header row, then the data rows, as wide as the range). */
export async function tableOf(input: StreamedInput): Promise<Cell[][]> {
  const table: Cell[][] = [];
  await input.reread({
    header: (cells) => table.push(cells.slice()),
    rows: (rows, count) => {
      for (let k = 0; k < count; k++) table.push(rows[k].slice());
    },
  });
  const width = input.range.right - input.range.left + 1;
  for (let r = table.length; r <= input.range.bottom - input.range.top; r++) table.push(new Array<Cell>(width).fill(''));
  return table;
}

export const isStreamed = (input: InputTable | StreamedInput): input is StreamedInput => 'reread' in input;
