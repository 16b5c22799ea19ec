/**
 * Reading a worksheet with exceljs into the plain cell values the domain expects (the shape of
 * Excel's range.values): numbers, text, booleans, Dates (UTC midnight for a date), formula
 * results, error texts such as "#N/A"; merged cells other than the top-left one read as empty.
 */
import type ExcelJS from 'exceljs';
import type { Cell } from '../domain';
import type { CellRange } from './range';

export type Grid = Cell[][];

/** exceljs's value type of the cells of a merged area but its top-left one (ExcelJS.ValueType.Merge). */
const MERGE: ExcelJS.ValueType = 1 as ExcelJS.ValueType;

/**
 * exceljs, loaded when a workbook is first read with it: a run that reads and writes only CSV or
 * JSON never loads it (its several hundred modules took a quarter of a second to start).
 */
export async function excelJs(): Promise<typeof ExcelJS> {
  const lib = await import('exceljs');
  return (lib as unknown as { default?: typeof ExcelJS }).default ?? (lib as unknown as typeof ExcelJS);
}

/** One exceljs cell value as a plain cell. */
export function plainValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v !== 'object') return String(v);
  if ('error' in v) return v.error;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: ExcelJS.CellValue }).result;
    // A formula with no cached result (never calculated) has no value we can know.
    return result === undefined ? null : plainValue(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in v) {
    const text = (v as { text?: unknown }).text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object') return plainValue(text as ExcelJS.CellValue);
    return v.hyperlink;
  }
  return String(v);
}

function cellValue(cell: ExcelJS.Cell): Cell {
  // Excel gives "" for every cell of a merged area but the top-left one; exceljs repeats the value.
  if (cell.type === MERGE) return null;
  return plainValue(cell.value);
}

const isEmpty = (c: Cell) => c === null || c === undefined || c === '';

/**
 * The used range of a sheet (the smallest rectangle holding every non-empty cell) and its
 * cells, in one pass over the sheet.
 */
export function readUsed(ws: ExcelJS.Worksheet, onRow?: (done: number) => void): { grid: Grid; range: CellRange } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    let values: Cell[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cellValue(cell);
      if (isEmpty(v)) return;
      (values ??= [])[c] = v;
      if (c < left) left = c;
      if (c > right) right = c;
    });
    if (!values) return;
    rows[r] = values;
    if (r < top) top = r;
    bottom = r;
    if (onRow && r % 4096 === 0) onRow(r);
  });
  if (bottom === 0) return null;
  const range = { top, left, bottom, right };
  const grid: Grid = [];
  for (let r = top; r <= bottom; r++) {
    const src = rows[r];
    const out = new Array<Cell>(right - left + 1).fill(null);
    if (src) for (let c = left; c <= right; c++) if (src[c] !== undefined) out[c - left] = src[c];
    grid.push(out);
  }
  return { grid, range };
}

/** The cells of a range, row by row; `onRow` reports progress. */
export function readRange(ws: ExcelJS.Worksheet, range: CellRange, onRow?: (done: number) => void): Grid {
  const width = range.right - range.left + 1;
  const grid: Grid = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const out: Cell[] = new Array<Cell>(width).fill(null);
    const row = ws.findRow(r);
    if (row) {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c >= range.left && c <= range.right) out[c - range.left] = cellValue(cell);
      });
    }
    grid.push(out);
    if (onRow && (r - range.top) % 4096 === 0) onRow(r - range.top);
  }
  return grid;
}

export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new (await excelJs()).Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The first visible sheet with data (then any sheet with data), optionally one that `accept`s its header row. */
export function pickSheet(
  wb: ExcelJS.Workbook,
  accept?: (header: Cell[]) => boolean,
  onRow?: (done: number) => void,
): { ws: ExcelJS.Worksheet; grid: Grid; range: CellRange } | null {
  const sheets = [...wb.worksheets.filter((w) => w.state === 'visible'), ...wb.worksheets.filter((w) => w.state !== 'visible')];
  for (const ws of sheets) {
    const used = readUsed(ws, onRow);
    if (!used) continue;
    if (accept && !accept(used.grid[0])) continue;
    return { ws, ...used };
  }
  return null;
}
