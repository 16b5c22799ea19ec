/**
 * Reading an input file into the analysis as a stream: the rows go from the file into the
 * engine's columns a block at a time (startAnalysis), never all held as text or as a grid of
 * strings; the outputs that need the input's cells again (CSV, a CSV's workbook) read it a second
 * time. The table, its range and every message are those of readInput.
 */
import { promises as fs } from 'node:fs';
import { cellKinds, type AnalysisResult, type AnalysisRun, type Cell, type CellKind, type ColumnsPart } from '../domain';
import { streamCsvBytes, type ByteRecordSink } from './csvBytes';
import { streamCsv, type CsvFormat } from './csvStream';
import { PARTS_FROM_BYTES, recordKinds, startLaterPart, type Cut, type LaterPart, type PartAnalysis } from './csvParts';
import { NotPlain, plainWidth, streamTyped, TypedRecords } from './csvTyped';
import { countLines, findCut } from './lineCount';
import { inputError, reasonOf } from './errors';
import { formatRange, type CellRange } from './range';
import type { RecordSink } from './readCsv';
import { readBytes, sheetNameFor, type InputTable } from './readInput';
import { TableFinder, type FoundPart, type FoundTable, type TableSink } from './tableStream';
import { countRows, rowBound, openBook, scanSheet, Unsupported, type SheetInfo, type XlsxBook } from './xlsxStream';

/** What startAnalysis needs besides the header and the row count. */
export type StartAnalysis = (header: readonly Cell[], capacity: number) => AnalysisRun;

/** An input read as a stream: where its table is and how to read its rows again. */
export interface StreamedInput extends Omit<InputTable, 'table'> {
  /** Hands the table's rows (header first) to `sink` once more, in order. */
  reread(sink: TableSink, afterChunk?: () => Promise<void>): Promise<void>;
  /**
   * A CSV's records once more, as its reader gives them (a record without quotes as its text):
   * the CSV writer copies such a line rather than splitting and joining it. `make` is given the
   * file's delimiter; `end` is called after the last record.
   */
  rereadRecords?(make: (delimiter: string) => RecordSink & { end(): void }, afterChunk?: () => Promise<void>): Promise<void>;
  /**
   * A comma-separated UTF-8 CSV's records once more, a record without quotes as its bytes
   * (csvBytes.ts); absent when the file is not such a CSV.
   */
  rereadBytes?(sink: ByteRecordSink & { end(): void }, afterChunk?: () => Promise<void>): Promise<void>;
  /**
   * With rereadBytes: for each record (1-based, as the reader counts them), its number of fields
   * when none begins or ends with a space (so each is written as it is), else -1. The first pass
   * saw every field as a string; the second, on bytes, need not look at them again.
   */
  plainWidths?: Int32Array;
  /** The CSV was read in two parts at once (csvParts.ts). */
  readInParts?: boolean;
}

export interface StreamOptions {
  sheet?: string;
  range?: CellRange;
  /** Rows read so far (for the progress line). */
  onRow?: (done: number) => void;
  /** The rows are read: the analysis of `rows` data rows begins. */
  onAnalyse?: (rows: number) => void;
  /**
   * The analysis `start` makes, as data: given, a large CSV is read in two parts at once (see
   * csvParts.ts), the second by a worker thread that starts the same analysis.
   */
  parts?: PartAnalysis;
  /** Files from this size are read in two parts (PARTS_FROM_BYTES; tests make it small). */
  partsFrom?: number;
  /** The result's row records are made only when read (AnalysisRun.finish): for an output written from its columns. */
  lazyRows?: boolean;
}

/**
 * An upper bound of a CSV's records: its line-end bytes, plus one (a quoted line end only joins
 * lines). The columns are made this long before the rows come. And whether it has a quote.
 */
async function recordBound(file: string, display: string): Promise<{ capacity: number; quoted: boolean }> {
  try {
    const count = await countLines(file, 0, Infinity);
    return { capacity: count.lineEnds + 1, quoted: count.quoted };
  } catch (e) {
    throw inputError('unreadable', { file: display, reason: reasonOf(e) });
  }
}

/** Where a CSV is cut in two, and the worker that reads the part after the cut. */
interface TwoParts {
  cut: Cut;
  later: LaterPart;
}

