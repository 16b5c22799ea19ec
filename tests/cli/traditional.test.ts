/**
 * The command line in Traditional Chinese: a Traditional CSV read as the Simplified one, zh-TW
 * chosen by LANG=zh_TW.UTF-8 or --locale, and the monthly refresh from a zh-TW annotated workbook
 * (its summary sheet's name and cut labels in Traditional), re-annotated in zh-CN without a second
 * summary sheet or a second set of columns.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { labels, toTraditional, type Quadrant } from '../../src/domain';
import { SERIES, SERIES_FILES } from '../fixtures/series/expected';
import { FIXTURES, runCli, scratchDir } from './helpers';

const scratch = scratchDir();
afterAll(() => scratch.cleanup());
const TW_ENV = { LANG: 'zh_TW.UTF-8' };

/** A fixture CSV written again in Traditional characters (headers, labels, words), beside the others. */
function traditionalCopy(dir: string, from: string, to = path.basename(from)): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, to), toTraditional(readFileSync(from, 'utf8')));
  return to;
}

interface JsonResult {
  cuts: { share: { value: number }; loyalty: { value: number } };
  rows: { clientName: string | null; quadrant: Quadrant; stage: string; risk: string; flags: string[]; previousQuadrant: Quadrant | null }[];
  summary: { migration: unknown };
}
const codes = (r: JsonResult) => r.rows.map((x) => [x.quadrant, x.stage, x.risk, x.flags.join()]);

test('LANG=zh_TW.UTF-8: a Traditional CSV gives the codes of the Simplified one and a Traditional summary', async () => {
  const dir = path.join(scratch.dir, 'lang');
  const file = traditionalCopy(dir, path.join(FIXTURES, 'branch-small.csv'));
  expect(readFileSync(path.join(dir, file), 'utf8').split('\n')[0]).toContain('客戶號,客戶名稱,客戶經理,存款日均(萬元)');
  const tw = await runCli(['analyze', file, '--format', 'json', '--as-of', '2026-10-31'], { cwd: dir, env: TW_ENV });
  const cn = await runCli(['analyze', path.join(FIXTURES, 'branch-small.csv'), '--format', 'json', '--as-of', '2026-10-31']);
  expect(tw.code).toBe(0);
  expect(codes(JSON.parse(tw.stdout) as JsonResult)).toEqual(codes(JSON.parse(cn.stdout) as JsonResult));

  const table = await runCli(['analyze', file, '--format', 'table', '--as-of', '2026-10-31'], { cwd: dir, env: TW_ENV });
  expect(table.stdout).toContain('忠誠客戶');
  expect(table.stdout).toContain('分析日');
  expect(table.stdout).not.toContain('忠诚客户');

  const csv = await runCli(['analyze', file, '--format', 'csv', '--as-of', '2026-10-31'], { cwd: dir, env: TW_ENV });
  const [header, first] = csv.stdout.replace(/^\uFEFF/, '').split('\r\n');
  expect(header).toContain('業務份額,忠誠度得分,客戶象限,生命週期階段,流失風險');
  // The client's own cells come through exactly as they were typed.
  expect(first.startsWith('C100000,西嶺段氏紡織有限公司,張偉,')).toBe(true);
});

test('messages follow LANG=zh_HK and --locale zh-TW; --locale still wins over LANG', async () => {
  const missing = await runCli(['analyze', 'nowhere.csv'], { env: { LANG: 'zh_HK.UTF-8' } });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/nowhere\.csv/);
  expect(missing.stderr).toBe(toTraditional((await runCli(['analyze', 'nowhere.csv', '--locale', 'zh-CN'])).stderr));
  expect((await runCli(['analyze', 'nowhere.csv', '--locale', 'zh-TW'])).stderr).toBe(missing.stderr);
  const english = await runCli(['analyze', 'nowhere.csv', '--locale', 'en-US'], { env: TW_ENV });
  expect(english.stderr).not.toMatch(/\p{Script=Han}/u);
  const bad = await runCli(['analyze', 'x.csv', '--locale', 'zh-HK'], { env: TW_ENV });
  expect(bad).toMatchObject({ code: 2 });
  expect(bad.stderr).toContain('zh-CN、zh-TW 或 en-US');
});

test('a config file with "locale": "zh-TW" writes Traditional labels', async () => {
  const dir = path.join(scratch.dir, 'config');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ asOf: '2026-10-31', locale: 'zh-TW' }));
  const r = await runCli(['analyze', path.join(FIXTURES, 'branch-small.csv'), '--config', 'c.json', '--format', 'csv'], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('行動建議');
});

describe('monthly refresh from a zh-TW annotated workbook', () => {
  const dir = path.join(scratch.dir, 'monthly');
  const files = SERIES_FILES.map((f) => traditionalCopy(dir, path.join(FIXTURES, 'series', f)));

  test('reads last period back (quadrant labels, summary sheet and cut labels in Traditional) and reuses its cuts', async () => {
    const jan = await runCli(['analyze', files[0], '--format', 'xlsx', '--out', 'jan.xlsx'], { cwd: dir, env: TW_ENV });
    expect(jan).toMatchObject({ code: 0, stderr: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'jan.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('客戶矩陣彙總');
    const feb = await runCli(['analyze', files[1], '--previous', 'jan.xlsx', '--reuse-cuts', '--format', 'json'], { cwd: dir, env: TW_ENV });
    expect(feb).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(feb.stdout) as JsonResult;
    expect(result.cuts).toEqual(SERIES[1].cuts);
    expect(result.summary.migration).toEqual(SERIES[1].migration);
    expect(result.rows.filter((r) => r.previousQuadrant === null).map((r) => r.clientName)).toEqual(SERIES[1].appeared);
  });

  test('re-annotated in zh-CN: the summary sheet and the output columns are replaced, not repeated', async () => {
    const again = await runCli(['analyze', 'jan.xlsx', '--locale', 'zh-CN', '--format', 'xlsx', '--out', 'jan.cn.xlsx'], { cwd: dir });
    expect(again).toMatchObject({ code: 0, stderr: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'jan.cn.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.filter((n) => n === '客户矩阵汇总' || n === '客戶矩陣彙總')).toEqual(['客户矩阵汇总']);
    const header = (wb.worksheets[0].getRow(1).values as unknown[]).filter((v) => typeof v === 'string') as string[];
    expect(header.filter((h) => h === labels.OUTPUT_HEADERS.quadrant['zh-CN'] || h === labels.OUTPUT_HEADERS.quadrant['zh-TW'])).toEqual(['客户象限']);
  });
});
