import { trackingLookupKeys } from '../../../shared/domain/tracking/lookup-keys';
import type { Db } from '../db/database';

/** Must stay the expression of the packages_by_tracking_key index (migration 14), or SQLite scans every package. */
const TRACKING_KEY_SQL = `upper(replace(replace(tracking_number, ' ', ''), '-', ''))`;

export interface TrackedPackage {
  orderId: string;
  packageId: string;
  trackingNumber: string;
}

/**
 * The order a scanned tracking or waybill number belongs to, as an order number finds its order: the number is
 * compared normalised (spaces, dashes, case, a scanner's symbology prefix, USPS routing, FedEx 96 framing) with the
 * packages' tracking numbers. Null when no package carries it.
 */
export function findOrderByTracking(db: Db, raw: string): TrackedPackage | null {
  const keys = trackingLookupKeys(raw);
  if (keys.length === 0) return null;
  const row = db.prepare(trackingLookupSql(keys.length)).get(...keys) as TrackedPackage | undefined;
  return row ?? null;
}

/** The lookup's query for `count` keys (its plan is checked in the integration test). */
export function trackingLookupSql(count: number): string {
  return `SELECT order_id AS orderId, id AS packageId, tracking_number AS trackingNumber FROM packages
    WHERE ${TRACKING_KEY_SQL} IN (${Array.from({ length: count }, () => '?').join(', ')}) ORDER BY rowid LIMIT 1`;
}
