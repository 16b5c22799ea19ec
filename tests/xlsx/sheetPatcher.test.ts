/**
 * The client sheet's part as the annotated copy rewrites it: output cells added to the table's
 * rows, everything else passed through, whatever the part's shape (prefixes, implicit
 * references, cells right of the table, an earlier run's cells) and however it is cut into
 * pieces as it streams.
 */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SheetPatcher, type SheetPatch } from '../../src/xlsx/sheetPatcher';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A patch writing two output columns (C, D) into rows 1..4: the header row gets H1/H2, data rows "r<row>" and the row number. */
function patchOf(over: Partial<SheetPatch> = {}): SheetPatch {
  return {
    top: 1,
    bottom: 4,
    first: 3,
    count: 2,
    cells: (row, p, out) =>
      out.text(
        row === 1
          ? `<${p}c r="C1" t="inlineStr"><${p}is><${p}t>H1</${p}t></${p}is></${p}c><${p}c r="D1" t="inlineStr"><${p}is><${p}t>H2</${p}t></${p}is></${p}c>`
          : `<${p}c r="C${row}"><${p}v>${row * 10}</${p}v></${p}c><${p}c r="D${row}"><${p}v>${row}</${p}v></${p}c>`,
      ),
    widths: new Map([
      [3, 11],
      [4, 16],
    ]),
    conditionalFormats: [{ sqref: 'C2:C4', xml: (p) => `<${p}conditionalFormatting sqref="C2:C4"><${p}cfRule type="expression" dxfId="0" priority="@1"><${p}formula>C2="x"</${p}formula></${p}cfRule></${p}conditionalFormatting>` }],
    drawingRelId: 'rId9',
    ...over,
  };
}

/** The part patched, its UTF-8 bytes pushed in pieces of these sizes (cut anywhere, inside a character too), then the rest. */
function run(xml: string, patch: SheetPatch = patchOf(), pieces: number[] = []): string {
  const p = new SheetPatcher(patch);
  const bytes = Buffer.from(xml, 'utf8');
  const out: Buffer[] = [];
  let at = 0;
  for (const n of [...pieces, bytes.length]) {
    const piece = p.push(bytes.subarray(at, at + n));
    if (piece) out.push(piece);
    at += n;
  }
  out.push(p.end());
  return Buffer.concat(out).toString('utf8');
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, isArray: (n) => ['row', 'c', 'col', 'conditionalFormatting'].includes(n) });

/** Cell values by reference (numbers as text, inline strings as their text). */
function cells(xml: string): Record<string, string> {
  expect(XMLValidator.validate(xml)).toBe(true);
  const ws = parser.parse(xml).worksheet;
  const out: Record<string, string> = {};
  for (const row of ws.sheetData?.row ?? []) {
    for (const c of row.c ?? []) out[c.r] = String(c.v ?? c.is?.t ?? '');
  }
  return out;
}

/** The cell references of each row, in document order. */
function order(xml: string): string[][] {
  const ws = parser.parse(xml).worksheet;
  return (ws.sheetData?.row ?? []).map((row: { c?: { r: string }[] }) => (row.c ?? []).map((c) => c.r));
}

