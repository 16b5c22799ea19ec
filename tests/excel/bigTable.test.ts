import { syntheticTable } from '../../bench/synthetic';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { actionsFor, col, options } from './helpers';

describe('a big table', () => {
  test('of 100,000 rows is read, analysed, written and charted within 4 + 2·⌈rows/blockRows⌉ syncs, no request over 5 MB', async () => {
    const rows = Number(process.env.BIG_ROWS ?? 100_000);
    const blockRows = 10_000;
    const wb = new InMemoryWorkbook(['客户']);
    wb.setValues('客户', 'A1', syntheticTable(rows));
    wb.select('客户', 'B2');
    wb.resetCounters();
    const out = await actionsFor(wb).run(options({ blockRows }));
    expect(out.kind).toBe('done');
    const budget = 4 + 2 * Math.ceil(rows / blockRows);
    expect(wb.syncCount).toBeLessThanOrEqual(budget);
    expect(wb.maxRequestBytes).toBeLessThanOrEqual(5_000_000);
    expect(wb.maxResponseBytes).toBeLessThanOrEqual(5_000_000);
  }, 120_000);

  test('as an Excel Table, and re-run in place, stays within the same budget', async () => {
    const rows = 30_000;
    const blockRows = 10_000;
    const wb = new InMemoryWorkbook(['客户']);
    const table = syntheticTable(rows);
    wb.setValues('客户', 'A1', table);
    wb.addTable('客户', `A1:${col(table[0].length - 1)}${rows + 1}`, 'Big');
    wb.select('客户', 'C3');
    const actions = actionsFor(wb);
    const budget = 4 + 2 * Math.ceil(rows / blockRows);
    for (const run of ['first', 'again']) {
      wb.resetCounters();
      expect((await actions.run(options({ blockRows }))).kind).toBe('done');
      expect([run, wb.syncCount <= budget]).toEqual([run, true]);
      expect(wb.maxRequestBytes).toBeLessThanOrEqual(5_000_000);
    }
    expect(wb.snapshot().tables[0].columns).toHaveLength(table[0].length + 12);
  }, 120_000);
});
