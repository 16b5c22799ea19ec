/**
 * The output columns (workbook.md "Output columns"): headers in the saved locale, plain values
 * from the domain's outputCellMaker, number formats 0.00% / 0.0, fills by quadrant and risk.
 *
 * Fills are conditional formats (ExcelApi 1.6), one custom rule per label on the whole column
 * (rule.formula in en-US syntax, e.g. `=S2="Loyal"`, so zh-CN Excel reads it the same
 * [doc: excel-add-ins-conditional-formatting.md]). Why not static fills: a 100,000-row column
 * alternates quadrants almost every row, so grouping contiguous runs still needs tens of
 * thousands of range proxies (megabytes of requests); nine rules are a few hundred bytes whatever
 * the row count, they are native Excel that a colleague without the add-in sees, and the colour
 * follows the label if the user sorts or edits.
 */
import { labels, outputCellMaker, outputColumns, outputHeaders, type AnalysisResult, type Locale, type Quadrant, type Risk } from '../domain';
import { localAddress, type Rect } from './address';
import { asText } from './cellValues';

type OutputColumn = ReturnType<typeof outputColumns>[number];

/** Number formats of the numeric output columns (en-US format codes, locale-neutral). */
const NUMBER_FORMATS: Partial<Record<OutputColumn, string>> = { share: '0.00%', loyalty: '0.0' };

export interface OutputPlan {
  columns: OutputColumn[];
  headers: string[];
  /** For each data row (0-based), the index into result.rows, or -1 for a skipped empty row. */
  rowIndex: Int32Array;
}

export function planOutput(result: AnalysisResult, locale: Locale, dataRows: number): OutputPlan {
  const rowIndex = new Int32Array(dataRows).fill(-1);
  result.rows.forEach((r, i) => {
    if (r.row >= 1 && r.row <= dataRows) rowIndex[r.row - 1] = i;
  });
  return { columns: outputColumns(result), headers: outputHeaders(result, locale), rowIndex };
}

/**
 * Output columns whose text quotes the user's data (a data issue names the column and the raw value), written
 * with Excel's quote prefix so that Excel keeps it as it is (cellValues.ts). The other text columns hold the
 * catalogue's labels only.
 */
const USER_TEXT_COLUMNS: readonly OutputColumn[] = ['issues'];

/** Output cells of data rows [from, to) (0-based); a skipped empty row stays blank. */
export function outputRows(plan: OutputPlan, result: AnalysisResult, locale: Locale, from: number, to: number): (string | number)[][] {
  const blank = plan.columns.map(() => '');
  const userText = plan.columns.flatMap((c, j) => (USER_TEXT_COLUMNS.includes(c) ? [j] : []));
  const cellsOf = outputCellMaker(result, locale);
  const out: (string | number)[][] = new Array(to - from);
  for (let r = from; r < to; r++) {
    const i = plan.rowIndex[r];
    if (i < 0) {
      out[r - from] = blank;
      continue;
    }
    const cells = cellsOf(result.rows[i]);
    for (const j of userText) cells[j] = typeof cells[j] === 'string' ? asText(cells[j] as string) : cells[j];
    out[r - from] = cells;
  }
  return out;
}

/** The numeric columns: their index in the output and format. */
export function numericColumns(plan: OutputPlan): { j: number; format: string }[] {
  return plan.columns.flatMap((c, j) => (NUMBER_FORMATS[c] ? [{ j, format: NUMBER_FORMATS[c] as string }] : []));
}

/**
 * Queues one block of output values (data rows [from, to) of `target`, whose first row is the
 * header) and the number formats of its numeric columns. `withHeader` also writes the header row.
 */
export function queueOutputBlock(
  sheet: Excel.Worksheet,
  target: Rect,
  plan: OutputPlan,
  values: (string | number)[][],
  from: number,
  withHeader: boolean,
): void {
  const n = values.length;
  if (withHeader) {
    const h = sheet.getRangeByIndexes(target.row, target.col, 1, plan.columns.length);
    h.values = [plan.headers];
    h.format.font.bold = true;
  }
  if (n === 0) return;
  const body = sheet.getRangeByIndexes(target.row + 1 + from, target.col, n, plan.columns.length);
  body.values = values;
  for (const { j, format } of numericColumns(plan)) {
    const col = sheet.getRangeByIndexes(target.row + 1 + from, target.col + j, n, 1);
    col.numberFormat = Array.from({ length: n }, () => [format]);
  }
}

const escapeText = (s: string) => s.replace(/"/g, '""');

/**
 * Queues the column-wide formats once the values are in: conditional fills for the quadrant and
 * risk columns, no wrapping for the action text.
 */
export function queueOutputFormats(sheet: Excel.Worksheet, target: Rect, plan: OutputPlan, locale: Locale): void {
  const dataRows = target.rows - 1;
  if (dataRows <= 0) return;
  const column = (name: OutputColumn) => plan.columns.indexOf(name);
  const addFills = (j: number, fills: [string, string][]) => {
    if (j < 0) return;
    const range = sheet.getRangeByIndexes(target.row + 1, target.col + j, dataRows, 1);
    // Relative reference to the rule's top-left cell: Excel applies it to every cell of the range.
    const first = localAddress({ row: target.row + 1, col: target.col + j, rows: 1, cols: 1 });
    for (const [text, color] of fills) {
      const cf = range.conditionalFormats.add('Custom');
      cf.custom.rule.formula = `=${first}="${escapeText(text)}"`;
      cf.custom.format.fill.color = color;
    }
  };
  const quadrants = Object.keys(labels.QUADRANT_FILLS) as Quadrant[];
  addFills(
    column('quadrant'),
    quadrants.map((q) => [labels.QUADRANT_LABELS[q][locale], labels.QUADRANT_FILLS[q]]),
  );
  const risks = (Object.keys(labels.RISK_FILLS) as Risk[]).filter((r) => labels.RISK_FILLS[r] !== null);
  addFills(
    column('risk'),
    risks.map((r) => [labels.RISK_LABELS[r][locale], labels.RISK_FILLS[r] as string]),
  );
  const action = column('action');
  if (action >= 0) sheet.getRangeByIndexes(target.row + 1, target.col + action, dataRows, 1).format.wrapText = false;
}

/**
 * Queues clearing plain output columns: contents and formats (number formats, bold header) and
 * their conditional formats, so the cells are as they were before the add-in wrote them.
 */
export function queueClearPlain(sheet: Excel.Worksheet, rect: Rect): void {
  const range = sheet.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols);
  range.conditionalFormats.clearAll();
  range.clear('All');
}
