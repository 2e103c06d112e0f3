import type { z } from 'zod';
import type { LabelPreview } from '../../../shared/contract/printing';
import { buildLabel } from '../../../shared/domain/label/build-label';
import { LabelError, type LabelDocument } from '../../../shared/domain/label/model';
import { pageToSvg } from '../../../shared/domain/label/svg';
import type { Order } from '../../../shared/domain/orders/order';
import { validateTracking } from '../../../shared/domain/tracking/validate';
import { MarketplaceError } from '../marketplace/errors';
import type { OrderStore } from '../orders/order-store';
import { driverFor } from './drivers';
import type { DueJob } from './job-store';
import { customsSettings, labelPrinterConfig, sellerAddress, shipDate, type LabelPrinterConfig } from './printing-config';
import type { PrintingDeps } from './printing-deps';
import type { TrackingStore } from './tracking-store';
import { interpretZpl, renderZplFormat } from './zpl-interpreter';

/** The label cannot be made as things are (no tracking number, address too long): the job fails with this message. */
export class LabelProblem extends Error {}
/** Something to wait out (the marketplace is unreachable): the job stays queued and tries again. */
export class WaitProblem extends Error {}

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

function marketplaceWait(error: unknown, what: string): never {
  if (error instanceof MarketplaceError && !error.retryable) throw new LabelProblem(`TikTok Shop refused ${what}: ${error.message}`);
  throw new WaitProblem(`TikTok Shop is not reachable for ${what} (${error instanceof Error ? error.message : String(error)}): trying again shortly.`);
}

/** Turns a print job into printer bytes: the station's own label for seller shipping, TikTok's document otherwise. */
export class LabelSource {
  constructor(
    private readonly svc: PrintingDeps,
    private readonly orders: OrderStore,
    private readonly tracking: TrackingStore,
  ) {}

  private order(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new LabelProblem(`Order ${orderId} is not on this station.`);
    return order;
  }

  private carrierOf(order: Order): string {
    const carrier = order.packages[0]?.shippingProviderName ?? order.carrier;
    if (!carrier) throw new LabelProblem(`Order ${order.id} has no carrier: the marketplace did not say which carrier ships it.`);
    return carrier;
  }

  /** The package's validated tracking number, else (when `take`) a new one from the carrier's range, stored at once. */
  private sellerTracking(order: Order, take: boolean): SellerTracking {
    const pkg = order.packages[0];
    if (!pkg) throw new LabelProblem(`Order ${order.id} has no package yet: pull orders again.`);
    const carrier = this.carrierOf(order);
    if (pkg.trackingNumber) {
      const check = validateTracking(carrier, pkg.trackingNumber);
      if (!check.ok) throw new LabelProblem(check.reason);
      return { number: check.number, gs1: check.format.gs1, carrier, provisional: false };
    }
    if (!take) {
      const next = this.tracking.peek(carrier);
      if (!next) throw new LabelProblem(`No tracking number yet: scan the ${carrier} label, or add a ${carrier} number range in Settings, Printing.`);
      const check = validateTracking(carrier, next.number);
      return { number: next.number, gs1: check.ok && check.format.gs1, carrier, provisional: true };
    }
    return this.svc.db.transaction(() => {
      const taken = this.tracking.take(carrier);
      if ('problem' in taken) throw new LabelProblem(taken.problem);
      const check = validateTracking(carrier, taken.number);
      if (!check.ok) throw new LabelProblem(check.reason);
      this.tracking.store(order.id, pkg.id, check.number, carrier, taken.shippingProviderId);
      this.svc.audit({ action: 'printing.trackingIssued', userId: null, orderId: order.id, details: { trackingNumber: check.number, carrier } });
      return { number: check.number, gs1: check.format.gs1, carrier, provisional: false };
    })();
  }

  /**
   * The marketplace needs the provider's id with the tracking number; a package that has none gets it from the
   * order's delivery option, matched by carrier name, before the label prints (so the ship write cannot be refused).
   */
  private async ensureProviderId(order: Order, carrier: string): Promise<void> {
    const pkg = order.packages[0]!;
    if (pkg.shippingProviderId || this.orders.get(order.id)?.packages[0]?.shippingProviderId) return;
    const fromRange = this.tracking.providerFor(carrier);
    if (fromRange) {
      this.svc.db.prepare('UPDATE packages SET shipping_provider_id = ? WHERE id = ? AND shipping_provider_id IS NULL').run(fromRange, pkg.id);
      return;
    }
    if (!order.deliveryOptionId) throw new LabelProblem(`Order ${order.id} has no delivery option to find the ${carrier} provider id in.`);
    let providers: Array<{ id: string; name: string }>;
    try {
      providers = await this.svc.marketplace.getShippingProviders(order.shopId, order.deliveryOptionId);
    } catch (error) {
      marketplaceWait(error, 'the shipping providers');
    }
    const match = providers.find((provider) => provider.name.toLowerCase() === carrier.toLowerCase());
    if (!match) throw new LabelProblem(`TikTok Shop lists no provider called "${carrier}" for this order (it has: ${providers.map((p) => p.name).join(', ') || 'none'}).`);
    this.svc.db.prepare('UPDATE packages SET shipping_provider_id = ? WHERE id = ? AND shipping_provider_id IS NULL').run(match.id, pkg.id);
  }

