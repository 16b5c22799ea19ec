/**
 * The worker thread of a CSV read in two parts (csvParts.ts): counts its part's line ends at once
 * (before it loads the analysis, which takes a while), then reads the part when told.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { countLines } from './lineCount';
import type { PartGo, PartInit, PartReply } from './csvParts';

const port = parentPort;
const init = workerData as PartInit;
if (port) {
  const post = (reply: PartReply, transfer?: ArrayBuffer[]) => port.postMessage(reply, transfer);
  const go = new Promise<PartGo>((resolve) => port.once('message', (m: PartGo) => resolve(m)));
  void (async () => {
    try {
      const count = await countLines(init.file, init.start, init.end);
      post({ kind: 'counted', count });
      if (count.quoted) return;
      // Loaded only now (a require, not import(): the sources run through tsx's require hook in tests).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { readLaterPart } = require('./csvParts') as typeof import('./csvParts');
      await readLaterPart(init, await go, post);
    } catch (e) {
      post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      port.close();
    }
  })();
}
