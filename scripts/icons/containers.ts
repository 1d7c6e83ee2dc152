/**
 * The Windows and macOS icon containers, holding PNG images (Windows Vista and later read PNG entries in
 * .ico files; macOS 10.7 and later read PNG in every icns type written here).
 */
export interface SizedPng {
  readonly size: number;
  readonly png: Buffer;
}

/** ICONDIR (6 bytes), one 16-byte ICONDIRENTRY per image, then the images. */
export function encodeIco(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    if (size < 1 || size > 256) throw new RangeError(`an .ico image is 1 to 256 pixels, not ${String(size)}`);
    const entry = 6 + 16 * index;
    header[entry] = size === 256 ? 0 : size; // 0 means 256
    header[entry + 1] = size === 256 ? 0 : size;
    header[entry + 2] = 0; // no palette
    header[entry + 3] = 0; // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** An icns element type and the pixel size of the PNG it holds. */
export const ICNS_TYPES: readonly { readonly type: string; readonly size: number }[] = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 }, // 512 pt @2x
  { type: 'ic11', size: 32 }, // 16 pt @2x
  { type: 'ic12', size: 64 }, // 32 pt @2x
  { type: 'ic13', size: 256 }, // 128 pt @2x
  { type: 'ic14', size: 512 }, // 256 pt @2x
];

/** 'icns' and the file length, then per element its four-letter type, its length (header included), data. */
export function encodeIcns(pngOfSize: (size: number) => Buffer): Buffer {
  const elements = ICNS_TYPES.map(({ type, size }) => {
    const png = pngOfSize(size);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([header, ...elements]);
}
