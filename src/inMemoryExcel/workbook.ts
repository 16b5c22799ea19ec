// Workbook, Application, worksheets and settings.
import { MAX_COLS, MAX_ROWS, parseLocal, splitSheet } from './address';
import { ClientCollection, ClientObj, InMemoryContext, PropTable, Resolver, clientResult, strict } from './client';
import { InMemoryExcelError, invalidArgument, itemNotFound } from './errors';
import { RangeRefModel, SheetModel, Visibility, WorkbookModel, validateSheetName } from './model';
import { RangeAreasObj, RangeObj, derive } from './range';
import { TableCollectionObj } from './table';
import { ChartCollectionObj } from './chart';
import { dateSerial } from './typing';
import { guardAddSheet } from './protection';

// ---- Application ----

/** Excel.Application: the suspend calls are hints that only matter for Excel's own recalculation and painting. */
export class ApplicationObj {
  readonly _ctx: InMemoryContext;
  constructor(ctx: InMemoryContext) {
    this._ctx = ctx;
    return strict(this, 'Application');
  }
  // ExcelApi 1.6 [doc: performance.md]: "suspends calculation until the next context.sync()".
  suspendApiCalculationUntilNextSync(): void {
    const host = this._ctx._host;
    this._ctx._enqueue({ a: 'call', m: 'suspendApiCalculationUntilNextSync' }, () => {
      host.calcSuspendedSyncs = (host.calcSuspendedSyncs ?? 0) + 1;
      return undefined;
    });
  }
  // ExcelApi 1.9 [doc: performance.md].
  suspendScreenUpdatingUntilNextSync(): void {
    this._ctx._enqueue({ a: 'call', m: 'suspendScreenUpdatingUntilNextSync' }, () => undefined);
  }
}

// ---- Workbook ----

export class WorkbookObj extends ClientObj<WorkbookModel> {
  _worksheets: WorksheetCollectionObj | undefined;
  _tables: TableCollectionObj | undefined;
  _settings: SettingCollectionObj | undefined;
  _application: ApplicationObj | undefined;
  _functions: FunctionsObj | undefined;
  _protection: ClientObj<WorkbookModel> | undefined;

  constructor(ctx: InMemoryContext) {
    super(ctx, 'Workbook', {}, () => ctx._model, { ref: ctx._model });
  }

  get worksheets(): WorksheetCollectionObj {
    return (this._worksheets ??= new WorksheetCollectionObj(this._ctx));
  }

  get tables(): TableCollectionObj {
    return (this._tables ??= new TableCollectionObj(this._ctx, () => this._ctx._model.tables, null));
  }

  get settings(): SettingCollectionObj {
    return (this._settings ??= new SettingCollectionObj(this._ctx));
  }

  get application(): ApplicationObj {
    return (this._application ??= new ApplicationObj(this._ctx));
  }

  get functions(): FunctionsObj {
    return (this._functions ??= new FunctionsObj(this._ctx));
  }

  /** Excel.WorkbookProtection (ExcelApi 1.7): `protected` only (protect/unprotect are not modelled). */
  get protection(): ClientObj<WorkbookModel> {
    return (this._protection ??= new ProtectionObj<WorkbookModel>(this._ctx, 'WorkbookProtection', (m) => m.structureProtected, () => this._ctx._model));
  }

  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'worksheets') return this.worksheets as ClientObj<unknown>;
    if (name === 'tables') return this.tables as ClientObj<unknown>;
    if (name === 'settings') return this.settings as ClientObj<unknown>;
    if (name === 'protection') return this.protection as ClientObj<unknown>;
    return undefined;
  }

  /**
   * "If there are multiple ranges selected, this method will throw an error" [doc: Workbook.getSelectedRange];
   * the code is InvalidSelection (RichApi.Error quoted in office-js-docs-pr#2477). Like every proxy, it fails
   * at the sync that instantiates it.
   */
  getSelectedRange(): RangeObj {
    return new RangeObj(this._ctx, () => {
      refuseChartSelection(this._ctx._model, 'Workbook.getSelectedRange');
      const sel = currentSelection(this._ctx._model);
      if (sel.areas.length !== 1) {
        throw new InMemoryExcelError('InvalidSelection', 'The current selection is invalid for this operation.', 'Workbook.getSelectedRange');
      }
      return { sheet: sel.sheet, rect: sel.areas[0] };
    });
  }

  /** ExcelApi 1.9: the selection as RangeAreas (one area per Ctrl+click block). */
  getSelectedRanges(): RangeAreasObj {
    return new RangeAreasObj(this._ctx, () => {
      refuseChartSelection(this._ctx._model, 'Workbook.getSelectedRanges');
      const sel = currentSelection(this._ctx._model);
      return { sheet: sel.sheet, areas: sel.areas.map((a) => ({ ...a })) };
    });
  }

  getActiveCell(): RangeObj {
    return new RangeObj(this._ctx, () => {
      const sel = currentSelection(this._ctx._model);
      return { sheet: sel.sheet, rect: { r: sel.areas[0].r, c: sel.areas[0].c, rows: 1, cols: 1 } };
    });
  }
}

