/**
 * The adapter in the states where real Excel refuses (issue 9, second half): the add-in's chart
 * selected, protected sheets and workbooks, cell edit mode, answers over 5 MB, a summary-sheet name
 * taken with other capitals, a Table renamed between runs, data right of a Table, and recalculation
 * suspended while writing. Each message is specific and in both languages; nothing is half-written.
 */
import { CHART_NAME, SETTINGS_KEY } from '../../src/excel';
import type { AdapterErrorShape, RunOutcome } from '../../src/excel/api';
import { CONFIG, fixtureRows, options, seeded, type Row } from './helpers';

type Done = Extract<RunOutcome, { kind: 'done' }>;
function done(o: RunOutcome): Done {
  if (o.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(o)}`);
  return o;
}

async function failure(p: Promise<unknown>): Promise<AdapterErrorShape> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!e) throw new Error('expected a failure');
  return e as AdapterErrorShape;
}

/** The message in both languages, checked to be the specific one (not Excel's generic refusal). */
function messages(e: AdapterErrorShape): { zh: string; en: string } {
  const zh = e.localized('zh-CN');
  const en = e.localized('en-US');
  expect(en).not.toMatch(/Excel refused an operation/);
  expect(zh).not.toMatch(/Excel 拒绝了一项操作/);
  return { zh, en };
}

describe("the add-in's chart selected (the usual state after a run)", () => {
  test('Detect and Analyse use the table analysed last time', async () => {
    const { wb, actions, rows } = seeded();
    done(await actions.run(options()));
    wb.selectChart('客户', CHART_NAME);
    const detected = await actions.detectTable();
    expect(detected).toMatchObject({ address: `客户!A1:R${rows.length}`, source: 'saved', rowCount: rows.length - 1 });
    const again = done(await actions.run(options()));
    expect(again.outputAddress).toBe(`客户!S1:AB${rows.length}`);
    expect(wb.snapshot().charts).toHaveLength(1);
  });

  test('with nothing analysed before, the user is asked to click a cell of the table', async () => {
    const { wb, actions } = seeded();
    await wb.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('客户');
      s.charts.add('XYScatter', s.getRange('E1:F5'), 'Columns').name = 'Mine';
      await ctx.sync();
    });
    wb.selectChart('客户', 'Mine');
    const before = wb.snapshot();
    for (const e of [await failure(actions.detectTable()), await failure(actions.run(options()))]) {
      expect(e.code).toBe('SELECTION_NOT_CELLS');
      const { zh, en } = messages(e);
      expect(en).toMatch(/chart or shape is selected.*Click a cell/);
      expect(zh).toMatch(/图表或图形/);
    }
    expect(wb.snapshot()).toEqual(before);
  });
});

describe('protection', () => {
  test('a protected sheet: the run says so and writes nothing (not even a summary sheet)', async () => {
    const { wb, actions } = seeded();
    wb.protectSheet('客户');
    const before = wb.snapshot();
    const e = await failure(actions.run(options()));
    expect(e.code).toBe('SHEET_PROTECTED');
    expect(messages(e).en).toMatch(/worksheet "客户" is protected.*Unprotect Sheet.*nothing was written/);
    expect(messages(e).zh).toMatch(/工作表"客户"受保护/);
    expect(wb.snapshot()).toEqual(before);
    // Detect only reads, so it still works.
    expect((await actions.detectTable()).sheetName).toBe('客户');
  });

  test('a protected workbook structure: the first run cannot add its summary sheet and says so; a re-run keeps the sheet it has', async () => {
    const { wb, actions } = seeded();
    wb.protectWorkbook();
    const before = wb.snapshot();
    const e = await failure(actions.run(options()));
    expect(e.code).toBe('WORKBOOK_PROTECTED');
    expect(messages(e).en).toMatch(/structure is protected/);
    expect(wb.snapshot()).toEqual(before);
    wb.protectWorkbook(false);
    done(await actions.run(options()));
    wb.protectWorkbook();
    // The English run would rename the summary sheet; with the structure protected it keeps its name.
    const again = done(await actions.run(options({ config: { ...CONFIG, locale: 'en-US' } })));
    expect(again.summarySheetName).toBe('客户矩阵汇总');
    // Remove results would delete the summary sheet: refused before anything is removed.
    const snap = wb.snapshot();
    expect((await failure(actions.removeResults())).code).toBe('WORKBOOK_PROTECTED');
    expect(wb.snapshot()).toEqual(snap);
  });

  test('a protected summary sheet, and Remove results on a protected sheet, are refused before anything changes', async () => {
    const { wb, actions } = seeded();
    done(await actions.run(options()));
    wb.protectSheet('客户矩阵汇总');
    let snap = wb.snapshot();
    const e = await failure(actions.run(options()));
    expect(e).toMatchObject({ code: 'SHEET_PROTECTED' });
    expect(messages(e).en).toMatch(/"客户矩阵汇总" is protected/);
    expect(wb.snapshot()).toEqual(snap);
    wb.unprotectSheet('客户矩阵汇总').protectSheet('客户');
    snap = wb.snapshot();
    expect((await failure(actions.removeResults())).code).toBe('SHEET_PROTECTED');
    expect(wb.snapshot()).toEqual(snap);
  });
});

describe('cell edit mode', () => {
  test('on an Excel without delayForCellEdit (before ExcelApi 1.11): a clear message, nothing written', async () => {
    const { wb, actions } = seeded();
    wb.startCellEdit();
    const before = wb.snapshot();
    for (const e of [await failure(actions.detectTable()), await failure(actions.run(options()))]) {
      expect(e.code).toBe('CELL_EDIT_MODE');
      expect(messages(e).en).toMatch(/editing a cell.*Enter or Esc/);
      expect(messages(e).zh).toMatch(/正在编辑一个单元格/);
    }
    expect(wb.snapshot()).toEqual(before);
  });

  test('where ExcelApi 1.11 is supported the run waits for the user to finish typing, then completes', async () => {
    const { wb, actions } = seeded();
    wb.setApiVersion('1.11').startCellEdit();
    let outcome: RunOutcome | null = null;
    const pending = actions.run(options()).then((o) => (outcome = o));
    await new Promise((r) => setTimeout(r, 30));
    expect(outcome).toBeNull();
    wb.endCellEdit();
    await pending;
    expect(outcome).toMatchObject({ kind: 'done' });
  });
});

test("an answer over Excel's 5 MB (much longer texts further down the table) is read again in smaller blocks", async () => {
  const base = fixtureRows();
  const header = [...base[0], '备注'];
  const rows: Row[] = [header];
  const long = '长'.repeat(1000); // 3,000 bytes a cell
  for (let i = 0; i < 4000; i++) {
    const r = base[1 + (i % (base.length - 1))].slice();
    r[0] = `C${String(i).padStart(6, '0')}`;
    rows.push([...r, i < 2000 ? 'x' : long]);
  }
  const { wb, actions } = seeded({ rows });
  // 2,000-row blocks: the first block's short notes size the second at 2,000 rows of 3 kB notes (> 5 MB).
  const out = done(await actions.run(options({ blockRows: 2000 })));
  expect(out.result.rows).toHaveLength(4000);
  // Excel refused one answer (the model counts it), and the retry in smaller blocks went through.
  expect(wb.responseBytes.filter((b) => b > 5_000_000)).toHaveLength(1);
});

test('a summary sheet name taken by a sheet of the user\'s with other capitals: the summary gets a free name', async () => {
  const { wb, actions } = seeded();
  wb.addSheet('matrix SUMMARY');
  wb.setValues('matrix SUMMARY', 'A1', [['mine']]);
  const out = done(await actions.run(options({ config: { ...CONFIG, locale: 'en-US' } })));
  expect(out.summarySheetName).toBe('Matrix summary (2)');
  expect(wb.getValue('matrix SUMMARY', 'A1')).toBe('mine');
});

describe('a Table renamed since the run', () => {
  test('Remove results still deletes the output columns (and only them)', async () => {
    const { wb, actions, rows } = seeded();
    wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    wb.select('客户', 'B2');
    done(await actions.run(options()));
    wb.renameTable('Clients', 'Renamed');
    await actions.removeResults();
    const t = wb.snapshot().tables[0];
    expect(t).toMatchObject({ name: 'Renamed', address: `客户!A1:R${rows.length}` });
    expect(t.columns).toEqual(rows[0].map(String));
    expect(wb.getSetting(SETTINGS_KEY)).toBeUndefined();
  });

  test('a run that fails after the user renamed the Table still takes its columns back', async () => {
    const { wb, actions, rows } = seeded();
    wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    wb.select('客户', 'B2');
    const before = wb.snapshot().sheets.find((s) => s.name === '客户');
    // The first change of the run is its first write (the columns are added): the user renames the
    // Table then, and the run's last request fails.
    let renamed = false;
    const off = wb.onChange(() => {
      if (renamed) return;
      renamed = true;
      wb.renameTable('Clients', 'Renamed');
    });
    const start = wb.roundTrips;
    const probe = seeded();
    probe.wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    probe.wb.select('客户', 'B2');
    const trips0 = probe.wb.roundTrips;
    done(await probe.actions.run(options({ blockRows: 4 })));
    wb.failRoundTripAfter(probe.wb.roundTrips - trips0);
    await expect(actions.run(options({ blockRows: 4 }))).rejects.toMatchObject({ code: 'EXCEL_ERROR' });
    off();
    expect(wb.roundTrips).toBeGreaterThan(start);
    const t = wb.snapshot().tables[0];
    expect(t).toMatchObject({ name: 'Renamed', address: `客户!A1:R${rows.length}` });
    expect(wb.snapshot().sheets.find((s) => s.name === '客户')?.values).toEqual(before?.values);
  });
});

test('data far right of a Table (which inserted columns would shift) is found first: the run asks, and afterUsed leaves it in place', async () => {
  const { wb, actions, rows } = seeded();
  wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
  wb.setValues('客户', 'AZ3', [['note']]);
  wb.select('客户', 'B2');
  // Something below the Table and far right, outside its rows, would not move: not in the way.
  wb.setValues('客户', `BA${rows.length + 5}`, [['elsewhere']]);
  const before = wb.snapshot();
  expect(await actions.run(options())).toEqual({ kind: 'occupied', address: '客户!AZ3' });
  expect(wb.snapshot()).toEqual(before);
  done(await actions.run(options({ placement: 'afterUsed' })));
  expect(wb.getValue('客户', 'AZ3')).toBe('note');
  expect(wb.snapshot().tables[0].address).toBe(`客户!A1:R${rows.length}`);
});

test('every write request suspends recalculation until it is done (suspendApiCalculationUntilNextSync)', async () => {
  const { wb, actions } = seeded();
  const before = wb.roundTrips;
  done(await actions.run(options({ blockRows: 4 })));
  // Reads need no suspension; each write block, split part and the final request do.
  expect(wb.calcSuspendedSyncs).toBeGreaterThanOrEqual(Math.ceil((wb.roundTrips - before) / 2));
});

test('no loyalty cut (no loyalty columns): the chart is not made from the blank divider cells, so it still gets all its series', async () => {
  const rows = fixtureRows().map((r) => [r[0], r[1], r[3]]);
  const { wb, actions } = seeded({ rows });
  const out = done(await actions.run(options()));
  expect(out.result.cuts.loyalty.value).toBeNull();
  const chart = wb.snapshot().charts[0];
  expect(chart.series.map((s) => s.name).slice(0, 3)).toEqual(['忠诚度分界 —', '份额分界 13.48%', '象限名称']);
  expect(chart.series[0].xValues.every((v) => v === null)).toBe(true);
});

test('the user starts typing in a cell half-way through a run (Excel before 1.11): the run stops, waits to take back what it wrote, and says why', async () => {
  const { wb, actions } = seeded();
  const before = wb.snapshot();
  // The first change is the first write block; the user leaves the cell a little later.
  let typing = false;
  const off = wb.onChange(() => {
    if (typing) return;
    typing = true;
    wb.startCellEdit();
    setTimeout(() => wb.endCellEdit(), 600);
  });
  const e = await failure(actions.run(options({ blockRows: 4 })));
  off();
  expect(e.code).toBe('CELL_EDIT_MODE');
  expect(wb.snapshot()).toEqual(before);
});

test('data far right of a Table but below its rows is not in the way: the columns go into the Table and it stays put', async () => {
  const { wb, actions, rows } = seeded();
  wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
  wb.setValues('客户', `BA${rows.length + 5}`, [['elsewhere']]);
  wb.select('客户', 'B2');
  done(await actions.run(options()));
  expect(wb.snapshot().tables[0].address).toBe(`客户!A1:AB${rows.length}`);
  expect(wb.getValue('客户', `BA${rows.length + 5}`)).toBe('elsewhere');
});

test('a Table with a totals row: the totals row is neither read as a client nor written over, and the new columns cover it', async () => {
  const { wb, actions, rows } = seeded();
  wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
  await wb.run(async (ctx) => {
    ctx.workbook.tables.getItem('Clients').showTotals = true;
    await ctx.sync();
  });
  wb.select('客户', 'B2');
  const out = done(await actions.run(options()));
  expect(out.result.rows).toHaveLength(rows.length - 1);
  const totals = wb.getValues('客户', `A${rows.length + 1}:AB${rows.length + 1}`)[0];
  expect(totals[0]).toBe('Total');
  expect(totals.slice(1).every((v) => v === '')).toBe(true);
  expect(wb.snapshot().tables[0].columns).toHaveLength(28);
});
