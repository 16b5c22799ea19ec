/**
 * The one catalogue of labels and texts the domain writes (zh-CN and en-US; zh-TW is made from zh-CN): quadrants,
 * stages, risks, flags, churn types, actions, output headers, issue and error messages.
 */
import type { ChurnType, Component, Field, FlagCode, IssueCode, Locale, Quadrant, Risk, Stage } from '../types';
import { templates, texts } from './traditional';

type Texts = Readonly<Record<Locale, string>>;
// zh-TW is the zh-CN text converted (domain i18n/traditional.ts).
const t = (zh: string, en: string): Texts => texts(zh, en);

export const QUADRANT_LABELS: Readonly<Record<Quadrant, Texts>> = {
  LOYAL: t('忠诚客户', 'Loyal'),
  PROBLEM_1: t('问题客户1', 'Problem 1 (loyal, small)'),
  PROBLEM_2: t('问题客户2', 'Problem 2 (large, disloyal)'),
  GENERAL: t('一般客户', 'General'),
  INSUFFICIENT_DATA: t('数据不足', 'Insufficient data'),
};

export const QUADRANT_STRATEGIES: Readonly<Record<Quadrant, Texts>> = {
  LOYAL: t(
    '维持：适度投入，签订长期合作协议，一对多客户经理服务',
    'Maintain: moderate investment, long-term agreements, one manager for many clients',
  ),
  PROBLEM_1: t('培育：量身定做的个性化服务，提升业务份额', 'Cultivate: tailored service to grow the share of business'),
  PROBLEM_2: t(
    '转化：核实信用等级，判断问题在事前还是事后，专职客户经理一对一营销',
    'Convert: check the credit rating, judge whether the problem predates the relationship, dedicated manager and one-to-one marketing',
  ),
  GENERAL: t('争取：在稳住问题客户1和2之后量力争取', 'Pursue after Problem 1 and 2 clients are secured'),
  INSUFFICIENT_DATA: t('补充数据', 'Complete the missing data'),
};

export const STAGE_LABELS: Readonly<Record<Stage, Texts>> = {
  POTENTIAL: t('潜在期', 'Potential'),
  DEVELOPMENT: t('开发期', 'Development'),
  GROWTH: t('成长期', 'Growth'),
  MATURE: t('成熟期', 'Mature'),
  DECLINE: t('衰退期', 'Decline'),
  TERMINATED: t('终止期', 'Terminated'),
  UNKNOWN: t('无法判断', 'Unknown'),
};

export const RISK_LABELS: Readonly<Record<Risk, Texts>> = {
  EXITED: t('已流失', 'Exited'),
  HIGH: t('高', 'High'),
  MEDIUM: t('中', 'Medium'),
  LOW: t('低', 'Low'),
  NONE: t('无', 'None'),
};

export const FLAG_LABELS: Readonly<Record<FlagCode, Texts>> = {
  BALANCE_DROP: t('业务量下降', 'Volume falling'),
  ACTIVITY_DROP: t('交易减少', 'Activity falling'),
  DORMANT: t('长期无交易', 'Dormant'),
  PRODUCT_LOSS: t('产品减少', 'Products dropped'),
  COMPLAINT: t('客户投诉', 'Complaints'),
  NO_CONTACT: t('长期未联系', 'No recent contact'),
  COMPETITOR_OFFER: t('他行营销', 'Competitor offer'),
  LARGE_DISLOYAL: t('大额低忠诚', 'Large but disloyal'),
  QUADRANT_DOWN: t('象限下滑', 'Quadrant worsened'),
  LOAN_ADVERSE: t('不良贷款', 'Adverse loan class'),
  LOW_RATING: t('评级过低', 'Rating below floor'),
};

