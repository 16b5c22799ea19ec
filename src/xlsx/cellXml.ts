/**
 * SpreadsheetML cells as text: what the annotated workbook writes into sheet parts itself (the
 * output columns of the client sheet, the summary sheet, a CSV's table).
 */
import { columnLetters } from '../domain';
import { utf8, type XmlBytes } from './xmlBytes';

/**
 * Text for an element's content: XML-escaped, with the characters XML 1.0 cannot carry written
 * as OOXML's `_xHHHH_` escapes (and a literal `_xHHHH_` protected by `_x005F`), as Excel does.
 */
export function xmlText(s: string): string {
  // Most texts (names, labels) have nothing to escape: one test instead of five replacements.
  // eslint-disable-next-line no-control-regex -- the characters handled below
  if (!/[&<>_\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s)) return s;
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (/_x[0-9A-Fa-f]{4}_/.test(out)) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(out)) {
    // eslint-disable-next-line no-control-regex -- as above
    out = out.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  }
  return out;
}

/** The same for an attribute value in double quotes. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;');
}

/** A number as SpreadsheetML writes it (the shortest text that reads back to the same double). */
export function numberText(v: number): string {
  return String(v);
}

/**
 * The shared string table of a package: new texts are added after the ones already there (whose
 * indexes the existing cells use), each once.
 */
export class StringTable {
  private readonly added = new Map<string, number>();
  private readonly order: string[] = [];
  private refs = 0;

  /** `existing`: how many strings the package's table already holds. */
  constructor(private readonly existing: number) {}

  index(s: string): number {
    this.refs++;
    let i = this.added.get(s);
    if (i === undefined) {
      i = this.existing + this.order.length;
      this.added.set(s, i);
      this.order.push(s);
    }
    return i;
  }

  /** The <si> elements of the added strings, with the element prefix of the part they go into. */
  items(prefix = ''): string {
    return this.order
      .map((s) => {
        const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
        return `<${prefix}si><${prefix}t${space}>${xmlText(s)}</${prefix}t></${prefix}si>`;
      })
      .join('');
  }

  get addedCount(): number {
    return this.order.length;
  }

  get references(): number {
    return this.refs;
  }
}

/** A column's width (<col>), with the part's element prefix. */
export function colXml(prefix: string, col: number, width: number): string {
  return `<${prefix}col min="${col}" max="${col}" width="${width}" customWidth="1"/>`;
}

export type CellValue = string | number | boolean | Date | null | undefined;

/** Days from Excel's epoch (1899-12-30) for a date, in the 1900 date system. */
export function excelSerial(d: Date): number {
  return (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Column letters by column number, made once each (a big sheet writes the same few a million times). */
const LETTERS: string[] = [];

/**
 * One cell (`<c>`), or '' for an empty one without a style. Texts go to the shared string table;
 * `style` is an index into cellXfs (0 or undefined: none). A date without a style of its own
 * gets `dateStyle`.
 */
export function cellXml(
  prefix: string,
  row: number,
  col: number,
  value: CellValue,
  strings: StringTable,
  style?: number,
  dateStyle?: number,
): string {
  const ref = (LETTERS[col] ??= columnLetters(col)) + row;
  const s = style ? ` s="${style}"` : '';
  const c = `${prefix}c`;
  const v = `${prefix}v`;
  if (value === null || value === undefined || value === '') return style ? `<${c} r="${ref}"${s}/>` : '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<${c} r="${ref}"${s}><${v}>${numberText(value)}</${v}></${c}>` : style ? `<${c} r="${ref}"${s}/>` : '';
  }
  if (typeof value === 'boolean') return `<${c} r="${ref}"${s} t="b"><${v}>${value ? 1 : 0}</${v}></${c}>`;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const ds = style || dateStyle ? ` s="${style || dateStyle}"` : '';
    return `<${c} r="${ref}"${ds}><${v}>${numberText(excelSerial(value))}</${v}></${c}>`;
  }
  return `<${c} r="${ref}"${s} t="s"><${v}>${strings.index(value)}</${v}></${c}>`;
}

/**
 * A row's cells in the given columns, as cellXml writes each, straight into bytes: what does not
 * change from row to row in a column's cell (its letters, its style, the tags) is encoded once,
 * then a row is its number, each cell's value and those pieces. `styles[j]` is column j's style.
 */
export function rowCellsWriter(
  prefix: string,
  cols: readonly number[],
  styles: readonly (number | undefined)[],
  strings: StringTable,
): (out: XmlBytes, row: number, values: readonly CellValue[]) => void {
  const c = `${prefix}c`;
  const v = `${prefix}v`;
  const open = cols.map((col) => utf8(`<${c} r="${(LETTERS[col] ??= columnLetters(col))}`));
  const s = styles.map((style) => (style ? ` s="${style}"` : ''));
  const numberMid = s.map((x) => utf8(`"${x}><${v}>`));
  const textMid = s.map((x) => utf8(`"${x} t="s"><${v}>`));
  const blank = s.map((x) => utf8(`"${x}/>`));
  const close = utf8(`</${v}></${c}>`);
  return (out, row, values) => {
    for (let j = 0; j < cols.length; j++) {
      const value = values[j];
      const style = styles[j];
      if (typeof value === 'number') {
        if (!Number.isFinite(value) && !style) continue;
        out.copy(open[j]);
        out.uint(row);
        if (!Number.isFinite(value)) {
          out.copy(blank[j]);
          continue;
        }
        out.copy(numberMid[j]);
        out.number(value);
        out.copy(close);
      } else if (typeof value === 'string' && value !== '') {
        out.copy(open[j]);
        out.uint(row);
        out.copy(textMid[j]);
        out.uint(strings.index(value));
        out.copy(close);
      } else if (value === null || value === undefined || value === '') {
        if (!style) continue;
        out.copy(open[j]);
        out.uint(row);
        out.copy(blank[j]);
      } else out.text(cellXml(prefix, row, cols[j], value, strings, style));
    }
  };
}

/** One cell as cellXml(prefix, row, col, value, strings, style) writes it, straight into bytes. */
export function writeCell(out: XmlBytes, prefix: string, row: number, col: number, value: CellValue, strings: StringTable, style?: number): void {
  const empty = value === null || value === undefined || value === '';
  if (typeof value === 'number' ? !Number.isFinite(value) && !style : empty && !style) return;
  if (typeof value === 'boolean' || value instanceof Date) return out.text(cellXml(prefix, row, col, value, strings, style));
  out.latin1(`<${prefix}c r="`);
  out.latin1((LETTERS[col] ??= columnLetters(col)));
  out.uint(row);
  out.latin1(style ? `" s="${style}"` : '"');
  if (typeof value === 'number' && Number.isFinite(value)) {
    out.latin1(`><${prefix}v>`);
    out.number(value);
  } else if (typeof value === 'string' && value !== '') {
    out.latin1(` t="s"><${prefix}v>`);
    out.uint(strings.index(value));
  } else return out.latin1('/>');
  out.latin1(`</${prefix}v></${prefix}c>`);
}
