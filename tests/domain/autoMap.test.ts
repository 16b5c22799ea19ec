import {
  AnalysisError,
  FIELD_DEFS,
  normalizeHeader,
  resolveMapping,
  suggestMapping,
  type Cell,
  type ColumnMapping,
} from '../../src/domain';
import { thrown } from './helpers';
import { headerList } from '../../src/domain/mapping';

/** field -> header texts, for readable expectations. */
function mapped(header: Cell[]): Record<string, string[]> {
  const m: ColumnMapping = suggestMapping(header);
  return Object.fromEntries(Object.entries(m).map(([f, cols]) => [f, (cols ?? []).map((c) => String(header[c]))]));
}

describe('auto-mapping: exact pass', () => {
  it('maps every synonym of every field to that field when it is the only header', () => {
    for (const def of FIELD_DEFS) {
      for (const s of def.synonyms) {
        const m = mapped([s]);
        // A synonym shared by two fields goes to the first; none of §2's are shared across fields.
        expect({ synonym: s, field: Object.keys(m)[0] }).toEqual({ synonym: s, field: def.field });
      }
    }
  });

  it('matches after normalisation: full-width, units in brackets, spaces and case', () => {
    expect(mapped(['日均存款（万元）', 'Client ID', 'ＡＵＭ [元]', ' 交易 次数 '])).toEqual({
      volume: ['日均存款（万元）', 'ＡＵＭ [元]'],
      client_id: ['Client ID'],
      txn_count: [' 交易 次数 '],
    });
  });

  it('gives a single field only the first matching column, left to right', () => {
    expect(mapped(['客户号', '余额', '客户编号'])).toEqual({ client_id: ['客户号'], volume: ['余额'] });
  });

  it('lets volume and previous volume take several columns', () => {
    expect(mapped(['日均存款', '贷款余额', '上期余额', '期初余额', '客户名称'])).toEqual({
      volume: ['日均存款', '贷款余额'],
      volume_prev: ['上期余额', '期初余额'],
      client_name: ['客户名称'],
    });
  });

  it('finds exact matches before contains matches, wherever they stand', () => {
    // "客户经理名称" contains 客户经理, but the exact 客户经理 column takes that field first.
    expect(mapped(['客户经理名称', '客户经理', '余额'])).toEqual({
      client_name: ['客户经理名称'],
      client_manager: ['客户经理'],
      volume: ['余额'],
    });
  });
});

describe('auto-mapping: contains pass', () => {
  it('maps a header containing a Chinese synonym of two characters', () => {
    expect(mapped(['本月余额合计'])).toEqual({ volume: ['本月余额合计'] });
    expect(mapped(['客户投诉'])).toEqual({ complaint_count: ['客户投诉'] });
  });

  it('maps a header containing a Latin synonym of at least four characters', () => {
    expect(mapped(['Total deposits (USD)', 'Full name', 'S&P rating'])).toEqual({
      volume: ['Total deposits (USD)'],
      client_name: ['Full name'],
      credit_rating: ['S&P rating'],
    });
  });

  it('never matches id, rm, aum, sow, nps or cif inside other words', () => {
    expect(mapped(['Valid flag', 'Firm size', 'Branch AUM', 'Bank SOW', 'NPS 2025', 'Pacific'])).toEqual({});
  });

  it('prefers the longest synonym the header contains', () => {
    // 客户经理 (client_manager, 4 characters) beats 名称 (client_name, 2).
    expect(mapped(['客户经理名称'])).toEqual({ client_manager: ['客户经理名称'] });
    // "client id" (8) beats "client" (6).
    expect(mapped(['Client identifier'])).toEqual({ client_id: ['Client identifier'] });
  });

  it('breaks a tie in synonym length by the table order of fields', () => {
    // 名称 (client_name) and 状态 (status) are both two characters; client_name comes first in §2.
    expect(mapped(['状态名称'])).toEqual({ client_name: ['状态名称'] });
    // 评级 (credit_rating) comes before 投诉 (complaint_count).
    expect(mapped(['投诉评级'])).toEqual({ credit_rating: ['投诉评级'] });
  });

  it('maps a contains match only to a field that is still unmapped', () => {
    expect(mapped(['余额A', '余额B'])).toEqual({ volume: ['余额A'] });
    expect(mapped(['客户名称', '客户名称备注'])).toEqual({ client_name: ['客户名称'] });
  });

  it('maps a header with a previous-period marker only to a previous-period field', () => {
    expect(mapped(['上月末余额'])).toEqual({});
    expect(mapped(['Balance prev month'])).toEqual({});
    expect(mapped(['去年交易次数合计'])).toEqual({});
    expect(mapped(['上期余额合计', '上期持有产品数量', '上期客户象限说明'])).toEqual({
      volume_prev: ['上期余额合计'],
      product_count_prev: ['上期持有产品数量'],
      quadrant_prev: ['上期客户象限说明'],
    });
  });

  it('recognises the English previous-period markers, including "last month"', () => {
    expect(mapped(['Last month deposits'])).toEqual({});
    expect(mapped(['Prior balance total'])).toEqual({ volume_prev: ['Prior balance total'] });
  });

  it('leaves every other column alone', () => {
    expect(mapped(['余额', '备注', '', null, 42, '客户号'])).toEqual({ volume: ['余额'], client_id: ['客户号'] });
  });
});

