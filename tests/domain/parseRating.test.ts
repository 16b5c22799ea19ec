import { parseRating, RATING_SCALE } from '../../src/domain/values/parseRating';

describe('parseRating', () => {
  it('gives the scale ordinals AAA = 22 down to D = 1', () => {
    expect(RATING_SCALE).toHaveLength(22);
    RATING_SCALE.forEach((grade, i) => {
      expect({ grade, read: parseRating(grade) }).toEqual({ grade, read: { value: 22 - i, letter: true } });
    });
    expect(parseRating('AAA')).toEqual({ value: 22, letter: true });
    expect(parseRating('BBB')).toEqual({ value: 14, letter: true });
    expect(parseRating('B')).toEqual({ value: 8, letter: true });
    expect(parseRating('D')).toEqual({ value: 1, letter: true });
  });

  it('accepts lower case, surrounding spaces, the 级 suffix and full-width letters', () => {
    expect(parseRating('aa+')).toEqual({ value: 21, letter: true });
    expect(parseRating('  bbb-  ')).toEqual({ value: 13, letter: true });
    expect(parseRating('AAA级')).toEqual({ value: 22, letter: true });
    expect(parseRating('a级')).toEqual({ value: 17, letter: true });
    expect(parseRating('ＡＡ')).toEqual({ value: 20, letter: true });
  });

  it('uses a number, or text that is a plain number, as it is (higher is better)', () => {
    expect(parseRating(7)).toEqual({ value: 7, letter: false });
    expect(parseRating('3.5')).toEqual({ value: 3.5, letter: false });
    expect(parseRating(' 12 ')).toEqual({ value: 12, letter: false });
  });

  it('reads empty cells as missing', () => {
    expect(parseRating('')).toBeNull();
    expect(parseRating(null)).toBeNull();
  });

  it.each(['XYZ', 'AAAA', 'A++', 'E', '优', true, NaN])('reports %p as an invalid rating', (cell) => {
    expect(parseRating(cell)).toEqual({ issue: 'INVALID_RATING' });
  });

  it('reports an Excel error as an error value', () => {
    expect(parseRating('#VALUE!')).toEqual({ issue: 'ERROR_VALUE' });
  });
});
