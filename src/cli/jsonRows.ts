/**
 * --format json of a large result on two cores: while this thread writes the rows' JSON from the
 * first block of rows on, a worker thread writes it from the last block back, as UTF-8 into
 * memory both share; this thread writes a block the worker has made instead of making it. Where
 * the two meet, each has made about half. Both make a block with rowsText, so the text is the
 * same whichever made it (and a worker that fails or is slow only leaves more to this thread).
 * One shared buffer rather than a message a block: half a million rows of buffers arriving one by
 * one each made the collector walk the whole heap again.
 */
import type { RowResult } from '../domain';
import { rowDecoder, transferables, type RowCodes } from './rowCodes';
import { meetingControl, MeetingWorker, workBack } from './worker';

/** Rows from which a worker is worth starting. */
export const JSON_ROWS_FROM = 50_000;
/** Rows in a block (a piece of the rows array written at once). */
export const JSON_BLOCK = 1024;
/** Bytes of shared memory per row coded (a row takes about 460; memory not written to is not taken). */
const BYTES_PER_ROW = 1024;

export interface JsonRowsRequest {
  codes: RowCodes;
  /** Shared: the UTF-8 bytes, each block's [start, end) in them, and the meeting's ints (worker.ts). */
  bytes: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  ctrl: Int32Array;
}

/** The worker's side: the blocks from the last back, until it meets this thread. */
export function makeJsonRows(req: JsonRowsRequest, rowsText: (rows: RowResult[]) => string): void {
  const row = rowDecoder(req.codes);
  const { first } = req.codes;
  const n = first + req.codes.rows;
  const out = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
  let at = 0;
  workBack(req.ctrl, Math.ceil(n / JSON_BLOCK) - 1, first / JSON_BLOCK, (b) => {
    const rows: RowResult[] = [];
    for (let j = b * JSON_BLOCK; j < Math.min(n, (b + 1) * JSON_BLOCK); j++) rows.push(row(j - first) as RowResult);
    const text = rowsText(rows);
    // Out of shared memory: the blocks from here on are left to the other thread.
    if (at + text.length * 3 > out.length && at + Buffer.byteLength(text) > out.length) return false;
    req.starts[b] = at;
    at += out.write(text, at, 'utf8');
    req.ends[b] = at;
    return true;
  });
}

/** This thread's side: the blocks the worker has made. */
export class JsonRows {
  private readonly worker: MeetingWorker;
  /** Settles when the worker has ended (its blocks all made, or stopped). */
  readonly ended: Promise<void>;

  private constructor(private readonly req: JsonRowsRequest) {
    this.worker = new MeetingWorker('jsonRowsWorker', req, transferables(req.codes));
    this.ended = this.worker.ended;
  }

  /**
   * The worker for the later blocks of `rows` rows, coded by `later` (from laterFrom(rows,
   * JSON_BLOCK) on, with their texts; null: they cannot be coded), or null to do without it (no
   * memory to share, no thread).
   */
  static start(rows: number, later: () => RowCodes | null): JsonRows | null {
    try {
      return JsonRows.make(rows, later);
    } catch {
      return null;
    }
  }

  private static make(rows: number, later: () => RowCodes | null): JsonRows | null {
    if (rows === 0) return null;
    const codes = later();
    if (!codes) return null;
    const blocks = Math.ceil(rows / JSON_BLOCK);
    const req: JsonRowsRequest = {
      codes,
      bytes: new Uint8Array(new SharedArrayBuffer(Math.max(1, codes.rows) * BYTES_PER_ROW)),
      starts: new Int32Array(new SharedArrayBuffer(4 * blocks)),
      ends: new Int32Array(new SharedArrayBuffer(4 * blocks)),
      ctrl: meetingControl(blocks),
    };
    return new JsonRows(req);
  }

  /**
   * Block b's text as the worker made it (its UTF-8 bytes, a view of the shared memory: written
   * once, never changed), or null when it has not made it.
   */
  take(b: number): Uint8Array | null {
    if (!this.worker.reached(b)) return null;
    const { bytes, starts, ends } = this.req;
    return bytes.subarray(starts[b], ends[b]);
  }

  stop(): void {
    this.worker.stop();
  }
}
