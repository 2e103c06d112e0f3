import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { markReprint, rasterFromLabelPicture } from '../../../electron/core/printing/document-raster';
import { pngToInk } from '../../../electron/core/printing/png-ink';
import { isBlack } from '../../../electron/core/printing/raster';

/** A picture with ink where `dark(x, y)`, in the given PNG colour type and row filter. */
function picture(
  width: number,
  height: number,
  dark: (x: number, y: number) => boolean,
  options: { colorType: 0 | 2 | 4 | 6; filterType: number },
): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      // Greys either side of mid grey, so the threshold (not only pure black and white) is tested.
      const v = dark(x, y) ? 40 + ((x * 7 + y) % 80) : 140 + ((x + y * 3) % 110);
      png.data[i] = v;
      png.data[i + 1] = v;
      png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: options.colorType, filterType: options.filterType, inputHasAlpha: true });
}

const checker = (x: number, y: number) => ((x >> 2) + (y >> 3)) % 2 === 0;

describe('label pictures to printer rasters', () => {
  for (const colorType of [0, 2, 4, 6] as const) {
    for (const filterType of [0, 1, 2, 3, 4]) {
      it(`reads colour type ${colorType} with filter ${filterType} to the same ink as a full decode`, () => {
        const png = picture(37, 23, checker, { colorType, filterType });
        const ink = pngToInk(png);
        const reference = PNG.sync.read(png);
        const expected = Array.from({ length: 37 * 23 }, (_, p) => (reference.data[p * 4]! < 128 ? 1 : 0));
        expect({ width: ink.width, height: ink.height }).toEqual({ width: 37, height: 23 });
        expect(Array.from(ink.ink)).toEqual(expected);
      });
    }
  }

  it('draws a picture of the label size dot for dot, and a larger one scaled down keeping thin bars', () => {
    const bars = (x: number) => Math.floor(x / 3) % 2 === 0;
    const exact = rasterFromLabelPicture(
      picture(812, 1218, (x) => bars(x), { colorType: 6, filterType: 1 }),
      '4x6',
      203,
    );
    expect({ width: exact.width, height: exact.height }).toEqual({ width: 812, height: 1218 });
    for (const x of [0, 1, 2, 3, 4, 5, 300, 301]) expect(isBlack(exact, x, 600)).toBe(bars(x));
    // Twice the size: every 6-pixel bar becomes 3 dots.
    const halved = rasterFromLabelPicture(
      picture(1624, 2436, (x) => Math.floor(x / 6) % 2 === 0, { colorType: 2, filterType: 4 }),
      '4x6',
      203,
    );
    for (const x of [0, 2, 3, 5, 6, 8]) expect(isBlack(halved, x, 1000)).toBe(Math.floor(x / 3) % 2 === 0);
  });

  it('centres a picture of another shape (A6) on the label', () => {
    const raster = rasterFromLabelPicture(
      picture(105, 148, () => true, { colorType: 0, filterType: 0 }),
      '4x6',
      203,
    );
    // A6 is relatively wider than 4x6: it fills the width, with paper above and below.
    expect(isBlack(raster, 406, 609)).toBe(true);
    expect(isBlack(raster, 406, 5)).toBe(false);
    expect(isBlack(raster, 406, 1212)).toBe(false);
  });

  it('marks a reprint in the top right corner and leaves the original untouched', () => {
    const blank = rasterFromLabelPicture(
      picture(812, 1218, () => false, { colorType: 6, filterType: 0 }),
      '4x6',
      203,
    );
    const marked = markReprint(blank, 203);
    const ink = (r: typeof blank, x0: number, x1: number, y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if (isBlack(r, x, y)) n += 1;
      return n;
    };
    expect(ink(marked, 500, 812, 0, 120)).toBeGreaterThan(2000);
    expect(ink(marked, 0, 400, 200, 1218)).toBe(0);
    expect(ink(blank, 0, 812, 0, 1218)).toBe(0);
  });
});
