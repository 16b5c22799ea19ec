/**
 * Values shared between row records to save memory at a million rows (boxed volumes and shares,
 * flag-hit lists, in-place loyalty sums) must read exactly as each row's own would.
 */
import { AS_OF, daysBefore, run, table } from './helpers';

const HEADER = ['客户号', '存款日均(万元)', '上月日均(万元)', '信任度', '沟通次数', '最近交易日期', '最近拜访日期'];

describe('values shared between rows', () => {
  // Few distinct volumes (so they are boxed once each), one −0, one missing, fractions.
  const volumes = [100.5, 0.25, 100.5, -0, 7, '', 0.25, 100.5, 7, 0];
  const rows = volumes.map((v, i) => [`C${i}`, v, 200, (i * 3) % 5, i % 2 ? '' : i, AS_OF, AS_OF]);
  const result = run(table(HEADER, ...rows), { asOf: AS_OF });
  const total = 100.5 * 3 + 0.25 * 2 + 7 * 2;

  it('gives every row its own volume and share, −0 included', () => {
    result.rows.forEach((r, i) => {
      const v = volumes[i];
      if (v === '') {
        expect(r.volume).toBeNull();
        expect(r.share).toBeNull();
      } else {
        expect(Object.is(r.volume, v)).toBe(true);
        expect(Object.is(r.share, (v as number) / total)).toBe(true);
      }
    });
  });

  it('gives rows with the same flags equal hit lists, unchanged by later rows', () => {
    const t = table(
      ['客户号', '存款日均(万元)', '最近交易日期', '投诉次数'],
      ['A', 10, daysBefore(200), 1],
      ['B', 10, daysBefore(200), 1],
      ['C', 10, daysBefore(95), 0],
      ['D', 10, daysBefore(200), 1],
    );
    const r = run(t, { asOf: AS_OF }).rows;
    expect(r[0].flagHits).toEqual(r[1].flagHits);
    expect(r[3].flagHits).toEqual(r[0].flagHits);
    expect(r[0].flagHits.map((h) => h.code)).toEqual(['DORMANT', 'COMPLAINT']);
    expect(r[2].flagHits).toEqual([{ code: 'DORMANT', severity: 'MEDIUM', value: 95 }]);
  });

  it('computes loyalty in place without disturbing the other components', () => {
    // Trust (the first component) holds the sums; contact count is read after it.
    expect(result.components).toEqual(['trust', 'contact_count']);
    const rank = (values: (number | null)[], v: number) => {
      const valid = values.filter((x): x is number => x !== null);
      return (100 * (valid.filter((x) => x < v).length + 0.5 * valid.filter((x) => x === v).length)) / valid.length;
    };
    const trust = rows.map((r) => r[3] as number);
    const contact = rows.map((r) => (r[4] === '' ? null : (r[4] as number)));
    const w = result.weights;
    result.rows.forEach((r, i) => {
      let sum = w.trust! * rank(trust, trust[i]);
      let weight = w.trust!;
      const c = contact[i];
      if (c !== null) {
        sum += w.contact_count! * rank(contact, c);
        weight += w.contact_count!;
      }
      expect(r.loyalty).toBe(sum / weight);
    });
  });
});
