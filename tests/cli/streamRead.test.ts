/**
 * The streaming readers (csvStream, xlsxStream, tableStream) against the whole-file readers they
 * replace (readInput: parseCsv over the decoded text, exceljs): the same records, cells, table,
 * range and analysis result, whatever the chunk boundaries, encodings and cell kinds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { analyze, DEFAULT_CONFIG, resultColumns, startAnalysis, toResultJson, type Cell, type Locale } from '../../src/domain';
import { CsvRecords, parseCsv } from '../../src/cli/readCsv';
import { readInput, withoutOutputColumns } from '../../src/cli/readInput';
import { readUsed } from '../../src/cli/readXlsx';
import { analyzeCsv, analyzeXlsx, tableOf, type StartAnalysis } from '../../src/cli/streamInput';
import { TableFinder } from '../../src/cli/tableStream';
import { openBook, rowBound, scanSheet } from '../../src/cli/xlsxStream';
import { ByteRecords } from '../../src/cli/csvBytes';
import { ByteOut, copyRecords, csvWriter, tailWriter } from '../../src/cli/writeCsv';
import { Tails } from '../../src/cli/csvTails';
import { JSON_BLOCK, JsonRows } from '../../src/cli/jsonRows';
import { encodeRows, laterFrom } from '../../src/cli/rowCodes';
import { rowsText, writeJson } from '../../src/cli/writeJson';
import { writerSink } from '../../src/cli/sink';
import * as workerModule from '../../src/cli/worker';
import * as typedModule from '../../src/cli/csvTyped';
import { outputColumns } from '../../src/domain';
import { CLI_FIXTURES, runCli, scratchDir } from './helpers';

const { dir, cleanup } = scratchDir();
afterAll(cleanup);
const f = (name: string) => path.join(dir, name);
jest.setTimeout(60_000);

const config = { ...DEFAULT_CONFIG, asOf: '2026-10-31' };
const today = '2026-11-15';
const start: StartAnalysis = (header, capacity) => startAnalysis(header, config, { today }, undefined, capacity);

/** The result and range through readInput (the whole file), as the command line read it before. */
async function wholeFile(file: string, range?: { top: number; left: number; bottom: number; right: number }) {
  const input = withoutOutputColumns(await readInput(file, dir, { range }));
  return { range: input.range, table: input.table, result: toResultJson(analyze(input.table, config, { today })) };
}

async function streamed(file: string, range?: { top: number; left: number; bottom: number; right: number }) {
  const abs = f(file);
  const read = file.endsWith('.xlsx') ? await analyzeXlsx(abs, file, { range }, start) : await analyzeCsv(abs, file, { range }, start);
  if (!read) return null;
  return { range: read.input.range, result: toResultJson(read.result), input: read.input };
}

/** --format csv through the byte pass (null when the input offers none). */
async function writeBytes(
  read: Awaited<ReturnType<typeof analyzeCsv>>,
  rows: number,
  locale: Locale = 'en-US',
  tailsFrom?: number,
): Promise<string | null> {
  if (!read.input.rereadBytes) return null;
  const out = new ByteOut();
  const pieces: Buffer[] = [];
  const w = csvWriter(read.result, locale, rows, out, undefined, tailsFrom);
  await read.input.rereadBytes(copyRecords(w, read.input.range, ',', read.input.plainWidths), async () => {
    pieces.push(...out.take());
  });
  w.end();
  pieces.push(...out.take());
  return Buffer.concat(pieces).toString('utf8');
}

/** --format csv through the field-by-field text writer (the rows read again and written cell by cell). */
async function writeText(read: Awaited<ReturnType<typeof analyzeCsv>>, rows: number, locale: Locale = 'en-US'): Promise<string> {
  let text = '';
  const w = csvWriter(read.result, locale, rows, (t) => (text += t));
  await read.input.reread(w);
  w.end();
  return text;
}

/** --format json of a read's result, as the command line writes it (rowsFrom: where a worker thread takes over). */
async function jsonText(read: Awaited<ReturnType<typeof analyzeCsv>>, rowsFrom = Infinity): Promise<string> {
  let out = '';
  await writeJson(read.result, writerSink({ write: (c: string) => ((out += c), true) }), undefined, rowsFrom);
  return out;
}

/**
 * The file read again with the result's records left unmade (lazyRows, as the command line reads
 * for CSV and JSON): its CSV (text and byte pass) and JSON, written from the result's columns,
 * which none of the writers made into records.
 */
async function lazyOutputs(name: string, locale: Locale, workers = false) {
  const read = await analyzeCsv(f(name), name, { lazyRows: true }, start);
  const rows = read.input.range.bottom - read.input.range.top;
  const out = {
    text: await writeText(read, rows, locale),
    bytes: await writeBytes(read, rows, locale),
    bytesWithWorker: workers ? await writeBytes(read, rows, locale, 1) : null,
    json: await jsonText(read),
    jsonWithWorker: workers ? await jsonText(read, 1) : null,
  };
  expect(resultColumns(read.result)).not.toBeNull();
  return out;
}

describe('CSV records read in pieces', () => {
  it('are the records of the whole text, wherever the pieces end', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', '中', ' '), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }), (t, cuts) => {
        const points = [...new Set(cuts.map((c) => Math.min(c, t.length)))].sort((a, b) => a - b);
        const records: string[][] = [];
        const r = new CsvRecords(',', (x) => records.push(x));
        let at = 0;
        for (const p of [...points, t.length]) {
          r.feed(t.slice(at, p));
          at = p;
        }
        r.end();
        expect(records).toEqual(parseCsv(t, ','));
      }),
      { numRuns: 3000 },
    );
  });

  /** The records of `pieces`, a record without quotes handed on as its text (split here). */
  const plainRecords = (pieces: readonly string[]) => {
    const records: string[][] = [];
    const r = new CsvRecords(',', { record: (x) => records.push(x), plain: (t, s, e) => records.push(t.slice(s, e).split(',')) });
    for (const p of pieces) r.feed(p);
    r.end();
    return records;
  };

  it('are the same when a record without quotes is handed on as its text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', '中', ' '), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }), (t, cuts) => {
        const points = [...new Set(cuts.map((c) => Math.min(c, t.length)))].sort((a, b) => a - b);
        const pieces = [...points, t.length].map((p, i, all) => t.slice(i ? all[i - 1] : 0, p));
        expect(plainRecords(pieces)).toEqual(parseCsv(t, ','));
      }),
      { numRuns: 3000 },
    );
  });

  it('are the same in pieces of a file reader\'s size, a record left over from one finished with the next', () => {
    const lines: string[] = [];
    for (let i = 0; lines.join('').length < 400_000; i++) {
      const name = i % 97 === 0 ? `"名称,${i}\n续"` : i % 89 === 0 ? `"引""号${i}"` : `客户${i}`;
      lines.push(`C${i},${name},${i * 1.5},2026-10-${String((i % 28) + 1).padStart(2, '0')}${i % 5 === 0 ? '\n' : '\r\n'}`);
    }
    const t = lines.join('');
    for (const size of [65_537, 100_003, 1 << 17]) {
      const pieces: string[] = [];
      for (let at = 0; at < t.length; at += size) pieces.push(t.slice(at, at + size));
      const whole = parseCsv(t, ',');
      expect(plainRecords(pieces)).toEqual(whole);
      const records: string[][] = [];
      const r = new CsvRecords(',', (x) => records.push(x));
      for (const p of pieces) r.feed(p);
      r.end();
      expect(records).toEqual(whole);
    }
  });
});

