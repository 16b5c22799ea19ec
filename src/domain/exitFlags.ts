/** Exit flags, exit risk and churn type of analysis.md §9. */
import { CHURN_TYPES, FLAGS, RISKS, type ChurnType, type FlagCode, type FlagHit, type Quadrant, type Risk, type Severity, type Stage, type Thresholds } from './types';
import type { RowEvidence } from './lifecycle';
import { foldTraditional } from './i18n/traditional';

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

/**
 * One row's flags as collected by collectFlags: a scratch record refilled for every row, so that
 * a million rows allocate nothing but the list they keep.
 */
export interface FlagScratch {
  /** The flags that hold, sorted as exitFlags returns them; only the first `count` count. */
  hits: FlagHit[];
  severities: Uint8Array;
  /** The id of each hit in the table of shared hits (see add), in the order found (not sorted); −1 for a hit of its own. */
  ids: Int32Array;
  count: number;
  /** How many of the hits are objects of their own (not shared). */
  own: number;
  /** Identifies the codes and severities held (hence the order of the list): Σ severity × 4^index. */
  key: number;
  /** Highest severity among churn flags (0: none) and how many of them are MEDIUM or higher. */
  churnHighest: number;
  churnMediumOrMore: number;
  /** Total severity of the COMPETITIVE and of the NEGLIGENT churn flags. */
  competitive: number;
  negligent: number;
}

export function flagScratch(): FlagScratch {
  return {
    hits: new Array<FlagHit>(FLAGS.length).fill(NO_HIT),
    severities: new Uint8Array(FLAGS.length),
    ids: new Int32Array(FLAGS.length),
    count: 0,
    own: 0,
    key: 0,
    churnHighest: 0,
    churnMediumOrMore: 0,
    competitive: 0,
    negligent: 0,
  };
}

const NO_HIT: FlagHit = Object.freeze({ code: 'BALANCE_DROP', severity: 'LOW', value: null });
const SEVERITY_OF: readonly Severity[] = ['LOW', 'LOW', 'MEDIUM', 'HIGH'];
const POW4 = FLAGS.map((_, i) => 4 ** i);
const CHURN_NONE = 0;
const CHURN_COMPETITIVE = 1;
const CHURN_NEGLIGENT = 2;
const CHURN_BANK_EXIT = 3;

/**
 * Flag hits are shared when their number is null or a small whole number (days, counts, grades):
 * most hits are, and a million rows would otherwise keep two or three objects each. Keyed by
 * code, severity and value, so one table serves every run.
 */
const SMALL_LIMIT = 4096;
const SHARED_HITS: (FlagHit[] | undefined)[] = new Array(FLAGS.length * 4);

function add(s: FlagScratch, index: number, severity: number, value: number | null, churn: number): void {
  const k = s.count++;
  // Slot SMALL_LIMIT is the null value; −1: a number of its own (not a whole number in [0, 4096), or −0).
  const slot =
    value === null
      ? SMALL_LIMIT
      : value >= 0 && value < SMALL_LIMIT && (value | 0) === value && (value !== 0 || 1 / value > 0)
        ? value
        : -1;
  if (slot === -1) {
    s.hits[k] = { code: FLAGS[index], severity: SEVERITY_OF[severity], value };
    s.ids[k] = -1;
    s.own++;
  } else {
    const hits = (SHARED_HITS[index * 4 + severity] ??= new Array<FlagHit>(SMALL_LIMIT + 1));
    s.hits[k] = hits[slot] ??= Object.freeze({ code: FLAGS[index], severity: SEVERITY_OF[severity], value }) as FlagHit;
    s.ids[k] = (index * 4 + severity) * (SMALL_LIMIT + 1) + slot;
  }
  s.severities[k] = severity;
  s.key += severity * POW4[index];
  if (churn === CHURN_BANK_EXIT) return;
  if (severity > s.churnHighest) s.churnHighest = severity;
  if (severity >= 2) s.churnMediumOrMore++;
  if (churn === CHURN_COMPETITIVE) s.competitive += severity;
  else if (churn === CHURN_NEGLIGENT) s.negligent += severity;
}

/**
 * The flags that hold into `s`, by severity (highest first), then in §9 table order. The
 * indexes are those of FLAGS; severities 1 LOW, 2 MEDIUM, 3 HIGH.
 */
