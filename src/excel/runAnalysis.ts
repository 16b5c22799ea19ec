/**
 * One run (PortfolioActions.run): find the table, read it in blocks, analyse, check the target
 * cells, write the output in blocks, then the formats, summary sheet, chart and settings.
 *
 * Syncs for a plain range of R data rows and B = ⌈R / blockRows⌉ blocks: 1 (selection, settings,
 * chart and sheet probes) + B (reads; the ownership check rides on the first, the target-cell check
 * on each) + B (writes, with the chart's source rows) + 1 (formats, summary, chart, settings) =
 * 2 + 2B. An Excel Table needs one more (its geometry before the first block). Last period's sheet
 * adds its own reads. Nothing is written before the analysis has succeeded and the target cells
 * have been found free, so a refusal or a cancellation before the writes leaves the workbook as it was.
 */
import {
  analyze,
  frozenCutModes,
  headerText,
  isAnalysisError,
  labels,
  mappingToConfig,
  type AnalysisConfig,
  type AnalysisResult,
  type Cell,
  type PreviousPeriod,
} from '../domain';
import type { RunOptions, RunOutcome, RunPhase, SavedState } from './api';
import { displayAddress, MAX_COLS, parseAddress, type Rect } from './address';
import { queueDateSystemProbe } from './cellValues';
import { AdapterError, fromAnalysisError } from './errors';
import type { ExcelHost } from './createActions';
import { ownedTrailingColumns, probeSelection, queueMergedHeaderProbe, queueTableGeometry, type SelectionProbe } from './findTable';
import { CHART_DATA, planChart, queueChart, type ChartPlan } from './matrixChart';
import { cellsBytes, WRITE_TARGET_BYTES } from './payload';
import { readPreviousSheet } from './previous';
import { DEFAULT_BLOCK_ROWS, readRows } from './readTable';
import { queueSaveState } from './settings';
import { queueSummaryGrid, summaryGrid } from './summarySheet';
import { CHART_NAME, SUMMARY_SHEET_NAME } from './texts';
import { outputRows, planOutput, queueClearPlain, queueOutputBlock, queueOutputFormats, type OutputPlan } from './writeOutput';

/** How long a roll-back waits for the user to leave cell edit mode, and how often it tries. */
const CELL_EDIT_WAIT_MS = 10 * 60_000;
const CELL_EDIT_RETRY_MS = 250;

/** The most output columns a run can write (every header of the catalogue). */
const MAX_OUTPUT_COLS = Object.keys(labels.OUTPUT_HEADERS).length;

/** The add-in's output from an earlier run, found where the settings say and verified by its headers. */
interface Owned {
  kind: 'table' | 'range';
  col: number;
  headers: string[];
  /** Data rows it covers (a plain block may be shorter than the table grown since). */
  dataRows: number;
}

/** Where the user's table is, and what of the add-in's is already there. */
interface Geometry {
  sheetName: string;
  /** Header row + data rows, the user's columns only. */
  rect: Rect;
  tableName: string | null;
  owned: Owned | null;
  hasHiddenRows: boolean;
}

/**
 * The target cells, checked before anything is written: for each candidate start column, the cells
 * of up to MAX_OUTPUT_COLS columns over the table's rows, minus the add-in's own earlier output.
 * They are read (as `formulas`, so that a formula showing "" counts as something the user put there)
 * block by block with the table's own rows, so the check costs no extra sync. Range.getUsedRange
 * cannot answer "is this blank": it is the sheet's used range intersected with the range.
 */
class TargetProbe {
  /** start column -> column offset j -> first non-empty cell found (row-major), as [row, col]. */
  private readonly hits = new Map<number, Map<number, [number, number]>>();
  private readonly rects: { start: number; rect: Rect }[] = [];

  constructor(g: Geometry, starts: { col: number; owned: Owned | null }[]) {
    const dataRows = g.rect.rows - 1;
    for (const { col, owned } of starts) {
      this.hits.set(col, new Map());
      const k = owned ? owned.headers.length : 0;
      const cols = Math.min(MAX_OUTPUT_COLS, MAX_COLS - col);
      if (owned && k > 0 && owned.dataRows < dataRows) {
        // The add-in's own cells are free; below its old block (the table grew) they are checked.
        const below = g.rect.row + 1 + owned.dataRows;
        this.rects.push({ start: col, rect: { sheetName: g.sheetName, row: below, col, rows: dataRows - owned.dataRows, cols: Math.min(k, cols) } });
      }
      if (cols > k) this.rects.push({ start: col, rect: { sheetName: g.sheetName, row: g.rect.row, col: col + k, rows: g.rect.rows, cols: cols - k } });
    }
  }

