/** Lifecycle stage of analysis.md §8: the first rule that holds decides. */
import { STAGES, type Stage, type StageReason, type Thresholds } from './types';

/** One row's evidence; NaN = missing. */
export interface RowEvidence {
  closed: boolean;
  prospect: boolean;
  volume: number;
  volumePrev: number;
  txn: number;
  /** Δvol and Δtxn as fractions (NaN when not defined). */
  dVol: number;
  dTxn: number;
  products: number;
  productsPrev: number;
  /** Days since the last transaction. */
  idle: number;
  tenure: number;
}

export interface StageResult {
  stage: Stage;
  reason: StageReason;
}

// Reasons are shared when they carry no number or a small whole number (days idle, products
// gained or lost): a million rows then allocate only the reasons with a fraction in them.
const FIXED: Partial<Record<StageReason['rule'], StageReason>> = {};
const SMALL_LIMIT = 4096;
const SMALL: Partial<Record<StageReason['rule'], StageReason[]>> = {};

function reasonOf(rule: StageReason['rule'], value: number | null): StageReason {
  if (value === null || Number.isNaN(value)) return (FIXED[rule] ??= Object.freeze({ rule, value: null }) as StageReason);
  // A whole number in [0, 4096), not −0.
  if (value >= 0 && value < SMALL_LIMIT && (value | 0) === value && (value !== 0 || 1 / value > 0)) {
    const table = (SMALL[rule] ??= new Array<StageReason>(SMALL_LIMIT));
    return (table[value] ??= Object.freeze({ rule, value }) as StageReason);
  }
  return { rule, value };
}

export function classifyStage(e: RowEvidence, t: Thresholds): StageResult {
  const d: StageDecision = { stage: 0, reason: NO_REASON };
  decideStage(e, t, d);
  return { stage: STAGES[d.stage], reason: d.reason };
}

/** A row's stage as an index into STAGES, with its reason; refilled per row by decideStage. */
export interface StageDecision {
  stage: number;
  reason: StageReason;
}

const NO_REASON: StageReason = Object.freeze({ rule: 'NO_DATA', value: null });
const POTENTIAL = STAGES.indexOf('POTENTIAL');
const DEVELOPMENT = STAGES.indexOf('DEVELOPMENT');
const GROWTH = STAGES.indexOf('GROWTH');
const MATURE = STAGES.indexOf('MATURE');
const DECLINE = STAGES.indexOf('DECLINE');
const TERMINATED = STAGES.indexOf('TERMINATED');
const UNKNOWN = STAGES.indexOf('UNKNOWN');

function decided(d: StageDecision, stage: number, rule: StageReason['rule'], value: number | null): void {
  d.stage = stage;
  d.reason = reasonOf(rule, value);
}

/**
 * The first rule that holds (§8) into `d`: the stage and the reason naming the rule and its
 * number. The stage comes with the rule (STAGE_OF_RULE), so no lookup is needed per row.
 */
export function decideStage(e: RowEvidence, t: Thresholds, d: StageDecision): void {
  if (e.closed) return decided(d, TERMINATED, 'STATUS_CLOSED', null);
  if (e.volume === 0 && e.volumePrev > 0) return decided(d, TERMINATED, 'ZERO_AFTER_PREV', e.volumePrev);
  if (e.volume === 0 && e.idle >= t.terminatedIdleDays) return decided(d, TERMINATED, 'ZERO_IDLE', e.idle);
  if (e.prospect) return decided(d, POTENTIAL, 'STATUS_PROSPECT', null);
  if (
    e.volume === 0 &&
    (Number.isNaN(e.volumePrev) || e.volumePrev === 0) &&
    (Number.isNaN(e.txn) || e.txn === 0)
  ) {
    return decided(d, POTENTIAL, 'NO_BUSINESS', null);
  }
  if (e.tenure < t.developmentYears) return decided(d, DEVELOPMENT, 'NEW_RELATIONSHIP', e.tenure);
  if (e.dVol <= t.declineVolume) return decided(d, DECLINE, 'VOLUME_DOWN', e.dVol);
  if (e.dTxn <= t.declineTxn) return decided(d, DECLINE, 'TXN_DOWN', e.dTxn);
  if (e.products < e.productsPrev) return decided(d, DECLINE, 'PRODUCTS_DOWN', e.productsPrev - e.products);
  if (e.idle >= t.declineIdleDays) return decided(d, DECLINE, 'IDLE', e.idle);
  if (e.dVol >= t.growthVolume) return decided(d, GROWTH, 'VOLUME_UP', e.dVol);
  if (e.dTxn >= t.growthTxn) return decided(d, GROWTH, 'TXN_UP', e.dTxn);
  if (e.products > e.productsPrev) return decided(d, GROWTH, 'PRODUCTS_UP', e.products - e.productsPrev);
  const trend =
    !Number.isNaN(e.dVol) || !Number.isNaN(e.dTxn) || (!Number.isNaN(e.products) && !Number.isNaN(e.productsPrev));
  if (trend) return decided(d, MATURE, 'STABLE_TREND', null);
  if (e.tenure >= t.matureYears) return decided(d, MATURE, 'LONG_TENURE', e.tenure);
  if (e.tenure >= t.developmentYears) return decided(d, GROWTH, 'MID_TENURE', e.tenure);
  return decided(d, UNKNOWN, 'NO_DATA', null);
}
