/**
 * What Excel does to the values the add-in writes and reads (issue 9), on the in-memory Excel, which types
 * strings as Excel does: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="),
 * Excel interprets this value as a formula", and ISO text is stored as a date [doc: Excel.Range.values].
 */
import { labels } from '../../src/domain';
import { TEXT } from '../../src/excel/texts';
import type { RunOutcome } from '../../src/excel/api';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { actionsFor, col, CONFIG, fixtureRows, options, seeded, type Row } from './helpers';

type Done = Extract<RunOutcome, { kind: 'done' }>;
const done = (o: RunOutcome): Done => {
  if (o.kind !== 'done') throw new Error(JSON.stringify(o));
  return o;
};

const SUMMARY = '客户矩阵汇总';

/** Row number (1-based) of the summary line whose first cell is `label`. */
function line(wb: InMemoryWorkbook, label: string): number {
  return wb.sheetSnapshot(SUMMARY).values.findIndex((r) => r[0] === label) + 1;
}

/** Every cell of a sheet that Excel turned into a formula or an error value. */
function converted(wb: InMemoryWorkbook, sheet: string): string[] {
  const snap = wb.sheetSnapshot(sheet);
  const out: string[] = [];
  snap.values.forEach((row, r) =>
    row.forEach((_, c) => {
      const address = `${col(c)}${r + 1}`;
      if (wb.isError(sheet, address) || wb.getFormula(sheet, address)) out.push(address);
    }),
  );
  return out;
}

describe('dates on the summary sheet', () => {
  test('"As of" and "Run at" are date serials formatted yyyy-mm-dd (hh:mm): ISO text formatted General would show 46326', async () => {
    const { wb, actions } = seeded();
    const before = Date.now();
    await actions.run(options());
    const asOf = `B${line(wb, TEXT.asOf['zh-CN'])}`;
    const runAt = `B${line(wb, TEXT.runAt['zh-CN'])}`;
    expect(wb.getValue(SUMMARY, asOf)).toBe(46326);
    expect(wb.getNumberFormats(SUMMARY, asOf)).toEqual([['yyyy-mm-dd']]);
    expect(wb.getText(SUMMARY, asOf)).toBe('2026-10-31');
    expect(wb.getNumberFormats(SUMMARY, runAt)).toEqual([['yyyy-mm-dd hh:mm']]);
    expect(typeof wb.getValue(SUMMARY, runAt)).toBe('number');
    const d = new Date(before);
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    expect(wb.getText(SUMMARY, runAt).slice(0, 10)).toBe(day);
  });
});

