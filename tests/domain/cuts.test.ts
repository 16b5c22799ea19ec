import { run, table } from './helpers';

/** A table of volumes with a direct loyalty score for every client. */
const volumes = (vols: (number | string)[], loyalty: (number | string)[] = vols.map(() => 50)) =>
  table(['客户号', '余额', '忠诚度'], ...vols.map((v, i) => [`C${i + 1}`, v, loyalty[i]]));

/** Which clients are high on the share axis (LOYAL or PROBLEM_2). */
const highShare = (r: ReturnType<typeof run>) => r.rows.map((x) => x.quadrant === 'LOYAL' || x.quadrant === 'PROBLEM_2');
/** Which clients are high on the loyalty axis (LOYAL or PROBLEM_1). */
const highLoyalty = (r: ReturnType<typeof run>) => r.rows.map((x) => x.quadrant === 'LOYAL' || x.quadrant === 'PROBLEM_1');

describe('business share (§4)', () => {
  it('is the volume over the total of all rows with a volume', () => {
    const r = run(volumes([50, 30, '', 20]));
    expect(r.rows.map((x) => x.share)).toEqual([0.5, 0.3, null, 0.2]);
    expect(r.summary.totalVolume).toBe(100);
  });

  it('is 0 for every row when the total is 0', () => {
    const r = run(volumes([0, 0, 0]));
    expect(r.rows.map((x) => x.share)).toEqual([0, 0, 0]);
  });
});

describe('pareto cut on the share axis (§6)', () => {
  it('is the default: the few clients that make 80% of the business are large', () => {
    const r = run(volumes([50, 15, 30, 5]));
    expect(r.cuts.share).toEqual({ mode: 'pareto:0.8', value: 0.3 });
    expect(highShare(r)).toEqual([true, false, true, false]);
  });

  it('takes the smallest count whose cumulative volume reaches p of the total', () => {
    const r = run(volumes([40, 25, 20, 15]), { shareCut: 'pareto:0.6' });
    // 40 < 60, 40 + 25 = 65 ≥ 60: the two largest.
    expect(r.cuts.share.value).toBe(0.25);
    expect(highShare(r)).toEqual([true, true, false, false]);
  });

  it('makes every client tied with the k-th largest large too', () => {
    const r = run(volumes([30, 30, 10, 30]), { shareCut: 'pareto:0.3' });
    expect(r.cuts.share.value).toBe(0.3);
    expect(highShare(r)).toEqual([true, true, false, true]);
  });

  it('with p = 1 makes every client with business large', () => {
    const r = run(volumes([50, 30, 20, 0]), { shareCut: 'pareto:1' });
    expect(highShare(r)).toEqual([true, true, true, false]);
  });

  it('makes no client large when the total is 0', () => {
    const r = run(volumes([0, 0]));
    expect(r.cuts.share.value).toBeNull();
    expect(r.rows.map((x) => x.quadrant)).toEqual(['PROBLEM_1', 'PROBLEM_1']);
  });

  it('ignores rows without a volume', () => {
    const r = run(volumes([80, '', 20]));
    expect(r.cuts.share.value).toBe(0.8);
    expect(r.rows.map((x) => x.quadrant)).toEqual(['LOYAL', 'INSUFFICIENT_DATA', 'PROBLEM_1']);
  });
});

