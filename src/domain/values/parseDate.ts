/**
 * The date reading of analysis.md §3. Dates are calendar days, held as whole days since
 * 1970-01-01 (no time zone), so differences are plain subtraction.
 */
import type { Cell } from '../types';
import { ERROR_VALUE, isErrorValue, type Read } from './errorValue';
import { plainDate } from './plainText';

export const INVALID_DATE = { issue: 'INVALID_DATE' } as const;
export type DateRead = Read<number, 'INVALID_DATE' | 'ERROR_VALUE'>;

export const EXCEL_EPOCH_SERIAL = 25569; // serial of 1970-01-01 in the 1900 date system
export const MAX_SERIAL = 2958465; // 9999-12-31
/** Days between the 1900 and 1904 date systems' serials of the same day (1904-01-01 is 0 in 1904's, 1462 in 1900's). */
export const DAYS_1904 = 1462;

/** Days since 1970-01-01 of a valid calendar date, or null. */
export function dayNumber(year: number, month: number, day: number): number | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Date.UTC maps years 0-99 to 1900-1999; set the year explicitly.
  if (year < 100) d.setUTCFullYear(year);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(d.getTime() / 86400000);
}

/** YYYY-MM-DD of a day number. */
export function formatDay(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

const DATE_TEXT =
  /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{2})(\d{2}))(?:(?:T|\s+)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|AM|PM))?)?$/i;

/** Parses YYYY-MM-DD (and the other §3 text forms) to a day number, or null. */
export function parseDateText(text: string): number | null {
  const m = DATE_TEXT.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const year = Number(m[1]);
  for (let i = 2; i < 12; i += 2) {
    if (m[i] !== undefined) return dayNumber(year, Number(m[i]), Number(m[i + 1]));
  }
  return null;
}

const textCache = new Map<string, number | null>();

export function parseDate(cell: Cell): DateRead {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return INVALID_DATE;
    if (cell >= 1 && cell <= MAX_SERIAL) return Math.floor(cell) - EXCEL_EPOCH_SERIAL;
    if (Number.isInteger(cell) && cell >= 10000101 && cell <= 99991231) {
      const d = dayNumber(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100);
      return d === null ? INVALID_DATE : d;
    }
    return INVALID_DATE;
  }
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    const t = cell.getTime();
    // File readers give calendar days as UTC midnight; a time of day is dropped.
    return Number.isFinite(t) ? Math.floor(t / 86400000) : INVALID_DATE;
  }
  if (typeof cell !== 'string') return INVALID_DATE;
  const plain = plainDate(cell); // "2026-10-31": the general rules below give the same
  if (!Number.isNaN(plain)) return plain;
  if (isErrorValue(cell)) return ERROR_VALUE;
  const s = cell.trim();
  if (s === '') return null;
  let d = textCache.get(s);
  if (d === undefined) {
    d = parseDateText(s);
    if (textCache.size > 100000) textCache.clear();
    textCache.set(s, d);
  }
  return d === null ? INVALID_DATE : d;
}
