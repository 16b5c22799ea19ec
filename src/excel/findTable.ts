/**
 * Finding the client table from the selection (workbook.md "Finding the table"):
 * an Excel Table the selection touches → the whole Table; one cell → the region around it
 * (Range.getSurroundingRegion, ExcelApi 1.7, = VBA CurrentRegion); else the selected range.
 * Several areas are refused; they are detected with getSelectedRanges (ExcelApi 1.9) because
 * getSelectedRange throws on a multi-area selection [excel-notes §4.1].
 */
import { headerText, type Cell } from '../domain';
import type { SavedState } from './api';
import { intersect, localAddress, parseAddress, type Rect } from './address';
import type { ExcelHost } from './createActions';
import { AdapterError } from './errors';
import { queueLoadState } from './settings';
import { CHART_NAME } from './texts';

/** What the selection points at, after the first sync. */
export type Candidate =
  | { kind: 'table'; tableName: string; sheetName: string }
  | { kind: 'range'; rect: Rect; selection: string };

export interface SelectionProbe {
  candidate: Candidate;
  state: SavedState | null;
  /** The sheet's used range (values only), null on a blank sheet. */
  used: Rect | null;
  /** The add-in's chart already exists on the selection's sheet. */
  chartExists: boolean;
  /** Every worksheet's name, in tab order. */
  sheetNames: string[];
  /** The table's sheet is protected (WorksheetProtection.protected). */
  sheetProtected: boolean;
  /** The workbook's structure is protected (WorkbookProtection.protected). */
  workbookProtected: boolean;
  /** Where the table came from: the selection, or the saved table while a chart was selected. */
  source?: 'selection' | 'saved';
}

/**
 * S1: queues the selection, its region, the tables it touches, the sheet's used range and the
 * saved state; returns a reader to call after the sync. The reader throws MULTIPLE_AREAS /
 * EMPTY_REGION (and BAD_SETTINGS from the state) — nothing has been written at that point.
 */
export function queueSelectionProbe(ctx: Excel.RequestContext): () => SelectionProbe {
  const areas = ctx.workbook.getSelectedRanges();
  areas.load('areaCount,address');
  const first = areas.areas.getItemAt(0);
  const readAround = queueAround(ctx, first);
  return () => {
    if (areas.areaCount > 1) {
      throw new AdapterError('MULTIPLE_AREAS', { count: areas.areaCount, address: areas.address });
    }
    return readAround();
  };
}

/** What S1 reads around a cell or block (the selection's first area, or the saved table's top-left cell). */
function queueAround(ctx: Excel.RequestContext, first: Excel.Range): () => SelectionProbe {
  first.load('address');
  const region = first.getSurroundingRegion();
  region.load('address');
  const used = first.worksheet.getUsedRangeOrNullObject(true);
  used.load('address');
  // Range.getTables (1.9) on the first area: with one area allowed, the same as asking the RangeAreas.
  const tables = first.getTables(false);
  tables.load('items/name');
  const chart = first.worksheet.charts.getItemOrNullObject(CHART_NAME);
  chart.load('name');
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  // WorksheetProtection (1.2) and WorkbookProtection (1.7): writes there fail with AccessDenied, so a run
  // refuses before writing anything (runAnalysis).
  const sheetProtection = first.worksheet.protection;
  sheetProtection.load('protected');
  const bookProtection = ctx.workbook.protection;
  bookProtection.load('protected');
  const readState = queueLoadState(ctx);
  return () => {
    const state = readState();
    const sel = parseAddress(first.address);
    const common = {
      state,
      chartExists: !chart.isNullObject,
      sheetNames: sheets.items.map((w) => w.name),
      sheetProtected: sheetProtection.protected,
      workbookProtected: bookProtection.protected,
    };
    if (!sel) throw new AdapterError('EMPTY_REGION', { address: first.address });
    const usedRect = used.isNullObject ? null : parseAddress(used.address);
    if (tables.items.length > 0) {
      return { candidate: { kind: 'table', tableName: tables.items[0].name, sheetName: sel.sheetName }, used: usedRect, ...common };
    }
    let rect: Rect | null;
    if (sel.rows === 1 && sel.cols === 1) rect = parseAddress(region.address);
    // A whole-column selection ("A:C") is clipped to the used range: the table is what has values.
    else rect = usedRect ? intersect(sel, usedRect) : null;
    if (!rect || !usedRect || !intersect(rect, usedRect)) {
      throw new AdapterError('EMPTY_REGION', { address: first.address });
    }
    return { candidate: { kind: 'range', rect, selection: first.address }, used: usedRect, ...common };
  };
}

