/**
 * Traditional Chinese (zh-TW): the conversion of the catalogues' zh-CN texts to Traditional, and
 * the fold of Traditional and variant spellings back to Simplified that reading uses, so every
 * word list (header synonyms, status, loan-class, yes/no and churn words, quadrant labels) keeps
 * one spelling and still reads 客戶號, 客户號, 本行佔比, 帳戶狀態 or 開戸日期.
 *
 * Why a table and not a library: opencc-js (the well-kept JavaScript OpenCC) is the reference, but
 * its Simplified → Traditional bundle is ~450 KB gzipped, and the task pane's first-paint
 * JavaScript was 224 KB of a 250 KB budget. The texts to convert are our own catalogues, so the
 * table (traditionalTable.ts, generated from OpenCC by scripts/traditional-table.mjs) holds every
 * Simplified character in src/ (~2 KB gzipped; GB2312's 3,755 common characters would have cost
 * ~8 KB, a third of what the budget had left), and the words of src/ whose Traditional form is not
 * one character for one (联系 → 聯繫, 汇总 → 彙總). tests/domain/traditional.test.ts checks every
 * Chinese text in src/ against OpenCC itself and fails, naming the script, when a new text needs
 * the table made again. A character outside the table is left as it is.
 *
 * Forms are Taiwan standard (OpenCC "tw": 戶, 佔, 裡, 著), with 帳 for accounts as Taiwan's
 * Ministry of Education writes it (OpenCC writes the Hong Kong 賬). Vocabulary is kept (数据 →
 * 數據, not 資料): the labels are read back from last period's workbook, and both regions read them.
 */
import type { Locale } from '../types';
import { CHAR_PAIRS, PHRASES } from './traditionalTable';

const TO_TRADITIONAL = new Map<string, string>();
for (let i = 0; i + 1 < CHAR_PAIRS.length; i += 2) TO_TRADITIONAL.set(CHAR_PAIRS[i], CHAR_PAIRS[i + 1]);

/** Phrases by their first character, longest first. */
const PHRASES_BY_FIRST = new Map<string, [string, string][]>();
for (const entry of PHRASES.split(' ')) {
  const [s, t] = entry.split(':');
  if (!s || !t) continue;
  const list = PHRASES_BY_FIRST.get(s[0]) ?? [];
  list.push([s, t]);
  list.sort((a, b) => b[0].length - a[0].length);
  PHRASES_BY_FIRST.set(s[0], list);
}

/** Simplified Chinese text in Traditional characters (Taiwan standard). Other text is unchanged. */
export function toTraditional(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    const phrase = PHRASES_BY_FIRST.get(c)?.find(([s]) => text.startsWith(s, i));
    if (phrase) {
      out += phrase[1];
      i += phrase[0].length;
    } else {
      out += TO_TRADITIONAL.get(c) ?? c;
      i++;
    }
  }
  return out;
}

/**
 * Variant spellings beside the table's Taiwan forms: Hong Kong's (户, 賬, 綫, 衞), the Japanese and
 * old forms users type (戸, 覈), and the account characters, which all mean 账 in a client table
 * (帳, 帐 and 賬; the table alone would fold 帳 to the 帐 of 蚊帐).
 */
const FOLD_EXTRA: readonly [string, string][] = [
  ['戸', '户'],
  ['帳', '账'],
  ['帐', '账'],
  ['賬', '账'],
  ['佔', '占'],
  ['裏', '里'],
  ['綫', '线'],
  ['衞', '卫'],
  ['爲', '为'],
  ['僞', '伪'],
  ['啓', '启'],
  ['峯', '峰'],
  ['羣', '群'],
  ['綑', '捆'],
  ['麪', '面'],
  ['鈎', '钩'],
  ['覈', '核'],
];

const FOLD = new Map<string, string>();
for (const [s, t] of TO_TRADITIONAL) if (!FOLD.has(t)) FOLD.set(t, s);
for (const list of PHRASES_BY_FIRST.values()) {
  for (const [s, t] of list) for (let k = 0; k < s.length; k++) if (s[k] !== t[k] && !FOLD.has(t[k])) FOLD.set(t[k], s[k]);
}
for (const [from, to] of FOLD_EXTRA) FOLD.set(from, to);

