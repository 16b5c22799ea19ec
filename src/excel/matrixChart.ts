/**
 * The matrix chart (workbook.md "The matrix chart"): a native XY scatter, X = loyalty (the
 * category axis of a scatter chart), Y = share (the value axis) [doc: excel-add-ins-charts.md:
 * "Column, bar, and scatter charts use a category axis and a value axis"].
 *
 * Its source data lives on the summary sheet (so the chart reads the same without the add-in):
 * one block of rows per quadrant, the divider points, the corner labels. Series are fed from those
 * ranges with setXAxisValues/setValues (ExcelApi 1.7); divider lines are two-point series drawn as
 * XYScatterLinesNoMarkers (per-series chartType, 1.7) against fixed axis bounds; quadrant names and
 * client names are per-point data labels whose formula links to a cell (ChartDataLabel.formula,
 * ExcelApi 1.8) — ChartDataLabels has no "value from cells" option [excel-notes §4.5].
 */
import { chartLabelPriority, labels, placeMatrixLabels, shareAxisFormat, type AnalysisResult, type LabelPosition, type Locale, type PlotFrame, type Quadrant } from '../domain';
import { fullAddress } from './address';
import { asText } from './cellValues';
import { CHART_NAME, fill, TEXT } from './texts';

/** Where the chart data sits on the summary sheet (columns I:L). */
export const CHART_DATA = { col: 8, cols: 4, headerRow: 1, dividerRow: 2, cornerRow: 6, firstPointRow: 10 } as const;

/** The quadrants drawn, in legend order (INSUFFICIENT_DATA has no point by definition). */
const PLOTTED: readonly Quadrant[] = ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'];
/** Per-point labels are one proxy each; beyond this many the chart is unreadable anyway. */
export const MAX_LABELS = 250;

/**
 * The chart's size and where its plot area's inside is expected to be, in points. Excel lays the
 * plot area out itself (title, axis titles and tick labels, the legend on the right); these are
 * estimates on the small side, so labels kept apart for this plot are apart in Excel's (where the
 * points lie further apart). The sandbox draws the chart with exactly this layout. Labels use
 * Excel's default data-label font size.
 */
export const CHART_LAYOUT = {
  width: 640,
  height: 420,
  plot: { left: 66, top: 48, width: 430, height: 310 },
  labelFontSize: 9,
  cornerFontSize: 9,
  markerSize: 5,
} as const;

export interface ChartSeriesPlan {
  quadrant: Quadrant;
  name: string;
  /** Index of its first row in `points`, and how many. */
  first: number;
  count: number;
}

export interface ChartPlan {
  log: boolean;
  x: { min: number; max: number };
  y: { min: number; max: number };
  /** The share axis' number format (shareAxisFormat). */
  yFormat: string;
  /** Rows 0..9 of the chart-data block: title, header, dividers, corners (4 columns). */
  fixedRows: (string | number)[][];
  /** [series label, x, y, data label] per plotted client, grouped by quadrant. */
  points: (string | number)[][];
  series: ChartSeriesPlan[];
  /** Labelled points: series index, point index within it, and where the label sits. */
  labels: { series: number; point: number; position: LabelPosition }[];
  loyaltyCutName: string;
  shareCutName: string;
  cornerName: string;
  title: string;
  /** unlabelled: clients due a label (top 10, HIGH risk) left without one for want of room. */
  counts: { exited: number; notPlotted: number; zeroOnLog: number; labelled: number; unlabelled: number };
}

function niceStep(span: number): number {
  return Math.pow(10, Math.floor(Math.log10(span)) - 1);
}

/**
 * The quadrant names in the corners, in the order of the corner rows: high share is up, high
 * loyalty is right (analysis.md §7); a right-hand corner's name sits to the left of its point.
 */
const CORNERS: readonly { quadrant: Quadrant; right: boolean; top: boolean; position: LabelPosition }[] = [
  { quadrant: 'LOYAL', right: true, top: true, position: 'Left' },
  { quadrant: 'PROBLEM_2', right: false, top: true, position: 'Right' },
  { quadrant: 'PROBLEM_1', right: true, top: false, position: 'Left' },
  { quadrant: 'GENERAL', right: false, top: false, position: 'Right' },
];

/**
 * What the legend's counts leave out that the task pane's quadrant counts include (exited
 * clients; zero shares on a logarithmic axis), said in the chart title so the two agree for a
 * reader; null when nothing is left out.
 */
