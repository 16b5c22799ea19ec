/**
 * Last period's results read back from what Portfolio Matrix wrote (§11, monthly refresh): the
 * annotated table (a sheet of the workbook, an .xlsx or .csv written by the command line) and the
 * summary sheet's cut points. Both shells — the Excel adapter and the command line — read last
 * period the same way through these functions.
 *
 * - The quadrant is the add-in's own output column ("客户象限 / Quadrant"); when several carry that
 *   header, the last one is ours (the output sits right of the user's table). Its cells hold a
 *   quadrant label in either language, or the code.
 * - Clients are identified by the client ID and name columns the auto-mapping finds (or the
 *   caller's mapping), so matching follows the same synonyms as the analysis.
 */
import { headerText, normalizeHeader, suggestMapping, type ColumnMapping } from './autoMap';
import { CUT_AXIS_LABELS, FIELD_LABELS, GONE_CLIENT, MORE_CLIENTS, NEW_AND_GONE, NEW_CLIENT, OUTPUT_HEADERS, QUADRANT_LABELS } from './i18n/labels';
import { QUADRANTS, type AnalysisResult, type Cell, type Locale, type PreviousMatch, type PreviousPeriod, type PreviousRecord, type Quadrant } from './types';

type Row = readonly Cell[];

const QUADRANT_HEADERS = new Set(Object.values(OUTPUT_HEADERS.quadrant).map(normalizeHeader));

const QUADRANT_BY_TEXT = new Map<string, Quadrant>();
for (const q of QUADRANTS) {
  QUADRANT_BY_TEXT.set(normalizeHeader(q), q);
  for (const label of Object.values(QUADRANT_LABELS[q])) QUADRANT_BY_TEXT.set(normalizeHeader(label), q);
}

/** True for the header of the add-in's quadrant column, in either language. */
export function isQuadrantHeader(cell: Cell): boolean {
  return QUADRANT_HEADERS.has(normalizeHeader(headerText(cell)));
}

/** A quadrant label (either language) or code -> the code; anything else -> null. */
export function quadrantOfText(cell: Cell): Quadrant | null {
  const text = headerText(cell);
  return text === '' ? null : (QUADRANT_BY_TEXT.get(normalizeHeader(text)) ?? null);
}

/**
 * The index of the header row among the first `searchRows` rows: the first that holds a quadrant
 * header (a title above the table is allowed); -1 when none does.
 */
export function findPreviousHeaderRow(rows: readonly Row[], searchRows = 10): number {
  const n = Math.min(searchRows, rows.length);
  for (let r = 0; r < n; r++) if (rows[r].some(isQuadrantHeader)) return r;
  return -1;
}

export type PreviousTableProblem = 'NO_QUADRANT_COLUMN' | 'NO_CLIENT_COLUMN';

export type PreviousTableResult = { ok: true; records: PreviousRecord[] } | { ok: false; problem: PreviousTableProblem };

const textOf = (cell: Cell | undefined): string | null => {
  const t = headerText(cell ?? null);
  return t === '' ? null : t;
};