/**
 * For a CSV to be read in two parts (csvParts.ts): where it is cut and the worker, already
 * counting the line ends after the cut while this thread counts those before it, and the bound
 * of the records. Null to read it in one (small, no line end to cut at, or anything unexpected:
 * reading it in one says what).
 */
async function planParts(abs: string, cutFrom: number): Promise<{ capacity: number; quoted: boolean; two: TwoParts | null } | null> {
  let size: number;
  let at: number | null;
  try {
    size = (await fs.stat(abs)).size;
    if (size < cutFrom) return null;
    at = await findCut(abs, size);
  } catch {
    return null;
  }
  if (at === null) return null;
  let later: LaterPart;
  try {
    later = startLaterPart({ file: abs, display: abs, start: at, end: size });
  } catch {
    return null;
  }
  try {
    const mine = await countLines(abs, 0, at);
    const theirs = await later.counted;
    if (!theirs) throw new Error('the worker did not count');
    const capacity = mine.lineEnds + theirs.lineEnds + 1;
    // A quote anywhere: a line end may be inside a field, the cut may not be a record's end.
    if (mine.quoted || theirs.quoted) {
      later.stop();
      return { capacity, quoted: true, two: null };
    }
    return { capacity, quoted: false, two: { cut: { offset: at, records: mine.lineEnds, size }, later } };
  } catch {
    later.stop();
    return null;
  }
}

/** One reading of a table into an analysis: the rows go to `row`, then `end` says what was found. */
function attempt(range: CellRange | undefined, blank: Cell, capacity: number, start: StartAnalysis, onRow?: (done: number) => void) {
  let run: AnalysisRun | null = null;
  // A problem with the header (no header, a mapped column missing) is told after the file's own
  // problems (empty, nothing in the range), as when the whole table was read first.
  let problem: { error: unknown } | null = null;
  let headerCells: Cell[] | null = null;
  const finder = new TableFinder(
    {
      header(cells) {
        headerCells = cells.slice();
        try {
          run = start(cells, capacity);
        } catch (e) {
          problem = { error: e };
        }
      },
      rows(rows, count) {
        (run as AnalysisRun | null)?.add(rows, count);
      },
    },
    range,
    blank,
  );
  let n = 0;
  let anyData = false;
  return {
    row(r: number, cells: readonly Cell[]) {
      if (!anyData) anyData = cells.some((c) => c !== null && c !== undefined && c !== '');
      finder.row(r, cells);
      if (onRow && (++n & 4095) === 0) onRow(n);
    },
    /** Whether any cell of the rows (in the range or not) had a value. */
    anyData: () => anyData,
    /** Once the header is found (and the analysis started): it and where the table stands after record `lastRow`. */
    soFar(lastRow: number) {
      const at = finder.soFar(lastRow);
      return at && run && headerCells ? { soFar: at, header: headerCells } : null;
    },
    /**
     * Once the header is found (and the analysis started): the kinds of the records' columns
     * (cellKinds, from the record's first column), for a reader of the rows as bytes.
     */
    kinds(lastRow: number): CellKind[] | null {
      const at = finder.soFar(lastRow);
      const started = run as AnalysisRun | null;
      return at && started && headerCells ? recordKinds(at.from, cellKinds(started.mapping, headerCells.length)) : null;
    },
    /** A later part's rows (read by csvParts' worker) after record `lastRecord`. */
    absorb(found: FoundPart, part: ColumnsPart, lastRecord: number) {
      finder.absorb(found, lastRecord, () => (run as AnalysisRun | null)?.absorb(part));
    },
    end: () => finder.end(),
    /** The result, once the table is known to be readable as found. */
    finish(found: FoundTable, onAnalyse?: (rows: number) => void, lazyRows = false): AnalysisResult {
      const failed = problem as { error: unknown } | null;
      if (failed) throw failed.error;
      const done = run as AnalysisRun | null;
      if (!done) throw new Error('The table has no header row');
      onAnalyse?.(found.dataRows);
      return done.finish(found.dataRows, lazyRows);
    },
  };
}

type Attempt = ReturnType<typeof attempt>;

/**
 * The records of a CSV read as bytes (csvTyped.ts) into an attempt: each record's plainWidth into
 * `widths`, its cells into the attempt, whose header, once found, gives the columns' kinds.
 */
