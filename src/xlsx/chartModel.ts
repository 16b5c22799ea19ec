/**
 * What the matrix chart shows (workbook.md "The matrix chart"), as plain numbers and texts:
 * one series per quadrant, the two divider lines, the quadrant names in the corners, the
 * client-name labels and the axis ranges. Kept apart from the XML so it can be tested (and
 * written to the summary sheet as the chart's source data) without unzipping anything.
 */
import {
  chartLabelPriority,
  labels,
  placeMatrixLabels,
  shareAxisFormat,
  type AnalysisResult,
  type LabelPosition,
  type Locale,
  type PlotFrame,
  type Quadrant,
  type RowResult,
} from '../domain';
import { TEXTS, cutLineName } from './summaryTexts';

/** The quadrants drawn as series, in legend order (INSUFFICIENT_DATA has no position). */
export const CHART_QUADRANTS = ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const satisfies readonly Quadrant[];
export type ChartQuadrant = (typeof CHART_QUADRANTS)[number];

export interface ChartPoint {
  /** Loyalty. */
  x: number;
  /** Business share as drawn (a zero share sits on the floor of a logarithmic axis). */
  y: number;
  /** The client (name, else id, else "#row"), for the summary's source table. */
  client: string;
  /** The data label shown on the chart, or null for an unlabelled point. */
  label: string | null;
  /** Where the label sits relative to the point (labelPlacement), null without a label. */
  labelPosition: LabelPosition | null;
}

/**
 * The chart's size on the sheet (chartXml's anchor, 7,200,000 × 4,900,000 EMU) and its plot area's
 * inside, in points. The chart part fixes the plot area there (c:manualLayout), so the labels are
 * placed for the plot a reader draws. Labels at 8 pt; the quadrant names are 10 pt bold, measured
 * as 11 pt for the bold.
 */
export const CHART_LAYOUT = {
  width: 7200000 / 12700,
  height: 4900000 / 12700,
  plot: { left: 64, top: 40, width: 466, height: 274 },
  labelFontSize: 8,
  cornerFontSize: 11,
  markerSize: 6,
} as const;

export interface QuadrantSeries {
  quadrant: ChartQuadrant;
  /** Legend text with the point count, e.g. "忠诚客户 (12)". */
  name: string;
  /** Hex RGB without '#'. */
  color: string;
  points: ChartPoint[];
}

export interface LineSeries {
  name: string;
  points: [{ x: number; y: number }, { x: number; y: number }];
}

export interface CornerLabel {
  quadrant: ChartQuadrant;
  name: string;
  color: string;
  x: number;
  y: number;
  /** Where the text sits relative to its (invisible) point: inward from the corner. */
  position: 'l' | 'r';
}

export interface Axis {
  min: number;
  max: number;
  numFmt: string;
}

export interface ChartModel {
  title: string;
  xTitle: string;
  yTitle: string;
  series: QuadrantSeries[];
  /** Loyalty cut (vertical) then share cut (horizontal); a cut without a value has no line. */
  dividers: LineSeries[];
  corners: CornerLabel[];
  x: Axis;
  y: Axis & { log: boolean };
  /** Points whose share is 0 were lifted to the floor of the logarithmic axis. */
  zeroSharesOnFloor: number;
  /** Clients due a label (top 10, HIGH risk) left without one for want of room. */
  unlabelled: number;
  /** Exited clients: in the task pane's and the summary's counts, not on the chart. */
  exited: number;
}

// Loops, not Math.max(...values): spreading a million values overflows the call stack.
function maxOf(values: readonly number[], empty: number): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return values.length ? m : empty;
}
function minOf(values: readonly number[], empty: number): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return values.length ? m : empty;
}

const hex = (color: string) => color.replace('#', '').toUpperCase();

/** The text that identifies a client in labels and the source table. */
export function clientText(row: RowResult): string {
  return row.clientName ?? row.clientId ?? `#${row.row}`;
}

/** A round step near span/5 (1, 2 or 5 × 10^n). */
function niceStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** A range with round ends covering lo..hi, and a little room so points are not on the frame. */
function niceRange(lo: number, hi: number): { min: number; max: number } {
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    return niceRange(lo - pad, hi + pad);
  }
  const step = niceStep(hi - lo);
  // Fix float noise (0.30000000000000004) so the axis bounds read as round numbers.
  const round = (v: number) => Number(v.toPrecision(12));
  return { min: round(Math.floor(lo / step) * step), max: round(Math.ceil(hi / step) * step) };
}

function isOnChart(row: RowResult): row is RowResult & { share: number; loyalty: number; quadrant: ChartQuadrant } {
  return row.risk !== 'EXITED' && row.share !== null && row.loyalty !== null && row.quadrant !== 'INSUFFICIENT_DATA';
}

/**
 * "客户矩阵 (2026-10-31)", and when the legend's counts leave exited clients out (the task pane's
 * and the summary's counts include them), how many — said on the chart, so the two agree.
 */
function chartTitle(asOf: string, exited: number, locale: Locale): string {
  const title = `${TEXTS.chartTitle[locale]} (${asOf})`;
  return exited ? `${title} · ${TEXTS.exitedNotShown[locale].replace('{n}', String(exited))}` : title;
}

