/**
 * The command line's worker threads. startWorker starts one (csvPartWorker, csvTailWorker,
 * jsonRowsWorker), or takes one prestartWorker started ahead: compiled (build/cli), the worker's
 * JavaScript beside this file; from the TypeScript sources (tsx, jest), the source run through tsx.
 *
 * The output workers (csvTails.ts, jsonRows.ts) meet this thread half way: this thread works
 * through the blocks of rows from the first, the worker from the last back, and where they meet
 * each has done about half. Two shared ints say where each is (see MeetingWorker).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parentPort, Worker, workerData as givenData } from 'node:worker_threads';

/** The workerData of a worker started before its work is known: the work comes as its first message. */
const SPARE = 'portfolio-matrix:spare';

function makeWorker(name: string, workerData: unknown, transferList: ArrayBuffer[]): Worker {
  const compiled = path.join(__dirname, `${name}.js`);
  if (existsSync(compiled)) return new Worker(compiled, { workerData, transferList });
  const source = path.join(__dirname, `${name}.ts`);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData, transferList });
}

/** Workers started ahead (prestartWorker), by name, till startWorker takes them. */
const spares = new Map<string, Worker>();

/**
 * Starts worker `name` now, for work that startWorker gives it later: a thread takes a quarter
 * of a second to start and load its code, which it can do while this thread is busy (the
 * analysis) instead of when the work is there. Nothing happens if it cannot start; one not taken
 * is ended by endSpareWorkers (and never keeps the process running).
 */
export function prestartWorker(name: string): void {
  if (spares.has(name)) return;
  try {
    const w = makeWorker(name, SPARE, []);
    w.unref();
    const forget = () => {
      if (spares.get(name) === w) spares.delete(name);
    };
    w.on('error', forget);
    w.once('exit', forget);
    spares.set(name, w);
  } catch {
    // No thread: startWorker starts one when there is work, or the work is done here.
  }
}

/** The names of the workers started ahead and not yet taken (for the tests). */
export function spareWorkerNames(): string[] {
  return [...spares.keys()];
}

/** Ends the workers started ahead and not taken. */
export function endSpareWorkers(): void {
  for (const w of spares.values()) void w.terminate();
  spares.clear();
}

/**
 * A worker with `workerData`: one started ahead for `name` if there is one (given the data as a
 * message), else a new one. `transferList`: buffers of workerData handed over rather than copied
 * (this thread no longer uses them).
 */
export function startWorker(name: string, workerData: unknown, transferList: ArrayBuffer[] = []): Worker {
  const spare = spares.get(name);
  if (spare) {
    spares.delete(name);
    spare.postMessage(workerData, transferList);
    return spare;
  }
  return makeWorker(name, workerData, transferList);
}

/** In a worker: runs `work` with its data, given at its start or, for one started ahead, as its first message. */
export function withWorkerData<T>(work: (data: T) => void): void {
  if (givenData === SPARE) parentPort?.once('message', (data: T) => work(data));
  else work(givenData as T);
}

/** ctrl[DONE]: the lowest block the worker has finished (blocks from there on are done). */
const DONE = 0;
/** ctrl[HERE]: the block this thread is at (the worker stops there). */
const HERE = 1;

/** The shared ints of a meeting over `blocks` blocks: none done yet, this thread before the first. */
export function meetingControl(blocks: number): Int32Array {
  const ctrl = new Int32Array(new SharedArrayBuffer(8));
  ctrl[DONE] = blocks;
  ctrl[HERE] = -1;
  return ctrl;
}

/**
 * The worker's side: `work` on blocks `last` down to `first` until it reaches the block this
 * thread is at, or `work` says false (no more room); each block done is published.
 */
export function workBack(ctrl: Int32Array, last: number, first: number, work: (block: number) => boolean): void {
  for (let b = last; b >= first; b--) {
    if (b <= Atomics.load(ctrl, HERE)) return;
    if (!work(b)) return;
    Atomics.store(ctrl, DONE, b);
  }
}

/** This thread's side of a meeting: the worker, and whether it has done a block. */
export class MeetingWorker {
  /** Settles when the worker has ended (its blocks all done, or stopped). */
  readonly ended: Promise<void>;
  private readonly worker: Worker;
  private readonly ctrl: Int32Array;

  /** `workerData.ctrl`: the meeting's ints (meetingControl). */
  constructor(name: string, workerData: { ctrl: Int32Array }, transferList: ArrayBuffer[]) {
    this.ctrl = workerData.ctrl;
    this.worker = startWorker(name, workerData, transferList);
    this.worker.unref();
    // A worker that fails leaves its blocks to this thread (DONE stays where it was).
    this.worker.on('error', () => undefined);
    this.ended = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** This thread is at block b: whether the worker has done it (it stops before b either way). */
  reached(b: number): boolean {
    Atomics.store(this.ctrl, HERE, b);
    return b >= Atomics.load(this.ctrl, DONE);
  }

  stop(): void {
    Atomics.store(this.ctrl, HERE, 0x7fffffff);
    void this.worker.terminate();
  }
}
