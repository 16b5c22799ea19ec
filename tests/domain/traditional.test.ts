/**
 * Traditional Chinese (zh-TW): the catalogues' conversion against OpenCC itself, the fold of
 * Traditional and variant spellings in reading, and the worked examples in Traditional.
 */
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as OpenCC from 'opencc-js';
import {
  analyze,
  foldTraditional,
  inLocale,
  labels,
  localeOfLanguageTag,
  parseConfig,
  suggestMapping,
  toResultJson,
  toTraditional,
  traditionalTemplate,
  type Cell,
  type Field,
} from '../../src/domain';
import { parseNumber } from '../../src/domain/values/parseNumber';
import { parseRating } from '../../src/domain/values/parseRating';
import { classifyStatus, isAdverseLoanClass, parseQuadrant, parseYesNo } from '../../src/domain/values/parseText';
import { churnTypeByKeyword } from '../../src/domain/exitFlags';
import { EXAMPLES, expectClose, FIXTURES, readCsv, type Json } from './exampleHelpers';

const ROOT = join(__dirname, '..', '..');
const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const hk = OpenCC.Converter({ from: 'cn', to: 'hk' });
const generic = OpenCC.Converter({ from: 'cn', to: 't' });
const simplified = OpenCC.Converter({ from: 't', to: 'cn' });
/** OpenCC cn → tw with the project's one reviewed override (scripts/traditional-table.mjs). */
const reference = (s: string) => tw(s).replaceAll('賬', '帳');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
const hanRuns = (paths: string[]) => [...new Set(paths.flatMap((f) => readFileSync(f, 'utf8').match(/\p{Script=Han}+/gu) ?? []))];

