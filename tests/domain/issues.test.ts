import { AnalysisError, analyze, issueText, parseConfig, resolveMapping, type RowIssue, type Table } from '../../src/domain';
import { readColumns } from '../../src/domain/readColumns';
import { run, table, thrown, TODAY } from './helpers';

const issuesOf = (t: Table, config: Record<string, unknown> = {}) => run(t, { asOf: '2026-11-23', ...config }).rows.map((r) => r.issues);
const find = (issues: RowIssue[], code: string) => issues.filter((i) => i.code === code);

describe('row issues (§12): code, field, column header and raw value', () => {
  it('an Excel error in a cell is an ERROR_VALUE and the value counts as missing', () => {
    const [a, b] = issuesOf(table(['余额', '交易次数'], ['#N/A', 3], [10, '#DIV/0!']));
    expect(find(a, 'ERROR_VALUE')).toEqual([{ code: 'ERROR_VALUE', field: 'volume', column: '余额', value: '#N/A' }]);
    expect(find(a, 'MISSING_VOLUME')).toHaveLength(1);
    expect(find(b, 'ERROR_VALUE')).toEqual([{ code: 'ERROR_VALUE', field: 'txn_count', column: '交易次数', value: '#DIV/0!' }]);
  });

  it('an Excel error in a text, date, rating, yes/no or quadrant column is an ERROR_VALUE too', () => {
    const [a] = issuesOf(
      table(['余额', '客户名称', '最近交易日期', '信用评级', '他行营销', '上期象限'], [1, '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!']),
    );
    expect(a.filter((i) => i.code === 'ERROR_VALUE').map((i) => [i.field, i.value])).toEqual([
      ['client_name', '#REF!'],
      ['last_txn_date', '#NAME?'],
      ['credit_rating', '#NUM!'],
      ['competitor_offer', '#NULL!'],
      ['quadrant_prev', '#SPILL!'],
    ]);
  });

  it('text that is not a number is an INVALID_NUMBER with the raw text', () => {
    const [a, b] = issuesOf(table(['余额', '交易次数'], [10, 'abc'], [10, true]));
    expect(find(a, 'INVALID_NUMBER')).toEqual([{ code: 'INVALID_NUMBER', field: 'txn_count', column: '交易次数', value: 'abc' }]);
    expect(find(b, 'INVALID_NUMBER')).toEqual([{ code: 'INVALID_NUMBER', field: 'txn_count', column: '交易次数', value: true }]);
  });

  it('a wallet share outside 0–100% is OUT_OF_RANGE', () => {
    const rows = issuesOf(table(['余额', '本行占比'], [10, '50%'], [10, '120%'], [10, -0.1], [10, 0.3]));
    expect(find(rows[1], 'OUT_OF_RANGE')).toEqual([{ code: 'OUT_OF_RANGE', field: 'wallet_share', column: '本行占比', value: '120%' }]);
    expect(find(rows[2], 'OUT_OF_RANGE')).toEqual([{ code: 'OUT_OF_RANGE', field: 'wallet_share', column: '本行占比', value: -0.1 }]);
    expect(find(rows[0], 'OUT_OF_RANGE')).toEqual([]);
    expect(find(rows[3], 'OUT_OF_RANGE')).toEqual([]);
  });

  it('a text that is not a date is an INVALID_DATE', () => {
    const [a] = issuesOf(table(['余额', '最近交易日期'], [10, '2024-13-01']));
    expect(find(a, 'INVALID_DATE')).toEqual([{ code: 'INVALID_DATE', field: 'last_txn_date', column: '最近交易日期', value: '2024-13-01' }]);
  });

  it('an unknown grade is an INVALID_RATING', () => {
    const [a] = issuesOf(table(['余额', '信用评级'], [10, 'XYZ']));
    expect(find(a, 'INVALID_RATING')).toEqual([{ code: 'INVALID_RATING', field: 'credit_rating', column: '信用评级', value: 'XYZ' }]);
  });

  it('an unknown previous quadrant is an INVALID_QUADRANT', () => {
    const [a] = issuesOf(table(['余额', '上期象限'], [10, '明星客户']));
    expect(find(a, 'INVALID_QUADRANT')).toEqual([{ code: 'INVALID_QUADRANT', field: 'quadrant_prev', column: '上期象限', value: '明星客户' }]);
  });

  it('an open date after the analysis date is a FUTURE_DATE and gives no tenure', () => {
    const r = run(table(['余额', '开户日期'], [10, '2027-01-15'], [20, '2020-01-01']), { asOf: '2026-11-23' });
    expect(find(r.rows[0].issues, 'FUTURE_DATE')).toEqual([
      { code: 'FUTURE_DATE', field: 'open_date', column: '开户日期', value: '2027-01-15' },
    ]);
    // Only the valid open date is a tenure value, so the first client has no loyalty.
    expect(r.rows[0].loyalty).toBeNull();
    expect(r.rows[1].loyalty).toBe(50);
  });

  it('a row with no valid volume is MISSING_VOLUME and INSUFFICIENT_DATA', () => {
    const r = run(table(['客户号', '余额', '忠诚度'], ['C1', '', 50], ['C2', 'N/A', 50], ['C3', 10, 50]));
    expect(r.rows[0].issues).toEqual([{ code: 'MISSING_VOLUME', field: 'volume', column: '余额', value: null }]);
    expect(r.rows[1].issues.map((i) => i.code)).toEqual(['MISSING_VOLUME']);
    expect(r.rows.map((x) => x.quadrant)).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 'LOYAL']);
    expect(r.rows[0].volume).toBeNull();
    expect(r.rows[0].share).toBeNull();
  });

  it('a negative volume is NEGATIVE_VOLUME and counts as missing', () => {
    const r = run(table(['余额', '忠诚度'], [-5, 50], [10, 50]));
    expect(r.rows[0].issues).toEqual([{ code: 'NEGATIVE_VOLUME', field: 'volume', column: '余额', value: -5 }]);
    expect(r.rows[0].volume).toBeNull();
    expect(r.rows[0].quadrant).toBe('INSUFFICIENT_DATA');
    expect(r.summary.totalVolume).toBe(10);
    expect(r.rows[1].share).toBe(1);
  });

  it('a loyalty score column with a blank cell gives MISSING_LOYALTY for that row', () => {
    const r = run(table(['余额', '忠诚度'], [10, ''], [10, 60]));
    expect(r.rows[0].issues).toEqual([{ code: 'MISSING_LOYALTY', field: 'loyalty_score', column: '忠诚度', value: null }]);
    expect(r.rows[1].issues).toEqual([]);
  });

  it('a row without any loyalty component value gives MISSING_LOYALTY', () => {
    const r = run(table(['余额', '交易次数', '产品数'], [10, '', ''], [10, 5, 2]));
    expect(find(r.rows[0].issues, 'MISSING_LOYALTY')).toEqual([{ code: 'MISSING_LOYALTY', field: null, column: null, value: null }]);
    expect(r.rows[1].issues).toEqual([]);
  });

  it('every row whose client id occurs more than once is a DUPLICATE_ID', () => {
    const r = run(table(['客户号', '余额', '忠诚度'], ['C1', 10, 50], ['C2', 10, 50], ['C1', 10, 50], ['', 10, 50], ['', 10, 50]));
    expect(r.rows.map((x) => find(x.issues, 'DUPLICATE_ID'))).toEqual([
      [{ code: 'DUPLICATE_ID', field: 'client_id', column: '客户号', value: 'C1' }],
      [],
      [{ code: 'DUPLICATE_ID', field: 'client_id', column: '客户号', value: 'C1' }],
      [],
      [],
    ]);
  });

  it('keeps the raw cell as the issue value, Dates as their day', () => {
    const r = run(table(['余额', '交易次数'], [10, new Date(Date.UTC(2026, 0, 2))]));
    expect(r.rows[0].issues[0]).toEqual({ code: 'INVALID_NUMBER', field: 'txn_count', column: '交易次数', value: '2026-01-02' });
  });

  it('counts the issues by code in the summary', () => {
    const r = run(table(['客户号', '余额', '交易次数'], ['C1', '#N/A', 'x'], ['C1', 10, 'y'], ['C3', -1, 3]));
    expect(r.summary.issues).toEqual({
      ERROR_VALUE: 1,
      INVALID_NUMBER: 2,
      MISSING_VOLUME: 1,
      NEGATIVE_VOLUME: 1,
      MISSING_LOYALTY: 2,
      DUPLICATE_ID: 2,
    });
  });

  it('words an issue in both languages with the column and the raw value', () => {
    const issue: RowIssue = { code: 'INVALID_DATE', field: 'last_txn_date', column: '最近交易日', value: '2024-13-01' };
    expect(issueText(issue, 'zh-CN')).toBe('最近交易日：不是有效日期（2024-13-01）');
    expect(issueText(issue, 'en-US')).toBe('最近交易日: not a valid date (2024-13-01)');
  });
});

