/**
 * A result's rows as typed arrays and codes, for a worker thread (csvTails.ts, jsonRows.ts):
 * copying a million row objects to a thread costs more than the work it would take over, while
 * typed arrays copy at once. rowDecoder makes a row again with every field the outputs read
 * (outputCellMaker, rowJson); the flag hits keep only their codes, and the stage reason is not
 * kept (neither is written by them).
 */
import * as domain from '../domain';
import { flagsOfKey, packTexts, shareOf, unpackTexts, type FlagCode, type PackedTexts, type ResultColumns, type RowIssue, type RowResult } from '../domain';

// Module-local copies of the label lists read for every row: through the domain's index each read
// is a getter call (CommonJS re-exports).
const QUADRANTS = domain.QUADRANTS;
const STAGES = domain.STAGES;
const RISKS = domain.RISKS;
const CHURN_TYPES = domain.CHURN_TYPES;

export interface RowCodes {
  /** The index (among all the rows) of the first row coded: only the later rows are coded (see laterFrom). */
  first: number;
  /** Rows coded. */
  rows: number;
  /** 1 where there is a row (a skipped empty data row has none). */
  present: Uint8Array;
  row: Int32Array;
  volume: Float64Array;
  share: Float64Array;
  loyalty: Float64Array;
  priority: Float64Array;
  /** Bit 0: volume, 1: share, 2: loyalty, 3: priority is not null. */
  has: Uint8Array;
  /** Indexes in QUADRANTS, STAGES, RISKS; churn type and previous quadrant 1 + index, 0 for none. */
  quadrant: Uint8Array;
  stage: Uint8Array;
  risk: Uint8Array;
  churn: Uint8Array;
  previous: Uint8Array;
  /** Index in flagLists of each row's flags. */
  flags: Uint16Array;
  flagLists: FlagCode[][];
  /** [index, its issues] for the rows with any. */
  issues: [number, RowIssue[]][];
  /** The client ids and names packed (packTexts); null when not asked for. */
  texts: { ids: PackedTexts; names: PackedTexts } | null;
}

// Plain objects: a property read by a label is quicker than a Map lookup (a million rows).
const indexOf = <T extends string>(list: readonly T[]) => Object.fromEntries(list.map((x, i) => [x, i])) as Record<T, number>;
/** Each label's index in QUADRANTS, STAGES, RISKS, CHURN_TYPES. */
export const QUADRANT_AT = indexOf(QUADRANTS);
export const STAGE_AT = indexOf(STAGES);
export const RISK_AT = indexOf(RISKS);
export const CHURN_AT = indexOf(CHURN_TYPES);

/**
 * Where the coded rows begin, a whole block in: a worker working back from the last row meets this
 * thread about half way, so the first third of the rows need no codes (coding them cost this
 * thread most of a second a million rows).
 */
export function laterFrom(rows: number, block: number): number {
  return Math.floor((rows * 0.35) / block) * block;
}

/**
 * The rows from index `first` on (undefined: none at that index) as codes; `withTexts` keeps the
 * ids and names. Null if they cannot be coded.
 */
