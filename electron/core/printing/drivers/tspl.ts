import type { LabelPage } from '../../../../shared/domain/label/model';
import type { Raster } from '../raster';
import { rasterisePage } from '../page-raster';
import { PROBLEM_TEXT, type Driver, type PrinterProblem } from './driver';

const mm = (dots: number, dpi: number): string => `${((dots * 25.4) / dpi).toFixed(1)} mm`;

/** BITMAP data: TSPL prints a 0 bit black, the inverse of our raster (and of ESC/POS). */
function bitmap(x: number, y: number, raster: Raster): Buffer {
  const data = Buffer.alloc(raster.bits.length);
  for (let i = 0; i < data.length; i += 1) data[i] = ~raster.bits[i]! & 0xff;
  return Buffer.concat([
    Buffer.from(`BITMAP ${x},${y},${raster.rowBytes},${raster.height},0,`, 'latin1'),
    data,
    Buffer.from('\r\n', 'latin1'),
  ]);
}

function header(width: number, height: number, dpi: number): Buffer {
  return Buffer.from(
    `SIZE ${mm(width, dpi)},${mm(height, dpi)}\r\nGAP 3 mm,0 mm\r\nDIRECTION 1,0\r\nREFERENCE 0,0\r\nDENSITY 8\r\nCLS\r\n`,
    'latin1',
  );
}

const quote = (text: string): string => text.replace(/"/g, '\\["]');

/** One label in TSPL: the text and rules as one BITMAP, the barcodes as native BARCODE commands (sharper). */
function pageToTspl(page: LabelPage): Buffer {
  const raster = rasterisePage(page, (el) => el.kind !== 'barcode');
  const barcodes = page.elements.flatMap((el) =>
    el.kind === 'barcode'
      ? [
          `BARCODE ${el.x},${el.y},"${el.gs1 ? 'EAN128' : '128'}",${el.height},0,0,${el.module},${el.module},"${quote(el.data)}"\r\n`,
        ]
      : [],
  );
  return Buffer.concat([
    header(page.widthDots, page.heightDots, page.dpi),
    bitmap(0, 0, raster),
    Buffer.from(`${barcodes.join('')}PRINT 1,1\r\n`, 'latin1'),
  ]);
}

/** <ESC>!? answers one status byte: 0 ready; bits for head open, paper jam, paper out, ribbon out, pause. */
export function parseTsplStatus(reply: Buffer): PrinterProblem | null | undefined {
  if (reply.length < 1) return undefined;
  const status = reply[0]!;
  if (status & 0x04) return { kind: 'paper_out', message: PROBLEM_TEXT.paper_out };
  if (status & 0x01) return { kind: 'cover_open', message: PROBLEM_TEXT.cover_open };
  if (status & 0x10) return { kind: 'paused', message: PROBLEM_TEXT.paused };
  if (status & 0x8a)
    return {
      kind: 'error',
      message: 'The label printer reports a paper jam or another fault: open it, clear the labels, close it.',
    };
  return null;
}

export const tsplDriver: Driver = {
  language: 'tspl',
  encodePages: (pages) => Buffer.concat(pages.map(pageToTspl)),
  encodeRasters: (rasters, dpi) =>
    Buffer.concat(
      rasters.map((raster) =>
        Buffer.concat([
          header(raster.width, raster.height, dpi),
          bitmap(0, 0, raster),
          Buffer.from('PRINT 1,1\r\n', 'latin1'),
        ]),
      ),
    ),
  statusQuery: Buffer.from([0x1b, 0x21, 0x3f]),
  parseStatus: parseTsplStatus,
};
