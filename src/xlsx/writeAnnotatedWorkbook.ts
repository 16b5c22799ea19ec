/**
 * The annotated copy of `--format xlsx` (cli.md, workbook.md): the input sheet with the output
 * columns, the summary sheet, and a native XY scatter chart of the matrix.
 *
 * Library choice: exceljs writes the workbook, then JSZip adds the chart parts to the package.
 * - exceljs (installed) reads and writes cells, formats and fills well, but has no chart API and
 *   drops charts it reads; SheetJS community edition drops charts too.
 * - @cj-tech-master/excelts writes charts but requires Node ≥ 22 (we run Node 20).
 * - xlsx-populate keeps a template's chart intact but cannot create one whose series count and
 *   ranges depend on the data, and is not installed.
 * So the chart is DrawingML we write ourselves (chartXml.ts) and inject (injectChart.ts); the
 * package is otherwise exactly what exceljs wrote.
 *
 * Fidelity of the copy is exceljs's: values, styles, merged cells, tables, images, hyperlinks and
 * data validation survive; charts, pivot tables, shapes and macros in the input do not. An Excel
 * Table whose range is the analysed table is widened to take the output columns (extendTable.ts).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { labels, outputCells, outputColumns, outputHeaders, QUADRANTS, RISKS, type AnalysisResult, type Cell, type Locale } from '../domain';
import { buildChartModel } from './chartModel';
import { chartXml } from './chartXml';
import { extendTable } from './extendTable';
import { injectChart } from './injectChart';
import { columnLetters, writeSummarySheet, type SummaryExtra } from './summarySheet';

/** A table on a sheet: 1-based, inclusive sheet coordinates; the first row is the header. */
export interface TableRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An .xlsx file and the table in it. */
export interface WorkbookInput {
  path: string;
  sheetName: string;
  range: TableRange;
  /**
   * The file already loaded by exceljs (the command line read the table from it): written from
   * as it is, rather than reading the file a second time. It is changed in place.
   */
  workbook?: ExcelJS.Workbook;
}

/** A table read elsewhere (a CSV): written at A1 of a new workbook's only sheet. */
export interface TableInput {
  table: readonly (readonly Cell[])[];
  sheetName: string;
}

export interface WriteAnnotatedOptions {
  /** Extra lines for the summary's "Run" section (e.g. the input file, notes on filtered rows). */
  summaryExtras?: SummaryExtra[];
  /** The run time written to the summary (default: now). */
  now?: Date;
}

const MAX_COLUMNS = 16384;
const MAX_ROWS = 1048576;

const WIDTHS: Partial<Record<ReturnType<typeof outputColumns>[number], number>> = {
  share: 11,
  loyalty: 11,
  quadrant: 16,
  stage: 12,
  risk: 10,
  flags: 22,
  churnType: 11,
  priority: 9,
  action: 48,
  previousQuadrant: 16,
  quadrantChange: 26,
  issues: 36,
};

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function isTableInput(input: WorkbookInput | TableInput): input is TableInput {
  return 'table' in input;
}

async function realOrResolved(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch {
    // The output usually does not exist yet: resolve its folder instead.
    try {
      return path.join(await fs.realpath(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Refuses an output that is the input file (also through a symlink or a relative path). */
async function assertNotInput(inputPath: string, outPath: string): Promise<void> {
  const [a, b] = await Promise.all([realOrResolved(inputPath), realOrResolved(outPath)]);
  if (a === b || path.resolve(inputPath) === path.resolve(outPath)) {
    throw new Error(`Refusing to overwrite the input file ${inputPath}: choose another output file.`);
  }
}

async function openInput(input: WorkbookInput | TableInput): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; range: TableRange }> {
  if (isTableInput(input)) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(input.sheetName);
    input.table.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== '') ws.getCell(r + 1, c + 1).value = v;
      }),
    );
    const right = input.table.reduce((m, r) => Math.max(m, r.length), 1);
    return { wb, ws, range: { top: 1, left: 1, bottom: Math.max(1, input.table.length), right } };
  }
  const wb = input.workbook ?? new ExcelJS.Workbook();
  if (!input.workbook) await wb.xlsx.readFile(input.path);
  const ws = wb.getWorksheet(input.sheetName);
  if (!ws) throw new Error(`The workbook ${input.path} has no sheet "${input.sheetName}".`);
  return { wb, ws, range: input.range };
}

