import { labelDots, type Dpi, type LabelSize } from '../../../shared/domain/label/model';
import { pngToInk } from './png-ink';
import { blankRaster, blit, type Raster } from './raster';
import { rasterise } from './rasterise';

/**
 * TikTok's label picture (SHIPPING_LABEL_PICTURE, a PNG of its own size) as the 1-bit raster a thermal head prints:
 * scaled to fit the label at the printer's dpi, centred, each printer dot black when at least half of the picture
 * area it covers is ink. Averaging the area (not sampling one pixel) keeps every bar of a barcode that is drawn
 * finer than a dot.
 */
export function rasterFromLabelPicture(png: Buffer, size: LabelSize, dpi: Dpi): Raster {
  const picture = pngToInk(png);
  const label = labelDots(size, dpi);
  const scale = Math.min(label.width / picture.width, label.height / picture.height);
  const width = Math.max(1, Math.round(picture.width * scale));
  const height = Math.max(1, Math.round(picture.height * scale));
  const out = blankRaster(label.width, label.height);
  const offsetX = Math.floor((label.width - width) / 2);
  const offsetY = Math.floor((label.height - height) / 2);
  const { ink } = picture;
  if (width === picture.width && height === picture.height) {
    // TikTok's picture is already the label at this dpi: dot for pixel.
    for (let y = 0; y < height; y += 1) {
      const base = (offsetY + y) * out.rowBytes;
      const row = y * picture.width;
      for (let x = 0; x < width; x += 1) {
        if (ink[row + x]) {
          const tx = offsetX + x;
          out.bits[base + (tx >> 3)]! |= 0x80 >> (tx & 7);
        }
      }
    }
    return out;
  }
  // Source pixel bounds of each target column, computed once.
  const colStart = new Int32Array(width + 1);
  for (let x = 0; x <= width; x += 1) colStart[x] = Math.min(picture.width, Math.round(x / scale));
  const sums = new Uint32Array(width);
  const counts = new Uint32Array(width);
  for (let y = 0; y < height; y += 1) {
    const y0 = Math.min(picture.height - 1, Math.round(y / scale));
    const y1 = Math.max(y0 + 1, Math.min(picture.height, Math.round((y + 1) / scale)));
    sums.fill(0);
    counts.fill(0);
    for (let sy = y0; sy < y1; sy += 1) {
      const row = sy * picture.width;
      for (let x = 0; x < width; x += 1) {
        const x0 = colStart[x]!;
        const x1 = Math.max(x0 + 1, colStart[x + 1]!);
        let sum = 0;
        for (let sx = x0; sx < x1 && sx < picture.width; sx += 1) sum += ink[row + sx]!;
        sums[x]! += sum;
        counts[x]! += x1 - x0;
      }
    }
    const base = (offsetY + y) * out.rowBytes;
    for (let x = 0; x < width; x += 1) {
      if (sums[x]! * 2 >= counts[x]!) {
        const tx = offsetX + x;
        out.bits[base + (tx >> 3)]! |= 0x80 >> (tx & 7);
      }
    }
  }
  return out;
}

const reprintMarks = new Map<number, Raster>();

/** A boxed REPRINT in the top right corner, so a second copy is never taken for another parcel's label. */
export function markReprint(raster: Raster, dpi: Dpi): Raster {
  let mark = reprintMarks.get(dpi);
  if (!mark) {
    const width = Math.round(1.3 * dpi);
    const height = Math.round(0.36 * dpi);
    const stroke = Math.max(3, Math.round(dpi / 40));
    mark = rasterise(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>` +
        `<rect x="${stroke / 2}" y="${stroke / 2}" width="${width - stroke}" height="${height - stroke}" fill="#fff" stroke="#000" stroke-width="${stroke}"/>` +
        `<text x="50%" y="72%" text-anchor="middle" font-family="Noto Sans Core" font-weight="700" font-size="${Math.round(height * 0.62)}">REPRINT</text></svg>`,
    );
    reprintMarks.set(dpi, mark);
  }
  const marked: Raster = { ...raster, bits: raster.bits.slice() };
  const x = marked.width - mark.width - Math.round(dpi / 10);
  const y = Math.round(dpi / 10);
  // The mark's white ground first, so it reads on any part of the label.
  for (let row = y; row < y + mark.height && row < marked.height; row += 1) {
    for (let col = Math.max(0, x); col < x + mark.width && col < marked.width; col += 1)
      marked.bits[row * marked.rowBytes + (col >> 3)]! &= ~(0x80 >> (col & 7));
  }
  blit(marked, mark, x, y);
  return marked;
}
