import type { HoldReason } from '../../../shared/domain/scan/commands';
import type { Db } from '../db/database';

/**
 * The writes other features make to the tables the orders feature owns, as the order moves along at this desk: pack
 * opens, queues, holds and packs it, printing labels it, a handover hands it over. Each runs inside the caller's
 * transaction. updated_at is never touched: it stays the marketplace's update time, so the pull does not drop a
 * cancellation or address change TikTok stamped earlier in the same second.
 */
export class OrderUpdates {
  constructor(private readonly db: Db) {}

  /** The order is on this bench. */
  opened(orderId: string, stationId: string): void {
    this.db
      .prepare("UPDATE orders SET station_state = 'packing', open_at_station = ? WHERE id = ?")
      .run(stationId, orderId);
  }

  queued(orderId: string): void {
    this.db
      .prepare("UPDATE orders SET station_state = 'queued', open_at_station = NULL, hold_reason = NULL WHERE id = ?")
      .run(orderId);
  }

  held(orderId: string, reason: HoldReason): void {
    this.db
      .prepare("UPDATE orders SET station_state = 'held', hold_reason = ?, open_at_station = NULL WHERE id = ?")
      .run(reason, orderId);
  }

  packed(orderId: string, userId: number, at: number): void {
    this.db
      .prepare(
        "UPDATE orders SET station_state = 'packed', packed_at = ?, packed_by = ?, open_at_station = NULL WHERE id = ?",
      )
      .run(at, userId, orderId);
  }

  /** A printed label: the order is labelled (an order already further along keeps its state). */
  labelled(orderId: string, at: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE orders SET station_state = 'labelled', labelled_at = ? WHERE id = ? AND station_state = 'packed'",
        )
        .run(at, orderId).changes > 0
    );
  }

  /** Its only printed label voided: the order waits for a label again. */
  unlabelled(orderId: string): boolean {
    return (
      this.db
        .prepare(
          "UPDATE orders SET station_state = 'packed', labelled_at = NULL WHERE id = ? AND station_state = 'labelled'",
        )
        .run(orderId).changes > 0
    );
  }

  /** Handed to the carrier; only a packed or labelled order can be. */
  handedOver(orderId: string, at: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE orders SET station_state = 'handed_over', handed_over_at = ? WHERE id = ? AND station_state IN ('packed', 'labelled')",
        )
        .run(at, orderId).changes > 0
    );
  }

  /** A validated tracking number on the package the marketplace ships; the carrier named first is kept. */
  packageTracking(
    orderId: string,
    packageId: string,
    trackingNumber: string,
    carrier: string | null,
    shippingProviderId: string | null,
  ): void {
    this.db
      .prepare(
        'UPDATE packages SET tracking_number = ?, shipping_provider_name = coalesce(shipping_provider_name, ?), shipping_provider_id = coalesce(?, shipping_provider_id) WHERE id = ? AND order_id = ?',
      )
      .run(trackingNumber, carrier, shippingProviderId, packageId, orderId);
  }

  /** A supervisor linked an unknown barcode to a SKU: scanned again, it counts as that SKU. */
  barcodeAlias(code: string, skuId: string, sellerSku: string, at: number, supervisorId: number): void {
    this.db
      .prepare(
        "INSERT INTO sku_barcodes (code, sku_id, seller_sku, source, created_at, created_by) VALUES (?, ?, ?, 'alias', ?, ?)",
      )
      .run(code, skuId, sellerSku, at, supervisorId);
  }
}
