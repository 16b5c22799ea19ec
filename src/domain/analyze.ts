/** The analysis of analysis.md §4–§13: a table and a configuration in, the result out. */
import { parseCutMode, type CutMode } from './config';
import type { NumberColumn } from './column';
import { cutValue } from './cuts';
import { AnalysisError } from './errors';
import { distinctValues, type Distinct } from './distinct';
import { churnCode as churnCodeOf, collectFlags, flagKeyOf, flagList, flagListOfKey as flagsForKey, flagScratch, hitList, NO_FLAGS, riskIndex, type FlagInputs } from './exitFlags';
import { decideStage, type StageDecision } from './lifecycle';
import { componentRanks, weightedLoyalty, type ComponentRanks } from './loyalty';
import { resolveMapping, type ResolvedMapping } from './mapping';
import { addIssue, columnsBuilder, STATUS_CLOSED, STATUS_PROSPECT, type Columns, type ColumnsBuilder } from './readColumns';
import { gradeOrdinal } from './values/parseRating';
import { formatDay, parseDateText } from './values/parseDate';
import {
  CHURN_TYPES,
  COMPONENTS,
  QUADRANTS,
  RISKS,
  STAGES,
  type AnalysisConfig,
  type AnalysisResult,
  type AnalyzeOptions,
  type Component,
  type ChurnType,
  type Field,
  type FlagCode,
  type IssueCode,
  type PreviousMatch,
  type Quadrant,
  type RowIssue,
  type Risk,
  type RowResult,
  type RuleOff,
  type Stage,
  type Summary,
  type Table,
} from './types';

// Shared (frozen) empty lists keep a million clean rows from allocating two arrays each.
const NO_ISSUES = Object.freeze([]) as unknown as RowIssue[];
const DAYS_PER_YEAR = 365.25;
const Q_LOYAL = 0;
const Q_PROBLEM_1 = 1;
const Q_PROBLEM_2 = 2;
const Q_GENERAL = 3;
const Q_INSUFFICIENT = 4;
const QUADRANT_CODE = Object.fromEntries(QUADRANTS.map((q, i) => [q, i])) as Record<Quadrant, number>;
const TERMINATED = STAGES.indexOf('TERMINATED');
// Module-local references to the imported tables, codes and functions used for every row:
// compiled to CommonJS (tsx, jest), an imported binding is a property read through a getter on
// every use, which the optimiser does not always fold away (the row loop ran ~20% slower).
const QUADRANT_OF: readonly Quadrant[] = QUADRANTS.slice();
const STAGE_OF: readonly Stage[] = STAGES.slice();
const RISK_OF: readonly Risk[] = RISKS.slice();
const CHURN_OF: readonly ChurnType[] = CHURN_TYPES.slice();
const CLOSED = STATUS_CLOSED;
const PROSPECT = STATUS_PROSPECT;
const NO_FLAG_CODES = NO_FLAGS;
const decide = decideStage;
const collect = collectFlags;
const riskOf = riskIndex;
const hitsOf = hitList;
const flagsOf = flagList;
const churnOf = churnCodeOf;
/** Priority order of each risk code (9: not ranked). */
const RISK_ORDER = Uint8Array.from(RISKS, (r) => (r === 'HIGH' ? 0 : r === 'MEDIUM' ? 1 : r === 'LOW' ? 2 : 9));

function mode(text: string, axis: 'share' | 'loyalty'): CutMode {
  const m = parseCutMode(text, axis);
  if ('problemEn' in m) throw new AnalysisError('BAD_CONFIG', { key: axis === 'share' ? 'shareCut' : 'loyaltyCut', ...m });
  return m;
}

/**
 * The `count` valid values of a column, compacted: a cut's population. With `shareOf` (T), the
 * column holds volumes and the population is their shares.
 */
function population(column: NumberColumn, count: number, shareOf: number | null): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0, j = 0; j < count; i++) {
    const v = column[i];
    if (!Number.isNaN(v)) out[j++] = shareOf === null ? v : shareOfTotal(v, shareOf);
  }
  return out;
}

/** A volume's share of T (§4): 0 for every row when T = 0. */
const shareOfTotal = (volume: number, total: number) => (total === 0 ? 0 : volume / total);

/**
 * Analyses a table (header row + data rows, Excel `range.values` shape).
 * `overrides` are per-field mapping overrides (the CLI's --map) applied on top of auto-mapping
 * when config.map is not given. Throws only AnalysisError (table-level problems, bad config).
 */
