/**
 * Reading a worksheet as a stream of rows, for the command line's input: the sheet part is
 * inflated and scanned a chunk at a time (JSZip's nodeStream, the library the annotated
 * workbook writer already uses), each complete <row> turned into the plain cells readXlsx gives,
 * and handed on; the shared strings and styles are read first, whole (they are small beside the
 * sheet). exceljs, which readXlsx uses, builds an object per cell for the whole workbook — most
 * of the time and memory of an .xlsx run — and SAX libraries would still call back per tag and
 * attribute; the sheet's XML is regular enough to scan with indexOf (as src/xlsx's sheet patcher
 * does when it writes).
 *
 * The cells are exactly exceljs's, as readXlsx.plainValue makes them (numbers by parseFloat, a
 * number with a date format a Date, shared and inline strings with their rich-text runs joined,
 * booleans, error texts, formula results). What this reader does not do as exceljs does —
 * merged cells, hyperlinks, ISO-date cells, a sheet it cannot make sense of — it does not guess:
 * it says `unsupported` and the caller reads the file with exceljs instead.
 */
import type JSZip from 'jszip';
import type { Cell } from '../domain';
import { partSize, partStream, partText } from '../xlsx/zipEntry';
import { MAX_ROW, parseRange } from './range';

/** The reason this reader leaves a file to exceljs. */
export class Unsupported extends Error {}

export interface SheetInfo {
  name: string;
  state: string;
  part: string;
}

export interface XlsxBook {
  zip: JSZip;
  sheets: SheetInfo[];
  strings: Cell[];
  dateStyle: Uint8Array;
  date1904: boolean;
}

// exceljs's built-in number formats (the ids a file may use without defining them).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain data module of exceljs without type declarations
const BUILT_IN_FORMATS = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string } | undefined>;

/** exceljs's utils.isDateFmt: date or time characters outside quotes and brackets. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its character and entity references replaced. */
export function xmlText(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    name ? NAMED[name] : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
}

function attr(tag: string, name: string): string | undefined {
  const at = tag.indexOf(` ${name}="`);
  if (at === -1) return undefined;
  const from = at + name.length + 3;
  return xmlText(tag.slice(from, tag.indexOf('"', from)));
}

/** The texts of the <t> elements of a string item (<si> or <is>), its phonetic runs (<rPh>) left out. */
function itemText(xml: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const t = xml.indexOf('<t', i);
    if (t === -1) return out;
    const c = xml.charCodeAt(t + 2);
    if (c !== 62 /* > */ && c !== 32 && c !== 47 /* / */) {
      i = t + 2;
      continue;
    }
    const ph = xml.lastIndexOf('<rPh', t);
    if (ph !== -1 && xml.indexOf('</rPh>', ph) > t) {
      i = xml.indexOf('</rPh>', ph) + 6;
      continue;
    }
    const open = xml.indexOf('>', t);
    if (xml.charCodeAt(open - 1) === 47) {
      i = open + 1;
      continue;
    }
    const close = xml.indexOf('</t>', open);
    out += xmlText(xml.slice(open + 1, close));
    i = close + 4;
  }
}

function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
}

