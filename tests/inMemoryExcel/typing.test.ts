/**
 * Strings written through Range.values are stored as Excel stores what is typed. The Office.js text this
 * follows: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets
 * this value as a formula. Locale-shaped strings … are stored as text instead of as dates. To ensure dates are
 * stored as dates, … use a locale-neutral format like ISO (YYYY-MM-DD)" [doc: Excel.Range.values];
 * "Cells that contain an error will return the error string" [same]; Range.valueTypes reports "Error".
 */
import { InMemoryWorkbook } from '../../src/inMemoryExcel';

async function write(wb: InMemoryWorkbook, address: string, values: unknown[][], format?: string): Promise<{ values: unknown[][]; text: string[][]; numberFormat: unknown[][]; valueTypes: string[][]; formulas: unknown[][] }> {
  return wb.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('S').getRange(address);
    if (format) r.numberFormat = values.map((row) => row.map(() => format));
    r.values = values;
    r.load('values,text,numberFormat,valueTypes,formulas');
    await ctx.sync();
    return { values: r.values, text: r.text, numberFormat: r.numberFormat, valueTypes: r.valueTypes, formulas: r.formulas };
  });
}

describe('Range.values reads strings as if typed', () => {
  test('ISO dates become date serials with a date format, as the Range.values docs say ISO text is stored as a date', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1:C1', [['2026-10-31', '2026-10-31 14:05', '2026-02-30']]);
    expect(r.values[0][0]).toBe(46326);
    expect(r.values[0][1]).toBeCloseTo(46326 + (14 * 60 + 5) / 1440, 10);
    expect(r.numberFormat[0].slice(0, 2)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd hh:mm']);
    expect(r.text[0].slice(0, 2)).toEqual(['2026-10-31', '2026-10-31 14:05']);
    // Not a calendar date: stays text.
    expect(r.values[0][2]).toBe('2026-02-30');
    expect(r.valueTypes[0]).toEqual(['Double', 'Double', 'String']);
  });

  test('a date typed into a cell that already has a number format keeps that format', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1', [['2026-10-31']], '0.00');
    expect(r.values).toEqual([[46326]]);
    expect(r.numberFormat).toEqual([['0.00']]);
  });

  test('"12%" becomes 0.12 with a percent format; "000123" becomes 123; more than 15 significant digits are lost', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1:D1', [['12%', '12.5%', '000123', '6222021234567890123']]);
    expect(r.values[0][0]).toBeCloseTo(0.12, 12);
    expect(r.values[0][1]).toBeCloseTo(0.125, 12);
    expect(r.numberFormat[0].slice(0, 2)).toEqual(['0%', '0.00%']);
    expect(r.text[0].slice(0, 2)).toEqual(['12%', '12.50%']);
    expect(r.values[0][2]).toBe(123);
    expect(r.values[0][3]).toBe(6222021234567890000);
  });

  test('text starting with "=", "+", "-" or "@" becomes a formula (Range.values: "Excel interprets this value as a formula")', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1:F1', [['=Zhang San', '+Li', '-Wang', '@Zhao', '=1+1', '-5']]);
    expect(r.values[0]).toEqual(['#NAME?', '#NAME?', '#NAME?', '#NAME?', 2, -5]);
    expect(r.valueTypes[0]).toEqual(['Error', 'Error', 'Error', 'Error', 'Double', 'Double']);
    expect(r.formulas[0]).toEqual(['=Zhang San', '=+Li', '=-Wang', '=Zhao', '=1+1', -5]);
  });

  test('a lone sign stays text', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1:C1', [['-', '+', '=']]);
    expect(r.values[0]).toEqual(['-', '+', '=']);
  });

  test('a leading apostrophe keeps the text exactly; formulas reads it without the apostrophe (office-js#6687)', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1:F1', [["'000123", "'=Zhang", "'2026-10-31", "'12%", "''quoted", "'-Wang"]]);
    expect(r.values[0]).toEqual(['000123', '=Zhang', '2026-10-31', '12%', "'quoted", '-Wang']);
    expect(r.valueTypes[0]).toEqual(['String', 'String', 'String', 'String', 'String', 'String']);
    expect(r.formulas[0]).toEqual(r.values[0]);
    expect(r.numberFormat[0]).toEqual(['General', 'General', 'General', 'General', 'General', 'General']);
  });

  test('a cell formatted as Text ("@") keeps what is written exactly', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1:D1', [['000123', '=Zhang', '2026-10-31', '12%']], '@');
    expect(r.values[0]).toEqual(['000123', '=Zhang', '2026-10-31', '12%']);
    expect(r.valueTypes[0]).toEqual(['String', 'String', 'String', 'String']);
  });

  test('error literals become error values: #N/A and #DIV/0! read as their strings with the type Error', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const r = await write(wb, 'A1:C1', [['#N/A', '#div/0!', "'#N/A"]]);
    expect(r.values[0]).toEqual(['#N/A', '#DIV/0!', '#N/A']);
    expect(r.valueTypes[0]).toEqual(['Error', 'Error', 'String']);
  });

  test('writing over a formula or an error cell replaces it; null leaves it', async () => {
    const wb = new InMemoryWorkbook(['S']);
    await write(wb, 'A1:B1', [['=x', '#N/A']]);
    const r = await write(wb, 'A1:B1', [['plain', null]]);
    expect(r.values[0]).toEqual(['plain', '#N/A']);
    expect(r.valueTypes[0]).toEqual(['String', 'Error']);
    expect(r.formulas[0]).toEqual(['plain', '#N/A']);
  });

  test('a failed batch takes back the formats and formula marks that typing added', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const before = wb.snapshot();
    await expect(
      wb.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem('S');
        s.getRange('A1:B1').values = [['2026-10-31', '=x']];
        s.getRange('C1').values = [[1, 2]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(wb.snapshot()).toEqual(before);
  });

  test('the test-setup writer types the same way and the snapshot carries formulas and errors', () => {
    const wb = new InMemoryWorkbook(['S']).setValues('S', 'A1', [['2026-10-31', '#N/A', '=Zhang', "'007"]]);
    expect(wb.getValues('S', 'A1:D1')).toEqual([[46326, '#N/A', '#NAME?', '007']]);
    expect(wb.getNumberFormats('S', 'A1')).toEqual([['yyyy-mm-dd']]);
    expect([wb.isError('S', 'B1'), wb.isError('S', 'C1'), wb.getFormula('S', 'C1')]).toEqual([true, true, '=Zhang']);
    const again = InMemoryWorkbook.fromSnapshot(wb.snapshot());
    expect([again.isError('S', 'B1'), again.getFormula('S', 'C1'), again.getText('S', 'A1')]).toEqual([true, '=Zhang', '2026-10-31']);
  });
});

