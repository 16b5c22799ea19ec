import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FIXTURES, runCli, scratchDir, SMALL_CSV } from './helpers';

const { dir, cleanup } = scratchDir();
const small = path.join(dir, 'small.csv');
const f = (name: string) => path.join(dir, name);

beforeAll(async () => {
  writeFileSync(small, SMALL_CSV);
  writeFileSync(f('binary.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x03]));
  writeFileSync(f('corrupt.xlsx'), 'this is not a workbook');
  writeFileSync(f('zip.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
  writeFileSync(f('legacy.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  writeFileSync(f('empty.csv'), '');
  writeFileSync(f('novolume.csv'), 'ID,Name\nA,x\nB,y\n');
  writeFileSync(f('header-only.csv'), '客户号,余额\n');
  writeFileSync(f('bad.json'), '{\n  "shareCut": "median",\n  "loyaltyCut" "mean"\n}');
  writeFileSync(f('unknown-key.json'), '{"shareCuts": "median"}');
  writeFileSync(f('bad-weight.json'), '{"weights": {"trust": -1}}');
  writeFileSync(f('array.json'), '[1, 2]');
  mkdirSync(f('a-directory.csv'));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Blank');
  await wb.xlsx.writeFile(f('blank.xlsx'));
});
afterAll(cleanup);

interface Case {
  name: string;
  argv: () => string[];
  code: 1 | 2;
  en: RegExp;
  zh: RegExp;
}

const usage: Case[] = [
  { name: 'an unknown option', argv: () => ['analyze', small, '--bogus'], code: 2, en: /unknown option --bogus/, zh: /未知选项 --bogus/ },
  { name: 'an unknown command', argv: () => ['analyse', small], code: 2, en: /unknown command "analyse"/, zh: /未知命令 "analyse"/ },
  { name: 'no command', argv: () => [], code: 2, en: /missing command/, zh: /缺少命令/ },
  { name: 'a missing FILE', argv: () => ['analyze'], code: 2, en: /missing the file/, zh: /缺少要分析的文件/ },
  { name: 'an option without its value', argv: () => ['analyze', small, '--share-cut'], code: 2, en: /--share-cut needs a value/, zh: /--share-cut 缺少取值/ },
  { name: '--share-cut foo', argv: () => ['analyze', small, '--share-cut', 'foo'], code: 2, en: /--share-cut is invalid: "foo" is not a cut mode/, zh: /--share-cut 无效/ },
  { name: '--loyalty-cut pareto:0.8', argv: () => ['analyze', small, '--loyalty-cut', 'pareto:0.8'], code: 2, en: /--loyalty-cut is invalid: pareto is for the share axis only/, zh: /pareto 只能用于业务份额轴/ },
  { name: '--weights x', argv: () => ['analyze', small, '--weights', 'x'], code: 2, en: /--weights "x" is invalid/, zh: /--weights "x" 无效/ },
  { name: '--weights naming no component', argv: () => ['analyze', small, '--weights', 'loyalty=2'], code: 2, en: /"loyalty" is not a loyalty component/, zh: /"loyalty" 不是忠诚度成分/ },
  { name: '--weights with a negative weight', argv: () => ['analyze', small, '--weights', 'trust=-1'], code: 2, en: /the weight "-1" of trust is invalid/, zh: /trust 的权重 "-1" 无效/ },
  { name: '--as-of that is not a date', argv: () => ['analyze', small, '--as-of', '2026-02-30'], code: 2, en: /--as-of "2026-02-30" is invalid/, zh: /--as-of "2026-02-30" 无效/ },
  { name: '--map without =', argv: () => ['analyze', small, '--map', 'volume'], code: 2, en: /--map "volume" is invalid/, zh: /--map "volume" 无效/ },
  { name: '--map naming no field', argv: () => ['analyze', small, '--map', 'balance=余额'], code: 2, en: /"balance" is not a field/, zh: /"balance" 不是字段名/ },
  { name: '--map giving a one-column field twice', argv: () => ['analyze', small, '--map', 'client_id=a', '--map', 'client_id=b'], code: 2, en: /more than once/, zh: /给出了多次/ },
  { name: '--locale fr-FR', argv: () => ['analyze', small, '--locale', 'fr-FR'], code: 2, en: /--locale "fr-FR" is invalid/, zh: /--locale "fr-FR" 无效/ },
  { name: '--format pdf', argv: () => ['analyze', small, '--format', 'pdf'], code: 2, en: /--format "pdf" is invalid/, zh: /--format "pdf" 无效/ },
  { name: '--range that is not a range', argv: () => ['analyze', small, '--range', 'A1-B2'], code: 2, en: /--range "A1-B2" is invalid/, zh: /--range "A1-B2" 无效/ },
  { name: '--format xlsx without --out', argv: () => ['analyze', small, '--format', 'xlsx'], code: 2, en: /--format xlsx needs --out/, zh: /--format xlsx 需要用 --out/ },
  { name: 'several files without --out-dir', argv: () => ['analyze', small, small], code: 2, en: /several files need --out-dir/, zh: /--out-dir/ },
  { name: '--out with --out-dir', argv: () => ['analyze', small, '--out', f('x.json'), '--out-dir', dir], code: 2, en: /cannot be used together/, zh: /不能同时使用/ },
  { name: '--sheet with a CSV', argv: () => ['analyze', small, '--sheet', 'S'], code: 2, en: /--sheet applies to .xlsx files only/, zh: /--sheet 只适用于 .xlsx/ },
];

const input: Case[] = [
  { name: 'a missing file', argv: () => ['analyze', f('nope.csv')], code: 1, en: /file not found: .*nope\.csv/, zh: /找不到文件 .*nope\.csv/ },
  { name: 'a directory', argv: () => ['analyze', f('a-directory.csv')], code: 1, en: /a-directory\.csv is not a file/, zh: /a-directory\.csv 不是文件/ },
  { name: 'a file that is neither CSV nor XLSX', argv: () => ['analyze', f('binary.csv')], code: 1, en: /binary\.csv is not a CSV or XLSX file/, zh: /binary\.csv 不是 CSV 或 XLSX 文件/ },
  { name: 'an .xlsx that is not a zip', argv: () => ['analyze', f('corrupt.xlsx')], code: 1, en: /corrupt\.xlsx is not a valid \.xlsx workbook/, zh: /corrupt\.xlsx 不是有效的 \.xlsx 工作簿/ },
  { name: 'a corrupt zip', argv: () => ['analyze', f('zip.xlsx')], code: 1, en: /zip\.xlsx is not a valid \.xlsx workbook/, zh: /zip\.xlsx 不是有效的 \.xlsx 工作簿/ },
  { name: 'a legacy .xls', argv: () => ['analyze', f('legacy.xls')], code: 1, en: /legacy \.xls .*save it as \.xlsx/, zh: /另存为 \.xlsx/ },
  { name: 'an empty file', argv: () => ['analyze', f('empty.csv')], code: 1, en: /empty\.csv is empty/, zh: /empty\.csv 是空文件/ },
  { name: 'a workbook with no data', argv: () => ['analyze', f('blank.xlsx')], code: 1, en: /blank\.xlsx has no data in any worksheet/, zh: /blank\.xlsx 的工作表中没有数据/ },
  { name: 'a sheet that is not there', argv: () => ['analyze', f('blank.xlsx'), '--sheet', 'Clients'], code: 1, en: /has no worksheet "Clients"; it has: Blank/, zh: /中没有工作表"Clients"，现有：Blank/ },
  { name: 'an empty sheet', argv: () => ['analyze', f('blank.xlsx'), '--sheet', 'Blank'], code: 1, en: /worksheet "Blank" of .* is empty/, zh: /工作表"Blank"是空的/ },
  { name: 'a range with nothing in it', argv: () => ['analyze', small, '--range', 'K10:M12'], code: 1, en: /range K10:M12 of .* is empty/, zh: /区域 K10:M12 是空的/ },
  { name: 'no data rows', argv: () => ['analyze', f('header-only.csv')], code: 1, en: /header-only\.csv: The table has a header row but no client rows/, zh: /header-only\.csv：表格只有标题行/ },
  { name: 'no volume column', argv: () => ['analyze', f('novolume.csv')], code: 1, en: /novolume\.csv: No volume column found.*Headers: ID, Name/, zh: /novolume\.csv：找不到业务量列.*表头：ID, Name/ },
  { name: '--map naming a header that is not there', argv: () => ['analyze', small, '--map', 'volume=Amount'], code: 1, en: /The mapped column "Amount" \(field volume\) is not in the table/, zh: /映射的列"Amount"（字段 volume）不在表格中/ },
  { name: 'a missing --config file', argv: () => ['analyze', small, '--config', f('nope.json')], code: 1, en: /configuration file not found: .*nope\.json/, zh: /找不到配置文件 .*nope\.json/ },
  { name: 'a --config that is not JSON', argv: () => ['analyze', small, '--config', f('bad.json')], code: 1, en: /bad\.json is not valid JSON: line 3, column 16/, zh: /bad\.json 不是有效的 JSON：第 3 行第 16 列/ },
  { name: 'a --config that is not an object', argv: () => ['analyze', small, '--config', f('array.json')], code: 1, en: /array\.json must hold one JSON object/, zh: /array\.json 必须是一个 JSON 对象/ },
  { name: 'a --config with an unknown key', argv: () => ['analyze', small, '--config', f('unknown-key.json')], code: 1, en: /unknown-key\.json: Configuration shareCuts is invalid: unknown key "shareCuts"/, zh: /配置项 shareCuts 无效：未知的配置项 "shareCuts"/ },
  { name: 'a --config with a bad weight', argv: () => ['analyze', small, '--config', f('bad-weight.json')], code: 1, en: /Configuration weights\.trust is invalid: a weight must be a number ≥ 0/, zh: /配置项 weights\.trust 无效：权重必须是 ≥ 0 的数字/ },
  { name: '--out naming the input file', argv: () => ['analyze', small, '--format', 'csv', '--out', small], code: 1, en: /refusing to overwrite the input file .*small\.csv/, zh: /拒绝覆盖输入文件 .*small\.csv/ },
  { name: 'a --previous file without a quadrant column', argv: () => ['analyze', small, '--previous', small], code: 1, en: /previous file .* has no "Quadrant"\/"客户象限" column/, zh: /上期文件 .* 中没有"客户象限"\/"Quadrant"列/ },
];

describe.each([...usage, ...input])('$name', ({ argv, code, en, zh }) => {
  test(`exits with ${code} and says so in one English line`, async () => {
    const r = await runCli(argv(), { env: { LANG: 'en_US.UTF-8' } });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^portfolio-matrix: [^\n]+\n$/);
    expect(r.stderr).toMatch(en);
  });

  test('says so in Chinese when the environment is Chinese', async () => {
    const r = await runCli(argv(), { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(/^portfolio-matrix: [^\n]+\n$/);
    expect(r.stderr).toMatch(zh);
  });
});

test('--locale chooses the language of messages over the environment', async () => {
  const zh = await runCli(['analyze', f('nope.csv'), '--locale', 'zh-CN'], { env: { LANG: 'en_US.UTF-8' } });
  expect(zh.stderr).toBe(`portfolio-matrix: 找不到文件 ${f('nope.csv')}\n`);
  const en = await runCli(['analyze', small, '--share-cut', 'foo', '--locale=en-US'], { env: { LANG: 'zh_CN.UTF-8' } });
  expect(en.stderr).toMatch(/--share-cut is invalid/);
});

test('a "locale" in the --config file chooses the language when the command line does not', async () => {
  const cfg = f('zh.json');
  writeFileSync(cfg, '{"locale": "zh-CN"}');
  const r = await runCli(['analyze', f('novolume.csv'), '--config', cfg], { env: { LANG: 'en_US.UTF-8' } });
  expect(r.stderr).toMatch(/找不到业务量列/);
});

test('the language of messages comes from LC_ALL, then LC_MESSAGES, then LANG', async () => {
  const argv = ['analyze', f('nope.csv')];
  expect((await runCli(argv, { env: { LANG: 'zh_CN.UTF-8' } })).stderr).toMatch(/找不到文件/);
  expect((await runCli(argv, { env: { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' } })).stderr).toMatch(/file not found/);
  expect((await runCli(argv, { env: { LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'C' } })).stderr).toMatch(/找不到文件/);
  expect((await runCli(argv, { env: {} })).stderr).toMatch(/file not found/);
});

test('row-level data problems are not errors: exit 0 and nothing on stderr', async () => {
  const r = await runCli(['analyze', path.join(FIXTURES, 'branch-messy.csv'), '--format', 'json']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(Object.keys(JSON.parse(r.stdout).summary.issues).length).toBeGreaterThan(0);
});

test('a failed run writes no output file', async () => {
  const out = f('never.json');
  const r = await runCli(['analyze', f('novolume.csv'), '--out', out]);
  expect(r.code).toBe(1);
  expect(existsSync(out)).toBe(false);
});
