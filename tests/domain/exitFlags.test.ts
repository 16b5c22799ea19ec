import { actionText, flagReason, outputCells, outputColumns, type FlagCode, type RowResult } from '../../src/domain';
import { daysBefore, one, run, table } from './helpers';

/** Flags with severity of a one-client table. The only client holds all the business (share 1). */
const hits = (row: Parameters<typeof one>[0], config: Record<string, unknown> = {}) =>
  one({ 合作年限: 5, ...row }, config).flagHits.map((h) => [h.code, h.severity]);
/** The same, with a share cut above 1 so that the client is not high-share. */
const hitsSmall = (row: Parameters<typeof one>[0], config: Record<string, unknown> = {}) =>
  hits(row, { shareCut: 'fixed:1.5', ...config });

describe('exit flags (§9) and their severity boundaries', () => {
  it('BALANCE_DROP: down 30% is medium, down 50% is high, down 29% is nothing', () => {
    expect(hits({ 余额: 70, 上期余额: 100 })).toEqual([['BALANCE_DROP', 'MEDIUM']]);
    expect(hits({ 余额: 51, 上期余额: 100 })).toEqual([['BALANCE_DROP', 'MEDIUM']]);
    expect(hits({ 余额: 50, 上期余额: 100 })).toEqual([['BALANCE_DROP', 'HIGH']]);
    expect(hits({ 余额: 71, 上期余额: 100 })).toEqual([]);
  });

  it('BALANCE_DROP uses the configured thresholds', () => {
    const t = { thresholds: { balanceDrop: -0.1, balanceDropHigh: -0.2 } };
    expect(hits({ 余额: 95, 上期余额: 100 }, t)).toEqual([]);
    expect(hits({ 余额: 85, 上期余额: 100 }, t)).toEqual([['BALANCE_DROP', 'MEDIUM']]);
    expect(hits({ 余额: 75, 上期余额: 100 }, t)).toEqual([['BALANCE_DROP', 'HIGH']]);
  });

  it('BALANCE_DROP holds for a change exactly at a configured threshold', () => {
    const t = { thresholds: { balanceDrop: -0.1, balanceDropHigh: -0.2 } };
    expect(hits({ 余额: 90, 上期余额: 100 }, t)).toEqual([['BALANCE_DROP', 'MEDIUM']]);
    expect(hits({ 余额: 80, 上期余额: 100 }, t)).toEqual([['BALANCE_DROP', 'HIGH']]);
  });

  it('ACTIVITY_DROP: transactions down 50% are medium; down 49% are nothing', () => {
    expect(hits({ 余额: 100, 交易次数: 5, 上期交易次数: 10 })).toEqual([['ACTIVITY_DROP', 'MEDIUM']]);
    expect(hits({ 余额: 100, 交易次数: 51, 上期交易次数: 100 })).toEqual([]);
    expect(hits({ 余额: 100, 交易次数: 7, 上期交易次数: 10 }, { thresholds: { activityDrop: -0.2 } })).toEqual([['ACTIVITY_DROP', 'MEDIUM']]);
  });

  it('DORMANT: 90 idle days are medium, 180 are high, 89 are nothing', () => {
    expect(hits({ 余额: 100, 最近交易日期: daysBefore(89) })).toEqual([]);
    expect(hits({ 余额: 100, 最近交易日期: daysBefore(90) })).toEqual([['DORMANT', 'MEDIUM']]);
    expect(hits({ 余额: 100, 最近交易日期: daysBefore(179) })).toEqual([['DORMANT', 'MEDIUM']]);
    expect(hits({ 余额: 100, 最近交易日期: daysBefore(180) })).toEqual([['DORMANT', 'HIGH']]);
  });

  it('DORMANT uses the configured days', () => {
    const t = { thresholds: { dormantDays: 30, dormantDaysHigh: 60 } };
    expect(hits({ 余额: 100, 最近交易日期: daysBefore(30) }, t)).toEqual([['DORMANT', 'MEDIUM']]);
    expect(hits({ 余额: 100, 最近交易日期: daysBefore(60) }, t)).toEqual([['DORMANT', 'HIGH']]);
  });

  it('PRODUCT_LOSS: fewer products than last period is medium', () => {
    expect(hits({ 余额: 100, 产品数: 2, 上期产品数: 3 })).toEqual([['PRODUCT_LOSS', 'MEDIUM']]);
    expect(hits({ 余额: 100, 产品数: 3, 上期产品数: 3 })).toEqual([]);
  });

  it('COMPLAINT: 1 or 2 complaints are medium, 3 are high, 0 are nothing', () => {
    expect(hits({ 余额: 100, 投诉次数: 0 })).toEqual([]);
    expect(hits({ 余额: 100, 投诉次数: 1 })).toEqual([['COMPLAINT', 'MEDIUM']]);
    expect(hits({ 余额: 100, 投诉次数: 2 })).toEqual([['COMPLAINT', 'MEDIUM']]);
    expect(hits({ 余额: 100, 投诉次数: 3 })).toEqual([['COMPLAINT', 'HIGH']]);
    expect(hits({ 余额: 100, 投诉次数: 2 }, { thresholds: { complaintsHigh: 2 } })).toEqual([['COMPLAINT', 'HIGH']]);
  });

  it('NO_CONTACT: 90 days for a high-share client, 180 for the others, always low', () => {
    expect(hits({ 余额: 100, 最近联系日期: daysBefore(89) })).toEqual([]);
    expect(hits({ 余额: 100, 最近联系日期: daysBefore(90) })).toEqual([['NO_CONTACT', 'LOW']]);
    expect(hitsSmall({ 余额: 100, 最近联系日期: daysBefore(179) })).toEqual([]);
    expect(hitsSmall({ 余额: 100, 最近联系日期: daysBefore(180) })).toEqual([['NO_CONTACT', 'LOW']]);
  });

  it('NO_CONTACT uses the configured days', () => {
    const t = { thresholds: { noContactDaysLarge: 10, noContactDays: 20 } };
    expect(hits({ 余额: 100, 最近联系日期: daysBefore(10) }, t)).toEqual([['NO_CONTACT', 'LOW']]);
    expect(hitsSmall({ 余额: 100, 最近联系日期: daysBefore(19) }, t)).toEqual([]);
    expect(hitsSmall({ 余额: 100, 最近联系日期: daysBefore(20) }, t)).toEqual([['NO_CONTACT', 'LOW']]);
  });

  it('COMPETITOR_OFFER: high for a high-share client, medium otherwise, nothing for no', () => {
    expect(hits({ 余额: 100, 他行营销: '是' })).toEqual([['COMPETITOR_OFFER', 'HIGH']]);
    expect(hitsSmall({ 余额: 100, 他行营销: '是' })).toEqual([['COMPETITOR_OFFER', 'MEDIUM']]);
    expect(hits({ 余额: 100, 他行营销: '否' })).toEqual([]);
    expect(hits({ 余额: 100, 他行营销: '' })).toEqual([]);
  });

  it('LARGE_DISLOYAL: a Problem 2 client gets a low flag', () => {
    expect(hits({ 余额: 100, 忠诚度: 10 }, { loyaltyCut: 'fixed:50' })).toEqual([['LARGE_DISLOYAL', 'LOW']]);
    expect(hits({ 余额: 100, 忠诚度: 60 }, { loyaltyCut: 'fixed:50' })).toEqual([]);
  });

  it('QUADRANT_DOWN: Loyal → Problem 2, Loyal → General and Problem 1 → General are medium', () => {
    const q = (prev: string, loyalty: number, shareCut: string) =>
      hits({ 余额: 100, 忠诚度: loyalty, 上期象限: prev }, { loyaltyCut: 'fixed:50', shareCut }).map(([c]) => c);
    expect(q('忠诚客户', 10, 'fixed:0.5')).toEqual(['QUADRANT_DOWN', 'LARGE_DISLOYAL']);
    expect(q('LOYAL', 10, 'fixed:1.5')).toEqual(['QUADRANT_DOWN']);
    expect(q('问题客户1', 10, 'fixed:1.5')).toEqual(['QUADRANT_DOWN']);
    expect(q('Problem 2', 10, 'fixed:1.5')).toEqual([]);
    expect(q('Loyal', 60, 'fixed:1.5')).toEqual([]);
    expect(q('General', 60, 'fixed:0.5')).toEqual([]);
  });

  it('LOAN_ADVERSE: a substandard, doubtful or loss loan is high', () => {
    expect(hits({ 余额: 100, 五级分类: '次级' })).toEqual([['LOAN_ADVERSE', 'HIGH']]);
    expect(hits({ 余额: 100, 五级分类: 'Doubtful' })).toEqual([['LOAN_ADVERSE', 'HIGH']]);
    expect(hits({ 余额: 100, 五级分类: '正常' })).toEqual([]);
  });

  it('LOW_RATING: a letter grade worse than B is medium; B and numbers are not flagged', () => {
    expect(hits({ 余额: 100, 信用评级: 'B-' })).toEqual([['LOW_RATING', 'MEDIUM']]);
    expect(hits({ 余额: 100, 信用评级: 'D' })).toEqual([['LOW_RATING', 'MEDIUM']]);
    expect(hits({ 余额: 100, 信用评级: 'B' })).toEqual([]);
    expect(hits({ 余额: 100, 信用评级: 1 })).toEqual([]);
  });

  it('LOW_RATING uses the configured floor', () => {
    expect(hits({ 余额: 100, 信用评级: 'B+' }, { thresholds: { ratingFloor: 'BB' } })).toEqual([['LOW_RATING', 'MEDIUM']]);
    expect(hits({ 余额: 100, 信用评级: 'BB' }, { thresholds: { ratingFloor: 'BB' } })).toEqual([]);
  });

  it('a flag reason quotes its number in both languages', () => {
    const row = one({ 余额: 40, 上期余额: 100, 合作年限: 5 });
    expect(flagReason(row.flagHits[0], 'zh-CN')).toBe('业务量较上期下降 60%');
    expect(flagReason(row.flagHits[0], 'en-US')).toContain('60%');
    const dormant = one({ 余额: 100, 最近交易日期: daysBefore(120) });
    expect(flagReason(dormant.flagHits[0], 'zh-CN')).toContain('120');
  });
});