const sheet = (rows: string, head = '<dimension ref="A1:B4"/>', tail = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${head}<sheetData>${rows}</sheetData>${tail}</worksheet>`;

const basic = sheet(
  '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
    '<row r="2" spans="1:2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>' +
    '<row r="3"><c r="A3"><v>3</v></c></row>' +
    '<row r="4"><c r="A4"><v>4</v></c><c r="B4" s="2"/></row>' +
    '<row r="6"><c r="A6"><v>below</v></c></row>',
);

describe('the sheet patcher', () => {
  test('adds the output cells after each table row’s own cells, and leaves rows outside the table alone', () => {
    const out = run(basic);
    expect(cells(out)).toEqual({ A1: '0', B1: '1', C1: 'H1', D1: 'H2', A2: '1', B2: '2', C2: '20', D2: '2', A3: '3', C3: '30', D3: '3', A4: '4', B4: '', C4: '40', D4: '4', A6: 'below' });
    expect(order(out)[0]).toEqual(['A1', 'B1', 'C1', 'D1']);
    // The spans hint would be wrong now: it is dropped from the rows that changed.
    expect(out).not.toContain('spans="1:2"');
  });

  test('widens the dimension, adds widths, the conditional format and the drawing in schema order', () => {
    const out = run(basic);
    expect(out).toContain('<dimension ref="A1:D4"/>');
    const ws = parser.parse(out).worksheet;
    expect(ws.cols.col.map((c: { min: string; width: string }) => [c.min, c.width])).toEqual([
      ['3', '11'],
      ['4', '16'],
    ]);
    // conditionalFormatting before pageMargins, drawing after it (CT_Worksheet's order).
    const cf = out.indexOf('<conditionalFormatting');
    const margins = out.indexOf('<pageMargins');
    const drawing = out.indexOf('<drawing');
    expect(cf).toBeGreaterThan(out.indexOf('</sheetData>'));
    expect(cf).toBeLessThan(margins);
    expect(drawing).toBeGreaterThan(margins);
    expect(out).toContain('r:id="rId9"');
    expect(out).toContain('priority="1"');
  });

  test('keeps cells right of the table in place, after ours, and replaces an earlier run’s cells in our columns', () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>old</t></is></c><c r="F1"><v>99</v></c></row>' +
        '<row r="2"><c r="A2"><v>2</v></c><c r="D2"><v>7</v></c><c r="E2"><v>8</v></c></row>',
    );
    const out = run(xml, patchOf({ bottom: 2 }));
    expect(cells(out)).toMatchObject({ A1: '1', C1: 'H1', D1: 'H2', F1: '99', A2: '2', C2: '20', D2: '2', E2: '8' });
    expect(order(out)).toEqual([
      ['A1', 'C1', 'D1', 'F1'],
      ['A2', 'C2', 'D2', 'E2'],
    ]);
    expect(out).not.toContain('old');
  });

  test('reads implicit row and cell references (both optional) and writes them where cells move', () => {
    const xml = sheet('<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c><c/><c/><c/><c><v>5</v></c></row>');
    const out = run(xml);
    expect(cells(out)).toMatchObject({ C1: 'H1', D1: 'H2', A2: '3', C2: '20', D2: '2', E2: '5' });
    expect(order(out)[1]).toEqual(['A2', 'B2', 'C2', 'D2', 'E2']);
  });

  test('adds table rows the part lacks, in order, and fills an empty <sheetData/>', () => {
    const gaps = run(sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"/><row r="9"><c r="A9"><v>9</v></c></row>'));
    expect(order(gaps)).toEqual([['A1', 'C1', 'D1'], ['C2', 'D2'], ['C3', 'D3'], ['C4', 'D4'], ['A9']]);
    const empty = run(`<worksheet ${NS}><sheetData/></worksheet>`);
    expect(order(empty)).toEqual([['C1', 'D1'], ['C2', 'D2'], ['C3', 'D3'], ['C4', 'D4']]);
  });

  test('works with prefixed SpreadsheetML (x:worksheet, x:row, x:c)', () => {
    const xml =
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const out = run(xml);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('<x:c r="C2"><x:v>20</x:v></x:c>');
    expect(out).toContain('<x:cols><x:col min="3"');
    expect(out).toContain('<x:conditionalFormatting sqref="C2:C4">');
    expect(out).toMatch(/<x:drawing xmlns:r="[^"]+" r:id="rId9"\/><\/x:worksheet>$/);
  });

  test('replaces an earlier run’s conditional format on the same range and numbers ours after the sheet’s own rules', () => {
    const tail =
      '<conditionalFormatting sqref="A2:A4"><cfRule type="cellIs" dxfId="0" priority="3" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>' +
      '<conditionalFormatting sqref="C2:C4"><cfRule type="expression" dxfId="5" priority="1"><formula>C2="old"</formula></cfRule></conditionalFormatting>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    const out = run(sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '', tail));
    expect(out).not.toContain('C2="old"');
    expect(out).toContain('sqref="A2:A4"');
    expect(out).toMatch(/<cfRule type="expression" dxfId="0" priority="4">/);
  });

  test('gives the same part however the text is cut into pieces (multi-byte characters included)', async () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>客户号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>忠诚客户 😀</t></is></c></row>' +
        '<row r="3"><c r="A3"><v>3</v></c><c r="E3"><v>5</v></c></row><row r="7"><c r="A7"><v>7</v></c></row>',
    );
    const whole = run(xml);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }), (pieces) => {
        expect(run(xml, patchOf(), pieces)).toBe(whole);
      }),
    );
    // Seven bytes at a time: cut inside the UTF-8 of nearly every character, and of every tag.
    expect(run(xml, patchOf(), new Array(Math.ceil(Buffer.byteLength(xml) / 7)).fill(7))).toBe(whole);
  });

  test('writes Chinese in our cells, in a conditional format’s formula and in a reordered row as UTF-8, and passes the part’s own bytes through unchanged', () => {
    const zh = patchOf({
      cells: (row, p, out) => out.text(`<${p}c r="C${row}" t="inlineStr"><${p}is><${p}t>忠诚客户${row}</${p}t></${p}is></${p}c>`),
      count: 1,
      conditionalFormats: [{ sqref: 'C2:C4', xml: (p) => `<${p}conditionalFormatting sqref="C2:C4"><${p}cfRule type="expression" dxfId="0" priority="@1"><${p}formula>C2="问题客户1"</${p}formula></${p}cfRule></${p}conditionalFormatting>` }],
    });
    // Row 2 has a cell right of ours (walked and reordered), row 3 only cells left of them.
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>客户号 😀</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>张伟</t></is></c><c r="E2" t="inlineStr"><is><t>右边</t></is></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>刘洋</t></is></c></row>',
      '<dimension ref="A1:E3"/>',
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><extLst><ext uri="x"><名 xmlns="y">值</名></ext></extLst>',
    );
    for (const pieces of [[], [1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47]]) {
      const out = run(xml, zh, pieces);
      expect(cells(out)).toMatchObject({ A1: '客户号 😀', C1: '忠诚客户1', A2: '张伟', C2: '忠诚客户2', E2: '右边', A3: '刘洋', C3: '忠诚客户3', C4: '忠诚客户4' });
      expect(order(out)[1]).toEqual(['A2', 'C2', 'E2']);
      expect(out).toContain('<formula>C2="问题客户1"</formula>');
      expect(out).toContain('<名 xmlns="y">值</名>');
    }
  });

  test('passes bytes that are not valid UTF-8 through as they are', () => {
    // A part cut short by hand: its text up to an inline string's text, two bytes no UTF-8 has, and its end.
    const start = sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="9"><c r="A9" t="inlineStr"><is><t>');
    const head = Buffer.from(start.slice(0, start.indexOf('</sheetData>')), 'utf8');
    const bad = Buffer.concat([head, Buffer.from([0xff, 0xc3]), Buffer.from('</t></is></c></row></sheetData></worksheet>', 'utf8')]);
    const p = new SheetPatcher(patchOf());
    const out = Buffer.concat([p.push(bad) ?? Buffer.alloc(0), p.end()]);
    expect(out.indexOf(Buffer.from([0x3e, 0xff, 0xc3, 0x3c]))).toBeGreaterThan(0);
  });

  test('refuses a part that ends inside its rows', () => {
    const p = new SheetPatcher(patchOf());
    p.push(Buffer.from(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`));
    expect(() => p.end()).toThrow(/ended before its <\/sheetData>/);
  });
});