describe('median cut (§6)', () => {
  it('is the middle value for an odd count, and a client exactly at it is high', () => {
    const r = run(volumes([10, 20, 30, 40, 100]), { shareCut: 'median' });
    expect(r.cuts.share.value).toBe(0.15);
    expect(highShare(r)).toEqual([false, false, true, true, true]);
  });

  it('is the mean of the two middle values for an even count', () => {
    const r = run(volumes([10, 20, 30, 40]), { shareCut: 'median' });
    expect(r.cuts.share.value).toBeCloseTo(0.25, 12);
    expect(highShare(r)).toEqual([false, false, true, true]);
  });

  it('is the default on the loyalty axis', () => {
    const odd = run(volumes([1, 1, 1], [10, 30, 20]));
    expect(odd.cuts.loyalty).toEqual({ mode: 'median', value: 20 });
    expect(highLoyalty(odd)).toEqual([false, true, true]);
    const even = run(volumes([1, 1, 1, 1], [10, 40, 20, 30]));
    expect(even.cuts.loyalty.value).toBe(25);
    expect(highLoyalty(even)).toEqual([false, true, false, true]);
  });

  it('ignores clients without a loyalty', () => {
    const r = run(volumes([1, 1, 1, 1], [10, '', 20, 90]));
    expect(r.cuts.loyalty.value).toBe(20);
    expect(r.rows[1].quadrant).toBe('INSUFFICIENT_DATA');
  });
});

describe('mean cut (§6)', () => {
  it('is the arithmetic mean on either axis', () => {
    const r = run(volumes([10, 20, 30, 40], [10, 20, 30, 60]), { shareCut: 'mean', loyaltyCut: 'mean' });
    expect(r.cuts.share.value).toBeCloseTo(0.25, 12);
    expect(r.cuts.loyalty.value).toBe(30);
    expect(highShare(r)).toEqual([false, false, true, true]);
    expect(highLoyalty(r)).toEqual([false, false, true, true]);
  });

  it('makes every client high when all are equal (each is exactly at the mean)', () => {
    for (let n = 2; n <= 20; n++) {
      const r = run(volumes(new Array(n).fill(7)), { shareCut: 'mean' });
      expect({ n, high: highShare(r).every(Boolean) }).toEqual({ n, high: true });
    }
  });

  it('makes every client high on loyalty when all loyalties are equal', () => {
    const r = run(volumes(new Array(9).fill(1), new Array(9).fill(0.1)), { loyaltyCut: 'mean' });
    expect(highLoyalty(r).every(Boolean)).toBe(true);
  });
});

describe('quantile cut (§6), as Excel PERCENTILE.INC', () => {
  it('interpolates between order statistics', () => {
    const r = run(volumes([1, 1, 1, 1], [4, 1, 3, 2]), { loyaltyCut: 'quantile:0.25' });
    expect(r.cuts.loyalty.value).toBe(1.75);
    expect(highLoyalty(r)).toEqual([true, false, true, true]);
  });

  it('at q = 0 is the minimum (all high) and at q = 1 the maximum (only the top)', () => {
    const low = run(volumes([1, 1, 1], [5, 9, 7]), { loyaltyCut: 'quantile:0' });
    expect(low.cuts.loyalty.value).toBe(5);
    expect(highLoyalty(low)).toEqual([true, true, true]);
    const high = run(volumes([1, 1, 1], [5, 9, 7]), { loyaltyCut: 'quantile:1' });
    expect(high.cuts.loyalty.value).toBe(9);
    expect(highLoyalty(high)).toEqual([false, true, false]);
  });

  it('works on the share axis, with a client exactly at the cut high', () => {
    const r = run(volumes([10, 20, 30, 40]), { shareCut: 'quantile:0.5' });
    expect(r.cuts.share.value).toBeCloseTo(0.25, 12);
    const at = run(volumes([10, 20, 30, 40, 0]), { shareCut: 'quantile:0.75' });
    expect(at.cuts.share.value).toBe(0.3);
    expect(highShare(at)).toEqual([false, false, true, true, false]);
  });
});

describe('fixed cut (§6)', () => {
  it('uses a share as a fraction; a client exactly at it is high', () => {
    const r = run(volumes([25, 24, 51]), { shareCut: 'fixed:0.25' });
    expect(r.cuts.share).toEqual({ mode: 'fixed:0.25', value: 0.25 });
    expect(highShare(r)).toEqual([true, false, true]);
  });

  it('uses a loyalty on its own scale; a client exactly at it is high', () => {
    const r = run(volumes([1, 1, 1], [50, 49.9, 80]), { loyaltyCut: 'fixed:50' });
    expect(r.cuts.loyalty.value).toBe(50);
    expect(highLoyalty(r)).toEqual([true, false, true]);
  });
});

