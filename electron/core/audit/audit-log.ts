import type { Db } from '../db/database';

export interface AuditEntry {
  action: string;
  userId: number | null;
  orderId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one audit row; call it inside the transaction of the change it records so both land or neither does. */
export function recordAudit(db: Db, stationId: string, at: number, entry: AuditEntry): void {
  db.prepare(
    'INSERT INTO audit_log (at, station_id, user_id, action, order_id, details) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(at, stationId, entry.userId, entry.action, entry.orderId ?? null, JSON.stringify(entry.details ?? {}));
}