describe('volume columns (§4)', () => {
  it('sums the valid numbers of several volume columns', () => {
    const r = run(table(['日均存款', '贷款余额', '忠诚度'], [100, '50', 1], ['', 30, 1], ['x', '', 1], ['', '', 1]));
    expect(r.rows.map((x) => x.volume)).toEqual([150, 30, null, null]);
    expect(r.rows[2].issues.map((i) => i.code)).toEqual(['INVALID_NUMBER', 'MISSING_VOLUME']);
    expect(r.mapping.volume).toEqual(['日均存款', '贷款余额']);
  });

  it('a negative sum of several columns is NEGATIVE_VOLUME', () => {
    const r = run(table(['日均存款', '贷款余额', '忠诚度'], [10, -20, 1], [5, 5, 1]));
    expect(r.rows[0].issues.map((i) => [i.code, i.value])).toEqual([['NEGATIVE_VOLUME', -10]]);
  });

  it('reads 万 and 亿 amounts in a volume column', () => {
    const r = run(table(['余额', '忠诚度'], ['1万', 1], ['1亿', 1], ['1,000元', 1]));
    expect(r.rows.map((x) => x.volume)).toEqual([10000, 100000000, 1000]);
  });
});

describe('wallet share as a percent column (§3)', () => {
  const walletShare = (...cells: (string | number)[]) => {
    const t: Table = [['余额', '本行占比'], ...cells.map((c) => [1, c])];
    return Array.from(readColumns(t, resolveMapping(t[0])).numbers.wallet_share ?? []);
  };

  it('reads values as fractions when every value is at most 1', () => {
    expect(walletShare(0.2, 0.5, 1, 0)).toEqual([0.2, 0.5, 1, 0]);
  });

  it('reads values as percent points when any value is above 1', () => {
    expect(walletShare(20, 50, 0.5, 100)).toEqual([0.2, 0.5, 0.005, 1]);
  });

  it('reads a % text as a fraction, whatever the other values are', () => {
    const v = walletShare('40%', 0.5, 0.25);
    expect(v[0]).toBeCloseTo(0.4, 12);
    expect(v.slice(1)).toEqual([0.5, 0.25]);
    const w = walletShare('40%', 60, 30);
    expect(w[0]).toBeCloseTo(0.4, 12);
    expect(w.slice(1)).toEqual([0.6, 0.3]);
  });

  it('makes a value outside [0, 1] missing', () => {
    const v = walletShare(20, 150, -5);
    expect(v[0]).toBe(0.2);
    expect(Number.isNaN(v[1])).toBe(true);
    expect(Number.isNaN(v[2])).toBe(true);
  });
});

