/**
 * --format json: exactly JSON.stringify(toResultJson(result), null, 2), written a block of rows at
 * a time so a million-row result is never one string (V8 caps a string near 512 MB) nor one
 * object tree of a million rows beside the result. A large result's later blocks are made by a
 * worker thread (jsonRows.ts).
 */
import { rowJson, toResultJson, type AnalysisResult, type RowResult } from '../domain';
import { JSON_BLOCK, JSON_ROWS_FROM, JsonRows } from './jsonRows';
import type { Sink } from './sink';
import { ByteOut } from './writeCsv';

const MARK = '\u0001rows\u0001';
/** Rows stringified at once by this thread (a short string dies young). */
const SMALL = 64;

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
  // The text as UTF-8 in pieces used again (see ByteOut), made a few rows at a time: a block's
  // text as one string (half a megabyte) went straight to the old generation, and a million
  // rows of them kept the collector walking the whole heap.
  const out = new ByteOut();
  try {
    await sink.write(`${before}[\n`);
    const blocks = Math.ceil(rows.length / JSON_BLOCK);
    for (let b = 0; b < blocks; b++) {
      const theirs = later?.take(b);
      const i = b * JSON_BLOCK;
      const end = Math.min(i + JSON_BLOCK, rows.length);
      if (theirs) {
        await out.drainTo(sink);
        await sink.write(theirs);
      } else {
        for (let k = i; k < end; k += SMALL) {
          if (k > i) out.text(',\n');
          out.text(rowsText(rows.slice(k, Math.min(k + SMALL, end))));
        }
      }
      if (b + 1 < blocks) out.text(',\n');
      await out.drainTo(sink);
      onRow?.(end);
    }
    out.text(`\n  ]${after}\n`);
    await out.drainTo(sink);
  } finally {
    later?.stop();
  }
}