export function analyze(
  table: Table,
  config: AnalysisConfig,
  options: AnalyzeOptions,
  overrides?: Partial<Record<Field, string | string[]>>,
): AnalysisResult {
  const dataRows = Math.max(0, table.length - 1);
  const run = startAnalysis(table[0], config, options, overrides, dataRows);
  run.add(table.slice(1), dataRows);
  return run.finish(dataRows);
}

/** An analysis whose data rows are given a block at a time (see columnsBuilder). */
export interface AnalysisRun {
  mapping: ResolvedMapping;
  add: ColumnsBuilder['add'];
  /** The rows added so far, as data another run of the same header and configuration can absorb. */
  part: ColumnsBuilder['part'];
  /** Another run's part (see part), as the next data rows. */
  absorb: ColumnsBuilder['absorb'];
  /**
   * The result, once all `dataRows` data rows were added. With `lazyRows`, its rows' records are
   * made only when `rows` is first read; until then resultColumns(result) has them as columns
   * (an output that writes the rows one at a time need not make a million records).
   */
  finish(dataRows: number, lazyRows?: boolean): AnalysisResult;
}

/**
 * analyze() for a table read in blocks (a million-row file need not be held at once): the
 * header row is known first; `capacity` is at least the number of non-empty data rows to come.
 * Configuration and mapping problems are thrown here, before any row is read.
 */
export function startAnalysis(
  header: Table[number] | undefined,
  config: AnalysisConfig,
  options: AnalyzeOptions,
  overrides: Partial<Record<Field, string | string[]>> | undefined,
  capacity: number,
  /** Number columns as Float64Array: for a table streamed in, not held in memory (column.ts). */
  typedColumns = false,
): AnalysisRun {
  const shareMode = mode(config.shareCut, 'share');
  const loyaltyMode = mode(config.loyaltyCut, 'loyalty');
  const t = config.thresholds;
  const ratingFloor = gradeOrdinal(t.ratingFloor);
  if (ratingFloor === undefined) {
    throw new AnalysisError('BAD_CONFIG', {
      key: 'thresholds.ratingFloor',
      problemEn: 'must be a rating such as B or BB-',
      problemZh: '必须是评级，如 B 或 BB-',
    });
  }
  const mapping = resolveMapping(header, config.map, overrides);
  const builder = columnsBuilder(header ?? [], mapping, capacity, options.date1904 === true, typedColumns);
  return {
    mapping,
    add: builder.add,
    part: builder.part,
    absorb: builder.absorb,
    finish: (dataRows, lazyRows = false) =>
      analyzeColumns(builder.finish(dataRows), mapping, config, options, shareMode, loyaltyMode, ratingFloor, lazyRows),
  };
}

/**
 * A result's rows as columns, one entry per row of `rows` (in its order), for an output that
 * writes them one at a time (the command line's CSV and JSON): the same values the records hold,
 * without a million records made. Read-only: the result's own columns.
 */
export interface ResultColumns {
  n: number;
  /** Each row's `row` (1-based among the data rows); null: row i is data row i + 1. */
  row: readonly number[] | null;
  clientId: readonly (string | null)[] | null;
  clientName: readonly (string | null)[] | null;
  /** The volume, NaN where it is null; the share is shareOf(volume). */
  volume: ArrayLike<number>;
  /** The total volume T (§4). */
  total: number;
  /** The loyalty score, NaN where it is null. */
  loyalty: ArrayLike<number>;
  /** Indexes in QUADRANTS, STAGES and RISKS. */
  quadrant: Uint8Array;
  stage: Uint8Array;
  risk: Uint8Array;
  /** 0: no churn type, else 1 + its index in CHURN_TYPES. */
  churn: Uint8Array;
  /** 0: no previous quadrant, else 1 + its index in QUADRANTS; null: none at all. */
  previous: Uint8Array | null;
  /** The key of the row's flag list (flagsOfKey), 0 for none. */
  flagKey: Int32Array;
  /** The priority, 0 where it is null. */
  priority: Int32Array;
  /** Each row's issues (undefined: none); null when no row has any. */
  issues: readonly (RowIssue[] | undefined)[] | null;
}

const COLUMNS = new WeakMap<AnalysisResult, ResultColumns>();