function writeOutputColumns(ws: ExcelJS.Worksheet, range: TableRange, result: AnalysisResult, locale: Locale): number {
  const columns = outputColumns(result);
  const headers = outputHeaders(result, locale);
  const first = range.right + 1;
  if (first + columns.length - 1 > MAX_COLUMNS) {
    throw new Error(`No room for the ${columns.length} output columns right of the table (column ${columnLetters(range.right)}).`);
  }
  const dataRows = range.bottom - range.top;

  headers.forEach((h, j) => {
    const cell = ws.getCell(range.top, first + j);
    cell.value = h;
    // Whole style objects: exceljs's per-property setters mutate styles shared between cells.
    cell.style = { font: { bold: true } };
    const col = ws.getColumn(first + j);
    if (col.width === undefined) col.width = WIDTHS[columns[j]] ?? 12;
  });

  for (const row of result.rows) {
    if (row.row < 1 || row.row > dataRows) {
      throw new Error(`Result row ${row.row} is outside the table's ${dataRows} data rows: the result is not for this table.`);
    }
    const cells = outputCells(row, result, locale);
    const r = range.top + row.row;
    columns.forEach((c, j) => {
      const cell = ws.getCell(r, first + j);
      const v = cells[j];
      cell.value = v === '' ? null : v;
      // exceljs looks every styled cell's style up when it writes (the costliest part of writing),
      // so only the two number columns carry one; the colours are conditional formats below.
      let style: Partial<ExcelJS.Style> = {};
      if (c === 'share') style = { numFmt: '0.00%' };
      else if (c === 'loyalty') style = { numFmt: '0.0' };
      if (Object.keys(style).length > 0 || Object.keys(cell.style ?? {}).length > 0) cell.style = style;
    });
  }
  addFills(ws, range, first + columns.indexOf('quadrant'), QUADRANTS.map((q) => [labels.QUADRANT_LABELS[q][locale], labels.QUADRANT_FILLS[q]]));
  addFills(
    ws,
    range,
    first + columns.indexOf('risk'),
    RISKS.flatMap((r) => {
      const fill = labels.RISK_FILLS[r];
      return fill ? [[labels.RISK_LABELS[r][locale], fill] as [string, string]] : [];
    }),
  );
  return columns.length;
}

/**
 * Fills a data column by its text with conditional formats (one rule per label), as the add-in
 * does in Excel: the colour follows the cell if a reader edits it, and no cell carries a style.
 */
function addFills(ws: ExcelJS.Worksheet, range: TableRange, col: number, fills: [string, string][]): void {
  if (range.bottom <= range.top) return;
  const letter = columnLetters(col);
  ws.addConditionalFormatting({
    ref: `${letter}${range.top + 1}:${letter}${range.bottom}`,
    rules: fills.map(([text, color], i) => ({
      type: 'expression',
      priority: i + 1,
      formulae: [`${letter}${range.top + 1}="${text.replace(/"/g, '""')}"`],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(color) } } },
    })),
  });
}

/** A 1×1 transparent PNG: the chart's placeholder (see injectChart). */
const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Has exceljs put a placeholder picture at the chart's place; returns its file name in xl/media. */
function addChartPlaceholder(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, col: number, row: number): string {
  const id = wb.addImage({ buffer: PLACEHOLDER_PNG as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(id, { tl: { col, row }, ext: { width: 1, height: 1 } });
  // exceljs names media by their position in the workbook's list (workbook-xform.js: type + (i + 1)).
  return `image${Number(id) + 1}.png`;
}

async function writeAtomically(outPath: string, data: Buffer): Promise<void> {
  // A half-written file never takes the output's name (a crash leaves only the temporary file).
  const tmp = path.join(path.dirname(path.resolve(outPath)), `.${path.basename(outPath)}.${randomUUID()}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, outPath);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes the annotated copy to `outPath`. Result rows are placed by `row` (1-based among the
 * table's data rows): data row n is sheet row `range.top + n`.
 */
export async function writeAnnotatedWorkbook(
  input: WorkbookInput | TableInput,
  result: AnalysisResult,
  locale: Locale,
  outPath: string,
  options: WriteAnnotatedOptions = {},
): Promise<void> {
  if (!isTableInput(input)) {
    await assertNotInput(input.path, outPath);
    const { top, left, bottom, right } = input.range;
    if (!(top >= 1 && left >= 1 && bottom >= top && right >= left && bottom <= MAX_ROWS && right <= MAX_COLUMNS)) {
      throw new Error(`Invalid table range ${JSON.stringify(input.range)}.`);
    }
  }
  const { wb, ws, range } = await openInput(input);
  const nColumns = writeOutputColumns(ws, range, result, locale);

  const chart = buildChartModel(result, locale);
  const source = `${ws.name}!${columnLetters(range.left)}${range.top}:${columnLetters(range.right)}${range.bottom}`;
  const refs = writeSummarySheet(wb, {
    result,
    locale,
    chart,
    source,
    runTime: options.now ?? new Date(),
    extras: options.summaryExtras ?? [],
  });

  // One blank column after the output columns; top-aligned with the table's header.
  const at = { col: range.right + nColumns + 1, row: range.top - 1 };
  const placeholderMedia = addChartPlaceholder(wb, ws, at.col, at.row);
  // exceljs deflates the package; JSZip then changes only small parts, and keeps every part it
  // does not change — the big sheet above all — as exceljs compressed it (no second deflate).
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  if (!isTableInput(input)) await extendTable(zip, ws.name, range, outputHeaders(result, locale));
  await injectChart(zip, { sheetName: ws.name, chartXml: chartXml(chart, refs, locale), ...at, placeholderMedia });
  const out = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  await writeAtomically(outPath, out);
}
