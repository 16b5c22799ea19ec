/**
 * A1 addresses as rectangles. The adapter computes block and column addresses itself (rather than
 * chaining getOffsetRange/getResizedRange proxies) so that each block is one proxy in one request.
 */

/** A rectangle on a sheet, 0-based, as `getRangeByIndexes` takes it. */
export interface Rect {
  sheetName: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Excel's grid (ExcelApi: 1,048,576 rows × 16,384 columns, "XFD"). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet name as a formula reference needs it: quoted, with quotes doubled (always valid). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "A1:C3" (or "A1" for one cell), no sheet. */
export function localAddress(r: Omit<Rect, 'sheetName'>, absolute = false): string {
  const d = absolute ? '$' : '';
  const a = `${d}${columnLetters(r.col)}${d}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return a;
  return `${a}:${d}${columnLetters(r.col + r.cols - 1)}${d}${r.row + r.rows}`;
}

/** A sheet name as Excel shows it in addresses: quoted only when it needs to be. */
export function displaySheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : quoteSheet(name);
}

/** "Sheet1!A1:C3", "'Sheet 1'!A1:C3" — for messages and the task pane. */
export function displayAddress(r: Rect): string {
  return `${displaySheet(r.sheetName)}!${localAddress(r)}`;
}

/** "'Sheet 1'!A1:C3" (always quoted: valid in any formula). */
export function fullAddress(r: Rect, absolute = false): string {
  return `${quoteSheet(r.sheetName)}!${localAddress(r, absolute)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLS = /^\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d+)$/;

/**
 * Parses an address as Excel returns it ("Sheet1!A1:R201", "'My sheet'!B2", "Sheet1!A:C",
 * "Sheet1!3:5"). Returns null for anything else.
 */
export function parseAddress(address: string): Rect | null {
  const bang = address.lastIndexOf('!');
  let sheetName = '';
  let local = address;
  if (bang >= 0) {
    sheetName = address.slice(0, bang);
    local = address.slice(bang + 1);
    if (sheetName.startsWith("'") && sheetName.endsWith("'")) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  }
  const [a, b = a] = local.split(':');
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb) {
    const c0 = columnIndex(ca[1]);
    const c1 = columnIndex(cb[1]);
    const r0 = Number(ca[2]) - 1;
    const r1 = Number(cb[2]) - 1;
    return {
      sheetName,
      row: Math.min(r0, r1),
      col: Math.min(c0, c1),
      rows: Math.abs(r1 - r0) + 1,
      cols: Math.abs(c1 - c0) + 1,
    };
  }
  const ka = COLS.exec(a);
  const kb = COLS.exec(b);
  if (ka && kb) {
    const c0 = columnIndex(ka[1]);
    const c1 = columnIndex(kb[1]);
    return { sheetName, row: 0, col: Math.min(c0, c1), rows: MAX_ROWS, cols: Math.abs(c1 - c0) + 1 };
  }
  const ra = ROWS.exec(a);
  const rb = ROWS.exec(b);
  if (ra && rb) {
    const r0 = Number(ra[1]) - 1;
    const r1 = Number(rb[1]) - 1;
    return { sheetName, row: Math.min(r0, r1), col: 0, rows: Math.abs(r1 - r0) + 1, cols: MAX_COLS };
  }
  return null;
}

/** The overlap of two rectangles on the same sheet, or null. */
export function intersect(a: Rect, b: Rect): Rect | null {
  if (a.sheetName !== b.sheetName) return null;
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows);
  const colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  if (rowEnd <= row || colEnd <= col) return null;
  return { sheetName: a.sheetName, row, col, rows: rowEnd - row, cols: colEnd - col };
}

/** The range proxy for a rectangle (getRangeByIndexes, ExcelApi 1.7). */
export function rangeOf(ctx: Excel.RequestContext, r: Rect): Excel.Range {
  return ctx.workbook.worksheets.getItem(r.sheetName).getRangeByIndexes(r.row, r.col, r.rows, r.cols);
}
