/**
 * Counting a CSV's line ends (an upper bound of its records, streamInput.ts) and finding where to
 * cut it in two (csvParts.ts). Only node:fs: the worker counts its part with this before it loads
 * the analysis.
 */
import { promises as fs } from 'node:fs';

/** What a part of a file holds: its line ends (CR, LF or CRLF, one each) and whether any quote. */
export interface LineCount {
  lineEnds: number;
  quoted: boolean;
}

/**
 * The line ends and quotes of bytes [start, end) of a file (`start` at 0 or just after an LF). An
 * unreadable file throws what the caller says (the reading after says it the same way).
 */
export async function countLines(file: string, start: number, end: number): Promise<LineCount> {
  const h = await fs.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let lineEnds = 0;
    let quoted = false;
    let last = start === 0 ? -1 : 10;
    for (let at = start; at < end; ) {
      const { bytesRead } = await h.read(buf, 0, Math.min(buf.length, end - at), at);
      if (bytesRead === 0) break;
      const b = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      if (!quoted && b.indexOf(34) !== -1) quoted = true;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) if (!(i === 0 ? last === 13 : b[i - 1] === 13)) lineEnds++;
      for (let i = b.indexOf(13); i !== -1; i = b.indexOf(13, i + 1)) lineEnds++;
      last = b[bytesRead - 1];
      at += bytesRead;
    }
    return { lineEnds, quoted };
  } finally {
    await h.close();
  }
}

/**
 * How far into the file its second part starts. Past the middle: the worker starts later than
 * this thread (its thread and modules load, it counts its lines) and packs its columns for this
 * thread at the end. Measured on the million-row file read as bytes (csvTyped.ts): cut at 51.5%,
 * this thread waited 0.1 to 0.4 s for the worker; at 56%, the worker was done first. Since the
 * columns are typed arrays (column.ts) this thread reads quicker: at 56% it waited 0.3 to 0.5 s,
 * at 58% mostly not at all, at 62% the worker waited for it.
 */
const CUT_AT = 0.58;

/** Where to cut a file of `size` bytes: after the first LF from a little past its middle, or null. */
export async function findCut(file: string, size: number): Promise<number | null> {
  const middle = Math.floor(size * CUT_AT);
  const h = await fs.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const { bytesRead } = await h.read(buf, 0, buf.length, middle);
    const lf = buf.subarray(0, bytesRead).indexOf(10);
    return lf === -1 || middle + lf + 1 >= size ? null : middle + lf + 1;
  } finally {
    await h.close();
  }
}

