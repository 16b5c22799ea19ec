/**
 * Texts of the summary sheet and the chart (zh-CN / en-US). The domain catalogue holds the labels
 * every shell shares (quadrants, stages, …); these are only written into the annotated workbook,
 * so they live beside the writer.
 */
import { isChinese, labels, texts, toTraditional, type Locale, type RuleOff } from '../domain';

type Texts = Readonly<Record<Locale, string>>;
// zh-TW is the zh-CN text converted (domain i18n/traditional.ts).
const t = (zh: string, en: string): Texts => texts(zh, en);

export const SUMMARY_SHEET_NAME: Texts = labels.SUMMARY_SHEET_NAME;
export const CHART_NAME = 'PortfolioMatrixChart';

export const TEXTS = {
  title: t('客户矩阵汇总', 'Portfolio matrix summary'),
  run: t('运行信息', 'Run'),
  asOf: t('分析日', 'As-of date'),
  asOfConfig: t('配置指定', 'set in the configuration'),
  asOfData: t('数据中最近的日期', 'latest date in the data'),
  asOfToday: t('运行当天', 'day of the run'),
  runTime: t('运行时间', 'Run time'),
  source: t('数据来源', 'Source'),
  rowsAnalysed: t('分析行数', 'Rows analysed'),
  skippedRows: t('跳过的空行', 'Empty rows skipped'),
  totalVolume: t('业务总量', 'Total volume'),
  cuts: t('分界值', 'Cut points'),
  axis: t('坐标轴', 'Axis'),
  mode: t('方法', 'Method'),
  value: t('分界值', 'Value'),
  // The next month's run reads the cut values back by these names (domain cutsFromSummary).
  shareAxis: labels.CUT_AXIS_LABELS.share,
  loyaltyAxis: labels.CUT_AXIS_LABELS.loyalty,
  noCut: t('无（没有可用数据）', 'none (no usable data)'),
  highRule: t('不低于分界值为“高”', 'a value at or above the cut is high'),
  loyalty: t('忠诚度得分', 'Loyalty score'),
  loyaltyFromScore: t('直接取自忠诚度评分列', 'Read from the loyalty score column'),
  loyaltyFromComponents: t('各项指标百分位排名的加权平均（0–100）', 'Weighted mean of the components\u2019 percentile ranks (0–100)'),
  component: t('指标', 'Component'),
  weight: t('权重', 'Weight'),
  mapping: t('字段对应', 'Column mapping'),
  field: t('字段', 'Field'),
  columns: t('列', 'Column(s)'),
  quadrants: t('客户象限', 'Quadrants'),
  stages: t('生命周期阶段', 'Lifecycle stages'),
  risks: t('流失风险', 'Exit risk'),
  count: t('客户数', 'Clients'),
  volume: t('业务量', 'Volume'),
  volumeShare: t('业务量占比', 'Share of volume'),
  migration: t('象限迁移（客户数；行：上期，列：本期）', 'Quadrant migration (clients; rows: previous, columns: current)'),
  migrationVolume: t('象限迁移（业务量；行：上期，列：本期）', 'Quadrant migration (volume; rows: previous, columns: current)'),
  previousPeriod: t('上期数据', 'Previous period'),
  matchedById: t('按客户号匹配', 'Matched by client ID'),
  matchedByName: t('按客户名称匹配', 'Matched by client name'),
  appeared: t('本期新增客户', 'Clients new this period'),
  disappeared: t('上期有、本期无的客户', 'Clients gone since last period'),
  issues: t('数据问题', 'Data issues'),
  issueKind: t('问题', 'Issue'),
  none: t('无', 'None'),
  rulesOff: t('未启用的规则', 'Rules switched off'),
  rule: t('规则', 'Rule'),
  missingFields: t('缺少的字段', 'Missing field(s)'),
  notes: t('说明', 'Notes'),
  chartData: t('图表数据', 'Chart data'),
  client: t('客户', 'Client'),
  label: t('标签', 'Label'),
  exitedNotShown: t('图中不含已流失客户 {n} 户', 'not on the chart: {n} exited'),
  unlabelled: t(
    '{n} 个应标注名称的客户（前 10 大客户和高风险客户）因没有不重叠的位置而未在图中标注；已按重要性优先标注（前 10 大中高风险的、其余前 10 大、再按份额从大到小的高风险客户）',
    '{n} clients due a name label (the top 10 and HIGH-risk clients) are not labelled on the chart: there was no room for them without overlapping. The most important are labelled first (top-10 clients at HIGH risk, the other top 10, then HIGH-risk clients by share)',
  ),
  exitedOff: t('已流失客户不在图中（计入左侧统计）', 'Exited clients are not on the chart (they are counted on the left)'),
  zeroOnFloor: t('份额为 0 的客户画在对数纵轴的最低处（图表数据中记为最低刻度）', 'Clients with a share of 0 are drawn at the bottom of the logarithmic axis (at its minimum in the chart data)'),
  dividers: t('分界线', 'Divider lines'),
  corners: t('象限名称位置', 'Quadrant name positions'),
  chartTitle: t('客户矩阵', 'Portfolio matrix'),
  xAxisTitle: t('忠诚度得分', 'Loyalty score'),
  yAxisTitle: t('业务份额', 'Business share'),
  logScale: t('（对数刻度）', ' (log scale)'),
  loyaltyCutLine: t('忠诚度分界', 'Loyalty cut'),
  shareCutLine: t('份额分界', 'Share cut'),
} as const;

