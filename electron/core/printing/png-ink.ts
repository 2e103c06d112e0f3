import { PNG } from 'pngjs';
import { inflateSync } from 'node:zlib';

/** A picture as ink: one byte per pixel, 1 where it is dark and opaque, 0 for paper. */
export interface InkImage {
  width: number;
  height: number;
  ink: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes per pixel of the 8-bit colour types read here: grey, RGB, palette, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Reads a label picture straight to ink: the IDAT stream inflated by Node's native zlib, each row unfiltered in place
 * and thresholded at mid grey. A label PNG is 4 MB of RGBA once inflated, and a general decoder (pngjs) spends most of
 * a label's time budget building that RGBA copy; this reads the 8-bit non-interlaced pictures TikTok serves and hands
 * any other PNG to pngjs.
 */
export function pngToInk(png: Buffer): InkImage {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const depth = png[24]!;
  const colorType = png[25]!;
  const interlaced = png[28] !== 0;
  const channels = CHANNELS[colorType];
  if (depth !== 8 || interlaced || channels === undefined) return viaPngjs(png);
  const idat: Buffer[] = [];
  let palette: Buffer | null = null;
  let transparency: Buffer | null = null;
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') idat.push(data);
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(idat.length === 1 ? idat[0]! : Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG image data is shorter than its size says');
  const ink = new Uint8Array(width * height);
  if (colorType === 6 || colorType === 2) {
    colourRowsToInk(raw, width, height, channels, ink);
    return { width, height, ink };
  }
  unfilter(raw, height, stride, channels);
  const paletteInk = colorType === 3 ? paletteToInk(palette, transparency) : null;
  for (let y = 0; y < height; y += 1) {
    let i = y * (stride + 1) + 1;
    const out = y * width;
    switch (colorType) {
      case 0:
        for (let x = 0; x < width; x += 1, i += 1) ink[out + x] = raw[i]! < 128 ? 1 : 0;
        break;
      case 4:
        for (let x = 0; x < width; x += 1, i += 2) ink[out + x] = raw[i]! < 128 && raw[i + 1]! >= 128 ? 1 : 0;
        break;
      case 3:
        for (let x = 0; x < width; x += 1, i += 1) ink[out + x] = paletteInk![raw[i]!]!;
        break;
      default: {
        const alpha = colorType === 6;
        for (let x = 0; x < width; x += 1, i += channels) {
          // Luma from integer weights (0.299, 0.587, 0.114) * 1024.
          const luma = (raw[i]! * 306 + raw[i + 1]! * 601 + raw[i + 2]! * 117) >> 10;
          ink[out + x] = luma < 128 && (!alpha || raw[i + 3]! >= 128) ? 1 : 0;
        }
      }
    }
  }
  return { width, height, ink };
}

/**
 * RGB(A) rows to ink. Rows filtered None or Sub (what label encoders write for flat black-on-white drawings) are read
 * in one pass that carries the pixel to its left, without writing the unfiltered bytes back unless the next row
 * needs them (Up, Average, Paeth); other rows are unfiltered first.
 */
function colourRowsToInk(raw: Buffer, width: number, height: number, channels: number, ink: Uint8Array): void {
  const stride = width * channels;
  const alpha = channels === 4;
  for (let y = 0; y < height; y += 1) {
    const row = y * (stride + 1) + 1;
    const filter = raw[row - 1]!;
    const nextNeedsThis = y + 1 < height && raw[row + stride]! >= 2;
    if (filter > 1 || nextNeedsThis) {
      unfilterRow(raw, y, stride, channels);
      for (let x = 0, i = row; x < width; x += 1, i += channels) {
        const luma = (raw[i]! * 306 + raw[i + 1]! * 601 + raw[i + 2]! * 117) >> 10;
        ink[y * width + x] = luma < 128 && (!alpha || raw[i + 3]! >= 128) ? 1 : 0;
      }
      continue;
    }
    const sub = filter === 1 ? 1 : 0;
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    const out = y * width;
    for (let x = 0, i = row; x < width; x += 1, i += channels) {
      // Sub: each byte adds the same channel of the pixel to its left (mod 256); None: taken as it is.
      r = (raw[i]! + r * sub) & 0xff;
      g = (raw[i + 1]! + g * sub) & 0xff;
      b = (raw[i + 2]! + b * sub) & 0xff;
      if (alpha) a = (raw[i + 3]! + a * sub) & 0xff;
      ink[out + x] = (r * 306 + g * 601 + b * 117) >> 10 < 128 && (!alpha || a >= 128) ? 1 : 0;
    }
  }
}

/** Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth) in place; each row starts with its filter byte. */
function unfilter(raw: Buffer, height: number, stride: number, bpp: number): void {
  for (let y = 0; y < height; y += 1) unfilterRow(raw, y, stride, bpp);
}

function unfilterRow(raw: Buffer, y: number, stride: number, bpp: number): void {
  const row = y * (stride + 1) + 1;
  const prev = row - (stride + 1);
  const filter = raw[row - 1]!;
  if (filter === 0) return;
  if (filter === 1) {
    for (let x = bpp; x < stride; x += 1) raw[row + x] = (raw[row + x]! + raw[row + x - bpp]!) & 0xff;
  } else if (filter === 2) {
    if (y > 0) for (let x = 0; x < stride; x += 1) raw[row + x] = (raw[row + x]! + raw[prev + x]!) & 0xff;
  } else if (filter === 3) {
    for (let x = 0; x < stride; x += 1) {
      const left = x >= bpp ? raw[row + x - bpp]! : 0;
      const up = y > 0 ? raw[prev + x]! : 0;
      raw[row + x] = (raw[row + x]! + ((left + up) >> 1)) & 0xff;
    }
  } else if (filter === 4) {
    for (let x = 0; x < stride; x += 1) {
      const a = x >= bpp ? raw[row + x - bpp]! : 0;
      const b = y > 0 ? raw[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? raw[prev + x - bpp]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      raw[row + x] = (raw[row + x]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
    }
  } else {
    throw new Error(`PNG row ${y} has an unknown filter ${filter}`);
  }
}

function paletteToInk(palette: Buffer | null, transparency: Buffer | null): Uint8Array {
  if (!palette) throw new Error('palette PNG without its palette');
  const ink = new Uint8Array(256);
  for (let index = 0; index * 3 + 2 < palette.length; index += 1) {
    const luma = (palette[index * 3]! * 306 + palette[index * 3 + 1]! * 601 + palette[index * 3 + 2]! * 117) >> 10;
    const opaque = !transparency || index >= transparency.length || transparency[index]! >= 128;
    ink[index] = luma < 128 && opaque ? 1 : 0;
  }
  return ink;
}

/** Any other PNG (16-bit, 1-, 2- or 4-bit, interlaced): pngjs decodes it to RGBA, then the same threshold. */
function viaPngjs(png: Buffer): InkImage {
  const picture = PNG.sync.read(png);
  const ink = new Uint8Array(picture.width * picture.height);
  for (let p = 0, i = 0; p < ink.length; p += 1, i += 4) {
    const luma = (picture.data[i]! * 306 + picture.data[i + 1]! * 601 + picture.data[i + 2]! * 117) >> 10;
    ink[p] = luma < 128 && picture.data[i + 3]! >= 128 ? 1 : 0;
  }
  return { width: picture.width, height: picture.height, ink };
}