/** The columns of a result finished with lazyRows whose rows have not been read; else null. */
export function resultColumns(result: AnalysisResult): ResultColumns | null {
  return COLUMNS.get(result) ?? null;
}

/** A row's share of the total volume T, as its record has it (volume NaN: none). */
export function shareOf(volume: number, total: number): number | null {
  return Number.isNaN(volume) ? null : shareOfTotal(volume, total);
}

/** A row's flags from its flag key (ResultColumns.flagKey): the list its record holds. */
export function flagsOfKey(key: number): FlagCode[] {
  return key === 0 ? NO_FLAG_CODES : flagsForKey(key);
}

/**
 * `rows` of the result made by `make` when first read (then it is a plain property again, and
 * the columns are dropped: the records hold the values).
 */
function lazy(result: AnalysisResult, make: () => RowResult[]): void {
  const settle = (rows: RowResult[]) => {
    COLUMNS.delete(result);
    Object.defineProperty(result, 'rows', { value: rows, writable: true, enumerable: true, configurable: true });
    return rows;
  };
  Object.defineProperty(result, 'rows', {
    enumerable: true,
    configurable: true,
    get: () => settle(make()),
    set: settle,
  });
}

function analyzeColumns(
  cols: Columns,
  mapping: ResolvedMapping,
  config: AnalysisConfig,
  options: AnalyzeOptions,
  shareMode: CutMode,
  loyaltyMode: CutMode,
  ratingFloor: number,
  lazyRows: boolean,
): AnalysisResult {
  const t = config.thresholds;
  const { n, numbers, issues } = cols;
  // Unmapped fields read as one shared column of missing values (never written to).
  let missing: NumberColumn | null = null;
  const col = (f: Field) => numbers[f] ?? (missing ??= cols.newColumn());

  // As-of date (§8): configured, else the latest date in the data, else today.
  let asOf: number;
  let asOfSource: AnalysisResult['asOfSource'];
  const configured = config.asOf ? parseDateText(config.asOf) : null;
  if (configured !== null) {
    asOf = configured;
    asOfSource = 'config';
  } else {
    let latest = -Infinity;
    for (const f of ['last_txn_date', 'last_contact_date', 'open_date'] as const) {
      const d = cols.latestDate[f];
      if (d !== undefined && d > latest) latest = d;
    }
    if (Number.isFinite(latest)) {
      asOf = latest;
      asOfSource = 'data';
    } else {
      asOf = parseDateText(options.today) ?? 0;
      asOfSource = 'today';
    }
  }

  // Volume and share (§4).
  const volume = col('volume');
  const volumeColumn = mapping.headers.volume?.[0] ?? null;
  let total = 0;
  let withVolume = 0;
  for (let i = 0; i < n; i++) {
    const v = volume[i];
    if (Number.isNaN(v)) {
      addIssue(issues, i, 'MISSING_VOLUME', 'volume', volumeColumn, null);
    } else if (v < 0) {
      addIssue(issues, i, 'NEGATIVE_VOLUME', 'volume', volumeColumn, v);
      volume[i] = NaN;
    } else {
      total += v;
      withVolume++;
    }
  }
  // A row's share is volume / T, computed where needed (the same division gives the same
  // double every time): no column of a million shares.
  // The distinct volumes, counted: the pareto cut and the priority order both walk them.
  const volumes = distinctValues(volume);

  // Tenure (§5): tenure_years when mapped, else from open_date.
  let tenure: NumberColumn;
  if (numbers.tenure_years) tenure = numbers.tenure_years;
  else if (!numbers.open_date) tenure = col('tenure_years');
  else {
    tenure = cols.newColumn();
    const open = numbers.open_date;
    const column = mapping.headers.open_date?.[0] ?? null;
    for (let i = 0; i < n; i++) {
      const d = open[i];
      if (Number.isNaN(d)) continue;
      if (d > asOf) addIssue(issues, i, 'FUTURE_DATE', 'open_date', column, formatDay(d));
      else tenure[i] = (asOf - d) / DAYS_PER_YEAR;
    }
  }

  // Loyalty (§5).
  let loyalty: NumberColumn;
  const components: Component[] = [];
  const weights: Partial<Record<Component, number>> = {};
  const loyaltySource = numbers.loyalty_score ? 'score' : 'components';
  if (numbers.loyalty_score) {
    loyalty = numbers.loyalty_score;
  } else {
    const sources: Record<Component, NumberColumn | undefined> = {
      trust: numbers.trust,
      contact_count: numbers.contact_count,
      txn_count: numbers.txn_count,
      product_count: numbers.product_count,
      wallet_share: numbers.wallet_share,
      credit_rating: numbers.credit_rating,
      tenure: numbers.tenure_years || numbers.open_date ? tenure : undefined,
    };
    const ranks: ComponentRanks[] = [];
    for (const c of COMPONENTS) {
      const values = sources[c];
      const weight = config.weights[c] ?? 1;
      if (!values || weight <= 0 || !values.some((v) => !Number.isNaN(v))) continue;
      components.push(c);
      weights[c] = weight;
      ranks.push(componentRanks(values, weight));
    }
    // The scores take the place of the first component's column when that column serves nothing
    // else (trust, contact_count, wallet_share): one million-row column fewer.
    const first = components[0];
    const reusable = first === 'trust' || first === 'contact_count' || first === 'wallet_share';
    loyalty = weightedLoyalty(ranks, reusable ? ranks[0].values : cols.newColumn());
  }
  const loyaltyField: Field | null = numbers.loyalty_score ? 'loyalty_score' : null;
  const loyaltyColumn = mapping.headers.loyalty_score?.[0] ?? null;
  let withLoyalty = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(loyalty[i])) addIssue(issues, i, 'MISSING_LOYALTY', loyaltyField, loyaltyColumn, null);
    else withLoyalty++;
  }

  // Cuts (§6).
  const shareCut = cutValue(shareMode, withVolume, () => population(volume, withVolume, total), { volumes, total });
  const loyaltyCut = cutValue(loyaltyMode, withLoyalty, () => population(loyalty, withLoyalty, null));

  // Client ids and duplicates (§12).
  const ids = cols.texts.client_id ?? null;
  const names = cols.texts.client_name ?? null;
  if (ids && cols.idHash) {
    const repeated = repeatedRows(ids, cols.idHash);
    if (repeated) {
      const column = mapping.headers.client_id?.[0] ?? null;
      for (let i = 0; i < n; i++) if (repeated[i]) addIssue(issues, i, 'DUPLICATE_ID', 'client_id', column, ids[i]);
    }
  }

  // Previous period (§11).
  const { previous, match } = previousQuadrants(cols, options);

  // Per-row classification.
  const volumePrev = col('volume_prev');
  const txn = col('txn_count');
  const txnPrev = col('txn_count_prev');
  const products = col('product_count');
  const productsPrev = col('product_count_prev');
  const lastTxn = col('last_txn_date');
  const lastContact = col('last_contact_date');
  const complaints = col('complaint_count');
  const rating = col('credit_rating');
  const letter = cols.ratingLetter;
  const status = cols.status;
  const offer = cols.competitorOffer;
  const adverse = cols.loanAdverse;
  const exitReasonKeyword = cols.exitReasonKeyword;
  const statusKeyword = cols.statusKeyword;

  // One evidence object, refilled per row: a million rows must not allocate a million of them.
  const x: FlagInputs = {
    closed: false, prospect: false, volume: NaN, volumePrev: NaN, txn: NaN, dVol: NaN, dTxn: NaN,
    products: NaN, productsPrev: NaN, idle: NaN, tenure: NaN, complaints: NaN, sinceContact: NaN,
    highShare: false, competitorOffer: false, quadrant: 'INSUFFICIENT_DATA', previousQuadrant: null,
    loanAdverse: false, letterRating: NaN,
  };
  const scratch = flagScratch();
  const decision: StageDecision = { stage: 0, reason: { rule: 'NO_DATA', value: null } };
  // Codes of each row's quadrant, stage, risk and churn type, for the priority order, the summary
  // and (see resultColumns) the outputs that write rows one at a time.
  const quadrantCode = new Uint8Array(n);
  const stageCode = new Uint8Array(n);
  const riskCode = new Uint8Array(n);
  const churnCode = new Uint8Array(n);
  const rowNumber = cols.rowNumber;
  const issueLists = issues.lists;
  const volumePosition = volumes.position;

  /** Row i's evidence, stage, flags, risk and churn type into x, decision, scratch and the codes. */
  const classify = (i: number): void => {
    const vol = volume[i];
    const prev = volumePrev[i];
    const s = Number.isNaN(vol) ? NaN : shareOfTotal(vol, total);
    const l = loyalty[i];
    const highShare = !Number.isNaN(s) && shareCut !== null && s >= shareCut;
    const highLoyalty = !Number.isNaN(l) && loyaltyCut !== null && l >= loyaltyCut;
    const q =
      Number.isNaN(s) || Number.isNaN(l) ? Q_INSUFFICIENT : highShare ? (highLoyalty ? Q_LOYAL : Q_PROBLEM_2) : highLoyalty ? Q_PROBLEM_1 : Q_GENERAL;
    quadrantCode[i] = q;
    x.closed = status !== null && status[i] === CLOSED;
    x.prospect = status !== null && status[i] === PROSPECT;
    x.volume = vol;
    x.volumePrev = prev;
    x.txn = txn[i];
    // (v − prev) / prev rather than v / prev − 1: 80 against 100 must be exactly −20 %, at the
    // threshold (v / prev − 1 gives −0.19999999999999996 and misses it).
    x.dVol = prev > 0 && !Number.isNaN(vol) ? (vol - prev) / prev : NaN;
    x.dTxn = txnPrev[i] > 0 && !Number.isNaN(txn[i]) ? (txn[i] - txnPrev[i]) / txnPrev[i] : NaN;
    x.products = products[i];
    x.productsPrev = productsPrev[i];
    x.idle = asOf - lastTxn[i];
    x.tenure = tenure[i];
    x.complaints = complaints[i];
    x.sinceContact = asOf - lastContact[i];
    x.highShare = highShare;
    x.competitorOffer = offer !== null && offer[i] === 1;
    x.quadrant = QUADRANT_OF[q];
    x.previousQuadrant = previous !== null && previous[i] !== 0 ? QUADRANT_OF[previous[i] - 1] : null;
    x.loanAdverse = adverse !== null && adverse[i] === 1;
    x.letterRating = letter !== null && letter[i] === 1 ? rating[i] : NaN;
    decide(x, t, decision);
    stageCode[i] = decision.stage;
    collect(x, t, ratingFloor, scratch);
    const risk = riskOf(decision.stage === TERMINATED, scratch);
    riskCode[i] = risk;
    churnCode[i] = churnOf(risk, scratch, exitReasonKeyword ? exitReasonKeyword[i] : 0, statusKeyword ? statusKeyword[i] : 0);
  };

  let numbersOf: ReturnType<typeof sharedNumbers> | null = null;
  /** Row i's result, from what classify(i) left (its priority is set after). */
  const rowOf = (i: number): RowResult => {
    const { volumeOf, shareOf } = (numbersOf ??= sharedNumbers(volumes, total, n));
    const vol = volume[i];
    const l = loyalty[i];
    const hits = hitsOf(scratch);
    const churn = churnCode[i];
    // volume and share are set after the record is made (see sharedNumbers).
    const row: RowResult = {
      row: rowNumber ? rowNumber[i] : i + 1,
      clientId: ids ? ids[i] : null,
      clientName: names ? names[i] : null,
      volume: null,
      share: null,
      loyalty: Number.isNaN(l) ? null : l,
      quadrant: x.quadrant,
      stage: STAGE_OF[decision.stage],
      risk: RISK_OF[riskCode[i]],
      flags: hits.length === 0 ? NO_FLAG_CODES : flagsOf(scratch.key, hits),
      churnType: churn === 0 ? null : CHURN_OF[churn - 1],
      // Set below, once every row's risk is known.
      priority: null,
      previousQuadrant: x.previousQuadrant,
      issues: issueLists !== null ? (issueLists[i] ?? NO_ISSUES) : NO_ISSUES,
      flagHits: hits,
      stageReason: decision.reason,
    };
    const p = volumePosition[i];
    if (p !== -1) {
      // A −0 volume is counted as 0 among the distinct volumes: it keeps its own −0 share.
      const own = volumeOf === null || (vol === 0 && 1 / vol < 0);
      row.volume = own ? vol : volumeOf[p];
      row.share = own ? shareOfTotal(vol, total) : shareOf[p];
    }
    return row;
  };

  // Each row classified, and made into its record unless the records are to be made when first
  // read (see resultColumns): then only each row's flag list is kept, by its key.
  let rows: RowResult[] | null = null;
  const flagKey = lazyRows ? new Int32Array(n) : null;
  if (flagKey) {
    for (let i = 0; i < n; i++) {
      classify(i);
      if (scratch.count !== 0) flagKey[i] = flagKeyOf(scratch);
    }
  } else {
    rows = new Array<RowResult>(n);
    for (let i = 0; i < n; i++) {
      classify(i);
      rows[i] = rowOf(i);
    }
  }

  // Priority (§9): by risk, then share (largest first, missing last), then row order. Set in
  // row order, so the records are visited in the order they were made.
  const priority = priorities(riskCode, volumes, total);
  const made = (list: RowResult[]) => {
    for (let i = 0; i < n; i++) if (priority[i] !== 0) list[i].priority = priority[i];
    return list;
  };
  /** The records of a lazy result, made when first read: each row classified again, as above. */
  const makeRows = () => {
    const list = new Array<RowResult>(n);
    for (let i = 0; i < n; i++) {
      classify(i);
      list[i] = rowOf(i);
    }
    return made(list);
  };

  const result: AnalysisResult = {
    asOf: formatDay(asOf),
    asOfSource,
    cuts: {
      share: { mode: config.shareCut, value: shareCut },
      loyalty: { mode: config.loyaltyCut, value: loyaltyCut },
    },
    components,
    weights,
    loyaltySource,
    mapping: mapping.headers,
    rows: rows === null ? [] : made(rows),
    summary: summarize(
      { n, quadrantCode, stageCode, riskCode, volume, previous, issues: issueLists },
      total,
      cols.skippedEmptyRows,
      rulesOff(mapping.headers, loyaltySource, components, previous !== null),
    ),
    previousMatch: match,
  };
  if (flagKey) {
    lazy(result, makeRows);
    COLUMNS.set(result, {
      n,
      row: rowNumber,
      clientId: ids,
      clientName: names,
      volume,
      total,
      loyalty,
      quadrant: quadrantCode,
      stage: stageCode,
      risk: riskCode,
      churn: churnCode,
      previous,
      flagKey,
      priority,
      issues: issueLists,
    });
  }
  return result;
}

