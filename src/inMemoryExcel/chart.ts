// Charts: enough of Excel.Chart for an XY scatter with several series, divider lines, axes and point labels.
import { parseLocal, splitSheet } from './address';
import { ClientCollection, ClientObj, InMemoryContext, PropTable, Resolver, clientResult } from './client';
import { InMemoryExcelError, invalidArgument, itemNotFound } from './errors';
import { AxisModel, CellValue, ChartModel, PointModel, RangeRefModel, SeriesModel, SheetModel, WorkbookModel, cellText } from './model';
import { RangeObj, derive, normalizeColor, rangeArg } from './range';
import { WorksheetObj } from './workbook';

/** Office theme accent colours: what Excel gives series 1, 2, 3… when no colour is set. */
const PALETTE = ['#4472C4', '#ED7D31', '#A5A5A5', '#FFC000', '#5B9BD5', '#70AD47'];
const MARKER_STYLES = ['Invalid', 'Automatic', 'None', 'Square', 'Diamond', 'Triangle', 'X', 'Star', 'Dot', 'Dash', 'Circle', 'Plus', 'Picture'];
const LINE_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Grey25', 'Grey50', 'Grey75', 'Automatic', 'RoundDot'];
const LABEL_POSITIONS = ['Invalid', 'None', 'Center', 'InsideEnd', 'InsideBase', 'OutsideEnd', 'Left', 'Right', 'Top', 'Bottom', 'BestFit', 'Callout'];
/**
 * A scatter (or line) point's label takes only these: "Line/Scatter/Bubble: Center, Left, Right,
 * Above, Below" [docs: Infragistics Excel DataLabelPosition, the table of positions per chart type;
 * Office.js spells Above/Below "Top"/"Bottom"]. Excel refuses the others for such a series (a file
 * with them needs repair: gitbrent/PptxGenJS#768 "bestFit isn't a valid label position for line
 * charts", jmcnamara/excel-writer-xlsx#110), so setting one here fails with InvalidArgument.
 */
const SCATTER_LABEL_POSITIONS = ['Center', 'Left', 'Right', 'Top', 'Bottom'];
const LEGEND_POSITIONS = ['Invalid', 'Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom'];

export function isScatter(type: string): boolean {
  return type.startsWith('XYScatter');
}

function newAxis(): AxisModel {
  return { minimum: null, maximum: null, majorUnit: null, scaleType: 'Linear', logBase: 10, numberFormat: 'General', titleText: '', titleVisible: false, visible: true, gridlines: false };
}

function newSeries(model: WorkbookModel, chart: ChartModel, name: string): SeriesModel {
  const i = chart.series.length;
  const color = PALETTE[i % PALETTE.length];
  const id = model.nextSeriesId;
  model.setField(model, 'nextSeriesId', id + 1);
  return {
    id,
    name,
    chartType: chart.chartType,
    x: null,
    y: null,
    markerStyle: 'Automatic',
    markerSize: 5,
    markerBackgroundColor: color,
    markerForegroundColor: color,
    lineColor: color,
    lineStyle: chart.chartType === 'XYScatter' ? 'None' : 'Continuous',
    lineWeight: 2.25,
    fillColor: null,
    hasDataLabels: false,
    dataLabels: { showValue: false, showSeriesName: false, showCategoryName: false, position: null },
    points: new Map(),
    legendEntryVisible: true,
  };
}

/** Builds series from a source range the way Excel does for "Columns": first column X (scatter), a text first row names them. */
function seriesFromSource(model: WorkbookModel, chart: ChartModel, src: RangeRefModel, seriesBy: string): void {
  const { sheet, rect } = src;
  const byRows = seriesBy === 'Rows';
  const lines = byRows ? rect.rows : rect.cols;
  const len = byRows ? rect.cols : rect.rows;
  const at = (line: number, k: number): CellValue | undefined => (byRows ? sheet.values.get(rect.r + line, rect.c + k) : sheet.values.get(rect.r + k, rect.c + line));
  // A source with nothing in it gives a chart without series, as Insert › Chart on blank cells does (so
  // series.getItemAt(0) then fails). Not documented for ChartCollection.add; Excel.ErrorCodes has
  // EmptyChartSeries ("the attempted operation failed because the chart series is empty"
  // [doc: application-specific-api-error-handling.md]) without saying which operation throws it, so the
  // model does not throw it.
  let blank = true;
  for (let l = 0; l < lines && blank; l++) for (let k = 0; k < len && blank; k++) if (at(l, k) !== undefined) blank = false;
  if (blank) return;
  let hasHeader = false;
  for (let l = 0; l < lines; l++) if (typeof at(l, 0) === 'string') hasHeader = true;
  const first = hasHeader ? 1 : 0;
  const ref = (line: number): RangeRefModel => ({
    sheet,
    rect: byRows ? { r: rect.r + line, c: rect.c + first, rows: 1, cols: len - first } : { r: rect.r + first, c: rect.c + line, rows: len - first, cols: 1 },
  });
  const scatter = isScatter(chart.chartType);
  const xLine = scatter && lines > 1 ? 0 : -1;
  for (let l = xLine + 1; l < lines; l++) {
    const s = newSeries(model, chart, hasHeader ? cellText(at(l, 0)) : `Series${chart.series.length + 1}`);
    if (len - first > 0) {
      s.y = ref(l);
      if (xLine >= 0) s.x = ref(xLine);
    }
    chart.series.push(s);
  }
}

