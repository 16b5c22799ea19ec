/**
 * --format table: a summary for a terminal in the user's language — how the cuts were made,
 * the loyalty components, counts and volume per quadrant, stage and risk, data issues, and the
 * clients to call first.
 */
import {
  isChinese,
  COMPONENTS,
  FLAGS,
  ISSUE_CODES,
  QUADRANTS,
  RISKS,
  STAGES,
  actionText,
  flagReason,
  labels,
  parseCutMode,
  type AnalysisResult,
  type Locale,
  type RowResult,
  type RuleOff,
} from '../domain';
import { msg } from './messages';

const TOP = 10;

/** Columns a character takes in a terminal: 2 for East Asian wide and full-width characters. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;

/** Rows of cells as aligned text; numeric columns (by index) are right-aligned. */
function grid(rows: string[][], numeric: ReadonlySet<number>): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) => '  ' + r.map((c, i) => (numeric.has(i) ? padStart(c, widths[i]) : padEnd(c, widths[i]))).join('  ').trimEnd());
}

function howCut(mode: string, locale: Locale): string {
  const m = parseCutMode(mode, 'share');
  if ('problemEn' in m) return mode;
  switch (m.kind) {
    case 'pareto':
      return msg(locale, 'howPareto', { p: `${Math.round(m.p * 1000) / 10}%` });
    case 'median':
      return msg(locale, 'howMedian');
    case 'mean':
      return msg(locale, 'howMean');
    case 'quantile':
      return msg(locale, 'howQuantile', { q: m.q });
    case 'fixed':
      return msg(locale, 'howFixed');
  }
}

function ruleText(rule: RuleOff, locale: Locale): string {
  const names: Record<string, Parameters<typeof msg>[1]> = {
    LOYALTY: 'ruleLoyalty',
    LIFECYCLE_TREND: 'ruleLifecycleTrend',
    TENURE: 'ruleTenure',
    MIGRATION: 'ruleMigration',
    CHURN_KEYWORDS: 'ruleChurnKeywords',
  };
  const label = (FLAGS as readonly string[]).includes(rule.rule)
    ? labels.FLAG_LABELS[rule.rule as (typeof FLAGS)[number]][locale]
    : msg(locale, names[rule.rule] ?? 'ruleLoyalty');
  const fields = rule.missing.map((f) => labels.FIELD_LABELS[f][locale]).join('/');
  return msg(locale, 'ruleMissing', { rule: label, fields });
}

function clientText(r: RowResult, locale: Locale): string {
  const parts = [r.clientId, r.clientName].filter((p): p is string => p !== null && p !== '');
  return parts.length ? parts.join(' ') : msg(locale, 'unnamedClient', { row: r.row });
}

