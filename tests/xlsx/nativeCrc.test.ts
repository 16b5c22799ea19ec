/**
 * archiver's checksums through zlib (nativeCrc.ts): the same values as crc-32's JavaScript, for
 * any bytes and any seed crc32-stream passes (its first seed is a Buffer).
 */
import fc from 'fast-check';
import crc32 from 'crc-32';
import { javascriptBuf, nativeBuf, useNativeCrc32 } from '../../src/xlsx/nativeCrc';

describe('native CRC-32 for archiver', () => {
  it('gives what crc-32 gives, chunk after chunk', () => {
    expect(nativeBuf).not.toBeNull();
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }), (chunks) => {
        // As crc32-stream chains them: the first seed a 4-byte Buffer, then the last value >>> 0.
        let mine: unknown = Buffer.alloc(4);
        let theirs: unknown = Buffer.alloc(4);
        for (const c of chunks) {
          mine = nativeBuf!(c, mine as number) >>> 0;
          theirs = javascriptBuf(c, theirs as number) >>> 0;
          expect(mine).toBe(theirs);
        }
      }),
    );
    expect(nativeBuf!(Buffer.from('123456789'))).toBe(javascriptBuf(Buffer.from('123456789')));
    expect(nativeBuf!(Buffer.from('123456789')) >>> 0).toBe(0xcbf43926); // the check value of CRC-32
  });

  it("replaces the package's function that crc32-stream calls", () => {
    expect(useNativeCrc32()).toBe(true);
    expect(crc32.buf).toBe(nativeBuf);
  });
});
