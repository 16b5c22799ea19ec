import fc from 'fast-check';
import { columnLetters, columnNumber } from '../../src/domain';

test('column letters and numbers are each other’s inverse, in either case', () => {
  expect([1, 26, 27, 28, 702, 703, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA', 'XFD']);
  expect(columnNumber('xfd')).toBe(16384);
  fc.assert(fc.property(fc.integer({ min: 1, max: 16384 }), (n) => columnNumber(columnLetters(n)) === n && columnNumber(columnLetters(n).toLowerCase()) === n));
});
