/**
 * TikTok's label document -> printer bytes: the label picture TikTok serves (SHIPPING_LABEL_PICTURE, a PNG) drawn as
 * the 1-bit raster of a 203 dpi thermal printer and encoded in its language, per label (p50/p95), each label with
 * its own tracking number. Goal: p95 at most 30 ms, a small part of the second a 6-inch label takes to print.
 */
import { markReprint, rasterFromLabelPicture } from '../electron/core/printing/document-raster';
import { driverFor } from '../electron/core/printing/drivers';
import type { PrinterLanguage } from '../electron/core/printing/drivers/driver';
import { shippingLabelPng } from '../electron/core/sandbox/label-png';
import { startSandbox } from '../electron/core/sandbox/server';
import { percentile, sample, type BenchFigure } from './stats';

const LANGUAGES: readonly PrinterLanguage[] = ['zpl', 'tspl', 'escpos'];
const SAMPLES = 100;

/** Label pictures as the sandbox marketplace serves them, one per TikTok-shipped package. */
async function labelPictures(): Promise<Buffer[]> {
  const sandbox = await startSandbox({ orders: 400, arrivalEverySeconds: 0 });
  try {
    const pictures: Buffer[] = [];
    for (const order of sandbox.market.allOrders()) {
      if (order.shippingType !== 'TIKTOK') continue;
      for (const pkg of order.packages)
        pictures.push(
          Buffer.from(shippingLabelPng(order, { ...pkg, trackingNumber: pkg.trackingNumber ?? `TT${pkg.id}` })),
        );
      if (pictures.length >= SAMPLES) return pictures;
    }
    return pictures;
  } finally {
    await sandbox.close();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const pictures = await labelPictures();
  const figures: BenchFigure[] = [];
  for (const language of LANGUAGES) {
    const driver = driverFor(language);
    const bytesFor = async (i: number, reprint: boolean) => {
      const raster = rasterFromLabelPicture(pictures[i % pictures.length]!, '4x6', 203);
      return driver.encodeRasters([reprint ? markReprint(raster, 203) : raster], 203);
    };
    await bytesFor(0, true);
    const samples = await sample(SAMPLES, (i) => bytesFor(i, false));
    figures.push({
      name: `${language}: TikTok label PNG -> bytes p50 (203 dpi)`,
      value: percentile(samples, 50),
      unit: 'ms',
    });
    figures.push({
      name: `${language}: TikTok label PNG -> bytes p95 (203 dpi)`,
      value: percentile(samples, 95),
      unit: 'ms',
      goal: 30,
    });
    const reprints = await sample(SAMPLES / 4, (i) => bytesFor(i, true));
    figures.push({ name: `${language}: REPRINT-marked copy p95`, value: percentile(reprints, 95), unit: 'ms' });
  }
  return figures;
}
