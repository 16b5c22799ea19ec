/**
 * The checked entry (§1–§3): turns a table and its mapping into columns and row issues.
 * Numeric columns hold doubles (NaN = missing), see column.ts; texts that only classify a row
 * (status, exit reason, loan class) become small codes as they are read.
 */
import { headerText } from './autoMap';
import { nanColumns, type NumberColumn } from './column';
import { AnalysisError } from './errors';
import { FIELD_DEF } from './fields';
import type { ResolvedMapping } from './mapping';
import { isEmptyCell, isErrorValue, isSpace } from './values/errorValue';
import { parseDate } from './values/parseDate';
import { parseNumber } from './values/parseNumber';
import { parseRating } from './values/parseRating';
import { cellText, classifyStatus, isAdverseLoanClass, parseQuadrant, parseYesNo } from './values/parseText';
import { churnKeywordCode } from './exitFlags';
import type { Cell, Field, IssueCode, Quadrant, RowIssue, Table } from './types';

export const STATUS_OTHER = 0;
export const STATUS_CLOSED = 1;
export const STATUS_PROSPECT = 2;

export interface Columns {
  /** Number of analysed rows. */
  n: number;
  /** 1-based data-row number of each analysed row; null when no row was skipped (row i is i + 1). */
  rowNumber: number[] | null;
  skippedEmptyRows: number;
  numbers: Partial<Record<Field, NumberColumn>>;
  /** Makes a fresh column of n missing values (see nanColumns). */
  newColumn: () => NumberColumn;
  /** Letter-grade flag of credit_rating (1 = a letter grade of the scale). */
  ratingLetter: Uint8Array | null;
  /** The texts kept for the result: client_id and client_name (null when empty). */
  texts: Partial<Record<Field, (string | null)[]>>;
  /** status: 0 other, 1 closed, 2 prospect. */
  status: Uint8Array | null;
  /** The churn keyword (§9) named by the status and by the exit reason: see churnKeywordCode. */
  statusKeyword: Uint8Array | null;
  exitReasonKeyword: Uint8Array | null;
  competitorOffer: Uint8Array | null;
  loanAdverse: Uint8Array | null;
  quadrantPrev: (Quadrant | null)[] | null;
  /** Issues per analysed row (undefined when none). */
  issues: (RowIssue[] | undefined)[];
}

const issueValue = (cell: Cell): RowIssue['value'] => {
  if (cell === undefined || cell === null) return null;
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : String(cell);
  return cell;
};

export function addIssue(
  issues: (RowIssue[] | undefined)[],
  i: number,
  code: IssueCode,
  field: Field | null,
  column: string | null,
  value: RowIssue['value'],
): void {
  const issue: RowIssue = { code, field, column, value };
  const list = issues[i];
  if (list) list.push(issue);
  else issues[i] = [issue];
}

function isEmptyRow(row: readonly Cell[], width: number): boolean {
  const len = Math.max(row.length, width);
  for (let c = 0; c < len; c++) if (!isEmptyCell(row[c])) return false;
  return true;
}

/** Reads the mapped columns of the data rows. Throws NO_DATA_ROWS when there is no data row. */
export function readColumns(table: Table, mapping: ResolvedMapping): Columns {
  const header = (table[0] ?? []).map(headerText);
  const width = header.length;

  // Which data rows are analysed (a row whose cells are all empty is skipped, §1). Usually every
  // row is: then the table's rows are read in place (data row i is table[i + 1]), with no index.
  let n = 0;
  let keep: number[] | null = null;
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    if (row && !isEmptyRow(row, width)) {
      if (keep) keep.push(r);
      n++;
    } else if (!keep) {
      keep = [];
      for (let k = 1; k < r; k++) keep.push(k);
    }
  }
  if (n === 0) throw new AnalysisError('NO_DATA_ROWS');
  const rowNumber = keep;
  const rows = keep ? keep.map((r) => table[r]) : table;
  const offset = keep ? 0 : 1;
  const issues: (RowIssue[] | undefined)[] = new Array(n);

  const cols: Columns = {
    n,
    rowNumber,
    skippedEmptyRows: table.length - 1 - n,
    numbers: {},
    newColumn: nanColumns(n),
    ratingLetter: null,
    texts: {},
    status: null,
    statusKeyword: null,
    exitReasonKeyword: null,
    competitorOffer: null,
    loanAdverse: null,
    quadrantPrev: null,
    issues,
  };

  // Fields in column order, so each row's issues read left to right.
  const order: { field: Field; col: number }[] = [];
  for (const [field, list] of Object.entries(mapping.columns) as [Field, number[]][]) {
    for (const col of list) order.push({ field, col });
  }
  order.sort((a, b) => a.col - b.col);

  // Rows are read in blocks, every column of a block before the next block: reading a
  // million-row table column by column misses the cache on every row (≈15× slower here).
  const readers = order.map(({ field, col }) => columnReader(cols, rows, offset, header[col], field, col));
  const BLOCK = 1024;
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    for (const r of readers) r.read(from, to);
  }
  for (const r of readers) r.finish();
  return cols;
}

