// The workbook's state, independent of the Office.js-shaped proxies in client.ts.
// Every mutation goes through WorkbookModel so it can be journaled: a failed sync rolls back the
// whole batch (see InMemoryContext.sync).
import { Rect, MAX_COLS, MAX_ROWS, intersect } from './address';
import { invalidArgument, InMemoryExcelError } from './errors';
import { Typed, typeIn } from './typing';
import type { SheetProtectionModel } from './protection';

export type CellValue = string | number | boolean;

/** Sparse grid: one array per used row, so 100k × 20 cells cost 100k small arrays, not 2M objects. */
export class Grid<T> {
  rows: Array<Array<T | undefined> | undefined> = [];

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (v === undefined) return;
      row = this.rows[r] = [];
    }
    row[c] = v;
  }

  /** Bounding box of the defined cells, or null when the grid is empty. */
  bounds(): Rect | null {
    let r0 = -1;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === undefined) continue;
      let first = -1;
      let last = -1;
      for (let c = 0; c < row.length; c++) {
        if (row[c] !== undefined) {
          if (first < 0) first = c;
          last = c;
        }
      }
      if (last < 0) continue;
      if (r0 < 0) r0 = r;
      r1 = r;
      if (first < c0) c0 = first;
      if (last > c1) c1 = last;
    }
    if (r0 < 0) return null;
    return { r: r0, c: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** Whether any cell in rect is defined; walks only rows that exist. */
  anyIn(rect: Rect): boolean {
    const end = Math.min(rect.r + rect.rows, this.rows.length);
    for (let r = rect.r; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const ce = Math.min(rect.c + rect.cols, row.length);
      for (let c = rect.c; c < ce; c++) if (row[c] !== undefined) return true;
    }
    return false;
  }

  /** Copy of rect as a dense 2-D array (undefined where empty). */
  read(rect: Rect): Array<Array<T | undefined>> {
    const out: Array<Array<T | undefined>> = new Array(rect.rows);
    for (let i = 0; i < rect.rows; i++) {
      const row = this.rows[rect.r + i];
      const line: Array<T | undefined> = new Array(rect.cols);
      for (let j = 0; j < rect.cols; j++) line[j] = row === undefined ? undefined : row[rect.c + j];
      out[i] = line;
    }
    return out;
  }

  /** Clears rect, visiting only existing rows (cheap even for whole columns). */
  clear(rect: Rect): void {
    const end = Math.min(rect.r + rect.rows, this.rows.length);
    for (let r = rect.r; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const ce = Math.min(rect.c + rect.cols, row.length);
      for (let c = rect.c; c < ce; c++) row[c] = undefined;
    }
  }

  /** Inserts `count` empty columns at `col` within rows [r0, r0+rows), shifting cells right. */
  insertColumns(r0: number, rows: number, col: number, count: number): void {
    const end = Math.min(r0 + rows, this.rows.length);
    for (let r = r0; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined || row.length <= col) continue;
      row.splice(col, 0, ...new Array<T | undefined>(count));
      if (row.length > MAX_COLS) row.length = MAX_COLS;
    }
  }

  /** Deletes `count` columns at `col` within rows [r0, r0+rows), shifting cells left. */
  deleteColumns(r0: number, rows: number, col: number, count: number): void {
    const end = Math.min(r0 + rows, this.rows.length);
    for (let r = r0; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined || row.length <= col) continue;
      row.splice(col, count);
    }
  }

  /** Deletes rect and moves the cells below it up, within its columns. */
  deleteUp(rect: Rect): void {
    const last = this.rows.length;
    for (let r = rect.r; r < last; r++) {
      for (let c = rect.c; c < rect.c + rect.cols; c++) {
        const from = r + rect.rows;
        this.set(r, c, from < last ? this.get(from, c) : undefined);
      }
    }
  }

  clone(): Grid<T> {
    const g = new Grid<T>();
    g.rows = this.rows.map((row) => (row === undefined ? undefined : row.slice()));
    return g;
  }
}