const HEADER = '客户号,客户名称,存款日均(万元),信用等级,开户日期,投诉次数,本行占比';

/** A CSV of `rows` clients with quoted fields holding commas, quotes and line ends. */
function clientsCsv(rows: number, eol = '\r\n'): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const name = i % 7 === 0 ? `"客户${i}, 第二行\n有""引号"""` : `客户${i}`;
    const volume = ['1,234', '56', ' 78 ', '1.5万', '-', '#N/A', '12%', '0.5'][i % 8];
    const date = ['2020-01-15', '2019/6/30', '45000', '2026-02-30', ''][i % 5];
    lines.push(`C${i},${name},${volume},${['AA', 'bbb', 'A级', 'X'][i % 4]},${date},${i % 3},${[0.2, 0.5, 85, '120%', -1][i % 5]}`);
  }
  return lines.join(eol) + eol;
}

describe('a CSV read as a stream', () => {
  const cases: [string, () => Buffer | string][] = [
    ['utf8.csv', () => clientsCsv(300)],
    ['bom.csv', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(clientsCsv(200, '\n'))])],
    ['utf16le.csv', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clientsCsv(200).replace(/,/g, '\t'), 'utf16le')])],
    ['utf16be.csv', () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(clientsCsv(50).replace(/,/g, '\t'), 'utf16le').swap16()])],
    ['cr.csv', () => clientsCsv(100, '\r')],
    ['semicolon.csv', () => clientsCsv(100).replace(/,/g, ';')],
    // Blank lines, a row left of the header (the table starts further left), trailing blank rows.
    ['shifted.csv', () => `\n,,${HEADER}\n,,C1,甲,100,AA,2020-01-01,0,0.5\n\n,x,C2,乙,200,A,2021-01-01,1,0.2\n,,  ,\n\n\n`],
    ['annotated.csv', () => `${HEADER},业务份额,忠诚度得分,客户象限\nC1,甲,100,AA,2020-01-01,0,0.5,0.1,50,忠诚客户\n,,,,,,,x,y,z\nC2,乙,300,A,2021-01-01,1,0.2,0.9,20,一般客户\n`],
    // Large enough for several 1 MB chunks, quoted line ends across their boundaries.
    ['large.csv', () => clientsCsv(40_000)],
  ];
  for (const [name, make] of cases) {
    it(`gives the table and result of the whole-file reader: ${name}`, async () => {
      writeFileSync(f(name), make());
      const whole = await wholeFile(name);
      const s = await streamed(name);
      expect(s?.range).toEqual(whole.range);
      expect(s?.result).toEqual(whole.result);
      // Read again (for --format csv and a CSV's workbook): the same cells.
      if (s) expect(await tableOf(s.input)).toEqual(whole.table);
    });
  }

  it('gives the same with --range, including rows past the end of the file', async () => {
    writeFileSync(f('ranged.csv'), clientsCsv(30));
    for (const range of [{ top: 1, left: 1, bottom: 20, right: 5 }, { top: 1, left: 2, bottom: 60, right: 9 }]) {
      const whole = await wholeFile('ranged.csv', range);
      const s = await streamed('ranged.csv', range);
      expect(s?.range).toEqual(whole.range);
      expect(s?.result).toEqual(whole.result);
      if (s) expect(await tableOf(s.input)).toEqual(whole.table);
    }
  });

  it('writes --format csv the same when its lines are copied as they are (copyRecords) as field by field', async () => {
    // Lines copied as text, and lines that are not: quoted fields, a space at a field's end, short
    // and long rows, empty lines, a tab-separated file, a range not starting in column A.
    const extra = '\r\nC9,短行\r\n\r\nC10,名,1,AA,2020-01-15,0,0.2,多一列\r\nC11 ,名 ,2,AA,2020-01-15,0, 0.2\r\n';
    writeFileSync(f('copy.csv'), clientsCsv(3000) + extra);
    writeFileSync(f('copy.tsv.csv'), (clientsCsv(50) + extra).replace(/,/g, '\t'));
    const cases: [string, { top: number; left: number; bottom: number; right: number } | undefined][] = [
      ['copy.csv', undefined],
      ['copy.csv', { top: 1, left: 1, bottom: 2000, right: 7 }],
      ['copy.csv', { top: 1, left: 2, bottom: 100, right: 7 }],
      ['copy.csv', { top: 1, left: 1, bottom: 3100, right: 5 }],
      ['copy.tsv.csv', undefined],
    ];
    for (const [file, range] of cases) {
      const read = await analyzeCsv(f(file), file, { range }, start);
      const rows = read.input.range.bottom - read.input.range.top;
      const write = async (copy: boolean) => {
        let text = '';
        const w = csvWriter(read.result, 'zh-CN', rows, (s) => (text += s));
        if (copy) await read.input.rereadRecords?.((d) => copyRecords(w, read.input.range, d));
        else await read.input.reread(w);
        w.end();
        return text;
      };
      const fieldByField = await write(false);
      expect(fieldByField.split('\r\n').length).toBeGreaterThan(50);
      expect(await write(true)).toBe(fieldByField);
      expect(await writeBytes(read, rows, 'zh-CN')).toBe(file.includes('tsv') ? null : fieldByField);
    }
  });

  it('writes --format csv the same when its lines are copied as bytes (UTF-8 files)', async () => {
    // Quoted fields over line ends and chunk ends, a quoted field longer than a decoding window,
    // wide and full-width spaces at a field's edge, characters outside the BMP, CR-only and LF
    // line ends, no line end at the end, a BOM; and files the byte pass must leave alone.
    const long = '长'.repeat(40_000);
    const extra =
      `\r\nC9,"多行\r\n名称",1,AA,2020-01-15,0,0.2\nC10,\u3000名,1,AA,2020-01-15,0,0.2\rC11,名\u00a0,2,AA,2020-01-15,0,0.2` +
      `\r\nC12,𠀋名,3,AA,2020-01-15,0,0.2\r\nC13,"${long}",3,AA,2020-01-15,0,0.2\r\nC14,名"引",3,AA,2020-01-15,0,0.2\r\nC15,＂名＂,3,AA,2020-01-15,0,0.2`;
    const body = clientsCsv(40_000) + extra;
    writeFileSync(f('bytes.csv'), body);
    writeFileSync(f('bytes-bom.csv'), `\uFEFF${body}\r\n`);
    // After a BOM, invalid UTF-8 is read with replacement characters: not copied as bytes.
    writeFileSync(f('bytes-bad.csv'), Buffer.concat([Buffer.from(`\uFEFF${body}\r\n`), Buffer.from([0xff, 0x2c, 0x0d, 0x0a])]));
    for (const [file, copied] of [['bytes.csv', true], ['bytes-bom.csv', true], ['bytes-bad.csv', false]] as const) {
      for (const range of [undefined, { top: 1, left: 1, bottom: 39_990, right: 6 }]) {
        const read = await analyzeCsv(f(file), file, { range }, start);
        const rows = read.input.range.bottom - read.input.range.top;
        const text = await writeText(read, rows);
        expect(text).toContain('名');
        expect(await writeBytes(read, rows)).toBe(copied ? text : null);
      }
    }
  });

  it('writes the output numbers through the byte pass as String writes them, repeating or not', async () => {
    // Volumes that repeat (shares the writer keeps) then volumes that never do (past the point
    // where it stops keeping them); loyalty scores that repeat after a few thousand.
    const lines = [HEADER];
    for (let i = 0; i < 12_000; i++) {
      const volume = i < 3000 ? [12, 345, 6789][i % 3] : ((i * 7919) % 1_000_003) + 0.25;
      lines.push(`C${i},客户${i},${volume},${['AA', 'bbb', 'A级'][i % 3]},2020-01-15,${i % 5},${(i % 997) / 1000}`);
    }
    writeFileSync(f('numbers.csv'), lines.join('\r\n') + '\r\n');
    const read = await analyzeCsv(f('numbers.csv'), 'numbers.csv', {}, start);
    const rows = read.input.range.bottom - read.input.range.top;
    const text = await writeText(read, rows);
    const body = text.split('\r\n').slice(1, -1).map((l) => l.split(','));
    const shares = new Set(body.map((cells) => cells[7]));
    const scores = new Set(body.map((cells) => cells[8]));
    expect(body).toHaveLength(12_000);
    expect(shares.size).toBeGreaterThan(8000);
    expect(scores.size).toBeGreaterThan(2000);
    expect(scores.size).toBeLessThan(6000);
    expect(body[0][7]).toMatch(/^\d\.\d+(e-\d+)?$/);
    expect(await writeBytes(read, rows)).toBe(text);
    // The later rows' output cells from the worker thread (as far as it got).
    expect(await writeBytes(read, rows, 'en-US', 1)).toBe(text);
  });

  it('gives the later rows to the worker started ahead (while the analysis ran), which writes them as a new one does', async () => {
    writeFileSync(f('tails.csv'), richCsv());
    const read = await analyzeCsv(f('tails.csv'), 'tails.csv', { lazyRows: true }, start);
    const rows = read.input.range.bottom - read.input.range.top;
    const byRow = new Array(rows);
    for (const r of read.result.rows) byRow[r.row - 1] = r;
    workerModule.prestartWorker('csvTailWorker');
    workerModule.prestartWorker('jsonRowsWorker');
    expect(workerModule.spareWorkerNames().sort()).toEqual(['csvTailWorker', 'jsonRowsWorker']);
    const tails = Tails.start(rows, () => encodeRows(byRow, false, laterFrom(rows, 1024)), outputColumns(read.result), 'en-US');
    expect(workerModule.spareWorkerNames()).toEqual(['jsonRowsWorker']);
    await tails?.ended;
    // This thread is at row 0 only now: the worker (the one started ahead) wrote every later block.
    const out = new ByteOut();
    let written = 0;
    for (let j = 0; j < rows; j++) if (tails?.write(out, j)) written++;
    expect(written).toBe(rows - Math.max(1024, laterFrom(rows, 1024)));
    const text = await writeText(read, rows);
    expect(await writeBytes(read, rows, 'en-US', 1)).toBe(text);
    expect(await jsonText(read, 1)).toBe(await jsonText(read));
    expect(workerModule.spareWorkerNames()).toEqual([]);
    // One not taken is ended.
    workerModule.prestartWorker('csvTailWorker');
    workerModule.endSpareWorkers();
    expect(workerModule.spareWorkerNames()).toEqual([]);
  });

  it('has a worker thread write the later rows\' output cells as this thread does', async () => {
    writeFileSync(f('tails.csv'), richCsv());
    for (const locale of ['zh-CN', 'en-US', 'zh-TW'] as const) {
      const read = await analyzeCsv(f('tails.csv'), 'tails.csv', {}, start);
      const rows = read.input.range.bottom - read.input.range.top;
      const byRow = new Array(rows);
      for (const r of read.result.rows) byRow[r.row - 1] = r;
      const columns = outputColumns(read.result);
      const tails = Tails.start(rows, () => encodeRows(byRow, false, laterFrom(rows, 1024)), columns, locale);
      expect(tails).not.toBeNull();
      await tails?.ended;
      const fromWorker = new ByteOut();
      const here = new ByteOut();
      const write = tailWriter(columns, locale);
      // This thread is at row 0 only now: the worker wrote every block of the later rows it was given.
      let written = 0;
      for (let j = 0; j < rows; j++) {
        if (tails?.write(fromWorker, j)) {
          written++;
          write(here, byRow[j]);
        }
      }
      expect(written).toBe(rows - Math.max(1024, laterFrom(rows, 1024)));
      const a = Buffer.concat(fromWorker.take()).toString('utf8');
      expect(a).toBe(Buffer.concat(here.take()).toString('utf8'));
      expect(a).toMatch({ 'en-US': /Competitive/, 'zh-CN': /竞争/, 'zh-TW': /競爭/ }[locale]);
      // Either way, the bytes are the text writer's (cell by cell, csvField).
      const text = await writeText(read, rows, locale);
      expect(await writeBytes(read, rows, locale)).toBe(text);
      expect(await writeBytes(read, rows, locale, 1)).toBe(text);
      // And from the result's columns (the rows coded with no record made), in either thread.
      const lazy = await lazyOutputs('tails.csv', locale, true);
      expect(lazy.text).toBe(text);
      expect(lazy.bytes).toBe(text);
      expect(lazy.bytesWithWorker).toBe(text);
    }
  });

  it('finds the records of UTF-8 bytes as the text reader finds them, wherever the pieces end', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '中', ' ', '\u3000', '𠀋'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 6 }), (t, cuts) => {
        const bytes = Buffer.from(t);
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const records: string[][] = [];
        const r = new ByteRecords({ record: (x) => records.push(x), plainBytes: (b, s, e) => records.push(Buffer.from(b).toString('utf8', s, e).split(',')) });
        let at = 0;
        for (const p of [...points, bytes.length]) {
          r.feed(bytes.subarray(at, p));
          at = p;
        }
        r.end();
        expect(records).toEqual(parseCsv(t, ','));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads GB18030, also when the first bytes that are not UTF-8 come after the first chunk', async () => {
    const gb = await import('node:fs').then((fs) => fs.readFileSync(path.join(CLI_FIXTURES, 'gb18030.csv')));
    const [head, ...rest] = gb.toString('latin1').split(/\r?\n/);
    // ASCII rows first (valid UTF-8 for more than a chunk), then the GB18030 ones.
    const ascii = Array.from({ length: 30_000 }, (_, i) => `C${i},Client ${i},${i % 50}`).join('\r\n');
    writeFileSync(f('gb-late.csv'), Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), Buffer.from(`${ascii}\r\n`), Buffer.from(rest.join('\r\n'), 'latin1')]));
    writeFileSync(f('gb.csv'), gb);
    for (const name of ['gb.csv', 'gb-late.csv']) {
      const whole = await wholeFile(name);
      const s = await streamed(name);
      expect(s?.result).toEqual(whole.result);
    }
  });

  it('refuses what the whole-file reader refuses, with the same message', async () => {
    writeFileSync(f('empty-lines.csv'), '\n\n,,\n');
    writeFileSync(f('binary.csv'), Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01, 0x02]));
    for (const name of ['empty-lines.csv', 'binary.csv']) {
      const r = await runCli(['analyze', f(name)]);
      expect(r.code).toBe(1);
      await expect(readInput(name, dir)).rejects.toThrow();
      await expect(streamed(name)).rejects.toThrow();
    }
    expect((await runCli(['analyze', f('binary.csv')])).stderr).toMatch(/is not a CSV or XLSX file\n$/);
  });
});

