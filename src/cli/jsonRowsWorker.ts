/** The worker thread of jsonRows.ts: makes the later blocks' JSON and sends them. */
import { workerData } from 'node:worker_threads';
import { makeJsonRows, type JsonRowsRequest } from './jsonRows';
import { rowsText } from './writeJson';

makeJsonRows(workerData as JsonRowsRequest, rowsText);
