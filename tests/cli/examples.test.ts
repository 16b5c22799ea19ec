/**
 * The worked examples of analysis.md §15, reproduced through the command line: every code
 * equal and every number within 1e-9 (issues compared as lists of codes; the expected summary
 * may hold fewer keys than the result).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, runCli } from './helpers';

const TOLERANCE = 1e-9;
const names = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.expected.json'))
  .map((n) => n.replace(/\.expected\.json$/, ''));

/** Compares `actual` with `expected` key by key (only the keys `expected` has), numbers within the tolerance. */
function compare(actual: unknown, expected: unknown, where: string, problems: string[]): void {
  if (problems.length > 20) return;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || Math.abs(actual - expected) > TOLERANCE) problems.push(`${where}: ${String(actual)} ≠ ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    if (actual !== expected) problems.push(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      problems.push(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
      return;
    }
    expected.forEach((e, i) => compare(actual[i], e, `${where}[${i}]`, problems));
    return;
  }
  if (actual === null || typeof actual !== 'object') {
    problems.push(`${where}: missing`);
    return;
  }
  for (const [k, e] of Object.entries(expected)) compare((actual as Record<string, unknown>)[k], e, `${where}.${k}`, problems);
}

test('the comparison notices a wrong code, a number off by more than 1e-9 and a missing key', () => {
  const problems: string[] = [];
  compare({ a: 'X', n: 1 + 2e-9, rows: [{}] }, { a: 'Y', n: 1, rows: [{ k: 1 }] }, 'e', problems);
  expect(problems).toHaveLength(3);
});

test('there are worked examples to reproduce', () => {
  expect(names.length).toBeGreaterThanOrEqual(3);
});

describe.each(names)('worked example %s', (name) => {
  test('is reproduced by `analyze --format json` to 1e-9', async () => {
    const r = await runCli([
      'analyze',
      path.join(FIXTURES, `${name}.csv`),
      '--config',
      path.join(FIXTURES, `${name}.config.json`),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const actual = JSON.parse(r.stdout);
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.expected.json`), 'utf8'));
    // Expected rows list issue codes; the result lists issue objects.
    for (const row of actual.rows) row.issues = row.issues.map((i: { code: string }) => i.code);
    const problems: string[] = [];
    compare(actual, expected, name, problems);
    expect(problems).toEqual([]);
  });
});
