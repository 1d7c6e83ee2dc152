import { deflateSync } from 'node:zlib';
import type { RgbaImage } from './render.ts';

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309, the same as zlib's). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Paeth predictor (PNG specification, filter type 4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** The five PNG filters applied to one row; `prior` is the unfiltered row above (zeros for the first). */
function filterRow(type: number, row: Uint8Array, prior: Uint8Array, bpp: number): Uint8Array {
  const out = new Uint8Array(row.length);
  for (let i = 0; i < row.length; i++) {
    const x = row[i] ?? 0;
    const a = i >= bpp ? (row[i - bpp] ?? 0) : 0;
    const b = prior[i] ?? 0;
    const c = i >= bpp ? (prior[i - bpp] ?? 0) : 0;
    let predicted = 0;
    if (type === 1) predicted = a;
    else if (type === 2) predicted = b;
    else if (type === 3) predicted = (a + b) >> 1;
    else if (type === 4) predicted = paeth(a, b, c);
    out[i] = (x - predicted) & 0xff;
  }
  return out;
}

/** The usual heuristic: per row, the filter whose output has the smallest sum of absolute signed bytes. */
function filteredScanlines(image: RgbaImage): Uint8Array {
  const stride = image.width * 4;
  const out = new Uint8Array((stride + 1) * image.height);
  let prior: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < image.height; y++) {
    const row = image.pixels.subarray(y * stride, (y + 1) * stride);
    let best: { type: number; bytes: Uint8Array; cost: number } = { type: 0, bytes: row, cost: Infinity };
    for (let type = 0; type <= 4; type++) {
      const bytes = filterRow(type, row, prior, 4);
      let cost = 0;
      for (const byte of bytes) cost += byte < 128 ? byte : 256 - byte;
      if (cost < best.cost) best = { type, bytes, cost };
    }
    out[y * (stride + 1)] = best.type;
    out.set(best.bytes, y * (stride + 1) + 1);
    prior = row;
  }
  return out;
}

/** A non-interlaced 8-bit RGBA PNG: IHDR, one IDAT, IEND; no timestamps or text, so it is reproducible. */
export function encodePng(image: RgbaImage): Buffer {
  if (image.pixels.length !== image.width * image.height * 4) throw new RangeError('pixel buffer size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive
  header[12] = 0; // no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredScanlines(image), { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
