import { stageReasonText } from '../../src/domain';
import { daysBefore, one } from './helpers';

const stage = (row: Parameters<typeof one>[0], config: Record<string, unknown> = {}) => one(row, config).stage;

describe('lifecycle rule 1: terminated', () => {
  it('a closed status is terminated, whatever the numbers', () => {
    expect(stage({ 余额: 500, 上期余额: 100, 状态: '已销户' })).toBe('TERMINATED');
    expect(stage({ 余额: 500, 状态: 'Closed' })).toBe('TERMINATED');
  });

  it('a volume of 0 after business last period is terminated', () => {
    expect(stage({ 余额: 0, 上期余额: 100 })).toBe('TERMINATED');
  });

  it('a volume of 0 with 365 idle days is terminated; 364 days is not', () => {
    expect(stage({ 余额: 0, 最近交易日期: daysBefore(365) })).toBe('TERMINATED');
    expect(stage({ 余额: 0, 最近交易日期: daysBefore(364) })).toBe('POTENTIAL');
  });

  it('uses the configured idle days', () => {
    expect(stage({ 余额: 0, 最近交易日期: daysBefore(200) }, { thresholds: { terminatedIdleDays: 200 } })).toBe('TERMINATED');
  });

  it('a missing volume is not a volume of 0', () => {
    expect(stage({ 余额: '', 上期余额: 100, 合作年限: 5 })).not.toBe('TERMINATED');
  });
});

describe('lifecycle rule 2: potential', () => {
  it('a prospect status is potential', () => {
    expect(stage({ 余额: 100, 合作年限: 5, 状态: '潜在客户' })).toBe('POTENTIAL');
    expect(stage({ 余额: 100, 状态: 'Lead' })).toBe('POTENTIAL');
  });

  it('a volume of 0 with no previous volume and no transactions is potential', () => {
    expect(stage({ 余额: 0 })).toBe('POTENTIAL');
    expect(stage({ 余额: 0, 上期余额: 0, 交易次数: 0 })).toBe('POTENTIAL');
    expect(stage({ 余额: 0, 上期余额: '', 交易次数: '' })).toBe('POTENTIAL');
  });

  it('a volume of 0 with transactions is not potential', () => {
    expect(stage({ 余额: 0, 交易次数: 3, 合作年限: 5 })).toBe('MATURE');
  });
});

describe('lifecycle rule 3: development', () => {
  it('a tenure under 1 year is development; exactly 1 year is not', () => {
    expect(stage({ 余额: 100, 合作年限: 0.99 })).toBe('DEVELOPMENT');
    expect(stage({ 余额: 100, 合作年限: 1 })).toBe('GROWTH');
  });

  it('comes before a falling volume', () => {
    expect(stage({ 余额: 10, 上期余额: 100, 合作年限: 0.5 })).toBe('DEVELOPMENT');
  });

  it('reckons tenure from the open date when there is no tenure column', () => {
    expect(stage({ 余额: 100, 开户日期: daysBefore(200) })).toBe('DEVELOPMENT');
    expect(stage({ 余额: 100, 开户日期: daysBefore(400) })).toBe('GROWTH');
    expect(stage({ 余额: 100, 开户日期: daysBefore(3 * 366) })).toBe('MATURE');
  });

  it('uses the configured years', () => {
    expect(stage({ 余额: 100, 合作年限: 1.5 }, { thresholds: { developmentYears: 2 } })).toBe('DEVELOPMENT');
  });
});

describe('lifecycle rule 4: decline', () => {
  it('a volume down 20% is decline; down 19% is not', () => {
    expect(stage({ 余额: 80, 上期余额: 100, 合作年限: 5 })).toBe('DECLINE');
    expect(stage({ 余额: 81, 上期余额: 100, 合作年限: 5 })).toBe('MATURE');
  });

  it('transactions down 30% are decline; down 29% are not', () => {
    expect(stage({ 余额: 100, 交易次数: 70, 上期交易次数: 100, 合作年限: 5 })).toBe('DECLINE');
    expect(stage({ 余额: 100, 交易次数: 71, 上期交易次数: 100, 合作年限: 5 })).toBe('MATURE');
  });

  it('fewer products than last period are decline', () => {
    expect(stage({ 余额: 100, 产品数: 2, 上期产品数: 3, 合作年限: 5 })).toBe('DECLINE');
  });

  it('180 idle days are decline; 179 are not', () => {
    expect(stage({ 余额: 100, 最近交易日期: daysBefore(180), 合作年限: 5 })).toBe('DECLINE');
    expect(stage({ 余额: 100, 最近交易日期: daysBefore(179), 合作年限: 5 })).toBe('MATURE');
  });

  it('comes before growth', () => {
    expect(stage({ 余额: 70, 上期余额: 100, 产品数: 5, 上期产品数: 3, 合作年限: 5 })).toBe('DECLINE');
  });

  it('uses the configured thresholds', () => {
    expect(stage({ 余额: 88, 上期余额: 100, 合作年限: 5 }, { thresholds: { declineVolume: -0.1 } })).toBe('DECLINE');
    expect(stage({ 余额: 100, 交易次数: 85, 上期交易次数: 100, 合作年限: 5 }, { thresholds: { declineTxn: -0.1 } })).toBe('DECLINE');
    expect(stage({ 余额: 100, 最近交易日期: daysBefore(30), 合作年限: 5 }, { thresholds: { declineIdleDays: 30 } })).toBe('DECLINE');
  });
});

