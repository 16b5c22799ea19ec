import { parseNumber } from '../../src/domain/values/parseNumber';

describe('parseNumber', () => {
  it('uses a finite number as it is', () => {
    expect(parseNumber(1234.5)).toBe(1234.5);
    expect(parseNumber(-3)).toBe(-3);
    expect(parseNumber(0)).toBe(0);
  });

  it('reports NaN and infinities as invalid numbers', () => {
    expect(parseNumber(NaN)).toEqual({ issue: 'INVALID_NUMBER' });
    expect(parseNumber(Infinity)).toEqual({ issue: 'INVALID_NUMBER' });
  });

  it.each([
    ['1,234', 1234],
    ['1,234,567.89', 1234567.89],
    ['  42  ', 42],
    ['(1,234)', -1234],
    ['-12.5', -12.5],
    ['1,234元', 1234],
    ['12%', 0.12],
    ['3万', 30000],
    ['1.5万元', 15000],
    ['2亿', 200000000],
    ['1.2亿元', 120000000],
    ['(2万)', -20000],
    ['1e3', 1000],
  ])('reads the text %s as %d', (text, want) => {
    expect(parseNumber(text)).toBeCloseTo(want as number, 9);
  });

  it('reads full-width digits, commas and signs through NFKC', () => {
    expect(parseNumber('１２３')).toBe(123);
    expect(parseNumber('１，２３４')).toBe(1234);
    expect(parseNumber('（１，２３４）')).toBe(-1234);
    expect(parseNumber('５０％')).toBeCloseTo(0.5, 12);
  });

  it('tells when a % was read', () => {
    const seen = { value: false };
    parseNumber('41%', seen);
    expect(seen.value).toBe(true);
    const notSeen = { value: false };
    parseNumber('41', notSeen);
    expect(notSeen.value).toBe(false);
  });

  it.each(['', '   ', '-', '—', 'N/A', 'n/a', 'NA', '无', 'null', 'NULL', null, undefined])(
    'reads %p as missing without an issue',
    (cell) => {
      expect(parseNumber(cell)).toBeNull();
    },
  );

  it.each(['abc', '12abc', '1,2,3,x', '¥', '1.2.3', '--5', 'NaN', 'Infinity', '1e400'])(
    'reports the text %p as an invalid number',
    (text) => {
      expect(parseNumber(text)).toEqual({ issue: 'INVALID_NUMBER' });
    },
  );

  it('reports a boolean as an invalid number', () => {
    expect(parseNumber(true)).toEqual({ issue: 'INVALID_NUMBER' });
    expect(parseNumber(false)).toEqual({ issue: 'INVALID_NUMBER' });
  });

  it('reports a Date as an invalid number', () => {
    expect(parseNumber(new Date(Date.UTC(2026, 0, 1)))).toEqual({ issue: 'INVALID_NUMBER' });
  });

  it.each(['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'])(
    'reports the Excel error %s as an error value',
    (text) => {
      expect(parseNumber(text)).toEqual({ issue: 'ERROR_VALUE' });
    },
  );

  it('does not take a text that merely starts with # for an error value', () => {
    expect(parseNumber('#12')).toEqual({ issue: 'INVALID_NUMBER' });
  });
});
