/**
 * The Excel adapter on the in-memory workbook (design.md's performance budget): a synthetic table
 * of `rows` rows (every field) on one sheet, one cell selected, then a full run — read, analyse,
 * write, summary, chart, settings — with 10,000-row blocks. Reports the syncs, the largest request
 * and the wall time of the run (seeding the workbook excluded).
 */
import { performance } from 'perf_hooks';
import { DEFAULT_CONFIG } from '../src/domain';
import { createPortfolioActions } from '../src/excel';
import { InMemoryWorkbook } from '../src/inMemoryExcel';
import { syntheticTable } from './synthetic';

export async function benchAdapter(rows: number): Promise<{ syncs: number; maxRequestBytes: number; ms: number }> {
  const wb = new InMemoryWorkbook(['客户']);
  wb.setValues('客户', 'A1', syntheticTable(rows));
  wb.select('客户', 'B2');
  wb.resetCounters();
  const actions = createPortfolioActions((batch) => wb.run(batch));
  const t0 = performance.now();
  const out = await actions.run({
    config: { ...DEFAULT_CONFIG, asOf: '2026-10-31', locale: 'zh-CN' },
    today: '2026-11-23',
    blockRows: 10_000,
  });
  const ms = performance.now() - t0;
  if (out.kind !== 'done') throw new Error(`benchAdapter: the run ended with ${out.kind}`);
  return { syncs: wb.syncCount, maxRequestBytes: wb.maxRequestBytes, ms };
}
