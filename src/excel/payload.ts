/**
 * Request-size arithmetic. Excel on the web refuses a request or response over 5 MB
 * (RequestPayloadSizeLimitExceeded) [doc: excel-add-ins-ranges-large.md, resource-limits-and-performance-optimization.md];
 * the payload is the JSON of the values plus the operations. We aim blocks at 4 MB to leave room
 * for the operations and the JSON framing.
 */
import type { Cell } from '../domain';

export const READ_TARGET_BYTES = 4_000_000;
export const WRITE_TARGET_BYTES = 4_000_000;

/** UTF-8 length of a string (zh-CN text is 3 bytes a character). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON size of one cell, closely enough to size blocks (quotes, escapes and commas included). */
export function cellBytes(v: Cell): number {
  if (typeof v === 'string') return utf8Length(v) + 3;
  if (typeof v === 'number') return 20;
  if (v === null || v === undefined) return 5;
  if (typeof v === 'boolean') return 6;
  return 26; // a Date as ISO text
}

export function cellsBytes(rows: readonly (readonly Cell[])[]): number {
  let n = 2;
  for (const row of rows) {
    n += 3;
    for (const v of row) n += cellBytes(v);
  }
  return n;
}
