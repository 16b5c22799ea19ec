/**
 * shortestDigits writes a number's digits as String(x) does, or declines (-1) and String is used:
 * a digit that differed would change every annotated CSV. Compared with String on every kind of
 * double: fast-check's, a million from a seeded generator, and the edges the method has.
 */
import fc from 'fast-check';
import { shortestDigits } from '../../src/xlsx/shortestDigits';
import { commaNumber, NUMBER_BYTES } from '../../src/cli/writeCsv';

const buf = new Uint8Array(64);
/** What shortestDigits writes for x, or null when it declines. */
function digits(x: number): string | null {
  const end = shortestDigits(buf, 0, x);
  return end < 0 ? null : Buffer.from(buf.buffer, 0, end).toString('latin1');
}

/** A small seeded generator (xorshift), so a failure is the same on every run. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

test('any double: String’s digits, or none', () => {
  fc.assert(
    fc.property(fc.double(), (x) => {
      const got = digits(x);
      return got === null || got === String(x);
    }),
    { numRuns: 20_000 },
  );
  fc.assert(
    fc.property(fc.double({ min: 1e-6, max: 1e16, noNaN: true }), (x) => {
      const got = digits(x);
      return got === null || got === String(x);
    }),
    { numRuns: 50_000 },
  );
});

test('a million doubles of the kinds an output has: the same digits as String, and String is rarely needed for a score', () => {
  const next = xorshift(20261207);
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  const wrong: string[] = [];
  let declined = 0;
  let scores = 0;
  const check = (x: number, score = false) => {
    const got = digits(x);
    if (got === null) {
      if (score) declined++;
    } else if (got !== String(x) && wrong.length < 5) wrong.push(`${String(x)} written as ${got}`);
  };
  for (let i = 0; i < 125_000; i++) {
    // A loyalty score: the mean of seven percentile ranks of a million rows.
    let sum = 0;
    for (let c = 0; c < 7; c++) sum += (100 * ((next() % 1048575) + 0.5)) / 1048575;
    check(sum / 7, true);
    scores++;
    // Any bits with an exponent from 1e-7 to 1e16, and any bits at all.
    u[HIGH] = (((next() % 80) + 999) << 20) | (next() & 0xfffff);
    u[1 - HIGH] = next();
    check(f[0]);
    u[HIGH] = next();
    u[1 - HIGH] = next();
    check(f[0]);
    // Uniform in [0, 1), scaled to several decades; a share (a volume over a total).
    const r = next() / 2 ** 32;
    check(r);
    check(r * 100);
    check(r * 1e-4);
    check(r * 1e13);
    check((next() % 100000) / 7919.5);
  }
  expect(wrong).toEqual([]);
  expect(declined / scores).toBeLessThan(0.001);
});

test('the edges: powers of two and ten and their neighbours, short decimals, the ends of the range', () => {
  const cases: number[] = [0.1, 0.2, 0.3, 0.1 + 0.2, 62.5, 51.5, 1 / 3, 2 / 3, 99.99999999999999, 9.999999999999998, 1e-5, 0.00001, 1e-5 * (1 + 2 ** -52), 123456789012345.6, 1e15 - 0.5, 4.35, 0.015, 1.005, 33.33333333333333, 66.66666666666667];
  for (let k = -18; k < 50; k++) {
    const x = 2 ** k;
    cases.push(x, x * (1 + 2 ** -52), x * (1 - 2 ** -53), x * (1 + 2 ** -51), x * 1.5);
  }
  for (let k = -6; k <= 15; k++) {
    const x = 10 ** k;
    for (let j = -40; j <= 40; j++) cases.push(x + j * x * 2 ** -52, x * (1 + j * 1e-15), x * (1 + j * 1e-9));
  }
  for (const x of cases) {
    const got = digits(x);
    if (got !== null) expect(`${x}: ${got}`).toBe(`${x}: ${String(x)}`);
  }
  // Declined: integers, no number, below 1e-5 and from 1e15 on, negatives (String writes them).
  for (const x of [1, 42, 0, -0, NaN, Infinity, -Infinity, 1e-6, 9.99e-6, 1e15, 1e300, -62.37104950912451, 5e-324]) expect(digits(x)).toBeNull();
});

test('commaNumber writes the comma and String’s digits, whichever way they are made', () => {
  const b = new Uint8Array(NUMBER_BYTES * 12);
  const xs = [62.37104950912451, 0.0123, 5e-7, -2.2250738585072014e-308, 1e21, NaN, -Infinity, 0.5, 7];
  let at = 0;
  for (const x of xs) at = commaNumber(b, at, x);
  expect(Buffer.from(b.buffer, 0, at).toString('latin1')).toBe(xs.map((x) => `,${String(x)}`).join(''));
  expect(commaNumber(b, 0, -2.2250738585072014e-308)).toBeLessThanOrEqual(NUMBER_BYTES);
});
