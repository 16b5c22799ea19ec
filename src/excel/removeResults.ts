/**
 * Remove results (workbook.md): deletes the add-in's output columns (table columns, or plain
 * columns cleared of contents, formats and conditional formats), its chart, its summary sheet and
 * its settings, so the user's sheet is as it was before the first run. Plain columns are cleared
 * only where their header cells still read as the add-in wrote them: anything else is the user's.
 * Three syncs: the settings, the probes, the deletions. A protected sheet or workbook is refused before
 * anything is deleted.
 */
import { headerText, type Cell } from '../domain';
import { parseAddress } from './address';
import { AdapterError, isAdapterError } from './errors';
import { queueDeleteState, queueLoadState } from './settings';
import { queueClearPlain } from './writeOutput';

export async function removeResults(ctx: Excel.RequestContext): Promise<void> {
  const readState = queueLoadState(ctx);
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  const bookProtection = ctx.workbook.protection;
  bookProtection.load('protected');
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
  const summary = state.summarySheetName && names.has(state.summarySheetName) ? state.summarySheetName : null;
  // Deleting the summary sheet changes the workbook's structure.
  if (summary && bookProtection.protected) throw new AdapterError('WORKBOOK_PROTECTED');

  // Probes: the output's header cells and the Table they are in, whatever it is called now (the user
  // may have renamed it, or deleted it or converted it to a range since), the chart, the protection.
  // Everything is checked in this sync and acted on in the next.
  let header: Excel.Range | null = null;
  let tables: Excel.TableScopedCollection | null = null;
  let protection: Excel.WorksheetProtection | null = null;
  if (out && outRect && outSheet) {
    header = outSheet.getRangeByIndexes(outRect.row, outRect.col, 1, outRect.cols);
    header.load('values');
    tables = header.getTables(false);
    tables.load('items/name');
    protection = outSheet.protection;
    protection.load('protected');
  }
  const chart = outSheet && state.chartName ? outSheet.charts.getItemOrNullObject(state.chartName) : null;
  chart?.load('name');
  await ctx.sync();

  if (out && outRect && outSheet && header && tables) {
    if (protection?.protected) throw new AdapterError('SHEET_PROTECTED', { sheet: out.sheetName });
    const texts = (header.values[0] as Cell[]).map(headerText);
    const table = tables.items[0];
    if (table) {
      // In a Table the header cells are its column names: ours are those still named as the add-in wrote them.
      texts.forEach((t, i) => {
        if (t === out.headers[i]) table.columns.getItem(t).delete();
      });
    } else if (texts.length === out.headers.length && texts.every((t, i) => t === out.headers[i])) {
      queueClearPlain(outSheet, { ...outRect, sheetName: out.sheetName });
    }
  }
  if (chart && !chart.isNullObject) chart.delete();
  if (summary) sheets.getItem(summary).delete();
  queueDeleteState(ctx);
  await ctx.sync();
}
