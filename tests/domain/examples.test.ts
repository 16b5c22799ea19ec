import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze, parseConfig, toResultJson, type Cell } from '../../src/domain';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** The example CSVs have no quoted fields, so a plain split reads them exactly as the CLI does. */
function readCsv(name: string): Cell[][] {
  const text = readFileSync(join(FIXTURES, name), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

type Json = Record<string, unknown>;

function expectClose(actual: unknown, expected: unknown, where: string): void {
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

describe.each(['branch-small', 'branch-messy', 'portfolio-en'])('worked example %s', (name) => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Json;
  const config = parseConfig(JSON.parse(readFileSync(join(FIXTURES, `${name}.config.json`), 'utf8')));
  const result = toResultJson(analyze(readCsv(`${name}.csv`), config, { today: '2026-11-23' })) as Json;

  it('has the expected as-of date, cuts, components and mapping', () => {
    expectClose(result.asOf, expected.asOf, 'asOf');
    expectClose(result.cuts, expected.cuts, 'cuts');
    expect(result.components).toEqual(expected.components);
    expect(result.mapping).toEqual(expected.mapping);
  });

  it('reproduces every row: codes exactly, numbers to 1e-9, issues as codes', () => {
    const rows = result.rows as Json[];
    const want = expected.rows as Json[];
    expect(rows).toHaveLength(want.length);
    want.forEach((w, i) => {
      const { issues, ...rest } = w;
      expectClose(rows[i], rest, `rows[${i}]`);
      expect({ row: i + 1, issues: (rows[i].issues as { code: string }[]).map((x) => x.code) }).toEqual({ row: i + 1, issues });
    });
  });

  it('has the expected summary counts', () => {
    expectClose(result.summary, expected.summary, 'summary');
  });
});