/**
 * The volumes and shares of the rows, boxed once per distinct volume (indexed by its position in
 * `volumes`), or nulls when nearly every volume is distinct.
 *
 * Why: V8 stores a number in an object field it has seen hold doubles in a box of the object's own
 * (16 bytes), whatever the value. The records are made with null volume and share, and these are
 * assigned after: the fields then hold any value, a whole number takes no memory of its own and a
 * boxed number is shared. Rows with the same volume share its boxed volume and share (~32 MB at a
 * million rows). Each box is the same double the row would compute. (Loyalty scores are nearly all
 * distinct: they keep their box, made with the record.)
 */
function sharedNumbers(
  volumes: Distinct,
  total: number,
  n: number,
): { volumeOf: (number | null)[]; shareOf: (number | null)[] } | { volumeOf: null; shareOf: null } {
  const { size, values } = volumes;
  if (size > n / 2) return { volumeOf: null, shareOf: null };
  // Arrays of references (begun with nulls): an array of numbers only would hold raw doubles and
  // box them again on every read.
  const volumeOf = new Array<number | null>(size).fill(null);
  const shareOf = new Array<number | null>(size).fill(null);
  for (let k = 0; k < size; k++) {
    volumeOf[k] = values[k];
    shareOf[k] = shareOfTotal(values[k], total);
  }
  return { volumeOf, shareOf };
}

