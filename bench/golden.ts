/**
 * A golden check for changes to the command line's readers and writers (not part of `npm test`:
 * it runs the built command on large files). `inputs DIR` writes the test fixtures and synthetic
 * tables (bench/synthetic.ts, CSV in several encodings and value spellings, .xlsx of every cell
 * kind); `run BIN INPUTS OUT` runs `node BIN analyze` on each in json, csv and table formats (and
 * xlsx for the workbooks) and stores the outputs; `compare A B` says which outputs differ. Run
 * `run` with the code before a change and after it, then `compare` the two directories.
 *
 *   npx tsx bench/golden.ts inputs /tmp/golden-in
 *   npx tsx bench/golden.ts run /tmp/base/bin/portfolio-matrix.js /tmp/golden-in /tmp/golden-base
 *   npx tsx bench/golden.ts run bin/portfolio-matrix.js /tmp/golden-in /tmp/golden-new
 *   npx tsx bench/golden.ts compare /tmp/golden-base /tmp/golden-new
 *
 * `run` takes a fourth argument: only the inputs whose names contain it.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Cell } from '../src/domain';
import { seededRandom } from '../src/sandbox/random';
import { syntheticTable } from './synthetic';

const ROOT = join(__dirname, '..');

function csvField(cell: Cell): string {
  const s = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: readonly (readonly Cell[])[], eol = '\r\n'): string {
  return table.map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

const day = (serial: number) => new Date((serial - 25569) * 86400000).toISOString().slice(0, 10);

/** The synthetic table with its dates as ISO text (as most CSV exports have them). */
export function isoDateTable(rows: number, seed = 42): Cell[][] {
  const t = syntheticTable(rows, seed);
  const dateCols = [16, 17, 18];
  for (let i = 1; i < t.length; i++) for (const c of dateCols) t[i][c] = day(t[i][c] as number);
  return t;
}

const NUMBER_SPELLINGS = [
  '1,234', ' 12 ', '12%', '1.5万', '2亿', '(3)', '—', '-', 'n/a', 'NA', '无', '#N/A', '#DIV/0!', '１２３', '1e3', '2E-2', '.5', '5.',
  '-0', '+7', '007', '-12.50', '12345678901234567890', '0.1000000000000000055511151231257827', '9007199254740993',
  '1.7976931348623157e309', '12元', '3.5 万元', '−4', '1 234', 'abc', '12a', '0x10', '1_000', '', '  ', '0.000000000000000000000001',
  '123456789012345.678', '99999999999999999999999', '4.35', '0.1', '100', '-', '1.', '+.5', '-.5', '00.00', '1e', '١٢',
];
const DATE_SPELLINGS = [
  '2026-10-31', '2026-1-5', '2026/01/05', '2026.1.5', '20260105', '2026年1月5日', '2026-02-30', '2026-02-29', '2024-02-29',
  '2026-10-31 12:00', '2026-10-31T08:30:00Z', ' 2026-10-31', '2026-13-01', '0001-01-01', '0099-12-31', '9999-12-31', '1900-02-29',
  '46311', '46311.5', '20261031', '#N/A', '', 'yesterday', '２０２６-１０-３１', '2026-10-31 ', '2026-10-3', '26-10-31', '2026-010-31',
];

/** A table whose number and date columns hold every spelling the readers know (and some they refuse). */
export function messyTable(rows: number, seed = 7): Cell[][] {
  const r = seededRandom(seed);
  const t = isoDateTable(rows, seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  for (let i = 1; i < t.length; i++) {
    for (const c of [3, 4, 5, 7, 8, 9, 11, 13, 15, 19]) if (r() < 0.3) t[i][c] = pick(NUMBER_SPELLINGS);
    for (const c of [16, 17, 18]) if (r() < 0.3) t[i][c] = pick(DATE_SPELLINGS);
    if (r() < 0.05) t[i][1] = `名称,"含引号"\n第二行 ${i}`;
    if (r() < 0.01) t[i] = t[i].map(() => '');
    if (r() < 0.02) t[i][2] = `  ${t[i][2]} `;
    if (r() < 0.02) t[i][14] = pick(['aa+', ' AAA ', 'BBB－', '3', '12.5', 'X', '#N/A', 'A级']);
  }
  return t;
}

function encode(text: string, encoding: 'utf-8-bom' | 'utf-16le' | 'gb18030'): Buffer {
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  // GB18030 through iconv (Node has no GB18030 encoder).
  const out = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text, maxBuffer: 1 << 30 });
  if (out.status !== 0) throw new Error(`iconv failed: ${out.stderr.toString()}`);
  return out.stdout;
}

