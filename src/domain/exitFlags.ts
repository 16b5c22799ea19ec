/** Exit flags, exit risk and churn type of analysis.md §9. */
import type { ChurnType, FlagCode, FlagHit, Quadrant, Risk, Severity, Stage, Thresholds } from './types';
import type { RowEvidence } from './lifecycle';

export const BANK_EXIT_FLAGS: ReadonlySet<FlagCode> = new Set<FlagCode>(['LOAN_ADVERSE', 'LOW_RATING']);
const FLAG_CHURN: Partial<Record<FlagCode, ChurnType>> = {
  BALANCE_DROP: 'COMPETITIVE',
  COMPLAINT: 'NEGLIGENT',
  NO_CONTACT: 'NEGLIGENT',
  COMPETITOR_OFFER: 'COMPETITIVE',
};
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

const DOWNGRADES: ReadonlySet<string> = new Set(['LOYAL>PROBLEM_2', 'LOYAL>GENERAL', 'PROBLEM_1>GENERAL']);

export interface FlagInputs extends RowEvidence {
  complaints: number;
  /** Days since the last contact. */
  sinceContact: number;
  highShare: boolean;
  competitorOffer: boolean;
  quadrant: Quadrant;
  previousQuadrant: Quadrant | null;
  loanAdverse: boolean;
  /** Ordinal of a letter-grade rating, NaN otherwise. */
  letterRating: number;
}

/** The flags that hold, by severity (highest first), then in §9 table order. */
export function exitFlags(x: FlagInputs, t: Thresholds, ratingFloor: number): FlagHit[] {
  const hits: FlagHit[] = [];
  const add = (code: FlagCode, severity: Severity, value: number | null) => hits.push({ code, severity, value });
  if (x.dVol <= t.balanceDrop) add('BALANCE_DROP', x.dVol <= t.balanceDropHigh ? 'HIGH' : 'MEDIUM', x.dVol);
  if (x.dTxn <= t.activityDrop) add('ACTIVITY_DROP', 'MEDIUM', x.dTxn);
  if (x.idle >= t.dormantDays) add('DORMANT', x.idle >= t.dormantDaysHigh ? 'HIGH' : 'MEDIUM', x.idle);
  if (x.products < x.productsPrev) add('PRODUCT_LOSS', 'MEDIUM', x.productsPrev - x.products);
  if (x.complaints >= 1) add('COMPLAINT', x.complaints >= t.complaintsHigh ? 'HIGH' : 'MEDIUM', x.complaints);
  if (x.sinceContact >= (x.highShare ? t.noContactDaysLarge : t.noContactDays)) add('NO_CONTACT', 'LOW', x.sinceContact);
  if (x.competitorOffer) add('COMPETITOR_OFFER', x.highShare ? 'HIGH' : 'MEDIUM', null);
  if (x.quadrant === 'PROBLEM_2') add('LARGE_DISLOYAL', 'LOW', null);
  if (x.previousQuadrant && DOWNGRADES.has(`${x.previousQuadrant}>${x.quadrant}`)) add('QUADRANT_DOWN', 'MEDIUM', null);
  if (x.loanAdverse) add('LOAN_ADVERSE', 'HIGH', null);
  if (x.letterRating < ratingFloor) add('LOW_RATING', 'MEDIUM', x.letterRating);
  if (hits.length > 1) {
    // Array.prototype.sort is stable, so equal severities keep table order.
    hits.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  }
  return hits;
}

/** Exit risk: EXITED for TERMINATED; HIGH for any HIGH churn flag or two MEDIUM+; else the highest. */
export function exitRisk(stage: Stage, hits: readonly FlagHit[]): Risk {
  if (stage === 'TERMINATED') return 'EXITED';
  let highest = 0;
  let mediumOrMore = 0;
  for (const h of hits) {
    if (BANK_EXIT_FLAGS.has(h.code)) continue;
    const s = SEVERITY_RANK[h.severity];
    if (s > highest) highest = s;
    if (s >= 2) mediumOrMore++;
  }
  if (highest === 3 || mediumOrMore >= 2) return 'HIGH';
  return highest === 2 ? 'MEDIUM' : highest === 1 ? 'LOW' : 'NONE';
}

const KEYWORDS: readonly [string, ChurnType][] = [
  ...['搬迁', '迁居', '迁出', '退休', '去世', '身故', '破产', '倒闭', '注销企业', '移民', 'relocat', 'retire', 'deceas', 'bankrupt'].map(
    (k) => [k, 'NATURAL'] as [string, ChurnType],
  ),
  ...['他行', '竞争', '利率', '收益', '价格', '报价', 'competitor', 'rate', 'price', 'yield'].map(
    (k) => [k, 'COMPETITIVE'] as [string, ChurnType],
  ),
  ...['投诉', '服务', '失误', '不满', '态度', 'complaint', 'service', 'error', 'mistake'].map(
    (k) => [k, 'NEGLIGENT'] as [string, ChurnType],
  ),
];

/** The churn type a text names by keyword (first keyword in list order), or null. */
export function churnTypeByKeyword(text: string): ChurnType | null {
  const s = text.toLowerCase();
  for (const [k, type] of KEYWORDS) if (s.includes(k)) return type;
  return null;
}

/** Churn type (§9) for a row whose risk is not NONE. */
export function churnType(risk: Risk, hits: readonly FlagHit[], texts: readonly (string | null)[]): ChurnType | null {
  if (risk === 'NONE') return null;
  const text = texts.filter((s): s is string => s !== null).join(' ');
  if (text) {
    const byWord = churnTypeByKeyword(text);
    if (byWord) return byWord;
  }
  let competitive = 0;
  let negligent = 0;
  for (const h of hits) {
    const type = FLAG_CHURN[h.code];
    if (type === 'COMPETITIVE') competitive += SEVERITY_RANK[h.severity];
    else if (type === 'NEGLIGENT') negligent += SEVERITY_RANK[h.severity];
  }
  if (negligent === 0 && competitive === 0) return 'UNDETERMINED';
  return negligent >= competitive ? 'NEGLIGENT' : 'COMPETITIVE';
}
