import { InMemoryWorkbook } from '../../src/inMemoryExcel';

const ROWS = 100_000;
const BLOCK = 10_000;

describe('performance', () => {
  test('a 100,000 × 20 table is written and read back in 10,000-row blocks within a few seconds', async () => {
    const wb = new InMemoryWorkbook(['Big']);
    const started = Date.now();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Big');
      for (let r = 0; r < ROWS; r += BLOCK) {
        const block = Array.from({ length: BLOCK }, (_, i) => Array.from({ length: 20 }, (_, j) => (j === 0 ? `C${r + i}` : (r + i) * 0.5 + j)));
        sheet.getRangeByIndexes(r, 0, BLOCK, 20).values = block;
        await ctx.sync();
      }
    });
    let total = 0;
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Big');
      for (let r = 0; r < ROWS; r += BLOCK) {
        const range = sheet.getRangeByIndexes(r, 0, BLOCK, 20);
        range.load('values');
        await ctx.sync();
        total += range.values.length;
        expect(range.values[0][0]).toBe(`C${r}`);
      }
    });
    expect(total).toBe(ROWS);
    expect(wb.syncCount).toBe(20);
    expect(wb.maxRequestBytes).toBeLessThan(5_000_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  test('the region of a 100,000-row table and a 12-column block write in a table are fast', async () => {
    const wb = new InMemoryWorkbook(['Big']);
    wb.setValues('Big', 'A1', [['Name', 'Balance'], ...Array.from({ length: ROWS }, (_, i) => [`C${i}`, i])]);
    wb.addTable('Big', `A1:B${ROWS + 1}`, 'Clients');
    const started = Date.now();
    await wb.run(async (ctx) => {
      const region = ctx.workbook.worksheets.getItem('Big').getRange('A2').getSurroundingRegion();
      region.load('address');
      await ctx.sync();
      expect(region.address).toBe(`Big!A1:B${ROWS + 1}`);
      const table = ctx.workbook.tables.getItem('Clients');
      const cols = Array.from({ length: 12 }, (_, j) => table.columns.add(undefined, undefined, `Out ${j}`));
      await ctx.sync();
      void cols;
      const body = table.getDataBodyRange();
      for (let r = 0; r < ROWS; r += BLOCK) {
        body.getCell(r, 2).getAbsoluteResizedRange(BLOCK, 12).values = Array.from({ length: BLOCK }, (_, i) => Array.from({ length: 12 }, (_, j) => `${r + i}-${j}`));
        await ctx.sync();
      }
    });
    expect(wb.getValues('Big', `N${ROWS + 1}`)).toEqual([[`${ROWS - 1}-11`]]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
