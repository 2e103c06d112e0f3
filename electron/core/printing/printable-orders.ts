import type { z } from 'zod';
import type { PrintableOrder } from '../../../shared/contract/printing';
import type { StationState } from '../../../shared/domain/orders/order';
import type { Db } from '../db/database';
import { OrderUpdates } from '../orders';

/** A label may print only for a verified order: packed (or overridden by a supervisor), or later for a reprint. */
export const LABEL_STATES: readonly StationState[] = ['packed', 'labelled', 'handed_over'];

/** Orders the batch screen offers: packed ones waiting for a label first, then labelled ones (for reprints). */
export function printableOrders(db: Db, limit: number): Array<z.infer<typeof PrintableOrder>> {
  const rows = db
    .prepare(
      `SELECT o.id, o.recipient, o.station_state, o.shipping_type, o.carrier, o.packed_at,
              (SELECT tracking_number FROM packages p WHERE p.order_id = o.id ORDER BY rowid LIMIT 1) AS tracking_number
       FROM orders o WHERE o.station_state IN ('packed', 'labelled')
       ORDER BY o.station_state = 'labelled', o.packed_at DESC, o.id LIMIT ?`,
    )
    .all(limit) as Array<{
    id: string;
    recipient: string;
    station_state: string;
    shipping_type: 'TIKTOK' | 'SELLER';
    carrier: string | null;
    packed_at: number | null;
    tracking_number: string | null;
  }>;
  return rows.map((row) => {
    const recipient = JSON.parse(row.recipient) as { name?: string; countryCode?: string };
    return {
      id: row.id,
      recipientName: recipient.name ?? '',
      countryCode: recipient.countryCode ?? '',
      stationState: row.station_state,
      shippingType: row.shipping_type,
      carrier: row.carrier,
      trackingNumber: row.tracking_number,
      packedAt: row.packed_at,
    };
  });
}

/** A printed label: the order is labelled (an order already further along keeps its state). */
export function markLabelled(db: Db, orderId: string, now: number): boolean {
  return new OrderUpdates(db).labelled(orderId, now);
}

/** A voided label with no other printed label left: the order waits for a label again. */
export function unmarkLabelled(db: Db, orderId: string): boolean {
  const printed = db
    .prepare("SELECT 1 FROM print_jobs WHERE order_id = ? AND kind IN ('label', 'reprint') AND state = 'done'")
    .get(orderId);
  if (printed) return false;
  return new OrderUpdates(db).unlabelled(orderId);
}