/** A workbook of every cell kind: shared strings, rich text, dates with styles, booleans, errors, formulas, sparse rows and cells. */
async function kindsWorkbook(file: string, inline: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['不是这张']);
  wb.addWorksheet('空白');
  const ws = wb.addWorksheet('客户');
  ws.getCell('B3').value = '客户号';
  ws.getCell('C3').value = '客户名称';
  ws.getCell('D3').value = '存款日均(万元)';
  ws.getCell('E3').value = '开户日期';
  ws.getCell('F3').value = '他行营销';
  ws.getCell('G3').value = '信用等级';
  for (let i = 0; i < 300; i++) {
    const r = 4 + i + Math.floor(i / 50) * 2; // a few empty rows
    ws.getCell(`B${r}`).value = `C${i}`;
    ws.getCell(`C${r}`).value = i % 9 === 0 ? { richText: [{ text: '富' }, { font: { bold: true }, text: `文本 & <${i}>` }] } : `客户${i}`;
    ws.getCell(`D${r}`).value = i % 11 === 0 ? { formula: 'A1*0+12', result: 12 } : i % 13 === 0 ? { error: '#N/A' } : i % 17 === 0 ? '1,234' : i * 3.25;
    ws.getCell(`E${r}`).value = i % 3 === 0 ? new Date(Date.UTC(2020, 0, 1 + i)) : i % 3 === 1 ? 43000 + i : '2021-05-06';
    if (i % 4 === 0) ws.getCell(`F${r}`).value = i % 8 === 0;
    if (i % 5 !== 0) ws.getCell(`G${r}`).value = ['AA', 'BBB', 'A-', 'CC'][i % 4];
  }
  ws.getCell('E2').numFmt = 'yyyy-mm-dd'; // a styled empty cell: not part of the table
  await wb.xlsx.writeFile(file);
  if (!inline) return;
  const zip = await JSZip.loadAsync(await import('node:fs').then((fs) => fs.readFileSync(file)));
  const sheetPart = Object.keys(zip.files).find((n) => n.endsWith('sheet3.xml')) ?? '';
  const sheet = await zip.file(sheetPart)!.async('string');
  const ss = await zip.file('xl/sharedStrings.xml')!.async('string');
  const strings = [...ss.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
  zip.file(sheetPart, sheet.replace(/<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, ref: string, a: string, b: string, i: string) => `<c r="${ref}"${a} t="inlineStr"${b}><is>${strings[Number(i)]}</is></c>`));
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** A CSV of `rows` clients without a quote: messy cells, blank lines, spaces at field edges. */
function plainCsv(rows: number, eol = '\r\n'): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    if (i % 997 === 500) lines.push('', ',,');
    const volume = ['1234', '56', ' 78 ', '1.5万', '-', '#N/A', '12%', '0.5', '\u3000９\u3000'][i % 9];
    const date = ['2020-01-15', '2019/6/30', '45000', '2026-02-30', ''][i % 5];
    // The percent column is in fractions in the first half, in points (some above 1) in the second.
    const pct = i < rows / 2 ? [0.2, 0.5, '', 0.75][i % 4] : [20, 85, '120%', -1, 0.5][i % 5];
    const id = i % 1000 === 999 ? 'C7' : `C${i}`;
    const name = i % 3001 === 17 ? '\uFEFF客户' : `客户${i}`;
    lines.push(`${id},${name},${volume},${['AA', 'bbb', 'A级', 'X'][i % 4]},${date},${i % 3},${pct}`);
  }
  return lines.join(eol) + eol + eol;
}

