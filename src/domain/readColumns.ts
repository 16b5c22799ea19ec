/**
 * The checked entry (§1–§3): turns a table and its mapping into columns and row issues.
 * Numeric columns hold doubles (NaN = missing), see column.ts; texts that only classify a row
 * (status, exit reason, loan class) become small codes as they are read.
 */
import { headerText } from './autoMap';
import { columnPrefix, nanColumns, packTexts, unpackTexts, type NumberColumn, type PackedTexts } from './column';
import { AnalysisError } from './errors';
import { FIELD_DEF } from './fields';
import type { ResolvedMapping } from './mapping';
import { isEmptyCell, isErrorValue, isSpace } from './values/errorValue';
import { DAYS_1904, EXCEL_EPOCH_SERIAL, MAX_SERIAL, parseDate } from './values/parseDate';
import { parseNumber } from './values/parseNumber';
import { plainDate, plainDateBytes, plainNumber as plainNumberOf, plainNumberBytes } from './values/plainText';
import { parseRating } from './values/parseRating';
import { cellText, classifyStatus, isAdverseLoanClass, parseQuadrant, parseYesNo } from './values/parseText';
import { churnKeywordCode } from './exitFlags';
import { QUADRANTS, type Cell, type Field, type IssueCode, type Quadrant, type RowIssue, type Table } from './types';

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
  /** The latest date read in each date column (for asOf, §8); absent when the column has none. */
  latestDate: Partial<Record<Field, number>>;
  /** Makes a fresh column of n missing values (see nanColumns). */
  newColumn: () => NumberColumn;
  /** Letter-grade flag of credit_rating (1 = a letter grade of the scale). */
  ratingLetter: Uint8Array | null;
  /** The texts kept for the result: client_id and client_name (null when empty). */
  texts: Partial<Record<Field, (string | null)[]>>;
  /** FNV-1a hash of each client_id text (see textHash), for the duplicate check. */
  idHash: Int32Array | null;
  /** status: 0 other, 1 closed, 2 prospect. */
  status: Uint8Array | null;
  /** The churn keyword (§9) named by the status and by the exit reason: see churnKeywordCode. */
  statusKeyword: Uint8Array | null;
  exitReasonKeyword: Uint8Array | null;
  competitorOffer: Uint8Array | null;
  loanAdverse: Uint8Array | null;
  /** quadrant_prev as a code: 0 none, else 1 + the quadrant's index in QUADRANTS. */
  quadrantPrev: Uint8Array | null;
  /** Issues per analysed row. */
  issues: RowIssues;
}

/**
 * The issues of each analysed row (undefined when none). The million-entry array of lists is made
 * at the first issue: a clean table needs none.
 */
export class RowIssues {
  lists: (RowIssue[] | undefined)[] | null = null;

  constructor(public length: number) {}

  add(i: number, issue: RowIssue): void {
    const lists = (this.lists ??= new Array<RowIssue[] | undefined>(this.length));
    const list = lists[i];
    if (list) list.push(issue);
    else lists[i] = [issue];
  }
}

const issueValue = (cell: Cell): RowIssue['value'] => {
  if (cell === undefined || cell === null) return null;
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : String(cell);
  return cell;
};

export function addIssue(
  issues: RowIssues,
  i: number,
  code: IssueCode,
  field: Field | null,
  column: string | null,
  value: RowIssue['value'],
): void {
  issues.add(i, { code, field, column, value });
}

function isEmptyRow(row: readonly Cell[], width: number): boolean {
  const len = Math.max(row.length, width);
  for (let c = 0; c < len; c++) if (!emptyCell(row[c])) return false;
  return true;
}

const BLOCK = 1024;
const QUADRANT_CODE = Object.fromEntries(QUADRANTS.map((q, k) => [q, k + 1])) as Record<Quadrant, number>;
// Module-local references to the imported constants and functions used for every cell: compiled
// to CommonJS (tsx, jest), an imported binding is a property read through a getter on every use,
// which the optimiser does not always fold away.
const SERIAL_MAX = MAX_SERIAL;
const SERIAL_EPOCH = EXCEL_EPOCH_SERIAL;
const emptyCell = isEmptyCell;
const errorValue = isErrorValue;
const space = isSpace;
const plainNumber = plainNumberOf;
const isoDate = plainDate;

