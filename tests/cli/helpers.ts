/** Running the command line in-process, and scratch directories for its files. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const CLI_FIXTURES = path.join(__dirname, 'fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    isTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: ROOT,
    today: '2026-11-15',
    ...io,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed after the test file. */
export function scratchDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pm-cli-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small client table as CSV text (Chinese headers the auto-mapping knows). */
export const SMALL_CSV = [
  '客户号,客户名称,存款日均(万元),信用等级,开户日期,投诉次数',
  'C001,张三,100,AA,2020-01-15,0',
  'C002,李四,300,BBB,2019-06-30,2',
  'C003,王五,50,A,2023-03-01,0',
  'C004,赵六,20,BB,2010-05-05,0',
].join('\r\n');