export function collectFlags(x: FlagInputs, t: Thresholds, ratingFloor: number, s: FlagScratch): void {
  s.count = 0;
  s.own = 0;
  s.key = 0;
  s.churnHighest = 0;
  s.churnMediumOrMore = 0;
  s.competitive = 0;
  s.negligent = 0;
  if (x.dVol <= t.balanceDrop) add(s, 0, x.dVol <= t.balanceDropHigh ? 3 : 2, x.dVol, CHURN_COMPETITIVE);
  if (x.dTxn <= t.activityDrop) add(s, 1, 2, x.dTxn, CHURN_NONE);
  if (x.idle >= t.dormantDays) add(s, 2, x.idle >= t.dormantDaysHigh ? 3 : 2, x.idle, CHURN_NONE);
  if (x.products < x.productsPrev) add(s, 3, 2, x.productsPrev - x.products, CHURN_NONE);
  if (x.complaints >= 1) add(s, 4, x.complaints >= t.complaintsHigh ? 3 : 2, x.complaints, CHURN_NEGLIGENT);
  if (x.sinceContact >= (x.highShare ? t.noContactDaysLarge : t.noContactDays)) add(s, 5, 1, x.sinceContact, CHURN_NEGLIGENT);
  if (x.competitorOffer) add(s, 6, x.highShare ? 3 : 2, null, CHURN_COMPETITIVE);
  if (x.quadrant === 'PROBLEM_2') add(s, 7, 1, null, CHURN_NONE);
  if (x.previousQuadrant && isDowngrade(x.previousQuadrant, x.quadrant)) add(s, 8, 2, null, CHURN_NONE);
  if (x.loanAdverse) add(s, 9, 3, null, CHURN_BANK_EXIT);
  if (x.letterRating < ratingFloor) add(s, 10, 2, x.letterRating, CHURN_BANK_EXIT);
  // A stable insertion sort by severity (highest first; equal severities keep table order): rows
  // have a few flags, and Array.prototype.sort's set-up cost dominated at a million rows.
  const { hits, severities } = s;
  for (let k = 1; k < s.count; k++) {
    const h = hits[k];
    const sev = severities[k];
    let j = k - 1;
    while (j >= 0 && severities[j] < sev) {
      hits[j + 1] = hits[j];
      severities[j + 1] = severities[j];
      j--;
    }
    hits[j + 1] = h;
    severities[j + 1] = sev;
  }
}

/** The flags that hold, by severity (highest first), then in §9 table order. */
export function exitFlags(x: FlagInputs, t: Thresholds, ratingFloor: number): FlagHit[] {
  const s = flagScratch();
  collectFlags(x, t, ratingFloor, s);
  return s.hits.slice(0, s.count);
}

export const NO_HITS = Object.freeze([]) as unknown as FlagHit[];
export const NO_FLAGS = Object.freeze([]) as unknown as FlagCode[];

/**
 * Flag lists are shared between rows with the same flags at the same severities (which decide
 * their order): a million rows then hold a few dozen arrays rather than a million. Keyed by the
 * FlagScratch key.
 */
const FLAG_LISTS = new Map<number, FlagCode[]>();

export function flagList(key: number, hits: readonly FlagHit[]): FlagCode[] {
  let list = FLAG_LISTS.get(key);
  if (!list) FLAG_LISTS.set(key, (list = Object.freeze(hits.map((h) => h.code)) as FlagCode[]));
  return list;
}

/**
 * The key of the flags collected in `s` (their flag list is kept under it: flagListOfKey). Made
 * from the hits the first time the key comes.
 */
export function flagKeyOf(s: FlagScratch): number {
  const key = s.key;
  if (!FLAG_LISTS.has(key)) flagList(key, s.hits.slice(0, s.count));
  return key;
}

/** The flag list kept under `key` by flagList or flagKeyOf. */
export function flagListOfKey(key: number): FlagCode[] {
  const list = FLAG_LISTS.get(key);
  if (!list) throw new Error(`no flag list has the key ${key}`);
  return list;
}

/**
 * The list of the hits collected in `s` for the row's result: a list of one shared hit is itself
 * shared (see SINGLE_LISTS); other rows get a list of their own.
 */
export function hitList(s: FlagScratch): FlagHit[] {
  if (s.count === 0) return NO_HITS;
  if (s.count === 1 && s.own === 0) return (SINGLE_LISTS[s.ids[0]] ??= Object.freeze([s.hits[0]]) as FlagHit[]);
  return ownList(s);
}

/**
 * A copy of the hits collected in `s`. Array literals rather than slice(): V8 learns that the
 * arrays from a literal outlive the young generation and allocates them where they will stay,
 * instead of copying a million of them through two collections.
 */
