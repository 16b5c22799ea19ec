/** The Excel adapter's entry: the actions factory and the contract types. */
export { createPortfolioActions, DELAY_FOR_CELL_EDIT_API, type BatchOptions, type BatchRunner, type ExcelHost } from './createActions';
export { AdapterError, isAdapterError } from './errors';
export { SETTINGS_KEY } from './settings';
export { CHART_NAME, SUMMARY_SHEET_NAME } from './texts';
export type * from './api';
export { CHART_LAYOUT } from './matrixChart';
