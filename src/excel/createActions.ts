/**
 * The task pane's actions bound to a batch runner: `Excel.run` in Excel, the in-memory workbook's
 * `run` in the sandbox and the tests. Every action runs in one batch and throws only AdapterError.
 */
import { configToJson, parseConfig, type AnalysisConfig } from '../domain';
import type { PortfolioActions, SavedState } from './api';
import { parseAddress } from './address';
import { AdapterError, toAdapterError } from './errors';
import { detectTable } from './detectTable';
import { removeResults } from './removeResults';
import { runAnalysis } from './runAnalysis';
import { initialState, queueLoadState, queueSaveState } from './settings';

/** Excel.RunOptions as the adapter uses them. */
export interface BatchOptions {
  /** ExcelApi 1.11: wait while the user is typing in a cell instead of failing. */
  delayForCellEdit?: boolean;
}

export type BatchRunner = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>, options?: BatchOptions) => Promise<T>;

/** What the adapter asks the host about: `Office.context.requirements.isSetSupported('ExcelApi', v)`. */
export interface ExcelHost {
  supportsExcelApi(version: string): boolean;
}

/**
 * Requirement sets above the manifest's ExcelApi 1.9 used by the adapter, each checked at run time:
 * 1.11 Excel.run's delayForCellEdit (a batch waits for the user to finish typing in a cell rather than
 * failing with InvalidOperationInCellEditMode [doc: Excel.RunOptions]);
 * 1.13 Range.getMergedAreasOrNullObject (merged header cells, noted in the summary: findTable.ts).
 */
export const DELAY_FOR_CELL_EDIT_API = '1.11';

export function createPortfolioActions(run: BatchRunner, host?: ExcelHost): PortfolioActions {
  const guarded = async <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await (host?.supportsExcelApi(DELAY_FOR_CELL_EDIT_API) ? run(batch, { delayForCellEdit: true }) : run(batch));
    } catch (e) {
      throw toAdapterError(e);
    }
  };

  const loadState = (ctx: Excel.RequestContext): Promise<SavedState | null> => {
    const read = queueLoadState(ctx);
    return ctx.sync().then(read);
  };

  return {
    detectTable: () => guarded((ctx) => detectTable(ctx, host)),

    loadState: () => guarded(loadState),

    saveConfig: (config: AnalysisConfig) =>
      guarded(async (ctx) => {
        // Validated by the domain, so a bad configuration never reaches the workbook.
        const valid = parseConfig(configToJson(config));
        const state = await loadState(ctx);
        queueSaveState(ctx, state ? { ...state, config: valid } : initialState(valid));
        await ctx.sync();
      }),

    run: (options) => guarded((ctx) => runAnalysis(ctx, options, host)),

    removeResults: () => guarded(removeResults),

    selectRow: (row: number) =>
      guarded(async (ctx) => {
        const state = await loadState(ctx);
        const table = state?.table;
        const rect = table ? parseAddress(table.address) : null;
        if (!state || !table || !rect) throw new AdapterError('NOT_ANALYSED');
        if (!Number.isInteger(row) || row < 1 || row > rect.rows - 1) return;
        const sheet = ctx.workbook.worksheets.getItemOrNullObject(table.sheetName);
        sheet.load('name');
        await ctx.sync();
        if (sheet.isNullObject) throw new AdapterError('SHEET_NOT_FOUND', { sheet: table.sheetName });
        // The row of the table plus the output columns when they sit right next to it.
        const out = state.output ? parseAddress(state.output.address) : null;
        const adjacent = out && state.output?.sheetName === table.sheetName && out.col === rect.col + rect.cols;
        const cols = rect.cols + (adjacent && out ? out.cols : 0);
        sheet.activate();
        sheet.getRangeByIndexes(rect.row + row, rect.col, 1, cols).select();
        await ctx.sync();
      }),

    listSheets: () =>
      guarded(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        const read = queueLoadState(ctx);
        await ctx.sync();
        let summary: string | null = null;
        try {
          summary = read()?.summarySheetName ?? null;
        } catch {
          // Damaged settings only hide which sheet is the summary; every sheet is listed.
          summary = null;
        }
        return sheets.items.map((s) => s.name).filter((n) => n !== summary);
      }),
  };
}
