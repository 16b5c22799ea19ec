/**
 * Where the client-name labels of the matrix chart go (workbook.md "The matrix chart"), so that no
 * two labels print on top of each other and none covers a quadrant name in a corner. Excel draws a
 * data label where it is told and never moves it out of the way, so every shell (the add-in's
 * chart, the command line's .xlsx, the sandbox drawing) asks this module first.
 *
 * The positions are the ones Excel accepts for a data label of an XY scatter point: Left, Right,
 * Top (above), Bottom (below) and Center (xlLabelPosition: "Line/Scatter/Bubble: Center, Left,
 * Right, Above, Below"; Office.js ChartDataLabelPosition "Top"/"Bottom" for above/below). Each is
 * relative to the point's marker, so a label stays beside its client whatever Excel does with the
 * plot area. Absolute `ChartDataLabel.left/top` (ExcelApi 1.8) would allow more places but are
 * measured from the chart area's corner, which depends on Excel's automatic layout of the title,
 * axes and legend that the add-in cannot know without reading it back; the four sides are enough.
 *
 * Pure: plot geometry in points in, a position per label out. Text extents are estimated from the
 * characters (CJK ideographs and full-width forms one em, Latin letters about half), on the safe
 * side, since no font metrics are available here.
 */
import { chartLabelRows } from './output';
import type { AnalysisResult } from './types';

/** A data label position of a scatter point, in Office.js spelling (Excel.ChartDataLabelPosition). */
export type LabelPosition = 'Right' | 'Left' | 'Top' | 'Bottom' | 'Center';

/** Tried in this order: beside the point reads best, then above/below, then over the point. */
export const LABEL_POSITION_ORDER: readonly LabelPosition[] = ['Right', 'Left', 'Top', 'Bottom', 'Center'];

/** A rectangle in points, measured from the top-left corner of the plot area's inside. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The plot area's inside in points and the axis ranges it shows. */
export interface PlotFrame {
  width: number;
  height: number;
  x: { min: number; max: number };
  y: { min: number; max: number; log: boolean };
}

export interface LabelStyle {
  /** Font size of the labels, in points. */
  fontSize: number;
  /** Marker size (diameter) in points: a label starts this far out from the point's centre, halved. */
  markerSize: number;
}

/** A label to place: the point it belongs to (axis values) and its text. */
export interface LabelRequest {
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  position: LabelPosition;
  box: Box;
}

export interface PlacementInput {
  frame: PlotFrame;
  style: LabelStyle;
  /** In order of importance: the first labels get the best places. */
  labels: readonly LabelRequest[];
  /** Every marker drawn (axis values), so labels avoid covering other clients' points. */
  markers: Iterable<{ x: number; y: number }>;
  /** Boxes nothing may cover (the quadrant names in the corners), in plot points. */
  obstacles: readonly Box[];
  /** Divider lines at these axis values: a label that crosses one is placed elsewhere if it can be. */
  dividers: { x: number | null; y: number | null };
}

export interface PlacementResult {
  /** Per request, in its order: where it goes, or null if it could not be placed without overlap. */
  placed: (PlacedLabel | null)[];
  unlabelled: number;
}

/** Room between two labels, and between a label and the plot's edge (points). */
export const LABEL_MARGIN = 1.5;
const MARGIN = LABEL_MARGIN;
/** Space between a marker's edge and its label (points): what Excel leaves, rounded up. */
const GAP = 2.5;

/** True for characters drawn one em wide: CJK ideographs, kana, hangul, full-width forms. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/** Width of one character in em: generous for the fonts a chart may use (Calibri, DejaVu, Noto). */
function charEm(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (isWide(code)) return 1;
  if (' .,:;!|\'`ijlI()[]'.includes(ch)) return 0.36;
  if ('MWmw@%&'.includes(ch)) return 0.92;
  if (ch >= 'A' && ch <= 'Z') return 0.72;
  if (ch >= '0' && ch <= '9') return 0.62;
  return 0.6;
}

/** The estimated size of a one-line label in points (text plus Excel's small inner margin). */
export function textExtent(text: string, fontSize: number): { width: number; height: number } {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return { width: em * fontSize + 3, height: fontSize * 1.3 + 2 };
}

/** A point's place in the plot area, in points from the inside's top-left corner. */
export function toPlot(frame: PlotFrame, x: number, y: number): { px: number; py: number } {
  const fx = (x - frame.x.min) / (frame.x.max - frame.x.min || 1);
  let fy: number;
  if (frame.y.log) {
    const lo = Math.log10(frame.y.min);
    const hi = Math.log10(frame.y.max);
    fy = ((y > 0 ? Math.log10(y) : lo) - lo) / (hi - lo || 1);
  } else fy = (y - frame.y.min) / (frame.y.max - frame.y.min || 1);
  return { px: fx * frame.width, py: (1 - fy) * frame.height };
}

