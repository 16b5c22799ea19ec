/**
 * A progress line on standard error for large inputs, only when it is a terminal (so logs and
 * pipes stay clean). It redraws one line in place and erases itself when done.
 */
import type { TextWriter } from './sink';

export const LARGE_INPUT_ROWS = 50_000;
const BAR = 24;

export interface Progress {
  /** A phase with a count but no known end (reading). */
  count(label: string): void;
  /** A phase with a bar; done/total. */
  bar(label: string, done: number, total: number): void;
  end(): void;
}

export function createProgress(stderr: TextWriter, isTTY: boolean): Progress {
  let shown = false;
  let last = '';
  const draw = (line: string) => {
    if (!isTTY || line === last) return;
    last = line;
    shown = true;
    stderr.write(`\r\x1b[K${line}`);
  };
  return {
    count: (label) => draw(label),
    bar: (label, done, total) => {
      const f = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(f * BAR);
      draw(`${label} [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${Math.floor(f * 100)}%`);
    },
    end: () => {
      if (shown) stderr.write('\r\x1b[K');
      shown = false;
      last = '';
    },
  };
}
