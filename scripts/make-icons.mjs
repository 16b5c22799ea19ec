#!/usr/bin/env node
// Draws the add-in's icon — a 2×2 matrix in the four quadrant colours — as PNGs in assets/.
// Pure Node (zlib + a small PNG encoder) so it runs anywhere without native image libraries.
// Run: node scripts/make-icons.mjs   (the PNGs are committed; rerun only to change the glyph)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIZES = [16, 32, 64, 80, 128];

// Laid out like the matrix chart: x = loyalty (right is high), y = share (up is high).
// Colours are the quadrant colours of src/domain/i18n/labels.ts.
const QUADRANTS = [
  { col: 0, row: 0, color: '#EF6C00' }, // PROBLEM_2: high share, low loyalty
  { col: 1, row: 0, color: '#2E7D32' }, // LOYAL: high share, high loyalty
  { col: 0, row: 1, color: '#757575' }, // GENERAL: low share, low loyalty
  { col: 1, row: 1, color: '#1565C0' }, // PROBLEM_1: low share, high loyalty
];

// In sixteenths of the icon, so the squares sit on whole pixels at 16, 32, 64, 80 and 128 px.
const MARGIN = 1 / 16;
const GAP = 2 / 16;
const CELL = (1 - 2 * MARGIN - GAP) / 2;
const RADIUS = 1.5 / 16;
const SUPERSAMPLE = 4;

function hexToRgb(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Is the point (x, y), in unit coordinates, inside the rounded square at (x0, y0)? */
function insideRoundedSquare(x, y, x0, y0) {
  const x1 = x0 + CELL;
  const y1 = y0 + CELL;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + RADIUS), x1 - RADIUS);
  const cy = Math.min(Math.max(y, y0 + RADIUS), y1 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

/** RGBA pixels (row-major, 4 bytes each) of the glyph at `size` px, anti-aliased by supersampling. */
export function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const cells = QUADRANTS.map((q) => ({
    x0: MARGIN + q.col * (CELL + GAP),
    y0: MARGIN + q.row * (CELL + GAP),
    rgb: hexToRgb(q.color),
  }));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      for (const cell of cells) {
        let hits = 0;
        for (let sy = 0; sy < SUPERSAMPLE; sy++) {
          for (let sx = 0; sx < SUPERSAMPLE; sx++) {
            const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
            const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
            if (insideRoundedSquare(x, y, cell.x0, cell.y0)) hits++;
          }
        }
        if (hits > 0) {
          const o = (py * size + px) * 4;
          pixels[o] = cell.rgb[0];
          pixels[o + 1] = cell.rgb[1];
          pixels[o + 2] = cell.rgb[2];
          pixels[o + 3] = Math.round((255 * hits) / SUPERSAMPLE ** 2);
          break; // the cells never overlap
        }
      }
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit truecolour with alpha, filter "none" on every row). */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