/** Reads the mapped columns of the data rows. Throws NO_DATA_ROWS when there is no data row. */
/**
 * `date1904`: the workbook counts date serials from 1904-01-01 = 0 (Excel's 1904 date system), so a serial
 * is 1,462 days less than the same day's 1900-system serial.
 */
export function readColumns(table: Table, mapping: ResolvedMapping, date1904 = false): Columns {
  const dataRows = Math.max(0, table.length - 1);
  const builder = columnsBuilder(table[0] ?? [], mapping, dataRows, date1904);
  for (let from = 1; from < table.length; from += BLOCK) {
    const to = Math.min(table.length, from + BLOCK);
    builder.add(table.slice(from, to), to - from);
  }
  return builder.finish(dataRows);
}

/**
 * Reads data rows into columns as they come, a block at a time (readColumns for a whole table;
 * the command line for a file read in blocks, which need not be held at once).
 */
export interface ColumnsBuilder {
  /** The next `count` data rows (a missing or all-empty row is skipped, §1). */
  add(rows: readonly (readonly Cell[] | undefined)[], count: number): void;
  /**
   * What the rows added so far were read into, as plain data (it may be sent to another thread):
   * a builder of the same header and mapping can absorb it as its next rows. For a table read in
   * two parts at once (the command line's second thread); no `finish` is needed after it.
   */
  part(): ColumnsPart;
  /** The rows of a part (see part), as the next data rows, as if they had been added here. */
  absorb(part: ColumnsPart): void;
  /** The columns, once every data row was added; `dataRows` is how many there were. */
  finish(dataRows: number): Columns;
}

/** The rows a builder read (see ColumnsBuilder.part): each array holds its `n` analysed rows. */
export interface ColumnsPart {
  /** Analysed rows. */
  n: number;
  /** Data rows seen (the analysed ones and the skipped empty ones). */
  seen: number;
  /** The 1-based data row (among `seen`) of each analysed row; null when none was skipped. */
  keep: number[] | null;
  /**
   * Typed arrays: a typed builder's own columns, seen up to `n` (a thread's message may hand over
   * their memory rather than copy it; the builder is not used after part()), or an array
   * builder's copied.
   */
  numbers: Partial<Record<Field, Float64Array>>;
  /** Each text column packed (packTexts), for the same reason. */
  texts: Partial<Record<Field, PackedTexts>>;
  codes: Partial<Record<CodeColumn, Uint8Array | Int32Array>>;
  /** [analysed row, its issues] for each row with any. */
  issues: [number, RowIssue[]][];
  /** Each column reader's own state (aligned with the mapped columns, left to right). */
  readers: unknown[];
}

type CodeColumn = 'idHash' | 'ratingLetter' | 'status' | 'statusKeyword' | 'exitReasonKeyword' | 'competitorOffer' | 'loanAdverse' | 'quadrantPrev';
const CODE_COLUMNS: readonly CodeColumn[] = ['idHash', 'ratingLetter', 'status', 'statusKeyword', 'exitReasonKeyword', 'competitorOffer', 'loanAdverse', 'quadrantPrev'];

/**
 * A builder for a table with this header row; `capacity` is at least the number of rows that
 * are not empty (the columns are made that long, then shortened to the rows read).
 */
