import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze, parseConfig, toResultJson } from '../../src/domain';
import { EXAMPLES, expectClose, FIXTURES, readCsv, type Json } from './exampleHelpers';

describe.each(EXAMPLES)('worked example %s', (name) => {
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
