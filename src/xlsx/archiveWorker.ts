/** The worker thread of archiveThread.ts: writes the annotated workbook's archive to the file it is given. */
import { workerData } from 'node:worker_threads';
import { serveArchive } from './archiveThread';

serveArchive(workerData as string);
