import { InMemoryWorkbook } from '../../src/inMemoryExcel';

function labelled(): InMemoryWorkbook {
  const wb = new InMemoryWorkbook(['S']);
  wb.setValues('S', 'A1', [['Quadrant'], ['Star'], ['Loyal'], ['Star']]);
  return wb;
}

describe('conditional formats', () => {
  test('a custom rule colours the cells whose value matches, relative to the top-left cell', async () => {
    const wb = labelled();
    await wb.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem('S').getRange('A2:A4').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=A2="Star"';
      cf.custom.format.fill.color = '#C6EFCE';
    });
    expect(['A2', 'A3', 'A4'].map((a) => wb.displayStyle('S', a).fill)).toEqual(['#C6EFCE', null, '#C6EFCE']);
    expect(wb.sheetSnapshot('S').conditionalFormats).toEqual([
      { id: expect.any(String), type: 'Custom', ranges: ['A2:A4'], formula: '=A2="Star"', fill: '#C6EFCE', fontColor: null, bold: null, stopIfTrue: false },
    ]);
  });

  test('clearAll and clear("All") remove the rules from the cleared cells, leaving the sheet as it was', async () => {
    const wb = labelled();
    const before = wb.snapshot();
    await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('B2:B4');
      r.values = [['x'], ['y'], ['z']];
      const cf = r.conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=B2="x"';
      cf.custom.format.fill.color = '#FF0000';
      await ctx.sync();
      r.conditionalFormats.clearAll();
      r.clear('All');
    });
    expect(wb.snapshot()).toEqual(before);
  });

  test('clearing part of a rule keeps it on the other cells', async () => {
    const wb = labelled();
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('S');
      const cf = s.getRange('A2:A4').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=A2="Star"';
      cf.custom.format.fill.color = '#C6EFCE';
      await ctx.sync();
      s.getRange('A2').conditionalFormats.clearAll();
      const rules = s.getRange('A1:A10').conditionalFormats;
      rules.load('items/type');
      await ctx.sync();
      expect(rules.items.map((r) => r.type)).toEqual(['Custom']);
    });
    expect(wb.sheetSnapshot('S').conditionalFormats?.[0].ranges).toEqual(['A3:A4']);
  });

  test('other conditional format types fail loudly', async () => {
    const wb = labelled();
    await expect(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A2:A4').conditionalFormats.add('DataBar');
      }),
    ).rejects.toMatchObject({ code: 'NotImplemented' });
  });

  test('rules move with their cells when a table column is inserted before them', async () => {
    const wb = new InMemoryWorkbook(['S']);
    wb.setValues('S', 'A1', [
      ['Name', 'Quadrant'],
      ['Ann', 'Star'],
    ]);
    wb.addTable('S', 'A1:B2', 'T');
    await wb.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem('S').getRange('B2').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=B2="Star"';
      cf.custom.format.fill.color = '#C6EFCE';
      await ctx.sync();
      ctx.workbook.tables.getItem('T').columns.add(1, undefined, 'Inserted');
    });
    expect(wb.sheetSnapshot('S').conditionalFormats?.[0].ranges).toEqual(['C2']);
    expect(wb.displayStyle('S', 'C2').fill).toBe('#C6EFCE');
  });
});
