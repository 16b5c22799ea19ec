/**
 * Last period's results from another sheet of the workbook (RunOptions.previous, kind 'sheet'):
 * the sheet's used range, read in blocks; the header row and the records come from the domain
 * (previousRecords), which the command line uses too. The domain matches the records to this
 * period's rows (analysis.md §11).
 */
import { findPreviousHeaderRow, previousRecords, type Cell, type PreviousPeriod } from '../domain';
import { parseAddress, type Rect } from './address';
import { AdapterError } from './errors';
import { readRows } from './readTable';

/** Rows searched for the header (a title above the table is allowed). */
const HEADER_SEARCH_ROWS = 10;

export async function readPreviousSheet(
  ctx: Excel.RequestContext,
  sheetName: string,
  blockRows: number,
  signal?: AbortSignal,
): Promise<PreviousPeriod | null> {
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load('name');
  await ctx.sync();
  if (sheet.isNullObject) throw new AdapterError('SHEET_NOT_FOUND', { sheet: sheetName });
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('address');
  await ctx.sync();
  const notUsable = (problemEn: string, problemZh: string) =>
    new AdapterError('PREVIOUS_NOT_USABLE', { sheet: sheetName, problemEn, problemZh });
  const area = used.isNullObject ? null : parseAddress(used.address);
  if (!area) throw notUsable('is empty', '没有数据');

  const top = sheet.getRangeByIndexes(area.row, area.col, Math.min(HEADER_SEARCH_ROWS, area.rows), area.cols);
  top.load('values');
  await ctx.sync();
  const h = findPreviousHeaderRow(top.values as Cell[][], HEADER_SEARCH_ROWS);
  if (h < 0) throw notUsable('has no "客户象限 / Quadrant" column', '没有"客户象限 / Quadrant"列');

  const rect: Rect = { ...area, row: area.row + h, rows: area.rows - h };
  const table = await readRows(ctx, rect, { blockRows, signal });
  if (!table) return null;
  const read = previousRecords(table);
  if (!read.ok) {
    // The header row has a quadrant column (found above), so only the client columns can be missing.
    throw notUsable('has no client ID or client name column', '没有客户号或客户名称列');
  }
  return { source: sheetName, records: read.records };
}
