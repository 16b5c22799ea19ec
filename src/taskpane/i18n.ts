/**
 * The task pane's own words (zh-CN and en-US; zh-TW is made from zh-CN). Domain labels — quadrants, stages, risks, flags,
 * field names — come from src/domain so the pane and the sheet always say the same thing; this
 * catalogue holds only what the pane itself says. Every message is a named constant.
 */
import { texts, withTraditional, type Component, type Locale, type Thresholds, type ZhEn } from '../domain';
import type { RunPhase } from '../excel/api';

type Texts = Readonly<Record<Locale, string>>;
// zh-TW is the zh-CN text converted (domain i18n/traditional.ts).
const t = (zh: string, en: string): Texts => texts(zh, en);
/** A message with parameters (written in zh-CN and en-US; withTraditional adds zh-TW). */
type Template<P> = ZhEn<(p: P) => string>;

export const UI = {
  appTitle: t('客户矩阵', 'Portfolio Matrix'),
  appSubtitle: t('客户矩阵、生命周期与流失预警', 'Customer matrix, lifecycle and churn warning'),
  language: t('语言', 'Language'),

  // Mapping
  mappingHeading: t('列映射', 'Column mapping'),
  detectAgain: t('重新识别表格', 'Detect the table again'),
  detectAgainHint: t('选择表格中的一个单元格后点击此按钮', 'Select a cell inside your table, then press this'),
  detecting: t('正在识别表格…', 'Looking for the table…'),
  notMapped: t('（不使用）', '(not used)'),
  required: t('必填', 'required'),
  severalColumnsHint: t('可选多列，求和', 'You may pick several columns; they are summed'),
  volumeMissing: t('请选择业务量列，这是唯一必填的字段。', 'Choose the volume column: it is the only required field.'),
  confirmMapping: t('确认映射', 'Confirm mapping'),
  confirmMappingHint: t('首次分析前请核对并确认列映射。', 'Check the mapping and confirm it before the first analysis.'),
  mappingConfirmed: t('映射已确认并保存在工作簿中。', 'Mapping confirmed and saved in the workbook.'),
  mappingChanged: t('映射已修改，请重新确认。', 'The mapping changed: confirm it again.'),
  mergedHeaderNote: t(
    '表头有合并单元格：每个合并区域只有第一个单元格有列名，其余列视为无列名的列。',
    'The header has merged cells: only the first cell of each merged area has a column name; the other columns are taken as unnamed.',
  ),
  hiddenRowsNote: t('表格含隐藏或筛选的行：所有行都会参与分析。', 'The table has hidden or filtered rows: all rows are analysed.'),
  savedTableNote: t(
    '当前选中的是图表，因此使用上次分析的表格。要分析其他表格，请单击该表格中的单元格，然后点击"重新识别表格"。',
    'A chart is selected, so the table analysed last time is used. To analyse another table, click a cell in it and choose Detect the table again.',
  ),
  optionalFields: t('其他可选字段', 'Other optional fields'),

  // Settings
  settingsHeading: t('分析设置', 'Settings'),
  shareAxis: t('业务份额分界（纵轴）', 'Business share cut (vertical axis)'),
  loyaltyAxis: t('忠诚度分界（横轴）', 'Loyalty cut (horizontal axis)'),
  cutMode: t('分界方式', 'Cut mode'),
  cutValue: t('参数', 'Value'),
  modePareto: t('二八法则（累计占比）', 'Pareto (cumulative share)'),
  modeMedian: t('中位数', 'Median'),
  modeMean: t('平均数', 'Mean'),
  modeQuantile: t('分位数', 'Quantile'),
  modeFixed: t('固定值', 'Fixed value'),
  paretoValueLabel: t('大客户合计占业务量的比例（%）', 'Share of the business the large clients make (%)'),
  quantileValueLabel: t('分位（%）', 'Quantile (%)'),
  shareFixedLabel: t('业务份额分界值（%）', 'Share cut (%)'),
  loyaltyFixedLabel: t('忠诚度分界值', 'Loyalty cut'),
  numberNeeded: t('请输入数字。', 'Enter a number.'),
  weightsHeading: t('忠诚度构成权重（0–5）', 'Loyalty weights (0–5)'),
  weightsHint: t('权重为 0 的构成不参与计算；未映射的构成会被忽略。', 'A weight of 0 leaves a component out; unmapped components are ignored.'),
  asOf: t('分析日期（可选）', 'As-of date (optional)'),
  asOfHint: t('留空时取数据中最晚的日期。', 'Left empty, the latest date in the data is used.'),
  advanced: t('高级：生命周期与预警阈值', 'Advanced: lifecycle and warning thresholds'),
  reuseLastCuts: t('沿用上期分界值', "Reuse last period's cut points"),
  reuseLastCutsHint: t(
    '固定分界值，使矩阵中的变化反映客户的变化而非中位数的变化。',
    'Freezes the cuts so that movement in the matrix is movement of clients, not of the median.',
  ),
  noLastCuts: t('尚无上期分界值（需先完成一次分析）。', 'No cut points saved yet (run an analysis first).'),
  previousHeading: t('上期数据来源', "Last period's results"),
  previousNone: t('无', 'None'),
  previousColumn: t('表格中的"上期象限"列', 'The "previous quadrant" column of the table'),
  previousSheet: t('本工作簿中的另一张工作表', 'Another sheet of this workbook'),
  previousSheetLabel: t('上期工作表', "Last period's sheet"),
  previousColumnUnmapped: t('请先在映射中指定"上期象限"列。', 'Map the "previous quadrant" column first.'),
  chooseSheet: t('请选择工作表。', 'Choose a sheet.'),
  sheetLocale: t('写入表格的标签语言', 'Language of the labels written to the sheet'),
  cutBeforeRun: t('分界值', 'Cut value'),
  cutLastRun: t('上次分析的分界值', 'Cut value of the last run'),
  cutSaved: t('上期保存的分界值', 'Saved cut value of last period'),

  // Analyse
  analyseHeading: t('分析', 'Analyse'),
  analyse: t('开始分析', 'Analyse'),
  analyseAgain: t('重新分析', 'Analyse again'),
  cancel: t('取消', 'Cancel'),
  cancelling: t('正在取消…', 'Cancelling…'),
  confirmFirst: t('请先确认列映射。', 'Confirm the column mapping first.'),
  cancelled: t('分析已取消。', 'The analysis was cancelled.'),
  progressLabel: t('分析进度', 'Analysis progress'),
  occupiedTitle: t('输出位置已有内容', 'Cells in the way'),
  placeAfterUsed: t('放在最后一列之后', 'Place after the last used column'),
  settingsInvalid: t('请先修正设置中的错误。', 'Fix the settings marked in red first.'),

  // Results
  resultsHeading: t('分析结果', 'Results'),
  matrixLabel: t('客户矩阵', 'Customer matrix'),
  axisShare: t('↑ 业务份额大', 'Business share ↑ large'),
  axisLoyalty: t('忠诚度 → 高', 'Loyalty → high'),
  clients: t('客户', 'clients'),
  volume: t('业务量', 'Volume'),
  cutsHeading: t('分界值', 'Cut points'),
  cutsReusedNote: t(
    '沿用上期的分界值（固定值），矩阵中的变化是客户自身的移动。',
    "Last period's cut values were reused (fixed), so changes in the matrix are the clients' own moves.",
  ),
  movementHeading: t('较上期的变化', 'Since last period'),
  unchangedClients: t('象限未变', 'Same quadrant'),
  newClients: t('本期新增客户', 'New this period'),
  goneClients: t('上期有、本期无的客户', 'Gone since last period'),
  noMoves: t('没有客户改变象限。', 'No client changed quadrant.'),
  stagesHeading: t('生命周期阶段', 'Lifecycle stages'),
  risksHeading: t('流失风险', 'Exit risk'),
  count: t('户数', 'Clients'),
  prioritiesHeading: t('优先处理的客户', 'Top priorities'),
  noPriorities: t('没有需要处理的预警客户。', 'No client needs attention.'),
  issuesHeading: t('数据问题', 'Data issues'),
  noIssues: t('未发现数据问题。', 'No data issues found.'),
  removeResults: t('删除分析结果', 'Remove results'),
  removeTitle: t('删除分析结果？', 'Remove the results?'),
  removeBody: t(
    '将删除本插件写入的列、图表和汇总表以及保存的设置。您的原始表格保持不变。',
    "This deletes the add-in's columns, chart and summary sheet and its saved settings. Your own table stays exactly as it was.",
  ),
  remove: t('删除', 'Remove'),
  removed: t('分析结果已删除，原始表格未改变。', 'The results were removed; your table is unchanged.'),
  previousResultsExist: t('工作簿中有上次分析的结果。', 'This workbook holds results of an earlier run.'),
  insufficient: t('数据不足', 'Insufficient data'),
  selectRowHint: t('点击可在表格中选中该行', 'Click to select the row in the sheet'),

  // Outside Excel
  notInExcel: t(
    '此页面是 Excel 加载项的任务窗格，请在 Excel 中打开。没有 Excel 时，可以在沙盒中试用：',
    'This page is the task pane of an Excel add-in: open it from Excel. Without Excel, try it in the sandbox:',
  ),
  openSandbox: t('打开沙盒', 'open the sandbox'),

  // Errors
  errorTitle: t('出现问题', 'Something went wrong'),
  dismiss: t('关闭', 'Dismiss'),
  unexpected: t('发生意外错误：', 'An unexpected error happened: '),
  unexpectedHint: t(
    '您的数据未被修改。请重试；如果问题持续出现，请关闭并重新打开任务窗格。',
    'Your data was not changed. Try again; if it keeps happening, close and reopen the task pane.',
  ),
} as const;