export function columnsBuilder(
  headerRow: readonly Cell[],
  mapping: ResolvedMapping,
  capacity: number,
  date1904 = false,
  /** Number columns as Float64Array (a streamed table: see column.ts), else as arrays. */
  typed = false,
): ColumnsBuilder {
  const header = headerRow.map(headerText);
  const width = header.length;
  const cols: Columns = {
    n: capacity,
    rowNumber: null,
    skippedEmptyRows: 0,
    numbers: {},
    latestDate: {},
    newColumn: nanColumns(capacity, typed),
    ratingLetter: null,
    texts: {},
    idHash: null,
    status: null,
    statusKeyword: null,
    exitReasonKeyword: null,
    competitorOffer: null,
    loanAdverse: null,
    quadrantPrev: null,
    issues: new RowIssues(capacity),
  };

  // Fields in column order, so each row's issues read left to right.
  const order: { field: Field; col: number }[] = [];
  for (const [field, list] of Object.entries(mapping.columns) as [Field, number[]][]) {
    for (const col of list) order.push({ field, col });
  }
  order.sort((a, b) => a.col - b.col);
  // open_date only gives the tenure when tenure_years is not mapped (and asOf its latest date):
  // otherwise its dates are checked but not kept.
  const keepOpenDate = !mapping.columns.tenure_years?.length;
  // Made, with their columns, when the first rows come: allocating a million-row table's columns
  // takes a while (their memory is new to the process), and the command line's second thread is
  // told to start its part once the header is known (csvParts.ts), not after that.
  let made: ColumnReader[] | null = null;
  const readers = (): ColumnReader[] =>
    (made ??= order.map(({ field, col }) => columnReader(cols, header[col], field, col, field !== 'open_date' || keepOpenDate, date1904)));

  // A block of rows at a time: the block's analysed rows are found (a row whose cells are all
  // empty is skipped, §1), then every mapped column of them is read while they are in the cache.
  // (Reading a million-row table column by column missed the cache on every row; a separate pass
  // to find the empty rows cost one more walk through the table.)
  const block: (readonly Cell[])[] = new Array(BLOCK);
  let n = 0;
  // Data rows seen so far (the 1-based number of the last).
  let seen = 0;
  // The table row of each analysed row, once a row has been skipped (else row i is i + 1).
  let keep: number[] | null = null;
  const addBlock = (rows: readonly (readonly Cell[] | undefined)[], from: number, to: number) => {
    let m = 0;
    for (let k = from; k < to; k++) {
      const row = rows[k];
      const r = ++seen;
      if (row && !isEmptyRow(row, width)) {
        block[m++] = row;
        keep?.push(r);
      } else if (!keep) {
        keep = [];
        for (let j = 1; j < r; j++) keep.push(j);
      }
    }
    if (n + m > capacity) throw new Error(`columnsBuilder: more than ${capacity} rows`);
    for (const reader of readers()) reader.read(block, m, n);
    n += m;
  };
  return {
    add(rows, count) {
      for (let from = 0; from < count; from += BLOCK) addBlock(rows, from, Math.min(count, from + BLOCK));
    },
    part() {
      // First: the readers make the columns listed below (a part of no rows has them too).
      const states = readers().map((r) => r.part(n));
      const numbers: ColumnsPart['numbers'] = {};
      // Views of the columns, not copies: another thread is handed their memory (csvParts.ts).
      for (const [f, a] of Object.entries(cols.numbers) as [Field, NumberColumn][]) {
        if (a instanceof Float64Array) numbers[f] = a.subarray(0, n);
        else {
          const column = (numbers[f] = new Float64Array(n));
          for (let i = 0; i < n; i++) column[i] = a[i];
        }
      }
      const texts: ColumnsPart['texts'] = {};
      for (const [f, a] of Object.entries(cols.texts) as [Field, (string | null)[]][]) texts[f] = packTexts(a, n);
      const codes: ColumnsPart['codes'] = {};
      for (const c of CODE_COLUMNS) {
        const a = cols[c];
        if (a) codes[c] = a.subarray(0, n);
      }
      const issues: [number, RowIssue[]][] = [];
      const lists = cols.issues.lists;
      if (lists) for (let i = 0; i < n; i++) if (lists[i]) issues.push([i, lists[i] as RowIssue[]]);
      return { n, seen, keep, numbers, texts, codes, issues, readers: states };
    },
    absorb(p) {
      // First: the readers make the columns the part's are copied into.
      const mine = readers();
      if (n + p.n > capacity) throw new Error(`columnsBuilder: more than ${capacity} rows`);
      for (const [f, a] of Object.entries(p.numbers) as [Field, Float64Array][]) {
        const to = cols.numbers[f];
        if (!to) throw new Error(`columnsBuilder.absorb: no column ${f}`);
        if (to instanceof Float64Array) to.set(a.subarray(0, p.n), n);
        else for (let i = 0; i < p.n; i++) to[n + i] = a[i];
      }
      for (const [f, packed] of Object.entries(p.texts) as [Field, PackedTexts][]) {
        const to = cols.texts[f];
        if (!to) throw new Error(`columnsBuilder.absorb: no column ${f}`);
        unpackTexts(packed, to, n);
      }
      for (const c of CODE_COLUMNS) {
        const a = p.codes[c];
        const to = cols[c];
        if (!a !== !to) throw new Error(`columnsBuilder.absorb: column ${c} in one part only`);
        if (a && to) to.set(a.subarray(0, p.n), n);
      }
      for (const [i, list] of p.issues) for (const issue of list) cols.issues.add(n + i, issue);
      if (p.readers.length !== mine.length) throw new Error('columnsBuilder.absorb: another mapping');
      for (let k = 0; k < mine.length; k++) mine[k].absorb(p.readers[k], n, p.n);
      if (keep || p.keep) {
        if (!keep) {
          keep = [];
          for (let j = 1; j <= seen; j++) keep.push(j);
        }
        if (p.keep) for (const r of p.keep) keep.push(seen + r);
        else for (let j = 1; j <= p.seen; j++) keep.push(seen + j);
      }
      n += p.n;
      seen += p.seen;
    },
    finish(dataRows) {
      if (n === 0) throw new AnalysisError('NO_DATA_ROWS');
      cols.n = n;
      cols.rowNumber = keep;
      cols.skippedEmptyRows = dataRows - n;
      if (n < capacity) shorten(cols, n, typed);
      for (const reader of readers()) reader.finish(cols.rowNumber);
      return cols;
    },
  };
}

