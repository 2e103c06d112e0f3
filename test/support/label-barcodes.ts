import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { crop, rasterToLuminance, type Raster } from '../../electron/core/printing/raster';

/**
 * Every Code 128 barcode a scanner finds on a printed label: the label is read in horizontal bands, the way a
 * hand scanner sweeps it, because a reader stops at the first symbol it finds.
 */
export function readCode128(raster: Raster): string[] {
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  reader.setHints(hints);
  const found = new Set<string>();
  const band = 24;
  for (let y = 0; y + band <= raster.height; y += band / 2) {
    const slice = crop(raster, 0, y, raster.width, band);
    try {
      const result = reader.decodeWithState(
        new BinaryBitmap(
          new GlobalHistogramBinarizer(new RGBLuminanceSource(rasterToLuminance(slice), slice.width, slice.height)),
        ),
      );
      found.add(result.getText());
    } catch {
      // No barcode in this band.
    }
  }
  return [...found];
}
