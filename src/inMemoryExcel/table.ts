// Tables (ListObjects): TableCollection, Table, columns, rows, TableScopedCollection.
import { MAX_COLS, Rect, intersect } from './address';
import { ClientCollection, ClientObj, InMemoryContext, PropTable, Resolver, clientResult } from './client';
import { InMemoryExcelError, invalidArgument, itemNotFound, notImplemented } from './errors';
import { CellValue, RangeRefModel, SheetModel, TableModel, WorkbookModel, cellText } from './model';
import { RangeObj, derive, rangeArg } from './range';
import { WorksheetObj } from './workbook';
import { guardWrite } from './protection';

// ---- model operations ----

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

function validateTableName(model: WorkbookModel, name: unknown, self: TableModel | null): string {
  // Table names: start with a letter, "_" or "\", no spaces, not a cell reference, unique in the workbook.
  if (typeof name !== 'string' || name.length > 255 || !TABLE_NAME.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name)) {
    throw invalidArgument('Table.name', `invalid table name "${String(name)}"`);
  }
  const other = model.findTable(name);
  if (other && other !== self) throw new InMemoryExcelError('ItemAlreadyExists', `A resource with the same name or identifier already exists. (${name})`, 'Table.name');
  return name;
}

/** Excel fixes header rows of new tables: blanks become "ColumnN", duplicates get a number appended. */
function uniqueName(wanted: string, taken: Set<string>, fallbackIndex: number): string {
  let base = wanted.trim() === '' ? `Column${fallbackIndex}` : wanted;
  if (!taken.has(base.toLowerCase())) return base;
  let n = 2;
  if (wanted.trim() === '') {
    n = fallbackIndex;
    base = 'Column';
    while (taken.has(`${base}${n}`.toLowerCase())) n++;
    return `${base}${n}`;
  }
  while (taken.has(`${base}${n}`.toLowerCase())) n++;
  return `${base}${n}`;
}

export function createTable(model: WorkbookModel, sheet: SheetModel, rect0: Rect, hasHeaders: boolean): TableModel {
  if (!hasHeaders) {
    // Excel would insert a generated header row above the data; not modelled.
    throw new InMemoryExcelError('NotImplemented', 'not implemented: TableCollection.add with hasHeaders = false', 'TableCollection.add');
  }
  // A table always has at least one data row: a header-only range gets an empty body row.
  const rect = rect0.rows === 1 ? { ...rect0, rows: 2 } : { ...rect0 };
  if (model.tables.some((t) => t.sheet === sheet && intersect(t.rect, rect))) {
    throw invalidArgument('TableCollection.add', 'a table cannot overlap another table');
  }
  const taken = new Set<string>();
  const headers: CellValue[][] = [[]];
  for (let j = 0; j < rect.cols; j++) {
    const name = uniqueName(cellText(sheet.values.get(rect.r, rect.c + j)), taken, j + 1);
    taken.add(name.toLowerCase());
    headers[0].push(name);
  }
  model.writeGrid(sheet, sheet.values, { r: rect.r, c: rect.c, rows: 1, cols: rect.cols }, headers);
  let n = model.nextTableId;
  while (model.findTable(`Table${n}`)) n++;
  const columnIds: number[] = [];
  for (let j = 0; j < rect.cols; j++) columnIds.push(model.nextColumnId + j);
  model.setField(model, 'nextColumnId', model.nextColumnId + rect.cols);
  const table: TableModel = { id: model.nextTableId, name: `Table${n}`, sheet, rect, columnIds, deleted: false };
  model.setField(model, 'nextTableId', model.nextTableId + 1);
  model.saveArray(model.tables);
  model.tables.push(table);
  return table;
}

/** Moves tables that sit entirely to the right of `col` on the shifted rows along with their cells. */
function shiftNeighbours(model: WorkbookModel, t: TableModel, col: number, delta: number): void {
  for (const o of model.tables) {
    if (o === t || o.sheet !== t.sheet || o.rect.c < col) continue;
    const rowsOverlap = o.rect.r < t.rect.r + t.rect.rows && t.rect.r < o.rect.r + o.rect.rows;
    if (!rowsOverlap) continue;
    const inside = o.rect.r >= t.rect.r && o.rect.r + o.rect.rows <= t.rect.r + t.rect.rows;
    if (!inside) throw new InMemoryExcelError('NotImplemented', 'not implemented: inserting cells that would split another table', 'TableColumnCollection.add');
    model.setField(o, 'rect', { ...o.rect, c: o.rect.c + delta });
  }
}