describe('flag order (§9)', () => {
  it('lists flags by severity, highest first, then in table order', () => {
    const row = one({
      余额: 100,
      合作年限: 5,
      投诉次数: 1, // COMPLAINT medium
      最近联系日期: daysBefore(100), // NO_CONTACT low
      五级分类: '损失', // LOAN_ADVERSE high
      最近交易日期: daysBefore(100), // DORMANT medium
      上期余额: 250, // BALANCE_DROP high
    });
    expect(row.flags).toEqual(['BALANCE_DROP', 'LOAN_ADVERSE', 'DORMANT', 'COMPLAINT', 'NO_CONTACT']);
  });
});

describe('exit risk (§9)', () => {
  it('a terminated client has exited, whatever its flags', () => {
    const row = one({ 余额: 0, 上期余额: 100, 投诉次数: 5 });
    expect(row.stage).toBe('TERMINATED');
    expect(row.risk).toBe('EXITED');
  });

  it('one high churn flag makes the risk high', () => {
    expect(one({ 余额: 100, 投诉次数: 3 }).risk).toBe('HIGH');
  });

  it('two medium churn flags make the risk high', () => {
    expect(one({ 余额: 100, 投诉次数: 1, 产品数: 1, 上期产品数: 2 }).risk).toBe('HIGH');
  });

  it('one medium and one low churn flag make the risk medium', () => {
    expect(one({ 余额: 100, 投诉次数: 1, 最近联系日期: daysBefore(200) }).risk).toBe('MEDIUM');
  });

  it('only low churn flags make the risk low', () => {
    expect(one({ 余额: 100, 最近联系日期: daysBefore(200) }).risk).toBe('LOW');
  });

  it('no flag means no risk', () => {
    const row = one({ 余额: 100, 投诉次数: 0 });
    expect(row.risk).toBe('NONE');
    expect(row.churnType).toBeNull();
    expect(row.priority).toBeNull();
  });

  it('bank-exit flags do not raise the risk', () => {
    const row = one({ 余额: 100, 五级分类: '可疑', 信用评级: 'CCC' });
    expect(row.flags).toEqual(['LOAN_ADVERSE', 'LOW_RATING']);
    expect(row.risk).toBe('NONE');
    expect(row.churnType).toBeNull();
    expect(row.priority).toBeNull();
  });

  it('a bank-exit flag next to one medium churn flag leaves the risk medium', () => {
    expect(one({ 余额: 100, 五级分类: '可疑', 投诉次数: 1 }).risk).toBe('MEDIUM');
  });

  it('LARGE_DISLOYAL and QUADRANT_DOWN are churn flags', () => {
    const row = one({ 余额: 100, 忠诚度: 10, 上期象限: '忠诚客户' }, { loyaltyCut: 'fixed:50' });
    expect(row.flags).toEqual(['QUADRANT_DOWN', 'LARGE_DISLOYAL']);
    expect(row.risk).toBe('MEDIUM');
  });
});

