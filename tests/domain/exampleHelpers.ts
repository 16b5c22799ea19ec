/** The worked examples of analysis.md §15 (tests/fixtures), read as the domain tests read them. */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Cell } from '../../src/domain';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const EXAMPLES = ['branch-small', 'branch-messy', 'portfolio-en'] as const;

/** The example CSVs have no quoted fields, so a plain split reads them exactly as the CLI does. */
export function readCsv(name: string): Cell[][] {
  const text = readFileSync(join(FIXTURES, name), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

export type Json = Record<string, unknown>;

export function expectClose(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') {
    expect({ where, ok: typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9, actual }).toEqual({
      where,
      ok: true,
      actual,
    });
  } else if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    for (const [k, v] of Object.entries(expected as Json)) expectClose((actual as Json)?.[k], v, `${where}.${k}`);
  } else {
    expect({ where, value: actual }).toEqual({ where, value: expected });
  }
}