function ownList(s: FlagScratch): FlagHit[] {
  const h = s.hits;
  switch (s.count) {
    case 0:
      return NO_HITS;
    case 1:
      return [h[0]];
    case 2:
      return [h[0], h[1]];
    case 3:
      return [h[0], h[1], h[2]];
    case 4:
      return [h[0], h[1], h[2], h[3]];
    case 5:
      return [h[0], h[1], h[2], h[3], h[4]];
    default:
      return h.slice(0, s.count);
  }
}

/**
 * The one-hit lists, by the shared hit's id (see add): frozen, shared by every row (and run) whose
 * only flag is that hit. A quarter of the rows have a single flag; sharing the lists of several
 * hits as well saved ~27 MB more at a million rows but cost ~100 ms (a cache looked up per row).
 */
const SINGLE_LISTS: (FlagHit[] | undefined)[] = [];

const RISK_EXITED = RISKS.indexOf('EXITED');
const RISK_HIGH = RISKS.indexOf('HIGH');
const RISK_MEDIUM = RISKS.indexOf('MEDIUM');
const RISK_LOW = RISKS.indexOf('LOW');
export const RISK_NONE = RISKS.indexOf('NONE');

/** Exit risk from collected flags (as exitRisk), as an index into RISKS. */
export function riskIndex(terminated: boolean, s: FlagScratch): number {
  if (terminated) return RISK_EXITED;
  if (s.churnHighest === 3 || s.churnMediumOrMore >= 2) return RISK_HIGH;
  return s.churnHighest === 2 ? RISK_MEDIUM : s.churnHighest === 1 ? RISK_LOW : RISK_NONE;
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
  // Traditional and variant spellings (搬遷, 他行, 投訴, 服務) are folded to the lists' Simplified.
  const s = foldTraditional(text.normalize('NFKC')).toLowerCase();
  for (const [k, type] of KEYWORDS) if (s.includes(k)) return type;
  return null;
}

/**
 * The churn keyword a text names, as a churn code (0 none, else 1 + index in CHURN_TYPES:
 * 1 NATURAL, 2 COMPETITIVE, 3 NEGLIGENT; a lower code comes first in the keyword list).
 */
export function churnKeywordCode(text: string): number {
  const type = churnTypeByKeyword(text);
  return type === null ? 0 : CHURN_ORDER[type] + 1;
}

const CHURN_COMPETITIVE_CODE = CHURN_TYPES.indexOf('COMPETITIVE') + 1;
const CHURN_NEGLIGENT_CODE = CHURN_TYPES.indexOf('NEGLIGENT') + 1;
const CHURN_UNDETERMINED_CODE = CHURN_TYPES.indexOf('UNDETERMINED') + 1;

/** Churn type (§9) for a row whose risk is not NONE. */
export function churnType(
  risk: Risk,
  hits: readonly FlagHit[],
  exitReason: string | null,
  status: string | null,
): ChurnType | null {
  if (risk === 'NONE') return null;
  let competitive = 0;
  let negligent = 0;
  for (const h of hits) {
    const type = FLAG_CHURN[h.code];
    if (type === 'COMPETITIVE') competitive += SEVERITY_RANK[h.severity];
    else if (type === 'NEGLIGENT') negligent += SEVERITY_RANK[h.severity];
  }
  const code = (text: string | null) => (text === null ? 0 : churnKeywordCode(text));
  return CHURN_TYPES[decideChurn(competitive, negligent, code(exitReason), code(status)) - 1];
}

/**
 * Churn type (§9) from collected flags and the keyword codes (churnKeywordCode) of the row's
 * exit reason and status, as a churn code (0 for none: risk NONE). As churnType, with the
 * severities already summed and the texts already classified.
 */
export function churnCode(risk: number, s: FlagScratch, exitReasonKeyword: number, statusKeyword: number): number {
  if (risk === RISK_NONE) return 0;
  return decideChurn(s.competitive, s.negligent, exitReasonKeyword, statusKeyword);
}

function decideChurn(competitive: number, negligent: number, a: number, b: number): number {
  // A keyword in either text decides; the first in list order wins across both texts.
  const keyword = a === 0 ? b : b === 0 ? a : Math.min(a, b);
  if (keyword !== 0) return keyword;
  if (negligent === 0 && competitive === 0) return CHURN_UNDETERMINED_CODE;
  return negligent >= competitive ? CHURN_NEGLIGENT_CODE : CHURN_COMPETITIVE_CODE;
}
