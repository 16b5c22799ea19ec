/** The machine-readable result of analysis.md §13 (what `--format json` prints). */
import type { AnalysisResult } from './types';

export function toResultJson(result: AnalysisResult): Record<string, unknown> {
  return resultJsonWith(result, result.rows.map(rowJson));
}

/** toResultJson with `rows` in place of the rows' JSON (the result's rows are not read). */
export function resultJsonWith(result: AnalysisResult, rows: unknown): Record<string, unknown> {
  return {
    asOf: result.asOf,
    cuts: result.cuts,
    components: result.components,
    mapping: result.mapping,
    rows,
    summary: {
      quadrants: result.summary.quadrants,
      stages: result.summary.stages,
      risks: result.summary.risks,
      migration: result.summary.migration,
      issues: result.summary.issues,
    },
  };
}

/** One row of the result's rows, as toResultJson gives it. */
export function rowJson(r: AnalysisResult['rows'][number]): Record<string, unknown> {
  return {
      row: r.row,
      clientId: r.clientId,
      clientName: r.clientName,
      volume: r.volume,
      share: r.share,
      loyalty: r.loyalty,
      quadrant: r.quadrant,
      stage: r.stage,
      risk: r.risk,
      flags: r.flags,
      churnType: r.churnType,
      priority: r.priority,
      previousQuadrant: r.previousQuadrant,
      issues: r.issues,
    };
}