/** Cuts every column down to the n analysed rows. */
function shorten(cols: Columns, n: number, typed: boolean): void {
  for (const [f, a] of Object.entries(cols.numbers) as [Field, NumberColumn][]) cols.numbers[f] = columnPrefix(a, n);
  for (const a of Object.values(cols.texts)) a.length = n;
  cols.issues.length = n;
  if (cols.issues.lists) cols.issues.lists.length = n;
  const cut = (a: Uint8Array | null) => (a ? a.subarray(0, n) : null);
  cols.idHash = cols.idHash ? cols.idHash.subarray(0, n) : null;
  cols.ratingLetter = cut(cols.ratingLetter);
  cols.status = cut(cols.status);
  cols.statusKeyword = cut(cols.statusKeyword);
  cols.exitReasonKeyword = cut(cols.exitReasonKeyword);
  cols.competitorOffer = cut(cols.competitorOffer);
  cols.loanAdverse = cut(cols.loanAdverse);
  cols.quadrantPrev = cut(cols.quadrantPrev);
  cols.newColumn = nanColumns(n, typed);
}

/**
 * How the readers below take each column of a header, for a reader of the table's cells as bytes
 * (the command line's CSV reader): which cells it may hand over as numbers rather than as their
 * text, with exactly the outcome the text would have had.
 * - `number`: a plain decimal (plainNumber) may be its value: a number cell is read as it is, and
 *   the text would have been read by plainNumber.
 * - `fraction`: the same, for a value in [0, 1] (a percent column keeps the text of the others
 *   for their OUT_OF_RANGE issue).
 * - `date`: a plain ISO date may be its Excel serial (1900 system, 1 to MAX_SERIAL), which the
 *   reader turns back into the same day.
 * - `text`: the text.
 * - `unread`: no reader looks at the cell; only whether it is empty (isEmptyCell) counts.
 */
export type CellKind = 'unread' | 'number' | 'fraction' | 'date' | 'text';

