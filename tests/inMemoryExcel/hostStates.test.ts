/**
 * What real Excel refuses that a plain workbook allows: a chart selected instead of cells, protected
 * sheets and workbooks, cell edit mode (and delayForCellEdit), requirement sets, Tables that grow, have a
 * totals row or cannot take another column.
 */
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { rejection } from './helpers';

function withChart(): InMemoryWorkbook {
  const wb = new InMemoryWorkbook(['Data']);
  wb.setValues('Data', 'A1', [['x', 'y'], [1, 2], [3, 4]]);
  return wb;
}

async function addChart(wb: InMemoryWorkbook, name = 'C'): Promise<void> {
  await wb.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem('Data');
    sheet.charts.add('XYScatter', sheet.getRange('A1:B3'), 'Columns').name = name;
    await ctx.sync();
  });
}

describe('a selected chart', () => {
  test('getSelectedRange and getSelectedRanges fail with InvalidSelection; selecting cells again ends it', async () => {
    const wb = withChart();
    await addChart(wb);
    wb.selectChart('Data', 'C');
    expect(wb.selectedChart()).toBe('C');
    for (const get of ['getSelectedRange', 'getSelectedRanges'] as const) {
      const err = await rejection(
        wb.run(async (ctx) => {
          ctx.workbook[get]().load('address');
          await ctx.sync();
        }),
      );
      expect(err).toMatchObject({ code: 'InvalidSelection', debugInfo: { errorLocation: `Workbook.${get}` } });
    }
    // Reading other things still works while the chart is selected.
    const names = await wb.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      return sheets.items.map((s) => s.name);
    });
    expect(names).toEqual(['Data']);
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('B2').select();
      await ctx.sync();
    });
    expect(wb.selectedChart()).toBeNull();
    const address = await wb.run(async (ctx) => {
      const r = ctx.workbook.getSelectedRange().load('address');
      await ctx.sync();
      return r.address;
    });
    expect(address).toBe('Data!B2');
  });
});

describe('protection', () => {
  test('a protected sheet refuses values, formats, Table columns and charts with AccessDenied, and changes nothing', async () => {
    const wb = withChart();
    wb.addTable('Data', 'A1:B3', 'T');
    wb.protectSheet('Data');
    const before = wb.snapshot();
    const writes: Array<(s: Excel.Worksheet, ctx: Excel.RequestContext) => void> = [
      (s) => (s.getRange('D1').values = [['x']]),
      (s) => (s.getRange('A2').numberFormat = [['0.0']]),
      (s) => (s.getRange('A2').format.fill.color = '#FF0000'),
      (s) => s.getRange('A1:B3').clear('All'),
      (s, ctx) => ctx.workbook.tables.getItem('T').columns.add(null as unknown as number, undefined, 'New'),
      (s) => s.charts.add('XYScatter', s.getRange('A1:B3'), 'Columns'),
    ];
    for (const w of writes) {
      const err = await rejection(
        wb.run(async (ctx) => {
          w(ctx.workbook.worksheets.getItem('Data'), ctx);
          await ctx.sync();
        }),
      );
      expect(err.code).toBe('AccessDenied');
    }
    expect(wb.snapshot()).toEqual(before);
    // Reading, selecting and the add-in's settings are not cell content.
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Data');
      s.getRange('A1:B3').load('values');
      s.getRange('A2').select();
      ctx.workbook.settings.add('k', 'v');
      const p = s.protection.load('protected');
      await ctx.sync();
      expect(p.protected).toBe(true);
    });
    expect(wb.getSetting('k')).toBe('v');
  });

  test('allowFormatCells lets formats through (values stay refused); allowEditObjects lets charts through', async () => {
    const wb = withChart();
    wb.protectSheet('Data', { allowFormatCells: true, allowEditObjects: true });
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Data');
      s.getRange('A2').format.font.bold = true;
      s.charts.add('XYScatter', s.getRange('A1:B3'), 'Columns');
      await ctx.sync();
    });
    expect(wb.snapshot().charts).toHaveLength(1);
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRange('A2').values = [[9]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('AccessDenied');
    wb.unprotectSheet('Data');
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('A2').values = [[9]];
      await ctx.sync();
    });
    expect(wb.getValue('Data', 'A2')).toBe(9);
  });

  test('a protected workbook structure refuses adding, renaming and deleting sheets, not writing cells', async () => {
    const wb = withChart().addSheet('Other');
    wb.protectWorkbook();
    for (const w of [
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.add('New'),
      (ctx: Excel.RequestContext) => (ctx.workbook.worksheets.getItem('Other').name = 'Renamed'),
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem('Other').delete(),
    ]) {
      const err = await rejection(
        wb.run(async (ctx) => {
          w(ctx);
          await ctx.sync();
        }),
      );
      expect(err.code).toBe('AccessDenied');
    }
    expect(wb.sheetNames()).toEqual(['Data', 'Other']);
    const isProtected = await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('D1').values = [['ok']];
      const p = ctx.workbook.protection.load('protected');
      await ctx.sync();
      return p.protected;
    });
    expect(isProtected).toBe(true);
    expect(wb.getValue('Data', 'D1')).toBe('ok');
  });
});