function chartProps(model: WorkbookModel): PropTable<ChartModel> {
  const num = (key: 'top' | 'left' | 'width' | 'height') => ({
    get: (c: ChartModel) => c[key],
    set: (c: ChartModel, v: unknown) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalidArgument(`Chart.${key}`, 'must be a non-negative number of points');
      model.setField(c, key, v);
    },
  });
  return {
    name: {
      get: (c) => c.name,
      set: (c, v) => {
        if (typeof v !== 'string' || v === '') throw invalidArgument('Chart.name', 'must be a non-empty string');
        model.setField(c, 'name', v);
      },
    },
    id: { get: (c) => c.id },
    chartType: {
      get: (c) => c.chartType,
      set: (c, v) => {
        if (typeof v !== 'string' || v === '' || v === 'Invalid') throw invalidArgument('Chart.chartType', String(v));
        model.setField(c, 'chartType', v);
        for (const s of c.series) model.setField(s, 'chartType', v);
      },
    },
    top: num('top'),
    left: num('left'),
    width: num('width'),
    height: num('height'),
  };
}

export class ChartCollectionObj extends ClientCollection<SheetModel, ChartModel, ChartObj> {
  private readonly _sheetObj: WorksheetObj;
  constructor(ctx: InMemoryContext, resolver: Resolver<SheetModel>, sheet: WorksheetObj) {
    super(ctx, 'ChartCollection', { count: { get: (s: SheetModel) => s.charts.length } }, resolver);
    this._sheetObj = sheet;
  }
  _list(s: SheetModel): ChartModel[] {
    return s.charts.slice();
  }
  _wrapItem(im: ChartModel): ChartObj {
    return new ChartObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<ChartModel> {
    return chartProps(this._ctx._model);
  }

  /** add(type, sourceData, seriesBy = "Auto") [doc: ChartCollection.add, 1.1]. */
  add(type: string, sourceData: RangeObj, seriesBy: string = 'Auto'): ChartObj {
    let created: ChartModel | undefined;
    this._call('add', [type, sourceData, seriesBy], (sheet) => {
      const model = this._ctx._model;
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy)) throw invalidArgument('ChartCollection.add', `seriesBy "${seriesBy}"`);
      if (typeof type !== 'string' || type === '' || type === 'Invalid') throw invalidArgument('ChartCollection.add', `type "${String(type)}"`);
      const src = rangeArg(model, sourceData, sheet, 'ChartCollection.add');
      const n = model.nextChartId;
      model.setField(model, 'nextChartId', n + 1);
      const chart: ChartModel = {
        id: `{C${String(n).padStart(7, '0')}-0000-4000-8000-000000000000}`,
        name: `Chart ${n}`,
        chartType: type,
        sheet,
        top: 0,
        left: 0,
        // Excel's default chart is 5 × 3 inches = 360 × 216 points.
        width: 360,
        height: 216,
        titleText: '',
        titleVisible: false,
        legendVisible: true,
        legendPosition: 'Right',
        category: newAxis(),
        value: newAxis(),
        series: [],
        deleted: false,
      };
      seriesFromSource(model, chart, src, seriesBy === 'Rows' ? 'Rows' : 'Columns');
      model.saveArray(sheet.charts);
      sheet.charts.push(chart);
      created = chart;
    });
    void this._sheetObj;
    return new ChartObj(this._ctx, () => created ?? null);
  }

  private _byName(s: SheetModel, name: string): ChartModel | null {
    return s.charts.find((c) => c.name === name) ?? null;
  }

  getItem(name: string): ChartObj {
    return new ChartObj(
      this._ctx,
      derive(this, (s) => {
        const c = this._byName(s, name);
        if (!c) throw itemNotFound('ChartCollection.getItem', `no chart "${name}"`);
        return c;
      }),
    );
  }

  getItemOrNullObject(name: string): ChartObj {
    return new ChartObj(this._ctx, derive(this, (s) => this._byName(s, name)));
  }

  getItemAt(index: number): ChartObj {
    return new ChartObj(
      this._ctx,
      derive(this, (s) => {
        if (index < 0 || index >= s.charts.length) throw invalidArgument('ChartCollection.getItemAt', `index ${index}`);
        return s.charts[index];
      }),
    );
  }

  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._need().charts.length);
  }
}

export class ChartObj extends ClientObj<ChartModel> {
  _title: ChartTitleObj | undefined;
  _legend: ChartLegendObj | undefined;
  _axes: ChartAxesObj | undefined;
  _series: ChartSeriesCollectionObj | undefined;
  _worksheet: WorksheetObj | undefined;

  constructor(ctx: InMemoryContext, resolver: Resolver<ChartModel>, pre?: { ref: ChartModel | null }) {
    super(ctx, 'Chart', chartProps(ctx._model), resolver, pre);
  }

  get title(): ChartTitleObj {
    return (this._title ??= new ChartTitleObj(this._ctx, derive(this, (c) => c)));
  }
  get legend(): ChartLegendObj {
    return (this._legend ??= new ChartLegendObj(this._ctx, derive(this, (c) => c)));
  }
  get axes(): ChartAxesObj {
    return (this._axes ??= new ChartAxesObj(this._ctx, derive(this, (c) => c)));
  }
  get series(): ChartSeriesCollectionObj {
    return (this._series ??= new ChartSeriesCollectionObj(this._ctx, derive(this, (c) => c)));
  }
  get worksheet(): WorksheetObj {
    return (this._worksheet ??= new WorksheetObj(this._ctx, derive(this, (c) => c.sheet)));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    const navs: Record<string, () => unknown> = { title: () => this.title, legend: () => this.legend, axes: () => this.axes, series: () => this.series, worksheet: () => this.worksheet };
    return navs[name]?.() as ClientObj<unknown> | undefined;
  }

