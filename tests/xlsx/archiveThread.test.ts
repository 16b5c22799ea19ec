/**
 * The annotated workbook's archive, written by its own thread or by this one: the same parts,
 * in the same order, with the same bytes; a failure on the archive's side reaches the caller.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { archiveHere, archiveOut, type ArchiveOut } from '../../src/xlsx/archiveThread';

const dir = mkdtempSync(path.join(tmpdir(), 'pm-archive-'));

/** Three parts: one as bytes, one as raw deflate data, and a streamed one of 3 MB in uneven pieces (Chinese included). */
async function write(out: ArchiveOut): Promise<string> {
  out.part('[Content_Types].xml', { bytes: Buffer.from('<Types/>'), deflated: false });
  out.part('xl/workbook.xml', { bytes: deflateRawSync(Buffer.from('<workbook>客户矩阵</workbook>')), deflated: true });
  const sheet = out.stream('xl/worksheets/sheet1.xml');
  let text = '';
  for (let i = 0; i < 30_000; i++) {
    const row = `<row r="${i + 1}"><c t="inlineStr"><is><t>客户${i}</t></is></c></row>`;
    text += row;
    await sheet.write(Buffer.from(row.repeat(1 + (i % 7))));
    text += row.repeat(i % 7);
  }
  await sheet.end();
  out.part('xl/sharedStrings.xml', { bytes: Buffer.from('<sst/>'), deflated: false });
  await out.finish();
  return text;
}

async function partsOf(file: string): Promise<[string, string][]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return Promise.all(Object.keys(zip.files).map(async (n) => [n, await zip.files[n].async('string')] as [string, string]));
}

describe('the archive', () => {
  test('is the same written by its own thread as by this one', async () => {
    const here = path.join(dir, 'here.zip');
    const there = path.join(dir, 'there.zip');
    const text = await write(archiveHere(here));
    await write(archiveOut(there));
    const a = await partsOf(here);
    const b = await partsOf(there);
    expect(b.map(([n]) => n)).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']);
    expect(b).toEqual(a);
    expect(b[1][1]).toBe('<workbook>客户矩阵</workbook>');
    expect(b[2][1]).toBe(text);
  });

  test('says when it cannot write its file', async () => {
    const out = archiveOut(path.join(dir, 'no-such-folder', 'x.zip'));
    out.part('a.xml', { bytes: Buffer.from('<a/>'), deflated: false });
    // With the file system's code, which the command line's message is made from.
    await expect(out.finish()).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringMatching(/ENOENT/) });
  });
});
