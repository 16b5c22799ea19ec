/**
 * The few cell formats the annotated workbook needs, added to the package's own styles part
 * (xl/styles.xml) after what is there, so every existing cell keeps its style index: bold
 * headers, the summary's title, the share and loyalty number formats and the conditional fills of the quadrant and risk columns.
 */
import { xmlAttr } from './cellXml';

export interface AddedStyles {
  /** cellXfs indexes. */
  bold: number;
  title: number;
  share: number;
  loyalty: number;
  /** dxf index of each fill colour asked for ("#RRGGBB"), in the order given. */
  fills: number[];
}

export const SHARE_FORMAT = '0.00%';
export const LOYALTY_FORMAT = '0.0';
/** Built-in number format 0.00% (ECMA-376 18.8.30): no <numFmt> needed. */
const BUILTIN_PERCENT_2 = 10;

/** cellXfs index of the date format (14) in MINIMAL_STYLES, for dates in a new workbook's table. */
export const MINIMAL_DATE_STYLE = 1;

/**
 * A styles part for a new workbook (the CSV case) or one without styles: one font, the two
 * required fills, one border; cell formats "General" and a date (MINIMAL_DATE_STYLE).
 */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

/** Elements of CT_Stylesheet in schema order. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

interface Collection {
  /** Where the whole element starts and ends in the text. */
  start: number;
  end: number;
  /** Its items' XML. */
  items: string[];
}

class StyleSheet {
  constructor(
    public xml: string,
    private readonly p: string,
  ) {}

  /** The collection element `name` with its child items (or null when the part has none). */
  find(name: string): Collection | null {
    const open = new RegExp(`<${this.p}${name}\\b[^>]*?(/?)>`).exec(this.xml);
    if (!open) return null;
    if (open[1] === '/') return { start: open.index, end: open.index + open[0].length, items: [] };
    const close = `</${this.p}${name}>`;
    const end = this.xml.indexOf(close, open.index);
    if (end < 0) throw new Error(`The styles part has an unclosed <${name}>`);
    const inner = this.xml.slice(open.index + open[0].length, end);
    return { start: open.index, end: end + close.length, items: splitItems(inner) };
  }

  /** Appends items to a collection (creating it in schema order if missing); returns the first new index. */
  append(name: string, items: string[]): number {
    const found = this.find(name);
    const all = [...(found?.items ?? []), ...items];
    const el = `<${this.p}${name} count="${all.length}">${all.join('')}</${this.p}${name}>`;
    if (found) {
      this.xml = this.xml.slice(0, found.start) + el + this.xml.slice(found.end);
    } else {
      const at = this.insertPoint(name);
      this.xml = this.xml.slice(0, at) + el + this.xml.slice(at);
    }
    return all.length - items.length;
  }

  private insertPoint(name: string): number {
    for (const later of ORDER.slice(ORDER.indexOf(name) + 1)) {
      const m = new RegExp(`<${this.p}${later}\\b`).exec(this.xml);
      if (m) return m.index;
    }
    const close = this.xml.lastIndexOf(`</${this.p}styleSheet>`);
    if (close < 0) throw new Error('The styles part is not a style sheet');
    return close;
  }
}

/** The top-level child elements of a collection's content. */
function splitItems(inner: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = -1;
  const re = /<(\/?)([\w:]+)[^>]*?(\/?)>/g;
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    if (m[2].startsWith('?') || m[0].startsWith('<!--')) continue;
    if (m[1] === '/') {
      depth--;
      if (depth === 0) items.push(inner.slice(start, m.index + m[0].length));
    } else if (m[3] === '/') {
      if (depth === 0) items.push(m[0]);
    } else {
      if (depth === 0) start = m.index;
      depth++;
    }
  }
  return items;
}

/** Adds our formats to a styles part; returns the new part and the indexes to use. */
export function addStyles(stylesXml: string, fillColors: string[]): { xml: string; styles: AddedStyles } {
  const root = /<(\w+:)?styleSheet\b/.exec(stylesXml);
  if (!root) throw new Error('The styles part is not a style sheet');
  const p = root[1] ?? '';
  const sheet = new StyleSheet(stylesXml, p);

  // Our custom format "0.0", under the first free id (custom ids start at 164).
  const numFmts = sheet.find('numFmts')?.items ?? [];
  const ids = numFmts.map((f) => Number(/\bnumFmtId="(\d+)"/.exec(f)?.[1] ?? 0));
  const existing = numFmts.find((f) => /\bformatCode="0\.0"/.test(f));
  let loyaltyFmt: number;
  if (existing) loyaltyFmt = Number(/\bnumFmtId="(\d+)"/.exec(existing)?.[1]);
  else {
    loyaltyFmt = Math.max(163, ...ids) + 1;
    sheet.append('numFmts', [`<${p}numFmt numFmtId="${loyaltyFmt}" formatCode="${xmlAttr(LOYALTY_FORMAT)}"/>`]);
  }

  // Bold and title fonts: the workbook's default font (the first), made bold (and larger).
  const fonts = sheet.find('fonts')?.items ?? [];
  const base = fonts[0] ?? `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`;
  const bold = withChild(base.replace(new RegExp(`<${p}b(\\s[^>]*)?/>`), ''), p, 'font', `<${p}b/>`);
  const title = bold.replace(new RegExp(`<${p}sz\\s+val="[^"]*"\\s*/>`), `<${p}sz val="14"/>`);
  const boldFont = sheet.append('fonts', [bold, /<\w*:?sz\s/.test(title) ? title : withChild(title, p, 'font', `<${p}sz val="14"/>`)]);

  const xf = (numFmt: number, font: number) =>
    `<${p}xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}/>`;
  const firstXf = sheet.append('cellXfs', [xf(0, boldFont), xf(0, boldFont + 1), xf(BUILTIN_PERCENT_2, 0), xf(loyaltyFmt, 0)]);

  const dxf = (hex: string) =>
    `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="FF${hex.replace('#', '').toUpperCase()}"/></${p}patternFill></${p}fill></${p}dxf>`;
  const firstDxf = fillColors.length > 0 ? sheet.append('dxfs', fillColors.map(dxf)) : 0;

  return {
    xml: sheet.xml,
    styles: {
      bold: firstXf,
      title: firstXf + 1,
      share: firstXf + 2,
      loyalty: firstXf + 3,
      fills: fillColors.map((_, i) => firstDxf + i),
    },
  };
}

/** `element` (an item XML, <x>…</x> or <x/>) with `child` added first inside it. */
function withChild(element: string, p: string, name: string, child: string): string {
  const selfClosing = new RegExp(`^<${p}${name}\\b([^>]*?)/>$`).exec(element);
  if (selfClosing) return `<${p}${name}${selfClosing[1]}>${child}</${p}${name}>`;
  return element.replace(new RegExp(`^(<${p}${name}\\b[^>]*>)`), `$1${child}`);
}
