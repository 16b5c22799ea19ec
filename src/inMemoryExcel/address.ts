// A1-style addresses. Limits are Excel's grid: 1,048,576 rows × 16,384 columns (XFD).
import { invalidArgument } from './errors';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangle of cells, zero-based, inclusive of r/c, `rows`×`cols` in size. */
export interface Rect {
  r: number;
  c: number;
  rows: number;
  cols: number;
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Splits "Sheet1!A1:B2" / "'My Sheet'!A1" into sheet name (unquoted) and the local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** Parses a local A1 address ("A1", "A1:C3", "A:C", "2:5") into a rectangle. */
export function parseLocal(local: string): Rect {
  const parts = local.trim().split(':');
  if (parts.length > 2 || parts[0] === '') throw invalidArgument('address', `bad address "${local}"`);
  const a = parts[0];
  const b = parts.length === 2 ? parts[1] : parts[0];
  let m1 = CELL.exec(a);
  let m2 = CELL.exec(b);
  if (m1 && m2) {
    const r1 = Number(m1[2]) - 1;
    const r2 = Number(m2[2]) - 1;
    const c1 = columnIndex(m1[1]);
    const c2 = columnIndex(m2[1]);
    return check(Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1, local);
  }
  if (parts.length === 2) {
    m1 = COL.exec(a);
    m2 = COL.exec(b);
    if (m1 && m2) {
      const c1 = columnIndex(m1[1]);
      const c2 = columnIndex(m2[1]);
      return check(0, Math.min(c1, c2), MAX_ROWS, Math.abs(c2 - c1) + 1, local);
    }
    const r1 = ROW.exec(a);
    const r2 = ROW.exec(b);
    if (r1 && r2) {
      const x = Number(r1[1]) - 1;
      const y = Number(r2[1]) - 1;
      return check(Math.min(x, y), 0, Math.abs(y - x) + 1, MAX_COLS, local);
    }
  }
  throw invalidArgument('address', `bad address "${local}"`);
}

function check(r: number, c: number, rows: number, cols: number, text: string): Rect {
  if (r < 0 || c < 0 || r + rows > MAX_ROWS || c + cols > MAX_COLS) throw invalidArgument('address', `address out of the grid "${text}"`);
  return { r, c, rows, cols };
}

/** Local address the way Excel reports it: "A1", "A1:C3", "A:C" for whole columns, "2:5" for whole rows. */
export function formatLocal(rect: Rect): string {
  if (rect.r === 0 && rect.rows === MAX_ROWS) return `${columnLetters(rect.c)}:${columnLetters(rect.c + rect.cols - 1)}`;
  if (rect.c === 0 && rect.cols === MAX_COLS) return `${rect.r + 1}:${rect.r + rect.rows}`;
  const tl = `${columnLetters(rect.c)}${rect.r + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return tl;
  return `${tl}:${columnLetters(rect.c + rect.cols - 1)}${rect.r + rect.rows}`;
}

/**
 * Sheet names are quoted when they contain anything but letters, digits, "_" and ".", start with a digit,
 * or could be read as a cell reference (Excel's rule for references typed in formulas; Range.address
 * follows it, e.g. "'My Sheet'!A1:C3"). Letters include CJK, so "客户矩阵汇总!A1" stays unquoted.
 */
export function quoteSheet(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*([RrCc]\d*)?$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${formatLocal(rect)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r = Math.max(a.r, b.r);
  const c = Math.max(a.c, b.c);
  const r2 = Math.min(a.r + a.rows, b.r + b.rows);
  const c2 = Math.min(a.c + a.cols, b.c + b.cols);
  if (r2 <= r || c2 <= c) return null;
  return { r, c, rows: r2 - r, cols: c2 - c };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.r >= outer.r && inner.c >= outer.c && inner.r + inner.rows <= outer.r + outer.rows && inner.c + inner.cols <= outer.c + outer.cols;
}