  /** Moves the chart over the cells from startCell to endCell (or keeps its size) [doc: Chart.setPosition, 1.1]. */
  setPosition(startCell: RangeObj | string, endCell?: RangeObj | string): void {
    this._call('setPosition', [startCell, endCell ?? null], (c) => {
      const model = this._ctx._model;
      const a = rangeArg(model, startCell, c.sheet, 'Chart.setPosition');
      const top = model.rowTop(a.sheet, a.rect.r);
      const left = model.columnLeft(a.sheet, a.rect.c);
      model.setField(c, 'top', top);
      model.setField(c, 'left', left);
      if (endCell !== undefined && endCell !== null) {
        const b = rangeArg(model, endCell, c.sheet, 'Chart.setPosition');
        const width = model.columnLeft(b.sheet, b.rect.c + b.rect.cols) - left;
        const height = model.rowTop(b.sheet, b.rect.r + b.rect.rows) - top;
        if (width <= 0 || height <= 0) throw invalidArgument('Chart.setPosition', 'endCell must be below and right of startCell');
        model.setField(c, 'width', width);
        model.setField(c, 'height', height);
      }
    });
  }

  delete(): void {
    this._call('delete', [], (c) => {
      const model = this._ctx._model;
      model.saveArray(c.sheet.charts);
      c.sheet.charts.splice(c.sheet.charts.indexOf(c), 1);
      model.setField(c, 'deleted', true);
    });
  }
}

export class ChartTitleObj extends ClientObj<ChartModel> {
  constructor(ctx: InMemoryContext, resolver: Resolver<ChartModel>) {
    super(
      ctx,
      'ChartTitle',
      {
        text: {
          get: (c) => c.titleText,
          // Setting the text shows the title, as in Excel.
          set: (c, v) => {
            if (typeof v !== 'string') throw invalidArgument('ChartTitle.text', 'must be a string');
            ctx._model.setField(c, 'titleText', v);
            ctx._model.setField(c, 'titleVisible', true);
          },
        },
        visible: {
          get: (c) => c.titleVisible,
          set: (c, v) => ctx._model.setField(c, 'titleVisible', bool(v, 'ChartTitle.visible')),
        },
      },
      resolver,
    );
  }
}

export class ChartLegendObj extends ClientObj<ChartModel> {
  _entries: ChartLegendEntryCollectionObj | undefined;

  constructor(ctx: InMemoryContext, resolver: Resolver<ChartModel>) {
    super(
      ctx,
      'ChartLegend',
      {
        visible: { get: (c) => c.legendVisible, set: (c, v) => ctx._model.setField(c, 'legendVisible', bool(v, 'ChartLegend.visible')) },
        position: {
          get: (c) => c.legendPosition,
          set: (c, v) => ctx._model.setField(c, 'legendPosition', oneOf(v, LEGEND_POSITIONS, 'ChartLegend.position')),
        },
      },
      resolver,
    );
  }

  /** [doc: ChartLegend.legendEntries, ExcelApi 1.7] A scatter chart's legend has one entry per series, in series order. */
  get legendEntries(): ChartLegendEntryCollectionObj {
    return (this._entries ??= new ChartLegendEntryCollectionObj(this._ctx, derive(this, (c) => c)));
  }
}

/**
 * [doc: ChartLegendEntryCollection, ExcelApi 1.7]: getItemAt ("Returns a legend entry at the given index")
 * and getCount. Whether an entry hidden with `visible = false` keeps its index is not documented
 * (ChartLegendEntry.index, 1.8: "the index of the legend entry in the chart legend"; no OfficeDev/office-js
 * issue says either way). VBA's LegendEntries count the entries in the legend ("The index number represents
 * the position of the legend entry in the legend"; "There's no direct way to return the series … corresponding
 * to the legend entry"; a deleted entry comes back only by setting HasLegend to False and back to True) [doc:
 * Excel VBA reference, LegendEntry Object, learn.microsoft.com/previous-versions/office/developer/office-2007/
 * bb223898]. So the model does both (WorkbookModel.hiddenLegendEntries,
 * InMemoryWorkbook.setHiddenLegendEntries): 'keep' (default) indexes every series; 'leave' only the
 * series whose entry shows, so getItemAt(i) after a hidden entry is the next series' entry.
 */
export class ChartLegendEntryCollectionObj extends ClientObj<ChartModel> {
  constructor(ctx: InMemoryContext, resolver: Resolver<ChartModel>) {
    super(ctx, 'ChartLegendEntryCollection', {}, resolver);
  }
  private _entries(c: ChartModel): SeriesModel[] {
    return this._ctx._model.hiddenLegendEntries === 'leave' ? c.series.filter((s) => s.legendEntryVisible) : c.series;
  }
  getItemAt(index: number): ChartLegendEntryObj {
    return new ChartLegendEntryObj(
      this._ctx,
      derive(this, (c) => {
        const list = this._entries(c);
        if (!Number.isInteger(index) || index < 0 || index >= list.length) throw invalidArgument('ChartLegendEntryCollection.getItemAt', `index ${index} (${list.length} entries)`);
        return { chart: c, series: list[index] };
      }),
    );
  }
  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._entries(this._need()).length);
  }
}