export type GridName = 'values' | 'formulas' | 'errors' | 'numberFormat' | 'fill' | 'bold' | 'fontColor' | 'wrap';
export const FORMAT_GRIDS: GridName[] = ['numberFormat', 'fill', 'bold', 'fontColor', 'wrap'];
/** What a cell holds: its value, the formula that made it (if any), whether the value is an error. */
export const CONTENT_GRIDS: GridName[] = ['values', 'formulas', 'errors'];

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export class SheetModel {
  values = new Grid<CellValue>();
  /** Formula text of the cells that hold a formula (their value is in `values`). */
  formulas = new Grid<string>();
  /** Cells whose value is an error value ("#N/A" in `values` is then the error, not text). */
  errors = new Grid<boolean>();
  numberFormat = new Grid<string>();
  fill = new Grid<string>();
  bold = new Grid<boolean>();
  fontColor = new Grid<string>();
  wrap = new Grid<boolean>();
  columnWidths = new Map<number, number>();
  hiddenRows = new Set<number>();
  /** Rows hidden by a filter (also in hiddenRows: Range.rowHidden is true for them too). */
  filteredRows = new Set<number>();
  hiddenColumns = new Set<number>();
  /** Merged areas; the value of each is in its top-left cell, the other cells are empty. */
  merged: Rect[] = [];
  charts: ChartModel[] = [];
  /** Highest priority first (index = ConditionalFormat.priority). */
  conditionalFormats: ConditionalFormatModel[] = [];
  visibility: Visibility = 'Visible';
  deleted = false;
  /** Review › Protect Sheet: null when unprotected (protection.ts says what it refuses). */
  protection: SheetProtectionModel | null = null;

  constructor(
    public id: string,
    public name: string,
  ) {}

  grid(name: GridName): Grid<CellValue> | Grid<string> | Grid<boolean> {
    return this[name];
  }
}

/** A custom (formula) conditional format; the only type modelled. */
export interface ConditionalFormatModel {
  id: string;
  type: 'Custom';
  areas: Rect[];
  formula: string;
  fillColor: string | null;
  fontColor: string | null;
  bold: boolean | null;
  stopIfTrue: boolean;
  deleted: boolean;
}

export interface TableModel {
  id: number;
  name: string;
  sheet: SheetModel;
  /** Header row + data body. */
  rect: Rect;
  /** Stable ids of the columns, left to right (TableColumn.id). */
  columnIds: number[];
  deleted: boolean;
  /** A totals row right below `rect` (Table.showTotals); `rect` stays header + data body. */
  totals?: boolean;
}

export interface RangeRefModel {
  sheet: SheetModel;
  rect: Rect;
}

export interface AxisModel {
  minimum: number | null;
  maximum: number | null;
  majorUnit: number | null;
  scaleType: 'Linear' | 'Logarithmic';
  logBase: number;
  numberFormat: string;
  titleText: string;
  titleVisible: boolean;
  visible: boolean;
  gridlines: boolean;
}

export interface DataLabelModel {
  text: string | null;
  formula: string | null;
  showValue: boolean;
  showSeriesName: boolean;
  showCategoryName: boolean;
  position: string;
}

export interface PointModel {
  hasDataLabel: boolean;
  label: DataLabelModel;
  markerStyle: string | null;
  markerSize: number | null;
  markerBackgroundColor: string | null;
  markerForegroundColor: string | null;
  fillColor: string | null;
}

export interface SeriesModel {
  id: number;
  name: string;
  chartType: string;
  x: RangeRefModel | null;
  y: RangeRefModel | null;
  markerStyle: string;
  markerSize: number;
  markerBackgroundColor: string;
  markerForegroundColor: string;
  lineColor: string;
  lineStyle: string;
  lineWeight: number;
  fillColor: string | null;
  hasDataLabels: boolean;
  dataLabels: { showValue: boolean; showSeriesName: boolean; showCategoryName: boolean; position: string | null };
  points: Map<number, PointModel>;
  /** Whether the series' entry shows in the legend (ChartLegendEntry.visible; one entry per series of a scatter chart). */
  legendEntryVisible: boolean;
}

