import { describe, expect, it } from 'vitest';
import { blankRaster, crop, fillRect, isBlack, type Raster } from '../../../electron/core/printing/raster';

/** Dot by dot: what crop must give. */
function cropByDot(raster: Raster, x: number, y: number, width: number, height: number): Raster {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const out = blankRaster(
    Math.max(0, Math.min(width, raster.width - x0)),
    Math.max(0, Math.min(height, raster.height - y0)),
  );
  for (let row = 0; row < out.height; row += 1) {
    for (let col = 0; col < out.width; col += 1)
      if (isBlack(raster, x0 + col, y0 + row)) out.bits[row * out.rowBytes + (col >> 3)]! |= 0x80 >> (col & 7);
  }
  return out;
}

/** A deterministic speckle of rectangles on a raster whose width is not a whole number of bytes. */
function speckled(width: number, height: number, seed: number): Raster {
  const raster = blankRaster(width, height);
  let state = seed;
  const next = (limit: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % limit;
  };
  for (let i = 0; i < 60; i += 1) fillRect(raster, next(width), next(height), 1 + next(20), 1 + next(9));
  return raster;
}

describe('crop', () => {
  it('cuts any rectangle exactly as dot by dot, at every bit offset and clipped at every edge', () => {
    const raster = speckled(101, 37, 7);
    for (const x of [-3, 0, 1, 5, 7, 8, 9, 15, 60, 99, 100, 101]) {
      for (const [y, width, height] of [
        [0, 101, 37],
        [3, 17, 10],
        [-2, 9, 5],
        [30, 64, 20],
        [0, 1, 1],
      ] as const) {
        expect(crop(raster, x, y, width, height), `x ${x} y ${y} ${width}x${height}`).toEqual(
          cropByDot(raster, x, y, width, height),
        );
      }
    }
  });
});
