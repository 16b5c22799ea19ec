import { normalizeHeader } from '../../src/domain';

describe('normalizeHeader', () => {
  it('turns full-width letters, digits and brackets into half-width ones (NFKC)', () => {
    expect(normalizeHeader('ＡＵＭ')).toBe('aum');
    expect(normalizeHeader('客户ＩＤ')).toBe('客户id');
    expect(normalizeHeader('产品数１')).toBe('产品数1');
  });

  it.each([
    ['余额(万元)', '余额'],
    ['余额（万元）', '余额'],
    ['本行占比（%）', '本行占比'],
    ['贷款余额[元]', '贷款余额'],
    ['Balance (USD)', 'balance'],
    ['日均存款 （万元） ', '日均存款'],
  ])('removes a trailing bracketed part: %s → %s', (raw, want) => {
    expect(normalizeHeader(raw)).toBe(want);
  });

  it('removes only one trailing bracketed part', () => {
    expect(normalizeHeader('Balance (USD) (m)')).toBe('balance(usd)');
  });

  it('keeps a bracket that is not at the end', () => {
    expect(normalizeHeader('余额(万元)合计')).toBe('余额(万元)合计');
  });

  it('removes all white space, including full-width and tabs', () => {
    expect(normalizeHeader(' client\u3000 id\t')).toBe('clientid');
    expect(normalizeHeader('上期 交易 次数')).toBe('上期交易次数');
  });

  it('lower-cases Latin letters', () => {
    expect(normalizeHeader('Last Month Balance')).toBe('lastmonthbalance');
    expect(normalizeHeader('CIF号')).toBe('cif号');
  });

  it('leaves an empty header empty', () => {
    expect(normalizeHeader('')).toBe('');
    expect(normalizeHeader('   ')).toBe('');
  });
});