export interface ChartModel {
  id: string;
  name: string;
  chartType: string;
  sheet: SheetModel;
  top: number;
  left: number;
  width: number;
  height: number;
  titleText: string;
  titleVisible: boolean;
  legendVisible: boolean;
  legendPosition: string;
  category: AxisModel;
  value: AxisModel;
  series: SeriesModel[];
  deleted: boolean;
}

export interface SelectionModel {
  sheet: SheetModel;
  areas: Rect[];
}

export type ChangeListener = () => void;

/** Excel's defaults, in points: column width 8.43 characters = 48 pt (64 px), row height 15 pt. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  settings = new Map<string, string>();
  /** The workbook's date system: serials count from 1904-01-01 = 0 instead of 1900-01-01 = 1. */
  date1904 = false;
  activeSheet: SheetModel | null = null;
  selection: SelectionModel | null = null;
  /** A chart selected instead of cells (clicked in the sheet): getSelectedRange(s) then fail (workbook.ts). */
  selectedChart: ChartModel | null = null;
  /** Review › Protect Workbook (structure): sheets cannot be added, deleted, renamed or moved. */
  structureProtected = false;
  /** The user is typing in a cell (F2 / edit mode): batches fail unless run with delayForCellEdit (client.ts). */
  cellEditing = false;
  /**
   * What a hidden legend entry does to the others' indexes, which the docs do not say (chart.ts):
   * 'keep' — it stays in ChartLegendEntryCollection at its index; 'leave' — it leaves the collection and the
   * entries after it move up one (as VBA's LegendEntries, which hold the entries "in the legend").
   */
  hiddenLegendEntries: 'keep' | 'leave' = 'keep';
  nextSheetId = 1;
  nextTableId = 1;
  nextColumnId = 1;
  nextChartId = 1;
  nextConditionalFormatId = 1;
  nextSeriesId = 1;
  /** Undo closures of the batch being applied; null outside a sync. */
  journal: Array<() => void> | null = null;
  dirty = false;

  /** Records how to undo a change made during a sync. */
  record(undo: () => void): void {
    this.dirty = true;
    if (this.journal) this.journal.push(undo);
  }

  setField<O extends object, K extends keyof O>(obj: O, key: K, value: O[K]): void {
    const old = obj[key];
    if (old === value) return;
    obj[key] = value;
    this.record(() => {
      obj[key] = old;
    });
  }

  /** Snapshot-and-restore journaling for list-valued state (sheets, tables, charts, series). */
  saveArray<T>(arr: T[]): void {
    const copy = arr.slice();
    this.record(() => {
      arr.length = 0;
      arr.push(...copy);
    });
  }

  // ---- sheets ----

  findSheet(name: string): SheetModel | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  addSheet(name?: string): SheetModel {
    let sheetName = name;
    if (sheetName === undefined || sheetName === null) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    validateSheetName(sheetName);
    if (this.findSheet(sheetName)) {
      throw new InMemoryExcelError('ItemAlreadyExists', `A resource with the same name or identifier already exists. (${sheetName})`, 'WorksheetCollection.add');
    }
    const id = `{${String(this.nextSheetId).padStart(8, '0')}-0000-4000-8000-000000000000}`;
    this.setField(this, 'nextSheetId', this.nextSheetId + 1);
    const sheet = new SheetModel(id, sheetName);
    this.saveArray(this.sheets);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.setField(this, 'activeSheet', sheet);
    return sheet;
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (visible.length === 1 && visible[0] === sheet) {
      throw new InMemoryExcelError('InvalidOperation', 'A workbook must contain at least one visible worksheet.', 'Worksheet.delete');
    }
    this.saveArray(this.sheets);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.setField(sheet, 'deleted', true);
    for (const t of this.tables) if (t.sheet === sheet) this.setField(t, 'deleted', true);
    this.saveArray(this.tables);
    this.tables = this.tables.filter((t) => t.sheet !== sheet);
    if (this.activeSheet === sheet) this.setField(this, 'activeSheet', this.sheets.find((s) => s.visibility === 'Visible') ?? null);
    if (this.selection?.sheet === sheet) this.setField(this, 'selection', null);
  }

  // ---- cells ----

  /** Writes a 2-D block; `null` entries leave the cell unchanged (see writeTyped). */
  writeGrid<T>(sheet: SheetModel, grid: Grid<T>, rect: Rect, block: ReadonlyArray<ReadonlyArray<T | undefined | null>>): void {
    const old = grid.read(rect);
    for (let i = 0; i < rect.rows; i++) {
      const src = block[i];
      for (let j = 0; j < rect.cols; j++) {
        const v = src[j];
        if (v !== null) grid.set(rect.r + i, rect.c + j, v);
      }
    }
    this.record(() => {
      for (let i = 0; i < rect.rows; i++) for (let j = 0; j < rect.cols; j++) grid.set(rect.r + i, rect.c + j, old[i][j]);
    });
  }

  /**
   * Writes values as Range.values does: strings are read as if typed (typing.ts), which may also set the
   * cell's number format (dates, percentages) and make it a formula or an error value. `null` leaves a cell
   * unchanged. Formula and error marks of overwritten cells go.
   */
  writeTyped(sheet: SheetModel, rect: Rect, block: ReadonlyArray<ReadonlyArray<unknown>>, where: string): void {
    const values: Array<Array<CellValue | undefined | null>> = new Array(rect.rows);
    let formats: Array<Array<string | undefined | null>> | null = null;
    let formulas: Array<Array<string | undefined | null>> | null = null;
    let errors: Array<Array<boolean | undefined | null>> | null = null;
    const fmtGrid = sheet.numberFormat;
    for (let i = 0; i < rect.rows; i++) {
      const src = block[i];
      const line: Array<CellValue | undefined | null> = new Array(rect.cols);
      for (let j = 0; j < rect.cols; j++) {
        const x = src[j];
        const t = typeof x === 'number' ? (Number.isFinite(x) ? x : null) : typeIn(x, typeof x === 'string' ? fmtGrid.get(rect.r + i, rect.c + j) : undefined, this.date1904, where);
        if (t instanceof Typed) {
          line[j] = t.value;
          if (t.format !== undefined) (formats ??= blockOf<string>(rect, null))[i][j] = t.format;
          if (t.formula !== undefined) (formulas ??= blockOf<string>(rect, undefined))[i][j] = t.formula;
          if (t.error) (errors ??= blockOf<boolean>(rect, undefined))[i][j] = true;
        } else line[j] = t;
      }
      values[i] = line;
    }
    this.writeGrid(sheet, sheet.values, rect, values);
    // Cells written over lose an earlier formula or error mark; cells left unchanged (null) keep theirs.
    const marks = <T>(grid: Grid<T>, set: Array<Array<T | undefined | null>> | null) => {
      if (!set && !grid.anyIn(rect)) return;
      const out = set ?? blockOf<T>(rect, undefined);
      for (let i = 0; i < rect.rows; i++) for (let j = 0; j < rect.cols; j++) if (values[i][j] === null) out[i][j] = null;
      this.writeGrid(sheet, grid, rect, out);
    };
    marks(sheet.formulas, formulas);
    marks(sheet.errors, errors);
    if (formats) this.writeGrid(sheet, sheet.numberFormat, rect, formats);
  }

  /** Sets one value in every cell of rect (formats such as fill colour). */
  fillGrid<T>(grid: Grid<T>, rect: Rect, v: T | undefined): void {
    if (v === undefined) {
      this.clearGrid(grid, rect);
      return;
    }
    if (rect.rows * rect.cols > 5_000_000) {
      // Per-cell storage would need millions of entries; the add-in formats used cells only.
      throw new InMemoryExcelError('NotImplemented', 'not implemented: per-cell formats on more than 5,000,000 cells', 'Range.format');
    }
    const old = grid.read(rect);
    for (let i = 0; i < rect.rows; i++) for (let j = 0; j < rect.cols; j++) grid.set(rect.r + i, rect.c + j, v);
    this.record(() => {
      for (let i = 0; i < rect.rows; i++) for (let j = 0; j < rect.cols; j++) grid.set(rect.r + i, rect.c + j, old[i][j]);
    });
  }

  clearGrid<T>(grid: Grid<T>, rect: Rect): void {
    const bounds = grid.bounds();
    const hit = bounds ? intersect(bounds, rect) : null;
    if (!hit) return;
    const old = grid.read(hit);
    grid.clear(hit);
    this.record(() => {
      for (let i = 0; i < hit.rows; i++) for (let j = 0; j < hit.cols; j++) grid.set(hit.r + i, hit.c + j, old[i][j]);
    });
  }

  private allGrids(sheet: SheetModel): Array<Grid<unknown>> {
    return [...CONTENT_GRIDS, ...FORMAT_GRIDS].map((n) => sheet.grid(n) as Grid<unknown>);
  }

  /** Inserts `count` columns of cells at `col` in rows [r0, r0+rows), shifting right (Insert > Shift cells right). */
  insertCells(sheet: SheetModel, r0: number, rows: number, col: number, count: number): void {
    this.shiftConditionalFormats(sheet, r0, rows, col, count);
    const grids = this.allGrids(sheet);
    for (const g of grids) g.insertColumns(r0, rows, col, count);
    this.record(() => {
      for (const g of grids) g.deleteColumns(r0, rows, col, count);
    });
  }

  /** Deletes `count` columns of cells at `col` in rows [r0, r0+rows), shifting left. */
  deleteCells(sheet: SheetModel, r0: number, rows0: number, col: number, count: number): void {
    this.shiftConditionalFormats(sheet, r0, rows0, col, -count);
    const grids = this.allGrids(sheet);
    // Rows past the last stored row hold nothing to move; skipping them keeps whole-column deletes cheap.
    const rows = Math.max(0, Math.min(rows0, Math.max(...grids.map((g) => g.rows.length)) - r0));
    const rect = { r: r0, c: col, rows, cols: count };
    const saved = grids.map((g) => g.read(rect));
    for (const g of grids) g.deleteColumns(r0, rows, col, count);
    this.record(() => {
      grids.forEach((g, k) => {
        g.insertColumns(r0, rows, col, count);
        for (let i = 0; i < rows; i++) for (let j = 0; j < count; j++) g.set(r0 + i, col + j, saved[k][i][j]);
      });
    });
  }

  /**
   * Conditional formats move with their cells when cells are inserted (delta > 0) or deleted (delta < 0) at
   * `col` within rows [r0, r0+rows). Areas that straddle the row band are left alone (a documented gap).
   */
  shiftConditionalFormats(sheet: SheetModel, r0: number, rows: number, col: number, delta: number): void {
    for (const cf of sheet.conditionalFormats) {
      const areas: Rect[] = [];
      for (const a of cf.areas) {
        const inBand = a.r >= r0 && a.r + a.rows <= r0 + rows;
        if (!inBand || a.c + a.cols <= col) areas.push(a);
        else if (delta > 0) areas.push(a.c >= col ? { ...a, c: a.c + delta } : { ...a, cols: a.cols + delta });
        else {
          const gone0 = col;
          const gone1 = col - delta;
          const left = Math.max(0, Math.min(a.c + a.cols, gone0) - a.c);
          const right = Math.max(0, a.c + a.cols - Math.max(a.c, gone1));
          const cols = left + right;
          if (cols > 0) areas.push({ ...a, c: a.c < gone0 ? a.c : Math.max(a.c, gone1) + delta, cols });
        }
      }
      this.setField(cf, 'areas', areas);
      this.setField(cf, 'formula', shiftFormulaRefs(cf.formula, r0, rows, col, delta));
    }
    this.dropEmptyConditionalFormats(sheet);
  }

  /** Removes `rect` from every conditional format's areas (ConditionalFormatCollection.clearAll, Clear Formats). */
  clearConditionalFormats(sheet: SheetModel, rect: Rect): void {
    for (const cf of sheet.conditionalFormats) {
      if (!cf.areas.some((a) => intersect(a, rect))) continue;
      this.setField(cf, 'areas', cf.areas.flatMap((a) => subtract(a, rect)));
    }
    this.dropEmptyConditionalFormats(sheet);
  }

  private dropEmptyConditionalFormats(sheet: SheetModel): void {
    if (!sheet.conditionalFormats.some((cf) => cf.areas.length === 0)) return;
    this.saveArray(sheet.conditionalFormats);
    for (const cf of sheet.conditionalFormats) if (cf.areas.length === 0) this.setField(cf, 'deleted', true);
    const kept = sheet.conditionalFormats.filter((cf) => cf.areas.length > 0);
    sheet.conditionalFormats.length = 0;
    sheet.conditionalFormats.push(...kept);
  }

  /** Runs a structural grid change (insert/delete cells) on every grid of the sheet, journaled by cloning. */
  restructure(sheet: SheetModel, change: (g: Grid<unknown>) => void): void {
    const names: GridName[] = [...CONTENT_GRIDS, ...FORMAT_GRIDS];
    const saved = names.map((n) => sheet.grid(n).clone());
    for (const n of names) change(sheet.grid(n) as Grid<unknown>);
    this.record(() => {
      names.forEach((n, i) => {
        (sheet as unknown as Record<GridName, Grid<unknown>>)[n] = saved[i] as Grid<unknown>;
      });
    });
  }

  /** Used range: values only, or values and formats (Worksheet.getUsedRange(valuesOnly)). */
  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
    const grids: Array<Grid<unknown>> = valuesOnly ? [sheet.values] : [sheet.values, sheet.numberFormat, sheet.fill, sheet.bold, sheet.fontColor, sheet.wrap];
    let acc: Rect | null = null;
    for (const g of grids) {
      const b = g.bounds();
      if (!b) continue;
      if (!acc) acc = b;
      else {
        const r = Math.min(acc.r, b.r);
        const c = Math.min(acc.c, b.c);
        const r2 = Math.max(acc.r + acc.rows, b.r + b.rows);
        const c2 = Math.max(acc.c + acc.cols, b.c + b.cols);
        acc = { r, c, rows: r2 - r, cols: c2 - c };
      }
    }
    return acc;
  }

  /**
   * Range.getSurroundingRegion = VBA CurrentRegion: "the surrounding region for the top-left cell in this
   * range … bounded by any combination of blank rows and blank columns" [doc: Excel.Range.getSurroundingRegion,
   * ExcelApi 1.7]. Starts from the top-left cell and grows while any cell on the ring around the rectangle
   * (diagonals included) holds a value.
   */
  surroundingRegion(sheet: SheetModel, start: Rect): Rect {
    const g = sheet.values;
    let { r, c } = start;
    let rows = 1;
    let cols = 1;
    // Each direction grows in a tight loop (a ring side costs one row or column scan), so a 100k-row block
    // costs O(cells), not O(rows²).
    const rowHas = (row: number): boolean => {
      const c0 = Math.max(0, c - 1);
      const c1 = Math.min(MAX_COLS - 1, c + cols);
      return g.anyIn({ r: row, c: c0, rows: 1, cols: c1 - c0 + 1 });
    };
    const colHas = (col: number): boolean => {
      const r0 = Math.max(0, r - 1);
      const r1 = Math.min(MAX_ROWS - 1, r + rows);
      return g.anyIn({ r: r0, c: col, rows: r1 - r0 + 1, cols: 1 });
    };
    for (;;) {
      let grown = false;
      while (r > 0 && rowHas(r - 1)) {
        r--;
        rows++;
        grown = true;
      }
      while (r + rows < MAX_ROWS && rowHas(r + rows)) {
        rows++;
        grown = true;
      }
      while (c > 0 && colHas(c - 1)) {
        c--;
        cols++;
        grown = true;
      }
      while (c + cols < MAX_COLS && colHas(c + cols)) {
        cols++;
        grown = true;
      }
      if (!grown) break;
    }
    return { r, c, rows, cols };
  }

  // ---- tables ----

  findTable(name: string): TableModel | undefined {
    const key = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === key);
  }

  tableColumnNames(t: TableModel): string[] {
    const names: string[] = [];
    for (let j = 0; j < t.rect.cols; j++) names.push(cellText(t.sheet.values.get(t.rect.r, t.rect.c + j)));
    return names;
  }

  // ---- settings ----

  setSetting(key: string, json: string): void {
    const had = this.settings.has(key);
    const old = this.settings.get(key);
    this.settings.set(key, json);
    this.record(() => {
      if (had) this.settings.set(key, old as string);
      else this.settings.delete(key);
    });
  }

  deleteSetting(key: string): void {
    if (!this.settings.has(key)) return;
    const old = this.settings.get(key) as string;
    this.settings.delete(key);
    this.record(() => {
      this.settings.set(key, old);
    });
  }

  // ---- geometry for chart positions ----

  columnLeft(sheet: SheetModel, col: number): number {
    let x = 0;
    for (let c = 0; c < col; c++) x += sheet.hiddenColumns.has(c) ? 0 : (sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
    return x;
  }

  rowTop(sheet: SheetModel, row: number): number {
    let hidden = 0;
    for (const r of sheet.hiddenRows) if (r < row) hidden++;
    return (row - hidden) * DEFAULT_ROW_HEIGHT;
  }
}

