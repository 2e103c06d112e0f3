import { barRuns, code128Modules } from '../../../../shared/domain/label/code128';
import { blankRaster, blit, fillRect, type Raster } from '../raster';
import { interpretZpl, renderZplFormat } from '../zpl-interpreter';

export type DecodedLanguage = 'zpl' | 'tspl' | 'escpos' | 'unknown';

/** A print job read back: the language, the text and barcode data it carries, and each label as the printer would print it. */
export interface DecodedPrint {
  language: DecodedLanguage;
  text: string[];
  barcodes: string[];
  pages: Raster[];
  /** Commands the decoder skipped: a label that relies on them may look different on a real printer. */
  unsupported: string[];
}

function detectLanguage(bytes: Buffer): DecodedLanguage {
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (/\^XA/i.test(head)) return 'zpl';
  if (/^(SIZE|GAP|CLS|DIRECTION)\b/m.test(head)) return 'tspl';
  if (bytes[0] === 0x1b || bytes.includes(Buffer.from([0x1d, 0x76, 0x30]))) return 'escpos';
  return 'unknown';
}

function decodeZpl(bytes: Buffer): DecodedPrint {
  const { formats, unsupported } = interpretZpl(bytes.toString('latin1'));
  return {
    language: 'zpl',
    text: formats.flatMap((format) => format.texts.map((t) => t.text)),
    barcodes: formats.flatMap((format) => format.barcodes.map((b) => b.data)),
    pages: formats.map(renderZplFormat),
    unsupported,
  };
}

const TSPL_DPI = 203;

/** Splits a TSPL parameter list, keeping quoted strings whole. */
function tsplParams(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\\[")*)"|([^,]+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/\\\["\]/g, '"') : m[2]!.trim(),
  );
}

function decodeTspl(bytes: Buffer): DecodedPrint {
  const out: DecodedPrint = { language: 'tspl', text: [], barcodes: [], pages: [], unsupported: [] };
  let size = { width: 812, height: 1218 };
  let page: Raster | null = null;
  let at = 0;
  while (at < bytes.length) {
    let end = bytes.indexOf(0x0a, at);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(at, end).toString('latin1').replace(/\r$/, '');
    const [command = '', rest = ''] = [line.split(' ')[0]!.toUpperCase(), line.slice(line.indexOf(' ') + 1)];
    if (command === 'BITMAP') {
      // BITMAP x,y,widthBytes,height,mode,<binary>: the binary may itself contain newline bytes.
      const header = /^BITMAP (\d+),(\d+),(\d+),(\d+),(\d+),/.exec(bytes.subarray(at, at + 64).toString('latin1'));
      if (!header) break;
      const [x, y, rowBytes, height] = header.slice(1, 5).map(Number) as [number, number, number, number];
      const start = at + header[0].length;
      const data = bytes.subarray(start, start + rowBytes * height);
      const image = blankRaster(rowBytes * 8, height);
      for (let i = 0; i < data.length; i += 1) image.bits[i] = ~data[i]! & 0xff;
      page ??= blankRaster(size.width, size.height);
      blit(page, image, x, y);
      at = start + rowBytes * height;
      if (bytes[at] === 0x0d) at += 1;
      if (bytes[at] === 0x0a) at += 1;
      continue;
    }
    at = end + 1;
    if (command === 'SIZE') {
      const [w, h] = rest.split(',').map((part) => Number.parseFloat(part));
      if (w && h) size = { width: Math.round((w * TSPL_DPI) / 25.4), height: Math.round((h * TSPL_DPI) / 25.4) };
    } else if (command === 'CLS') {
      page = blankRaster(size.width, size.height);
    } else if (command === 'BARCODE') {
      const [x, y, type, height, , , narrow, , data = ''] = tsplParams(rest);
      page ??= blankRaster(size.width, size.height);
      const module = Number(narrow) || 2;
      for (const [s, run] of barRuns(code128Modules(data, type === 'EAN128')))
        fillRect(page, Number(x) + s * module, Number(y), run * module, Number(height));
      out.barcodes.push(data);
    } else if (command === 'BAR') {
      const [x, y, w, h] = rest.split(',').map(Number) as [number, number, number, number];
      page ??= blankRaster(size.width, size.height);
      fillRect(page, x, y, w, h);
    } else if (command === 'TEXT') {
      out.text.push(tsplParams(rest)[6] ?? '');
    } else if (command === 'PRINT') {
      if (page) out.pages.push(page);
      page = null;
    } else if (
      command &&
      !['GAP', 'DIRECTION', 'REFERENCE', 'DENSITY', 'SPEED', 'OFFSET', 'SET', 'CODEPAGE'].includes(command)
    ) {
      if (!out.unsupported.includes(command)) out.unsupported.push(command);
    }
  }
  return out;
}

/** Stacks GS v 0 bands into one label per cut; text bytes between commands are the job's text. */
function decodeEscPos(bytes: Buffer): DecodedPrint {
  const out: DecodedPrint = { language: 'escpos', text: [], barcodes: [], pages: [], unsupported: [] };
  let bands: Raster[] = [];
  let line = '';
  const flushLine = () => {
    if (line.trim()) out.text.push(line.trim());
    line = '';
  };
  const cut = () => {
    flushLine();
    if (bands.length === 0) return;
    const width = Math.max(...bands.map((band) => band.width));
    const page = blankRaster(
      width,
      bands.reduce((sum, band) => sum + band.height, 0),
    );
    let y = 0;
    for (const band of bands) {
      blit(page, band, 0, y);
      y += band.height;
    }
    out.pages.push(page);
    bands = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const rowBytes = bytes[i + 4]! | (bytes[i + 5]! << 8);
      const rows = bytes[i + 6]! | (bytes[i + 7]! << 8);
      const band = blankRaster(rowBytes * 8, rows);
      band.bits.set(bytes.subarray(i + 8, i + 8 + rowBytes * rows));
      bands.push(band);
      i += 8 + rowBytes * rows;
    } else if (b === 0x1d && bytes[i + 1] === 0x56) {
      i += bytes[i + 2] === 65 || bytes[i + 2] === 66 ? 4 : 3;
      cut();
    } else if (b === 0x1b && bytes[i + 1] === 0x40) {
      i += 2;
    } else if (b === 0x1b && [0x61, 0x64, 0x4a, 0x21, 0x45, 0x2d, 0x74, 0x4d, 0x33, 0x32].includes(bytes[i + 1]!)) {
      i += bytes[i + 1] === 0x32 ? 2 : 3;
    } else if (b === 0x10 && bytes[i + 1] === 0x04) {
      i += 3;
    } else if (b === 0x0a || b === 0x0b) {
      flushLine();
      i += 1;
    } else if (b >= 0x20 && b < 0x7f) {
      line += String.fromCharCode(b);
      i += 1;
    } else {
      i += 1;
    }
  }
  cut();
  return out;
}

/** Reads a job the way the printer it was meant for would, from its bytes alone. */
export function decodePrintJob(bytes: Buffer): DecodedPrint {
  const language = detectLanguage(bytes);
  if (language === 'zpl') return decodeZpl(bytes);
  if (language === 'tspl') return decodeTspl(bytes);
  if (language === 'escpos') return decodeEscPos(bytes);
  return {
    language,
    text: [bytes.subarray(0, 200).toString('latin1')],
    barcodes: [],
    pages: [],
    unsupported: ['unknown printer language'],
  };
}