/** [doc: ChartLegendEntry.visible, ExcelApi 1.7]; the entry of a series. */
export class ChartLegendEntryObj extends ClientObj<SeriesRef> {
  constructor(ctx: InMemoryContext, resolver: Resolver<SeriesRef>) {
    super(
      ctx,
      'ChartLegendEntry',
      {
        visible: {
          get: (r) => liveSeries(r).legendEntryVisible,
          set: (r, v) => ctx._model.setField(liveSeries(r), 'legendEntryVisible', bool(v, 'ChartLegendEntry.visible')),
        },
      },
      resolver,
    );
  }
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') throw invalidArgument(where, 'must be a boolean');
  return v;
}

function oneOf(v: unknown, allowed: string[], where: string): string {
  if (typeof v !== 'string' || !allowed.includes(v)) throw invalidArgument(where, `"${String(v)}" is not one of ${allowed.join(', ')}`);
  return v;
}

// ---- axes ----

interface AxisRef {
  chart: ChartModel;
  which: 'category' | 'value';
}

export class ChartAxesObj extends ClientObj<ChartModel> {
  _category: ChartAxisObj | undefined;
  _value: ChartAxisObj | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<ChartModel>) {
    super(ctx, 'ChartAxes', {}, resolver);
  }
  /** "Column, bar, and scatter charts use a category axis and a value axis" [doc: excel-add-ins-charts.md]: X is the category axis. */
  get categoryAxis(): ChartAxisObj {
    return (this._category ??= new ChartAxisObj(this._ctx, derive(this, (c) => ({ chart: c, which: 'category' as const }))));
  }
  get valueAxis(): ChartAxisObj {
    return (this._value ??= new ChartAxisObj(this._ctx, derive(this, (c) => ({ chart: c, which: 'value' as const }))));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'categoryAxis') return this.categoryAxis as ClientObj<unknown>;
    if (name === 'valueAxis') return this.valueAxis as ClientObj<unknown>;
    return undefined;
  }
  /** getItem(type, group = "Primary") [doc: ChartAxes.getItem, 1.7]; secondary axes are not modelled. */
  getItem(type: string, group: string = 'Primary'): ChartAxisObj {
    return new ChartAxisObj(
      this._ctx,
      derive(this, (c) => {
        if (group !== 'Primary') throw new InMemoryExcelError('NotImplemented', 'not implemented: secondary axes', 'ChartAxes.getItem');
        if (type === 'Category') return { chart: c, which: 'category' as const };
        if (type === 'Value') return { chart: c, which: 'value' as const };
        if (type === 'Series') throw new InMemoryExcelError('NotImplemented', 'not implemented: series axis', 'ChartAxes.getItem');
        throw invalidArgument('ChartAxes.getItem', `type "${type}"`);
      }),
    );
  }
}

function axisOf(a: AxisRef): AxisModel {
  return a.chart[a.which];
}

/** Auto bounds reported as the data extent (Excel reports its own rounded auto scale; a documented approximation). */
function autoBound(a: AxisRef, max: boolean): number {
  const vals: number[] = [];
  for (const s of a.chart.series) {
    const src = a.which === 'value' ? s.y : s.x;
    for (const v of numbersOf(src)) if (typeof v === 'number') vals.push(v);
  }
  if (vals.length === 0) return max ? 1 : 0;
  return max ? Math.max(...vals) : Math.min(0, ...vals);
}

function axisProps(model: WorkbookModel): PropTable<AxisRef> {
  const bound = (key: 'minimum' | 'maximum' | 'majorUnit') => ({
    get: (a: AxisRef) => axisOf(a)[key] ?? (key === 'majorUnit' ? null : autoBound(a, key === 'maximum')),
    set: (a: AxisRef, v: unknown) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidArgument(`ChartAxis.${key}`, 'must be a number');
      if (key === 'majorUnit' && v <= 0) throw invalidArgument('ChartAxis.majorUnit', 'must be positive');
      model.setField(axisOf(a), key, v);
    },
  });
  return {
    minimum: bound('minimum'),
    maximum: bound('maximum'),
    majorUnit: bound('majorUnit'),
    // scaleType "Linear" | "Logarithmic" and logBase (ExcelApi 1.7) per @types/office-js ChartAxis.
    scaleType: {
      get: (a) => axisOf(a).scaleType,
      set: (a, v) => model.setField(axisOf(a), 'scaleType', oneOf(v, ['Linear', 'Logarithmic'], 'ChartAxis.scaleType') as 'Linear' | 'Logarithmic'),
    },
    logBase: {
      get: (a) => axisOf(a).logBase,
      set: (a, v) => {
        if (typeof v !== 'number' || v < 2 || v > 1000) throw invalidArgument('ChartAxis.logBase', 'must be between 2 and 1000');
        model.setField(axisOf(a), 'logBase', v);
      },
    },
    numberFormat: {
      get: (a) => axisOf(a).numberFormat,
      set: (a, v) => {
        if (typeof v !== 'string') throw invalidArgument('ChartAxis.numberFormat', 'must be a string');
        model.setField(axisOf(a), 'numberFormat', v);
      },
    },
    visible: { get: (a) => axisOf(a).visible, set: (a, v) => model.setField(axisOf(a), 'visible', bool(v, 'ChartAxis.visible')) },
    type: { get: (a) => (a.which === 'category' ? 'Category' : 'Value') },
    axisGroup: { get: () => 'Primary' },
  };
}

