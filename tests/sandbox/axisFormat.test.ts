import { shareAxisFormat } from '../../src/domain';
import { axisFormatter } from '../../src/sandbox/axisFormat';

describe('the share axis format', () => {
  test('a logarithmic axis prints each power of ten with only the decimals it needs', () => {
    const f = shareAxisFormat(true, 1e-5, 1e-5);
    expect(f).toBe('[>=0.01]0%;[>=0.001]0.0%;0.000%');
    const show = axisFormatter(f);
    expect([1, 0.1, 0.01, 0.001, 0.0001, 0.00001].map(show)).toEqual(['100%', '10%', '1%', '0.1%', '0.010%', '0.001%']);
    expect(shareAxisFormat(true, 0.01, 0.01)).toBe('0%');
    expect(axisFormatter(shareAxisFormat(true, 0.001, 0.001))(0.001)).toBe('0.1%');
  });

  test('a linear axis gets enough decimals for its step', () => {
    expect(shareAxisFormat(false, 0, 0.05)).toBe('0%');
    expect(shareAxisFormat(false, 0, 0.002)).toBe('0.0%');
    expect(axisFormatter(shareAxisFormat(false, 0, 0.0002))(0.0004)).toBe('0.04%');
  });

  test('formats the sandbox cannot read fall back to plain numbers', () => {
    expect(axisFormatter('General')(0.5)).toBe('0.5');
    expect(axisFormatter('0.0')(48.66)).toBe('48.7');
  });
});