/** The box a label of this size takes at a position relative to its point (plot points). */
export function labelBox(at: { px: number; py: number }, size: { width: number; height: number }, position: LabelPosition, markerSize: number): Box {
  const out = markerSize / 2 + GAP;
  const { width: w, height: h } = size;
  switch (position) {
    case 'Right':
      return { left: at.px + out, right: at.px + out + w, top: at.py - h / 2, bottom: at.py + h / 2 };
    case 'Left':
      return { left: at.px - out - w, right: at.px - out, top: at.py - h / 2, bottom: at.py + h / 2 };
    case 'Top':
      return { left: at.px - w / 2, right: at.px + w / 2, top: at.py - out - h, bottom: at.py - out };
    case 'Bottom':
      return { left: at.px - w / 2, right: at.px + w / 2, top: at.py + out, bottom: at.py + out + h };
    case 'Center':
      return { left: at.px - w / 2, right: at.px + w / 2, top: at.py - h / 2, bottom: at.py + h / 2 };
  }
}

export function overlaps(a: Box, b: Box, margin = 0): boolean {
  return a.left < b.right + margin && b.left < a.right + margin && a.top < b.bottom + margin && b.top < a.bottom + margin;
}

/** Moves a box inside the plot (what a reader does with a label at the very edge). */
export function clampBox(box: Box, frame: PlotFrame): Box {
  const dx = box.left < 0 ? -box.left : box.right > frame.width ? frame.width - box.right : 0;
  const dy = box.top < 0 ? -box.top : box.bottom > frame.height ? frame.height - box.bottom : 0;
  return { left: box.left + dx, right: box.right + dx, top: box.top + dy, bottom: box.bottom + dy };
}

/** A quadrant name's box: its text beside an invisible point in a corner, kept inside the plot. */
export function cornerBox(frame: PlotFrame, corner: { x: number; y: number; text: string; position: LabelPosition }, fontSize: number): Box {
  return clampBox(labelBox(toPlot(frame, corner.x, corner.y), textExtent(corner.text, fontSize), corner.position, 0), frame);
}

/**
 * How many markers fall in a box, from a summed-area table over a fine grid: constant time per
 * question whatever the number of clients (the add-in plots up to a million points).
 */
class MarkerDensity {
  private readonly cols: number;
  private readonly rows: number;
  private readonly sums: Float64Array;
  private static readonly CELL = 3;

  constructor(frame: PlotFrame, markers: Iterable<{ x: number; y: number }>) {
    const cell = MarkerDensity.CELL;
    this.cols = Math.max(1, Math.ceil(frame.width / cell));
    this.rows = Math.max(1, Math.ceil(frame.height / cell));
    const w = this.cols + 1;
    const sums = new Float64Array(w * (this.rows + 1));
    for (const m of markers) {
      const { px, py } = toPlot(frame, m.x, m.y);
      if (!(px >= 0 && px <= frame.width && py >= 0 && py <= frame.height)) continue;
      const c = Math.min(this.cols - 1, Math.floor(px / cell));
      const r = Math.min(this.rows - 1, Math.floor(py / cell));
      sums[(r + 1) * w + c + 1] += 1;
    }
    for (let r = 1; r <= this.rows; r++) {
      for (let c = 1; c <= this.cols; c++) sums[r * w + c] += sums[(r - 1) * w + c] + sums[r * w + c - 1] - sums[(r - 1) * w + c - 1];
    }
    this.sums = sums;
  }

  count(box: Box): number {
    const cell = MarkerDensity.CELL;
    const w = this.cols + 1;
    const c0 = Math.max(0, Math.min(this.cols, Math.floor(box.left / cell)));
    const c1 = Math.max(0, Math.min(this.cols, Math.ceil(box.right / cell)));
    const r0 = Math.max(0, Math.min(this.rows, Math.floor(box.top / cell)));
    const r1 = Math.max(0, Math.min(this.rows, Math.ceil(box.bottom / cell)));
    const s = this.sums;
    return s[r1 * w + c1] - s[r0 * w + c1] - s[r1 * w + c0] + s[r0 * w + c0];
  }
}

/** Placed boxes bucketed by area, so a check looks only at its neighbours. */
class BoxIndex {
  private readonly buckets = new Map<number, Box[]>();
  private static readonly CELL = 40;

  private *keys(b: Box): Generator<number> {
    const cell = BoxIndex.CELL;
    for (let r = Math.floor(b.top / cell); r <= Math.floor(b.bottom / cell); r++) {
      for (let c = Math.floor(b.left / cell); c <= Math.floor(b.right / cell); c++) yield (r + 1000) * 4096 + c + 1000;
    }
  }

  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.buckets.get(k);
      if (list) list.push(b);
      else this.buckets.set(k, [b]);
    }
  }

  hits(b: Box, margin: number): boolean {
    const grown = { left: b.left - margin, right: b.right + margin, top: b.top - margin, bottom: b.bottom + margin };
    for (const k of this.keys(grown)) for (const o of this.buckets.get(k) ?? []) if (overlaps(b, o, margin)) return true;
    return false;
  }
}

