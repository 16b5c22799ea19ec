import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { rejection } from './helpers';

function grid(): InMemoryWorkbook {
  // B2:D5 is one block; F2 is separated by the blank column E; B8 by blank rows 6–7.
  const wb = new InMemoryWorkbook(['Data', 'My Sheet']);
  wb.setValues('Data', 'B2', [
    ['Name', 'Share', 'Score'],
    ['A', 0.1, 5],
    ['B', '', 6],
    ['C', 0.3, ''],
  ]);
  wb.setValues('Data', 'F2', [['island']]);
  wb.setValues('Data', 'B8', [['below']]);
  return wb;
}

async function address(wb: InMemoryWorkbook, make: (ctx: Excel.RequestContext) => Excel.Range): Promise<string> {
  return wb.run(async (ctx) => {
    const r = make(ctx);
    r.load('address');
    await ctx.sync();
    return r.address;
  });
}

describe('surrounding region', () => {
  test('the region around one cell stops at blank rows and blank columns', async () => {
    const wb = grid();
    expect(await address(wb, (ctx) => ctx.workbook.worksheets.getItem('Data').getRange('C3').getSurroundingRegion())).toBe('Data!B2:D5');
  });

  test('blank cells inside the block do not split the region', async () => {
    const wb = grid();
    expect(await address(wb, (ctx) => ctx.workbook.worksheets.getItem('Data').getRange('D5').getSurroundingRegion())).toBe('Data!B2:D5');
  });

  test('a diagonal neighbour joins the region and can bring in blocks that now touch it, as CurrentRegion does', async () => {
    const wb = grid();
    wb.setValues('Data', 'E6', [['diag']]);
    // E6 touches D5 diagonally; once column E is in, F2 touches the region too.
    expect(await address(wb, (ctx) => ctx.workbook.worksheets.getItem('Data').getRange('B2').getSurroundingRegion())).toBe('Data!B2:F6');
  });

  test('the region of a blank isolated cell is the cell itself', async () => {
    const wb = grid();
    expect(await address(wb, (ctx) => ctx.workbook.worksheets.getItem('Data').getRange('J20').getSurroundingRegion())).toBe('Data!J20');
  });

  test('the region of a multi-cell range is the region of its top-left cell', async () => {
    const wb = grid();
    expect(await address(wb, (ctx) => ctx.workbook.worksheets.getItem('Data').getRange('B8:F9').getSurroundingRegion())).toBe('Data!B8');
  });
});

