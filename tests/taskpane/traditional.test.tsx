import './setup';
import { screen, within } from '@testing-library/react';
import { analyze, labels, parseConfig, toTraditional } from '../../src/domain';
import { UI } from '../../src/taskpane/i18n';
import { FakeActions, readFixture } from './fakeActions';
import { TODAY, press, renderApp } from './renderApp';

/** The branch fixture in Traditional characters, on a sheet whose name the user wrote in Simplified. */
const traditionalTable = () => readFixture('branch-small.csv').map((row) => row.map((c) => (typeof c === 'string' ? toTraditional(c) : c)));

describe('the pane in Traditional Chinese', () => {
  it('speaks zh-TW, maps a Traditional table and shows the matrix in Traditional labels', async () => {
    const table = traditionalTable();
    const { user } = await renderApp({ actions: new FakeActions(table, '客户明细'), locale: 'zh-TW', waitForTable: false });
    // The sheet name is the user's and is shown exactly; the pane's own words are Traditional.
    expect(await screen.findByText('表格：客户明细!A1:R13，12 行客戶數據')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '客戶矩陣', level: 1 })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-TW');
    expect(screen.getByRole('combobox', { name: '客戶名稱' })).toHaveValue('客戶名稱');
    expect(screen.getByRole('combobox', { name: '信用等級' })).toHaveValue('信用等級');
    expect(screen.getByRole('combobox', { name: /^業務量/ })).toHaveTextContent('存款日均(萬元)');

    await press(user, '確認映射');
    await screen.findByText(UI.mappingConfirmed['zh-TW']);
    await press(user, '開始分析');
    const matrix = await screen.findByRole('list', { name: '客戶矩陣' }, { timeout: 5000 });
    const expected = analyze(readFixture('branch-small.csv'), parseConfig({}), { today: TODAY });
    const loyal = within(matrix)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.startsWith('忠誠客戶'));
    expect(loyal).toHaveTextContent(`${expected.summary.quadrants.LOYAL?.count ?? 0} 戶`);
    expect(screen.queryByText(/忠诚客户/)).not.toBeInTheDocument();
    // The adapter's sheet names are shown as they are (here the fake's Simplified summary name).
    expect(screen.getByText(/^已分析 12 戶客戶。結果寫入 客户明细!.*彙總見工作表"客户矩阵汇总"。$/)).toBeInTheDocument();
  });

  it('is offered in the language switch, named in itself, and switches from English', async () => {
    const { user } = await renderApp();
    const select = screen.getByRole('combobox', { name: 'Language' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['简体中文', '繁體中文', 'English']);
    await user.selectOptions(select, 'zh-TW');
    expect(screen.getByRole('button', { name: '確認映射' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '語言' })).toHaveValue('zh-TW');
    expect(screen.getByRole('combobox', { name: labels.FIELD_LABELS.client_name['zh-TW'] })).toHaveValue('客户名称');
  });
});