  document(order: Order, tracking: { number: string; gs1: boolean }, carrier: string, reprint: boolean, weightGrams: number, config: LabelPrinterConfig): LabelDocument {
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
    await this.ensureProviderId(order, tracking.carrier);
    const weight = job.weightGrams ?? this.svc.settings.number('printing.defaultWeightGrams');
    const doc = this.document(order, tracking, tracking.carrier, reprint, weight, config);
    const payload = await driverFor(config.language, config.escpos).encodePages(doc.pages);
    return { payload, trackingNumber: tracking.number };
  }

  /** TikTok's own label, fetched as ZPL (sent as is to ZPL printers, drawn for the others) or as PDF for paper. */
  private async marketplaceLabel(order: Order, reprint: boolean, config: LabelPrinterConfig): Promise<PreparedJob> {
    const pkg = order.packages[0];
    if (!pkg) throw new LabelProblem(`Order ${order.id} has no package yet: pull orders again.`);
    const format = config.language === 'pdf' ? 'PDF' : 'ZPL';
    let document: { docUrl: string; trackingNumber: string | null };
    let bytes: Uint8Array;
    try {
      document = await this.svc.marketplace.getShippingDocument(order.shopId, pkg.id, { documentFormat: format, documentSize: 'A6' });
      bytes = (await this.svc.marketplace.downloadDocument(document.docUrl)).bytes;
    } catch (error) {
      marketplaceWait(error, 'the shipping label');
    }
    if (document.trackingNumber && !pkg.trackingNumber) {
      this.tracking.store(order.id, pkg.id, document.trackingNumber, pkg.shippingProviderName ?? order.carrier ?? '', null);
    }
    const trackingNumber = document.trackingNumber ?? pkg.trackingNumber;
    if (format === 'PDF') return { payload: Buffer.from(bytes), trackingNumber };
    let zpl = Buffer.from(bytes).toString('utf8');
    if (!/\^XA/.test(zpl)) throw new LabelProblem('TikTok Shop sent a shipping label that is not ZPL.');
    if (reprint) zpl = markZplReprint(zpl);
    if (config.language === 'zpl') return { payload: Buffer.from(zpl, 'utf8'), trackingNumber };
    const rasters = interpretZpl(zpl).formats.map(renderZplFormat);
    return { payload: await driverFor(config.language, config.escpos).encodeRasters(rasters, 203), trackingNumber };
  }

  /** What the label will look like, without taking a tracking number or sending anything. */
  preview(orderId: string, weightGrams?: number): z.infer<typeof LabelPreview> {
    const order = this.order(orderId);
    if (order.shippingType === 'TIKTOK') throw new LabelProblem('TikTok ships this order: its label is TikTok Shop\'s own document, fetched when it prints.');
    const config = labelPrinterConfig(this.svc.settings);
    const tracking = this.sellerTracking(order, false);
    const weight = weightGrams ?? this.svc.settings.number('printing.defaultWeightGrams');
    const doc = this.document(order, tracking, tracking.carrier, order.stationState === 'labelled', weight, config);
    return { orderId, pages: doc.pages.map((page) => pageToSvg(page)), customsForm: doc.customsForm, trackingNumber: tracking.number, trackingProvisional: tracking.provisional };
  }

  /** A number typed or scanned from the carrier's own label, checked with that carrier's rule before it is kept. */
  setTracking(orderId: string, raw: string): { orderId: string; trackingNumber: string; carrier: string } {
    const order = this.order(orderId);
    if (order.shippingType !== 'SELLER') throw new LabelProblem('TikTok ships this order: its tracking number comes from TikTok Shop.');
    const pkg = order.packages[0];
    if (!pkg) throw new LabelProblem(`Order ${order.id} has no package yet: pull orders again.`);
    const carrier = this.carrierOf(order);
    const check = validateTracking(carrier, raw);
    if (!check.ok) throw new LabelProblem(check.reason);
    this.tracking.store(order.id, pkg.id, check.number, carrier, null);
    return { orderId, trackingNumber: check.number, carrier };
  }
}
