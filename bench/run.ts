/**
 * npm run bench: prints the figures of design.md's performance budget.
 * Engine: 10k, 100k and 1,048,575 rows with every field (time, rows/s, heap and RSS).
 */
import { performance } from 'perf_hooks';
import { analyze, DEFAULT_CONFIG } from '../src/domain';
import { syntheticTable } from './synthetic';

const MB = 1024 * 1024;
const fmt = (n: number) => n.toLocaleString('en-US');

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function benchEngine(rows: number): void {
  const table = syntheticTable(rows);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  const result = analyze(table, { ...DEFAULT_CONFIG, asOf: '2026-10-31' }, { today: '2026-11-23' });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const rss = process.memoryUsage().rss;
  console.log(
    `engine  ${fmt(rows).padStart(9)} rows  ${ms.toFixed(0).padStart(6)} ms  ${fmt(Math.round((rows / ms) * 1000)).padStart(10)} rows/s` +
      `  engine heap +${((peakHeap - heapBefore) / MB).toFixed(0)} MB (≥, sampled)  process RSS ${(rss / MB).toFixed(0)} MB` +
      `  [${result.rows.length} results]`,
  );
}

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log('Portfolio Matrix benchmark — node ' + process.version);
  if (!only || only === 'engine') {
    for (const n of [10_000, 100_000, 1_048_575]) benchEngine(n);
    console.log(`peak RSS of the whole process (input tables included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