describe('cell edit mode', () => {
  const write = (ctx: Excel.RequestContext) => {
    ctx.workbook.worksheets.getItem('Data').getRange('D1').values = [['late']];
    return ctx.sync();
  };

  test('a batch fails with InvalidOperationInCellEditMode and writes nothing', async () => {
    const wb = withChart().setApiVersion('1.11').startCellEdit();
    const err = await rejection(wb.run(write));
    expect(err.code).toBe('InvalidOperationInCellEditMode');
    expect(wb.getValue('Data', 'D1')).toBe('');
  });

  test('with delayForCellEdit (ExcelApi 1.11) the batch waits for the user to leave the cell', async () => {
    const wb = withChart().setApiVersion('1.11').startCellEdit();
    let finished = false;
    const run = wb.run({ delayForCellEdit: true }, write).then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(finished).toBe(false);
    expect(wb.getValue('Data', 'D1')).toBe('');
    wb.endCellEdit();
    await run;
    expect(wb.getValue('Data', 'D1')).toBe('late');
  });

  test('an Excel older than 1.11 ignores delayForCellEdit: the batch fails as without it', async () => {
    const wb = withChart().setApiVersion('1.10').startCellEdit();
    const err = await rejection(wb.run({ delayForCellEdit: true }, write));
    expect(err.code).toBe('InvalidOperationInCellEditMode');
  });

  test('isSetSupported answers for the version the model claims (default: the manifest minimum, 1.9)', () => {
    const wb = new InMemoryWorkbook();
    expect(wb.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(wb.isSetSupported('ExcelApi', '1.11')).toBe(false);
    wb.setApiVersion('1.12');
    expect(wb.isSetSupported('ExcelApi', '1.11')).toBe(true);
    expect(wb.isSetSupported('ExcelApi', '1.13')).toBe(false);
    expect(wb.isSetSupported('WordApi', '1.1')).toBe(false);
  });
});

describe('Tables', () => {
  const table = () => {
    const wb = new InMemoryWorkbook(['S']);
    wb.setValues('S', 'A1', [['id', 'v'], [1, 10], [2, 20]]);
    wb.addTable('S', 'A1:B3', 'T');
    return wb;
  };
  const address = (wb: InMemoryWorkbook) => wb.snapshot().tables[0].address;

  test('values written right below or right beside a Table make it grow (autoexpansion)', async () => {
    const wb = table();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A4:B4').values = [[3, 30]];
      await ctx.sync();
    });
    expect(address(wb)).toBe('S!A1:B4');
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('C2:C4').values = [['a'], ['b'], ['c']];
      await ctx.sync();
    });
    expect(address(wb)).toBe('S!A1:C4');
    expect(wb.snapshot().tables[0].columns).toEqual(['id', 'v', 'Column3']);
    // A cell that does not touch the Table leaves it alone.
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('E1').values = [['far']];
      await ctx.sync();
    });
    expect(address(wb)).toBe('S!A1:C4');
  });

  test('a totals row sits below the body; getRange includes it, the body does not, and the Table no longer grows down', async () => {
    const wb = table();
    const got = await wb.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem('T');
      t.showTotals = true;
      const all = t.getRange().load('address');
      const body = t.getDataBodyRange().load('address');
      const total = t.getTotalRowRange().load('values');
      await ctx.sync();
      return { all: all.address, body: body.address, total: total.values };
    });
    expect(got).toEqual({ all: 'S!A1:B4', body: 'S!A2:B3', total: [['Total', '']] });
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A5').values = [['below']];
      ctx.workbook.tables.getItem('T').columns.add(null as unknown as number, undefined, 'w');
      await ctx.sync();
    });
    // The new column covers the totals row too; the cell below the totals row stays outside.
    expect(wb.getValues('S', 'A4:C5')).toEqual([['Total', '', ''], ['below', '', '']]);
    expect(address(wb)).toBe('S!A1:C3');
  });

  test('adding a column fails with NonBlankCellOffSheet when a cell of its rows is in XFD, with OperationCellsExceedLimit when too many cells would move', async () => {
    const wb = table();
    wb.setValues('S', 'XFD2', [['edge']]);
    const add = (w: InMemoryWorkbook) =>
      w.run(async (ctx) => {
        ctx.workbook.tables.getItem('T').columns.add(null as unknown as number, undefined, 'new');
        await ctx.sync();
      });
    expect((await rejection(add(wb))).code).toBe('NonBlankCellOffSheet');
    expect(wb.getValue('S', 'XFD2')).toBe('edge');

    const big = new InMemoryWorkbook(['S']);
    const rows: (string | number)[][] = [['id']];
    for (let i = 1; i < 3000; i++) rows.push([i]);
    big.setValues('S', 'A1', rows);
    big.addTable('S', `A1:A${rows.length}`, 'T');
    // 3,000 rows × ~16,000 columns to the last used one: over 33,554,000 cells.
    big.setValues('S', 'XFA1', [['note']]);
    expect((await rejection(add(big))).code).toBe('OperationCellsExceedLimit');
    expect(big.snapshot().tables[0].columns).toEqual(['id']);
  });
});
