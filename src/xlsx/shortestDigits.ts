/**
 * A number's digits as String(x) spells them, written straight into bytes, for the numbers an
 * output has most of: a full double such as a loyalty score (62.37104950912451), about a quarter
 * of a microsecond each through String and a fresh string, a million of them in a large run.
 *
 * ECMAScript's Number::toString gives the fewest significant digits whose decimal rounds back to
 * x, and of those the one closest to x. Here that is found with exact arithmetic in doubles, for
 * x in [1e-5, 1e15) and not an integer (an integer is written by commaInt):
 *
 * - x × 10^f, scaled to 17 digits ([1e16, 1e17)), is exactly hi + lo (Dekker's product; 10^f is
 *   exact for f ≤ 22), and hi, an integer, exactly H1 × 10^8 + H0.
 * - The decimals that round back to x are those within half an ulp of x: scaled, within h of
 *   V = hi + lo, where h = 2^(e−1) × 10^f is exact too.
 * - Relative to H1 × 10^8 the interval is [H0 + lo − h, H0 + lo + h], computed in doubles with an
 *   error under 1e−7 (H0 < 2^27). The most trailing zeros a number in it can have gives the fewest
 *   digits; of those numbers (at most two, except at the last digit), the closest to V.
 *
 * Any decision closer than SURE to an edge or a tie (a decimal on the rounding boundary, where
 * round-half-even decides, or two candidates equally close), a number of 9 digits or fewer
 * (a multiple of 10^8 in the interval), and an x whose lower neighbour is nearer than its upper
 * (a power of two) are left to String: -1 is returned, and the caller uses String(x). The tests
 * compare it with String on millions of doubles of every kind.
 */

const SURE = 1e-6;
/** Veltkamp's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;

/** 10^k, exact, k ≤ 22. */
const POW10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10.push(p);
/** The doubles nearest 10^−k (only where the digits start: a wrong guess ends in String). */
const NEG10 = [1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5];

const f64 = new Float64Array(2);
const u32 = new Uint32Array(f64.buffer);
/** Which 32-bit half of a double holds its sign and exponent. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/** −1, 0 or 1: what a low part x of H1 × 1e8 + x carries into H1 to be in [0, 1e8). */
function carryOf(x: number): number {
  return x < 0 ? -1 : x >= 1e8 ? 1 : 0;
}

/** The digits of `x` (as String(x) writes them) at b[at]; the position after them, or -1 (see above). Up to 22 bytes. */
export function shortestDigits(b: Uint8Array, at: number, x: number): number {
  if (!(x >= 1e-5 && x < 1e15)) return -1;
  // Digits before the point: x ∈ [10^(d−1), 10^d); d ≤ 0 below 1 (0.0123: d = −1).
  let d = 1;
  if (x >= 1) while (d < 15 && x >= POW10[d]) d++;
  else {
    d = 0;
    while (x < NEG10[1 - d]) d--;
  }
  const f = 17 - d;
  f64[0] = x;
  const hiWord = u32[HIGH];
  // A power of two: its lower neighbour is nearer than its upper; left to String.
  if ((hiWord & 0xfffff) === 0 && u32[LOW] === 0) return -1;
  const exp = (hiWord >>> 20) & 0x7ff;
  // Half an ulp of x, 2^(exp − 1076), made from its bits (exact); scaled by 10^f, still exact.
  u32[2 + HIGH] = (exp - 53) << 20;
  u32[2 + LOW] = 0;
  const p10 = POW10[f];
  const h = f64[1] * p10;
  // Exactly x × 10^f = hi + lo (Dekker's product, without a fused multiply-add).
  const hi = x * p10;
  let c = SPLITTER * x;
  const xh = c - (c - x);
  const xl = x - xh;
  c = SPLITTER * p10;
  const ph = c - (c - p10);
  const pl = p10 - ph;
  const lo = xh * ph - hi + xh * pl + xl * ph + xl * pl;
  // hi ≥ 1e16 is an integer; H1 × 1e8 is exact (H1 × 5^8 < 2^53), and so is what remains.
  let H1 = Math.floor(hi / 1e8);
  let H0 = hi - H1 * 1e8;
  let carry = carryOf(H0);
  H1 += carry;
  H0 -= carry * 1e8;
  // The interval relative to H1 × 1e8 (error under 1e-7).
  const v = H0 + lo;
  const low = v - h;
  const high = v + h;
  // The most trailing zeros t a number in [low, high] can have (a multiple of 10^8: String).
  let t = 0;
  let m = 0;
  for (let k = 1; k <= 8; k++) {
    const p = POW10[k];
    const first = Math.ceil(low / p) * p;
    if (first - low < SURE || Math.abs(first - high) < SURE) return -1; // on or too near an edge
    if (first > high) break;
    if (k === 8) return -1;
    t = k;
    m = first;
  }
  if (t === 0) {
    // The last digit: the integer nearest V (h > 0.55 keeps it inside).
    m = Math.round(v);
    if (Math.abs(Math.abs(m - v) - 0.5) < SURE) return -1; // a tie
    if (high - m < SURE || m - low < SURE) return -1;
  } else {
    // Of the multiples of 10^t in the interval (up to three at t = 1: it is narrower than 23), the nearest V.
    const p = POW10[t];
    let best = Math.abs(m - v);
    for (let next = m + p; next < high + SURE; next += p) {
      if (high - next < SURE) return -1;
      const off = Math.abs(next - v);
      if (Math.abs(off - best) < SURE) return -1; // a tie
      if (off < best) {
        best = off;
        m = next;
      }
    }
  }
  // The digits: H1's 9, then m's 8 (leading zeros kept), carried if m left [0, 1e8).
  carry = carryOf(m);
  H1 += carry;
  m -= carry * 1e8;
  const digits = 17 - t;
  // Out of the 17-digit frame, or no digit after the point (the shortest is an integer): String.
  if (H1 < 1e8 || H1 >= 1e9 || m < 0 || m >= 1e8 || digits <= d) return -1;
  let lowDigits = m | 0;
  let highDigits = H1 | 0;
  let p = at;
  if (d <= 0) {
    b[p++] = 48; // "0."
    b[p++] = 46;
    for (let k = d; k < 0; k++) b[p++] = 48;
  }
  const pointAt = d > 0 ? p + d : -1;
  const end = p + digits + (d > 0 ? 1 : 0);
  // From the last digit back: m's 8 less the trailing zeros, then H1's 9, the point on the way.
  let q = end;
  for (let k = 0; k < 8; k++) {
    const digit = lowDigits % 10;
    lowDigits = (lowDigits - digit) / 10;
    if (k < t) continue;
    if (q - 1 === pointAt) b[--q] = 46;
    b[--q] = 48 + digit;
  }
  for (let k = 0; k < 9; k++) {
    const digit = highDigits % 10;
    highDigits = (highDigits - digit) / 10;
    if (q - 1 === pointAt) b[--q] = 46;
    b[--q] = 48 + digit;
  }
  return end;
}