/**
 * "Calling Workbook.getSelectedRange / Workbook.getSelectedRanges leads to error when a chart is selected";
 * InvalidSelection "is by-design according to our API contract" (OfficeDev/office-js#2268, and #8 for shapes
 * and pictures). The error is the one #399 quotes for an operation made while a chart is selected.
 */
function refuseChartSelection(model: WorkbookModel, where: string): void {
  const c = model.selectedChart;
  if (c && !c.deleted && !c.sheet.deleted) {
    throw new InMemoryExcelError('InvalidSelection', 'The current selection is invalid for this operation.', where);
  }
}

/** Excel.WorksheetProtection / WorkbookProtection: the `protected` flag, read only. */
class ProtectionObj<M> extends ClientObj<M> {
  constructor(ctx: InMemoryContext, typeName: string, isProtected: (m: M) => boolean, resolver: Resolver<M>) {
    super(ctx, typeName, { protected: { get: isProtected } }, resolver);
  }
}

function currentSelection(model: WorkbookModel): { sheet: SheetModel; areas: Array<{ r: number; c: number; rows: number; cols: number }> } {
  if (model.selection && !model.selection.sheet.deleted) return model.selection;
  const sheet = model.activeSheet ?? model.sheets[0];
  if (!sheet) throw new InMemoryExcelError('GeneralException', 'The workbook has no worksheet.', 'Workbook.getSelectedRange');
  return { sheet, areas: [{ r: 0, c: 0, rows: 1, cols: 1 }] };
}

// ---- Worksheets ----

function sheetProps(model: WorkbookModel): PropTable<SheetModel> {
  return {
    name: {
      get: (s) => s.name,
      set: (s, v) => {
        if (typeof v !== 'string') throw invalidArgument('Worksheet.name', 'must be a string');
        validateSheetName(v);
        const other = model.findSheet(v);
        if (other && other !== s) throw new InMemoryExcelError('ItemAlreadyExists', `A resource with the same name or identifier already exists. (${v})`, 'Worksheet.name');
        model.setField(s, 'name', v);
      },
    },
    id: { get: (s) => s.id },
    position: {
      get: (s) => model.sheets.indexOf(s),
      set: (s, v) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= model.sheets.length) throw invalidArgument('Worksheet.position', `position ${String(v)}`);
        model.saveArray(model.sheets);
        model.sheets.splice(model.sheets.indexOf(s), 1);
        model.sheets.splice(v, 0, s);
      },
    },
    // Read 1.1, write 1.2; a workbook keeps at least one visible sheet.
    visibility: {
      get: (s) => s.visibility,
      set: (s, v) => {
        if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw invalidArgument('Worksheet.visibility', `"${String(v)}"`);
        if (v !== 'Visible' && model.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0) {
          throw new InMemoryExcelError('InvalidOperation', 'A workbook must contain at least one visible worksheet.', 'Worksheet.visibility');
        }
        model.setField(s, 'visibility', v as Visibility);
      },
    },
  };
}

export class WorksheetCollectionObj extends ClientCollection<WorkbookModel, SheetModel, WorksheetObj> {
  constructor(ctx: InMemoryContext) {
    super(ctx, 'WorksheetCollection', {}, () => ctx._model, { ref: ctx._model });
  }
  _list(m: WorkbookModel): SheetModel[] {
    return m.sheets.slice();
  }
  _wrapItem(im: SheetModel): WorksheetObj {
    return new WorksheetObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<SheetModel> {
    return sheetProps(this._ctx._model);
  }

  getItem(key: string): WorksheetObj {
    return new WorksheetObj(this._ctx, () => {
      const m = this._ctx._model;
      const s = m.findSheet(key) ?? m.sheets.find((x) => x.id === key);
      if (!s) throw itemNotFound('WorksheetCollection.getItem', `no worksheet "${key}"`);
      return s;
    });
  }

  getItemOrNullObject(key: string): WorksheetObj {
    return new WorksheetObj(this._ctx, () => {
      const m = this._ctx._model;
      return m.findSheet(key) ?? m.sheets.find((x) => x.id === key) ?? null;
    });
  }

  add(name?: string): WorksheetObj {
    let created: SheetModel | undefined;
    this._ctx._enqueue({ a: 'call', m: 'WorksheetCollection.add', args: [name ?? null] }, () => {
      guardAddSheet(this._ctx._model);
      created = this._ctx._model.addSheet(name);
      return undefined;
    });
    return new WorksheetObj(this._ctx, () => created ?? null);
  }

  getActiveWorksheet(): WorksheetObj {
    return new WorksheetObj(this._ctx, () => {
      const m = this._ctx._model;
      const s = m.activeSheet ?? m.sheets[0];
      if (!s) throw itemNotFound('WorksheetCollection.getActiveWorksheet', 'no worksheet');
      return s;
    });
  }

  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._ctx._model.sheets.length);
  }
}

