import type { SessionUser } from '../../../shared/contract';
import type { PrintJob } from '../../../shared/contract/printing';
import {
  buildPackingSlip,
  isGiftOrder,
  wantsPackingSlip,
  type PackingSlipSetting,
} from '../../../shared/domain/label/packing-slip';
import type { Order } from '../../../shared/domain/orders/order';
import type { Settings } from '../config/settings';
import type { TikTokShopClient } from '../marketplace';
import type { OrderStore } from '../orders';
import {
  driverFor,
  interpretZpl,
  labelPrinterConfig,
  renderZplFormat,
  type LabelPrinterConfig,
  type PrintingService,
} from '../printing';
import { Conflict, NotFound } from '../errors/domain-errors';

export interface PackingSlipDeps {
  settings: Settings;
  orders: OrderStore;
  client: TikTokShopClient;
  printing: PrintingService;
}

/** Where a slip's bytes came from, and why not TikTok's where TikTok ships: kept in the audit row of each slip. */
type Source =
  | { from: 'tiktok' }
  | { from: 'station'; why: 'seller_shipped' | 'gift' | 'printer_takes_no_pdf' | 'tiktok_unavailable' | 'no_package' };

interface MadeSlip {
  payload: Buffer;
  source: Source;
}

const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * The packing slip that follows a parcel's first label on the same printer, when Settings (printing.packingSlip)
 * asks for one: TikTok's own PACKING_SLIP document where TikTok ships the order and the label printer can print it
 * (a PDF printer; a thermal printer of a Brazilian shop, which TikTok serves ZPL), otherwise the station's own slip
 * drawn for the label printer's language. A gift order always gets the station's slip: TikTok's document is not
 * ours to check, and a gift must not show a price. The slip is a print job with its bytes in the row before any
 * byte leaves, like every other job; a reprint of the label does not bring it back, only printSlip does.
 */
export class PackingSlips {
  constructor(private readonly deps: PackingSlipDeps) {}

  private setting(): PackingSlipSetting {
    return this.deps.settings.string('printing.packingSlip') as PackingSlipSetting;
  }

  /** The first label of an order printed: its slip, when the setting wants one and none was printed for it yet. */
  async afterLabel(orderId: string): Promise<PrintJob | null> {
    const order = this.deps.orders.get(orderId);
    if (!order || !wantsPackingSlip(this.setting(), order)) return null;
    const earlier = this.deps.printing.jobs
      .list({ orderId, limit: 50 })
      .some((job) => job.kind === 'document' && job.state !== 'cancelled' && job.state !== 'failed');
    if (earlier) return null;
    return this.queue(order, null, 'with the label');
  }

  /** Another slip for an order, because someone asked (the label panel's button). */
  async print(orderId: string, user: SessionUser | null): Promise<PrintJob> {
    const order = this.deps.orders.get(orderId);
    if (!order) throw new NotFound(`There is no order ${orderId}.`);
    if (!['packed', 'labelled', 'handed_over'].includes(order.stationState))
      throw new Conflict(`Order ${orderId} is not packed yet: scan its items first.`);
    return this.queue(order, user, 'asked for');
  }

  private async queue(order: Order, user: SessionUser | null, occasion: string): Promise<PrintJob> {
    const config = labelPrinterConfig(this.deps.settings);
    const made = await this.make(order, config);
    return this.deps.printing.queueDocument(order.id, made.payload, config.language, user, {
      action: 'printing.packingSlip',
      details: { occasion, gift: isGiftOrder(order), ...made.source },
    });
  }

  private async make(order: Order, config: LabelPrinterConfig): Promise<MadeSlip> {
    const station = async (why: Extract<Source, { from: 'station' }>['why']): Promise<MadeSlip> => ({
      // Drawn like labels: on the label workers when they run, so a slip does not hold up the station.
      payload: await this.deps.printing.labelPool.encodePages(
        config.language,
        config.escpos,
        buildPackingSlip({
          order,
          sellerName: this.deps.settings.string('seller.name'),
          size: config.size,
          dpi: config.dpi,
        }),
      ),
      source: { from: 'station', why },
    });
    if (order.shippingType !== 'TIKTOK') return station('seller_shipped');
    if (isGiftOrder(order)) return station('gift');
    const pkg = order.packages[0];
    if (!pkg) return station('no_package');
    try {
      const payload = await this.tiktokSlip(order.shopId, pkg.id, config);
      return payload ? { payload, source: { from: 'tiktok' } } : station('printer_takes_no_pdf');
    } catch (error) {
      // Offline, not ready, refused, not the file asked for: the parcel still gets a slip, the station's.
      console.warn(
        `fulfillment: TikTok's packing slip of order ${order.id} is unavailable, the station's prints instead: ${error instanceof Error ? error.message : String(error)}`,
      );
      return station('tiktok_unavailable');
    }
  }

  /**
   * TikTok's PACKING_SLIP in a form the label printer takes, or null where it has none: TikTok serves it as a PDF,
   * and as ZPL to Brazilian shops only (get-package-shipping-document: document_format).
   */
  private async tiktokSlip(shopId: string, packageId: string, config: LabelPrinterConfig): Promise<Buffer | null> {
    let format: 'PDF' | 'ZPL';
    if (config.language === 'pdf') format = 'PDF';
    else {
      const shop = (await this.deps.client.shops()).find((candidate) => candidate.id === shopId);
      if (shop?.region !== 'BR') return null;
      format = 'ZPL';
    }
    const document = await this.deps.client.getShippingDocument(shopId, packageId, {
      documentType: 'PACKING_SLIP',
      documentSize: 'A6',
      documentFormat: format,
    });
    const bytes = Buffer.from((await this.deps.client.downloadDocument(document.docUrl)).bytes);
    if (format === 'PDF') {
      if (!isPdf(bytes)) throw new Error('TikTok Shop sent a packing slip that is not a PDF');
      return bytes;
    }
    const zpl = bytes.toString('utf8');
    if (!/\^XA/.test(zpl)) throw new Error('TikTok Shop sent a packing slip that is not ZPL');
    if (config.language === 'zpl') return Buffer.from(zpl, 'utf8');
    return Buffer.from(
      await driverFor(config.language, config.escpos).encodeRasters(
        interpretZpl(zpl).formats.map(renderZplFormat),
        203,
      ),
    );
  }
}
