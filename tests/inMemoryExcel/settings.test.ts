import { InMemoryWorkbook, InMemoryExcelError } from '../../src/inMemoryExcel';

describe('settings', () => {
  test('settings added in one run are read in another and survive a reopen from the snapshot', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const config = { schemaVersion: 1, mapping: { name: 'Name' }, weights: [0.5, 0.5], locale: 'zh-CN' };
    await wb.run(async (ctx) => {
      ctx.workbook.settings.add('portfolioMatrix.config', config);
    });
    const reopened = InMemoryWorkbook.fromSnapshot(JSON.parse(JSON.stringify(wb.snapshot())));
    const value = await reopened.run(async (ctx) => {
      const s = ctx.workbook.settings.getItemOrNullObject('portfolioMatrix.config');
      s.load('value');
      await ctx.sync();
      return s.isNullObject ? undefined : (s.value as unknown);
    });
    expect(value).toEqual(config);
  });

  test('a missing setting is a null object, getItem fails, and delete removes a setting', async () => {
    const wb = new InMemoryWorkbook(['S']);
    wb.setSetting('k', 1);
    await wb.run(async (ctx) => {
      const missing = ctx.workbook.settings.getItemOrNullObject('nope');
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      ctx.workbook.settings.getItem('k').delete();
    });
    expect(wb.getSetting('k')).toBeUndefined();
    await expect(
      wb.run(async (ctx) => {
        ctx.workbook.settings.getItem('k');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('a value JSON cannot carry is rejected at sync', async () => {
    const wb = new InMemoryWorkbook(['S']);
    await expect(
      wb.run(async (ctx) => {
        ctx.workbook.settings.add('f', () => 1);
      }),
    ).rejects.toBeInstanceOf(InMemoryExcelError);
    expect(wb.snapshot().settings).toEqual({});
  });

  test('settings are listed with their keys and values', async () => {
    const wb = new InMemoryWorkbook(['S']);
    wb.setSetting('a', 'x').setSetting('b', [1, 2]);
    await wb.run(async (ctx) => {
      const all = ctx.workbook.settings;
      all.load('items/key,items/value');
      await ctx.sync();
      expect(all.items.map((s) => [s.key, s.value])).toEqual([
        ['a', 'x'],
        ['b', [1, 2]],
      ]);
    });
  });

  test('the snapshot round-trips cells, formats, tables, hidden rows and selection', () => {
    const wb = new InMemoryWorkbook(['Data', 'Other sheet']);
    wb.setValues('Data', 'A1', [
      ['Name', 'Share'],
      ['Ann', 0.5],
    ]);
    wb.setNumberFormat('Data', 'B2', '0.00%').setFill('Data', 'A1:B1', '#DDEBF7').setBold('Data', 'A1:B1', true);
    wb.addTable('Data', 'A1:B2', 'Clients');
    wb.hideRows('Data', '2');
    wb.select('Other sheet', ['A1', 'C3:D4']);
    const snap = wb.snapshot();
    expect(InMemoryWorkbook.fromSnapshot(snap).snapshot()).toEqual(snap);
  });
});