export class ChartAxisObj extends ClientObj<AxisRef> {
  _title: ClientObj<AxisRef> | undefined;
  _grid: ClientObj<AxisRef> | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<AxisRef>) {
    super(ctx, 'ChartAxis', axisProps(ctx._model), resolver);
  }
  get title(): ClientObj<AxisRef> {
    return (this._title ??= new SimpleObj<AxisRef>(this._ctx, 'ChartAxisTitle', derive(this, (a) => a), {
      text: {
        get: (a) => axisOf(a).titleText,
        set: (a, v) => {
          if (typeof v !== 'string') throw invalidArgument('ChartAxisTitle.text', 'must be a string');
          this._ctx._model.setField(axisOf(a), 'titleText', v);
          this._ctx._model.setField(axisOf(a), 'titleVisible', true);
        },
      },
      visible: { get: (a) => axisOf(a).titleVisible, set: (a, v) => this._ctx._model.setField(axisOf(a), 'titleVisible', bool(v, 'ChartAxisTitle.visible')) },
    }));
  }
  get majorGridlines(): ClientObj<AxisRef> {
    return (this._grid ??= new SimpleObj<AxisRef>(this._ctx, 'ChartGridlines', derive(this, (a) => a), {
      visible: { get: (a) => axisOf(a).gridlines, set: (a, v) => this._ctx._model.setField(axisOf(a), 'gridlines', bool(v, 'ChartGridlines.visible')) },
    }));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'title') return this.title as ClientObj<unknown>;
    if (name === 'majorGridlines') return this.majorGridlines as ClientObj<unknown>;
    return undefined;
  }
}

/** A proxy with scalar properties only. */
class SimpleObj<M> extends ClientObj<M> {
  constructor(ctx: InMemoryContext, typeName: string, resolver: Resolver<M>, props: PropTable<M>) {
    super(ctx, typeName, props, resolver);
  }
}

// ---- series ----

interface SeriesRef {
  chart: ChartModel;
  series: SeriesModel;
}

function liveSeries(r: SeriesRef): SeriesModel {
  if (!r.chart.series.includes(r.series)) throw itemNotFound('ChartSeries', 'the series was deleted');
  return r.series;
}

/** Numbers of a series source as Excel plots them: text and blanks are not numbers. */
export function numbersOf(src: RangeRefModel | null): Array<number | null> {
  if (!src) return [];
  const out: Array<number | null> = [];
  const { sheet, rect } = src;
  for (let i = 0; i < rect.rows; i++) {
    for (let j = 0; j < rect.cols; j++) {
      const v = sheet.values.get(rect.r + i, rect.c + j);
      out.push(typeof v === 'number' ? v : null);
    }
  }
  return out;
}

function pointCount(s: SeriesModel): number {
  return s.y ? s.y.rect.rows * s.y.rect.cols : 0;
}

function seriesProps(model: WorkbookModel): PropTable<SeriesRef> {
  const field = <K extends keyof SeriesModel>(key: K, check: (v: unknown) => SeriesModel[K]) => ({
    get: (r: SeriesRef) => liveSeries(r)[key],
    set: (r: SeriesRef, v: unknown) => model.setField(liveSeries(r), key, check(v)),
  });
  return {
    name: field('name', (v) => {
      if (typeof v !== 'string') throw invalidArgument('ChartSeries.name', 'must be a string');
      return v;
    }),
    chartType: field('chartType', (v) => {
      if (typeof v !== 'string' || v === '' || v === 'Invalid') throw invalidArgument('ChartSeries.chartType', String(v));
      return v;
    }),
    markerStyle: field('markerStyle', (v) => oneOf(v, MARKER_STYLES, 'ChartSeries.markerStyle')),
    // "The supported size range is 2 to 72" [doc: ChartSeries.markerSize].
    markerSize: field('markerSize', (v) => {
      if (typeof v !== 'number' || v < 2 || v > 72) throw invalidArgument('ChartSeries.markerSize', 'must be 2 to 72');
      return v;
    }),
    markerBackgroundColor: field('markerBackgroundColor', (v) => normalizeColor(v, 'ChartSeries.markerBackgroundColor')),
    markerForegroundColor: field('markerForegroundColor', (v) => normalizeColor(v, 'ChartSeries.markerForegroundColor')),
    hasDataLabels: field('hasDataLabels', (v) => bool(v, 'ChartSeries.hasDataLabels')),
    axisGroup: { get: () => 'Primary' },
  };
}

/** The series at `index` (a legend entry is its series'), or InvalidArgument from `method`. */
function seriesAt(c: ChartModel, index: number, method: string): SeriesRef {
  if (!Number.isInteger(index) || index < 0 || index >= c.series.length) throw invalidArgument(method, `index ${index}`);
  return { chart: c, series: c.series[index] };
}

export class ChartSeriesCollectionObj extends ClientCollection<ChartModel, SeriesRef, ChartSeriesObj> {
  constructor(ctx: InMemoryContext, resolver: Resolver<ChartModel>) {
    super(ctx, 'ChartSeriesCollection', { count: { get: (c: ChartModel) => c.series.length } }, resolver);
  }
  _list(c: ChartModel): SeriesRef[] {
    return c.series.map((series) => ({ chart: c, series }));
  }
  _wrapItem(im: SeriesRef): ChartSeriesObj {
    return new ChartSeriesObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<SeriesRef> {
    return seriesProps(this._ctx._model);
  }
  /** add(name?, index?) [doc: ChartSeriesCollection.add, 1.7]; the series has no data until setValues. */
  add(name?: string, index?: number): ChartSeriesObj {
    let created: SeriesRef | undefined;
    this._call('add', [name ?? null, index ?? null], (c) => {
      const model = this._ctx._model;
      const s = newSeries(model, c, name ?? `Series${c.series.length + 1}`);
      model.saveArray(c.series);
      const at = index === undefined || index === null ? c.series.length : index;
      if (!Number.isInteger(at) || at < 0 || at > c.series.length) throw invalidArgument('ChartSeriesCollection.add', `index ${String(index)}`);
      c.series.splice(at, 0, s);
      created = { chart: c, series: s };
    });
    return new ChartSeriesObj(this._ctx, () => created ?? null);
  }
  getItemAt(index: number): ChartSeriesObj {
    return new ChartSeriesObj(
      this._ctx,
      derive(this, (c) => seriesAt(c, index, 'ChartSeriesCollection.getItemAt')),
    );
  }
  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => this._need().series.length);
  }
}

