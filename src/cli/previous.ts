/**
 * Last period's results (--previous, and the chaining of a batch): the quadrant of each client
 * from last period's annotated file (or its --format json result), for the domain to match by
 * client ID, else by name; and, for --reuse-cuts, the cut values last period used (from the
 * annotated workbook's summary sheet, or the json result's "cuts"). Reading the table itself is
 * the domain's (previousRecords), shared with the add-in.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import {
  cutsFromSummary,
  isAnalysisError,
  isQuadrantHeader,
  labels,
  normalizeHeader,
  previousRecords,
  quadrantOfText,
  resolveMapping,
  suggestMapping,
  type Cell,
  type ColumnMapping,
  type PreviousPeriod,
  type PreviousRecord,
  type SavedCuts,
} from '../domain';
import { inputError } from './errors';
import type { RunConfig } from './loadConfig';
import { readBytes, readInput } from './readInput';
import { decodeText } from './readCsv';
import { readUsed } from './readXlsx';

export { previousFromResult } from '../domain';

export interface PreviousInput {
  period: PreviousPeriod;
  /** The cut values last period used; null when the file does not say (a CSV, a json without cuts). */
  cuts: SavedCuts | null;
}

function columnsOf(header: Cell[], run: RunConfig): ColumnMapping {
  if (run.config.map || run.overrides) {
    try {
      return resolveMapping(header, run.config.map, run.overrides).columns;
    } catch (e) {
      // Last period's file may lack a column this period maps; fall back to the auto-mapping.
      if (!isAnalysisError(e)) throw e;
    }
  }
  return suggestMapping(header);
}

const finiteOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

async function fromJson(file: string, abs: string): Promise<PreviousInput> {
  const { text: content } = decodeText(await readBytes(abs, file));
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw inputError('previousBadJson', { file });
  }
  const result = parsed as { rows?: unknown; cuts?: { share?: { value?: unknown }; loyalty?: { value?: unknown } } } | null;
  const rows = result?.rows;
  if (!Array.isArray(rows)) throw inputError('previousBadJson', { file });
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const records: PreviousRecord[] = rows.map((r: Record<string, unknown>) => ({
    clientId: str(r?.clientId),
    clientName: str(r?.clientName),
    quadrant: typeof r?.quadrant === 'string' ? quadrantOfText(r.quadrant) : null,
    volume: typeof r?.volume === 'number' ? r.volume : null,
  }));
  const cuts = result?.cuts ? { share: finiteOrNull(result.cuts.share?.value), loyalty: finiteOrNull(result.cuts.loyalty?.value) } : null;
  return { period: { source: path.basename(abs), records }, cuts };
}

const SUMMARY_NAMES = new Set(Object.values(labels.SUMMARY_SHEET_NAME).map(normalizeHeader));

/** The cut values on the workbook's summary sheet (by its name in either language, else any sheet that has them). */
export function cutsFromWorkbook(wb: ExcelJS.Workbook): SavedCuts | null {
  const named = wb.worksheets.filter((ws) => SUMMARY_NAMES.has(normalizeHeader(ws.name)));
  for (const ws of [...named, ...wb.worksheets.filter((ws) => !named.includes(ws))]) {
    const used = readUsed(ws);
    const cuts = used ? cutsFromSummary(used.grid) : null;
    if (cuts) return cuts;
  }
  return null;
}

export async function readPrevious(file: string, cwd: string, run: RunConfig): Promise<PreviousInput> {
  const abs = path.resolve(cwd, file);
  if (path.extname(abs).toLowerCase() === '.json') return fromJson(file, abs);
  const input = await readInput(file, cwd, { acceptHeader: (h) => h.some(isQuadrantHeader), keepWorkbook: true });
  const read = previousRecords(input.table, columnsOf(input.table[0] ?? [], run));
  if (!read.ok) throw inputError(read.problem === 'NO_QUADRANT_COLUMN' ? 'previousNoQuadrant' : 'previousNoClient', { file });
  return { period: { source: path.basename(abs), records: read.records }, cuts: input.workbook ? cutsFromWorkbook(input.workbook) : null };
}
