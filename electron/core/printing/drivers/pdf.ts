import { PDFDocument } from 'pdf-lib';
import { pageToSvg } from '../../../../shared/domain/label/svg';
import type { LabelPage } from '../../../../shared/domain/label/model';
import { rasterToPng, type Raster } from '../raster';
import { renderPng } from '../rasterise';
import type { Driver } from './driver';

const points = (dots: number, dpi: number): number => (dots / dpi) * 72;

/** One PDF page per label page, the label's exact size, for office printers and the document printer. */
async function pdfOf(images: ReadonlyArray<{ png: Buffer; width: number; height: number; dpi: number }>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setProducer('Packbench');
  for (const image of images) {
    const embedded = await doc.embedPng(image.png);
    const page = doc.addPage([points(image.width, image.dpi), points(image.height, image.dpi)]);
    page.drawImage(embedded, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return Buffer.from(await doc.save());
}

export const pdfDriver: Driver = {
  language: 'pdf',
  encodePages: (pages: readonly LabelPage[]) => pdfOf(pages.map((page) => ({ png: renderPng(pageToSvg(page)), width: page.widthDots, height: page.heightDots, dpi: page.dpi }))),
  encodeRasters: (rasters: readonly Raster[], dpi: number) => pdfOf(rasters.map((raster) => ({ png: rasterToPng(raster), width: raster.width, height: raster.height, dpi }))),
};
