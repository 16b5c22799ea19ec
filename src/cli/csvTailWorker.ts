/** The worker thread of csvTails.ts: writes the later rows' output cells into the shared memory. */
import { workerData } from 'node:worker_threads';
import { makeTails, type TailRequest } from './csvTails';

makeTails(workerData as TailRequest);
