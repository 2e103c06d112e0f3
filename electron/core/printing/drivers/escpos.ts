import { printer as ThermalPrinter, types as PrinterTypes } from 'node-thermal-printer';
import type { LabelPage } from '../../../../shared/domain/label/model';
import { rasterToPng, type Raster } from '../raster';
import { rasterisePage } from '../page-raster';
import { PROBLEM_TEXT, type Driver, type PrinterProblem } from './driver';

export type EscPosFlavour = 'epson' | 'star';

/** Rows per GS v 0 command: printers with small input buffers take a tall label in bands. */
const BAND_ROWS = 128;

/** GS v 0 raster bit image, 1 = black, in bands. */
function gsV0(raster: Raster): Buffer {
  const parts: Buffer[] = [];
  for (let top = 0; top < raster.height; top += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, raster.height - top);
    parts.push(
      Buffer.from([0x1d, 0x76, 0x30, 0x00, raster.rowBytes & 0xff, raster.rowBytes >> 8, rows & 0xff, rows >> 8]),
    );
    parts.push(Buffer.from(raster.bits.subarray(top * raster.rowBytes, (top + rows) * raster.rowBytes)));
  }
  return Buffer.concat(parts);
}

/**
 * ESC/POS through node-thermal-printer: it builds the job (init, alignment, cut) for Epson or Star command sets.
 * Epson images go in as prebuilt GS v 0 bands (the library's own image path walks every pixel as an object, ten
 * times slower); Star uses the library's image command, which differs from Epson's.
 */
async function escposJob(rasters: readonly Raster[], flavour: EscPosFlavour): Promise<Buffer> {
  const printer = new ThermalPrinter({
    type: flavour === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    interface: '',
  });
  printer.clear();
  printer.add(Buffer.from([0x1b, 0x40]));
  for (const raster of rasters) {
    printer.alignLeft();
    if (flavour === 'star') await printer.printImageBuffer(rasterToPng(raster));
    else printer.add(gsV0(raster));
    printer.cut();
  }
  return printer.getBuffer();
}

/** DLE EOT 2 (offline cause) and DLE EOT 4 (paper sensor) answer one byte each. */
export function parseEscPosStatus(reply: Buffer): PrinterProblem | null | undefined {
  if (reply.length < 2) return undefined;
  const [offline, paper] = [reply[0]!, reply[1]!];
  if (paper & 0x60) return { kind: 'paper_out', message: PROBLEM_TEXT.paper_out };
  if (offline & 0x04) return { kind: 'cover_open', message: PROBLEM_TEXT.cover_open };
  if (offline & 0x40) return { kind: 'error', message: 'The receipt printer reports an error: switch it off and on.' };
  return null;
}

export function escposDriver(flavour: EscPosFlavour = 'epson'): Driver {
  return {
    language: 'escpos',
    encodePages: (pages: readonly LabelPage[]) =>
      escposJob(
        pages.map((page) => rasterisePage(page)),
        flavour,
      ),
    encodeRasters: (rasters) => escposJob(rasters, flavour),
    statusQuery: Buffer.from([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]),
    parseStatus: parseEscPosStatus,
  };
}
