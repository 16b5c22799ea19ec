/**
 * Remove results (workbook.md): deletes the add-in's output columns (table columns, or plain
 * columns cleared of contents, formats and conditional formats), its chart, its summary sheet and
 * its settings, so the user's sheet is as it was before the first run. Plain columns are cleared
 * only where their header cells still read as the add-in wrote them: anything else is the user's.
 * Three syncs: the settings, the probes, the deletions.
 */
import { headerText, type Cell } from '../domain';
import { intersect, parseAddress } from './address';
import { isAdapterError } from './errors';
import { queueDeleteState, queueLoadState } from './settings';
import { queueClearPlain } from './writeOutput';

export async function removeResults(ctx: Excel.RequestContext): Promise<void> {
  const readState = queueLoadState(ctx);
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  let state;
  try {
    state = readState();
  } catch (e) {
    // Damaged settings: we cannot know where the output is; clearing the key lets the user start over.
    if (!isAdapterError(e) || e.code !== 'BAD_SETTINGS') throw e;
    queueDeleteState(ctx);
    await ctx.sync();
    return;
  }
  if (!state) return;
  const names = new Set(sheets.items.map((s) => s.name));
  const out = state.output;
  const outRect = out && names.has(out.sheetName) ? parseAddress(out.address) : null;
  const outSheet = out && outRect ? sheets.getItem(out.sheetName) : null;

  // Probes: the table and its columns, the plain header cells, the chart.
  let table: Excel.Table | null = null;
  let tableRange: Excel.Range | null = null;
  let header: Excel.Range | null = null;
  if (out && outRect && outSheet) {
    if (state.table?.tableName) {
      table = ctx.workbook.tables.getItemOrNullObject(state.table.tableName);
      table.load('name');
      table.columns.load('items/name');
      tableRange = table.getRange();
      tableRange.load('address');
    }
    header = outSheet.getRangeByIndexes(outRect.row, outRect.col, 1, outRect.cols);
    header.load('values');
  }
  const chart = outSheet && state.chartName ? outSheet.charts.getItemOrNullObject(state.chartName) : null;
  chart?.load('name');
  await ctx.sync();

  if (out && outRect && outSheet) {
    const tRect = table && !table.isNullObject && tableRange ? parseAddress(tableRange.address) : null;
    const inTable = tRect ? intersect({ ...outRect, sheetName: tRect.sheetName }, tRect) !== null : false;
    if (table && !table.isNullObject && inTable) {
      const present = new Set(table.columns.items.map((c) => c.name));
      for (const h of out.headers) if (present.has(h)) table.columns.getItem(h).delete();
    } else if (header) {
      const texts = (header.values[0] as Cell[]).map(headerText);
      if (texts.length === out.headers.length && texts.every((t, i) => t === out.headers[i])) {
        queueClearPlain(outSheet, { ...outRect, sheetName: out.sheetName });
      }
    }
  }
  if (chart && !chart.isNullObject) chart.delete();
  if (state.summarySheetName && names.has(state.summarySheetName)) sheets.getItem(state.summarySheetName).delete();
  queueDeleteState(ctx);
  await ctx.sync();
}
