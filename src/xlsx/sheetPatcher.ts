/**
 * Adds the output columns to the client sheet's part as it streams through: every row of the
 * table gets its output cells (replacing any earlier run's cells in those columns), and the rest
 * of the part — every other cell, row attribute and element — passes through as it was. Also
 * widens <dimension>, adds column widths, the conditional fills and the chart's <drawing>.
 *
 * Streaming, rather than reading the whole part into one string, because a sheet of a few
 * hundred thousand rows is hundreds of megabytes of XML (a JavaScript string holds at most
 * about half a gigabyte).
 */
import { columnLetters, columnNumber } from '../domain';
import { colXml } from './cellXml';
import { XmlBytes } from './xmlBytes';

export interface SheetPatch {
  /** Table rows, 1-based sheet rows (the header row is `top`). */
  top: number;
  bottom: number;
  /** First output column (1-based) and how many. */
  first: number;
  count: number;
  /**
   * Writes the output cells of a sheet row of the table to `out`, as XML with the part's element
   * prefix (`prefix`, e.g. '' or 'x:'), in column order; nothing when the row has none.
   */
  cells(row: number, prefix: string, out: XmlBytes): void;
  /** Column widths to set where the part gives none: 1-based column → width. */
  widths: Map<number, number>;
  /**
   * <conditionalFormatting> elements to add (with the part's prefix); existing ones on the same
   * ranges (an earlier run's) are replaced. Rule priorities are written `priority="@k"` (k from
   * 1): they are numbered after the sheet's own rules, which keep precedence.
   */
  conditionalFormats: { sqref: string; xml: (prefix: string) => string }[];
  /** When set, a <drawing> with this relationship id is added (the sheet has none yet). */
  drawingRelId: string | null;
}

const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Top-level worksheet elements after sheetData, in schema order (CT_Worksheet). */
const AFTER_SHEET_DATA = [
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** "AB12" → [12, 28]. */
function parseRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  return m ? [Number(m[2]), columnNumber(m[1])] : null;
}

type Phase = 'head' | 'rows' | 'tail';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** A text as the patcher reads the part: its UTF-8 bytes, one latin1 character each. */
function asLatin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

