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
const CHURN_ORDER: Readonly<Record<ChurnType, number>> = { NATURAL: 0, COMPETITIVE: 1, NEGLIGENT: 2, UNDETERMINED: 3 };
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

/** LOYAL→PROBLEM_2, LOYAL→GENERAL and PROBLEM_1→GENERAL are downgrades (QUADRANT_DOWN). */
function isDowngrade(from: Quadrant, to: Quadrant): boolean {
  return (from === 'LOYAL' && (to === 'PROBLEM_2' || to === 'GENERAL')) || (from === 'PROBLEM_1' && to === 'GENERAL');
}

function hit(code: FlagCode, severity: Severity, value: number | null): FlagHit {
  return { code, severity, value };
}

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
  // Plain pushes (no helper closure): this runs once per row of up to a million.
  const hits: FlagHit[] = [];
  if (x.dVol <= t.balanceDrop) hits.push(hit('BALANCE_DROP', x.dVol <= t.balanceDropHigh ? 'HIGH' : 'MEDIUM', x.dVol));
  if (x.dTxn <= t.activityDrop) hits.push(hit('ACTIVITY_DROP', 'MEDIUM', x.dTxn));
  if (x.idle >= t.dormantDays) hits.push(hit('DORMANT', x.idle >= t.dormantDaysHigh ? 'HIGH' : 'MEDIUM', x.idle));
  if (x.products < x.productsPrev) hits.push(hit('PRODUCT_LOSS', 'MEDIUM', x.productsPrev - x.products));
  if (x.complaints >= 1) hits.push(hit('COMPLAINT', x.complaints >= t.complaintsHigh ? 'HIGH' : 'MEDIUM', x.complaints));
  if (x.sinceContact >= (x.highShare ? t.noContactDaysLarge : t.noContactDays)) {
    hits.push(hit('NO_CONTACT', 'LOW', x.sinceContact));
  }
  if (x.competitorOffer) hits.push(hit('COMPETITOR_OFFER', x.highShare ? 'HIGH' : 'MEDIUM', null));
  if (x.quadrant === 'PROBLEM_2') hits.push(hit('LARGE_DISLOYAL', 'LOW', null));
  if (x.previousQuadrant && isDowngrade(x.previousQuadrant, x.quadrant)) hits.push(hit('QUADRANT_DOWN', 'MEDIUM', null));
  if (x.loanAdverse) hits.push(hit('LOAN_ADVERSE', 'HIGH', null));
  if (x.letterRating < ratingFloor) hits.push(hit('LOW_RATING', 'MEDIUM', x.letterRating));
  // A stable insertion sort by severity (highest first; equal severities keep table order): rows
  // have a few flags, and Array.prototype.sort's set-up cost dominated at a million rows.
  for (let k = 1; k < hits.length; k++) {
    const h = hits[k];
    const s = SEVERITY_RANK[h.severity];
    let j = k - 1;
    while (j >= 0 && SEVERITY_RANK[hits[j].severity] < s) {
      hits[j + 1] = hits[j];
      j--;
    }
    hits[j + 1] = h;
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

const keywordMemo = new Map<string, ChurnType | null>();

/** The keyword type of a (repeated) text, memoised: status texts repeat across a portfolio. */
function keywordType(text: string | null): ChurnType | null {
  if (text === null) return null;
  let type = keywordMemo.get(text);
  if (type === undefined) {
    type = churnTypeByKeyword(text);
    if (keywordMemo.size > 50000) keywordMemo.clear();
    keywordMemo.set(text, type);
  }
  return type;
}

/** Churn type (§9) for a row whose risk is not NONE. */
export function churnType(
  risk: Risk,
  hits: readonly FlagHit[],
  exitReason: string | null,
  status: string | null,
): ChurnType | null {
  if (risk === 'NONE') return null;
  const a = keywordType(exitReason);
  const b = keywordType(status);
  // The first keyword in list order wins across both texts.
  if (a && b) return CHURN_ORDER[a] <= CHURN_ORDER[b] ? a : b;
  if (a || b) return a ?? b;
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
