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
import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { columnLetters, columnNumber } from '../domain';
import { colXml } from './cellXml';

export interface SheetPatch {
  /** Table rows, 1-based sheet rows (the header row is `top`). */
  top: number;
  bottom: number;
  /** First output column (1-based) and how many. */
  first: number;
  count: number;
  /**
   * The output cells of a sheet row of the table, as XML with the part's element prefix
   * (`prefix`, e.g. '' or 'x:'), in column order; '' when the row has none.
   */
  cells(row: number, prefix: string): string;
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

/** The patch as a text transformation: push the part's text in pieces, take what is ready. */
export class SheetPatcher {
  private phase: Phase = 'head';
  private buf = '';
  private p = '';
  private lastRow = 0;
  /** The next table row that still needs its output cells (rows the part lacks are added). */
  private nextMissing: number;
  private rowOpen: RegExp | null = null;

  constructor(private readonly patch: SheetPatch) {
    this.nextMissing = patch.top;
  }

  push(text: string): string {
    this.buf += text;
    let out = '';
    if (this.phase === 'head') {
      const head = this.takeHead();
      if (head === null) return '';
      out += head;
    }
    if (this.phase === 'rows') out += this.takeRows();
    return out;
  }

  end(): string {
    if (this.phase !== 'tail') throw new Error('The sheet part ended before its </sheetData>');
    const tail = this.patchTail(this.buf);
    this.buf = '';
    return tail;
  }

  /** Everything up to and including <sheetData>, with <dimension> and <cols> updated. */
  private takeHead(): string | null {
    const m = /<(\w+:)?sheetData\b[^>]*?(\/?)>/.exec(this.buf);
    if (!m) {
      if (this.buf.length > 64 * 1024 * 1024) throw new Error('The sheet part has no <sheetData>');
      return null;
    }
    this.p = m[1] ?? '';
    this.rowOpen = new RegExp(`<${this.p}row\\b`, 'y');
    let head = this.buf.slice(0, m.index);
    head = this.patchDimension(head);
    head = this.patchCols(head);
    this.buf = this.buf.slice(m.index + m[0].length);
    if (m[2] === '/') {
      // An empty sheet: <sheetData/> becomes a sheetData with our rows.
      this.phase = 'tail';
      return `${head}<${this.p}sheetData>${this.missingRowsBefore(Infinity)}</${this.p}sheetData>`;
    }
    this.phase = 'rows';
    return head + m[0];
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

  /** Complete rows from the buffer; stops at an incomplete one (waits for more text) or at </sheetData>. */
  private takeRows(): string {
    const p = this.p;
    const buf = this.buf;
    const rowClose = `</${p}row>`;
    const sheetDataClose = `</${p}sheetData>`;
    const rowOpen = this.rowOpen as RegExp;
    let out = '';
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) break;
      if (buf.startsWith(sheetDataClose, lt)) {
        out += buf.slice(pos, lt) + this.missingRowsBefore(Infinity) + sheetDataClose;
        this.buf = buf.slice(lt + sheetDataClose.length);
        this.phase = 'tail';
        return out;
      }
      rowOpen.lastIndex = lt;
      if (!rowOpen.test(buf)) {
        // Anything else between rows (a comment, say): pass it through.
        const gt = buf.indexOf('>', lt);
        if (gt < 0) break;
        out += buf.slice(pos, gt + 1);
        pos = gt + 1;
        continue;
      }
      const tagEnd = buf.indexOf('>', lt);
      if (tagEnd < 0) break;
      const selfClosing = buf.charCodeAt(tagEnd - 1) === 47; /* / */
      let end: number;
      if (selfClosing) end = tagEnd + 1;
      else {
        const close = buf.indexOf(rowClose, tagEnd);
        if (close < 0) break;
        end = close + rowClose.length;
      }
      out += buf.slice(pos, lt) + this.row(buf.slice(lt, tagEnd + 1), selfClosing, selfClosing ? '' : buf.slice(tagEnd + 1, end - rowClose.length));
      pos = end;
    }
    this.buf = buf.slice(pos);
    return out;
  }

