// Range, its format objects, RangeAreas and RangeCollection.
import { Rect, MAX_COLS, MAX_ROWS, formatAddress, intersect, contains, parseLocal, splitSheet } from './address';
import { ClientCollection, ClientObj, InMemoryContext, PropTable, Resolver, PAYLOAD_LIMIT, clientResult } from './client';
import { InMemoryExcelError, apiNotFound, invalidArgument, itemNotFound, notImplemented } from './errors';
import { formatValue } from './format';
import { Grid, RangeRefModel, SheetModel, TableModel, WorkbookModel, CONTENT_GRIDS, FORMAT_GRIDS, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT } from './model';
import { TableScopedCollectionObj, autoExpand } from './table';
import { WorksheetObj } from './workbook';
import { ConditionalFormatCollectionObj } from './conditional';

/** Derives a child resolver: null parents give null children. */
export function derive<P, C>(parent: ClientObj<P>, f: (p: P) => C | null): Resolver<C> {
  return () => {
    const p = parent._resolveRef();
    return p === null ? null : f(p);
  };
}

function cells(m: RangeRefModel): number {
  return m.rect.rows * m.rect.cols;
}

/**
 * Refuses to build a response that cannot fit in 5 MB anyway (at least 3 bytes per cell: `"",`), before
 * allocating it. Excel also caps reads at 5,000,000 cells [doc: excel-add-ins-ranges-large.md].
 */
function guardRead(m: RangeRefModel, where: string): void {
  if (cells(m) * 3 > PAYLOAD_LIMIT) {
    throw new InMemoryExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${cells(m)} cells read).`, where);
  }
}

function readGrid<T, D>(grid: Grid<T>, rect: Rect, empty: D): Array<Array<T | D>> {
  const out: Array<Array<T | D>> = new Array(rect.rows);
  for (let i = 0; i < rect.rows; i++) {
    const row = grid.rows[rect.r + i];
    const line: Array<T | D> = new Array(rect.cols);
    for (let j = 0; j < rect.cols; j++) {
      const v = row === undefined ? undefined : row[rect.c + j];
      line[j] = v === undefined ? empty : v;
    }
    out[i] = line;
  }
  return out;
}

/** 2-D input must match the range's shape exactly; Excel rejects it at sync with InvalidArgument. */
function checkShape(m: RangeRefModel, v: unknown, prop: string): ReadonlyArray<ReadonlyArray<unknown>> {
  const where = `Range.${prop}`;
  if (!Array.isArray(v)) throw invalidArgument(where, `${prop} must be a 2-D array`);
  if (v.length !== m.rect.rows) throw invalidArgument(where, `${prop} has ${v.length} rows, the range has ${m.rect.rows}`);
  for (let i = 0; i < v.length; i++) {
    const row: unknown = v[i];
    if (!Array.isArray(row) || row.length !== m.rect.cols) {
      throw invalidArgument(where, `${prop} row ${i} has ${Array.isArray(row) ? row.length : 'no'} columns, the range has ${m.rect.cols}`);
    }
  }
  return v as ReadonlyArray<ReadonlyArray<unknown>>;
}

function writeValues(model: WorkbookModel, m: RangeRefModel, v: unknown): void {
  const block = checkShape(m, v, 'values');
  model.writeTyped(m.sheet, m.rect, block, 'Range.values');
  // Only a write that leaves something in a cell makes a Table grow ("" and null clear or skip).
  if (block.some((row) => row.some((x) => x !== null && x !== undefined && x !== ''))) autoExpand(model, m.sheet, m.rect);
}

function writeNumberFormat(model: WorkbookModel, m: RangeRefModel, v: unknown): void {
  const block = checkShape(m, v, 'numberFormat');
  const out = block.map((row) =>
    row.map((x) => {
      if (x === null || x === undefined) return null;
      if (typeof x !== 'string') throw invalidArgument('Range.numberFormat', 'number formats are strings');
      // "" resets to General [doc: excel-add-ins-blank-null-values]; General is stored as "no format".
      return x === '' || x === 'General' ? undefined : x;
    }),
  );
  model.writeGrid(m.sheet, m.sheet.numberFormat, m.rect, out);
}

/** Value of a per-cell format over a range: the common value, or null when cells differ [doc: blank-null-values]. */
function uniform<T>(grid: Grid<T>, rect: Rect, dflt: T): T | null {
  let seen: T | undefined;
  const check = (v: T): boolean => {
    if (seen === undefined) seen = v;
    return seen === v;
  };
  const end = rect.r + rect.rows;
  const last = Math.min(end, grid.rows.length);
  for (let r = rect.r; r < last; r++) {
    const row = grid.rows[r];
    for (let c = rect.c; c < rect.c + rect.cols; c++) {
      const v = row === undefined ? undefined : row[c];
      if (!check(v === undefined ? dflt : v)) return null;
    }
  }
  if (end > last && !check(dflt)) return null;
  return seen === undefined ? dflt : seen;
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000', white: '#FFFFFF', red: '#FF0000', green: '#008000', lime: '#00FF00', blue: '#0000FF', yellow: '#FFFF00',
  orange: '#FFA500', gray: '#808080', grey: '#808080', silver: '#C0C0C0', purple: '#800080', navy: '#000080', teal: '#008080',
  maroon: '#800000', olive: '#808000', aqua: '#00FFFF', cyan: '#00FFFF', fuchsia: '#FF00FF', magenta: '#FF00FF',
  lightgray: '#D3D3D3', lightgrey: '#D3D3D3', darkgray: '#A9A9A9', darkgrey: '#A9A9A9', lightgreen: '#90EE90',
  darkgreen: '#006400', lightblue: '#ADD8E6', darkblue: '#00008B', pink: '#FFC0CB', gold: '#FFD700', brown: '#A52A2A',
};

/** Colours are "#RRGGBB" or HTML names [doc: Excel.RangeFill.color]; Excel reports them back as upper-case #RRGGBB. */
export function normalizeColor(v: unknown, where: string): string {
  if (typeof v !== 'string') throw invalidArgument(where, 'colour must be a string');
  const s = v.trim();
  let m = /^#?([0-9a-fA-F]{6})$/.exec(s);
  if (m) return `#${m[1].toUpperCase()}`;
  m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(s);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  throw invalidArgument(where, `unknown colour "${v}"`);
}

