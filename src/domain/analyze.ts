/** The analysis of analysis.md §4–§13: a table and a configuration in, the result out. */
import { parseCutMode, type CutMode } from './config';
import { cutValue } from './cuts';
import { AnalysisError } from './errors';
import { churnType, exitFlags, exitRisk, type FlagInputs } from './exitFlags';
import { classifyStage } from './lifecycle';
import { percentileRanks, weightedLoyalty } from './loyalty';
import { resolveMapping } from './mapping';
import { addIssue, readColumns, STATUS_CLOSED, STATUS_PROSPECT, type Columns } from './readColumns';
import { gradeOrdinal } from './values/parseRating';
import { formatDay, parseDateText } from './values/parseDate';
import {
  COMPONENTS,
  type AnalysisConfig,
  type AnalysisResult,
  type AnalyzeOptions,
  type Component,
  type Field,
  type FlagCode,
  type FlagHit,
  type PreviousMatch,
  type Quadrant,
  type Risk,
  type RowIssue,
  type RowResult,
  type RuleOff,
  type Summary,
  type Table,
} from './types';

// Shared (frozen) empty lists keep a million clean rows from allocating two arrays each.
const NO_ISSUES = Object.freeze([]) as unknown as RowIssue[];
const NO_HITS = Object.freeze([]) as unknown as FlagHit[];
const NO_FLAGS = Object.freeze([]) as unknown as FlagCode[];
const DAYS_PER_YEAR = 365.25;
const RISK_ORDER: Readonly<Record<Risk, number>> = { HIGH: 0, MEDIUM: 1, LOW: 2, EXITED: 9, NONE: 9 };

function mode(text: string, axis: 'share' | 'loyalty'): CutMode {
  const m = parseCutMode(text, axis);
  if ('problemEn' in m) throw new AnalysisError('BAD_CONFIG', { key: axis === 'share' ? 'shareCut' : 'loyaltyCut', ...m });
  return m;
}