/** A workbook of every cell kind the reader meets: shared and inline strings, dates, formulas, errors, merges, sparse rows. */
async function kindsWorkbook(file: string, rows: number, mergeAndLink = true): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  wb.addWorksheet('说明').addRow(['这张表不是客户表']);
  const t = messyTable(rows, 11);
  t.forEach((row, i) => {
    const out: unknown[] = row.map((c) => c);
    if (i > 0) {
      if (i % 7 === 0) out[16] = new Date(Date.UTC(2020, 0, 1 + i)); // a date cell (number with a date format)
      if (i % 11 === 0) out[3] = { formula: 'A1*0+12', result: 12 };
      if (i % 13 === 0) out[1] = { richText: [{ text: '富' }, { font: { bold: true }, text: `文本${i}` }] };
      if (mergeAndLink && i % 17 === 0) out[0] = { text: `C${i}`, hyperlink: 'https://example.invalid/' };
      if (i % 19 === 0) out[20] = true;
      if (i % 23 === 0) out[5] = { error: '#N/A' };
      if (i % 29 === 0) out[9] = { formula: 'NOW()' };
    }
    const added = ws.addRow(out);
    if (i > 0 && i % 31 === 0) added.getCell(30).value = 'far right';
  });
  if (mergeAndLink) {
    ws.mergeCells(`W${rows - 3}:X${rows - 3}`);
    ws.getCell(`X${rows - 3}`).value = 'hidden by merge';
  }
  await wb.xlsx.writeFile(file);
  // Inline strings (as other programs write them) in a second copy.
  const zip = await JSZip.loadAsync(readFileSync(file));
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const ss = await zip.file('xl/sharedStrings.xml')!.async('string');
  const strings = [...ss.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]);
  let k = 0;
  const inlined = sheet.replace(/<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (all, ref: string, a: string, b: string, idx: string) =>
    k++ % 3 === 0 ? `<c r="${ref}"${a} t="inlineStr"${b}><is>${strings[Number(idx)]}</is></c>` : all,
  );
  zip.file('xl/worksheets/sheet1.xml', inlined);
  writeFileSync(file.replace(/\.xlsx$/, '.inline.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function inputs(dir: string, only?: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (only === 'plainkinds') return kindsWorkbook(join(dir, 'plainkinds-20k.xlsx'), 20_000, false);
  for (const f of readdirSync(join(ROOT, 'tests', 'fixtures'))) {
    if (f.endsWith('.csv') || f.endsWith('.config.json')) copyFileSync(join(ROOT, 'tests', 'fixtures', f), join(dir, f));
  }
  for (const f of readdirSync(join(ROOT, 'tests', 'fixtures', 'series'))) {
    if (f.endsWith('.csv')) copyFileSync(join(ROOT, 'tests', 'fixtures', 'series', f), join(dir, `series-${f}`));
  }
  copyFileSync(join(ROOT, 'tests', 'cli', 'fixtures', 'gb18030.csv'), join(dir, 'gb18030.csv'));
  writeFileSync(join(dir, 'synthetic-100k.csv'), toCsv(syntheticTable(100_000)));
  writeFileSync(join(dir, 'iso-100k.csv'), toCsv(isoDateTable(100_000, 5), '\n'));
  const messy = toCsv(messyTable(30_000));
  writeFileSync(join(dir, 'messy-30k.csv'), messy);
  writeFileSync(join(dir, 'messy-bom.csv'), encode(messy, 'utf-8-bom'));
  writeFileSync(join(dir, 'messy-utf16.csv'), encode(messy.replace(/,/g, '\t'), 'utf-16le'));
  writeFileSync(join(dir, 'messy-gb18030.csv'), encode(messy, 'gb18030'));
  writeFileSync(join(dir, 'messy-cr.csv'), messy.replace(/\r\n/g, '\r'));
  const shifted = messyTable(2000, 3).map((row, i) => (i % 5 === 3 ? ['', 'left of the header', ...row] : ['', '', ...row]));
  writeFileSync(join(dir, 'shifted.csv'), ['', ...shifted.map((r) => r.map(csvField).join(','))].join('\n') + '\n\n\n');
  await kindsWorkbook(join(dir, 'kinds-20k.xlsx'), 20_000);
  // Without merged cells and hyperlinks (which the streaming reader leaves to exceljs).
  await kindsWorkbook(join(dir, 'plainkinds-20k.xlsx'), 20_000, false);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  for (const row of syntheticTable(50_000, 9)) ws.addRow(row);
  await wb.xlsx.writeFile(join(dir, 'synthetic-50k.xlsx'));
}

function runCli(bin: string, args: string[], out: string): void {
  const r = spawnSync(process.execPath, [bin, 'analyze', ...args], { encoding: 'buffer', maxBuffer: 1 << 30, env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  writeFileSync(`${out}.stdout`, r.stdout);
  writeFileSync(`${out}.stderr`, `${r.stderr.toString()}\nexit ${r.status}\n`);
}

async function unzipText(file: string): Promise<string> {
  if (!existsSync(file)) return '(none)';
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts: string[] = [];
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir) continue;
    const text = await zip.files[name].async('string');
    // The package's creation times differ between runs.
    parts.push(`== ${name}\n${text.replace(/<dcterms:(created|modified)[^<]*<\/dcterms:\1>/g, '').replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC/g, '(run time) (UTC')}`);
  }
  return parts.join('\n');
}

async function run(bin: string, dir: string, outDir: string, only?: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const files = readdirSync(dir).filter((f) => (f.endsWith('.csv') || f.endsWith('.xlsx')) && (!only || f.includes(only)));
  for (const f of files.sort()) {
    const input = join(dir, f);
    const cfg = f.endsWith('.csv') ? join(dir, f.replace(/\.csv$/, '.config.json')) : '';
    const common = cfg && existsSync(cfg) ? ['--config', cfg] : ['--as-of', '2026-10-31'];
    const t0 = Date.now();
    for (const format of ['json', 'csv', 'table']) runCli(bin, [input, '--format', format, ...common], join(outDir, `${f}.${format}`));
    if (f.endsWith('.xlsx') || f.startsWith('messy-30k') || f.startsWith('branch')) {
      const out = join(outDir, `${f}.annotated.xlsx`);
      runCli(bin, [input, '--format', 'xlsx', '--out', out, ...common], join(outDir, `${f}.xlsx`));
      writeFileSync(`${out}.txt`, await unzipText(out));
    }
    if (f.startsWith('shifted')) runCli(bin, [input, '--format', 'csv', '--range', 'B3:K40'], join(outDir, `${f}.range`));
    console.log(`${f}  ${Date.now() - t0} ms`);
  }
  const series = files.filter((f) => f.startsWith('series-')).map((f) => join(dir, f));
  if (series.length) runCli(bin, [...series, '--out-dir', join(outDir, 'series'), '--reuse-cuts', '--format', 'json'], join(outDir, 'series'));
  for (const f of existsSync(join(outDir, 'series')) ? readdirSync(join(outDir, 'series')) : []) {
    writeFileSync(join(outDir, `series.${f}`), readFileSync(join(outDir, 'series', f)));
  }
}

function compare(a: string, b: string): void {
  let differ = 0;
  const names = readdirSync(a).filter((f) => !f.endsWith('.xlsx') && f !== 'series');
  for (const f of names) {
    const x = readFileSync(join(a, f));
    const y = existsSync(join(b, f)) ? readFileSync(join(b, f)) : null;
    if (!y || !x.equals(y)) {
      differ++;
      console.log(`DIFFERS ${f}`);
    }
  }
  console.log(`${names.length - differ} of ${names.length} outputs identical`);
  if (differ) process.exitCode = 1;
}

const [cmd, ...rest] = require.main === module ? process.argv.slice(2) : ['(imported)'];
if (cmd === 'inputs') void inputs(rest[0], rest[1]);
else if (cmd === 'run') void run(rest[0], rest[1], rest[2], rest[3]);
else if (cmd === 'compare') compare(rest[0], rest[1]);
else if (cmd !== '(imported)') console.error(`usage: ${basename(__filename)} inputs DIR | run BIN INPUTS OUT | compare A B`);
