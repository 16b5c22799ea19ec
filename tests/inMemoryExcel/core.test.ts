import { InMemoryWorkbook, InMemoryExcelError } from '../../src/inMemoryExcel';
import { rejection } from './helpers';

function seeded(): InMemoryWorkbook {
  const wb = new InMemoryWorkbook(['Clients']);
  wb.setValues('Clients', 'A1', [
    ['Name', 'Balance', 'Products'],
    ['Ann', 100, 2],
    ['Bob', 250.5, 1],
    ['Cy', 0, 3],
  ]);
  return wb;
}

describe('loading and syncing', () => {
  test('values written in a batch are visible in the workbook only after sync', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Clients').getRange('D1:D2');
      r.values = [['Score'], [1]];
      expect(wb.getValues('Clients', 'D1:D2')).toEqual([[''], ['']]);
      await ctx.sync();
      expect(wb.getValues('Clients', 'D1:D2')).toEqual([['Score'], [1]]);
    });
  });

  test('a loaded range exposes address, size and values after sync', async () => {
    const wb = seeded();
    const out = await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Clients').getRange('A1:C4');
      r.load('address, rowIndex, columnIndex, rowCount, columnCount, values, numberFormat');
      await ctx.sync();
      return r.toJSON();
    });
    expect(out).toMatchObject({ address: 'Clients!A1:C4', rowIndex: 0, columnIndex: 0, rowCount: 4, columnCount: 3 });
    expect(out.values?.[2]).toEqual(['Bob', 250.5, 1]);
    expect(out.numberFormat?.[0]).toEqual(['General', 'General', 'General']);
  });

  test('reading a property that was not loaded throws PropertyNotLoaded', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Clients').getRange('A1');
      r.load('address');
      expect(() => r.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.address).toBe('Clients!A1');
      let err: InMemoryExcelError | undefined;
      try {
        void r.values;
      } catch (e) {
        err = e as InMemoryExcelError;
      }
      expect(err?.code).toBe('PropertyNotLoaded');
      expect(err?.debugInfo.errorLocation).toBe('Range.values');
      expect(err?.message).toMatch(/call the load method/);
    });
  });

  test('a value assigned in the batch reads back without a load, like office.js proxies', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Clients').getRange('E1');
      r.values = [['x']];
      expect(r.values).toEqual([['x']]);
      expect(() => r.numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  test('an unknown member fails loudly instead of returning undefined', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Clients').getRange('A1');
      const r = range as unknown as Record<string, unknown>;
      expect(() => r.formulasR1C1).toThrow('not implemented: Range.formulasR1C1');
      expect(() => range.getSpecialCells('Constants')).toThrow('not implemented: Range.getSpecialCells');
      expect(() => {
        r.hyperlink = 'x';
      }).toThrow(expect.objectContaining({ code: 'NotImplemented' }));
      expect(() => range.load('hyperlink')).toThrow('not implemented: Range.hyperlink');
    });
  });

  test('a sync with nothing queued counts as a sync but sends no request', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      await ctx.sync();
    });
    expect(wb.syncCount).toBe(1);
    expect(wb.roundTrips).toBe(0);
    expect(wb.requestBytes).toEqual([]);
  });

  test('each sync records the bytes of its request, and run flushes pending writes once', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      sheet.getRange('A10:B10').values = [['hello', 1]];
      await ctx.sync();
      sheet.getRange('A11:B11').values = [['a much longer string than before', 2]];
    });
    expect(wb.syncCount).toBe(2);
    expect(wb.requestBytes).toHaveLength(2);
    expect(wb.requestBytes[1]).toBeGreaterThan(wb.requestBytes[0] - 40);
    expect(wb.maxRequestBytes).toBe(Math.max(...wb.requestBytes));
    expect(wb.getValues('Clients', 'A11:B11')).toEqual([['a much longer string than before', 2]]);
  });

  test('empty cells read as empty strings and numeric text is stored as a number', async () => {
    const wb = new InMemoryWorkbook(['S']);
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:D1');
      r.values = [['29.96', "'007", true, '']];
      await ctx.sync();
      const back = ctx.workbook.worksheets.getItem('S').getRange('A1:E1');
      back.load('values');
      await ctx.sync();
      expect(back.values).toEqual([[29.96, '007', true, '', '']]);
    });
  });

  test('null in a 2-D values array leaves that cell unchanged', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Clients').getRange('A2:B2').values = [[null, 7]];
    });
    expect(wb.getValues('Clients', 'A2:B2')).toEqual([['Ann', 7]]);
  });
});

