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

// Reasons without a number are shared, so a million rows do not allocate them.
const FIXED: Partial<Record<StageReason['rule'], StageReason>> = {};

function r(stage: Stage, rule: StageReason['rule'], value: number | null = null): StageResult {
  if (value === null || Number.isNaN(value)) {
    const reason = (FIXED[rule] ??= Object.freeze({ rule, value: null }) as StageReason);
    return { stage, reason };
  }
  return { stage, reason: { rule, value } };
}

export function classifyStage(e: RowEvidence, t: Thresholds): StageResult {
  if (e.closed) return r('TERMINATED', 'STATUS_CLOSED');
  if (e.volume === 0 && e.volumePrev > 0) return r('TERMINATED', 'ZERO_AFTER_PREV', e.volumePrev);
  if (e.volume === 0 && e.idle >= t.terminatedIdleDays) return r('TERMINATED', 'ZERO_IDLE', e.idle);
  if (e.prospect) return r('POTENTIAL', 'STATUS_PROSPECT');
  if (
    e.volume === 0 &&
    (Number.isNaN(e.volumePrev) || e.volumePrev === 0) &&
    (Number.isNaN(e.txn) || e.txn === 0)
  ) {
    return r('POTENTIAL', 'NO_BUSINESS');
  }
  if (e.tenure < t.developmentYears) return r('DEVELOPMENT', 'NEW_RELATIONSHIP', e.tenure);
  if (e.dVol <= t.declineVolume) return r('DECLINE', 'VOLUME_DOWN', e.dVol);
  if (e.dTxn <= t.declineTxn) return r('DECLINE', 'TXN_DOWN', e.dTxn);
  if (e.products < e.productsPrev) return r('DECLINE', 'PRODUCTS_DOWN', e.productsPrev - e.products);
  if (e.idle >= t.declineIdleDays) return r('DECLINE', 'IDLE', e.idle);
  if (e.dVol >= t.growthVolume) return r('GROWTH', 'VOLUME_UP', e.dVol);
  if (e.dTxn >= t.growthTxn) return r('GROWTH', 'TXN_UP', e.dTxn);
  if (e.products > e.productsPrev) return r('GROWTH', 'PRODUCTS_UP', e.products - e.productsPrev);
  const trend =
    !Number.isNaN(e.dVol) || !Number.isNaN(e.dTxn) || (!Number.isNaN(e.products) && !Number.isNaN(e.productsPrev));
  if (trend) return r('MATURE', 'STABLE_TREND');
  if (e.tenure >= t.matureYears) return r('MATURE', 'LONG_TENURE', e.tenure);
  if (e.tenure >= t.developmentYears) return r('GROWTH', 'MID_TENURE', e.tenure);
  return r('UNKNOWN', 'NO_DATA');
}
