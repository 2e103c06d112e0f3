import { type SessionUser } from '../../../shared/contract';
import type { OutboxRow } from '../../../shared/contract/sync';
import type { OrderStore } from '../orders';
import type { OutboxStore } from '../outbox';
import { PickupStore } from '../pickups';
import { type PrintingService, TrackingStore } from '../printing';
import type { FulfillmentDeps } from './fulfillment';
import type { Shipment, ShipmentStore } from './shipment-store';
import type { SplitParcelStore } from './split-parcels';
import type { AuditEntry } from '../audit';
import { InvalidRequest } from '../errors/domain-errors';

/** TikTok's answer when another package already uses the tracking number: the parcel needs another one. */
const TRACKING_IN_USE = '21011025';

export interface RefusedWritesContext {
  deps: FulfillmentDeps;
  outbox: OutboxStore;
  orders: OrderStore;
  shipments: ShipmentStore;
  splits: SplitParcelStore;
  /** Null until printing started: it is built after fulfillment. */
  printing: () => PrintingService | null;
  announce(orderId: string): void;
}

/**
 * A ship write TikTok refused: the desk told what the parcel needs, and what a person does about it (the parcel
 * pulled, or the write sent again fixed).
 */
export class RefusedWrites {
  constructor(private readonly ctx: RefusedWritesContext) {}

  /**
   * The marketplace cancelled the order after its parcel was packed (the ship write failed with void-and-pull): the
   * write and the later writes of its parcel are dropped, every printed label voided, the parcel taken out of its
   * pickup and the order cancelled here, in one transaction; screens hear of it after the commit.
   */
  voidAndPull(row: OutboxRow, reason: string, user: SessionUser | null): void {
    const { orderId, packageId } = row.write;
    const voided = this.ctx.deps.db.transaction(() => {
      this.ctx.outbox.cancel(row.id);
      for (const later of this.ctx.outbox.list({ states: ['pending', 'failed'], orderId, limit: 1000 }))
        if (later.write.packageId === packageId) this.ctx.outbox.cancel(later.id);
      const printing = this.ctx.printing();
      const printed = (printing?.jobs.list({ orderId, limit: 100 }) ?? []).filter(
        (job) => job.state === 'done' && (job.kind === 'label' || job.kind === 'reprint'),
      );
      const jobs = printed.map((job) => printing!.recordVoid(job.id, `marketplace refused: ${reason}`, user));
      new PickupStore(this.ctx.deps.db, this.ctx.deps.now).releaseParcel(packageId);
      this.ctx.orders.cancelAtStation(orderId, reason);
      if (this.ctx.shipments.get(orderId))
        this.ctx.shipments.update(orderId, {
          labelState: 'cancelled',
          reason: { code: 'parcel_refused' },
          todo: { code: 'take_out' },
          nextAttemptAt: null,
        });
      this.ctx.deps.audit({
        action: 'sync.voidAndPull',
        userId: user?.id ?? null,
        orderId,
        details: { rowId: row.id, packageId, reason },
      });
      return jobs;
    })();
    for (const job of voided) this.ctx.printing()?.announceVoid(job);
    this.ctx.announce(orderId);
    this.ctx.deps.bus.emit('pickups.changed', { pickupId: null });
  }

  /**
   * A corrected (or, after 21011025, another) tracking number for a refused seller ship write: the write goes again
   * with it, and the parcel keeps it, in one transaction.
   */
  fixTracking(
    row: OutboxRow,
    trackingNumber: string,
    shippingProviderId: string | undefined,
    user: SessionUser | null,
  ): void {
    const write = row.write;
    if (write.kind !== 'ship.seller' && write.kind !== 'ship.mark' && write.kind !== 'tracking.update') {
      throw new InvalidRequest(`Write ${row.id} (${write.kind}) carries no tracking number.`);
    }
    const fixed = { ...write, trackingNumber, shippingProviderId: shippingProviderId ?? write.shippingProviderId };
    this.ctx.deps.db.transaction(() => {
      requeueWithTracking(this.ctx.outbox, this.ctx.deps.audit, row, fixed, user);
      if (write.kind !== 'ship.mark')
        new TrackingStore(this.ctx.deps.db).store(
          write.orderId,
          write.packageId,
          trackingNumber,
          null,
          fixed.shippingProviderId,
        );
      // A split order's other parcel keeps its own number; the first package's is the shipment's.
      const split = this.ctx.splits.of(write.orderId).some((parcel) => parcel.packageId === write.packageId);
      if (split) this.ctx.splits.setTracking(write.orderId, write.packageId, trackingNumber);
      if (this.ctx.shipments.get(write.orderId)) {
        this.ctx.shipments.update(write.orderId, {
          ...(split ? {} : { trackingNumber, shippingProviderId: fixed.shippingProviderId }),
          labelState: 'printed',
          reason: null,
          todo: null,
        });
      }
    })();
    this.ctx.announce(write.orderId);
  }

  /** TikTok refused a seller parcel's tracking number: the desk is asked for another (or the right) one. */
  sellerWriteSettled(shipment: Shipment, row: OutboxRow): void {
    if (row.state !== 'failed') return;
    const number = 'trackingNumber' in row.write ? row.write.trackingNumber : '';
    if (row.action === 'fix_tracking') {
      this.ctx.shipments.update(shipment.orderId, {
        labelState: 'scan_tracking',
        reason: {
          code: row.errorCode === TRACKING_IN_USE ? 'tracking_in_use' : 'tracking_refused',
          trackingNumber: number,
        },
        todo: { code: 'another_tracking' },
      });
    } else if (row.action === 'void_and_pull') {
      this.ctx.shipments.update(shipment.orderId, {
        labelState: 'cancelled',
        reason: { code: 'order_cancelled' },
        todo: { code: 'take_out' },
      });
    } else {
      this.ctx.shipments.update(shipment.orderId, {
        labelState: 'failed',
        reason: { code: 'ship_refused' },
        todo: { code: 'resolve_ship_write' },
      });
    }
    this.ctx.announce(shipment.orderId);
  }
}

/**
 * A refused seller ship write goes again with another tracking number (and provider), inside the caller's
 * transaction; the audit log keeps which number it replaced.
 */
export function requeueWithTracking(
  outbox: OutboxStore,
  audit: (entry: AuditEntry) => void,
  row: OutboxRow,
  fixed: OutboxRow['write'] & { trackingNumber: string; shippingProviderId: string },
  user: SessionUser | null,
): void {
  outbox.requeue(row.id, JSON.stringify(fixed));
  audit({
    action: 'sync.fixTracking',
    userId: user?.id ?? null,
    orderId: fixed.orderId,
    details: {
      rowId: row.id,
      from: 'trackingNumber' in row.write ? row.write.trackingNumber : null,
      to: fixed.trackingNumber,
      shippingProviderId: fixed.shippingProviderId,
    },
  });
}