export function buildChartModel(result: AnalysisResult, locale: Locale): ChartModel {
  const onChart = result.rows.filter(isOnChart);
  const shareCut = result.cuts.share.value;
  const loyaltyCut = result.cuts.loyalty.value;

  // Share axis: logarithmic when the largest share is over 100 × the smallest positive one.
  const shares = onChart.map((r) => r.share);
  const positive = shares.filter((s) => s > 0);
  const maxShare = Math.max(maxOf(shares, 0), shareCut ?? 0);
  const minPositive = minOf(positive, 0);
  const log = positive.length > 0 && maxOf(positive, 0) > 100 * minPositive;
  let y: ChartModel['y'];
  if (log) {
    const lo = Math.min(minPositive, shareCut !== null && shareCut > 0 ? shareCut : minPositive);
    // Zero shares cannot sit on a log axis: they get a decade of their own at the bottom.
    const zeros = shares.some((s) => s <= 0) ? 1 : 0;
    const min = 10 ** (Math.floor(Math.log10(lo)) - zeros);
    const max = Math.min(1, 10 ** Math.ceil(Math.log10(maxShare)));
    y = { min, max: max > min ? max : min * 10, numFmt: shareAxisFormat(true, min, min), log: true };
  } else {
    const { max } = niceRange(0, maxShare > 0 ? maxShare * 1.05 : 0.01);
    y = { min: 0, max, numFmt: shareAxisFormat(false, 0, niceStep(max)), log: false };
  }

  // Loyalty axis: 0–100 for the component score; the data's own scale for a mapped score.
  const xs = onChart.map((r) => r.loyalty);
  if (loyaltyCut !== null) xs.push(loyaltyCut);
  const x =
    result.loyaltySource === 'components' && minOf(xs, 0) >= 0 && maxOf(xs, 0) <= 100
      ? { min: 0, max: 100, numFmt: '0' }
      : { ...niceRange(Math.min(0, minOf(xs, 0)), Math.max(1, maxOf(xs, 1))), numFmt: 'General' };

  let zeroSharesOnFloor = 0;
  const pointOf = new Map<RowResult, ChartPoint>();
  const series = CHART_QUADRANTS.map((quadrant): QuadrantSeries => {
    const points = onChart
      .filter((r) => r.quadrant === quadrant)
      .map((r): ChartPoint => {
        let share = r.share;
        if (log && share <= 0) {
          // A hair above the floor: readers clip points exactly on a log axis' minimum.
          share = y.min * 1.05;
          zeroSharesOnFloor++;
        }
        const point: ChartPoint = { x: r.loyalty, y: share, client: clientText(r), label: null, labelPosition: null };
        pointOf.set(r, point);
        return point;
      });
    const name = `${labels.QUADRANT_LABELS[quadrant][locale]} (${points.length})`;
    return { quadrant, name, color: hex(labels.QUADRANT_COLORS[quadrant]), points };
  });

  const dividers: LineSeries[] = [];
  if (loyaltyCut !== null) {
    dividers.push({
      name: cutLineName('loyalty', loyaltyCut, locale),
      points: [
        { x: loyaltyCut, y: y.min },
        { x: loyaltyCut, y: y.max },
      ],
    });
  }
  if (shareCut !== null && (!log || shareCut > 0)) {
    dividers.push({
      name: cutLineName('share', shareCut, locale),
      points: [
        { x: x.min, y: shareCut },
        { x: x.max, y: shareCut },
      ],
    });
  }

  // Corner positions as fractions of the plot, in axis space (so they also work on a log axis).
  const xAt = (f: number) => x.min + f * (x.max - x.min);
  const yAt = (f: number) => (log ? y.min * (y.max / y.min) ** f : y.min + f * (y.max - y.min));
  const corner = (quadrant: ChartQuadrant, fx: number, fy: number, position: 'l' | 'r'): CornerLabel => ({
    quadrant,
    name: labels.QUADRANT_LABELS[quadrant][locale],
    color: hex(labels.QUADRANT_COLORS[quadrant]),
    x: xAt(fx),
    y: yAt(fy),
    position,
  });
  // High share is up, high loyalty is right (analysis.md §7).
  const corners = [
    corner('LOYAL', 0.99, 0.97, 'l'),
    corner('PROBLEM_1', 0.99, 0.03, 'l'),
    corner('PROBLEM_2', 0.01, 0.97, 'r'),
    corner('GENERAL', 0.01, 0.03, 'r'),
  ];

  // Client-name labels (top 10 by share, HIGH risk) by importance, each where it overlaps no other
  // label and no corner name; the ones with no such place stay unlabelled (and are counted).
  const frame: PlotFrame = { width: CHART_LAYOUT.plot.width, height: CHART_LAYOUT.plot.height, x, y };
  const wanted = chartLabelPriority(result)
    .map((i) => pointOf.get(result.rows[i]))
    .filter((p): p is ChartPoint => p !== undefined);
  const placement = placeMatrixLabels({
    frame,
    layout: CHART_LAYOUT,
    labels: wanted.map((p) => ({ x: p.x, y: p.y, text: p.client })),
    // Every point, without copying a million of them into one more array.
    markers: (function* () {
      for (const s of series) yield* s.points;
    })(),
    corners: corners.map((c) => ({ x: c.x, y: c.y, text: c.name, position: c.position === 'l' ? ('Left' as const) : ('Right' as const) })),
    cuts: { loyalty: loyaltyCut, share: shareCut },
  });
  wanted.forEach((p, k) => {
    const at = placement.placed[k];
    if (!at) return;
    p.label = p.client;
    p.labelPosition = at.position;
  });
  const exited = result.rows.filter((r) => r.risk === 'EXITED').length;

  return {
    title: chartTitle(result.asOf, exited, locale),
    xTitle: TEXTS.xAxisTitle[locale],
    yTitle: log ? `${TEXTS.yAxisTitle[locale]}${TEXTS.logScale[locale]}` : TEXTS.yAxisTitle[locale],
    series,
    dividers,
    corners,
    x,
    y,
    zeroSharesOnFloor,
    unlabelled: placement.unlabelled,
    exited,
  };
}
