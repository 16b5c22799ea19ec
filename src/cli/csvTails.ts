/**
 * --format csv of a large UTF-8 CSV on two cores: while this thread copies the input's lines and
 * writes the output cells of the rows in order, a worker thread writes the output cells of the
 * rows from the last one back, into memory both share, a block of rows at a time. Where the two
 * meet, each has written about half; this thread copies the worker's bytes for the rows the
 * worker has done. Both write a row with the same tailWriter, so the bytes are the same whichever
 * wrote it (and a worker that fails or is slow only leaves more rows to this thread).
 *
 * The worker is given the rows as codes (rowCodes.ts).
 */
import type { labels, Locale } from '../domain';
import { transferables, type RowCodes } from './rowCodes';
import { meetingControl, MeetingWorker, workBack } from './worker';
import { commaAscii, commaInt, commaNumber, NUMBER_BYTES, putBytes, tailWriter, type TailOut } from './writeCsv';

/** Rows from which a worker is worth starting. */
export const TAILS_FROM_ROWS = 50_000;
/** Rows the worker writes between two looks at where this thread is. */
export const TAILS_BLOCK = 1024;
const BLOCK = TAILS_BLOCK;
/** Bytes of shared memory per row coded (a row of Chinese labels takes about 150, one with issues more; memory not written to is not taken). Rows past it are left to this thread. */
const BYTES_PER_ROW = 512;

export interface TailRequest {
  columns: labels.OutputColumn[];
  locale: Locale;
  /** The data rows (a skipped empty row has none: blank cells). */
  codes: RowCodes;
  /** Shared: the bytes, each row's [start, end) in them, and the meeting's ints (worker.ts). */
  bytes: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  ctrl: Int32Array;
}

class Full extends Error {}

/** The worker's output: the shared memory, from `pos` on. */
class SharedOut implements TailOut {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  put(src: Uint8Array): void {
    const n = src.length;
    if (this.pos + n > this.bytes.length) throw new Full();
    this.pos = putBytes(this.bytes, this.pos, src);
  }

  commaInt(v: number): void {
    if (this.pos + 18 > this.bytes.length) throw new Full();
    this.pos = commaInt(this.bytes, this.pos, v);
  }

  commaNumber(v: number): void {
    if (this.pos + NUMBER_BYTES > this.bytes.length) throw new Full();
    this.pos = commaNumber(this.bytes, this.pos, v);
  }

  commaAscii(s: string): void {
    if (this.pos + s.length + 1 > this.bytes.length) throw new Full();
    this.pos = commaAscii(this.bytes, this.pos, s);
  }
}

/** The worker's side: the rows' output cells, block by block from the last, until it meets this thread. */
export function makeTails(req: TailRequest): void {
  const write = tailWriter(req.columns, req.locale);
  const out = new SharedOut(req.bytes);
  const { ctrl, starts, ends } = req;
  const { first } = req.codes;
  const rows = first + req.codes.rows;
  const coded = write.coded(req.codes);
  workBack(ctrl, Math.ceil(rows / BLOCK) - 1, first / BLOCK, (b) => {
    const last = Math.min(rows, (b + 1) * BLOCK);
    try {
      for (let j = b * BLOCK; j < last; j++) {
        starts[j] = out.pos;
        coded(out, j - first);
        ends[j] = out.pos;
      }
    } catch (e) {
      // Out of shared memory: the rows from here on are left to the other thread.
      if (e instanceof Full) return false;
      throw e;
    }
    return true;
  });
}

/** This thread's side: the rows the worker has written. */
export class Tails {
  private block = -1;
  private ready = false;
  private readonly worker: MeetingWorker;
  /** Settles when the worker has ended (its rows written, or stopped). */
  readonly ended: Promise<void>;

  private constructor(private readonly req: TailRequest) {
    this.worker = new MeetingWorker('csvTailWorker', req, transferables(req.codes));
    this.ended = this.worker.ended;
  }

  /**
   * A worker for the output cells of the later of `rows` data rows, coded by `later` (from
   * laterFrom(rows, TAILS_BLOCK) on; null: they cannot be coded), or null to do without it (no
   * memory to share, no thread).
   */
  static start(rows: number, later: () => RowCodes | null, columns: labels.OutputColumn[], locale: Locale): Tails | null {
    try {
      return Tails.make(rows, later, columns, locale);
    } catch {
      return null;
    }
  }

  private static make(rows: number, later: () => RowCodes | null, columns: labels.OutputColumn[], locale: Locale): Tails | null {
    if (rows === 0) return null;
    const codes = later();
    if (!codes) return null;
    const req: TailRequest = {
      columns,
      locale,
      codes,
      bytes: new Uint8Array(new SharedArrayBuffer(codes.rows * BYTES_PER_ROW)),
      starts: new Int32Array(new SharedArrayBuffer(4 * rows)),
      ends: new Int32Array(new SharedArrayBuffer(4 * rows)),
      ctrl: meetingControl(Math.ceil(rows / BLOCK)),
    };
    return new Tails(req);
  }

  /** Copies data row j's output cells (as the worker wrote them) to `out`; false when it has not. */
  write(out: { raw(bytes: Uint8Array, start: number, end: number): void }, j: number): boolean {
    const b = (j / BLOCK) | 0;
    if (b !== this.block) {
      this.block = b;
      this.ready = this.worker.reached(b);
    }
    if (!this.ready) return false;
    out.raw(this.req.bytes, this.req.starts[j], this.req.ends[j]);
    return true;
  }

  stop(): void {
    this.worker.stop();
  }
}
