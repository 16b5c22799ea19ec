/**
 * Turning an input file (.xlsx or .csv) into the domain's table: header row + data rows, plus
 * where the table sits (sheet and range), which the annotated workbook needs.
 */
import type JSZip from 'jszip';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { headerText, labels, LOCALES, type Cell } from '../domain';
import { inputError, isCliError, reasonOf, usageError } from './errors';
import { decodeText, looksBinary, parseCsv, sniffDelimiter } from './readCsv';
import { excelJs, pickSheet, readRange, readUsed, type Grid } from './readXlsx';
import { formatRange, type CellRange } from './range';

export interface InputTable {
  /** Absolute path. */
  path: string;
  /** The path as the user wrote it (for messages). */
  display: string;
  kind: 'csv' | 'xlsx';
  /** The worksheet's name; for a CSV, a sheet name made from the file name. */
  sheetName: string;
  /** Where the table is, 1-based (for a CSV, in its grid of lines and fields). */
  range: CellRange;
  /** Header row first, then the data rows; all rows as wide as the range. */
  table: Cell[][];
  /**
   * The loaded workbook of an .xlsx, when ReadOptions.keepWorkbook asked for it: last period's
   * summary sheet is read from it.
   */
  workbook?: ExcelJS.Workbook;
  /**
   * An .xlsx read by the streaming reader: its package as loaded (JSZip), which the .xlsx writer
   * copies rather than loading the file again.
   */
  zip?: JSZip;
}

export interface ReadOptions {
  sheet?: string;
  range?: CellRange;
  /** For the previous period: take the first sheet whose header row this accepts. */
  acceptHeader?: (header: Cell[]) => boolean;
  onRow?: (done: number) => void;
  /** Keep the loaded .xlsx workbook in InputTable.workbook (it holds the whole file in memory). */
  keepWorkbook?: boolean;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Reads a whole file, mapping operating-system errors to one clear input error. */
export async function readBytes(file: string, display: string, notFound: 'fileNotFound' | 'configNotFound' = 'fileNotFound'): Promise<Buffer> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw inputError('notAFile', { file: display });
    return await fs.readFile(file);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'ENOENT') {
      throw inputError(notFound, { file: display });
    }
    if (isCliError(e)) throw e;
    throw inputError('unreadable', { file: display, reason: reasonOf(e) });
  }
}

/** A name Excel accepts for a sheet (no []:*?/\, at most 31 characters). */
export function sheetNameFor(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  return base === '' ? 'Sheet1' : base;
}

const isEmpty = (c: Cell) => c === null || c === undefined || c === '';

/** The rectangle of a CSV grid, "" where a line is short. */
function cropText(rows: string[][], r: CellRange): string[][] {
  const out: string[][] = [];
  for (let i = r.top; i <= r.bottom; i++) {
    const src = rows[i - 1] ?? [];
    const line = new Array<string>(r.right - r.left + 1);
    for (let j = r.left; j <= r.right; j++) line[j - r.left] = src[j - 1] ?? '';
    out.push(line);
  }
  return out;
}

function usedTextRange(rows: string[][]): CellRange | null {
  let top = 0;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  rows.forEach((row, i) => {
    let any = false;
    row.forEach((v, j) => {
      if (isEmpty(v)) return;
      any = true;
      if (j + 1 < left) left = j + 1;
      if (j + 1 > right) right = j + 1;
    });
    if (any) {
      if (top === 0) top = i + 1;
      bottom = i + 1;
    }
  });
  return top === 0 ? null : { top, left, bottom, right };
}

function readCsvTable(bytes: Buffer, abs: string, display: string, opts: ReadOptions): InputTable {
  const { text } = decodeText(bytes);
  if (looksBinary(text)) throw inputError('notCsvOrXlsx', { file: display });
  if (opts.sheet !== undefined) throw usageError('sheetNotForCsv', { file: display });
  const rows = parseCsv(text, sniffDelimiter(text));
  const range = opts.range ?? usedTextRange(rows);
  if (!range) throw inputError('emptyFile', { file: display });
  const table = cropText(rows, range);
  if (opts.range && table.every((row) => row.every(isEmpty))) {
    throw inputError('emptyRange', { file: display, range: formatRange(opts.range) });
  }
  return { path: abs, display, kind: 'csv', sheetName: sheetNameFor(abs), range, table };
}

