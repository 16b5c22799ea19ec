/**
 * A package part's bytes through Node's native zlib instead of JSZip's JavaScript inflate (pako):
 * a large sheet part is inflated two or three times in an .xlsx run (read, patched, and its rows
 * counted when its dimension says too few), and pako cost several times what zlib does. JSZip still reads the zip directory; a part it
 * loaded from the file keeps its raw deflate data (CompressedObject), which is handed to zlib.
 * A part added or changed in memory, or stored with another method, goes through JSZip as before.
 */
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync, type ZlibOptions } from 'node:zlib';
import type JSZip from 'jszip';

/** What JSZip keeps of a part read from a file (lib/compressedObject.js; not in its typings). */
interface CompressedObject {
  compressedContent?: unknown;
  uncompressedSize?: unknown;
  compression?: { magic?: string } | null;
}

const DEFLATE = '\x08\x00';
const STORED = '\x00\x00';

function rawOf(file: JSZip.JSZipObject): { bytes: Uint8Array; deflated: boolean } | null {
  const data = (file as unknown as { _data?: CompressedObject })._data;
  const bytes = data?.compressedContent;
  const magic = data?.compression?.magic;
  if (!(bytes instanceof Uint8Array) || (magic !== DEFLATE && magic !== STORED)) return null;
  return { bytes, deflated: magic === DEFLATE };
}

/**
 * A part added or changed in memory (zip.file(name, content)): JSZip keeps a promise of the text
 * (a unicode string) or of the bytes. Read through JSZip's own stream, such a part went 16 KB at a
 * time with a turn of the event loop between (its DataWorker), and this thread waited on that:
 * about a second of a 200,000-row run for the summary sheet and the chart.
 */
function contentOf(file: JSZip.JSZipObject): Promise<string | Uint8Array> | null {
  if (!inMemory(file)) return null;
  const f = file as unknown as { _data: Promise<unknown>; _dataBinary?: unknown };
  const data = f._data;
  const unicode = f._dataBinary === false;
  return data.then((d: unknown) => {
    if (unicode && typeof d === 'string') return d;
    if (!unicode && d instanceof Uint8Array) return d;
    throw new NotMemory();
  });
}

function inMemory(file: JSZip.JSZipObject): boolean {
  return (file as unknown as { _data?: unknown })._data instanceof Promise;
}

/** JSZip held the part otherwise than contentOf expects: it is read through JSZip. */
class NotMemory extends Error {}

/** The bytes of a part held in memory (see contentOf), or null when it is not. */
async function memoryBytes(file: JSZip.JSZipObject): Promise<Buffer | null> {
  const content = contentOf(file);
  if (!content) return null;
  try {
    const d = await content;
    return typeof d === 'string' ? Buffer.from(d, 'utf8') : Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  } catch (e) {
    if (e instanceof NotMemory) return null;
    throw e;
  }
}

/** The part's inflated size as the zip's directory gives it, or null when JSZip does not keep it. */
export function partSize(file: JSZip.JSZipObject): number | null {
  const size = (file as unknown as { _data?: CompressedObject })._data?.uncompressedSize;
  return typeof size === 'number' && size >= 0 ? size : null;
}

/** The part's inflated bytes as a stream (Buffers). */
export function partStream(file: JSZip.JSZipObject): Readable {
  const raw = rawOf(file);
  if (!raw) {
    if (!inMemory(file)) return file.nodeStream('nodebuffer') as unknown as Readable;
    return Readable.from(
      (async function* () {
        yield (await memoryBytes(file)) ?? (await file.async('nodebuffer'));
      })(),
      { objectMode: false },
    );
  }
  const source = Readable.from([Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.length)], { objectMode: false });
  if (!raw.deflated) return source;
  // 256 KB pieces: with zlib's 16 KB default, handing pieces between this thread and zlib's cost
  // about as much as the inflating (npm run bench e2e, a 165 MB sheet part).
  // And up to 4 MB inflated ahead (zlib's options go on to its Transform, though ZlibOptions does
  // not say so): with the default 16 KB the inflating stopped after each piece until the reader
  // had taken it, so the two threads took turns instead of working at once.
  const options: ZlibOptions & { readableHighWaterMark: number } = { chunkSize: 1 << 18, readableHighWaterMark: 1 << 22 };
  const inflate = createInflateRaw(options);
  source.on('error', (e) => inflate.destroy(e));
  return source.pipe(inflate);
}

/** The part's text (UTF-8), as JSZip's async('string') gives it. */
export async function partText(file: JSZip.JSZipObject): Promise<string> {
  const raw = rawOf(file);
  if (!raw) {
    const content = contentOf(file);
    const d = content ? await content.catch(() => null) : null;
    return typeof d === 'string' ? d : file.async('string');
  }
  const bytes = Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.length);
  return (raw.deflated ? inflateRawSync(bytes) : bytes).toString('utf8');
}

/**
 * The part's bytes as the archive takes them (archiveThread.ts): a part copied from the input as
 * its raw deflate data (inflated on the archive's side), one held in memory as its bytes, any
 * other as JSZip gives it.
 */
export async function partBytes(file: JSZip.JSZipObject): Promise<{ bytes: Uint8Array; deflated: boolean }> {
  const raw = rawOf(file);
  if (raw) return raw;
  const bytes = (await memoryBytes(file)) ?? (await file.async('uint8array'));
  return { bytes, deflated: false };
}
