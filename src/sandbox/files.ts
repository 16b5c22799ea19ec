/**
 * Opening a client table from disk in the browser: CSV parsed here, .xlsx read with exceljs's
 * browser build (loaded only when a workbook is opened). Nothing leaves the page.
 */
import { dateSerial } from './sample';

export interface LoadedSheet {
  name: string;
  /**
   * Cell values to write as Range.values would (strings, numbers, booleans; "" for empty). The in-memory
   * Excel reads strings as if typed, so text that must stay text carries a leading apostrophe.
   */
  values: (string | number | boolean)[][];
  /** Cells holding date serials, to be formatted as dates: [row, col]. */
  dateCells: [number, number][];
}

/**
 * A CSV field as Excel reads it when it opens the file (numbers and ISO dates convert), except that text Excel
 * would read as a formula (or a sign) is kept as text, as a leading apostrophe does.
 */
function asText(s: string): string {
  const t = s.trim();
  if (t === '' || Number.isFinite(Number(t))) return s;
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

const keepText = (s: string) => (s === '' ? s : `'${s}`);

/** RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes); comma, semicolon or tab. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

export function csvToSheet(fileName: string, text: string): LoadedSheet {
  const name = fileName.replace(/\.[^.]+$/, '').slice(0, 31).replace(/[\\/?*[\]:]/g, '_') || 'Sheet1';
  return { name, values: parseCsv(text).map((r) => r.map(asText)), dateCells: [] };
}

type ExcelJsCell = { value: unknown; text?: string };

/** An exceljs cell value as Range.values would give it. */
function cellValue(v: unknown): { value: string | number | boolean; date: boolean } {
  if (v === null || v === undefined) return { value: '', date: false };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v, date: false };
  // A text cell of a workbook is text ("000123", "2026-10-31" as typed in it): the apostrophe keeps it so.
  if (typeof v === 'string') return { value: keepText(v), date: false };
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight of the calendar day.
    return { value: dateSerial(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()), date: true };
  }
  const o = v as { result?: unknown; richText?: { text: string }[]; text?: string; error?: string };
  if ('error' in o && typeof o.error === 'string') return { value: o.error, date: false };
  if ('result' in o) return cellValue(o.result);
  if (Array.isArray(o.richText)) return { value: keepText(o.richText.map((r) => r.text).join('')), date: false };
  if (typeof o.text === 'string') return { value: keepText(o.text), date: false };
  return { value: String(v), date: false };
}

export async function xlsxToSheets(data: ArrayBuffer): Promise<LoadedSheet[]> {
  // The browser build (package.json "browser" field); a separate chunk, fetched from this server.
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data);
  const sheets: LoadedSheet[] = [];
  book.eachSheet((ws) => {
    const values: (string | number | boolean)[][] = [];
    const dateCells: [number, number][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const out: (string | number | boolean)[] = [];
      row.eachCell({ includeEmpty: true }, (cell: ExcelJsCell, c) => {
        const { value, date } = cellValue(cell.value);
        out[c - 1] = value;
        if (date) dateCells.push([r - 1, c - 1]);
      });
      values[r - 1] = Array.from(out, (v) => v ?? '');
    });
    sheets.push({ name: ws.name, values: Array.from(values, (r) => r ?? []), dateCells });
  });
  return sheets;
}