/** The action for a client whose first flag is this one (§10). */
export const FLAG_ACTIONS: Readonly<Record<FlagCode, Texts>> = {
  BALANCE_DROP: t('核实资金去向，了解他行报价', 'Find out where the money went and what competitors offered'),
  ACTIVITY_DROP: t('了解交易减少原因，推荐结算与代发类产品', 'Find out why activity fell; offer payment and payroll services'),
  DORMANT: t('电话或上门回访，唤醒账户', 'Call or visit to re-activate the relationship'),
  PRODUCT_LOSS: t('了解产品解约原因，交叉销售提高依赖度', 'Find out why products were dropped; cross-sell to raise dependence'),
  COMPLAINT: t('优先处理投诉，不宜推荐他行产品', 'Resolve the complaint first, do not suggest other banks\u2019 products'),
  NO_CONTACT: t('安排客户经理尽快拜访', 'Have the client manager visit soon'),
  COMPETITOR_OFFER: t('了解他行条件，制定挽留方案', 'Learn the competitor\u2019s terms and prepare a retention offer'),
  LARGE_DISLOYAL: t('指定专职客户经理，一对一营销', 'Assign a dedicated manager for one-to-one marketing'),
  QUADRANT_DOWN: t('分析象限下滑原因，制定挽留方案', 'Analyse why the client moved down and plan its retention'),
  LOAN_ADVERSE: t('启动退出审查', 'Start an exit review'),
  LOW_RATING: t('启动退出审查', 'Start an exit review'),
};

export const EXIT_REVIEW: Texts = t('启动退出审查', 'Start an exit review');

export const CHURN_LABELS: Readonly<Record<ChurnType, Texts>> = {
  NATURAL: t('自然流失', 'Natural'),
  COMPETITIVE: t('竞争流失', 'Competitive'),
  NEGLIGENT: t('过失流失', 'Negligent'),
  UNDETERMINED: t('待核实', 'To be verified'),
};

export const SEVERITY_LABELS = {
  LOW: t('低', 'Low'),
  MEDIUM: t('中', 'Medium'),
  HIGH: t('高', 'High'),
} as const;

export const COMPONENT_LABELS: Readonly<Record<Component, Texts>> = {
  trust: t('信任度', 'Trust'),
  contact_count: t('沟通次数', 'Contacts'),
  txn_count: t('交易次数', 'Transactions'),
  product_count: t('持有产品数', 'Products held'),
  wallet_share: t('本行占比', 'Share of wallet'),
  credit_rating: t('信用等级', 'Credit rating'),
  tenure: t('合作年限', 'Tenure'),
};

export const FIELD_LABELS: Readonly<Record<Field, Texts>> = {
  client_id: t('客户号', 'Client ID'),
  client_name: t('客户名称', 'Client name'),
  client_manager: t('客户经理', 'Client manager'),
  volume: t('业务量', 'Volume'),
  volume_prev: t('上期业务量', 'Previous volume'),
  loyalty_score: t('忠诚度评分', 'Loyalty score'),
  trust: t('信任度', 'Trust'),
  contact_count: t('沟通次数', 'Contacts'),
  txn_count: t('交易次数', 'Transactions'),
  txn_count_prev: t('上期交易次数', 'Previous transactions'),
  product_count: t('持有产品数', 'Products held'),
  product_count_prev: t('上期产品数', 'Previous products'),
  wallet_share: t('本行占比', 'Share of wallet'),
  credit_rating: t('信用等级', 'Credit rating'),
  tenure_years: t('合作年限', 'Tenure (years)'),
  open_date: t('开户日期', 'Open date'),
  last_txn_date: t('最近交易日期', 'Last transaction date'),
  last_contact_date: t('最近联系日期', 'Last contact date'),
  complaint_count: t('投诉次数', 'Complaints'),
  competitor_offer: t('他行营销', 'Competitor offer'),
  status: t('客户状态', 'Status'),
  exit_reason: t('流失原因', 'Exit reason'),
  quadrant_prev: t('上期象限', 'Previous quadrant'),
  loan_class: t('五级分类', 'Loan classification'),
};

