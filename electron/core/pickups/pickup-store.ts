import type { CarrierGroup, Parcel, Pickup } from '../../../shared/contract/pickups';
import type { HandoverMethod, PickupSlot } from '../../../shared/contract/sync';
import type { Db } from '../db/database';
import { NotFound } from '../errors/domain-errors';

/** The marketplace's rule: a paid parcel must be with the carrier within 72 hours. */
export const HANDOVER_WITHIN_MS = 72 * 3_600_000;

interface ParcelRow {
  package_id: string;
  order_id: string;
  tracking_number: string | null;
  carrier: string;
  shipping_type: 'TIKTOK' | 'SELLER';
  station_state: string;
  paid_at: number | null;
  handover_by: number | null;
  handed_over_at: number | null;
  collected_at: number | null;
}

interface PickupRow {
  id: number;
  carrier: string;
  shipping_type: 'TIKTOK' | 'SELLER';
  state: 'open' | 'booked' | 'closed';
  handover_method: HandoverMethod | null;
  slot_start: number | null;
  slot_end: number | null;
  ready_at: number | null;
  close_at: number | null;
  parcel_count: number | null;
  total_weight_g: number | null;
  confirmation_number: string | null;
  created_at: number;
  closed_at: number | null;
}

/** Parcel columns: the carrier is the package's provider, else the order's carrier. */
const PARCEL_SELECT = `
  SELECT p.id AS package_id, o.id AS order_id, p.tracking_number,
         coalesce(p.shipping_provider_name, o.carrier, o.delivery_option_name, 'Unassigned') AS carrier,
         o.shipping_type, o.station_state, o.paid_at, o.handover_by, o.handed_over_at,
         (SELECT s.collected_at FROM shipments s WHERE s.order_id = o.id) AS collected_at
  FROM packages p JOIN orders o ON o.id = p.order_id`;

/** Packed or labelled, not handed over, not cancelled: what waits for a carrier. */
const WAITING = `o.station_state IN ('packed', 'labelled')`;

function lateAt(paidAt: number | null, handoverBy: number | null): number | null {
  const byRule = paidAt === null ? null : paidAt + HANDOVER_WITHIN_MS;
  if (byRule === null) return handoverBy;
  return handoverBy === null ? byRule : Math.min(byRule, handoverBy);
}

function toParcel(row: ParcelRow, now: number): Parcel {
  const due = lateAt(row.paid_at, row.handover_by);
  return {
    packageId: row.package_id,
    orderId: row.order_id,
    trackingNumber: row.tracking_number,
    carrier: row.carrier,
    shippingType: row.shipping_type,
    stationState: row.station_state,
    paidAt: row.paid_at,
    lateAt: due,
    late: row.handed_over_at === null && due !== null && now > due,
    handedOverAt: row.handed_over_at,
    collectedAt: row.collected_at,
  };
}

