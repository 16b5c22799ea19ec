/**
 * `portfolio-matrix analyze`: read each file, analyse it with the domain, write the chosen
 * format. Several files are months in order: each result is the previous period of the next
 * (and, with --reuse-cuts, its cut values are the next month's fixed cuts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { analyze, frozenCutModes, isAnalysisError, startAnalysis, type AnalysisResult, type Locale, type PreviousPeriod, type SavedCuts } from '../domain';
import { CliError, inputError, reasonOf, usageError } from './errors';
import { formatTable } from './formatTable';
import { loadConfig } from './loadConfig';
import { msg } from './messages';
import type { AnalyzeArgs, Format } from './options';
import { previousFromResult, readPrevious } from './previous';
import { createProgress, LARGE_INPUT_ROWS } from './progress';
import { readInput, sniffInput, withoutOutputColumns, type InputTable } from './readInput';
import { fileSink, writerSink, type ByteWriter, type Sink, type TextWriter } from './sink';
import { analyzeCsv, analyzeXlsx, isStreamed, tableOf, type StartAnalysis, type StreamedInput } from './streamInput';
import { ByteOut, copyRecords, csvWriter, writeCsv } from './writeCsv';
import { TAILS_FROM_ROWS } from './csvTails';
import { JSON_ROWS_FROM } from './jsonRows';
import { endSpareWorkers, prestartWorker } from './worker';
import { writeJson } from './writeJson';
import { loadXlsxWriter, writeXlsx, type XlsxWriter } from './writeXlsx';

export interface CliIo {
  stdout: TextWriter;
  /** Standard output again, when it takes the output's UTF-8 bytes as they are (the real process's). */
  stdoutBytes?: ByteWriter;
  stderr: TextWriter;
  /** Whether standard output is a terminal (chooses the default format). */
  isTTY: boolean;
  /** Whether standard error is a terminal (progress is drawn only there). */
  stderrIsTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Today as YYYY-MM-DD; the local date when not given (tests fix it). */
  today?: string;
  /** The annotated-workbook writer; loaded from src/xlsx when not given (tests inject one). */
  xlsxWriter?: XlsxWriter | null;
}

/** The language messages are in; updated once the configuration is known. */
export interface MessageContext {
  locale: Locale;
}

const EXTENSIONS: Record<Format, string> = { json: 'json', csv: 'csv', xlsx: 'xlsx', table: 'txt' };

export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The format: as given; else from --out's extension; xlsx for --out-dir; table on a terminal, else json. */
export function resolveFormat(args: AnalyzeArgs, isTTY: boolean): Format {
  if (args.format) return args.format;
  if (args.outDir !== undefined) return 'xlsx';
  if (args.out !== undefined) {
    const ext = path.extname(args.out).toLowerCase();
    if (ext === '.xlsx') return 'xlsx';
    if (ext === '.csv') return 'csv';
    if (ext === '.txt') return 'table';
    return 'json';
  }
  return isTTY ? 'table' : 'json';
}

interface Target {
  abs: string;
  display: string;
}

function targetFor(file: string, args: AnalyzeArgs, format: Format, cwd: string): Target | null {
  if (args.out !== undefined) return { abs: path.resolve(cwd, args.out), display: args.out };
  if (args.outDir === undefined) return null;
  const name = `${path.basename(file, path.extname(file))}.annotated.${EXTENSIONS[format]}`;
  const display = path.join(args.outDir, name);
  return { abs: path.resolve(cwd, display), display };
}

