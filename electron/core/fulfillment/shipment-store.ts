import { LabelReason, LabelTodo } from '../../../shared/contract/label-reason';
import type { LabelState } from '../../../shared/contract/pack';
import type { Db } from '../db/database';

export type Flow = 'tiktok' | 'seller';
export type DocumentFormat = 'PNG' | 'PDF' | 'ZPL';

export interface Shipment {
  orderId: string;
  flow: Flow;
  labelState: LabelState;
  /** Why the label waits or failed, by code: the desk chooses the words. */
  reason: LabelReason | null;
  /** The one thing to do about it, by code. */
  todo: LabelTodo | null;
  /** False while the label was fetched ahead of packing (fulfillment.prefetchLabels). */
  packed: boolean;
  carrier: string | null;
  shippingProviderId: string | null;
  trackingNumber: string | null;
  shipWriteId: number | null;
  documentPath: string | null;
  documentFormat: DocumentFormat | null;
  attempts: number;
  nextAttemptAt: number | null;
  collectedAt: number | null;
  updatedAt: number;
}

interface Row {
  order_id: string;
  flow: Flow;
  label_state: LabelState;
  reason: string | null;
  todo: string | null;
  packed: number;
  carrier: string | null;
  shipping_provider_id: string | null;
  tracking_number: string | null;
  ship_write_id: number | null;
  document_path: string | null;
  document_format: DocumentFormat | null;
  attempts: number;
  next_attempt_at: number | null;
  collected_at: number | null;
  updated_at: number;
}

/**
 * The reason and todo columns hold a code and its facts as JSON. A row written before they did holds English text:
 * it reads as no reason, and the desk shows the label's state alone.
 */