/** Preference among the free positions: beside, then above/below, over the point last. */
const POSITION_COST: Readonly<Record<LabelPosition, number>> = { Right: 0, Left: 0.2, Top: 0.4, Bottom: 0.5, Center: 3 };
/** Crossing a divider line reads as badly as covering a few points. */
const DIVIDER_COST = 4;

/**
 * Places the labels greedily in order of importance: each takes the free position (inside the
 * plot, clear of the labels already placed and of the obstacles) that covers the fewest other
 * markers and crosses no divider, else it is left unlabelled. Greedy by importance means a more
 * important label is never dropped to make room for a less important one.
 */
export function placeLabels(input: PlacementInput): PlacementResult {
  const { frame, style } = input;
  const density = new MarkerDensity(frame, input.markers);
  const placedBoxes = new BoxIndex();
  for (const o of input.obstacles) placedBoxes.add(o);
  const divX = input.dividers.x === null ? null : toPlot(frame, input.dividers.x, frame.y.min).px;
  const divY = input.dividers.y === null ? null : toPlot(frame, frame.x.min, input.dividers.y).py;
  const inside = (b: Box) => b.left >= MARGIN && b.top >= MARGIN && b.right <= frame.width - MARGIN && b.bottom <= frame.height - MARGIN;

  let unlabelled = 0;
  const placed = input.labels.map((req): PlacedLabel | null => {
    const at = toPlot(frame, req.x, req.y);
    const size = textExtent(req.text, style.fontSize);
    let best: PlacedLabel | null = null;
    let bestCost = Infinity;
    for (const position of LABEL_POSITION_ORDER) {
      const box = labelBox(at, size, position, style.markerSize);
      if (!inside(box) || placedBoxes.hits(box, MARGIN)) continue;
      let cost = POSITION_COST[position] + density.count(box);
      if (divX !== null && box.left < divX && box.right > divX) cost += DIVIDER_COST;
      if (divY !== null && box.top < divY && box.bottom > divY) cost += DIVIDER_COST;
      if (cost < bestCost) {
        bestCost = cost;
        best = { position, box };
      }
    }
    if (best) placedBoxes.add(best.box);
    else unlabelled++;
    return best;
  });
  return { placed, unlabelled };
}

/** A shell's chart layout, as far as the labels care (points). */
export interface MatrixLabelLayout {
  labelFontSize: number;
  cornerFontSize: number;
  markerSize: number;
}

/**
 * The matrix chart's labels, as every shell places them: the quadrant names in the corners are the
 * obstacles, the cut lines the dividers (a share cut of 0 draws no line on a logarithmic axis).
 */
export function placeMatrixLabels(input: {
  frame: PlotFrame;
  layout: MatrixLabelLayout;
  labels: readonly LabelRequest[];
  markers: Iterable<{ x: number; y: number }>;
  corners: readonly { x: number; y: number; text: string; position: LabelPosition }[];
  cuts: { loyalty: number | null; share: number | null };
}): PlacementResult {
  const { frame, layout, cuts } = input;
  return placeLabels({
    frame,
    style: { fontSize: layout.labelFontSize, markerSize: layout.markerSize },
    labels: input.labels,
    markers: input.markers,
    obstacles: input.corners.map((c) => cornerBox(frame, c, layout.cornerFontSize)),
    dividers: { x: cuts.loyalty, y: cuts.share !== null && (!frame.y.log || cuts.share > 0) ? cuts.share : null },
  });
}

/**
 * The chart's labelled rows (chartLabelRows: top 10 by share, every HIGH-risk client) in order of
 * importance, indexes into result.rows. The top 10 come first — the handful of clients a branch
 * lives on, and whom everyone looks for on the picture — the ones that are also HIGH risk ahead
 * of the rest; then the HIGH-risk clients by share, largest first, since a big client at risk is
 * more volume to lose. Ties keep the table's order.
 */
export function chartLabelPriority(result: AnalysisResult, top = 10): number[] {
  const rows = chartLabelRows(result, top);
  const share = (i: number) => result.rows[i].share ?? 0;
  const byShare = [...rows].sort((a, b) => share(b) - share(a) || a - b);
  const topSet = new Set(byShare.slice(0, top));
  const rank = (i: number) => (topSet.has(i) ? (result.rows[i].risk === 'HIGH' ? 0 : 1) : 2);
  return byShare.sort((a, b) => rank(a) - rank(b) || share(b) - share(a) || a - b);
}
