/** Test helpers: a workbook seeded with the branch fixture, and the actions bound to it. */
import { readFileSync } from 'fs';
import path from 'path';
import { createPortfolioActions } from '../../src/excel';
import type { PortfolioActions, RunOptions } from '../../src/excel/api';
import { DEFAULT_CONFIG, type AnalysisConfig } from '../../src/domain';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';

export type Row = (string | number)[];

/** The fixture as rows (header first); numbers as numbers. The file has no quoted fields. */
export function fixtureRows(name = 'branch-small.csv'): Row[] {
  const text = readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((line, i) =>
      line.split(',').map((c) => {
        if (i === 0 || c.trim() === '') return c;
        const n = Number(c);
        return Number.isFinite(n) ? n : c;
      }),
    );
}

export const CONFIG: AnalysisConfig = { ...DEFAULT_CONFIG, asOf: '2026-10-31', locale: 'zh-CN' };
export const TODAY = '2026-11-23';

export function options(extra: Partial<RunOptions> = {}): RunOptions {
  return { config: CONFIG, today: TODAY, ...extra };
}

export interface Setup {
  wb: InMemoryWorkbook;
  actions: PortfolioActions;
  rows: Row[];
}

/** A workbook with the fixture at `topLeft` of sheet "客户" and one cell of it selected. */
export function seeded(opts: { topLeft?: string; rows?: Row[]; sheet?: string } = {}): Setup {
  const sheet = opts.sheet ?? '客户';
  const rows = opts.rows ?? fixtureRows();
  const wb = new InMemoryWorkbook([sheet]);
  wb.setValues(sheet, opts.topLeft ?? 'A1', rows);
  wb.select(sheet, opts.topLeft ?? 'A1');
  return { wb, actions: actionsFor(wb), rows };
}

/** The actions bound to the workbook as in Excel: Excel.run with options, and isSetSupported. */
export function actionsFor(wb: InMemoryWorkbook): PortfolioActions {
  return createPortfolioActions((batch, opts) => wb.run(opts ?? {}, batch), { supportsExcelApi: (v) => wb.isSetSupported('ExcelApi', v) });
}

/** Column letters for a 0-based index. */
export function col(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
