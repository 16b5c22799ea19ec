/**
 * How the adapter writes values Excel would otherwise convert. Excel reads every string written through
 * Range.values as if it were typed: "If the returned value starts with a plus ("+"), minus ("-"), or equal
 * sign ("="), Excel interprets this value as a formula" and ISO text is "stored as dates" [doc: Excel.Range.values];
 * "000123" becomes the number 123, "12%" 0.12, an account number loses its digits after the 15th.
 *
 * Dates are written as date serials with a date number format (an ISO string formatted General would show
 * 46326). Free text taken from the user's data or settings (client ids and names, sheet names in addresses,
 * column headers, raw values quoted in data issues) is written with a leading apostrophe, Excel's quote
 * prefix: the cell holds and shows the text exactly and its number format stays General. office-js#6687
 * shows such a cell is text and that `formulas` reads it without the apostrophe; that `values` reads it so
 * too, and that Range.values honours the prefix as typing does, are assumptions (the docs do not say).
 *
 * Why not the Text format "@" on those cells: "anything that is entered is displayed as text" in such a cell
 * [Microsoft KB 141765], so whatever a colleague types there later would be text as well (a formula typed
 * into the summary sheet would not calculate); it costs a number-format array in every block of the output;
 * and it works only if the format is queued before the values. The prefix is the standard way an Excel user
 * keeps "000123" as typed, reads the same without the add-in, and our own readers (re-run ownership, last
 * period's annotated sheet) read the text unchanged.
 * The catalogue's own labels (quadrants, stages, actions, flags…) need no prefix: none starts with a sign or
 * looks like a number or a date, which tests/excel checks for every label.
 */
import { DAYS_1904, EXCEL_EPOCH_SERIAL, parseDateText } from '../domain';

/** The number formats the adapter gives the dates it writes. */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** Free text as a cell value Excel keeps exactly ("" stays blank). */
export function asText(s: string): string {
  return s === '' ? s : `'${s}`;
}

/** Serial of a YYYY-MM-DD day in the workbook's date system, or the text itself when it is no such day. */
export function daySerial(iso: string, date1904: boolean): number | string {
  const day = parseDateText(iso);
  return day === null ? asText(iso) : day + EXCEL_EPOCH_SERIAL - (date1904 ? DAYS_1904 : 0);
}

/** Serial of a local date and time (to the minute) in the workbook's date system. */
export function timeSerial(d: Date, date1904: boolean): number {
  const local = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes());
  return local / 86_400_000 + EXCEL_EPOCH_SERIAL - (date1904 ? DAYS_1904 : 0);
}

/**
 * Queues learning the workbook's date system (Excel's "Use 1904 date system" option). No released requirement
 * set exposes it: Workbook, WorkbookProperties (1.7) and Application have no such member in @types/office-js
 * 1.0.612; `Workbook.use1904DateSystem` was listed only among the preview APIs (excel-preview-apis.md, 2021,
 * "ExcelApi BETA (PREVIEW ONLY)"). DATE does depend on it — "year … from 1900 or 1904 (depending on the workbook's
 * date system)" [doc: Excel.Functions.date, ExcelApi 1.2] — so DATE(2000,1,1) is 36526 in the 1900 system and
 * 35064 (1,462 days less) in the 1904 one. Read only: nothing is written. Range.values gives date cells as the
 * workbook's raw serials, so dates read from a 1904 workbook must be shifted (an assumption: the docs call
 * them raw values and say nothing more about 1904).
 */
export function queueDateSystemProbe(ctx: Excel.RequestContext): () => boolean {
  const probe = ctx.workbook.functions.date(2000, 1, 1);
  probe.load('value');
  return () => probe.value === 36526 - DAYS_1904;
}