export function chartNotShown(exited: number, zeroOnLog: number, locale: Locale): string | null {
  if (exited && zeroOnLog) return fill(TEXT.notShownBoth[locale], { n: exited, z: zeroOnLog });
  if (exited) return fill(TEXT.notShownExited[locale], { n: exited });
  if (zeroOnLog) return fill(TEXT.notShownZero[locale], { z: zeroOnLog });
  return null;
}

const fmtPct = (v: number) => `${(v * 100).toFixed(2)}%`;
const fmtNum = (v: number) => (Math.round(v * 10) / 10).toString();

/** Lays out the chart's data and bounds from a result (pure). */
export function planChart(result: AnalysisResult, locale: Locale): ChartPlan {
  const shareCut = result.cuts.share.value;
  const loyaltyCut = result.cuts.loyalty.value;
  let exited = 0;
  let notPlotted = 0;
  let maxShare = 0;
  let minPos = Infinity;
  for (const r of result.rows) {
    if (r.risk === 'EXITED') {
      exited++;
      continue;
    }
    if (r.share === null || r.loyalty === null) {
      notPlotted++;
      continue;
    }
    if (r.share > maxShare) maxShare = r.share;
    if (r.share > 0 && r.share < minPos) minPos = r.share;
  }
  const log = minPos < Infinity && maxShare > 100 * minPos;
  const onChart = (i: number) => {
    const r = result.rows[i];
    return r.risk !== 'EXITED' && r.share !== null && r.loyalty !== null && (!log || r.share > 0);
  };

  // Points grouped by quadrant; remember where each result row went for its label.
  const where = new Map<number, { series: number; point: number; row: number }>();
  const points: (string | number)[][] = [];
  const series: ChartSeriesPlan[] = [];
  let zeroOnLog = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const q of PLOTTED) {
    const first = points.length;
    const label = labels.QUADRANT_LABELS[q][locale];
    result.rows.forEach((r, i) => {
      if (r.quadrant !== q) return;
      if (!onChart(i)) {
        if (log && r.risk !== 'EXITED' && r.share === 0 && r.loyalty !== null) zeroOnLog++;
        return;
      }
      const loyalty = r.loyalty as number;
      if (loyalty < lo) lo = loyalty;
      if (loyalty > hi) hi = loyalty;
      where.set(i, { series: series.length, point: points.length - first, row: points.length });
      points.push([label, loyalty, r.share as number, '']);
    });
    const count = points.length - first;
    if (count > 0) series.push({ quadrant: q, name: `${label} (${count})`, first, count });
  }

  // Bounds: fixed, so the divider lines span the plot area.
  if (loyaltyCut !== null) {
    lo = Math.min(lo, loyaltyCut);
    hi = Math.max(hi, loyaltyCut);
  }
  let x: { min: number; max: number };
  if (lo === Infinity) x = { min: 0, max: 100 };
  else {
    const span = hi - lo || Math.max(Math.abs(hi), 1);
    const step = niceStep(span);
    const pad = span * 0.05;
    x = { min: Math.floor((lo - pad) / step) * step, max: Math.ceil((hi + pad) / step) * step };
    if (lo >= 0) x.min = Math.max(0, x.min);
  }
  const top = Math.max(maxShare, shareCut ?? 0);
  let y: { min: number; max: number };
  let yFormat: string;
  if (log) {
    const min = Math.pow(10, Math.floor(Math.log10(minPos)));
    let max = Math.pow(10, Math.ceil(Math.log10(top)));
    if (max <= min) max = min * 10;
    y = { min, max };
    yFormat = shareAxisFormat(true, min, min);
  } else if (top <= 0) {
    y = { min: 0, max: 1 };
    yFormat = shareAxisFormat(false, 0, 0.1);
  } else {
    const step = niceStep(top);
    y = { min: 0, max: Math.ceil((top * 1.05) / step) * step };
    yFormat = shareAxisFormat(false, 0, step);
  }

  // Labels: the domain picks the rows (top 10 by share + HIGH risk), in order of importance, and
  // where each label goes so none overlaps another or a corner name; the rest stay unlabelled.
  const frame: PlotFrame = { width: CHART_LAYOUT.plot.width, height: CHART_LAYOUT.plot.height, x, y: { ...y, log } };
  const wanted = chartLabelPriority(result).filter((i) => where.has(i));
  const nameOf = (i: number) => {
    const r = result.rows[i];
    return r.clientName ?? r.clientId ?? `#${r.row}`;
  };
  const Q = (q: Quadrant) => labels.QUADRANT_LABELS[q][locale];
  const corners = CORNERS.map((c) => ({ x: c.right ? x.max : x.min, y: c.top ? y.max : y.min, text: Q(c.quadrant), position: c.position }));
  const placement = placeMatrixLabels({
    frame,
    layout: CHART_LAYOUT,
    labels: wanted.map((i) => ({ x: result.rows[i].loyalty as number, y: result.rows[i].share as number, text: nameOf(i) })),
    markers: (function* () {
      for (const p of points) yield { x: p[1] as number, y: p[2] as number };
    })(),
    corners,
    cuts: { loyalty: loyaltyCut, share: shareCut },
  });
  const pointLabels: ChartPlan['labels'] = [];
  wanted.forEach((i, k) => {
    const p = placement.placed[k];
    if (!p || pointLabels.length >= MAX_LABELS) return;
    const w = where.get(i) as { series: number; point: number; row: number };
    // The client's own name or id: written so Excel keeps it as typed (cellValues.ts).
    points[w.row][3] = asText(nameOf(i));
    pointLabels.push({ series: w.series, point: w.point, position: p.position });
  });

  const L = (k: keyof typeof TEXT) => (TEXT[k] as Record<Locale, string>)[locale];
  const loyaltyCutName = fill(L('loyaltyCutSeries'), { v: loyaltyCut === null ? '—' : fmtNum(loyaltyCut) });
  const shareCutName = fill(L('shareCutSeries'), { v: shareCut === null ? '—' : fmtPct(shareCut) });
  const showShareCut = shareCut !== null && (!log || shareCut > 0);
  const fixedRows: (string | number)[][] = [
    [L('chartData'), '', '', ''],
    [L('series'), L('x'), L('y'), L('label')],
    [loyaltyCutName, loyaltyCut ?? '', loyaltyCut === null ? '' : y.min, ''],
    [loyaltyCutName, loyaltyCut ?? '', loyaltyCut === null ? '' : y.max, ''],
    [shareCutName, showShareCut ? x.min : '', showShareCut ? (shareCut as number) : '', ''],
    [shareCutName, showShareCut ? x.max : '', showShareCut ? (shareCut as number) : '', ''],
    ...corners.map((c) => [L('cornerSeries'), c.x, c.y, c.text]),
  ];
  const title = fill(L('chartTitle'), { d: result.asOf });
  const notShown = chartNotShown(exited, zeroOnLog, locale);
  return {
    log,
    x,
    y,
    yFormat,
    fixedRows,
    points,
    series,
    labels: pointLabels,
    loyaltyCutName,
    shareCutName,
    cornerName: L('cornerSeries'),
    title: notShown ? `${title} · ${notShown}` : title,
    counts: { exited, notPlotted, zeroOnLog, labelled: pointLabels.length, unlabelled: wanted.length - pointLabels.length },
  };
}


