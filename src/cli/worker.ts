/**
 * Starting one of the command line's worker threads (csvPartWorker, csvDigitsWorker): compiled
 * (build/cli), the worker's JavaScript beside this file; from the TypeScript sources (tsx, jest),
 * the source run through tsx.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export function startWorker(name: string, workerData: unknown): Worker {
  const compiled = path.join(__dirname, `${name}.js`);
  if (existsSync(compiled)) return new Worker(compiled, { workerData });
  const source = path.join(__dirname, `${name}.ts`);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData });
}
