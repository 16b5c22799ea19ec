import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { XlsxWriter } from '../../src/cli/writeXlsx';
import { runCli, scratchDir, SMALL_CSV } from './helpers';

const { dir, cleanup } = scratchDir();
const f = (name: string) => path.join(dir, name);
const small = f('small.csv');
beforeAll(() => writeFileSync(small, SMALL_CSV));
afterAll(cleanup);

async function json(argv: string[], env: Record<string, string> = {}) {
  const r = await runCli(['analyze', ...argv, '--format', 'json'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('analysis options', () => {
  test('--as-of sets the analysis date', async () => {
    expect((await json([small, '--as-of', '2025-12-31'])).asOf).toBe('2025-12-31');
  });

  test('without --as-of the date comes from the data, else today', async () => {
    expect((await json([small])).asOf).toBe('2023-03-01');
    writeFileSync(f('nodates.csv'), 'ID,Balance\nA,1\nB,2\n');
    expect((await json([f('nodates.csv')])).asOf).toBe('2026-11-15');
  });

  test('--share-cut and --loyalty-cut choose the cut modes', async () => {
    const r = await json([small, '--share-cut', 'fixed:0.1', '--loyalty-cut', 'mean']);
    expect(r.cuts.share).toEqual({ mode: 'fixed:0.1', value: 0.1 });
    expect(r.cuts.loyalty.mode).toBe('mean');
  });

  test('--weights changes the loyalty scores and the table shows the weights', async () => {
    const plain = await json([small]);
    const weighted = await json([small, '--weights', 'credit_rating=3,tenure=0']);
    expect(weighted.rows.map((r: { loyalty: number }) => r.loyalty)).not.toEqual(plain.rows.map((r: { loyalty: number }) => r.loyalty));
    const table = await runCli(['analyze', small, '--weights', 'credit_rating=3,tenure=0.5', '--format', 'table']);
    expect(table.stdout).toMatch(/Credit rating ×3, Tenure ×0\.5/);
  });

  test('--map maps a header the auto-mapping does not know', async () => {
    writeFileSync(f('amount.csv'), 'Client ID,Amount\nA,10\nB,30\n');
    expect((await runCli(['analyze', f('amount.csv')])).code).toBe(1);
    const r = await json([f('amount.csv'), '--map', 'volume=Amount']);
    expect(r.mapping.volume).toEqual(['Amount']);
    expect(r.rows.map((x: { volume: number }) => x.volume)).toEqual([10, 30]);
  });

  test('--map may give volume several columns, which are summed', async () => {
    writeFileSync(f('two.csv'), 'Client ID,Deposits X,Loans X\nA,10,5\nB,30,0\n');
    const r = await json([f('two.csv'), '--map', 'volume=Deposits X', '--map', 'volume=Loans X']);
    expect(r.mapping.volume).toEqual(['Deposits X', 'Loans X']);
    expect(r.rows[0].volume).toBe(15);
  });

  test('--config is read, and command-line values override its values', async () => {
    writeFileSync(f('cfg.json'), JSON.stringify({ asOf: '2026-01-31', shareCut: 'median', loyaltyCut: 'mean' }));
    const fromFile = await json([small, '--config', f('cfg.json')]);
    expect(fromFile.asOf).toBe('2026-01-31');
    expect(fromFile.cuts.share.mode).toBe('median');
    const overridden = await json([small, '--config', f('cfg.json'), '--as-of', '2026-02-28', '--share-cut', 'quantile:0.5']);
    expect(overridden.asOf).toBe('2026-02-28');
    expect(overridden.cuts.share.mode).toBe('quantile:0.5');
    expect(overridden.cuts.loyalty.mode).toBe('mean');
  });

  test('with a mapping in --config, --map replaces that field in it', async () => {
    writeFileSync(f('amount2.csv'), 'Client ID,Amount,Other\nA,10,1\nB,30,2\n');
    writeFileSync(f('map.json'), JSON.stringify({ map: { client_id: 'Client ID', volume: 'Amount' } }));
    expect((await json([f('amount2.csv'), '--config', f('map.json')])).mapping).toEqual({ client_id: ['Client ID'], volume: ['Amount'] });
    const r = await json([f('amount2.csv'), '--config', f('map.json'), '--map', 'volume=Other']);
    expect(r.mapping).toEqual({ client_id: ['Client ID'], volume: ['Other'] });
  });

  test('--range and --sheet choose the table in a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Intro').addRow(['Monthly report']);
    const ws = wb.addWorksheet('Data');
    ws.addRows([
      ['客户号', '余额', '', 'notes'],
      ['A', 10, null, 'x'],
      ['B', 30, null, 'y'],
      ['C', 60, null, 'z'],
    ]);
    await wb.xlsx.writeFile(f('book.xlsx'));
    const r = await json([f('book.xlsx'), '--sheet', 'Data', '--range', 'A1:B3']);
    expect(r.rows.map((x: { clientId: string }) => x.clientId)).toEqual(['A', 'B']);
    const bySheetInRange = await json([f('book.xlsx'), '--range', 'Data!A1:B4']);
    expect(bySheetInRange.rows).toHaveLength(3);
  });
});

describe('output options', () => {
  test('the default format is table on a terminal and json otherwise', async () => {
    const tty = await runCli(['analyze', small], { isTTY: true });
    expect(tty.stdout).toMatch(/^Portfolio Matrix — /);
    const pipe = await runCli(['analyze', small], { isTTY: false });
    expect(() => JSON.parse(pipe.stdout)).not.toThrow();
  });

  test('--locale chooses the language of the labels; the default comes from the environment', async () => {
    const zh = await runCli(['analyze', small, '--format', 'csv', '--locale', 'zh-CN']);
    expect(zh.stdout.split('\r\n')[0]).toMatch(/,业务份额,忠诚度得分,客户象限,/);
    const en = await runCli(['analyze', small, '--format', 'csv'], { env: { LANG: 'en_GB.UTF-8' } });
    expect(en.stdout.split('\r\n')[0]).toMatch(/,Business share,Loyalty score,Quadrant,/);
    const env = await runCli(['analyze', small, '--format', 'csv'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(env.stdout.split('\r\n')[0]).toMatch(/,业务份额,/);
  });

  test('--out writes the file and nothing to stdout; its extension chooses the format', async () => {
    const r = await runCli(['analyze', small, '--out', f('result.csv')]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(f('result.csv'), 'utf8').startsWith('\uFEFF客户号,')).toBe(true);
    await runCli(['analyze', small, '--out', f('result.json')]);
    expect(JSON.parse(readFileSync(f('result.json'), 'utf8')).rows).toHaveLength(4);
    await runCli(['analyze', small, '--out', f('result.txt'), '--locale', 'zh-CN']);
    expect(readFileSync(f('result.txt'), 'utf8')).toMatch(/^客户矩阵 — /);
  });

  test('--format xlsx hands the table, the result and --out to the workbook writer', async () => {
    const calls: Parameters<XlsxWriter>[] = [];
    const writer: XlsxWriter = async (...args) => {
      calls.push(args);
      writeFileSync(args[3], 'xlsx');
    };
    const r = await runCli(['analyze', small, '--format', 'xlsx', '--out', f('fake.xlsx'), '--locale', 'zh-CN'], { xlsxWriter: writer });
    expect(r.code).toBe(0);
    const [input, result, locale, out] = calls[0];
    expect(input).toEqual({ table: expect.any(Array), sheetName: 'small' });
    expect(result.rows).toHaveLength(4);
    expect(locale).toBe('zh-CN');
    expect(out).toBe(f('fake.xlsx'));
  });

  test('--format xlsx writes an annotated workbook with the output columns and the summary sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Clients').addRows(SMALL_CSV.split('\r\n').map((l) => l.split(',')));
    await wb.xlsx.writeFile(f('in.xlsx'));
    const r = await runCli(['analyze', f('in.xlsx'), '--format', 'xlsx', '--out', f('out.xlsx'), '--locale', 'en-US']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(f('out.xlsx'));
    const sheet = out.getWorksheet('Clients');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 9)).toEqual(['客户号', '客户名称', '存款日均(万元)', '信用等级', '开户日期', '投诉次数', 'Business share', 'Loyalty score', 'Quadrant']);
    expect(out.worksheets.length).toBeGreaterThan(1);
  });

  test('--previous matches last period\'s annotated file and fills the previous quadrant', async () => {
    await runCli(['analyze', small, '--out', f('last.csv'), '--locale', 'zh-CN']);
    const r = await json([small, '--previous', f('last.csv')]);
    expect(r.rows.map((x: { previousQuadrant: string }) => x.previousQuadrant)).toEqual(r.rows.map((x: { quadrant: string }) => x.quadrant));
    expect(r.summary.migration).not.toBeNull();
    await runCli(['analyze', small, '--out', f('last.json')]);
    expect((await json([small, '--previous', f('last.json')])).summary.migration).not.toBeNull();
  });

  test('several files with --out-dir are analysed in order, each month the previous period of the next', async () => {
    const feb = SMALL_CSV.replace('C002,李四,300', 'C002,李四,3');
    writeFileSync(f('jan.csv'), SMALL_CSV);
    writeFileSync(f('feb.csv'), feb);
    const r = await runCli(['analyze', f('jan.csv'), f('feb.csv'), '--out-dir', f('out'), '--format', 'json']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const jan = JSON.parse(readFileSync(f('out/jan.annotated.json'), 'utf8'));
    const febResult = JSON.parse(readFileSync(f('out/feb.annotated.json'), 'utf8'));
    expect(jan.summary.migration).toBeNull();
    expect(febResult.rows.map((x: { previousQuadrant: string }) => x.previousQuadrant)).toEqual(jan.rows.map((x: { quadrant: string }) => x.quadrant));
  });

  test('--out-dir without --format writes annotated workbooks', async () => {
    const r = await runCli(['analyze', small, '--out-dir', f('books')]);
    expect(r.code).toBe(0);
    expect(existsSync(f('books/small.annotated.xlsx'))).toBe(true);
  });
});
