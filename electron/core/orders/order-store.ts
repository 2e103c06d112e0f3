import type { OrderChange } from '../../../shared/contract/orders';
import { Order, type MarketStatus, type OrderInput, type Service, type StationState } from '../../../shared/domain/orders/order';
import type { Db } from '../db/database';

interface OrderRow {
  id: string;
  shop_id: string;
  status: string;
  station_state: string;
  shipping_type: string;
  delivery_option_id: string | null;
  delivery_option_name: string | null;
  service: string;
  carrier: string | null;
  buyer_message: string;
  is_cod: number;
  recipient: string;
  created_at: number;
  paid_at: number | null;
  updated_at: number;
  pack_by: number | null;
  handover_by: number | null;
  packed_at: number | null;
  labelled_at: number | null;
  handed_over_at: number | null;
  hold_reason: string | null;
}

interface LineRow {
  id: string;
  sku_id: string;
  seller_sku: string;
  product_name: string;
  sku_name: string;
  image_url: string | null;
  sale_price: string;
  currency: string;
  package_id: string | null;
  is_gift: number;
}

interface PackageRow {
  id: string;
  tracking_number: string | null;
  shipping_provider_id: string | null;
  shipping_provider_name: string | null;
}

/** Marketplace statuses after the parcel left the seller: nothing left to pack. */
const SHIPPED_UPSTREAM: readonly MarketStatus[] = ['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED'];

/** States the station reached on its own; a marketplace update must not send such an order back to the queue. */
const STATION_PROGRESS: readonly StationState[] = ['packing', 'held', 'packed', 'labelled', 'handed_over'];

/** Reads and writes orders. The only place that knows how an Order maps onto the orders/order_lines/packages tables. */
export class OrderStore {
  constructor(private readonly db: Db) {}

