/** Text-like readings of analysis.md §3: yes/no, status, loan class, quadrant labels, plain text. */
import { normalizeHeader } from '../autoMap';
import { foldTraditional } from '../i18n/traditional';
import type { Cell, Quadrant } from '../types';
import { QUADRANTS } from '../types';
import { ERROR_VALUE, isErrorValue, type Read } from './errorValue';

/** A cell as plain text ("" when empty). Dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : '';
  return String(cell);
}

export type TextRead = Read<string, 'ERROR_VALUE'>;

export function parseText(cell: Cell): TextRead {
  if (isErrorValue(cell)) return ERROR_VALUE;
  const s = cellText(cell);
  return s === '' ? null : s;
}

const NO_WORDS: ReadonlySet<string> = new Set(['否', '无', '没有', 'n', 'no', 'false', '0', '-']);

/** yes/no: true, a number ≠ 0 or other non-empty text is yes. */
export function parseYesNo(cell: Cell): Read<boolean, 'ERROR_VALUE'> {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell !== 0 && !Number.isNaN(cell);
  if (cell === null || cell === undefined) return false;
  if (isErrorValue(cell)) return ERROR_VALUE;
  const s = foldTraditional(cellText(cell).normalize('NFKC').trim().toLowerCase());
  return s !== '' && !NO_WORDS.has(s);
}

export type Status = 'closed' | 'prospect' | 'other';
const CLOSED = ['销户', '已销户', '注销', '关闭', '流失', '已流失', '终止', 'closed', 'terminated', 'churned', 'exited'];
const PROSPECT = ['潜在', '意向', 'prospect', 'lead'];

/** The word lists are Simplified; Traditional and variant spellings (銷戶, 潛在客戶) are folded first. */
export function classifyStatus(text: string): Status {
  const s = foldTraditional(text.normalize('NFKC')).toLowerCase();
  if (CLOSED.some((k) => s.includes(k))) return 'closed';
  if (PROSPECT.some((k) => s.includes(k))) return 'prospect';
  return 'other';
}

const ADVERSE = ['次级', '可疑', '损失', 'substandard', 'doubtful', 'loss'];

export function isAdverseLoanClass(text: string): boolean {
  const s = foldTraditional(text.normalize('NFKC')).toLowerCase();
  return ADVERSE.some((k) => s.includes(k));
}

const QUADRANT_LABELS: Record<Quadrant, readonly string[]> = {
  LOYAL: ['忠诚客户', 'Loyal'],
  PROBLEM_1: ['问题客户1', 'Problem 1 (loyal, small)', 'Problem 1'],
  PROBLEM_2: ['问题客户2', 'Problem 2 (large, disloyal)', 'Problem 2'],
  GENERAL: ['一般客户', 'General'],
  INSUFFICIENT_DATA: ['数据不足', 'Insufficient data'],
};

const QUADRANT_BY_TEXT = new Map<string, Quadrant>();
for (const q of QUADRANTS) {
  for (const t of [q, ...QUADRANT_LABELS[q]]) QUADRANT_BY_TEXT.set(normalizeHeader(t), q);
}

export const INVALID_QUADRANT = { issue: 'INVALID_QUADRANT' } as const;

/** A quadrant code or label in either language (normalised as headers are). */
export function parseQuadrant(cell: Cell): Read<Quadrant, 'INVALID_QUADRANT' | 'ERROR_VALUE'> {
  if (isErrorValue(cell)) return ERROR_VALUE;
  const s = cellText(cell);
  if (s === '') return null;
  return QUADRANT_BY_TEXT.get(normalizeHeader(s)) ?? INVALID_QUADRANT;
}
