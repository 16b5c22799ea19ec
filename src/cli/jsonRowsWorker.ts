/** The worker thread of jsonRows.ts: makes the later blocks' JSON and sends them. */
import { makeJsonRows, type JsonRowsRequest } from './jsonRows';
import { withWorkerData } from './worker';
import { rowsText } from './writeJson';

withWorkerData<JsonRowsRequest>((req) => makeJsonRows(req, rowsText));
