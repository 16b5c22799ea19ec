/**
 * --format csv of a large UTF-8 CSV on two cores: while this thread copies the input's lines and
 * writes the output cells of the rows in order, a worker thread writes the output cells of the
 * rows from the last one back, into memory both share, a block of rows at a time. Where the two
 * meet, each has written about half; this thread copies the worker's bytes for the rows the
 * worker has done. Both write a row with the same tailWriter, so the bytes are the same whichever
 * wrote it (and a worker that fails or is slow only leaves more rows to this thread).
 *
 * The worker is given each row's values as typed arrays (codes for the labels), not the rows:
 * copying a million objects to a thread would cost more than it saves.
 */
import {
  CHURN_TYPES,
  QUADRANTS,
  RISKS,
  STAGES,
  labels,
  type FlagCode,
  type Locale,
  type RowIssue,
  type RowResult,
} from '../domain';
import { startWorker } from './worker';
import { tailWriter, type TailOut } from './writeCsv';

/** Rows from which a worker is worth starting. */
export const TAILS_FROM_ROWS = 50_000;
/** Rows the worker writes between two looks at where this thread is. */
const BLOCK = 1024;
/** Bytes of shared memory per row (a row of Chinese labels takes about 150; more rows are left here). */
const BYTES_PER_ROW = 256;
/** ctrl[DONE]: the lowest block the worker has finished (blocks from there on are written). */
const DONE = 0;
/** ctrl[HERE]: the block this thread is writing (the worker stops there). */
const HERE = 1;

export interface TailRequest {
  columns: labels.OutputColumn[];
  locale: Locale;
  rows: number;
  /** 1 where the data row has a result (a skipped empty row has none: blank cells). */
  present: Uint8Array;
  share: Float64Array;
  hasShare: Uint8Array;
  loyalty: Float64Array;
  hasLoyalty: Uint8Array;
  priority: Float64Array;
  hasPriority: Uint8Array;
  /** Indexes in QUADRANTS, STAGES, RISKS; churn type and previous quadrant 1 + index, 0 for none. */
  quadrant: Uint8Array;
  stage: Uint8Array;
  risk: Uint8Array;
  churn: Uint8Array;
  previous: Uint8Array;
  /** Index in flagLists of each row's flags. */
  flags: Uint16Array;
  flagLists: FlagCode[][];
  /** [data row, its issues] for the rows with any. */
  issues: [number, RowIssue[]][];
  /** Shared: the bytes, each row's [start, end) in them, and ctrl (DONE, HERE). */
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
    const b = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = src[i];
    this.pos = p;
  }

  commaAscii(s: string): void {
    const n = s.length;
    if (this.pos + n + 1 > this.bytes.length) throw new Full();
    const b = this.bytes;
    let p = this.pos;
    b[p++] = 44;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }
}

/** The worker's side: the rows' output cells, block by block from the last, until it meets this thread. */
export function makeTails(req: TailRequest): void {
  const write = tailWriter(req.columns, req.locale);
  const out = new SharedOut(req.bytes);
  const { ctrl, starts, ends } = req;
  const issues = new Map(req.issues);
  // A row as outputCellMaker reads it: its flag hits' codes (their evidence is not written) and
  // no stage reason, ids nor volume (not output cells).
  const hits = req.flagLists.map((codes) => codes.map((code) => ({ code, severity: 'HIGH', value: null })));
  const NO_ISSUES: RowIssue[] = [];
  const row = (j: number): RowResult | undefined => {
    if (!req.present[j]) return undefined;
    const previous = req.previous[j];
    const churn = req.churn[j];
    return {
      row: j + 1,
      clientId: null,
      clientName: null,
      volume: null,
      share: req.hasShare[j] ? req.share[j] : null,
      loyalty: req.hasLoyalty[j] ? req.loyalty[j] : null,
      quadrant: QUADRANTS[req.quadrant[j]],
      stage: STAGES[req.stage[j]],
      risk: RISKS[req.risk[j]],
      flags: req.flagLists[req.flags[j]],
      churnType: churn === 0 ? null : CHURN_TYPES[churn - 1],
      priority: req.hasPriority[j] ? req.priority[j] : null,
      previousQuadrant: previous === 0 ? null : QUADRANTS[previous - 1],
      issues: issues.get(j) ?? NO_ISSUES,
      flagHits: hits[req.flags[j]] as RowResult['flagHits'],
      stageReason: { kind: 'NO_DATA' } as unknown as RowResult['stageReason'],
    };
  };
  const blocks = Math.ceil(req.rows / BLOCK);
  try {
    for (let b = blocks - 1; b >= 0; b--) {
      if (b <= Atomics.load(ctrl, HERE)) break;
      const last = Math.min(req.rows, (b + 1) * BLOCK);
      for (let j = b * BLOCK; j < last; j++) {
        starts[j] = out.pos;
        write(out, row(j));
        ends[j] = out.pos;
      }
      Atomics.store(ctrl, DONE, b);
    }
  } catch (e) {
    // Out of shared memory: the rows from here on are left to the other thread.
    if (!(e instanceof Full)) throw e;
  }
}

