import type { HoldReason } from '../../../shared/domain/scan/commands';
import type { EntrySource } from '../../../shared/domain/scan/entry';
import { storedSpellings, type ScannedCode } from '../../../shared/domain/scan/normalize';
import { emptyProgress, PackProgress, type VerdictKind } from '../../../shared/domain/scan/verification';
import type { PackHold, PackQueueItem, SessionState } from '../../../shared/contract/pack';
import type { Service } from '../../../shared/domain/orders/order';
import { findOrderByTracking } from '../carriers';
import type { Db } from '../db/database';

export interface SessionRow {
  id: number;
  orderId: string;
  stationId: string;
  userId: number | null;
  state: SessionState;
  openedAt: number;
  closedAt: number | null;
  progress: PackProgress;
}

interface RawSession {
  id: number;
  order_id: string;
  station_id: string;
  user_id: number | null;
  state: SessionState;
  opened_at: number;
  closed_at: number | null;
  progress: string;
}

export interface OrderGate {
  id: string;
  status: string;
  stationState: string;
  openAtStation: string | null;
  holdReason: string | null;
}

export interface ScanEvent {
  at: number;
  stationId: string;
  userId: number | null;
  orderId: string | null;
  sessionId: number | null;
  source: EntrySource;
  code: string;
  verdict: VerdictKind;
  lineKey?: string | null;
  amount?: number | null;
}

function toSession(row: RawSession | undefined): SessionRow | null {
  if (!row) return null;
  const parsed = PackProgress.safeParse(JSON.parse(row.progress));
  return {
    id: row.id,
    orderId: row.order_id,
    stationId: row.station_id,
    userId: row.user_id,
    state: row.state,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    // A snapshot this version cannot read is not a reason to lose the order: it restarts at zero, scans stay recorded.
    progress: parsed.success ? parsed.data : emptyProgress(),
  };
}

/** SQL of the pack screen: sessions, scan events, holds, overrides, serials, barcode look-ups. */
export class PackStore {
  constructor(private readonly db: Db) {}

  openSessionAt(stationId: string): SessionRow | null {
    return toSession(
      this.db
        .prepare("SELECT * FROM pack_sessions WHERE station_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1")
        .get(stationId) as RawSession | undefined,
    );
  }

  /** The order this desk finished last: what PRINT and a re-scan after completion refer to. */
  lastClosedAt(stationId: string): SessionRow | null {
    return toSession(
      this.db
        .prepare(
          "SELECT * FROM pack_sessions WHERE station_id = ? AND state IN ('completed', 'overridden') ORDER BY closed_at DESC, id DESC LIMIT 1",
        )
        .get(stationId) as RawSession | undefined,
    );
  }

  session(id: number): SessionRow | null {
    return toSession(this.db.prepare('SELECT * FROM pack_sessions WHERE id = ?').get(id) as RawSession | undefined);
  }

  createSession(orderId: string, stationId: string, userId: number, at: number): SessionRow {
    const info = this.db
      .prepare(
        "INSERT INTO pack_sessions (order_id, station_id, user_id, state, opened_at, progress) VALUES (?, ?, ?, 'open', ?, ?)",
      )
      .run(orderId, stationId, userId, at, JSON.stringify(emptyProgress()));
    return this.session(Number(info.lastInsertRowid))!;
  }

  saveProgress(sessionId: number, progress: PackProgress): void {
    this.db.prepare('UPDATE pack_sessions SET progress = ? WHERE id = ?').run(JSON.stringify(progress), sessionId);
  }

  closeSession(sessionId: number, state: Exclude<SessionState, 'open'>, at: number): void {
    this.db.prepare('UPDATE pack_sessions SET state = ?, closed_at = ? WHERE id = ?').run(state, at, sessionId);
  }