export function encodeRows(all: readonly (RowResult | undefined)[], withTexts: boolean, first = 0): RowCodes | null {
  const list = first === 0 ? all : all.slice(first);
  const n = list.length;
  const flagIds = new Map<readonly FlagCode[], number>();
  const c = emptyCodes(first, n);
  const flagLists = c.flagLists;
  for (let j = 0; j < n; j++) {
    const r = list[j];
    if (!r) continue;
    c.present[j] = 1;
    c.row[j] = r.row;
    let has = 0;
    if (r.volume !== null) {
      c.volume[j] = r.volume;
      has |= 1;
    }
    if (r.share !== null) {
      c.share[j] = r.share;
      has |= 2;
    }
    if (r.loyalty !== null) {
      c.loyalty[j] = r.loyalty;
      has |= 4;
    }
    if (r.priority !== null) {
      c.priority[j] = r.priority;
      has |= 8;
    }
    c.has[j] = has;
    c.quadrant[j] = QUADRANT_AT[r.quadrant];
    c.stage[j] = STAGE_AT[r.stage];
    c.risk[j] = RISK_AT[r.risk];
    c.churn[j] = r.churnType === null ? 0 : 1 + (CHURN_AT[r.churnType]);
    c.previous[j] = r.previousQuadrant === null ? 0 : 1 + (QUADRANT_AT[r.previousQuadrant]);
    // The flag lists are shared among rows (one per combination): known by identity.
    let id = flagIds.get(r.flags);
    if (id === undefined) {
      if (flagLists.length >= 0xffff) return null;
      flagIds.set(r.flags, (id = flagLists.length));
      flagLists.push(r.flags.slice());
    }
    c.flags[j] = id;
    if (r.issues.length) c.issues.push([j, r.issues]);
  }
  if (withTexts) {
    c.texts = {
      ids: packTexts(list.map((r) => r?.clientId ?? null)),
      names: packTexts(list.map((r) => r?.clientName ?? null)),
    };
  }
  return c;
}

/** Empty codes for `n` rows from `first` (every row absent until filled). */
function emptyCodes(first: number, n: number): RowCodes {
  return {
    first,
    rows: n,
    present: new Uint8Array(n),
    row: new Int32Array(n),
    volume: new Float64Array(n),
    share: new Float64Array(n),
    loyalty: new Float64Array(n),
    priority: new Float64Array(n),
    has: new Uint8Array(n),
    quadrant: new Uint8Array(n),
    stage: new Uint8Array(n),
    risk: new Uint8Array(n),
    churn: new Uint8Array(n),
    previous: new Uint8Array(n),
    flags: new Uint16Array(n),
    flagLists: [],
    issues: [],
    texts: null,
  };
}

/**
 * encodeRows from a lazy result's columns (resultColumns), its records never made: the same codes.
 * Indexed as the result's rows, or with `dataRows` as the data rows (a skipped empty row absent,
 * as encodeRows of rowsByDataRow's array). From index `first` on; null if they cannot be coded.
 */
export function columnCodes(cols: ResultColumns, withTexts: boolean, first = 0, dataRows?: number): RowCodes | null {
  const size = dataRows ?? cols.n;
  const n = Math.max(0, size - first);
  const c = emptyCodes(first, n);
  const { row, volume, total, loyalty, priority, quadrant, stage, risk, churn, previous, flagKey, issues } = cols;
  const flagIds = new Map<number, number>();
  const ids = withTexts ? new Array<string | null>(n).fill(null) : null;
  const names = withTexts ? new Array<string | null>(n).fill(null) : null;
  for (let i = 0; i < cols.n; i++) {
    const number = row ? row[i] : i + 1;
    const j = (dataRows === undefined ? i : number - 1) - first;
    if (j < 0 || j >= n) continue;
    c.present[j] = 1;
    c.row[j] = number;
    let has = 0;
    const v = volume[i];
    if (!Number.isNaN(v)) {
      c.volume[j] = v;
      c.share[j] = shareOf(v, total) as number;
      has |= 3;
    }
    const l = loyalty[i];
    if (!Number.isNaN(l)) {
      c.loyalty[j] = l;
      has |= 4;
    }
    if (priority[i] !== 0) {
      c.priority[j] = priority[i];
      has |= 8;
    }
    c.has[j] = has;
    c.quadrant[j] = quadrant[i];
    c.stage[j] = stage[i];
    c.risk[j] = risk[i];
    c.churn[j] = churn[i];
    c.previous[j] = previous ? previous[i] : 0;
    const key = flagKey[i];
    let id = flagIds.get(key);
    if (id === undefined) {
      if (c.flagLists.length >= 0xffff) return null;
      flagIds.set(key, (id = c.flagLists.length));
      c.flagLists.push(flagsOfKey(key).slice());
    }
    c.flags[j] = id;
    const list = issues?.[i];
    if (list && list.length) c.issues.push([j, list]);
    if (ids && names) {
      ids[j] = cols.clientId ? cols.clientId[i] : null;
      names[j] = cols.clientName ? cols.clientName[i] : null;
    }
  }
  if (ids && names) c.texts = { ids: packTexts(ids), names: packTexts(names) };
  return c;
}

