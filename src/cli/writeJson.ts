/**
 * --format json: exactly JSON.stringify(toResultJson(result), null, 2), written a block of rows at
 * a time so a million-row result is never one string (V8 caps a string near 512 MB) nor one
 * object tree of a million rows beside the result. A large result's later blocks are made by a
 * worker thread (jsonRows.ts).
 */
import { resultColumns, resultJsonWith, rowJson, type AnalysisResult, type RowResult } from '../domain';
import { JSON_BLOCK, JSON_ROWS_FROM, JsonRows } from './jsonRows';
import { columnCodes, encodeRows, laterCodes, laterFrom, rowDecoder } from './rowCodes';
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
  // A result whose records are not made (resultColumns) is written from its codes: each row made
  // again for the moment it is written.
  const fromColumns = resultColumns(result);
  const codes = fromColumns ? columnCodes(fromColumns, true) : null;
  const rows = codes ? null : result.rows;
  const count = codes ? codes.rows : (rows as RowResult[]).length;
  const decode = codes ? rowDecoder(codes) : null;
  const slice = (from: number, to: number): RowResult[] => {
    if (rows) return rows.slice(from, to);
    const list: RowResult[] = [];
    for (let j = from; j < to; j++) list.push((decode as (j: number) => RowResult | undefined)(j) as RowResult);
    return list;
  };
  // The object with a marker for its rows; the summary after the rows holds only codes.
  const shell = JSON.stringify(resultJsonWith(result, MARK), null, 2);
  const mark = JSON.stringify(MARK);
  const at = shell.lastIndexOf(mark); // only codes follow the rows
  const before = shell.slice(0, at);
  const after = shell.slice(at + mark.length);
  if (count === 0) {
    await sink.write(`${before}[]${after}\n`);
    return;
  }
  const later = () => {
    const from = laterFrom(count, JSON_BLOCK);
    return codes ? laterCodes(codes, from) : encodeRows(rows as RowResult[], true, from);
  };
  const worker = count >= rowsFrom ? JsonRows.start(count, later) : null;
  // The text as UTF-8 in pieces used again (see ByteOut), made a few rows at a time: a block's
  // text as one string (half a megabyte) went straight to the old generation, and a million
  // rows of them kept the collector walking the whole heap.
  const out = new ByteOut();
  try {
    await sink.write(`${before}[\n`);
    const blocks = Math.ceil(count / JSON_BLOCK);
    for (let b = 0; b < blocks; b++) {
      const theirs = worker?.take(b);
      const i = b * JSON_BLOCK;
      const end = Math.min(i + JSON_BLOCK, count);
      if (theirs) {
        await out.drainTo(sink);
        await sink.write(theirs);
      } else {
        for (let k = i; k < end; k += SMALL) {
          if (k > i) out.text(',\n');
          out.text(rowsText(slice(k, Math.min(k + SMALL, end))));
        }
      }
      if (b + 1 < blocks) out.text(',\n');
      await out.drainTo(sink);
      onRow?.(end);
    }
    out.text(`\n  ]${after}\n`);
    await out.drainTo(sink);
  } finally {
    worker?.stop();
  }
}