/**
 * TableColumnCollection.add(index?, values?, name?) with ExcelApi 1.4 semantics: index null/undefined/-1
 * appends; `values` is a 2-D array covering the header and every data row [doc: excel-notes §4.3,
 * Excel.TableColumnCollection.add]. The new column is inserted: cells of the table's rows at and right of the
 * insertion point shift right, so nothing beside the table is overwritten.
 */
function addColumn(model: WorkbookModel, t: TableModel, index: number | null | undefined, values: unknown, name: string | undefined): number {
  const count = t.rect.cols;
  const at = index === null || index === undefined || index === -1 ? count : index;
  if (!Number.isInteger(at) || at < 0 || at > count) throw invalidArgument('TableColumnCollection.add', `index ${String(index)} (table has ${count} columns)`);
  let block: unknown[][] | null = null;
  if (values !== undefined && values !== null) {
    if (!Array.isArray(values) || values.length !== t.rect.rows || values.some((r) => !Array.isArray(r) || r.length !== 1)) {
      throw invalidArgument('TableColumnCollection.add', `values must be ${t.rect.rows}×1 (header + data rows)`);
    }
    block = values as unknown[][];
  }
  const col = t.rect.c + at;
  const rows = t.rect.rows + (t.totals ? 1 : 0);
  refuseInsert(model, t, rows, col);
  model.insertCells(t.sheet, t.rect.r, rows, col, 1);
  shiftNeighbours(model, t, col, 1);
  model.setField(t, 'rect', { ...t.rect, cols: count + 1 });
  if (block) model.writeTyped(t.sheet, { r: t.rect.r, c: col, rows: t.rect.rows, cols: 1 }, block, 'TableColumnCollection.add');
  const taken = new Set(model.tableColumnNames(t).filter((_, j) => j !== at).map((s) => s.toLowerCase()));
  const header = name ?? (block ? cellText(t.sheet.values.get(t.rect.r, col)) : '');
  model.writeGrid(t.sheet, t.sheet.values, { r: t.rect.r, c: col, rows: 1, cols: 1 }, [[uniqueName(header, taken, at + 1)]]);
  const id = model.nextColumnId;
  model.setField(model, 'nextColumnId', id + 1);
  model.saveArray(t.columnIds);
  t.columnIds.splice(at, 0, id);
  return id;
}

/** Cells a column insert may move before Excel refuses it [doc: application-specific-api-error-handling.md]. */
export const OPERATION_CELLS_LIMIT = 33_554_000;

/**
 * What Excel refuses when a column is inserted into a table (cells of the table's rows shift right):
 * - NonBlankCellOffSheet, "Microsoft Excel can't insert new cells because it would push non-empty cells off
 *   the end of the worksheet" — a cell of those rows in the last column (XFD) holds something;
 * - OperationCellsExceedLimit, "the attempted operation affects more than the limit of 33554000 cells"; "If the
 *   TableColumnCollection.add API triggers this error, confirm that there is no unintentional data within the
 *   worksheet but outside of the table … in the right-most columns" [both: application-specific-api-error-handling.md;
 *   the doc says Excel on the web]. Modelled as rows × the columns from the insertion point to the end of the
 *   sheet's used range (the cells that would move).
 */
function refuseInsert(model: WorkbookModel, t: TableModel, rows: number, col: number): void {
  const sheet = t.sheet;
  for (const g of [sheet.values, sheet.numberFormat, sheet.fill, sheet.bold, sheet.fontColor, sheet.wrap] as Array<{ anyIn(r: Rect): boolean }>) {
    if (g.anyIn({ r: t.rect.r, c: MAX_COLS - 1, rows, cols: 1 })) {
      throw new InMemoryExcelError(
        'NonBlankCellOffSheet',
        "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.",
        'TableColumnCollection.add',
      );
    }
  }
  const used = model.usedRect(sheet, false);
  const moved = used ? rows * Math.max(0, used.c + used.cols - col) : 0;
  if (moved > OPERATION_CELLS_LIMIT) {
    throw new InMemoryExcelError('OperationCellsExceedLimit', `The attempted operation affects more than the limit of ${OPERATION_CELLS_LIMIT} cells.`, 'TableColumnCollection.add');
  }
}