describe('empty rows (§1)', () => {
  it('skips a row whose cells are all empty, and later rows keep their number', () => {
    const r = run(table(['客户号', '余额', '忠诚度'], ['C1', 10, 50], ['', null, ''], [], ['C4', 20, 60]));
    expect(r.rows.map((x) => [x.row, x.clientId])).toEqual([
      [1, 'C1'],
      [4, 'C4'],
    ]);
    expect(r.summary.rowCount).toBe(2);
    expect(r.summary.skippedEmptyRows).toBe(2);
    expect(r.summary.issues).toEqual({});
  });

  it('analyses a row that has a value only in an unmapped column', () => {
    const r = run(table(['余额', '备注'], [10, ''], ['', '待补录']));
    expect(r.rows).toHaveLength(2);
    expect(r.rows[1].issues.map((i) => i.code)).toContain('MISSING_VOLUME');
  });
});

describe('table-level problems (§12) stop the run', () => {
  const attempt = (t: Table) => thrown(() => analyze(t, parseConfig({}), { today: TODAY })) as AnalysisError;

  it('no header row', () => {
    expect(attempt([]).code).toBe('NO_HEADER');
    expect(attempt([['', ''], [1, 2]]).code).toBe('NO_HEADER');
  });

  it('no data rows', () => {
    const e = attempt([['余额']]);
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.code).toBe('NO_DATA_ROWS');
    expect(attempt([['余额'], [''], [null]]).code).toBe('NO_DATA_ROWS');
    expect(e.localized('zh-CN')).not.toBe(e.localized('en-US'));
  });

  it('no volume column', () => {
    expect(attempt([['客户号'], ['C1']]).code).toBe('NO_VOLUME_COLUMN');
  });

  it('a mapped column that is not in the table', () => {
    const e = thrown(() => run([['余额'], [1]], { map: { volume: '存款' } })) as AnalysisError;
    expect(e.code).toBe('MAPPED_COLUMN_MISSING');
    expect(e.localized('zh-CN')).toContain('存款');
  });

  it('a header cell holding an invalid Date does not crash the analysis', () => {
    const t: Table = [['余额', new Date(NaN)], [10, 'x']];
    expect(() => analyze(t, parseConfig({}), { today: TODAY })).not.toThrow();
  });
});
