/**
 * A sample client portfolio for the sandbox, in the header layout of tests/fixtures/branch-small.csv
 * (Chinese) and portfolio-en.csv (English). Generated from a fixed seed, so every visitor and every
 * end-to-end run sees the same clients. Volumes are heavy-tailed (a few big clients make most of the
 * business, as in a real branch), a share of clients carry warning signs, and a few cells are bad
 * on purpose (text in a number column, an impossible date, an unknown rating, a duplicate client
 * number, an Excel error value) so the data-issue report has something to show. The Traditional
 * (zh-TW) sample is the Chinese one — the same clients, seed and numbers — in Traditional
 * characters, with two headers in the Hong Kong form (户 for 戶) as real exports mix them.
 */
import { toTraditional, type Locale } from '../domain';
import { seededRandom } from './random';

export interface SampleSheet {
  sheetName: string;
  header: string[];
  /** Data rows: numbers, text, or Excel date serials in the date columns. */
  rows: (string | number)[][];
  /** 0-based columns that hold date serials (to be formatted yyyy-mm-dd). */
  dateColumns: number[];
}

const HEADERS: Record<Exclude<Locale, 'zh-TW'>, string[]> = {
  'zh-CN': ['客户号', '客户名称', '客户经理', '存款日均(万元)', '上月日均(万元)', '年交易次数', '上期交易次数', '持有产品数', '上期产品数', '本行占比', '信用等级', '开户日期', '最近交易日期', '最近拜访日期', '投诉次数', '他行营销', '客户状态', '五级分类'],
  'en-US': ['Client ID', 'Client name', 'Relationship manager', 'Average balance', 'Previous balance', 'Transactions', 'Previous transactions', 'Products held', 'Previous products', 'Share of wallet', 'Credit rating', 'Open date', 'Last transaction date', 'Last contact date', 'Complaints', 'Competitor offer', 'Status', 'Loan classification'],
};
const DATE_COLUMNS = [11, 12, 13];

const PLACES = ['西岭', '云溪', '金桥', '江城', '东湖', '南山', '青石', '滨江', '临海', '北辰', '明珠', '长河'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '晓东', '海燕'];
const TRADES = ['纺织', '物流', '科技', '化工', '食品', '机械', '建材', '医药', '电子', '农业', '汽配', '贸易'];
const MANAGERS_ZH = ['张伟', '王芳', '陈静', '李娜', '刘洋', '赵磊'];

const EN_PREFIX = ['North', 'Harbor', 'Silver', 'Eastgate', 'Riverside', 'Summit', 'Oak', 'Bay', 'Crown', 'Pioneer', 'Lakeview', 'Granite'];
const EN_TRADE = ['Textiles', 'Logistics', 'Tech', 'Chemicals', 'Foods', 'Machinery', 'Building Supplies', 'Pharma', 'Electronics', 'Agri', 'Auto Parts', 'Trading'];
const EN_SUFFIX = ['Ltd', 'Co.', 'Group', 'Holdings', 'Inc.'];
const EN_FIRST = ['Grace', 'Henry', 'Olivia', 'Liam', 'Mei', 'Arjun', 'Sofia', 'Noah', 'Hannah', 'Daniel', 'Chloe', 'Wei'];
const EN_LAST = ['Chen', 'Smith', 'Patel', 'Wong', 'Garcia', 'Brown', 'Lee', 'Taylor', 'Nguyen', 'Martin'];
const MANAGERS_EN = ['Alice Wu', 'Bob Lin', 'Carol Ma', 'Dan Ho', 'Eve Tan', 'Frank Li'];

/** Ratings weighted towards the middle of the scale, as in a branch's corporate book. */
const RATINGS = ['AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-', 'BB+', 'BB', 'BB-', 'B+', 'B', 'B-', 'CCC', 'CC'];
const RATING_WEIGHTS = [1, 2, 4, 5, 7, 9, 9, 10, 10, 8, 7, 6, 4, 3, 2, 1, 1, 0.5];

/** The analysis date the sample is written around (dates are relative to it). */
export const SAMPLE_AS_OF = '2026-10-31';
const AS_OF_SERIAL = dateSerial(2026, 10, 31);

/** Excel 1900-system serial of a calendar day (25569 = 1970-01-01). */
export function dateSerial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

export interface SampleOptions {
  locale: Locale;
  rows?: number;
  seed?: number;
}

