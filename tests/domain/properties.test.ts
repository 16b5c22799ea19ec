/**
 * Property tests of the domain (design.md, Testing layer 1): for arbitrary tables the analysis
 * never throws anything but AnalysisError, every row gets one record and one quadrant, shares
 * sum to 1, raising a loyalty component never lowers the score, priorities have no gaps.
 */
import fc from 'fast-check';
import {
  analyze,
  startAnalysis,
  resultColumns,
  shareOf,
  flagsOfKey,
  STAGES,
  RISKS,
  CHURN_TYPES,
  FIELD_DEFS,
  isAnalysisError,
  outputCells,
  parseConfig,
  QUADRANTS,
  toResultJson,
  type AnalysisResult,
  type Cell,
  type Table,
} from '../../src/domain';
import { RATING_SCALE } from '../../src/domain/values/parseRating';
import { daysBefore, TODAY } from './helpers';

const RUNS = { numRuns: 150 };

const SYNONYMS = FIELD_DEFS.flatMap((d) => d.synonyms);
const ERRORS = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'];
const TEXTS = [
  'abc', 'N/A', '-', '—', '无', 'null', 'NaN', 'Infinity', '-Infinity', '1e400', '1,234', '(1,234)', '12%', '120%', '3万', '1.5亿元',
  '１２３', '  ', 'AAA', 'b-级', 'XYZ', '2026-01-05', '2026年1月5日', '20261301', '2026-02-30 10:00', '忠诚客户', 'Problem 2',
  'LOYAL', '明星', '是', '否', '已销户', '潜在客户', '次级', '他行利率', '退休', '服务差', 'closed', 'lead',
];

/** A cell of any kind Excel or a file reader can give, including junk. */
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>('', null, undefined),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double(),
  fc.constantFrom(1e15, -1e15, Number.MAX_VALUE, -Number.MAX_VALUE, 25569, 46349.5, 20261123, 20261301, 0.5, -0),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(...ERRORS),
  fc.constantFrom(...TEXTS),
  fc.string({ maxLength: 6 }),
);

/** Header cells: mostly synonyms of §2, sometimes other text, numbers, blanks or booleans. */
const headerCellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SYNONYMS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>('', null, 42, true, '余额（万元）', '上月末余额', 'Client ID') },
);

/** An arbitrary table: random width, ragged rows of random cells. */
const tableArb: fc.Arbitrary<Cell[][]> = fc.integer({ min: 1, max: 8 }).chain((w) =>
  fc
    .tuple(
      fc.array(headerCellArb, { minLength: w, maxLength: w }),
      fc.array(fc.array(cellArb, { minLength: 0, maxLength: w + 1 }), { maxLength: 12 }),
    )
    .map(([h, rows]) => [h, ...rows]),
);

/** A table that surely has a volume column (mostly numbers), plus random other columns. */
const volumeTableArb: fc.Arbitrary<Cell[][]> = tableArb.chain((t) =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) }, { weight: 1, arbitrary: cellArb }), {
      minLength: t.length - 1,
      maxLength: t.length - 1,
    })
    .map((vols) => [['余额', ...t[0]], ...t.slice(1).map((r, i) => [vols[i], ...r])]),
);

