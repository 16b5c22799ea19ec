// Sheet and workbook protection, and the other host states that make Excel refuse a write: what a
// protected sheet or workbook refuses, with the error Excel gives (AccessDenied).
//
// What is documented:
// - `AccessDenied`: "You cannot perform the requested operation" [doc: application-specific-api-error-handling.md];
//   writing values into locked cells of a protected sheet answers exactly that (quoted in
//   microsoftgraph/microsoft-graph-docs#4546, the same engine as Office.js).
// - The options a protected sheet may grant [doc: Excel.WorksheetProtectionOptions, ExcelApi 1.2/1.7]:
//   allowFormatCells ("formatting of cells"), allowInsertColumns, allowDeleteColumns, allowEditObjects
//   ("editing of objects": charts); every one is false unless given.
// - Workbook protection (Excel.WorkbookProtection, ExcelApi 1.7) protects the structure: sheets cannot be
//   added, deleted, renamed or moved (Excel's Review › Protect Workbook).
// Modelled, not documented: every cell is locked (Excel's default), so every value write is refused; a Table
// on a protected sheet cannot gain or lose columns even with allowInsertColumns (Excel greys out the Table
// commands on a protected sheet); settings (workbook.settings) are not cell content and stay writable.
import { InMemoryExcelError } from './errors';
import type { SheetModel, WorkbookModel } from './model';

export interface SheetProtectionModel {
  allowFormatCells: boolean;
  allowInsertColumns: boolean;
  allowDeleteColumns: boolean;
  allowEditObjects: boolean;
}

export const NO_PERMISSIONS: SheetProtectionModel = { allowFormatCells: false, allowInsertColumns: false, allowDeleteColumns: false, allowEditObjects: false };

export function accessDenied(where: string, detail: string): InMemoryExcelError {
  return new InMemoryExcelError('AccessDenied', `You cannot perform the requested operation. (${detail})`, where);
}

type Kind = 'cells' | 'formats' | 'table' | 'objects' | 'structure' | 'none';

/** Which protection a write of `member` on an object of `typeName` needs. */
function kindOf(typeName: string, member: string): Kind {
  if (member === 'select' || member === 'activate' || member === 'autofitColumns' || member === 'autofitRows') return 'none';
  if (typeName === 'Range') return member === 'values' || member === 'clear' || member === 'delete' ? 'cells' : 'formats';
  if (typeName.startsWith('Range') || typeName.includes('ConditionalFormat') || typeName.startsWith('Conditional')) return 'formats';
  if (typeName.startsWith('Table')) return 'table';
  if (typeName.startsWith('Chart')) return 'objects';
  if (typeName === 'Worksheet') return member === 'name' || member === 'position' || member === 'visibility' || member === 'delete' ? 'structure' : 'none';
  return 'none';
}

const isSheet = (v: unknown): v is SheetModel => typeof v === 'object' && v !== null && 'charts' in v && 'values' in v && 'conditionalFormats' in v;

/** The sheet a proxy's model object lives on (a range, a table, a chart or one of its parts), if any. */
function sheetOf(ref: unknown): SheetModel | null {
  if (isSheet(ref)) return ref;
  if (typeof ref !== 'object' || ref === null) return null;
  const r = ref as { sheet?: unknown; chart?: { sheet?: unknown }; table?: { sheet?: unknown } };
  if (isSheet(r.sheet)) return r.sheet;
  if (isSheet(r.chart?.sheet)) return r.chart.sheet;
  if (isSheet(r.table?.sheet)) return r.table.sheet;
  return null;
}

/**
 * Throws AccessDenied when the host would refuse this write: called at sync time for every property
 * set and method call, with the proxy's type, the member and the resolved model object.
 */
export function guardWrite(model: WorkbookModel, typeName: string, member: string, ref: unknown): void {
  const kind = kindOf(typeName, member);
  if (kind === 'none') return;
  const where = `${typeName}.${member}`;
  if (kind === 'structure') {
    if (model.structureProtected) throw accessDenied(where, 'the workbook structure is protected');
    return;
  }
  const sheet = sheetOf(ref);
  const p = sheet?.protection;
  if (!sheet || !p) return;
  const refused =
    kind === 'cells' || kind === 'table' || (kind === 'formats' && !p.allowFormatCells) || (kind === 'objects' && !p.allowEditObjects);
  if (refused) throw accessDenied(where, `the worksheet "${sheet.name}" is protected`);
}

/** WorksheetCollection.add on a protected workbook structure. */
export function guardAddSheet(model: WorkbookModel): void {
  if (model.structureProtected) throw accessDenied('WorksheetCollection.add', 'the workbook structure is protected');
}
