/**
 * The annotated workbook's zip archive, written by a worker thread while this thread patches the
 * client sheet (sheetPatcher.ts).
 *
 * Why: the archive compresses each part through zlib, whose work is handed between this thread
 * and zlib's threads a piece at a time, and each hand-over waits for this thread to be free. With
 * this thread busy patching rows, the compressor waited on it and it on the compressor: on a
 * 200,000-row workbook the patcher spent about 2 of its 7 seconds waiting for the archive, which by
 * itself takes 2.6 s. In a worker the archive has a thread of its own to answer zlib.
 *
 * The parts go to the worker in order (the same order and bytes as the archive written here), the
 * patched sheet in pieces of about a megabyte; a piece's memory comes back for the next once the
 * archive has taken it, and this thread waits while more than PENDING_MOST bytes are not yet
 * taken. Where no worker can start, the archive is written on this thread as before.
 */
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parentPort, Worker } from 'node:worker_threads';
import { createInflateRaw } from 'node:zlib';
import archiver from 'archiver';
import { useNativeCrc32 } from './nativeCrc';

/** A part's bytes: as they are, or raw deflate data (a part copied from the input) to inflate first. */
export interface PartBytes {
  bytes: Uint8Array;
  deflated: boolean;
}

/** Where the archive's parts go, in order; `finish` once the last is given. */
export interface ArchiveOut {
  /** A part given whole. */
  part(name: string, content: PartBytes | Readable): void;
  /** A part given in pieces: write each (its bytes may be used again once the promise settles), then end. */
  stream(name: string): { write(piece: Uint8Array): Promise<void>; end(): Promise<void> };
  /** Settles when the archive is complete on disk. */
  finish(): Promise<void>;
  /** Stops writing (the file is left for the caller to remove). */
  abort(): void;
}

/** Bytes of the streamed part given to the worker and not yet taken by its archive. */
const PENDING_MOST = 8 << 20;
/** The size of the pieces the streamed part is sent in. */
const PIECE = 1 << 20;

/** The archive written on this thread. */
export function archiveHere(file: string): ArchiveOut {
  // Deflate level 1: measured on a 200,000-row workbook (npm run bench e2e), level 6 spent about
  // 8 of 20 s with the writer waiting on the compressor; level 1 makes the file about a quarter
  // larger (57 MB against 45 MB) and Excel re-compresses it when it is saved again.
  useNativeCrc32();
  // 256 KB output pieces, for the same reason as zipEntry's inflating.
  const archive = archiver('zip', { zlib: { level: 1, chunkSize: 1 << 18 } });
  const out = createWriteStream(file);
  let fail: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  archive.on('error', fail);
  out.on('error', fail);
  archive.pipe(out);
  const source = (content: PartBytes | Readable): Readable | Buffer => {
    if (content instanceof Readable) return content;
    const bytes = Buffer.from(content.bytes.buffer, content.bytes.byteOffset, content.bytes.byteLength);
    if (!content.deflated) return bytes;
    const inflate = createInflateRaw({ chunkSize: 1 << 18 });
    inflate.on('error', fail);
    return Readable.from([bytes], { objectMode: false }).pipe(inflate);
  };
  return {
    part(name, content) {
      archive.append(source(content), { name });
    },
    stream(name) {
      // Pieces are written to the archive as copies (their memory is the caller's again at once).
      const pass = new PassThrough({ highWaterMark: 1 << 20 });
      pass.on('error', fail);
      archive.append(pass, { name });
      return {
        write: (piece) =>
          new Promise<void>((resolve, reject) => {
            pass.write(Buffer.from(piece), (e) => (e ? reject(e) : resolve()));
          }),
        end: async () => void pass.end(),
      };
    },
    async finish() {
      await Promise.race([archive.finalize(), failed]);
      await Promise.race([finished(out), failed]);
    },
    abort() {
      archive.abort();
      out.destroy();
    },
  };
}

type ToWorker =
  | { op: 'part'; name: string; bytes: Uint8Array; deflated: boolean }
  | { op: 'open'; name: string }
  | { op: 'piece'; bytes: Uint8Array }
  | { op: 'close' }
  | { op: 'finish' };
type FromWorker = { op: 'taken'; bytes: Uint8Array } | { op: 'done' } | { op: 'error'; message: string; code?: string };

