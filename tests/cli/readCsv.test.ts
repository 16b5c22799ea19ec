import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeText, looksBinary, parseCsv, sniffDelimiter } from '../../src/cli/readCsv';
import { CLI_FIXTURES } from './helpers';

describe('parseCsv', () => {
  test('a quoted field keeps its commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\r\nlines"\r\n1,2,3,4')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\r\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  test('CRLF, LF and CR all end a line, and a final line end adds no empty row', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  test('empty fields are empty strings, including a trailing one', () => {
    expect(parseCsv('a,,c,\n,,,')).toEqual([
      ['a', '', 'c', ''],
      ['', '', '', ''],
    ]);
  });

  test('a blank line in the middle is a row with one empty field', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  test('an empty text has no rows', () => {
    expect(parseCsv('')).toEqual([]);
  });

  test('text after a closing quote is kept and an unterminated quote runs to the end', () => {
    expect(parseCsv('"ab"c,d\n"open,\nrest')).toEqual([['abc', 'd'], ['open,\nrest']]);
  });

  test('another delimiter is honoured', () => {
    expect(parseCsv('a\t"b\tc"\n1\t2', '\t')).toEqual([
      ['a', 'b\tc'],
      ['1', '2'],
    ]);
  });
});

describe('decodeText', () => {
  const utf8 = new TextEncoder().encode('客户号,名称\nC1,张三\n');

  test('UTF-8 without a BOM is read as UTF-8', () => {
    expect(decodeText(utf8)).toEqual({ text: '客户号,名称\nC1,张三\n', encoding: 'utf-8' });
  });

  test('a UTF-8 BOM is dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeText(bytes).text).toBe('客户号,名称\nC1,张三\n');
  });

  test('bytes that are not UTF-8 are read as GB18030, including four-byte characters', () => {
    const bytes = readFileSync(path.join(CLI_FIXTURES, 'gb18030.csv'));
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('gb18030');
    expect(text.split('\r\n')[0]).toBe('客户号,客户名称,存款日均(万元),信用等级,开户日期');
    expect(text).toContain('李四㐀');
  });

  test('UTF-16LE with a BOM (Excel "Unicode text") is read', () => {
    const body = Buffer.from('客户号\t余额\r\nC1\t5\r\n', 'utf16le');
    const { text, encoding } = decodeText(new Uint8Array([0xff, 0xfe, ...body]));
    expect(encoding).toBe('utf-16le');
    expect(sniffDelimiter(text)).toBe('\t');
    expect(parseCsv(text, '\t')).toEqual([
      ['客户号', '余额'],
      ['C1', '5'],
    ]);
  });

  test('binary data does not pass for text', () => {
    expect(looksBinary('PNG\u0000\u0001\u0002')).toBe(true);
    expect(looksBinary('a,b\r\n1,2\r\n')).toBe(false);
  });
});
