/**
 * The Excel adapter's contract with the task pane (types only, no Office.js at run time).
 * The task pane receives a `PortfolioActions` object; in Excel it is bound to `Excel.run`, in the
 * sandbox and the tests to the in-memory workbook's `run`.
 */
import type { AnalysisConfig, AnalysisResult, Field, Locale } from '../domain';

/** The table found from the selection (workbook.md "Finding the table"). */
export interface DetectedTable {
  sheetName: string;
  /** A1 address of the whole table, header included, e.g. "Sheet1!A1:R201". */
  address: string;
  /** Data rows (header excluded). */
  rowCount: number;
  columnCount: number;
  headers: string[];
  /** Name of the Excel Table when the selection touched one. */
  tableName: string | null;
  /** The suggested (or saved) mapping: field -> header names. */
  mapping: Partial<Record<Field, string[]>>;
  /** True when the mapping came from the workbook's saved settings. */
  mappingSaved: boolean;
  /** Hidden or filtered rows exist (all rows are analysed; the summary says so). */
  hasHiddenRows: boolean;
  /**
   * Merged areas of the header row ("D1:E1"), when Excel could be asked (ExcelApi 1.13); [] or absent
   * otherwise. Only the first cell of each has a column name.
   */
  mergedHeader?: string[];
  /**
   * 'saved' when a chart or shape was selected instead of cells (getSelectedRange cannot answer then) and
   * the table analysed last time was used; absent or 'selection' otherwise.
   */
  source?: 'selection' | 'saved';
}

export type RunPhase = 'read' | 'analyze' | 'write' | 'chart' | 'summary';

export interface RunProgress {
  phase: RunPhase;
  /** Rows done in this phase, and the total. */
  done: number;
  total: number;
}

/** Where last period's results are (issue: monthly refresh). */
export type PreviousSource =
  | { kind: 'none' }
  /** A column of the table mapped to quadrant_prev (nothing else to do). */
  | { kind: 'column' }
  /** Another sheet of this workbook holding last period's annotated table. */
  | { kind: 'sheet'; sheetName: string };

export interface RunOptions {
  config: AnalysisConfig;
  /** YYYY-MM-DD, the shell's today (for asOf when nothing else gives one). */
  today: string;
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
  /**
   * What to do when a target output cell holds something the add-in did not write:
   * 'ask' (default) returns { kind: 'occupied' } and writes nothing; 'afterUsed' places the
   * output after the last used column.
   */
  placement?: 'ask' | 'afterUsed';
  /** Rows per read/write block (default 10,000). */
  blockRows?: number;
  previous?: PreviousSource;
  /** Use the cut values saved from the last run as fixed cuts. */
  reuseLastCuts?: boolean;
}

export type RunOutcome =
  | {
      kind: 'done';
      result: AnalysisResult;
      /** Address of the output columns (header included). */
      outputAddress: string;
      chartName: string;
      summarySheetName: string;
      /** The cut modes actually used (fixed when last period's cuts were reused). */
      config: AnalysisConfig;
      /** Last period's cut values were used as fixed cuts (RunOptions.reuseLastCuts, and saved cuts existed). */
      cutsReused: boolean;
    }
  | { kind: 'occupied'; address: string }
  | { kind: 'cancelled' };

/** What the add-in saved in the workbook settings. */
export interface SavedState {
  schemaVersion: 1;
  config: AnalysisConfig;
  /** Sheet and address of the last analysed table, and of the output columns. */
  table: { sheetName: string; address: string; tableName: string | null } | null;
  output: { sheetName: string; address: string; headers: string[] } | null;
  chartName: string | null;
  summarySheetName: string | null;
  /** Cut values of the last run (for "reuse last period's cut points"). */
  lastCuts: { share: number | null; loyalty: number | null; asOf: string } | null;
}

export type AdapterErrorCode =
  | 'MULTIPLE_AREAS'
  | 'EMPTY_REGION'
  | 'NO_DATA_ROWS'
  | 'DUPLICATE_MAPPED_HEADER'
  | 'NOT_ANALYSED'
  | 'SHEET_NOT_FOUND'
  | 'TOO_LARGE'
  | 'ANALYSIS'
  /** The add-in's saved settings in this workbook cannot be read (use Remove results to clear them). */
  | 'BAD_SETTINGS'
  /** Last period's sheet has no quadrant column or no client ID / name column. */
  | 'PREVIOUS_NOT_USABLE'
  /** A chart or shape is selected instead of cells, and no table was analysed before to fall back to. */
  | 'SELECTION_NOT_CELLS'
  /** The worksheet the add-in must write to is protected (Review › Protect Sheet). */
  | 'SHEET_PROTECTED'
  /** The workbook's structure is protected, so the summary sheet cannot be added or removed. */
  | 'WORKBOOK_PROTECTED'
  /** Excel is in cell edit mode (the user is typing in a cell). */
  | 'CELL_EDIT_MODE'
  /** Excel refused to insert the output columns into the Table (cells to its right, or too many cells to move). */
  | 'TABLE_COLUMNS_REFUSED'
  /** Excel refused an operation (the message quotes Excel's own). */
  | 'EXCEL_ERROR';

/** An adapter error: a code and the message in both languages. */
export interface AdapterErrorShape {
  code: AdapterErrorCode;
  localized(locale: Locale): string;
}

/** The actions the task pane may call. Each runs one Excel batch (or a few) and never throws anything but AdapterError. */
export interface PortfolioActions {
  detectTable(): Promise<DetectedTable>;
  loadState(): Promise<SavedState | null>;
  saveConfig(config: AnalysisConfig): Promise<void>;
  run(options: RunOptions): Promise<RunOutcome>;
  removeResults(): Promise<void>;
  /** Selects a data row (1-based, as RowResult.row) of the analysed table in the sheet. */
  selectRow(row: number): Promise<void>;
  /** Worksheet names (for choosing last period's sheet). */
  listSheets(): Promise<string[]>;
}
