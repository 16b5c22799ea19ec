/**
 * Last period's results from another sheet of the workbook (RunOptions.previous, kind 'sheet'):
 * the sheet's used range, its header row (the first of its top rows that holds an output
 * "客户象限 / Quadrant" header), the client ID / name columns found by the domain's auto-mapping,
 * and the quadrant column — the last one with that header, since the add-in's output sits right of
 * the user's table. The domain matches the records to this period's rows (analysis.md §11).
 */
import {
  headerText,
  labels,
  normalizeHeader,
  QUADRANTS,
  suggestMapping,
  type Cell,
  type PreviousPeriod,
  type PreviousRecord,
  type Quadrant,
} from '../domain';
import { parseAddress, type Rect } from './address';
import { AdapterError } from './errors';
import { readRows } from './readTable';

/** Rows searched for the header (a title above the table is allowed). */
const HEADER_SEARCH_ROWS = 10;

const QUADRANT_HEADERS = new Set(Object.values(labels.OUTPUT_HEADERS.quadrant).map(normalizeHeader));
const QUADRANT_BY_TEXT = new Map<string, Quadrant>();
for (const q of QUADRANTS) {
  QUADRANT_BY_TEXT.set(normalizeHeader(q), q);
  for (const l of Object.values(labels.QUADRANT_LABELS[q])) QUADRANT_BY_TEXT.set(normalizeHeader(l), q);
}

const text = (c: Cell): string | null => {
  const t = headerText(c);
  return t === '' ? null : t;
};

export async function readPreviousSheet(
  ctx: Excel.RequestContext,
  sheetName: string,
  blockRows: number,
  signal?: AbortSignal,
): Promise<PreviousPeriod | null> {
  const sheet = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load('name');
  await ctx.sync();
  if (sheet.isNullObject) throw new AdapterError('SHEET_NOT_FOUND', { sheet: sheetName });
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('address');
  await ctx.sync();
  const notUsable = (problemEn: string, problemZh: string) =>
    new AdapterError('PREVIOUS_NOT_USABLE', { sheet: sheetName, problemEn, problemZh });
  const area = used.isNullObject ? null : parseAddress(used.address);
  if (!area) throw notUsable('is empty', '没有数据');

  const top = sheet.getRangeByIndexes(area.row, area.col, Math.min(HEADER_SEARCH_ROWS, area.rows), area.cols);
  top.load('values');
  await ctx.sync();
  const topRows = top.values as Cell[][];
  const h = topRows.findIndex((row) => row.some((c) => QUADRANT_HEADERS.has(normalizeHeader(headerText(c)))));
  if (h < 0) throw notUsable('has no "客户象限 / Quadrant" column', '没有"客户象限 / Quadrant"列');
  const header = topRows[h];
  let qCol = -1;
  header.forEach((c, i) => {
    if (QUADRANT_HEADERS.has(normalizeHeader(headerText(c)))) qCol = i;
  });
  const mapping = suggestMapping(header);
  const idCol = mapping.client_id?.[0];
  const nameCol = mapping.client_name?.[0];
  if (idCol === undefined && nameCol === undefined) {
    throw notUsable('has no client ID or client name column', '没有客户号或客户名称列');
  }
  const volCols = mapping.volume ?? [];

  const rect: Rect = { ...area, row: area.row + h, rows: area.rows - h };
  const table = await readRows(ctx, rect, { blockRows, signal });
  if (!table) return null;
  const records: PreviousRecord[] = [];
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    const clientId = idCol === undefined ? null : text(row[idCol]);
    const clientName = nameCol === undefined ? null : text(row[nameCol]);
    if (clientId === null && clientName === null) continue;
    const q = text(row[qCol]);
    const amounts = volCols.map((c) => row[c]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    records.push({
      clientId,
      clientName,
      quadrant: q === null ? null : (QUADRANT_BY_TEXT.get(normalizeHeader(q)) ?? null),
      volume: amounts.length ? amounts.reduce((a, b) => a + b, 0) : null,
    });
  }
  return { source: sheetName, records };
}
