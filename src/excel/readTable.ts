/**
 * Reading the table (header + data rows) in row blocks, one `context.sync()` per block
 * [doc: excel-add-ins-ranges-large.md: "read in row or column blocks … start with 5k–20k rows"].
 * Each block is one `getRangeByIndexes` proxy loading only `values`.
 */
import type { Cell } from '../domain';
import type { Rect } from './address';
import { cellsBytes, READ_TARGET_BYTES } from './payload';

export const DEFAULT_BLOCK_ROWS = 10_000;
/** First-block cap before any value has been seen: 250k cells ≈ 4 MB at 16 bytes a cell. */
const FIRST_BLOCK_CELLS = 250_000;

export interface ReadOptions {
  blockRows: number;
  signal?: AbortSignal;
  onBlock?: (done: number, total: number) => void;
  /**
   * Extra loads to queue with the first block (the caller's checks); the returned function runs
   * after that sync and may throw (nothing has been written yet).
   */
  withFirstBlock?: () => () => void;
  /** Extra loads for each block, given the block's sheet rows [r0, r1); the function runs after its sync. */
  withEachBlock?: (r0: number, r1: number) => () => void;
}

/** Rows of the next block: the caller's size, lowered if the last block was heavy. */
function nextBlockRows(opts: ReadOptions, cols: number, bytesPerRow: number | null): number {
  let n = opts.blockRows;
  if (bytesPerRow === null) n = Math.min(n, Math.max(1, Math.floor(FIRST_BLOCK_CELLS / Math.max(1, cols))));
  else if (bytesPerRow > 0) n = Math.min(n, Math.max(1, Math.floor(READ_TARGET_BYTES / bytesPerRow)));
  return n;
}

/**
 * Reads `rect` (its first row is the header) and returns header + data rows, or null when the
 * signal aborted between blocks.
 */
export async function readRows(ctx: Excel.RequestContext, rect: Rect, opts: ReadOptions): Promise<Cell[][] | null> {
  const sheet = ctx.workbook.worksheets.getItem(rect.sheetName);
  const total = rect.rows - 1;
  const out: Cell[][] = [];
  let next = 0; // rows of rect read so far (header included)
  let bytesPerRow: number | null = null;
  let first = true;
  /** Rows of a block Excel refused to answer (set after a refusal: the retry takes half). */
  let cap = Infinity;
  while (next < rect.rows) {
    if (opts.signal?.aborted) return null;
    const want = Math.min(cap, nextBlockRows(opts, rect.cols, bytesPerRow) + (first ? 1 : 0));
    const n = Math.min(want, rect.rows - next);
    const block = sheet.getRangeByIndexes(rect.row + next, rect.col, n, rect.cols);
    block.load('values');
    const check = first && opts.withFirstBlock ? opts.withFirstBlock() : null;
    const each = opts.withEachBlock ? opts.withEachBlock(rect.row + next, rect.row + next + n) : null;
    try {
      await ctx.sync();
    } catch (e) {
      // The block is sized from the rows before it; much longer texts further down can still make Excel's
      // answer exceed 5 MB (ResponsePayloadSizeLimitExceeded, Excel on the web [doc:
      // resource-limits-and-performance-optimization.md]). Nothing was read or written: try half the rows.
      if ((e as { code?: unknown } | null)?.code !== 'ResponsePayloadSizeLimitExceeded' || n <= 1) throw e;
      cap = Math.max(1, Math.floor(n / 2));
      continue;
    }
    cap = Infinity;
    check?.();
    each?.();
    const values = block.values as Cell[][];
    for (const row of values) out.push(row);
    bytesPerRow = cellsBytes(values) / Math.max(1, n);
    next += n;
    first = false;
    opts.onBlock?.(Math.max(0, next - 1), total);
  }
  return out;
}