/** plainCsv with every kind of output cell: flags, churn types, issues, a previous quadrant, skipped rows. */
function richCsv(rows = 6000): string {
  return plainCsv(rows)
    .replace(HEADER, `${HEADER},上期象限,客户状态,流失原因`)
    .replace(/\r\n(C\d+,[^\r]*)/g, (_m, line: string) => {
      const i = Number(/^C(\d+)/.exec(line)?.[1]);
      return `\r\n${line},${['忠诚客户', '', '问题客户2', 'x'][i % 4]},${['正常', '销户', '休眠'][i % 3]},${['', '他行利率', '搬迁'][i % 3]}`;
    });
}

describe('a CSV without quotes read as bytes (csvTyped.ts)', () => {
  const TYPED_HEADER = '客户号,客户名称,存款日均(万元),信用等级,开户日期,投诉次数,本行占比,客户状态,备注,他行营销,上期象限,最近交易日期,流失原因';
  // Spellings the readers take differently: plain and not, past 15 digits, out of range, spaces
  // and full-width spaces at the edges, error values, outside the BMP, U+FFFD, empty.
  const pools: string[][] = [
    ['C1', 'C2', ' C3', 'C4 ', '', '#N/A', '\u3000C5', 'C1'],
    ['客户', '名\u00a0', '𠀋名', '', '\uFFFD', 'Client', ' '],
    ['1234', '-0', '+.5', '0012', '1.5万', '12345678901234567', '1e3', ' 78 ', '#N/A', '', '-', '0.1000000000000000055511', '５６', '7.'],
    ['AA', 'bbb', 'A级', 'X', '', 'BB+'],
    ['2020-01-15', '2019/6/30', '45000', '2026-02-30', '', '0001-01-01', '9999-12-31', '1899-12-30', '1900-01-01', '2026-1-5', '2026-10-31 '],
    ['0', '1', '2.5', '', 'x', '-3'],
    ['0.2', '0.5', '85', '120%', '-1', '', '1', '0', '-0', '1.5'],
    ['正常', '销户', '休眠', '', ' 销户', '潜在'],
    ['', ' ', '\u3000', '备注', 'x', '\u3000备', '   a', '𠀋'],
    ['是', '否', '', 'Y', '#N/A'],
    ['忠诚客户', '问题客户1', '一般客户', '', 'X', '問題客戶2'],
    ['2026-09-30', '', '2026-13-01', '2026-9-3', '20260930'],
    ['', '他行利率', '搬迁', '服务不满'],
  ];
  // A 'remark' line has only its unread column: empty when that is white space only, else a row.
  const line = fc.tuple(
    fc.tuple(...pools.map((p) => fc.constantFrom(...p))),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.constantFrom('full', 'short', 'long', 'blank', 'remark'),
  );

  it('gives the table, result and --format csv of the text reader', async () => {
    const typed = jest.spyOn(typedModule, 'streamTyped');
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 120 }), fc.boolean(), fc.constantFrom('', '\n', ',,\n'), fc.constantFrom(',', ';', '\t'), async (lines, bom, lead, d) => {
        const body = lines
          .map(([cells, eol, shape]) => (shape === 'blank' ? '' : shape === 'remark' ? cells.map((c, j) => (j === 8 ? c : '')).join(d) : shape === 'short' ? cells.slice(0, 5).join(d) : shape === 'long' ? `${cells.join(d)}${d}多${d}` : cells.join(d)) + eol)
          .join('');
        const name = `typed-${k++}.csv`;
        writeFileSync(f(name), (bom ? '\uFEFF' : '') + lead.replace(/,/g, d) + TYPED_HEADER.replace(/,/g, d) + '\r\n' + body);
        const whole = await wholeFile(name).catch((e: unknown) => ({ error: String(e) }));
        const calls = typed.mock.calls.length;
        const attempt = await analyzeCsv(f(name), name, {}, start).catch((e: unknown) => ({ error: String(e) }));
        expect(typed.mock.calls.length).toBeGreaterThan(calls);
        // A table without client rows is refused the same way.
        if ('error' in whole || 'error' in attempt) return expect(attempt).toEqual(whole);
        const read = attempt;
        expect(read.input.range).toEqual(whole.range);
        expect(toResultJson(read.result)).toEqual(whole.result);
        expect(await tableOf(read.input)).toEqual(whole.table);
        // The byte pass (lines copied as they are where the first pass saw no space at an edge)
        // writes what the field-by-field writer writes.
        const rows = read.input.range.bottom - read.input.range.top;
        const text = await writeText(read, rows, 'zh-CN');
        // After a BOM the text reader decodes leniently: a U+FFFD may have been a bad byte, not copied.
        // (Only a comma-separated file has the byte pass.)
        const bytes = await writeBytes(read, rows, 'zh-CN');
        expect(bytes).toBe((bom && body.includes('\uFFFD')) || d !== ',' ? null : text);
        // Written from the result's columns, the records never made: the same bytes.
        const lazy = await lazyOutputs(name, 'zh-CN');
        expect(lazy.text).toBe(text);
        expect(lazy.bytes).toBe(bytes);
        expect(lazy.json).toBe(`${JSON.stringify(toResultJson(read.result), null, 2)}\n`);
      }),
      { numRuns: 80 },
    );
    typed.mockRestore();
  });

  it('reads a line longer than several pieces of the file, quoted or not, as the text reader does', async () => {
    const long = '长'.repeat(3_000_000); // 9 MB: longer than the 4 MB a record may run on for unread
    const rows = Array.from({ length: 2000 }, (_, i) => `C${i},客户${i},${i % 90},AA,2020-01-15,0,0.5,x`);
    const files: [string, string][] = [
      ['long-plain.csv', [`${HEADER},备注`, ...rows.slice(0, 1000), `C9,名,1,AA,2020-01-15,0,0.5,${long}`, ...rows.slice(1000)].join('\r\n') + '\r\n'],
      ['long-quoted.csv', [`${HEADER},备注`, ...rows.slice(0, 1000), `C9,名,1,AA,2020-01-15,0,0.5,"${long}\r\n"`, ...rows.slice(1000)].join('\r\n') + '\r\n'],
    ];
    for (const [name, content] of files) {
      writeFileSync(f(name), content);
      const whole = await wholeFile(name);
      const read = await analyzeCsv(f(name), name, {}, start);
      expect(toResultJson(read.result)).toEqual(whole.result);
      expect(await tableOf(read.input)).toEqual(whole.table);
      const rowsOut = read.input.range.bottom - read.input.range.top;
      const text = await writeText(read, rowsOut);
      expect(text).toContain(long);
      expect(await writeBytes(read, rowsOut)).toBe(text);
    }
  });

  it('leaves to the text reader what it cannot read exactly so, with the same answer', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `C${i},客户${i},${i % 90},AA,2020-01-15,0,0.5`).join('\r\n');
    const ascii = Array.from({ length: 3000 }, (_, i) => `C${i},Client ${i},${i % 90}`).join('\r\n');
    const files: [string, Buffer, boolean][] = [
      // Not UTF-8: GB18030, read as text (and the byte pass is not offered).
      ['typed-gb.csv', Buffer.concat([Buffer.from(`client id,client name,volume\r\n${ascii}\r\n`), Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0x31, 0x0d, 0x0a])]), false],
      // Invalid UTF-8 after a BOM: replacement characters, as the text reader reads it.
      ['typed-bad.csv', Buffer.concat([Buffer.from(`\uFEFF${HEADER}\r\n${rows}\r\n`), Buffer.from([0xff, 0x2c, 0x31, 0x0d, 0x0a])]), false],
      // A character cut by the end of the file (after a BOM: a replacement character).
      ['typed-cut.csv', Buffer.concat([Buffer.from(`\uFEFF${HEADER}\r\n${rows}\r\nC9,`), Buffer.from([0xe5, 0xae])]), false],
      // Two byte-order marks: the text reader's decoder drops the second.
      ['typed-2bom.csv', Buffer.from(`\uFEFF\uFEFF${HEADER}\r\n${rows}\r\n`), false],
      // A U+FFFD in valid UTF-8: a character of the file, copied as bytes unless a BOM made decoding lenient.
      ['typed-fffd.csv', Buffer.from(`${HEADER}\r\n${rows}\r\nC9,\uFFFD,1\r\n`), true],
      ['typed-fffd-bom.csv', Buffer.from(`\uFEFF${HEADER}\r\n${rows}\r\nC9,\uFFFD,1\r\n`), false],
      // Characters across the reader's 1 MB chunks.
      ['typed-chunks.csv', Buffer.from(`${HEADER}\r\n${Array.from({ length: 60_000 }, (_, i) => `C${i},客户𠀋${i},${i % 90},AA,2020-01-15,0,0.5`).join('\n')}\n`), true],
    ];
    for (const [name, content, clean] of files) {
      writeFileSync(f(name), content);
      const whole = await wholeFile(name);
      const read = await analyzeCsv(f(name), name, {}, start);
      expect(read.input.range).toEqual(whole.range);
      expect(toResultJson(read.result)).toEqual(whole.result);
      expect(await tableOf(read.input)).toEqual(whole.table);
      expect(Boolean(read.input.rereadBytes)).toBe(clean);
    }
  });
});

