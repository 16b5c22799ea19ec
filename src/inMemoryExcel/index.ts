// InMemoryWorkbook: a strict in-memory stand-in for the part of the Excel JavaScript API the add-in uses.
// Pure TypeScript (no Node imports): the tests, `npm run bench` and the browser sandbox all use it.
import { MAX_COLS, MAX_ROWS, Rect, intersect, columnIndex, columnLetters, formatAddress, formatLocal, parseLocal, splitSheet } from './address';
import { HostCounters, InMemoryContext } from './client';
import { InMemoryExcelError, itemNotFound } from './errors';
import { CONTENT_GRIDS, CellValue, ChartModel, Grid, SheetModel, TableModel, Visibility, WorkbookModel, AxisModel } from './model';
import { formatValue } from './format';
import { numbersOf, resolveLabelFormula } from './chart';
import { WorkbookObj } from './workbook';
import { createTable as createTableModel } from './table';
import { conditionalStyle } from './conditional';
import { NO_PERMISSIONS, SheetProtectionModel } from './protection';

export { InMemoryExcelError } from './errors';
export type { ErrorCode } from './errors';
export { PAYLOAD_LIMIT } from './client';
export type { CellValue, SheetModel } from './model';
export { formatValue } from './format';
export { keepsText } from './typing';
export { columnLetters, formatAddress, formatLocal, parseLocal } from './address';
export { conditionalStyle } from './conditional';
export type { ConditionalStyle } from './conditional';

export interface SheetSnapshot {
  name: string;
  id: string;
  position: number;
  visibility: Visibility;
  /** Values from A1 to the last used cell, "" for empty. */
  values: CellValue[][];
  /** Formulas from A1, null where the cell holds none; omitted when none. */
  formulas?: Array<Array<string | null>>;
  /** true where the value is an error value (#N/A …); omitted when none. */
  errors?: Array<Array<boolean | null>>;
  /** Merged areas (sheet-local addresses); omitted when none. */
  merged?: string[];
  /** Rows hidden by a filter (0-based); omitted when none. */
  filteredRows?: number[];
  /** Per-cell formats from A1, null where unset (General / no fill / not bold …); omitted when none. */
  numberFormat?: Array<Array<string | null>>;
  fill?: Array<Array<string | null>>;
  bold?: Array<Array<boolean | null>>;
  fontColor?: Array<Array<string | null>>;
  wrap?: Array<Array<boolean | null>>;
  columnWidths: Record<string, number>;
  hiddenRows: number[];
  hiddenColumns: number[];
  /** Custom conditional formats, highest priority first; omitted when none. */
  conditionalFormats?: ConditionalFormatSnapshot[];
}

export interface ConditionalFormatSnapshot {
  id: string;
  type: 'Custom';
  /** Sheet-local addresses of the areas the rule applies to. */
  ranges: string[];
  formula: string;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
  stopIfTrue: boolean;
}

export interface TableSnapshot {
  name: string;
  id: number;
  sheet: string;
  /** Sheet-qualified address of header + body. */
  address: string;
  columns: string[];
  columnIds: number[];
}

export interface AxisSnapshot {
  minimum: number | null;
  maximum: number | null;
  majorUnit: number | null;
  scaleType: 'Linear' | 'Logarithmic';
  logBase: number;
  numberFormat: string;
  title: { text: string; visible: boolean };
  visible: boolean;
  majorGridlines: boolean;
}

export interface PointSnapshot {
  index: number;
  hasDataLabel: boolean;
  /** What the label shows: its text, the referenced cell's text for a formula label, or the value. */
  labelText: string | null;
  label: { text: string | null; formula: string | null; showValue: boolean; showSeriesName: boolean; showCategoryName: boolean; position: string };
  marker: { style: string | null; size: number | null; background: string | null; foreground: string | null };
  fillColor: string | null;
}

export interface SeriesSnapshot {
  id: number;
  name: string;
  chartType: string;
  xSource: string | null;
  ySource: string | null;
  /** Resolved numbers of the sources (null for text/blank cells, which Excel does not plot). */
  xValues: Array<number | null>;
  yValues: Array<number | null>;
  marker: { style: string; size: number; background: string; foreground: string };
  line: { color: string; style: string; weight: number };
  fillColor: string | null;
  hasDataLabels: boolean;
  dataLabels: { showValue: boolean; showSeriesName: boolean; showCategoryName: boolean; position: string | null };
  points: PointSnapshot[];
  /** Whether the series has an entry in the legend (ChartLegendEntry.visible). */
  inLegend: boolean;
}

