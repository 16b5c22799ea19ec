/**
 * Column letters of A1 references, 1-based (1 → "A", 28 → "AB", 16384 → "XFD"), for the shells
 * that write or read sheet addresses (the command line's --range, the .xlsx writer).
 */

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The column number of letters ("AB" → 28), either case. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n;
}
