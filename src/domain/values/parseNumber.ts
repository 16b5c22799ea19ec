/** The number reading of analysis.md §3. */
import type { Cell } from '../types';
import { ERROR_VALUE, isErrorValue, type Read } from './errorValue';
import { plainNumber } from './plainText';

export const INVALID_NUMBER = { issue: 'INVALID_NUMBER' } as const;
export type NumberRead = Read<number, 'INVALID_NUMBER' | 'ERROR_VALUE'>;

const MISSING_WORDS: ReadonlySet<string> = new Set(['', '-', '—', 'n/a', 'na', '无', '無', 'null']);
const THOUSANDS = /(?<=\d),(?=\d)/g;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Reads a number from a cell. Strings: trimmed, NFKC; thousands separators between digits
 * removed; "(1,234)" is -1234; a trailing 元 dropped; then a trailing % divides by 100,
 * 万 multiplies by 1e4, 亿 by 1e8 (Traditional 萬, 億 as well). `percentSeen` is set when a % was
 * read (for wallet_share).
 */
export function parseNumber(cell: Cell, percentSeen?: { value: boolean }): NumberRead {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : INVALID_NUMBER;
  if (cell === null || cell === undefined) return null;
  if (typeof cell !== 'string') return INVALID_NUMBER; // boolean or Date
  const plain = plainNumber(cell); // "1234", "-12.5": the general rules below give the same
  if (!Number.isNaN(plain)) return plain;
  if (isErrorValue(cell)) return ERROR_VALUE;
  let s = cell.trim();
  if (s === '') return null;
  s = s.normalize('NFKC').trim();
  if (MISSING_WORDS.has(s.toLowerCase())) return null;
  s = s.replace(THOUSANDS, '').replace(/\u2212/g, '-');
  let sign = 1;
  if (s.startsWith('(') && s.endsWith(')')) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  if (s.endsWith('元')) s = s.slice(0, -1).trim();
  let factor = 1;
  const last = s.slice(-1);
  if (last === '%') {
    factor = 0.01;
    if (percentSeen) percentSeen.value = true;
  } else if (last === '万' || last === '萬') factor = 1e4;
  else if (last === '亿' || last === '億') factor = 1e8;
  if (factor !== 1) s = s.slice(0, -1).trim();
  if (!PLAIN_NUMBER.test(s)) return INVALID_NUMBER;
  const n = Number(s);
  if (!Number.isFinite(n)) return INVALID_NUMBER;
  // Multiply (not divide) by 100: the worked examples (spec/examples/branch-messy) require it —
  // there "41%" reads as 41 × 0.01 = 0.41000000000000003, which does not tie with a typed 0.41
  // in the percentile ranks. 41 / 100 would tie and change one client's loyalty by 0.125.
  return sign * n * factor;
}
