/**
 * --format json: exactly JSON.stringify(toResultJson(result), null, 2), written a batch of rows at
 * a time so a million-row result is never one string (V8 caps a string near 512 MB) nor one
 * object tree of a million rows beside the result.
 */
import { rowJson, toResultJson, type AnalysisResult } from '../domain';
import type { Sink } from './sink';

const MARK = '\u0001rows\u0001';
const BATCH = 2000;

export async function writeJson(result: AnalysisResult, sink: Sink, onRow?: (done: number) => void): Promise<void> {
  const rows = result.rows;
  // The object with a marker for its rows; the summary after the rows holds only codes.
  const shell = JSON.stringify({ ...toResultJson({ ...result, rows: [] }), rows: MARK }, null, 2);
  const mark = JSON.stringify(MARK);
  const at = shell.lastIndexOf(mark); // only codes follow the rows
  const before = shell.slice(0, at);
  const after = shell.slice(at + mark.length);
  if (rows.length === 0) {
    await sink.write(`${before}[]${after}\n`);
    return;
  }
  await sink.write(`${before}[\n`);
  for (let i = 0; i < rows.length; i += BATCH) {
    // Rows two levels deep, as in the whole object: the batch inside an array inside an array,
    // stringified natively, less the two brackets' lines.
    const nested = JSON.stringify([rows.slice(i, i + BATCH).map(rowJson)], null, 2);
    const part = nested.slice('[\n  [\n'.length, nested.length - '\n  ]\n]'.length);
    await sink.write(i + BATCH < rows.length ? `${part},\n` : part);
    onRow?.(Math.min(i + BATCH, rows.length));
  }
  await sink.write(`\n  ]${after}\n`);
}
