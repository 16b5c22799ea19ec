/** The worker thread of a CSV read in two parts (csvParts.ts): reads the later part, answers once. */
import { parentPort, workerData } from 'node:worker_threads';
import { readLaterPart, type PartRequest } from './csvParts';

const port = parentPort;
if (port) void readLaterPart(workerData as PartRequest, (reply, transfer) => port.postMessage(reply, transfer));
