/**
 * The annotated copy of `--format xlsx` (cli.md, workbook.md): the input sheet with the output
 * columns, the summary sheet, and a native XY scatter chart of the matrix.
 *
 * How: the input package itself is copied part by part, and only what the annotation touches
 * changes — the client sheet's part (output cells added to each row as it streams through,
 * sheetPatcher.ts), the shared strings and styles (ours appended after theirs, so existing
 * indexes hold), the workbook's sheet list, and the new summary sheet, drawing and chart parts.
 * Everything else — other sheets, pivot tables, macros, charts, shapes, comments, defined
 * names — is carried over byte for byte (re-compressed).
 *
 * Library choice:
 * - exceljs (which reads the table for the command line) has no chart API, drops the charts,
 *   pivots and shapes it reads, and spends most of a big workbook's write time looking up cell
 *   styles: writing the copy through it cost 2.6× a plain read and write at 100,000 rows, far
 *   over design.md's 1.3×. SheetJS community edition drops charts too.
 * - @cj-tech-master/excelts writes charts but requires Node ≥ 22 (we run Node 20).
 * - xlsx-populate keeps a template's chart intact but cannot create one whose series count and
 *   ranges depend on the data.
 * So the chart is DrawingML we write ourselves (chartXml.ts), the package is read with JSZip
 * (parts inflated lazily, one at a time) and written with archiver (streaming, native zlib) on a
 * thread of its own (archiveThread.ts).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { columnLetters, FIELD_DEFS, labels, outputCellMaker, outputColumns, outputHeaders, QUADRANTS, RISKS, type AnalysisResult, type Cell, type Locale } from '../domain';
import { cellXml, rowCellsWriter, StringTable, xmlAttr } from './cellXml';
import { buildChartModel } from './chartModel';
import { chartXml } from './chartXml';
import { extendTable } from './extendTable';
import { injectChart } from './injectChart';
import { addOverride, addRel, attrs, freePart, nextRelId, relIdOf, relsOf, relsPath, removeOverride, removeRel, resolveTarget, sheetPartOf, text } from './opc';
import { SheetPatcher, type SheetPatch } from './sheetPatcher';
import { archiveHere, archiveOut } from './archiveThread';
import { summaryXml, tablePackage } from './sheetXml';
import { addStyles, MINIMAL_STYLES, type AddedStyles } from './styles';
import { summarySheet, type SummaryExtra } from './summarySheet';
import { partBytes, partStream } from './zipEntry';
import { SUMMARY_SHEET_NAME } from './summaryTexts';

/** A table on a sheet: 1-based, inclusive sheet coordinates; the first row is the header. */
export interface TableRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An .xlsx file and the table in it. */
export interface WorkbookInput {
  path: string;
  sheetName: string;
  range: TableRange;
  /**
   * The package at `path` already loaded (the command line's reader had it): copied, and changed,
   * instead of read and loaded again (a quarter of a second for a 30 MB workbook).
   */
  zip?: JSZip;
}

/** A table read elsewhere (a CSV): written at A1 of a new workbook's only sheet. */
export interface TableInput {
  table: readonly (readonly Cell[])[];
  sheetName: string;
}

export interface WriteAnnotatedOptions {
  /** Extra lines for the summary's "Run" section (e.g. the input file, notes on filtered rows). */
  summaryExtras?: SummaryExtra[];
  /** Write the archive on this thread, without a worker thread (PORTFOLIO_MATRIX_THREADS=1). */
  oneThread?: boolean;
  /** The run time written to the summary (default: now). */
  now?: Date;
}

const MAX_COLUMNS = 16384;
const MAX_ROWS = 1048576;

const WIDTHS: Partial<Record<ReturnType<typeof outputColumns>[number], number>> = {
  share: 11,
  loyalty: 11,
  quadrant: 16,
  stage: 12,
  risk: 10,
  flags: 22,
  churnType: 11,
  priority: 9,
  action: 48,
  previousQuadrant: 16,
  quadrantChange: 26,
  issues: 36,
};

function isTableInput(input: WorkbookInput | TableInput): input is TableInput {
  return 'table' in input;
}

