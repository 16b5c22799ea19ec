/**
 * Where text output goes: standard output, or a file written under a temporary name and
 * renamed at the end, so a failed run never leaves half a file where the user expects one.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { inputError, reasonOf } from './errors';

export interface Sink {
  /**
   * Text, or UTF-8 bytes that end on a character boundary. `written` is called once the bytes
   * are no longer needed (on their way to the file or converted), so their memory may be used again.
   */
  write(chunk: string | Uint8Array, written?: () => void): Promise<void>;
  close(): Promise<void>;
  /** Gives up: removes a partial file. */
  abort(): Promise<void>;
}

export interface TextWriter {
  write(chunk: string): unknown;
  once?(event: 'drain', listener: () => void): unknown;
}

/** A writable that also takes bytes (process.stdout), calling `done` once it no longer needs them. */
export interface ByteWriter extends TextWriter {
  write(chunk: string | Uint8Array, done?: () => void): unknown;
}

/** Bytes handed to a ByteWriter and not yet given back, past which a write waits for them. */
const OUTSTANDING_BYTES = 8 << 20;

/**
 * A sink over a writable (process.stdout, or a collector in tests), honouring back-pressure.
 * Bytes go to a ByteWriter as they are; a TextWriter (a test's collector) gets them as text.
 */
export function writerSink(w: TextWriter, bytes?: ByteWriter): Sink {
  let outstanding = 0;
  let waiting: (() => void) | null = null;
  const writeBytes = (chunk: Uint8Array, written?: () => void): unknown => {
    const n = chunk.byteLength;
    outstanding += n;
    return bytes?.write(chunk, () => {
      outstanding -= n;
      written?.();
      if (waiting && outstanding <= OUTSTANDING_BYTES) {
        const go = waiting;
        waiting = null;
        go();
      }
    });
  };
  return {
    write: (chunk, written) => {
      let ok: unknown;
      // Decoding a million rows' UTF-8 to text for standard output to encode it again was three
      // seconds of the main thread (each megabyte a fresh string outside V8's young heap).
      if (bytes && typeof chunk !== 'string') {
        ok = writeBytes(chunk, written);
        // Standard output on a file or a pipe writes at once, and says so on the next tick, which
        // a run of resolved promises never reaches: without a wait the pieces were never given
        // back, and each megabyte was a new one (a million rows of JSON took 1.8 GB, not 1).
        if (outstanding > OUTSTANDING_BYTES) return new Promise<void>((resolve) => (waiting = resolve));
      } else {
        ok = w.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8'));
        written?.();
      }
      if (ok === false && w.once) return new Promise<void>((resolve) => w.once?.('drain', resolve));
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

/** A temporary name beside the target (same directory, so the rename stays on one file system). */
export function temporaryPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
}

export async function fileSink(target: string, display: string): Promise<Sink> {
  const tmp = temporaryPath(target);
  // Up to 8 MB waits for the disk while the next rows are made (with the default 16 KB, each
  // megabyte written waited for the one before: the writing and the making took turns).
  const stream = createWriteStream(tmp, { highWaterMark: 8 << 20 });
  const fail = (e: unknown) => inputError('writeFailed', { file: display, reason: reasonOf(e) });
  let failure: unknown = null;
  // One error listener for the stream's life; a pending wait is rejected through it.
  let pending: ((e: unknown) => void) | null = null;
  stream.on('error', (e) => {
    failure = e;
    pending?.(fail(e));
  });
  await new Promise<void>((resolve) => {
    pending = () => resolve();
    stream.once('open', () => resolve());
  });
  pending = null;
  if (failure) throw fail(failure);
  return {
    write: (chunk, written) => {
      if (failure) return Promise.reject(fail(failure));
      if (stream.write(chunk, written && (() => written()))) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        pending = reject;
        stream.once('drain', () => {
          pending = null;
          resolve();
        });
      });
    },
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        pending = reject;
        stream.end(() => (failure ? reject(fail(failure)) : resolve()));
      });
      pending = null;
      try {
        await fs.rename(tmp, target);
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw fail(e);
      }
    },
    abort: async () => {
      pending = null;
      stream.destroy();
      await fs.rm(tmp, { force: true });
    },
  };
}