/**
 * Autoexpansion: values written into the row right below a table (within its columns) or the column right of it
 * (within its rows) make the table grow over them, as typing there does (AutoCorrect › "Include new rows and
 * columns in table", on by default). That AutoCorrect applies to API writes too is reported in
 * OfficeDev/office-js#6745 (another AutoFormat-as-you-type option) and the partial growth in #3191; the exact
 * rule for a block written at once is not documented: the model takes the whole contiguous block. A table
 * with a totals row does not grow downwards. New columns get "ColumnN" headers where the header cell is blank.
 */
export function autoExpand(model: WorkbookModel, sheet: SheetModel, w: Rect): void {
  for (const t of model.tables) {
    if (t.sheet !== sheet || t.deleted) continue;
    const r = t.rect;
    const below = w.r === r.r + r.rows && w.c < r.c + r.cols && w.c + w.cols > r.c && !t.totals;
    const right = w.c === r.c + r.cols && w.r < r.r + r.rows && w.r + w.rows > r.r;
    if (below && w.c >= r.c && w.c + w.cols <= r.c + r.cols) {
      if (model.tables.some((o) => o !== t && o.sheet === sheet && intersect(o.rect, { ...w, c: r.c, cols: r.cols }))) continue;
      model.setField(t, 'rect', { ...r, rows: r.rows + w.rows });
    } else if (right && w.r >= r.r && w.r + w.rows <= r.r + r.rows && w.c + w.cols <= MAX_COLS) {
      if (model.tables.some((o) => o !== t && o.sheet === sheet && intersect(o.rect, { ...w, r: r.r, rows: r.rows }))) continue;
      const taken = new Set(model.tableColumnNames(t).map((n) => n.toLowerCase()));
      model.setField(t, 'rect', { ...r, cols: r.cols + w.cols });
      const ids: number[] = [];
      for (let j = 0; j < w.cols; j++) {
        const name = uniqueName(cellText(sheet.values.get(r.r, w.c + j)), taken, r.cols + j + 1);
        taken.add(name.toLowerCase());
        model.writeGrid(sheet, sheet.values, { r: r.r, c: w.c + j, rows: 1, cols: 1 }, [[name]]);
        ids.push(model.nextColumnId + j);
      }
      model.setField(model, 'nextColumnId', model.nextColumnId + w.cols);
      model.saveArray(t.columnIds);
      t.columnIds.push(...ids);
    }
  }
}

function deleteColumn(model: WorkbookModel, t: TableModel, id: number): void {
  const at = t.columnIds.indexOf(id);
  if (at < 0) throw itemNotFound('TableColumn.delete', 'column not found');
  if (t.rect.cols === 1) throw new InMemoryExcelError('InvalidOperation', 'A table must keep at least one column.', 'TableColumn.delete');
  const col = t.rect.c + at;
  model.deleteCells(t.sheet, t.rect.r, t.rect.rows + (t.totals ? 1 : 0), col, 1);
  shiftNeighbours(model, t, col + 1, -1);
  model.setField(t, 'rect', { ...t.rect, cols: t.rect.cols - 1 });
  model.saveArray(t.columnIds);
  t.columnIds.splice(at, 1);
}

function removeTable(model: WorkbookModel, t: TableModel): void {
  model.saveArray(model.tables);
  model.tables.splice(model.tables.indexOf(t), 1);
  model.setField(t, 'deleted', true);
}

// ---- proxies ----

function tableProps(model: WorkbookModel): PropTable<TableModel> {
  return {
    name: {
      get: (t) => t.name,
      set: (t, v) => model.setField(t, 'name', validateTableName(model, v, t)),
    },
    id: { get: (t) => String(t.id) },
    showHeaders: { get: () => true },
    // The totals row sits right below the data body [doc: Excel.Table.showTotals, getTotalRowRange, 1.1/1.3].
    // Switching it on writes "Total" in its first cell (Excel also adds a SUBTOTAL formula: not modelled).
    showTotals: {
      get: (t) => t.totals === true,
      set: (t, v) => {
        if (typeof v !== 'boolean') throw invalidArgument('Table.showTotals', 'must be a boolean');
        if (v === (t.totals === true)) return;
        const row = { r: t.rect.r + t.rect.rows, c: t.rect.c, rows: 1, cols: t.rect.cols };
        if (v && t.sheet.values.anyIn(row)) throw new InMemoryExcelError('NotImplemented', 'not implemented: a totals row over cells that hold values (Excel would insert a row)', 'Table.showTotals');
        model.setField(t, 'totals', v);
        if (v) model.writeGrid(t.sheet, t.sheet.values, { ...row, cols: 1 }, [['Total']]);
        else model.clearGrid(t.sheet.values, row);
      },
    },
  };
}