describe('churn type (§9)', () => {
  /** A dormant client (risk high, no churn flag with a type) with an exit reason. */
  const byReason = (reason: string) => one({ 余额: 100, 最近交易日期: daysBefore(200), 流失原因: reason }).churnType;

  it.each([
    ['客户搬迁至外地', 'NATURAL'],
    ['法人退休', 'NATURAL'],
    ['企业破产', 'NATURAL'],
    ['Client relocated', 'NATURAL'],
    ['RETIRED', 'NATURAL'],
    ['他行利率更高', 'COMPETITIVE'],
    ['理财收益低', 'COMPETITIVE'],
    ['Competitor offered more', 'COMPETITIVE'],
    ['better yield elsewhere', 'COMPETITIVE'],
    ['服务态度差', 'NEGLIGENT'],
    ['对柜面不满', 'NEGLIGENT'],
    ['Service was poor', 'NEGLIGENT'],
    ['booking mistake', 'NEGLIGENT'],
  ])('the exit reason %p names the type %s', (reason, want) => {
    expect(byReason(reason)).toBe(want);
  });

  it('the first keyword in list order wins', () => {
    expect(byReason('投诉未解决后退休')).toBe('NATURAL');
    expect(byReason('投诉他行')).toBe('COMPETITIVE');
    expect(byReason('complaint about the price')).toBe('COMPETITIVE');
  });

  it('reads the keyword from the status as well', () => {
    const row = one({ 余额: 100, 状态: '已销户（他行挖转）' });
    expect(row.risk).toBe('EXITED');
    expect(row.churnType).toBe('COMPETITIVE');
  });

  it('a keyword decides over the flags', () => {
    expect(one({ 余额: 100, 投诉次数: 3, 流失原因: '迁居' }).churnType).toBe('NATURAL');
  });

  it('otherwise the type with the larger total flag severity wins', () => {
    // BALANCE_DROP high (3, competitive) against COMPLAINT medium (2, negligent).
    expect(one({ 余额: 40, 上期余额: 100, 投诉次数: 1, 合作年限: 5 }).churnType).toBe('COMPETITIVE');
    // COMPLAINT high (3) against COMPETITOR_OFFER medium (2, small client).
    expect(one({ 余额: 100, 投诉次数: 3, 他行营销: '是' }, { shareCut: 'fixed:1.5' }).churnType).toBe('NEGLIGENT');
  });

  it('a tie goes to negligent', () => {
    // COMPLAINT medium (2) against COMPETITOR_OFFER medium (2).
    expect(one({ 余额: 100, 投诉次数: 1, 他行营销: '是' }, { shareCut: 'fixed:1.5' }).churnType).toBe('NEGLIGENT');
    // COMPLAINT medium + NO_CONTACT low (3) against BALANCE_DROP high (3).
    expect(one({ 余额: 40, 上期余额: 100, 投诉次数: 1, 最近联系日期: daysBefore(200), 合作年限: 5 }).churnType).toBe('NEGLIGENT');
  });

  it('without keywords or typed flags the type is to be verified', () => {
    expect(one({ 余额: 100, 最近交易日期: daysBefore(200) }).churnType).toBe('UNDETERMINED');
    expect(byReason('其他')).toBe('UNDETERMINED');
  });
});