describe('addresses and range arithmetic', () => {
  test('sheet names with spaces are quoted in addresses', async () => {
    const wb = grid();
    expect(await address(wb, (ctx) => ctx.workbook.worksheets.getItem('My Sheet').getRange('A1:C3'))).toBe("'My Sheet'!A1:C3");
  });

  test('getRangeByIndexes, resize, offset and columnsAfter address the expected cells', async () => {
    const wb = grid();
    const s = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem('Data');
    expect(await address(wb, (ctx) => s(ctx).getRangeByIndexes(1, 1, 4, 3))).toBe('Data!B2:D5');
    expect(await address(wb, (ctx) => s(ctx).getRange('B2:D5').getResizedRange(0, 2))).toBe('Data!B2:F5');
    expect(await address(wb, (ctx) => s(ctx).getRange('B2:D5').getAbsoluteResizedRange(1, 1))).toBe('Data!B2');
    expect(await address(wb, (ctx) => s(ctx).getRange('B2:D5').getOffsetRange(1, 3))).toBe('Data!E3:G6');
    expect(await address(wb, (ctx) => s(ctx).getRange('B2:D5').getColumnsAfter(2))).toBe('Data!E2:F5');
    expect(await address(wb, (ctx) => s(ctx).getRange('B2:D5').getRow(1))).toBe('Data!B3:D3');
    expect(await address(wb, (ctx) => s(ctx).getRange('B2:D5').getColumn(2))).toBe('Data!D2:D5');
    expect(await address(wb, (ctx) => s(ctx).getRange('B2:D5').getCell(3, 2))).toBe('Data!D5');
    expect(await address(wb, (ctx) => s(ctx).getRange('B:C'))).toBe('Data!B:C');
  });

  test('a range pushed off the grid fails with InvalidArgument at sync', async () => {
    const wb = grid();
    const err = await rejection(
      wb.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Data').getRange('A1').getOffsetRange(-1, 0);
        r.load('address');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  test('getIntersectionOrNullObject is null for disjoint ranges and the overlap otherwise', async () => {
    const wb = grid();
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Data');
      const none = s.getRange('A1:B2').getIntersectionOrNullObject('D4:E5');
      const some = s.getRange('A1:C3').getIntersectionOrNullObject(s.getRange('B2:D5'));
      some.load('address');
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      expect(some.address).toBe('Data!B2:C3');
    });
  });

  test('the used range covers values, and a blank sheet gives A1 or a null object', async () => {
    const wb = grid();
    wb.setFill('Data', 'H12', '#FF0000');
    await wb.run(async (ctx) => {
      const data = ctx.workbook.worksheets.getItem('Data');
      const valuesOnly = data.getUsedRange(true);
      const all = data.getUsedRange();
      const blank = ctx.workbook.worksheets.getItem('My Sheet').getUsedRange();
      const blankOrNull = ctx.workbook.worksheets.getItem('My Sheet').getUsedRangeOrNullObject();
      [valuesOnly, all, blank].forEach((r) => r.load('address'));
      await ctx.sync();
      expect(valuesOnly.address).toBe('Data!B2:F8');
      expect(all.address).toBe('Data!B2:H12');
      expect(blank.address).toBe("'My Sheet'!A1");
      expect(blankOrNull.isNullObject).toBe(true);
    });
  });

  test('Range.getUsedRange throws ItemNotFound when the range has no used cells', async () => {
    const wb = grid();
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRange('Z1:Z5').getUsedRange().load('address');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemNotFound');
  });
});

describe('selection', () => {
  test('getSelectedRange returns the single selected area', async () => {
    const wb = grid();
    wb.select('Data', 'C3');
    expect(await address(wb, (ctx) => ctx.workbook.getSelectedRange())).toBe('Data!C3');
  });

  test('getSelectedRange fails with InvalidSelection when several areas are selected', async () => {
    const wb = grid();
    wb.select('Data', ['B2:B5', 'D2:D5']);
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.getSelectedRange().load('address');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('InvalidSelection');
  });

  test('getSelectedRanges reports every area', async () => {
    const wb = grid();
    wb.select('Data', ['B2:B5', 'D2:D5']);
    await wb.run(async (ctx) => {
      const areas = ctx.workbook.getSelectedRanges();
      areas.load('areaCount, address');
      areas.areas.load('items/address');
      await ctx.sync();
      expect(areas.areaCount).toBe(2);
      expect(areas.address).toBe('Data!B2:B5, Data!D2:D5');
      expect(areas.areas.items.map((r) => r.address)).toEqual(['Data!B2:B5', 'Data!D2:D5']);
    });
  });

  test('Range.select makes the range the selection', async () => {
    const wb = grid();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('My Sheet').getRange('B2:C3').select();
    });
    expect(wb.selection()).toEqual({ sheet: 'My Sheet', areas: ['B2:C3'] });
    expect(wb.activeSheet()).toBe('My Sheet');
  });
});