export class TableCollectionObj extends ClientCollection<TableModel[], TableModel, TableObj> {
  private readonly _sheet: WorksheetObj | null;
  constructor(ctx: InMemoryContext, resolver: Resolver<TableModel[]>, sheet: WorksheetObj | null) {
    super(ctx, 'TableCollection', { count: { get: (l: TableModel[]) => l.length } }, resolver);
    this._sheet = sheet;
  }
  _list(m: TableModel[]): TableModel[] {
    return m.slice();
  }
  _wrapItem(im: TableModel): TableObj {
    return new TableObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<TableModel> {
    return tableProps(this._ctx._model);
  }

  /** address: string (sheet-qualified when called on workbook.tables) or Range [doc: TableCollection.add]. */
  add(address: RangeObj | string, hasHeaders: boolean): TableObj {
    let created: TableModel | undefined;
    this._ctx._enqueue({ a: 'call', o: this._oid, m: 'add', args: [typeof address === 'string' ? address : 'range', hasHeaders] }, () => {
      const model = this._ctx._model;
      const sheet = this._sheet ? this._sheet._need() : (model.activeSheet ?? model.sheets[0]);
      const ref = rangeArg(model, address, sheet, 'TableCollection.add');
      if (this._sheet && ref.sheet !== sheet) throw invalidArgument('TableCollection.add', 'the address is on another sheet');
      guardWrite(model, 'TableCollection', 'add', ref);
      created = createTable(model, ref.sheet, ref.rect, hasHeaders);
      return undefined;
    });
    return new TableObj(this._ctx, () => created ?? null);
  }

  getItem(key: string): TableObj {
    return tableByKey(this, key, 'TableCollection.getItem');
  }

  getItemOrNullObject(key: string): TableObj {
    return tableByKey(this, key, null);
  }

  getItemAt(index: number): TableObj {
    return new TableObj(
      this._ctx,
      derive(this, (l) => {
        if (index < 0 || index >= l.length) throw invalidArgument('TableCollection.getItemAt', `index ${index}`);
        return l[index];
      }),
    );
  }

  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._need().length);
  }
}

function findIn(list: TableModel[], key: string): TableModel | undefined {
  const k = key.toLowerCase();
  return list.find((t) => t.name.toLowerCase() === k || String(t.id) === key);
}

/** A table of a collection by name or id: ItemNotFound from `method`, or a null object when `method` is null. */
function tableByKey(coll: ClientCollection<TableModel[], TableModel, TableObj>, key: string, method: string | null): TableObj {
  return new TableObj(
    coll._ctx,
    derive(coll, (l) => {
      const t = findIn(l, key);
      if (t) return t;
      if (method === null) return null;
      throw itemNotFound(method, `no table "${key}"`);
    }),
  );
}

/** Range.getTables(): items, getFirst() (throws when empty), getCount() [doc: TableScopedCollection, 1.9]. */
export class TableScopedCollectionObj extends ClientCollection<TableModel[], TableModel, TableObj> {
  constructor(ctx: InMemoryContext, resolver: Resolver<TableModel[]>) {
    super(ctx, 'TableScopedCollection', {}, resolver);
  }
  _list(m: TableModel[]): TableModel[] {
    return m.slice();
  }
  _wrapItem(im: TableModel): TableObj {
    return new TableObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<TableModel> {
    return tableProps(this._ctx._model);
  }
  getFirst(): TableObj {
    return new TableObj(
      this._ctx,
      derive(this, (l) => {
        // Sorted as Excel does: top-left first.
        const sorted = l.slice().sort((a, b) => a.rect.r - b.rect.r || a.rect.c - b.rect.c);
        if (!sorted[0]) throw itemNotFound('TableScopedCollection.getFirst', 'no table in the range');
        return sorted[0];
      }),
    );
  }
  getItem(key: string): TableObj {
    return tableByKey(this, key, 'TableScopedCollection.getItem');
  }
  getItemOrNullObject(key: string): TableObj {
    return tableByKey(this, key, null);
  }
  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._need().length);
  }
}

