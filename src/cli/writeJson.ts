/**
 * --format json: exactly JSON.stringify(toResultJson(result), null, 2), written row by row so
 * a million-row result never has to be one string (V8 caps a string near 512 MB).
 */
import { toResultJson, type AnalysisResult } from '../domain';
import type { Sink } from './sink';

const MARK = '\u0001rows\u0001';
const BATCH = 2000;

export async function writeJson(result: AnalysisResult, sink: Sink, onRow?: (done: number) => void): Promise<void> {
  const json = toResultJson(result);
  const rows = json.rows as unknown[];
  // The object with a marker for its rows; the summary after the rows holds only codes.
  const shell = JSON.stringify({ ...json, rows: MARK }, null, 2);
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
    const part = rows
      .slice(i, i + BATCH)
      .map((r) => '    ' + JSON.stringify(r, null, 2).replace(/\n/g, '\n    '))
      .join(',\n');
    await sink.write(i + BATCH < rows.length ? `${part},\n` : part);
    onRow?.(Math.min(i + BATCH, rows.length));
  }
  await sink.write(`\n  ]${after}\n`);
}