interface ColumnReader {
  read(from: number, to: number): void;
  finish(): void;
}

const NOTHING = () => undefined;

/** Reads one mapped column into `cols`, a block of rows at a time. */
function columnReader(
  cols: Columns,
  rows: readonly (readonly Cell[])[],
  offset: number,
  column: string,
  field: Field,
  col: number,
): ColumnReader {
  const { n, issues } = cols;
  const type = FIELD_DEF[field].type;
  const error = (i: number, cell: Cell) => addIssue(issues, i, 'ERROR_VALUE', field, column, issueValue(cell));
  switch (type) {
    case 'number':
    case 'percent': {
      const multi = field === 'volume' || field === 'volume_prev';
      let existing = cols.numbers[field];
      const fresh = !existing;
      if (!existing) existing = cols.numbers[field] = cols.newColumn();
      const arr = existing;
      const fromPercent = type === 'percent' ? new Uint8Array(n) : null;
      const seen = { value: false };
      return {
        read(from, to) {
          for (let i = from; i < to; i++) {
            const cell = rows[i + offset][col];
            let v: ReturnType<typeof parseNumber>;
            // Most cells are finite numbers: read them without the call.
            if (typeof cell === 'number' && cell - cell === 0) v = cell;
            else {
              seen.value = false;
              v = parseNumber(cell, seen);
              if (fromPercent && seen.value && typeof v === 'number') fromPercent[i] = 1;
            }
            if (typeof v === 'number') {
              // Several volume columns are summed over the valid numbers (§4).
              if (multi && !fresh && !Number.isNaN(arr[i])) arr[i] += v;
              else arr[i] = v;
            } else if (v !== null) {
              if (v.issue === 'ERROR_VALUE') error(i, cell);
              else addIssue(issues, i, 'INVALID_NUMBER', field, column, issueValue(cell));
            }
          }
        },
        finish: fromPercent
          ? () => scalePercent(arr, fromPercent, issues, field, column, (i) => issueValue(rows[i + offset][col]))
          : NOTHING,
      };
    }
    case 'date': {
      const arr = (cols.numbers[field] = cols.newColumn());
      return {
        read(from, to) {
          for (let i = from; i < to; i++) {
            const cell = rows[i + offset][col];
            const v = parseDate(cell);
            if (typeof v === 'number') arr[i] = v;
            else if (v !== null) {
              if (v.issue === 'ERROR_VALUE') error(i, cell);
              else addIssue(issues, i, 'INVALID_DATE', field, column, issueValue(cell));
            }
          }
        },
        finish: NOTHING,
      };
    }
    case 'rating': {
      const arr = (cols.numbers[field] = cols.newColumn());
      const letter = (cols.ratingLetter = new Uint8Array(n));
      return {
        read(from, to) {
          for (let i = from; i < to; i++) {
            const cell = rows[i + offset][col];
            const v = parseRating(cell);
            if (v === null) continue;
            if ('issue' in v) {
              if (v.issue === 'ERROR_VALUE') error(i, cell);
              else addIssue(issues, i, 'INVALID_RATING', field, column, issueValue(cell));
            } else {
              arr[i] = v.value;
              letter[i] = v.letter ? 1 : 0;
            }
          }
        },
        finish: NOTHING,
      };
    }
    case 'yesno': {
      const arr = (cols.competitorOffer = new Uint8Array(n));
      const parse = memoized(parseYesNo);
      return {
        read(from, to) {
          for (let i = from; i < to; i++) {
            const cell = rows[i + offset][col];
            const v = parse(cell);
            if (typeof v === 'boolean') arr[i] = v ? 1 : 0;
            else if (v !== null) error(i, cell);
          }
        },
        finish: NOTHING,
      };
    }
    case 'quadrant': {
      const arr: (Quadrant | null)[] = (cols.quadrantPrev = new Array(n).fill(null));
      const parse = memoized(parseQuadrant);
      return {
        read(from, to) {
          for (let i = from; i < to; i++) {
            const cell = rows[i + offset][col];
            const v = parse(cell);
            if (v === null) continue;
            if (typeof v === 'string') arr[i] = v;
            else if (v.issue === 'ERROR_VALUE') error(i, cell);
            else addIssue(issues, i, 'INVALID_QUADRANT', field, column, issueValue(cell));
          }
        },
        finish: NOTHING,
      };
    }
    default: {
      if (field === 'client_id' || field === 'client_name') {
        // Texts the result carries.
        const arr: (string | null)[] = (cols.texts[field] = new Array<string | null>(n).fill(null));
        return {
          read(from, to) {
            for (let i = from; i < to; i++) {
              const cell = rows[i + offset][col];
              const s = textOrError(cell);
              if (s === null) error(i, cell);
              else if (s !== '') arr[i] = s;
            }
          },
          finish: NOTHING,
        };
      }
      // Texts that only classify the row: status, exit reason, loan class. Each distinct text is
      // classified once (they repeat down the column); other texts (client manager) are only
      // checked for error values.
      let codes: Uint8Array | null = null;
      let keywords: Uint8Array | null = null;
      let classify: (text: string) => number;
      if (type === 'status') {
        codes = cols.status = new Uint8Array(n);
        keywords = cols.statusKeyword = new Uint8Array(n);
        classify = (s) => {
          const c = classifyStatus(s);
          return (c === 'closed' ? STATUS_CLOSED : c === 'prospect' ? STATUS_PROSPECT : STATUS_OTHER) | (churnKeywordCode(s) << 2);
        };
      } else if (type === 'loanclass') {
        codes = cols.loanAdverse = new Uint8Array(n);
        classify = (s) => (isAdverseLoanClass(s) ? 1 : 0);
      } else if (field === 'exit_reason') {
        keywords = cols.exitReasonKeyword = new Uint8Array(n);
        classify = (s) => churnKeywordCode(s) << 2;
      } else classify = () => 0;
      const ERROR = -1;
      const codeOf = (cell: Cell): number => {
        const s = textOrError(cell);
        return s === null ? ERROR : s === '' ? 0 : classify(s);
      };
      const memo = new Map<string, number>();
      return {
        read(from, to) {
          for (let i = from; i < to; i++) {
            const cell = rows[i + offset][col];
            let code: number | undefined;
            if (typeof cell === 'string') {
              code = memo.get(cell);
              if (code === undefined) {
                code = codeOf(cell);
                if (memo.size < 10000) memo.set(cell, code);
              }
            } else code = codeOf(cell);
            if (code === ERROR) error(i, cell);
            else {
              if (codes) codes[i] = code & 3;
              if (keywords) keywords[i] = code >> 2;
            }
          }
        },
        finish: NOTHING,
      };
    }
  }
}