/** A volume as last period's table shows it: a number, or a "1,234.5" text; else missing. */
function amountOf(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const s = cell.trim().replace(/,/g, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * Last period's records from its annotated table (header row first). `columns` is the caller's
 * mapping of the header (e.g. the command line's --map); by default the auto-mapping. Rows with
 * neither a client ID nor a name are left out (they cannot be matched).
 */
export function previousRecords(table: readonly Row[], columns?: ColumnMapping): PreviousTableResult {
  const header = table[0] ?? [];
  let qCol = -1;
  header.forEach((c, i) => {
    if (isQuadrantHeader(c)) qCol = i;
  });
  if (qCol < 0) return { ok: false, problem: 'NO_QUADRANT_COLUMN' };
  const cols = columns ?? suggestMapping(header);
  const idCol = cols.client_id?.[0];
  const nameCol = cols.client_name?.[0];
  if (idCol === undefined && nameCol === undefined) return { ok: false, problem: 'NO_CLIENT_COLUMN' };
  const volCols = cols.volume ?? [];
  const records: PreviousRecord[] = [];
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    const clientId = idCol === undefined ? null : textOf(row[idCol]);
    const clientName = nameCol === undefined ? null : textOf(row[nameCol]);
    if (clientId === null && clientName === null) continue;
    let volume: number | null = null;
    for (const c of volCols) {
      const v = amountOf(row[c]);
      if (v !== null) volume = (volume ?? 0) + v;
    }
    records.push({ clientId, clientName, quadrant: quadrantOfText(row[qCol]), volume });
  }
  return { ok: true, records };
}

/** This period's result as the next period's previous period (batch runs, the next month's run). */
export function previousFromResult(result: AnalysisResult, source: string): PreviousPeriod {
  return {
    source,
    records: result.rows.map((r) => ({ clientId: r.clientId, clientName: r.clientName, quadrant: r.quadrant, volume: r.volume })),
  };
}

export interface SavedCuts {
  /** The share cut as a fraction, or null when last period had none. */
  share: number | null;
  loyalty: number | null;
}

const AXIS_BY_TEXT = new Map<string, keyof SavedCuts>();
for (const axis of ['share', 'loyalty'] as const) {
  for (const label of Object.values(CUT_AXIS_LABELS[axis])) AXIS_BY_TEXT.set(normalizeHeader(label), axis);
}

/**
 * The cut values on a summary sheet (its used cells, row by row): the first row whose first
 * non-empty cell names an axis, and the first number after it. Null when the sheet names neither
 * axis (it is not a Portfolio Matrix summary).
 */
export function cutsFromSummary(rows: readonly Row[]): SavedCuts | null {
  const out: Partial<Record<keyof SavedCuts, number | null>> = {};
  for (const row of rows) {
    const first = row.findIndex((c) => textOf(c) !== null);
    if (first < 0) continue;
    const axis = AXIS_BY_TEXT.get(normalizeHeader(headerText(row[first])));
    if (!axis || axis in out) continue;
    let value: number | null = null;
    for (let c = first + 1; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number' && Number.isFinite(v)) {
        value = v;
        break;
      }
    }
    out[axis] = value;
    if ('share' in out && 'loyalty' in out) break;
  }
  if (!('share' in out) && !('loyalty' in out)) return null;
  return { share: out.share ?? null, loyalty: out.loyalty ?? null };
}

/** The configuration's cut modes with last period's values frozen in as `fixed` cuts (§6, §11). */
export function frozenCutModes(cuts: SavedCuts): { shareCut?: string; loyaltyCut?: string } {
  return {
    ...(cuts.share !== null ? { shareCut: `fixed:${cuts.share}` } : {}),
    ...(cuts.loyalty !== null ? { loyaltyCut: `fixed:${cuts.loyalty}` } : {}),
  };
}

/** At most this many clients of each kind are listed (the counts are always complete). */
export const MOVED_LIST_CAP = 500;

/**
 * The clients new this period and gone since the last, as rows for a summary sheet: a header
 * (kind, client ID, client name, last period's quadrant), then one row per client, new ones first;
 * each list is capped at `cap` with a "… and N more" row.
 */
export function newAndGoneRows(match: PreviousMatch, locale: Locale, cap = MOVED_LIST_CAP): string[][] {
  const rows: string[][] = [[NEW_AND_GONE[locale], FIELD_LABELS.client_id[locale], FIELD_LABELS.client_name[locale], OUTPUT_HEADERS.previousQuadrant[locale]]];
  const list = (kind: string, clients: readonly { clientId: string | null; clientName: string | null; quadrant?: Quadrant | null }[]) => {
    for (const c of clients.slice(0, cap)) {
      rows.push([kind, c.clientId ?? '', c.clientName ?? '', c.quadrant ? QUADRANT_LABELS[c.quadrant][locale] : '']);
    }
    if (clients.length > cap) rows.push([kind, MORE_CLIENTS[locale](clients.length - cap), '', '']);
  };
  list(NEW_CLIENT[locale], match.appeared);
  list(GONE_CLIENT[locale], match.disappeared);
  return rows;
}
