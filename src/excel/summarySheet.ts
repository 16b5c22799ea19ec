/**
 * The summary sheet (workbook.md "Summary sheet"): how the labels were made, for a reader without
 * the add-in — cut values and modes, loyalty components and weights, counts and volume per
 * quadrant / stage / risk, the migration matrix, issues by kind, rules switched off, as-of date
 * and run time, notes — in columns A:G; the chart's source data in columns I:L (matrixChart.ts).
 */
import {
  isChinese,
  COMPONENTS,
  ISSUE_CODES,
  QUADRANTS,
  RISKS,
  STAGES,
  labels,
  newAndGoneRows,
  type AnalysisResult,
  type Component,
  type Field,
  type Locale,
} from '../domain';
import { asText, DATE_FORMAT, DATE_TIME_FORMAT, daySerial, timeSerial } from './cellValues';
import type { ChartPlan } from './matrixChart';
import { fill, TEXT } from './texts';

export const SUMMARY_COLS = 7;

type V = string | number;

export interface SummaryInfo {
  tableAddress: string;
  outputAddress: string;
  runAt: Date;
  reusedCuts: boolean;
  hasHiddenRows: boolean;
  /** Merged areas of the header row ("D1:E1"); [] when none or when Excel could not be asked (before ExcelApi 1.13). */
  mergedHeader: readonly string[];
  /** The workbook's date system, for the serials of the as-of date and the run time. */
  date1904: boolean;
}

export interface SummaryGrid {
  values: V[][];
  formats: string[][];
}

function modeText(mode: string, locale: Locale): string {
  const [kind, arg] = mode.split(':');
  const m = TEXT.modeText as Record<string, Record<Locale, string> | undefined>;
  const t = m[kind]?.[locale];
  if (!t) return mode;
  const p = arg === undefined ? '' : kind === 'fixed' ? arg : `${Math.round(Number(arg) * 1000) / 10}%`;
  return fill(t, { p });
}

/** The component's source column(s), as the result's mapping records them. */
function componentColumns(result: AnalysisResult, c: Component): string {
  const fields: Field[] = c === 'tenure' ? ['tenure_years', 'open_date'] : [c];
  for (const f of fields) {
    const h = result.mapping[f];
    if (h?.length) return h.join(', ');
  }
  return '';
}

/** The first few merged areas, then "…". */
function mergedList(areas: readonly string[]): string {
  const shown = areas.slice(0, 5).join(', ');
  return areas.length > 5 ? `${shown}, …` : shown;
}

