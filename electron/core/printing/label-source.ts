import { readFile } from 'node:fs/promises';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { z } from 'zod';
import type { LabelPreview } from '../../../shared/contract/printing';
import { buildLabel } from '../../../shared/domain/label/build-label';
import { LabelError, type LabelDocument } from '../../../shared/domain/label/model';
import { pageToSvg } from '../../../shared/domain/label/svg';
import type { Order } from '../../../shared/domain/orders/order';
import { validateTracking } from '../../../shared/domain/tracking/validate';
import { Conflict } from '../errors/domain-errors';
import type { OrderStore } from '../orders';
import { ParcelWeightStore } from '../scale';
import { driverFor } from './drivers';
import type { DueJob } from './job-store';
import { mainThreadEncoder, type LabelEncoder } from './label-pool';
import {
  customsSettings,
  labelPrinterConfig,
  sellerAddress,
  shipDate,
  type LabelPrinterConfig,
} from './printing-config';
import type { PrintingDeps } from './printing-deps';
import type { TrackingStore } from './tracking-store';
import { interpretZpl, renderZplFormat } from './zpl-interpreter';
import { markReprint, rasterFromLabelPicture } from './document-raster';
import type { KeptDocument, ParcelFacts } from './parcel-facts';

/** The label cannot be made as things are (no tracking number, address too long): the job fails with this message. */
export class LabelProblem extends Conflict {}

export interface PreparedJob {
  payload: Buffer;
  trackingNumber: string | null;
}

interface SellerTracking {
  number: string;
  gs1: boolean;
  carrier: string;
  provisional: boolean;
}

/** A REPRINT mark on a marketplace ZPL label, top right, so a second copy is never taken for another parcel. */
function markZplReprint(zpl: string): string {
  return zpl.replace(/\^XZ/g, '^FO560,20^GB230,70,6^FS^FO575,35^A0N,50,50^FDREPRINT^FS^XZ');
}

/** A tracking number the parcel already has, checked against its carrier's rules before it is printed. */
function checked(carrier: string, number: string): SellerTracking {
  const check = validateTracking(carrier, number);
  if (!check.ok) throw new LabelProblem(check.reason);
  return { number: check.number, gs1: check.format.gs1, carrier, provisional: false };
}

/** The order as one of its packages ships it: only the lines TikTok put in that package. */
const linesOf = (order: Order, packageId: string | null): Order => ({
  ...order,
  lines: order.lines.filter((line) => line.packageId === packageId),
});

/** Turns a print job into printer bytes: the station's own label for seller shipping, TikTok's document otherwise. */
export class LabelSource {
  constructor(
    private readonly svc: PrintingDeps,
    private readonly orders: OrderStore,
    private readonly tracking: TrackingStore,
    private readonly facts: ParcelFacts,
    private readonly encoder: LabelEncoder = mainThreadEncoder,
    private readonly weights = new ParcelWeightStore(svc.db),
  ) {}

  /**
   * The weight a label carries: the one asked for with the print, else the one recorded when the parcel was weighed,
   * else the default weight setting (0: none, and the label names no weight).
   */
  private weightOf(orderId: string, asked: number | null | undefined): number | null {
    return (
      asked ?? this.weights.get(orderId)?.grams ?? (this.svc.settings.number('printing.defaultWeightGrams') || null)
    );
  }

  private order(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new LabelProblem(`Order ${orderId} is not on this station.`);
    return order;
  }

  /** The carrier the warehouse chose for the parcel, else the one the marketplace names. */
  private carrierOf(order: Order): string {
    const carrier =
      this.facts.sellerCarrier(order.id)?.name ?? order.packages[0]?.shippingProviderName ?? order.carrier;
    if (!carrier)
      throw new LabelProblem(
        `Order ${order.id} has no carrier yet: choose one at the pack station (or set a default for its delivery option in Settings).`,
      );
    return carrier;
  }