function typedInto(a: Attempt, widths: Int32Array, delimiter: string, then?: (r: number) => void): TypedRecords {
  let r = 0;
  let kinds = false;
  const typed = new TypedRecords(delimiter.charCodeAt(0), {
    row(cells, width) {
      widths[++r] = width;
      a.row(r, cells);
      if (!kinds) {
        const k = a.kinds(r);
        if (k) {
          typed.setKinds(k);
          kinds = true;
        }
      }
      then?.(r);
    },
  });
  return typed;
}

/**
 * A CSV read in two parts at once (csvParts.ts): this thread reads the records before the cut, a
 * worker those after it, and its rows are absorbed here. Null when the file is to be read in one
 * after all (anything but the plain case; reading it in one then gives the answer or message).
 */
async function readInTwo(
  abs: string,
  file: string,
  opts: StreamOptions,
  start: StartAnalysis,
  capacity: number,
  { cut, later: second }: TwoParts,
  analysis: PartAnalysis,
): Promise<{ a: Attempt; format: CsvFormat; widths: Int32Array } | null> {
  const widths = new Int32Array(new SharedArrayBuffer(4 * (capacity + 1)));
  let gone = false;
  let delimiter: string | null = null;
  let mainRows = 0;
  let laterRows = 0;
  const report = opts.onRow;
  second.onProgress = (n) => report?.(mainRows + (laterRows = n));
  const a = attempt(undefined, '', capacity, start, report && ((n) => report((mainRows = n) + laterRows)));
  let r = 0;
  let format: CsvFormat;
  try {
    // As bytes (csvTyped.ts); a file that cannot be is read in one, where it is read as text.
    if (opts.sheet !== undefined) throw new NotPlain();
    format = await streamTyped(abs, file, { end: cut.offset, onDelimiter: (d) => (delimiter = d) }, (d) =>
      typedInto(a, widths, d, (last) => {
        r = last;
        if (gone || delimiter === null) return;
        const at = a.soFar(cut.records);
        if (!at) return;
        gone = true;
        second.go({ delimiter, soFar: at.soFar, header: at.header, analysis, capacity: capacity - cut.records, widths });
      }),
    );
  } catch {
    // Read in one, the message (or the answer, for a file that is not UTF-8 after all) is as it always was.
    second.stop();
    return null;
  }
  if (!gone || r !== cut.records) {
    second.stop();
    return null;
  }
  const reply = await second.result;
  second.stop();
  if (reply.kind !== 'done') return null;
  a.absorb(reply.found, reply.part, cut.records);
  return { a, format: { ...format, clean: format.clean && reply.clean }, widths };
}

/** Reads a CSV into the analysis `start` makes; returns the input and the result. */
export async function analyzeCsv(
  abs: string,
  file: string,
  opts: StreamOptions,
  start: StartAnalysis,
): Promise<{ input: StreamedInput; result: AnalysisResult }> {
  const plan = opts.parts && !opts.range ? await planParts(abs, opts.partsFrom ?? PARTS_FROM_BYTES) : null;
  const { capacity, quoted } = plan ?? (await recordBound(abs, file));
  // A file without a quote is read as bytes (csvTyped.ts) unless that turns out not to be exact.
  const asBytes = !quoted && opts.sheet === undefined;
  let format: CsvFormat | undefined;
  let range = opts.range;
  let twoParts = plan?.two ?? null;
  for (;;) {
    let a: Attempt | null = null;
    let widths: Int32Array;
    const two = twoParts && opts.parts && (await readInTwo(abs, file, opts, start, capacity, twoParts, opts.parts));
    twoParts = null;
    if (two) ({ a, format, widths } = two);
    else {
      let current: Attempt | null = null;
      const w = (widths = new Int32Array(capacity + 1));
      if (asBytes && !range) {
        try {
          format = await streamTyped(abs, file, {}, (d) => typedInto((current = attempt(range, '', capacity, start, opts.onRow)), w, d));
        } catch (e) {
          if (!(e instanceof NotPlain)) throw e;
          current = null;
        }
      }
      if (!current) format = await streamCsv(abs, file, { sheet: opts.sheet, encoding: format?.encoding }, () => {
        const at = (current = attempt(range, '', capacity, start, opts.onRow));
        let r = 0;
        return (fields) => {
          w[++r] = plainWidth(fields);
          at.row(r, fields);
        };
      });
      a = current as Attempt | null;
    }
    const found: FoundTable = a ? a.end() : { range: null, dataRows: 0, misplaced: false, anyCell: false };
    if (!a || !found.range) throw inputError('emptyFile', { file });
    if (opts.range && !found.anyCell) throw inputError('emptyRange', { file, range: formatRange(opts.range) });
    if (found.misplaced) {
      // A cell left of the header's first: the table starts further left. Read it again.
      range = found.range;
      continue;
    }
    const result = a.finish(found, opts.onAnalyse, opts.lazyRows);
    const tableRange = found.range;
    const known = format;
    if (!known) throw new Error('analyzeCsv: the file was not read');
    const input: StreamedInput = {
      path: abs,
      display: file,
      kind: 'csv',
      readInParts: Boolean(two),
      sheetName: sheetNameFor(abs),
      range: tableRange,
      reread: async (out, afterChunk) => {
        const again = new TableFinder(out, tableRange, '');
        let r = 0;
        await streamCsv(abs, file, { encoding: known.encoding, afterChunk }, () => (fields) => again.row(++r, fields));
        again.end();
      },
      rereadRecords: async (make, afterChunk) => {
        const records = make(known.delimiter);
        await streamCsv(abs, file, { encoding: known.encoding, afterChunk }, () => records);
        records.end();
      },
    };
    if (known.clean && known.delimiter === ',') {
      input.rereadBytes = async (sink, afterChunk) => {
        await streamCsvBytes(abs, file, known.skip, sink, afterChunk);
        sink.end();
      };
      input.plainWidths = widths;
    }
    return { input, result };
  }
}

