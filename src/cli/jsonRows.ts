/**
 * --format json of a large result on two cores: while this thread writes the rows' JSON from the
 * first block of rows on, a worker thread writes it from the last block back, and sends each
 * block's text as UTF-8; this thread writes a block the worker has sent instead of making it.
 * Where the two meet, each has made about half. Both make a block with rowsText, so the text is
 * the same whichever made it (and a worker that fails or is slow only leaves more to this thread).
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { RowResult } from '../domain';
import { encodeRows, laterFrom, rowDecoder, transferables, type RowCodes } from './rowCodes';
import { startWorker } from './worker';

/** Rows from which a worker is worth starting. */
export const JSON_ROWS_FROM = 50_000;
/** Rows in a block (a piece of the rows array written at once). */
export const JSON_BLOCK = 1024;
/** ctrl[HERE]: the block this thread is writing (the worker stops there). */
const HERE = 0;

export interface JsonRowsRequest {
  codes: RowCodes;
  ctrl: Int32Array;
  port: MessagePort;
}

interface Block {
  block: number;
  bytes: Uint8Array;
}

/** The worker's side: the blocks from the last back, until it meets this thread. */
export function makeJsonRows(req: JsonRowsRequest, rowsText: (rows: RowResult[]) => string): void {
  const row = rowDecoder(req.codes);
  const { first } = req.codes;
  const n = first + req.codes.rows;
  const encoder = new TextEncoder();
  for (let b = Math.ceil(n / JSON_BLOCK) - 1; b >= first / JSON_BLOCK; b--) {
    if (b <= Atomics.load(req.ctrl, HERE)) break;
    const rows: RowResult[] = [];
    for (let j = b * JSON_BLOCK; j < Math.min(n, (b + 1) * JSON_BLOCK); j++) rows.push(row(j - first) as RowResult);
    const bytes = encoder.encode(rowsText(rows));
    req.port.postMessage({ block: b, bytes } satisfies Block, [bytes.buffer as ArrayBuffer]);
  }
  req.port.close();
}

/** This thread's side: the blocks the worker has sent. */
export class JsonRows {
  private readonly sent = new Map<number, Uint8Array>();
  private readonly stopWorker: () => void;
  /** Settles when the worker has ended (its blocks all sent, or stopped). */
  readonly ended: Promise<void>;

  private constructor(
    private readonly ctrl: Int32Array,
    private readonly port: MessagePort,
    codes: RowCodes,
    theirs: MessagePort,
  ) {
    const req: JsonRowsRequest = { codes, ctrl, port: theirs };
    const worker = startWorker('jsonRowsWorker', req, [...transferables(codes), theirs]);
    worker.unref();
    // A worker that fails leaves its blocks to this thread.
    worker.on('error', () => undefined);
    this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.stopWorker = () => {
      Atomics.store(ctrl, HERE, 0x7fffffff);
      void worker.terminate();
      port.close();
    };
  }

  static start(rows: readonly RowResult[]): JsonRows | null {
    if (rows.length === 0) return null;
    const codes = encodeRows(rows, true, laterFrom(rows.length, JSON_BLOCK));
    if (!codes) return null;
    const ctrl = new Int32Array(new SharedArrayBuffer(4));
    ctrl[HERE] = -1;
    const { port1, port2 } = new MessageChannel();
    try {
      return new JsonRows(ctrl, port1, codes, port2);
    } catch {
      port1.close();
      return null;
    }
  }

  /** Block b's text as the worker made it (its UTF-8 bytes), or null when it has not sent it; b rises call by call. */
  take(b: number): Uint8Array | null {
    Atomics.store(this.ctrl, HERE, b);
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const { block, bytes } = m.message as Block;
      if (block >= b) this.sent.set(block, bytes);
    }
    const bytes = this.sent.get(b) ?? null;
    this.sent.delete(b);
    return bytes;
  }

  stop(): void {
    this.stopWorker();
  }
}