/**
 * The codes from index `from` (of the codes' own rows) on, as codes of their own: copies of the
 * arrays (to hand to a thread while these are still read here).
 */
export function laterCodes(c: RowCodes, from: number): RowCodes {
  const pick = <T extends { slice(a: number): T }>(a: T) => a.slice(from);
  return {
    first: c.first + from,
    rows: Math.max(0, c.rows - from),
    present: pick(c.present),
    row: pick(c.row),
    volume: pick(c.volume),
    share: pick(c.share),
    loyalty: pick(c.loyalty),
    priority: pick(c.priority),
    has: pick(c.has),
    quadrant: pick(c.quadrant),
    stage: pick(c.stage),
    risk: pick(c.risk),
    churn: pick(c.churn),
    previous: pick(c.previous),
    flags: pick(c.flags),
    flagLists: c.flagLists,
    issues: c.issues.filter(([j]) => j >= from).map(([j, list]) => [j - from, list]),
    texts: c.texts ? { ids: laterTexts(c.texts.ids, from), names: laterTexts(c.texts.names, from) } : null,
  };
}

/** Packed texts from index `from` on. */
function laterTexts(p: PackedTexts, from: number): PackedTexts {
  let at = 0;
  for (let i = 0; i < from && i < p.lengths.length; i++) if (p.lengths[i] > 0) at += p.lengths[i];
  return { joined: p.joined.slice(at), lengths: p.lengths.slice(from) };
}

/** The typed arrays of the codes (handed to a thread rather than copied). */
export function transferables(c: RowCodes): ArrayBuffer[] {
  const arrays = [c.present, c.row, c.volume, c.share, c.loyalty, c.priority, c.has, c.quadrant, c.stage, c.risk, c.churn, c.previous, c.flags];
  if (c.texts) arrays.push(c.texts.ids.lengths, c.texts.names.lengths);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** Makes the rows again (see the module's note), one at a time by index among the coded rows. */
export function rowDecoder(c: RowCodes): (j: number) => RowResult | undefined {
  const issues = new Map(c.issues);
  const hits = c.flagLists.map((codes) => codes.map((code) => ({ code, severity: 'HIGH', value: null }))) as unknown as RowResult['flagHits'][];
  const NO_ISSUES: RowIssue[] = [];
  const STAGE_REASON = { kind: 'UNKNOWN' } as unknown as RowResult['stageReason'];
  const unpacked = (p: PackedTexts) => {
    const texts = new Array<string | null>(c.rows);
    unpackTexts(p, texts, 0);
    return texts;
  };
  const ids = c.texts ? unpacked(c.texts.ids) : null;
  const names = c.texts ? unpacked(c.texts.names) : null;
  return (j) => {
    if (!c.present[j]) return undefined;
    const has = c.has[j];
    const previous = c.previous[j];
    const churn = c.churn[j];
    return {
      row: c.row[j],
      clientId: ids ? ids[j] : null,
      clientName: names ? names[j] : null,
      volume: has & 1 ? c.volume[j] : null,
      share: has & 2 ? c.share[j] : null,
      loyalty: has & 4 ? c.loyalty[j] : null,
      quadrant: QUADRANTS[c.quadrant[j]],
      stage: STAGES[c.stage[j]],
      risk: RISKS[c.risk[j]],
      flags: c.flagLists[c.flags[j]],
      churnType: churn === 0 ? null : CHURN_TYPES[churn - 1],
      priority: has & 8 ? c.priority[j] : null,
      previousQuadrant: previous === 0 ? null : QUADRANTS[previous - 1],
      issues: issues.get(j) ?? NO_ISSUES,
      flagHits: hits[c.flags[j]],
      stageReason: STAGE_REASON,
    };
  };
}