describe('free text from the user is kept exactly', () => {
  const NAMES = ['=王氏集团', '-李记', '+张家', '@赵氏', '000123', '2026-10-31', '12%', "'引号", '6222021234567890123', 'TRUE', '#N/A', '普通名称'];

  /** The fixture with the client names replaced (typed with the apostrophe, so the table holds them as text). */
  function oddNames(): Row[] {
    return fixtureRows().map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 1 ? `'${NAMES[(i - 1) % NAMES.length]}` : c))));
  }

  test('client names in the chart labels: no name turned into a formula, a number or a date', async () => {
    const { wb, actions } = seeded({ rows: oddNames() });
    const out = done(await actions.run(options()));
    const chart = wb.snapshot().charts[0];
    const shown = chart.series.flatMap((s) => s.points.filter((p) => p.hasDataLabel && p.labelText !== null).map((p) => p.labelText as string));
    const names = new Set(out.result.rows.map((r) => r.clientName));
    const clientLabels = shown.filter((t) => !Object.values(labels.QUADRANT_LABELS).some((q) => q['zh-CN'] === t));
    expect(clientLabels.length).toBeGreaterThan(5);
    for (const t of clientLabels) expect(names.has(t)).toBe(true);
    expect(converted(wb, SUMMARY)).toEqual([]);
  });

  test('a sheet name in the summary\'s addresses ("2026-10", quoted as \'2026-10\'!…) is shown exactly', async () => {
    const { wb, actions, rows } = seeded({ sheet: '2026-10' });
    await actions.run(options());
    expect(wb.getText(SUMMARY, `B${line(wb, TEXT.table['zh-CN'])}`)).toBe(`'2026-10'!A1:R${rows.length}`);
    expect(wb.getText(SUMMARY, `B${line(wb, TEXT.output['zh-CN'])}`)).toBe(`'2026-10'!S1:AB${rows.length}`);
  });

  test('data-issue texts that start with the user\'s column header ("+存款日均") stay text', async () => {
    const rows = fixtureRows();
    rows[0][3] = "'+存款日均"; // typed with the apostrophe, as a user must
    rows[2][3] = 'abc';
    const { wb, actions } = seeded({ rows });
    const out = done(await actions.run(options({ config: { ...CONFIG, map: { client_id: '客户号', client_name: '客户名称', volume: '+存款日均' } } })));
    const issuesCol = 'AB';
    const text = wb.getValue('客户', `${issuesCol}3`);
    expect(String(text)).toMatch(/^\+存款日均/);
    expect(wb.isError('客户', `${issuesCol}3`)).toBe(false);
    expect(out.result.rows[1].issues.length).toBeGreaterThan(0);
    expect(converted(wb, '客户')).toEqual([]);
  });

  test('client ids and names in the summary\'s list of new and gone clients ("000123", "=新客户") are kept', async () => {
    const wb = new InMemoryWorkbook(['9月', '10月']);
    const actions = actionsFor(wb);
    wb.setValues('9月', 'A1', fixtureRows());
    wb.select('9月', 'A1');
    done(await actions.run(options()));
    const oct = fixtureRows();
    oct.push(oct[1].map((c, j) => (j === 0 ? "'000123" : j === 1 ? "'=新客户" : c)));
    wb.setValues('10月', 'A1', oct);
    wb.select('10月', 'C3');
    const out = done(await actions.run(options({ previous: { kind: 'sheet', sheetName: '9月' } })));
    expect(out.result.previousMatch?.appeared.map((a) => [a.clientId, a.clientName])).toEqual([['000123', '=新客户']]);
    const listed = wb.sheetSnapshot(SUMMARY).values.find((r) => r[1] === '000123');
    expect(listed?.slice(1, 3)).toEqual(['000123', '=新客户']);
    expect(converted(wb, SUMMARY)).toEqual([]);
    expect(converted(wb, '10月')).toEqual([]);
  });

  test('none of the catalogue\'s labels, actions and headers is changed by Excel\'s typing (they are written without a prefix)', async () => {
    const texts = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string') texts.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(labels);
    collect(TEXT);
    const list = [...texts];
    const wb = new InMemoryWorkbook(['S']);
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRangeByIndexes(0, 0, list.length, 1).values = list.map((t) => [t]);
    });
    expect(wb.getValues('S', `A1:A${list.length}`).map((r) => r[0])).toEqual(list);
  });
});

describe('the 1904 date system', () => {
  test('dates read from a 1904 workbook give the same analysis as in a 1900 one, and the as-of date shows right', async () => {
    const usual = seeded();
    const a = done(await usual.actions.run(options({ config: { ...CONFIG, asOf: undefined } })));
    const mac = seeded();
    mac.wb.setDate1904();
    // The same days typed again, now as 1904-system serials.
    mac.wb.setValues('客户', 'A1', fixtureRows());
    const b = done(await mac.actions.run(options({ config: { ...CONFIG, asOf: undefined } })));
    expect(b.result.asOf).toBe(a.result.asOf);
    expect(b.result.rows.map((r) => [r.stage, r.risk, r.flags])).toEqual(a.result.rows.map((r) => [r.stage, r.risk, r.flags]));
    const asOf = `B${line(mac.wb, TEXT.asOf['zh-CN'])}`;
    expect(mac.wb.getValue(SUMMARY, asOf)).toBe((usual.wb.getValue(SUMMARY, asOf) as number) - 1462);
    expect(mac.wb.getText(SUMMARY, asOf)).toBe(a.result.asOf);
  });
});

