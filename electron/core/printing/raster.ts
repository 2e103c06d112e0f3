import { PNG } from 'pngjs';

/** A 1-bit image in printer dots: rows of rowBytes bytes, most significant bit first, 1 = black (a dot burnt). */
export interface Raster {
  width: number;
  height: number;
  rowBytes: number;
  bits: Uint8Array;
}

export function blankRaster(width: number, height: number): Raster {
  const rowBytes = Math.ceil(width / 8);
  return { width, height, rowBytes, bits: new Uint8Array(rowBytes * height) };
}

export function isBlack(raster: Raster, x: number, y: number): boolean {
  return (raster.bits[y * raster.rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
}

export function fillRect(raster: Raster, x: number, y: number, width: number, height: number): void {
  const x0 = Math.max(0, Math.round(x));
  const x1 = Math.min(raster.width, Math.round(x + width));
  const y0 = Math.max(0, Math.round(y));
  const y1 = Math.min(raster.height, Math.round(y + height));
  for (let row = y0; row < y1; row += 1) {
    const base = row * raster.rowBytes;
    for (let col = x0; col < x1; col += 1) raster.bits[base + (col >> 3)]! |= 0x80 >> (col & 7);
  }
}

/** ORs `source` onto `target` at (x, y), clipped to the target. */
export function blit(target: Raster, source: Raster, x: number, y: number): void {
  if (x === 0) {
    // Byte-aligned: whole bytes at a time (label slices are drawn full width).
    const bytes = Math.min(source.rowBytes, target.rowBytes);
    for (let row = Math.max(0, -y); row < source.height && y + row < target.height; row += 1) {
      const from = row * source.rowBytes;
      const to = (y + row) * target.rowBytes;
      for (let b = 0; b < bytes; b += 1) target.bits[to + b]! |= source.bits[from + b]!;
    }
    return;
  }
  for (let row = 0; row < source.height; row += 1) {
    const ty = y + row;
    if (ty < 0 || ty >= target.height) continue;
    for (let col = 0; col < source.width; col += 1) {
      const tx = x + col;
      if (tx >= 0 && tx < target.width && isBlack(source, col, row))
        target.bits[ty * target.rowBytes + (tx >> 3)]! |= 0x80 >> (tx & 7);
    }
  }
}

/** The part of a raster inside a rectangle (clipped to it), a byte at a time: text slices are cut for every label. */
export function crop(raster: Raster, x: number, y: number, width: number, height: number): Raster {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const out = blankRaster(
    Math.max(0, Math.min(width, raster.width - x0)),
    Math.max(0, Math.min(height, raster.height - y0)),
  );
  if (out.rowBytes === 0) return out;
  const shift = x0 & 7;
  const first = x0 >> 3;
  // Bits right of the last column stay clear, as in every raster.
  const tail = out.width & 7;
  const lastMask = tail === 0 ? 0xff : (0xff << (8 - tail)) & 0xff;
  for (let row = 0; row < out.height; row += 1) {
    const from = (y0 + row) * raster.rowBytes + first;
    const fromEnd = (y0 + row + 1) * raster.rowBytes;
    const to = row * out.rowBytes;
    for (let b = 0; b < out.rowBytes; b += 1) {
      const high = raster.bits[from + b]!;
      const low = shift !== 0 && from + b + 1 < fromEnd ? raster.bits[from + b + 1]! : 0;
      out.bits[to + b] = ((high << shift) | (low >> (8 - shift))) & 0xff;
    }
    out.bits[to + out.rowBytes - 1]! &= lastMask;
  }
  return out;
}

/**
 * Thresholds resvg's RGBA at mid grey: thermal heads print dots, not shades. The drawings have an opaque white
 * background and black ink only, so the red channel alone tells ink from paper.
 */
export function rasterFromRgba(rgba: Uint8Array, width: number, height: number): Raster {
  const raster = blankRaster(width, height);
  const { bits, rowBytes } = raster;
  for (let y = 0; y < height; y += 1) {
    let i = y * width * 4;
    const base = y * rowBytes;
    for (let byte = 0; byte < rowBytes; byte += 1) {
      let value = 0;
      const end = Math.min(8, width - byte * 8);
      for (let bit = 0; bit < end; bit += 1, i += 4) if (rgba[i]! < 128 && rgba[i + 3]! >= 128) value |= 0x80 >> bit;
      bits[base + byte] = value;
    }
  }
  return raster;
}

export function rasterToPng(raster: Raster): Buffer {
  const png = new PNG({
    width: raster.width,
    height: raster.height,
    colorType: 0,
    inputColorType: 0,
    bitDepth: 8,
    inputHasAlpha: false,
  });
  const gray = Buffer.alloc(raster.width * raster.height);
  for (let y = 0; y < raster.height; y += 1)
    for (let x = 0; x < raster.width; x += 1) gray[y * raster.width + x] = isBlack(raster, x, y) ? 0 : 255;
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Luminance bytes (0 black, 255 white), what barcode readers take. */
export function rasterToLuminance(raster: Raster): Uint8ClampedArray {
  const out = new Uint8ClampedArray(raster.width * raster.height);
  for (let y = 0; y < raster.height; y += 1)
    for (let x = 0; x < raster.width; x += 1) out[y * raster.width + x] = isBlack(raster, x, y) ? 0 : 255;
  return out;
}