/** The kind of each of the header's `width` columns under `mapping` (see CellKind). */
export function cellKinds(mapping: ResolvedMapping, width: number): CellKind[] {
  const kinds = new Array<CellKind>(width).fill('unread');
  for (const [field, list] of Object.entries(mapping.columns) as [Field, number[]][]) {
    const type = FIELD_DEF[field].type;
    const kind: CellKind = type === 'number' ? 'number' : type === 'percent' ? 'fraction' : type === 'date' ? 'date' : 'text';
    // A column read by two fields of different kinds is handed over as its text.
    for (const col of list) if (col < width) kinds[col] = kinds[col] === 'unread' || kinds[col] === kind ? kind : 'text';
  }
  return kinds;
}

/**
 * The number a cell of kind `kind` (number, fraction or date) whose text has the UTF-8 bytes
 * b[start, end) may be handed over as (see CellKind), or NaN: hand over its text.
 */
export function typedCell(kind: CellKind, b: Uint8Array, start: number, end: number): number {
  if (kind === 'date') {
    const serial = plainDateBytes(b, start, end) + SERIAL_EPOCH;
    return serial >= 1 && serial <= SERIAL_MAX ? serial : NaN;
  }
  const v = plainNumberBytes(b, start, end);
  if (kind === 'fraction') return v >= 0 && v <= 1 ? v : NaN;
  return kind === 'number' ? v : NaN;
}

interface ColumnReader {
  /** Reads the `count` rows of `rows` as analysed rows base, base + 1, … */
  read(rows: readonly (readonly Cell[])[], count: number, base: number): void;
  finish(rowNumber: number[] | null): void;
  /** What the reader keeps of its first `n` rows besides the columns (see ColumnsBuilder.part). */
  part(n: number): unknown;
  /** Such a state of another reader of the column, for its `count` rows read as rows base, base + 1, … */
  absorb(state: unknown, base: number, count: number): void;
}

const NOTHING = () => undefined;
const STATELESS = { part: NOTHING, absorb: NOTHING };