function hiddenState(set: Set<number>, start: number, count: number): boolean | null {
  let hidden = 0;
  if (set.size === 0) return false;
  for (const i of set) if (i >= start && i < start + count) hidden++;
  return hidden === 0 ? false : hidden === count ? true : null;
}

function setHidden(model: WorkbookModel, set: Set<number>, start: number, count: number, v: unknown, where: string): void {
  if (typeof v !== 'boolean') throw invalidArgument(where, 'must be a boolean');
  if (count > 100_000) throw new InMemoryExcelError('NotImplemented', 'not implemented: hiding more than 100,000 rows/columns at once', where);
  const before = new Set(set);
  for (let i = start; i < start + count; i++) {
    if (v) set.add(i);
    else set.delete(i);
  }
  model.record(() => {
    set.clear();
    for (const i of before) set.add(i);
  });
}

function rangeProps(model: () => WorkbookModel): PropTable<RangeRefModel> {
  return {
    address: { get: (m) => formatAddress(m.sheet.name, m.rect) },
    addressLocal: { get: (m) => formatAddress(m.sheet.name, m.rect) },
    rowIndex: { get: (m) => m.rect.r },
    columnIndex: { get: (m) => m.rect.c },
    rowCount: { get: (m) => m.rect.rows },
    columnCount: { get: (m) => m.rect.cols },
    cellCount: { get: (m) => cells(m) },
    isEntireRow: { get: (m) => m.rect.c === 0 && m.rect.cols === MAX_COLS },
    isEntireColumn: { get: (m) => m.rect.r === 0 && m.rect.rows === MAX_ROWS },
    values: {
      get: (m) => {
        guardRead(m, 'Range.values');
        return readGrid(m.sheet.values, m.rect, '' as const);
      },
      set: (m, v) => writeValues(model(), m, v),
    },
    // Read only (the adapter's target-cell check). A formula typed through `values` reads as its formula;
    // "if a cell has no formula, its value is returned instead" [doc: Excel.Range.formulas] (a quote-prefixed
    // text reads without its apostrophe, office-js#6687).
    formulas: {
      get: (m) => {
        guardRead(m, 'Range.formulas');
        const vals = readGrid(m.sheet.values, m.rect, '' as const);
        if (!m.sheet.formulas.anyIn(m.rect)) return vals;
        const fs = m.sheet.formulas.read(m.rect);
        // A cell cleared without its mark (Table.delete) is empty, whatever the mark says.
        return vals.map((row, i) => row.map((v, j) => (v === '' ? v : (fs[i][j] ?? v))));
      },
    },
    numberFormat: {
      get: (m) => {
        guardRead(m, 'Range.numberFormat');
        return readGrid(m.sheet.numberFormat, m.rect, 'General' as const);
      },
      set: (m, v) => writeNumberFormat(model(), m, v),
    },
    text: {
      get: (m) => {
        guardRead(m, 'Range.text');
        const vals = m.sheet.values.read(m.rect);
        const fmts = m.sheet.numberFormat.read(m.rect);
        const date1904 = model().date1904;
        return vals.map((row, i) => row.map((v, j) => formatValue(v, fmts[i][j], date1904)));
      },
    },
    valueTypes: {
      get: (m) => {
        guardRead(m, 'Range.valueTypes');
        const errors = m.sheet.errors.read(m.rect);
        return m.sheet.values
          .read(m.rect)
          .map((row, i) => row.map((v, j) => (v === undefined ? 'Empty' : errors[i][j] ? 'Error' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String')));
      },
    },
    // "true when all rows in a range are hidden … false when no rows … null when some" [doc: Excel.Range.rowHidden].
    rowHidden: {
      get: (m) => hiddenState(m.sheet.hiddenRows, m.rect.r, m.rect.rows),
      set: (m, v) => setHidden(model(), m.sheet.hiddenRows, m.rect.r, m.rect.rows, v, 'Range.rowHidden'),
    },
    columnHidden: {
      get: (m) => hiddenState(m.sheet.hiddenColumns, m.rect.c, m.rect.cols),
      set: (m, v) => setHidden(model(), m.sheet.hiddenColumns, m.rect.c, m.rect.cols, v, 'Range.columnHidden'),
    },
  };
}

// One property table per workbook: ranges are the most created proxies, so don't rebuild it for each.
const RANGE_PROPS_CACHE = new WeakMap<WorkbookModel, PropTable<RangeRefModel>>();
export function rangePropsFor(model: WorkbookModel): PropTable<RangeRefModel> {
  let p = RANGE_PROPS_CACHE.get(model);
  if (!p) RANGE_PROPS_CACHE.set(model, (p = rangeProps(() => model)));
  return p;
}

function sub(m: RangeRefModel, r: number, c: number, rows: number, cols: number, where: string): RangeRefModel {
  if (rows < 1 || cols < 1 || r < 0 || c < 0 || r + rows > MAX_ROWS || c + cols > MAX_COLS) {
    throw invalidArgument(where, `the resulting range is outside the grid (${r},${c},${rows}×${cols})`);
  }
  return { sheet: m.sheet, rect: { r, c, rows, cols } };
}

/** Resolves an address or Range argument (getIntersection, getBoundingRect, tables.add, setPosition). */
export function rangeArg(model: WorkbookModel, arg: unknown, defaultSheet: SheetModel, where: string): RangeRefModel {
  if (arg instanceof ClientObj) {
    const ref = arg._need() as RangeRefModel;
    if (!ref || !('rect' in ref)) throw invalidArgument(where, 'expected a Range');
    return ref;
  }
  if (typeof arg !== 'string') throw invalidArgument(where, 'expected an address or a Range');
  const { sheet, local } = splitSheet(arg);
  const s = sheet === undefined ? defaultSheet : model.findSheet(sheet);
  if (!s) throw itemNotFound(where, `no sheet "${sheet}"`);
  return { sheet: s, rect: parseLocal(local) };
}

export class RangeObj extends ClientObj<RangeRefModel> {
  _format: RangeFormatObj | undefined;
  _worksheet: WorksheetObj | undefined;
  _conditionalFormats: ConditionalFormatCollectionObj | undefined;

  constructor(ctx: InMemoryContext, resolver: Resolver<RangeRefModel>, pre?: { ref: RangeRefModel | null }) {
    super(ctx, 'Range', rangePropsFor(ctx._model), resolver, pre);
  }

  /** ExcelApi 1.6; only "Custom" rules are modelled. */
  get conditionalFormats(): ConditionalFormatCollectionObj {
    return (this._conditionalFormats ??= new ConditionalFormatCollectionObj(this._ctx, derive(this, (m) => m)));
  }

  private _m(): WorkbookModel {
    return this._ctx._model;
  }

  /** A range on a deleted sheet is gone too. */
  override _resolveRef(): RangeRefModel | null {
    const ref = super._resolveRef();
    if (ref && ref.sheet.deleted) throw itemNotFound('Range', 'the worksheet was deleted');
    return ref;
  }

  private _child(f: (m: RangeRefModel) => RangeRefModel | null): RangeObj {
    return new RangeObj(this._ctx, derive(this, f));
  }

  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'format') return this.format as ClientObj<unknown>;
    if (name === 'worksheet') return this.worksheet as ClientObj<unknown>;
    if (name === 'conditionalFormats') return this.conditionalFormats as ClientObj<unknown>;
    return undefined;
  }

  get format(): RangeFormatObj {
    return (this._format ??= new RangeFormatObj(this._ctx, derive(this, (m) => m)));
  }

  get worksheet(): WorksheetObj {
    return (this._worksheet ??= new WorksheetObj(this._ctx, derive(this, (m) => m.sheet)));
  }

  getCell(row: number, column: number): RangeObj {
    return this._child((m) => sub(m, m.rect.r + row, m.rect.c + column, 1, 1, 'Range.getCell'));
  }

  getRow(row: number): RangeObj {
    return this._child((m) => {
      if (row < 0 || row >= m.rect.rows) throw invalidArgument('Range.getRow', `row ${row} outside the range`);
      return sub(m, m.rect.r + row, m.rect.c, 1, m.rect.cols, 'Range.getRow');
    });
  }

  getColumn(column: number): RangeObj {
    return this._child((m) => {
      if (column < 0 || column >= m.rect.cols) throw invalidArgument('Range.getColumn', `column ${column} outside the range`);
      return sub(m, m.rect.r, m.rect.c + column, m.rect.rows, 1, 'Range.getColumn');
    });
  }

  getLastRow(): RangeObj {
    return this._child((m) => sub(m, m.rect.r + m.rect.rows - 1, m.rect.c, 1, m.rect.cols, 'Range.getLastRow'));
  }

  getLastColumn(): RangeObj {
    return this._child((m) => sub(m, m.rect.r, m.rect.c + m.rect.cols - 1, m.rect.rows, 1, 'Range.getLastColumn'));
  }

  getLastCell(): RangeObj {
    return this._child((m) => sub(m, m.rect.r + m.rect.rows - 1, m.rect.c + m.rect.cols - 1, 1, 1, 'Range.getLastCell'));
  }

  getEntireRow(): RangeObj {
    return this._child((m) => sub(m, m.rect.r, 0, m.rect.rows, MAX_COLS, 'Range.getEntireRow'));
  }

  getEntireColumn(): RangeObj {
    return this._child((m) => sub(m, 0, m.rect.c, MAX_ROWS, m.rect.cols, 'Range.getEntireColumn'));
  }

  /** deltaRows/deltaColumns are added to the current size [doc: Excel.Range.getResizedRange, 1.2]. */
  getResizedRange(deltaRows: number, deltaColumns: number): RangeObj {
    return this._child((m) => sub(m, m.rect.r, m.rect.c, m.rect.rows + deltaRows, m.rect.cols + deltaColumns, 'Range.getResizedRange'));
  }

  /** Same top-left cell, absolute size [doc: Excel.Range.getAbsoluteResizedRange, 1.7]. */
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeObj {
    return this._child((m) => sub(m, m.rect.r, m.rect.c, numRows, numColumns, 'Range.getAbsoluteResizedRange'));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeObj {
    return this._child((m) => sub(m, m.rect.r + rowOffset, m.rect.c + columnOffset, m.rect.rows, m.rect.cols, 'Range.getOffsetRange'));
  }

  /** "A certain number of columns to the right of the current Range object", default 1 [doc: getColumnsAfter, 1.2]. */
  getColumnsAfter(count = 1): RangeObj {
    return this._child((m) => sub(m, m.rect.r, m.rect.c + m.rect.cols, m.rect.rows, count, 'Range.getColumnsAfter'));
  }

  getColumnsBefore(count = 1): RangeObj {
    return this._child((m) => sub(m, m.rect.r, m.rect.c - count, m.rect.rows, count, 'Range.getColumnsBefore'));
  }

  getRowsAbove(count = 1): RangeObj {
    return this._child((m) => sub(m, m.rect.r - count, m.rect.c, count, m.rect.cols, 'Range.getRowsAbove'));
  }

  getRowsBelow(count = 1): RangeObj {
    return this._child((m) => sub(m, m.rect.r + m.rect.rows, m.rect.c, count, m.rect.cols, 'Range.getRowsBelow'));
  }

  getBoundingRect(anotherRange: RangeObj | string): RangeObj {
    return this._child((m) => {
      const o = rangeArg(this._m(), anotherRange, m.sheet, 'Range.getBoundingRect');
      if (o.sheet !== m.sheet) throw invalidArgument('Range.getBoundingRect', 'ranges on different sheets');
      const r = Math.min(m.rect.r, o.rect.r);
      const c = Math.min(m.rect.c, o.rect.c);
      const r2 = Math.max(m.rect.r + m.rect.rows, o.rect.r + o.rect.rows);
      const c2 = Math.max(m.rect.c + m.rect.cols, o.rect.c + o.rect.cols);
      return { sheet: m.sheet, rect: { r, c, rows: r2 - r, cols: c2 - c } };
    });
  }

  getIntersection(anotherRange: RangeObj | string): RangeObj {
    return this._child((m) => {
      const hit = this._intersect(m, anotherRange, 'Range.getIntersection');
      if (!hit) throw itemNotFound('Range.getIntersection', 'the ranges do not intersect');
      return hit;
    });
  }

  getIntersectionOrNullObject(anotherRange: RangeObj | string): RangeObj {
    return this._child((m) => this._intersect(m, anotherRange, 'Range.getIntersectionOrNullObject'));
  }

  private _intersect(m: RangeRefModel, other: RangeObj | string, where: string): RangeRefModel | null {
    const o = rangeArg(this._m(), other, m.sheet, where);
    if (o.sheet !== m.sheet) return null;
    const rect = intersect(m.rect, o.rect);
    return rect ? { sheet: m.sheet, rect } : null;
  }

  getSurroundingRegion(): RangeObj {
    return this._child((m) => ({ sheet: m.sheet, rect: this._m().surroundingRegion(m.sheet, m.rect) }));
  }

  /** "If there are no used cells within the range, this function will throw an ItemNotFound error" [doc: Range.getUsedRange]. */
  getUsedRange(valuesOnly = false): RangeObj {
    return this._child((m) => {
      const hit = this._used(m, valuesOnly);
      if (!hit) throw itemNotFound('Range.getUsedRange', 'no used cells in the range');
      return hit;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeObj {
    return this._child((m) => this._used(m, valuesOnly));
  }

  /**
   * Modelled as the intersection of the range with the worksheet's used range (VBA's Intersect(UsedRange, r)).
   * The docs do not say whether Excel instead shrinks to the used cells inside the range; code should not rely
   * on either (read the values to find occupied cells).
   */
  private _used(m: RangeRefModel, valuesOnly: boolean): RangeRefModel | null {
    const used = this._m().usedRect(m.sheet, valuesOnly);
    const rect = used ? intersect(used, m.rect) : null;
    return rect ? { sheet: m.sheet, rect } : null;
  }

  /**
   * "A RangeAreas object that represents the merged areas in this range … more than 512 … this method will
   * fail"; a null object when there are none [doc: Excel.Range.getMergedAreasOrNullObject, ExcelApi 1.13]. The
   * docs do not say whether an area reaching outside the range is cut to it: the model gives it whole.
   */
  getMergedAreasOrNullObject(): RangeAreasObj {
    return new RangeAreasObj(
      this._ctx,
      derive(this, (m) => {
        if (this._ctx._host.supportsApi && !this._ctx._host.supportsApi('1.13')) throw apiNotFound('Range.getMergedAreasOrNullObject', '1.13');
        const areas = m.sheet.merged.filter((a) => intersect(a, m.rect) !== null).map((a) => ({ ...a }));
        if (areas.length > 512) throw new InMemoryExcelError('GeneralException', 'more than 512 merged areas', 'Range.getMergedAreasOrNullObject');
        return areas.length ? { sheet: m.sheet, areas } : null;
      }),
    );
  }

  getTables(fullyContained = false): TableScopedCollectionObj {
    return new TableScopedCollectionObj(
      this._ctx,
      derive(this, (m) => this._m().tables.filter((t: TableModel) => t.sheet === m.sheet && (fullyContained ? contains(m.rect, t.rect) : intersect(m.rect, t.rect) !== null))),
    );
  }

  /** applyTo: "All" (default) | "Formats" | "Contents" | "ResetContents" [doc: Excel.Range.clear]. */
  clear(applyTo: string = 'All'): void {
    this._call('clear', [applyTo], (m) => {
      const model = this._m();
      if (!['All', 'Formats', 'Contents', 'ResetContents', 'Hyperlinks', 'RemoveHyperlinks'].includes(applyTo)) throw invalidArgument('Range.clear', `applyTo "${applyTo}"`);
      if (applyTo === 'All' || applyTo === 'Contents' || applyTo === 'ResetContents') for (const g of CONTENT_GRIDS) model.clearGrid(m.sheet.grid(g) as Grid<unknown>, m.rect);
      if (applyTo === 'All' || applyTo === 'Formats') {
        for (const g of FORMAT_GRIDS) model.clearGrid(m.sheet.grid(g) as Grid<unknown>, m.rect);
        // Clear Formats also removes conditional formatting from the cells, as in Excel's Home > Clear.
        model.clearConditionalFormats(m.sheet, m.rect);
      }
    });
  }

  /** Deletes the cells, shifting the others "Up" or "Left" [doc: Excel.Range.delete]. Not allowed across tables here. */
  delete(shift: string): void {
    this._call('delete', [shift], (m) => {
      const model = this._m();
      if (model.tables.some((t) => t.sheet === m.sheet && intersect(t.rect, m.rect))) {
        throw new InMemoryExcelError('NotImplemented', 'not implemented: Range.delete across a table (use TableColumn.delete)', 'Range.delete');
      }
      if (shift === 'Left') model.deleteCells(m.sheet, m.rect.r, m.rect.rows, m.rect.c, m.rect.cols);
      else if (shift === 'Up') model.restructure(m.sheet, (g) => g.deleteUp(m.rect));
      else throw invalidArgument('Range.delete', `shift "${shift}"`);
    });
  }

  select(): void {
    this._call('select', [], (m) => {
      const model = this._m();
      model.setField(model, 'selection', { sheet: m.sheet, areas: [m.rect] });
      model.setField(model, 'activeSheet', m.sheet);
      model.setField(model, 'selectedChart', null);
    });
  }

  getCellProperties(): never {
    throw notImplemented('Range', 'getCellProperties');
  }
}

// ---- format ----

const formatProps = (model: () => WorkbookModel): PropTable<RangeRefModel> => ({
  wrapText: {
    get: (m) => uniform(m.sheet.wrap, m.rect, false),
    set: (m, v) => {
      if (typeof v !== 'boolean') throw invalidArgument('RangeFormat.wrapText', 'must be a boolean');
      model().fillGrid(m.sheet.wrap, m.rect, v ? true : undefined);
    },
  },
  // Width of all columns in points, null if they differ [doc: Excel.RangeFormat.columnWidth].
  columnWidth: {
    get: (m) => {
      let w: number | null = null;
      for (let c = m.rect.c; c < m.rect.c + m.rect.cols; c++) {
        const cw = m.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
        if (w === null) w = cw;
        else if (w !== cw) return null;
      }
      return w;
    },
    set: (m, v) => {
      if (typeof v !== 'number' || !(v >= 0)) throw invalidArgument('RangeFormat.columnWidth', 'must be a non-negative number');
      const md = model();
      const before = new Map(m.sheet.columnWidths);
      for (let c = m.rect.c; c < m.rect.c + m.rect.cols; c++) m.sheet.columnWidths.set(c, v);
      md.record(() => {
        m.sheet.columnWidths = before;
      });
    },
  },
  rowHeight: { get: () => DEFAULT_ROW_HEIGHT },
});

export class RangeFormatObj extends ClientObj<RangeRefModel> {
  _fill: RangeFillObj | undefined;
  _font: RangeFontObj | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<RangeRefModel>) {
    super(ctx, 'RangeFormat', formatProps(() => ctx._model), resolver);
  }
  get fill(): RangeFillObj {
    return (this._fill ??= new RangeFillObj(this._ctx, derive(this, (m) => m)));
  }
  get font(): RangeFontObj {
    return (this._font ??= new RangeFontObj(this._ctx, derive(this, (m) => m)));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'fill') return this.fill as ClientObj<unknown>;
    if (name === 'font') return this.font as ClientObj<unknown>;
    return undefined;
  }
  /** Layout only matters on screen; queued so that it costs a request action like the real call. */
  autofitColumns(): void {
    this._call('autofitColumns', [], () => undefined);
  }
  autofitRows(): void {
    this._call('autofitRows', [], () => undefined);
  }
}

export class RangeFillObj extends ClientObj<RangeRefModel> {
  constructor(ctx: InMemoryContext, resolver: Resolver<RangeRefModel>) {
    super(
      ctx,
      'RangeFill',
      {
        // No fill reads as white, "#FFFFFF"; mixed fills read as null [doc: excel-add-ins-blank-null-values].
        color: {
          get: (m) => uniform(m.sheet.fill, m.rect, '#FFFFFF'),
          set: (m, v) => ctx._model.fillGrid(m.sheet.fill, m.rect, normalizeColor(v, 'RangeFill.color')),
        },
      },
      resolver,
    );
  }
  clear(): void {
    this._call('clear', [], (m) => this._ctx._model.clearGrid(m.sheet.fill, m.rect));
  }
}

export class RangeFontObj extends ClientObj<RangeRefModel> {
  constructor(ctx: InMemoryContext, resolver: Resolver<RangeRefModel>) {
    super(
      ctx,
      'RangeFont',
      {
        bold: {
          get: (m) => uniform(m.sheet.bold, m.rect, false),
          set: (m, v) => {
            if (typeof v !== 'boolean') throw invalidArgument('RangeFont.bold', 'must be a boolean');
            ctx._model.fillGrid(m.sheet.bold, m.rect, v ? true : undefined);
          },
        },
        color: {
          get: (m) => uniform(m.sheet.fontColor, m.rect, '#000000'),
          set: (m, v) => ctx._model.fillGrid(m.sheet.fontColor, m.rect, normalizeColor(v, 'RangeFont.color')),
        },
      },
      resolver,
    );
  }
}

// ---- RangeAreas ----

export interface AreasModel {
  sheet: SheetModel;
  areas: Rect[];
}

export class RangeAreasObj extends ClientObj<AreasModel> {
  _areas: RangeCollectionObj | undefined;
  _worksheet: WorksheetObj | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<AreasModel>) {
    super(
      ctx,
      'RangeAreas',
      {
        // "Sheet1!A1:B4, Sheet1!D1:D4" [doc: Excel.RangeAreas.address].
        address: { get: (m) => m.areas.map((a) => formatAddress(m.sheet.name, a)).join(', ') },
        addressLocal: { get: (m) => m.areas.map((a) => formatAddress(m.sheet.name, a)).join(', ') },
        areaCount: { get: (m) => m.areas.length },
        cellCount: { get: (m) => m.areas.reduce((n, a) => n + a.rows * a.cols, 0) },
      },
      resolver,
    );
  }
  get areas(): RangeCollectionObj {
    return (this._areas ??= new RangeCollectionObj(this._ctx, derive(this, (m) => m.areas.map((rect) => ({ sheet: m.sheet, rect })))));
  }
  get worksheet(): WorksheetObj {
    return (this._worksheet ??= new WorksheetObj(this._ctx, derive(this, (m) => m.sheet)));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'areas') return this.areas as ClientObj<unknown>;
    if (name === 'worksheet') return this.worksheet as ClientObj<unknown>;
    return undefined;
  }
}

export class RangeCollectionObj extends ClientCollection<RangeRefModel[], RangeRefModel, RangeObj> {
  constructor(ctx: InMemoryContext, resolver: Resolver<RangeRefModel[]>) {
    super(ctx, 'RangeCollection', {}, resolver);
  }
  _list(m: RangeRefModel[]): RangeRefModel[] {
    return m;
  }
  _wrapItem(im: RangeRefModel): RangeObj {
    return new RangeObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<RangeRefModel> {
    return rangePropsFor(this._ctx._model);
  }
  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._need().length);
  }
  getItemAt(index: number): RangeObj {
    return new RangeObj(
      this._ctx,
      derive(this, (list) => {
        if (index < 0 || index >= list.length) throw invalidArgument('RangeCollection.getItemAt', `index ${index}`);
        return list[index];
      }),
    );
  }
}

