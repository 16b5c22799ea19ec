/**
 * bin/huge-pages.js: which runs go again in a child process with glibc's 2 MB pages, and that the
 * child's answer — output, messages, exit code, a signal — is the command's.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hugePages = require('../../bin/huge-pages.js') as {
  HUGE_FROM: number;
  TUNABLE: string;
  wantsHugePages(args: string[], o?: { env?: NodeJS.ProcessEnv; platform?: string; cwd?: string; from?: number }): boolean;
  nodeOptionsForChild(execArgv: string[]): string[];
};
const BIN = path.join(ROOT, 'bin', 'portfolio-matrix.js');
const HUGE_PAGES = path.join(ROOT, 'bin', 'huge-pages.js');

let dir: string;
let large: string;
let small: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pm-huge-'));
  // A sparse file: its size is what counts, not its blocks.
  large = path.join(dir, 'large.csv');
  const fd = openSync(large, 'w');
  ftruncateSync(fd, hugePages.HUGE_FROM);
  closeSync(fd);
  small = path.join(dir, 'small.csv');
  writeFileSync(small, 'id,deposit\nA,1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

jest.setTimeout(120_000);

describe('which runs use huge pages', () => {
  const linux = { env: {}, platform: 'linux', cwd: ROOT };

  test('an analysis of a large file on Linux, with GLIBC_TUNABLES unset', () => {
    expect(hugePages.wantsHugePages(['analyze', large, '--format', 'csv'], linux)).toBe(true);
    expect(hugePages.wantsHugePages(['analyze', '--format', 'csv', path.relative(ROOT, large)], linux)).toBe(true);
    expect(hugePages.wantsHugePages(['analyze', small, large], linux)).toBe(true);
  });

  test('not a small file, another command, --help, another system, or GLIBC_TUNABLES set (even empty)', () => {
    expect(hugePages.wantsHugePages(['analyze', small], linux)).toBe(false);
    expect(hugePages.wantsHugePages(['analyze', large], { ...linux, from: hugePages.HUGE_FROM + 1 })).toBe(false);
    expect(hugePages.wantsHugePages(['analyze', large, '--help'], linux)).toBe(false);
    expect(hugePages.wantsHugePages(['config', large], linux)).toBe(false);
    expect(hugePages.wantsHugePages([large], linux)).toBe(false);
    expect(hugePages.wantsHugePages(['analyze', large], { ...linux, platform: 'win32' })).toBe(false);
    expect(hugePages.wantsHugePages(['analyze', large], { ...linux, platform: 'darwin' })).toBe(false);
    expect(hugePages.wantsHugePages(['analyze', large], { ...linux, env: { GLIBC_TUNABLES: '' } })).toBe(false);
    expect(hugePages.wantsHugePages(['analyze', large], { ...linux, env: { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' } })).toBe(false);
    expect(hugePages.wantsHugePages(['analyze', path.join(dir, 'missing.csv'), dir], linux)).toBe(false);
  });
});

test('the child gets this process’s Node options, but never code given with -e or -p', () => {
  expect(hugePages.nodeOptionsForChild([])).toEqual([]);
  expect(hugePages.nodeOptionsForChild(['--max-old-space-size=4096', '--enable-source-maps'])).toEqual(['--max-old-space-size=4096', '--enable-source-maps']);
  expect(hugePages.nodeOptionsForChild(['-e', 'run()'])).toEqual([]);
  expect(hugePages.nodeOptionsForChild(['--max-old-space-size=100', '-p', 'x', '--no-warnings'])).toEqual(['--max-old-space-size=100', '--no-warnings']);
  expect(hugePages.nodeOptionsForChild(['--eval=run()', '--print=x', '--eval', 'y', '-pe', 'z'])).toEqual([]);
});

const env = (extra: NodeJS.ProcessEnv = {}) => {
  const e: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', ...extra };
  if (!('GLIBC_TUNABLES' in extra)) delete e.GLIBC_TUNABLES;
  return e;
};

(process.platform === 'linux' ? test : test.skip)('a large analysis through the child writes what one process writes, byte for byte', () => {
  // About 280,000 clients with a long note each: a file past HUGE_FROM.
  const csv = path.join(dir, 'clients.csv');
  const note = 'n'.repeat(100);
  const lines = ['Client ID,Average balance,Transactions,Note'];
  for (let i = 0, size = 0; size < hugePages.HUGE_FROM; i++) {
    const line = `C${i},${(i * 7919) % 100000}.5,${i % 97},${note}`;
    lines.push(line);
    size += line.length + 1;
  }
  writeFileSync(csv, lines.join('\n') + '\n');
  const args = [BIN, 'analyze', csv, '--format', 'csv'];
  expect(hugePages.wantsHugePages(args.slice(1), { env: {}, platform: 'linux', cwd: ROOT })).toBe(true);
  const viaChild = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: env(), timeout: 60_000, maxBuffer: 1 << 30 });
  const inOne = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: env({ GLIBC_TUNABLES: '' }), timeout: 60_000, maxBuffer: 1 << 30 });
  expect(inOne.status).toBe(0);
  expect(inOne.stdout.split('\n').length).toBe(lines.length + 1);
  expect(viaChild.status).toBe(0);
  expect(viaChild.stderr).toBe(inOne.stderr);
  expect(viaChild.stdout === inOne.stdout).toBe(true);
});

(process.platform === 'linux' ? test : test.skip)('a large file that is not a CSV gets the message and exit code through the child that it gets in one process', () => {
  // The large file is all NUL bytes: not a CSV. The child says so, as one process would.
  const viaChild = spawnSync(process.execPath, [BIN, 'analyze', large], { cwd: ROOT, encoding: 'utf8', env: env(), timeout: 20_000 });
  const inOne = spawnSync(process.execPath, [BIN, 'analyze', large], { cwd: ROOT, encoding: 'utf8', env: env({ GLIBC_TUNABLES: '' }), timeout: 20_000 });
  expect(inOne.status).toBe(1);
  expect(inOne.stderr).toMatch(/^portfolio-matrix: .*large\.csv is not a CSV or XLSX file/);
  expect(viaChild.status).toBe(inOne.status);
  expect(viaChild.stderr).toBe(inOne.stderr);
  expect(viaChild.stdout).toBe(inOne.stdout);
});

(process.platform === 'linux' ? test : test.skip)('the child gets the tunable and the standard streams; its exit code and signal are the command’s', () => {
  const script = path.join(dir, 'child.js');
  writeFileSync(
    script,
    `const mode = process.argv[2];
     if (mode === 'echo') { process.stdout.write('tunables=' + process.env.GLIBC_TUNABLES + ' args=' + process.argv.slice(3).join('|') + ' in=' + require('fs').readFileSync(0, 'utf8')); process.stderr.write('err'); process.exitCode = 3; }
     else process.kill(process.pid, 'SIGTERM');`,
  );
  const parent = (mode: string) =>
    spawnSync(process.execPath, ['-e', `require(${JSON.stringify(HUGE_PAGES)}).runWithHugePages(${JSON.stringify(script)}, [${JSON.stringify(mode)}, 'a b', 'c'])`], {
      encoding: 'utf8',
      env: env(),
      input: 'stdin text',
      timeout: 20_000,
    });
  const echoed = parent('echo');
  expect(echoed.stdout).toBe(`tunables=${hugePages.TUNABLE} args=a b|c in=stdin text`);
  expect(echoed.stderr).toBe('err');
  expect(echoed.status).toBe(3);
  const killed = parent('kill');
  expect(killed.signal).toBe('SIGTERM');
});
