/**
 * Table-level problems (§12) and configuration errors: the only exceptions the engine throws.
 * Each carries a code and parameters, and words itself in either language.
 */
import { withTraditional, type ZhEn } from './i18n/traditional';
import type { Locale } from './types';

export type AnalysisErrorCode =
  | 'NO_HEADER'
  | 'NO_DATA_ROWS'
  | 'NO_VOLUME_COLUMN'
  | 'MAPPED_COLUMN_MISSING'
  | 'DUPLICATE_MAPPED_HEADER'
  | 'BAD_CONFIG';

export type ErrorParams = Readonly<Record<string, string | number>>;

type Template = (p: ErrorParams) => string;

const MESSAGES: Readonly<Record<AnalysisErrorCode, Readonly<Record<Locale, Template>>>> = withTraditional<Record<AnalysisErrorCode, ZhEn<Template>>>({
  NO_HEADER: {
    'zh-CN': () => '表格没有标题行：第一行必须是列名。',
    'en-US': () => 'The table has no header row: its first row must hold the column names.',
  },
  NO_DATA_ROWS: {
    'zh-CN': () => '表格只有标题行，没有客户数据。',
    'en-US': () => 'The table has a header row but no client rows.',
  },
  NO_VOLUME_COLUMN: {
    'zh-CN': (p) =>
      `找不到业务量列（如"日均存款""业务量""余额"）。请在映射中指定业务量列。表头：${p.headers}`,
    'en-US': (p) =>
      `No volume column found (such as "Average balance", "Volume", "Balance"). Map the volume column. Headers: ${p.headers}`,
  },
  MAPPED_COLUMN_MISSING: {
    'zh-CN': (p) => `映射的列"${p.header}"（字段 ${p.field}）不在表格中。`,
    'en-US': (p) => `The mapped column "${p.header}" (field ${p.field}) is not in the table.`,
  },
  DUPLICATE_MAPPED_HEADER: {
    'zh-CN': (p) => `映射的列名"${p.header}"在标题行中出现了 ${p.count} 次，无法确定使用哪一列。请先修改重复的列名。`,
    'en-US': (p) =>
      `The mapped column name "${p.header}" occurs ${p.count} times in the header row, so the column is ambiguous. Rename the duplicates first.`,
  },
  BAD_CONFIG: {
    'zh-CN': (p) => `配置项 ${p.key} 无效：${p.problemZh}`,
    'en-US': (p) => `Configuration ${p.key} is invalid: ${p.problemEn}`,
  },
});

export class AnalysisError extends Error {
  readonly code: AnalysisErrorCode;
  readonly params: ErrorParams;

  constructor(code: AnalysisErrorCode, params: ErrorParams = {}) {
    super(MESSAGES[code]['en-US'](params));
    this.name = 'AnalysisError';
    this.code = code;
    this.params = params;
  }

  /** The message in the user's language. */
  localized(locale: Locale): string {
    return MESSAGES[this.code][locale](this.params);
  }
}

export function isAnalysisError(e: unknown): e is AnalysisError {
  return e instanceof AnalysisError;
}