/** Carrier pickups: which packed parcels go with which driver, booked how. */
export class PickupStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Waiting parcels not in any pickup that is still open or booked, grouped by carrier and shipping type. */
  unassigned(): CarrierGroup[] {
    const rows = this.db
      .prepare(
        `${PARCEL_SELECT}
         WHERE ${WAITING} AND NOT EXISTS (
           SELECT 1 FROM pickup_parcels pp JOIN pickups k ON k.id = pp.pickup_id WHERE pp.package_id = p.id AND k.state != 'closed')
         ORDER BY carrier, o.paid_at, p.id`,
      )
      .all() as ParcelRow[];
    const groups = new Map<string, CarrierGroup>();
    for (const row of rows) {
      const key = `${row.carrier}|${row.shipping_type}`;
      if (!groups.has(key)) groups.set(key, { carrier: row.carrier, shippingType: row.shipping_type, parcels: [] });
      groups.get(key)!.parcels.push(toParcel(row, this.now()));
    }
    return [...groups.values()];
  }

  /** Every waiting parcel already late, wherever it is. */
  late(): Parcel[] {
    const now = this.now();
    return (this.db.prepare(`${PARCEL_SELECT} WHERE ${WAITING} ORDER BY o.paid_at`).all() as ParcelRow[])
      .map((row) => toParcel(row, now))
      .filter((parcel) => parcel.late);
  }

  parcels(pickupId: number): Parcel[] {
    const now = this.now();
    return (
      this.db
        .prepare(
          `${PARCEL_SELECT} JOIN pickup_parcels pp ON pp.package_id = p.id WHERE pp.pickup_id = ? ORDER BY pp.added_at, p.id`,
        )
        .all(pickupId) as ParcelRow[]
    ).map((row) => toParcel(row, now));
  }

  get(id: number): Pickup | null {
    const row = this.db.prepare('SELECT * FROM pickups WHERE id = ?').get(id) as PickupRow | undefined;
    return row ? this.hydrate(row) : null;
  }

  require(id: number): Pickup {
    const pickup = this.get(id);
    if (!pickup) throw new NotFound(`There is no pickup ${id}.`);
    return pickup;
  }

  /** Open and booked pickups, then those closed in the last day. */
  current(): Pickup[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM pickups WHERE state != 'closed' OR closed_at > ? ORDER BY state = 'closed', created_at DESC, id DESC`,
      )
      .all(this.now() - 86_400_000) as PickupRow[];
    return rows.map((row) => this.hydrate(row));
  }

  /**
   * Puts the carrier's unassigned parcels into its open pickup, creating one when there is none. Run inside a
   * transaction by the caller. Returns the pickup id.
   */
  gather(carrier: string, shippingType: 'TIKTOK' | 'SELLER', userId: number | null): number {
    const group = this.unassigned().find((g) => g.carrier === carrier && g.shippingType === shippingType);
    let row = this.db
      .prepare(`SELECT id FROM pickups WHERE carrier = ? AND shipping_type = ? AND state = 'open' ORDER BY id DESC`)
      .get(carrier, shippingType) as { id: number } | undefined;
    if (!row) {
      if (!group) throw new NotFound(`No packed ${carrier} parcel is waiting for a pickup.`);
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO pickups (carrier, shipping_type, created_at, created_by) VALUES (?, ?, ?, ?)')
        .run(carrier, shippingType, this.now(), userId);
      row = { id: Number(lastInsertRowid) };
    }
    const add = this.db.prepare(
      'INSERT OR IGNORE INTO pickup_parcels (pickup_id, package_id, order_id, added_at) VALUES (?, ?, ?, ?)',
    );
    for (const parcel of group?.parcels ?? []) add.run(row.id, parcel.packageId, parcel.orderId, this.now());
    return row.id;
  }

  markBooked(id: number, method: HandoverMethod, slot: PickupSlot | null): void {
    this.db
      .prepare(
        `UPDATE pickups SET state = 'booked', handover_method = ?, slot_start = ?, slot_end = ?, booked_at = ? WHERE id = ?`,
      )
      .run(method, slot?.start ?? null, slot?.end ?? null, this.now(), id);
  }

  recordCarrierPickup(
    id: number,
    record: { readyAt: number; closeAt: number; totalWeightG: number; confirmationNumber: string },
  ): void {
    const count = this.parcels(id).length;
    this.db
      .prepare(
        `UPDATE pickups SET state = 'booked', ready_at = ?, close_at = ?, parcel_count = ?, total_weight_g = ?, confirmation_number = ?, booked_at = ?
         WHERE id = ?`,
      )
      .run(record.readyAt, record.closeAt, count, record.totalWeightG, record.confirmationNumber, this.now(), id);
  }

  /** A parcel that must not leave (its order was cancelled upstream) comes out of every pickup not yet handed over. */
  releaseParcel(packageId: string): void {
    this.db
      .prepare(
        `DELETE FROM pickup_parcels WHERE package_id = ? AND pickup_id IN (SELECT id FROM pickups WHERE state != 'closed')`,
      )
      .run(packageId);
  }

  /**
   * Handed over. Parcels of the pickup that were not scanned stay linked to it (the manifest shows them missing)
   * and, the pickup being closed, wait as unassigned parcels for the carrier's next pickup.
   */
  close(id: number, parcelCount: number): void {
    this.db
      .prepare(`UPDATE pickups SET state = 'closed', closed_at = ?, parcel_count = ? WHERE id = ?`)
      .run(this.now(), parcelCount, id);
  }

  private hydrate(row: PickupRow): Pickup {
    const manifest = this.db.prepare(`SELECT id FROM manifests WHERE pickup_id = ? AND state = 'open'`).get(row.id) as
      | { id: number }
      | undefined;
    return {
      id: row.id,
      carrier: row.carrier,
      shippingType: row.shipping_type,
      state: row.state,
      handoverMethod: row.handover_method,
      slot: row.slot_start !== null && row.slot_end !== null ? { start: row.slot_start, end: row.slot_end } : null,
      readyAt: row.ready_at,
      closeAt: row.close_at,
      parcelCount: row.parcel_count,
      totalWeightG: row.total_weight_g,
      confirmationNumber: row.confirmation_number,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      parcels: this.parcels(row.id),
      openManifestId: manifest?.id ?? null,
    };
  }
}
