import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readInput, withoutOutputColumns } from '../../src/cli/readInput';
import { CLI_FIXTURES, runCli, scratchDir, SMALL_CSV } from './helpers';

const { dir, cleanup } = scratchDir();
afterAll(cleanup);

/** A workbook with an empty first sheet and a client table at B2 holding every kind of cell. */
async function clientWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes');
  const ws = wb.addWorksheet('Clients');
  ws.getCell('B2').value = '客户号';
  ws.getCell('C2').value = { richText: [{ text: '客户' }, { text: '名称', font: { bold: true } }] };
  ws.getCell('D2').value = '存款日均';
  ws.getCell('E2').value = '开户日期';
  ws.getCell('F2').value = '投诉次数';
  ws.getCell('G2').value = '备注';
  ws.addRow([]);
  const rows: ExcelJS.CellValue[][] = [
    ['C001', '张三', 100, new Date(Date.UTC(2020, 0, 15)), 0, { text: 'site', hyperlink: 'https://example.com' }],
    ['C002', '李四', { formula: 'D4*3', result: 300 }, new Date(Date.UTC(2019, 5, 30)), { error: '#N/A' }, true],
    ['C003', '王五', 50, new Date(Date.UTC(2023, 2, 1)), 0, null],
  ];
  rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(3 + i, 2 + j).value = v)));
  ws.getCell('J20').style = { font: { bold: true } }; // formatting only: not part of the used range
  await wb.xlsx.writeFile(file);
}

describe('reading .xlsx', () => {
  const file = path.join(dir, 'clients.xlsx');
  beforeAll(() => clientWorkbook(file));

  test('the first sheet with data and its used range are the table', async () => {
    const input = await readInput(file, dir);
    expect(input.kind).toBe('xlsx');
    expect(input.sheetName).toBe('Clients');
    expect(input.range).toEqual({ top: 2, left: 2, bottom: 5, right: 7 });
    expect(input.table[0]).toEqual(['客户号', '客户名称', '存款日均', '开户日期', '投诉次数', '备注']);
  });

  test('cells become plain values: dates at UTC midnight, formula results, error texts, link texts', async () => {
    const { table } = await readInput(file, dir);
    expect(table[1]).toEqual(['C001', '张三', 100, new Date(Date.UTC(2020, 0, 15)), 0, 'site']);
    expect(table[2]).toEqual(['C002', '李四', 300, new Date(Date.UTC(2019, 5, 30)), '#N/A', true]);
    expect(table[3]).toEqual(['C003', '王五', 50, new Date(Date.UTC(2023, 2, 1)), 0, null]);
  });

  test('--sheet and --range choose the table', async () => {
    const input = await readInput(file, dir, { sheet: 'Clients', range: { top: 2, left: 2, bottom: 3, right: 4 } });
    expect(input.table).toEqual([
      ['客户号', '客户名称', '存款日均'],
      ['C001', '张三', 100],
    ]);
  });

  test('the other cells of a merged area read as empty, as in Excel', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRows([
      ['Client', 'Balance', 'Note'],
      ['A', 1, 'x'],
    ]);
    ws.mergeCells('B2:C2');
    const merged = path.join(dir, 'merged.xlsx');
    await wb.xlsx.writeFile(merged);
    const { table } = await readInput(merged, dir);
    expect(table[1]).toEqual(['A', 1, null]);
  });

  test('an xlsx table is analysed: names, the error cell as an issue, the Date as a date', async () => {
    const r = await runCli(['analyze', file, '--format', 'json', '--as-of', '2026-10-31']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rows.map((x: { clientName: string }) => x.clientName)).toEqual(['张三', '李四', '王五']);
    expect(json.rows[1].volume).toBe(300);
    expect(json.rows[1].issues).toEqual([expect.objectContaining({ code: 'ERROR_VALUE', value: '#N/A' })]);
    expect(json.rows[0].issues).toEqual([]);
  });
});

describe('reading .csv', () => {
  test('CSV cells stay text; empty cells are ""', async () => {
    const file = path.join(dir, 'text.csv');
    writeFileSync(file, '客户号,余额,最近交易日期\nC1,"1,200",46311\nC2,,\n');
    const { table, kind } = await readInput(file, dir);
    expect(kind).toBe('csv');
    expect(table).toEqual([
      ['客户号', '余额', '最近交易日期'],
      ['C1', '1,200', '46311'],
      ['C2', '', ''],
    ]);
  });

  test('the used range leaves out blank leading lines and empty trailing columns; short lines are padded', async () => {
    const file = path.join(dir, 'ragged.csv');
    writeFileSync(file, '\n\nID,Balance,,\nA,1\nB,2,,\n\n');
    const input = await readInput(file, dir);
    expect(input.range).toEqual({ top: 3, left: 1, bottom: 5, right: 2 });
    expect(input.table).toEqual([
      ['ID', 'Balance'],
      ['A', '1'],
      ['B', '2'],
    ]);
  });

  test('a GB18030 file from Chinese Excel is analysed with its Chinese names', async () => {
    const r = await runCli(['analyze', path.join(CLI_FIXTURES, 'gb18030.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.mapping.client_name).toEqual(['客户名称']);
    expect(json.rows.map((x: { clientName: string }) => x.clientName)).toEqual(['张三', '李四㐀', '王五']);
  });

  test('UTF-8 with and without a BOM give the same result', async () => {
    const plain = path.join(dir, 'plain.csv');
    const bom = path.join(dir, 'bom.csv');
    writeFileSync(plain, SMALL_CSV);
    writeFileSync(bom, '\uFEFF' + SMALL_CSV);
    const a = await runCli(['analyze', plain, '--format', 'json']);
    const b = await runCli(['analyze', bom, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(JSON.parse(a.stdout).mapping.client_id).toEqual(['客户号']);
  });

  test('the output columns of an earlier run are left out when a result is analysed again', async () => {
    const input = withoutOutputColumns({
      path: '',
      display: '',
      kind: 'csv',
      sheetName: 'S',
      range: { top: 1, left: 1, bottom: 2, right: 5 },
      table: [
        ['ID', 'Balance', 'Business share', 'Loyalty score', 'Quadrant'],
        ['A', '1', '1', '50', 'Loyal'],
      ],
    });
    expect(input.table).toEqual([
      ['ID', 'Balance'],
      ['A', '1'],
    ]);
    expect(input.range.right).toBe(2);
  });
});
