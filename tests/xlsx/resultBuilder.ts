/**
 * Hand-made analysis results for the writer's tests: rows with a volume and a loyalty get their
 * share and quadrant from the given cuts, and the summary is counted from the rows, so a test can
 * state a portfolio in a few lines and still get a consistent AnalysisResult.
 */
import type { AnalysisResult, Quadrant, RowResult } from '../../src/domain';

export type RowSpec = Partial<RowResult> & { row: number };

export function makeRow(spec: RowSpec): RowResult {
  return {
    clientId: null,
    clientName: null,
    volume: null,
    share: null,
    loyalty: null,
    quadrant: 'INSUFFICIENT_DATA',
    stage: 'MATURE',
    risk: 'NONE',
    flags: [],
    churnType: null,
    priority: null,
    previousQuadrant: null,
    issues: [],
    flagHits: [],
    stageReason: { rule: 'LONG_TENURE', value: 5 },
    ...spec,
  };
}

export interface ResultSpec {
  rows: RowSpec[];
  shareCut: number;
  loyaltyCut: number;
  /** Give the result a previous period (migration matrices). */
  withPrevious?: boolean;
  loyaltySource?: 'score' | 'components';
}

export function makeResult(spec: ResultSpec): AnalysisResult {
  const total = spec.rows.reduce((s, r) => s + (r.volume ?? 0), 0);
  const rows = spec.rows.map((r) => {
    const row = makeRow(r);
    if (row.volume !== null) row.share = total > 0 ? row.volume / total : 0;
    if (row.share !== null && row.loyalty !== null) {
      const big = row.share >= spec.shareCut;
      const loyal = row.loyalty >= spec.loyaltyCut;
      row.quadrant = big ? (loyal ? 'LOYAL' : 'PROBLEM_2') : loyal ? 'PROBLEM_1' : 'GENERAL';
    } else row.quadrant = 'INSUFFICIENT_DATA';
    return row;
  });

  const quadrants: AnalysisResult['summary']['quadrants'] = {};
  const stages: AnalysisResult['summary']['stages'] = {};
  const risks: AnalysisResult['summary']['risks'] = {};
  const issues: AnalysisResult['summary']['issues'] = {};
  const migration: Partial<Record<Quadrant, Partial<Record<Quadrant, number>>>> = {};
  const migrationVolume: Partial<Record<Quadrant, Partial<Record<Quadrant, number>>>> = {};
  for (const r of rows) {
    const q = (quadrants[r.quadrant] ??= { count: 0, volume: 0 });
    q.count++;
    q.volume += r.volume ?? 0;
    stages[r.stage] = (stages[r.stage] ?? 0) + 1;
    risks[r.risk] = (risks[r.risk] ?? 0) + 1;
    for (const i of r.issues) issues[i.code] = (issues[i.code] ?? 0) + 1;
    if (spec.withPrevious && r.previousQuadrant) {
      const m = (migration[r.previousQuadrant] ??= {});
      m[r.quadrant] = (m[r.quadrant] ?? 0) + 1;
      const mv = (migrationVolume[r.previousQuadrant] ??= {});
      mv[r.quadrant] = (mv[r.quadrant] ?? 0) + (r.volume ?? 0);
    }
  }

  return {
    asOf: '2026-10-31',
    asOfSource: 'config',
    cuts: { share: { mode: 'fixed:' + spec.shareCut, value: spec.shareCut }, loyalty: { mode: 'median', value: spec.loyaltyCut } },
    components: spec.loyaltySource === 'score' ? [] : ['txn_count', 'product_count', 'credit_rating'],
    weights: spec.loyaltySource === 'score' ? {} : { txn_count: 1, product_count: 1, credit_rating: 2 },
    loyaltySource: spec.loyaltySource ?? 'components',
    mapping: { client_id: ['客户号'], client_name: ['客户名称'], volume: ['存款日均'], txn_count: ['交易次数'] },
    rows,
    summary: {
      quadrants,
      stages,
      risks,
      migration: spec.withPrevious ? migration : null,
      migrationVolume: spec.withPrevious ? migrationVolume : null,
      issues,
      rulesOff: [
        { rule: 'LIFECYCLE_TREND', missing: ['volume_prev', 'txn_count_prev'] },
        { rule: 'COMPLAINT', missing: ['complaint_count'] },
      ],
      totalVolume: total,
      rowCount: rows.length,
      skippedEmptyRows: 0,
    },
    previousMatch: null,
  };
}

/** A deterministic pseudo-random sequence (so fixtures are stable without a seed library). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