export interface ChartSnapshot {
  id: string;
  name: string;
  sheet: string;
  chartType: string;
  top: number;
  left: number;
  width: number;
  height: number;
  title: { text: string; visible: boolean };
  legend: { visible: boolean; position: string };
  axes: { category: AxisSnapshot; value: AxisSnapshot };
  series: SeriesSnapshot[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  tables: TableSnapshot[];
  charts: ChartSnapshot[];
  settings: Record<string, unknown>;
  /** The 1904 date system; omitted for the usual 1900 one. */
  date1904?: boolean;
  activeSheet: string | null;
  selection: { sheet: string; areas: string[] } | null;
}

export interface Counters {
  /** Every `context.sync()` call (Excel.run's own final flush counts only when it sends something). */
  syncCount: number;
  /** Syncs that actually sent a request (a sync with nothing queued is no round trip in office.js). */
  roundTrips: number;
  requestBytes: number[];
  responseBytes: number[];
  maxRequestBytes: number;
  maxResponseBytes: number;
}

type Listener = () => void;

/** Excel.RunOptions as far as modelled. */
export interface RunOptions {
  /** ExcelApi 1.11: wait until the user leaves cell edit mode instead of failing. */
  delayForCellEdit?: boolean;
}

/**
 * The ExcelApi version the model answers isSetSupported with by default: the add-in's manifest minimum,
 * so that the tests exercise what the oldest supported Excel does unless a test asks for a newer one.
 */
export const DEFAULT_API_VERSION = '1.9';

/** "1.11" ≥ "1.9": requirement-set versions compare by their numeric parts. */
function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export class InMemoryWorkbook {
  readonly _model = new WorkbookModel();
  private readonly listeners = new Set<Listener>();
  private readonly host: HostCounters;
  private apiVersion = DEFAULT_API_VERSION;
  private cellEditWaiters: Array<() => void> = [];

  constructor(sheetNames: string[] = []) {
    const listeners = this.listeners;
    this.host = {
      syncCount: 0,
      roundTrips: 0,
      requestBytes: [],
      responseBytes: [],
      maxRequestBytes: 0,
      maxResponseBytes: 0,
      notify: () => {
        for (const l of listeners) l();
      },
      cellEditEnded: () => new Promise<void>((resolve) => this.cellEditWaiters.push(resolve)),
      supportsApi: (version) => this.isSetSupported('ExcelApi', version),
    };
    for (const n of sheetNames) this.addSheet(n);
  }

  // ---- counters ----

  /**
   * Makes the `n`-th round trip from now fail as a whole, as Excel does when it cannot process a
   * request (GeneralException): for testing what a failure half-way leaves behind.
   */
  failRoundTripAfter(n: number): void {
    this.host.failRoundTrip = this.host.roundTrips + n;
  }

  get syncCount(): number {
    return this.host.syncCount;
  }
  get roundTrips(): number {
    return this.host.roundTrips;
  }
  get requestBytes(): number[] {
    return this.host.requestBytes;
  }
  get responseBytes(): number[] {
    return this.host.responseBytes;
  }
  get maxRequestBytes(): number {
    return this.host.maxRequestBytes;
  }
  get maxResponseBytes(): number {
    return this.host.maxResponseBytes;
  }
  /** How many syncs suspended calculation (Application.suspendApiCalculationUntilNextSync). */
  get calcSuspendedSyncs(): number {
    return this.host.calcSuspendedSyncs ?? 0;
  }
  counters(): Counters {
    const h = this.host;
    return { syncCount: h.syncCount, roundTrips: h.roundTrips, requestBytes: h.requestBytes.slice(), responseBytes: h.responseBytes.slice(), maxRequestBytes: h.maxRequestBytes, maxResponseBytes: h.maxResponseBytes };
  }
  resetCounters(): void {
    const h = this.host;
    h.syncCount = 0;
    h.roundTrips = 0;
    h.requestBytes = [];
    h.responseBytes = [];
    h.maxRequestBytes = 0;
    h.maxResponseBytes = 0;
  }

  // ---- running batches ----

  /** A RequestContext-like object; cast-free for code typed against @types/office-js. */
  createContext(): Excel.RequestContext {
    return this.createRawContext() as unknown as Excel.RequestContext;
  }

  createRawContext(): InMemoryContext {
    return new InMemoryContext(this._model, this.host, (ctx) => new WorkbookObj(ctx) as never);
  }

  /**
   * Excel.run: runs the batch with a fresh context, then flushes what is still queued (office.js's _runBatch
   * calls ctx.sync after the batch's promise resolves). A batch that throws sends nothing more.
   */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(options: RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(a: RunOptions | ((context: Excel.RequestContext) => Promise<T>), b?: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const batch = typeof a === 'function' ? a : (b as (context: Excel.RequestContext) => Promise<T>);
    const options: RunOptions = typeof a === 'function' ? {} : a;
    const ctx = this.createRawContext();
    // An Excel older than the option's requirement set does not know it: the batch runs as without it.
    ctx._delayForCellEdit = options.delayForCellEdit === true && this.isSetSupported('ExcelApi', '1.11');
    const result = await batch(ctx as unknown as Excel.RequestContext);
    if (ctx._queue.length > 0) await ctx.sync();
    return result;
  }

  /** Called after every change (successful sync that changed something, or a setup helper). Returns an unsubscribe. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.host.notify();
  }

  // ---- the host: requirement sets, cell edit mode ----

  /** Office.context.requirements.isSetSupported, for the ExcelApi set only (every other set: false). */
  isSetSupported(name: string, minVersion = '1.1'): boolean {
    return name === 'ExcelApi' && versionAtLeast(this.apiVersion, minVersion);
  }

  /** The newest ExcelApi version this "Excel" claims (default DEFAULT_API_VERSION). */
  setApiVersion(version: string): this {
    if (!/^1\.\d+$/.test(version)) throw new InMemoryExcelError('InvalidArgument', `bad ExcelApi version "${version}"`, 'InMemoryWorkbook.setApiVersion');
    this.apiVersion = version;
    return this;
  }

  /** The user starts typing in a cell (F2): batches fail, or wait when run with delayForCellEdit. */
  startCellEdit(): this {
    this._model.cellEditing = true;
    return this;
  }

  /** The user presses Enter: waiting batches go on. */
  endCellEdit(): this {
    this._model.cellEditing = false;
    const waiters = this.cellEditWaiters;
    this.cellEditWaiters = [];
    for (const w of waiters) w();
    return this;
  }

  // ---- setup helpers (apply immediately, no sync) ----

  /** Review › Protect Sheet, granting only the options given (protection.ts lists what is refused). */
  protectSheet(sheet: string, allow: Partial<SheetProtectionModel> = {}): this {
    this.sheet(sheet).protection = { ...NO_PERMISSIONS, ...allow };
    this.changed();
    return this;
  }

  unprotectSheet(sheet: string): this {
    this.sheet(sheet).protection = null;
    this.changed();
    return this;
  }

  /** Review › Protect Workbook (structure), or its removal. */
  protectWorkbook(on = true): this {
    this._model.structureProtected = on;
    this.changed();
    return this;
  }

  /** The user clicks a chart: it is selected instead of cells until a range is selected again. */
  selectChart(sheet: string, chartName: string): this {
    const c = this.sheet(sheet).charts.find((x) => x.name === chartName);
    if (!c) throw itemNotFound('InMemoryWorkbook.selectChart', `no chart "${chartName}" on "${sheet}"`);
    this._model.selectedChart = c;
    this._model.activeSheet = c.sheet;
    this.changed();
    return this;
  }

  /** The selected chart's name, or null when cells are selected. */
  selectedChart(): string | null {
    const c = this._model.selectedChart;
    return c && !c.deleted ? c.name : null;
  }

  private sheet(name: string): SheetModel {
    const s = this._model.findSheet(name);
    if (!s) throw itemNotFound('InMemoryWorkbook', `no sheet "${name}"`);
    return s;
  }

  private rect(address: string): Rect {
    return parseLocal(splitSheet(address).local);
  }

  addSheet(name: string): this {
    this._model.addSheet(name);
    this.changed();
    return this;
  }

  /** Sheet-local address of the used range (values and formats, or values only), null for a blank sheet. */
  usedRange(sheet: string, valuesOnly = false): string | null {
    const rect = this._model.usedRect(this.sheet(sheet), valuesOnly);
    return rect ? formatLocal(rect) : null;
  }

  sheetNames(): string[] {
    return this._model.sheets.map((s) => s.name);
  }

  /**
   * A sheet's model, for viewers that read a few cells at a time out of a big sheet (the sandbox
   * grid) without copying ranges. Read only: writes go through the methods here, which notify.
   */
  sheetModel(name: string): Readonly<SheetModel> | null {
    return this._model.findSheet(name) ?? null;
  }

  /** Writes a block with its top-left at `address` (strings are parsed as Range.values would parse them). */
  setValues(sheet: string, address: string, values: ReadonlyArray<ReadonlyArray<unknown>>): this {
    const s = this.sheet(sheet);
    const at = this.rect(address);
    const rows = values.length;
    const cols = Math.max(0, ...values.map((r) => r.length));
    const block = values.map((r) => Array.from({ length: cols }, (_, j) => (j < r.length ? r[j] : null)));
    if (rows > 0 && cols > 0) this._model.writeTyped(s, { r: at.r, c: at.c, rows, cols }, block, 'InMemoryWorkbook.setValues');
    this.changed();
    return this;
  }

  /** Values of a range ("" for empty). An address without range end reads one cell. */
  getValues(sheet: string, address: string): CellValue[][] {
    return readDense(this.sheet(sheet).values, this.rect(address), '') as CellValue[][];
  }

  getValue(sheet: string, address: string): CellValue {
    return this.getValues(sheet, address)[0][0];
  }

  setNumberFormat(sheet: string, address: string, format: string | ReadonlyArray<ReadonlyArray<string>>): this {
    const s = this.sheet(sheet);
    const rect = this.rect(address);
    if (typeof format === 'string') this._model.fillGrid(s.numberFormat, rect, format === 'General' ? undefined : format);
    else this._model.writeGrid(s, s.numberFormat, rect, format.map((r) => r.map((f) => (f === 'General' || f === '' ? undefined : f))));
    this.changed();
    return this;
  }

  getNumberFormats(sheet: string, address: string): string[][] {
    return readDense(this.sheet(sheet).numberFormat, this.rect(address), 'General') as string[][];
  }

  setFill(sheet: string, address: string, color: string | null): this {
    const s = this.sheet(sheet);
    this._model.fillGrid(s.fill, this.rect(address), color === null ? undefined : color.toUpperCase());
    this.changed();
    return this;
  }

  /** Fill colours, null where the cell has no fill. */
  getFills(sheet: string, address: string): Array<Array<string | null>> {
    return readDense(this.sheet(sheet).fill, this.rect(address), null) as Array<Array<string | null>>;
  }

  setBold(sheet: string, address: string, bold: boolean): this {
    const s = this.sheet(sheet);
    this._model.fillGrid(s.bold, this.rect(address), bold ? true : undefined);
    this.changed();
    return this;
  }

  /** Hides (or shows) whole rows, e.g. hideRows("Data", "3:5"). */
  hideRows(sheet: string, rows: string, hidden = true): this {
    const s = this.sheet(sheet);
    const rect = parseLocal(rows.includes(':') ? rows : `${rows}:${rows}`);
    for (let r = rect.r; r < rect.r + rect.rows; r++) {
      if (hidden) s.hiddenRows.add(r);
      else s.hiddenRows.delete(r);
    }
    this.changed();
    return this;
  }

  /** Rows hidden by a filter (AutoFilter), e.g. filterRows("Data", "3:5"): hidden, and remembered as filtered. */
  filterRows(sheet: string, rows: string): this {
    const s = this.sheet(sheet);
    const rect = parseLocal(rows.includes(':') ? rows : `${rows}:${rows}`);
    for (let r = rect.r; r < rect.r + rect.rows; r++) {
      s.hiddenRows.add(r);
      s.filteredRows.add(r);
    }
    this.changed();
    return this;
  }

  filteredRows(sheet: string): number[] {
    return [...this.sheet(sheet).filteredRows].sort((a, b) => a - b);
  }

  /** Merges cells as Home › Merge does: the top-left value stays, the other cells' contents go. */
  mergeCells(sheet: string, address: string): this {
    const s = this.sheet(sheet);
    const rect = this.rect(address);
    if (s.merged.some((m) => intersect(m, rect))) throw new InMemoryExcelError('InvalidOperation', 'The range overlaps a merged area.', 'InMemoryWorkbook.mergeCells');
    const rest = [{ ...rect, r: rect.r + 1, rows: rect.rows - 1 }, { ...rect, c: rect.c + 1, rows: 1, cols: rect.cols - 1 }];
    for (const part of rest) if (part.rows > 0 && part.cols > 0) for (const g of CONTENT_GRIDS) this._model.clearGrid(s.grid(g) as Grid<unknown>, part);
    s.merged.push(rect);
    this.changed();
    return this;
  }

  mergedAreas(sheet: string): string[] {
    return this.sheet(sheet).merged.map((m) => formatLocal(m));
  }

  /**
   * Which of the two possible behaviours of a hidden legend entry this "Excel" has (the docs say neither,
   * chart.ts): 'keep' (default) it keeps its index; 'leave' it leaves ChartLegendEntryCollection.
   */
  setHiddenLegendEntries(behaviour: 'keep' | 'leave'): this {
    this._model.hiddenLegendEntries = behaviour;
    return this;
  }

  /** Switches the workbook's date system (File › Options › Advanced › "Use 1904 date system"); serials stay. */
  setDate1904(on = true): this {
    this._model.date1904 = on;
    this.changed();
    return this;
  }

  get date1904(): boolean {
    return this._model.date1904;
  }

  /** Formula of a cell ("" when it holds none), as Range.formulas would report a formula cell. */
  getFormula(sheet: string, address: string): string {
    const { r, c } = this.rect(address);
    return this.sheet(sheet).formulas.get(r, c) ?? '';
  }

  /** Whether a cell holds an error value (Range.valueTypes "Error"), not the same text. */
  isError(sheet: string, address: string): boolean {
    const { r, c } = this.rect(address);
    return this.sheet(sheet).errors.get(r, c) === true;
  }

  /** The text a cell shows (Range.text). */
  getText(sheet: string, address: string): string {
    const s = this.sheet(sheet);
    const { r, c } = this.rect(address);
    return formatValue(s.values.get(r, c), s.numberFormat.get(r, c), this._model.date1904);
  }

  /**
   * What a cell looks like once conditional formats apply (rules of the form `=A2="text"` are evaluated):
   * the fill/font colour/bold of the matching rules, else the cell's own.
   */
  displayStyle(sheet: string, address: string): { fill: string | null; fontColor: string; bold: boolean } {
    const s = this.sheet(sheet);
    const { r, c } = this.rect(address);
    const cf = conditionalStyle(s, r, c);
    return {
      fill: cf?.fill ?? s.fill.get(r, c) ?? null,
      fontColor: cf?.fontColor ?? s.fontColor.get(r, c) ?? '#000000',
      bold: cf?.bold ?? s.bold.get(r, c) ?? false,
    };
  }

  hiddenRows(sheet: string): number[] {
    return [...this.sheet(sheet).hiddenRows].sort((a, b) => a - b);
  }

  /** Selects one or several areas (Ctrl+click) on a sheet and makes it the active sheet. */
  select(sheet: string, address: string | string[]): this {
    const s = this.sheet(sheet);
    const areas = (Array.isArray(address) ? address : address.split(',')).map((a) => this.rect(a.trim()));
    if (areas.length === 0) throw new InMemoryExcelError('InvalidArgument', 'select needs at least one area', 'InMemoryWorkbook.select');
    this._model.selection = { sheet: s, areas };
    this._model.activeSheet = s;
    this._model.selectedChart = null;
    this.changed();
    return this;
  }

  selection(): { sheet: string; areas: string[] } | null {
    const sel = this._model.selection;
    return sel ? { sheet: sel.sheet.name, areas: sel.areas.map((a) => formatLocal(a)) } : null;
  }

  activeSheet(): string | null {
    return this._model.activeSheet?.name ?? null;
  }

  /** Creates an Excel table over `address` (first row = headers); returns its name. */
  addTable(sheet: string, address: string, name?: string): string {
    const s = this.sheet(sheet);
    const rect = this.rect(address);
    // Same rules as TableCollection.add (header fixes, naming), applied directly.
    const t = createTableDirect(this._model, s, rect, name);
    this.changed();
    return t.name;
  }

  /** Renames a Table (Table Design › Table Name), as the user may between two runs. */
  renameTable(name: string, newName: string): this {
    const t = this._model.findTable(name);
    if (!t) throw itemNotFound('InMemoryWorkbook.renameTable', `no table "${name}"`);
    if (this._model.findTable(newName)) throw new InMemoryExcelError('ItemAlreadyExists', `A table named "${newName}" already exists.`, 'InMemoryWorkbook.renameTable');
    t.name = newName;
    this.changed();
    return this;
  }

  setSetting(key: string, value: unknown): this {
    this._model.settings.set(key, JSON.stringify(value));
    this.changed();
    return this;
  }

  getSetting(key: string): unknown {
    const json = this._model.settings.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
  }

  // ---- snapshot ----

  snapshot(): WorkbookSnapshot {
    const model = this._model;
    return {
      sheets: model.sheets.map((s, i) => sheetSnapshot(s, i)),
      tables: model.tables.map((t) => tableSnapshot(model, t)),
      charts: model.sheets.flatMap((s) => s.charts.map((c) => chartSnapshot(model, c))),
      settings: Object.fromEntries([...model.settings].map(([k, v]) => [k, JSON.parse(v) as unknown])),
      ...(model.date1904 ? { date1904: true } : {}),
      activeSheet: model.activeSheet?.name ?? null,
      selection: model.selection ? { sheet: model.selection.sheet.name, areas: model.selection.areas.map((a) => formatLocal(a)) } : null,
    };
  }

  /** One sheet's snapshot (cells, formats, hidden rows), handy for "the sheet equals its original state". */
  sheetSnapshot(name: string): SheetSnapshot {
    const s = this.sheet(name);
    return sheetSnapshot(s, this._model.sheets.indexOf(s));
  }

  /** "Reopens" a saved workbook: everything in the snapshot, including settings, tables and charts. */
  static fromSnapshot(snap: WorkbookSnapshot): InMemoryWorkbook {
    const wb = new InMemoryWorkbook();
    const model = wb._model;
    const sorted = snap.sheets.slice().sort((a, b) => a.position - b.position);
    let maxSheetId = 0;
    for (const ss of sorted) {
      const s = new SheetModel(ss.id, ss.name);
      s.visibility = ss.visibility;
      loadDense(s.values, ss.values, (v) => (v === '' ? undefined : v));
      if (ss.formulas) loadDense(s.formulas, ss.formulas, (v) => v ?? undefined);
      if (ss.errors) loadDense(s.errors, ss.errors, (v) => v ?? undefined);
      for (const a of ss.merged ?? []) s.merged.push(parseLocal(a));
      for (const r of ss.filteredRows ?? []) s.filteredRows.add(r);
      if (ss.numberFormat) loadDense(s.numberFormat, ss.numberFormat, (v) => v ?? undefined);
      if (ss.fill) loadDense(s.fill, ss.fill, (v) => v ?? undefined);
      if (ss.bold) loadDense(s.bold, ss.bold, (v) => v ?? undefined);
      if (ss.fontColor) loadDense(s.fontColor, ss.fontColor, (v) => v ?? undefined);
      if (ss.wrap) loadDense(s.wrap, ss.wrap, (v) => v ?? undefined);
      for (const [col, w] of Object.entries(ss.columnWidths)) s.columnWidths.set(columnIndex(col), w);
      for (const r of ss.hiddenRows) s.hiddenRows.add(r);
      for (const c of ss.hiddenColumns) s.hiddenColumns.add(c);
      for (const cf of ss.conditionalFormats ?? []) {
        s.conditionalFormats.push({ id: cf.id, type: cf.type, areas: cf.ranges.map((a) => parseLocal(a)), formula: cf.formula, fillColor: cf.fill, fontColor: cf.fontColor, bold: cf.bold, stopIfTrue: cf.stopIfTrue, deleted: false });
        const n = /^\{CF(\d+)\}$/.exec(cf.id);
        if (n) model.nextConditionalFormatId = Math.max(model.nextConditionalFormatId, Number(n[1]) + 1);
      }
      const m = /^\{(\d+)-/.exec(ss.id);
      if (m) maxSheetId = Math.max(maxSheetId, Number(m[1]));
      model.sheets.push(s);
    }
    model.nextSheetId = maxSheetId + 1;
    for (const ts of snap.tables) {
      const sheet = model.findSheet(ts.sheet);
      if (!sheet) continue;
      model.tables.push({ id: ts.id, name: ts.name, sheet, rect: parseLocal(splitSheet(ts.address).local), columnIds: ts.columnIds.slice(), deleted: false });
      model.nextTableId = Math.max(model.nextTableId, ts.id + 1);
      model.nextColumnId = Math.max(model.nextColumnId, ...ts.columnIds.map((i) => i + 1));
    }
    for (const cs of snap.charts) {
      const sheet = model.findSheet(cs.sheet);
      if (!sheet) continue;
      sheet.charts.push(chartFromSnapshot(model, sheet, cs));
      const m = /^\{C(\d+)-/.exec(cs.id);
      if (m) model.nextChartId = Math.max(model.nextChartId, Number(m[1]) + 1);
    }
    for (const [k, v] of Object.entries(snap.settings)) model.settings.set(k, JSON.stringify(v));
    model.date1904 = snap.date1904 === true;
    model.activeSheet = (snap.activeSheet && model.findSheet(snap.activeSheet)) || model.sheets[0] || null;
    if (snap.selection) {
      const sheet = model.findSheet(snap.selection.sheet);
      if (sheet) model.selection = { sheet, areas: snap.selection.areas.map((a) => parseLocal(a)) };
    }
    return wb;
  }
}

// ---- helpers ----

function readDense<T, D>(grid: Grid<T>, rect: Rect, empty: D): Array<Array<T | D>> {
  return grid.read(rect).map((row) => row.map((v) => (v === undefined ? empty : v)));
}

function loadDense<S, T>(grid: Grid<T>, rows: S[][], f: (v: S) => T | undefined): void {
  rows.forEach((row, r) => row.forEach((v, c) => grid.set(r, c, f(v))));
}

function denseFromA1<T, D>(grid: Grid<T>, empty: D): Array<Array<T | D>> | null {
  const b = grid.bounds();
  if (!b) return null;
  return readDense(grid, { r: 0, c: 0, rows: b.r + b.rows, cols: b.c + b.cols }, empty);
}

function sheetSnapshot(s: SheetModel, position: number): SheetSnapshot {
  const snap: SheetSnapshot = {
    name: s.name,
    id: s.id,
    position,
    visibility: s.visibility,
    values: (denseFromA1(s.values, '') ?? []) as CellValue[][],
    columnWidths: Object.fromEntries([...s.columnWidths].sort((a, b) => a[0] - b[0]).map(([c, w]) => [columnLetters(c), w])),
    hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
    hiddenColumns: [...s.hiddenColumns].sort((a, b) => a - b),
  };
  const formulas = denseFromA1(s.formulas, null);
  if (formulas) snap.formulas = formulas;
  const errors = denseFromA1(s.errors, null);
  if (errors) snap.errors = errors;
  if (s.merged.length) snap.merged = s.merged.map((m) => formatLocal(m));
  if (s.filteredRows.size) snap.filteredRows = [...s.filteredRows].sort((a, b) => a - b);
  const nf = denseFromA1(s.numberFormat, null);
  if (nf) snap.numberFormat = nf;
  const fill = denseFromA1(s.fill, null);
  if (fill) snap.fill = fill;
  const bold = denseFromA1(s.bold, null);
  if (bold) snap.bold = bold;
  const fc = denseFromA1(s.fontColor, null);
  if (fc) snap.fontColor = fc;
  const wrap = denseFromA1(s.wrap, null);
  if (wrap) snap.wrap = wrap;
  if (s.conditionalFormats.length > 0) {
    snap.conditionalFormats = s.conditionalFormats.map((cf) => ({
      id: cf.id,
      type: cf.type,
      ranges: cf.areas.map((a) => formatLocal(a)),
      formula: cf.formula,
      fill: cf.fillColor,
      fontColor: cf.fontColor,
      bold: cf.bold,
      stopIfTrue: cf.stopIfTrue,
    }));
  }
  return snap;
}

function tableSnapshot(model: WorkbookModel, t: TableModel): TableSnapshot {
  return { name: t.name, id: t.id, sheet: t.sheet.name, address: formatAddress(t.sheet.name, t.rect), columns: model.tableColumnNames(t), columnIds: t.columnIds.slice() };
}

function axisSnapshot(a: AxisModel): AxisSnapshot {
  return {
    minimum: a.minimum,
    maximum: a.maximum,
    majorUnit: a.majorUnit,
    scaleType: a.scaleType,
    logBase: a.logBase,
    numberFormat: a.numberFormat,
    title: { text: a.titleText, visible: a.titleVisible },
    visible: a.visible,
    majorGridlines: a.gridlines,
  };
}

function chartSnapshot(model: WorkbookModel, c: ChartModel): ChartSnapshot {
  return {
    id: c.id,
    name: c.name,
    sheet: c.sheet.name,
    chartType: c.chartType,
    top: c.top,
    left: c.left,
    width: c.width,
    height: c.height,
    title: { text: c.titleText, visible: c.titleVisible },
    legend: { visible: c.legendVisible, position: c.legendPosition },
    axes: { category: axisSnapshot(c.category), value: axisSnapshot(c.value) },
    series: c.series.map((s) => {
      const yValues = numbersOf(s.y);
      return {
        id: s.id,
        name: s.name,
        chartType: s.chartType,
        xSource: s.x ? formatAddress(s.x.sheet.name, s.x.rect) : null,
        ySource: s.y ? formatAddress(s.y.sheet.name, s.y.rect) : null,
        xValues: numbersOf(s.x),
        yValues,
        marker: { style: s.markerStyle, size: s.markerSize, background: s.markerBackgroundColor, foreground: s.markerForegroundColor },
        line: { color: s.lineColor, style: s.lineStyle, weight: s.lineWeight },
        fillColor: s.fillColor,
        hasDataLabels: s.hasDataLabels,
        dataLabels: { ...s.dataLabels },
        inLegend: s.legendEntryVisible,
        points: [...s.points]
          .sort((a, b) => a[0] - b[0])
          .map(([index, p]) => {
            const l = p.label;
            const labelText =
              l.formula !== null ? resolveLabelFormula(model, l.formula, c.sheet) : l.text !== null ? l.text : l.showValue ? String(yValues[index] ?? '') : null;
            return {
              index,
              hasDataLabel: p.hasDataLabel,
              labelText,
              label: { ...l },
              marker: { style: p.markerStyle, size: p.markerSize, background: p.markerBackgroundColor, foreground: p.markerForegroundColor },
              fillColor: p.fillColor,
            };
          }),
      };
    }),
  };
}

function refFrom(model: WorkbookModel, address: string | null): { sheet: SheetModel; rect: Rect } | null {
  if (!address) return null;
  const { sheet, local } = splitSheet(address);
  const s = sheet === undefined ? undefined : model.findSheet(sheet);
  return s ? { sheet: s, rect: parseLocal(local) } : null;
}

function axisFrom(a: AxisSnapshot): AxisModel {
  return {
    minimum: a.minimum,
    maximum: a.maximum,
    majorUnit: a.majorUnit,
    scaleType: a.scaleType,
    logBase: a.logBase,
    numberFormat: a.numberFormat,
    titleText: a.title.text,
    titleVisible: a.title.visible,
    visible: a.visible,
    gridlines: a.majorGridlines,
  };
}

function chartFromSnapshot(model: WorkbookModel, sheet: SheetModel, cs: ChartSnapshot): ChartModel {
  return {
    id: cs.id,
    name: cs.name,
    chartType: cs.chartType,
    sheet,
    top: cs.top,
    left: cs.left,
    width: cs.width,
    height: cs.height,
    titleText: cs.title.text,
    titleVisible: cs.title.visible,
    legendVisible: cs.legend.visible,
    legendPosition: cs.legend.position,
    category: axisFrom(cs.axes.category),
    value: axisFrom(cs.axes.value),
    deleted: false,
    series: cs.series.map((ss) => {
      model.nextSeriesId = Math.max(model.nextSeriesId, ss.id + 1);
      return {
        id: ss.id,
        name: ss.name,
        chartType: ss.chartType,
        x: refFrom(model, ss.xSource),
        y: refFrom(model, ss.ySource),
        markerStyle: ss.marker.style,
        markerSize: ss.marker.size,
        markerBackgroundColor: ss.marker.background,
        markerForegroundColor: ss.marker.foreground,
        lineColor: ss.line.color,
        lineStyle: ss.line.style,
        lineWeight: ss.line.weight,
        fillColor: ss.fillColor,
        hasDataLabels: ss.hasDataLabels,
        dataLabels: { ...ss.dataLabels },
        // Snapshots from before legend entries were modelled have every entry shown.
        legendEntryVisible: ss.inLegend ?? true,
        points: new Map(
          ss.points.map((p) => [
            p.index,
            {
              hasDataLabel: p.hasDataLabel,
              label: { ...p.label },
              markerStyle: p.marker.style,
              markerSize: p.marker.size,
              markerBackgroundColor: p.marker.background,
              markerForegroundColor: p.marker.foreground,
              fillColor: p.fillColor,
            },
          ]),
        ),
      };
    }),
  };
}

/** Table creation for the setup helper, with the same rules as TableCollection.add (header fixes, unique names). */
function createTableDirect(model: WorkbookModel, sheet: SheetModel, rect: Rect, name: string | undefined): TableModel {
  if (rect.rows > MAX_ROWS || rect.cols > MAX_COLS) throw itemNotFound('InMemoryWorkbook.addTable', 'bad address');
  const t = createTableModel(model, sheet, rect, true);
  if (name !== undefined) {
    if (model.tables.some((o) => o !== t && o.name.toLowerCase() === name.toLowerCase())) {
      throw new InMemoryExcelError('ItemAlreadyExists', `A table named "${name}" already exists.`, 'InMemoryWorkbook.addTable');
    }
    t.name = name;
  }
  return t;
}

