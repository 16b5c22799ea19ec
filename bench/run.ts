/**
 * npm run bench: prints the figures of design.md's performance budget.
 * Engine: 10k, 100k and 1,048,575 rows with every field (time, rows/s, heap and RSS).
 */
import { execFileSync } from 'child_process';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
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

/** Adapter on the in-memory workbook: syncs, largest request and time for 100k rows. */
async function benchAdapterFigures(): Promise<void> {
  const { benchAdapter } = await import('./adapter');
  for (const rows of [10_000, 100_000]) {
    const r = await benchAdapter(rows);
    const budget = 4 + 2 * Math.ceil(rows / 10_000);
    console.log(
      `adapter ${fmt(rows).padStart(9)} rows  ${r.ms.toFixed(0).padStart(6)} ms  ${r.syncs} syncs (budget ${budget})` +
        `  largest request ${(r.maxRequestBytes / 1e6).toFixed(2)} MB (limit 5 MB)`,
    );
  }
}

/** The command line on a 100,000-row .xlsx against exceljs reading and writing it (budget 1.3×). */
async function benchCliFigures(): Promise<void> {
  const { benchCli } = await import('./cli');
  const rows = 100_000;
  const r = await benchCli(rows);
  const ratio = (ms: number) => (ms / r.baselineMs).toFixed(2);
  console.log(`cli     ${fmt(rows).padStart(9)} rows  .xlsx of ${(r.inputBytes / MB).toFixed(1)} MB, every field; best of 3`);
  console.log(`cli     exceljs read + write (baseline)  ${r.baselineMs.toFixed(0).padStart(6)} ms`);
  console.log(`cli     analyze --format json            ${r.jsonMs.toFixed(0).padStart(6)} ms  ${ratio(r.jsonMs)}× baseline`);
  console.log(`cli     analyze --format xlsx            ${r.xlsxMs.toFixed(0).padStart(6)} ms  ${ratio(r.xlsxMs)}× baseline (budget 1.3×)`);
}

/** Production build: the JavaScript the task pane page loads for its first paint, gzipped. */
function benchBundle(): void {
  execFileSync('npx', ['webpack', '--mode', 'production'], { stdio: 'ignore' });
  const dist = join(__dirname, '..', 'dist');
  const sizeOfPage = (page: string) => {
    const html = readFileSync(join(dist, page), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
    return scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(dist, src.replace(/^\.?\//, '')))).length, 0);
  };
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  console.log(`bundle  task pane first paint ${kb(sizeOfPage('taskpane.html'))} gzipped (budget 250 KB)`);
  console.log(`bundle  sandbox page initial ${kb(sizeOfPage('sandbox.html'))} gzipped (the grid and chart load separately)`);
  const lazy = readdirSync(dist).filter((f) => f.endsWith('.js'));
  console.log(`bundle  ${lazy.length} JavaScript files in dist/`);
}

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log('Portfolio Matrix benchmark — node ' + process.version);
  if (!only || only === 'engine') {
    for (const n of [10_000, 100_000, 1_048_575]) benchEngine(n);
    console.log(`peak RSS of the whole process (input tables included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }
  if (!only || only === 'adapter') await benchAdapterFigures();
  if (!only || only === 'cli') {
    const { benchEndToEnd } = await import('./endToEnd');
    await benchEndToEnd();
    await benchCliFigures();
  }
  if (only === 'e2e') {
    const { benchEndToEnd } = await import('./endToEnd');
    await benchEndToEnd(Number(process.argv[3] ?? 3));
  }
  if (!only || only === 'bundle') benchBundle();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