/** Whether two paths name the same existing file (same device and inode, so links count too). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function tableError(file: string, e: unknown): unknown {
  if (isAnalysisError(e)) return new CliError(1, (l) => msg(l, 'inTable', { file, message: e.localized(l) }));
  return e;
}

async function withSink(target: Target | null, io: CliIo, body: (sink: Sink) => Promise<void>): Promise<void> {
  const sink = target ? await fileSink(target.abs, target.display) : writerSink(io.stdout, io.stdoutBytes);
  try {
    await body(sink);
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

export async function runAnalyze(args: AnalyzeArgs, io: CliIo, envLocale: Locale, ctx: MessageContext): Promise<void> {
  const format = resolveFormat(args, io.isTTY);
  const run = await loadConfig(args, io.cwd, envLocale);
  ctx.locale = run.locale;
  const locale = run.locale;

  const targets = args.files.map((f) => targetFor(f, args, format, io.cwd));
  for (let i = 0; i < args.files.length; i++) {
    const t = targets[i];
    if (!t) continue;
    for (const protectedFile of [args.files[i], args.previous, args.config]) {
      if (protectedFile !== undefined && (await sameFile(t.abs, path.resolve(io.cwd, protectedFile)))) {
        throw inputError('overwriteInput', { file: protectedFile });
      }
    }
  }
  if (args.outDir !== undefined) {
    try {
      await fs.mkdir(path.resolve(io.cwd, args.outDir), { recursive: true });
    } catch (e) {
      throw inputError('writeFailed', { file: args.outDir, reason: reasonOf(e) });
    }
  }

  // PORTFOLIO_MATRIX_THREADS=1: no worker threads (a machine shared with other work).
  const threads = io.env.PORTFOLIO_MATRIX_THREADS;
  if (threads !== undefined && threads !== '' && threads !== '1' && threads !== '2') throw usageError('badThreads', { text: threads });
  const oneThread = threads === '1';
  const progress = createProgress(io.stderr, io.stderrIsTTY === true);
  const today = io.today ?? localToday();
  let writer: XlsxWriter | null | undefined = io.xlsxWriter;
  try {
    let previous: PreviousPeriod | undefined;
    let previousCuts: SavedCuts | null = null;
    if (args.previous !== undefined) {
      const p = await readPrevious(args.previous, io.cwd, run);
      previous = p.period;
      previousCuts = p.cuts;
      if (args.reuseCuts && !previousCuts) throw inputError('previousNoCuts', { file: args.previous });
    }
    for (let i = 0; i < args.files.length; i++) {
      const file = args.files[i];
      // Month one of a batch without --previous has no cuts to reuse: it computes its own.
      const reusedFrom = args.reuseCuts && previous && previousCuts ? previous.source : null;
      const config = reusedFrom && previousCuts ? { ...run.config, ...frozenCutModes(previousCuts) } : run.config;
      const onRead = (done: number) => {
        if (done >= LARGE_INPUT_ROWS) progress.count(msg(locale, 'progressReading', { file, rows: done.toLocaleString(locale) }));
      };
      let kind: 'csv' | 'xlsx' | undefined;
      const onAnalyse = (rows: number) => {
        if (rows > LARGE_INPUT_ROWS) progress.count(msg(locale, 'progressAnalysing', { rows: rows.toLocaleString(locale) }));
        // The output's worker thread starts while this one analyses (see prestartWorker).
        if (!oneThread && format === 'json' && rows >= JSON_ROWS_FROM) prestartWorker('jsonRowsWorker');
        if (!oneThread && format === 'csv' && kind === 'csv' && rows >= TAILS_FROM_ROWS) prestartWorker('csvTailWorker');
      };
      const options = previous ? { today, previous } : { today };
      const abs = path.resolve(io.cwd, file);
      let input: InputTable | StreamedInput;
      let result: AnalysisResult;
      // The file goes into the engine's columns a block of rows at a time; exceljs reads the
      // workbooks the streaming reader leaves to it (see xlsxStream.ts).
      const start: StartAnalysis = (header, capacity) => startAnalysis(header, config, options, run.overrides, capacity, true);
      // A large CSV is read in two parts at once; the second thread starts the same analysis (csvParts.ts).
      const parts = oneThread ? undefined : { config, overrides: run.overrides, today };
      // CSV and JSON are written from the result's columns (resultColumns): no million row records made.
      const lazyRows = format === 'csv' || format === 'json';
      const streamOptions = { sheet: args.sheet, range: args.range, onRow: onRead, onAnalyse, parts, lazyRows };
      let streamed: { input: StreamedInput; result: AnalysisResult } | null;
      try {
        kind = await sniffInput(abs, file);
        streamed = kind === 'csv' ? await analyzeCsv(abs, file, streamOptions, start) : await analyzeXlsx(abs, file, streamOptions, start);
      } catch (e) {
        throw tableError(file, e);
      }
      if (streamed) ({ input, result } = streamed);
      else {
        const table = withoutOutputColumns(await readInput(file, io.cwd, { sheet: args.sheet, range: args.range, onRow: onRead }));
        input = table;
        onAnalyse(table.table.length - 1);
        try {
          result = analyze(table.table, config, options, run.overrides);
        } catch (e) {
          throw tableError(file, e);
        }
      }
      const rows = input.range.bottom - input.range.top;
      const large = rows > LARGE_INPUT_ROWS;
      const target = targets[i];
      const onRow = large
        ? (done: number) => progress.bar(msg(locale, 'progressWriting', { file: target?.display ?? '-' }), done, rows)
        : undefined;
      if (large) onRow?.(0);
      if (format === 'xlsx') {
        if (!target) throw inputError('xlsxUnavailable');
        if (writer === undefined) writer = await loadXlsxWriter();
        // The writer replaces the target in one step (it writes a temporary file and renames it).
        // A CSV's copy is a new workbook of its table (read again); a workbook's copy is patched from its file.
        const source = isStreamed(input) ? { ...input, table: input.kind === 'csv' ? await tableOf(input) : [] } : input;
        await writeXlsx(source, result, locale, target.abs, target.display, writer, reusedFrom, oneThread);
      } else {
        await emitText(format, input, result, locale, target, io, onRow, reusedFrom, oneThread);
      }
      progress.end();
      endSpareWorkers();
      // This month is the next file's last period (a batch); the last file has no next.
      if (i + 1 < args.files.length) {
        previous = previousFromResult(result, path.basename(file));
        previousCuts = { share: result.cuts.share.value, loyalty: result.cuts.loyalty.value };
      }
    }
  } finally {
    progress.end();
    endSpareWorkers();
  }
}

async function emitText(
  format: Exclude<Format, 'xlsx'>,
  input: InputTable | StreamedInput,
  result: AnalysisResult,
  locale: Locale,
  target: Target | null,
  io: CliIo,
  onRow?: (done: number) => void,
  cutsReusedFrom: string | null = null,
  oneThread = false,
): Promise<void> {
  await withSink(target, io, async (sink) => {
    if (format === 'json') await writeJson(result, sink, onRow, oneThread ? Infinity : undefined);
    else if (format === 'csv') {
      if (isStreamed(input)) await rewriteCsv(input, result, locale, sink, onRow, oneThread);
      else await writeCsv(input.table, result, locale, sink, onRow);
    }
    else await sink.write(formatTable(result, input.display, locale, cutsReusedFrom));
  });
}

/** --format csv of a streamed input: its rows read again, written with their output cells as they come. */
async function rewriteCsv(input: StreamedInput, result: AnalysisResult, locale: Locale, sink: Sink, onRow?: (done: number) => void, oneThread = false): Promise<void> {
  const rows = input.range.bottom - input.range.top;
  if (input.rereadBytes) {
    // A UTF-8 CSV: its plain lines are copied as bytes (csvBytes.ts; copyRecords decides which).
    const bytes = new ByteOut();
    const drainBytes = () => bytes.drainTo(sink);
    const writer = csvWriter(result, locale, rows, bytes, onRow, oneThread ? Infinity : undefined);
    await input.rereadBytes(copyRecords(writer, input.range, ',', input.plainWidths), drainBytes);
    writer.end();
    await drainBytes();
    return;
  }
  const pieces: string[] = [];
  const drain = async () => {
    for (const p of pieces.splice(0)) await sink.write(p);
  };
  const writer = csvWriter(result, locale, rows, (text) => pieces.push(text), onRow);
  if (input.rereadRecords) await input.rereadRecords((delimiter) => copyRecords(writer, input.range, delimiter), drain);
  else await input.reread(writer, drain);
  writer.end();
  await drain();
}
