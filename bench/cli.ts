/**
 * The command line on a 100,000-row .xlsx (design.md: at most 1.3× reading and writing it with
 * the same library and nothing else). The baseline reads the file with exceljs and writes it back
 * with exceljs; the command line reads it, analyses it and writes json, or an annotated .xlsx
 * (output columns, summary sheet, chart). Each figure is the best of a few runs, in process.
 */
import { mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { syntheticTable } from './synthetic';

const silent = { write: () => true };

async function best(runs: number, body: () => Promise<void>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    await body();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

async function cli(argv: string[], cwd: string): Promise<void> {
  const code = await main(argv, { stdout: silent, stderr: silent, isTTY: false, stderrIsTTY: false, env: {}, cwd, today: '2026-11-23' });
  if (code !== 0) throw new Error(`portfolio-matrix ${argv.join(' ')} exited with ${code}`);
}

export async function benchCli(rows: number, runs = 3): Promise<{ baselineMs: number; jsonMs: number; xlsxMs: number; inputBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pm-bench-cli-'));
  try {
    const input = join(dir, 'clients.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    for (const row of syntheticTable(rows)) ws.addRow(row);
    await wb.xlsx.writeFile(input);

    const baselineMs = await best(runs, async () => {
      const w = new ExcelJS.Workbook();
      await w.xlsx.readFile(input);
      await w.xlsx.writeFile(join(dir, 'copy.xlsx'));
    });
    const jsonMs = await best(runs, () => cli(['analyze', input, '--format', 'json', '--out', join(dir, 'out.json'), '--as-of', '2026-10-31'], dir));
    const xlsxMs = await best(runs, () => cli(['analyze', input, '--format', 'xlsx', '--out', join(dir, 'out.xlsx'), '--as-of', '2026-10-31'], dir));
    return { baselineMs, jsonMs, xlsxMs, inputBytes: statSync(input).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