/** The worker's side: the messages of archiveInWorker, written by archiveHere. */
export function serveArchive(file: string): void {
  const port = parentPort;
  if (!port) return;
  const archive = archiveHere(file);
  let piece: PassThrough | null = null;
  const report = (e: unknown) => {
    const code = (e as { code?: unknown } | null)?.code;
    port.postMessage({ op: 'error', message: e instanceof Error ? e.message : String(e), code: typeof code === 'string' ? code : undefined } satisfies FromWorker);
  };
  port.on('message', (m: ToWorker) => {
    try {
      if (m.op === 'part') archive.part(m.name, { bytes: m.bytes, deflated: m.deflated });
      else if (m.op === 'open') {
        const pass = (piece = new PassThrough({ highWaterMark: 1 << 20 }));
        archive.part(m.name, pass);
      } else if (m.op === 'piece') {
        const bytes = m.bytes;
        // Written as a copy, so the piece's memory can go back; it goes back when the write's
        // callback says the archive has room again, which holds the other thread back.
        piece?.write(Buffer.from(bytes), () => {
          port.postMessage({ op: 'taken', bytes } satisfies FromWorker, [bytes.buffer as ArrayBuffer]);
        });
      } else if (m.op === 'close') {
        piece?.end();
        piece = null;
      } else if (m.op === 'finish') {
        archive.finish().then(() => port.postMessage({ op: 'done' } satisfies FromWorker), report);
      }
    } catch (e) {
      report(e);
    }
  });
}

function startArchiveWorker(file: string): Worker {
  const compiled = path.join(__dirname, 'archiveWorker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: file });
  const source = path.join(__dirname, 'archiveWorker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData: file });
}

/** The archive written by a worker thread (see the header), or by this thread where none starts. */
export function archiveOut(file: string): ArchiveOut {
  let worker: Worker;
  try {
    worker = startArchiveWorker(file);
  } catch {
    return archiveHere(file);
  }
  let failure: Error | null = null;
  let onDone: (() => void) | null = null;
  let onFail: ((e: Error) => void) | null = null;
  const free: Uint8Array[] = [];
  let pending = 0;
  let wake: (() => void) | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    onFail?.(failure);
    wake?.();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.op === 'taken') {
      pending -= m.bytes.byteLength;
      if (m.bytes.buffer.byteLength === PIECE && free.length < 16) free.push(new Uint8Array(m.bytes.buffer));
      if (pending <= PENDING_MOST) wake?.();
    } else if (m.op === 'done') onDone?.();
    else fail(Object.assign(new Error(m.message), m.code ? { code: m.code } : {}));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`the archive's thread stopped (${code})`));
  });
  const post = (m: ToWorker, transfer: ArrayBuffer[] = []) => {
    if (failure) throw failure;
    worker.postMessage(m, transfer);
  };
  return {
    part(name, content) {
      if (content instanceof Readable) throw new Error('archiveOut: a stream is given with stream()');
      // A copy of just these bytes: a view of a larger buffer (the whole input file) would send it all.
      const bytes = new Uint8Array(content.bytes);
      post({ op: 'part', name, bytes, deflated: content.deflated }, [bytes.buffer]);
    },
    stream(name) {
      post({ op: 'open', name });
      let buf: Uint8Array = free.pop() ?? new Uint8Array(PIECE);
      let pos = 0;
      const send = async () => {
        if (pos === 0) return;
        const bytes = buf.subarray(0, pos);
        pending += pos;
        post({ op: 'piece', bytes }, [buf.buffer as ArrayBuffer]);
        buf = free.pop() ?? new Uint8Array(PIECE);
        pos = 0;
        while (pending > PENDING_MOST && !failure) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (failure) throw failure;
      };
      return {
        async write(piece) {
          let at = 0;
          while (at < piece.length) {
            const n = Math.min(piece.length - at, PIECE - pos);
            buf.set(n === piece.length ? piece : piece.subarray(at, at + n), pos);
            pos += n;
            at += n;
            if (pos === PIECE) await send();
          }
        },
        async end() {
          await send();
          post({ op: 'close' });
        },
      };
    },
    finish() {
      return new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        onDone = () => {
          void worker.terminate();
          resolve();
        };
        onFail = (e) => {
          void worker.terminate();
          reject(e);
        };
        post({ op: 'finish' });
      });
    },
    abort() {
      void worker.terminate();
    },
  };
}