export type UiKey = keyof typeof UI;

export const MESSAGES = withTraditional({
  tableFound: {
    'zh-CN': (p: { address: string; rows: number }) => `表格：${p.address}，${p.rows.toLocaleString('zh-CN')} 行客户数据`,
    'en-US': (p: { address: string; rows: number }) => `Table ${p.address}, ${p.rows.toLocaleString('en-US')} client rows`,
  } satisfies Template<{ address: string; rows: number }>,
  excelTable: {
    'zh-CN': (p: { name: string }) => `Excel 表格"${p.name}"`,
    'en-US': (p: { name: string }) => `Excel Table "${p.name}"`,
  } satisfies Template<{ name: string }>,
  progress: {
    'zh-CN': (p: { phase: string; done: number; total: number }) =>
      `${p.phase}：${p.done.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')} 行`,
    'en-US': (p: { phase: string; done: number; total: number }) =>
      `${p.phase}: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} rows`,
  } satisfies Template<{ phase: string; done: number; total: number }>,
  occupiedBody: {
    'zh-CN': (p: { address: string }) =>
      `${p.address} 处的单元格已有不是本插件写入的内容。可以把结果放在已用区域最后一列之后，或取消。`,
    'en-US': (p: { address: string }) =>
      `Cells in the way at ${p.address} hold something the add-in did not write. Place the results after the last used column, or cancel.`,
  } satisfies Template<{ address: string }>,
  done: {
    'zh-CN': (p: { rows: number; output: string; summary: string }) =>
      `已分析 ${p.rows.toLocaleString('zh-CN')} 户客户。结果写入 ${p.output}，汇总见工作表"${p.summary}"。`,
    'en-US': (p: { rows: number; output: string; summary: string }) =>
      `Analysed ${p.rows.toLocaleString('en-US')} clients. Results in ${p.output}; summary on the sheet "${p.summary}".`,
  } satisfies Template<{ rows: number; output: string; summary: string }>,
  clientsCount: {
    'zh-CN': (p: { n: number }) => `${p.n.toLocaleString('zh-CN')} 户`,
    'en-US': (p: { n: number }) => `${p.n.toLocaleString('en-US')} ${p.n === 1 ? 'client' : 'clients'}`,
  } satisfies Template<{ n: number }>,
  volumeOf: {
    'zh-CN': (p: { volume: string; share: string }) => `业务量 ${p.volume}（${p.share}）`,
    'en-US': (p: { volume: string; share: string }) => `volume ${p.volume} (${p.share})`,
  } satisfies Template<{ volume: string; share: string }>,
  shareCutText: {
    'zh-CN': (p: { mode: string; value: string }) => `业务份额 ≥ ${p.value} 为大客户（${p.mode}）`,
    'en-US': (p: { mode: string; value: string }) => `Share ≥ ${p.value} is large (${p.mode})`,
  } satisfies Template<{ mode: string; value: string }>,
  loyaltyCutText: {
    'zh-CN': (p: { mode: string; value: string }) => `忠诚度 ≥ ${p.value} 为高（${p.mode}）`,
    'en-US': (p: { mode: string; value: string }) => `Loyalty ≥ ${p.value} is high (${p.mode})`,
  } satisfies Template<{ mode: string; value: string }>,
  noCut: {
    'zh-CN': () => '无（没有可比较的数据）',
    'en-US': () => 'none (no data to compare)',
  } satisfies Template<void>,
  rowLabel: {
    'zh-CN': (p: { row: number }) => `第 ${p.row} 行`,
    'en-US': (p: { row: number }) => `Row ${p.row}`,
  } satisfies Template<{ row: number }>,
  previousMatchText: {
    'zh-CN': (p: { source: string; byId: number; byName: number }) => `上期：${p.source}；按客户号匹配 ${p.byId} 户，按名称匹配 ${p.byName} 户`,
    'en-US': (p: { source: string; byId: number; byName: number }) => `Last period: ${p.source}; ${p.byId} matched by client ID, ${p.byName} by name`,
  } satisfies Template<{ source: string; byId: number; byName: number }>,
  moveText: {
    'zh-CN': (p: { from: string; to: string; n: number }) => `${p.from} → ${p.to}：${p.n} 户`,
    'en-US': (p: { from: string; to: string; n: number }) => `${p.from} → ${p.to}: ${p.n}`,
  } satisfies Template<{ from: string; to: string; n: number }>,
  moreClients: {
    'zh-CN': (p: { n: number }) => `另有 ${p.n.toLocaleString('zh-CN')} 户未列出，详见汇总表。`,
    'en-US': (p: { n: number }) => `${p.n.toLocaleString('en-US')} more not listed; the summary sheet lists them.`,
  } satisfies Template<{ n: number }>,
  issueGroup: {
    'zh-CN': (p: { label: string; n: number }) => `${p.label}（${p.n}）`,
    'en-US': (p: { label: string; n: number }) => `${p.label} (${p.n})`,
  } satisfies Template<{ label: string; n: number }>,
  moreRows: {
    'zh-CN': (p: { n: number }) => `另有 ${p.n.toLocaleString('zh-CN')} 行未列出，可在"数据问题"列中筛选。`,
    'en-US': (p: { n: number }) => `${p.n.toLocaleString('en-US')} more rows not listed; filter the "Data issues" column to see them.`,
  } satisfies Template<{ n: number }>,
  selectRowFailed: {
    'zh-CN': (p: { row: number }) => `无法选中第 ${p.row} 行。`,
    'en-US': (p: { row: number }) => `Could not select row ${p.row}.`,
  } satisfies Template<{ row: number }>,
});