/** Whether byte c may be part of a word (\w: ASCII letters, digits and '_'). */
function isWordByte(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Whether b holds `s` (ASCII) at `at`. */
function bytesAt(b: Uint8Array, at: number, s: Uint8Array): boolean {
  if (at + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s[i]) return false;
  return true;
}

/**
 * The patch on the part's bytes: push the part in pieces, take the patched bytes that are ready.
 *
 * The rows — nearly all of a large part — are found and copied as bytes: a row is its start tag,
 * its content and its end tag, of which only the start tag (a few bytes) is read as text, and
 * the content is copied unchanged with the output cells after it (patch.cells writes them as
 * bytes). The rest — the head up to <sheetData>, the tail after it, and a row whose cells must
 * be reordered — is read as latin1 text: one character per byte, so the regular expressions
 * (which look only at ASCII) match exactly where they match in the decoded text, and writing the
 * text back as latin1 gives the bytes it came from, unchanged wherever it is not patched.
 */
export class SheetPatcher {
  private phase: Phase = 'head';
  /** Bytes not yet patched: the head so far, or an unfinished row. */
  private rest: Buffer | null = null;
  /** The part after </sheetData>, patched once it is all there. */
  private tail: Buffer[] = [];
  private p = '';
  private lastRow = 0;
  /** The next table row that still needs its output cells (rows the part lacks are added). */
  private nextMissing: number;
  private readonly out = new XmlBytes(1 << 20);
  /** A row's output cells, as patch.cells wrote them. */
  private readonly ours = new XmlBytes();
  private rowOpen: Buffer = Buffer.alloc(0);
  private rowClose: Buffer = Buffer.alloc(0);
  private sheetDataClose: Buffer = Buffer.alloc(0);
  private cellOpen: Buffer = Buffer.alloc(0);

  constructor(private readonly patch: SheetPatch) {
    this.nextMissing = patch.top;
  }

  /** The next piece of the part; the patched bytes ready so far (null: none yet). */
  push(chunk: Uint8Array): Buffer | null {
    let b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Copies: the stream that gave a piece may use its memory again.
    if (this.phase === 'tail') {
      this.tail.push(Buffer.from(b));
      return null;
    }
    let from = 0;
    if (this.rest) {
      let used = -1;
      if (this.phase === 'rows') {
        // An unfinished row from the last piece: finished with this piece's bytes up to its
        // first row end, so that each piece is not copied again to join it to the last one's end.
        const close = b.indexOf(this.rowClose);
        if (close >= 0) {
          const cut = close + this.rowClose.length;
          const joined = Buffer.concat([this.rest, b.subarray(0, cut)]);
          used = this.rows(joined, 0);
          if (this.inTail()) {
            this.tail.push(joined.subarray(used), Buffer.from(b.subarray(cut)));
            this.rest = null;
            return this.out.take();
          }
          if (used >= this.rest.length) {
            from = used - this.rest.length;
            this.rest = null;
          }
        }
      }
      if (this.rest) {
        // Not finished even so (a row longer than the piece, say): joined whole, from where the
        // rows above stopped.
        b = Buffer.concat([this.rest, b]);
        from = Math.max(used, 0);
        this.rest = null;
      }
    }
    if (this.phase === 'head') {
      from = this.takeHead(b);
      if (from < 0) {
        this.rest = Buffer.from(b);
        return null;
      }
    }
    if (this.phase === 'rows') from = this.rows(b, from);
    if (from < b.length) {
      const left = Buffer.from(b.subarray(from));
      if (this.inTail()) this.tail.push(left);
      else this.rest = left;
    }
    return this.out.take();
  }

  /** Whether </sheetData> has been passed (a check TypeScript does not narrow away). */
  private inTail(): boolean {
    return this.phase === 'tail';
  }

  /** The rest of the patched part, once the whole part was pushed. */
  end(): Buffer {
    if (this.phase !== 'tail') throw new Error('The sheet part ended before its </sheetData>');
    const tail = Buffer.concat(this.tail).toString('latin1');
    this.tail = [];
    this.out.latin1(this.patchTail(tail));
    return this.out.take() ?? Buffer.alloc(0);
  }

  /**
   * Everything up to and including <sheetData>, with <dimension> and <cols> updated, written out;
   * the position after it in b, or -1 when b does not reach it yet.
   */
  private takeHead(b: Buffer): number {
    const text = b.toString('latin1');
    const m = /<(\w+:)?sheetData\b[^>]*?(\/?)>/.exec(text);
    if (!m) {
      if (text.length > 64 * 1024 * 1024) throw new Error('The sheet part has no <sheetData>');
      return -1;
    }
    const p = (this.p = m[1] ?? '');
    this.rowOpen = Buffer.from(`<${p}row`, 'latin1');
    this.rowClose = Buffer.from(`</${p}row>`, 'latin1');
    this.sheetDataClose = Buffer.from(`</${p}sheetData>`, 'latin1');
    this.cellOpen = Buffer.from(`<${p}c `, 'latin1');
    let head = text.slice(0, m.index);
    head = this.patchDimension(head);
    head = this.patchCols(head);
    this.out.latin1(head);
    const after = m.index + m[0].length;
    if (m[2] === '/') {
      // An empty sheet: <sheetData/> becomes a sheetData with our rows.
      this.phase = 'tail';
      this.out.latin1(`<${p}sheetData>`);
      this.missingRowsBefore(Infinity);
      this.out.latin1(`</${p}sheetData>`);
      return after;
    }
    this.phase = 'rows';
    this.out.latin1(m[0]);
    return after;
  }

  /**
   * Complete rows of b from `pos`, written out; stops at an incomplete one (it waits for more
   * bytes) or after </sheetData> (the tail follows). The position in b after what was written.
   */
  private rows(b: Buffer, pos: number): number {
    const out = this.out;
    const rowOpen = this.rowOpen;
    const rowClose = this.rowClose;
    const sheetDataClose = this.sheetDataClose;
    for (;;) {
      const lt = b.indexOf(LT, pos);
      if (lt < 0) break;
      if (bytesAt(b, lt, sheetDataClose)) {
        out.copy(b, pos, lt);
        this.missingRowsBefore(Infinity);
        out.copy(sheetDataClose);
        this.phase = 'tail';
        return lt + sheetDataClose.length;
      }
      // <row, and then no word character (or nothing yet: the tag's end is waited for).
      const named = lt + rowOpen.length;
      if (!bytesAt(b, lt, rowOpen) || (named < b.length && isWordByte(b[named]))) {
        // Anything else between rows (a comment, say): pass it through.
        const gt = b.indexOf(GT, lt);
        if (gt < 0) break;
        out.copy(b, pos, gt + 1);
        pos = gt + 1;
        continue;
      }
      const tagEnd = b.indexOf(GT, lt);
      if (tagEnd < 0) break;
      const selfClosing = b[tagEnd - 1] === SLASH;
      let end: number;
      if (selfClosing) end = tagEnd + 1;
      else {
        const close = b.indexOf(rowClose, tagEnd);
        if (close < 0) break;
        end = close + rowClose.length;
      }
      out.copy(b, pos, lt);
      this.row(b, lt, tagEnd, selfClosing, end);
      pos = end;
    }
    return pos;
  }

  /** The output cells of sheet row r, in `ours`; whether there are any. */
  private cellsOf(r: number): boolean {
    this.ours.reset();
    this.patch.cells(r, this.p, this.ours);
    return this.ours.length > 0;
  }

  /** Rows the part lacks before sheet row `before` that need output cells, written out. */
  private missingRowsBefore(before: number): void {
    const p = this.p;
    for (; this.nextMissing <= this.patch.bottom && this.nextMissing < before; this.nextMissing++) {
      if (!this.cellsOf(this.nextMissing)) continue;
      this.out.latin1(`<${p}row r="${this.nextMissing}">`);
      this.out.copy(this.ours.view());
      this.out.copy(this.rowClose);
    }
  }

  /** The row b[lt, end) (its start tag ends at tagEnd), written out with its output cells. */
  private row(b: Buffer, lt: number, tagEnd: number, selfClosing: boolean, end: number): void {
    const p = this.p;
    const out = this.out;
    const startTag = b.toString('latin1', lt, tagEnd + 1);
    const rAttr = /\sr="(\d+)"/.exec(startTag);
    const r = rAttr ? Number(rAttr[1]) : this.lastRow + 1;
    this.lastRow = r;
    this.missingRowsBefore(r);
    if (r < this.patch.top || r > this.patch.bottom) return out.copy(b, lt, end);
    this.nextMissing = r + 1;
    const has = this.cellsOf(r);
    // Our cells change the row's span of columns: drop the optional hint rather than keep a wrong one.
    let tag = startTag.includes('spans="') ? startTag.replace(/\sspans="[^"]*"/, '') : startTag;
    if (!rAttr) tag = tag.replace(new RegExp(`^<${p}row\\b`), `<${p}row r="${r}"`);
    if (selfClosing) {
      if (!has) return out.latin1(tag);
      out.latin1(tag.replace(/\s*\/>$/, '>'));
      out.copy(this.ours.view());
      return out.copy(this.rowClose);
    }
    out.latin1(tag);
    const contentEnd = end - this.rowClose.length;
    if (this.oursGoLast(b, tagEnd + 1, contentEnd, r)) {
      out.copy(b, tagEnd + 1, contentEnd);
      out.copy(this.ours.view());
    } else {
      const ours = this.ours.view().toString('latin1');
      out.latin1(this.mergeCells(b.toString('latin1', tagEnd + 1, contentEnd), r, ours));
    }
    out.copy(this.rowClose);
  }

  /**
   * Whether the row's own cells b[start, end) all lie left of ours (the usual case: ours are
   * then added after them), found from its last cell's reference; false when that is not certain.
   */
  private oursGoLast(b: Buffer, start: number, end: number, row: number): boolean {
    const open = this.cellOpen;
    const lastCell = end - open.length >= start ? b.lastIndexOf(open, end - open.length) : -1;
    if (lastCell >= start) {
      const ref = /^<[\w:]+\s[^>]*?\br="([A-Z]+)(\d+)"/.exec(b.toString('latin1', lastCell, Math.min(end, lastCell + 200)));
      return ref !== null && columnNumber(ref[1]) < this.patch.first && Number(ref[2]) === row;
    }
    // No cell with a space after its name: none at all, or one such as <c/> (walked by mergeCells).
    return !new RegExp(`<${this.p}c[\\s/>]`).test(b.toString('latin1', start, end));
  }

  private patchDimension(head: string): string {
    return head.replace(new RegExp(`(<${this.p}dimension\\b[^>]*\\bref=")([^"]*)(")`), (all, a: string, ref: string, b: string) => {
      const [from, to = from] = ref.split(':');
      const start = parseRef(from);
      const end = parseRef(to);
      if (!start || !end) return all;
      const lastCol = Math.max(end[1], this.patch.first + this.patch.count - 1);
      const lastRow = Math.max(end[0], this.patch.bottom);
      const firstRow = Math.min(start[0], this.patch.top);
      const firstCol = Math.min(start[1], this.patch.first);
      return `${a}${columnLetters(firstCol)}${firstRow}:${columnLetters(lastCol)}${lastRow}${b}`;
    });
  }

  /** Adds a <col> for each output column no existing <col> covers (they stay sorted and apart). */
  private patchCols(head: string): string {
    const p = this.p;
    const colsRe = new RegExp(`<${p}cols>([\\s\\S]*?)</${p}cols>`);
    const m = colsRe.exec(head);
    const existing = m ? [...m[1].matchAll(new RegExp(`<${p}col\\b[^>]*?/>|<${p}col\\b[^>]*>[\\s\\S]*?</${p}col>`, 'g'))].map((x) => x[0]) : [];
    const ranges = existing.map((x) => [Number(/\bmin="(\d+)"/.exec(x)?.[1] ?? 0), Number(/\bmax="(\d+)"/.exec(x)?.[1] ?? 0)] as const);
    const added: { min: number; xml: string }[] = [];
    for (const [col, width] of [...this.patch.widths].sort((a, b) => a[0] - b[0])) {
      if (ranges.some(([lo, hi]) => col >= lo && col <= hi)) continue;
      added.push({ min: col, xml: colXml(p, col, width) });
    }
    if (added.length === 0) return head;
    const all = [...existing.map((xml, i) => ({ min: ranges[i][0], xml })), ...added].sort((a, b) => a.min - b.min);
    const cols = `<${p}cols>${all.map((c) => c.xml).join('')}</${p}cols>`;
    return m ? head.slice(0, m.index) + cols + head.slice(m.index + m[0].length) : head + cols;
  }

  /**
   * The row's cells with ours in place: cells in our columns (an earlier run's) are left out,
   * ours go before the first cell to their right.
   */
  private mergeCells(content: string, row: number, ours: string): string {
    const p = this.p;
    const first = this.patch.first;
    const last = first + this.patch.count - 1;
    // Walk the cells (references may be implicit: the column after the previous cell).
    const cellRe = new RegExp(`<${p}c\\b[^>]*?/>|<${p}c\\b[^>]*>[\\s\\S]*?</${p}c>`, 'g');
    let out = '';
    let pos = 0;
    let col = 0;
    let placed = false;
    for (let m = cellRe.exec(content); m; m = cellRe.exec(content)) {
      const startTag = /^<[^>]*>/.exec(m[0])?.[0] ?? '';
      const ref = /\sr="([A-Z]+)\d+"/.exec(startTag);
      col = ref ? columnNumber(ref[1]) : col + 1;
      out += content.slice(pos, m.index);
      if (!placed && col > last) {
        out += ours;
        placed = true;
      }
      let cell = m[0];
      // A cell without its reference would take a new column once ours sit before it.
      if (!ref) cell = cell.replace(new RegExp(`^<${p}c\\b`), `<${p}c r="${columnLetters(col)}${row}"`);
      if (col < first || col > last) out += cell;
      pos = m.index + m[0].length;
    }
    out += content.slice(pos);
    return placed ? out : out + ours;
  }

  /** The rest of the part: our conditional formats and the drawing, in schema order. */
  private patchTail(tail: string): string {
    const p = this.p;
    let t = tail;
    for (const cf of this.patch.conditionalFormats) {
      const re = new RegExp(`<${p}conditionalFormatting\\b[^>]*\\bsqref="${cf.sqref}"[^>]*>[\\s\\S]*?</${p}conditionalFormatting>`, 'g');
      t = t.replace(re, '');
    }
    const taken = Math.max(0, ...[...t.matchAll(new RegExp(`<${p}cfRule\\b[^>]*\\bpriority="(\\d+)"`, 'g'))].map((m) => Number(m[1])));
    // Ours as the tail is read: their UTF-8 bytes as latin1 (a label in a rule's formula is Chinese).
    const cfs = asLatin1(this.patch.conditionalFormats.map((c) => c.xml(p).replace(/priority="@(\d+)"/g, (_, k: string) => `priority="${taken + Number(k)}"`)).join(''));
    if (cfs) t = insertBefore(t, p, AFTER_SHEET_DATA.slice(AFTER_SHEET_DATA.indexOf('conditionalFormatting') + 1), cfs);
    if (this.patch.drawingRelId) {
      t = insertBefore(t, p, AFTER_SHEET_DATA.slice(AFTER_SHEET_DATA.indexOf('drawing') + 1), asLatin1(`<${p}drawing xmlns:r="${NS_R}" r:id="${this.patch.drawingRelId}"/>`));
    }
    return t;
  }
}

/** `xml` inserted into the worksheet's tail before the first of the `later` elements present, else before </worksheet>. */
function insertBefore(tail: string, p: string, later: string[], xml: string): string {
  let at = -1;
  for (const name of later) {
    // The worksheet's own extLst is its last child; nested ones sit inside earlier elements.
    const i = name === 'extLst' ? lastTopLevelExtLst(tail, p) : tail.search(new RegExp(`<${p}${name}[\\s/>]`));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) {
    at = tail.lastIndexOf(`</${p}worksheet>`);
    if (at < 0) throw new Error('The sheet part is not a worksheet');
  }
  return tail.slice(0, at) + xml + tail.slice(at);
}

function lastTopLevelExtLst(tail: string, p: string): number {
  const ext = tail.lastIndexOf(`<${p}extLst`);
  const extEnd = tail.lastIndexOf(`</${p}extLst>`);
  if (ext >= 0 && extEnd >= 0 && new RegExp(`^\\s*</${p}worksheet>\\s*$`).test(tail.slice(extEnd + `</${p}extLst>`.length))) return ext;
  return -1;
}