  /**
   * Inserts or updates orders from the marketplace in one transaction. Idempotent: the same orders twice change
   * nothing. The station's own progress is kept; an order cancelled upstream becomes 'cancelled' whatever it was.
   * `raw` is the marketplace's own record, kept for evidence and for fields the station does not model.
   */
  upsertFromMarketplace(
    orders: ReadonlyArray<{ order: OrderInput; raw: unknown; payment?: unknown }>,
    pulledAt: number,
  ): { inserted: number; updated: number; unchanged: number; cancelled: string[]; changed: string[]; changes: Array<{ orderId: string; kinds: OrderChange[] }> } {
    const existing = this.db.prepare('SELECT station_state, updated_at, raw, payment, recipient FROM orders WHERE id = ?');
    const insert = this.db.prepare(
      `INSERT INTO orders (id, shop_id, status, station_state, shipping_type, delivery_option_id, delivery_option_name, service,
         carrier, buyer_message, is_cod, recipient, payment, created_at, paid_at, updated_at, pack_by, handover_by, raw, pulled_at)
       VALUES (@id, @shopId, @status, @stationState, @shippingType, @deliveryOptionId, @deliveryOptionName, @service,
         @carrier, @buyerMessage, @isCod, @recipient, @payment, @createdAt, @paidAt, @updatedAt, @packBy, @handoverBy, @raw, @pulledAt)`,
    );
    const update = this.db.prepare(
      `UPDATE orders SET status = @status, station_state = @stationState, shipping_type = @shippingType,
         delivery_option_id = @deliveryOptionId, delivery_option_name = @deliveryOptionName, service = @service, carrier = @carrier,
         buyer_message = @buyerMessage, is_cod = @isCod, recipient = @recipient, payment = @payment, paid_at = @paidAt, updated_at = @updatedAt,
         pack_by = @packBy, handover_by = @handoverBy, raw = @raw, pulled_at = @pulledAt
       WHERE id = @id`,
    );
    const deleteLines = this.db.prepare('DELETE FROM order_lines WHERE order_id = ?');
    const insertLine = this.db.prepare(
      `INSERT INTO order_lines (id, order_id, sku_id, seller_sku, product_name, sku_name, image_url, sale_price, currency, package_id, is_gift)
       VALUES (@id, @orderId, @skuId, @sellerSku, @productName, @skuName, @imageUrl, @salePrice, @currency, @packageId, @isGift)`,
    );
    const upsertPackage = this.db.prepare(
      `INSERT INTO packages (id, order_id, tracking_number, shipping_provider_id, shipping_provider_name)
       VALUES (@id, @orderId, @trackingNumber, @shippingProviderId, @shippingProviderName)
       ON CONFLICT(id) DO UPDATE SET
         tracking_number = coalesce(excluded.tracking_number, packages.tracking_number),
         shipping_provider_id = coalesce(excluded.shipping_provider_id, packages.shipping_provider_id),
         shipping_provider_name = coalesce(excluded.shipping_provider_name, packages.shipping_provider_name)`,
    );

    return this.db.transaction(() => {
      const result = { inserted: 0, updated: 0, unchanged: 0, cancelled: [] as string[], changed: [] as string[], changes: [] as Array<{ orderId: string; kinds: OrderChange[] }> };
      for (const { order: input, raw, payment } of orders) {
        const order = Order.parse(input);
        const before = existing.get(order.id) as { station_state: StationState; updated_at: number; raw: string; payment: string; recipient: string } | undefined;
        if (before && before.updated_at > order.updatedAt) continue;
        const rawJson = JSON.stringify(raw);
        const paymentJson = payment === undefined ? (before?.payment ?? '{}') : JSON.stringify(payment);
        // The same version of the order again (an overlapping pull): nothing to write, not even pulled_at.
        if (before && before.updated_at === order.updatedAt && before.raw === rawJson && before.payment === paymentJson) {
          result.unchanged += 1;
          continue;
        }
        let stationState: StationState = before?.station_state ?? order.stationState;
        const recipientJson = JSON.stringify(order.recipient);
        const kinds: OrderChange[] = [];
        if (before && before.recipient !== recipientJson) kinds.push('address_changed');
        if (order.status === 'CANCELLED') {
          if (stationState !== 'cancelled') {
            result.cancelled.push(order.id);
            if (before) kinds.push('cancelled');
          }
          stationState = 'cancelled';
        } else if (!before) {
          stationState = SHIPPED_UPSTREAM.includes(order.status) ? 'shipped_elsewhere' : order.stationState;
        } else if (SHIPPED_UPSTREAM.includes(order.status) && stationState === 'queued') {
          // Shipped by someone else (another desk, the seller's back office) while it waited here.
          stationState = 'shipped_elsewhere';
        } else if (!STATION_PROGRESS.includes(stationState) && stationState !== 'shipped_elsewhere') {
          stationState = 'queued';
        }
        const params = {
          ...order,
          stationState,
          isCod: order.isCod ? 1 : 0,
          recipient: recipientJson,
          payment: paymentJson,
          raw: rawJson,
          pulledAt,
        };
        if (before) {
          update.run(params);
          result.updated += 1;
        } else {
          insert.run(params);
          result.inserted += 1;
        }
        result.changed.push(order.id);
        if (kinds.length > 0) result.changes.push({ orderId: order.id, kinds });
        deleteLines.run(order.id);
        for (const line of order.lines) insertLine.run({ ...line, orderId: order.id, isGift: line.isGift ? 1 : 0 });
        for (const pkg of order.packages) upsertPackage.run({ ...pkg, orderId: order.id });
      }
      return result;
    })();
  }

  get(id: string): Order | null {
    const row = this.db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined;
    return row ? this.hydrate(row) : null;
  }