export const ISSUE_LABELS: Readonly<Record<IssueCode, Texts>> = {
  ERROR_VALUE: t('单元格为错误值', 'cell holds an Excel error'),
  INVALID_NUMBER: t('不是有效数字', 'not a valid number'),
  OUT_OF_RANGE: t('超出 0–100% 范围', 'outside 0–100%'),
  INVALID_DATE: t('不是有效日期', 'not a valid date'),
  INVALID_RATING: t('无法识别的评级', 'unknown rating'),
  INVALID_QUADRANT: t('无法识别的象限', 'unknown quadrant'),
  FUTURE_DATE: t('日期晚于分析日', 'date after the analysis date'),
  MISSING_VOLUME: t('缺少业务量', 'volume missing'),
  NEGATIVE_VOLUME: t('业务量为负', 'volume is negative'),
  MISSING_LOYALTY: t('缺少忠诚度数据', 'no loyalty data'),
  DUPLICATE_ID: t('客户号重复', 'client ID occurs more than once'),
};

/** Headers of the output columns (workbook.md), in order. */
export const OUTPUT_HEADERS = {
  share: t('业务份额', 'Business share'),
  loyalty: t('忠诚度得分', 'Loyalty score'),
  quadrant: t('客户象限', 'Quadrant'),
  stage: t('生命周期阶段', 'Lifecycle stage'),
  risk: t('流失风险', 'Exit risk'),
  flags: t('预警信号', 'Exit flags'),
  churnType: t('流失类型', 'Churn type'),
  priority: t('处理优先级', 'Priority'),
  action: t('行动建议', 'Recommended action'),
  previousQuadrant: t('上期象限', 'Previous quadrant'),
  quadrantChange: t('象限变化', 'Quadrant change'),
  issues: t('数据问题', 'Data issues'),
} as const;
export type OutputColumn = keyof typeof OUTPUT_HEADERS;

export const UNCHANGED = '—';
export const NEW_CLIENT: Texts = t('新增', 'New');
export const LIST_SEPARATOR: Texts = t('、', ', ');
export const ACTION_SEPARATOR: Texts = t('；', '; ');

/** Quadrant colours (fill in the sheet, series in the chart): hex RGB. */
export const QUADRANT_COLORS: Readonly<Record<Quadrant, string>> = {
  LOYAL: '#2E7D32',
  PROBLEM_1: '#1565C0',
  PROBLEM_2: '#EF6C00',
  GENERAL: '#757575',
  INSUFFICIENT_DATA: '#BDBDBD',
};
/** Light fills for cells, readable with black text. */
export const QUADRANT_FILLS: Readonly<Record<Quadrant, string>> = {
  LOYAL: '#C8E6C9',
  PROBLEM_1: '#BBDEFB',
  PROBLEM_2: '#FFE0B2',
  GENERAL: '#E0E0E0',
  INSUFFICIENT_DATA: '#F5F5F5',
};
export const RISK_FILLS: Readonly<Record<Risk, string | null>> = {
  EXITED: '#BDBDBD',
  HIGH: '#FFCDD2',
  MEDIUM: '#FFE0B2',
  LOW: '#FFF9C4',
  NONE: null,
};

/**
 * Names of the two axes in the summary sheet's cut-point table, written by the add-in and by the
 * command line alike, and read back to reuse last period's cut points (§11).
 */
export const CUT_AXIS_LABELS = {
  share: t('业务份额（纵轴）', 'Business share (vertical axis)'),
  loyalty: t('忠诚度得分（横轴）', 'Loyalty score (horizontal axis)'),
} as const;

/** The summary sheet's name. */
export const SUMMARY_SHEET_NAME: Texts = t('客户矩阵汇总', 'Matrix summary');

/** A client of last period missing from this one (summary lists, task pane). */
export const GONE_CLIENT: Texts = t('消失', 'Gone');
/** Heading of the list of clients new this period and gone since the last. */
export const NEW_AND_GONE: Texts = t('新增与消失的客户', 'Clients new and gone');
/** "… and N more" after a capped list. */
export const MORE_CLIENTS = templates((n: number) => `…… 另有 ${n} 户`, (n: number) => `… and ${n} more`);