describe('priority (§9)', () => {
  it('numbers flagged clients by risk, then share (largest first, missing last), then row order', () => {
    const header = ['客户号', '余额', '投诉次数', '最近联系日期'];
    const old = daysBefore(200);
    const r = run(
      [
        header,
        ['A', 10, 0, old], // LOW, share .1
        ['B', 5, 3, ''], // HIGH, share .05
        ['C', 30, 3, ''], // HIGH, share .3
        ['D', 20, 0, ''], // NONE
        ['E', 5, 1, ''], // MEDIUM
        ['F', '', 3, ''], // HIGH, no share
        ['G', 30, 5, ''], // HIGH, share .3, after C
      ],
      { asOf: '2026-11-23' },
    );
    expect(r.rows.map((x) => [x.clientId, x.risk, x.priority])).toEqual([
      ['A', 'LOW', 6],
      ['B', 'HIGH', 3],
      ['C', 'HIGH', 1],
      ['D', 'NONE', null],
      ['E', 'MEDIUM', 5],
      ['F', 'HIGH', 4],
      ['G', 'HIGH', 2],
    ]);
  });

  it('gives exited clients no priority', () => {
    const r = run(table(['余额', '状态', '投诉次数'], [10, '销户', 3], [10, '', 3]));
    expect(r.rows.map((x) => [x.risk, x.priority])).toEqual([
      ['EXITED', null],
      ['HIGH', 1],
    ]);
  });
});