/**
 * cellText of a cell, or null for an Excel error value. A string with nothing to trim is
 * returned as it is, without a trim() call (a million client ids).
 */
function textOrError(cell: Cell): string | null {
  if (typeof cell === 'string' && cell.length > 0) {
    const first = cell.charCodeAt(0);
    if (first !== 35 /* # */ && !isSpace(first) && !isSpace(cell.charCodeAt(cell.length - 1))) return cell;
  }
  return isErrorValue(cell) ? null : cellText(cell);
}

/** A reader memoised on string cells: yes/no words and quadrant labels repeat in every row. */
function memoized<T>(read: (cell: Cell) => T): (cell: Cell) => T {
  const memo = new Map<string, T>();
  return (cell) => {
    if (typeof cell !== 'string') return read(cell);
    let v = memo.get(cell);
    if (v === undefined) {
      v = read(cell);
      if (memo.size < 10000) memo.set(cell, v);
    }
    return v;
  };
}

/**
 * Percent columns (§3): values read with "%" are fractions already; for the others, if every
 * valid value is ≤ 1 they are fractions, else percent points. Outside [0, 1] is OUT_OF_RANGE.
 */
function scalePercent(
  arr: NumberColumn,
  fromPercent: Uint8Array,
  issues: (RowIssue[] | undefined)[],
  field: Field,
  column: string,
  raw: (i: number) => RowIssue['value'],
): void {
  let allFractions = true;
  for (let i = 0; i < arr.length; i++) {
    if (!fromPercent[i] && arr[i] > 1) {
      allFractions = false;
      break;
    }
  }
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (Number.isNaN(v)) continue;
    const x = fromPercent[i] || allFractions ? v : v / 100;
    if (x < 0 || x > 1) {
      arr[i] = NaN;
      addIssue(issues, i, 'OUT_OF_RANGE', field, column, raw(i));
    } else arr[i] = x;
  }
}
