/**
 * The digits of --format csv's two fractional output numbers (the share and the loyalty score),
 * made by a worker thread while this one writes the lines: String of a full double was the
 * largest part of writing a million rows, and the second core was idle. The worker writes each
 * number's String, as ASCII, into memory both threads share, and says how many rows are done; a
 * row the worker has not reached yet is written here as before, so this thread never waits and
 * the bytes are those String gives either way.
 */
import { startWorker } from './worker';

/** Rows from which a worker is worth starting. */
export const DIGITS_FROM_ROWS = 50_000;

/** What the worker is given: the numbers, and the memory it writes into. */
export interface DigitsRequest {
  /** For each column, the values by data row (NaN where `has` is 0). */
  values: Float64Array[];
  has: Uint8Array[];
  /** ASCII digits, number after number (row by row, columns in order). */
  bytes: Uint8Array;
  /** Where each number's digits end in `bytes` (row × columns + column). */
  ends: Int32Array;
  /** [rows done]. */
  done: Int32Array;
}

/** The longest String of a double ("-0.0000012345678901234567" has 25 characters). */
const MOST = 25;

/** The worker's side: every row's digits, then the count of rows done, a block of rows at a time. */
export function makeDigits(req: DigitsRequest): void {
  const { values, has, bytes, ends, done } = req;
  const cols = values.length;
  const rows = cols ? values[0].length : 0;
  let at = 0;
  for (let j = 0; j < rows; j++) {
    for (let c = 0; c < cols; c++) {
      if (has[c][j]) {
        const s = String(values[c][j]);
        for (let i = 0; i < s.length; i++) bytes[at++] = s.charCodeAt(i);
      }
      ends[j * cols + c] = at;
    }
    if ((j & 1023) === 1023) Atomics.store(done, 0, j + 1);
  }
  Atomics.store(done, 0, rows);
}

/** This thread's side: the digits of (row, column) once the worker has made them. */
export class Digits {
  private readonly req: DigitsRequest;
  private ready = 0;
  private readonly stopWorker: () => void;
  private readonly cols: number;
  /** Settles when the worker has ended (its rows all made, or stopped). */
  readonly ended: Promise<void>;

  private constructor(values: Float64Array[], has: Uint8Array[]) {
    const rows = values[0].length;
    const cols = (this.cols = values.length);
    this.req = {
      values,
      has,
      bytes: new Uint8Array(new SharedArrayBuffer(rows * cols * MOST)),
      ends: new Int32Array(new SharedArrayBuffer(4 * rows * cols)),
      done: new Int32Array(new SharedArrayBuffer(4)),
    };
    const worker = startWorker('csvDigitsWorker', this.req);
    worker.unref();
    // A worker that fails leaves the rows to this thread (done stays where it was).
    worker.on('error', () => undefined);
    this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.stopWorker = () => void worker.terminate();
  }

  /** A worker for these columns (values by data row, NaN with has 0 where there is none). */
  static start(values: Float64Array[], has: Uint8Array[]): Digits | null {
    if (values.length === 0 || values[0].length === 0) return null;
    try {
      return new Digits(values, has);
    } catch {
      return null;
    }
  }

  /**
   * Writes ',' and the digits of row j's column c to `out`; false (nothing written) when the
   * worker has not reached the row yet.
   */
  write(out: { commaBytes(bytes: Uint8Array, start: number, end: number): void }, j: number, c: number): boolean {
    if (j >= this.ready) {
      this.ready = Atomics.load(this.req.done, 0);
      if (j >= this.ready) return false;
    }
    const k = j * this.cols + c;
    const ends = this.req.ends;
    out.commaBytes(this.req.bytes, k === 0 ? 0 : ends[k - 1], ends[k]);
    return true;
  }

  stop(): void {
    this.stopWorker();
  }
}
