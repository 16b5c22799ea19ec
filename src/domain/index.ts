/**
 * The domain core's public surface. Shells (src/excel, src/cli, src/taskpane, src/xlsx) import
 * from here only.
 */
export * from './types';
export { AnalysisError, isAnalysisError, type AnalysisErrorCode } from './errors';
export { normalizeHeader, headerText, suggestMapping, type ColumnMapping } from './autoMap';
export { FIELD_DEFS, FIELD_DEF, type FieldDef, type FieldType } from './fields';
export { resolveMapping, mappingToConfig, type ResolvedMapping } from './mapping';
export { DEFAULT_CONFIG, DEFAULT_THRESHOLDS, parseConfig, parseCutMode, configToJson, type CutMode } from './config';
export { analyze, startAnalysis, resultColumns, shareOf, flagsOfKey, type AnalysisRun, type ResultColumns } from './analyze';
export { cellKinds, typedCell, type CellKind, type ColumnsPart } from './readColumns';
export { packTexts, unpackTexts, type PackedTexts } from './column';
export { columnLetters, columnNumber } from './a1';
export { rowJson, resultJsonWith, toResultJson } from './resultJson';
export {
  outputColumns,
  outputHeaders,
  outputCells,
  outputCellMaker,
  outputCellMakerOf,
  actionText,
  flagReason,
  stageReasonText,
  issueText,
  changeText,
  hasPreviousPeriod,
  chartLabelRows,
  shareAxisFormat,
} from './output';
export * as labels from './i18n/labels';
export { DAYS_1904, EXCEL_EPOCH_SERIAL, formatDay, parseDateText } from './values/parseDate';
export { isSpace } from './values/errorValue';
export {
  isQuadrantHeader,
  quadrantOfText,
  findPreviousHeaderRow,
  previousRecords,
  previousFromResult,
  cutsFromSummary,
  frozenCutModes,
  newAndGoneRows,
  MOVED_LIST_CAP,
  type PreviousTableProblem,
  type PreviousTableResult,
  type SavedCuts,
} from './previousTable';
export {
  placeLabels,
  placeMatrixLabels,
  chartLabelPriority,
  cornerBox,
  labelBox,
  textExtent,
  toPlot,
  overlaps,
  LABEL_POSITION_ORDER,
  LABEL_MARGIN,
  type Box,
  type LabelPosition,
  type LabelRequest,
  type LabelStyle,
  type MatrixLabelLayout,
  type PlacedLabel,
  type PlacementInput,
  type PlacementResult,
  type PlotFrame,
} from './labelPlacement';
export {
  toTraditional,
  foldTraditional,
  isChinese,
  localeOfLanguageTag,
  inLocale,
  traditionalTemplate,
  templates,
  texts,
  withTraditional,
  type ZhEn,
} from './i18n/traditional';
