/** The real executable, as a user runs it: `node bin/portfolio-matrix.js …` (the build in build/cli when current, else tsx). */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, ROOT } from './helpers';

const BIN = path.join(ROOT, 'bin', 'portfolio-matrix.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

jest.setTimeout(30_000);

test('the executable is marked executable and starts with a node shebang', () => {
  expect(statSync(BIN).mode & 0o111).not.toBe(0);
  expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
});

test('--help prints the usage and exits 0', () => {
  const r = run('analyze', '--help');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Usage: portfolio-matrix analyze \[options\] <files\.\.\.>/);
  expect(r.stdout).toMatch(/--share-cut <mode>/);
});

test('a usage error exits 2', () => {
  const r = run('analyze', path.join(FIXTURES, 'branch-small.csv'), '--share-cut', 'foo');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^portfolio-matrix: --share-cut is invalid: .*\n$/);
});

test('an input problem exits 1 with one line', () => {
  const r = run('analyze', 'no-such-file.csv');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('portfolio-matrix: file not found: no-such-file.csv\n');
});

test('a successful run exits 0 with the JSON result on a pipe and nothing on stderr', () => {
  const r = run('analyze', path.join(FIXTURES, 'branch-small.csv'), '--as-of', '2026-10-31');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).rows).toHaveLength(12);
});