  /** Queues the probe cells within sheet rows [r0, r1); the returned function records what was found. */
  queue(sheet: Excel.Worksheet, r0: number, r1: number): () => void {
    const loads: { start: number; rect: Rect; range: Excel.Range }[] = [];
    for (const { start, rect } of this.rects) {
      const row = Math.max(r0, rect.row);
      const end = Math.min(r1, rect.row + rect.rows);
      if (end <= row) continue;
      const part = { ...rect, row, rows: end - row };
      const range = sheet.getRangeByIndexes(part.row, part.col, part.rows, part.cols);
      range.load('formulas');
      loads.push({ start, rect: part, range });
    }
    return () => {
      for (const { start, rect, range } of loads) {
        const found = this.hits.get(start) as Map<number, [number, number]>;
        (range.formulas as unknown[][]).forEach((line, i) =>
          line.forEach((v, c) => {
            const j = rect.col + c - start;
            if (v !== '' && v !== null && v !== undefined && !found.has(j)) found.set(j, [rect.row + i, rect.col + c]);
          }),
        );
      }
    }
  }

  /** The first (topmost, then leftmost) cell holding something among the first n columns, or null. */
  occupied(sheetName: string, start: number, n: number): string | null {
    let best: [number, number] | null = null;
    for (const [j, cell] of this.hits.get(start) ?? []) {
      if (j >= n) continue;
      if (!best || cell[0] < best[0] || (cell[0] === best[0] && cell[1] < best[1])) best = cell;
    }
    return best ? displayAddress({ sheetName, row: best[0], col: best[1], rows: 1, cols: 1 }) : null;
  }
}

const equalLists = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The saved output rectangle (header included), when it is on this sheet. */
function savedOutputRect(state: SavedState | null, sheetName: string): Rect | null {
  const o = state?.output;
  if (!o || o.sheetName !== sheetName) return null;
  const r = parseAddress(o.address);
  return r ? { ...r, sheetName } : null;
}

