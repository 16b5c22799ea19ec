import './setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import { analyze, labels, parseConfig, type AnalysisConfig } from '../../src/domain';
import type { RunOptions } from '../../src/excel/api';
import { AdapterError } from '../../src/excel/errors';
import { FakeActions, readFixture } from './fakeActions';
import { TODAY, press, renderApp } from './renderApp';

type User = Awaited<ReturnType<typeof renderApp>>['user'];

async function confirmMapping(user: User) {
  await press(user, 'Confirm mapping');
  await screen.findByText('Mapping confirmed and saved in the workbook.');
}

async function analyseNow(user: User) {
  await press(user, /^Analyse( again)?$/);
}

/**
 * An open dialog by its title. Tabster (Fluent's focus manager) keeps a dialog aria-hidden until
 * focus has entered it, and in jsdom Fluent's first focus can run before Tabster has registered
 * the dialog (a mutation observer), more often on a busy machine — then the dialog stays hidden
 * from role queries (and its accessible name is empty) although a click reaches it. So dialogs are
 * found including hidden ones, by the text of the title they are labelled by; the real browser
 * test (tests/e2e) finds its dialogs by role and name, as a screen reader would.
 */
async function findDialog(title: string | undefined): Promise<HTMLElement> {
  return waitFor(
    () => {
      const dialog = screen
        .getAllByRole('alertdialog', { hidden: true })
        .find((d) => title === undefined || document.getElementById(d.getAttribute('aria-labelledby') ?? '')?.textContent === title);
      if (!dialog) throw new Error(`no dialog titled "${title}"`);
      return dialog;
    },
    { timeout: 15_000 },
  );
}

async function dialogButton(title: string | undefined, button: string): Promise<HTMLElement> {
  const dialog = await findDialog(title);
  const found = within(dialog)
    .getAllByRole('button', { hidden: true })
    .find((b) => b.textContent === button);
  if (!found) throw new Error(`no button "${button}" in the dialog "${title}"`);
  return found;
}

function matrixCell(label: string) {
  const matrix = screen.getByRole('list', { name: 'Customer matrix' });
  return within(matrix)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.startsWith(label)) as HTMLElement;
}

