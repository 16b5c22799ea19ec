/**
 * Finding the table in a stream of rows (a CSV's records, a worksheet's rows) without holding
 * them: the same table readInput finds in the whole grid — the used range (the smallest
 * rectangle holding every non-empty cell) or the --range given, its first row the header, an
 * earlier run's output columns left out — handed on a block of rows at a time.
 *
 * Without --range the table's left edge is only known at the end; it is taken to be the header
 * row's first non-empty cell, and `misplaced` says when a later row had a cell further left (the
 * caller then reads again with the range found: rare, and still exact).
 */
import { headerText, labels, LOCALES, type Cell } from '../domain';
import type { CellRange } from './range';

const isEmpty = (c: Cell) => c === null || c === undefined || c === '';
const NO_CELLS: readonly Cell[] = Object.freeze([]);
const BLOCK = 1024;

/** Where an earlier run's output columns start in a header (an index), or -1 (see withoutOutputColumns). */
export function outputColumnsAt(header: readonly Cell[]): number {
  const h = labels.OUTPUT_HEADERS;
  const text = header.map(headerText);
  for (let i = 1; i + 2 < text.length; i++) {
    if (LOCALES.some((l) => text[i] === h.share[l] && text[i + 1] === h.loyalty[l] && text[i + 2] === h.quadrant[l])) return i;
  }
  return -1;
}

export interface TableSink {
  /** The header row, as wide as the table is known to be; first, before any data row. */
  header(cells: readonly Cell[]): void;
  /** The next `count` data rows (an empty row may be an empty array). */
  rows(rows: readonly (readonly Cell[])[], count: number): void;
}

/**
 * Where a table stands once its header was found (no --range): what a finder of a later part of
 * the same rows needs to go on from record `lastRow` (see TableFinder.continuing).
 */
export interface TableSoFar {
  top: number;
  from: number;
  width: number;
  lastRow: number;
}

/** What a finder of a later part of the rows found (TableFinder.partEnd), for the first's absorb. */
export interface FoundPart {
  /** Rows handed on (the empty ones between data rows too). */
  dataRows: number;
  /** The last non-empty row, or 0 when the part had none. */
  bottom: number;
  left: number;
  right: number;
  misplaced: boolean;
  lastRow: number;
}

export interface FoundTable {
  /** The table's range (after the output columns are left out); null when nothing is in the rows. */
  range: CellRange | null;
  /** The number of data rows (rows below the header, to the range's bottom). */
  dataRows: number;
  /** A row had a cell left of the header's first one: read again with `range`. */
  misplaced: boolean;
  /** With a given range: whether any cell in it is non-empty. */
  anyCell: boolean;
}

/**
 * Takes rows in order (`row(r, cells)`: 1-based sheet row r, cells[0] in column 1) and hands the
 * table's rows to the sink, cropped to the table's columns; `end()` says what the table was.
 */
export class TableFinder {
  private top = 0;
  private bottom = 0;
  private left = Infinity;
  private right = 0;
  /** The columns handed on: from `from` (0-based), `width` of them (Infinity: the whole row). */
  private from = 0;
  private width = Infinity;
  private lastRow = 0;
  private pendingEmpty = 0;
  private misplaced = false;
  private anyCell = false;
  private dataRows = 0;
  private readonly block: (readonly Cell[])[] = [];

  constructor(
    private readonly sink: TableSink,
    private readonly given: CellRange | undefined,
    /** The empty cell of a short row (a CSV's ""; a sheet's null). */
    private readonly blank: Cell,
  ) {}

  /**
   * A finder of the rows after record `soFar.lastRow`, for a table whose header an earlier finder
   * found: its rows go on as that finder's would (partEnd says what it found).
   */
  static continuing(sink: TableSink, soFar: TableSoFar, blank: Cell): TableFinder {
    const f = new TableFinder(sink, undefined, blank);
    f.top = soFar.top;
    f.from = soFar.from;
    f.width = soFar.width;
    f.lastRow = soFar.lastRow;
    return f;
  }

  /** Where the table stands after record `lastRow` (null before the header, or with a --range). */
  soFar(lastRow: number): TableSoFar | null {
    if (this.given || this.top === 0) return null;
    return { top: this.top, from: this.from, width: this.width, lastRow };
  }

  /** The end of a continuing finder's rows: what it found, its rows all handed on. */
  partEnd(): FoundPart {
    this.flush();
    return { dataRows: this.dataRows, bottom: this.bottom, left: this.left, right: this.right, misplaced: this.misplaced, lastRow: this.lastRow };
  }

