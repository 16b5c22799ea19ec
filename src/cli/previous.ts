/**
 * Last period's results (--previous, and the chaining of a batch): the quadrant of each client
 * from last period's annotated file (or its --format json result), for the domain to match by
 * client ID, else by name.
 */
import path from 'node:path';
import {
  headerText,
  isAnalysisError,
  labels,
  normalizeHeader,
  QUADRANTS,
  resolveMapping,
  suggestMapping,
  type AnalysisResult,
  type Cell,
  type ColumnMapping,
  type PreviousPeriod,
  type PreviousRecord,
  type Quadrant,
} from '../domain';
import { inputError } from './errors';
import type { RunConfig } from './loadConfig';
import { readBytes, readInput } from './readInput';
import { decodeText } from './readCsv';

const QUADRANT_HEADERS = new Set(Object.values(labels.OUTPUT_HEADERS.quadrant).map(normalizeHeader));

/** Quadrant code or label (either language) -> code. */
const QUADRANT_BY_TEXT = new Map<string, Quadrant>();
for (const q of QUADRANTS) {
  QUADRANT_BY_TEXT.set(normalizeHeader(q), q);
  for (const label of Object.values(labels.QUADRANT_LABELS[q])) QUADRANT_BY_TEXT.set(normalizeHeader(label), q);
}

export function quadrantOf(cell: Cell): Quadrant | null {
  const text = headerText(cell);
  return text === '' ? null : (QUADRANT_BY_TEXT.get(normalizeHeader(text)) ?? null);
}

const isQuadrantHeader = (c: Cell) => QUADRANT_HEADERS.has(normalizeHeader(headerText(c)));

function text(cell: Cell): string | null {
  const t = headerText(cell);
  return t === '' ? null : t;
}

/** A volume as last period's file shows it; plain numbers and "1,234.5" texts, else missing. */
function amount(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const s = cell.trim().replace(/,/g, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The records of this period's result, as the next period's previous period (batch runs). */
export function previousFromResult(result: AnalysisResult, source: string): PreviousPeriod {
  return {
    source,
    records: result.rows.map((r) => ({ clientId: r.clientId, clientName: r.clientName, quadrant: r.quadrant, volume: r.volume })),
  };
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

async function fromJson(file: string, abs: string): Promise<PreviousPeriod> {
  const { text: content } = decodeText(await readBytes(abs, file));
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw inputError('previousBadJson', { file });
  }
  const rows = (parsed as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw inputError('previousBadJson', { file });
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const records: PreviousRecord[] = rows.map((r: Record<string, unknown>) => ({
    clientId: str(r?.clientId),
    clientName: str(r?.clientName),
    quadrant: typeof r?.quadrant === 'string' ? quadrantOf(r.quadrant) : null,
    volume: typeof r?.volume === 'number' ? r.volume : null,
  }));
  return { source: path.basename(abs), records };
}

export async function readPrevious(file: string, cwd: string, run: RunConfig): Promise<PreviousPeriod> {
  const abs = path.resolve(cwd, file);
  if (path.extname(abs).toLowerCase() === '.json') return fromJson(file, abs);
  const input = await readInput(file, cwd, { acceptHeader: (h) => h.some(isQuadrantHeader) });
  const [header, ...rows] = input.table;
  // The output columns sit right of the user's table, so the last "Quadrant" column is ours.
  const qCol = header.map((c, i) => (isQuadrantHeader(c) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
  if (qCol < 0) throw inputError('previousNoQuadrant', { file });
  const cols = columnsOf(header, run);
  const idCol = cols.client_id?.[0];
  const nameCol = cols.client_name?.[0];
  if (idCol === undefined && nameCol === undefined) throw inputError('previousNoClient', { file });
  const volCols = cols.volume ?? [];
  const records: PreviousRecord[] = [];
  for (const row of rows) {
    const clientId = idCol === undefined ? null : text(row[idCol]);
    const clientName = nameCol === undefined ? null : text(row[nameCol]);
    if (clientId === null && clientName === null) continue;
    const amounts = volCols.map((c) => amount(row[c])).filter((v): v is number => v !== null);
    records.push({
      clientId,
      clientName,
      quadrant: quadrantOf(row[qCol]),
      volume: amounts.length ? amounts.reduce((a, b) => a + b, 0) : null,
    });
  }
  return { source: path.basename(abs), records };
}
