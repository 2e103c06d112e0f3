import type { PulledOrder } from '../marketplace';

// Reading a page of TikTok's orders before anything is stored: fields of records the station could not read, and one
// version of each order a page repeats.

/** A field of a record that may not be an object at all. */
export function rawField(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

/** update_time of a record, read or not; null when it has none the station can use. */
export function updateTimeOf(raw: unknown): number | null {
  const value = rawField(raw, 'update_time');
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Of each order id a page holds more than once, the newest version (TikTok's answer may repeat an order). */
export function newestPerId(orders: readonly PulledOrder[]): PulledOrder[] {
  const byId = new Map<string, PulledOrder>();
  for (const entry of orders) {
    const seen = byId.get(entry.order.id);
    if (!seen || entry.order.update_time >= seen.order.update_time) byId.set(entry.order.id, entry);
  }
  return [...byId.values()];
}