export interface ChartPlacement {
  /** Sheet the chart sits on (the table's) and its top-left cell. */
  sheet: Excel.Worksheet;
  topLeft: { row: number; col: number };
  /** Existing chart of that name on the sheet, with its series count (all replaced); null to create one. */
  existingSeries: number | null;
}

/**
 * Queues creating or updating the chart. An existing chart keeps its object (and the user's size
 * and style); its series are all replaced, since the quadrants present can change from run to run.
 */
export function queueChart(
  ctx: Excel.RequestContext,
  plan: ChartPlan,
  dataSheetName: string,
  place: ChartPlacement,
  locale: Locale,
): void {
  const data = ctx.workbook.worksheets.getItem(dataSheetName);
  const col = (j: number, row: number, n: number) => data.getRangeByIndexes(row, CHART_DATA.col + j, n, 1);
  const cell = (j: number, row: number): string =>
    '=' + fullAddress({ sheetName: dataSheetName, row, col: CHART_DATA.col + j, rows: 1, cols: 1 }, true);

  let chart: Excel.Chart;
  let first: Excel.ChartSeries;
  if (place.existingSeries === null) {
    // Made from the corner cells, which always hold numbers: a chart made from blank cells (the divider
    // when there is no loyalty cut) would have no series to take as the first (in-memory Excel, chart.ts).
    chart = place.sheet.charts.add('XYScatter', data.getRangeByIndexes(CHART_DATA.cornerRow, CHART_DATA.col + 1, 2, 2), 'Columns');
    chart.name = CHART_NAME;
    first = chart.series.getItemAt(0);
  } else {
    // Every series is new: the old ones go once these are added (below), so no entry the last run hid is left.
    chart = place.sheet.charts.getItem(CHART_NAME);
    first = chart.series.add(plan.loyaltyCutName);
  }

  const divider = (s: Excel.ChartSeries, name: string, row: number) => {
    s.name = name;
    s.chartType = 'XYScatterLinesNoMarkers';
    s.setXAxisValues(col(1, row, 2));
    s.setValues(col(2, row, 2));
    s.format.line.color = '#616161';
    s.format.line.lineStyle = 'Dash';
  };
  divider(first, plan.loyaltyCutName, CHART_DATA.dividerRow);
  const shareDivider = chart.series.add(plan.shareCutName);
  divider(shareDivider, plan.shareCutName, CHART_DATA.dividerRow + 2);

  const corners = chart.series.add(plan.cornerName);
  corners.chartType = 'XYScatter';
  corners.setXAxisValues(col(1, CHART_DATA.cornerRow, 4));
  corners.setValues(col(2, CHART_DATA.cornerRow, 4));
  corners.markerStyle = 'None';
  for (let i = 0; i < 4; i++) {
    const p = corners.points.getItemAt(i);
    p.hasDataLabel = true;
    p.dataLabel.formula = cell(3, CHART_DATA.cornerRow + i);
    p.dataLabel.position = CORNERS[i].position;
  }

  const quadrantSeries = plan.series.map((sp) => {
    const s = chart.series.add(sp.name);
    const row = CHART_DATA.firstPointRow + sp.first;
    s.chartType = 'XYScatter';
    s.setXAxisValues(col(1, row, sp.count));
    s.setValues(col(2, row, sp.count));
    s.markerStyle = 'Circle';
    s.markerSize = 5;
    s.markerBackgroundColor = labels.QUADRANT_COLORS[sp.quadrant];
    s.markerForegroundColor = labels.QUADRANT_COLORS[sp.quadrant];
    return s;
  });
  for (const l of plan.labels) {
    const sp = plan.series[l.series];
    const p = quadrantSeries[l.series].points.getItemAt(l.point);
    p.hasDataLabel = true;
    p.dataLabel.formula = cell(3, CHART_DATA.firstPointRow + sp.first + l.point);
    p.dataLabel.position = l.position;
  }

  chart.title.text = plan.title;
  const xAxis = chart.axes.categoryAxis;
  xAxis.minimum = plan.x.min;
  xAxis.maximum = plan.x.max;
  xAxis.title.text = TEXT.x[locale];
  const yAxis = chart.axes.valueAxis;
  yAxis.scaleType = plan.log ? 'Logarithmic' : 'Linear';
  yAxis.minimum = plan.y.min;
  yAxis.maximum = plan.y.max;
  yAxis.numberFormat = plan.yFormat;
  yAxis.title.text = TEXT.y[locale];
  chart.legend.position = 'Right';
  // An updated chart's old series go now, from the highest index down (the new ones follow them), so the
  // chart is never empty and its legend holds only the new series' entries, all shown.
  for (let i = (place.existingSeries ?? 0) - 1; i >= 0; i--) chart.series.getItemAt(i).delete();
  // The legend names the quadrants and their counts; the dividers and the corner names are drawing aids
  // (ChartLegendEntry.visible, ExcelApi 1.7: one entry per series, in series order). Whether a hidden entry
  // keeps its index or leaves ChartLegendEntryCollection is not documented (the model does both,
  // src/inMemoryExcel/chart.ts). Both give the same legend here: every entry is shown when this starts (a
  // new chart, or only new series), the helpers are the first entries, and the entries are set from the
  // highest index down, so a hidden entry leaving could only renumber entries already set.
  const helpers = [first, shareDivider, corners].length;
  for (let i = helpers + plan.series.length - 1; i >= 0; i--) chart.legend.legendEntries.getItemAt(i).visible = i >= helpers;
  chart.setPosition(place.sheet.getRangeByIndexes(place.topLeft.row, place.topLeft.col, 1, 1));
  chart.width = CHART_LAYOUT.width;
  chart.height = CHART_LAYOUT.height;
}

/** Queues deleting the chart of that name on a sheet (the caller knows it exists). */
export function queueDeleteChart(sheet: Excel.Worksheet): void {
  sheet.charts.getItem(CHART_NAME).delete();
}
