/**
 * A package part's bytes through Node's native zlib instead of JSZip's JavaScript inflate (pako):
 * a large sheet part is inflated two or three times in an .xlsx run (read, patched, and its rows
 * counted when its dimension says too few), and pako cost several times what zlib does. JSZip still reads the zip directory; a part it
 * loaded from the file keeps its raw deflate data (CompressedObject), which is handed to zlib.
 * A part added or changed in memory, or stored with another method, goes through JSZip as before.
 */
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
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

/** The part's inflated size as the zip's directory gives it, or null when JSZip does not keep it. */
export function partSize(file: JSZip.JSZipObject): number | null {
  const size = (file as unknown as { _data?: CompressedObject })._data?.uncompressedSize;
  return typeof size === 'number' && size >= 0 ? size : null;
}

/** The part's inflated bytes as a stream (Buffers). */
export function partStream(file: JSZip.JSZipObject): Readable {
  const raw = rawOf(file);
  if (!raw) return file.nodeStream('nodebuffer') as unknown as Readable;
  const source = Readable.from([Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.length)], { objectMode: false });
  if (!raw.deflated) return source;
  // 256 KB pieces: with zlib's 16 KB default, handing pieces between this thread and zlib's cost
  // about as much as the inflating (npm run bench e2e, a 165 MB sheet part).
  const inflate = createInflateRaw({ chunkSize: 1 << 18 });
  source.on('error', (e) => inflate.destroy(e));
  return source.pipe(inflate);
}

/** The part's text (UTF-8), as JSZip's async('string') gives it. */
export async function partText(file: JSZip.JSZipObject): Promise<string> {
  const raw = rawOf(file);
  if (!raw) return file.async('string');
  const bytes = Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.length);
  return (raw.deflated ? inflateRawSync(bytes) : bytes).toString('utf8');
}
