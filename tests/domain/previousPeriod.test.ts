import { changeText, outputColumns, outputHeaders, type PreviousPeriod } from '../../src/domain';
import { run, table, TODAY } from './helpers';

/** Share cut 0.25 and loyalty cut 50 make the quadrants easy to choose. */
const CUTS = { shareCut: 'fixed:0.25', loyaltyCut: 'fixed:50' };

describe('previous period from a quadrant_prev column (§11)', () => {
  const r = run(
    table(
      ['客户号', '余额', '忠诚度', '上期象限'],
      ['C1', 40, 10, '忠诚客户'], // LOYAL -> PROBLEM_2
      ['C2', 30, 80, 'Loyal'], // LOYAL -> LOYAL
      ['C3', 20, 10, 'PROBLEM_1'], // PROBLEM_1 -> GENERAL
      ['C4', 10, 80, ''], // none -> PROBLEM_1
      ['C5', 10, 10, '问题客户1'], // PROBLEM_1 -> GENERAL
    ),
    CUTS,
  );

  it('gives each row its previous quadrant, read in either language', () => {
    expect(r.rows.map((x) => [x.previousQuadrant, x.quadrant])).toEqual([
      ['LOYAL', 'PROBLEM_2'],
      ['LOYAL', 'LOYAL'],
      ['PROBLEM_1', 'GENERAL'],
      [null, 'PROBLEM_1'],
      ['PROBLEM_1', 'GENERAL'],
    ]);
  });

  it('words the change: the move, — when unchanged, New when there was none', () => {
    expect(r.rows.map((x) => changeText(x, 'zh-CN'))).toEqual(['忠诚客户 → 问题客户2', '—', '问题客户1 → 一般客户', '新增', '问题客户1 → 一般客户']);
    expect(changeText(r.rows[0], 'en-US')).toBe('Loyal → Problem 2 (large, disloyal)');
    expect(changeText(r.rows[3], 'en-US')).toBe('New');
  });

  it('counts the migration from each previous to each current quadrant', () => {
    expect(r.summary.migration).toEqual({ LOYAL: { PROBLEM_2: 1, LOYAL: 1 }, PROBLEM_1: { GENERAL: 2 } });
    expect(r.summary.migrationVolume).toEqual({ LOYAL: { PROBLEM_2: 40, LOYAL: 30 }, PROBLEM_1: { GENERAL: 30 } });
  });

  it('adds the previous quadrant and change columns to the output', () => {
    expect(outputColumns(r)).toEqual([
      'share', 'loyalty', 'quadrant', 'stage', 'risk', 'flags', 'churnType', 'priority', 'action', 'previousQuadrant', 'quadrantChange', 'issues',
    ]);
    expect(outputHeaders(r, 'zh-CN')).toContain('象限变化');
  });

  it('raises QUADRANT_DOWN for the downgrades', () => {
    expect(r.rows.map((x) => x.flags.includes('QUADRANT_DOWN'))).toEqual([true, false, true, false, true]);
  });

  it('without a previous period there is no migration and no change columns', () => {
    const plain = run(table(['余额', '忠诚度'], [10, 50]));
    expect(plain.summary.migration).toBeNull();
    expect(outputColumns(plain)).not.toContain('quadrantChange');
    expect(plain.rows[0].previousQuadrant).toBeNull();
    expect(plain.previousMatch).toBeNull();
  });
});

describe('previous period from last period\'s results (options.previous)', () => {
  const previous: PreviousPeriod = {
    source: '2026-10',
    records: [
      { clientId: 'C1', clientName: '甲公司', quadrant: 'LOYAL', volume: 50 },
      { clientId: null, clientName: '乙公司', quadrant: 'PROBLEM_1', volume: 20 },
      { clientId: 'C9', clientName: '丙公司', quadrant: 'GENERAL', volume: 5 },
      { clientId: 'C7', clientName: '旧客户', quadrant: 'GENERAL', volume: 1 },
    ],
  };
  const t = table(
    ['客户号', '客户名称', '余额', '忠诚度', '上期象限'],
    ['C1', '甲公司（新名）', 40, 10, 'GENERAL'], // by id: LOYAL -> PROBLEM_2
    ['C2', '乙公司', 30, 80, 'GENERAL'], // by name: PROBLEM_1 -> LOYAL
    ['C3', '丁公司', 20, 10, 'GENERAL'], // new
    ['', '丙公司', 10, 10, ''], // by name: GENERAL -> GENERAL
  );
  const r = run(t, CUTS, { previous });

  it('matches by client id, else by client name, and overrides the quadrant_prev column', () => {
    expect(r.rows.map((x) => x.previousQuadrant)).toEqual(['LOYAL', 'PROBLEM_1', null, 'GENERAL']);
    expect(r.previousMatch?.matchedById).toBe(1);
    expect(r.previousMatch?.matchedByName).toBe(2);
    expect(r.previousMatch?.source).toBe('2026-10');
  });

  it('lists the clients that appeared and those that disappeared', () => {
    expect(r.previousMatch?.appeared).toEqual([{ clientId: 'C3', clientName: '丁公司' }]);
    expect(r.previousMatch?.disappeared.map((x) => x.clientName)).toEqual(['旧客户']);
  });

  it('fills the migration matrix', () => {
    expect(r.summary.migration).toEqual({ LOYAL: { PROBLEM_2: 1 }, PROBLEM_1: { LOYAL: 1 }, GENERAL: { GENERAL: 1 } });
    expect(changeText(r.rows[2], 'zh-CN')).toBe('新增');
  });

  it('matches one previous record to one client only', () => {
    const dup = run(table(['客户号', '余额', '忠诚度'], ['C1', 10, 50], ['C1', 10, 50]), {}, { previous });
    expect(dup.rows.map((x) => x.previousQuadrant)).toEqual(['LOYAL', null]);
  });
});