/** Reads one mapped column into `cols`, a block of rows at a time. */
function columnReader(cols: Columns, column: string, field: Field, col: number, keep: boolean, date1904: boolean): ColumnReader {
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
      // The texts of values outside [0, 1], for the OUT_OF_RANGE issues found at the end (a
      // number cell is its own value); other texts are not kept.
      const rawText: (string | undefined)[] = [];
      return {
        read(rows, count, base) {
          for (let k = 0; k < count; k++) {
            const i = base + k;
            const cell = rows[k][col];
            let v: ReturnType<typeof parseNumber>;
            // Most cells are finite numbers or blank: read them without the call.
            if (typeof cell === 'number' && cell - cell === 0) v = cell;
            else if (cell === '' || cell === null || cell === undefined) continue;
            else if (typeof cell === 'string' && !Number.isNaN((v = plainNumber(cell)))) {
              // A plain decimal (plainText.ts): what parseNumber would read, without its rules.
            } else {
              seen.value = false;
              v = parseNumber(cell, seen);
              if (fromPercent && seen.value && typeof v === 'number') fromPercent[i] = 1;
            }
            if (typeof v === 'number') {
              // Several volume columns are summed over the valid numbers (§4).
              if (multi && !fresh && !Number.isNaN(arr[i])) arr[i] += v;
              else arr[i] = v;
              if (fromPercent && typeof cell === 'string' && (v < 0 || v > 1)) rawText[i] = cell;
            } else if (v !== null) {
              if (v.issue === 'ERROR_VALUE') error(i, cell);
              else addIssue(issues, i, 'INVALID_NUMBER', field, column, issueValue(cell));
            }
          }
        },
        finish: fromPercent
          ? () => scalePercent(arr, fromPercent, issues, field, column, (i, v) => rawText[i] ?? v)
          : NOTHING,
        // A percent column is scaled once all its rows are known (scalePercent): which values
        // had a "%" and the texts of those outside [0, 1] go with the rows.
        part(count) {
          if (!fromPercent) return null;
          const texts: [number, string][] = [];
          rawText.forEach((t, i) => {
            if (t !== undefined && i < count) texts.push([i, t]);
          });
          return { fromPercent: fromPercent.slice(0, count), texts };
        },
        absorb(state, base, count) {
          if (!fromPercent) return;
          const s = state as { fromPercent: Uint8Array; texts: [number, string][] };
          fromPercent.set(s.fromPercent.subarray(0, count), base);
          for (const [i, t] of s.texts) rawText[base + i] = t;
        },
      };
    }
    case 'date': {
      const arr = keep ? (cols.numbers[field] = cols.newColumn()) : null;
      let latest = -Infinity;
      // A 1904-system serial is the same day's 1900-system serial less 1,462.
      const shift = date1904 ? DAYS_1904 : 0;
      const epoch = SERIAL_EPOCH - shift;
      const max = SERIAL_MAX - shift;
      return {
        read(rows, count, base) {
          for (let k = 0; k < count; k++) {
            const i = base + k;
            const cell = rows[k][col];
            let v: ReturnType<typeof parseDate>;
            // An Excel serial (the usual cell) without the call: parseDate's first case.
            if (typeof cell === 'number' && cell >= 1 && cell <= max) v = Math.floor(cell) - epoch;
            // A plain ISO date (plainText.ts), else the general rules.
            else if (typeof cell !== 'string' || Number.isNaN((v = isoDate(cell)))) v = parseDate(cell);
            if (typeof v === 'number') {
              if (arr) arr[i] = v;
              if (v > latest) latest = v;
            } else if (v !== null) {
              if (v.issue === 'ERROR_VALUE') error(i, cell);
              else addIssue(issues, i, 'INVALID_DATE', field, column, issueValue(cell));
            }
          }
        },
        finish() {
          if (latest !== -Infinity) cols.latestDate[field] = latest;
          else delete cols.latestDate[field];
        },
        part: () => latest,
        absorb(state) {
          if ((state as number) > latest) latest = state as number;
        },
      };
    }
    case 'rating': {
      const arr = (cols.numbers[field] = cols.newColumn());
      const letter = (cols.ratingLetter = new Uint8Array(n));
      const rating = memoized(parseRating);
      return {
        read(rows, count, base) {
          for (let k = 0; k < count; k++) {
            const i = base + k;
            const cell = rows[k][col];
            const v = rating(cell);
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
        ...STATELESS,
      };
    }
    case 'yesno': {
      const arr = (cols.competitorOffer = new Uint8Array(n));
      const parse = memoized(parseYesNo);
      return {
        read(rows, count, base) {
          for (let k = 0; k < count; k++) {
            const i = base + k;
            const cell = rows[k][col];
            const v = parse(cell);
            if (typeof v === 'boolean') arr[i] = v ? 1 : 0;
            else if (v !== null) error(i, cell);
          }
        },
        finish: NOTHING,
        ...STATELESS,
      };
    }
    case 'quadrant': {
      // Codes rather than a million-entry array of references (a byte a row).
      const arr = (cols.quadrantPrev = new Uint8Array(n));
      const parse = memoized(parseQuadrant);
      return {
        read(rows, count, base) {
          for (let k = 0; k < count; k++) {
            const i = base + k;
            const cell = rows[k][col];
            const v = parse(cell);
            if (v === null) continue;
            if (typeof v === 'string') arr[i] = QUADRANT_CODE[v];
            else if (v.issue === 'ERROR_VALUE') error(i, cell);
            else addIssue(issues, i, 'INVALID_QUADRANT', field, column, issueValue(cell));
          }
        },
        finish: NOTHING,
        ...STATELESS,
      };
    }
    default: {
      if (field === 'client_id' || field === 'client_name') {
        // Texts the result carries. Client ids are hashed here, while their characters are in
        // the cache (the duplicate check would otherwise read a million strings again).
        const arr: (string | null)[] = (cols.texts[field] = new Array<string | null>(n).fill(null));
        const hashes = field === 'client_id' ? (cols.idHash = new Int32Array(n)) : null;
        return {
          read(rows, count, base) {
            for (let k = 0; k < count; k++) {
              const i = base + k;
              const cell = rows[k][col];
              const s = textOrError(cell);
              if (s === null) error(i, cell);
              else if (s !== '') {
                arr[i] = s;
                if (hashes) hashes[i] = textHash(s);
              }
            }
          },
          finish: NOTHING,
        ...STATELESS,
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
      } else {
        // Nothing to classify: only error values are looked for (isErrorValue rejects a string
        // not starting with "#" at its first character).
        return {
          read(rows, count, base) {
            for (let k = 0; k < count; k++) {
              const cell = rows[k][col];
              if (errorValue(cell)) error(base + k, cell);
            }
          },
          finish: NOTHING,
        ...STATELESS,
        };
      }
      const ERROR = -1;
      const codeOf = (cell: Cell): number => {
        const s = textOrError(cell);
        return s === null ? ERROR : s === '' ? 0 : classify(s);
      };
      const memo = new TextMemo<number>(codeOf);
      return {
        read(rows, count, base) {
          for (let k = 0; k < count; k++) {
            const i = base + k;
            const cell = rows[k][col];
            const code = typeof cell === 'string' ? memo.get(cell) : codeOf(cell);
            if (code === ERROR) error(i, cell);
            else {
              if (codes) codes[i] = code & 3;
              if (keywords) keywords[i] = code >> 2;
            }
          }
        },
        finish: NOTHING,
        ...STATELESS,
      };
    }
  }
}

/** FNV-1a over the UTF-16 code units of a text. */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h;
}