/**
 * Each row's priority (0: none) for the rows with a risk HIGH, MEDIUM or LOW: numbered by risk,
 * then share largest first (missing last), then row order. A counting sort on (risk, rank of
 * the share among the distinct shares): rows are placed in row order, so ties keep it, and no
 * comparison sort of a million keys is needed. Shares are volume / T, so their order is that
 * of the distinct volumes; volumes whose shares are equal share a rank.
 */
function priorities(riskCode: Uint8Array, volumes: Distinct, total: number): Int32Array {
  const n = riskCode.length;
  const { values, position } = volumes;
  // Rank of each distinct volume's share from the top; rank `ranks` is "no share" (last).
  const rankOf = new Int32Array(values.length);
  let ranks = 0;
  let last = NaN;
  for (let k = values.length - 1; k >= 0; k--) {
    const share = shareOfTotal(values[k], total);
    if (k === values.length - 1 || share !== last) ranks++;
    rankOf[k] = ranks - 1;
    last = share;
  }
  const buckets = ranks + 1;
  const bucket = (i: number) => RISK_ORDER[riskCode[i]] * buckets + (position[i] === -1 ? ranks : rankOf[position[i]]);
  const start = new Int32Array(3 * buckets + 1);
  for (let i = 0; i < n; i++) if (RISK_ORDER[riskCode[i]] !== 9) start[bucket(i) + 1]++;
  for (let b = 0; b < 3 * buckets; b++) start[b + 1] += start[b];
  const priority = new Int32Array(n);
  for (let i = 0; i < n; i++) if (RISK_ORDER[riskCode[i]] !== 9) priority[i] = ++start[bucket(i)];
  return priority;
}