async function readXlsxTable(bytes: Buffer, abs: string, display: string, opts: ReadOptions): Promise<InputTable> {
  const wb = new (await excelJs()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw inputError('corruptXlsx', { file: display, reason: reasonOf(e) });
  }
  let ws: ExcelJS.Worksheet | undefined;
  let grid: Grid;
  let range: CellRange;
  if (opts.sheet !== undefined) {
    ws = wb.worksheets.find((w) => w.name === opts.sheet) ?? wb.worksheets.find((w) => w.name.toLowerCase() === opts.sheet?.toLowerCase());
    if (!ws) {
      throw inputError('sheetNotFound', { file: display, sheet: opts.sheet, sheets: wb.worksheets.map((w) => w.name).join(', ') });
    }
    if (opts.range) {
      range = opts.range;
      grid = readRange(ws, range, opts.onRow);
    } else {
      const used = readUsed(ws, opts.onRow);
      if (!used) throw inputError('emptySheet', { file: display, sheet: ws.name });
      ({ grid, range } = used);
    }
  } else {
    const picked = pickSheet(wb, opts.acceptHeader, opts.onRow);
    if (!picked) throw inputError(opts.acceptHeader ? 'previousNoQuadrant' : 'noSheetData', { file: display });
    ws = picked.ws;
    if (opts.range) {
      range = opts.range;
      grid = readRange(ws, range, opts.onRow);
    } else {
      ({ grid, range } = picked);
    }
  }
  if (opts.range && grid.every((row) => row.every(isEmpty))) {
    throw inputError('emptyRange', { file: display, range: formatRange(opts.range) });
  }
  return { path: abs, display, kind: 'xlsx', sheetName: ws.name, range, table: grid, ...(opts.keepWorkbook ? { workbook: wb } : {}) };
}

/**
 * Leaves out the output columns of an earlier run (an annotated file analysed again): read as
 * input they would be auto-mapped (忠诚度得分 is a loyalty-score synonym) and skew the result.
 * They are recognised by their first three headers, in either language, side by side.
 */
export function withoutOutputColumns(input: InputTable): InputTable {
  const header = (input.table[0] ?? []).map(headerText);
  const h = labels.OUTPUT_HEADERS;
  for (let i = 1; i + 2 < header.length; i++) {
    const at = LOCALES.some((l) => header[i] === h.share[l] && header[i + 1] === h.loyalty[l] && header[i + 2] === h.quadrant[l]);
    if (!at) continue;
    return {
      ...input,
      range: { ...input.range, right: input.range.left + i - 1 },
      table: input.table.map((row) => row.slice(0, i)),
    };
  }
  return input;
}

/** Whether a file is a .xlsx or a .csv (told apart by its first bytes, then by extension); else the input error. */
export function kindOf(head: Uint8Array, abs: string, file: string): 'xlsx' | 'csv' {
  if (head.length === 0) throw inputError('emptyFile', { file });
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE)) throw inputError('legacyXls', { file });
  const ext = path.extname(abs).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') throw inputError('corruptXlsx', { file, reason: 'not a zip package' });
  if (ext === '.xls') throw inputError('legacyXls', { file });
  return 'csv';
}

/** The kind of a file from its first bytes, without reading the rest (the errors of readBytes and kindOf). */
export async function sniffInput(abs: string, file: string): Promise<'xlsx' | 'csv'> {
  let head: Uint8Array;
  try {
    const st = await fs.stat(abs);
    if (!st.isFile()) throw inputError('notAFile', { file });
    const h = await fs.open(abs, 'r');
    try {
      const buf = new Uint8Array(4);
      const { bytesRead } = await h.read(buf, 0, 4, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'ENOENT') throw inputError('fileNotFound', { file });
    if (isCliError(e)) throw e;
    throw inputError('unreadable', { file, reason: reasonOf(e) });
  }
  return kindOf(head, abs, file);
}

/** Reads a .xlsx or .csv file (told apart by content, then by extension). */
export async function readInput(file: string, cwd: string, opts: ReadOptions = {}): Promise<InputTable> {
  const abs = path.resolve(cwd, file);
  const bytes = await readBytes(abs, file);
  if (kindOf(bytes, abs, file) === 'xlsx') return readXlsxTable(bytes, abs, file, opts);
  return readCsvTable(bytes, abs, file, opts);
}