/**
 * cellText of a cell, or null for an Excel error value. A string with nothing to trim is
 * returned as it is, without a trim() call (a million client ids).
 */
function textOrError(cell: Cell): string | null {
  if (typeof cell === 'string' && cell.length > 0) {
    const first = cell.charCodeAt(0);
    if (first !== 35 /* # */ && !space(first) && !space(cell.charCodeAt(cell.length - 1))) return cell;
  }
  return errorValue(cell) ? null : cellText(cell);
}

/** A reader memoised on string cells: yes/no words, grades, quadrant labels repeat in every row. */
function memoized<T>(read: (cell: Cell) => T): (cell: Cell) => T {
  const memo = new TextMemo<T>(read);
  return (cell) => (typeof cell === 'string' ? memo.get(cell) : read(cell));
}

/**
 * A memo of a function of the strings of one column, whose texts repeat down the column: a
 * 64-entry cache indexed by length and end characters, checked with ===, in front of a Map.
 * Most cells then cost one comparison of two short strings rather than a Map lookup, which
 * must hash the string — every cell of a workbook is a string of its own, hashed afresh.
 */
class TextMemo<T> {
  private readonly keys: (string | undefined)[] = new Array(64).fill(undefined);
  private readonly values: T[] = new Array(64);
  private readonly map = new Map<string, T>();

  constructor(private readonly compute: (text: string) => T) {}

  get(text: string): T {
    const n = text.length;
    const k = n === 0 ? 0 : (n * 31 + text.charCodeAt(0) * 7 + text.charCodeAt(n - 1)) & 63;
    if (this.keys[k] === text) return this.values[k];
    let v = this.map.get(text);
    if (v === undefined) {
      v = this.compute(text);
      if (this.map.size < 10000) this.map.set(text, v);
    }
    this.keys[k] = text;
    this.values[k] = v as T;
    return v as T;
  }
}

/**
 * Percent columns (§3): values read with "%" are fractions already; for the others, if every
 * valid value is ≤ 1 they are fractions, else percent points. Outside [0, 1] is OUT_OF_RANGE.
 */
function scalePercent(
  arr: NumberColumn,
  fromPercent: Uint8Array,
  issues: RowIssues,
  field: Field,
  column: string,
  raw: (i: number, value: number) => RowIssue['value'],
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
      addIssue(issues, i, 'OUT_OF_RANGE', field, column, raw(i, v));
    } else arr[i] = x;
  }
}