/** The workbook's sheets, shared strings and date styles; Unsupported when a part is not as expected. */
export async function openBook(bytes: Uint8Array): Promise<XlsxBook> {
  let zip: JSZip;
  try {
    // Loaded for a workbook only (a CSV run needs none of it).
    const { default: Zip } = await import('jszip');
    zip = await Zip.loadAsync(bytes);
  } catch (e) {
    throw new Unsupported(String(e));
  }
  const text = async (name: string) => (zip.file(name) ? await partText(zip.file(name)!) : null);
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new Unsupported('no xl/workbook.xml');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, partPath(target));
  }
  const sheets: SheetInfo[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const part = targets.get(attr(m[0], 'r:id') ?? '');
    if (name === undefined || !part || !zip.file(part)) throw new Unsupported(`sheet ${name} has no part`);
    sheets.push({ name, state: attr(m[0], 'state') ?? 'visible', part });
  }
  const pr = /<workbookPr\b[^>]*>/.exec(workbook);
  const d1904 = pr ? attr(pr[0], 'date1904') : undefined;
  const date1904 = d1904 === '1' || d1904 === 'true';

  const strings: Cell[] = [];
  const shared = await text('xl/sharedStrings.xml');
  if (shared) {
    for (let i = shared.indexOf('<si'); i !== -1; ) {
      const end = shared.indexOf('</si>', i);
      const open = shared.indexOf('>', i);
      if (shared.charCodeAt(open - 1) === 47) {
        strings.push('');
        i = shared.indexOf('<si', open);
        continue;
      }
      strings.push(itemText(shared.slice(open + 1, end)));
      i = shared.indexOf('<si', end);
    }
  }

  const custom = new Map<number, string>();
  const styles = (await text('xl/styles.xml')) ?? '';
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) custom.set(Number(attr(m[0], 'numFmtId')), attr(m[0], 'formatCode') ?? '');
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles);
  const ids = xfs ? [...xfs[1].matchAll(/<xf\b[^>]*>/g)].map((m) => Number(attr(m[0], 'numFmtId') ?? 0)) : [];
  const dateStyle = Uint8Array.from(ids, (id) => (id && isDateFormat(custom.get(id) ?? BUILT_IN_FORMATS[id]?.f) ? 1 : 0));
  return { zip, sheets, strings, dateStyle, date1904 };
}

/** The column number of a cell reference's letters ("AB12" → 28), or 0. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + c - 64;
    else break;
  }
  return n;
}

const excelDate = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/** One <c> element's value, as exceljs and plainValue read it. */
function cellOf(tag: string, body: string, book: XlsxBook): Cell {
  const t = attr(tag, 't');
  const s = attr(tag, 's');
  let v: string | undefined;
  const vAt = body.indexOf('<v');
  if (vAt !== -1) {
    const open = body.indexOf('>', vAt);
    if (body.charCodeAt(open - 1) !== 47) v = xmlText(body.slice(open + 1, body.indexOf('</v>', open)));
  }
  if (t === 'inlineStr') {
    const is = body.indexOf('<is');
    if (is !== -1) v = itemText(body.slice(is, body.indexOf('</is>', is)));
  }
  return valueOf(t, s !== undefined && book.dateStyle[Number(s)] === 1, v, body.indexOf('<f') !== -1, book);
}

/** A cell's value from its type `t`, whether its style is a date format, its <v> text and whether it has a formula. */
function valueOf(t: string | undefined, date: boolean, v: string | undefined, formula: boolean, book: XlsxBook): Cell {
  if (v === '' || v === undefined) {
    // exceljs keeps no value for an empty <v> (nor a formula result).
    return null;
  }
  // exceljs reads a formula's result by t: "str", "b", "e", else a number (a Date in a date format).
  if (formula && date && (t === 'str' || t === 'b' || t === 'e')) throw new Unsupported('a text result in a date format');
  if (formula && t === 's') return parseFloat(v);
  switch (t) {
    case 's': {
      const str = book.strings[parseInt(v, 10)];
      return str === undefined ? null : str;
    }
    case 'str':
      if (v.indexOf('&') !== -1) throw new Unsupported('an escaped formula text'); // exceljs decodes it twice
      return v;
    case 'inlineStr':
      return formula ? parseFloat(v) : v;
    case 'b':
      return parseInt(v, 10) !== 0;
    case 'e':
      return v;
    case undefined:
    case 'n': {
      const n = parseFloat(v);
      return date ? excelDate(n, book.date1904) : n;
    }
    default:
      throw new Unsupported(`cell type ${t}`);
  }
}

/** What plainCell read: the cell's column and value. */
let plainCol = 0;
let plainValue: Cell = null;

