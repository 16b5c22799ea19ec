// What a cell stores when a string is written through Range.values: Excel reads it as if typed.
//
// Office.js: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
// interprets this value as a formula. Locale-shaped strings (such as the date "19-8-2025" in nl-NL or fr-FR,
// format DD-MM-YYYY) are stored as text instead of as dates. To ensure dates are stored as dates, … use a
// locale-neutral format like ISO (YYYY-MM-DD) or a numeric date serial" [doc: Excel.Range.values, @types/office-js
// 1.0.612]. So, as typing does:
// - a leading apostrophe keeps the rest as text (Excel's quote prefix; `formulas` then reads the text without
//   it, office-js#6687), and so does a cell whose number format is Text, "@" ("When you format a cell using
//   the Text number format … anything that is entered is displayed as text" [Microsoft KB 141765]);
// - "000123" and "1.5E3" become numbers, rounded to Excel's 15 significant digits (the digits after the 15th
//   of a typed number are lost: "6222021234567890123" is stored as 6222021234567890000);
// - "12%" becomes 0.12 and, in a General cell, the format "0%" ("0.00%" when typed with decimals);
// - an ISO date "2026-10-31" (with " hh:mm" or " hh:mm:ss") becomes its serial in the workbook's date system
//   and, in a General cell, the format "yyyy-mm-dd" ("yyyy-mm-dd hh:mm"): Excel keeps the shape that was typed
//   (an assumption from the desktop UI; the docs only say the value is stored as a date);
// - "TRUE"/"FALSE" become booleans; an error literal ("#N/A", "#DIV/0!" …) becomes that error value;
// - text starting with "=", "+", "-" or "@" (more than the sign alone) becomes a formula. "@" is Lotus-style
//   formula entry, listed with the other three by OWASP's CSV-injection guidance; it is not in the Office.js
//   text (an assumption). Only arithmetic on numbers is evaluated ("=1+1" gives 2, "=1/0" #DIV/0!); any other
//   formula gives #NAME? (what a name such as "=Zhang" or "-Zhang" gives in Excel; references and functions
//   are not modelled).
// Gaps: other date and time shapes ("2026/10/31", "14:05", month names), currency, fractions and "(5)" stay text.
import { invalidArgument } from './errors';
import type { CellValue } from './model';

/** A typed value that carries more than the value: a number format, a formula or an error. */
export class Typed {
  constructor(
    readonly value: CellValue | undefined,
    readonly format?: string,
    readonly formula?: string,
    readonly error?: boolean,
  ) {}
}

/** Error values a user can type [doc: Excel.Range.values: "Cells that contain an error will return the error string"]. */
export const ERROR_LITERALS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A'] as const;
const ERRORS = new Map<string, string>(ERROR_LITERALS.map((e) => [e.toLowerCase(), e]));

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Days between the 1900 and the 1904 date systems' serials of the same day. */
export const DAYS_1904 = 1462;
/** Serial of 1970-01-01 in the 1900 date system. */
const EPOCH_1970 = 25569;

/** A number as Excel keeps it: at most 15 significant digits. */
export function fifteenDigits(n: number): number {
  return Number(n.toPrecision(15));
}

/** Serial of a calendar date (and time) in the given date system, or null when it is no date Excel has. */
export function dateSerial(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0, date1904 = false): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) return null;
  const t = Date.UTC(y, m - 1, d);
  const day = new Date(t);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
  let serial = t / 86400000 + EPOCH_1970;
  if (date1904) serial -= DAYS_1904;
  if (serial < (date1904 ? 0 : 1) || y > 9999) return null;
  return serial + (hh * 3600 + mm * 60 + ss) / 86400;
}

/**
 * What a cell stores for a value written through Range.values. `cellFormat` is the cell's number format
 * (undefined for General). Returns null for "leave the cell unchanged" (null, and NaN/±Infinity, which
 * JSON.stringify sends as null [doc: excel-add-ins-blank-null-values]), undefined for "clear it" ("").
 */
export function typeIn(v: unknown, cellFormat: string | undefined, date1904: boolean, where: string): CellValue | undefined | null | Typed {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') throw invalidArgument(where, `cell values must be string, number or boolean, got ${typeof v}`);
  if (v === '') return undefined;
  if (cellFormat === '@') return v;
  if (plainStart(v.charCodeAt(0))) return v;
  if (v.startsWith("'")) return v.length === 1 ? undefined : v.slice(1);
  const t = v.trim();
  if (NUMERIC.test(t)) return fifteenDigits(Number(t));
  const general = cellFormat === undefined;
  let m = PERCENT.exec(t);
  if (m) return new Typed(fifteenDigits(Number(m[1]) / 100), general ? (m[1].includes('.') ? '0.00%' : '0%') : undefined);
  m = ISO_DATE.exec(t);
  if (m) {
    const [y, mo, d, hh, mi, ss] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
    const serial = dateSerial(y as number, mo as number, d as number, hh, mi, ss, date1904);
    if (serial !== null) {
      const format = hh === undefined ? 'yyyy-mm-dd' : ss === undefined ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd hh:mm:ss';
      return new Typed(serial, general ? format : undefined);
    }
  }
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const error = ERRORS.get(t.toLowerCase());
  if (error) return new Typed(error, undefined, undefined, true);
  if (v.length > 1 && /^[=+\-@]/.test(v)) {
    const formula = v.startsWith('=') ? v : v.startsWith('@') ? `=${v.slice(1)}` : `=${v}`;
    const n = arithmetic(formula.slice(1));
    if (n === null) return new Typed('#NAME?', undefined, formula, true);
    return Number.isFinite(n) ? new Typed(fifteenDigits(n), undefined, formula) : new Typed('#DIV/0!', undefined, formula, true);
  }
  return v;
}

/** Value of + - * / ( ) over number literals, or null when the text is anything else. */
function arithmetic(text: string): number | null {
  const src = text.replace(/\s+/g, '');
  let i = 0;
  const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
  const factor = (): number | null => {
    const ch = src[i];
    if (ch === '+' || ch === '-') {
      i++;
      const f = factor();
      return f === null ? null : ch === '-' ? -f : f;
    }
    if (ch === '(') {
      i++;
      const e = expr();
      if (e === null || src[i] !== ')') return null;
      i++;
      return e;
    }
    const m = num.exec(src.slice(i));
    if (!m) return null;
    i += m[0].length;
    return Number(m[0]);
  };
  const term = (): number | null => {
    let a = factor();
    while (a !== null && (src[i] === '*' || src[i] === '/')) {
      const op = src[i++];
      const b = factor();
      if (b === null) return null;
      a = op === '*' ? a * b : a / b;
    }
    return a;
  };
  const expr = (): number | null => {
    let a = term();
    while (a !== null && (src[i] === '+' || src[i] === '-')) {
      const op = src[i++];
      const b = term();
      if (b === null) return null;
      a = op === '+' ? a + b : a - b;
    }
    return a;
  };
  const v = expr();
  return v !== null && i === src.length ? v : null;
}

/**
 * A first character with which nothing above can match: a letter other than t/T/f/F (TRUE, FALSE) or any
 * character beyond ASCII (CJK labels). Checked first, because most text written is such text.
 */
function plainStart(c: number): boolean {
  if (c >= 0x80) return true;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a && lower !== 0x74 && lower !== 0x66;
}

/** Whether Excel keeps this string as it is when it is typed into a General cell (no apostrophe needed). */
export function keepsText(s: string): boolean {
  return typeIn(s, undefined, false, 'keepsText') === s;
}
