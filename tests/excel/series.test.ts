/**
 * Monthly refresh in the add-in (on the in-memory Excel): the three-month series of
 * tests/fixtures/series, one sheet per month in one workbook. Each month is analysed with last
 * month's sheet as the previous period and "reuse last period's cut points" on, as an analyst
 * would click it. The change column, the migration matrices, the new and gone clients and the
 * frozen cuts must be exactly those worked out by hand in expected.ts.
 */
import { labels, type Cell, type Quadrant } from '../../src/domain';
import type { RunOutcome } from '../../src/excel/api';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { SERIES, type MonthExpectation } from '../fixtures/series/expected';
import { actionsFor, fixtureRows, options } from './helpers';

type Done = Extract<RunOutcome, { kind: 'done' }>;
const done = (o: RunOutcome): Done => {
  if (o.kind !== 'done') throw new Error(JSON.stringify(o));
  return o;
};

const SHEETS = ['2026-01', '2026-02', '2026-03'];
const SUMMARY = labels.SUMMARY_SHEET_NAME['zh-CN'];
const zh = (q: Quadrant) => labels.QUADRANT_LABELS[q]['zh-CN'];

/** A migration matrix (codes) in the sheet's words, leaving out zeros. */
function inLabels(m: MonthExpectation['migration']): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [from, tos] of Object.entries(m ?? {})) {
    for (const [to, n] of Object.entries(tos ?? {})) (out[zh(from as Quadrant)] ??= {})[zh(to as Quadrant)] = n as number;
  }
  return out;
}

/** The matrix under the row whose first cell starts with `title` (header row of labels first). */
function matrixAt(lines: Cell[][], title: string): Record<string, Record<string, number>> | null {
  const at = lines.findIndex((l) => typeof l[0] === 'string' && l[0].startsWith(title));
  if (at < 0) return null;
  const to = lines[at].slice(1).filter((c): c is string => typeof c === 'string' && c !== '');
  const out: Record<string, Record<string, number>> = {};
  for (const l of lines.slice(at + 1, at + 1 + to.length)) {
    to.forEach((label, j) => {
      const n = l[j + 1];
      if (typeof n === 'number' && n > 0) (out[l[0] as string] ??= {})[label] = n;
    });
  }
  return out;
}

describe('a three-month series in the add-in', () => {
  const wb = new InMemoryWorkbook(SHEETS);
  const actions = actionsFor(wb);
  SERIES.forEach((month, i) => wb.setValues(SHEETS[i], 'A1', fixtureRows(`series/${month.file}`)));
  const outcomes: Done[] = [];

  test.each(SERIES.map((month, i) => [SHEETS[i], month, i] as const))('%s', async (sheet, month, i) => {
    // The analyst selects a cell of this month's table and analyses it, against last month's sheet.
    wb.select(sheet, 'B3');
    const table = await actions.detectTable();
    expect(table.address).toBe(`'${sheet}'!A1:D9`);
    const previous = i === 0 ? undefined : ({ kind: 'sheet', sheetName: SHEETS[i - 1] } as const);
    const out = done(await actions.run(options({ previous, reuseLastCuts: i > 0 })));
    outcomes.push(out);
    const r = out.result;

    // Frozen cuts: January's values, as fixed cuts, from February on.
    expect(r.cuts).toEqual(month.cuts);
    if (i > 0) expect(out.config).toMatchObject({ shareCut: 'fixed:0.1', loyaltyCut: 'fixed:55' });
    expect(r.rows.map((row) => [row.clientName, row.quadrant])).toEqual(month.quadrants);
    expect(r.summary.migration).toEqual(month.migration);
    expect(r.summary.migrationVolume).toEqual(month.migrationVolume);
    expect(r.rows.filter((row) => row.flags.includes('QUADRANT_DOWN')).map((row) => row.clientName)).toEqual(month.quadrantDown);

    // The sheet: quadrant and change columns, in Chinese, beside the table.
    const values = wb.getValues(sheet, 'A1:R9');
    const header = values[0];
    const quadrantCol = header.indexOf(labels.OUTPUT_HEADERS.quadrant['zh-CN']);
    const changeCol = header.indexOf(labels.OUTPUT_HEADERS.quadrantChange['zh-CN']);
    expect(quadrantCol).toBe(6);
    expect(values.slice(1).map((row) => [row[1], row[quadrantCol]])).toEqual(month.quadrants.map(([name, q]) => [name, zh(q)]));
    if (month.change === null) expect(changeCol).toBe(-1);
    else expect(Object.fromEntries(values.slice(1).map((row) => [row[1], row[changeCol]]))).toEqual(month.change);

    // The summary sheet says how the cuts were chosen, and holds the migration and who came and went.
    const lines = wb.getValues(SUMMARY, 'A1:G200');
    const find = (first: string) => lines.find((l) => l[0] === first);
    expect(find(labels.CUT_AXIS_LABELS.share['zh-CN'])?.slice(1, 4)).toEqual([month.cuts.share.mode, expect.any(String), month.cuts.share.value]);
    expect(find(labels.CUT_AXIS_LABELS.loyalty['zh-CN'])?.[3]).toBe(month.cuts.loyalty.value);
    expect(find('沿用上期分界值')?.[1] ?? null).toBe(i === 0 ? null : '是');
    if (month.migration === null) {
      expect(matrixAt(lines, '象限迁移')).toBeNull();
      expect(r.previousMatch).toBeNull();
      return;
    }
    expect(matrixAt(lines, '象限迁移（行')).toEqual(inLabels(month.migration));
    expect(matrixAt(lines, '象限迁移的业务量')).toEqual(inLabels(month.migrationVolume));
    expect(r.previousMatch).toMatchObject({ source: SHEETS[i - 1], matchedById: month.matchedById, matchedByName: month.matchedByName });
    expect(find('本期新增客户')?.[1]).toBe(month.appeared.length);
    expect(find('上期有、本期无的客户')?.[1]).toBe(month.disappeared.length);
    expect(lines.filter((l) => l[0] === '新增').map((l) => l[2])).toEqual(month.appeared);
    expect(lines.filter((l) => l[0] === '消失').map((l) => [l[2], l[3]])).toEqual(
      month.disappeared.map((name) => [name, zh(SERIES[i - 1].quadrants.find(([n]) => n === name)?.[1] as Quadrant)]),
    );
  });

  test('every month keeps its own annotated columns, and the chart follows the latest month', () => {
    expect(outcomes).toHaveLength(3);
    for (const sheet of SHEETS) expect(wb.getValue(sheet, 'G1')).toBe(labels.OUTPUT_HEADERS.quadrant['zh-CN']);
    expect(wb.snapshot().charts.map((c) => c.sheet)).toEqual(['2026-03']);
    expect(wb.snapshot().sheets.filter((s) => s.name === SUMMARY)).toHaveLength(1);
  });
});