  recordScan(event: ScanEvent): void {
    this.db
      .prepare(
        `INSERT INTO scan_events (at, station_id, user_id, order_id, session_id, source, code, verdict, line_key, amount)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        event.at,
        event.stationId,
        event.userId,
        event.orderId,
        event.sessionId,
        event.source,
        event.code,
        event.verdict,
        event.lineKey ?? null,
        event.amount ?? null,
      );
  }

  orderGate(orderId: string): OrderGate | null {
    const row = this.db
      .prepare('SELECT id, status, station_state, open_at_station, hold_reason FROM orders WHERE id = ?')
      .get(orderId) as
      | {
          id: string;
          status: string;
          station_state: string;
          open_at_station: string | null;
          hold_reason: string | null;
        }
      | undefined;
    return row
      ? {
          id: row.id,
          status: row.status,
          stationState: row.station_state,
          openAtStation: row.open_at_station,
          holdReason: row.hold_reason,
        }
      : null;
  }

  /** The order a scanned order number, packing-slip barcode (package id) or tracking number stands for. */
  findOrderByCode(code: ScannedCode): string | null {
    const spellings = [...new Set([code.text, code.text.toUpperCase()])];
    const marks = spellings.map(() => '?').join(', ');
    const row = this.db
      .prepare(
        `SELECT id FROM orders WHERE id IN (${marks})
         UNION ALL SELECT order_id FROM packages WHERE id IN (${marks}) OR tracking_number IN (${marks})
         LIMIT 1`,
      )
      .get(...spellings, ...spellings, ...spellings) as { id: string } | undefined;
    // A tracking or waybill number as carriers print it (spaces, routing prefixes, check forms) finds its order too.
    return row?.id ?? findOrderByTracking(this.db, code.text)?.orderId ?? null;
  }

  /** Codes in the barcode table for these SKUs (marketplace codes and supervisor aliases). */
  codesForSkus(skuIds: readonly string[]): Map<string, string[]> {
    const result = new Map<string, string[]>();
    if (skuIds.length === 0) return result;
    const rows = this.db
      .prepare(`SELECT sku_id, code FROM sku_barcodes WHERE sku_id IN (${skuIds.map(() => '?').join(', ')})`)
      .all(...skuIds) as Array<{ sku_id: string; code: string }>;
    for (const row of rows) result.set(row.sku_id, [...(result.get(row.sku_id) ?? []), row.code]);
    return result;
  }

  /** Every code isKnownCode() answers yes for, as stored: what the pack screen judges wrong items by. */
  knownCodes(): string[] {
    return this.db
      .prepare("SELECT code FROM sku_barcodes UNION SELECT seller_sku FROM order_lines WHERE seller_sku != ''")
      .pluck()
      .all() as string[];
  }

  /** Does the code belong to some product this station knows (barcode table or any order's seller SKU)? */
  isKnownCode(code: ScannedCode): boolean {
    const spellings = storedSpellings(code);
    const marks = spellings.map(() => '?').join(', ');
    const row = this.db
      .prepare(
        `SELECT 1 FROM sku_barcodes WHERE code IN (${marks})
         UNION ALL SELECT 1 FROM order_lines WHERE seller_sku IN (${marks}) LIMIT 1`,
      )
      .get(...spellings, ...spellings);
    return row !== undefined;
  }

  hold(orderId: string, stationId: string, userId: number, reason: HoldReason, note: string, at: number): void {
    this.db
      .prepare(
        'INSERT INTO pack_holds (order_id, station_id, held_by, reason, note, held_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(orderId, stationId, userId, reason, note, at);
  }

  /** Closes the order's open hold; false when it has none. */
  release(orderId: string, supervisorId: number, note: string, at: number): boolean {
    const info = this.db
      .prepare(
        'UPDATE pack_holds SET released_at = ?, released_by = ?, release_note = ? WHERE order_id = ? AND released_at IS NULL',
      )
      .run(at, supervisorId, note, orderId);
    return info.changes > 0;
  }

  recordOverride(entry: {
    orderId: string;
    sessionId: number;
    stationId: string;
    packerId: number;
    supervisorId: number;
    reason: string;
    unverified: unknown;
    at: number;
  }): void {
    this.db
      .prepare(
        'INSERT INTO pack_overrides (order_id, session_id, station_id, packer_id, supervisor_id, reason, unverified, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.orderId,
        entry.sessionId,
        entry.stationId,
        entry.packerId,
        entry.supervisorId,
        entry.reason,
        JSON.stringify(entry.unverified),
        entry.at,
      );
  }

  addSerial(sessionId: number, orderId: string, skuId: string, serial: string, userId: number, at: number): void {
    this.db
      .prepare('INSERT INTO pack_serials (session_id, order_id, sku_id, serial, at, user_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sessionId, orderId, skuId, serial, at, userId);
  }

  removeSerial(sessionId: number, skuId: string, serial: string): void {
    this.db
      .prepare('DELETE FROM pack_serials WHERE session_id = ? AND sku_id = ? AND serial = ?')
      .run(sessionId, skuId, serial);
  }

  queue(filter: { carrier?: string | undefined; service?: Service | undefined }, limit = 500): PackQueueItem[] {
    const rows = this.db
      .prepare(
        `SELECT o.id, o.pack_by, o.carrier, o.service, o.buyer_message, o.open_at_station,
           (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS units,
           (SELECT count(DISTINCT sku_id) FROM order_lines l WHERE l.order_id = o.id) AS skus,
           (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.is_gift = 1) AS gifts
         FROM orders o
         WHERE o.station_state IN ('queued', 'packing') AND o.status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')
           AND (@carrier IS NULL OR o.carrier = @carrier) AND (@service IS NULL OR o.service = @service)
         ORDER BY o.pack_by IS NULL, o.pack_by, o.paid_at, o.id LIMIT @limit`,
      )
      .all({ carrier: filter.carrier ?? null, service: filter.service ?? null, limit }) as Array<{
      id: string;
      pack_by: number | null;
      carrier: string | null;
      service: Service;
      buyer_message: string;
      open_at_station: string | null;
      units: number;
      skus: number;
      gifts: number;
    }>;
    return rows.map((row) => ({
      id: row.id,
      packBy: row.pack_by,
      carrier: row.carrier,
      service: row.service,
      units: row.units,
      skus: row.skus,
      hasBuyerMessage: row.buyer_message.trim().length > 0,
      hasGift: row.gifts > 0,
      openAtStation: row.open_at_station,
    }));
  }

  queueCarriers(): string[] {
    const rows = this.db
      .prepare(
        "SELECT DISTINCT carrier FROM orders WHERE station_state IN ('queued', 'packing') AND carrier IS NOT NULL ORDER BY carrier",
      )
      .all() as Array<{ carrier: string }>;
    return rows.map((row) => row.carrier);
  }

  openHolds(): PackHold[] {
    const rows = this.db
      .prepare(
        `SELECT h.order_id, h.reason, h.note, h.held_at, u.name AS held_by, h.station_id, o.pack_by
         FROM pack_holds h JOIN orders o ON o.id = h.order_id LEFT JOIN users u ON u.id = h.held_by
         WHERE h.released_at IS NULL ORDER BY o.pack_by IS NULL, o.pack_by, h.held_at`,
      )
      .all() as Array<{
      order_id: string;
      reason: HoldReason;
      note: string;
      held_at: number;
      held_by: string | null;
      station_id: string;
      pack_by: number | null;
    }>;
    return rows.map((row) => ({
      orderId: row.order_id,
      reason: row.reason,
      note: row.note,
      heldAt: row.held_at,
      heldBy: row.held_by,
      stationId: row.station_id,
      packBy: row.pack_by,
    }));
  }
}
