/**
 * Monthly refresh from the command line: the three-month series of tests/fixtures/series, as a
 * batch (each month chained to the one before) and month by month with --previous, with last
 * period's cut points frozen (--reuse-cuts). The migration matrix, the change column and the
 * cuts must be exactly those worked out by hand in expected.ts.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { labels, type Quadrant } from '../../src/domain';
import { SERIES, SERIES_FILES, type MonthExpectation } from '../fixtures/series/expected';
import { FIXTURES, runCli, scratchDir } from './helpers';

interface JsonRow {
  clientName: string | null;
  quadrant: Quadrant;
  previousQuadrant: Quadrant | null;
  flags: string[];
}
/** The result object of analysis.md §13, exactly what --format json prints. */
interface JsonResult {
  cuts: { share: { mode: string; value: number }; loyalty: { mode: string; value: number } };
  rows: JsonRow[];
  summary: { migration: unknown };
}

const scratch = scratchDir();
afterAll(() => scratch.cleanup());

/** The series copied into a folder of its own (the outputs go beside them). */
function seriesDir(name: string): string {
  const dir = path.join(scratch.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of SERIES_FILES) copyFileSync(path.join(FIXTURES, 'series', f), path.join(dir, f));
  return dir;
}

const outName = (file: string, ext: string) => `${path.basename(file, '.csv')}.annotated.${ext}`;

function expectMonth(result: JsonResult, month: MonthExpectation): void {
  expect(result.cuts).toEqual(month.cuts);
  expect(result.rows.map((r) => [r.clientName, r.quadrant])).toEqual(month.quadrants);
  expect(result.summary.migration).toEqual(month.migration);
  expect(result.rows.filter((r) => r.flags.includes('QUADRANT_DOWN')).map((r) => r.clientName)).toEqual(month.quadrantDown);
  // New clients have no previous quadrant; the others have last month's.
  const appeared = result.rows.filter((r) => r.previousQuadrant === null).map((r) => r.clientName);
  expect(appeared).toEqual(month.migration === null ? month.quadrants.map(([n]) => n) : month.appeared);
}

/** A migration matrix (codes) in the sheet's words: previous label -> current label -> number. */
function inLabels(m: MonthExpectation['migration']): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [from, tos] of Object.entries(m ?? {})) {
    for (const [to, n] of Object.entries(tos ?? {})) {
      (out[labels.QUADRANT_LABELS[from as Quadrant]['zh-CN']] ??= {})[labels.QUADRANT_LABELS[to as Quadrant]['zh-CN']] = n as number;
    }
  }
  return out;
}

