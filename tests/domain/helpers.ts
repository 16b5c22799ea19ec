/** Small builders for the domain behaviour tests: hand-made tables through analyze(). */
import { analyze, parseConfig, type AnalysisResult, type AnalyzeOptions, type Cell, type RowResult, type Table } from '../../src/domain';

export const TODAY = '2026-11-23';
export const AS_OF = '2026-11-23';

/** Runs the analysis with a §14 configuration object (validated by parseConfig). */
export function run(table: Table, config: Record<string, unknown> = {}, options: Partial<AnalyzeOptions> = {}): AnalysisResult {
  return analyze(table, parseConfig(config), { today: TODAY, ...options });
}

/** A table from a header row and data rows. */
export function table(header: Cell[], ...rows: Cell[][]): Cell[][] {
  return [header, ...rows];
}

/** A one-client table built from header → value pairs; returns its only row. */
export function one(row: Record<string, Cell>, config: Record<string, unknown> = {}): RowResult {
  return run([Object.keys(row), Object.values(row)], { asOf: AS_OF, ...config }).rows[0];
}

/** YYYY-MM-DD of the day `n` days before 2026-11-23. */
export function daysBefore(n: number, from = AS_OF): string {
  const [y, m, d] = from.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - n * 86400000).toISOString().slice(0, 10);
}

/** Catches the error a function throws (or fails the test when it does not throw). */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}
