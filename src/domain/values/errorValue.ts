/** Excel error values (§1): treated as missing and reported as ERROR_VALUE. */
import type { Cell } from '../types';

const ERROR_VALUES: ReadonlySet<string> = new Set([
  '#N/A',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
]);

export function isErrorValue(cell: Cell): boolean {
  return typeof cell === 'string' && cell.length > 0 && cell.charCodeAt(0) === 35 /* # */ && ERROR_VALUES.has(cell.trim());
}

/** Empty as §1 defines it: "" or null (undefined too, as sparse arrays give it). */
export function isEmptyCell(cell: Cell): boolean {
  // A string whose first character is not white space is not empty: no trim() call needed.
  if (typeof cell === 'string') return cell.length === 0 || (isSpace(cell.charCodeAt(0)) && cell.trim() === '');
  return cell === null || cell === undefined;
}

/** Whether a UTF-16 code unit is white space or a line terminator, as String.prototype.trim removes. */
export function isSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 160 &&
        (c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279);
}

/** Outcome of reading one cell: a value, missing (null), or an issue code. */
export type Read<T, I extends string> = T | null | { issue: I };

export const ERROR_VALUE = { issue: 'ERROR_VALUE' } as const;
