/**
 * The add-in in Traditional Chinese: a Traditional table analysed in zh-TW gives the codes of the
 * Simplified one; switching zh-CN ↔ zh-TW replaces the headers and renames the summary sheet in
 * place; last month's zh-TW annotated sheet is read back as the previous period.
 */
import { labels, outputHeaders, toTraditional } from '../../src/domain';
import { CHART_NAME } from '../../src/excel';
import type { RunOutcome } from '../../src/excel/api';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { actionsFor, CONFIG, fixtureRows, options, seeded, type Row } from './helpers';

type Done = Extract<RunOutcome, { kind: 'done' }>;
const done = (o: RunOutcome): Done => {
  if (o.kind !== 'done') throw new Error(JSON.stringify(o));
  return o;
};
const TW = { ...CONFIG, locale: 'zh-TW' as const };
/** The fixture in Traditional characters: headers, names, status and loan-class words. */
const traditional = (rows: Row[]): Row[] => rows.map((r) => r.map((c) => (typeof c === 'string' ? toTraditional(c) : c)));

test('a Traditional table in zh-TW: the codes of the Simplified table, Traditional headers and labels', async () => {
  const cn = done(await seeded().actions.run(options()));
  const { wb, actions, rows } = seeded({ rows: traditional(fixtureRows()), sheet: '客戶' });
  expect(rows[0].slice(0, 4)).toEqual(['客戶號', '客戶名稱', '客戶經理', '存款日均(萬元)']);
  // As Excel holds them (ISO date texts are typed into date serials as the user's cells were written).
  const before = wb.getValues('客戶', `A1:R${rows.length}`);
  const tw = done(await actions.run(options({ config: TW })));
  expect(tw.result.rows.map((r) => [r.quadrant, r.stage, r.risk, r.flags])).toEqual(cn.result.rows.map((r) => [r.quadrant, r.stage, r.risk, r.flags]));
  expect(wb.getValues('客戶', 'S1:AB1')[0]).toEqual(outputHeaders(tw.result, 'zh-TW'));
  expect(wb.getValue('客戶', 'U2')).toBe(labels.QUADRANT_LABELS[tw.result.rows[0].quadrant]['zh-TW']);
  expect(tw.summarySheetName).toBe('客戶矩陣彙總');
  const cells = wb.sheetSnapshot('客戶矩陣彙總').values.flat().map(String);
  expect(cells).toContain('業務份額（縱軸）');
  expect(cells).toContain('忠誠客戶');
  // The client's own cells are untouched.
  expect(wb.getValues('客戶', `A1:R${rows.length}`)).toEqual(before);
});

test('switching zh-CN → zh-TW → zh-CN replaces the headers and renames the summary sheet, one set each time', async () => {
  const { wb, actions } = seeded();
  const first = done(await actions.run(options()));
  const tw = done(await actions.run(options({ config: TW })));
  expect(tw.outputAddress).toBe(first.outputAddress);
  expect(wb.getValues('客户', 'S1:AB1')[0]).toEqual(outputHeaders(tw.result, 'zh-TW'));
  expect(wb.sheetNames()).toEqual(['客户', '客戶矩陣彙總']);
  done(await actions.run(options()));
  expect(wb.getValues('客户', 'S1:AB1')[0]).toEqual(outputHeaders(first.result, 'zh-CN'));
  expect(wb.sheetNames()).toEqual(['客户', '客户矩阵汇总']);
  const snap = wb.snapshot();
  expect(snap.sheets.find((s) => s.name === '客户')?.values[0].length).toBe(28);
  expect(snap.charts.filter((c) => c.name === CHART_NAME)).toHaveLength(1);
});

test('last month analysed in zh-TW is read back from its sheet: previous quadrants, migration, new and gone', async () => {
  const wb = new InMemoryWorkbook(['9月', '10月']);
  const actions = actionsFor(wb);
  const sept = traditional(fixtureRows());
  wb.setValues('9月', 'A1', sept);
  wb.select('9月', 'A1');
  const last = done(await actions.run(options({ config: TW })));
  expect(wb.getValue('9月', 'U1')).toBe('客戶象限');
  const oct = fixtureRows().filter((_, i) => i !== 5);
  wb.setValues('10月', 'A1', oct);
  wb.select('10月', 'C3');
  const out = done(await actions.run(options({ config: TW, previous: { kind: 'sheet', sheetName: '9月' } })));
  expect(out.result.previousMatch?.matchedById).toBe(sept.length - 2);
  expect(out.result.previousMatch?.disappeared.map((d) => d.clientId)).toEqual([String(sept[5][0])]);
  expect(out.result.rows[0].previousQuadrant).toBe(last.result.rows[0].quadrant);
  expect(out.result.summary.migration).not.toBeNull();
  expect(wb.getValues('10月', 'S1:AD1')[0].slice(9, 12)).toEqual(['上期象限', '象限變化', '數據問題']);
});
