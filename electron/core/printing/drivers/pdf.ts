import { deflateSync } from 'node:zlib';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { LabelPage } from '../../../../shared/domain/label/model';
import type { Raster } from '../raster';
import { rasterisePage } from '../page-raster';
import type { Driver } from './driver';

const points = (dots: number, dpi: number): number => (dots / dpi) * 72;

/**
 * One PDF page per label page at the label's exact size, for office printers and the document printer. Each page
 * is the same 1-bit image a thermal printer gets, stored as a 1-bit image (a PNG would cost 30 times more to make).
 */
async function pdfOf(rasters: readonly Raster[], dpi: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setProducer('Packbench');
  for (const [i, raster] of rasters.entries()) {
    const image = doc.context.register(
      // Node's native deflate: many times faster than pdf-lib's own for a 120 kB bitmap.
      doc.context.stream(deflateSync(raster.bits, { level: 1 }), {
        Filter: 'FlateDecode',
        Type: 'XObject',
        Subtype: 'Image',
        Width: raster.rowBytes * 8,
        Height: raster.height,
        BitsPerComponent: 1,
        ColorSpace: 'DeviceGray',
        // Our 1 bits are ink: decode them to black (0) in DeviceGray.
        Decode: [1, 0],
      }),
    );
    const width = points(raster.rowBytes * 8, dpi);
    const height = points(raster.height, dpi);
    const page = doc.addPage([points(raster.width, dpi), height]);
    const name = page.node.newXObject(`Label${i}`, image);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(width, 0, 0, height, 0, 0),
      drawObject(name),
      popGraphicsState(),
    );
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export const pdfDriver: Driver = {
  language: 'pdf',
  encodePages: (pages: readonly LabelPage[]) =>
    pdfOf(
      pages.map((page) => rasterisePage(page)),
      pages[0]?.dpi ?? 203,
    ),
  encodeRasters: (rasters: readonly Raster[], dpi: number) => pdfOf(rasters, dpi),
};
