import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ICNS_TYPES } from '../../scripts/icons/containers.ts';
import { ICO_SIZES, iconFiles, LINUX_SIZES, MAIN_SIZE } from '../../scripts/icons/icon-set.ts';
import { crc32, PNG_SIGNATURE } from '../../scripts/icons/png.ts';

/**
 * The committed icons in build/: well-formed PNG, ICO and ICNS files of the sizes the installers need,
 * and exactly what `npm run icons` draws from scripts/icons/logo.ts today.
 */
const ROOT = join(import.meta.dirname, '../..');
const committed = (path: string): Buffer => readFileSync(join(ROOT, path));

interface Png {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  /** The inflated IDAT data: filter bytes and scanlines, independent of zlib's compression choices. */
  readonly scanlines: Buffer;
}

/** A strict reader: signature, chunk CRCs, IHDR first, IEND last, the scanline count and length. */
function parsePng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8).equals(Buffer.from(PNG_SIGNATURE)), 'PNG signature').toBe(true);
  const chunks: { type: string; data: Buffer }[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(
      crc32(bytes.subarray(offset + 4, offset + 8 + length)),
    );
    chunks.push({ type, data });
    offset += 12 + length;
  }
  expect(offset).toBe(bytes.length);
  expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]?.data ?? Buffer.alloc(0);
  const png: Png = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8] ?? -1,
    colorType: ihdr[9] ?? -1,
    scanlines: inflateSync(chunks[1]?.data ?? Buffer.alloc(0)),
  };
  expect(png.scanlines.length).toBe((png.width * 4 + 1) * png.height);
  return png;
}

function expectSquarePng(bytes: Buffer, size: number): Png {
  const png = parsePng(bytes);
  expect({ width: png.width, height: png.height, bitDepth: png.bitDepth, colorType: png.colorType }).toEqual({
    width: size,
    height: size,
    bitDepth: 8,
    colorType: 6,
  });
  return png;
}

interface Entry {
  readonly label: string;
  readonly size: number;
  readonly png: Buffer;
}

function parseIco(bytes: Buffer): Entry[] {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + 16 * index;
    const width = bytes[entry] === 0 ? 256 : (bytes[entry] ?? -1);
    const height = bytes[entry + 1] === 0 ? 256 : (bytes[entry + 1] ?? -1);
    expect(height).toBe(width);
    expect([bytes.readUInt16LE(entry + 4), bytes.readUInt16LE(entry + 6)]).toEqual([1, 32]);
    const length = bytes.readUInt32LE(entry + 8);
    const start = bytes.readUInt32LE(entry + 12);
    expect(start + length).toBeLessThanOrEqual(bytes.length);
    return { label: `ico ${String(width)}`, size: width, png: bytes.subarray(start, start + length) };
  });
}

function parseIcns(bytes: Buffer): Entry[] {
  expect(bytes.toString('latin1', 0, 4)).toBe('icns');
  expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  const entries: Entry[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const type = bytes.toString('latin1', offset, offset + 4);
    const length = bytes.readUInt32BE(offset + 4);
    expect(length).toBeGreaterThan(8);
    const size = ICNS_TYPES.find((known) => known.type === type)?.size ?? -1;
    entries.push({ label: type, size, png: bytes.subarray(offset + 8, offset + length) });
    offset += length;
  }
  expect(offset).toBe(bytes.length);
  return entries;
}

let generated: Map<string, Buffer>;
beforeAll(() => {
  generated = iconFiles();
}, 60_000);

describe('build/ icons', () => {
  it('has the 1024 px PNG and the Linux hicolor sizes, nothing else in build/icons', () => {
    expectSquarePng(committed('build/icon.png'), MAIN_SIZE);
    for (const size of LINUX_SIZES)
      expectSquarePng(committed(`build/icons/${String(size)}x${String(size)}.png`), size);
    expect(readdirSync(join(ROOT, 'build/icons')).sort()).toEqual(
      LINUX_SIZES.map((size) => `${String(size)}x${String(size)}.png`).sort(),
    );
  });

  it('has a Windows .ico of PNG entries from 16 to 256 px', () => {
    const entries = parseIco(committed('build/icon.ico'));
    expect(entries.map((entry) => entry.size)).toEqual([...ICO_SIZES]);
    for (const entry of entries) expectSquarePng(entry.png, entry.size);
  });

  it('has a macOS .icns of PNG elements from 16 to 1024 px, 1x and 2x', () => {
    const entries = parseIcns(committed('build/icon.icns'));
    expect(entries.map((entry) => entry.label)).toEqual(ICNS_TYPES.map((known) => known.type));
    for (const entry of entries) expectSquarePng(entry.png, entry.size);
  });

  it('is what `npm run icons` draws now (same files, same pixels)', () => {
    expect([...generated.keys()].sort()).toEqual(
      [
        'build/icon.icns',
        'build/icon.ico',
        'build/icon.png',
        ...LINUX_SIZES.map((size) => `build/icons/${String(size)}x${String(size)}.png`),
      ].sort(),
    );
    // Pixels and container layout are compared, not zlib's output, which a Node upgrade may change.
    const pngsOf = (path: string, bytes: Buffer): Entry[] => {
      if (path.endsWith('.ico')) return parseIco(bytes);
      if (path.endsWith('.icns')) return parseIcns(bytes);
      return [{ label: path, size: 0, png: bytes }];
    };
    for (const [path, bytes] of generated) {
      const fresh = pngsOf(path, bytes);
      const stored = pngsOf(path, committed(path));
      expect(
        stored.map((entry) => entry.label),
        path,
      ).toEqual(fresh.map((entry) => entry.label));
      fresh.forEach((entry, index) => {
        const old = stored[index];
        const same = old !== undefined && parsePng(old.png).scanlines.equals(parsePng(entry.png).scanlines);
        expect(same, `${path} ${entry.label} is stale: run npm run icons`).toBe(true);
      });
    }
  });

  it('is reproducible: drawing again gives the same bytes', () => {
    const again = iconFiles();
    for (const [path, bytes] of generated) expect(again.get(path)?.equals(bytes), path).toBe(true);
  }, 60_000);

  it('is drawn, not blank: opaque inside, transparent in the corners', () => {
    const { scanlines } = expectSquarePng(committed('build/icons/64x64.png'), 64);
    // Filter type 0 rows would make this a direct read; reconstruct just the alpha of two pixels instead.
    const pixels = unfilter(scanlines, 64);
    const alpha = (x: number, y: number): number => pixels[(y * 64 + x) * 4 + 3] ?? -1;
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(32, 32)).toBe(255);
  });
});

/** PNG reconstruction (the inverse of the five filters) for an 8-bit RGBA image. */
function unfilter(scanlines: Buffer, width: number): Uint8Array {
  const stride = width * 4;
  const height = scanlines.length / (stride + 1);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const type = scanlines[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = scanlines[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= 4 ? (out[y * stride + i - 4] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const c = i >= 4 && y > 0 ? (out[(y - 1) * stride + i - 4] ?? 0) : 0;
      let predicted = 0;
      if (type === 1) predicted = a;
      else if (type === 2) predicted = b;
      else if (type === 3) predicted = (a + b) >> 1;
      else if (type === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + i] = (x + predicted) & 0xff;
    }
  }
  return out;
}