export function generateSample({ locale, rows = 300, seed = 20261031 }: SampleOptions): SampleSheet {
  const random = seededRandom(seed + (locale === 'en-US' ? 7919 : 0) + rows);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const weighted = <T>(list: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((a, b) => a + b, 0);
    let x = random() * total;
    for (let i = 0; i < list.length; i++) {
      x -= weights[i];
      if (x <= 0) return list[i];
    }
    return list[list.length - 1];
  };
  const zh = locale !== 'en-US';

  const name = (): string => {
    if (zh) {
      return chance(0.6) ? `${pick(PLACES)}${pick(SURNAMES)}氏${pick(TRADES)}有限公司` : `${pick(SURNAMES)}${pick(GIVEN)}`;
    }
    return chance(0.65) ? `${pick(EN_PREFIX)} ${pick(EN_TRADE)} ${pick(EN_SUFFIX)}` : `${pick(EN_FIRST)} ${pick(EN_LAST)}`;
  };

  const out: (string | number)[][] = [];
  for (let i = 0; i < rows; i++) {
    // Heavy-tailed volume (万元 or thousands): most clients are small, a few are very large.
    const volume = Math.max(0, Math.round(Math.exp(2.6 + 1.6 * normal())));
    const trend = chance(0.12) ? -0.35 - random() * 0.45 : chance(0.15) ? 0.15 + random() * 0.5 : normal() * 0.06;
    const prevVolume = Math.max(0, Math.round(volume / (1 + trend)));
    const txn = Math.max(0, Math.round(Math.exp(3.6 + 0.8 * normal())));
    const txnPrev = chance(0.1) ? Math.round(txn * (1.6 + random())) : Math.max(0, Math.round(txn * (1 + normal() * 0.1)));
    const products = 1 + Math.floor(random() * 9);
    const productsPrev = chance(0.08) ? products + 1 : chance(0.06) ? Math.max(1, products - 1) : products;
    const wallet = Math.round((0.05 + random() * 0.94) * 100) / 100;
    const openSerial = Math.round(dateSerial(2000, 1, 1) + random() * (AS_OF_SERIAL - dateSerial(2000, 1, 1)));
    const idle = chance(0.08) ? 90 + Math.floor(random() * 300) : Math.floor(-Math.log(1 - random()) * 20);
    const lastTxn = Math.max(openSerial, AS_OF_SERIAL - idle);
    const noContact = chance(0.12) ? 100 + Math.floor(random() * 200) : Math.floor(random() * 80);
    const lastContact = Math.max(openSerial, AS_OF_SERIAL - noContact);
    const complaints = chance(0.07) ? 1 + Math.floor(random() * 4) : 0;
    const competitor = chance(0.06) ? pick(zh ? ['是', '工行理财4.1%', '他行贷款利率下浮'] : ['yes', 'HSBC deposit 4.1%', 'rate offer']) : '';
    const status = chance(0.02)
      ? zh ? '已销户' : 'closed'
      : chance(0.02)
        ? zh ? '潜在客户' : 'prospect'
        : chance(0.04)
          ? zh ? '休眠' : 'dormant'
          : zh ? '正常' : 'active';
    const loan = chance(0.02) ? (zh ? '次级' : 'substandard') : chance(0.06) ? (zh ? '关注' : 'special mention') : chance(0.3) ? '' : zh ? '正常' : 'pass';
    out.push([
      `C${String(100000 + i)}`,
      name(),
      pick(zh ? MANAGERS_ZH : MANAGERS_EN),
      volume,
      chance(0.05) ? '' : prevVolume,
      txn,
      chance(0.08) ? '' : txnPrev,
      products,
      chance(0.1) ? '' : productsPrev,
      wallet,
      weighted(RATINGS, RATING_WEIGHTS),
      openSerial,
      lastTxn,
      lastContact,
      complaints,
      competitor,
      status,
      loan,
    ]);
  }

  // A handful of bad cells, at fixed places, of the kinds real exports contain.
  const bad = (row: number, col: number, value: string | number) => {
    if (row < out.length) out[row][col] = value;
  };
  bad(4, 3, zh ? '待补录' : 'pending');
  bad(11, 12, '2026-13-45');
  bad(17, 10, zh ? '未评级' : 'unrated');
  bad(23, 9, 1.7); // a share of wallet over 100 %
  bad(29, 3, '#N/A');
  bad(36, 0, out[3]?.[0] ?? 'C100003'); // a duplicate client number
  bad(41, 13, zh ? '上周' : 'last week');
  const sheet = { sheetName: zh ? '客户明细' : 'Clients', header: HEADERS[zh ? 'zh-CN' : 'en-US'], rows: out, dateColumns: DATE_COLUMNS };
  return locale === 'zh-TW' ? inTraditional(sheet) : sheet;
}

/** Headers written the Hong Kong way in the Traditional sample (a mixed export, as in the issue). */
const HONG_KONG_HEADERS: Readonly<Record<string, string>> = { 客户号: '客户號', 开户日期: '開户日期' };

function inTraditional(sheet: SampleSheet): SampleSheet {
  const text = (v: string | number) => (typeof v === 'string' ? toTraditional(v) : v);
  return {
    ...sheet,
    sheetName: toTraditional(sheet.sheetName),
    header: sheet.header.map((h) => HONG_KONG_HEADERS[h] ?? toTraditional(h)),
    rows: sheet.rows.map((row) => row.map(text)),
  };
}
