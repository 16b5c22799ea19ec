import { labels, outputHeaders } from '../../src/domain';
import { CHART_NAME, SETTINGS_KEY } from '../../src/excel';
import type { RunOutcome, SavedState } from '../../src/excel/api';
import { CONFIG, fixtureRows, options, seeded } from './helpers';

type Done = Extract<RunOutcome, { kind: 'done' }>;

function done(o: RunOutcome): Done {
  if (o.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(o)}`);
  return o;
}

const ZH_HEADERS = ['业务份额', '忠诚度得分', '客户象限', '生命周期阶段', '流失风险', '预警信号', '流失类型', '处理优先级', '行动建议', '数据问题'];
const EN_HEADERS = ['Business share', 'Loyalty score', 'Quadrant', 'Lifecycle stage', 'Exit risk', 'Exit flags', 'Churn type', 'Priority', 'Recommended action', 'Data issues'];

describe('a plain range', () => {
  test('gets the output columns right of the table, headers in zh-CN, values from the domain', async () => {
    const { wb, actions, rows } = seeded();
    // As Excel stores the fixture (its ISO dates are date serials).
    const table = wb.getValues('客户', `A1:R${rows.length}`);
    const out = done(await actions.run(options()));
    expect(out.outputAddress).toBe(`客户!S1:AB${rows.length}`);
    expect(wb.getValues('客户', 'S1:AB1')[0]).toEqual(ZH_HEADERS);
    // Row 1 (C100000) is a Problem 1 client in the worked example.
    const first = wb.getValues('客户', 'S2:AB2')[0];
    expect(first[0]).toBeCloseTo(0.006576243321002877, 12);
    expect(first[1]).toBeCloseTo(49.166666666666664, 12);
    expect(first[2]).toBe('问题客户1');
    expect(first[3]).toBe('成熟期');
    expect(first[4]).toBe('无');
    // Every row's quadrant label is the domain's.
    const quadrants = wb.getValues('客户', `U2:U${rows.length}`).map((r) => r[0]);
    expect(quadrants).toEqual(out.result.rows.map((r) => labels.QUADRANT_LABELS[r.quadrant]['zh-CN']));
    // The user's table is untouched.
    expect(wb.getValues('客户', `A1:R${rows.length}`)).toEqual(table);
  });

  test('formats share as 0.00% and loyalty as 0.0, header bold', async () => {
    const { wb, actions, rows } = seeded();
    await actions.run(options());
    const n = rows.length;
    expect(wb.getNumberFormats('客户', `S2:S${n}`).every((r) => r[0] === '0.00%')).toBe(true);
    expect(wb.getNumberFormats('客户', `T2:T${n}`).every((r) => r[0] === '0.0')).toBe(true);
    expect(wb.getNumberFormats('客户', `U2:U${n}`).every((r) => r[0] === 'General')).toBe(true);
    expect(wb.sheetSnapshot('客户').bold?.[0]?.[18]).toBe(true);
  });

  test('colours quadrant and risk cells with a few conditional formats, not per-cell fills', async () => {
    const { wb, actions, rows } = seeded();
    const out = done(await actions.run(options()));
    out.result.rows.forEach((r, i) => {
      expect(wb.displayStyle('客户', `U${i + 2}`).fill).toBe(labels.QUADRANT_FILLS[r.quadrant]);
      expect(wb.displayStyle('客户', `W${i + 2}`).fill).toBe(labels.RISK_FILLS[r.risk]);
    });
    const cfs = wb.sheetSnapshot('客户').conditionalFormats ?? [];
    // One rule per quadrant and per coloured risk, whatever the row count, in en-US formula syntax.
    expect(cfs).toHaveLength(5 + 4);
    expect(cfs.map((c) => c.formula)).toContain('=U2="忠诚客户"');
    expect(cfs.find((c) => c.formula === '=U2="忠诚客户"')?.ranges).toEqual([`U2:U${rows.length}`]);
    expect(wb.getFills('客户', `U2:U${rows.length}`).flat().every((f) => f === null)).toBe(true);
  });

  test('writes en-US labels when the configuration says so', async () => {
    const { wb, actions, rows } = seeded();
    const out = done(await actions.run(options({ config: { ...CONFIG, locale: 'en-US' } })));
    expect(wb.getValues('客户', 'S1:AB1')[0]).toEqual(EN_HEADERS);
    expect(wb.getValue('客户', 'U2')).toBe('Problem 1 (loyal, small)');
    expect(out.summarySheetName).toBe('Matrix summary');
    expect(wb.displayStyle('客户', 'U2').fill).toBe(labels.QUADRANT_FILLS.PROBLEM_1);
    expect(wb.sheetNames()).toContain('Matrix summary');
    expect(wb.getValues('客户', `W2:W${rows.length}`).flat().every((v) => ['None', 'Low', 'Medium', 'High', 'Exited'].includes(String(v)))).toBe(true);
  });

  test('saves the configuration, the places it wrote and the cut values', async () => {
    const { wb, actions, rows } = seeded();
    const out = done(await actions.run(options()));
    const state = await actions.loadState();
    expect(state).not.toBeNull();
    const s = state as SavedState;
    expect(s.schemaVersion).toBe(1);
    expect(s.config.locale).toBe('zh-CN');
    expect(s.config.map?.volume).toEqual(['存款日均(万元)']);
    expect(s.table).toEqual({ sheetName: '客户', address: `客户!A1:R${rows.length}`, tableName: null });
    expect(s.output).toEqual({ sheetName: '客户', address: out.outputAddress, headers: ZH_HEADERS });
    expect(s.chartName).toBe(CHART_NAME);
    expect(s.summarySheetName).toBe('客户矩阵汇总');
    expect(s.lastCuts).toEqual({ share: out.result.cuts.share.value, loyalty: out.result.cuts.loyalty.value, asOf: '2026-10-31' });
    expect(typeof wb.getSetting(SETTINGS_KEY)).toBe('string');
  });

  test('reports progress per phase', async () => {
    const { actions } = seeded();
    const phases: string[] = [];
    await actions.run(options({ onProgress: (p) => phases.push(`${p.phase}:${p.done}/${p.total}`) }));
    expect(phases).toEqual(['read:12/12', 'analyze:0/1', 'analyze:1/1', 'write:12/12', 'chart:0/1', 'chart:1/1', 'summary:1/1']);
  });
});

describe('re-running', () => {
  test('overwrites its own columns in place: no second set, no second chart', async () => {
    const { wb, actions, rows } = seeded();
    const table = wb.getValues('客户', `A1:R${rows.length}`);
    const first = done(await actions.run(options()));
    wb.select('客户', 'U5'); // a cell of the add-in's own output
    const second = done(await actions.run(options()));
    expect(second.outputAddress).toBe(first.outputAddress);
    const snap = wb.snapshot();
    const sheet = snap.sheets.find((s) => s.name === '客户');
    expect(sheet?.values[0].length).toBe(28); // A:R + S:AB, nothing further right
    expect(snap.charts.filter((c) => c.name === CHART_NAME)).toHaveLength(1);
    expect(snap.sheets.filter((s) => s.name.startsWith('客户矩阵汇总'))).toHaveLength(1);
    expect(wb.sheetSnapshot('客户').conditionalFormats).toHaveLength(9);
    expect(wb.getValues('客户', `A1:R${rows.length}`)).toEqual(table);
  });

  test('a switch of language replaces the headers in place and renames the summary sheet', async () => {
    const { wb, actions } = seeded();
    await actions.run(options());
    const out = done(await actions.run(options({ config: { ...CONFIG, locale: 'en-US' } })));
    expect(out.outputAddress.startsWith('客户!S1:AB')).toBe(true);
    expect(wb.getValues('客户', 'S1:AB1')[0]).toEqual(EN_HEADERS);
    expect(wb.sheetNames()).toEqual(['客户', 'Matrix summary']);
  });

  test('a previous-quadrant column adds the two migration columns; dropping it drops them, still one set', async () => {
    const rows = fixtureRows().map((r, i) => [...r, i === 0 ? '上期象限' : i % 2 ? '忠诚客户' : '一般客户']);
    const { wb, actions } = seeded({ rows });
    const out = done(await actions.run(options()));
    expect(out.result.summary.migration).not.toBeNull();
    expect(wb.getValues('客户', 'T1:AE1')[0]).toEqual(outputHeaders(out.result, 'zh-CN'));
    expect(out.outputAddress).toBe(`客户!T1:AE${rows.length}`);
    // Without the column mapped, ten columns in the same place and the last two cleared.
    const map = { ...(await actions.loadState())?.config.map };
    delete map.quadrant_prev;
    const again = done(await actions.run(options({ config: { ...CONFIG, map } })));
    expect(again.outputAddress).toBe(`客户!T1:AC${rows.length}`);
    expect(wb.getValues('客户', 'AD1:AE1')[0]).toEqual(['', '']);
    expect(wb.sheetSnapshot('客户').conditionalFormats).toHaveLength(9);
    expect(wb.snapshot().charts).toHaveLength(1);
  });

  test('reusing last cuts runs with fixed cuts equal to the saved ones', async () => {
    const { actions } = seeded();
    const first = done(await actions.run(options()));
    const second = done(await actions.run(options({ reuseLastCuts: true })));
    expect(second.config.shareCut).toBe(`fixed:${first.result.cuts.share.value}`);
    expect(second.config.loyaltyCut).toBe(`fixed:${first.result.cuts.loyalty.value}`);
    expect(second.result.rows.map((r) => r.quadrant)).toEqual(first.result.rows.map((r) => r.quadrant));
    // The saved configuration keeps the user's modes.
    expect((await actions.loadState())?.config.shareCut).toBe('pareto:0.8');
  });
});

describe('a value of the user in the way', () => {
  test('is reported and nothing is written (placement ask)', async () => {
    const { wb, actions } = seeded();
    wb.setValues('客户', 'W5', [['备注：勿删']]);
    const before = wb.snapshot();
    const out = await actions.run(options());
    expect(out).toEqual({ kind: 'occupied', address: '客户!W5' });
    expect(wb.snapshot()).toEqual(before);
  });

  test('is kept, and the output goes after the last used column (placement afterUsed)', async () => {
    const { wb, actions, rows } = seeded();
    wb.setValues('客户', 'W5', [['备注：勿删']]);
    const out = done(await actions.run(options({ placement: 'afterUsed' })));
    expect(out.outputAddress).toBe(`客户!X1:AG${rows.length}`);
    expect(wb.getValue('客户', 'W5')).toBe('备注：勿删');
    expect(wb.getValues('客户', 'X1:AG1')[0]).toEqual(ZH_HEADERS);
    // A re-run finds its relocated columns and writes there again (no second set).
    const again = done(await actions.run(options()));
    expect(again.outputAddress).toBe(out.outputAddress);
    expect(wb.getValue('客户', 'W5')).toBe('备注：勿删');
    expect(wb.getValues('客户', 'S1:V1')[0]).toEqual(['', '', '', '']);
  });

  test('below the add-in\'s old block when the table has grown is also reported', async () => {
    const { wb, actions, rows } = seeded();
    await actions.run(options());
    wb.setValues('客户', `A${rows.length + 1}`, [rows[1].map((c, j) => (j === 0 ? 'C999999' : c))]);
    wb.setValues('客户', `U${rows.length + 1}`, [['手写']]);
    const out = await actions.run(options());
    expect(out).toEqual({ kind: 'occupied', address: `客户!U${rows.length + 1}` });
  });
});

describe('an Excel Table', () => {
  test('gets its output as table columns, written once, and a re-run reuses them', async () => {
    const { wb, actions, rows } = seeded();
    const name = wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    wb.select('客户', 'B2');
    const out = done(await actions.run(options()));
    const t = wb.snapshot().tables.find((x) => x.name === name);
    expect(t?.columns.slice(18)).toEqual(ZH_HEADERS);
    expect(t?.address).toBe(`客户!A1:AB${rows.length}`);
    expect(out.outputAddress).toBe(`客户!S1:AB${rows.length}`);
    expect(wb.getValue('客户', 'U2')).toBe('问题客户1');
    done(await actions.run(options()));
    const t2 = wb.snapshot().tables.find((x) => x.name === name);
    expect(t2?.columns).toHaveLength(28);
    expect(wb.sheetSnapshot('客户').conditionalFormats).toHaveLength(9);
    expect(wb.snapshot().charts).toHaveLength(1);
  });

  test('with a user value right of it asks first, and afterUsed writes plain columns further right', async () => {
    const { wb, actions, rows } = seeded();
    const name = wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    wb.setValues('客户', 'T3', [[42]]);
    const before = wb.snapshot();
    expect(await actions.run(options())).toEqual({ kind: 'occupied', address: '客户!T3' });
    expect(wb.snapshot()).toEqual(before);
    const out = done(await actions.run(options({ placement: 'afterUsed' })));
    expect(out.outputAddress).toBe(`客户!U1:AD${rows.length}`);
    expect(wb.snapshot().tables.find((t) => t.name === name)?.columns).toHaveLength(18);
    expect(wb.getValue('客户', 'T3')).toBe(42);
    await actions.removeResults();
    expect(wb.snapshot()).toEqual(before);
  });

  test('a switch of language replaces the table columns', async () => {
    const { wb, actions, rows } = seeded();
    const name = wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    await actions.run(options());
    await actions.run(options({ config: { ...CONFIG, locale: 'en-US' } }));
    const t = wb.snapshot().tables.find((x) => x.name === name);
    expect(t?.columns.slice(18)).toEqual(EN_HEADERS);
    expect(t?.columns).toHaveLength(28);
  });
});

describe('cancelling', () => {
  test('before the writes leaves the workbook as it was', async () => {
    const { wb, actions } = seeded();
    const before = wb.snapshot();
    const ac = new AbortController();
    const out = await actions.run(options({ signal: ac.signal, onProgress: (p) => p.phase === 'analyze' && ac.abort() }));
    expect(out).toEqual({ kind: 'cancelled' });
    expect(wb.snapshot()).toEqual(before);
  });

  test('between write blocks rolls back to no output', async () => {
    const { wb, actions } = seeded();
    const before = wb.snapshot();
    const ac = new AbortController();
    const out = await actions.run(options({ blockRows: 4, signal: ac.signal, onProgress: (p) => p.phase === 'write' && ac.abort() }));
    expect(out).toEqual({ kind: 'cancelled' });
    expect(wb.snapshot()).toEqual(before);
  });
});
