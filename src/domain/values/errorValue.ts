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
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Outcome of reading one cell: a value, missing (null), or an issue code. */
export type Read<T, I extends string> = T | null | { issue: I };

export const ERROR_VALUE = { issue: 'ERROR_VALUE' } as const;
