/** A synthetic portfolio with every field of analysis.md §2, as Excel's range.values gives it. */
import type { Cell } from '../src/domain';
import { seededRandom } from '../src/sandbox/random';

export const SYNTHETIC_HEADER = [
  '客户号', '客户名称', '客户经理', '存款日均(万元)', '贷款余额(万元)', '上月日均(万元)', '忠诚度', '信任度', '沟通次数',
  '年交易次数', '上期交易次数', '持有产品数', '上期产品数', '本行占比', '信用等级', '合作年限', '开户日期',
  '最近交易日期', '最近拜访日期', '投诉次数', '他行营销', '客户状态', '流失原因', '上期象限', '五级分类',
];

const RATINGS = ['AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-', 'BB+', 'BB', 'B', 'CCC'];
const STATUS = ['正常', '正常', '正常', '正常', '休眠', '已销户', '潜在客户'];
const REASONS = ['', '', '', '', '他行利率更高', '搬迁', '服务不满'];
const QUADRANTS = ['忠诚客户', '问题客户1', '问题客户2', '一般客户', ''];
const LOANS = ['正常', '正常', '正常', '关注', '次级', ''];
const MANAGERS = ['张伟', '王芳', '李娜', '刘洋', '陈静'];

/**
 * Header + `rows` data rows. Dates are Excel serials (numbers), as range.values returns them;
 * `withLoyaltyScore` adds a direct loyalty score (off by default: components are the heavier path).
 */
export function syntheticTable(rows: number, seed = 42, withLoyaltyScore = false): Cell[][] {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const header = withLoyaltyScore ? SYNTHETIC_HEADER : SYNTHETIC_HEADER.map((h) => (h === '忠诚度' ? '备注' : h));
  const table: Cell[][] = [header];
  const asOf = 46326; // 2026-10-31
  for (let i = 0; i < rows; i++) {
    const vol = Math.round(Math.exp(r() * 10));
    const txn = Math.floor(r() * 200);
    const products = 1 + Math.floor(r() * 9);
    table.push([
      `C${String(100000 + i)}`,
      `客户${i}`,
      pick(MANAGERS),
      vol,
      r() < 0.3 ? Math.round(r() * 1000) : '',
      Math.round(vol * (0.6 + r() * 0.8)),
      withLoyaltyScore ? Math.round(r() * 100) : '',
      Math.round(r() * 10),
      Math.floor(r() * 30),
      txn,
      Math.floor(txn * (0.5 + r())),
      products,
      Math.max(0, products + Math.floor(r() * 3) - 1),
      Math.round(r() * 100) / 100,
      pick(RATINGS),
      Math.round(r() * 200) / 10,
      asOf - Math.floor(r() * 9000),
      asOf - Math.floor(r() * 400),
      asOf - Math.floor(r() * 300),
      r() < 0.05 ? 1 + Math.floor(r() * 4) : 0,
      r() < 0.05 ? '是' : '',
      pick(STATUS),
      pick(REASONS),
      pick(QUADRANTS),
      pick(LOANS),
    ]);
  }
  return table;
}