describe('recommended action (§10)', () => {
  const actionCell = (row: RowResult, result: ReturnType<typeof run>, locale: 'zh-CN' | 'en-US') =>
    outputCells(row, result, locale)[outputColumns(result).indexOf('action')];

  it('is the quadrant strategy alone for a client without flags', () => {
    const r = run(table(['余额', '忠诚度'], [100, 80]), { loyaltyCut: 'fixed:50' });
    expect(actionText(r.rows[0], 'zh-CN')).toBe('维持：适度投入，签订长期合作协议，一对多客户经理服务');
    expect(actionCell(r.rows[0], r, 'en-US')).toBe('Maintain: moderate investment, long-term agreements, one manager for many clients');
  });

  it('adds the action for the first flag', () => {
    const r = run(table(['余额', '上期余额', '忠诚度', '投诉次数'], [40, 100, 10, 1]), { loyaltyCut: 'fixed:50' });
    const row = r.rows[0];
    expect(row.flags[0]).toBe<FlagCode>('BALANCE_DROP');
    const zh = actionCell(row, r, 'zh-CN') as string;
    expect(zh.split('；')).toEqual([
      '转化：核实信用等级，判断问题在事前还是事后，专职客户经理一对一营销',
      '核实资金去向，了解他行报价',
    ]);
    expect(actionCell(row, r, 'en-US')).toContain('Find out where the money went and what competitors offered');
  });

  it('puts the complaint action first when the complaint is the first flag', () => {
    const r = run(table(['余额', '忠诚度', '投诉次数'], [40, 80, 3]), { loyaltyCut: 'fixed:50' });
    expect(actionText(r.rows[0], 'zh-CN')).toContain('优先处理投诉，不宜推荐他行产品');
    expect(actionText(r.rows[0], 'en-US')).toContain("Resolve the complaint first, do not suggest other banks");
  });

  it('adds the exit review when a bank-exit flag is present', () => {
    const r = run(table(['余额', '忠诚度', '投诉次数', '信用评级'], [40, 80, 3, 'CC']), { loyaltyCut: 'fixed:50' });
    const row = r.rows[0];
    expect(row.flags).toEqual(['COMPLAINT', 'LOW_RATING']);
    expect(actionText(row, 'zh-CN').split('；')).toEqual([
      '维持：适度投入，签订长期合作协议，一对多客户经理服务',
      '优先处理投诉，不宜推荐他行产品',
      '启动退出审查',
    ]);
    expect(actionText(row, 'en-US')).toContain('Start an exit review');
  });

  it('names the exit review once when the bank-exit flag is the first flag', () => {
    const r = run(table(['余额', '忠诚度', '五级分类'], [40, 80, '次级']), { loyaltyCut: 'fixed:50' });
    const text = actionText(r.rows[0], 'zh-CN');
    expect(text.match(/启动退出审查/g)).toHaveLength(1);
  });
});
