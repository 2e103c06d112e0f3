import { code128Modules, barRuns } from '../../../shared/domain/label/code128';
import { fontFamilyFor } from '../../../shared/domain/label/svg';
import { escapeXml } from '../../../shared/domain/text/clean';
import { blankRaster, blit, fillRect, type Raster } from './raster';
import { rasterise } from './rasterise';

/** What one ^XA...^XZ format draws, in dots. */
export interface ZplFormat {
  width: number;
  height: number;
  texts: Array<{
    x: number;
    y: number;
    height: number;
    width: number;
    block: number;
    justify: 'L' | 'C' | 'R';
    text: string;
  }>;
  barcodes: Array<{ x: number; y: number; height: number; module: number; data: string; gs1: boolean }>;
  boxes: Array<{ x: number; y: number; width: number; height: number; thickness: number }>;
  graphics: Array<{ x: number; y: number; raster: Raster }>;
}

const unescapeHex = (data: string, indicator: string): string =>
  Buffer.from(
    data.replace(new RegExp(`\\${indicator}([0-9A-Fa-f]{2})`, 'g'), (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    ),
    'latin1',
  ).toString('utf8');

function graphicFrom(params: string[]): Raster | null {
  const [format, total, , rowBytesText, ...rest] = params;
  const rowBytes = Number(rowBytesText);
  const hex = rest.join(',').replace(/\s+/g, '');
  if (format !== 'A' || !rowBytes || !/^[0-9A-Fa-f]*$/.test(hex)) return null;
  const bytes = Buffer.from(hex, 'hex');
  const height = Math.floor(Math.min(bytes.length, Number(total)) / rowBytes);
  const raster = blankRaster(rowBytes * 8, height);
  raster.bits.set(bytes.subarray(0, rowBytes * height));
  return raster;
}

/**
 * Reads the ZPL II subset labels use (^XA ^XZ ^PW ^LL ^LH ^FO ^FT ^A ^FB ^FH ^FD ^FS ^GB ^GFA ^BY ^BC, plus the
 * commands that only set up the printer, which are skipped). What it cannot draw it says, instead of guessing.
 */
export function interpretZpl(zpl: string): { formats: ZplFormat[]; unsupported: string[] } {
  const formats: ZplFormat[] = [];
  const unsupported = new Set<string>();
  let format: ZplFormat | null = null;
  let home = { x: 0, y: 0 };
  let field = {
    x: 0,
    y: 0,
    fontHeight: 30,
    fontWidth: 30,
    block: 0,
    justify: 'L' as 'L' | 'C' | 'R',
    hex: '',
    barcode: null as null | { height: number; gs1: boolean },
  };
  let module = 2;
  let barHeight = 100;
  const commands = zpl.split(/(?=[\^~][A-Za-z@])/);
  for (const raw of commands) {
    if (!/^[\^~]/.test(raw)) continue;
    const code = raw.slice(1, 3).toUpperCase();
    const body = raw.slice(3);
    const params = body.split(',');
    const num = (i: number, fallback: number) =>
      params[i] !== undefined && params[i]!.trim() !== '' && Number.isFinite(Number(params[i]))
        ? Number(params[i])
        : fallback;
    if (code === 'XA') {
      format = { width: 812, height: 1218, texts: [], barcodes: [], boxes: [], graphics: [] };
      home = { x: 0, y: 0 };
      continue;
    }
    if (!format) continue;
    switch (code) {
      case 'XZ':
        formats.push(format);
        format = null;
        break;
      case 'PW':
        format.width = num(0, format.width);
        break;
      case 'LL':
        format.height = num(0, format.height);
        break;
      case 'LH':
        home = { x: num(0, 0), y: num(1, 0) };
        break;
      case 'FO':
      case 'FT':
        field = {
          ...field,
          x: home.x + num(0, 0),
          y: home.y + num(1, 0),
          block: 0,
          justify: 'L',
          hex: '',
          barcode: null,
        };
        break;
      case 'BY':
        module = num(0, module);
        barHeight = num(2, barHeight);
        break;
      case 'BC':
        field.barcode = { height: num(1, barHeight), gs1: (params[5] ?? 'N').trim().toUpperCase() === 'D' };
        break;
      case 'FB':
        field.block = num(0, 0);
        field.justify = (['L', 'C', 'R'] as const).find((j) => j === (params[3] ?? 'L').trim().toUpperCase()) ?? 'L';
        break;
      case 'FH':
        field.hex = body.trim() || '_';
        break;
      case 'FD': {
        const data = field.hex ? unescapeHex(body, field.hex) : Buffer.from(body, 'latin1').toString('utf8');
        if (field.barcode) {
          const clean = data.replace(/^>[;:8]+/, '').replace(/>8/g, '');
          format.barcodes.push({
            x: field.x,
            y: field.y,
            height: field.barcode.height,
            module,
            data: clean,
            gs1: field.barcode.gs1 || data.includes('>8'),
          });
        } else {
          format.texts.push({
            x: field.x,
            y: field.y,
            height: field.fontHeight,
            width: field.fontWidth,
            block: field.block,
            justify: field.justify,
            text: data,
          });
        }
        break;
      }
      case 'GB': {
        const width = num(0, 1);
        const height = num(1, 1);
        format.boxes.push({ x: field.x, y: field.y, width, height, thickness: Math.min(num(2, 1), width, height) });
        break;
      }
      case 'GF': {
        const raster = graphicFrom([raw.slice(3, 4), ...raw.slice(5).split(',')]);
        if (raster) format.graphics.push({ x: field.x, y: field.y, raster });
        else unsupported.add('^GF (only uncompressed ^GFA hex is read)');
        break;
      }
      case 'FS':
      case 'CI':
      case 'PQ':
      case 'FX':
      case 'PR':
      case 'MD':
      case 'PO':
      case 'MN':
      case 'MT':
      case 'HS':
        break;
      default:
        if (code.startsWith('A')) {
          // ^A0N,h,w (or ^ADN...): any font is drawn with the shipped sans serif at that cell size.
          field.fontHeight = num(1, field.fontHeight);
          field.fontWidth = num(2, field.fontHeight);
        } else {
          unsupported.add(`${raw[0]}${code}`);
        }
    }
  }
  return { formats, unsupported: [...unsupported] };
}

/** Draws a format the way a 203/300 dpi ZPL printer would, with the shipped fonts standing in for the printer's. */
export function renderZplFormat(format: ZplFormat): Raster {
  const texts = format.texts
    .map((t) => {
      const anchor = t.block > 0 && t.justify === 'C' ? 'middle' : t.block > 0 && t.justify === 'R' ? 'end' : 'start';
      const x = anchor === 'middle' ? t.x + t.block / 2 : anchor === 'end' ? t.x + t.block : t.x;
      // Font 0 is a condensed face: narrow the stand-in font in proportion to the requested width.
      const squeeze = (t.width / t.height) * 0.82;
      return `<text transform="translate(${x},${t.y + Math.round(t.height * 0.8)}) scale(${squeeze.toFixed(3)},1)" font-family="${fontFamilyFor(t.text)}" font-size="${t.height}" font-weight="700" text-anchor="${anchor}" xml:space="preserve">${escapeXml(t.text)}</text>`;
    })
    .join('');
  const raster = rasterise(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${format.width}" height="${format.height}"><rect width="100%" height="100%" fill="#fff"/>${texts}</svg>`,
  );
  for (const box of format.boxes) {
    const t = box.thickness;
    if (t * 2 >= Math.min(box.width, box.height)) fillRect(raster, box.x, box.y, box.width, box.height);
    else {
      fillRect(raster, box.x, box.y, box.width, t);
      fillRect(raster, box.x, box.y + box.height - t, box.width, t);
      fillRect(raster, box.x, box.y, t, box.height);
      fillRect(raster, box.x + box.width - t, box.y, t, box.height);
    }
  }
  for (const barcode of format.barcodes) {
    for (const [start, run] of barRuns(code128Modules(barcode.data, barcode.gs1)))
      fillRect(raster, barcode.x + start * barcode.module, barcode.y, run * barcode.module, barcode.height);
  }
  for (const graphic of format.graphics) blit(raster, graphic.raster, graphic.x, graphic.y);
  return raster;
}