export class ChartSeriesObj extends ClientObj<SeriesRef> {
  _format: ChartSeriesFormatObj | undefined;
  _points: ChartPointsCollectionObj | undefined;
  _dataLabels: ClientObj<SeriesRef> | undefined;

  constructor(ctx: InMemoryContext, resolver: Resolver<SeriesRef>, pre?: { ref: SeriesRef | null }) {
    super(ctx, 'ChartSeries', seriesProps(ctx._model), resolver, pre);
  }
  get format(): ChartSeriesFormatObj {
    return (this._format ??= new ChartSeriesFormatObj(this._ctx, derive(this, (r) => r)));
  }
  get points(): ChartPointsCollectionObj {
    return (this._points ??= new ChartPointsCollectionObj(this._ctx, derive(this, (r) => r)));
  }
  /**
   * Series-level data labels. Reading their properties returns null by design (office-js#3010), so only
   * writes are meaningful; reads here return null the same way.
   */
  get dataLabels(): ClientObj<SeriesRef> {
    const model = this._ctx._model;
    const flag = (key: 'showValue' | 'showSeriesName' | 'showCategoryName') => ({
      get: () => null,
      set: (r: SeriesRef, v: unknown) => model.setField(liveSeries(r), 'dataLabels', { ...liveSeries(r).dataLabels, [key]: bool(v, `ChartDataLabels.${key}`) }),
    });
    return (this._dataLabels ??= new SimpleObj<SeriesRef>(this._ctx, 'ChartDataLabels', derive(this, (r) => r), {
      showValue: flag('showValue'),
      showSeriesName: flag('showSeriesName'),
      showCategoryName: flag('showCategoryName'),
      position: {
        get: () => null,
        set: (r, v) => {
          const s = liveSeries(r);
          const pos = oneOf(v, isScatter(s.chartType) ? SCATTER_LABEL_POSITIONS : LABEL_POSITIONS, 'ChartDataLabels.position');
          model.setField(s, 'dataLabels', { ...s.dataLabels, position: pos });
        },
      },
    }));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    const navs: Record<string, () => unknown> = { format: () => this.format, points: () => this.points, dataLabels: () => this.dataLabels };
    return navs[name]?.() as ClientObj<unknown> | undefined;
  }

  private _setSource(key: 'x' | 'y', method: string, sourceData: RangeObj): void {
    this._call(method, [sourceData], (r) => {
      const s = liveSeries(r);
      const ref = rangeArg(this._ctx._model, sourceData, r.chart.sheet, `ChartSeries.${method}`);
      if (ref.rect.rows !== 1 && ref.rect.cols !== 1) throw invalidArgument(`ChartSeries.${method}`, 'the source must be one row or one column');
      this._ctx._model.setField(s, key, { sheet: ref.sheet, rect: { ...ref.rect } });
    });
  }
  /** ExcelApi 1.7 [doc: ChartSeries.setXAxisValues]. */
  setXAxisValues(sourceData: RangeObj): void {
    this._setSource('x', 'setXAxisValues', sourceData);
  }
  /** ExcelApi 1.7 [doc: ChartSeries.setValues]. */
  setValues(sourceData: RangeObj): void {
    this._setSource('y', 'setValues', sourceData);
  }
  delete(): void {
    this._call('delete', [], (r) => {
      const model = this._ctx._model;
      liveSeries(r);
      model.saveArray(r.chart.series);
      r.chart.series.splice(r.chart.series.indexOf(r.series), 1);
    });
  }
  getDimensionValues(dimension: string): unknown {
    return clientResult(this._ctx, { a: 'getDimensionValues', o: this._oid, d: dimension }, () => {
      const s = liveSeries(this._need());
      const src = dimension === 'XValues' || dimension === 'Categories' ? s.x : dimension === 'Values' || dimension === 'YValues' ? s.y : undefined;
      if (src === undefined) throw invalidArgument('ChartSeries.getDimensionValues', `dimension "${dimension}"`);
      return numbersOf(src).map((v) => (v === null ? '' : String(v)));
    });
  }
}

