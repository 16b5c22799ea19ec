/**
 * A large CSV read in two parts at once, on the machine's two cores: this thread reads the first
 * half of the file into the analysis while a worker thread (csvPartWorker.ts) reads the second
 * half into columns of its own, which are then appended (AnalysisRun.absorb). Reading the text
 * into columns is most of a large file's analysis; the result is exactly that of one reading.
 *
 * The file is cut at a line end near its middle, which is a record's end only when no field is
 * quoted (a quoted field may hold line ends): so a file with any quote, or that is not UTF-8,
 * a --range, or a small file are read in one, as are files where anything goes otherwise than
 * plainly (the worker fails, the header is in the second half, a row has a cell left of the
 * header's): the caller reads them again in one, which gives the same answer and the same
 * messages as ever.
 */
import { cellKinds, startAnalysis, type AnalysisConfig, type Cell, type CellKind, type ColumnsPart, type Field } from '../domain';
import { streamTyped, TypedRecords } from './csvTyped';
import { TableFinder, type FoundPart, type TableSoFar } from './tableStream';
import { startWorker } from './worker';
import type { LineCount } from './lineCount';

/** Files from this size are read in two parts (below it a worker's start-up costs more than it saves). */
export const PARTS_FROM_BYTES = 8 << 20;

/** What the worker needs to start the same analysis (the configuration is plain data). */
export interface PartAnalysis {
  config: AnalysisConfig;
  overrides?: Partial<Record<Field, string | string[]>>;
  today: string;
}

/** Where the file is cut: the byte after a line end, and the records before it. */
export interface Cut {
  offset: number;
  records: number;
  /** The file's size in bytes. */
  size: number;
}

/** Where the worker reads: the part of the file it counts the line ends of at once. */
export interface PartInit {
  file: string;
  display: string;
  start: number;
  end: number;
}

/** What the worker is told once this thread has found the header: how to read its part. */
export interface PartGo {
  kind: 'go';
  delimiter: string;
  soFar: TableSoFar;
  header: Cell[];
  analysis: PartAnalysis;
  capacity: number;
  /** plainWidths of the whole file (StreamedInput.plainWidths), shared: the worker fills its records'. */
  widths: Int32Array;
}

/** The worker's answers. */
export type PartReply =
  | { kind: 'counted'; count: LineCount }
  | { kind: 'progress'; rows: number }
  | { kind: 'done'; found: FoundPart; part: ColumnsPart; clean: boolean }
  | { kind: 'failed'; message: string };

type FinalReply = Extract<PartReply, { kind: 'done' | 'failed' }>;

/** The kinds of a record's columns, for a header from record column `from` whose columns have `kinds`. */
export function recordKinds(from: number, kinds: CellKind[]): CellKind[] {
  return [...new Array<CellKind>(from).fill('unread'), ...kinds];
}

/**
 * The worker's side, once it has counted its part (csvPartWorker.ts) and been told how: reads
 * bytes [start, end) on from where the first part's table stands.
 */
export async function readLaterPart(init: PartInit, req: PartGo, post: (reply: PartReply, transfer?: ArrayBuffer[]) => void): Promise<void> {
  try {
    const a = req.analysis;
    const run = startAnalysis(req.header, a.config, { today: a.today }, a.overrides, req.capacity, true);
    const finder = TableFinder.continuing(
      {
        header() {
          throw new Error('a later part has no header');
        },
        rows: (rows, count) => run.add(rows, count),
      },
      req.soFar,
      '',
    );
    const widths = req.widths;
    let r = req.soFar.lastRow;
    let n = 0;
    const kinds = recordKinds(req.soFar.from, cellKinds(run.mapping, req.header.length));
    const format = await streamTyped(init.file, init.display, { start: init.start, end: init.end, delimiter: req.delimiter }, (d) => {
      const typed = new TypedRecords(d.charCodeAt(0), {
        row(cells, width) {
          widths[++r] = width;
          finder.row(r, cells);
          if ((++n & 65535) === 0) post({ kind: 'progress', rows: n });
        },
      });
      typed.setKinds(kinds);
      return typed;
    });
    const found = finder.partEnd();
    const part = run.part();
    // The columns' bytes are handed over, not copied.
    const transfer = new Set<ArrayBuffer>();
    for (const a of [...Object.values(part.numbers), ...Object.values(part.codes), ...Object.values(part.texts).map((t) => t?.lengths)]) if (a && a.buffer instanceof ArrayBuffer) transfer.add(a.buffer);
    post({ kind: 'done', found, part, clean: format.clean }, [...transfer]);
  } catch (e) {
    post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}

/** The worker reading the later part. */
export interface LaterPart {
  /** Its part's line ends and quotes; null when the worker failed. */
  counted: Promise<LineCount | null>;
  /** Tells it to read its part (once its count is in and the header is found). */
  go(req: Omit<PartGo, 'kind'>): void;
  /** Its reply; settles (never rejects) with done or failed. */
  result: Promise<FinalReply>;
  /** Told the rows it has read so far, as it goes. */
  onProgress: (rows: number) => void;
  stop(): void;
}

/** Starts the worker (csvPartWorker.ts) on bytes [start, end): it counts them at once. */
export function startLaterPart(init: PartInit): LaterPart {
  const worker = startWorker('csvPartWorker', init);
  let stopped = false;
  let onCounted: (c: LineCount | null) => void = () => undefined;
  const counted = new Promise<LineCount | null>((resolve) => (onCounted = resolve));
  const result = new Promise<FinalReply>((resolve) => {
    const end = (reply: FinalReply) => {
      onCounted(null);
      resolve(reply);
    };
    worker.on('message', (m: PartReply) => {
      if (m.kind === 'counted') onCounted(m.count);
      else if (m.kind === 'progress') later.onProgress(m.rows);
      else end(m);
    });
    worker.on('error', (e) => end({ kind: 'failed', message: e.message }));
    worker.on('exit', () => end({ kind: 'failed', message: stopped ? 'stopped' : 'the worker ended without an answer' }));
  });
  const later: LaterPart = {
    counted,
    result,
    onProgress: () => undefined,
    go: (req) => worker.postMessage({ kind: 'go', ...req } satisfies PartGo),
    stop() {
      stopped = true;
      void worker.terminate();
    },
  };
  return later;
}
