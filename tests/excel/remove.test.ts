import { CHART_NAME, SETTINGS_KEY } from '../../src/excel';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { actionsFor, CONFIG, options, seeded } from './helpers';

describe('Remove results', () => {
  test('leaves a plain range exactly as it was (values, formats, sheets, charts, settings)', async () => {
    const { wb, actions } = seeded();
    const before = wb.snapshot();
    await actions.run(options());
    expect(wb.snapshot()).not.toEqual(before);
    await actions.removeResults();
    expect(wb.snapshot()).toEqual(before);
  });

  test('leaves an Excel Table exactly as it was', async () => {
    const { wb, actions, rows } = seeded();
    wb.addTable('客户', `A1:R${rows.length}`, 'Clients');
    const before = wb.snapshot();
    await actions.run(options());
    await actions.run(options({ config: { ...CONFIG, locale: 'en-US' } }));
    await actions.removeResults();
    expect(wb.snapshot()).toEqual(before);
  });

  test('after relocated output keeps the user value that was in the way', async () => {
    const { wb, actions } = seeded();
    wb.setValues('客户', 'W5', [['备注']]);
    const before = wb.snapshot();
    await actions.run(options({ placement: 'afterUsed' }));
    await actions.removeResults();
    expect(wb.snapshot()).toEqual(before);
  });

  test('does not clear columns the user has since typed over', async () => {
    const { wb, actions } = seeded();
    await actions.run(options());
    wb.setValues('客户', 'S1', [['我的列']]);
    await actions.removeResults();
    expect(wb.getValue('客户', 'S1')).toBe('我的列');
    expect(wb.snapshot().charts).toHaveLength(0);
    expect(wb.getSetting(SETTINGS_KEY)).toBeUndefined();
  });

  test('with nothing to remove does nothing', async () => {
    const { wb, actions } = seeded();
    const before = wb.snapshot();
    await actions.removeResults();
    expect(wb.snapshot()).toEqual(before);
  });

  test('clears damaged settings so the user can start over', async () => {
    const { wb, actions } = seeded();
    wb.setSetting(SETTINGS_KEY, '{not json');
    await expect(actions.loadState()).rejects.toMatchObject({ code: 'BAD_SETTINGS' });
    await actions.removeResults();
    expect(await actions.loadState()).toBeNull();
  });
});

describe('settings in a reopened workbook', () => {
  test('restore the configuration and let a colleague re-run in place', async () => {
    const { wb, actions } = seeded();
    const cfg = { ...CONFIG, shareCut: 'quantile:0.8', weights: { credit_rating: 2 } };
    const first = await actions.run(options({ config: cfg }));
    const reopened = InMemoryWorkbook.fromSnapshot(wb.snapshot());
    const colleague = actionsFor(reopened);
    const state = await colleague.loadState();
    expect(state?.config.shareCut).toBe('quantile:0.8');
    expect(state?.config.weights).toEqual({ credit_rating: 2 });
    expect(state?.config.map?.client_id).toBe('客户号');
    reopened.select('客户', 'B2');
    const detected = await colleague.detectTable();
    expect(detected.mappingSaved).toBe(true);
    expect(detected.columnCount).toBe(18); // the output columns are not part of the table
    const again = await colleague.run(options({ config: state?.config ?? cfg }));
    expect(again.kind).toBe('done');
    expect(first.kind === 'done' && again.kind === 'done' && again.outputAddress === first.outputAddress).toBe(true);
    expect(reopened.snapshot().charts.filter((c) => c.name === CHART_NAME)).toHaveLength(1);
  });

  test('saveConfig stores a validated configuration before any run', async () => {
    const { actions } = seeded();
    await actions.saveConfig({ ...CONFIG, loyaltyCut: 'mean' });
    expect((await actions.loadState())?.config.loyaltyCut).toBe('mean');
    await expect(actions.saveConfig({ ...CONFIG, loyaltyCut: 'pareto:0.8' })).rejects.toMatchObject({ code: 'ANALYSIS' });
  });

  test('a damaged setting gives a clear error, not a crash', async () => {
    const { wb, actions } = seeded();
    wb.setSetting(SETTINGS_KEY, JSON.stringify({ schemaVersion: 1, config: { shareCut: 'bogus' } }));
    const e = await actions.loadState().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'BAD_SETTINGS' });
    expect((e as { localized(l: string): string }).localized('en-US')).toMatch(/shareCut/);
    await expect(actions.run(options())).rejects.toMatchObject({ code: 'BAD_SETTINGS' });
  });
});

describe('other actions', () => {
  test('selectRow selects the data row with its output, listSheets hides the summary sheet', async () => {
    const { wb, actions } = seeded();
    await expect(actions.selectRow(1)).rejects.toMatchObject({ code: 'NOT_ANALYSED' });
    await actions.run(options());
    await actions.selectRow(3);
    expect(wb.selection()).toEqual({ sheet: '客户', areas: ['A4:AB4'] });
    expect(await actions.listSheets()).toEqual(['客户']);
  });
});
