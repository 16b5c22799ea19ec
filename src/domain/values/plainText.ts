/**
 * Fast paths for the plain spellings that fill nearly every text cell of a CSV export: "1234",
 * "-12.50", ".5" and "2026-10-31". They run ahead of the general rules of parseNumber and
 * parseDate (trim, NFKC, regexes, word lists, caches), which cost a million-row file most of its
 * reading time. A fast path reads the characters once, copies no string and runs no regex; it
 * answers only when the general rules would give the same value, and NaN ("not plain: ask the
 * general rules") otherwise, so the two can never disagree (tests/domain/plainText.test.ts
 * checks them against each other on random and hand-picked texts).
 */

/** 10^k for k ≤ 22: every one is an exact double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Significant digits that keep the digits' integer exact (below 2^53). */
const MAX_EXACT_DIGITS = 15;

/**
 * The value of a plain decimal — an optional sign, digits with at most one ".", at least one digit,
 * nothing else (no space, exponent, separator, % or unit) — or NaN for any other text. For such a
 * text parseNumber's rules change nothing and end in Number(text), which this equals: with at most
 * 15 significant digits and 22 decimals, integer ÷ 10^k is one correctly rounded division of two
 * exact doubles, as Number's decimal conversion is correctly rounded (longer texts use Number).
 */
export function plainNumber(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  let i = 0;
  let c = s.charCodeAt(0);
  let negative = false;
  if (c === 43 /* + */ || c === 45 /* - */) {
    negative = c === 45;
    i = 1;
  }
  let m = 0;
  let digits = 0;
  let significant = 0;
  let decimals = -1;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      digits++;
      if (significant > 0 || d !== 0) significant++;
      m = m * 10 + d;
      if (decimals >= 0) decimals++;
    } else if (c === 46 /* . */ && decimals < 0) decimals = 0;
    else return NaN;
  }
  if (digits === 0) return NaN;
  if (significant > MAX_EXACT_DIGITS || decimals > 22) {
    const v = Number(s);
    return v - v === 0 ? v : NaN;
  }
  const v = decimals > 0 ? m / POW10[decimals] : m;
  return negative ? -v : v;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), year ≥ 1. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two digits at i (or one, then the separator): the number and where it ends, packed as value * 16 + end. */
function smallNumber(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  if (!(a >= 0 && a <= 9)) return -1;
  const b = s.charCodeAt(i + 1) - 48;
  if (b >= 0 && b <= 9) return (a * 10 + b) * 16 + i + 2;
  return a * 16 + i + 1;
}

/**
 * The day number of an ISO-style date "YYYY-M-D" (one or two digits for month and day, nothing
 * before or after), when it is a real calendar date; NaN for any other text (parseDate's general
 * rules then decide, including that 2026-02-30 is not a date).
 */
export function plainDate(s: string): number {
  const n = s.length;
  if (n < 8 || n > 10 || s.charCodeAt(4) !== 45 /* - */) return NaN;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return NaN;
    year = year * 10 + d;
  }
  const mm = smallNumber(s, 5);
  if (mm < 0) return NaN;
  const afterMonth = mm & 15;
  if (s.charCodeAt(afterMonth) !== 45) return NaN;
  const dd = smallNumber(s, afterMonth + 1);
  if (dd < 0 || (dd & 15) !== n) return NaN;
  const month = mm >> 4;
  const day = dd >> 4;
  if (year < 1 || month < 1 || month > 12 || day < 1) return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > MONTH_DAYS[month - 1] + (leap ? 1 : 0)) return NaN;
  return daysFromCivil(year, month, day);
}

/**
 * plainNumber of the text whose UTF-8 (or ASCII) bytes are b[start, end): the same value or NaN,
 * read from the bytes without making the string (a CSV read as bytes, see cellKinds). The plain
 * spelling is all ASCII, so its bytes are its characters.
 */
export function plainNumberBytes(b: Uint8Array, start: number, end: number): number {
  if (end <= start) return NaN;
  let i = start;
  let c = b[i];
  let negative = false;
  if (c === 43 /* + */ || c === 45 /* - */) {
    negative = c === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let significant = 0;
  let decimals = -1;
  for (; i < end; i++) {
    c = b[i];
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      digits++;
      if (significant > 0 || d !== 0) significant++;
      m = m * 10 + d;
      if (decimals >= 0) decimals++;
    } else if (c === 46 /* . */ && decimals < 0) decimals = 0;
    else return NaN;
  }
  // More digits than stay exact: plainNumber asks Number; the caller makes the string and does.
  if (digits === 0 || significant > MAX_EXACT_DIGITS || decimals > 22) return NaN;
  const v = decimals > 0 ? m / POW10[decimals] : m;
  return negative ? -v : v;
}

/** plainDate of the text whose bytes are b[start, end): the same day number or NaN (see plainNumberBytes). */
export function plainDateBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 8 || n > 10 || b[start + 4] !== 45 /* - */) return NaN;
  let year = 0;
  for (let i = start; i < start + 4; i++) {
    const d = b[i] - 48;
    if (!(d >= 0 && d <= 9)) return NaN;
    year = year * 10 + d;
  }
  // "M-D", "MM-D", "M-DD" or "MM-DD" after "YYYY-", as plainDate's smallNumber reads them.
  let i = start + 5;
  let month = b[i] - 48;
  if (!(month >= 0 && month <= 9)) return NaN;
  let d = b[++i] - 48;
  if (d >= 0 && d <= 9) {
    month = month * 10 + d;
    i++;
  }
  if (i >= end || b[i] !== 45) return NaN;
  let day = ++i < end ? b[i] - 48 : -1;
  if (!(day >= 0 && day <= 9)) return NaN;
  d = ++i < end ? b[i] - 48 : -1;
  if (d >= 0 && d <= 9) {
    day = day * 10 + d;
    i++;
  }
  if (i !== end) return NaN;
  if (year < 1 || month < 1 || month > 12 || day < 1) return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > MONTH_DAYS[month - 1] + (leap ? 1 : 0)) return NaN;
  return daysFromCivil(year, month, day);
}