function coded<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  text: string | null,
): T | null {
  if (!text?.startsWith('{')) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const toShipment = (row: Row): Shipment => ({
  orderId: row.order_id,
  flow: row.flow,
  labelState: row.label_state,
  reason: coded(LabelReason, row.reason),
  todo: coded(LabelTodo, row.todo),
  packed: row.packed === 1,
  carrier: row.carrier,
  shippingProviderId: row.shipping_provider_id,
  trackingNumber: row.tracking_number,
  shipWriteId: row.ship_write_id,
  documentPath: row.document_path,
  documentFormat: row.document_format,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  collectedAt: row.collected_at,
  updatedAt: row.updated_at,
});

const COLUMNS: Record<keyof Omit<Shipment, 'orderId' | 'updatedAt'>, string> = {
  flow: 'flow',
  labelState: 'label_state',
  reason: 'reason',
  todo: 'todo',
  packed: 'packed',
  carrier: 'carrier',
  shippingProviderId: 'shipping_provider_id',
  trackingNumber: 'tracking_number',
  shipWriteId: 'ship_write_id',
  documentPath: 'document_path',
  documentFormat: 'document_format',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  collectedAt: 'collected_at',
};

export type ShipmentPatch = Partial<Omit<Shipment, 'orderId' | 'updatedAt'>>;

/** TikTok-shipped parcels whose label is still to come: their ship write is queued, or TikTok is being waited for. */
const AWAITING_LABEL = `flow = 'tiktok' AND label_state IN ('ship_queued', 'waiting_tiktok')`;

/** The shipments table: the only place that knows its SQL. */
export class ShipmentStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  get(orderId: string): Shipment | null {
    const row = this.db.prepare('SELECT * FROM shipments WHERE order_id = ?').get(orderId) as Row | undefined;
    return row ? toShipment(row) : null;
  }

  create(orderId: string, flow: Flow, patch: ShipmentPatch & { labelState: LabelState }): Shipment {
    this.db
      .prepare('INSERT INTO shipments (order_id, flow, label_state, updated_at) VALUES (?, ?, ?, ?)')
      .run(orderId, flow, patch.labelState, this.now());
    return this.update(orderId, patch);
  }

  update(orderId: string, patch: ShipmentPatch): Shipment {
    const keys = Object.keys(patch) as Array<keyof ShipmentPatch>;
    const values = keys.map((key) => {
      const value = patch[key];
      if (typeof value === 'boolean') return value ? 1 : 0;
      return value !== null && typeof value === 'object' ? JSON.stringify(value) : (value ?? null);
    });
    const set = [...keys.map((key) => `${COLUMNS[key]} = ?`), 'updated_at = ?'].join(', ');
    this.db.prepare(`UPDATE shipments SET ${set} WHERE order_id = ?`).run(...values, this.now(), orderId);
    return this.get(orderId)!;
  }

  /** Parcels whose TikTok label is to be fetched (or whose ship write is awaited), due now. */
  awaitingLabel(now: number, limit: number): Shipment[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM shipments WHERE ${AWAITING_LABEL} AND coalesce(next_attempt_at, 0) <= ? ORDER BY updated_at, order_id LIMIT ?`,
      )
      .all(now, limit) as Row[];
    return rows.map(toShipment);
  }

  /** When the earliest waiting parcel is due again, for the fetcher's timer. */
  nextWake(): number | null {
    return (
      this.db
        .prepare(`SELECT min(coalesce(next_attempt_at, 0)) AS at FROM shipments WHERE ${AWAITING_LABEL}`)
        .get() as { at: number | null }
    ).at;
  }

  /** Shipments arranged ahead of packing that are still waiting for their order to be packed. */
  prefetchedCount(): number {
    return (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM shipments WHERE packed = 0 AND flow = 'tiktok' AND label_state NOT IN ('failed', 'cancelled')`,
        )
        .get() as { n: number }
    ).n;
  }

  /** Shipments whose ship write, or the ship write of one of their split parcels, is one of these outbox rows. */
  byShipWrites(writeIds: readonly number[]): Shipment[] {
    if (writeIds.length === 0) return [];
    const ids = writeIds.map(() => '?').join(', ');
    const rows = this.db
      .prepare(
        `SELECT * FROM shipments WHERE ship_write_id IN (${ids})
           OR order_id IN (SELECT order_id FROM split_parcels WHERE ship_write_id IN (${ids}))`,
      )
      .all(...writeIds, ...writeIds) as Row[];
    return rows.map(toShipment);
  }

  /** The collection of a parcel, confirmed by the carrier's scan (FULFILLING or a tracking event). */
  markCollected(orderId: string, at: number): void {
    this.db
      .prepare('UPDATE shipments SET collected_at = coalesce(collected_at, ?), updated_at = ? WHERE order_id = ?')
      .run(at, this.now(), orderId);
  }

  /**
   * The next TikTok-shipped orders of the pack queue (earliest pack-by first) with nothing arranged yet: the ones
   * whose shipment and label are fetched ahead of packing.
   */
  nextToPrefetch(limit: number): string[] {
    if (limit <= 0) return [];
    const rows = this.db
      .prepare(
        `SELECT o.id FROM orders o
         WHERE o.station_state = 'queued' AND o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT'
           AND EXISTS (SELECT 1 FROM packages p WHERE p.order_id = o.id)
           AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id)
         ORDER BY o.pack_by IS NULL, o.pack_by, o.id LIMIT ?`,
      )
      .all(limit) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Packed parcels whose label is ready and not yet printing (the station stopped in between). */
  readyPacked(): string[] {
    return (
      this.db
        .prepare("SELECT order_id FROM shipments WHERE label_state = 'ready' AND packed = 1 ORDER BY updated_at")
        .all() as Array<{ order_id: string }>
    ).map((row) => row.order_id);
  }

  /** Parcels waiting for their ship write are looked at now (the sync worker's state changed). */
  expediteShipWaits(): void {
    this.db.prepare(`UPDATE shipments SET next_attempt_at = NULL WHERE ${AWAITING_LABEL} AND attempts = 0`).run();
  }
}