export async function runAnalysis(ctx: Excel.RequestContext, options: RunOptions, host?: ExcelHost): Promise<RunOutcome> {
  const blockRows = Math.max(1, Math.floor(options.blockRows ?? DEFAULT_BLOCK_ROWS));
  const locale = options.config.locale;
  const signal = options.signal;
  const report = (phase: RunPhase, done: number, total: number) => options.onProgress?.({ phase, done, total });
  const cancelled: RunOutcome = { kind: 'cancelled' };
  if (signal?.aborted) return cancelled;

  // S1: selection, settings, chart, sheet names.
  // The date-system probe rides on the selection probe's first sync; when that sync fails (a chart is
  // selected) its loads are lost with it, so the probe is queued again on the fallback's path.
  let readDateSystem = queueDateSystemProbe(ctx);
  const probe: SelectionProbe = await probeSelection(ctx);
  if (probe.source === 'saved') {
    readDateSystem = queueDateSystemProbe(ctx);
    await ctx.sync();
  }
  const date1904 = readDateSystem();
  const state = probe.state;
  // A protected sheet refuses every write with AccessDenied: say so before reading anything.
  if (probe.sheetProtected) throw new AdapterError('SHEET_PROTECTED', { sheet: probe.candidate.kind === 'table' ? probe.candidate.sheetName : probe.candidate.rect.sheetName });

  // The table's geometry: a plain range is known now; an Excel Table needs its header (S2).
  let g: Geometry;
  if (probe.candidate.kind === 'table') {
    const readGeo = queueTableGeometry(ctx, probe.candidate.tableName);
    await ctx.sync();
    const geo = readGeo();
    const k = ownedTrailingColumns(geo.header, state, geo.rect.sheetName);
    const userCols = geo.rect.cols - k;
    g = {
      sheetName: geo.rect.sheetName,
      rect: { ...geo.rect, cols: userCols },
      tableName: probe.candidate.tableName,
      owned: k ? { kind: 'table', col: geo.rect.col + userCols, headers: state?.output?.headers ?? [], dataRows: geo.rect.rows - 1 } : null,
      hasHiddenRows: geo.hasHiddenRows,
    };
  } else {
    const r = probe.candidate.rect;
    // Predicted from the settings; verified against the header texts with the first block.
    const saved = savedOutputRect(state, r.sheetName);
    const k = saved && state?.output && state.output.headers.length < r.cols && saved.col === r.col + r.cols - state.output.headers.length
      ? state.output.headers.length
      : 0;
    g = {
      sheetName: r.sheetName,
      rect: { ...r, cols: r.cols - k },
      tableName: null,
      owned: k && state?.output ? { kind: 'range', col: r.col + r.cols - k, headers: state.output.headers, dataRows: (saved?.rows ?? 1) - 1 } : null,
      hasHiddenRows: false,
    };
  }
  const regionCols = g.rect.cols + (g.owned?.headers.length ?? 0);

  // Output placed away from the table by an earlier 'afterUsed' run: verified by its header cells.
  const savedRect = savedOutputRect(state, g.sheetName);
  const detached =
    !g.owned && savedRect && state?.output && savedRect.col >= g.rect.col + regionCols && savedRect.col + savedRect.cols <= MAX_COLS
      ? savedRect
      : null;

  // Summary sheet: the saved one (renamed to this locale's name if free), else a new one whose name
  // is not taken by a sheet of the user's. Sheet names are compared as Excel does, ignoring case: a
  // user's "portfolio matrix summary" takes the name "Portfolio Matrix Summary".
  const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const sheetNamed = (name: string) => probe.sheetNames.find((n) => sameName(n, name)) ?? null;
  const wanted = SUMMARY_SHEET_NAME[locale];
  const savedSummary = state?.summarySheetName ? sheetNamed(state.summarySheetName) : null;
  let summaryName = savedSummary ?? wanted;
  const nameFree = (name: string) => sheetNamed(name) === null || (savedSummary !== null && sameName(name, savedSummary));
  // A protected workbook structure refuses adding or renaming a sheet: keep the saved one's name, or stop.
  if (probe.workbookProtected && !savedSummary) throw new AdapterError('WORKBOOK_PROTECTED');
  if (savedSummary && savedSummary !== wanted && nameFree(wanted) && !probe.workbookProtected) summaryName = wanted;
  if (!savedSummary) for (let i = 2; !nameFree(summaryName); i++) summaryName = `${wanted} (${i})`;

  // Extras riding on the first read block.
  const sheet = ctx.workbook.worksheets.getItem(g.sheetName);
  let headerRow: Excel.Range | null = null;
  let hidden: Excel.Range | null = null;
  let detachedHeader: Excel.Range | null = null;
  let chartSeries: Excel.ChartSeriesCollection | null = null;
  let oldChart: Excel.Chart | null = null;
  let summaryProtection: Excel.WorksheetProtection | null = null;
  let beyondTable: Excel.Range | null = null;
  let readMergedHeader: () => string[] | null = () => null;
  const starts = (geo: Geometry) => {
    const list = [{ col: geo.owned ? geo.owned.col : geo.rect.col + geo.rect.cols, owned: geo.owned }];
    if (detached && state?.output) {
      list.push({ col: detached.col, owned: { kind: 'range', col: detached.col, headers: state.output.headers, dataRows: detached.rows - 1 } });
    }
    return list;
  };
  let probes = new TargetProbe(g, starts(g));
  const oldSheet = state?.output?.sheetName;
  const queueExtras = () => {
    // Output columns added to an Excel Table are inserted: every cell right of the Table in its rows
    // shifts right. The target probe covers the first MAX_OUTPUT_COLS columns; anything further right
    // would be moved, so it is looked for too (the used cells of that area, sheet's end included).
    const beyond = (g.owned ? g.owned.col : g.rect.col + g.rect.cols) + MAX_OUTPUT_COLS;
    if (probe.candidate.kind === 'table' && beyond < MAX_COLS) {
      beyondTable = sheet.getRangeByIndexes(g.rect.row, beyond, g.rect.rows, MAX_COLS - beyond).getUsedRangeOrNullObject(true);
      beyondTable.load('address');
    }
    // Merged header cells (ExcelApi 1.13, where supported): the summary says so.
    readMergedHeader = queueMergedHeaderProbe(sheet, { ...g.rect, rows: 1 }, host);
    if (probe.candidate.kind === 'range') {
      headerRow = sheet.getRangeByIndexes(g.rect.row, g.rect.col, 1, regionCols);
      headerRow.load('values');
      if (g.rect.rows > 1) {
        hidden = sheet.getRangeByIndexes(g.rect.row + 1, g.rect.col, g.rect.rows - 1, regionCols);
        hidden.load('rowHidden');
      }
    }
    if (detached && state?.output) {
      detachedHeader = sheet.getRangeByIndexes(g.rect.row, detached.col, 1, state.output.headers.length);
      detachedHeader.load('values');
    }
    if (savedSummary) {
      summaryProtection = ctx.workbook.worksheets.getItem(savedSummary).protection;
      summaryProtection.load('protected');
    }
    if (probe.chartExists) {
      chartSeries = sheet.charts.getItem(CHART_NAME).series;
      chartSeries.load('items/name');
    }
    if (oldSheet && oldSheet !== g.sheetName && probe.sheetNames.includes(oldSheet)) {
      oldChart = ctx.workbook.worksheets.getItem(oldSheet).charts.getItemOrNullObject(CHART_NAME);
      oldChart.load('name');
    }
    return () => {
      if (savedSummary && (summaryProtection as Excel.WorksheetProtection | null)?.protected) {
        throw new AdapterError('SHEET_PROTECTED', { sheet: savedSummary });
      }
    };
  };

  if (g.rect.rows <= 1) throw new AdapterError('NO_DATA_ROWS', { address: displayAddress(g.rect) });
  let table = await readRows(ctx, g.rect, {
    blockRows,
    signal,
    withFirstBlock: queueExtras,
    withEachBlock: (r0, r1) => probes.queue(sheet, r0, r1),
    onBlock: (done, total) => report('read', done, total),
  });
  if (!table) return cancelled;

  // Verify the predicted ownership of a plain range; on a mismatch read again with the right columns.
  if (probe.candidate.kind === 'range' && headerRow) {
    const full = (headerRow as Excel.Range).values[0] as Cell[];
    const k = ownedTrailingColumns(full, state, g.sheetName);
    if (k !== (g.owned?.headers.length ?? 0)) {
      const r = probe.candidate.rect;
      g = {
        ...g,
        rect: { ...r, cols: r.cols - k },
        owned:
          k && state?.output
            ? { kind: 'range', col: r.col + r.cols - k, headers: state.output.headers, dataRows: (savedOutputRect(state, r.sheetName)?.rows ?? r.rows) - 1 }
            : null,
      };
      probes = new TargetProbe(g, starts(g));
      table = await readRows(ctx, g.rect, {
        blockRows,
        signal,
        withEachBlock: (r0, r1) => probes.queue(sheet, r0, r1),
        onBlock: (done, total) => report('read', done, total),
      });
      if (!table) return cancelled;
    }
    if (hidden) g.hasHiddenRows = (hidden as Excel.Range).rowHidden !== false;
  }
  let detachedOwned: Owned | null = null;
  if (detached && detachedHeader && state?.output) {
    const texts = ((detachedHeader as Excel.Range).values[0] as Cell[]).map(headerText);
    if (equalLists(texts, state.output.headers)) {
      detachedOwned = { kind: 'range', col: detached.col, headers: state.output.headers, dataRows: detached.rows - 1 };
    }
  }
  if (table.every((row) => row.every((c) => c === '' || c === null || c === undefined))) {
    throw new AdapterError('EMPTY_REGION', { address: displayAddress(g.rect) });
  }

  // Last period's sheet.
  let previous: PreviousPeriod | undefined;
  if (options.previous?.kind === 'sheet') {
    const p = await readPreviousSheet(ctx, options.previous.sheetName, blockRows, signal);
    if (!p) return cancelled;
    previous = p;
  }
  if (signal?.aborted) return cancelled;

  // Analyse (the domain decides everything; table-level problems stop here, nothing written).
  report('analyze', 0, 1);
  let config: AnalysisConfig = options.config;
  const reused = Boolean(options.reuseLastCuts && state?.lastCuts);
  if (reused && state?.lastCuts) {
    config = { ...config, ...frozenCutModes(state.lastCuts) };
  }
  let result: AnalysisResult;
  try {
    result = analyze(table, config, { today: options.today, date1904, ...(previous ? { previous } : {}) });
  } catch (e) {
    if (isAnalysisError(e)) throw fromAnalysisError(e);
    throw e;
  }
  // A mapped header that occurs twice is ambiguous even when the auto-mapping picked one of them.
  const headerTexts = (table[0] ?? []).map(headerText);
  for (const names of Object.values(result.mapping)) {
    for (const name of names ?? []) {
      const count = headerTexts.filter((h) => h === name).length;
      if (count > 1) throw new AdapterError('DUPLICATE_MAPPED_HEADER', { header: name, count, address: displayAddress(g.rect) });
    }
  }
  report('analyze', 1, 1);
  if (signal?.aborted) return cancelled;

  // Where the output goes.
  const dataRows = g.rect.rows - 1;
  const plan: OutputPlan = planOutput(result, locale, dataRows);
  const n = plan.columns.length;
  const owned = g.owned ?? detachedOwned;
  let start = owned ? owned.col : g.rect.col + g.rect.cols;
  // Columns inserted into the Table (not its own output columns rewritten in place) shift what is far right.
  const inserting = g.tableName !== null && start === g.rect.col + g.rect.cols && !(owned?.kind === 'table' && equalLists(owned.headers, plan.headers));
  const taken = probes.occupied(g.sheetName, start, n) ?? (inserting ? await firstFilled(ctx, sheet, beyondTable as Excel.Range | null) : null);
  if (taken) {
    if ((options.placement ?? 'ask') === 'ask') {
      return { kind: 'occupied', address: taken };
    }
    const used = probe.used;
    start = used ? used.col + used.cols : g.rect.col + regionCols;
  }
  if (start + n > MAX_COLS) {
    throw new AdapterError('TOO_LARGE', { whatZh: '结果列的位置', whatEn: 'The output columns', limit: 'XFD' });
  }
  const target: Rect = { sheetName: g.sheetName, row: g.rect.row, col: start, rows: g.rect.rows, cols: n };
  const asTable = g.tableName !== null && start === g.rect.col + g.rect.cols;
  const reuseTableColumns = asTable && owned?.kind === 'table' && equalLists(owned.headers, plan.headers);

  const chartPlan: ChartPlan = planChart(result, locale);
  const points = chartPlan.points;

  // Write phase. From here a cancellation rolls back to "no output" (see rollback below).
  const blocks: [number, number][] = [];
  for (let a = 0; a < dataRows; a += blockRows) blocks.push([a, Math.min(dataRows, a + blockRows)]);
  if (blocks.length === 0) blocks.push([0, 0]);
  const perChart = Math.ceil(points.length / blocks.length);
  let addedColumns: Excel.TableColumn[] = [];
  let written = false;

  /**
   * Takes back what the write phase wrote: the output columns, the summary sheet and the chart,
   * and the settings' record of them — "no output", the workbook as the user left it (a re-run's
   * earlier output was replaced in place, so it goes too; the user's table stays).
   */
  const rollback = async (): Promise<RunOutcome> => {
    // What exists now: a failed request may have stopped before creating them.
    const summarySheet = ctx.workbook.worksheets.getItemOrNullObject(summaryName);
    summarySheet.load('name');
    const chart = sheet.charts.getItemOrNullObject(CHART_NAME);
    chart.load('name');
    // The Table is found by the output's header cells, not by name: the user may have renamed it meanwhile.
    const headerCells = asTable ? sheet.getRangeByIndexes(target.row, target.col, 1, n) : null;
    headerCells?.load('values');
    const tables = headerCells ? headerCells.getTables(false) : null;
    tables?.load('items/name');
    await ctx.sync();
    const excelTable = tables?.items[0];
    if (headerCells && excelTable) {
      const ours = new Set(plan.headers);
      const userColumns = new Set(headerTexts);
      for (const v of (headerCells.values[0] as Cell[]).map(headerText)) {
        if (ours.has(v) && !userColumns.has(v)) excelTable.columns.getItem(v).delete();
      }
    } else if (!asTable) queueClearPlain(sheet, target);
    if (!summarySheet.isNullObject) summarySheet.delete();
    if (!chart.isNullObject) chart.delete();
    if (state) queueSaveState(ctx, { ...state, output: null, chartName: null, summarySheetName: null });
    await ctx.sync();
    return cancelled;
  };

  try {
    return await writeAll();
  } catch (e) {
    // Excel failed half-way (a request refused, the connection lost): take back what was written,
    // then report the failure. If taking back fails too, the first failure is the one to report.
    await rollbackOnce();
    // Excel's refusals to insert table columns [doc: application-specific-api-error-handling.md].
    const code = (e as { code?: unknown } | null)?.code;
    if (asTable && (code === 'OperationCellsExceedLimit' || code === 'NonBlankCellOffSheet')) {
      throw new AdapterError('TABLE_COLUMNS_REFUSED', { table: g.tableName ?? '', detail: code });
    }
    throw e;
  }

  /**
   * Each write sync starts by suspending Excel's recalculation until that sync ends
   * (Application.suspendApiCalculationUntilNextSync, ExcelApi 1.6 — inside the manifest's 1.9): formulas of
   * the user's that read the table are recalculated once per block, not once per written cell
   * [doc: performance.md].
   */
  function suspendCalculation(): void {
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
  }

  /**
   * The roll-back after a failure. The user may have started typing in a cell during the run (an Excel
   * without delayForCellEdit then refuses every request with InvalidOperationInCellEditMode): it is tried
   * again until they leave the cell, for up to CELL_EDIT_WAIT_MS, so nothing stays half-written.
   */
  async function rollbackOnce(): Promise<void> {
    const until = Date.now() + CELL_EDIT_WAIT_MS;
    for (;;) {
      try {
        await rollback();
        return;
      } catch (e) {
        if ((e as { code?: unknown } | null)?.code !== 'InvalidOperationInCellEditMode' || Date.now() > until) return;
        await new Promise((resolve) => setTimeout(resolve, CELL_EDIT_RETRY_MS));
      }
    }
  }

  async function writeAll(): Promise<RunOutcome> {
    for (let b = 0; b < blocks.length; b++) {
      if (signal?.aborted) return written ? rollback() : cancelled;
      const [from, to] = blocks[b];
      suspendCalculation();
      if (b === 0) queueFirstWrite();
      // One sync per block; a block heavier than the request target is split (long texts, many issues).
      const parts = splitByBytes(outputRows(plan, result, locale, from, to));
      for (let i = 0; i < parts.length; i++) {
        if (i > 0) {
          await ctx.sync();
          written = true;
          suspendCalculation();
        }
        queueOutputBlock(sheet, target, plan, parts[i].rows, from + parts[i].offset, b === 0 && i === 0 && !asTable);
      }
      const chartRows = points.slice(b * perChart, Math.min(points.length, (b + 1) * perChart));
      if (chartRows.length) {
        if (parts[parts.length - 1].bytes + cellsBytes(chartRows) > WRITE_TARGET_BYTES) {
          await ctx.sync();
          written = true;
          suspendCalculation();
        }
        const summary = ctx.workbook.worksheets.getItem(summaryName);
        summary.getRangeByIndexes(CHART_DATA.firstPointRow + b * perChart, CHART_DATA.col, chartRows.length, CHART_DATA.cols).values =
          chartRows;
      }
      await ctx.sync();
      written = true;
      report('write', to, dataRows);
    }

    function queueFirstWrite(): void {
      // Old output that this run does not reuse in place goes first (never a second set).
      if (owned && !reuseTableColumns) {
        if (owned.kind === 'table' && g.tableName) {
          const t = ctx.workbook.tables.getItem(g.tableName);
          for (const h of owned.headers) t.columns.getItem(h).delete();
        } else {
          queueClearPlain(sheet, { sheetName: g.sheetName, row: g.rect.row, col: owned.col, rows: 1 + owned.dataRows, cols: owned.headers.length });
        }
      }
      if (reuseTableColumns) {
        sheet.getRangeByIndexes(target.row + 1, target.col, dataRows, n).conditionalFormats.clearAll();
      } else if (asTable) {
        const t = ctx.workbook.tables.getItem(g.tableName as string);
        // index null appends (ExcelApi 1.4); the values follow in row blocks.
        addedColumns = plan.headers.map((h) => {
          const c = t.columns.add(null as unknown as number, undefined, h);
          c.load('name');
          return c;
        });
      }
      const ws = ctx.workbook.worksheets;
      let summary: Excel.Worksheet;
      if (savedSummary) {
        summary = ws.getItem(savedSummary);
        summary.getRange().clear('All');
        if (summaryName !== savedSummary) summary.name = summaryName;
      } else summary = ws.add(summaryName);
      summary.getRangeByIndexes(0, CHART_DATA.col, chartPlan.fixedRows.length, CHART_DATA.cols).values = chartPlan.fixedRows;
    }

    // Final sync: formats, summary, chart, settings.
    report('chart', 0, 1);
    suspendCalculation();
    const headers = asTable && addedColumns.length ? addedColumns.map((c) => c.name) : plan.headers;
    queueOutputFormats(sheet, target, plan, locale);
    const summary = ctx.workbook.worksheets.getItem(summaryName);
    const grid = summaryGrid(result, locale, {
      tableAddress: displayAddress(g.rect),
      outputAddress: displayAddress(target),
      runAt: new Date(),
      reusedCuts: reused,
      hasHiddenRows: g.hasHiddenRows,
      mergedHeader: readMergedHeader() ?? [],
      date1904,
    }, chartPlan);
    queueSummaryGrid(summary, grid);
    const existing = chartSeries ? (chartSeries as Excel.ChartSeriesCollection).items.length : null;
    queueChart(ctx, chartPlan, summaryName, { sheet, topLeft: { row: target.row, col: target.col + n + 1 }, existingSeries: existing }, locale);
    if (oldChart && !(oldChart as Excel.Chart).isNullObject) (oldChart as Excel.Chart).delete();
    const savedConfig: AnalysisConfig = options.config.map
      ? options.config
      : { ...options.config, map: mappingToConfig({ columns: {}, headers: result.mapping }) };
    const newState: SavedState = {
      schemaVersion: 1,
      config: savedConfig,
      table: { sheetName: g.sheetName, address: displayAddress(g.rect), tableName: g.tableName },
      output: { sheetName: g.sheetName, address: displayAddress(target), headers },
      chartName: CHART_NAME,
      summarySheetName: summaryName,
      lastCuts: { share: result.cuts.share.value, loyalty: result.cuts.loyalty.value, asOf: result.asOf },
    };
    queueSaveState(ctx, newState);
    await ctx.sync();
    report('chart', 1, 1);
    report('summary', 1, 1);

    return {
      kind: 'done',
      result,
      outputAddress: displayAddress(target),
      chartName: CHART_NAME,
      summarySheetName: summaryName,
      config,
      cutsReused: reused,
    };
  }
}