const indexOf = <T extends string>(list: readonly T[]) => new Map<T, number>(list.map((x, i) => [x, i]));
const QUADRANT_AT = indexOf(QUADRANTS);
const STAGE_AT = indexOf(STAGES);
const RISK_AT = indexOf(RISKS);
const CHURN_AT = indexOf(CHURN_TYPES);

/** This thread's side: the rows the worker has written. */
export class Tails {
  private block = -1;
  private ready = false;
  private readonly stopWorker: () => void;
  /** Settles when the worker has ended (its rows written, or stopped). */
  readonly ended: Promise<void>;

  private constructor(private readonly req: TailRequest) {
    const worker = startWorker('csvTailWorker', req);
    worker.unref();
    // A worker that fails leaves its rows to this thread (DONE stays where it was).
    worker.on('error', () => undefined);
    this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.stopWorker = () => {
      Atomics.store(req.ctrl, HERE, 0x7fffffff);
      void worker.terminate();
    };
  }

  /** A worker for the output cells of these data rows (undefined: a skipped empty row). */
  static start(byRow: readonly (RowResult | undefined)[], columns: labels.OutputColumn[], locale: Locale): Tails | null {
    const rows = byRow.length;
    if (rows === 0) return null;
    const flagIds = new Map<readonly FlagCode[], number>();
    const flagLists: FlagCode[][] = [];
    const req: TailRequest = {
      columns,
      locale,
      rows,
      present: new Uint8Array(rows),
      share: new Float64Array(rows),
      hasShare: new Uint8Array(rows),
      loyalty: new Float64Array(rows),
      hasLoyalty: new Uint8Array(rows),
      priority: new Float64Array(rows),
      hasPriority: new Uint8Array(rows),
      quadrant: new Uint8Array(rows),
      stage: new Uint8Array(rows),
      risk: new Uint8Array(rows),
      churn: new Uint8Array(rows),
      previous: new Uint8Array(rows),
      flags: new Uint16Array(rows),
      flagLists,
      issues: [],
      bytes: new Uint8Array(new SharedArrayBuffer(rows * BYTES_PER_ROW)),
      starts: new Int32Array(new SharedArrayBuffer(4 * rows)),
      ends: new Int32Array(new SharedArrayBuffer(4 * rows)),
      ctrl: new Int32Array(new SharedArrayBuffer(8)),
    };
    req.ctrl[DONE] = Math.ceil(rows / BLOCK);
    req.ctrl[HERE] = -1;
    for (let j = 0; j < rows; j++) {
      const r = byRow[j];
      if (!r) continue;
      req.present[j] = 1;
      if (r.share !== null) {
        req.share[j] = r.share;
        req.hasShare[j] = 1;
      }
      if (r.loyalty !== null) {
        req.loyalty[j] = r.loyalty;
        req.hasLoyalty[j] = 1;
      }
      if (r.priority !== null) {
        req.priority[j] = r.priority;
        req.hasPriority[j] = 1;
      }
      req.quadrant[j] = QUADRANT_AT.get(r.quadrant) as number;
      req.stage[j] = STAGE_AT.get(r.stage) as number;
      req.risk[j] = RISK_AT.get(r.risk) as number;
      req.churn[j] = r.churnType === null ? 0 : 1 + (CHURN_AT.get(r.churnType) as number);
      req.previous[j] = r.previousQuadrant === null ? 0 : 1 + (QUADRANT_AT.get(r.previousQuadrant) as number);
      // The flag lists are shared among rows (one per combination): known by identity.
      let id = flagIds.get(r.flags);
      if (id === undefined) {
        if (flagLists.length >= 0xffff) return null;
        flagIds.set(r.flags, (id = flagLists.length));
        flagLists.push(r.flags.slice());
      }
      req.flags[j] = id;
      if (r.issues.length) req.issues.push([j, r.issues]);
    }
    try {
      return new Tails(req);
    } catch {
      return null;
    }
  }

  /** Copies data row j's output cells (as the worker wrote them) to `out`; false when it has not. */
  write(out: { raw(bytes: Uint8Array, start: number, end: number): void }, j: number): boolean {
    const b = (j / BLOCK) | 0;
    if (b !== this.block) {
      this.block = b;
      Atomics.store(this.req.ctrl, HERE, b);
      this.ready = b >= Atomics.load(this.req.ctrl, DONE);
    }
    if (!this.ready) return false;
    out.raw(this.req.bytes, this.req.starts[j], this.req.ends[j]);
    return true;
  }

  stop(): void {
    this.stopWorker();
  }
}
