/**
 * The summary sheet (workbook.md "Summary sheet"): how the labels were made, the counts, and the
 * chart's source data, so a reader without the add-in can follow every number. Plain values only.
 */
import { isChinese, columnLetters, labels, newAndGoneRows, COMPONENTS, ISSUE_CODES, QUADRANTS, RISKS, STAGES, type AnalysisResult, type Field, type Locale } from '../domain';
import type { ChartModel } from './chartModel';
import type { ChartRefs, SeriesRefs } from './chartXml';
import { SUMMARY_SHEET_NAME, TEXTS, describeCutMode, ruleName } from './summaryTexts';

export interface SummaryExtra {
  label: string;
  value: string | number;
}

export interface SummaryInput {
  result: AnalysisResult;
  locale: Locale;
  chart: ChartModel;
  /** Where the table came from, e.g. "Sheet1!A1:R201". */
  source: string;
  runTime: Date;
  extras: SummaryExtra[];
}

/** The formats a summary cell may take (styles.ts adds them to the workbook). */
export type SummaryStyle = 'bold' | 'title' | 'share' | 'loyalty';
const SHARE_FMT: SummaryStyle = 'share';
const LOYALTY_FMT: SummaryStyle = 'loyalty';
/** The chart's source data starts in this column (I), right of the summary tables. */
const CHART_DATA_COL = 9;

export function absRef(sheet: string, row: number, col: number, row2 = row, col2 = col): string {
  const q = `'${sheet.replace(/'/g, "''")}'`;
  const a = `$${columnLetters(col)}$${row}`;
  return row2 === row && col2 === col ? `${q}!${a}` : `${q}!${a}:$${columnLetters(col2)}$${row2}`;
}