describe('lifecycle rule 5: growth by trend', () => {
  it('a volume up 10% is growth; up 9% is not', () => {
    expect(stage({ 余额: 110, 上期余额: 100, 合作年限: 5 })).toBe('GROWTH');
    expect(stage({ 余额: 109, 上期余额: 100, 合作年限: 5 })).toBe('MATURE');
  });

  it('transactions up 20% are growth; up 19% are not', () => {
    expect(stage({ 余额: 100, 交易次数: 12, 上期交易次数: 10, 合作年限: 5 })).toBe('GROWTH');
    expect(stage({ 余额: 100, 交易次数: 119, 上期交易次数: 100, 合作年限: 5 })).toBe('MATURE');
  });

  it('more products than last period are growth', () => {
    expect(stage({ 余额: 100, 产品数: 4, 上期产品数: 3, 合作年限: 5 })).toBe('GROWTH');
  });

  it('uses the configured thresholds', () => {
    expect(stage({ 余额: 105, 上期余额: 100, 合作年限: 5 }, { thresholds: { growthVolume: 0.05 } })).toBe('GROWTH');
    expect(stage({ 余额: 100, 交易次数: 105, 上期交易次数: 100, 合作年限: 5 }, { thresholds: { growthTxn: 0.05 } })).toBe('GROWTH');
  });

  it('ignores a previous volume of 0 (no change can be computed)', () => {
    expect(stage({ 余额: 100, 上期余额: 0, 合作年限: 5 })).toBe('MATURE');
  });
});

describe('lifecycle rules 6–8: mature, growth by tenure, unknown', () => {
  it('any trend evidence without a change worth a rule is mature, whatever the tenure', () => {
    expect(stage({ 余额: 105, 上期余额: 100, 合作年限: 1.5 })).toBe('MATURE');
    expect(stage({ 余额: 100, 交易次数: 10, 上期交易次数: 10 })).toBe('MATURE');
    expect(stage({ 余额: 100, 产品数: 3, 上期产品数: 3 })).toBe('MATURE');
  });

  it('without trend evidence, a tenure of 3 years is mature and just under 3 is growth', () => {
    expect(stage({ 余额: 100, 合作年限: 3 })).toBe('MATURE');
    expect(stage({ 余额: 100, 合作年限: 2.99 })).toBe('GROWTH');
  });

  it('uses the configured mature years', () => {
    expect(stage({ 余额: 100, 合作年限: 4 }, { thresholds: { matureYears: 5 } })).toBe('GROWTH');
  });

  it('one product count alone is no trend evidence', () => {
    expect(stage({ 余额: 100, 产品数: 3 })).toBe('UNKNOWN');
  });

  it('with no trend and no tenure data the stage is unknown', () => {
    expect(stage({ 余额: 100 })).toBe('UNKNOWN');
    expect(stage({ 余额: 100, 合作年限: '' })).toBe('UNKNOWN');
  });
});

describe('stage reasons (§8)', () => {
  it('name the rule and quote its number in both languages', () => {
    const row = one({ 余额: 75, 上期余额: 100, 合作年限: 5 });
    expect(row.stageReason).toEqual({ rule: 'VOLUME_DOWN', value: -0.25 });
    expect(stageReasonText(row.stageReason, 'zh-CN')).toBe('业务量较上期下降 25%');
    expect(stageReasonText(row.stageReason, 'en-US')).toContain('25%');
  });

  it('quote idle days', () => {
    const row = one({ 余额: 100, 最近交易日期: daysBefore(200), 合作年限: 5 });
    expect(row.stageReason).toEqual({ rule: 'IDLE', value: 200 });
    expect(stageReasonText(row.stageReason, 'zh-CN')).toContain('200');
  });
});