export class ChartSeriesFormatObj extends ClientObj<SeriesRef> {
  _line: ClientObj<SeriesRef> | undefined;
  _fill: ChartFillObj | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<SeriesRef>) {
    super(ctx, 'ChartSeriesFormat', {}, resolver);
  }
  get line(): ClientObj<SeriesRef> {
    const model = this._ctx._model;
    return (this._line ??= new ChartLineFormatObj(this._ctx, derive(this, (r) => r), {
      color: { get: (r) => liveSeries(r).lineColor, set: (r, v) => model.setField(liveSeries(r), 'lineColor', normalizeColor(v, 'ChartLineFormat.color')) },
      lineStyle: { get: (r) => liveSeries(r).lineStyle, set: (r, v) => model.setField(liveSeries(r), 'lineStyle', oneOf(v, LINE_STYLES, 'ChartLineFormat.lineStyle')) },
      weight: {
        get: (r) => liveSeries(r).lineWeight,
        set: (r, v) => {
          if (typeof v !== 'number' || v < 0) throw invalidArgument('ChartLineFormat.weight', 'must be a non-negative number');
          model.setField(liveSeries(r), 'lineWeight', v);
        },
      },
    }));
  }
  get fill(): ChartFillObj {
    return (this._fill ??= new ChartFillObj(this._ctx, derive(this, (r) => ({ get: () => liveSeries(r).fillColor, set: (c: string | null) => this._ctx._model.setField(liveSeries(r), 'fillColor', c) }))));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'line') return this.line as ClientObj<unknown>;
    if (name === 'fill') return this.fill as ClientObj<unknown>;
    return undefined;
  }
}

/** ChartLineFormat: color, lineStyle, weight; clear() removes the line. */
class ChartLineFormatObj extends ClientObj<SeriesRef> {
  constructor(ctx: InMemoryContext, resolver: Resolver<SeriesRef>, props: PropTable<SeriesRef>) {
    super(ctx, 'ChartLineFormat', props, resolver);
  }
  clear(): void {
    this._call('clear', [], (r) => this._ctx._model.setField(liveSeries(r), 'lineStyle', 'None'));
  }
}

interface FillTarget {
  get: () => string | null;
  set: (c: string | null) => void;
}

/** ChartFill has methods only: setSolidColor(color), clear() [doc: Excel.ChartFill, 1.1]. */
export class ChartFillObj extends ClientObj<FillTarget> {
  constructor(ctx: InMemoryContext, resolver: Resolver<FillTarget>) {
    super(ctx, 'ChartFill', {}, resolver);
  }
  setSolidColor(color: string): void {
    this._call('setSolidColor', [color], (f) => f.set(normalizeColor(color, 'ChartFill.setSolidColor')));
  }
  clear(): void {
    this._call('clear', [], (f) => f.set(null));
  }
}

// ---- points ----

interface PointRef {
  chart: ChartModel;
  series: SeriesModel;
  index: number;
}

function newPoint(): PointModel {
  return {
    hasDataLabel: false,
    label: { text: null, formula: null, showValue: false, showSeriesName: false, showCategoryName: false, position: 'Right' },
    markerStyle: null,
    markerSize: null,
    markerBackgroundColor: null,
    markerForegroundColor: null,
    fillColor: null,
  };
}

/** The point's state, created (journaled) the first time something is written to it. */
function pointFor(model: WorkbookModel, p: PointRef): PointModel {
  const s = liveSeries(p);
  let pm = s.points.get(p.index);
  if (!pm) {
    pm = newPoint();
    s.points.set(p.index, pm);
    const idx = p.index;
    model.record(() => {
      s.points.delete(idx);
    });
  }
  return pm;
}

function peekPoint(p: PointRef): PointModel {
  return liveSeries(p).points.get(p.index) ?? newPoint();
}

export class ChartPointsCollectionObj extends ClientCollection<SeriesRef, PointRef, ChartPointObj> {
  constructor(ctx: InMemoryContext, resolver: Resolver<SeriesRef>) {
    super(ctx, 'ChartPointsCollection', { count: { get: (r: SeriesRef) => pointCount(liveSeries(r)) } }, resolver);
  }
  _list(r: SeriesRef): PointRef[] {
    const n = pointCount(liveSeries(r));
    const out: PointRef[] = [];
    for (let i = 0; i < n; i++) out.push({ chart: r.chart, series: r.series, index: i });
    return out;
  }
  _wrapItem(im: PointRef): ChartPointObj {
    return new ChartPointObj(this._ctx, () => im, { ref: im });
  }
  get _itemProps(): PropTable<PointRef> {
    return pointProps(this._ctx._model);
  }
  getItemAt(index: number): ChartPointObj {
    return new ChartPointObj(
      this._ctx,
      derive(this, (r) => {
        const n = pointCount(liveSeries(r));
        if (!Number.isInteger(index) || index < 0 || index >= n) throw invalidArgument('ChartPointsCollection.getItemAt', `index ${index} (series has ${n} points)`);
        return { chart: r.chart, series: r.series, index };
      }),
    );
  }
  getCount(): unknown {
    return clientResult(this._ctx, { a: 'getCount', o: this._oid }, () => pointCount(liveSeries(this._need())));
  }
}

function pointProps(model: WorkbookModel): PropTable<PointRef> {
  const opt = <K extends 'markerStyle' | 'markerSize' | 'markerBackgroundColor' | 'markerForegroundColor'>(key: K, check: (v: unknown) => PointModel[K]) => ({
    get: (p: PointRef) => peekPoint(p)[key] ?? liveSeries(p)[key],
    set: (p: PointRef, v: unknown) => model.setField(pointFor(model, p), key, check(v)),
  });
  return {
    value: { get: (p) => numbersOf(liveSeries(p).y)[p.index] ?? null },
    hasDataLabel: {
      get: (p) => peekPoint(p).hasDataLabel || liveSeries(p).hasDataLabels,
      set: (p, v) => model.setField(pointFor(model, p), 'hasDataLabel', bool(v, 'ChartPoint.hasDataLabel')),
    },
    markerStyle: opt('markerStyle', (v) => oneOf(v, MARKER_STYLES, 'ChartPoint.markerStyle')),
    markerSize: opt('markerSize', (v) => {
      if (typeof v !== 'number' || v < 2 || v > 72) throw invalidArgument('ChartPoint.markerSize', 'must be 2 to 72');
      return v;
    }),
    markerBackgroundColor: opt('markerBackgroundColor', (v) => normalizeColor(v, 'ChartPoint.markerBackgroundColor')),
    markerForegroundColor: opt('markerForegroundColor', (v) => normalizeColor(v, 'ChartPoint.markerForegroundColor')),
  };
}

