import { formatDay, parseDateText } from '../../src/domain';
import { parseDate } from '../../src/domain/values/parseDate';

/** The date a cell reads as, YYYY-MM-DD; or the issue / null. */
function read(cell: Parameters<typeof parseDate>[0]): string | null | { issue: string } {
  const d = parseDate(cell);
  return typeof d === 'number' ? formatDay(d) : d;
}

describe('parseDate: Excel serial numbers', () => {
  it('reads serial 25569 as 1970-01-01', () => {
    expect(read(25569)).toBe('1970-01-01');
  });

  it('reads serials from 61 on as the correct day', () => {
    expect(read(61)).toBe('1900-03-01');
    expect(read(36526)).toBe('2000-01-01');
    expect(read(46349)).toBe('2026-11-23');
  });

  it('drops the time part of a serial', () => {
    expect(read(46349.99)).toBe('2026-11-23');
    expect(read(25569.5)).toBe('1970-01-01');
  });

  it('accepts the serial range 1 to 2958465 (9999-12-31)', () => {
    expect(read(2958465)).toBe('9999-12-31');
    expect(typeof parseDate(1)).toBe('number');
  });

  it('rejects numbers outside the serial range that are not YYYYMMDD', () => {
    expect(read(0)).toEqual({ issue: 'INVALID_DATE' });
    expect(read(-5)).toEqual({ issue: 'INVALID_DATE' });
    expect(read(0.5)).toEqual({ issue: 'INVALID_DATE' });
    expect(read(5000000)).toEqual({ issue: 'INVALID_DATE' });
    expect(read(NaN)).toEqual({ issue: 'INVALID_DATE' });
  });
});

describe('parseDate: YYYYMMDD numbers', () => {
  it('reads a whole number that is a valid YYYYMMDD date', () => {
    expect(read(20261123)).toBe('2026-11-23');
    expect(read(19991231)).toBe('1999-12-31');
  });

  it('rejects an impossible month or day', () => {
    expect(read(20261301)).toEqual({ issue: 'INVALID_DATE' });
    expect(read(20260230)).toEqual({ issue: 'INVALID_DATE' });
    expect(read(20261100)).toEqual({ issue: 'INVALID_DATE' });
  });

  it('rejects a YYYYMMDD-sized number with a fraction', () => {
    expect(read(20261123.5)).toEqual({ issue: 'INVALID_DATE' });
  });
});

describe('parseDate: text', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-1-5', '2026-01-05'],
    ['2026/11/23', '2026-11-23'],
    ['2026/1/5', '2026-01-05'],
    ['2026.11.23', '2026-11-23'],
    ['2026.1.5', '2026-01-05'],
    ['2026年11月23日', '2026-11-23'],
    ['2026年1月5日', '2026-01-05'],
    ['20261123', '2026-11-23'],
    ['  2026-11-23  ', '2026-11-23'],
    ['２０２６－１１－２３', '2026-11-23'],
  ])('reads %p as %s', (text, want) => {
    expect(read(text)).toBe(want);
  });

  it.each([
    ['2026-11-23 14:30', '2026-11-23'],
    ['2026-11-23 14:30:15', '2026-11-23'],
    ['2026-11-23T23:59:59', '2026-11-23'],
    ['2026/11/23 8:05', '2026-11-23'],
    ['2026.11.23 08:05:00', '2026-11-23'],
    ['2026年11月23日 10:00', '2026-11-23'],
    ['20261123 10:00:00', '2026-11-23'],
  ])('ignores the time in %p', (text, want) => {
    expect(read(text)).toBe(want);
  });

  it.each(['2026-13-01', '2024-13-01', '2026-02-30', '2026/11/31', '20261301', 'yesterday', '23/11/2026', '11-23-2026', '2026-11', 'abc'])(
    'reports %p as an invalid date',
    (text) => {
      expect(read(text)).toEqual({ issue: 'INVALID_DATE' });
    },
  );

  it('knows leap years', () => {
    expect(read('2024-02-29')).toBe('2024-02-29');
    expect(read('2026-02-29')).toEqual({ issue: 'INVALID_DATE' });
  });

  it('reads empty text as missing and an Excel error as an error value', () => {
    expect(read('')).toBeNull();
    expect(read('   ')).toBeNull();
    expect(read(null)).toBeNull();
    expect(read('#N/A')).toEqual({ issue: 'ERROR_VALUE' });
  });

  it('parseDateText gives the same day numbers', () => {
    expect(parseDateText('1970-01-01')).toBe(0);
    expect(parseDateText('1970-01-02')).toBe(1);
    expect(parseDateText('bad')).toBeNull();
  });
});

describe('parseDate: other cells', () => {
  it('reads a JavaScript Date as its calendar day', () => {
    expect(read(new Date(Date.UTC(2026, 10, 23)))).toBe('2026-11-23');
    expect(read(new Date(Date.UTC(2026, 10, 23, 18, 30)))).toBe('2026-11-23');
  });

  it('reports an invalid Date object and a boolean as invalid dates', () => {
    expect(read(new Date(NaN))).toEqual({ issue: 'INVALID_DATE' });
    expect(read(true)).toEqual({ issue: 'INVALID_DATE' });
  });
});
