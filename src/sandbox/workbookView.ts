/**
 * Read-only access to the in-memory workbook for drawing the grid. The grid shows a few hundred
 * cells at a time out of up to a million rows, so it reads the sheet model cell by cell instead of
 * copying ranges (the public getValues/getFills helpers copy dense blocks). Writes always go
 * through the workbook's own methods, so its change notifications and checks apply.
 */
import type { InMemoryWorkbook, SheetModel } from '../inMemoryExcel';
import type { SampleSheet } from './sample';
import type { LoadedSheet } from './files';
import { InMemoryWorkbook as Workbook, columnLetters, formatValue, keepsText } from '../inMemoryExcel';

export interface CellView {
  text: string;
  numeric: boolean;
  fill: string | null;
  bold: boolean;
  color: string | null;
}

export class SheetView {
  private constructor(private readonly sheet: Readonly<SheetModel>) {}

  static of(wb: InMemoryWorkbook, name: string): SheetView | null {
    const sheet = wb.sheetModel(name);
    return sheet ? new SheetView(sheet) : null;
  }

  /** Rows and columns in use (from A1), so the grid knows how far to scroll. */
  extent(): { rows: number; cols: number } {
    const b = this.sheet.values.bounds();
    return b ? { rows: b.r + b.rows, cols: b.c + b.cols } : { rows: 0, cols: 0 };
  }

  cell(r: number, c: number): CellView {
    const s = this.sheet;
    const v = s.values.get(r, c);
    return {
      text: v === undefined || v === null ? '' : formatValue(v, s.numberFormat.get(r, c)),
      numeric: typeof v === 'number',
      fill: s.fill.get(r, c) ?? null,
      bold: s.bold.get(r, c) ?? false,
      color: s.fontColor.get(r, c) ?? null,
    };
  }

  /**
   * What the editor starts with, as Excel's formula bar shows it: a formula as its formula, a date as its
   * displayed text, a text that typing would convert ("000123", "=x") with its apostrophe, so that editing
   * and confirming a cell does not change it.
   */
  editText(r: number, c: number): string {
    const s = this.sheet;
    const v = s.values.get(r, c);
    if (v === undefined || v === null) return '';
    const formula = s.formulas.get(r, c);
    if (formula !== undefined) return formula;
    const f = s.numberFormat.get(r, c);
    if (typeof v === 'string') return f === '@' || s.errors.get(r, c) || keepsText(v) ? v : `'${v}`;
    return typeof v === 'number' && f && /y/i.test(f) ? formatValue(v, f) : String(v);
  }

  /** Column width in pixels (Excel stores points; 0 for a hidden column). */
  columnWidth(c: number): number {
    if (this.sheet.hiddenColumns.has(c)) return 0;
    const w = this.sheet.columnWidths.get(c);
    return w === undefined ? 88 : Math.max(24, Math.round((w * 4) / 3));
  }
}

/** A workbook holding the sample on one sheet, the cursor inside the table (ready to detect). */
export function workbookFromSample(sample: SampleSheet): InMemoryWorkbook {
  const wb = new Workbook([sample.sheetName]);
  wb.setValues(sample.sheetName, 'A1', [sample.header, ...sample.rows]);
  const last = sample.rows.length + 1;
  for (const c of sample.dateColumns) {
    const col = columnLetters(c);
    wb.setNumberFormat(sample.sheetName, `${col}2:${col}${last}`, 'yyyy-mm-dd');
  }
  wb.setBold(sample.sheetName, `A1:${columnLetters(sample.header.length - 1)}1`, true);
  wb.select(sample.sheetName, 'B2');
  return wb;
}

export function workbookFromSheets(sheets: LoadedSheet[]): InMemoryWorkbook {
  const wb = new Workbook();
  for (const s of sheets) {
    wb.addSheet(s.name);
    if (s.values.length) wb.setValues(s.name, 'A1', s.values);
    for (const [r, c] of s.dateCells) wb.setNumberFormat(s.name, `${columnLetters(c)}${r + 1}`, 'yyyy-mm-dd');
  }
  if (sheets.length) wb.select(sheets[0].name, 'A1');
  return wb;
}
