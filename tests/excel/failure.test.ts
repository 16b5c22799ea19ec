/**
 * Excel failing half-way through a run (a GeneralException on any one round trip): whatever the
 * run had written is taken back, so the workbook is as the user left it — no output columns, no
 * summary sheet, no chart — and the error reaches the pane as an adapter error.
 */
import { options, seeded } from './helpers';

/** Round trips of a whole run on the fixture, in 4-row blocks (several write syncs). */
async function roundTripsOfARun(): Promise<number> {
  const { wb, actions } = seeded();
  const before = wb.roundTrips;
  const out = await actions.run(options({ blockRows: 4 }));
  expect(out.kind).toBe('done');
  return wb.roundTrips - before;
}

describe('a run that Excel fails half-way', () => {
  test('leaves the workbook as it was, whichever round trip fails', async () => {
    const n = await roundTripsOfARun();
    expect(n).toBeGreaterThan(4);
    for (let k = 1; k <= n; k++) {
      const { wb, actions } = seeded();
      const before = wb.snapshot();
      wb.failRoundTripAfter(k);
      const error = await actions.run(options({ blockRows: 4 })).catch((e: unknown) => e);
      expect({ k, code: (error as { code?: string }).code }).toEqual({ k, code: 'EXCEL_ERROR' });
      expect({ k, snapshot: wb.snapshot() }).toEqual({ k, snapshot: before });
    }
  });

  test('on a re-run, failing at the last request, keeps the user\'s table and leaves no half-written output', async () => {
    const { wb, actions, rows } = seeded();
    await actions.run(options({ blockRows: 4 }));
    const table = wb.getValues('客户', `A1:R${rows.length}`);
    const start = wb.roundTrips;
    await actions.run(options({ blockRows: 4 }));
    const perRun = wb.roundTrips - start;
    // The last round trip writes the formats, the summary, the chart and the settings.
    wb.failRoundTripAfter(perRun);
    await expect(actions.run(options({ blockRows: 4 }))).rejects.toMatchObject({ code: 'EXCEL_ERROR' });
    expect(wb.getValues('客户', `A1:R${rows.length}`)).toEqual(table);
    expect(wb.getValues('客户', `S1:AB${rows.length}`).flat().every((v) => v === '')).toBe(true);
    expect(wb.snapshot().sheets.map((s) => s.name)).toEqual(['客户']);
    expect(wb.snapshot().charts).toEqual([]);
    expect((await actions.loadState())?.output).toBeNull();
    // The next run works and writes one set of output again.
    const again = await actions.run(options({ blockRows: 4 }));
    expect(again.kind).toBe('done');
    expect(wb.getValue('客户', 'U1')).toBe('客户象限');
  });
});
