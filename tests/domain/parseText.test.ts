import { classifyStatus, isAdverseLoanClass, parseQuadrant, parseYesNo } from '../../src/domain/values/parseText';

describe('yes/no (competitor_offer)', () => {
  it.each([true, 1, -2, 0.5, '是', '有', 'Yes', 'Y', '工行报价 3.1%', 'x'])('reads %p as yes', (cell) => {
    expect(parseYesNo(cell)).toBe(true);
  });

  it.each([false, 0, '', null, '否', '无', '没有', 'N', 'n', 'NO', 'No', 'FALSE', 'false', '0', '-', ' no '])(
    'reads %p as no',
    (cell) => {
      expect(parseYesNo(cell)).toBe(false);
    },
  );

  it('reports an Excel error as an error value', () => {
    expect(parseYesNo('#N/A')).toEqual({ issue: 'ERROR_VALUE' });
  });
});

describe('status', () => {
  it.each(['销户', '已销户', '注销', '账户关闭', '流失', '已流失', '终止合作', 'Closed', 'TERMINATED', 'churned', 'Exited'])(
    '%p is closed',
    (text) => {
      expect(classifyStatus(text)).toBe('closed');
    },
  );

  it.each(['潜在客户', '意向', 'Prospect', 'LEAD'])('%p is a prospect', (text) => {
    expect(classifyStatus(text)).toBe('prospect');
  });

  it.each(['正常', 'Active', ''])('%p is neither', (text) => {
    expect(classifyStatus(text)).toBe('other');
  });
});

describe('quadrant labels (quadrant_prev)', () => {
  it.each([
    ['LOYAL', 'LOYAL'],
    ['忠诚客户', 'LOYAL'],
    ['Loyal', 'LOYAL'],
    ['loyal', 'LOYAL'],
    ['PROBLEM_1', 'PROBLEM_1'],
    ['问题客户1', 'PROBLEM_1'],
    ['问题客户１', 'PROBLEM_1'],
    ['Problem 1 (loyal, small)', 'PROBLEM_1'],
    ['问题客户2', 'PROBLEM_2'],
    ['Problem 2 (large, disloyal)', 'PROBLEM_2'],
    ['一般客户', 'GENERAL'],
    ['General', 'GENERAL'],
    [' 一般 客户 ', 'GENERAL'],
    ['数据不足', 'INSUFFICIENT_DATA'],
    ['Insufficient data', 'INSUFFICIENT_DATA'],
  ])('reads %p as %s', (text, want) => {
    expect(parseQuadrant(text)).toBe(want);
  });

  it.each(['明星客户', 'Star', '问题客户3', 'Problem'])('reports %p as an invalid quadrant', (text) => {
    expect(parseQuadrant(text)).toEqual({ issue: 'INVALID_QUADRANT' });
  });

  it('reads an empty cell as missing', () => {
    expect(parseQuadrant('')).toBeNull();
    expect(parseQuadrant(null)).toBeNull();
  });
});

describe('loan class', () => {
  it.each(['次级', '可疑类', '损失', 'Substandard', 'DOUBTFUL', 'Loss'])('%p is adverse', (text) => {
    expect(isAdverseLoanClass(text)).toBe(true);
  });

  it.each(['正常', '关注', 'Normal', 'Special mention'])('%p is not adverse', (text) => {
    expect(isAdverseLoanClass(text)).toBe(false);
  });
});