/**
 * The common forms of a cell, read in one walk over its characters (no indexOf, no string but
 * the value's): `<c r="B2" s="3" t="s"><v>12</v></c>` with any of r, s and t in any order, or
 * the same empty (`/>`, `></c>`, `<v></v>`). Returns where the cell ends (its value in plainCol
 * and plainValue, as cellOf reads it), or -1 for anything else (another attribute, a formula, an
 * inline string, an entity, the text's end), which the general path reads.
 */
function plainCell(text: string, lt: number, lastCol: number, book: XlsxBook): number {
  const end = text.length;
  let j = lt + 2;
  let col = -1;
  let style = -1;
  let tFrom = -1;
  let tTo = -1;
  for (;;) {
    if (j >= end) return -1;
    let c = text.charCodeAt(j);
    if (c === 62 /* > */) {
      j++;
      break;
    }
    if (c === 47 /* / */) {
      if (text.charCodeAt(j + 1) !== 62) return -1;
      plainCol = col === -1 ? lastCol + 1 : col;
      plainValue = null;
      return j + 2;
    }
    if (c !== 32) return -1;
    const name = text.charCodeAt(j + 1);
    if (text.charCodeAt(j + 2) !== 61 || text.charCodeAt(j + 3) !== 34) return -1;
    j += 4;
    const from = j;
    if (name === 114 /* r */) {
      if (col !== -1) return -1;
      col = 0;
      let digits = false;
      for (; j < end && (c = text.charCodeAt(j)) !== 34; j++) {
        if (c >= 65 && c <= 90 && !digits) col = col * 26 + c - 64;
        else if (c >= 48 && c <= 57) digits = true;
        else return -1;
      }
      if (j === from) col = -1; // r="": as no reference
    } else if (name === 115 /* s */) {
      if (style !== -1) return -1;
      style = 0;
      for (; j < end && (c = text.charCodeAt(j)) !== 34; j++) {
        if (c < 48 || c > 57) return -1;
        style = style * 10 + c - 48;
      }
      if (j === from) return -1;
    } else if (name === 116 /* t */) {
      if (tFrom !== -1) return -1;
      for (; j < end && (c = text.charCodeAt(j)) !== 34; j++) if (c === 38) return -1;
      tFrom = from;
      tTo = j;
    } else return -1;
    if (j >= end) return -1;
    j++; // the closing quote
  }
  // The body: nothing, or <v>…</v>; then </c>.
  let vFrom = -1;
  let vTo = -1;
  if (text.charCodeAt(j) === 60 && text.charCodeAt(j + 1) === 118 && text.charCodeAt(j + 2) === 62) {
    j += 3;
    vFrom = j;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === 60) break;
      if (c === 38) return -1;
    }
    vTo = j;
    if (j + 4 > end || text.charCodeAt(j + 1) !== 47 || text.charCodeAt(j + 2) !== 118 || text.charCodeAt(j + 3) !== 62) return -1;
    j += 4;
  }
  if (j + 4 > end || text.charCodeAt(j) !== 60 || text.charCodeAt(j + 1) !== 47 || text.charCodeAt(j + 2) !== 99 || text.charCodeAt(j + 3) !== 62) return -1;
  plainCol = col === -1 ? lastCol + 1 : col;
  if (vFrom === vTo) {
    plainValue = null;
    return j + 4;
  }
  const date = style !== -1 && book.dateStyle[style] === 1;
  const tLen = tTo - tFrom;
  if (tFrom === -1 || (tLen === 1 && text.charCodeAt(tFrom) === 110) /* n */) {
    plainValue = date ? excelDate(numberAt(text, vFrom, vTo), book.date1904) : numberAt(text, vFrom, vTo);
  } else if (tLen === 1 && text.charCodeAt(tFrom) === 115 /* s */) {
    let index = 0;
    for (let k = vFrom; k < vTo; k++) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9 || k - vFrom > 9) return -1;
      index = index * 10 + d;
    }
    const str = book.strings[index];
    plainValue = str === undefined ? null : str;
  } else {
    const t = text.slice(tFrom, tTo);
    if (t === 'inlineStr') return -1;
    plainValue = valueOf(t, date, text.slice(vFrom, vTo), false, book);
  }
  return j + 4;
}