describe('error values, merged cells and filtered rows in the user\'s table', () => {
  test('#N/A and #DIV/0! in number columns become data issues of their rows; the run completes', async () => {
    const rows = fixtureRows();
    rows[1][3] = '#N/A';
    rows[2][9] = '#DIV/0!';
    const { wb, actions } = seeded({ rows });
    expect(wb.isError('客户', 'D2')).toBe(true);
    const out = done(await actions.run(options()));
    expect(out.result.rows[0].issues.map((i) => i.code)).toContain('ERROR_VALUE');
    expect(out.result.rows[1].issues.map((i) => i.code)).toContain('ERROR_VALUE');
    expect(String(wb.getValue('客户', 'AB2'))).toContain('#N/A');
    expect(wb.isError('客户', 'AB2')).toBe(false);
  });

  test('a header cell merged over two columns: the table is analysed and the output goes right of it', async () => {
    const { wb, actions, rows } = seeded();
    wb.mergeCells('客户', 'D1:E1');
    const out = done(await actions.run(options()));
    expect(out.outputAddress).toBe(`客户!S1:AB${rows.length}`);
    expect(out.result.rows).toHaveLength(rows.length - 1);
  });

  test('merged header cells on an Excel with ExcelApi 1.13: the summary and Detect say which, in zh-CN and en-US, at no extra sync', async () => {
    const plain = seeded();
    plain.wb.setApiVersion('1.13');
    done(await plain.actions.run(options()));
    const syncsWithout = plain.wb.syncCount;
    expect(plain.wb.sheetSnapshot(SUMMARY).values.flat().some((c) => String(c).includes('合并单元格'))).toBe(false);

    const { wb, actions } = seeded();
    wb.setApiVersion('1.13').mergeCells('客户', 'D1:E1').mergeCells('客户', 'G1:H1');
    expect((await actions.detectTable()).mergedHeader).toEqual(['D1:E1', 'G1:H1']);
    wb.resetCounters();
    done(await actions.run(options()));
    expect(wb.syncCount).toBe(syncsWithout);
    const zh = wb.sheetSnapshot(SUMMARY).values.flat().map(String).filter((c) => c.includes('合并单元格'));
    expect(zh).toEqual([expect.stringContaining('D1:E1, G1:H1')]);
    expect(zh[0]).toContain('所有行都已分析');
    const enRun = done(await actions.run(options({ config: { ...CONFIG, locale: 'en-US' } })));
    const en = wb.sheetSnapshot(enRun.summarySheetName).values.flat().map(String).filter((c) => c.includes('merged cells'));
    expect(en).toEqual([expect.stringContaining('(D1:E1, G1:H1)')]);
    expect(en[0]).toContain('every row was analysed');
  });

  test("merged header cells on a sheet whose name has a comma: the areas are told apart from Excel's list", async () => {
    const { wb, actions } = seeded({ sheet: "客户, 10'月" });
    wb.setApiVersion('1.13').mergeCells("客户, 10'月", 'B1:C1').mergeCells("客户, 10'月", 'F1:G1');
    expect((await actions.detectTable()).mergedHeader).toEqual(['B1:C1', 'F1:G1']);
  });

  test('merged header cells on an Excel with ExcelApi 1.9 only: not asked (the model refuses members above 1.9), the run completes without the note', async () => {
    const { wb, actions, rows } = seeded();
    wb.setApiVersion('1.9').mergeCells('客户', 'D1:E1');
    const refused = await wb
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem('客户').getRange('A1:R1').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
      })
      .then(() => null, (e: unknown) => e);
    expect(refused).toMatchObject({ code: 'ApiNotFound' });
    expect((await actions.detectTable()).mergedHeader).toEqual([]);
    const out = done(await actions.run(options()));
    expect(out.result.rows).toHaveLength(rows.length - 1);
    expect(wb.sheetSnapshot(SUMMARY).values.flat().some((c) => String(c).includes('合并单元格'))).toBe(false);
  });

  test('rows hidden by a filter are analysed and get their results; the summary says rows were hidden or filtered', async () => {
    const { wb, actions, rows } = seeded();
    wb.filterRows('客户', '3:4');
    const out = done(await actions.run(options()));
    expect(out.result.rows).toHaveLength(rows.length - 1);
    expect(wb.getValue('客户', 'U3')).toBe(labels.QUADRANT_LABELS[out.result.rows[1].quadrant]['zh-CN']);
    expect(wb.sheetSnapshot(SUMMARY).values.flat().some((c) => String(c).includes('隐藏或筛选'))).toBe(true);
  });
});
