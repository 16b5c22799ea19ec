/**
 * Starting one of the command line's worker threads (csvPartWorker, csvDigitsWorker): compiled
 * (build/cli), the worker's JavaScript beside this file; from the TypeScript sources (tsx, jest),
 * the source run through tsx.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';

/** `transferList`: buffers of workerData handed over rather than copied (this thread no longer uses them). */
export function startWorker(name: string, workerData: unknown, transferList: (ArrayBuffer | MessagePort)[] = []): Worker {
  const compiled = path.join(__dirname, `${name}.js`);
  if (existsSync(compiled)) return new Worker(compiled, { workerData, transferList });
  const source = path.join(__dirname, `${name}.ts`);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData, transferList });
}