describe('a three-month series from the command line', () => {
  test('as one batch with --reuse-cuts: every month chained to the one before, cuts frozen at January', async () => {
    const dir = seriesDir('batch-json');
    const r = await runCli(['analyze', ...SERIES_FILES, '--out-dir', 'out', '--format', 'json', '--reuse-cuts'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    for (const month of SERIES) {
      const result = JSON.parse(readFileSync(path.join(dir, 'out', outName(month.file, 'json')), 'utf8')) as JsonResult;
      expectMonth(result, month);
    }
  });

  test('without --reuse-cuts each month computes its own cuts, and clients "move" with the median', async () => {
    const dir = seriesDir('batch-moving');
    const r = await runCli(['analyze', ...SERIES_FILES, '--out-dir', 'out', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const month of SERIES.slice(1)) {
      const result = JSON.parse(readFileSync(path.join(dir, 'out', outName(month.file, 'json')), 'utf8')) as JsonResult;
      expect(result.cuts.share.mode).toBe('pareto:0.8');
      const byName = Object.fromEntries(result.rows.map((row) => [row.clientName, row.quadrant]));
      for (const [name, q] of Object.entries(month.movingCutQuadrants ?? {})) expect(byName[name]).toBe(q);
    }
  });

  test('as annotated workbooks: the change column, the migration matrix and the reused cuts are in each file', async () => {
    const dir = seriesDir('batch-xlsx');
    const r = await runCli(['analyze', ...SERIES_FILES, '--out-dir', 'out', '--format', 'xlsx', '--reuse-cuts', '--locale', 'zh-CN'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    for (const month of SERIES) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'out', outName(month.file, 'xlsx')));
      const sheet = wb.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const col = (title: string) => header.indexOf(title) + 1;
      const nameCol = col('客户名称');
      const quadrantCol = col(labels.OUTPUT_HEADERS.quadrant['zh-CN']);
      const changeCol = col(labels.OUTPUT_HEADERS.quadrantChange['zh-CN']);
      const rows = month.quadrants.map((_, i) => sheet.getRow(i + 2));
      expect(rows.map((row) => [row.getCell(nameCol).value, row.getCell(quadrantCol).value])).toEqual(
        month.quadrants.map(([name, q]) => [name, labels.QUADRANT_LABELS[q]['zh-CN']]),
      );
      if (month.change === null) {
        expect(changeCol).toBe(0);
      } else {
        const change = month.change;
        expect(Object.fromEntries(rows.map((row) => [row.getCell(nameCol).value, row.getCell(changeCol).value]))).toEqual(change);
      }

      const summary = wb.getWorksheet(labels.SUMMARY_SHEET_NAME['zh-CN']);
      expect(summary).toBeDefined();
      const lines = Array.from(summary?.getSheetValues() ?? [], (row) => (Array.isArray(row) ? row.slice(1) : []));
      const find = (first: string) => lines.find((l) => l[0] === first);
      expect(find(labels.CUT_AXIS_LABELS.share['zh-CN'])?.[2]).toBe(month.cuts.share.value);
      expect(find(labels.CUT_AXIS_LABELS.loyalty['zh-CN'])?.[2]).toBe(month.cuts.loyalty.value);
      const reused = find('沿用上期分界值（来自）');
      if (month.file === '2026-01.csv') expect(reused).toBeUndefined();
      else expect(reused?.[1]).toBe(path.basename(SERIES_FILES[SERIES.indexOf(month) - 1]));

      // The migration matrices (clients, then volume): rows last period, columns this period.
      const matrixAt = (title: string) => {
        const at = lines.findIndex((l) => typeof l[0] === 'string' && (l[0] as string).startsWith(title));
        if (at < 0) return null;
        const to = (lines[at + 1].slice(1) as string[]).filter(Boolean);
        const matrix: Record<string, Record<string, number>> = {};
        for (const l of lines.slice(at + 2, at + 2 + to.length)) {
          to.forEach((label, j) => {
            const n = l[j + 1];
            if (typeof n === 'number' && n > 0) (matrix[l[0] as string] ??= {})[label] = n;
          });
        }
        return matrix;
      };
      if (month.migration === null) {
        expect(matrixAt('象限迁移（客户数')).toBeNull();
        continue;
      }
      expect(matrixAt('象限迁移（客户数')).toEqual(inLabels(month.migration));
      expect(matrixAt('象限迁移（业务量')).toEqual(inLabels(month.migrationVolume));
      // Who matched how, and who came and went, by name.
      expect(find('按客户号匹配')?.[1]).toBe(month.matchedById);
      expect(find('按客户名称匹配')?.[1]).toBe(month.matchedByName);
      expect(find('本期新增客户')?.[1]).toBe(month.appeared.length);
      expect(find('上期有、本期无的客户')?.[1]).toBe(month.disappeared.length);
      expect(lines.filter((l) => l[0] === '新增').map((l) => l[2])).toEqual(month.appeared);
      expect(lines.filter((l) => l[0] === '消失').map((l) => l[2])).toEqual(month.disappeared);
    }
  });

  test('month by month with --previous: the cuts are read back from last month\'s annotated workbook', async () => {
    const dir = seriesDir('monthly');
    const jan = await runCli(['analyze', '2026-01.csv', '--format', 'xlsx', '--out', 'jan.xlsx'], { cwd: dir });
    expect(jan.code).toBe(0);
    const feb = await runCli(['analyze', '2026-02.csv', '--previous', 'jan.xlsx', '--reuse-cuts', '--format', 'xlsx', '--out', 'feb.xlsx'], { cwd: dir });
    expect(feb).toMatchObject({ code: 0, stderr: '' });
    const mar = await runCli(['analyze', '2026-03.csv', '--previous', 'feb.xlsx', '--reuse-cuts', '--format', 'json'], { cwd: dir });
    expect(mar.code).toBe(0);
    expectMonth(JSON.parse(mar.stdout) as JsonResult, SERIES[2]);
    // February from the annotated workbook, read back as a json result for a full check.
    const febJson = await runCli(['analyze', '2026-02.csv', '--previous', 'jan.xlsx', '--reuse-cuts', '--format', 'json'], { cwd: dir });
    expectMonth(JSON.parse(febJson.stdout) as JsonResult, SERIES[1]);
  });

  test('the terminal summary says the cut points were last period\'s', async () => {
    const dir = seriesDir('table');
    await runCli(['analyze', '2026-01.csv', '--format', 'json', '--out', 'jan.json'], { cwd: dir });
    const r = await runCli(['analyze', '2026-02.csv', '--previous', 'jan.json', '--reuse-cuts', '--format', 'table', '--locale', 'en-US'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cut values reused from last period (jan.json)');
    expect(r.stdout).toMatch(/10\.00%/);
  });

  test('--reuse-cuts with a previous file that holds no cut values is refused, naming the file, and writes nothing', async () => {
    const dir = seriesDir('no-cuts');
    // A CSV written by --format csv has the quadrant column but no summary sheet.
    await runCli(['analyze', '2026-01.csv', '--format', 'csv', '--out', 'jan.csv'], { cwd: dir });
    const r = await runCli(['analyze', '2026-02.csv', '--previous', 'jan.csv', '--reuse-cuts', '--format', 'json', '--out', 'feb.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('previous file jan.csv holds no cut values to reuse');
    expect(() => readFileSync(path.join(dir, 'feb.json'))).toThrow();
    const zh = await runCli(['analyze', '2026-02.csv', '--previous', 'jan.csv', '--reuse-cuts', '--locale', 'zh-CN'], { cwd: dir });
    expect(zh.stderr).toContain('上期文件 jan.csv 中没有分界值');
  });

  test('--reuse-cuts without any previous period is a usage error', async () => {
    const dir = seriesDir('usage');
    const r = await runCli(['analyze', '2026-02.csv', '--reuse-cuts'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reuse-cuts needs a previous period');
  });
});