export function formatTable(result: AnalysisResult, file: string, locale: Locale, cutsReusedFrom: string | null = null): string {
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const s = result.summary;
  const out: string[] = [];
  const title = msg(locale, 'tableTitle', { file });
  out.push(title, '='.repeat(Math.min(displayWidth(title), 72)));

  const source = { config: 'asOfConfig', data: 'asOfData', today: 'asOfToday' } as const;
  out.push(msg(locale, 'asOf', { date: result.asOf, source: msg(locale, source[result.asOfSource]) }));
  out.push(msg(locale, 'rowsAnalysed', { count: num.format(s.rowCount), skipped: s.skippedEmptyRows }));
  out.push(msg(locale, 'totalVolume', { volume: num.format(s.totalVolume) }));

  const { share, loyalty } = result.cuts;
  const none = msg(locale, 'cutNone');
  out.push(msg(locale, 'shareCut', { value: share.value === null ? none : pct(share.value), mode: share.mode, how: howCut(share.mode, locale) }));
  out.push(
    msg(locale, 'loyaltyCut', { value: loyalty.value === null ? none : loyalty.value.toFixed(1), mode: loyalty.mode, how: howCut(loyalty.mode, locale) }),
  );
  if (cutsReusedFrom !== null) out.push(msg(locale, 'cutsReused', { source: cutsReusedFrom }));
  if (result.loyaltySource === 'score') {
    out.push(msg(locale, 'loyaltyFromScore', { column: result.mapping.loyalty_score?.[0] ?? '' }));
  } else if (result.components.length) {
    const list = COMPONENTS.filter((c) => result.components.includes(c))
      .map((c) => `${labels.COMPONENT_LABELS[c][locale]} ×${num.format(result.weights[c] ?? 1)}`)
      .join(isChinese(locale) ? '、' : ', ');
    out.push(msg(locale, 'loyaltyFromComponents', { list }));
  } else {
    out.push(msg(locale, 'noComponents'));
  }
  if (result.previousMatch) {
    const m = result.previousMatch;
    out.push(
      msg(locale, 'previousMatch', {
        source: m.source,
        byId: m.matchedById,
        byName: m.matchedByName,
        appeared: m.appeared.length,
        disappeared: m.disappeared.length,
      }),
    );
  }

  const total = s.totalVolume;
  out.push('');
  const qRows = [[msg(locale, 'headQuadrant'), msg(locale, 'headClients'), msg(locale, 'headVolume'), msg(locale, 'headVolumeShare')]];
  for (const q of QUADRANTS) {
    const t = s.quadrants[q];
    if (!t && q === 'INSUFFICIENT_DATA') continue;
    const count = t?.count ?? 0;
    const volume = t?.volume ?? 0;
    qRows.push([labels.QUADRANT_LABELS[q][locale], num.format(count), num.format(volume), total > 0 ? pct(volume / total) : '—']);
  }
  out.push(...grid(qRows, new Set([1, 2, 3])));

  out.push('');
  const sRows = [[msg(locale, 'headStage'), msg(locale, 'headClients')]];
  for (const st of STAGES) if (s.stages[st]) sRows.push([labels.STAGE_LABELS[st][locale], num.format(s.stages[st] ?? 0)]);
  out.push(...grid(sRows, new Set([1])));

  out.push('');
  const rRows = [[msg(locale, 'headRisk'), msg(locale, 'headClients')]];
  for (const r of RISKS) if (s.risks[r]) rRows.push([labels.RISK_LABELS[r][locale], num.format(s.risks[r] ?? 0)]);
  out.push(...grid(rRows, new Set([1])));

  if (s.migration) {
    out.push('', msg(locale, 'headMigration'));
    const present = QUADRANTS.filter((q) => s.migration?.[q] || QUADRANTS.some((p) => s.migration?.[p]?.[q]));
    const mRows = [['', ...present.map((q) => labels.QUADRANT_LABELS[q][locale])]];
    for (const p of present) mRows.push([labels.QUADRANT_LABELS[p][locale], ...present.map((q) => num.format(s.migration?.[p]?.[q] ?? 0))]);
    out.push(...grid(mRows, new Set(present.map((_, i) => i + 1))));
  }

  out.push('');
  const issues = ISSUE_CODES.filter((c) => s.issues[c]);
  if (issues.length === 0) out.push(msg(locale, 'noIssues'));
  else {
    const iRows = [[msg(locale, 'headIssues'), msg(locale, 'headCount')]];
    for (const c of issues) iRows.push([labels.ISSUE_LABELS[c][locale], num.format(s.issues[c] ?? 0)]);
    out.push(...grid(iRows, new Set([1])));
  }
  if (s.rulesOff.length) {
    out.push(msg(locale, 'rulesOff', { list: s.rulesOff.map((r) => ruleText(r, locale)).join(isChinese(locale) ? '；' : '; ') }));
  }

  out.push('');
  const ranked = result.rows.filter((r) => r.priority !== null).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  if (ranked.length === 0) out.push(msg(locale, 'noPriorities'));
  else {
    out.push(msg(locale, 'headPriorities', { n: Math.min(TOP, ranked.length), total: ranked.length }));
    const sep = isChinese(locale) ? '、' : ', ';
    for (const r of ranked.slice(0, TOP)) {
      const flags = r.flagHits
        .map((h) => `${labels.FLAG_LABELS[h.code][locale]}${isChinese(locale) ? `（${flagReason(h, locale)}）` : ` (${flagReason(h, locale)})`}`)
        .join(sep);
      const head = `${padStart(String(r.priority), 4)}. ${clientText(r, locale)} · ${msg(locale, 'headRisk')} ${labels.RISK_LABELS[r.risk][locale]}`;
      out.push(flags ? `${head} · ${flags}` : head);
      out.push(`      ${msg(locale, 'priorityAction', { action: actionText(r, locale) })}`);
    }
  }
  return out.join('\n') + '\n';
}