export class WorksheetObj extends ClientObj<SheetModel> {
  _tables: TableCollectionObj | undefined;
  _charts: ChartCollectionObj | undefined;
  _protection: ClientObj<SheetModel> | undefined;

  constructor(ctx: InMemoryContext, resolver: Resolver<SheetModel>, pre?: { ref: SheetModel | null }) {
    super(ctx, 'Worksheet', sheetProps(ctx._model), resolver, pre);
  }

  get tables(): TableCollectionObj {
    return (this._tables ??= new TableCollectionObj(this._ctx, derive(this, (s) => this._ctx._model.tables.filter((t) => t.sheet === s)), this));
  }

  get charts(): ChartCollectionObj {
    return (this._charts ??= new ChartCollectionObj(this._ctx, derive(this, (s) => s), this));
  }

  /** Excel.WorksheetProtection (ExcelApi 1.2): `protected` only. */
  get protection(): ClientObj<SheetModel> {
    return (this._protection ??= new ProtectionObj<SheetModel>(this._ctx, 'WorksheetProtection', (s) => s.protection !== null, derive(this, (s) => s)));
  }

  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'tables') return this.tables as ClientObj<unknown>;
    if (name === 'charts') return this.charts as ClientObj<unknown>;
    if (name === 'protection') return this.protection as ClientObj<unknown>;
    return undefined;
  }

  /** No address: the whole sheet [doc: Worksheet.getRange]. */
  getRange(address?: string): RangeObj {
    return new RangeObj(
      this._ctx,
      derive(this, (s): RangeRefModel => {
        if (address === undefined || address === '') return { sheet: s, rect: { r: 0, c: 0, rows: MAX_ROWS, cols: MAX_COLS } };
        const { sheet, local } = splitSheet(address);
        if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase()) throw invalidArgument('Worksheet.getRange', `address "${address}" is on another sheet`);
        return { sheet: s, rect: parseLocal(local) };
      }),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeObj {
    return new RangeObj(
      this._ctx,
      derive(this, (s): RangeRefModel => {
        const ok = [startRow, startColumn, rowCount, columnCount].every((n) => Number.isInteger(n));
        if (!ok || startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
          throw invalidArgument('Worksheet.getRangeByIndexes', `(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`);
        }
        return { sheet: s, rect: { r: startRow, c: startColumn, rows: rowCount, cols: columnCount } };
      }),
    );
  }

  getCell(row: number, column: number): RangeObj {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** "If the entire worksheet is blank, this function will return the top left cell" [doc: Worksheet.getUsedRange]. */
  getUsedRange(valuesOnly = false): RangeObj {
    return new RangeObj(
      this._ctx,
      derive(this, (s) => ({ sheet: s, rect: this._ctx._model.usedRect(s, valuesOnly) ?? { r: 0, c: 0, rows: 1, cols: 1 } })),
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeObj {
    return new RangeObj(
      this._ctx,
      derive(this, (s) => {
        const rect = this._ctx._model.usedRect(s, valuesOnly);
        return rect ? { sheet: s, rect } : null;
      }),
    );
  }

  delete(): void {
    this._call('delete', [], (s) => this._ctx._model.deleteSheet(s));
  }

  activate(): void {
    this._call('activate', [], (s) => {
      const m = this._ctx._model;
      if (s.visibility !== 'Visible') throw new InMemoryExcelError('InvalidOperation', 'A hidden sheet cannot be activated.', 'Worksheet.activate');
      m.setField(m, 'activeSheet', s);
      m.setField(m, 'selection', { sheet: s, areas: [{ r: 0, c: 0, rows: 1, cols: 1 }] });
      m.setField(m, 'selectedChart', null);
    });
  }
}

// ---- Settings (ExcelApi 1.4) ----

interface SettingModel {
  key: string;
}

function settingProps(model: WorkbookModel): PropTable<SettingModel> {
  return {
    key: { get: (s) => s.key },
    value: {
      get: (s) => {
        const json = model.settings.get(s.key);
        if (json === undefined) throw itemNotFound('Setting.value', `setting "${s.key}" was deleted`);
        return JSON.parse(json) as unknown;
      },
      set: (s, v) => model.setSetting(s.key, settingJson(v)),
    },
  };
}

/** Setting values travel as JSON; anything JSON cannot carry is rejected rather than silently dropped. */
function settingJson(v: unknown): string {
  const json = v === undefined ? undefined : JSON.stringify(v);
  if (json === undefined) throw invalidArgument('SettingCollection.add', 'the value must be JSON-serialisable');
  return json;
}

export class SettingCollectionObj extends ClientCollection<WorkbookModel, SettingModel, SettingObj> {
  constructor(ctx: InMemoryContext) {
    super(ctx, 'SettingCollection', {}, () => ctx._model, { ref: ctx._model });
  }
  _list(m: WorkbookModel): SettingModel[] {
    return [...m.settings.keys()].map((key) => ({ key }));
  }
  _wrapItem(im: SettingModel): SettingObj {
    return new SettingObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<SettingModel> {
    return settingProps(this._ctx._model);
  }

  /** "Sets or adds the specified setting to the workbook" [doc: SettingCollection.add, ExcelApi 1.4]. */
  add(key: string, value: unknown): SettingObj {
    const json = (() => {
      try {
        return settingJson(value);
      } catch {
        return undefined;
      }
    })();
    this._ctx._enqueue({ a: 'call', m: 'SettingCollection.add', args: [key, json ?? null] }, () => {
      if (typeof key !== 'string' || key === '') throw invalidArgument('SettingCollection.add', 'key must be a non-empty string');
      this._ctx._model.setSetting(key, settingJson(value));
      return undefined;
    });
    return new SettingObj(this._ctx, () => ({ key }));
  }

  getItem(key: string): SettingObj {
    return new SettingObj(this._ctx, () => {
      if (!this._ctx._model.settings.has(key)) throw itemNotFound('SettingCollection.getItem', `no setting "${key}"`);
      return { key };
    });
  }

  getItemOrNullObject(key: string): SettingObj {
    return new SettingObj(this._ctx, () => (this._ctx._model.settings.has(key) ? { key } : null));
  }

  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._ctx._model.settings.size);
  }
}

export class SettingObj extends ClientObj<SettingModel> {
  constructor(ctx: InMemoryContext, resolver: Resolver<SettingModel>, pre?: { ref: SettingModel | null }) {
    super(ctx, 'Setting', settingProps(ctx._model), resolver, pre);
  }
  delete(): void {
    this._call('delete', [], (s) => this._ctx._model.deleteSetting(s.key));
  }
}

// ---- Functions (ExcelApi 1.2) ----

interface FunctionResultModel {
  value: number | string | null;
  error: string | null;
}

/**
 * A worksheet function's result [doc: Excel.FunctionResult, ExcelApi 1.2]: `value` and `error` after a load.
 * Computed at the sync, like the real call.
 */
export class FunctionResultObj extends ClientObj<FunctionResultModel> {
  constructor(ctx: InMemoryContext, compute: () => FunctionResultModel) {
    super(ctx, 'FunctionResult', { value: { get: (m) => m.value }, error: { get: (m) => m.error } }, compute);
  }
}

/** `workbook.functions`: only DATE is modelled (what the adapter uses to learn the date system). */
export class FunctionsObj {
  readonly _ctx: InMemoryContext;
  constructor(ctx: InMemoryContext) {
    this._ctx = ctx;
    return strict(this, 'Functions');
  }
  /**
   * DATE(year, month, day): "Returns the number that represents the date in Microsoft Excel date-time code";
   * "year … from 1900 or 1904 (depending on the workbook's date system)" [doc: Excel.Functions.date, 1.2].
   */
  date(year: number, month: number, day: number): FunctionResultObj {
    return new FunctionResultObj(this._ctx, () => {
      const serial = [year, month, day].every((n) => Number.isInteger(n)) ? dateSerial(year, month, day, 0, 0, 0, this._ctx._model.date1904) : null;
      return serial === null ? { value: null, error: '#NUM!' } : { value: serial, error: null };
    });
  }
}