describe('test-workbook setup: 1904 dates, merged cells, filtered rows', () => {
  test('in a 1904 workbook a typed date is 1462 days lower and shows the same day; DATE() says which system it is', async () => {
    const wb = new InMemoryWorkbook(['S']).setDate1904();
    const r = await write(wb, 'A1', [['2026-10-31']]);
    expect(r.values).toEqual([[46326 - 1462]]);
    expect(r.text).toEqual([['2026-10-31']]);
    const serial = await wb.run(async (ctx) => {
      const d = ctx.workbook.functions.date(2000, 1, 1);
      d.load('value');
      await ctx.sync();
      return d.value;
    });
    expect(serial).toBe(36526 - 1462);
    expect(InMemoryWorkbook.fromSnapshot(wb.snapshot()).date1904).toBe(true);
  });

  test('DATE(2000,1,1) is 36526 in the usual 1900 date system', async () => {
    const wb = new InMemoryWorkbook(['S']);
    const serial = await wb.run(async (ctx) => {
      const d = ctx.workbook.functions.date(2000, 1, 1);
      d.load('value');
      await ctx.sync();
      return d.value;
    });
    expect(serial).toBe(36526);
  });

  test('merging keeps the top-left value only; filtered rows are hidden rows that Range.rowHidden reports', async () => {
    const wb = new InMemoryWorkbook(['S']).setValues('S', 'A1', [['Title', 'x'], ['a', 'b'], ['c', 'd']]);
    wb.mergeCells('S', 'A1:B1').filterRows('S', '3');
    expect(wb.getValues('S', 'A1:B1')).toEqual([['Title', '']]);
    expect(wb.mergedAreas('S')).toEqual(['A1:B1']);
    expect(() => wb.mergeCells('S', 'B1:B2')).toThrow(/merged/);
    const hidden = await wb.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A2:B3');
      r.load('rowHidden,values');
      await ctx.sync();
      return { hidden: r.rowHidden, values: r.values };
    });
    // Hidden by a filter, but still there: values reads every row.
    expect(hidden).toEqual({ hidden: null, values: [['a', 'b'], ['c', 'd']] });
    expect(wb.filteredRows('S')).toEqual([2]);
    const again = InMemoryWorkbook.fromSnapshot(wb.snapshot());
    expect([again.mergedAreas('S'), again.filteredRows('S')]).toEqual([['A1:B1'], [2]]);
  });
});
