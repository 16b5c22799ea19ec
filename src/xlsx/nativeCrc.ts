/**
 * CRC-32 through Node's native zlib for archiver, which writes the annotated workbook: its
 * crc32-stream computes each part's checksum with the crc-32 package in JavaScript, which cost
 * about 0.7 s of this thread on a 200,000-row workbook's 300 MB of parts (npm run bench e2e);
 * zlib.crc32 (Node 20.15+) does the same in a fifth of that. The package's `buf` is replaced by
 * one that gives the same value (a signed 32-bit number, a seed that is not a number read as 0,
 * as `seed ^ -1` does) through zlib; on a Node without zlib.crc32 nothing changes.
 */
import * as zlib from 'node:zlib';
import crc32 from 'crc-32';

type Buf = typeof crc32.buf;

/** crc-32's own function, kept for the test that compares the two. */
export const javascriptBuf: Buf = crc32.buf;

const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** crc-32's `buf`, computed by zlib. */
export const nativeBuf: Buf | null = native
  ? (data, seed) => native(data as Uint8Array, typeof seed === 'number' ? seed >>> 0 : 0) | 0
  : null;

/** Makes crc-32's `buf` (and so archiver's checksums) native; whether it could. */
export function useNativeCrc32(): boolean {
  if (!nativeBuf) return false;
  (crc32 as { buf: Buf }).buf = nativeBuf;
  return true;
}
