/** The rating reading of analysis.md §3: AAA = 22 … D = 1; plain numbers as they are. */
import type { Cell } from '../types';
import { ERROR_VALUE, isErrorValue, type Read } from './errorValue';

export const RATING_SCALE = [
  'AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-', 'BB+', 'BB', 'BB-',
  'B+', 'B', 'B-', 'CCC+', 'CCC', 'CCC-', 'CC', 'C', 'D',
] as const;

const ORDINAL = new Map<string, number>(RATING_SCALE.map((g, i) => [g, RATING_SCALE.length - i]));
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

export const INVALID_RATING = { issue: 'INVALID_RATING' } as const;

/** A rating: its ordinal (higher is better) and whether it was a letter grade. */
export interface Rating {
  value: number;
  letter: boolean;
}

export type RatingRead = Read<Rating, 'INVALID_RATING' | 'ERROR_VALUE'>;

/** Normalises a grade as §3 says: NFKC, trimmed, upper-case, 级 (Traditional 級) removed. */
export function normalizeGrade(text: string): string {
  let s = text.normalize('NFKC').trim().toUpperCase();
  if (s.endsWith('级') || s.endsWith('級')) s = s.slice(0, -1).trim();
  return s.replace(/\u2212/g, '-');
}

/** The ordinal of a letter grade, or undefined. */
export function gradeOrdinal(text: string): number | undefined {
  return ORDINAL.get(normalizeGrade(text));
}

export function parseRating(cell: Cell): RatingRead {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell, letter: false } : INVALID_RATING;
  if (typeof cell === 'string') {
    // Grades repeat down a column: every string is looked up first (blanks and errors too).
    let read = memo.get(cell);
    if (read === undefined) {
      read = ratingText(cell);
      if (memo.size > 10000) memo.clear();
      memo.set(cell, read);
    }
    return read;
  }
  if (cell === null || cell === undefined) return null;
  return INVALID_RATING;
}

function ratingText(cell: string): RatingRead {
  if (isErrorValue(cell)) return ERROR_VALUE;
  if (cell.trim() === '') return null;
  const s = normalizeGrade(cell);
  const ordinal = ORDINAL.get(s);
  return ordinal !== undefined
    ? { value: ordinal, letter: true }
    : PLAIN_NUMBER.test(s)
      ? { value: Number(s), letter: false }
      : INVALID_RATING;
}

// The reads of string cells, shared (callers only read them).
const memo = new Map<string, RatingRead>();
