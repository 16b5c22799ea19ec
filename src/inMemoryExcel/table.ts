// Tables (ListObjects): TableCollection, Table, columns, rows, TableScopedCollection.
import { Rect, intersect } from './address';
import { ClientCollection, ClientObj, InMemoryContext, PropTable, Resolver, clientResult } from './client';
import { InMemoryExcelError, invalidArgument, itemNotFound, notImplemented } from './errors';
import { CellValue, RangeRefModel, SheetModel, TableModel, WorkbookModel, cellText } from './model';
import { RangeObj, derive, rangeArg } from './range';
import { WorksheetObj } from './workbook';

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
  model.insertCells(t.sheet, t.rect.r, t.rect.rows, col, 1);
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

function deleteColumn(model: WorkbookModel, t: TableModel, id: number): void {
  const at = t.columnIds.indexOf(id);
  if (at < 0) throw itemNotFound('TableColumn.delete', 'column not found');
  if (t.rect.cols === 1) throw new InMemoryExcelError('InvalidOperation', 'A table must keep at least one column.', 'TableColumn.delete');
  const col = t.rect.c + at;
  model.deleteCells(t.sheet, t.rect.r, t.rect.rows, col, 1);
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
    showTotals: { get: () => false },
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
    return this._range((t) => ({ ...t.rect }));
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