/**
 * The rows whose id occurs more than once (§12), or null when every id is unique, from the ids
 * and their hashes (textHash). An open-address hash table of row numbers in a typed array: a Set
 * of a million id strings spent most of its time growing and rehashing, this allocates two
 * arrays whatever the count. Each slot keeps its id's hash, so that a probe past another id
 * rarely has to read that id's string (a read from anywhere in memory).
 */
function repeatedRows(ids: readonly (string | null)[], idHash: ArrayLike<number>): Uint8Array | null {
  const n = ids.length;
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(size);
  let out: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === null) continue;
    const h = idHash[i];
    let slot = h & mask;
    for (;;) {
      const j = slots[slot];
      if (j === -1) {
        slots[slot] = i;
        hashes[slot] = h;
        break;
      }
      if (hashes[slot] === h && ids[j] === id) {
        out ??= new Uint8Array(n);
        out[j] = 1;
        out[i] = 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return out;
}

/**
 * Previous quadrants, as codes (0 none, else 1 + index in QUADRANTS): matched from
 * options.previous (id, else name), else the quadrant_prev column.
 */
function previousQuadrants(
  cols: Columns,
  options: AnalyzeOptions,
): { previous: Uint8Array | null; match: PreviousMatch | null } {
  const prev = options.previous;
  if (!prev) return { previous: cols.quadrantPrev, match: null };
  const byId = new Map<string, number>();
  const byName = new Map<string, number>();
  prev.records.forEach((r, k) => {
    if (r.clientId && !byId.has(r.clientId)) byId.set(r.clientId, k);
    if (r.clientName && !byName.has(r.clientName)) byName.set(r.clientName, k);
  });
  const ids = cols.texts.client_id;
  const names = cols.texts.client_name;
  const used = new Uint8Array(prev.records.length);
  const out = new Uint8Array(cols.n);
  const match: PreviousMatch = { source: prev.source, matchedById: 0, matchedByName: 0, appeared: [], disappeared: [] };
  for (let i = 0; i < cols.n; i++) {
    const id = ids?.[i] ?? null;
    const name = names?.[i] ?? null;
    let k = id !== null ? byId.get(id) : undefined;
    if (k !== undefined && !used[k]) match.matchedById++;
    else {
      k = name !== null ? byName.get(name) : undefined;
      if (k !== undefined && !used[k]) match.matchedByName++;
      else k = undefined;
    }
    if (k === undefined) {
      match.appeared.push({ clientId: id, clientName: name });
      continue;
    }
    used[k] = 1;
    const q = prev.records[k].quadrant;
    if (q !== null) out[i] = QUADRANT_CODE[q] + 1;
  }
  prev.records.forEach((r, k) => {
    if (!used[k]) match.disappeared.push(r);
  });
  return { previous: out, match };
}

/**
 * The summary (§13). Counted over the row codes in typed arrays; each count object lists its
 * keys in order of first appearance among the rows, as the result has always given them.
 */
function summarize(
  c: {
    n: number;
    quadrantCode: Uint8Array;
    stageCode: Uint8Array;
    riskCode: Uint8Array;
    volume: NumberColumn;
    previous: Uint8Array | null;
    issues: readonly (RowIssue[] | undefined)[] | null;
  },
  totalVolume: number,
  skippedEmptyRows: number,
  off: RuleOff[],
): Summary {
  const { n, quadrantCode, stageCode, riskCode, volume, previous, issues } = c;
  const withPrevious = previous !== null;
  const quadrantCount = new Float64Array(QUADRANTS.length);
  const quadrantVolume = new Float64Array(QUADRANTS.length);
  const quadrantOrder: number[] = [];
  const riskCount = new Float64Array(RISKS.length);
  const riskOrder: number[] = [];
  const stageCount = new Float64Array(STAGES.length);
  const stageOrder: number[] = [];
  const issueCount = new Map<IssueCode, number>();
  // previous × current, counts and volumes; first appearance of each pair in pairOrder.
  const Q = QUADRANTS.length;
  const migrationCount = new Float64Array(Q * Q);
  const migrationVolume = new Float64Array(Q * Q);
  const pairOrder: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = quadrantCode[i];
    const v = Number.isNaN(volume[i]) ? 0 : volume[i];
    if (quadrantCount[q]++ === 0) quadrantOrder.push(q);
    quadrantVolume[q] += v;
    if (stageCount[stageCode[i]]++ === 0) stageOrder.push(stageCode[i]);
    if (riskCount[riskCode[i]]++ === 0) riskOrder.push(riskCode[i]);
    const list = issues !== null ? issues[i] : undefined;
    if (list) for (const issue of list) issueCount.set(issue.code, (issueCount.get(issue.code) ?? 0) + 1);
    const p = previous ? previous[i] : 0;
    if (p !== 0) {
      const pair = (p - 1) * Q + q;
      if (migrationCount[pair]++ === 0) pairOrder.push(pair);
      migrationVolume[pair] += v;
    }
  }
  const s: Summary = {
    quadrants: {},
    stages: {},
    risks: {},
    migration: withPrevious ? {} : null,
    migrationVolume: withPrevious ? {} : null,
    issues: {},
    rulesOff: off,
    totalVolume,
    rowCount: n,
    skippedEmptyRows,
  };
  for (const q of quadrantOrder) s.quadrants[QUADRANTS[q]] = { count: quadrantCount[q], volume: quadrantVolume[q] };
  for (const st of stageOrder) s.stages[STAGES[st]] = stageCount[st];
  for (const r of riskOrder) s.risks[RISKS[r]] = riskCount[r];
  for (const [code, count] of issueCount) s.issues[code] = count;
  if (s.migration && s.migrationVolume) {
    // A previous quadrant's entry is made at its first pair, as the pairs come.
    for (const pair of pairOrder) {
      const from = QUADRANTS[Math.floor(pair / Q)];
      const to = QUADRANTS[pair % Q];
      (s.migration[from] ??= {})[to] = migrationCount[pair];
      (s.migrationVolume[from] ??= {})[to] = migrationVolume[pair];
    }
  }
  return s;
}