const nan = (n: number) => new Float64Array(n).fill(NaN);

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
  const mapping = resolveMapping(table[0], config.map, overrides);
  const cols = readColumns(table, mapping);
  const { n, numbers, issues } = cols;
  const col = (f: Field) => numbers[f] ?? nan(n);

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
      const a = numbers[f];
      if (a) for (let i = 0; i < n; i++) if (a[i] > latest) latest = a[i];
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
  const share = nan(n);
  const shareValues = new Float64Array(withVolume);
  const volumeValues = new Float64Array(withVolume);
  for (let i = 0, j = 0; i < n; i++) {
    const v = volume[i];
    if (Number.isNaN(v)) continue;
    share[i] = total === 0 ? 0 : v / total;
    shareValues[j] = share[i];
    volumeValues[j++] = v;
  }

  // Tenure (§5): tenure_years when mapped, else from open_date.
  let tenure: Float64Array = nan(n);
  if (numbers.tenure_years) tenure = numbers.tenure_years;
  else if (numbers.open_date) {
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
  let loyalty: Float64Array;
  const components: Component[] = [];
  const weights: Partial<Record<Component, number>> = {};
  const loyaltySource = numbers.loyalty_score ? 'score' : 'components';
  if (numbers.loyalty_score) {
    loyalty = numbers.loyalty_score;
  } else {
    const sources: Record<Component, Float64Array | undefined> = {
      trust: numbers.trust,
      contact_count: numbers.contact_count,
      txn_count: numbers.txn_count,
      product_count: numbers.product_count,
      wallet_share: numbers.wallet_share,
      credit_rating: numbers.credit_rating,
      tenure: numbers.tenure_years || numbers.open_date ? tenure : undefined,
    };
    const ranks: { rank: Float64Array; weight: number }[] = [];
    for (const c of COMPONENTS) {
      const values = sources[c];
      const weight = config.weights[c] ?? 1;
      if (!values || weight <= 0 || !values.some((v) => !Number.isNaN(v))) continue;
      components.push(c);
      weights[c] = weight;
      ranks.push({ rank: percentileRanks(values), weight });
    }
    loyalty = weightedLoyalty(ranks, n);
  }
  const loyaltyField: Field | null = numbers.loyalty_score ? 'loyalty_score' : null;
  const loyaltyColumn = mapping.headers.loyalty_score?.[0] ?? null;
  let withLoyalty = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(loyalty[i])) addIssue(issues, i, 'MISSING_LOYALTY', loyaltyField, loyaltyColumn, null);
    else withLoyalty++;
  }
  const loyaltyValues = new Float64Array(withLoyalty);
  for (let i = 0, j = 0; i < n; i++) if (!Number.isNaN(loyalty[i])) loyaltyValues[j++] = loyalty[i];

  // Cuts (§6).
  const shareCut = cutValue(shareMode, shareValues, { volumes: volumeValues, total });
  const loyaltyCut = cutValue(loyaltyMode, loyaltyValues);

  // Client ids and duplicates (§12).
  const ids = cols.texts.client_id ?? null;
  const names = cols.texts.client_name ?? null;
  if (ids) {
    const repeated = repeatedRows(ids);
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
  const exitReasons = cols.texts.exit_reason ?? null;
  const statusTexts = cols.texts.status ?? null;

  // One evidence object, refilled per row: a million rows must not allocate a million of them.
  const x: FlagInputs = {
    closed: false, prospect: false, volume: NaN, volumePrev: NaN, txn: NaN, dVol: NaN, dTxn: NaN,
    products: NaN, productsPrev: NaN, idle: NaN, tenure: NaN, complaints: NaN, sinceContact: NaN,
    highShare: false, competitorOffer: false, quadrant: 'INSUFFICIENT_DATA', previousQuadrant: null,
    loanAdverse: false, letterRating: NaN,
  };
  const rows: RowResult[] = new Array(n);
  // Risk order of each row for the priority ranking (9: not ranked).
  const riskKey = new Uint8Array(n);
  let flaggedCount = 0;
  for (let i = 0; i < n; i++) {
    const vol = volume[i];
    const prev = volumePrev[i];
    const s = share[i];
    const l = loyalty[i];
    const highShare = !Number.isNaN(s) && shareCut !== null && s >= shareCut;
    const highLoyalty = !Number.isNaN(l) && loyaltyCut !== null && l >= loyaltyCut;
    const quadrant: Quadrant =
      Number.isNaN(s) || Number.isNaN(l)
        ? 'INSUFFICIENT_DATA'
        : highShare
          ? highLoyalty
            ? 'LOYAL'
            : 'PROBLEM_2'
          : highLoyalty
            ? 'PROBLEM_1'
            : 'GENERAL';
    const prevQuadrant = previous ? previous[i] : null;
    x.closed = status !== null && status[i] === STATUS_CLOSED;
    x.prospect = status !== null && status[i] === STATUS_PROSPECT;
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
    x.quadrant = quadrant;
    x.previousQuadrant = prevQuadrant;
    x.loanAdverse = adverse !== null && adverse[i] === 1;
    x.letterRating = letter !== null && letter[i] === 1 ? rating[i] : NaN;
    const { stage, reason } = classifyStage(x, t);
    const hits = exitFlags(x, t, ratingFloor);
    const risk = exitRisk(stage, hits);
    riskKey[i] = RISK_ORDER[risk];
    if (riskKey[i] < 9) flaggedCount++;
    rows[i] = {
      row: cols.rowNumber[i],
      clientId: ids ? ids[i] : null,
      clientName: names ? names[i] : null,
      volume: Number.isNaN(vol) ? null : vol,
      share: Number.isNaN(s) ? null : s,
      loyalty: Number.isNaN(l) ? null : l,
      quadrant,
      stage,
      risk,
      flags: hits.length ? flagList(hits) : NO_FLAGS,
      churnType: churnType(risk, hits, exitReasons ? exitReasons[i] : null, statusTexts ? statusTexts[i] : null),
      priority: null,
      previousQuadrant: prevQuadrant,
      issues: issues[i] ?? NO_ISSUES,
      flagHits: hits.length ? hits : NO_HITS,
      stageReason: reason,
    };
  }

  // Priority (§9): by risk, then share (largest first, missing last), then row order.
  const order = priorityOrder(riskKey, share, flaggedCount);
  for (let k = 0; k < order.length; k++) rows[order[k]].priority = k + 1;

  return {
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
    rows,
    summary: summarize(rows, previous !== null, total, cols.skippedEmptyRows, rulesOff(mapping.headers, loyaltySource, components, previous !== null)),
    previousMatch: match,
  };
}

/**
 * Flag lists are shared between rows with the same flags at the same severities (which decide
 * their order): a million rows then hold a few dozen arrays rather than a million.
 */
const FLAG_LISTS = new Map<number, FlagCode[]>();
const FLAG_BIT = new Map<FlagCode, number>();
const SEVERITY_BITS = { LOW: 1, MEDIUM: 2, HIGH: 3 } as const;