describe('the mapping', () => {
  it('opens a column dropdown and closes it with Escape: the choice is unchanged and the pane still works, with no React warning', async () => {
    const { user } = await renderApp();
    const volume = screen.getByRole('combobox', { name: /^Volume/ });
    const before = volume.textContent;
    await user.click(volume);
    await waitFor(() => expect(volume.getAttribute('aria-expanded')).toBe('true'));
    // A multiselect Dropdown's options are checkbox items (their role in Fluent's listbox).
    expect(await screen.findAllByRole('menuitemcheckbox')).not.toHaveLength(0);
    expect(volume.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(volume.getAttribute('aria-expanded')).toBe('false'));
    expect(volume.textContent).toBe(before);
    // Collapsing and reopening a panel (Fluent marks a closing panel inert) and going on works.
    const optional = screen.getByRole('button', { name: /^Other optional fields/ });
    await user.click(optional);
    await waitFor(() => expect(optional.getAttribute('aria-expanded')).toBe('true'));
    await user.click(optional);
    await waitFor(() => expect(optional.getAttribute('aria-expanded')).toBe('false'));
    await confirmMapping(user);
    // The setup's guard fails the test on any console.error / console.warn (React's "Warning: …").
  });

  it('shows the detected table and the suggested column of every mapped field', async () => {
    await renderApp();
    expect(screen.getByText('Table 客户明细!A1:R13, 12 client rows')).toBeInTheDocument();
    // Volume is required and suggested from 存款日均(万元).
    const volume = screen.getByRole('combobox', { name: /Volume/ });
    expect(volume).toHaveTextContent('存款日均(万元)');
    expect(screen.getByRole('combobox', { name: 'Client name' })).toHaveValue('客户名称');
    expect(screen.getByRole('combobox', { name: 'Credit rating' })).toHaveValue('信用等级');
    // Fields without a suggestion are one click away, and can be mapped too.
    expect(screen.getByRole('button', { name: /Other optional fields/ })).toBeInTheDocument();
  });

  it('lets the user change a field, and a column taken by another field leaves the first one', async () => {
    const { user } = await renderApp();
    const manager = screen.getByRole('combobox', { name: 'Client manager' });
    await user.selectOptions(manager, '客户名称');
    expect(manager).toHaveValue('客户名称');
    expect(screen.getByRole('combobox', { name: 'Client name' })).toHaveValue('');
  });

  it('takes several volume columns and blocks confirming without one', async () => {
    const { user } = await renderApp();
    const volume = screen.getByRole('combobox', { name: /Volume/ });
    await user.click(volume);
    // Fluent's multi-select list mounts in a portal a moment after the click; its options are checkable menu items.
    const listbox = within(await screen.findByRole('menu'));
    await user.click(listbox.getByRole('menuitemcheckbox', { name: '上月日均(万元)' }));
    // 上月日均 was the previous volume; it moves to volume, which now sums two columns.
    expect(volume).toHaveTextContent('存款日均(万元), 上月日均(万元)');
    await user.click(listbox.getByRole('menuitemcheckbox', { name: '存款日均(万元)' }));
    await user.click(listbox.getByRole('menuitemcheckbox', { name: '上月日均(万元)' }));
    await user.keyboard('{Escape}');
    expect(screen.getByText('Choose the volume column: it is the only required field.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirm mapping' })).toBeDisabled();
  });

  it('saves the confirmed mapping in the workbook before the first run', async () => {
    const { user, actions } = await renderApp();
    expect(screen.getByRole('button', { name: 'Analyse' })).toBeDisabled();
    expect(screen.getByText('Confirm the column mapping first.')).toBeInTheDocument();
    await confirmMapping(user);
    const [config] = actions.callsOf('saveConfig')[0] as [AnalysisConfig];
    expect(config.map?.volume).toEqual(['存款日均(万元)']);
    expect(config.map?.client_id).toBe('客户号');
    // The saved configuration is a valid §14 configuration.
    expect(() => parseConfig(config)).not.toThrow();
    expect(screen.getByRole('button', { name: 'Analyse' })).toBeEnabled();
  });

  it('asks again after a confirmed mapping is changed, and detects the table again on request', async () => {
    const { user, actions } = await renderApp();
    await confirmMapping(user);
    await user.click(screen.getByRole('button', { name: 'Column mapping' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Client manager' }), '');
    expect(screen.getByText('The mapping changed: confirm it again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Analyse' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Detect the table again' }));
    await waitFor(() => expect(actions.callsOf('detectTable')).toHaveLength(2));
    // The workbook remembers the confirmed mapping, so the fresh detection comes back confirmed.
    await screen.findByRole('button', { name: 'Analyse' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Analyse' })).toBeEnabled());
  });
});

describe('analysing', () => {
  it('shows the counts and volume per quadrant, the cuts, stages and risks', async () => {
    const { user, actions } = await renderApp();
    await confirmMapping(user);
    await analyseNow(user);
    await screen.findByRole('list', { name: 'Customer matrix' }, { timeout: 5000 });
    const expected = analyze(readFixture('branch-small.csv'), parseConfig({}), { today: TODAY });
    for (const q of ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const) {
      const n = expected.summary.quadrants[q]?.count ?? 0;
      expect(matrixCell(labels.QUADRANT_LABELS[q]['en-US'])).toHaveTextContent(`${n} client`);
    }
    // The matrix reads as the customer matrix: Problem 2 top-left, Loyal top-right, General, Problem 1.
    const order = within(screen.getByRole('list', { name: 'Customer matrix' }))
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-quadrant'));
    expect(order).toEqual(['PROBLEM_2', 'LOYAL', 'GENERAL', 'PROBLEM_1']);
    expect(screen.getByText(/Share ≥ .* is large \(pareto:0.8\)/)).toBeInTheDocument();
    expect(screen.getByText(/Loyalty ≥ .* is high \(median\)/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Lifecycle stages' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Exit risk' })).toBeInTheDocument();
    expect(screen.getByText(/Analysed 12 clients/)).toBeInTheDocument();
    const [options] = actions.callsOf('run')[0] as [RunOptions];
    expect(options).toMatchObject({ today: TODAY, placement: 'ask', reuseLastCuts: false, previous: { kind: 'none' } });
  });

  it('sends the settings the user chose, in the units of the configuration', async () => {
    const { user, actions } = await renderApp();
    await confirmMapping(user);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const share = within(await screen.findByRole('group', { name: 'Business share cut (vertical axis)' }));
    await user.selectOptions(share.getByRole('combobox', { name: 'Cut mode' }), 'fixed');
    const value = share.getByRole('textbox', { name: 'Share cut (%)' });
    await user.clear(value);
    await user.type(value, '5');
    // A fixed cut is known before the run.
    expect(share.getByRole('note')).toHaveTextContent('Cut value: 5.00%');
    const loyalty = within(screen.getByRole('group', { name: 'Loyalty cut (horizontal axis)' }));
    await user.selectOptions(loyalty.getByRole('combobox', { name: 'Cut mode' }), 'mean');
    await analyseNow(user);
    await screen.findByRole('list', { name: 'Customer matrix' }, { timeout: 5000 });
    const [options] = actions.callsOf('run')[0] as [RunOptions];
    expect(options.config.shareCut).toBe('fixed:0.05');
    expect(options.config.loyaltyCut).toBe('mean');
  });

  it('refuses a bad cut value beside the field, in the user language', async () => {
    const { user } = await renderApp();
    await confirmMapping(user);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const share = within(await screen.findByRole('group', { name: 'Business share cut (vertical axis)' }));
    const value = share.getByRole('textbox', { name: /Share of the business/ });
    await user.clear(value);
    await user.type(value, '150');
    expect(share.getByText('Enter a percentage above 0 and at most 100.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Analyse' })).toBeDisabled();
  });

  it('asks where to put the results when cells are in the way, and reruns after the used columns', async () => {
    const actions = new FakeActions();
    actions.occupiedAt = '客户明细!S1:AD13';
    const { user } = await renderApp({ actions });
    await confirmMapping(user);
    await analyseNow(user);
    const dialog = await findDialog('Cells in the way');
    expect(dialog).toHaveTextContent('Cells in the way at 客户明细!S1:AD13');
    await user.click(await dialogButton('Cells in the way', 'Place after the last used column'));
    await screen.findByRole('list', { name: 'Customer matrix' }, { timeout: 5000 });
    const runs = actions.callsOf('run') as [RunOptions][];
    expect(runs.map(([o]) => o.placement)).toEqual(['ask', 'afterUsed']);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('writes nothing when the user cancels the cells-in-the-way question', async () => {
    const actions = new FakeActions();
    actions.occupiedAt = '客户明细!S1';
    const { user } = await renderApp({ actions });
    await confirmMapping(user);
    await analyseNow(user);
    await user.click(await dialogButton(undefined, 'Cancel'));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(actions.callsOf('run')).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'Results' })).not.toBeInTheDocument();
  });

  it('shows progress with counts and cancels through the abort signal', async () => {
    const actions = new FakeActions();
    actions.holdRuns = true;
    const { user } = await renderApp({ actions });
    await confirmMapping(user);
    await analyseNow(user);
    expect(await screen.findByText('Reading rows: 0 of 12 rows')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const [options] = actions.callsOf('run')[0] as [RunOptions];
    expect(options.signal?.aborted).toBe(true);
    expect(await screen.findByText('The analysis was cancelled.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Analyse' })).toBeEnabled();
  });
});

describe('failures', () => {
  it('shows an adapter error in English and again in Chinese after switching, with nothing swallowed', async () => {
    const actions = new FakeActions();
    const error = new AdapterError('EMPTY_REGION', { address: 'Sheet1!D4' });
    actions.failNext.detectTable = error;
    const { user } = await renderApp({ actions, waitForTable: false });
    const alert = await screen.findByRole('alert');
    // The adapter's own words (they name the place and what to do), in the pane's language.
    expect(alert).toHaveTextContent(error.localized('en-US'));
    expect(alert).toHaveTextContent('Sheet1!D4');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh-CN');
    expect(screen.getByRole('alert')).toHaveTextContent(error.localized('zh-CN'));
    expect(screen.getByRole('alert')).toHaveTextContent('出现问题');
    // Detect again after selecting the table: the error goes and the table is found.
    await user.click(screen.getByRole('button', { name: '重新识别表格' }));
    await screen.findByText(/12 行客户数据/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('words a failed run in the user language and keeps what to do', async () => {
    const actions = new FakeActions();
    const { user } = await renderApp({ actions, locale: 'zh-CN' });
    await press(user, '确认映射');
    const error = new AdapterError('EXCEL_ERROR', { detail: 'GeneralException: busy' });
    actions.failNext.run = error;
    await press(user, '开始分析');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(error.localized('zh-CN'));
    expect(alert).toHaveTextContent('GeneralException: busy');
    await user.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'en-US');
    expect(screen.getByRole('alert')).toHaveTextContent(error.localized('en-US'));
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('reports an unexpected error with its message and what to do', async () => {
    const actions = new FakeActions();
    actions.failNext.loadState = new TypeError('settings is undefined');
    await renderApp({ actions });
    expect(screen.getByRole('alert')).toHaveTextContent('An unexpected error happened: settings is undefined');
    expect(screen.getByRole('alert')).toHaveTextContent('Try again');
  });
});

describe('the language', () => {
  it('switches the whole pane and is remembered', async () => {
    const { user, unmount } = await renderApp();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh-CN');
    expect(screen.getByRole('heading', { name: '客户矩阵', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '确认映射' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '客户名称' })).toHaveValue('客户名称');
    expect(document.documentElement.lang).toBe('zh-CN');
    unmount();
    await renderApp({ locale: 'en-US' });
    expect(screen.getByRole('heading', { name: '客户矩阵', level: 1 })).toBeInTheDocument();
  });

  it('follows Office when the user never chose', async () => {
    await renderApp({ locale: 'zh-CN' });
    expect(screen.getByText('表格：客户明细!A1:R13，12 行客户数据')).toBeInTheDocument();
  });
});

describe('the results', () => {
  async function analysed(actions = new FakeActions(readFixture('branch-messy.csv'))) {
    const r = await renderApp({ actions });
    await confirmMapping(r.user);
    await analyseNow(r.user);
    await screen.findByRole('list', { name: 'Customer matrix' }, { timeout: 5000 });
    return r;
  }

  it('selects a top-priority client in the sheet when clicked', async () => {
    const { user, actions } = await analysed();
    const list = screen.getByRole('list', { name: /Top priorities/ });
    const first = within(list).getAllByRole('button')[0];
    const expected = analyze(readFixture('branch-messy.csv'), parseConfig({}), { today: TODAY }).rows.find((r) => r.priority === 1);
    expect(first).toHaveTextContent(expected?.clientName ?? '');
    await user.click(first);
    await waitFor(() => expect(actions.callsOf('selectRow')).toEqual([[expected?.row]]));
  });

  it('groups data issues by kind and selects an affected row', async () => {
    const { user, actions } = await analysed();
    const issues = await screen.findByRole('region', { name: 'Data issues' });
    const group = within(issues).getByRole('button', { name: /not a valid date \(\d+\)/ });
    await user.click(group);
    const rows = within(issues).getAllByRole('button', { name: /^Row \d+$/ });
    expect(rows.length).toBeGreaterThan(0);
    // Rows are named as the sheet numbers them: data row 1 is sheet row 2.
    await user.click(rows[0]);
    const sheetRow = Number(/\d+/.exec(rows[0].textContent ?? '')?.[0]);
    await waitFor(() => expect(actions.callsOf('selectRow')).toEqual([[sheetRow - 1]]));
  });

  it('removes the results only after confirmation', async () => {
    const { user, actions } = await analysed();
    await press(user, 'Remove results');
    await user.click(await dialogButton('Remove the results?', 'Cancel'));
    // Closed (and gone from the page) before the button is pressed again.
    await waitFor(() => expect(screen.queryByRole('alertdialog', { hidden: true })).not.toBeInTheDocument(), { timeout: 15_000 });
    expect(actions.callsOf('removeResults')).toHaveLength(0);
    // Tabster lifts the modal's aria-hidden from the rest of the pane a moment after closing.
    await press(user, 'Remove results');
    await user.click(await dialogButton('Remove the results?', 'Remove'));
    await screen.findByText('The results were removed; your table is unchanged.');
    expect(actions.callsOf('removeResults')).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'Results' })).not.toBeInTheDocument();
    // The settings went too: the mapping must be confirmed again.
    expect(await screen.findByRole('button', { name: 'Analyse' })).toBeDisabled();
  });

  it('offers to reuse the last cut points once a run saved them', async () => {
    const { user, actions } = await analysed();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const reuse = await screen.findByRole('switch', { name: "Reuse last period's cut points" });
    expect(reuse).toBeEnabled();
    await user.click(reuse);
    await analyseNow(user);
    await waitFor(() => expect(actions.callsOf('run')).toHaveLength(2));
    const [options] = actions.callsOf('run')[1] as [RunOptions];
    expect(options.reuseLastCuts).toBe(true);
    await act(async () => undefined);
  });
});