export class TableObj extends ClientObj<TableModel> {
  _columns: TableColumnCollectionObj | undefined;
  _rows: TableRowCollectionObj | undefined;
  _worksheet: WorksheetObj | undefined;

  constructor(ctx: InMemoryContext, resolver: Resolver<TableModel>, pre?: { ref: TableModel | null }) {
    super(ctx, 'Table', tableProps(ctx._model), resolver, pre);
  }

  get columns(): TableColumnCollectionObj {
    return (this._columns ??= new TableColumnCollectionObj(this._ctx, derive(this, (t) => t)));
  }
  get rows(): TableRowCollectionObj {
    return (this._rows ??= new TableRowCollectionObj(this._ctx, derive(this, (t) => t)));
  }
  get worksheet(): WorksheetObj {
    return (this._worksheet ??= new WorksheetObj(this._ctx, derive(this, (t) => t.sheet)));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'columns') return this.columns as ClientObj<unknown>;
    if (name === 'rows') return this.rows as ClientObj<unknown>;
    if (name === 'worksheet') return this.worksheet as ClientObj<unknown>;
    return undefined;
  }

  private _range(f: (t: TableModel) => Rect): RangeObj {
    return new RangeObj(this._ctx, derive(this, (t): RangeRefModel => ({ sheet: t.sheet, rect: f(t) })));
  }
  getRange(): RangeObj {
    return this._range((t) => ({ ...t.rect, rows: t.rect.rows + (t.totals ? 1 : 0) }));
  }
  /** [doc: Table.getTotalRowRange, 1.1] (the null-object form is not modelled). */
  getTotalRowRange(): RangeObj {
    return this._range((t) => {
      if (!t.totals) throw itemNotFound('Table.getTotalRowRange', 'the table has no totals row');
      return { ...t.rect, r: t.rect.r + t.rect.rows, rows: 1 };
    });
  }
  getHeaderRowRange(): RangeObj {
    return this._range((t) => ({ ...t.rect, rows: 1 }));
  }
  getDataBodyRange(): RangeObj {
    return this._range((t) => ({ r: t.rect.r + 1, c: t.rect.c, rows: t.rect.rows - 1, cols: t.rect.cols }));
  }

  /** Deletes the table and its cells' contents and formats (unlike convertToRange). */
  delete(): void {
    this._call('delete', [], (t) => {
      const model = this._ctx._model;
      model.clearGrid(t.sheet.values, t.rect);
      for (const g of ['numberFormat', 'fill', 'bold', 'fontColor', 'wrap'] as const) model.clearGrid(t.sheet[g] as never, t.rect);
      removeTable(model, t);
    });
  }

  /** Keeps the cells, drops the table object [doc: Table.convertToRange, 1.2]. */
  convertToRange(): RangeObj {
    let rect: Rect | undefined;
    let sheet: SheetModel | undefined;
    this._call('convertToRange', [], (t) => {
      rect = { ...t.rect };
      sheet = t.sheet;
      removeTable(this._ctx._model, t);
    });
    return new RangeObj(this._ctx, () => (rect && sheet ? { sheet, rect } : null));
  }
}

interface ColumnModel {
  table: TableModel;
  id: number;
}

function columnIndexOf(c: ColumnModel): number {
  const i = c.table.columnIds.indexOf(c.id);
  if (i < 0 || c.table.deleted) throw itemNotFound('TableColumn', 'the column was deleted');
  return i;
}

function columnProps(model: WorkbookModel): PropTable<ColumnModel> {
  return {
    id: { get: (c) => c.id },
    index: { get: (c) => columnIndexOf(c) },
    name: {
      get: (c) => cellText(c.table.sheet.values.get(c.table.rect.r, c.table.rect.c + columnIndexOf(c))),
      set: (c, v) => {
        if (typeof v !== 'string' || v === '') throw invalidArgument('TableColumn.name', 'must be a non-empty string');
        const i = columnIndexOf(c);
        const clash = model.tableColumnNames(c.table).some((n, j) => j !== i && n.toLowerCase() === v.toLowerCase());
        if (clash) throw new InMemoryExcelError('ItemAlreadyExists', `A column named "${v}" already exists.`, 'TableColumn.name');
        model.writeGrid(c.table.sheet, c.table.sheet.values, { r: c.table.rect.r, c: c.table.rect.c + i, rows: 1, cols: 1 }, [[v]]);
      },
    },
  };
}

