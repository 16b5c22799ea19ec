/**
 * workbook.md: "If the table is an Excel Table, the columns become table columns". exceljs keeps
 * a table it reads but cannot safely widen it (its table model is rebuilt from cells it did not
 * load), so the table part is widened in the package: a larger ref and one tableColumn per
 * output header.
 */
import type JSZip from 'jszip';
import { escapeXml } from './chartXml';
import { attrs, relsOf, relsPath, resolveTarget, sheetPartOf, text } from './opc';
import { columnLetters } from '../domain';

export interface TableBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const REL_TABLE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';

const a1 = (r: TableBox) => `${columnLetters(r.left)}${r.top}:${columnLetters(r.right)}${r.bottom}`;

/**
 * Widens the Excel Table whose range is exactly `range` by the output columns (already written
 * right of it). Returns false, changing nothing, when there is no such table, it has a totals row
 * or no header row, or an output header already names one of its columns.
 */
export async function extendTable(zip: JSZip, sheetName: string, range: TableBox, headers: string[]): Promise<boolean> {
  const sheetPart = await sheetPartOf(zip, sheetName);
  // The sheet's tables are among its relationships (reading them spares inflating the big sheet part).
  if (!zip.file(relsPath(sheetPart))) return false;
  const tables = relsOf(await text(zip, relsPath(sheetPart))).filter((r) => r.type === REL_TABLE);
  const oldRef = a1(range);
  for (const rel of tables) {
    const part = resolveTarget(sheetPart, rel.target);
    const xml = await text(zip, part);
    const root = /<table\b[^>]*>/.exec(xml);
    if (!root) continue;
    const at = attrs(root[0]);
    if ((at.ref ?? '').replace(/\$/g, '').toUpperCase() !== oldRef) continue;
    if (Number(at.totalsRowCount ?? 0) > 0 || at.headerRowCount === '0') return false;
    const names = [...xml.matchAll(/<tableColumn\b[^>]*>/g)].map((m) => attrs(m[0]));
    const taken = new Set(names.map((n) => (n.name ?? '').toLowerCase()));
    if (headers.some((h) => taken.has(h.toLowerCase()))) return false;
    const newRef = a1({ ...range, right: range.right + headers.length });
    let maxId = Math.max(0, ...names.map((n) => Number(n.id ?? 0)));
    const added = headers.map((h) => `<tableColumn id="${++maxId}" name="${escapeXml(h)}"/>`).join('');
    const widened = xml
      .replace(root[0], root[0].replace(/\bref="[^"]*"/, `ref="${newRef}"`))
      .replace(/(<autoFilter\b[^>]*\bref=")[^"]*(")/, `$1${newRef}$2`)
      .replace(/(<tableColumns\b[^>]*\bcount=")\d+(")/, `$1${names.length + headers.length}$2`)
      .replace(/<\/tableColumns>/, `${added}</tableColumns>`);
    zip.file(part, widened);
    return true;
  }
  return false;
}
