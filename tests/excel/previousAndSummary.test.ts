import { labels } from '../../src/domain';
import { CHART_NAME } from '../../src/excel';
import type { RunOutcome } from '../../src/excel/api';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { actionsFor, CONFIG, fixtureRows, options, seeded } from './helpers';

type Done = Extract<RunOutcome, { kind: 'done' }>;
const done = (o: RunOutcome): Done => {
  if (o.kind !== 'done') throw new Error(JSON.stringify(o));
  return o;
};

/** Last month on sheet "9月" (analysed by the add-in), this month on "10月": one client gone, one new. */
async function twoMonths() {
  const wb = new InMemoryWorkbook(['9月', '10月']);
  const actions = actionsFor(wb);
  const sept = fixtureRows();
  wb.setValues('9月', 'A1', sept);
  wb.select('9月', 'A1');
  const last = done(await actions.run(options()));
  const oct = fixtureRows().filter((_, i) => i !== 5);
  oct.push(oct[1].map((c, j) => (j === 0 ? 'C200000' : j === 1 ? '新客户有限公司' : c)));
  wb.setValues('10月', 'A1', oct);
  wb.select('10月', 'C3');
  return { wb, actions, last, sept, oct };
}

describe('last period from another sheet', () => {
  test('is matched by client ID, giving previous quadrant, change and migration', async () => {
    const { wb, actions, last, sept } = await twoMonths();
    const out = done(await actions.run(options({ previous: { kind: 'sheet', sheetName: '9月' } })));
    const m = out.result.previousMatch;
    expect(m?.source).toBe('9月');
    expect(m?.matchedById).toBe(sept.length - 2);
    expect(m?.appeared.map((a) => a.clientId)).toEqual(['C200000']);
    expect(m?.disappeared.map((d) => d.clientId)).toEqual([String(sept[5][0])]);
    expect(out.result.summary.migration).not.toBeNull();
    const headers = wb.getValues('10月', 'S1:AD1')[0];
    expect(headers.slice(9, 12)).toEqual(['上期象限', '象限变化', '数据问题']);
    // Row 1 is the same client in both months.
    expect(wb.getValue('10月', 'AB2')).toBe(labels.QUADRANT_LABELS[last.result.rows[0].quadrant]['zh-CN']);
    expect(wb.getValue('10月', `AC${out.result.rows.length + 1}`)).toBe('新增');
    // Last month's annotated sheet keeps its columns; its chart went with the data it showed.
    expect(wb.getValue('9月', 'U1')).toBe('客户象限');
    expect(wb.snapshot().charts.map((c) => c.sheet)).toEqual(['10月']);
  });

  test('that does not exist is refused before anything is written', async () => {
    const { wb, actions } = await twoMonths();
    const before = wb.snapshot();
    await expect(actions.run(options({ previous: { kind: 'sheet', sheetName: '8月' } }))).rejects.toMatchObject({ code: 'SHEET_NOT_FOUND' });
    expect(wb.snapshot()).toEqual(before);
  });

  test('without a quadrant column is refused with a message naming the sheet', async () => {
    const { wb, actions } = seeded();
    wb.addSheet('旧表');
    wb.setValues('旧表', 'A1', [['客户号', '备注'], ['C100000', 'x']]);
    const e = await actions.run(options({ previous: { kind: 'sheet', sheetName: '旧表' } })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'PREVIOUS_NOT_USABLE' });
    expect((e as { localized(l: string): string }).localized('zh-CN')).toMatch(/旧表/);
  });

  test('listSheets offers the sheets but not the summary', async () => {
    const { actions } = await twoMonths();
    expect(await actions.listSheets()).toEqual(['9月', '10月']);
  });
});

describe('the summary sheet', () => {
  test('says how the labels were made and holds the chart data', async () => {
    const { wb, actions, rows } = seeded();
    wb.hideRows('客户', '4');
    const out = done(await actions.run(options()));
    const snap = wb.sheetSnapshot('客户矩阵汇总');
    const cells = snap.values.flat().map(String);
    const rowOf = (label: string) => snap.values.find((r) => r[0] === label) ?? [];
    expect(cells).toContain('客户矩阵汇总');
    // Dates are serials that show as dates (tests/excel/fidelity.test.ts has the details).
    const line = (label: string) => snap.values.findIndex((r) => r[0] === label) + 1;
    expect(wb.getText('客户矩阵汇总', `B${line('分析日')}`)).toBe('2026-10-31');
    expect(wb.getText('客户矩阵汇总', `B${line('运行时间')}`)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rowOf('分析的表格')[1]).toBe(`客户!A1:R${rows.length}`);
    expect(rowOf('业务份额（纵轴）')[1]).toBe('pareto:0.8');
    expect(rowOf('业务份额（纵轴）')[3]).toBeCloseTo(out.result.cuts.share.value as number, 12);
    expect(rowOf('忠诚度得分（横轴）')[3]).toBeCloseTo(out.result.cuts.loyalty.value as number, 12);
    for (const c of out.result.components) expect(cells).toContain(labels.COMPONENT_LABELS[c]['zh-CN']);
    const loyal = rowOf('忠诚客户');
    expect(loyal[1]).toBe(out.result.summary.quadrants.LOYAL?.count ?? 0);
    expect(rowOf('高')[1]).toBe(out.result.summary.risks.HIGH ?? 0);
    expect(cells.some((c) => c.includes('隐藏或筛选'))).toBe(true);
    expect(cells.some((c) => c.includes('已流失客户'))).toBe(true);
    // Chart data: the series the chart reads.
    expect(wb.getValues('客户矩阵汇总', 'I2:L2')[0]).toEqual(['系列', '忠诚度得分 (X)', '业务份额 (Y)', '标签']);
    const chart = wb.snapshot().charts.find((c) => c.name === CHART_NAME);
    expect(chart?.series.every((s) => (s.xSource ?? '').startsWith("'客户矩阵汇总'!") || (s.xSource ?? '').startsWith('客户矩阵汇总!'))).toBe(true);
  });

  test('is refreshed in place: one sheet, nothing left over from a bigger run', async () => {
    const { wb, actions } = seeded();
    await actions.run(options());
    const first = wb.sheetSnapshot('客户矩阵汇总').values.length;
    await actions.run(options({ config: { ...CONFIG, asOf: '2026-11-30' } }));
    expect(wb.sheetNames()).toEqual(['客户', '客户矩阵汇总']);
    expect(wb.sheetSnapshot('客户矩阵汇总').values.length).toBe(first);
    expect(wb.getText('客户矩阵汇总', 'B6')).toBe('2026-11-30');
  });

  test('does not take over a sheet of the user with the same name', async () => {
    const { wb, actions } = seeded();
    wb.addSheet('客户矩阵汇总');
    wb.setValues('客户矩阵汇总', 'A1', [['我的笔记']]);
    const out = done(await actions.run(options()));
    expect(out.summarySheetName).toBe('客户矩阵汇总 (2)');
    expect(wb.getValue('客户矩阵汇总', 'A1')).toBe('我的笔记');
  });
});