/** A sheet with more rows than its dimension said. */
class MoreRows extends Error {}

/**
 * Reads an .xlsx into the analysis `start` makes (the sheet chosen as readInput chooses it), or
 * null when the streaming reader leaves the file to exceljs (see xlsxStream.ts).
 */
export async function analyzeXlsx(
  abs: string,
  file: string,
  opts: StreamOptions,
  start: StartAnalysis,
): Promise<{ input: StreamedInput; result: AnalysisResult } | null> {
  let book: XlsxBook;
  try {
    book = await openBook(await readBytes(abs, file));
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  let candidates: SheetInfo[];
  if (opts.sheet !== undefined) {
    const wanted = opts.sheet;
    const ws = book.sheets.find((w) => w.name === wanted) ?? book.sheets.find((w) => w.name.toLowerCase() === wanted.toLowerCase());
    if (!ws) throw inputError('sheetNotFound', { file, sheet: wanted, sheets: book.sheets.map((w) => w.name).join(', ') });
    candidates = [ws];
  } else {
    candidates = [...book.sheets.filter((w) => w.state === 'visible'), ...book.sheets.filter((w) => w.state !== 'visible')];
  }
  try {
    for (const ws of candidates) {
      // The sheet's dimension (or size) bounds its rows, as a rule; a sheet with more rows than
      // that is read again with its rows counted.
      const hint = await rowBound(book, ws.part);
      let capacity = hint ?? (await countRows(book, ws.part));
      let range = opts.range;
      for (;;) {
        const a = attempt(range, null, capacity, start, opts.onRow);
        let rows = 0;
        try {
          await scanSheet(book, ws.part, {
            row: (r, cells) => {
              if (++rows > capacity) throw new MoreRows();
              a.row(r, cells);
            },
          });
        } catch (e) {
          if (!(e instanceof MoreRows)) throw e;
          capacity = await countRows(book, ws.part);
          continue;
        }
        const found = a.end();
        if (!a.anyData()) {
          if (opts.sheet === undefined) break;
          if (!opts.range) throw inputError('emptySheet', { file, sheet: ws.name });
        }
        if (opts.range && !found.anyCell) throw inputError('emptyRange', { file, range: formatRange(opts.range) });
        if (!found.range) throw inputError('emptySheet', { file, sheet: ws.name });
        if (found.misplaced) {
          range = found.range;
          continue;
        }
        const result = a.finish(found, opts.onAnalyse, opts.lazyRows);
        const tableRange = found.range;
        const input: StreamedInput = {
          path: abs,
          display: file,
          kind: 'xlsx',
          sheetName: ws.name,
          range: tableRange,
          zip: book.zip,
          reread: async (out, afterChunk) => {
            const again = new TableFinder(out, tableRange, null);
            await scanSheet(book, ws.part, { row: (r, cells) => again.row(r, cells), afterChunk });
            again.end();
          },
        };
        return { input, result };
      }
    }
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  throw inputError('noSheetData', { file });
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
