/**
 * The domain's vocabulary: the shapes of analysis.md (§1 input, §13 result, §14 configuration).
 * Pure types; no Office, DOM or Node.
 */

/** One cell, exactly as Excel's `range.values` (plus `Date` from file readers). */
export type Cell = string | number | boolean | null | undefined | Date;

/** A table: header row first, then data rows. */
export type Table = readonly (readonly Cell[])[];

export type Locale = 'zh-CN' | 'zh-TW' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'zh-TW', 'en-US'];

export const FIELDS = [
  'client_id',
  'client_name',
  'client_manager',
  'volume',
  'volume_prev',
  'loyalty_score',
  'trust',
  'contact_count',
  'txn_count',
  'txn_count_prev',
  'product_count',
  'product_count_prev',
  'wallet_share',
  'credit_rating',
  'tenure_years',
  'open_date',
  'last_txn_date',
  'last_contact_date',
  'complaint_count',
  'competitor_offer',
  'status',
  'exit_reason',
  'quadrant_prev',
  'loan_class',
] as const;
export type Field = (typeof FIELDS)[number];

/** Fields that may take several columns, summed (§2). */
export const MULTI_COLUMN_FIELDS: readonly Field[] = ['volume', 'volume_prev'];

/** Loyalty components (§5), in table order. `tenure` comes from tenure_years or open_date. */
export const COMPONENTS = [
  'trust',
  'contact_count',
  'txn_count',
  'product_count',
  'wallet_share',
  'credit_rating',
  'tenure',
] as const;
export type Component = (typeof COMPONENTS)[number];

export const QUADRANTS = ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL', 'INSUFFICIENT_DATA'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export const STAGES = ['POTENTIAL', 'DEVELOPMENT', 'GROWTH', 'MATURE', 'DECLINE', 'TERMINATED', 'UNKNOWN'] as const;
export type Stage = (typeof STAGES)[number];

export const RISKS = ['EXITED', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] as const;
export type Risk = (typeof RISKS)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Exit flags in table order of §9 (the order used to break severity ties). */
export const FLAGS = [
  'BALANCE_DROP',
  'ACTIVITY_DROP',
  'DORMANT',
  'PRODUCT_LOSS',
  'COMPLAINT',
  'NO_CONTACT',
  'COMPETITOR_OFFER',
  'LARGE_DISLOYAL',
  'QUADRANT_DOWN',
  'LOAN_ADVERSE',
  'LOW_RATING',
] as const;
export type FlagCode = (typeof FLAGS)[number];

export const CHURN_TYPES = ['NATURAL', 'COMPETITIVE', 'NEGLIGENT', 'UNDETERMINED'] as const;
export type ChurnType = (typeof CHURN_TYPES)[number];

