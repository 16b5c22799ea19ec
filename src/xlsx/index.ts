/** The .xlsx shell used by the command line: the annotated workbook with its chart. */
export {
  writeAnnotatedWorkbook,
  type TableInput,
  type TableRange,
  type WorkbookInput,
  type WriteAnnotatedOptions,
} from './writeAnnotatedWorkbook';
export type { SummaryExtra } from './summarySheet';
export { SUMMARY_SHEET_NAME, CHART_NAME } from './summaryTexts';
