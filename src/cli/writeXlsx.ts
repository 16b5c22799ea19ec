/**
 * --format xlsx: the annotated copy is written by src/xlsx (the input sheet with the output
 * columns, the summary sheet and the chart). The writer is imported on demand so that the other
 * formats neither load it (and JSZip) nor depend on it.
 */
import type { AnalysisResult, Locale } from '../domain';
import type { writeAnnotatedWorkbook } from '../xlsx';
import { inputError, isCliError, reasonOf } from './errors';
import { msg } from './messages';
import type { InputTable } from './readInput';

export type XlsxWriter = typeof writeAnnotatedWorkbook;

/** The writer, or null when this build has none. */
export async function loadXlsxWriter(): Promise<XlsxWriter | null> {
  try {
    const mod = await import('../xlsx/writeAnnotatedWorkbook');
    return mod.writeAnnotatedWorkbook;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const missing = (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String((e as Error).message).includes('writeAnnotatedWorkbook');
    if (missing) return null;
    throw e;
  }
}

export async function writeXlsx(
  input: InputTable,
  result: AnalysisResult,
  locale: Locale,
  outPath: string,
  outDisplay: string,
  writer: XlsxWriter | null,
  cutsReusedFrom: string | null = null,
  oneThread = false,
): Promise<void> {
  if (!writer) throw inputError('xlsxUnavailable');
  // A CSV has no workbook to copy: the writer puts its table at A1 of a new sheet.
  const source =
    input.kind === 'csv'
      ? { table: input.table, sheetName: input.sheetName }
      : { path: input.path, sheetName: input.sheetName, range: input.range, zip: input.zip };
  const summaryExtras = [{ label: msg(locale, 'summaryInputFile'), value: input.display }];
  if (cutsReusedFrom !== null) summaryExtras.push({ label: msg(locale, 'summaryCutsReused'), value: cutsReusedFrom });
  try {
    await writer(source, result, locale, outPath, { summaryExtras, oneThread });
  } catch (e) {
    if (isCliError(e)) throw e;
    throw inputError('writeFailed', { file: outDisplay, reason: reasonOf(e) });
  }
}
