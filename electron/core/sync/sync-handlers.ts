import { ContractError } from '../../../shared/contract';
import type { OutboxRow, syncCalls } from '../../../shared/contract/sync';
import type { HandlersFor } from '../contract/dispatch';
import { OutboxStore } from '../outbox/outbox-store';
import type { StationServices } from '../station/services';

/** Sync status, the outbox list and history, and the actions a person takes on a write the marketplace refused. */
export function syncHandlers(svc: StationServices): HandlersFor<typeof syncCalls> {
  const store = new OutboxStore(svc.db, svc.now);
  const failedRow = (rowId: number): OutboxRow => {
    const row = store.get(rowId);
    if (!row) throw new ContractError('not_found', `There is no queued write ${rowId}.`);
    if (row.state !== 'failed') throw new ContractError('conflict', `Write ${rowId} is ${row.state}; only a failed write can be retried, fixed or dropped.`);
    return row;
  };
  const settled = (rowId: number): OutboxRow => {
    svc.bus.emit('sync.changed', { rowIds: [rowId] });
    svc.sync.kick();
    svc.bus.emit('sync.status', svc.sync.status());
    return store.get(rowId)!;
  };

  return {
    'sync.status': () => svc.sync.status(),
    'sync.list': ({ states, orderId, limit }) => store.list({ states, orderId, limit }),
    'sync.history': ({ rowId }) => store.history(rowId),
    'sync.now': () => svc.sync.syncNow(),
    'sync.retry': ({ rowId }, ctx) => {
      const row = failedRow(rowId);
      svc.db.transaction(() => {
        store.requeue(rowId);
        svc.audit({ action: 'sync.retry', userId: ctx.user?.id ?? null, orderId: row.write.orderId, details: { rowId, kind: row.write.kind } });
      })();
      return settled(rowId);
    },
    'sync.fixTracking': ({ rowId, trackingNumber, shippingProviderId }, ctx) => {
      const row = failedRow(rowId);
      const write = row.write;
      if (write.kind !== 'ship.seller' && write.kind !== 'tracking.update') {
        throw new ContractError('invalid_input', `Write ${rowId} (${write.kind}) carries no tracking number.`);
      }
      const fixed = { ...write, trackingNumber, shippingProviderId: shippingProviderId ?? write.shippingProviderId };
      svc.db.transaction(() => {
        store.requeue(rowId, JSON.stringify(fixed));
        svc.db
          .prepare('UPDATE packages SET tracking_number = ?, shipping_provider_id = ? WHERE id = ?')
          .run(fixed.trackingNumber, fixed.shippingProviderId, write.packageId);
        svc.audit({
          action: 'sync.fixTracking',
          userId: ctx.user?.id ?? null,
          orderId: write.orderId,
          details: { rowId, from: write.trackingNumber, to: fixed.trackingNumber, shippingProviderId: fixed.shippingProviderId },
        });
      })();
      return settled(rowId);
    },
    'sync.voidAndPull': ({ rowId, reason }, ctx) => {
      const row = failedRow(rowId);
      svc.db.transaction(() => {
        store.cancel(rowId);
        // Later writes of the same package (handover, tracking) can no longer apply either.
        for (const later of store.list({ states: ['pending', 'failed'], orderId: row.write.orderId, limit: 1000 })) {
          if (later.write.packageId === row.write.packageId) store.cancel(later.id);
        }
        // Its label must not be used: every printed label of the order is voided through the printing subsystem.
        const labels = svc.db
          .prepare(`SELECT id FROM print_jobs WHERE order_id = ? AND state = 'done' AND kind IN ('label', 'reprint')`)
          .all(row.write.orderId) as Array<{ id: number }>;
        for (const label of labels) svc.printing.void(label.id, `marketplace refused: ${reason}`, ctx.user);
        // The parcel must not leave with a driver: out of every pickup not yet handed over.
        svc.db
          .prepare(`DELETE FROM pickup_parcels WHERE package_id = ? AND pickup_id IN (SELECT id FROM pickups WHERE state != 'closed')`)
          .run(row.write.packageId);
        svc.db.prepare(`UPDATE orders SET station_state = 'cancelled', hold_reason = ? WHERE id = ? AND station_state != 'handed_over'`).run(reason, row.write.orderId);
        svc.audit({ action: 'sync.voidAndPull', userId: ctx.user?.id ?? null, orderId: row.write.orderId, details: { rowId, packageId: row.write.packageId, reason } });
      })();
      return settled(rowId);
    },
  };
}
