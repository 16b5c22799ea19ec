/**
 * --format json: exactly JSON.stringify(toResultJson(result), null, 2), written a block of rows at
 * a time so a million-row result is never one string (V8 caps a string near 512 MB) nor one
 * object tree of a million rows beside the result. A large result's later blocks are made by a
 * worker thread (jsonRows.ts).
 */
import { rowJson, toResultJson, type AnalysisResult, type RowResult } from '../domain';
import { JSON_BLOCK, JSON_ROWS_FROM, JsonRows } from './jsonRows';
import type { Sink } from './sink';

const MARK = '\u0001rows\u0001';

/**
 * Rows as they are in the whole text, two levels deep (the rows array inside the result): the
 * block inside an array inside an array, stringified natively, less the two brackets' lines.
 * Blocks joined with ",\n" are the whole array's inside.
 */
export function rowsText(rows: readonly RowResult[]): string {
  const nested = JSON.stringify([rows.map(rowJson)], null, 2);
  return nested.slice('[\n  [\n'.length, nested.length - '\n  ]\n]'.length);
}

export async function writeJson(
  result: AnalysisResult,
  sink: Sink,
  onRow?: (done: number) => void,
  /** Rows from which a worker thread makes the later blocks. */
  rowsFrom = JSON_ROWS_FROM,
): Promise<void> {
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
  const later = rows.length >= rowsFrom ? JsonRows.start(rows) : null;
  try {
    await sink.write(`${before}[\n`);
    const blocks = Math.ceil(rows.length / JSON_BLOCK);
    for (let b = 0; b < blocks; b++) {
      const theirs = later?.take(b);
      const i = b * JSON_BLOCK;
      await sink.write(theirs ?? rowsText(rows.slice(i, i + JSON_BLOCK)));
      if (b + 1 < blocks) await sink.write(',\n');
      onRow?.(Math.min(i + JSON_BLOCK, rows.length));
    }
    await sink.write(`\n  ]${after}\n`);
  } finally {
    later?.stop();
  }
}
