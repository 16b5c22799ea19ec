/** Lifecycle stage of analysis.md §8: the first rule that holds decides. */
import type { Stage, StageReason, Thresholds } from './types';

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

/** The stage each rule decides. */
export const STAGE_OF_RULE: Readonly<Record<StageReason['rule'], Stage>> = {
  STATUS_CLOSED: 'TERMINATED',
  ZERO_AFTER_PREV: 'TERMINATED',
  ZERO_IDLE: 'TERMINATED',
  STATUS_PROSPECT: 'POTENTIAL',
  NO_BUSINESS: 'POTENTIAL',
  NEW_RELATIONSHIP: 'DEVELOPMENT',
  VOLUME_DOWN: 'DECLINE',
  TXN_DOWN: 'DECLINE',
  PRODUCTS_DOWN: 'DECLINE',
  IDLE: 'DECLINE',
  VOLUME_UP: 'GROWTH',
  TXN_UP: 'GROWTH',
  PRODUCTS_UP: 'GROWTH',
  STABLE_TREND: 'MATURE',
  LONG_TENURE: 'MATURE',
  MID_TENURE: 'GROWTH',
  NO_DATA: 'UNKNOWN',
};

export function classifyStage(e: RowEvidence, t: Thresholds): StageResult {
  const reason = stageReason(e, t);
  return { stage: STAGE_OF_RULE[reason.rule], reason };
}

/** The rule that decides the stage (the stage is STAGE_OF_RULE[rule]), with its number. */
export function stageReason(e: RowEvidence, t: Thresholds): StageReason {
  if (e.closed) return reasonOf('STATUS_CLOSED', null);
  if (e.volume === 0 && e.volumePrev > 0) return reasonOf('ZERO_AFTER_PREV', e.volumePrev);
  if (e.volume === 0 && e.idle >= t.terminatedIdleDays) return reasonOf('ZERO_IDLE', e.idle);
  if (e.prospect) return reasonOf('STATUS_PROSPECT', null);
  if (
    e.volume === 0 &&
    (Number.isNaN(e.volumePrev) || e.volumePrev === 0) &&
    (Number.isNaN(e.txn) || e.txn === 0)
  ) {
    return reasonOf('NO_BUSINESS', null);
  }
  if (e.tenure < t.developmentYears) return reasonOf('NEW_RELATIONSHIP', e.tenure);
  if (e.dVol <= t.declineVolume) return reasonOf('VOLUME_DOWN', e.dVol);
  if (e.dTxn <= t.declineTxn) return reasonOf('TXN_DOWN', e.dTxn);
  if (e.products < e.productsPrev) return reasonOf('PRODUCTS_DOWN', e.productsPrev - e.products);
  if (e.idle >= t.declineIdleDays) return reasonOf('IDLE', e.idle);
  if (e.dVol >= t.growthVolume) return reasonOf('VOLUME_UP', e.dVol);
  if (e.dTxn >= t.growthTxn) return reasonOf('TXN_UP', e.dTxn);
  if (e.products > e.productsPrev) return reasonOf('PRODUCTS_UP', e.products - e.productsPrev);
  const trend =
    !Number.isNaN(e.dVol) || !Number.isNaN(e.dTxn) || (!Number.isNaN(e.products) && !Number.isNaN(e.productsPrev));
  if (trend) return reasonOf('STABLE_TREND', null);
  if (e.tenure >= t.matureYears) return reasonOf('LONG_TENURE', e.tenure);
  if (e.tenure >= t.developmentYears) return reasonOf('MID_TENURE', e.tenure);
  return reasonOf('NO_DATA', null);
}