export function fmt<P>(template: Readonly<Record<Locale, (p: P) => string>>, locale: Locale, params: P): string {
  return template[locale](params);
}

export const PHASES: Readonly<Record<RunPhase, Texts>> = {
  read: t('读取数据', 'Reading rows'),
  analyze: t('分析', 'Analysing'),
  write: t('写入结果', 'Writing results'),
  chart: t('绘制图表', 'Drawing the chart'),
  summary: t('写入汇总表', 'Writing the summary sheet'),
};

/**
 * What to do after a domain error the adapter passes on (code ANALYSIS). The adapter's other
 * messages already say what to do, so they get no second hint.
 */
export const ANALYSIS_HINT: Texts = t('请检查列映射和设置后重试。', 'Check the column mapping and the settings, then try again.');

export const COMPONENT_HINT: Partial<Record<Component, Texts>> = {
  tenure: t('来自"合作年限"或"开户日期"', 'From "tenure" or "open date"'),
};

/** Labels of the thresholds of analysis.md §14, with the unit the pane shows them in. */
export const THRESHOLD_LABELS: Readonly<Record<keyof Thresholds, Texts>> = {
  developmentYears: t('开发期：合作不足（年）', 'Development: client for less than (years)'),
  matureYears: t('成熟期：合作至少（年）', 'Mature: client for at least (years)'),
  terminatedIdleDays: t('终止期：业务量为 0 且无交易（天）', 'Terminated: volume 0 and idle for (days)'),
  declineVolume: t('衰退期：业务量变化不高于（%）', 'Decline: volume change at most (%)'),
  declineTxn: t('衰退期：交易次数变化不高于（%）', 'Decline: transaction change at most (%)'),
  declineIdleDays: t('衰退期：无交易（天）', 'Decline: idle for (days)'),
  growthVolume: t('成长期：业务量变化至少（%）', 'Growth: volume change at least (%)'),
  growthTxn: t('成长期：交易次数变化至少（%）', 'Growth: transaction change at least (%)'),
  balanceDrop: t('业务量下降预警（%）', 'Volume falling warning at (%)'),
  balanceDropHigh: t('业务量下降高风险（%）', 'Volume falling high risk at (%)'),
  activityDrop: t('交易减少预警（%）', 'Activity falling warning at (%)'),
  dormantDays: t('长期无交易（天）', 'Dormant after (days)'),
  dormantDaysHigh: t('长期无交易高风险（天）', 'Dormant high risk after (days)'),
  complaintsHigh: t('投诉高风险（次）', 'Complaints high risk from (count)'),
  noContactDaysLarge: t('大客户未联系（天）', 'No contact, large client, after (days)'),
  noContactDays: t('其他客户未联系（天）', 'No contact, other clients, after (days)'),
  ratingFloor: t('评级下限（低于此级启动退出审查）', 'Rating floor (below it: exit review)'),
};

/** Thresholds that are fractions in the configuration and percentages in the pane. */
export const PERCENT_THRESHOLDS: ReadonlySet<keyof Thresholds> = new Set<keyof Thresholds>([
  'declineVolume',
  'declineTxn',
  'growthVolume',
  'growthTxn',
  'balanceDrop',
  'balanceDropHigh',
  'activityDrop',
]);

/** Each language named in itself (the switch shows them so whatever the pane's language). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', 'en-US': 'English' };
