import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, parseConfig, toResultJson } from '../../src/domain';
import { parseCsv } from '../../src/cli/readCsv';
import { csvField } from '../../src/cli/writeCsv';
import { FIXTURES, runCli, scratchDir } from './helpers';

const { dir, cleanup } = scratchDir();
const f = (name: string) => path.join(dir, name);
afterAll(cleanup);

test('--format json prints exactly the result object, indented by two spaces', async () => {
  const file = path.join(FIXTURES, 'branch-small.csv');
  const r = await runCli(['analyze', file, '--format', 'json', '--as-of', '2026-10-31']);
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const expected = toResultJson(analyze(rows, parseConfig({ asOf: '2026-10-31' }), { today: '2026-11-15' }));
  expect(r.stdout).toBe(JSON.stringify(expected, null, 2) + '\n');
});

describe('--format csv', () => {
  const input = [
    '客户号,客户名称,存款日均(万元),备注',
    'C001,"Smith, John",100,"He said ""hi"""',
    ',,,',
    'C002,李四,300,"two',
    'lines"',
    'C003,王五,50,',
  ].join('\r\n');

  test('keeps the input columns, appends the output columns, starts with a BOM and quotes where needed', async () => {
    writeFileSync(f('quoted.csv'), input);
    const r = await runCli(['analyze', f('quoted.csv'), '--format', 'csv', '--locale', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(r.stdout.slice(1));
    expect(rows[0]).toEqual([
      '客户号', '客户名称', '存款日均(万元)', '备注',
      '业务份额', '忠诚度得分', '客户象限', '生命周期阶段', '流失风险', '预警信号', '流失类型', '处理优先级', '行动建议', '数据问题',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[1].slice(0, 4)).toEqual(['C001', 'Smith, John', '100', 'He said "hi"']);
    expect(rows[3].slice(0, 4)).toEqual(['C002', '李四', '300', 'two\r\nlines']);
    expect(Number(rows[3][4])).toBeCloseTo(300 / 450, 12);
    expect(rows[1][6]).toMatch(/客户|数据不足/);
    // The empty row keeps its place, with blank output cells.
    expect(rows[2]).toEqual(new Array(14).fill(''));
    expect(r.stdout).toContain('"He said ""hi"""');
  });

  test('a field is quoted only when it holds a comma, a quote, a line break or edge spaces', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(' pad')).toBe('" pad"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(true)).toBe('TRUE');
    expect(csvField(new Date(Date.UTC(2026, 9, 31)))).toBe('2026-10-31');
  });
});

describe('--format table', () => {
  test('shows the as-of date, the cuts, the components, the counts per quadrant, stage and risk, and the priorities', async () => {
    const r = await runCli([
      'analyze', path.join(FIXTURES, 'branch-small.csv'), '--config', path.join(FIXTURES, 'branch-small.config.json'), '--format', 'table', '--locale', 'en-US',
    ]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/As of: 2026-10-31 \(given\)/);
    expect(out).toMatch(/Business share cut: 13\.48% \(pareto:0\.8: /);
    expect(out).toMatch(/Loyalty cut: 48\.8 \(median: the median\)/);
    expect(out).toMatch(/Transactions ×1, Products held ×1, Share of wallet ×1, Credit rating ×1, Tenure ×1/);
    expect(out).toMatch(/\n {2}Loyal +1 +1,811 +74\.\d\d%\n/);
    expect(out).toMatch(/\n {2}Problem 1 \(loyal, small\) +5 +234 /);
    expect(out).toMatch(/\n {2}Problem 2 \(large, disloyal\) +1 +328 /);
    expect(out).toMatch(/\n {2}General +5 +60 /);
    expect(out).toMatch(/\n {2}Terminated +2\n/);
    expect(out).toMatch(/\n {2}Exited +2\n/);
    expect(out).toMatch(/Top priorities \(\d+ of \d+ clients at risk\)/);
    expect(out).toMatch(/\n {3}1\. C100005 蒋娟 · Exit risk High · Volume falling/);
    expect(out).toMatch(/Action: /);
  });

  test('speaks Chinese with --locale zh-CN and lists data issues by kind', async () => {
    const r = await runCli([
      'analyze', path.join(FIXTURES, 'branch-messy.csv'), '--config', path.join(FIXTURES, 'branch-messy.config.json'), '--format', 'table', '--locale', 'zh-CN',
    ]);
    expect(r.stdout).toMatch(/分析日：2026-10-31（指定）/);
    expect(r.stdout).toMatch(/\n {2}问题客户1 +41 +4,831 /);
    expect(r.stdout).toMatch(/客户号重复 +2\n/);
    expect(r.stdout).toMatch(/象限迁移（上期 → 本期）/);
  });
});

test('a large input draws progress on a terminal stderr only, and erases it', async () => {
  const lines = ['客户号,存款日均'];
  for (let i = 0; i < 50_001; i++) lines.push(`C${i},${(i % 97) + 1}`);
  writeFileSync(f('large.csv'), lines.join('\n'));
  const quiet = await runCli(['analyze', f('large.csv'), '--out', f('large.json')], { stderrIsTTY: false });
  expect(quiet.stderr).toBe('');
  const tty = await runCli(['analyze', f('large.csv'), '--out', f('large.json')], { stderrIsTTY: true });
  expect(tty.code).toBe(0);
  expect(tty.stderr).toMatch(/Analysing 50,001 rows/);
  expect(tty.stderr).toMatch(/\[#+\] 100%/);
  expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
  const small = await runCli(['analyze', path.join(FIXTURES, 'branch-small.csv'), '--out', f('s.json')], { stderrIsTTY: true });
  expect(small.stderr).toBe('');
}, 30_000);