/** Cells read at most to tell whether a used area far right of a Table really holds something. */
const FAR_READ_CELLS = 200_000;

/**
 * The first cell holding something in `used` (a used-range probe loaded with the first read block), or
 * null. Excel's used range of a range may be the sheet's used range cut to it, so its cells are read
 * when that is cheap (one more sync, only in this case); a larger area is taken as occupied.
 */
async function firstFilled(ctx: Excel.RequestContext, sheet: Excel.Worksheet, used: Excel.Range | null): Promise<string | null> {
  if (!used || used.isNullObject) return null;
  const r = parseAddress(used.address);
  if (!r) return used.address;
  if (r.rows * r.cols > FAR_READ_CELLS) return used.address;
  const cells = sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
  cells.load('formulas');
  await ctx.sync();
  for (let i = 0; i < r.rows; i++) {
    const line = (cells.formulas as unknown[][])[i];
    for (let j = 0; j < r.cols; j++) {
      const v = line[j];
      if (v !== '' && v !== null && v !== undefined) return displayAddress({ sheetName: r.sheetName, row: r.row + i, col: r.col + j, rows: 1, cols: 1 });
    }
  }
  return null;
}

/** Bytes of a block of output rows as a request: values plus the two number-format columns. */
function outputBytes(rows: readonly (readonly (string | number)[])[]): number {
  return cellsBytes(rows) + rows.length * 24;
}

/** Rows cut into parts that each fit the request target. */
function splitByBytes(rows: (string | number)[][]): { offset: number; rows: (string | number)[][]; bytes: number }[] {
  const bytes = outputBytes(rows);
  if (bytes <= WRITE_TARGET_BYTES || rows.length <= 1) return [{ offset: 0, rows, bytes }];
  const per = Math.max(1, Math.floor((rows.length * WRITE_TARGET_BYTES) / bytes));
  const parts: { offset: number; rows: (string | number)[][]; bytes: number }[] = [];
  for (let o = 0; o < rows.length; o += per) {
    const slice = rows.slice(o, o + per);
    parts.push({ offset: o, rows: slice, bytes: outputBytes(slice) });
  }
  return parts;
}
