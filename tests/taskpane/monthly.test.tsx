/**
 * Next month's run from the task pane, on the real Excel adapter and the in-memory workbook: the
 * analyst analyses January, then selects February's table, picks January's sheet as last period,
 * reuses last period's cut points, and sees who moved, who is new and who is gone.
 */
import './setup';
import { screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createPortfolioActions } from '../../src/excel';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { press, renderApp } from './renderApp';

function month(file: string): (string | number)[][] {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'series', file), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l, i) => l.split(',').map((c) => (i > 0 && c !== '' && Number.isFinite(Number(c)) ? Number(c) : c)));
}

it('shows the movement since last period, with last period\'s cut points frozen', async () => {
  const wb = new InMemoryWorkbook(['2026-01', '2026-02']);
  wb.setValues('2026-01', 'A1', month('2026-01.csv'));
  wb.setValues('2026-02', 'A1', month('2026-02.csv'));
  wb.select('2026-01', 'B3');
  const actions = createPortfolioActions((batch) => wb.run(batch));
  const { user, container } = await renderApp({ actions });

  // January: the first analysis.
  await screen.findByText("Table '2026-01'!A1:D9, 8 client rows");
  await press(user, 'Confirm mapping');
  await screen.findByText('Mapping confirmed and saved in the workbook.');
  await press(user, 'Analyse');
  await screen.findByText(/Analysed 8 clients/, undefined, { timeout: 10_000 });
  expect(screen.queryByRole('heading', { name: 'Since last period' })).not.toBeInTheDocument();

  // February: select its table, point at January's sheet, reuse January's cuts.
  wb.select('2026-02', 'C4');
  // After a run the mapping is folded away; the analyst opens it to point the pane at the new table.
  await user.click(screen.getByRole('button', { name: 'Column mapping' }));
  await user.click(screen.getByRole('button', { name: 'Detect the table again' }));
  await screen.findByText("Table '2026-02'!A1:D9, 8 client rows");
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await user.click(await screen.findByRole('radio', { name: 'Another sheet of this workbook' }));
  await user.selectOptions(await screen.findByRole('combobox', { name: /Last period's sheet/ }), '2026-01');
  await user.click(screen.getByRole('switch', { name: "Reuse last period's cut points" }));
  await press(user, /^Analyse( again)?$/);
  await screen.findByText(/Analysed 8 clients. Results in '2026-02'!/, undefined, { timeout: 10_000 });

  // The cuts are January's, and the pane says so.
  const cuts = screen.getByRole('region', { name: 'Cut points' });
  expect(cuts).toHaveTextContent('Share ≥ 10.00% is large (fixed:0.1)');
  expect(cuts).toHaveTextContent('Loyalty ≥ 55.0 is high (fixed:55)');
  expect(cuts).toHaveTextContent("Last period's cut values were reused");

  // Who moved (largest moves first, then in quadrant order), matched how.
  const movement = screen.getByRole('region', { name: 'Since last period' });
  expect(movement).toHaveTextContent('Last period: 2026-01; 7 matched by client ID, 0 by name');
  const moves = within(movement).getByRole('list', { name: 'Since last period' });
  expect(within(moves).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
    'General → Problem 1 (loyal, small): 2',
    'Loyal → Problem 2 (large, disloyal): 1',
    'Problem 1 (loyal, small) → Loyal: 1',
    'Problem 2 (large, disloyal) → Loyal: 1',
    'Same quadrant: 2',
  ]);

  // New and gone clients; a new one is a click away in the sheet.
  await user.click(within(movement).getByRole('button', { name: 'New this period (1)' }));
  await user.click(await within(movement).findByRole('button', { name: '壬公司 (C09)' }));
  await waitFor(() => expect(wb.selection()).toEqual({ sheet: '2026-02', areas: ['A9:P9'] }));
  await user.click(within(movement).getByRole('button', { name: 'Gone since last period (1)' }));
  expect(await within(movement).findByText(/丁公司 \(C04\)/)).toBeInTheDocument();

  // The sheet has the change column, in the pane's language.
  const header = wb.getValues('2026-02', 'A1:Z1')[0];
  const change = header.indexOf('Quadrant change');
  expect(change).toBeGreaterThan(3);
  expect(wb.getValues('2026-02', 'A3:Z3')[0][change]).toBe('Loyal → Problem 2 (large, disloyal)');

  // The new section passes the same automated accessibility check as the rest of the pane.
  const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(found.violations.map((v) => v.id)).toEqual([]);
});
