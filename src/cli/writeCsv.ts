/**
 * --format csv: the input columns followed by the output columns of workbook.md. UTF-8 with a
 * BOM (without it Excel reads UTF-8 as the system code page and Chinese turns to mojibake), CRLF
 * line ends and RFC 4180 quoting.
 */
import { outputCells, outputHeaders, type AnalysisResult, type Cell, type Locale, type RowResult } from '../domain';
import type { Sink } from './sink';

const BATCH = 2000;

/** A Date as the day (or day and time) it shows in Excel; file readers give UTC. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

export function csvField(cell: Cell): string {
  let s: string;
  if (cell === null || cell === undefined) s = '';
  else if (cell instanceof Date) s = dateText(cell);
  else if (typeof cell === 'boolean') s = cell ? 'TRUE' : 'FALSE';
  else s = String(cell);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: readonly Cell[]) => cells.map(csvField).join(',') + '\r\n';

export async function writeCsv(
  table: readonly (readonly Cell[])[],
  result: AnalysisResult,
  locale: Locale,
  sink: Sink,
  onRow?: (done: number) => void,
): Promise<void> {
  const [header, ...rows] = table;
  const outHeaders = outputHeaders(result, locale);
  const blank = outHeaders.map(() => '');
  // Result rows are numbered among the data rows; skipped empty rows have none and stay blank.
  const byRow: (RowResult | undefined)[] = new Array(rows.length);
  for (const r of result.rows) byRow[r.row - 1] = r;
  await sink.write('\uFEFF' + line([...header, ...outHeaders]));
  for (let i = 0; i < rows.length; i += BATCH) {
    let chunk = '';
    for (let j = i; j < Math.min(i + BATCH, rows.length); j++) {
      const r = byRow[j];
      chunk += line([...rows[j], ...(r ? outputCells(r, result, locale) : blank)]);
    }
    await sink.write(chunk);
    onRow?.(Math.min(i + BATCH, rows.length));
  }
}