/** parseFloat of text[from..to): a plain integer of up to 15 digits read in place, else parseFloat. */
function numberAt(text: string, from: number, to: number): number {
  let k = from;
  const negative = text.charCodeAt(k) === 45;
  if (negative) k++;
  if (to - k >= 1 && to - k <= 15) {
    let n = 0;
    for (; k < to; k++) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (k === to) return negative ? -n : n;
  }
  return parseFloat(text.slice(from, to));
}

export interface SheetScan {
  /** Called for each row with content, in order: 1-based row number, cells[0] in column A. */
  row(r: number, cells: Cell[]): void;
  /** Awaited after each chunk of the sheet (a writer of what the rows gave). */
  afterChunk?: () => Promise<void>;
}

/**
 * Reads a sheet's rows in order. Throws Unsupported when the sheet has what this reader leaves to
 * exceljs (merged cells, hyperlinks, cells it does not know).
 */
export async function scanSheet(book: XlsxBook, part: string, scan: SheetScan): Promise<void> {
  const file = book.zip.file(part);
  if (!file) throw new Unsupported(`no ${part}`);
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let inData = false;
  let done = false;
  let tail = '';
  let lastRow = 0;
  let cells: Cell[] | null = null;
  let rowNumber = 0;
  let lastCol = 0;
  const endRow = () => {
    if (cells) scan.row(rowNumber, cells);
    cells = null;
  };
  /** Parses what is complete of `text`; returns the rest. */
  const parse = (text: string): string => {
    let i = 0;
    if (!inData) {
      const at = text.indexOf('<sheetData');
      if (at === -1) return text.slice(Math.max(0, text.length - 16));
      const open = text.indexOf('>', at);
      if (open === -1) return text.slice(at);
      inData = true;
      if (text.charCodeAt(open - 1) === 47) {
        done = true;
        tail = text.slice(open + 1);
        return '';
      }
      i = open + 1;
    }
    for (;;) {
      const lt = text.charCodeAt(i) === 60 ? i : text.indexOf('<', i);
      if (lt === -1) return '';
      if (text.charCodeAt(lt + 1) === 99 && text.charCodeAt(lt + 2) === 32) {
        const after = plainCell(text, lt, lastCol, book);
        if (after !== -1) {
          lastCol = plainCol;
          if (plainValue !== null) (cells ??= [])[plainCol - 1] = plainValue;
          i = after;
          continue;
        }
      }
      const gt = text.indexOf('>', lt);
      if (gt === -1) return text.slice(lt);
      const c1 = text.charCodeAt(lt + 1);
      if (c1 === 99 /* c */ && (text.charCodeAt(lt + 2) === 32 || text.charCodeAt(lt + 2) === 62 || text.charCodeAt(lt + 2) === 47)) {
        const tag = text.slice(lt, gt + 1);
        let body = '';
        let next = gt + 1;
        if (text.charCodeAt(gt - 1) !== 47) {
          const close = text.indexOf('</c>', gt);
          if (close === -1) return text.slice(lt);
          body = text.slice(gt + 1, close);
          next = close + 4;
        }
        const ref = attr(tag, 'r');
        const col = ref ? columnOf(ref) : lastCol + 1;
        lastCol = col;
        const value = body === '' ? null : cellOf(tag, body, book);
        if (value !== null) (cells ??= [])[col - 1] = value;
        i = next;
        continue;
      }
      if (c1 === 114 /* r */ && text.startsWith('<row', lt) && (text.charCodeAt(lt + 4) === 32 || text.charCodeAt(lt + 4) === 62)) {
        endRow();
        const r = attr(text.slice(lt, gt + 1), 'r');
        rowNumber = r ? Number(r) : lastRow + 1;
        lastRow = rowNumber;
        lastCol = 0;
        i = gt + 1;
        continue;
      }
      if (text.startsWith('</row>', lt)) {
        endRow();
        i = gt + 1;
        continue;
      }
      if (text.startsWith('</sheetData>', lt)) {
        endRow();
        done = true;
        tail = text.slice(gt + 1);
        return '';
      }
      i = gt + 1;
    }
  };
  const checkTail = (text: string) => {
    tail = (tail + text).slice(-1 << 16);
    if (/<mergeCell\b|<hyperlink\b/.test(tail)) throw new Unsupported('merged cells or hyperlinks');
    tail = tail.slice(-16);
  };
  await new Promise<void>((resolve, reject) => {
    const helper = partStream(file);
    let failed = false;
    helper.on('data', (chunk: Uint8Array) => {
      if (failed) return;
      try {
        const text = decoder.decode(chunk, { stream: true });
        if (done) checkTail(text);
        else {
          pending = parse(pending + text);
          if (done) checkTail('');
        }
        if (scan.afterChunk) {
          helper.pause();
          scan.afterChunk().then(
            () => helper.resume(),
            (e: unknown) => {
              failed = true;
              reject(e);
            },
          );
        }
      } catch (e) {
        failed = true;
        helper.pause();
        reject(e);
      }
    });
    helper.on('error', (e: Error) => {
      failed = true;
      reject(new Unsupported(String(e)));
    });
    helper.on('end', () => {
      if (failed) return;
      try {
        const rest = decoder.decode();
        if (!done) pending = parse(pending + rest);
        else checkTail(rest);
        if (!done) throw new Unsupported('no end of sheetData');
        resolve();
      } catch (e) {
        reject(e);
      }
    });
    helper.resume();
  });
}

