/**
 * The adapter's errors: a code and a message in both languages that says what went wrong, where,
 * and what to do. The actions throw nothing else (api.ts), so everything that escapes a batch is
 * turned into an AdapterError here.
 */
import { isAnalysisError, withTraditional, type AnalysisError, type Locale, type ZhEn } from '../domain';
import type { AdapterErrorCode, AdapterErrorShape } from './api';

type Params = Readonly<Record<string, string | number>>;
type Template = (p: Params) => string;
/** One message in both languages. */
const m = (zh: Template, en: Template): ZhEn<Template> => ({ 'zh-CN': zh, 'en-US': en });

const MESSAGES: Readonly<Record<Exclude<AdapterErrorCode, 'ANALYSIS'>, Readonly<Record<Locale, Template>>>> = withTraditional<
  Record<Exclude<AdapterErrorCode, 'ANALYSIS'>, ZhEn<Template>>
>({
  MULTIPLE_AREAS: {
    'zh-CN': (p) => `当前选择了 ${p.count} 个不相连的区域（${p.address}）。请只选择客户表中的一个单元格或一个连续区域，然后重试。`,
    'en-US': (p) =>
      `${p.count} separate areas are selected (${p.address}). Select one cell or one block of the client table and try again.`,
  },
  EMPTY_REGION: {
    'zh-CN': (p) => `所选区域 ${p.address} 是空的。请选择客户表中的一个单元格（第一行为列名），然后重试。`,
    'en-US': (p) =>
      `The selected area ${p.address} is empty. Select a cell inside the client table (column names in its first row) and try again.`,
  },
  NO_DATA_ROWS: {
    'zh-CN': (p) => `表格 ${p.address} 只有标题行，没有客户数据。请选择包含客户行的表格。`,
    'en-US': (p) => `The table ${p.address} has a header row but no client rows. Select a table that holds clients.`,
  },
  DUPLICATE_MAPPED_HEADER: {
    'zh-CN': (p) =>
      `映射的列名"${p.header}"在表格 ${p.address} 的标题行中出现了 ${p.count} 次，无法确定使用哪一列。请先修改重复的列名，未写入任何内容。`,
    'en-US': (p) =>
      `The mapped column name "${p.header}" occurs ${p.count} times in the header row of ${p.address}, so the column is ambiguous. Rename the duplicates first; nothing was written.`,
  },
  NOT_ANALYSED: {
    'zh-CN': () => '此工作簿中还没有客户矩阵的分析结果。请先选择客户表并运行分析。',
    'en-US': () => 'This workbook holds no Portfolio Matrix results yet. Select the client table and run the analysis first.',
  },
  SHEET_NOT_FOUND: {
    'zh-CN': (p) => `找不到工作表"${p.sheet}"。它可能已被重命名或删除；请重新选择后再试。`,
    'en-US': (p) => `The worksheet "${p.sheet}" was not found. It may have been renamed or deleted; choose it again and retry.`,
  },
  TOO_LARGE: {
    'zh-CN': (p) => `${p.whatZh}超出了 Excel 的限制（${p.limit}）。请缩小表格或在表格右侧留出空列后重试。`,
    'en-US': (p) => `${p.whatEn} exceeds Excel's limit (${p.limit}). Use a smaller table or leave free columns to its right and retry.`,
  },
  BAD_SETTINGS: {
    'zh-CN': (p) => `此工作簿中保存的客户矩阵设置已损坏（${p.problemZh}）。请点击"清除结果"删除这些设置，然后重新运行。`,
    'en-US': (p) =>
      `The Portfolio Matrix settings saved in this workbook are damaged (${p.problemEn}). Use Remove results to clear them, then run again.`,
  },
  PREVIOUS_NOT_USABLE: {
    'zh-CN': (p) => `上期工作表"${p.sheet}"中${p.problemZh}。请选择上次由客户矩阵生成结果的工作表。`,
    'en-US': (p) => `Last period's sheet "${p.sheet}" ${p.problemEn}. Choose the sheet that holds last period's Portfolio Matrix results.`,
  },
  SELECTION_NOT_CELLS: m(
    () => '当前选中的是图表或图形，而不是单元格。请单击客户表中的一个单元格，然后重试。',
    () => 'A chart or shape is selected, not cells. Click a cell of the client table, then try again.',
  ),
  SHEET_PROTECTED: m(
    (p) => `${p.sheet ? `工作表"${p.sheet}"` : '要写入的工作表'}受保护，无法写入结果。请先撤销保护（审阅 › 撤销工作表保护），然后重新运行；未写入任何内容。`,
    (p) => `${p.sheet ? `The worksheet "${p.sheet}"` : 'A worksheet the add-in writes to'} is protected, so the results cannot be written. Unprotect it (Review › Unprotect Sheet) and run again; nothing was written.`,
  ),
  WORKBOOK_PROTECTED: m(
    () => '工作簿结构受保护，无法添加或删除汇总工作表。请先撤销保护（审阅 › 保护工作簿），然后重试；未写入任何内容。',
    () => "The workbook's structure is protected, so the summary sheet cannot be added or removed. Unprotect it (Review › Protect Workbook) and try again; nothing was written.",
  ),
  CELL_EDIT_MODE: m(
    () => 'Excel 正在编辑一个单元格。请按 Enter 或 Esc 结束编辑，然后重试；未写入任何内容。',
    () => 'Excel is editing a cell. Press Enter or Esc to finish editing, then try again; nothing was written.',
  ),
  TABLE_COLUMNS_REFUSED: m(
    (p) =>
      `Excel 无法在表格"${p.table}"中添加结果列（${p.detail}）：表格右侧直到工作表最后一列的单元格中有内容。请删除表格右侧远处多余的内容，或将表格转换为普通区域，然后重试；未写入任何内容。`,
    (p) =>
      `Excel cannot add the output columns to the Table "${p.table}" (${p.detail}): cells to its right, out to the last column of the sheet, hold something. Delete what is far to the right of the Table, or convert it to a range, and try again; nothing was written.`,
  ),
  EXCEL_ERROR: {
    'zh-CN': (p) => `Excel 拒绝了一项操作（${p.detail}）。您输入的数据不会被覆盖；请重试，如仍失败，请先"清除结果"再运行。`,
    'en-US': (p) =>
      `Excel refused an operation (${p.detail}). Nothing you typed is overwritten; retry, and if it fails again use Remove results and run again.`,
  },
});