  /** The parcel's validated tracking number, else (when `take`) a new one from the carrier's range, stored at once. */
  private sellerTracking(order: Order, take: boolean): SellerTracking {
    const pkg = order.packages[0];
    const carrier = this.carrierOf(order);
    const known = this.facts.sellerCarrier(order.id)?.trackingNumber ?? pkg?.trackingNumber ?? null;
    if (known) return checked(carrier, known);
    if (!take) {
      const next = this.tracking.peek(carrier);
      if (!next)
        throw new LabelProblem(
          `No tracking number yet: scan the ${carrier} label, or add a ${carrier} number range in Settings, Printing.`,
        );
      const check = validateTracking(carrier, next.number);
      return { number: next.number, gs1: check.ok && check.format.gs1, carrier, provisional: true };
    }
    return this.takeFromRange(order, carrier, pkg?.id ?? null, (number, providerId) =>
      this.facts.trackingIssued(order.id, number, providerId),
    );
  }

  /** A split parcel's own tracking number (TikTok refuses one number on two packages): kept, else from the range. */
  private splitTracking(order: Order, parcel: { packageId: string; trackingNumber: string | null }, carrier: string) {
    if (parcel.trackingNumber) return checked(carrier, parcel.trackingNumber);
    return this.takeFromRange(order, carrier, parcel.packageId, (number) =>
      this.facts.splitTrackingIssued(order.id, parcel.packageId, number),
    );
  }

  /** The next number of the carrier's range, stored with its package in the transaction that takes it. */
  private takeFromRange(
    order: Order,
    carrier: string,
    packageId: string | null,
    issued: (number: string, providerId: string) => void,
  ): SellerTracking {
    return this.svc.db.transaction(() => {
      const taken = this.tracking.take(carrier);
      if ('problem' in taken) throw new LabelProblem(taken.problem);
      const check = validateTracking(carrier, taken.number);
      if (!check.ok) throw new LabelProblem(check.reason);
      const providerId = this.facts.sellerCarrier(order.id)?.providerId ?? taken.shippingProviderId;
      if (packageId) this.tracking.store(order.id, packageId, check.number, carrier, providerId);
      issued(check.number, providerId);
      this.svc.audit({
        action: 'printing.trackingIssued',
        userId: null,
        orderId: order.id,
        details: { trackingNumber: check.number, carrier, packageId },
      });
      return { number: check.number, gs1: check.format.gs1, carrier, provisional: false };
    })();
  }

  document(
    order: Order,
    tracking: { number: string; gs1: boolean },
    carrier: string,
    reprint: boolean,
    weightGrams: number | null,
    config: LabelPrinterConfig,
  ): LabelDocument {
    try {
      return buildLabel({
        order,
        seller: sellerAddress(this.svc.settings),
        tracking,
        carrier,
        weightGrams,
        shipDate: shipDate(this.svc.now(), this.svc.settings.string('station.timeZone')),
        reprint,
        customs: customsSettings(this.svc.settings),
        size: config.size,
        dpi: config.dpi,
      });
    } catch (error) {
      if (error instanceof LabelError) throw new LabelProblem(error.message);
      throw error;
    }
  }

  async prepare(job: DueJob): Promise<PreparedJob> {
    const config = labelPrinterConfig(this.svc.settings);
    const order = this.order(job.orderId!);
    const reprint = job.kind === 'reprint';
    if (order.shippingType === 'TIKTOK') return this.marketplaceLabel(order, reprint, config);
    const tracking = this.sellerTracking(order, true);
    // The scale weighed the order as it was packed at the desk; each parcel of a split order carries that weight.
    const weight = this.weightOf(order.id, job.weightGrams);
    const splits = this.facts.splitParcels(order.id);
    // A split order's parcels: one label each, with its own number and the lines of its own package, in one job.
    const first = splits.length > 0 ? linesOf(order, order.packages[0]?.id ?? null) : order;
    const pages = [...this.document(first, tracking, tracking.carrier, reprint, weight, config).pages];
    for (const parcel of splits) {
      const own = this.splitTracking(order, parcel, tracking.carrier);
      pages.push(...this.document(linesOf(order, parcel.packageId), own, own.carrier, reprint, weight, config).pages);
    }
    const payload = await this.encoder.encodePages(config.language, config.escpos, pages);
    return { payload, trackingNumber: tracking.number };
  }