export class TableColumnCollectionObj extends ClientCollection<TableModel, ColumnModel, TableColumnObj> {
  constructor(ctx: InMemoryContext, resolver: Resolver<TableModel>) {
    super(ctx, 'TableColumnCollection', { count: { get: (t: TableModel) => t.rect.cols } }, resolver);
  }
  _list(t: TableModel): ColumnModel[] {
    return t.columnIds.map((id) => ({ table: t, id }));
  }
  _wrapItem(im: ColumnModel): TableColumnObj {
    return new TableColumnObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<ColumnModel> {
    return columnProps(this._ctx._model);
  }

  add(index?: number | null, values?: unknown, name?: string): TableColumnObj {
    let created: ColumnModel | undefined;
    this._call('add', [index ?? null, values ?? null, name ?? null], (t) => {
      created = { table: t, id: addColumn(this._ctx._model, t, index, values, name) };
    });
    return new TableColumnObj(this._ctx, () => created ?? null);
  }

  private _find(t: TableModel, key: number | string): ColumnModel | null {
    const names = this._ctx._model.tableColumnNames(t);
    if (typeof key === 'number') return t.columnIds.includes(key) ? { table: t, id: key } : null;
    const i = names.findIndex((n) => n.toLowerCase() === key.toLowerCase());
    return i >= 0 ? { table: t, id: t.columnIds[i] } : null;
  }

  getItem(key: number | string): TableColumnObj {
    return new TableColumnObj(
      this._ctx,
      derive(this, (t) => {
        const c = this._find(t, key);
        if (!c) throw itemNotFound('TableColumnCollection.getItem', `no column "${key}"`);
        return c;
      }),
    );
  }

  getItemOrNullObject(key: number | string): TableColumnObj {
    return new TableColumnObj(this._ctx, derive(this, (t) => this._find(t, key)));
  }

  getItemAt(index: number): TableColumnObj {
    return new TableColumnObj(
      this._ctx,
      derive(this, (t) => {
        if (index < 0 || index >= t.columnIds.length) throw invalidArgument('TableColumnCollection.getItemAt', `index ${index}`);
        return { table: t, id: t.columnIds[index] };
      }),
    );
  }

  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._need().rect.cols);
  }
}

export class TableColumnObj extends ClientObj<ColumnModel> {
  constructor(ctx: InMemoryContext, resolver: Resolver<ColumnModel>, pre?: { ref: ColumnModel | null }) {
    super(ctx, 'TableColumn', columnProps(ctx._model), resolver, pre);
  }
  private _range(f: (t: TableModel, i: number) => Rect): RangeObj {
    return new RangeObj(
      this._ctx,
      derive(this, (c): RangeRefModel => ({ sheet: c.table.sheet, rect: f(c.table, columnIndexOf(c)) })),
    );
  }
  getRange(): RangeObj {
    return this._range((t, i) => ({ r: t.rect.r, c: t.rect.c + i, rows: t.rect.rows, cols: 1 }));
  }
  getHeaderRowRange(): RangeObj {
    return this._range((t, i) => ({ r: t.rect.r, c: t.rect.c + i, rows: 1, cols: 1 }));
  }
  getDataBodyRange(): RangeObj {
    return this._range((t, i) => ({ r: t.rect.r + 1, c: t.rect.c + i, rows: t.rect.rows - 1, cols: 1 }));
  }
  delete(): void {
    this._call('delete', [], (c) => deleteColumn(this._ctx._model, c.table, c.id));
  }
}

/** TableRowCollection: only `count`/getCount(); adding rows is the pattern to avoid (excel-notes §4.3). */
export class TableRowCollectionObj extends ClientObj<TableModel> {
  constructor(ctx: InMemoryContext, resolver: Resolver<TableModel>) {
    super(ctx, 'TableRowCollection', { count: { get: (t: TableModel) => t.rect.rows - 1 } }, resolver);
  }
  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._need().rect.rows - 1);
  }
  get items(): never {
    throw notImplemented('TableRowCollection', 'items');
  }
}
