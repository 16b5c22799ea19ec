/**
 * The words the adapter itself writes into the workbook (summary sheet headings, chart titles),
 * in both languages. Labels of quadrants, stages, risks, flags, issues and components come from
 * the domain's catalogue (labels.*); only the sheet's own furniture is here.
 */
import { labels, texts, type Locale } from '../domain';

type Texts = Readonly<Record<Locale, string>>;
// zh-TW is the zh-CN text converted (domain i18n/traditional.ts).
const t = (zh: string, en: string): Texts => texts(zh, en);

export const SUMMARY_SHEET_NAME = labels.SUMMARY_SHEET_NAME;
export const CHART_NAME = 'PortfolioMatrixChart';

export const TEXT = {
  title: t('客户矩阵汇总', 'Portfolio matrix summary'),
  intro: t(
    '本表由"客户矩阵"加载项生成，每次运行分析时刷新。',
    'Written by the Portfolio Matrix add-in; refreshed on every run.',
  ),
  table: t('分析的表格', 'Table analysed'),
  output: t('结果列', 'Output columns'),
  asOf: t('分析日', 'As of'),
  asOfSource: {
    config: t('（配置指定）', '(set in the configuration)'),
    data: t('（数据中最晚的日期）', '(latest date in the data)'),
    today: t('（运行当天）', '(the day of the run)'),
  },
  runAt: t('运行时间', 'Run at'),
  rows: t('分析的客户行', 'Client rows analysed'),
  skipped: t('跳过的空行', 'Empty rows skipped'),
  totalVolume: t('业务量合计', 'Total volume'),
  cuts: t('分界值', 'Cut points'),
  axis: t('坐标轴', 'Axis'),
  mode: t('方式', 'Mode'),
  value: t('分界值', 'Cut value'),
  // The next month's run reads the cut values back by these names (domain cutsFromSummary).
  shareAxis: labels.CUT_AXIS_LABELS.share,
  loyaltyAxis: labels.CUT_AXIS_LABELS.loyalty,
  reused: t('沿用上期分界值', "Last period's cut values reused"),
  modeText: {
    pareto: t('二八法则：大客户合计占业务量的 {p}', 'Pareto: the large clients together hold {p} of the volume'),
    median: t('中位数', 'Median'),
    mean: t('平均数', 'Mean'),
    quantile: t('{p} 分位数', '{p} quantile'),
    fixed: t('固定值', 'Fixed value'),
  },
  noCut: t('无（没有可计算的客户）', 'none (no client to compute it from)'),
  loyalty: t('忠诚度', 'Loyalty'),
  loyaltyFromScore: t('直接取自忠诚度评分列', 'Taken from the loyalty score column'),
  loyaltyFromComponents: t('由以下指标按百分位加权计算', 'Weighted percentiles of these components'),
  component: t('指标', 'Component'),
  weight: t('权重', 'Weight'),
  column: t('来源列', 'Column'),
  quadrants: t('客户象限', 'Quadrants'),
  stages: t('生命周期阶段', 'Lifecycle stages'),
  risks: t('流失风险', 'Exit risk'),
  count: t('客户数', 'Clients'),
  volume: t('业务量', 'Volume'),
  volumeShare: t('业务量占比', 'Share of volume'),
  migration: t('象限迁移（行：上期，列：本期）', 'Quadrant migration (rows: last period, columns: this period)'),
  migrationVolume: t('象限迁移的业务量', 'Quadrant migration by volume'),
  previousSource: t('上期数据来源', "Last period's source"),
  matchedById: t('按客户号匹配', 'Matched by client ID'),
  matchedByName: t('按客户名称匹配', 'Matched by client name'),
  appeared: t('本期新增客户', 'New this period'),
  disappeared: t('上期有、本期无的客户', 'Gone since last period'),
  issues: t('数据问题', 'Data issues'),
  issueKind: t('问题', 'Problem'),
  noIssues: t('无', 'None'),
  rulesOff: t('未启用的规则', 'Rules switched off'),
  rule: t('规则', 'Rule'),
  missing: t('缺少的字段', 'Missing fields'),
  ruleNames: {
    LOYALTY: t('忠诚度得分', 'Loyalty score'),
    LIFECYCLE_TREND: t('生命周期趋势判断', 'Lifecycle trend'),
    TENURE: t('合作年限', 'Tenure'),
    MIGRATION: t('象限迁移', 'Quadrant migration'),
    CHURN_KEYWORDS: t('流失类型判断', 'Churn type'),
  },
  notes: t('说明', 'Notes'),
  hiddenRows: t(
    '表格中有隐藏或筛选掉的行：所有行都已分析，筛选掉的行同样写入了结果。',
    'The table has hidden or filtered rows: every row was analysed, and filtered rows have their results too.',
  ),
  mergedHeader: t(
    '表头有合并单元格（{a}）：每个合并区域只有第一个单元格有列名，其余列按无列名的列读取；所有行都已分析。',
    'The header has merged cells ({a}): only the first cell of each merged area has a column name, the other columns are read as unnamed columns; every row was analysed.',
  ),
  exitedLeftOut: t('已流失客户（{n} 个）计入统计，但不在矩阵图中显示。', 'Exited clients ({n}) are counted here but left out of the chart.'),
  notPlotted: t(
    '{n} 个客户缺少业务份额或忠诚度，不在矩阵图中显示。',
    '{n} clients lack a share or a loyalty score and are not on the chart.',
  ),
  zeroOnLog: t(
    '纵轴为对数刻度（最大份额超过最小正份额的 100 倍）；份额为 0 的 {n} 个客户不在图中。',
    'The share axis is logarithmic (the largest share is over 100 × the smallest positive one); {n} clients with a zero share are not on the chart.',
  ),
  logAxis: t(
    '纵轴为对数刻度（最大份额超过最小正份额的 100 倍）。',
    'The share axis is logarithmic (the largest share is over 100 × the smallest positive one).',
  ),
  unlabelled: t(
    '矩阵图中有 {n} 个应标注名称的客户（前 10 大客户和高风险客户）因没有不重叠的位置而未标注；已按重要性优先标注（前 10 大中高风险的、其余前 10 大、再按份额从大到小的高风险客户）。',
    '{n} clients due a name label on the chart (the top 10 and HIGH-risk clients) are left unlabelled: there was no room for them without overlapping. The most important are labelled first (top-10 clients at HIGH risk, the other top 10, then HIGH-risk clients by share).',
  ),
  notShownExited: t('图中不含已流失客户 {n} 户', 'not on the chart: {n} exited'),
  notShownZero: t('图中不含份额为 0 的客户 {z} 户', 'not on the chart: {z} with a zero share'),
  notShownBoth: t('图中不含已流失客户 {n} 户、份额为 0 的客户 {z} 户', 'not on the chart: {n} exited, {z} with a zero share'),
  chartData: t('矩阵图数据（图表的数据源，请勿修改）', 'Matrix chart data (the chart reads these cells; do not edit)'),
  series: t('系列', 'Series'),
  x: t('忠诚度得分 (X)', 'Loyalty score (X)'),
  y: t('业务份额 (Y)', 'Business share (Y)'),
  label: t('标签', 'Label'),
  loyaltyCutSeries: t('忠诚度分界 {v}', 'Loyalty cut {v}'),
  shareCutSeries: t('份额分界 {v}', 'Share cut {v}'),
  cornerSeries: t('象限名称', 'Quadrant names'),
  chartTitle: t('客户矩阵（{d}）', 'Portfolio matrix ({d})'),
  yes: t('是', 'yes'),
} as const;

/** Fills "{key}" placeholders. */
export function fill(text: string, params: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
