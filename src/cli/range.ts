/** A1-style ranges (`A1:R2001`, optionally `Sheet!A1:R2001`), 1-based and inclusive. */
import { columnLetters, columnNumber } from '../domain/a1'; // not the index: see options.ts

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's last row. */
export const MAX_ROW = 1048576;
const MAX_COL = 16384; // XFD

const RANGE = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function formatRange(r: CellRange): string {
  return `${columnLetters(r.left)}${r.top}:${columnLetters(r.right)}${r.bottom}`;
}

/** Parses a range; null when it is not one. Corners may be given in any order. */
export function parseRange(text: string): { range: CellRange; sheet: string | null } | null {
  const m = RANGE.exec(text.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
  const c1 = columnNumber(m[3]);
  const r1 = Number(m[4]);
  const c2 = columnNumber(m[5]);
  const r2 = Number(m[6]);
  if ([r1, r2].some((r) => r < 1 || r > MAX_ROW) || [c1, c2].some((c) => c < 1 || c > MAX_COL)) return null;
  return {
    range: { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) },
    sheet,
  };
}
