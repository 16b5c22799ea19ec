/**
 * What the shells write: the output columns of workbook.md as cell values, and the texts behind
 * them (actions, reasons, issues) in either language. One place, so the add-in, the CSV and the
 * annotated workbook say the same thing.
 */
import {
  ACTION_SEPARATOR,
  CHURN_LABELS,
  EXIT_REVIEW,
  FIELD_LABELS,
  FLAG_ACTIONS,
  FLAG_LABELS,
  ISSUE_LABELS,
  LIST_SEPARATOR,
  NEW_CLIENT,
  OUTPUT_HEADERS,
  QUADRANT_LABELS,
  QUADRANT_STRATEGIES,
  RISK_LABELS,
  STAGE_LABELS,
  UNCHANGED,
  type OutputColumn,
} from './i18n/labels';
import { isChinese, toTraditional } from './i18n/traditional';
import type { AnalysisResult, FlagHit, Locale, RowIssue, RowResult, StageReason } from './types';

const BANK_EXIT = new Set(['LOAN_ADVERSE', 'LOW_RATING']);

export function hasPreviousPeriod(result: AnalysisResult): boolean {
  return result.summary.migration !== null;
}

/** The output columns in order; the previous-period pair only when a previous period is known. */
export function outputColumns(result: AnalysisResult): OutputColumn[] {
  const cols: OutputColumn[] = ['share', 'loyalty', 'quadrant', 'stage', 'risk', 'flags', 'churnType', 'priority', 'action'];
  if (hasPreviousPeriod(result)) cols.push('previousQuadrant', 'quadrantChange');
  cols.push('issues');
  return cols;
}

export function outputHeaders(result: AnalysisResult, locale: Locale): string[] {
  return outputColumns(result).map((c) => OUTPUT_HEADERS[c][locale]);
}

/** The recommended action (§10): strategy; first flag's action; exit review for bank-exit flags. */
export function actionText(row: RowResult, locale: Locale): string {
  const parts = [QUADRANT_STRATEGIES[row.quadrant][locale]];
  const first = row.flagHits[0];
  if (first) parts.push(FLAG_ACTIONS[first.code][locale]);
  const review = EXIT_REVIEW[locale];
  if (row.flagHits.some((h) => BANK_EXIT.has(h.code)) && !parts.includes(review)) parts.push(review);
  return parts.join(ACTION_SEPARATOR[locale]);
}

/** "忠诚客户 → 问题客户2", "—" when unchanged, "新增" / "New" when there was none. */
export function changeText(row: RowResult, locale: Locale): string {
  if (row.previousQuadrant === null) return NEW_CLIENT[locale];
  if (row.previousQuadrant === row.quadrant) return UNCHANGED;
  return `${QUADRANT_LABELS[row.previousQuadrant][locale]} → ${QUADRANT_LABELS[row.quadrant][locale]}`;
}

const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;

/** A reason written in zh-CN or en-US, in the locale: zh-TW converts it (reasons quote only numbers). */
const reasonIn = (locale: Locale, text: string) => (locale === 'zh-TW' ? toTraditional(text) : text);

/** A flag's reason, quoting its number (§9). */
export function flagReason(hit: FlagHit, locale: Locale): string {
  return reasonIn(locale, flagReasonText(hit, isChinese(locale)));
}

function flagReasonText(hit: FlagHit, zh: boolean): string {
  const v = hit.value ?? 0;
  switch (hit.code) {
    case 'BALANCE_DROP':
      return zh ? `业务量较上期下降 ${pct(v)}` : `Volume down ${pct(v)} on the previous period`;
    case 'ACTIVITY_DROP':
      return zh ? `交易次数较上期下降 ${pct(v)}` : `Transactions down ${pct(v)} on the previous period`;
    case 'DORMANT':
      return zh ? `已 ${v} 天无交易` : `No transaction for ${v} days`;
    case 'PRODUCT_LOSS':
      return zh ? `持有产品减少 ${v} 个` : `${v} product(s) fewer than last period`;
    case 'COMPLAINT':
      return zh ? `本期投诉 ${v} 次` : `${v} complaint(s) this period`;
    case 'NO_CONTACT':
      return zh ? `已 ${v} 天未联系` : `No contact for ${v} days`;
    case 'COMPETITOR_OFFER':
      return zh ? '他行正在营销该客户' : 'A competitor is courting the client';
    case 'LARGE_DISLOYAL':
      return zh ? '业务份额高而忠诚度低' : 'High share of business but low loyalty';
    case 'QUADRANT_DOWN':
      return zh ? '客户象限较上期下滑' : 'The quadrant worsened since last period';
    case 'LOAN_ADVERSE':
      return zh ? '贷款五级分类为不良（次级/可疑/损失）' : 'Loan classed substandard, doubtful or loss';
    case 'LOW_RATING':
      return zh ? '信用评级低于下限' : 'Credit rating below the floor';
  }
}

