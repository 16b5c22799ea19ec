/**
 * The task pane on the real adapter and the in-memory Excel in the states where Excel refuses
 * (issue 9): the pane shows the adapter's specific message, in the pane's language, never Excel's
 * generic "refused an operation"; with the add-in's chart selected it goes on with the saved table
 * and says so. Also what the pane says of merged header cells, where Excel can be asked (ExcelApi 1.13).
 */
import './setup';
import { screen, waitFor } from '@testing-library/react';
import { createPortfolioActions, type PortfolioActions } from '../../src/excel';
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { FakeActions, readFixture } from './fakeActions';
import { press, renderApp } from './renderApp';

function workbook(): InMemoryWorkbook {
  const wb = new InMemoryWorkbook(['客户明细']);
  wb.setValues('客户明细', 'A1', readFixture('branch-small.csv'));
  wb.select('客户明细', 'B2');
  return wb;
}

const bind = (wb: InMemoryWorkbook): PortfolioActions =>
  createPortfolioActions((batch, options) => wb.run(options ?? {}, batch), { supportsExcelApi: (v) => wb.isSetSupported('ExcelApi', v) });

test('a protected sheet: Analyse shows what to do, in English and Chinese, and the workbook is unchanged', async () => {
  const wb = workbook();
  wb.protectSheet('客户明细');
  const before = wb.snapshot();
  const { user } = await renderApp({ actions: bind(wb) });
  await press(user, 'Confirm mapping');
  await press(user, 'Analyse');
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('The worksheet "客户明细" is protected');
  expect(alert).not.toHaveTextContent('Excel refused');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh-CN');
  expect(screen.getByRole('alert')).toHaveTextContent('工作表"客户明细"受保护');
  const after = wb.snapshot();
  // Only the confirmed mapping was saved (settings are not cell content).
  expect({ ...after, settings: {} }).toEqual({ ...before, settings: {} });
});

test("cell edit mode on Excel before 1.11: opening the pane says to finish editing the cell", async () => {
  const wb = workbook().startCellEdit();
  await renderApp({ actions: bind(wb), waitForTable: false });
  expect(await screen.findByRole('alert')).toHaveTextContent('Excel is editing a cell. Press Enter or Esc');
});

test("the add-in's chart selected after a run: Detect uses the saved table and the pane says why", async () => {
  const wb = workbook();
  const actions = bind(wb);
  const { user } = await renderApp({ actions });
  await press(user, 'Confirm mapping');
  await press(user, 'Analyse');
  await waitFor(() => expect(wb.snapshot().charts).toHaveLength(1));
  wb.selectChart('客户明细', wb.snapshot().charts[0].name);
  await user.click(screen.getByRole('button', { name: 'Column mapping' }));
  await press(user, 'Detect the table again');
  expect(await screen.findByText(/A chart is selected, so the table analysed last time is used/)).toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('a fake adapter that answers from the saved table shows the same note (the pane reads DetectedTable.source)', async () => {
  const actions = new FakeActions();
  const detect = actions.detectTable.bind(actions);
  actions.detectTable = async () => ({ ...(await detect()), source: 'saved' as const });
  await renderApp({ actions, locale: 'zh-CN' });
  expect(await screen.findByText(/当前选中的是图表，因此使用上次分析的表格/)).toBeInTheDocument();
});

test('merged header cells: the mapping panel says so on an Excel with ExcelApi 1.13', async () => {
  const wb = workbook().setApiVersion('1.13').mergeCells('客户明细', 'D1:E1');
  await renderApp({ actions: bind(wb) });
  expect(await screen.findByText(/The header has merged cells: only the first cell of each merged area has a column name/)).toBeInTheDocument();
});

test('merged header cells on ExcelApi 1.9: the table is found and no merged-cell note is shown', async () => {
  const wb = workbook().mergeCells('客户明细', 'D1:E1');
  await renderApp({ actions: bind(wb) });
  expect(await screen.findByText(/Table 客户明细!A1:R/)).toBeInTheDocument();
  expect(screen.queryByText(/merged cells/)).not.toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});