describe('strict writes', () => {
  test('values whose shape differs from the range fail the sync with InvalidArgument and nothing of the batch applies', async () => {
    const wb = seeded();
    const before = wb.snapshot();
    const err = await rejection(
      wb.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem('Clients');
        sheet.getRange('E1').values = [['written first']];
        sheet.getRange('A1:B2').values = [[1, 2, 3]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
    expect(err.name).toBe('RichApi.Error');
    expect(wb.snapshot()).toEqual(before);
  });

  test('a numberFormat array of the wrong shape fails with InvalidArgument', async () => {
    const wb = seeded();
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Clients').getRange('B2:B4').numberFormat = [['0.00']];
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  test('a scalar assigned to values is not a 2-D array and is rejected', async () => {
    const wb = seeded();
    const err = await rejection(
      wb.run(async (ctx) => {
        (ctx.workbook.worksheets.getItem('Clients').getRange('B2') as unknown as { values: unknown }).values = 5;
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  test('a request over 5 MB fails with RequestPayloadSizeLimitExceeded and writes nothing', async () => {
    const wb = new InMemoryWorkbook(['Big']);
    const rows = 100000;
    const block = Array.from({ length: rows }, (_, i) => [`client number ${i} with a fairly long name`, i * 1.5, 'Quadrant label text']);
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Big').getRangeByIndexes(0, 0, rows, 3).values = block;
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(wb.maxRequestBytes).toBeGreaterThan(5_000_000);
    expect(wb.getValues('Big', 'A1:C1')).toEqual([['', '', '']]);
  });

  test('a response over 5 MB fails with ResponsePayloadSizeLimitExceeded', async () => {
    const wb = new InMemoryWorkbook(['Big']);
    const rows = 100000;
    wb.setValues('Big', 'A1', Array.from({ length: rows }, (_, i) => [`client number ${i} with a fairly long name`, i * 1.5, 'Quadrant label text']));
    const err = await rejection(
      wb.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Big').getRangeByIndexes(0, 0, rows, 3);
        r.load('values');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  test('getItem of a missing worksheet fails the next sync with ItemNotFound', async () => {
    const wb = seeded();
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Nope');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });

  test('getItemOrNullObject of a missing worksheet gives a null object after sync', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const found = ctx.workbook.worksheets.getItemOrNullObject('clients');
      expect(() => ws.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(ws.isNullObject).toBe(true);
      expect(found.isNullObject).toBe(false);
    });
  });

  test('writing through a null object fails with ItemNotFound', async () => {
    const wb = seeded();
    const err = await rejection(
      wb.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject('Nope');
        ws.getRange('A1').values = [[1]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });
});

describe('load forms, toJSON and change notifications', () => {
  test('load accepts a string list, an array, select/expand and a nested object', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Clients');
      const a = s.getRange('A1:B2').load(['address', 'values']);
      const b = s.getRange('A1').load({ select: 'address', expand: 'format/fill' });
      const c = s.getRange('A1').load({ values: true, format: { font: { bold: true } } });
      const d = s.getRange('A1').load('format/fill/color, rowCount');
      await ctx.sync();
      expect(a.values).toEqual([
        ['Name', 'Balance'],
        ['Ann', 100],
      ]);
      expect(b.format.fill.color).toBe('#FFFFFF');
      expect(c.format.font.bold).toBe(false);
      expect(d.toJSON()).toEqual({ rowCount: 1, format: { fill: { color: '#FFFFFF' } } });
    });
  });

  test('set() assigns several properties, including nested ones', async () => {
    const wb = seeded();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Clients').getRange('A1:B1').set({ format: { fill: { color: '#FFFF00' }, font: { bold: true } } });
    });
    expect(wb.getFills('Clients', 'A1:B1')).toEqual([['#FFFF00', '#FFFF00']]);
  });

  test('listeners hear about syncs that change the workbook, not about reads or failed batches', async () => {
    const wb = seeded();
    const heard: number[] = [];
    const stop = wb.onChange(() => heard.push(wb.syncCount));
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Clients').getRange('A1').load('values');
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Clients').getRange('F1').values = [['x']];
      await ctx.sync();
    });
    await expect(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Clients').getRange('F1:F2').values = [['x']];
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    stop();
    wb.setValues('Clients', 'G1', [['after unsubscribe']]);
    expect(heard).toEqual([2]);
  });

  test('a range on a deleted worksheet can no longer be used', async () => {
    const wb = seeded().addSheet('Other');
    await expect(
      wb.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Other').getRange('A1');
        r.load('address');
        await ctx.sync();
        ctx.workbook.worksheets.getItem('Other').delete();
        await ctx.sync();
        r.values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});