/**
 * Moves the A1 references of a formula that point at cells that moved (same sheet, rows [r0, r0+rows), columns
 * from `col` on), as Excel rewrites formulas when cells are inserted or deleted. Text in quotes is left alone.
 */
export function shiftFormulaRefs(formula: string, r0: number, rows: number, col: number, delta: number): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(])/g, (whole, d1: string, letters: string, d2: string, digits: string) => {
            const r = Number(digits) - 1;
            let c = 0;
            for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
            c -= 1;
            if (r < r0 || r >= r0 + rows || c < col) return whole;
            let n = c + delta + 1;
            let out = '';
            while (n > 0) {
              const m = (n - 1) % 26;
              out = String.fromCharCode(65 + m) + out;
              n = Math.floor((n - 1) / 26);
            }
            return `${d1}${out}${d2}${digits}`;
          }),
    )
    .join('"');
}

function blockOf<T>(rect: Rect, fill: T | undefined | null): Array<Array<T | undefined | null>> {
  return Array.from({ length: rect.rows }, () => new Array<T | undefined | null>(rect.cols).fill(fill));
}

/** a minus b as up to four rectangles (above, below, left, right). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const hit = intersect(a, b);
  if (!hit) return [a];
  const out: Rect[] = [];
  if (hit.r > a.r) out.push({ r: a.r, c: a.c, rows: hit.r - a.r, cols: a.cols });
  const below = a.r + a.rows - (hit.r + hit.rows);
  if (below > 0) out.push({ r: hit.r + hit.rows, c: a.c, rows: below, cols: a.cols });
  if (hit.c > a.c) out.push({ r: hit.r, c: a.c, rows: hit.rows, cols: hit.c - a.c });
  const right = a.c + a.cols - (hit.c + hit.cols);
  if (right > 0) out.push({ r: hit.r, c: hit.c + hit.cols, rows: hit.rows, cols: right });
  return out;
}

export function validateSheetName(name: string): void {
  // Excel: 1–31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe, not "History".
  if (typeof name !== 'string' || name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === 'history') {
    throw invalidArgument('Worksheet.name', `invalid sheet name "${String(name)}"`);
  }
}

/** Text form of a cell value as used for header names (Excel turns numeric headers into their text). */
export function cellText(v: CellValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}
