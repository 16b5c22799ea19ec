/** The sandbox page's own words (the task pane inside it has its own catalogue). */
import { texts, type Locale } from '../domain';

type Texts = Readonly<Record<Locale, string>>;
// zh-TW is the zh-CN text converted (domain i18n/traditional.ts).
const t = (zh: string, en: string): Texts => texts(zh, en);

export const SANDBOX_TEXT = {
  title: t('客户矩阵 · 沙盒', 'Portfolio Matrix · sandbox'),
  subtitle: t('内存中的工作簿，运行真实的任务窗格；数据不离开本页面。', 'An in-memory workbook running the real task pane; no data leaves this page.'),
  sample: t('示例数据', 'Sample data'),
  sampleZh: t('中文示例（300 户）', 'Chinese sample (300 clients)'),
  sampleTw: t('繁体中文示例（300 户）', 'Sample in Traditional Chinese (300 clients)'),
  sampleEn: t('英文示例（300 户）', 'English sample (300 clients)'),
  sampleBig: t('大表（10,000 户）', 'Large table (10,000 clients)'),
  openFile: t('打开 .xlsx 或 .csv…', 'Open .xlsx or .csv…'),
  opening: t('正在打开…', 'Opening…'),
  grid: t('工作表', 'Worksheet'),
  sheets: t('工作表标签', 'Sheet tabs'),
  chart: t('矩阵图（由加载项在工作簿中创建）', 'Matrix chart (as the add-in created it in the workbook)'),
  chartLoading: t('正在加载图表…', 'Loading the chart…'),
  taskPane: t('任务窗格', 'Task pane'),
  editRefused: t('无法写入该单元格：', 'That cell could not be written: '),
  openFailed: t('无法打开文件：', 'The file could not be opened: '),
  emptyFile: t('文件中没有数据。', 'The file holds no data.'),
  unsupported: t('只支持 .xlsx 和 .csv 文件。', 'Only .xlsx and .csv files can be opened.'),
  dismiss: t('关闭', 'Dismiss'),
  source: t('当前数据', 'Data'),
  hint: t(
    '先在表格中选择一个单元格，再在右侧确认映射并开始分析。双击单元格可编辑。',
    'Select a cell inside the table, then confirm the mapping and analyse on the right. Double-click a cell to edit it.',
  ),
} as const;