  /**
   * The orders a packer may open, earliest pack-by deadline first (orders without one last), optionally only one
   * carrier's or one service's.
   */
  queue(limit = 500, filter: { carrier?: string | undefined; service?: Service | undefined } = {}): Order[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM orders WHERE station_state IN ('queued', 'packing')
           AND (@carrier IS NULL OR carrier = @carrier) AND (@service IS NULL OR service = @service)
         ORDER BY pack_by IS NULL, pack_by, paid_at, id LIMIT @limit`,
      )
      .all({ limit, carrier: filter.carrier ?? null, service: filter.service ?? null }) as OrderRow[];
    return rows.map((row) => this.hydrate(row));
  }

  /** Carriers and services of the orders in the queue, with counts: what the queue's filters offer. */
  queueFacets(): { carriers: Array<{ carrier: string; count: number }>; services: Array<{ service: Service; count: number }> } {
    const carriers = this.db
      .prepare(
        `SELECT carrier, count(*) AS count FROM orders WHERE station_state IN ('queued', 'packing') AND carrier IS NOT NULL
         GROUP BY carrier ORDER BY carrier`,
      )
      .all() as Array<{ carrier: string; count: number }>;
    const services = this.db
      .prepare(`SELECT service, count(*) AS count FROM orders WHERE station_state IN ('queued', 'packing') GROUP BY service ORDER BY service`)
      .all() as Array<{ service: Service; count: number }>;
    return { carriers, services };
  }

  /** The station stops the order (the marketplace cancelled it): unless it already left, it is cancelled here too. */
  cancelAtStation(orderId: string, reason: string): void {
    this.db.prepare(`UPDATE orders SET station_state = 'cancelled', hold_reason = ? WHERE id = ? AND station_state != 'handed_over'`).run(reason, orderId);
  }

  /**
   * The package TikTok created when the seller marked the parcel shipped (Mark Package As Shipped): local sellers'
   * orders have none before. Run inside the transaction that settles that write.
   */
  addShippedPackage(orderId: string, pkg: { id: string; lineItemIds: readonly string[]; trackingNumber: string; shippingProviderId: string; shippingProviderName: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO packages (id, order_id, tracking_number, shipping_provider_id, shipping_provider_name) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET tracking_number = excluded.tracking_number, shipping_provider_id = excluded.shipping_provider_id`,
      )
      .run(pkg.id, orderId, pkg.trackingNumber, pkg.shippingProviderId, pkg.shippingProviderName);
    const line = this.db.prepare('UPDATE order_lines SET package_id = ? WHERE order_id = ? AND id = ?');
    for (const lineId of pkg.lineItemIds) line.run(pkg.id, orderId, lineId);
  }

  private hydrate(row: OrderRow): Order {
    const lines = this.db.prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY rowid').all(row.id) as LineRow[];
    const packages = this.db.prepare('SELECT * FROM packages WHERE order_id = ? ORDER BY rowid').all(row.id) as PackageRow[];
    return Order.parse({
      id: row.id,
      shopId: row.shop_id,
      status: row.status,
      stationState: row.station_state,
      shippingType: row.shipping_type,
      deliveryOptionId: row.delivery_option_id,
      deliveryOptionName: row.delivery_option_name,
      service: row.service,
      carrier: row.carrier,
      buyerMessage: row.buyer_message,
      isCod: row.is_cod === 1,
      recipient: JSON.parse(row.recipient),
      createdAt: row.created_at,
      paidAt: row.paid_at,
      updatedAt: row.updated_at,
      packBy: row.pack_by,
      handoverBy: row.handover_by,
      packedAt: row.packed_at,
      labelledAt: row.labelled_at,
      handedOverAt: row.handed_over_at,
      holdReason: row.hold_reason,
      lines: lines.map((line) => ({
        id: line.id,
        skuId: line.sku_id,
        sellerSku: line.seller_sku,
        productName: line.product_name,
        skuName: line.sku_name,
        imageUrl: line.image_url,
        salePrice: line.sale_price,
        currency: line.currency,
        packageId: line.package_id,
        isGift: line.is_gift === 1,
      })),
      packages: packages.map((pkg) => ({
        id: pkg.id,
        trackingNumber: pkg.tracking_number,
        shippingProviderId: pkg.shipping_provider_id,
        shippingProviderName: pkg.shipping_provider_name,
      })),
    });
  }
}
