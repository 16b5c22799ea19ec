/** The analysis of analysis.md §4–§13. (Being written: the signature is final.) */
import type { AnalysisConfig, AnalysisResult, AnalyzeOptions, Field, Table } from './types';

/**
 * Analyses a table (header row + data rows, Excel `range.values` shape).
 * `overrides` are per-field mapping overrides (the CLI's --map) applied on top of auto-mapping
 * when config.map is not given. Throws only AnalysisError (table-level problems, bad config).
 */
export function analyze(
  table: Table,
  config: AnalysisConfig,
  options: AnalyzeOptions,
  overrides?: Partial<Record<Field, string | string[]>>,
): AnalysisResult {
  void table; void config; void options; void overrides;
  throw new Error('analyze: not written yet');
}