/** Rules switched off by unmapped fields (§2: the summary says which and why). */
function rulesOff(
  headers: Partial<Record<Field, string[]>>,
  loyaltySource: 'score' | 'components',
  components: Component[],
  withPrevious: boolean,
): RuleOff[] {
  const has = (f: Field) => !!headers[f]?.length;
  const off: RuleOff[] = [];
  const need = (rule: RuleOff['rule'], fields: Field[]) => {
    const missing = fields.filter((f) => !has(f));
    if (missing.length) off.push({ rule, missing });
  };
  if (loyaltySource === 'components' && components.length === 0) {
    off.push({ rule: 'LOYALTY', missing: ['loyalty_score', 'trust', 'contact_count', 'txn_count', 'product_count', 'wallet_share', 'credit_rating', 'tenure_years', 'open_date'] });
  }
  if (!has('tenure_years') && !has('open_date')) off.push({ rule: 'TENURE', missing: ['tenure_years', 'open_date'] });
  if (!has('volume_prev') && !(has('txn_count') && has('txn_count_prev')) && !(has('product_count') && has('product_count_prev'))) {
    off.push({ rule: 'LIFECYCLE_TREND', missing: ['volume_prev', 'txn_count_prev', 'product_count_prev'] });
  }
  need('BALANCE_DROP', ['volume_prev']);
  need('ACTIVITY_DROP', ['txn_count', 'txn_count_prev']);
  need('DORMANT', ['last_txn_date']);
  need('PRODUCT_LOSS', ['product_count', 'product_count_prev']);
  need('COMPLAINT', ['complaint_count']);
  need('NO_CONTACT', ['last_contact_date']);
  need('COMPETITOR_OFFER', ['competitor_offer']);
  if (!withPrevious) off.push({ rule: 'QUADRANT_DOWN', missing: ['quadrant_prev'] });
  need('LOAN_ADVERSE', ['loan_class']);
  need('LOW_RATING', ['credit_rating']);
  if (!has('exit_reason') && !has('status')) off.push({ rule: 'CHURN_KEYWORDS', missing: ['exit_reason', 'status'] });
  return off;
}