/** Builds the A:G grid (values and number formats of the same shape). */
export function summaryGrid(result: AnalysisResult, locale: Locale, info: SummaryInfo, chart: ChartPlan): SummaryGrid {
  const L = <K extends keyof typeof TEXT>(k: K) => (TEXT[k] as Record<Locale, string>)[locale];
  const rows: V[][] = [];
  const formats: string[][] = [];
  const add = (cells: V[], fmt: (string | null)[] = []) => {
    rows.push(cells);
    formats.push(cells.map((_, i) => fmt[i] ?? 'General'));
  };
  const blank = () => add([]);
  const s = result.summary;

  add([L('title')]);
  add([L('intro')]);
  blank();
  // Addresses carry the user's sheet name; dates are serials with a date format (never ISO text).
  add([L('table'), asText(info.tableAddress)]);
  add([L('output'), asText(info.outputAddress)]);
  add([L('asOf'), daySerial(result.asOf, info.date1904), TEXT.asOfSource[result.asOfSource][locale]], [null, DATE_FORMAT]);
  add([L('runAt'), timeSerial(info.runAt, info.date1904)], [null, DATE_TIME_FORMAT]);
  add([L('rows'), s.rowCount]);
  add([L('skipped'), s.skippedEmptyRows]);
  add([L('totalVolume'), s.totalVolume], [null, '#,##0.00']);
  blank();

  add([L('cuts')]);
  add([L('axis'), L('mode'), '', L('value')]);
  const cut = (axis: string, c: AnalysisResult['cuts']['share'], fmt: string) =>
    add([axis, c.mode, modeText(c.mode, locale), c.value ?? L('noCut')], [null, null, null, c.value === null ? null : fmt]);
  cut(L('shareAxis'), result.cuts.share, '0.00%');
  cut(L('loyaltyAxis'), result.cuts.loyalty, '0.0');
  if (info.reusedCuts) add([L('reused'), L('yes')]);
  blank();

  add([L('loyalty')]);
  if (result.loyaltySource === 'score') add([L('loyaltyFromScore'), asText((result.mapping.loyalty_score ?? []).join(', '))]);
  else {
    add([L('loyaltyFromComponents')]);
    add([L('component'), L('weight'), L('column')]);
    for (const c of COMPONENTS) {
      if (!result.components.includes(c)) continue;
      add([labels.COMPONENT_LABELS[c][locale], result.weights[c] ?? 1, asText(componentColumns(result, c))]);
    }
  }
  blank();

  add([L('quadrants'), L('count'), L('volume'), L('volumeShare')]);
  for (const q of QUADRANTS) {
    const t = s.quadrants[q] ?? { count: 0, volume: 0 };
    add(
      [labels.QUADRANT_LABELS[q][locale], t.count, t.volume, s.totalVolume > 0 ? t.volume / s.totalVolume : ''],
      [null, '0', '#,##0.00', '0.0%'],
    );
  }
  blank();
  add([L('stages'), L('count')]);
  for (const st of STAGES) add([labels.STAGE_LABELS[st][locale], s.stages[st] ?? 0]);
  blank();
  add([L('risks'), L('count')]);
  for (const r of RISKS) add([labels.RISK_LABELS[r][locale], s.risks[r] ?? 0]);
  blank();

  if (s.migration) {
    const matrix = (title: string, m: NonNullable<typeof s.migration>, fmt: string) => {
      add([title, ...QUADRANTS.map((q) => labels.QUADRANT_LABELS[q][locale])]);
      for (const from of QUADRANTS) {
        add([labels.QUADRANT_LABELS[from][locale], ...QUADRANTS.map((to) => m[from]?.[to] ?? 0)], [null, ...QUADRANTS.map(() => fmt)]);
      }
      blank();
    };
    matrix(L('migration'), s.migration, '0');
    if (s.migrationVolume) matrix(L('migrationVolume'), s.migrationVolume, '#,##0.00');
  }
  if (result.previousMatch) {
    const pm = result.previousMatch;
    add([L('previousSource'), asText(pm.source)]);
    add([L('matchedById'), pm.matchedById]);
    add([L('matchedByName'), pm.matchedByName]);
    add([L('appeared'), pm.appeared.length]);
    add([L('disappeared'), pm.disappeared.length]);
    blank();
    if (pm.appeared.length + pm.disappeared.length > 0) {
      // The header row and the kind column are labels; ids and names are the user's.
      newAndGoneRows(pm, locale).forEach((row, i) => add(i === 0 ? row : row.map((c, j) => (j === 1 || j === 2 ? asText(c) : c))));
      blank();
    }
  }

  add([L('issues'), L('count')]);
  const issueCodes = ISSUE_CODES.filter((c) => (s.issues[c] ?? 0) > 0);
  if (issueCodes.length === 0) add([L('noIssues')]);
  for (const c of issueCodes) add([labels.ISSUE_LABELS[c][locale], s.issues[c] ?? 0]);
  blank();

  if (s.rulesOff.length) {
    add([L('rulesOff'), L('missing')]);
    for (const r of s.rulesOff) {
      const names = TEXT.ruleNames as Record<string, Record<Locale, string> | undefined>;
      const flag = (labels.FLAG_LABELS as Record<string, Record<Locale, string> | undefined>)[r.rule];
      const name = names[r.rule]?.[locale] ?? flag?.[locale] ?? r.rule;
      add([name, r.missing.map((f) => labels.FIELD_LABELS[f][locale]).join(isChinese(locale) ? '、' : ', ')]);
    }
    blank();
  }

  const notes: string[] = [];
  if (info.hasHiddenRows) notes.push(L('hiddenRows'));
  if (info.mergedHeader.length) notes.push(fill(L('mergedHeader'), { a: mergedList(info.mergedHeader) }));
  if (chart.counts.exited) notes.push(fill(L('exitedLeftOut'), { n: chart.counts.exited }));
  if (chart.counts.notPlotted) notes.push(fill(L('notPlotted'), { n: chart.counts.notPlotted }));
  if (chart.log) notes.push(chart.counts.zeroOnLog ? fill(L('zeroOnLog'), { n: chart.counts.zeroOnLog }) : L('logAxis'));
  if (chart.counts.unlabelled) notes.push(fill(L('unlabelled'), { n: chart.counts.unlabelled }));
  if (notes.length) {
    add([L('notes')]);
    for (const n of notes) add([n]);
  }

  // Rectangular, as Range.values requires.
  const values = rows.map((r) => [...r, ...new Array<V>(SUMMARY_COLS - r.length).fill('')]);
  const fmts = formats.map((r) => [...r, ...new Array<string>(SUMMARY_COLS - r.length).fill('General')]);
  return { values, formats: fmts };
}

/** Queues writing the A:G grid (the sheet was cleared or created earlier in the run). */
export function queueSummaryGrid(sheet: Excel.Worksheet, grid: SummaryGrid): void {
  const range = sheet.getRangeByIndexes(0, 0, grid.values.length, SUMMARY_COLS);
  range.values = grid.values;
  range.numberFormat = grid.formats;
  sheet.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
}