describe('formats and hidden rows', () => {
  test('number formats, fills, bold and wrap are stored per cell and read back', async () => {
    const wb = grid();
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Data').getRange('C3:C5');
      r.numberFormat = [['0.00%'], ['0.00%'], ['0.00%']];
      r.format.fill.color = '#c6efce';
      r.format.font.bold = true;
      r.format.wrapText = false;
      r.format.autofitColumns();
      await ctx.sync();
      const back = ctx.workbook.worksheets.getItem('Data').getRange('C3:C5');
      back.load('numberFormat, text');
      back.format.fill.load('color');
      back.format.font.load('bold');
      const mixed = ctx.workbook.worksheets.getItem('Data').getRange('C2:C3');
      mixed.format.fill.load('color');
      await ctx.sync();
      expect(back.numberFormat).toEqual([['0.00%'], ['0.00%'], ['0.00%']]);
      expect(back.text).toEqual([['10.00%'], [''], ['30.00%']]);
      expect(back.format.fill.color).toBe('#C6EFCE');
      expect(back.format.font.bold).toBe(true);
      expect(mixed.format.fill.color).toBeNull();
    });
    expect(wb.getFills('Data', 'C2:C3')).toEqual([[null], ['#C6EFCE']]);
  });

  test('fill.clear removes the fill and an unknown colour is rejected', async () => {
    const wb = grid();
    wb.setFill('Data', 'B2:D2', '#FFEB9C');
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('B2:D2').format.fill.clear();
    });
    expect(wb.getFills('Data', 'B2:D2')).toEqual([[null, null, null]]);
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Data').getRange('B2').format.fill.color = 'not-a-colour';
      }),
    );
    expect(err.code).toBe('InvalidArgument');
  });

  test('rowHidden is true, false or null depending on how many rows are hidden', async () => {
    const wb = grid();
    wb.hideRows('Data', '3:4');
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Data');
      const all = s.getRange('A3:A4');
      const none = s.getRange('A5:A6');
      const some = s.getRange('A2:A3');
      [all, none, some].forEach((r) => r.load('rowHidden'));
      await ctx.sync();
      expect([all.rowHidden, none.rowHidden, some.rowHidden]).toEqual([true, false, null]);
    });
  });

  test('clear("Contents") keeps formats and clear() removes both', async () => {
    const wb = grid();
    wb.setFill('Data', 'B2', '#FF0000');
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('B2:D3').clear('Contents');
    });
    expect(wb.getValues('Data', 'B2:B3')).toEqual([[''], ['']]);
    expect(wb.getFills('Data', 'B2')).toEqual([['#FF0000']]);
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('B2').clear();
    });
    expect(wb.getFills('Data', 'B2')).toEqual([[null]]);
  });

  test('deleting cells with shift Left moves the cells on the right', async () => {
    const wb = grid();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('E:E').delete('Left');
    });
    expect(wb.getValues('Data', 'E2')).toEqual([['island']]);
  });
});

describe('worksheets', () => {
  test('worksheets can be added, listed, renamed, hidden, activated and deleted', async () => {
    const wb = grid();
    await wb.run(async (ctx) => {
      const added = ctx.workbook.worksheets.add('Summary');
      added.visibility = 'Hidden';
      await ctx.sync();
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name,items/visibility,items/position');
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility, s.position])).toEqual([
        ['Data', 'Visible', 0],
        ['My Sheet', 'Visible', 1],
        ['Summary', 'Hidden', 2],
      ]);
      ctx.workbook.worksheets.getItem('My Sheet').activate();
      ctx.workbook.worksheets.getItem('Summary').name = 'Matrix summary';
      await ctx.sync();
      const active = ctx.workbook.worksheets.getActiveWorksheet();
      active.load('name');
      await ctx.sync();
      expect(active.name).toBe('My Sheet');
      ctx.workbook.worksheets.getItem('Matrix summary').delete();
    });
    expect(wb.sheetNames()).toEqual(['Data', 'My Sheet']);
  });

  test('adding a sheet whose name exists fails with ItemAlreadyExists', async () => {
    const wb = grid();
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.add('data');
        await ctx.sync();
      }),
    );
    expect(err.code).toBe('ItemAlreadyExists');
  });

  test('application suspend calls and trackedObjects are accepted', async () => {
    const wb = grid();
    await wb.run(async (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      const r = ctx.workbook.worksheets.getItem('Data').getRange('A1');
      ctx.trackedObjects.add(r);
      ctx.trackedObjects.remove(r);
      await ctx.sync();
    });
    expect(wb.roundTrips).toBe(1);
  });
});

describe('Range.getMergedAreasOrNullObject (ExcelApi 1.13)', () => {
  test('gives the merged areas touching the range, a null object when none, and fails with ApiNotFound before 1.13', async () => {
    const wb = grid().setApiVersion('1.13');
    wb.mergeCells('My Sheet', 'B1:C1').mergeCells('My Sheet', 'E1:E2');
    const read = (sheet: string, address: string) =>
      wb.run(async (ctx) => {
        const m = ctx.workbook.worksheets.getItem(sheet).getRange(address).getMergedAreasOrNullObject();
        m.load('address');
        await ctx.sync();
        return m.isNullObject ? null : m.address;
      });
    expect(await read('My Sheet', 'A1:F1')).toBe("'My Sheet'!B1:C1, 'My Sheet'!E1:E2");
    expect(await read('Data', 'A1:F1')).toBeNull();
    wb.setApiVersion('1.12');
    expect(await rejection(read('My Sheet', 'A1:F1'))).toMatchObject({ code: 'ApiNotFound' });
  });
});