describe('quadrants (§7)', () => {
  it('place each client by share and loyalty', () => {
    const r = run(volumes([40, 30, 20, 10, '', 5], [80, 20, 70, 10, 90, '']), { shareCut: 'fixed:0.25', loyaltyCut: 'fixed:50' });
    expect(r.rows.map((x) => x.quadrant)).toEqual(['LOYAL', 'PROBLEM_2', 'PROBLEM_1', 'GENERAL', 'INSUFFICIENT_DATA', 'INSUFFICIENT_DATA']);
  });

  it('are counted with their volume in the summary', () => {
    const r = run(volumes([40, 30, 20, 10], [80, 20, 70, 60]), { shareCut: 'fixed:0.25', loyaltyCut: 'fixed:50' });
    expect(r.summary.quadrants).toEqual({
      LOYAL: { count: 1, volume: 40 },
      PROBLEM_2: { count: 1, volume: 30 },
      PROBLEM_1: { count: 2, volume: 30 },
    });
  });
});

describe('loyalty score (§5)', () => {
  it('uses a mapped loyalty score as it is, on its own scale', () => {
    const r = run(volumes([1, 1], [3.5, 700]));
    expect(r.loyaltySource).toBe('score');
    expect(r.components).toEqual([]);
    expect(r.rows.map((x) => x.loyalty)).toEqual([3.5, 700]);
  });

  it('is the mean percentile rank of the components present, ties counting half', () => {
    const r = run(table(['余额', '信任度', '交易次数'], [1, 1, 10], [1, 2, 30], [1, 2, 20], [1, 3, '']));
    expect(r.components).toEqual(['trust', 'txn_count']);
    // trust ranks: 1 → 12.5, 2 → 50, 3 → 87.5; txn ranks over three values: 10 → 16.67, 20 → 50, 30 → 83.33.
    expect(r.rows[0].loyalty).toBeCloseTo((12.5 + 100 / 6) / 2, 9);
    expect(r.rows[1].loyalty).toBeCloseTo((50 + 500 / 6) / 2, 9);
    expect(r.rows[2].loyalty).toBeCloseTo((50 + 50) / 2, 9);
    expect(r.rows[3].loyalty).toBe(87.5);
  });

  it('weights the components and renormalises over those a row has', () => {
    const r = run(table(['余额', '信任度', '交易次数'], [1, 1, 10], [1, 2, 20]), { weights: { trust: 3 } });
    expect(r.weights).toEqual({ trust: 3, txn_count: 1 });
    expect(r.rows[0].loyalty).toBeCloseTo((3 * 25 + 25) / 4, 12);
    expect(r.rows[1].loyalty).toBeCloseTo((3 * 75 + 75) / 4, 12);
  });

  it('leaves out a component with weight 0', () => {
    const r = run(table(['余额', '信任度', '交易次数'], [1, 1, ''], [1, 2, 20]), { weights: { trust: 0 } });
    expect(r.components).toEqual(['txn_count']);
    expect(r.rows[0].loyalty).toBeNull();
    expect(r.rows[0].issues.map((i) => i.code)).toEqual(['MISSING_LOYALTY']);
  });

  it('ranks letter grades by the rating scale and tenure from the open date', () => {
    const r = run(table(['余额', '信用评级', '开户日期'], [1, 'AAA', '2010-01-01'], [1, 'BB', '2025-06-30']), { asOf: '2026-11-23' });
    expect(r.components).toEqual(['credit_rating', 'tenure']);
    expect(r.rows.map((x) => x.loyalty)).toEqual([75, 25]);
  });
});
