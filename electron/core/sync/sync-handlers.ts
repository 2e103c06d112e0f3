import type { OutboxRow, syncCalls } from '../../../shared/contract/sync';
import type { HandlersFor } from '../contract/dispatch';
import { OutboxStore } from '../outbox';
import type { StationServices } from '../station/services';
import { Conflict, NotFound } from '../errors/domain-errors';

/**
 * Sync status, the outbox list and history, and the actions a person takes on a write the marketplace refused (the
 * parcel's workflow carries out fixing a tracking number and voiding a parcel: they touch its label and pickup too).
 */
export function syncHandlers(
  svc: Pick<StationServices, 'audit' | 'bus' | 'db' | 'fulfillment' | 'now' | 'sync'>,
): HandlersFor<typeof syncCalls> {
  const store = new OutboxStore(svc.db, svc.now);
  const failedRow = (rowId: number): OutboxRow => {
    const row = store.get(rowId);
    if (!row) throw new NotFound(`There is no queued write ${rowId}.`);
    if (row.state !== 'failed')
      throw new Conflict(`Write ${rowId} is ${row.state}; only a failed write can be retried, fixed or dropped.`);
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
        svc.audit({
          action: 'sync.retry',
          userId: ctx.user?.id ?? null,
          orderId: row.write.orderId,
          details: { rowId, kind: row.write.kind },
        });
      })();
      return settled(rowId);
    },
    'sync.fixTracking': ({ rowId, trackingNumber, shippingProviderId }, ctx) => {
      svc.fulfillment.fixTracking(failedRow(rowId), trackingNumber, shippingProviderId, ctx.user);
      return settled(rowId);
    },
    'sync.voidAndPull': ({ rowId, reason }, ctx) => {
      svc.fulfillment.voidAndPull(failedRow(rowId), reason, ctx.user);
      return settled(rowId);
    },
  };
}
