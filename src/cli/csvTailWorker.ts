/** The worker thread of csvTails.ts: writes the later rows' output cells into the shared memory. */
import { makeTails, type TailRequest } from './csvTails';
import { withWorkerData } from './worker';

withWorkerData<TailRequest>(makeTails);