/** The stage's reason, naming the rule and its number (§8). */
export function stageReasonText(reason: StageReason, locale: Locale): string {
  return reasonIn(locale, stageReasonZhEn(reason, isChinese(locale)));
}

function stageReasonZhEn(reason: StageReason, zh: boolean): string {
  const v = reason.value ?? 0;
  const years = (y: number) => (Math.round(y * 10) / 10).toString();
  switch (reason.rule) {
    case 'STATUS_CLOSED':
      return zh ? '客户状态为销户/流失' : 'Status says closed';
    case 'ZERO_AFTER_PREV':
      return zh ? '业务量降为 0（上期有业务）' : 'Volume fell to 0 (there was business last period)';
    case 'ZERO_IDLE':
      return zh ? `业务量为 0 且 ${v} 天无交易` : `Volume 0 and no transaction for ${v} days`;
    case 'STATUS_PROSPECT':
      return zh ? '客户状态为潜在/意向' : 'Status says prospect';
    case 'NO_BUSINESS':
      return zh ? '尚无业务' : 'No business yet';
    case 'NEW_RELATIONSHIP':
      return zh ? `合作 ${years(v)} 年，不足 1 年` : `Client for ${years(v)} years (under 1)`;
    case 'VOLUME_DOWN':
      return zh ? `业务量较上期下降 ${pct(v)}` : `Volume down ${pct(v)} on the previous period`;
    case 'TXN_DOWN':
      return zh ? `交易次数较上期下降 ${pct(v)}` : `Transactions down ${pct(v)} on the previous period`;
    case 'PRODUCTS_DOWN':
      return zh ? '持有产品减少' : 'Fewer products than last period';
    case 'IDLE':
      return zh ? `已 ${v} 天无交易` : `No transaction for ${v} days`;
    case 'VOLUME_UP':
      return zh ? `业务量较上期增长 ${pct(v)}` : `Volume up ${pct(v)} on the previous period`;
    case 'TXN_UP':
      return zh ? `交易次数较上期增长 ${pct(v)}` : `Transactions up ${pct(v)} on the previous period`;
    case 'PRODUCTS_UP':
      return zh ? '持有产品增加' : 'More products than last period';
    case 'STABLE_TREND':
      return zh ? '业务平稳' : 'Business stable';
    case 'LONG_TENURE':
      return zh ? `合作 ${years(v)} 年` : `Client for ${years(v)} years`;
    case 'MID_TENURE':
      return zh ? `合作 ${years(v)} 年（1–3 年）` : `Client for ${years(v)} years (1–3)`;
    case 'NO_DATA':
      return zh ? '缺少趋势和合作年限数据' : 'No trend or tenure data';
  }
}

/** One issue in words: where, what, and the raw value. */
export function issueText(issue: RowIssue, locale: Locale): string {
  const what = ISSUE_LABELS[issue.code][locale];
  const where = issue.column ?? (issue.field ? FIELD_LABELS[issue.field][locale] : '');
  const raw = issue.value === null || issue.value === '' ? '' : isChinese(locale) ? `（${issue.value}）` : ` (${issue.value})`;
  if (!where) return `${what}${raw}`;
  return isChinese(locale) ? `${where}：${what}${raw}` : `${where}: ${what}${raw}`;
}

/** The row's output cells, aligned with outputColumns(result). Plain values only. */
export function outputCells(row: RowResult, result: AnalysisResult, locale: Locale): (string | number)[] {
  return outputCellMaker(result, locale)(row);
}

/**
 * outputCells for many rows of one result (a million-row file): the columns are decided once,
 * and the action text, which depends only on the quadrant and the flags, is made once for each
 * combination (a handful in a whole table) rather than joined again for every row.
 */
export function outputCellMaker(result: AnalysisResult, locale: Locale): (row: RowResult, into?: (string | number)[]) => (string | number)[] {
  return outputCellMakerOf(outputColumns(result), locale);
}

/**
 * outputCellMaker for these output columns (a result's outputColumns), where the result itself is
 * not at hand (the command line's tail worker has the rows' values only).
 */
