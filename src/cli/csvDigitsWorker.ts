/** The worker thread of csvDigits.ts: makes every row's digits into the shared memory. */
import { workerData } from 'node:worker_threads';
import { makeDigits, type DigitsRequest } from './csvDigits';

makeDigits(workerData as DigitsRequest);