  /** Rows the part lacks before sheet row `before` that need output cells. */
  private missingRowsBefore(before: number): string {
    const p = this.p;
    let out = '';
    for (; this.nextMissing <= this.patch.bottom && this.nextMissing < before; this.nextMissing++) {
      const cells = this.patch.cells(this.nextMissing, p);
      if (cells) out += `<${p}row r="${this.nextMissing}">${cells}</${p}row>`;
    }
    return out;
  }

  private row(startTag: string, selfClosing: boolean, content: string): string {
    const p = this.p;
    const rAttr = /\sr="(\d+)"/.exec(startTag);
    const r = rAttr ? Number(rAttr[1]) : this.lastRow + 1;
    this.lastRow = r;
    const missing = this.missingRowsBefore(r);
    if (r < this.patch.top || r > this.patch.bottom) return missing + (selfClosing ? startTag : `${startTag}${content}</${p}row>`);
    this.nextMissing = r + 1;
    const ours = this.patch.cells(r, p);
    // Our cells change the row's span of columns: drop the optional hint rather than keep a wrong one.
    let tag = startTag.replace(/\sspans="[^"]*"/, '');
    if (!rAttr) tag = tag.replace(new RegExp(`^<${p}row\\b`), `<${p}row r="${r}"`);
    if (selfClosing) return ours ? `${missing}${tag.replace(/\s*\/>$/, '>')}${ours}</${p}row>` : missing + tag;
    return `${missing}${tag}${this.mergeCells(content, r, ours)}</${p}row>`;
  }

  /**
   * The row's cells with ours in place: cells in our columns (an earlier run's) are left out,
   * ours go before the first cell to their right.
   */
  private mergeCells(content: string, row: number, ours: string): string {
    const p = this.p;
    const first = this.patch.first;
    const last = first + this.patch.count - 1;
    // Fast path: the last cell lies left of ours (the usual case) — append.
    const lastCell = content.lastIndexOf(`<${p}c `);
    if (lastCell >= 0) {
      const ref = /^<[\w:]+\s[^>]*?\br="([A-Z]+)(\d+)"/.exec(content.slice(lastCell, lastCell + 200));
      if (ref && columnNumber(ref[1]) < first && Number(ref[2]) === row) return content + ours;
    } else if (!new RegExp(`<${p}c[\\s/>]`).test(content)) {
      return content + ours;
    }
    // Slow path: walk the cells (references may be implicit: the column after the previous cell).
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
    const cfs = this.patch.conditionalFormats.map((c) => c.xml(p).replace(/priority="@(\d+)"/g, (_, k: string) => `priority="${taken + Number(k)}"`)).join('');
    if (cfs) t = insertBefore(t, p, AFTER_SHEET_DATA.slice(AFTER_SHEET_DATA.indexOf('conditionalFormatting') + 1), cfs);
    if (this.patch.drawingRelId) {
      t = insertBefore(t, p, AFTER_SHEET_DATA.slice(AFTER_SHEET_DATA.indexOf('drawing') + 1), `<${p}drawing xmlns:r="${NS_R}" r:id="${this.patch.drawingRelId}"/>`);
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

/** The patcher as a stream of the part's bytes (UTF-8 in, UTF-8 out). */
export function sheetPatchStream(patch: SheetPatch): Transform {
  const patcher = new SheetPatcher(patch);
  const decoder = new StringDecoder('utf8');
  return new Transform({
    // Up to 1 MB of the patched sheet waits for the compressor, so this thread need not wait for it.
    highWaterMark: 1 << 20,
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      try {
        const out = patcher.push(decoder.write(chunk));
        done(null, out ? Buffer.from(out, 'utf8') : undefined);
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        const out = patcher.push(decoder.end()) + patcher.end();
        done(null, Buffer.from(out, 'utf8'));
      } catch (e) {
        done(e as Error);
      }
    },
  });
}
