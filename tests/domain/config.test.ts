import { AnalysisError, analyze, configToJson, DEFAULT_THRESHOLDS, parseConfig, parseCutMode } from '../../src/domain';
import { thrown, TODAY } from './helpers';

/** The BAD_CONFIG error of a configuration, with its messages in both languages. */
function bad(input: unknown): { key: unknown; zh: string; en: string } {
  const e = thrown(() => parseConfig(input));
  expect(e).toBeInstanceOf(AnalysisError);
  const err = e as AnalysisError;
  expect(err.code).toBe('BAD_CONFIG');
  return { key: err.params.key, zh: err.localized('zh-CN'), en: err.localized('en-US') };
}

describe('parseConfig (§14)', () => {
  it('fills the defaults for an empty configuration', () => {
    const c = parseConfig({});
    expect(c.shareCut).toBe('pareto:0.8');
    expect(c.loyaltyCut).toBe('median');
    expect(c.weights).toEqual({});
    expect(c.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(c.map).toBeUndefined();
  });

  it('accepts the full example of §14', () => {
    const c = parseConfig({
      version: 1,
      asOf: '2026-10-31',
      map: { volume: ['存款日均', '贷款余额'], client_name: '客户名称' },
      shareCut: 'pareto:0.8',
      loyaltyCut: 'median',
      weights: { credit_rating: 2, tenure: 0.5 },
      thresholds: { developmentYears: 1, ratingFloor: 'B', noContactDays: 120 },
      locale: 'zh-CN',
    });
    expect(c.asOf).toBe('2026-10-31');
    expect(c.thresholds.noContactDays).toBe(120);
    expect(c.thresholds.dormantDays).toBe(90);
    expect(c.locale).toBe('zh-CN');
    expect(configToJson(c)).toMatchObject({ version: 1, thresholds: { noContactDays: 120 }, weights: { credit_rating: 2, tenure: 0.5 } });
  });

  it('round-trips through configToJson', () => {
    const c = parseConfig({ version: 1, shareCut: 'median', weights: { trust: 2 }, thresholds: { dormantDays: 60 }, locale: 'en-US' });
    expect(parseConfig(configToJson(c))).toEqual(c);
  });

  it.each([
    [{ foo: 1 }, 'foo'],
    [{ thresholds: { dormantDay: 60 } }, 'thresholds.dormantDay'],
    [{ weights: { loyalty: 1 } }, 'weights.loyalty'],
    [{ map: { balance: '余额' } }, 'map.balance'],
  ])('refuses an unknown key and names it in both languages: %j', (input, key) => {
    const e = bad(input);
    expect(e.key).toBe(key);
    expect(e.zh).toContain(key);
    expect(e.en).toContain(key);
  });

  it.each([
    [{ shareCut: 'top10' }, 'shareCut'],
    [{ shareCut: 'pareto:1.5' }, 'shareCut'],
    [{ shareCut: 'pareto' }, 'shareCut'],
    [{ shareCut: 'median:3' }, 'shareCut'],
    [{ loyaltyCut: 'quantile:2' }, 'loyaltyCut'],
    [{ loyaltyCut: 'fixed:abc' }, 'loyaltyCut'],
    [{ loyaltyCut: 'pareto:0.8' }, 'loyaltyCut'],
  ])('refuses a bad cut mode and names the key: %j', (input, key) => {
    const e = bad(input);
    expect(e.key).toBe(key);
    expect(e.zh).toContain(key);
    expect(e.en).toContain(key);
  });

  it('says that pareto is for the share axis only', () => {
    const e = bad({ loyaltyCut: 'pareto:0.8' });
    expect(e.en).toMatch(/share axis/);
    expect(e.zh).toMatch(/业务份额/);
  });

  it.each([
    [{ weights: { trust: -1 } }, 'weights.trust'],
    [{ weights: { tenure: 'high' } }, 'weights.tenure'],
    [{ thresholds: { ratingFloor: 'Z' } }, 'thresholds.ratingFloor'],
    [{ thresholds: { dormantDays: '90' } }, 'thresholds.dormantDays'],
    [{ locale: 'fr-FR' }, 'locale'],
    [{ asOf: '2026/10/31' }, 'asOf'],
    [{ asOf: '2026-02-30' }, 'asOf'],
    [{ version: 2 }, 'version'],
    [{ map: { client_name: ['A', 'B'] } }, 'map.client_name'],
  ])('refuses a bad value and names the key in both languages: %j', (input, key) => {
    const e = bad(input);
    expect(e.key).toBe(key);
    expect(e.zh).toContain(key);
    expect(e.en).toContain(key);
    expect(e.zh).not.toBe(e.en);
  });

  it('refuses something that is not an object', () => {
    expect(bad(null).key).toBeDefined();
    expect(bad([]).key).toBeDefined();
  });

  it('accepts every cut mode of §6', () => {
    expect(parseCutMode('pareto:0.8', 'share')).toEqual({ kind: 'pareto', p: 0.8 });
    expect(parseCutMode('median', 'loyalty')).toEqual({ kind: 'median' });
    expect(parseCutMode('mean', 'share')).toEqual({ kind: 'mean' });
    expect(parseCutMode('quantile:0.75', 'loyalty')).toEqual({ kind: 'quantile', q: 0.75 });
    expect(parseCutMode('fixed:0.02', 'share')).toEqual({ kind: 'fixed', x: 0.02 });
    expect(parseCutMode('fixed:51.5', 'loyalty')).toEqual({ kind: 'fixed', x: 51.5 });
  });

  it('analyze refuses a hand-made configuration with a bad cut or rating floor', () => {
    const t = [['余额'], [1]];
    const c = parseConfig({});
    const e1 = thrown(() => analyze(t, { ...c, loyaltyCut: 'pareto:0.5' }, { today: TODAY })) as AnalysisError;
    expect([e1.code, e1.params.key]).toEqual(['BAD_CONFIG', 'loyaltyCut']);
    const e2 = thrown(() => analyze(t, { ...c, thresholds: { ...c.thresholds, ratingFloor: 'Q' } }, { today: TODAY })) as AnalysisError;
    expect([e2.code, e2.params.key]).toEqual(['BAD_CONFIG', 'thresholds.ratingFloor']);
    expect(e2.localized('zh-CN')).toContain('thresholds.ratingFloor');
  });
});
