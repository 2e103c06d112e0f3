import type { Db } from '../db/database';
import { PackStore } from './pack-store';

/**
 * The marketplace cancelled the order open at this desk: its session ends here, keeping the scans recorded, so the
 * next scan cannot complete it and no label is made for it. Returns whether the order was open at this desk.
 */
export function stopOpenOrder(db: Db, stationId: string, orderId: string, now: number): boolean {
  const store = new PackStore(db);
  const session = store.openSessionAt(stationId);
  if (!session || session.orderId !== orderId) return false;
  store.closeSession(session.id, 'cancelled', now);
  return true;
}

/** Whether the order is the one open at this desk. */
export function isOpenAt(db: Db, stationId: string, orderId: string): boolean {
  return new PackStore(db).openSessionAt(stationId)?.orderId === orderId;
}
