import { AdapterError } from '../../src/excel';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { actionsFor, fixtureRows, options, seeded } from './helpers';

async function refusal(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    return e as AdapterError;
  }
  throw new Error('expected a refusal');
}

describe('finding the table', () => {
  test('one selected cell gives the region around it, header first', async () => {
    const { wb, actions, rows } = seeded({ topLeft: 'B3' });
    wb.select('客户', 'D7');
    const t = await actions.detectTable();
    expect(t.address).toBe('客户!B3:S15');
    expect(t.rowCount).toBe(rows.length - 1);
    expect(t.columnCount).toBe(rows[0].length);
    expect(t.headers).toEqual(rows[0]);
    expect(t.tableName).toBeNull();
    expect(t.mappingSaved).toBe(false);
    expect(t.mapping.volume).toEqual(['存款日均(万元)']);
    expect(t.mapping.client_id).toEqual(['客户号']);
    expect(t.hasHiddenRows).toBe(false);
  });

  test('a selected block is the table even when more data surrounds it', async () => {
    const { wb, actions } = seeded();
    wb.select('客户', 'A1:E6');
    const t = await actions.detectTable();
    expect(t.address).toBe('客户!A1:E6');
    expect(t.rowCount).toBe(5);
  });

  test('a whole-column selection is clipped to the used cells', async () => {
    const { wb, actions, rows } = seeded();
    wb.select('客户', 'A:R');
    const t = await actions.detectTable();
    expect(t.address).toBe(`客户!A1:R${rows.length}`);
  });

  test('a selection touching an Excel Table gives the whole Table', async () => {
    const { wb, actions, rows } = seeded();
    const name = wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    wb.select('客户', 'C4');
    const t = await actions.detectTable();
    expect(t.tableName).toBe(name);
    expect(t.address).toBe(`客户!A1:R${rows.length}`);
    expect(t.rowCount).toBe(rows.length - 1);
  });

  test('hidden rows are reported (all rows are still analysed)', async () => {
    const { wb, actions } = seeded();
    wb.hideRows('客户', '4:5');
    const t = await actions.detectTable();
    expect(t.hasHiddenRows).toBe(true);
  });
});

describe('refusals write nothing', () => {
  test('several selected areas are refused with a message naming them', async () => {
    const { wb, actions } = seeded();
    wb.select('客户', ['A1:B3', 'D5:E6']);
    const before = wb.snapshot();
    const e = await refusal(actions.run(options()));
    expect(e.code).toBe('MULTIPLE_AREAS');
    expect(e.localized('en-US')).toMatch(/2 separate areas/);
    expect(e.localized('zh-CN')).toMatch(/2 个不相连的区域/);
    expect(wb.snapshot()).toEqual(before);
    expect((await refusal(actions.detectTable())).code).toBe('MULTIPLE_AREAS');
  });

  test('an empty cell on an empty sheet is an empty region', async () => {
    const wb = new InMemoryWorkbook(['Sheet1']);
    wb.select('Sheet1', 'C3');
    const actions = actionsFor(wb);
    const before = wb.snapshot();
    expect((await refusal(actions.detectTable())).code).toBe('EMPTY_REGION');
    const e = await refusal(actions.run(options()));
    expect(e.code).toBe('EMPTY_REGION');
    expect(e.localized('en-US')).toMatch(/C3/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('a header without data rows is refused', async () => {
    const wb = new InMemoryWorkbook(['Sheet1']);
    wb.setValues('Sheet1', 'A1', [fixtureRows()[0]]);
    wb.select('Sheet1', 'B1');
    const actions = actionsFor(wb);
    const before = wb.snapshot();
    expect((await refusal(actions.detectTable())).code).toBe('NO_DATA_ROWS');
    const e = await refusal(actions.run(options()));
    expect(e.code).toBe('NO_DATA_ROWS');
    expect(e.localized('zh-CN')).toMatch(/没有客户数据/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('a mapped header that occurs twice is refused', async () => {
    const rows = fixtureRows();
    rows[0][1] = '客户号'; // the name column now has the ID's header too
    const { wb, actions } = seeded({ rows });
    const before = wb.snapshot();
    const e = await refusal(actions.run(options()));
    expect(e.code).toBe('DUPLICATE_MAPPED_HEADER');
    expect(e.localized('en-US')).toMatch(/"客户号" occurs 2 times/);
    expect(wb.snapshot()).toEqual(before);
    expect((await refusal(actions.detectTable())).code).toBe('DUPLICATE_MAPPED_HEADER');
  });

  test('a table without a volume column is refused with the domain message', async () => {
    const rows = fixtureRows().map((r) => r.filter((_, j) => j !== 3 && j !== 4));
    const { wb, actions } = seeded({ rows });
    const before = wb.snapshot();
    const e = await refusal(actions.run(options()));
    expect(e.code).toBe('ANALYSIS');
    expect(e.localized('zh-CN')).toMatch(/找不到业务量列/);
    expect(e.localized('en-US')).toMatch(/No volume column/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('a mapping naming a missing column is refused', async () => {
    const { wb, actions } = seeded();
    const before = wb.snapshot();
    const e = await refusal(actions.run(options({ config: { ...options().config, map: { volume: '余额' } } })));
    expect(e.code).toBe('ANALYSIS');
    expect(e.localized('en-US')).toMatch(/"余额"/);
    expect(wb.snapshot()).toEqual(before);
  });
});