export function outputCellMakerOf(cols: readonly OutputColumn[], locale: Locale): (row: RowResult, into?: (string | number)[]) => (string | number)[] {
  const sep = LIST_SEPARATOR[locale];
  const issueSep = isChinese(locale) ? '；' : '; ';
  // Quadrant → first flag ('' for none) → [without, with] a bank-exit flag.
  const actions = new Map<string, Map<string, (string | undefined)[]>>();
  const action = (row: RowResult): string => {
    const hits = row.flagHits;
    let exit = 0;
    for (let k = 0; k < hits.length; k++) if (BANK_EXIT.has(hits[k].code)) exit = 1;
    let byFlag = actions.get(row.quadrant);
    if (!byFlag) actions.set(row.quadrant, (byFlag = new Map()));
    const first = hits.length ? hits[0].code : '';
    let texts = byFlag.get(first);
    if (!texts) byFlag.set(first, (texts = []));
    return (texts[exit] ??= actionText(row, locale));
  };
  // The flags' text and the quadrant change are made once per combination too (no join per row).
  interface FlagNode {
    text?: string;
    next: Map<string, FlagNode>;
  }
  const flagTexts: FlagNode = { next: new Map() };
  const flagsText = (flags: RowResult['flags']): string => {
    let node = flagTexts;
    for (let k = 0; k < flags.length; k++) {
      let child = node.next.get(flags[k]);
      if (!child) node.next.set(flags[k], (child = { next: new Map() }));
      node = child;
    }
    return (node.text ??= flags.map((f) => FLAG_LABELS[f][locale]).join(sep));
  };
  const changes = new Map<string, Map<string, string>>();
  const change = (row: RowResult): string => {
    let byNow = changes.get(row.previousQuadrant ?? '');
    if (!byNow) changes.set(row.previousQuadrant ?? '', (byNow = new Map()));
    let text = byNow.get(row.quadrant);
    if (text === undefined) byNow.set(row.quadrant, (text = changeText(row, locale)));
    return text;
  };
  // `into`: an array to fill again (a writer that uses the cells at once makes no array per row).
  return (row, into) => {
    const out = into ?? new Array<string | number>(cols.length);
    for (let k = 0; k < cols.length; k++) {
      switch (cols[k]) {
        case 'share':
          out[k] = row.share ?? '';
          break;
        case 'loyalty':
          out[k] = row.loyalty ?? '';
          break;
        case 'quadrant':
          out[k] = QUADRANT_LABELS[row.quadrant][locale];
          break;
        case 'stage':
          out[k] = STAGE_LABELS[row.stage][locale];
          break;
        case 'risk':
          out[k] = RISK_LABELS[row.risk][locale];
          break;
        case 'flags':
          out[k] = row.flags.length === 0 ? '' : row.flags.length === 1 ? FLAG_LABELS[row.flags[0]][locale] : flagsText(row.flags);
          break;
        case 'churnType':
          out[k] = row.churnType ? CHURN_LABELS[row.churnType][locale] : '';
          break;
        case 'priority':
          out[k] = row.priority ?? '';
          break;
        case 'action':
          out[k] = action(row);
          break;
        case 'previousQuadrant':
          out[k] = row.previousQuadrant ? QUADRANT_LABELS[row.previousQuadrant][locale] : '';
          break;
        case 'quadrantChange':
          out[k] = change(row);
          break;
        case 'issues':
          out[k] = row.issues.length === 0 ? '' : row.issues.map((i) => issueText(i, locale)).join(issueSep);
          break;
      }
    }
    return out;
  };
}

/**
 * Rows whose points get a client-name label on the matrix chart (workbook.md): the top 10 by
 * share and every HIGH-risk client; exited clients are not on the chart. Indexes into result.rows.
 */
export function chartLabelRows(result: AnalysisResult, top = 10): number[] {
  const onChart = (r: RowResult) => r.risk !== 'EXITED' && r.share !== null && r.loyalty !== null;
  const byShare = result.rows
    .map((r, i) => i)
    .filter((i) => onChart(result.rows[i]))
    .sort((a, b) => (result.rows[b].share ?? 0) - (result.rows[a].share ?? 0) || a - b)
    .slice(0, top);
  const picked = new Set(byShare);
  result.rows.forEach((r, i) => {
    if (onChart(r) && r.risk === 'HIGH') picked.add(i);
  });
  return [...picked].sort((a, b) => a - b);
}

/**
 * The number format of the share axis (both charts: the add-in's and the command line's). A
 * logarithmic axis ticks at powers of ten: no decimals down to 1%, then only as many as each tick
 * needs (a single format would print 0.001% as "0.00%"), with Excel's conditional sections. A
 * linear axis gets enough decimals that its smallest step does not print as 0%.
 */
export function shareAxisFormat(log: boolean, min: number, step: number): string {
  if (log) return min >= 0.01 ? '0%' : min >= 0.001 ? '[>=0.01]0%;0.0%' : `[>=0.01]0%;[>=0.001]0.0%;${percentFormat(min)}`;
  return percentFormat(step);
}

function percentFormat(smallest: number): string {
  const decimals = smallest > 0 ? Math.max(0, Math.min(6, -Math.floor(Math.log10(smallest * 100) + 1e-9))) : 2;
  return decimals === 0 ? '0%' : `0.${'0'.repeat(decimals)}%`;
}