/** "2026-11-02 14:03:05 (UTC+08:00)": local time, with the offset so it is unambiguous. */
export function formatRunTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}` +
    ` (UTC${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)})`
  );
}

type Value = string | number | null;

/**
 * The summary's cells, kept per row until the sheet is written as XML (sheetXml): the sections
 * fill columns A.. and the chart data columns I.. side by side, so rows are filled out of order.
 */
export class SummaryCells {
  readonly rows: { col: number; value: Value; style?: SummaryStyle }[][] = [];
  readonly widths = new Map<number, number>();

  put(row: number, col: number, value: Value, style?: SummaryStyle): void {
    const cells = (this.rows[row] ??= []);
    const i = cells.findIndex((c) => c.col === col);
    const cell = style ? { col, value, style } : { col, value };
    if (i >= 0) cells[i] = cell;
    else cells.push(cell);
  }
}

/** Writes rows top-down in columns A.., one section after another. */
class Sections {
  row = 1;
  constructor(readonly cells: SummaryCells) {}

  put(row: number, col: number, value: Value, style?: SummaryStyle): void {
    this.cells.put(row, col, value, style);
  }

  title(text: string): void {
    if (this.row > 1) this.row++;
    this.put(this.row++, 1, text, 'bold');
  }

  line(values: Value[], formats: (SummaryStyle | undefined)[] = [], bold = false): void {
    values.forEach((v, i) => {
      if (v !== null && v !== '') this.put(this.row, i + 1, v, bold ? 'bold' : formats[i]);
    });
    this.row++;
  }
}

function writeSections(s: Sections, input: SummaryInput): void {
  const { result, locale } = input;
  const L = (x: Readonly<Record<Locale, string>>) => x[locale];
  const sum = result.summary;

  s.put(s.row, 1, L(TEXTS.title), 'title');
  s.row++;

  s.title(L(TEXTS.run));
  const asOfSource = { config: TEXTS.asOfConfig, data: TEXTS.asOfData, today: TEXTS.asOfToday }[result.asOfSource];
  s.line([L(TEXTS.asOf), result.asOf, L(asOfSource)]);
  s.line([L(TEXTS.runTime), formatRunTime(input.runTime)]);
  s.line([L(TEXTS.source), input.source]);
  s.line([L(TEXTS.rowsAnalysed), sum.rowCount]);
  s.line([L(TEXTS.skippedRows), sum.skippedEmptyRows]);
  s.line([L(TEXTS.totalVolume), sum.totalVolume]);
  for (const e of input.extras) s.line([e.label, e.value]);

  s.title(L(TEXTS.cuts));
  s.line([L(TEXTS.axis), L(TEXTS.mode), L(TEXTS.value)], [], true);
  const cutLine = (axis: string, cut: AnalysisResult['cuts']['share'], fmt: SummaryStyle) =>
    s.line([axis, describeCutMode(cut.mode, locale), cut.value ?? L(TEXTS.noCut)], [undefined, undefined, cut.value === null ? undefined : fmt]);
  cutLine(L(TEXTS.shareAxis), result.cuts.share, SHARE_FMT);
  cutLine(L(TEXTS.loyaltyAxis), result.cuts.loyalty, LOYALTY_FMT);
  s.line([L(TEXTS.highRule)]);

  s.title(L(TEXTS.loyalty));
  if (result.loyaltySource === 'score') {
    s.line([L(TEXTS.loyaltyFromScore), (result.mapping.loyalty_score ?? []).join(', ')]);
  } else {
    s.line([L(TEXTS.loyaltyFromComponents)]);
    s.line([L(TEXTS.component), L(TEXTS.weight)], [], true);
    for (const c of COMPONENTS) {
      if (result.components.includes(c)) s.line([labels.COMPONENT_LABELS[c][locale], result.weights[c] ?? 1]);
    }
  }

  s.title(L(TEXTS.mapping));
  s.line([L(TEXTS.field), L(TEXTS.columns)], [], true);
  for (const [field, headers] of Object.entries(result.mapping)) {
    if (headers?.length) s.line([labels.FIELD_LABELS[field as Field][locale], headers.join(isChinese(locale) ? '、' : ', ')]);
  }

  s.title(L(TEXTS.quadrants));
  s.line(['', L(TEXTS.count), L(TEXTS.volume), L(TEXTS.volumeShare)], [], true);
  for (const q of QUADRANTS) {
    const tot = sum.quadrants[q] ?? { count: 0, volume: 0 };
    s.line([labels.QUADRANT_LABELS[q][locale], tot.count, tot.volume, sum.totalVolume > 0 ? tot.volume / sum.totalVolume : 0], [
      undefined,
      undefined,
      undefined,
      SHARE_FMT,
    ]);
  }

  s.title(L(TEXTS.stages));
  s.line(['', L(TEXTS.count)], [], true);
  for (const st of STAGES) s.line([labels.STAGE_LABELS[st][locale], sum.stages[st] ?? 0]);

  s.title(L(TEXTS.risks));
  s.line(['', L(TEXTS.count)], [], true);
  for (const r of RISKS) s.line([labels.RISK_LABELS[r][locale], sum.risks[r] ?? 0]);

  const matrix = (title: string, m: NonNullable<typeof sum.migration>) => {
    s.title(title);
    s.line(['', ...QUADRANTS.map((q) => labels.QUADRANT_LABELS[q][locale])], [], true);
    for (const from of QUADRANTS) s.line([labels.QUADRANT_LABELS[from][locale], ...QUADRANTS.map((to) => m[from]?.[to] ?? 0)]);
  };
  if (sum.migration) matrix(L(TEXTS.migration), sum.migration);
  if (sum.migrationVolume) matrix(L(TEXTS.migrationVolume), sum.migrationVolume);
  if (result.previousMatch) {
    const pm = result.previousMatch;
    s.title(L(TEXTS.previousPeriod));
    s.line([L(TEXTS.source), pm.source]);
    s.line([L(TEXTS.matchedById), pm.matchedById]);
    s.line([L(TEXTS.matchedByName), pm.matchedByName]);
    s.line([L(TEXTS.appeared), pm.appeared.length]);
    s.line([L(TEXTS.disappeared), pm.disappeared.length]);
    if (pm.appeared.length + pm.disappeared.length > 0) {
      const [head, ...clients] = newAndGoneRows(pm, locale);
      s.title(head[0]);
      s.line(['', ...head.slice(1)], [], true);
      for (const row of clients) s.line(row);
    }
  }

  s.title(L(TEXTS.issues));
  const issues = ISSUE_CODES.filter((c) => (sum.issues[c] ?? 0) > 0);
  if (issues.length === 0) s.line([L(TEXTS.none)]);
  else {
    s.line([L(TEXTS.issueKind), L(TEXTS.count)], [], true);
    for (const c of issues) s.line([labels.ISSUE_LABELS[c][locale], sum.issues[c] ?? 0]);
  }

  s.title(L(TEXTS.rulesOff));
  if (sum.rulesOff.length === 0) s.line([L(TEXTS.none)]);
  else {
    s.line([L(TEXTS.rule), L(TEXTS.missingFields)], [], true);
    const sep = isChinese(locale) ? '、' : ', ';
    for (const r of sum.rulesOff) s.line([ruleName(r.rule, locale), r.missing.map((f) => labels.FIELD_LABELS[f][locale]).join(sep)]);
  }
}

/**
 * The chart's source data, in columns I.. from the top: per quadrant client / loyalty / share /
 * label; then the divider points and the corner-name points. Returns where each series lives.
 */
function writeChartData(s: Sections, name: string, input: SummaryInput): ChartRefs {
  const { chart, locale } = input;
  const L = (x: Readonly<Record<Locale, string>>) => x[locale];
  const first = 5;
  const notes = [
    L(TEXTS.exitedOff),
    ...(chart.zeroSharesOnFloor > 0 ? [L(TEXTS.zeroOnFloor)] : []),
    ...(chart.unlabelled > 0 ? [L(TEXTS.unlabelled).replace('{n}', String(chart.unlabelled))] : []),
  ];
  s.put(1, CHART_DATA_COL, L(TEXTS.chartData), 'bold');
  s.put(1, CHART_DATA_COL + 1, notes.join(isChinese(locale) ? '；' : '; '));

  const series: SeriesRefs[] = chart.series.map((ser, k) => {
    const c = CHART_DATA_COL + k * 5;
    s.put(3, c, ser.name, 'bold');
    [L(TEXTS.client), L(TEXTS.xAxisTitle), L(TEXTS.yAxisTitle), L(TEXTS.label)].forEach((h, i) => s.put(4, c + i, h, 'bold'));
    ser.points.forEach((p, i) => {
      s.put(first + i, c, p.client);
      // Unformatted: the chart's axes carry their own formats.
      s.put(first + i, c + 1, p.x);
      s.put(first + i, c + 2, p.y);
      if (p.label !== null) s.put(first + i, c + 3, p.label);
    });
    const last = first + Math.max(1, ser.points.length) - 1;
    return { name: absRef(name, 3, c), x: absRef(name, first, c + 1, last, c + 1), y: absRef(name, first, c + 2, last, c + 2) };
  });

  const divCol = CHART_DATA_COL + chart.series.length * 5;
  s.put(2, divCol, L(TEXTS.dividers), 'bold');
  const dividers: SeriesRefs[] = chart.dividers.map((d, k) => {
    const c = divCol + k * 3;
    s.put(3, c, d.name, 'bold');
    s.put(4, c, L(TEXTS.xAxisTitle), 'bold');
    s.put(4, c + 1, L(TEXTS.yAxisTitle), 'bold');
    d.points.forEach((p, i) => {
      s.put(first + i, c, p.x, LOYALTY_FMT);
      s.put(first + i, c + 1, p.y, SHARE_FMT);
    });
    return { name: absRef(name, 3, c), x: absRef(name, first, c, first + 1, c), y: absRef(name, first, c + 1, first + 1, c + 1) };
  });

  const cornerCol = divCol + 2 * 3;
  s.put(2, cornerCol, L(TEXTS.corners), 'bold');
  [L(TEXTS.quadrants), L(TEXTS.xAxisTitle), L(TEXTS.yAxisTitle)].forEach((h, i) => s.put(4, cornerCol + i, h, 'bold'));
  const corners: SeriesRefs[] = chart.corners.map((cn, i) => {
    const r = first + i;
    s.put(r, cornerCol, cn.name);
    s.put(r, cornerCol + 1, cn.x, LOYALTY_FMT);
    s.put(r, cornerCol + 2, cn.y, SHARE_FMT);
    return { name: absRef(name, r, cornerCol), x: absRef(name, r, cornerCol + 1), y: absRef(name, r, cornerCol + 2) };
  });

  for (let c = CHART_DATA_COL; c < cornerCol + 3; c++) s.cells.widths.set(c, 14);
  return { series, dividers, corners };
}

/** The summary sheet's cells (named for `input.locale`) and where the chart's data is on it. */
export function summarySheet(input: SummaryInput): { name: string; cells: SummaryCells; refs: ChartRefs } {
  const name = SUMMARY_SHEET_NAME[input.locale];
  const cells = new SummaryCells();
  cells.widths.set(1, 34);
  cells.widths.set(2, 30);
  for (let c = 3; c <= 7; c++) cells.widths.set(c, 14);
  const s = new Sections(cells);
  writeSections(s, input);
  return { name, cells, refs: writeChartData(s, name, input) };
}