describe('--format json on two cores', () => {
  it('has a worker thread make the later blocks of rows as this thread does', async () => {
    writeFileSync(f('json.csv'), richCsv(5000));
    const read = await analyzeCsv(f('json.csv'), 'json.csv', {}, start);
    const rows = read.result.rows;
    const later = JsonRows.start(rows.length, () => encodeRows(rows, true, laterFrom(rows.length, JSON_BLOCK)));
    expect(later).not.toBeNull();
    await later?.ended;
    const blocks = Math.ceil(rows.length / JSON_BLOCK);
    let made = 0;
    for (let b = 0; b < blocks; b++) {
      const theirs = later?.take(b);
      if (!theirs) continue;
      made++;
      expect(Buffer.from(theirs).toString('utf8')).toBe(rowsText(rows.slice(b * JSON_BLOCK, (b + 1) * JSON_BLOCK)));
    }
    // Not yet met by this thread, the worker made every block of the later rows it was given.
    expect(made).toBe(blocks - laterFrom(rows.length, JSON_BLOCK) / JSON_BLOCK);
    later?.stop();
    const text = async (rowsFrom: number) => {
      let out = '';
      await writeJson(read.result, writerSink({ write: (c: string) => ((out += c), true) }), undefined, rowsFrom);
      return out;
    };
    const whole = await text(Infinity);
    expect(whole).toBe(`${JSON.stringify(toResultJson(read.result), null, 2)}\n`);
    expect(await text(1)).toBe(whole);
    const lazy = await lazyOutputs('json.csv', 'zh-CN', true);
    expect(lazy.json).toBe(whole);
    expect(lazy.jsonWithWorker).toBe(whole);
  });
});