export class ChartPointObj extends ClientObj<PointRef> {
  _label: ChartDataLabelObj | undefined;
  _format: ClientObj<PointRef> | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<PointRef>, pre?: { ref: PointRef | null }) {
    super(ctx, 'ChartPoint', pointProps(ctx._model), resolver, pre);
  }
  /** ChartPoint.dataLabel (1.7) with text/formula (1.8) [doc: excel-add-ins-charts-data-labels.md]. */
  get dataLabel(): ChartDataLabelObj {
    return (this._label ??= new ChartDataLabelObj(this._ctx, derive(this, (p) => p)));
  }
  get format(): ClientObj<PointRef> {
    return (this._format ??= new ChartPointFormatObj(this._ctx, derive(this, (p) => p)));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    if (name === 'dataLabel') return this.dataLabel as ClientObj<unknown>;
    if (name === 'format') return this.format as ClientObj<unknown>;
    return undefined;
  }
}

class ChartPointFormatObj extends ClientObj<PointRef> {
  _fill: ChartFillObj | undefined;
  constructor(ctx: InMemoryContext, resolver: Resolver<PointRef>) {
    super(ctx, 'ChartPointFormat', {}, resolver);
  }
  get fill(): ChartFillObj {
    const model = this._ctx._model;
    return (this._fill ??= new ChartFillObj(this._ctx, derive(this, (p) => ({ get: () => peekPoint(p).fillColor, set: (c: string | null) => model.setField(pointFor(model, p), 'fillColor', c) }))));
  }
  override _nav(name: string): ClientObj<unknown> | undefined {
    return name === 'fill' ? (this.fill as ClientObj<unknown>) : undefined;
  }
}

const LABEL_FORMULA = /^=\s*(?:('(?:[^']|'')+'|[^'!]+)!)?\$?([A-Za-z]{1,3})\$?(\d+)\s*$/;

/** Resolves a label formula "='Sheet'!$A$2" to the referenced cell's text; null if it does not parse. */
export function resolveLabelFormula(model: WorkbookModel, formula: string, defaultSheet: SheetModel): string | null {
  const m = LABEL_FORMULA.exec(formula);
  if (!m) return null;
  const { sheet: name } = splitSheet(m[1] ? `${m[1]}!A1` : 'A1');
  const sheet = name === undefined ? defaultSheet : model.findSheet(name);
  if (!sheet) return null;
  const rect = parseLocal(`${m[2]}${m[3]}`);
  return cellText(sheet.values.get(rect.r, rect.c));
}

function labelProps(model: WorkbookModel): PropTable<PointRef> {
  const flag = (key: 'showValue' | 'showSeriesName' | 'showCategoryName') => ({
    get: (p: PointRef) => peekPoint(p).label[key],
    set: (p: PointRef, v: unknown) => {
      const pm = pointFor(model, p);
      model.setField(pm, 'label', { ...pm.label, [key]: bool(v, `ChartDataLabel.${key}`) });
    },
  });
  return {
    text: {
      get: (p) => {
        const l = peekPoint(p).label;
        if (l.formula !== null) return resolveLabelFormula(model, l.formula, p.chart.sheet) ?? '';
        if (l.text !== null) return l.text;
        return l.showValue ? String(numbersOf(liveSeries(p).y)[p.index] ?? '') : '';
      },
      set: (p, v) => {
        if (typeof v !== 'string') throw invalidArgument('ChartDataLabel.text', 'must be a string');
        const pm = pointFor(model, p);
        model.setField(pm, 'label', { ...pm.label, text: v, formula: null });
        model.setField(pm, 'hasDataLabel', true);
      },
    },
    // "A1-style formula linking the label to a cell" (1.8); only single-cell references are modelled.
    formula: {
      get: (p) => peekPoint(p).label.formula ?? '',
      set: (p, v) => {
        if (typeof v !== 'string' || resolveLabelFormula(model, v, p.chart.sheet) === null) {
          throw invalidArgument('ChartDataLabel.formula', `"${String(v)}" is not a reference to one cell such as ='Sheet1'!$A$2`);
        }
        const pm = pointFor(model, p);
        model.setField(pm, 'label', { ...pm.label, formula: v, text: null });
        model.setField(pm, 'hasDataLabel', true);
      },
    },
    showValue: flag('showValue'),
    showSeriesName: flag('showSeriesName'),
    showCategoryName: flag('showCategoryName'),
    position: {
      get: (p) => peekPoint(p).label.position,
      set: (p, v) => {
        const s = liveSeries(p);
        const pos = oneOf(v, isScatter(s.chartType) ? SCATTER_LABEL_POSITIONS : LABEL_POSITIONS, 'ChartDataLabel.position');
        const pm = pointFor(model, p);
        model.setField(pm, 'label', { ...pm.label, position: pos });
      },
    },
  };
}

export class ChartDataLabelObj extends ClientObj<PointRef> {
  constructor(ctx: InMemoryContext, resolver: Resolver<PointRef>) {
    super(ctx, 'ChartDataLabel', labelProps(ctx._model), resolver);
  }
}