export const ISSUE_CODES = [
  'ERROR_VALUE',
  'INVALID_NUMBER',
  'OUT_OF_RANGE',
  'INVALID_DATE',
  'INVALID_RATING',
  'INVALID_QUADRANT',
  'FUTURE_DATE',
  'MISSING_VOLUME',
  'NEGATIVE_VOLUME',
  'MISSING_LOYALTY',
  'DUPLICATE_ID',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A row-level data problem (§12). `value` is the raw cell (Dates as ISO text). */
export interface RowIssue {
  code: IssueCode;
  field: Field | null;
  column: string | null;
  value: string | number | boolean | null;
}

/** One flag with the numbers behind it, so its reason can be worded in either language. */
export interface FlagHit {
  code: FlagCode;
  severity: Severity;
  /** The number the rule looked at: a change (fraction), days, a count, or null. */
  value: number | null;
}

/** Why the stage was chosen: the rule that decided and its number. */
export interface StageReason {
  rule:
    | 'STATUS_CLOSED'
    | 'ZERO_AFTER_PREV'
    | 'ZERO_IDLE'
    | 'STATUS_PROSPECT'
    | 'NO_BUSINESS'
    | 'NEW_RELATIONSHIP'
    | 'VOLUME_DOWN'
    | 'TXN_DOWN'
    | 'PRODUCTS_DOWN'
    | 'IDLE'
    | 'VOLUME_UP'
    | 'TXN_UP'
    | 'PRODUCTS_UP'
    | 'STABLE_TREND'
    | 'LONG_TENURE'
    | 'MID_TENURE'
    | 'NO_DATA';
  value: number | null;
}

export interface CutResult {
  /** The mode as configured, e.g. "pareto:0.8". */
  mode: string;
  /** The cut value used; null when the population is empty or (pareto) the total is 0. */
  value: number | null;
}

/** One output record per analysed row (§13), plus the evidence behind its labels. */
export interface RowResult {
  /** 1-based position among the table's data rows (skipped empty rows keep their number). */
  row: number;
  clientId: string | null;
  clientName: string | null;
  volume: number | null;
  share: number | null;
  loyalty: number | null;
  quadrant: Quadrant;
  stage: Stage;
  risk: Risk;
  flags: FlagCode[];
  churnType: ChurnType | null;
  priority: number | null;
  previousQuadrant: Quadrant | null;
  issues: RowIssue[];
  /** Evidence (not part of §13's JSON): flags with severity and numbers, in the order of `flags`. */
  flagHits: FlagHit[];
  stageReason: StageReason;
}

export interface QuadrantTotals {
  count: number;
  volume: number;
}

/** A rule switched off because a field is not mapped (§2: "the summary says which rules were off and why"). */
export interface RuleOff {
  rule: 'LOYALTY' | 'LIFECYCLE_TREND' | 'TENURE' | FlagCode | 'MIGRATION' | 'CHURN_KEYWORDS';
  missing: Field[];
}

export interface Summary {
  /** Counts in order of first appearance among the rows (zero counts are left out). */
  quadrants: Partial<Record<Quadrant, QuadrantTotals>>;
  stages: Partial<Record<Stage, number>>;
  risks: Partial<Record<Risk, number>>;
  /** previous quadrant -> current quadrant -> count; null when no previous period is known. */
  migration: Partial<Record<Quadrant, Partial<Record<Quadrant, number>>>> | null;
  /** The same matrix summing volume. */
  migrationVolume: Partial<Record<Quadrant, Partial<Record<Quadrant, number>>>> | null;
  issues: Partial<Record<IssueCode, number>>;
  rulesOff: RuleOff[];
  /** Total volume T (§4). */
  totalVolume: number;
  /** Data rows analysed (skipped empty rows not counted). */
  rowCount: number;
  skippedEmptyRows: number;
}

export interface AnalysisResult {
  asOf: string;
  /** How asOf was chosen. */
  asOfSource: 'config' | 'data' | 'today';
  cuts: { share: CutResult; loyalty: CutResult };
  /** Loyalty components used, in §5 order; empty when a direct loyalty score is mapped. */
  components: Component[];
  /** The weights applied to those components. */
  weights: Partial<Record<Component, number>>;
  /** Whether loyalty came from a mapped loyalty_score column. */
  loyaltySource: 'score' | 'components';
  /** Field -> the header(s) it was read from (only mapped fields). */
  mapping: Partial<Record<Field, string[]>>;
  rows: RowResult[];
  summary: Summary;
  /** Present when a previous period was given through AnalyzeOptions.previous. */
  previousMatch: PreviousMatch | null;
}

/** Thresholds of §8 and §9 (all configurable). */
export interface Thresholds {
  developmentYears: number;
  matureYears: number;
  terminatedIdleDays: number;
  declineVolume: number;
  declineTxn: number;
  declineIdleDays: number;
  growthVolume: number;
  growthTxn: number;
  balanceDrop: number;
  balanceDropHigh: number;
  activityDrop: number;
  dormantDays: number;
  dormantDaysHigh: number;
  complaintsHigh: number;
  noContactDaysLarge: number;
  noContactDays: number;
  ratingFloor: string;
}

/** The configuration of §14 after validation. */
export interface AnalysisConfig {
  version?: 1;
  asOf?: string;
  map?: Partial<Record<Field, string | string[]>>;
  shareCut: string;
  loyaltyCut: string;
  weights: Partial<Record<Component, number>>;
  thresholds: Thresholds;
  locale: Locale;
}

/** Options the shell passes in (things a pure core cannot know). */
export interface AnalyzeOptions {
  /** Today's date as YYYY-MM-DD, used for asOf when neither config nor data give one. */
  today: string;
  /**
   * Last period's results (monthly refresh, §11): matched to this period's rows by client id,
   * else by client name. Overrides a quadrant_prev column when given.
   */
  previous?: PreviousPeriod;
  /**
   * The workbook uses Excel's 1904 date system: date serials in the table count from 1904-01-01 = 0
   * (1,462 less than the usual 1900 system's). Text dates are not affected.
   */
  date1904?: boolean;
}

export interface PreviousRecord {
  clientId: string | null;
  clientName: string | null;
  quadrant: Quadrant | null;
  volume: number | null;
}

export interface PreviousPeriod {
  records: PreviousRecord[];
  /** Where the records came from, for the summary (a sheet name, a file name). */
  source: string;
}

/** How this period's clients matched last period's (§11, monthly refresh). */
export interface PreviousMatch {
  source: string;
  matchedById: number;
  matchedByName: number;
  /** Clients in this period with no match last period. */
  appeared: { clientId: string | null; clientName: string | null }[];
  /** Last period's clients not found in this period. */
  disappeared: PreviousRecord[];
}
