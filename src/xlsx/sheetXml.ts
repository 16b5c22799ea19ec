/**
 * Whole sheet parts written as XML: the summary sheet, and the table of a CSV input (which has no
 * workbook to copy), plus the minimal package around the latter.
 */
import JSZip from 'jszip';
import { cellXml, colXml, StringTable, writeCell, xmlAttr, type CellValue } from './cellXml';
import { XmlBytes } from './xmlBytes';
import { MINIMAL_DATE_STYLE, MINIMAL_STYLES, type AddedStyles } from './styles';
import type { SummaryCells } from './summarySheet';
import { columnLetters } from '../domain';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function colsXml(widths: Map<number, number>): string {
  if (widths.size === 0) return '';
  const cols = [...widths].sort((a, b) => a[0] - b[0]).map(([c, w]) => colXml('', c, w));
  return `<cols>${cols.join('')}</cols>`;
}

/** A worksheet part from rows of cell XML (1-based row → cells already in column order). */
function worksheetXml(rows: string[], lastRow: number, lastCol: number, widths: Map<number, number>): string {
  const dim = lastRow > 0 && lastCol > 0 ? `A1:${columnLetters(lastCol)}${lastRow}` : 'A1';
  return (
    `${DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><dimension ref="${dim}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    `${colsXml(widths)}<sheetData>${rows.join('')}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

/**
 * The summary sheet's part, as UTF-8 bytes: with the chart's source data it has a row for each
 * client plotted, and its cells are written straight into bytes (cellXml's text, byte for byte).
 */
export function summaryXml(cells: SummaryCells, strings: StringTable, styles: AddedStyles): Buffer {
  let lastCol = 0;
  for (const row of cells.rows) if (row) for (const c of row) if (c.col > lastCol) lastCol = c.col;
  const lastRow = cells.rows.length - 1;
  const [head, tail] = worksheetXml(['\u0000'], lastRow, lastCol, cells.widths).split('\u0000');
  const out = new XmlBytes(1 << 20);
  out.text(head);
  cells.rows.forEach((row, r) => {
    if (!row || row.length === 0) return;
    const sorted = row.length > 1 ? [...row].sort((a, b) => a.col - b.col) : row;
    out.latin1('<row r="');
    out.uint(r);
    out.latin1('">');
    for (const c of sorted) writeCell(out, '', r, c.col, c.value, strings, c.style ? styles[c.style] : undefined);
    out.latin1('</row>');
  });
  out.text(tail);
  return out.take() ?? Buffer.alloc(0);
}

/**
 * A new package holding `table` at A1 of its only sheet (a CSV input): what the annotated copy
 * is then made from, exactly as from a workbook the user gave.
 */
export async function tablePackage(table: readonly (readonly CellValue[])[], sheetName: string): Promise<JSZip> {
  const strings = new StringTable(0);
  // Dates (none come from a CSV today) take the minimal styles' date format.
  const rows: string[] = [];
  let lastCol = 0;
  table.forEach((row, i) => {
    const r = i + 1;
    let xml = '';
    row.forEach((v, j) => {
      xml += cellXml('', r, j + 1, v, strings, undefined, MINIMAL_DATE_STYLE);
    });
    lastCol = Math.max(lastCol, row.length);
    if (xml) rows.push(`<row r="${r}">${xml}</row>`);
  });
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      `</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `${DECL}<Relationships xmlns="${NS_RELS}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `${DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="${xmlAttr(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${DECL}<Relationships xmlns="${NS_RELS}">` +
      `<Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${NS_R}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>` +
      `</Relationships>`,
  );
  zip.file('xl/styles.xml', MINIMAL_STYLES);
  zip.file('xl/worksheets/sheet1.xml', worksheetXml(rows, table.length, lastCol, new Map()));
  zip.file(
    'xl/sharedStrings.xml',
    `${DECL}<sst xmlns="${NS_MAIN}" count="${strings.references}" uniqueCount="${strings.addedCount}">${strings.items()}</sst>`,
  );
  return zip;
}