/**
 * Traditional and variant characters folded to the Simplified spelling of the word lists (for
 * matching only: the result is never shown). Characters outside the table are kept as they are.
 */
export function foldTraditional(text: string): string {
  let out: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const f = FOLD.get(text[i]);
    if (f !== undefined && f !== text[i]) {
      out ??= text.slice(0, i);
      out += f;
    } else if (out !== null) out += text[i];
  }
  return out ?? text;
}

/**
 * The Chinese locale a language tag asks for — Office's display language ("zh-TW", "zh-Hant-HK")
 * or a POSIX locale ("zh_TW.UTF-8"): Taiwan, Hong Kong, Macau or the Hant script -> zh-TW, other
 * Chinese -> zh-CN; null when the tag is not Chinese.
 */
export function localeOfLanguageTag(tag: string | null | undefined): Locale | null {
  if (!tag || !/^zh(?![a-z])/i.test(tag)) return null;
  return /[-_](tw|hk|mo|hant)(?![a-z])/i.test(tag) ? 'zh-TW' : 'zh-CN';
}

/** Whether the locale writes Chinese (zh-CN or zh-TW): Chinese punctuation and word order. */
export const isChinese = (locale: Locale): boolean => locale !== 'en-US';

/** The text of a zh-CN / en-US pair in a locale: zh-TW is the zh-CN text converted. */
export function inLocale(locale: Locale, zh: string, en: string): string {
  return locale === 'en-US' ? en : locale === 'zh-TW' ? toTraditional(zh) : zh;
}

/** A parameter's placeholder while a template's own text is converted: private-use characters. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKED = /\uE000(\d+)\uE001/g;
const HAN = /\p{Script=Han}/u;

/**
 * The zh-TW version of a zh-CN message template: converts the template's own text only. The
 * parameters inserted (client names, column headers, sheet and file names: user data) are shown
 * exactly as they are. Parameters whose name ends in "Zh" are the caller's own zh-CN words (a
 * problem described in both languages) and are converted with the template.
 */
export function traditionalTemplate<P>(template: (p: P) => string): (p: P) => string {
  return (p: P) => {
    const kept: string[] = [];
    const mark = (v: unknown): unknown => {
      // Only a text with Chinese characters could change; others ("1,234", "Sheet1!A1") pass as
      // they are, so a template may still read them (Number(p.skipped)).
      if (typeof v === 'string' && HAN.test(v)) {
        kept.push(v);
        return `${MARK_OPEN}${kept.length - 1}${MARK_CLOSE}`;
      }
      return Array.isArray(v) ? v.map(mark) : v;
    };
    let marked = p;
    if (p !== null && typeof p === 'object' && !Array.isArray(p)) {
      marked = Object.fromEntries(
        Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, k.endsWith('Zh') ? v : mark(v)]),
      ) as P;
    }
    return toTraditional(template(marked)).replace(MARKED, (_, k: string) => kept[Number(k)]);
  };
}

/** A catalogue's zh-CN / en-US pair of templates with the zh-TW one made from the zh-CN one. */
export function templates<P>(zh: (p: P) => string, en: (p: P) => string): Readonly<Record<Locale, (p: P) => string>> {
  return { 'zh-CN': zh, 'zh-TW': traditionalTemplate(zh), 'en-US': en };
}

/** A catalogue's zh-CN / en-US pair of texts with the zh-TW one converted from the zh-CN one. */
export function texts(zh: string, en: string): Readonly<Record<Locale, string>> {
  return { 'zh-CN': zh, 'zh-TW': toTraditional(zh), 'en-US': en };
}

/** A catalogue entry written in zh-CN and en-US. */
export type ZhEn<F> = Readonly<{ 'zh-CN': F; 'en-US': F }>;

/** A catalogue of zh-CN / en-US templates with each entry's zh-TW template made from its zh-CN one. */
export function withTraditional<C extends Record<string, ZhEn<(p: never) => string>>>(
  catalogue: C,
): { readonly [K in keyof C]: C[K] & { readonly 'zh-TW': C[K]['zh-CN'] } } {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(catalogue)) {
    out[key] = { ...entry, 'zh-TW': traditionalTemplate(entry['zh-CN'] as (p: unknown) => string) };
  }
  return out as { readonly [K in keyof C]: C[K] & { readonly 'zh-TW': C[K]['zh-CN'] } };
}
