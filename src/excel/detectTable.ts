/**
 * detectTable: the table under the selection, its header and the mapping to show in the task pane
 * (the saved one when it still fits the header, else the domain's suggestion). Two syncs; reads
 * only the header row.
 */
import { AnalysisError, headerText, resolveMapping, suggestMapping, FIELDS, type Cell, type Field } from '../domain';
import type { DetectedTable } from './api';
import { displayAddress, type Rect } from './address';
import { AdapterError, fromAnalysisError } from './errors';
import type { ExcelHost } from './createActions';
import { ownedTrailingColumns, probeSelection, queueMergedHeaderProbe, queueTableGeometry } from './findTable';

export async function detectTable(ctx: Excel.RequestContext, host?: ExcelHost): Promise<DetectedTable> {
  const probe = await probeSelection(ctx);
  const state = probe.state;

  let rect: Rect;
  let header: Cell[];
  let hasHiddenRows: boolean;
  let tableName: string | null = null;
  // Merged header cells (ExcelApi 1.13, where supported), asked in the sync that reads the header.
  let readMerged: () => string[] | null = () => null;
  if (probe.candidate.kind === 'table') {
    tableName = probe.candidate.tableName;
    const readGeo = queueTableGeometry(ctx, tableName);
    // An Excel Table's header row is known only after this sync; Excel's Merge commands are unavailable
    // inside a Table, so the pane does not ask (a run does, on the row it reads: runAnalysis.ts).
    await ctx.sync();
    const geo = readGeo();
    const k = ownedTrailingColumns(geo.header, state, geo.rect.sheetName);
    rect = { ...geo.rect, cols: geo.rect.cols - k };
    header = geo.header.slice(0, rect.cols);
    hasHiddenRows = geo.hasHiddenRows;
  } else {
    const r = probe.candidate.rect;
    const sheet = ctx.workbook.worksheets.getItem(r.sheetName);
    const full = sheet.getRangeByIndexes(r.row, r.col, 1, r.cols);
    full.load('values');
    const used = sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols).getUsedRangeOrNullObject(true);
    used.load('address');
    const body = r.rows > 1 ? sheet.getRangeByIndexes(r.row + 1, r.col, r.rows - 1, r.cols) : null;
    body?.load('rowHidden');
    readMerged = queueMergedHeaderProbe(sheet, { ...r, rows: 1 }, host);
    await ctx.sync();
    if (used.isNullObject) throw new AdapterError('EMPTY_REGION', { address: displayAddress(r) });
    const k = ownedTrailingColumns(full.values[0] as Cell[], state, r.sheetName);
    rect = { ...r, cols: r.cols - k };
    header = (full.values[0] as Cell[]).slice(0, rect.cols);
    hasHiddenRows = body ? body.rowHidden !== false : false;
  }

  const texts = header.map(headerText);
  if (rect.rows <= 1) {
    if (texts.every((t) => t === '')) throw new AdapterError('EMPTY_REGION', { address: displayAddress(rect) });
    throw new AdapterError('NO_DATA_ROWS', { address: displayAddress(rect) });
  }
  if (texts.every((t) => t === '')) throw fromAnalysisError(new AnalysisError('NO_HEADER'));

  let mapping: Partial<Record<Field, string[]>> | null = null;
  let mappingSaved = false;
  if (state?.config.map) {
    try {
      mapping = resolveMapping(header, state.config.map).headers;
      mappingSaved = true;
    } catch {
      // The saved mapping no longer fits this header (another table, renamed columns): suggest afresh.
      mapping = null;
    }
  }
  if (!mapping) {
    const cols = suggestMapping(header);
    mapping = {};
    for (const f of FIELDS) {
      const c = cols[f];
      if (c?.length) mapping[f] = c.map((i) => texts[i]);
    }
  }
  for (const names of Object.values(mapping)) {
    for (const name of names ?? []) {
      const count = texts.filter((t) => t === name).length;
      if (count > 1) throw new AdapterError('DUPLICATE_MAPPED_HEADER', { header: name, count, address: displayAddress(rect) });
    }
  }
  return {
    sheetName: rect.sheetName,
    address: displayAddress(rect),
    rowCount: rect.rows - 1,
    columnCount: rect.cols,
    headers: texts,
    tableName,
    mapping,
    mappingSaved,
    hasHiddenRows,
    mergedHeader: readMerged() ?? [],
    source: probe.source ?? 'selection',
  };
}
