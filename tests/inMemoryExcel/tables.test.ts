import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { rejection } from './helpers';

function withTable(): { wb: InMemoryWorkbook; name: string } {
  const wb = new InMemoryWorkbook(['Clients']);
  wb.setValues('Clients', 'A1', [
    ['Name', 'Balance'],
    ['Ann', 100],
    ['Bob', 200],
  ]);
  wb.setValues('Clients', 'D1', [['user note']]);
  const name = wb.addTable('Clients', 'A1:B3', 'Clients');
  return { wb, name };
}

describe('tables', () => {
  test('a table is found from a selected cell with getTables and exposes its ranges', async () => {
    const { wb } = withTable();
    wb.select('Clients', 'B2');
    await wb.run(async (ctx) => {
      const tables = ctx.workbook.getSelectedRange().getTables(false);
      tables.load('items/name');
      await ctx.sync();
      expect(tables.items.map((t) => t.name)).toEqual(['Clients']);
      const t = tables.items[0];
      const all = t.getRange();
      const header = t.getHeaderRowRange();
      const body = t.getDataBodyRange();
      [all, header, body].forEach((r) => r.load('address'));
      header.load('values');
      t.rows.load('count');
      await ctx.sync();
      expect([all.address, header.address, body.address]).toEqual(['Clients!A1:B3', 'Clients!A1:B1', 'Clients!A2:B3']);
      expect(header.values).toEqual([['Name', 'Balance']]);
      expect(t.rows.count).toBe(2);
    });
  });

  test('getTables on a range without tables gives no items and getFirst fails with ItemNotFound', async () => {
    const { wb } = withTable();
    await wb.run(async (ctx) => {
      const tables = ctx.workbook.worksheets.getItem('Clients').getRange('F5').getTables();
      tables.load('items');
      await ctx.sync();
      expect(tables.items).toHaveLength(0);
    });
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Clients').getRange('F5').getTables().getFirst().load('name');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });

  test('columns.add without an index appends a named column and inserts cells so nothing beside the table is overwritten', async () => {
    const { wb } = withTable();
    await wb.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem('Clients');
      const col = t.columns.add(undefined, undefined, 'Quadrant');
      const body = col.getDataBodyRange();
      body.values = [['Loyal'], ['Star']];
      body.load('address');
      col.load('name, index');
      await ctx.sync();
      expect(body.address).toBe('Clients!C2:C3');
      expect(col.name).toBe('Quadrant');
      expect(col.index).toBe(2);
    });
    expect(wb.getValues('Clients', 'A1:E1')).toEqual([['Name', 'Balance', 'Quadrant', '', 'user note']]);
    expect(wb.snapshot().tables[0]).toMatchObject({ address: 'Clients!A1:C3', columns: ['Name', 'Balance', 'Quadrant'] });
  });

  test('columns.add with values writes header and data rows, and a wrong shape is rejected', async () => {
    const { wb } = withTable();
    await wb.run(async (ctx) => {
      ctx.workbook.tables.getItem('Clients').columns.add(undefined, [['Share'], [0.25], [0.75]]);
    });
    expect(wb.getValues('Clients', 'C1:C3')).toEqual([['Share'], [0.25], [0.75]]);
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.tables.getItem('Clients').columns.add(undefined, [['Only header']]);
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  test('a duplicate column name gets a number appended, as Excel does', async () => {
    const { wb } = withTable();
    await wb.run(async (ctx) => {
      ctx.workbook.tables.getItem('Clients').columns.add(undefined, undefined, 'Balance');
    });
    expect(wb.getValues('Clients', 'C1')).toEqual([['Balance2']]);
  });

  test('table columns are listed, found by name and deleted', async () => {
    const { wb } = withTable();
    await wb.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem('Clients');
      t.columns.add(undefined, undefined, 'Quadrant');
      await ctx.sync();
      t.columns.load('items/name');
      const missing = t.columns.getItemOrNullObject('Nope');
      await ctx.sync();
      expect(t.columns.items.map((c) => c.name)).toEqual(['Name', 'Balance', 'Quadrant']);
      expect(missing.isNullObject).toBe(true);
      t.columns.getItemOrNullObject('Quadrant').delete();
    });
    expect(wb.getValues('Clients', 'A1:D1')).toEqual([['Name', 'Balance', '', 'user note']]);
  });

  test('worksheet.tables.add creates a table with unique default name and fixed headers', async () => {
    const wb = new InMemoryWorkbook(['S']);
    wb.setValues('S', 'A1', [
      ['X', '', 'X'],
      [1, 2, 3],
    ]);
    await wb.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem('S').tables.add('A1:C2', true);
      t.load('name');
      await ctx.sync();
      expect(t.name).toBe('Table1');
    });
    expect(wb.getValues('S', 'A1:C1')).toEqual([['X', 'Column2', 'X2']]);
  });

  test('getItemOrNullObject on tables gives a null object for a missing name', async () => {
    const { wb } = withTable();
    await wb.run(async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject('Missing');
      const s = ctx.workbook.worksheets.getItem('Clients').tables.getItemOrNullObject('clients');
      await ctx.sync();
      expect(t.isNullObject).toBe(true);
      expect(s.isNullObject).toBe(false);
    });
  });

  test('tables cannot overlap', async () => {
    const { wb } = withTable();
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Clients').tables.add('B2:C4', true);
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  test('convertToRange keeps the cells and removes the table', async () => {
    const { wb } = withTable();
    await wb.run(async (ctx) => {
      ctx.workbook.tables.getItem('Clients').convertToRange();
    });
    expect(wb.snapshot().tables).toEqual([]);
    expect(wb.getValues('Clients', 'A1:B1')).toEqual([['Name', 'Balance']]);
  });
});