  /**
   * TikTok's own label, from the file kept when it was downloaded: the PNG picture drawn at the printer's dpi for
   * thermal printers, the PDF as it is for PDF printers, ZPL as it is (Brazil). A reprint is marked REPRINT.
   */
  private async marketplaceLabel(order: Order, reprint: boolean, config: LabelPrinterConfig): Promise<PreparedJob> {
    const documents = this.facts.keptDocuments(order.id);
    if (documents.length === 0)
      throw new LabelProblem(
        `TikTok's label for order ${order.id} has not arrived yet: it prints by itself when it does.`,
      );
    const trackingNumber = order.packages[0]?.trackingNumber ?? null;
    // A split order's labels go as one job, one label per package, so they print together and are reprinted together.
    const payloads: Buffer[] = [];
    for (const kept of documents) {
      let bytes: Buffer;
      try {
        bytes = await readFile(kept.path);
      } catch (error) {
        throw new LabelProblem(
          `The kept TikTok label of order ${order.id} cannot be read (${(error as Error).message}): void the label to fetch it again.`,
        );
      }
      payloads.push(await this.encodeDocument(kept, bytes, reprint, config));
    }
    const payload =
      payloads.length > 1 && config.language === 'pdf' ? await mergePdfs(payloads) : Buffer.concat(payloads);
    return { payload, trackingNumber };
  }

  private async encodeDocument(
    kept: KeptDocument,
    bytes: Buffer,
    reprint: boolean,
    config: LabelPrinterConfig,
  ): Promise<Buffer> {
    if (kept.format === 'PDF') {
      if (config.language !== 'pdf')
        throw new LabelProblem(
          'This label was fetched as a PDF for a PDF printer; the label printer now takes another language: void the label to fetch it again.',
        );
      return reprint ? markPdfReprint(bytes) : bytes;
    }
    if (kept.format === 'ZPL') {
      const zpl = bytes.toString('utf8');
      if (!/\^XA/.test(zpl)) throw new LabelProblem('TikTok Shop sent a shipping label that is not ZPL.');
      const marked = reprint ? markZplReprint(zpl) : zpl;
      if (config.language === 'zpl') return Buffer.from(marked, 'utf8');
      return driverFor(config.language, config.escpos).encodeRasters(
        interpretZpl(marked).formats.map(renderZplFormat),
        203,
      );
    }
    let raster;
    try {
      raster = rasterFromLabelPicture(bytes, config.size, config.dpi);
    } catch (error) {
      throw new LabelProblem(
        `TikTok Shop sent a label picture that is not a readable PNG (${(error as Error).message}).`,
      );
    }
    return driverFor(config.language, config.escpos).encodeRasters(
      [reprint ? markReprint(raster, config.dpi) : raster],
      config.dpi,
    );
  }

  /** What the label will look like, without taking a tracking number or sending anything. */
  preview(orderId: string, weightGrams?: number): z.infer<typeof LabelPreview> {
    const order = this.order(orderId);
    if (order.shippingType === 'TIKTOK')
      throw new LabelProblem(
        "TikTok ships this order: its label is TikTok Shop's own document, fetched once the shipment is arranged.",
      );
    const config = labelPrinterConfig(this.svc.settings);
    const tracking = this.sellerTracking(order, false);
    const weight = this.weightOf(orderId, weightGrams);
    const doc = this.document(order, tracking, tracking.carrier, order.stationState === 'labelled', weight, config);
    return {
      orderId,
      pages: doc.pages.map((page) => pageToSvg(page)),
      customsForm: doc.customsForm,
      trackingNumber: tracking.number,
      trackingProvisional: tracking.provisional,
    };
  }
}

/** A REPRINT box on the first page of a kept PDF label. */
async function markPdfReprint(bytes: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(0);
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  const { width, height } = page.getSize();
  const boxWidth = 96;
  page.drawRectangle({
    x: width - boxWidth - 8,
    y: height - 36,
    width: boxWidth,
    height: 28,
    color: rgb(1, 1, 1),
    borderColor: rgb(0, 0, 0),
    borderWidth: 2,
  });
  page.drawText('REPRINT', { x: width - boxWidth, y: height - 29, size: 16, font, color: rgb(0, 0, 0) });
  return Buffer.from(await doc.save());
}

/** PDF files cannot be joined byte by byte: the pages of each are copied into one document. */
async function mergePdfs(files: readonly Buffer[]): Promise<Buffer> {
  const merged = await PDFDocument.create();
  for (const file of files) {
    const source = await PDFDocument.load(file);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return Buffer.from(await merged.save());
}