const RULE_NAMES: Readonly<Record<Exclude<RuleOff['rule'], keyof typeof labels.FLAG_LABELS>, Texts>> = {
  LOYALTY: t('忠诚度得分', 'Loyalty score'),
  LIFECYCLE_TREND: t('生命周期趋势判断', 'Lifecycle trend'),
  TENURE: t('合作年限', 'Tenure'),
  MIGRATION: t('象限迁移', 'Quadrant migration'),
  CHURN_KEYWORDS: t('流失类型判断', 'Churn type'),
};

export function ruleName(rule: RuleOff['rule'], locale: Locale): string {
  return rule in RULE_NAMES ? RULE_NAMES[rule as keyof typeof RULE_NAMES][locale] : labels.FLAG_LABELS[rule as keyof typeof labels.FLAG_LABELS][locale];
}

export const formatShare = (v: number) => `${(v * 100).toFixed(2)}%`;
export const formatLoyalty = (v: number) => (Math.round(v * 10) / 10).toFixed(1);

/** "pareto:0.8" → "二八法则：累计 80% 业务量的大客户" etc.; an unknown mode is shown as written. */
export function describeCutMode(mode: string, locale: Locale): string {
  const text = describeCutModeZhEn(mode, isChinese(locale));
  // Known modes are ASCII (checked by the configuration); an unknown one is shown as written.
  return locale === 'zh-TW' && text !== mode ? toTraditional(text) : text;
}

function describeCutModeZhEn(mode: string, zh: boolean): string {
  const [kind, arg] = mode.split(':');
  const n = Number(arg);
  switch (kind) {
    case 'pareto':
      return zh ? `二八法则：合计占 ${Math.round(n * 100)}% 业务量的大客户 (${mode})` : `Pareto: the large clients that make ${Math.round(n * 100)}% of the volume (${mode})`;
    case 'median':
      return zh ? `中位数 (${mode})` : `Median (${mode})`;
    case 'mean':
      return zh ? `平均值 (${mode})` : `Mean (${mode})`;
    case 'quantile':
      return zh ? `分位数 ${arg} (${mode})` : `Quantile ${arg} (${mode})`;
    case 'fixed':
      return zh ? `固定值 (${mode})` : `Fixed value (${mode})`;
    default:
      return mode;
  }
}

export function cutLineName(axis: 'share' | 'loyalty', value: number, locale: Locale): string {
  return axis === 'share'
    ? `${TEXTS.shareCutLine[locale]} ${formatShare(value)}`
    : `${TEXTS.loyaltyCutLine[locale]} ${formatLoyalty(value)}`;
}
