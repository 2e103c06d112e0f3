import { trackingLookupKeys } from '../../../shared/domain/tracking/lookup-keys';
import type { Db } from '../db/database';

/** Must stay the expression of the packages_by_tracking_key index (migration 14), or SQLite scans every package. */
const TRACKING_KEY_SQL = `upper(replace(replace(tracking_number, ' ', ''), '-', ''))`;

export interface TrackedPackage {
  orderId: string;
  /** Null when the number is only on the order's shipment: TikTok has not made its package yet. */
  packageId: string | null;
  trackingNumber: string;
}

/**
 * The order a scanned tracking or waybill number belongs to, as an order number finds its order: the number is
 * compared normalised (spaces, dashes, case, a scanner's symbology prefix, USPS routing, FedEx 96 framing) with the
 * packages' tracking numbers, then with the shipments' (where a number scanned for an order TikTok has not made a
 * package for yet waits). Null when none carries it.
 */
export function findOrderByTracking(db: Db, raw: string): TrackedPackage | null {
  const keys = trackingLookupKeys(raw);
  if (keys.length === 0) return null;
  const row = db.prepare(trackingLookupSql(keys.length)).get(...keys, ...keys) as TrackedPackage | undefined;
  return row ?? null;
}

/** The lookup's query for `count` keys (its plan is checked in the integration test). */
export function trackingLookupSql(count: number): string {
  const keys = `(${Array.from({ length: count }, () => '?').join(', ')})`;
  return `SELECT orderId, packageId, trackingNumber FROM (
      SELECT 0 AS rank, order_id AS orderId, id AS packageId, tracking_number AS trackingNumber FROM packages WHERE ${TRACKING_KEY_SQL} IN ${keys}
      UNION ALL
      SELECT 1, order_id, NULL, tracking_number FROM shipments WHERE ${TRACKING_KEY_SQL} IN ${keys}
    ) ORDER BY rank LIMIT 1`;
}
