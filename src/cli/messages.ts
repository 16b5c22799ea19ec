/**
 * Every text the command line prints itself (errors, help, the terminal summary), in zh-CN and
 * en-US. Texts about the analysis (labels, actions, reasons) come from the domain.
 */
import { templates, type Locale } from '../domain';

type Params = Readonly<Record<string, string | number>>;
type Template = (p: Params) => string;
type Entry = Readonly<Record<Locale, Template>>;

// zh-TW is the zh-CN template converted, never its parameters (domain i18n/traditional.ts).
const e = (zh: Template, en: Template): Entry => templates(zh, en);

export const MESSAGES = {
  // ---- usage errors (exit 2) ----
  unknownOption: e((p) => `未知选项 ${p.option}`, (p) => `unknown option ${p.option}`),
  unknownCommand: e((p) => `未知命令 "${p.name}"，可用命令：analyze`, (p) => `unknown command "${p.name}"; the command is: analyze`),
  missingCommand: e(() => '缺少命令，可用命令：analyze', () => 'missing command; the command is: analyze'),
  missingFile: e(() => '缺少要分析的文件（.xlsx 或 .csv）', () => 'missing the file to analyse (.xlsx or .csv)'),
  missingOptionValue: e((p) => `选项 ${p.option} 缺少取值`, (p) => `option ${p.option} needs a value`),
  badCutMode: e((p) => `${p.option} 无效：${p.problem}`, (p) => `${p.option} is invalid: ${p.problem}`),
  badWeights: e(
    (p) => `--weights "${p.text}" 无效：格式应为 成分=权重,成分=权重（如 credit_rating=2,tenure=0.5）`,
    (p) => `--weights "${p.text}" is invalid: use component=weight,component=weight (e.g. credit_rating=2,tenure=0.5)`,
  ),
  badWeightComponent: e(
    (p) => `--weights 中的 "${p.name}" 不是忠诚度成分，可用：${p.allowed}`,
    (p) => `--weights: "${p.name}" is not a loyalty component; use one of ${p.allowed}`,
  ),
  badWeightValue: e(
    (p) => `--weights 中 ${p.name} 的权重 "${p.value}" 无效：必须是 ≥ 0 的数字`,
    (p) => `--weights: the weight "${p.value}" of ${p.name} is invalid: it must be a number ≥ 0`,
  ),
  badAsOf: e(
    (p) => `--as-of "${p.text}" 无效：必须是 YYYY-MM-DD 格式的日期`,
    (p) => `--as-of "${p.text}" is invalid: it must be a date YYYY-MM-DD`,
  ),
  badMap: e(
    (p) => `--map "${p.text}" 无效：格式应为 字段=列名（如 volume=存款日均）`,
    (p) => `--map "${p.text}" is invalid: use field=Header (e.g. volume="Average balance")`,
  ),
  badMapField: e(
    (p) => `--map 中的 "${p.field}" 不是字段名，可用：${p.allowed}`,
    (p) => `--map: "${p.field}" is not a field; use one of ${p.allowed}`,
  ),
  mapTwice: e(
    (p) => `--map 对字段 ${p.field} 给出了多次，该字段只能对应一列`,
    (p) => `--map names field ${p.field} more than once; it takes one column`,
  ),
  badThreads: e(
    (p) => `环境变量 PORTFOLIO_MATRIX_THREADS="${p.text}" 无效：可用 1（只用一个线程）或 2（默认）`,
    (p) => `PORTFOLIO_MATRIX_THREADS="${p.text}" is invalid: use 1 (one thread only) or 2 (the default)`,
  ),
  badLocale: e((p) => `--locale "${p.text}" 无效：可用 zh-CN、zh-TW 或 en-US`, (p) => `--locale "${p.text}" is invalid: use zh-CN, zh-TW or en-US`),
  badFormat: e(
    (p) => `--format "${p.text}" 无效：可用 json、csv、xlsx、table`,
    (p) => `--format "${p.text}" is invalid: use json, csv, xlsx or table`,
  ),
  badRange: e(
    (p) => `--range "${p.text}" 无效：格式应为 A1:R2001`,
    (p) => `--range "${p.text}" is invalid: use the form A1:R2001`,
  ),
  xlsxNeedsOut: e(() => '--format xlsx 需要用 --out 指定输出文件', () => '--format xlsx needs --out FILE'),
  reuseCutsNeedsPrevious: e(
    () => '--reuse-cuts 需要上期：请用 --previous 指定上期文件，或按月份顺序给出多个文件',
    () => '--reuse-cuts needs a previous period: give --previous FILE, or several files in month order',
  ),
  manyFilesNeedOutDir: e(
    () => '分析多个文件时请用 --out-dir 指定输出目录',
    () => 'several files need --out-dir DIR (one output per file)',
  ),
  outAndOutDir: e(() => '--out 与 --out-dir 不能同时使用', () => '--out and --out-dir cannot be used together'),
  sheetNotForCsv: e(
    (p) => `--sheet 只适用于 .xlsx 文件，${p.file} 是 CSV 文件`,
    (p) => `--sheet applies to .xlsx files only; ${p.file} is a CSV file`,
  ),
  seeHelp: e(() => '（用法见 portfolio-matrix analyze --help）', () => '(see portfolio-matrix analyze --help)'),

  // ---- input problems (exit 1) ----
  fileNotFound: e((p) => `找不到文件 ${p.file}`, (p) => `file not found: ${p.file}`),
  notAFile: e((p) => `${p.file} 不是文件`, (p) => `${p.file} is not a file`),
  unreadable: e((p) => `无法读取文件 ${p.file}：${p.reason}`, (p) => `cannot read ${p.file}: ${p.reason}`),
  notCsvOrXlsx: e(
    (p) => `${p.file} 不是 CSV 或 XLSX 文件`,
    (p) => `${p.file} is not a CSV or XLSX file`,
  ),
  legacyXls: e(
    (p) => `${p.file} 是旧版 .xls 或加密的工作簿，无法读取：请在 Excel 中另存为 .xlsx`,
    (p) => `${p.file} is a legacy .xls or password-protected workbook: save it as .xlsx in Excel`,
  ),
  corruptXlsx: e(
    (p) => `${p.file} 不是有效的 .xlsx 工作簿（${p.reason}）`,
    (p) => `${p.file} is not a valid .xlsx workbook (${p.reason})`,
  ),
  emptyFile: e((p) => `${p.file} 是空文件`, (p) => `${p.file} is empty`),
  noSheetData: e((p) => `${p.file} 的工作表中没有数据`, (p) => `${p.file} has no data in any worksheet`),
  emptySheet: e((p) => `${p.file} 的工作表"${p.sheet}"是空的`, (p) => `worksheet "${p.sheet}" of ${p.file} is empty`),
  emptyRange: e((p) => `${p.file} 的区域 ${p.range} 是空的`, (p) => `range ${p.range} of ${p.file} is empty`),
  sheetNotFound: e(
    (p) => `${p.file} 中没有工作表"${p.sheet}"，现有：${p.sheets}`,
    (p) => `${p.file} has no worksheet "${p.sheet}"; it has: ${p.sheets}`,
  ),
  inTable: e((p) => `${p.file}：${p.message}`, (p) => `${p.file}: ${p.message}`),
  configNotFound: e((p) => `找不到配置文件 ${p.file}`, (p) => `configuration file not found: ${p.file}`),
  configBadJson: e(
    (p) => `配置文件 ${p.file} 不是有效的 JSON：第 ${p.line} 行第 ${p.column} 列（${p.detail}）`,
    (p) => `configuration file ${p.file} is not valid JSON: line ${p.line}, column ${p.column} (${p.detail})`,
  ),
  configNotObject: e(
    (p) => `配置文件 ${p.file} 必须是一个 JSON 对象 {…}`,
    (p) => `configuration file ${p.file} must hold one JSON object {…}`,
  ),
  configInvalid: e((p) => `配置文件 ${p.file}：${p.message}`, (p) => `configuration file ${p.file}: ${p.message}`),
  previousNoQuadrant: e(
    (p) => `上期文件 ${p.file} 中没有"客户象限"/"Quadrant"列：请给出上期分析输出的文件`,
    (p) => `previous file ${p.file} has no "Quadrant"/"客户象限" column: give last period's annotated output`,
  ),
  previousNoClient: e(
    (p) => `上期文件 ${p.file} 中没有客户号或客户名称列，无法与本期客户匹配`,
    (p) => `previous file ${p.file} has no client ID or client name column to match clients by`,
  ),
  previousNoCuts: e(
    (p) => `上期文件 ${p.file} 中没有分界值，无法沿用：请给出带"客户矩阵汇总"表的上期 .xlsx，或 --format json 的分析结果`,
    (p) => `previous file ${p.file} holds no cut values to reuse: give last period's annotated .xlsx (with its summary sheet) or its --format json result`,
  ),
  previousBadJson: e(
    (p) => `上期文件 ${p.file} 不是 --format json 的分析结果`,
    (p) => `previous file ${p.file} is not an analysis result written by --format json`,
  ),
  overwriteInput: e(
    (p) => `拒绝覆盖输入文件 ${p.file}：请用 --out 指定另一个文件`,
    (p) => `refusing to overwrite the input file ${p.file}: choose another --out`,
  ),
  writeFailed: e((p) => `无法写入 ${p.file}：${p.reason}`, (p) => `cannot write ${p.file}: ${p.reason}`),
  xlsxUnavailable: e(
    () => '此版本尚不能输出 .xlsx（缺少 src/xlsx/writeAnnotatedWorkbook）',
    () => 'writing .xlsx is not available in this build (src/xlsx/writeAnnotatedWorkbook is missing)',
  ),
  internal: e((p) => `内部错误：${p.reason}`, (p) => `internal error: ${p.reason}`),

  // ---- help ----
  helpProgram: e(() => '客户矩阵：客户象限、生命周期与流失分析', () => 'Portfolio Matrix: client quadrants, lifecycle and churn analysis'),
  helpAnalyze: e(
    () => '分析一个或多个客户表（多个文件按顺序逐期衔接）',
    () => 'analyse one client table, or several in order (each month chained to the one before)',
  ),
  helpFiles: e(() => '.xlsx 或 .csv 文件', () => '.xlsx or .csv files'),
  helpSheet: e(() => '工作表（默认：第一个有数据的工作表）；仅 xlsx', () => 'worksheet (default: the first sheet with data); xlsx only'),
  helpRange: e(() => '表格区域，如 A1:R2001 或 Sheet1!A1:R2001（默认：已用区域）', () => 'the table, e.g. A1:R2001 or Sheet1!A1:R2001 (default: the used range)'),
  helpConfig: e(() => '配置文件（JSON）', () => 'configuration file (JSON)'),
  helpMap: e(() => '字段=列名，可重复；覆盖自动映射', () => 'field=Header, may repeat; overrides auto-mapping for that field'),
  helpAsOf: e(() => '分析日 YYYY-MM-DD', () => 'analysis date YYYY-MM-DD'),
  helpShareCut: e(() => '业务份额分界：pareto:0.8 | median | mean | quantile:Q | fixed:X', () => 'share cut: pareto:0.8 | median | mean | quantile:Q | fixed:X'),
  helpLoyaltyCut: e(() => '忠诚度分界：median | mean | quantile:Q | fixed:X', () => 'loyalty cut: median | mean | quantile:Q | fixed:X'),
  helpWeights: e(() => '忠诚度成分权重，如 credit_rating=2,tenure=0.5', () => 'loyalty component weights, e.g. credit_rating=2,tenure=0.5'),
  helpPrevious: e(
    () => '上期分析输出的文件（按客户号匹配，否则按名称）',
    () => "last period's annotated file: matches clients by client_id (else name)",
  ),
  helpReuseCuts: e(
    () => '沿用上期的分界值（fixed），让矩阵显示客户的移动而不是中位数的移动；多个文件时逐月沿用',
    () => "reuse last period's cut values as fixed cuts, so the matrix shows clients moving, not the median; with several files, month after month",
  ),
  helpLocale: e(() => '输出语言 zh-CN|zh-TW|en-US（默认取自环境变量）', () => 'labels in outputs zh-CN|zh-TW|en-US (default from the environment, else en-US)'),
  helpFormat: e(
    () => '输出格式 json|csv|xlsx|table（默认：终端为 table，否则 json）',
    () => 'json|csv|xlsx|table (default: table on a terminal, else json)',
  ),
  helpOut: e(() => '写入文件而不是标准输出（xlsx 必需）', () => 'write there instead of stdout (required for xlsx)'),
  helpOutDir: e(
    () => '输出目录：每个文件写为 <名称>.annotated.<格式>',
    () => 'output directory: each file is written as <name>.annotated.<format>',
  ),
  helpHelp: e(() => '显示帮助', () => 'show help'),
  helpUsage: e(() => '用法：', () => 'Usage:'),
  helpOptions: e(() => '选项：', () => 'Options:'),
  helpArguments: e(() => '参数：', () => 'Arguments:'),
  helpCommands: e(() => '命令：', () => 'Commands:'),

  // ---- the terminal summary (--format table) ----
  tableTitle: e((p) => `客户矩阵 — ${p.file}`, (p) => `Portfolio Matrix — ${p.file}`),
  asOf: e((p) => `分析日：${p.date}（${p.source}）`, (p) => `As of: ${p.date} (${p.source})`),
  asOfConfig: e(() => '指定', () => 'given'),
  asOfData: e(() => '取数据中最晚的日期', () => 'the latest date in the data'),
  asOfToday: e(() => '今天', () => 'today'),
  rowsAnalysed: e(
    (p) => `分析客户：${p.count} 行` + (Number(p.skipped) > 0 ? `（跳过 ${p.skipped} 个空行）` : ''),
    (p) => `Clients analysed: ${p.count} rows` + (Number(p.skipped) > 0 ? ` (${p.skipped} empty rows skipped)` : ''),
  ),
  totalVolume: e((p) => `业务总量：${p.volume}`, (p) => `Total volume: ${p.volume}`),
  shareCut: e((p) => `业务份额分界：${p.value}（${p.mode}：${p.how}）`, (p) => `Business share cut: ${p.value} (${p.mode}: ${p.how})`),
  loyaltyCut: e((p) => `忠诚度分界：${p.value}（${p.mode}：${p.how}）`, (p) => `Loyalty cut: ${p.value} (${p.mode}: ${p.how})`),
  cutNone: e(() => '无（没有可比较的值）', () => 'none (no values to compare)'),
  howPareto: e(
    (p) => `合计占业务量 ${p.p} 的少数大客户为高份额`,
    (p) => `the few largest clients that together make ${p.p} of the business are high`,
  ),
  howMedian: e(() => '中位数', () => 'the median'),
  howMean: e(() => '平均数', () => 'the mean'),
  howQuantile: e((p) => `${p.q} 分位数（同 PERCENTILE.INC）`, (p) => `the ${p.q} quantile (as PERCENTILE.INC)`),
  howFixed: e(() => '固定值', () => 'a fixed value'),
  loyaltyFromScore: e((p) => `忠诚度：直接取自列"${p.column}"`, (p) => `Loyalty: taken from the column "${p.column}"`),
  loyaltyFromComponents: e(
    (p) => `忠诚度：以下成分百分位排名的加权平均 — ${p.list}`,
    (p) => `Loyalty: weighted mean of the percentile ranks of ${p.list}`,
  ),
  noComponents: e(() => '忠诚度：没有可用的成分', () => 'Loyalty: no components available'),
  headQuadrant: e(() => '客户象限', () => 'Quadrant'),
  headStage: e(() => '生命周期阶段', () => 'Lifecycle stage'),
  headRisk: e(() => '流失风险', () => 'Exit risk'),
  headClients: e(() => '客户数', () => 'Clients'),
  headVolume: e(() => '业务量', () => 'Volume'),
  headVolumeShare: e(() => '业务量占比', () => 'Of volume'),
  headIssues: e(() => '数据问题', () => 'Data issues'),
  headCount: e(() => '次数', () => 'Count'),
  noIssues: e(() => '数据问题：无', () => 'Data issues: none'),
  headMigration: e(() => '象限迁移（上期 → 本期）', () => 'Quadrant migration (previous → current)'),
  previousMatch: e(
    (p) => `上期：${p.source}；按客户号匹配 ${p.byId}，按名称匹配 ${p.byName}，新增 ${p.appeared}，消失 ${p.disappeared}`,
    (p) => `Previous period: ${p.source}; matched ${p.byId} by ID and ${p.byName} by name, ${p.appeared} new, ${p.disappeared} gone`,
  ),
  rulesOff: e((p) => `未启用的规则：${p.list}`, (p) => `Rules off: ${p.list}`),
  ruleMissing: e((p) => `${p.rule}（缺少 ${p.fields}）`, (p) => `${p.rule} (no ${p.fields})`),
  ruleLoyalty: e(() => '忠诚度', () => 'loyalty'),
  ruleLifecycleTrend: e(() => '生命周期趋势', () => 'lifecycle trend'),
  ruleTenure: e(() => '合作年限', () => 'tenure'),
  ruleMigration: e(() => '象限迁移', () => 'migration'),
  ruleChurnKeywords: e(() => '流失类型关键词', () => 'churn-type keywords'),
  headPriorities: e((p) => `优先处理（前 ${p.n} 名，共 ${p.total} 名有流失风险）`, (p) => `Top priorities (${p.n} of ${p.total} clients at risk)`),
  noPriorities: e(() => '没有需要优先处理的客户', () => 'No client needs priority attention'),
  priorityAction: e((p) => `行动：${p.action}`, (p) => `Action: ${p.action}`),
  progressReading: e((p) => `读取 ${p.file}… ${p.rows} 行`, (p) => `Reading ${p.file}… ${p.rows} rows`),
  progressAnalysing: e((p) => `分析 ${p.rows} 行…`, (p) => `Analysing ${p.rows} rows…`),
  progressWriting: e((p) => `写入 ${p.file}`, (p) => `Writing ${p.file}`),
  summaryInputFile: e(() => '输入文件', () => 'Input file'),
  summaryCutsReused: e(() => '沿用上期分界值（来自）', () => "Last period's cut values reused (from)"),
  cutsReused: e((p) => `分界值沿用上期（${p.source}），以便看出客户的移动`, (p) => `Cut values reused from last period (${p.source}), so the matrix shows clients moving`),
  unnamedClient: e((p) => `第 ${p.row} 行`, (p) => `row ${p.row}`),
} as const;

export type MessageId = keyof typeof MESSAGES;

/** A catalogue text in the given language. */
export function msg(locale: Locale, id: MessageId, params: Params = {}): string {
  return MESSAGES[id][locale](params);
}