export class AdapterError extends Error implements AdapterErrorShape {
  readonly code: AdapterErrorCode;
  readonly params: Params;
  /** Set for code 'ANALYSIS' (and the table-level codes the domain also detects): the domain's own error. */
  readonly analysisError?: AnalysisError;

  constructor(code: AdapterErrorCode, params: Params = {}, cause?: AnalysisError) {
    super(cause ? cause.localized('en-US') : code === 'ANALYSIS' ? String(params.message ?? code) : MESSAGES[code]['en-US'](params));
    this.name = 'AdapterError';
    this.code = code;
    this.params = params;
    this.analysisError = cause;
  }

  localized(locale: Locale): string {
    if (this.analysisError) return this.analysisError.localized(locale);
    if (this.code === 'ANALYSIS') return this.message;
    return MESSAGES[this.code][locale](this.params);
  }
}

export function isAdapterError(e: unknown): e is AdapterError {
  return e instanceof AdapterError;
}

/**
 * A domain error as an adapter error. The table-level problems that have their own adapter code
 * keep it (the task pane may react to it); every other one is 'ANALYSIS'. The message is the
 * domain's, so the wording lives in one place.
 */
export function fromAnalysisError(e: AnalysisError): AdapterError {
  const code: AdapterErrorCode = e.code === 'NO_DATA_ROWS' || e.code === 'DUPLICATE_MAPPED_HEADER' ? e.code : 'ANALYSIS';
  return new AdapterError(code, e.params, e);
}

/**
 * Anything thrown inside a batch, as an AdapterError: ours pass through, the domain's are
 * wrapped, and Excel's (OfficeExtension.Error: code + message) become EXCEL_ERROR quoting them,
 * with the request-size limit reported as TOO_LARGE.
 */
export function toAdapterError(e: unknown): AdapterError {
  if (isAdapterError(e)) return e;
  if (isAnalysisError(e)) return fromAnalysisError(e);
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (code === 'RequestPayloadSizeLimitExceeded') {
    return new AdapterError('TOO_LARGE', { whatZh: '一次请求的数据量', whatEn: 'One request to Excel', limit: '5 MB' });
  }
  // The codes below are Excel's [doc: application-specific-api-error-handling.md]. The adapter checks for
  // protection before writing (so these are the fallbacks); the others cannot be foreseen.
  if (code === 'ResponsePayloadSizeLimitExceeded') {
    return new AdapterError('TOO_LARGE', { what: 'Excel 一次返回的数据量', whatEn: 'One answer from Excel', limit: '5 MB' });
  }
  if (code === 'InvalidOperationInCellEditMode') return new AdapterError('CELL_EDIT_MODE');
  if (code === 'InvalidSelection') return new AdapterError('SELECTION_NOT_CELLS');
  // Excel's AccessDenied does not say which sheet (the checks before writing do).
  if (code === 'AccessDenied') return new AdapterError('SHEET_PROTECTED', { sheet: '' });
  return new AdapterError('EXCEL_ERROR', { detail: code ? `${code}: ${message}` : message });
}