describe('a large CSV read in two parts at once', () => {
  const both = async (name: string, content: Buffer | string, inParts: boolean) => {
    writeFileSync(f(name), content);
    const whole = await wholeFile(name);
    const abs = f(name);
    const parts = { config, today };
    const two = await analyzeCsv(abs, name, { parts, partsFrom: 1 }, start);
    const one = await analyzeCsv(abs, name, {}, start);
    expect(two.input.readInParts).toBe(inParts);
    expect(one.input.readInParts).toBe(false);
    expect(two.input.range).toEqual(whole.range);
    expect(toResultJson(two.result)).toEqual(whole.result);
    expect(two.result.rows).toEqual(one.result.rows);
    const rows = two.input.range.bottom - two.input.range.top;
    expect(await writeBytes(two, rows)).toEqual(await writeBytes(one, rows));
    expect(await tableOf(two.input)).toEqual(whole.table);
  };
  const rows = 12_000;
  it('gives the result and --format csv of one reading (CRLF)', () => both('two-crlf.csv', plainCsv(rows), true));
  it('gives the result and --format csv of one reading (LF, a BOM, a text that was annotated before)', () =>
    both(
      'two-bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plainCsv(rows, '\n').replace(HEADER, `${HEADER},业务份额,忠诚度得分,客户象限`))]),
      true,
    ));
  it('gives the result when the second part has blank lines only, or rows ending early', () =>
    both('two-blank.csv', plainCsv(200) + '\r\n'.repeat(20_000) + 'C9,,\r\n', true));
  it('reads in one a file with a quote, a row left of the header, or not UTF-8 in its second half', async () => {
    const text = plainCsv(rows);
    const half = text.length / 2;
    const at = (insert: string) => text.slice(0, text.indexOf('\r\n', half) + 2) + insert + text.slice(text.indexOf('\r\n', half) + 2);
    await both('two-quote.csv', at('C1,"甲,乙",5,AA,,0,0.5\r\n'), false);
    await both('two-left.csv', `,${text.replace(/\r\n(?!$)/g, '\r\n,')}`.replace(/\r\n,(C9\d{3},)/, '\r\nx,$1'), false);
    // ASCII rows (UTF-8 as well) in the first half, GB18030 ones only at the end.
    const gb = await import('node:fs').then((fs) => fs.readFileSync(path.join(CLI_FIXTURES, 'gb18030.csv')));
    const [head, ...rest] = gb.toString('latin1').split(/\r?\n/);
    const ascii = Array.from({ length: 20_000 }, (_, i) => `C${i},Client ${i},${i % 50}`).join('\r\n');
    await both('two-gb.csv', Buffer.concat([Buffer.from(`${head}\r\n${ascii}\r\n`, 'latin1'), Buffer.from(rest.join('\r\n'), 'latin1')]), false);
  });
  it('writes the same with PORTFOLIO_MATRIX_THREADS=1 (no worker threads), and refuses another value', async () => {
    writeFileSync(f('threads.csv'), richCsv(60_000));
    for (const format of ['csv', 'json']) {
      const out = (name: string) => f(`threads-${name}.${format}`);
      const two = await runCli(['analyze', f('threads.csv'), '--format', format, '--out', out('two')]);
      const one = await runCli(['analyze', f('threads.csv'), '--format', format, '--out', out('one')], { env: { PORTFOLIO_MATRIX_THREADS: '1' } });
      expect([two.code, one.code]).toEqual([0, 0]);
      expect(readFileSync(out('one')).equals(readFileSync(out('two')))).toBe(true);
    }
    // .xlsx: the archive is then written on the main thread; the client sheet is the same.
    const xlsx = (name: string) => f(`threads-${name}.xlsx`);
    const two = await runCli(['analyze', f('threads.csv'), '--format', 'xlsx', '--out', xlsx('two')]);
    const one = await runCli(['analyze', f('threads.csv'), '--format', 'xlsx', '--out', xlsx('one')], { env: { PORTFOLIO_MATRIX_THREADS: '1' } });
    expect([two.code, one.code]).toEqual([0, 0]);
    const sheetOf = async (file: string) => (await JSZip.loadAsync(readFileSync(file))).file('xl/worksheets/sheet1.xml')?.async('string');
    expect(await sheetOf(xlsx('one'))).toBe(await sheetOf(xlsx('two')));
    const bad = await runCli(['analyze', f('threads.csv')], { env: { PORTFOLIO_MATRIX_THREADS: 'many', LANG: 'zh_CN.UTF-8' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PORTFOLIO_MATRIX_THREADS="many" 无效');
  });
  it('does without the worker threads when they cannot be started', async () => {
    writeFileSync(f('no-threads.csv'), richCsv(3000));
    const abs = f('no-threads.csv');
    const one = await analyzeCsv(abs, 'no-threads.csv', {}, start);
    const rows = one.input.range.bottom - one.input.range.top;
    const want = await writeBytes(one, rows);
    const spy = jest.spyOn(workerModule, 'startWorker').mockImplementation(() => {
      throw new Error('no threads here');
    });
    try {
      const two = await analyzeCsv(abs, 'no-threads.csv', { parts: { config, today }, partsFrom: 1 }, start);
      expect(two.input.readInParts).toBe(false);
      expect(two.result.rows).toEqual(one.result.rows);
      expect(await writeBytes(two, rows, 'en-US', 1)).toBe(want);
      let json = '';
      await writeJson(two.result, writerSink({ write: (c: string) => ((json += c), true) }), undefined, 1);
      expect(json).toBe(`${JSON.stringify(toResultJson(one.result), null, 2)}\n`);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
  it('refuses a table without a volume column as one reading does', async () => {
    writeFileSync(f('two-novolume.csv'), plainCsv(12_000).replace('存款日均(万元)', '备注'));
    const parts = { config, today };
    const two = analyzeCsv(f('two-novolume.csv'), 'two-novolume.csv', { parts, partsFrom: 1 }, start);
    await expect(two).rejects.toThrow(/No volume column/);
  });
  it('reads in one a file whose header is in its second half', () => both('two-late.csv', '\r\n'.repeat(400_000) + plainCsv(100), false));
});

describe('an .xlsx read as a stream', () => {
  for (const inline of [false, true]) {
    it(`gives exceljs's cells, table and result (${inline ? 'inline strings' : 'shared strings'})`, async () => {
      const name = inline ? 'kinds-inline.xlsx' : 'kinds.xlsx';
      await kindsWorkbook(f(name), inline);
      const whole = await wholeFile(name);
      const s = await streamed(name);
      expect(s).not.toBeNull();
      expect(s?.input.sheetName).toBe('客户');
      expect(s?.range).toEqual(whole.range);
      expect(s?.result).toEqual(whole.result);

      // Cell by cell, against exceljs's reading of the sheet.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f(name));
      const used = readUsed(wb.getWorksheet('客户')!);
      const book = await openBook(await import('node:fs').then((fs) => fs.readFileSync(f(name))));
      const rows: Cell[][] = [];
      const finder = new TableFinder({ header: (h) => rows.push(h.slice()), rows: (b, n) => b.slice(0, n).forEach((r) => rows.push(r.slice())) }, used?.range, null);
      await scanSheet(book, book.sheets[2].part, { row: (r, cells) => finder.row(r, cells) });
      finder.end();
      // A row the sheet does not have is handed on as no cells; exceljs's grid has it as blanks.
      const width = used ? used.range.right - used.range.left + 1 : 0;
      expect(rows.map((r) => (r.length ? r : new Array<Cell>(width).fill(null)))).toEqual(used?.grid);
    });
  }

  it("reads every form of cell as exceljs does, across the inflated part's chunks", async () => {
    await kindsWorkbook(f('kinds.xlsx'), false);
    const book = await openBook(readFileSync(f('kinds.xlsx')));
    const part = book.sheets[2].part;
    const date = book.dateStyle.indexOf(1);
    const plain = book.dateStyle.indexOf(0);
    expect(date).toBeGreaterThan(-1);
    const cells = (r: number) =>
      [
        `<c r="A${r}" t="s"><v>${r % book.strings.length}</v></c>`,
        `<c s="${date}" r="B${r}"><v>${43000 + r}</v></c>`, // s before r, a date
        `<c r="C${r}" t="n" s="${plain}"><v>-${r}</v></c>`,
        `<c r="D${r}"><v>${['1234567890123456', '1.5E-3', '0.1', '-0', '007', '12345678901234567890'][r % 6]}</v></c>`,
        `<c r="E${r}" t="b"><v>${r % 2}</v></c>`,
        `<c r="F${r}" t="e"><v>#N/A</v></c>`,
        `<c r="G${r}"/><c r="H${r}"></c><c r="I${r}"><v></v></c>`,
        `<c r="J${r}" t="str"><f>A1</f><v>x${r}</v></c>`, // a formula's text result
        `<c r="K${r}"><f>1+1</f><v>2</v></c>`,
        `<c r="L${r}" t="inlineStr"><is><t>in&amp;line ${r}</t></is></c>`,
        `<c r="M${r}" s="${plain}" cm="1"><v>5</v></c>`, // another attribute
        `<c r="N${r}" t="s"><v> 3</v></c>`,
        `<c r="O${r}" s="${date}"><v>45000.5</v></c>`,
        `<c r="P${r}" t="e"><v>#DIV/0!</v></c>`,
      ].join('');
    const rows: string[] = [];
    for (let r = 1; r <= 3000; r++) rows.push(`<row r="${r}" spans="1:16">${cells(r)}</row>`);
    const sheetXml = (await book.zip.file(part)!.async('string')).replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${rows.join('')}</sheetData>`);
    expect(sheetXml.length).toBeGreaterThan(4 << 16); // several chunks of the inflated part
    const zip = await JSZip.loadAsync(readFileSync(f('kinds.xlsx')));
    zip.file(part, sheetXml.replace(/<dimension [^>]*\/>/, '<dimension ref="A1:P3000"/>').replace(/<mergeCells[\s\S]*?<\/mergeCells>/, ''));
    writeFileSync(f('forms.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f('forms.xlsx'));
    const used = readUsed(wb.getWorksheet('客户')!);
    const changed = await openBook(readFileSync(f('forms.xlsx')));
    const got: Cell[][] = [];
    const finder = new TableFinder({ header: (h) => got.push(h.slice()), rows: (b, n) => b.slice(0, n).forEach((r) => got.push(r.slice())) }, used?.range, null);
    await scanSheet(changed, part, { row: (r, c) => finder.row(r, c) });
    finder.end();
    expect(got).toHaveLength(3000);
    expect(got).toEqual(used?.grid);
    expect(got[4][1]).toBeInstanceOf(Date);
    expect(got[6][3]).toBe(1.5e-3);
  });

  it("takes the rows' bound from the sheet's dimension or size, and reads a sheet with more rows than its dimension says", async () => {
    await kindsWorkbook(f('kinds.xlsx'), false);
    const whole = await wholeFile('kinds.xlsx');
    const bytes = readFileSync(f('kinds.xlsx'));
    const book = await openBook(bytes);
    const part = book.sheets[2].part;
    const sheet = await book.zip.file(part)!.async('string');
    const bottom = Number(/<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(sheet)?.[1]);
    expect(bottom).toBeGreaterThan(300);
    expect(await rowBound(book, part)).toBe(bottom);
    for (const [name, dimension] of [
      ['short-dimension.xlsx', '<dimension ref="A1:G5"/>'],
      ['no-dimension.xlsx', ''],
      ['huge-dimension.xlsx', '<dimension ref="A1:G1048576"/>'],
    ] as const) {
      const zip = await JSZip.loadAsync(bytes);
      zip.file(part, sheet.replace(/<dimension [^>]*\/>/, dimension));
      writeFileSync(f(name), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
      const changed = await openBook(readFileSync(f(name)));
      // A dimension the part is too small to fill, or none: the rows the part's size could hold.
      const bySize = Math.floor((await changed.zip.file(part)!.async('uint8array')).length / 26);
      expect(bySize).toBeGreaterThan(bottom);
      expect(await rowBound(changed, part)).toBe(name === 'short-dimension.xlsx' ? 5 : bySize);
      const s = await streamed(name);
      expect(s?.range).toEqual(whole.range);
      expect(s?.result).toEqual(whole.result);
    }
  });

  it('leaves a workbook with merged cells or hyperlinks to exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户号', '存款日均']);
    ws.addRow(['C1', 10]);
    ws.mergeCells('A3:B3');
    await wb.xlsx.writeFile(f('merged.xlsx'));
    expect(await streamed('merged.xlsx')).toBeNull();
    const r = await runCli(['analyze', f('merged.xlsx'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows).toHaveLength(1);
  });
});

describe('progress', () => {
  it('counts the rows read, then analysed and written, on a terminal stderr only', async () => {
    const lines = ['客户号,存款日均'];
    for (let i = 0; i < 70_000; i++) lines.push(`C${i},${(i % 97) + 1}`);
    writeFileSync(f('progress.csv'), lines.join('\n'));
    const quiet = await runCli(['analyze', f('progress.csv'), '--format', 'csv', '--out', f('progress.out.csv')], { stderrIsTTY: false });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    const tty = await runCli(['analyze', f('progress.csv'), '--format', 'csv', '--out', f('progress.out.csv')], { stderrIsTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/Reading .*progress\.csv… 53,248 rows/);
    expect(tty.stderr).toMatch(/Analysing 70,000 rows/);
    expect(tty.stderr).toMatch(/Writing .*progress\.out\.csv \[#+\] 100%/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
  });
});