async function realOrResolved(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch {
    // The output usually does not exist yet: resolve its folder instead.
    try {
      return path.join(await fs.realpath(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Refuses an output that is the input file (also through a symlink or a relative path). */
async function assertNotInput(inputPath: string, outPath: string): Promise<void> {
  const [a, b] = await Promise.all([realOrResolved(inputPath), realOrResolved(outPath)]);
  if (a === b || path.resolve(inputPath) === path.resolve(outPath)) {
    throw new Error(`Refusing to overwrite the input file ${inputPath}: choose another output file.`);
  }
}


const NS_REL_DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_WORKSHEET = `${NS_REL_DOC}/worksheet`;
const REL_STYLES = `${NS_REL_DOC}/styles`;
const REL_SHARED_STRINGS = `${NS_REL_DOC}/sharedStrings`;
const REL_CALC_CHAIN = `${NS_REL_DOC}/calcChain`;
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_SHARED_STRINGS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const CONTENT_TYPES = '[Content_Types].xml';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A number written as plain digits, with an optional sign, decimals and thousands separators. */
const PLAIN_NUMBER = /^[+-]?(?:\d{1,15}|\d{1,3}(?:,\d{3}){1,4})(?:\.\d+)?$/;

/**
 * A CSV's table as the copy holds it: in the columns mapped to number fields (volume, counts,
 * tenure…), texts that are plain numbers become numbers, so the sheet sums and sorts as the user
 * expects; every other cell — ids with leading zeros, dates, ratings — stays the text it was.
 */
function typedTable(table: readonly (readonly Cell[])[], result: AnalysisResult): Cell[][] {
  const header = (table[0] ?? []).map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  const numeric = new Set<number>();
  for (const def of FIELD_DEFS) {
    if (def.type !== 'number') continue;
    for (const name of result.mapping[def.field] ?? []) {
      const j = header.indexOf(name);
      if (j >= 0) numeric.add(j);
    }
  }
  return table.map((row, r) =>
    row.map((v, j) => {
      if (r === 0 || !numeric.has(j) || typeof v !== 'string') return v;
      const t = v.trim();
      return PLAIN_NUMBER.test(t) ? Number(t.replace(/,/g, '')) : v;
    }),
  );
}

/** The package to copy: the input's own, or a new one holding a CSV's table. */
async function openPackage(input: WorkbookInput | TableInput, result: AnalysisResult): Promise<{ zip: JSZip; range: TableRange }> {
  if (isTableInput(input)) {
    const right = input.table.reduce((m, r) => Math.max(m, r.length), 1);
    const zip = await tablePackage(typedTable(input.table, result), input.sheetName);
    return { zip, range: { top: 1, left: 1, bottom: Math.max(1, input.table.length), right } };
  }
  let zip: JSZip;
  try {
    zip = input.zip ?? (await JSZip.loadAsync(await fs.readFile(input.path)));
  } catch (e) {
    if ((e as { code?: string }).code) throw e;
    throw new Error(`The file ${input.path} is not an .xlsx workbook (not a zip package).`);
  }
  if (!zip.file(WORKBOOK) || !zip.file(WORKBOOK_RELS) || !zip.file(CONTENT_TYPES)) {
    throw new Error(`The file ${input.path} is not an .xlsx workbook (it has no ${WORKBOOK}).`);
  }
  return { zip, range: input.range };
}

/** The workbook's part related by `type` (styles, shared strings), or null. */
async function workbookPart(zip: JSZip, type: string): Promise<string | null> {
  const rel = relsOf(await text(zip, WORKBOOK_RELS)).find((r) => r.type === type);
  return rel ? resolveTarget(WORKBOOK, rel.target) : null;
}

/** A new part related to the workbook (with its content type). */
async function addWorkbookPart(zip: JSZip, folderAndStem: [string, string], type: string, contentType: string): Promise<{ part: string; relId: string }> {
  const part = freePart(zip, ...folderAndStem);
  const rels = await text(zip, WORKBOOK_RELS);
  const relId = nextRelId(rels);
  zip.file(WORKBOOK_RELS, addRel(rels, relId, type, part.slice('xl/'.length)));
  zip.file(CONTENT_TYPES, addOverride(await text(zip, CONTENT_TYPES), part, contentType));
  return { part, relId };
}

/**
 * Drops the calculation chain: it lists the cells with formulas, and Excel reports a damaged file
 * when a listed cell has none — as when our output replaces an earlier formula. The part is
 * optional; Excel rebuilds it on the next calculation.
 */
async function dropCalcChain(zip: JSZip): Promise<void> {
  const rels = await text(zip, WORKBOOK_RELS);
  const rel = relsOf(rels).find((r) => r.type === REL_CALC_CHAIN);
  if (!rel) return;
  const part = resolveTarget(WORKBOOK, rel.target);
  zip.remove(part);
  zip.file(WORKBOOK_RELS, removeRel(rels, rel.id));
  zip.file(CONTENT_TYPES, removeOverride(await text(zip, CONTENT_TYPES), part));
}

/** The shared string table: its part, its text (null when new) and how many strings it holds. */
async function openSharedStrings(zip: JSZip): Promise<{ part: string; xml: string | null; strings: StringTable }> {
  const part = await workbookPart(zip, REL_SHARED_STRINGS);
  if (!part || !zip.file(part)) {
    const added = await addWorkbookPart(zip, ['xl', 'sharedStrings'], REL_SHARED_STRINGS, CT_SHARED_STRINGS);
    return { part: added.part, xml: null, strings: new StringTable(0) };
  }
  const xml = await text(zip, part);
  let count = 0;
  const re = /<(?:\w+:)?si[\s>/]/g;
  while (re.exec(xml)) count++;
  return { part, xml, strings: new StringTable(count) };
}

/** The shared string table with the added strings after the existing ones. */
function sharedStringsXml(xml: string | null, strings: StringTable): string {
  if (xml === null) {
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS_MAIN}" count="${strings.references}" ` +
      `uniqueCount="${strings.addedCount}">${strings.items()}</sst>`
    );
  }
  const root = /<(\w+:)?sst\b[^>]*?(\/?)>/.exec(xml);
  if (!root) throw new Error('The shared strings part is not a string table');
  const p = root[1] ?? '';
  const a = attrs(root[0]);
  let tag = root[0].replace(/\/>$/, '>');
  const unique = (Number(a.uniqueCount) || 0) + strings.addedCount;
  const count = (Number(a.count) || 0) + strings.references;
  tag = a.uniqueCount !== undefined ? tag.replace(/\buniqueCount="[^"]*"/, `uniqueCount="${unique}"`) : tag;
  tag = a.count !== undefined ? tag.replace(/\bcount="[^"]*"/, `count="${count}"`) : tag;
  if (root[2] === '/') return xml.slice(0, root.index) + tag + strings.items(p) + `</${p}sst>` + xml.slice(root.index + root[0].length);
  const close = xml.lastIndexOf(`</${p}sst>`);
  return xml.slice(0, root.index) + tag + xml.slice(root.index + root[0].length, close) + strings.items(p) + xml.slice(close);
}

/** Adds our formats to the workbook's styles (a new styles part if it has none). */
async function placeStyles(zip: JSZip, fillColors: string[]): Promise<AddedStyles> {
  let part = await workbookPart(zip, REL_STYLES);
  let xml: string;
  if (part && zip.file(part)) xml = await text(zip, part);
  else {
    part = (await addWorkbookPart(zip, ['xl', 'styles'], REL_STYLES, CT_STYLES)).part;
    xml = MINIMAL_STYLES;
  }
  const added = addStyles(xml, fillColors);
  zip.file(part, added.xml);
  return added.styles;
}

/**
 * The summary sheet's part: an earlier run's (either language's name) is reused, renamed to
 * this run's language, so re-annotating a copy never adds a second; else a new sheet at the end.
 */
async function placeSummarySheet(zip: JSZip, name: string, tablePart: string): Promise<string> {
  let workbook = await text(zip, WORKBOOK);
  const root = /<(\w+:)?workbook\b[^>]*>/.exec(workbook);
  if (!root) throw new Error('The workbook part is not a workbook');
  const p = root[1] ?? '';
  const rels = relsOf(await text(zip, WORKBOOK_RELS));
  const sheets = [...workbook.matchAll(new RegExp(`<${p}sheet\\b[^>]*>`, 'g'))];
  const names: string[] = Object.values(SUMMARY_SHEET_NAME);
  for (const m of sheets) {
    const a = attrs(m[0]);
    if (!names.includes(a.name)) continue;
    const rel = rels.find((r) => r.id === relIdOf(a));
    if (!rel || rel.type !== REL_WORKSHEET) continue;
    const part = resolveTarget(WORKBOOK, rel.target);
    if (part === tablePart) throw new Error(`The table is on the sheet "${a.name}", the name of the summary sheet: rename that sheet.`);
    if (a.name !== name) {
      workbook = workbook.replace(m[0], m[0].replace(/\bname="[^"]*"/, `name="${xmlAttr(name)}"`));
      zip.file(WORKBOOK, workbook);
    }
    // The old sheet's own relationships (none of ours) would point from nothing: leave none.
    zip.remove(relsPath(part));
    return part;
  }
  const { part, relId } = await addWorkbookPart(zip, ['xl/worksheets', 'sheet'], REL_WORKSHEET, CT_WORKSHEET);
  const sheetId = Math.max(0, ...sheets.map((m) => Number(attrs(m[0]).sheetId) || 0)) + 1;
  const rPrefix = new RegExp(`xmlns:(\\w+)="${NS_REL_DOC}"`).exec(root[0])?.[1];
  const idAttr = rPrefix ? `${rPrefix}:id="${relId}"` : `xmlns:r="${NS_REL_DOC}" r:id="${relId}"`;
  const close = workbook.indexOf(`</${p}sheets>`);
  if (close < 0) throw new Error('The workbook part lists no sheets');
  workbook = `${workbook.slice(0, close)}<${p}sheet name="${xmlAttr(name)}" sheetId="${sheetId}" ${idAttr}/>${workbook.slice(close)}`;
  zip.file(WORKBOOK, workbook);
  return part;
}

/**
 * Fills a data column by its text with conditional formats (one rule per label), as the add-in
 * does in Excel: the colour follows the cell if a reader edits it, and no cell carries a style.
 */
function fillFormat(range: TableRange, col: number, rules: { text: string; dxf: number }[]): SheetPatch['conditionalFormats'][number] {
  const letter = columnLetters(col);
  const sqref = `${letter}${range.top + 1}:${letter}${range.bottom}`;
  return {
    sqref,
    xml: (p) =>
      `<${p}conditionalFormatting sqref="${sqref}">` +
      rules
        .map(
          (r, i) =>
            `<${p}cfRule type="expression" dxfId="${r.dxf}" priority="@${i + 1}">` +
            `<${p}formula>${xmlAttr(`${letter}${range.top + 1}="${r.text.replace(/"/g, '""')}"`)}</${p}formula></${p}cfRule>`,
        )
        .join('') +
      `</${p}conditionalFormatting>`,
  };
}

/**
 * Writes the package to `outPath`, the client sheet's part streamed through `patch`. The parts in
 * `late` depend on the patched sheet (the shared strings its cells added): each is made once the
 * sheet has streamed, and written after it.
 */
async function writePackage(zip: JSZip, outPath: string, sheetPart: string, patch: SheetPatch, late: Map<string, () => string>, oneThread = false): Promise<void> {
  // A half-written file never takes the output's name (a crash leaves only the temporary file).
  const tmp = path.join(path.dirname(path.resolve(outPath)), `.${path.basename(outPath)}.${randomUUID()}.tmp`);
  // Written by a thread of its own while this one patches the sheet (archiveThread.ts).
  const archive = oneThread ? archiveHere(tmp) : archiveOut(tmp);
  try {
    const file = (name: string) => zip.file(name) as JSZip.JSZipObject;
    // [Content_Types].xml first, as Office writes it (some tools sniff it there).
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const order = [CONTENT_TYPES, ...names.filter((n) => n !== CONTENT_TYPES && n !== sheetPart && !late.has(n))];
    for (const name of order) archive.part(name, await partBytes(file(name)));
    const sheet = archive.stream(sheetPart);
    const patcher = new SheetPatcher(patch);
    for await (const chunk of partStream(file(sheetPart))) {
      const out = patcher.push(chunk as Buffer);
      if (out) await sheet.write(out);
      // A turn of the event loop for each piece: zlib inflating the part ahead of this loop, and
      // the archive's thread giving back memory, are answered only then.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await sheet.write(patcher.end());
    await sheet.end();
    // Parts that depend on the patched sheet (the shared strings it added) go after it.
    for (const [name, make] of late) archive.part(name, { bytes: Buffer.from(make(), 'utf8'), deflated: false });
    await archive.finish();
    await fs.rename(tmp, outPath);
  } catch (e) {
    archive.abort();
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes the annotated copy to `outPath`. Result rows are placed by `row` (1-based among the
 * table's data rows): data row n is sheet row `range.top + n`.
 */
export async function writeAnnotatedWorkbook(
  input: WorkbookInput | TableInput,
  result: AnalysisResult,
  locale: Locale,
  outPath: string,
  options: WriteAnnotatedOptions = {},
): Promise<void> {
  if (!isTableInput(input)) {
    await assertNotInput(input.path, outPath);
    const { top, left, bottom, right } = input.range;
    if (!(top >= 1 && left >= 1 && bottom >= top && right >= left && bottom <= MAX_ROWS && right <= MAX_COLUMNS)) {
      throw new Error(`Invalid table range ${JSON.stringify(input.range)}.`);
    }
  }
  const { zip, range } = await openPackage(input, result);
  await dropCalcChain(zip);
  const sheetName = input.sheetName;
  let sheetPart: string;
  try {
    sheetPart = await sheetPartOf(zip, sheetName);
  } catch {
    throw new Error(`The workbook ${isTableInput(input) ? '' : `${input.path} `}has no sheet "${sheetName}".`);
  }

  // The output block, right of the table.
  const columns = outputColumns(result);
  const headers = outputHeaders(result, locale);
  const first = range.right + 1;
  if (first + columns.length - 1 > MAX_COLUMNS) {
    throw new Error(`No room for the ${columns.length} output columns right of the table (column ${columnLetters(range.right)}).`);
  }
  const dataRows = range.bottom - range.top;
  const byRow: AnalysisResult['rows'][number][] = new Array(dataRows + 1);
  for (const row of result.rows) {
    if (!(row.row >= 1 && row.row <= dataRows)) {
      throw new Error(`Result row ${row.row} is outside the table's ${dataRows} data rows: the result is not for this table.`);
    }
    byRow[row.row] = row;
  }

  // Styles: ours after the workbook's; the fill colours of the quadrant and risk labels.
  const quadrantFills = QUADRANTS.map((q) => ({ text: labels.QUADRANT_LABELS[q][locale], color: labels.QUADRANT_FILLS[q] }));
  const riskFills = RISKS.flatMap((r) => {
    const color = labels.RISK_FILLS[r];
    return color ? [{ text: labels.RISK_LABELS[r][locale], color }] : [];
  });
  const styles = await placeStyles(zip, [...quadrantFills, ...riskFills].map((f) => f.color));
  const dxf = (i: number) => styles.fills[i];
  const { part: stringsPart, xml: stringsXml, strings } = await openSharedStrings(zip);

  // The summary sheet and the chart (their strings first: they are known before the big sheet).
  const chart = buildChartModel(result, locale);
  const source = `${sheetName}!${columnLetters(range.left)}${range.top}:${columnLetters(range.right)}${range.bottom}`;
  const summary = summarySheet({ result, locale, chart, source, runTime: options.now ?? new Date(), extras: options.summaryExtras ?? [] });
  const summaryPart = await placeSummarySheet(zip, summary.name, sheetPart);
  zip.file(summaryPart, summaryXml(summary.cells, strings, styles));
  if (!isTableInput(input)) await extendTable(zip, sheetName, range, headers);
  // One blank column after the output columns; top-aligned with the table's header.
  const drawingRelId = await injectChart(zip, {
    sheetPart,
    chartXml: chartXml(chart, summary.refs, locale),
    col: range.right + columns.length + 1,
    row: range.top - 1,
  });

  const shareStyle = styles.share;
  const loyaltyStyle = styles.loyalty;
  const quadrantCol = first + columns.indexOf('quadrant');
  const riskCol = first + columns.indexOf('risk');
  const cellsOf = outputCellMaker(result, locale);
  const outputCols = columns.map((_, j) => first + j);
  const outputStyles = columns.map((c) => (c === 'share' ? shareStyle : c === 'loyalty' ? loyaltyStyle : undefined));
  // Made for the part's element prefix when the first row comes.
  let rowCells: ReturnType<typeof rowCellsWriter> | null = null;
  let rowCellsPrefix = '';
  const values: (string | number)[] = new Array(columns.length);
  const patch: SheetPatch = {
    top: range.top,
    bottom: range.bottom,
    first,
    count: columns.length,
    cells(row, p, out) {
      if (row === range.top) return out.text(headers.map((h, j) => cellXml(p, row, first + j, h, strings, styles.bold)).join(''));
      const r = byRow[row - range.top];
      if (!r) return;
      if (!rowCells || rowCellsPrefix !== p) {
        rowCells = rowCellsWriter(p, outputCols, outputStyles, strings);
        rowCellsPrefix = p;
      }
      rowCells(out, row, cellsOf(r, values));
    },
    widths: new Map(columns.map((c, j) => [first + j, WIDTHS[c] ?? 12])),
    conditionalFormats:
      range.bottom > range.top
        ? [
            fillFormat(range, quadrantCol, quadrantFills.map((f, i) => ({ text: f.text, dxf: dxf(i) }))),
            fillFormat(range, riskCol, riskFills.map((f, i) => ({ text: f.text, dxf: dxf(quadrantFills.length + i) }))),
          ]
        : [],
    drawingRelId,
  };
  await writePackage(zip, outPath, sheetPart, patch, new Map([[stringsPart, () => sharedStringsXml(stringsXml, strings)]]), options.oneThread);
}
