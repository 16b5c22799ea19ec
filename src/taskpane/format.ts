/** Number and address formatting for the pane (display only; the result keeps unrounded numbers). */
import type { Locale } from '../domain';

export function formatPercent(x: number, locale: Locale, digits = 2): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

export function formatNumber(x: number, locale: Locale, digits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x);
}

/** Loyalty is shown as 0.0, as in the sheet. */
export function formatLoyalty(x: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

/**
 * The worksheet row number of a data row (1-based among the table's data rows), so the pane
 * names rows as the user sees them in Excel. `address` is the table's, header included
 * ("Sheet1!A1:R201", "'My sheet'!B3:F9"); null when it cannot be read.
 */
export function sheetRow(address: string, row: number): number | null {
  const m = /(?:^|!)\$?[A-Z]{1,3}\$?(\d+)(?::|$)/.exec(address.slice(address.lastIndexOf('!') + 1));
  if (!m) return null;
  return Number(m[1]) + row;
}

/** Today as YYYY-MM-DD in local time (the user's calendar day, not UTC's). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