/**
 * S1 and its sync. While a chart or shape is selected, getSelectedRange(s) fail with InvalidSelection
 * "by design" (OfficeDev/office-js#2268) — the usual state right after a run, which leaves the add-in's
 * chart on the sheet. Then the table analysed last time (the saved settings) is probed instead, from its
 * top-left cell (so a table grown since is found whole); with none saved, the user is asked for a cell.
 */
export async function probeSelection(ctx: Excel.RequestContext): Promise<SelectionProbe> {
  const read = queueSelectionProbe(ctx);
  try {
    await ctx.sync();
    return { ...read(), source: 'selection' };
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code !== 'InvalidSelection') throw e;
  }
  const readState = queueLoadState(ctx);
  await ctx.sync();
  const saved = readState()?.table;
  const rect = saved ? parseAddress(saved.address) : null;
  if (!saved || !rect) throw new AdapterError('SELECTION_NOT_CELLS');
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(saved.sheetName);
  sheet.load('name');
  await ctx.sync();
  if (sheet.isNullObject) throw new AdapterError('SELECTION_NOT_CELLS');
  const readAround = queueAround(ctx, sheet.getRangeByIndexes(rect.row, rect.col, 1, 1));
  await ctx.sync();
  return { ...readAround(), source: 'saved' };
}

/** An Excel Table's geometry and header, after the second sync. */
export interface TableGeometry {
  /** Header row + data body, every column (the totals row is left out). */
  rect: Rect;
  header: Cell[];
  /** The data body has hidden or filtered rows (Range.rowHidden is null when some are hidden). */
  hasHiddenRows: boolean;
}

/** S2 for an Excel Table: header values, body size and hidden rows. */
export function queueTableGeometry(ctx: Excel.RequestContext, tableName: string): () => TableGeometry {
  const table = ctx.workbook.tables.getItem(tableName);
  const header = table.getHeaderRowRange();
  header.load('address,values');
  const body = table.getDataBodyRange();
  body.load('rowCount,rowHidden');
  return () => {
    const h = parseAddress(header.address);
    if (!h) throw new AdapterError('EMPTY_REGION', { address: header.address });
    return {
      rect: { ...h, rows: 1 + body.rowCount },
      header: header.values[0] as Cell[],
      hasHiddenRows: body.rowHidden !== false,
    };
  };
}

/**
 * How many of the header's last columns are the add-in's own output (a re-run must neither read
 * them as input nor write a second set): the saved output headers, in order, at the right end.
 * Ownership is recognised by the header texts rather than by the saved address alone, so it
 * survives rows or columns inserted before the table.
 */
export function ownedTrailingColumns(header: readonly Cell[], state: SavedState | null, sheetName: string): number {
  const saved = state?.output;
  if (!saved || saved.sheetName !== sheetName) return 0;
  const k = saved.headers.length;
  if (k === 0 || k >= header.length) return 0;
  const tail = header.slice(header.length - k).map(headerText);
  return tail.every((h, i) => h === saved.headers[i]) ? k : 0;
}

/** Range.getMergedAreasOrNullObject's requirement set (checked at run time, createActions.ts). */
export const MERGED_AREAS_API = '1.13';
/**
 * It fails beyond 512 merged areas [doc: Excel.Range.getMergedAreasOrNullObject]; a header row of at most
 * this many cells cannot hold more, so the probe never fails the sync it rides on.
 */
const MERGED_PROBE_MAX_COLS = 512;

/** The areas of a RangeAreas address ("Sheet1!A1:B1, 'My, sheet'!D1:E1"): commas inside quotes are not separators. */
function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Queues asking for the merged cells of the header row (workbook.md "Finding the table": say so in the
 * summary), on an Excel with ExcelApi 1.13 only — on an older one nothing above the manifest's 1.9 is called.
 * It rides on a sync the caller makes anyway. The reader gives the merged areas' local addresses ("D1:E1"),
 * [] when there are none, or null when Excel was not asked (too old, or a header too wide to ask safely).
 */
export function queueMergedHeaderProbe(sheet: Excel.Worksheet, header: Rect, host: ExcelHost | undefined): () => string[] | null {
  if (!host?.supportsExcelApi(MERGED_AREAS_API) || header.cols > MERGED_PROBE_MAX_COLS) return () => null;
  const merged = sheet.getRangeByIndexes(header.row, header.col, 1, header.cols).getMergedAreasOrNullObject();
  merged.load('address');
  return () => {
    if (merged.isNullObject) return [];
    return splitAreas(merged.address).map((a) => {
      const r = parseAddress(a);
      return r ? localAddress(r) : a;
    });
  };
}

/** Header texts of a row (as the task pane shows them). */
export function headerTexts(row: readonly Cell[]): string[] {
  return row.map(headerText);
}
