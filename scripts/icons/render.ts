import type { Rgba } from './logo.ts';

/** A straight (not premultiplied) RGBA image, 8 bits per channel, rows top to bottom. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/**
 * Draws a square image of `size` pixels from a colour function over [0,1]², antialiased by averaging a
 * grid of samples x samples points per pixel (in premultiplied alpha, so edges against transparency do not
 * darken). Pure arithmetic on doubles: the same inputs give the same bytes on every machine.
 */
export function render(size: number, samples: number, colorAt: (x: number, y: number) => Rgba): RgbaImage {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`bad size ${String(size)}`);
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`bad samples ${String(samples)}`);
  const pixels = new Uint8Array(size * size * 4);
  const count = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        const y = (py + (sy + 0.5) / samples) / size;
        for (let sx = 0; sx < samples; sx++) {
          const color = colorAt((px + (sx + 0.5) / samples) / size, y);
          r += color.r * color.a;
          g += color.g * color.a;
          b += color.b * color.a;
          a += color.a;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        pixels[offset] = channel(r / a);
        pixels[offset + 1] = channel(g / a);
        pixels[offset + 2] = channel(b / a);
      }
      pixels[offset + 3] = channel((a / count) * 255);
    }
  }
  return { width: size, height: size, pixels };
}

function channel(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}
