/** The sandbox grid's editor text: editing a cell and confirming it leaves the cell as it was, as in Excel. */
import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { SheetView } from '../../src/sandbox/workbookView';

test('a text Excel would convert starts the editor with its apostrophe; formulas and dates as the formula bar shows them', () => {
  const typed = [["'000123", "'=王", 'plain', '2026-10-31', '=1+1', '#N/A', '12%']];
  const wb = new InMemoryWorkbook(['S']).setValues('S', 'A1', typed);
  const view = SheetView.of(wb, 'S') as SheetView;
  const edits = typed[0].map((_, c) => view.editText(0, c));
  expect(edits).toEqual(["'000123", "'=王", 'plain', '2026-10-31', '=1+1', '#N/A', '0.12']);
  const before = wb.sheetSnapshot('S');
  wb.setValues('S', 'A1', [edits]);
  expect(wb.sheetSnapshot('S')).toEqual(before);
});
