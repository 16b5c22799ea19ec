/**
 * The fast paths for plain numbers and ISO dates (values/plainText.ts) against the general rules:
 * they must read exactly what the general rules read, or leave the text to them.
 */
import fc from 'fast-check';
import { plainDate, plainDateBytes, plainNumber, plainNumberBytes } from '../../src/domain/values/plainText';
import { parseDateText } from '../../src/domain/values/parseDate';

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

describe('plainNumber', () => {
  it('reads plain decimals exactly as Number does (the general rules end there)', () => {
    for (const s of ['0', '-0', '+7', '007', '1234', '-12.50', '.5', '5.', '+.5', '-.5', '00.00', '4.35', '0.1', '123456789012345.678',
      '12345678901234567890', '9007199254740993', '0.1000000000000000055511151231257827', '0.000000000000000000000001']) {
      expect(Object.is(plainNumber(s), Number(s))).toBe(true);
    }
  });

  it('leaves every other spelling to the general rules', () => {
    for (const s of ['', '-', '+', '.', '1,234', ' 12', '12 ', '12%', '1.5万', '(3)', '1e3', '１２', '−4', '0x10', '1..2', '1.2.3', '#N/A', 'NaN', 'Infinity', '1'.repeat(400)]) {
      expect(plainNumber(s)).toBeNaN();
    }
  });

  it('agrees with Number on random decimal texts of every length and scale', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 25 });
    fc.assert(
      fc.property(fc.constantFrom('', '+', '-'), digits, fc.boolean(), digits, (sign, a, dot, b) => {
        const s = sign + a + (dot ? '.' : '') + (dot ? b : '');
        const v = plainNumber(s);
        if (PLAIN.test(s)) expect(Object.is(v, Number(s))).toBe(true);
        else expect(v).toBeNaN();
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with Number on the texts of random doubles', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }), (x, k) => {
        for (const s of [String(x), Math.abs(x) < 1e21 ? x.toFixed(k) : String(x)]) {
          if (PLAIN.test(s)) expect(Object.is(plainNumber(s), Number(s))).toBe(true);
          else expect(plainNumber(s)).toBeNaN();
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('answers only for plain texts, on any text at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789+-.e, %万') }), (s) => {
        const v = plainNumber(s);
        if (!Number.isNaN(v)) {
          expect(PLAIN.test(s)).toBe(true);
          expect(Object.is(v, Number(s))).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('plainDate', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  it('reads YYYY-M-D as the general date rules do, and leaves invalid dates to them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.boolean(), fc.boolean(), (y, m, d, pm, pd) => {
        const s = `${pad(y, 4)}-${pm ? pad(m, 2) : m}-${pd ? pad(d, 2) : d}`;
        const general = parseDateText(s);
        const fast = plainDate(s);
        if (general === null) expect(fast).toBeNaN();
        else expect(fast).toBe(general);
      }),
      { numRuns: 10000 },
    );
  });

  it('knows leap years and the ends of months', () => {
    expect(plainDate('1970-01-01')).toBe(0);
    expect(plainDate('2026-10-31')).toBe(parseDateText('2026-10-31'));
    expect(plainDate('2024-02-29')).toBe(parseDateText('2024-02-29'));
    expect(plainDate('0001-01-01')).toBe(parseDateText('0001-01-01'));
    for (const s of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '0000-01-01', '2026-00-10', '2026-01-00']) expect(plainDate(s)).toBeNaN();
  });

  it('leaves every other spelling to the general rules', () => {
    for (const s of ['2026/01/05', '20260105', '2026年1月5日', ' 2026-10-31', '2026-10-31 ', '2026-10-31T08:30', '２０２６-１０-３１', '2026-010-31', '26-10-31', '2026-1', '2026--1-1', '46311']) {
      expect(plainDate(s)).toBeNaN();
    }
  });
});

describe('the fast paths on UTF-8 bytes (a CSV read as bytes)', () => {
  // The text's bytes in the middle of others, as a field is in its line.
  const inLine = (s: string): [Uint8Array, number, number] => {
    const before = Buffer.from('x,中,');
    const b = Buffer.concat([before, Buffer.from(s, 'utf8'), Buffer.from(',9\r\n')]);
    return [b, before.length, before.length + Buffer.byteLength(s, 'utf8')];
  };
  const sameNumber = (s: string) => {
    const v = plainNumberBytes(...inLine(s));
    // On bytes, a text with more digits than stay exact is left to the text (plainNumber asks Number).
    const want = plainNumber(s);
    if (Number.isNaN(v)) expect(Number.isNaN(want) || s.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '').length > 15 || /\.\d{23,}/.test(s)).toBe(true);
    else expect(Object.is(v, want)).toBe(true);
  };

  it('read a number as plainNumber reads its text, or leave it to the text', () => {
    for (const s of ['0', '-0', '+7', '007', '1234', '-12.50', '.5', '5.', '+.5', '', '-', '.', '1,234', ' 12', '12%', '１２', '1e3', '12345678901234567890', '0.1000000000000000055511151231257827']) sameNumber(s);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789+-.e %万１'), maxLength: 24 }), (s) => sameNumber(s)),
      { numRuns: 5000 },
    );
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => sameNumber(String(x))), { numRuns: 3000 });
  });

  it('read a date as plainDate reads its text', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.boolean(), fc.boolean(), (y, m, d, pm, pd) => {
        const s = `${pad(y, 4)}-${pm ? pad(m, 2) : m}-${pd ? pad(d, 2) : d}`;
        expect(Object.is(plainDateBytes(...inLine(s)), plainDate(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const s of ['2026/01/05', ' 2026-10-31', '2026-10-31 ', '2026-010-31', '2026-1', '2026-1-', '2026-12-1x', '2026年1月5日', '']) {
      expect(plainDateBytes(...inLine(s))).toBeNaN();
    }
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789-'), maxLength: 11 }), (s) => expect(Object.is(plainDateBytes(...inLine(s)), plainDate(s))).toBe(true)), { numRuns: 5000 });
  });
});