/** A branch portfolio with every field, realistic values mixed with junk. */
const PORTFOLIO_HEADER = [
  '客户号', '余额', '上期余额', '交易次数', '上期交易次数', '产品数', '上期产品数', '投诉次数', '最近交易日期', '最近联系日期',
  '他行营销', '客户状态', '五级分类', '信用评级', '合作年限', '上期象限', '流失原因',
];
const maybe = <T extends Cell>(a: fc.Arbitrary<T>): fc.Arbitrary<Cell> => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: cellArb });
const portfolioRowArb: fc.Arbitrary<Cell[]> = fc.tuple(
  maybe(fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8')),
  maybe(fc.integer({ min: 0, max: 1000 })),
  maybe(fc.integer({ min: 0, max: 1000 })),
  maybe(fc.integer({ min: 0, max: 50 })),
  maybe(fc.integer({ min: 0, max: 50 })),
  maybe(fc.integer({ min: 0, max: 6 })),
  maybe(fc.integer({ min: 0, max: 6 })),
  maybe(fc.integer({ min: 0, max: 4 })),
  maybe(fc.integer({ min: 0, max: 400 }).map((d) => daysBefore(d))),
  maybe(fc.integer({ min: 0, max: 400 }).map((d) => daysBefore(d))),
  maybe(fc.constantFrom('是', '否', '')),
  maybe(fc.constantFrom('', '正常', '销户', '潜在')),
  maybe(fc.constantFrom('正常', '关注', '次级', '')),
  maybe(fc.constantFrom(...RATING_SCALE)),
  maybe(fc.double({ min: 0, max: 12, noNaN: true })),
  maybe(fc.constantFrom('忠诚客户', '问题客户1', '问题客户2', '一般客户', '')),
  maybe(fc.constantFrom('', '搬迁', '他行利率', '服务差')),
) as fc.Arbitrary<Cell[]>;
const portfolioArb: fc.Arbitrary<Cell[][]> = fc
  .array(portfolioRowArb, { minLength: 1, maxLength: 15 })
  .map((rows) => [PORTFOLIO_HEADER, ...rows]);

const configArb = fc.record({
  shareCut: fc.constantFrom('pareto:0.8', 'pareto:1', 'pareto:0.3', 'median', 'mean', 'quantile:0.25', 'fixed:0.1'),
  loyaltyCut: fc.constantFrom('median', 'mean', 'quantile:0.9', 'fixed:50'),
  locale: fc.constantFrom('zh-CN', 'en-US'),
});

const isBlank = (c: Cell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
/** 1-based numbers of the data rows that are not all empty. */
const nonEmptyRows = (t: Table) => t.slice(1).flatMap((r, i) => (r.every(isBlank) ? [] : [i + 1]));

/** The result, or null when a table-level AnalysisError stopped the run (anything else is rethrown). */
function tryAnalyze(t: Table, config: Record<string, unknown> = {}): AnalysisResult | null {
  try {
    return analyze(t, parseConfig(config), { today: TODAY });
  } catch (e) {
    if (isAnalysisError(e)) return null;
    throw e;
  }
}

/** A portfolio with a percent column (fractions, points, "%") and names, and some empty rows. */
const splitArb: fc.Arbitrary<Cell[][]> = fc
  .tuple(
    portfolioArb,
    fc.array(fc.oneof(fc.constantFrom<Cell>(0.3, 0.95, 1, 45, 120, '12%', '0.4', '', '#N/A', 'x'), fc.double({ min: -1, max: 150, noNaN: true })), { maxLength: 15 }),
    fc.array(fc.constantFrom<Cell>('张伟', '王芳', '', '#REF!', 'Li Na'), { maxLength: 15 }),
    fc.array(fc.nat(15), { maxLength: 4 }),
  )
  .map(([[header, ...rows], shares, names, blanks]) => {
    const body = rows.map((r, i) => [...r, shares[i] ?? '', names[i] ?? '']);
    for (const at of blanks) body.splice(Math.min(at, body.length), 0, []);
    return [[...header, '本行占比', '客户名称'], ...body];
  });

describe('domain properties', () => {
  it('reads a table in two parts, the second absorbed by the first, exactly as in one (with typed columns too, as the command line reads)', () => {
    fc.assert(
      fc.property(splitArb, configArb, fc.nat(), fc.boolean(), (t, config, at, typed) => {
        const whole = tryAnalyze(t, config);
        const dataRows = t.length - 1;
        const k = dataRows === 0 ? 0 : at % (dataRows + 1);
        const cfg = parseConfig(config);
        let split: AnalysisResult | null;
        try {
          const first = startAnalysis(t[0], cfg, { today: TODAY }, undefined, dataRows, typed);
          const second = startAnalysis(t[0], cfg, { today: TODAY }, undefined, dataRows - k, typed);
          first.add(t.slice(1, 1 + k), k);
          second.add(t.slice(1 + k), dataRows - k);
          // As the command line's second thread sends it: copied, not shared.
          first.absorb(structuredClone(second.part()));
          split = first.finish(dataRows);
        } catch (e) {
          if (!isAnalysisError(e)) throw e;
          split = null;
        }
        expect(split === null ? null : toResultJson(split)).toEqual(whole === null ? null : toResultJson(whole));
        if (split && whole) expect(split.rows).toEqual(whole.rows);
      }),
      RUNS,
    );
  });

  it('makes a lazy result\'s rows, when first read, as an eager result has them; until then its columns hold the same', () => {
    fc.assert(
      fc.property(fc.oneof(splitArb, portfolioArb, volumeTableArb), configArb, (t, config) => {
        const cfg = parseConfig(config);
        const dataRows = t.length - 1;
        const run = (lazyRows: boolean) => {
          // The lazy result as the command line makes it: from typed columns (column.ts).
          const a = startAnalysis(t[0], cfg, { today: TODAY }, undefined, dataRows, lazyRows);
          a.add(t.slice(1), dataRows);
          return a.finish(dataRows, lazyRows);
        };
        let eager: AnalysisResult;
        let lazy: AnalysisResult;
        try {
          eager = run(false);
          lazy = run(true);
        } catch (e) {
          if (!isAnalysisError(e)) throw e;
          return;
        }
        expect(resultColumns(eager)).toBeNull();
        const cols = resultColumns(lazy);
        if (!cols) throw new Error('a lazy result has columns');
        expect(cols.n).toBe(eager.rows.length);
        eager.rows.forEach((r, i) => {
          expect(cols.row ? cols.row[i] : i + 1).toBe(r.row);
          expect(cols.clientId?.[i] ?? null).toBe(r.clientId);
          expect(cols.clientName?.[i] ?? null).toBe(r.clientName);
          // Object.is: a −0 volume keeps its −0 share.
          expect(Number.isNaN(cols.volume[i]) ? null : cols.volume[i]).toBe(r.volume);
          expect(shareOf(cols.volume[i], cols.total)).toBe(r.share);
          expect(Number.isNaN(cols.loyalty[i]) ? null : cols.loyalty[i]).toBe(r.loyalty);
          expect(QUADRANTS[cols.quadrant[i]]).toBe(r.quadrant);
          expect(STAGES[cols.stage[i]]).toBe(r.stage);
          expect(RISKS[cols.risk[i]]).toBe(r.risk);
          expect(cols.churn[i] === 0 ? null : CHURN_TYPES[cols.churn[i] - 1]).toBe(r.churnType);
          expect(cols.previous && cols.previous[i] !== 0 ? QUADRANTS[cols.previous[i] - 1] : null).toBe(r.previousQuadrant);
          expect(flagsOfKey(cols.flagKey[i])).toBe(r.flags);
          expect(cols.priority[i] === 0 ? null : cols.priority[i]).toBe(r.priority);
          expect(cols.issues?.[i] ?? []).toEqual(r.issues);
        });
        // Read, the rows are made (every field, evidence too) and the columns let go.
        expect(lazy.rows).toEqual(eager.rows);
        expect(resultColumns(lazy)).toBeNull();
        expect(lazy).toEqual(eager);
        expect(Object.keys(lazy)).toEqual(Object.keys(eager));
      }),
      RUNS,
    );
  });

  it('never throws anything but an AnalysisError, and the outputs can always be written', () => {
    fc.assert(
      fc.property(fc.oneof(tableArb, volumeTableArb, portfolioArb), configArb, (t, config) => {
        const result = tryAnalyze(t, config);
        if (!result) return;
        JSON.stringify(toResultJson(result));
        for (const row of result.rows) {
          outputCells(row, result, 'zh-CN');
          outputCells(row, result, 'en-US');
        }
      }),
      RUNS,
    );
  });

  it('gives every non-empty row exactly one record, in order, with one quadrant', () => {
    fc.assert(
      fc.property(fc.oneof(volumeTableArb, portfolioArb), configArb, (t, config) => {
        const want = nonEmptyRows(t);
        const result = tryAnalyze(t, config);
        if (want.length === 0) {
          expect(result).toBeNull();
          return;
        }
        expect(result).not.toBeNull();
        const r = result as AnalysisResult;
        expect(r.rows.map((x) => x.row)).toEqual(want);
        expect(r.summary.rowCount).toBe(want.length);
        expect(r.summary.skippedEmptyRows).toBe(t.length - 1 - want.length);
        for (const row of r.rows) expect(QUADRANTS).toContain(row.quadrant);
        const counted = Object.values(r.summary.quadrants).reduce((s, q) => s + (q?.count ?? 0), 0);
        expect(counted).toBe(want.length);
      }),
      RUNS,
    );
  });

  it('makes the shares sum to 1 when there is business, and all 0 when there is none', () => {
    fc.assert(
      fc.property(fc.oneof(volumeTableArb, portfolioArb), configArb, (t, config) => {
        const r = tryAnalyze(t, config);
        if (!r || !Number.isFinite(r.summary.totalVolume)) return;
        const shares = r.rows.flatMap((x) => (x.share === null ? [] : [x.share]));
        for (const s of shares) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
        const sum = shares.reduce((a, b) => a + b, 0);
        if (r.summary.totalVolume > 0) expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
        else expect(sum).toBe(0);
        // Every row with a share has a volume, and the other way round.
        for (const x of r.rows) expect(x.share === null).toBe(x.volume === null);
      }),
      RUNS,
    );
  });

  it('never lowers a client\'s loyalty when one of its component values is raised', () => {
    type Kind = { header: string; weight: string; max: number; cell: (k: number) => Cell };
    const KINDS: Kind[] = [
      { header: '信任度', weight: 'trust', max: 20, cell: (k) => k },
      { header: '沟通次数', weight: 'contact_count', max: 20, cell: (k) => k },
      { header: '交易次数', weight: 'txn_count', max: 20, cell: (k) => String(k) },
      { header: '产品数', weight: 'product_count', max: 20, cell: (k) => k },
      { header: '本行占比', weight: 'wallet_share', max: 100, cell: (k) => `${k}%` },
      { header: '信用评级', weight: 'credit_rating', max: 22, cell: (k) => RATING_SCALE[22 - k] },
      { header: '合作年限', weight: 'tenure', max: 20, cell: (k) => k / 2 },
    ];
    const arb = fc
      .tuple(
        fc.subarray(KINDS, { minLength: 1 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: KINDS.length, maxLength: KINDS.length }),
      )
      .chain(([kinds, n, weights]) =>
        fc.record({
          kinds: fc.constant(kinds),
          weights: fc.constant(weights),
          values: fc.array(
            fc.tuple(...kinds.map((k) => fc.option(fc.integer({ min: k.header === '信用评级' ? 1 : 0, max: k.max }), { freq: 4 }))),
            { minLength: n, maxLength: n },
          ),
          row: fc.nat(n - 1),
          col: fc.nat(kinds.length - 1),
          delta: fc.integer({ min: 1, max: 10 }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ kinds, weights, values, row, col, delta }) => {
        const before = values[row][col];
        fc.pre(before !== null && before < kinds[col].max);
        const raised = values.map((r) => [...r]);
        raised[row][col] = Math.min(kinds[col].max, (before as number) + delta);
        const build = (vals: (number | null)[][]): Table => [
          ['余额', ...kinds.map((k) => k.header)],
          ...vals.map((r) => [1, ...r.map((v, j) => (v === null ? '' : kinds[j].cell(v)))]),
        ];
        const config = { weights: Object.fromEntries(KINDS.map((k, i) => [k.weight, weights[i]])) };
        const a = tryAnalyze(build(values), config);
        const b = tryAnalyze(build(raised), config);
        expect(a).not.toBeNull();
        expect(b).not.toBeNull();
        const la = (a as AnalysisResult).rows[row].loyalty;
        const lb = (b as AnalysisResult).rows[row].loyalty;
        if (la === null) return;
        expect(lb).not.toBeNull();
        expect(lb as number).toBeGreaterThanOrEqual(la - 1e-12);
      }),
      RUNS,
    );
  });

  it('numbers the clients at risk 1..k without gaps, by risk then share', () => {
    const ORDER: Record<string, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
    fc.assert(
      fc.property(fc.oneof(portfolioArb, volumeTableArb), configArb, (t, config) => {
        const r = tryAnalyze(t, config);
        if (!r) return;
        const atRisk = r.rows.filter((x) => x.risk in ORDER);
        for (const x of r.rows) expect(x.priority === null).toBe(!(x.risk in ORDER));
        const ranked = [...atRisk].sort((a, b) => (a.priority as number) - (b.priority as number));
        expect(ranked.map((x) => x.priority)).toEqual(atRisk.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i++) {
          const p = ranked[i - 1];
          const q = ranked[i];
          expect(ORDER[p.risk]).toBeLessThanOrEqual(ORDER[q.risk]);
          if (p.risk === q.risk) expect(p.share ?? -1).toBeGreaterThanOrEqual(q.share ?? -1);
        }
        for (const x of r.rows) {
          expect(x.churnType === null).toBe(x.risk === 'NONE');
        }
      }),
      RUNS,
    );
  });
});