describe('analysis date (§8)', () => {
  it('uses the configured date', () => {
    const r = run(table(['余额', '最近交易日期'], [10, '2026-01-05']), { asOf: '2026-06-30' });
    expect([r.asOf, r.asOfSource]).toEqual(['2026-06-30', 'config']);
  });

  it('defaults to the latest date in the mapped date columns', () => {
    const r = run(
      table(['余额', '最近交易日期', '最近联系日期', '开户日期'], [10, '2026-01-05', '2026-03-01', '2020-01-01'], [10, 46000, '', '2026-02-01']),
    );
    expect([r.asOf, r.asOfSource]).toEqual(['2026-03-01', 'data']);
  });

  it('defaults to today when no date column holds a date', () => {
    const r = run(table(['余额', '最近交易日期'], [10, ''], [5, 'bad']));
    expect([r.asOf, r.asOfSource]).toEqual([TODAY, 'today']);
    const none = run(table(['余额'], [10]), {}, { today: '2025-12-31' });
    expect(none.asOf).toBe('2025-12-31');
  });

  it('measures idle days to the analysis date', () => {
    const r = run(table(['余额', '最近交易日期', '合作年限'], [10, '2026-01-01', 5], [10, '2026-07-01', 5]));
    expect(r.asOf).toBe('2026-07-01');
    expect(r.rows[0].flagHits).toEqual([{ code: 'DORMANT', severity: 'HIGH', value: 181 }]);
    expect(r.rows[1].flags).toEqual([]);
  });
});

describe('rules switched off (§2)', () => {
  it('lists the rules a volume-only table cannot apply, with the missing fields', () => {
    const r = run(table(['余额'], [10]));
    const rules = r.summary.rulesOff.map((x) => x.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'LOYALTY', 'TENURE', 'LIFECYCLE_TREND', 'BALANCE_DROP', 'ACTIVITY_DROP', 'DORMANT', 'PRODUCT_LOSS', 'COMPLAINT',
        'NO_CONTACT', 'COMPETITOR_OFFER', 'QUADRANT_DOWN', 'LOAN_ADVERSE', 'LOW_RATING', 'CHURN_KEYWORDS',
      ]),
    );
    expect(r.summary.rulesOff.find((x) => x.rule === 'BALANCE_DROP')?.missing).toEqual(['volume_prev']);
    expect(r.summary.rulesOff.find((x) => x.rule === 'ACTIVITY_DROP')?.missing).toEqual(['txn_count', 'txn_count_prev']);
  });

  it('does not list a rule whose fields are mapped', () => {
    const r = run(table(['余额', '投诉次数', '交易次数', '开户日期', '上期象限'], [10, 1, 2, '2020-01-01', '']));
    const rules = r.summary.rulesOff.map((x) => x.rule);
    expect(rules).not.toContain('COMPLAINT');
    expect(rules).not.toContain('LOYALTY');
    expect(rules).not.toContain('TENURE');
    expect(rules).not.toContain('QUADRANT_DOWN');
    expect(r.summary.rulesOff.find((x) => x.rule === 'ACTIVITY_DROP')?.missing).toEqual(['txn_count_prev']);
  });

  it('counts stages and risks in the summary', () => {
    const r = run(table(['余额', '合作年限', '投诉次数'], [10, 5, 0], [10, 0.5, 3], [10, 5, 1]));
    expect(r.summary.stages).toEqual({ MATURE: 2, DEVELOPMENT: 1 });
    expect(r.summary.risks).toEqual({ NONE: 1, HIGH: 1, MEDIUM: 1 });
  });
});