describe('toTraditional', () => {
  it('writes every Chinese text of the product as OpenCC (Taiwan standard) does', () => {
    // (Runs already in Traditional characters are comments' examples and 繁體中文: nothing to convert.)
    const sources = [...files(join(ROOT, 'src')).filter((f) => !f.endsWith('traditionalTable.ts')), join(ROOT, 'manifest.xml')];
    const runs = hanRuns(sources).filter((r) => simplified(r) === r);
    expect(runs.length).toBeGreaterThan(500);
    const wrong = runs.filter((r) => toTraditional(r) !== reference(r)).map((r) => `${r}: ${toTraditional(r)} ≠ ${reference(r)}`);
    // A new text with a character outside the table or a word OpenCC writes otherwise: run
    // `node scripts/traditional-table.mjs` (and review the phrases it adds).
    expect(wrong).toEqual([]);
  });

  it('is the generated table of scripts/traditional-table.mjs', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts/traditional-table.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('uses the Taiwan forms and the words whose characters are not one for one', () => {
    expect(toTraditional('客户号 账户状态 本行占比 开户日期 唤醒账户')).toBe('客戶號 帳戶狀態 本行佔比 開戶日期 喚醒帳戶');
    expect(toTraditional('客户矩阵汇总 联系次数 然后 生命周期 代发')).toBe('客戶矩陣彙總 聯繫次數 然後 生命週期 代發');
    expect(toTraditional('Loyal 123 (万元)')).toBe('Loyal 123 (萬元)');
  });

  it('converts a template but never the user data inserted in it', () => {
    const template = traditionalTemplate((p: { name: string; sheet: string; n: number; problemZh: string }) => `客户"${p.name}"在工作表"${p.sheet}"中出现 ${p.n} 次：${p.problemZh}`);
    expect(template({ name: '张伟发展有限公司', sheet: '汇总', n: 1200, problemZh: '没有数据' })).toBe('客戶"张伟发展有限公司"在工作表"汇总"中出現 1200 次：沒有數據');
    expect(labels.MORE_CLIENTS['zh-TW'](3)).toBe('…… 另有 3 戶');
    expect(inLocale('zh-TW', '请输入数字。', 'Enter a number.')).toBe('請輸入數字。');
  });

  it('gives every catalogue label a zh-TW text', () => {
    expect(labels.QUADRANT_LABELS.LOYAL['zh-TW']).toBe('忠誠客戶');
    expect(labels.SUMMARY_SHEET_NAME['zh-TW']).toBe('客戶矩陣彙總');
    expect(labels.OUTPUT_HEADERS.action['zh-TW']).toBe('行動建議');
  });
});

describe('localeOfLanguageTag', () => {
  it('reads Taiwan, Hong Kong, Macau and Hant as zh-TW, in Office and POSIX forms', () => {
    expect(['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh_TW.UTF-8', 'zh_HK.Big5'].map(localeOfLanguageTag)).toEqual(Array(6).fill('zh-TW'));
    expect(['zh-CN', 'zh_CN.UTF-8', 'zh', 'zh-SG'].map(localeOfLanguageTag)).toEqual(Array(4).fill('zh-CN'));
    expect(['en_US.UTF-8', 'C', '', 'zu-ZA', undefined].map(localeOfLanguageTag)).toEqual(Array(5).fill(null));
  });
});

describe('reading Traditional and variant spellings', () => {
  // Every Chinese word of the domain's lists: header synonyms, value words, churn keywords, labels.
  const listFiles = ['fields.ts', 'exitFlags.ts', 'values/parseText.ts', 'values/parseNumber.ts', 'values/parseRating.ts', 'i18n/labels.ts'].map((f) =>
    join(ROOT, 'src/domain', f),
  );
  // (Runs already in Traditional characters are the comments' examples, not list words.)
  const words = hanRuns(listFiles).filter((w) => simplified(w) === w);

  it('folds every word of the lists back from Taiwan, Hong Kong and generic Traditional', () => {
    expect(words.length).toBeGreaterThan(200);
    const bad = words.flatMap((w) =>
      [w, toTraditional(w), tw(w), hk(w), generic(w)].filter((v) => foldTraditional(v) !== w).map((v) => `${v} → ${foldTraditional(v)} (want ${w})`),
    );
    expect(bad).toEqual([]);
  });

  it('maps Traditional, Hong Kong and mixed headers of every synonym to its field', () => {
    const { FIELD_DEFS } = jest.requireActual('../../src/domain') as typeof import('../../src/domain');
    const bad: string[] = [];
    for (const def of FIELD_DEFS) {
      for (const synonym of def.synonyms.filter((s) => /\p{Script=Han}/u.test(s))) {
        for (const header of [toTraditional(synonym), hk(synonym), generic(synonym), synonym.replace(/户/g, '戸')]) {
          const field = Object.entries(suggestMapping([header])).find(([, cols]) => cols?.includes(0))?.[0];
          const direct = Object.entries(suggestMapping([synonym])).find(([, cols]) => cols?.includes(0))?.[0];
          if (field !== direct) bad.push(`${header}: ${field} (as ${synonym}: ${direct})`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('maps the headers of the issue (a Traditional export with Hong Kong and Taiwan forms mixed)', () => {
    const header = ['客户號', '客户名稱', '存款日均(萬元)', '年交易次數', '持有產品數', '本行佔比', '信用等級', '開户日期', '最近交易日期', '投訴次數', '客户狀態', '五級分類', '上期象限', '賬戶狀態', '開戸日期'];
    const m = suggestMapping(header);
    const at = (f: Field) => m[f];
    expect([at('client_id'), at('client_name'), at('volume'), at('txn_count'), at('product_count'), at('wallet_share'), at('credit_rating')]).toEqual([[0], [1], [2], [3], [4], [5], [6]]);
    expect([at('open_date'), at('last_txn_date'), at('complaint_count'), at('status'), at('loan_class'), at('quadrant_prev')]).toEqual([[7], [8], [9], [10], [11], [12]]);
  });

  it('reads Traditional value words: status, loan class, yes/no, quadrants, churn keywords, 級, 萬 and 億', () => {
    expect(['銷戶', '已銷户', '註銷', '關閉', '潛在客戶', '意向', '正常'].map(classifyStatus)).toEqual(['closed', 'closed', 'closed', 'closed', 'prospect', 'prospect', 'other']);
    expect(['正常', '關注', '次級', '可疑', '損失'].map(isAdverseLoanClass)).toEqual([false, false, true, true, true]);
    expect(['是', '否', '無', '沒有', '有'].map((c) => parseYesNo(c))).toEqual([true, false, false, false, true]);
    expect(['忠誠客戶', '問題客戶1', '问题客戶2', '一般客户', '數據不足'].map((c) => parseQuadrant(c))).toEqual(['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL', 'INSUFFICIENT_DATA']);
    expect(['搬遷', '已退休', '他行利率更優', '競爭', '投訴未處理', '服務態度差'].map(churnTypeByKeyword)).toEqual(['NATURAL', 'NATURAL', 'COMPETITIVE', 'COMPETITIVE', 'NEGLIGENT', 'NEGLIGENT']);
    expect(parseRating('BBB+級')).toEqual(parseRating('BBB+级'));
    expect([parseNumber('12萬'), parseNumber('1.5億'), parseNumber('無')]).toEqual([120000, 150000000, null]);
  });
});

describe.each(EXAMPLES.filter((n) => n !== 'portfolio-en'))('worked example %s in Traditional characters', (name) => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Json;
  const config = parseConfig(JSON.parse(readFileSync(join(FIXTURES, `${name}.config.json`), 'utf8')));
  // Taiwan forms (our converter), Hong Kong forms (OpenCC), and a mix of both cell by cell.
  const spellings: [string, (s: string, r: number, c: number) => string][] = [
    ['Taiwan', (s) => toTraditional(s)],
    ['Hong Kong', (s) => hk(s)],
    ['mixed', (s, r, c) => ((r + c) % 2 ? hk(s) : toTraditional(s))],
  ];

  it.each(spellings)('%s: the same mapping, codes and numbers', (_, convert) => {
    const table = readCsv(`${name}.csv`).map((row, r) => row.map((c, k): Cell => (typeof c === 'string' ? convert(c, r, k) : c)));
    const result = toResultJson(analyze(table, config, { today: '2026-11-23' })) as Json;
    const header = table[0] as string[];
    const original = readCsv(`${name}.csv`)[0] as string[];
    const mapping = Object.fromEntries(
      Object.entries(expected.mapping as Record<string, string[]>).map(([f, hs]) => [f, hs.map((h) => header[original.indexOf(h)])]),
    );
    expect(result.mapping).toEqual(mapping);
    expectClose(result.cuts, expected.cuts, 'cuts');
    const rows = result.rows as Json[];
    (expected.rows as Json[]).forEach((w, i) => {
      const { issues, clientName, ...rest } = w;
      expectClose(rows[i], rest, `rows[${i}]`);
      expect(rows[i].clientName).toBe(clientName === null ? null : rows[i].clientName);
      expect({ row: i + 1, issues: (rows[i].issues as { code: string }[]).map((x) => x.code) }).toEqual({ row: i + 1, issues });
    });
    expectClose(result.summary, expected.summary, 'summary');
  });
});