  /**
   * The rows a continuing finder found after this one's last record, `lastRecord`: the empty
   * rows between are handed on, then `absorbRows` hands on the part's own rows (they went to
   * another sink), and the table's extent grows by the part's.
   */
  absorb(part: FoundPart, lastRecord: number, absorbRows: () => void): void {
    if (part.bottom === 0) return;
    if (part.left < this.left) this.left = part.left;
    if (part.right > this.right) this.right = part.right;
    this.bottom = part.bottom;
    if (part.misplaced) this.misplaced = true;
    if (this.misplaced) return;
    this.emptyRows(lastRecord - this.lastRow);
    this.flush();
    absorbRows();
    this.dataRows += part.dataRows;
    this.lastRow = part.lastRow;
  }

  row(r: number, cells: readonly Cell[]): void {
    const g = this.given;
    if (g) {
      if (r < g.top || r > g.bottom) return;
      const line = this.crop(cells, g.left - 1, g.right - g.left + 1);
      if (!this.anyCell && line.some((c) => !isEmpty(c))) this.anyCell = true;
      if (r === g.top) return this.start(line, r);
      if (this.top === 0) this.start(this.crop(NO_CELLS, 0, g.right - g.left + 1), g.top);
      this.emptyRows(r - this.lastRow - 1);
      this.push(line, r);
      return;
    }
    let first = -1;
    let last = -1;
    for (let j = 0; j < cells.length; j++) {
      if (isEmpty(cells[j])) continue;
      if (first < 0) first = j;
      last = j;
    }
    if (first < 0) return;
    if (first + 1 < this.left) this.left = first + 1;
    if (last + 1 > this.right) this.right = last + 1;
    if (this.top === 0) {
      this.from = first;
      const header = cells.slice(first);
      const at = outputColumnsAt(header);
      if (at >= 0) this.width = at;
      return this.start(this.width === Infinity ? header : header.slice(0, this.width), r);
    }
    this.bottom = r;
    if (first < this.from) this.misplaced = true;
    if (this.misplaced) return;
    this.emptyRows(r - this.lastRow - 1);
    if (this.from === 0 && this.width === Infinity) this.push(cells, r);
    else this.push(this.crop(cells, this.from, Math.min(this.width, Math.max(0, cells.length - this.from))), r);
  }

  end(): FoundTable {
    const g = this.given;
    if (g) {
      if (this.top === 0) this.start(this.crop(NO_CELLS, 0, g.right - g.left + 1), g.top);
      this.flush();
      let range: CellRange = g;
      if (this.width !== Infinity) range = { ...g, right: g.left + this.width - 1 };
      return { range, dataRows: g.bottom - g.top, misplaced: false, anyCell: this.anyCell };
    }
    this.flush();
    if (this.top === 0) return { range: null, dataRows: 0, misplaced: false, anyCell: false };
    const bottom = Math.max(this.top, this.bottom);
    let right = this.right;
    if (this.width !== Infinity && !this.misplaced) right = this.from + this.width;
    const range = { top: this.top, left: this.left, bottom, right };
    return { range, dataRows: bottom - this.top, misplaced: this.misplaced, anyCell: true };
  }

  private start(header: readonly Cell[], r: number): void {
    this.top = r;
    this.lastRow = r;
    if (this.given && this.width === Infinity) {
      const at = outputColumnsAt(header);
      if (at >= 0) {
        this.width = at;
        header = header.slice(0, at);
      }
    }
    this.sink.header(header);
  }

  /** cells[from … from + width), as wide as that (short rows padded with the blank cell). */
  private crop(cells: readonly Cell[], from: number, width: number): Cell[] {
    if (this.given && this.width !== Infinity) width = Math.min(width, this.width);
    const out = new Array<Cell>(width);
    for (let j = 0; j < width; j++) {
      const c = cells[from + j];
      out[j] = c === undefined ? this.blank : c;
    }
    return out;
  }

  private emptyRows(count: number): void {
    for (let k = 0; k < count; k++) this.push(NO_CELLS, 0);
  }

  private push(cells: readonly Cell[], r: number): void {
    if (r !== 0) this.lastRow = r;
    this.block.push(cells);
    this.dataRows++;
    if (this.block.length >= BLOCK) this.flush();
  }

  private flush(): void {
    if (this.block.length) this.sink.rows(this.block, this.block.length);
    this.block.length = 0;
  }
}