describe('resolveMapping', () => {
  const header = ['客户号', '客户名称', '余额', '授信额度', '忠诚度'];

  it('uses an explicit map as the whole mapping (no auto-mapping)', () => {
    const m = resolveMapping(header, { volume: '余额', client_name: '客户名称' });
    expect(m.headers).toEqual({ client_name: ['客户名称'], volume: ['余额'] });
    expect(m.columns).toEqual({ client_name: [1], volume: [2] });
  });

  it('finds an explicitly mapped header after normalisation', () => {
    const m = resolveMapping(['余额（万元）', '贷款 余额'], { volume: ['余额', '贷款余额'] });
    expect(m.headers.volume).toEqual(['余额（万元）', '贷款 余额']);
  });

  it('applies --map style overrides on top of the auto-mapping', () => {
    const m = resolveMapping(header, undefined, { volume: '授信额度' });
    expect(m.headers).toEqual({
      client_id: ['客户号'],
      client_name: ['客户名称'],
      volume: ['授信额度'],
      loyalty_score: ['忠诚度'],
    });
  });

  it('moves a column taken by an override away from the field it was suggested for', () => {
    const m = resolveMapping(['客户号', '余额', '存款余额'], undefined, { volume_prev: '余额' });
    expect(m.headers).toEqual({ client_id: ['客户号'], volume: ['存款余额'], volume_prev: ['余额'] });
  });

  it('reports a mapped header that is not in the table, naming it in both languages', () => {
    const e = thrown(() => resolveMapping(header, { volume: '日均存款' }));
    expect(e).toBeInstanceOf(AnalysisError);
    const err = e as AnalysisError;
    expect(err.code).toBe('MAPPED_COLUMN_MISSING');
    expect(err.localized('zh-CN')).toContain('日均存款');
    expect(err.localized('en-US')).toContain('日均存款');
    expect(err.localized('zh-CN')).not.toBe(err.localized('en-US'));
  });

  it('reports an override header that is not in the table', () => {
    const e = thrown(() => resolveMapping(header, undefined, { client_manager: 'RM' })) as AnalysisError;
    expect(e.code).toBe('MAPPED_COLUMN_MISSING');
    expect(e.localized('en-US')).toContain('RM');
  });

  it('refuses a mapped header that occurs twice in the header row', () => {
    const e = thrown(() => resolveMapping(['余额', '客户号', '余额'], { volume: '余额' })) as AnalysisError;
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.code).toBe('DUPLICATE_MAPPED_HEADER');
    expect(e.localized('zh-CN')).toContain('余额');
    expect(e.localized('en-US')).toContain('余额');
  });

  it('refuses a table without a volume column and lists the headers it saw', () => {
    const e = thrown(() => resolveMapping(['客户号', '姓名'])) as AnalysisError;
    expect(e.code).toBe('NO_VOLUME_COLUMN');
    for (const locale of ['zh-CN', 'en-US'] as const) {
      expect(e.localized(locale)).toContain('客户号');
      expect(e.localized(locale)).toContain('姓名');
    }
  });

  it('lists at most 40 headers of at most 60 characters each, so a one-line file of megabytes is a short message', () => {
    const long = 'a'.repeat(5_000_000);
    const wide = Array.from({ length: 100 }, (_, i) => `列${i + 1}`);
    const e = thrown(() => resolveMapping([long, ...wide, '😀'.repeat(70)])) as AnalysisError;
    expect(e.code).toBe('NO_VOLUME_COLUMN');
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const m = e.localized(locale);
      expect(m.length).toBeLessThan(1000);
      expect(m).toContain(`${'a'.repeat(60)}…, 列1, 列2`);
      expect(m).toContain('列39, …');
      expect(m).not.toContain('列40');
    }
    expect(headerList(['😀'.repeat(61), '😀'.repeat(60), 'x'])).toBe(`${'😀'.repeat(60)}…, ${'😀'.repeat(60)}, x`);
    expect(headerList(['', 'b', ''])).toBe('b');
  });

  it('refuses an explicit map without volume', () => {
    expect((thrown(() => resolveMapping(header, { client_id: '客户号' })) as AnalysisError).code).toBe('NO_VOLUME_COLUMN');
  });

  it('refuses a missing or blank header row', () => {
    for (const h of [undefined, [], ['', null, '  ']]) {
      const e = thrown(() => resolveMapping(h)) as AnalysisError;
      expect(e.code).toBe('NO_HEADER');
      expect(e.localized('zh-CN')).toMatch(/标题/);
      expect(e.localized('en-US')).toMatch(/header/);
    }
  });

  it('refuses one column mapped to two fields, naming the key', () => {
    const e = thrown(() => resolveMapping(header, { volume: '余额', volume_prev: '余额' })) as AnalysisError;
    expect(e.code).toBe('BAD_CONFIG');
    expect(e.localized('zh-CN')).toContain('map.volume_prev');
    expect(e.localized('en-US')).toContain('map.volume_prev');
  });
});

describe('the synonym lists', () => {
  it('are all distinct after normalisation across fields', () => {
    const owner = new Map<string, string>();
    for (const def of FIELD_DEFS) {
      for (const s of def.synonyms) {
        const n = normalizeHeader(s);
        const other = owner.get(n);
        if (other !== undefined) expect({ n, field: def.field }).toEqual({ n, field: other });
        owner.set(n, def.field);
      }
    }
  });
});