function flagList(hits: readonly FlagHit[]): FlagCode[] {
  let key = 0;
  for (const h of hits) {
    let bit = FLAG_BIT.get(h.code);
    if (bit === undefined) FLAG_BIT.set(h.code, (bit = FLAG_BIT.size * 2));
    key += SEVERITY_BITS[h.severity] * 2 ** bit;
  }
  let list = FLAG_LISTS.get(key);
  if (!list) FLAG_LISTS.set(key, (list = Object.freeze(hits.map((h) => h.code)) as FlagCode[]));
  return list;
}

/**
 * Rows with a risk (riskKey < 9) in priority order: risk, then share largest first (missing
 * last), then row order. Each row's three keys are packed into one exact double — risk, the rank
 * of its share among the distinct shares, its row — so a native numeric sort does the work (a
 * comparator sort of a million indices took several times longer).
 */
function priorityOrder(riskKey: Uint8Array, share: Float64Array, count: number): Uint32Array {
  const n = riskKey.length;
  const ROW = 2 ** 21;
  const out = new Uint32Array(count);
  const key = (i: number) => (Number.isNaN(share[i]) ? -1 : share[i]);
  if (n >= ROW) {
    for (let i = 0, k = 0; i < n; i++) if (riskKey[i] < 9) out[k++] = i;
    return out.sort((a, b) => riskKey[a] - riskKey[b] || key(b) - key(a) || a - b);
  }
  // Distinct shares of the ranked rows, ascending.
  const values = new Float64Array(count);
  for (let i = 0, k = 0; i < n; i++) if (riskKey[i] < 9) values[k++] = key(i);
  values.sort();
  let distinct = 0;
  for (let k = 0; k < count; k++) if (k === 0 || values[k] !== values[k - 1]) values[distinct++] = values[k];
  const packed = new Float64Array(count);
  for (let i = 0, k = 0; i < n; i++) {
    if (riskKey[i] >= 9) continue;
    const v = key(i);
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    // Largest share first: rank from the top. risk < 4, rank < 2^21, row < 2^21: 44 bits, exact.
    packed[k++] = (riskKey[i] * ROW + (distinct - 1 - lo)) * ROW + i;
  }
  packed.sort();
  for (let k = 0; k < count; k++) out[k] = packed[k] % ROW;
  return out;
}

/**
 * The rows whose id occurs more than once (§12), or null when every id is unique. An open-address
 * hash table of row numbers in a typed array: a Set of a million id strings spent most of its
 * time growing and rehashing, this allocates two arrays whatever the count.
 */
function repeatedRows(ids: readonly (string | null)[]): Uint8Array | null {
  const n = ids.length;
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  let out: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === null) continue;
    // FNV-1a over the UTF-16 code units.
    let h = 0x811c9dc5;
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    let slot = h & mask;
    for (;;) {
      const j = slots[slot];
      if (j === -1) {
        slots[slot] = i;
        break;
      }
      if (ids[j] === id) {
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

/** Previous quadrants: matched from options.previous (id, else name), else the quadrant_prev column. */
function previousQuadrants(
  cols: Columns,
  options: AnalyzeOptions,
): { previous: (Quadrant | null)[] | null; match: PreviousMatch | null } {
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
  const out: (Quadrant | null)[] = new Array(cols.n).fill(null);
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
    out[i] = prev.records[k].quadrant;
  }
  prev.records.forEach((r, k) => {
    if (!used[k]) match.disappeared.push(r);
  });
  return { previous: out, match };
}

function summarize(
  rows: readonly RowResult[],
  withPrevious: boolean,
  totalVolume: number,
  skippedEmptyRows: number,
  off: RuleOff[],
): Summary {
  const s: Summary = {
    quadrants: {},
    stages: {},
    risks: {},
    migration: withPrevious ? {} : null,
    migrationVolume: withPrevious ? {} : null,
    issues: {},
    rulesOff: off,
    totalVolume,
    rowCount: rows.length,
    skippedEmptyRows,
  };
  for (const r of rows) {
    const q = (s.quadrants[r.quadrant] ??= { count: 0, volume: 0 });
    q.count++;
    q.volume += r.volume ?? 0;
    s.stages[r.stage] = (s.stages[r.stage] ?? 0) + 1;
    s.risks[r.risk] = (s.risks[r.risk] ?? 0) + 1;
    for (const issue of r.issues) s.issues[issue.code] = (s.issues[issue.code] ?? 0) + 1;
    if (s.migration && s.migrationVolume && r.previousQuadrant) {
      const m = (s.migration[r.previousQuadrant] ??= {});
      m[r.quadrant] = (m[r.quadrant] ?? 0) + 1;
      const mv = (s.migrationVolume[r.previousQuadrant] ??= {});
      mv[r.quadrant] = (mv[r.quadrant] ?? 0) + (r.volume ?? 0);
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
