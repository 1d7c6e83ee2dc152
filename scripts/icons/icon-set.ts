import { encodeIcns, encodeIco } from './containers.ts';
import { logoColorAt } from './logo.ts';
import { encodePng } from './png.ts';
import { render } from './render.ts';

/** Linux (hicolor theme sizes; electron-builder reads them from build/icons/<n>x<n>.png). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Windows: the shell picks among these for lists, the taskbar, tiles and high-DPI displays. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** build/icon.png, electron-builder's fallback for every platform. */
export const MAIN_SIZE = 1024;

/** Small sizes get more samples per pixel: each pixel there covers more of the drawing's detail. */
function samplesFor(size: number): number {
  return size <= 64 ? 8 : 4;
}

/**
 * Every icon file electron-builder uses, by path relative to the repository, drawn from the mark in
 * logo.ts. Deterministic: the same sources give the same bytes.
 */
export function iconFiles(): Map<string, Buffer> {
  const cache = new Map<number, Buffer>();
  const png = (size: number): Buffer => {
    let encoded = cache.get(size);
    if (encoded === undefined) {
      encoded = encodePng(render(size, samplesFor(size), logoColorAt));
      cache.set(size, encoded);
    }
    return encoded;
  };
  const files = new Map<string, Buffer>();
  files.set('build/icon.png', png(MAIN_SIZE));
  for (const size of LINUX_SIZES) files.set(`build/icons/${String(size)}x${String(size)}.png`, png(size));
  files.set('build/icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  files.set('build/icon.icns', encodeIcns(png));
  return files;
}
