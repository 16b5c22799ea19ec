/** Field definitions and header synonyms of analysis.md §2. */
import type { Field } from './types';

export type FieldType =
  | 'text'
  | 'number'
  | 'percent'
  | 'rating'
  | 'date'
  | 'yesno'
  | 'status'
  | 'quadrant'
  | 'loanclass';

export interface FieldDef {
  field: Field;
  type: FieldType;
  /** Synonyms, Chinese first, then English (compared after normalisation). */
  synonyms: readonly string[];
}

export const FIELD_DEFS: readonly FieldDef[] = [
  { field: 'client_id', type: 'text', synonyms: ['客户号', '客户编号', '客户代码', '客户编码', '客户ID', '客户号码', '编号', 'CIF', 'CIF号', 'client id', 'customer id', 'client no', 'customer no', 'id', 'cif'] },
  { field: 'client_name', type: 'text', synonyms: ['客户名称', '客户名', '客户姓名', '名称', '户名', '姓名', '企业名称', '单位名称', 'client', 'client name', 'customer', 'customer name', 'name', 'company'] },
  { field: 'client_manager', type: 'text', synonyms: ['客户经理', '管户经理', '管户人', 'relationship manager', 'rm', 'account manager', 'client manager'] },
  { field: 'volume', type: 'number', synonyms: ['业务量', '业务规模', '业务总量', '综合业务量', '日均存款', '存款日均', '日均余额', '存款余额', '贷款余额', '余额', '资产余额', '金融资产', '综合贡献', '贡献度', 'AUM', 'volume', 'business volume', 'balance', 'average balance', 'avg balance', 'deposits', 'loans', 'total balance', 'assets', 'aum'] },
  { field: 'volume_prev', type: 'number', synonyms: ['上期业务量', '上期余额', '上月余额', '上月日均', '上期日均', '上年余额', '去年同期余额', '期初余额', 'previous volume', 'prior volume', 'previous balance', 'prior balance', 'last month balance'] },
  { field: 'loyalty_score', type: 'number', synonyms: ['忠诚度', '忠诚度评分', '忠诚度得分', '客户忠诚度', 'loyalty', 'loyalty score'] },
  { field: 'trust', type: 'number', synonyms: ['信任度', '信任程度', '满意度', '客户满意度', '信任评分', 'trust', 'trust score', 'satisfaction', 'satisfaction score', 'nps'] },
  { field: 'contact_count', type: 'number', synonyms: ['沟通次数', '联系次数', '拜访次数', '走访次数', '沟通频次', '交流次数', 'contacts', 'contact count', 'visits', 'meetings', 'interactions'] },
  { field: 'txn_count', type: 'number', synonyms: ['交易次数', '年交易次数', '交易笔数', '交易频率', '年交易笔数', '月均交易次数', 'transactions', 'transaction count', 'txn count', 'annual transactions', 'transaction frequency'] },
  { field: 'txn_count_prev', type: 'number', synonyms: ['上期交易次数', '上年交易次数', '上期交易笔数', 'previous transactions', 'prior transactions'] },
  { field: 'product_count', type: 'number', synonyms: ['产品数', '持有产品数', '产品个数', '签约产品数', '产品数量', 'products', 'product count', 'products held', 'number of products'] },
  { field: 'product_count_prev', type: 'number', synonyms: ['上期产品数', '上期持有产品数', 'previous products', 'prior product count'] },
  { field: 'wallet_share', type: 'percent', synonyms: ['本行占比', '本行份额', '钱包份额', '业务占比', '本行业务占比', '主办行占比', 'share of wallet', 'wallet share', 'sow'] },
  { field: 'credit_rating', type: 'rating', synonyms: ['信用等级', '信用评级', '评级', '客户评级', 'credit rating', 'rating', 'credit grade'] },
  { field: 'tenure_years', type: 'number', synonyms: ['合作年限', '客户年限', '开户年限', '关系年限', '往来年限', 'tenure', 'tenure years', 'relationship years', 'years as client'] },
  { field: 'open_date', type: 'date', synonyms: ['开户日期', '建立关系日期', '首次合作日期', '开户时间', '合作起始日', 'open date', 'account opened', 'since', 'relationship start', 'onboarding date'] },
  { field: 'last_txn_date', type: 'date', synonyms: ['最近交易日期', '末次交易日期', '最后交易日期', '最近交易日', 'last transaction date', 'last txn date', 'last activity', 'last transaction'] },
  { field: 'last_contact_date', type: 'date', synonyms: ['最近联系日期', '最近拜访日期', '最近走访日期', '末次联系日期', '最近沟通日期', 'last contact date', 'last contact', 'last visit', 'last meeting'] },
  { field: 'complaint_count', type: 'number', synonyms: ['投诉次数', '投诉', '投诉数', '客诉次数', 'complaints', 'complaint count'] },
  { field: 'competitor_offer', type: 'yesno', synonyms: ['他行营销', '竞争对手', '他行报价', '竞品', '他行挖转', 'competitor offer', 'competitor', 'competing offer'] },
  { field: 'status', type: 'status', synonyms: ['状态', '客户状态', '账户状态', 'status', 'account status', 'client status'] },
  { field: 'exit_reason', type: 'text', synonyms: ['流失原因', '退出原因', '销户原因', 'churn reason', 'exit reason', 'reason for leaving'] },
  { field: 'quadrant_prev', type: 'quadrant', synonyms: ['上期象限', '上月象限', '上期分类', '上期客户象限', 'previous quadrant', 'prior quadrant', 'last quadrant'] },
  { field: 'loan_class', type: 'loanclass', synonyms: ['五级分类', '贷款分类', '风险分类', '贷款五级分类', 'loan classification', 'loan class', 'asset quality'] },
];

export const FIELD_DEF: Readonly<Record<Field, FieldDef>> = Object.fromEntries(
  FIELD_DEFS.map((d) => [d.field, d]),
) as Record<Field, FieldDef>;

/** Fields that may receive a header carrying a previous-period marker in the contains pass. */
export const PREVIOUS_PERIOD_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'volume_prev',
  'txn_count_prev',
  'product_count_prev',
  'quadrant_prev',
]);

/** Markers of a previous-period header (§2, contains pass), already normalised. */
export const PREVIOUS_PERIOD_MARKERS: readonly string[] = ['上期', '上月', '上年', '去年', '期初', 'prev', 'prior', 'previous', 'lastmonth'];