/** An upper bound of a sheet's rows with content: its <row elements, counted in the inflated bytes. */
export async function countRows(book: XlsxBook, part: string): Promise<number> {
  const file = book.zip.file(part);
  if (!file) throw new Unsupported(`no ${part}`);
  const needle = Buffer.from('<row');
  let count = 0;
  let carry = Buffer.alloc(0);
  await new Promise<void>((resolve, reject) => {
    const helper = partStream(file);
    helper.on('data', (chunk: Uint8Array) => {
      const b = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      for (let i = b.indexOf(needle); i !== -1; i = b.indexOf(needle, i + 4)) count++;
      carry = Buffer.from(b.subarray(Math.max(0, b.length - 3)));
    });
    helper.on('error', (e: Error) => reject(new Unsupported(String(e))));
    helper.on('end', () => resolve());
    helper.resume();
  });
  return count + 1;
}

// The fewest bytes a row with content takes in a sheet part: <row><c><v>1</v></c></row>.
const MIN_ROW_BYTES = 26;

/**
 * A bound of the sheet's rows with content, without countRows' pass through the whole part: the
 * last row of its <dimension> (the used range Excel writes before the rows), read from the part's
 * first bytes; else (a dimension grown by formatting, or none, as exceljs's streaming writer
 * leaves it) as many rows as the part's inflated size could hold. Null when JSZip does not give
 * the size. The columns are made this long, then cut to the rows read.
 */
export async function rowBound(book: XlsxBook, part: string): Promise<number | null> {
  const file = book.zip.file(part);
  if (!file) throw new Unsupported(`no ${part}`);
  const size = partSize(file);
  if (size === null) return null;
  const bySize = Math.max(1, Math.min(MAX_ROW, Math.floor(size / MIN_ROW_BYTES)));
  const decoder = new TextDecoder('utf-8');
  let head = '';
  const stream = partStream(file);
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      head += decoder.decode(chunk, { stream: true });
      if (head.indexOf('<sheetData') !== -1 || head.length > 1 << 20) break;
    }
  } catch {
    return null; // scanSheet says what is wrong with the part
  } finally {
    stream.destroy();
  }
  const data = head.indexOf('<sheetData');
  // The ref is a range (A1:R2001) or one cell (A1), read as --range reads a range.
  const ref = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(data === -1 ? head : head.slice(0, data))?.[1] ?? '';
  const rows = parseRange(ref.includes(':') ? ref : `${ref}:${ref}`)?.range.bottom ?? 0;
  return rows >= 1 && rows <= bySize ? rows : bySize;
}
