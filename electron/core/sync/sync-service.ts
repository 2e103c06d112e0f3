import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import type { AuditEntry } from '../audit';
import type { TikTokShopClient } from '../marketplace';
import type { MarketplaceWriter } from './marketplace-writer';
import type { SyncWorkerOptions } from './sync-options';
import { SyncWorker } from './sync-worker';
import { TikTokWriter } from './tiktok-writer';

export interface SyncServiceDeps {
  db: Db;
  bus: EventBus;
  now: () => number;
  audit(entry: AuditEntry): void;
  onClose(stop: () => void | Promise<void>): void;
  /** Hears, inside the transaction that settles it, every write that took effect upstream. */
  applied?: SyncWorkerOptions['applied'];
}

/**
 * The station's sync worker against the marketplace client, started at once and stopped with the station; its
 * status, alerts and settled writes go out as events to every screen.
 */
export function startSync(deps: SyncServiceDeps, client: TikTokShopClient, writer?: MarketplaceWriter): SyncWorker {
  const sync = new SyncWorker({
    db: deps.db,
    // A desk joined to a warehouse hub hands its writes to the hub instead (electron/core/hub-link).
    writer: writer ?? new TikTokWriter(client, deps.db, 50, deps.now),
    now: deps.now,
    ...(deps.applied ? { applied: deps.applied } : {}),
    audit: (entry) => deps.audit(entry),
    events: {
      status: (status) => deps.bus.emit('sync.status', status),
      alert: (alert) => deps.bus.emit('sync.alert', alert),
      changed: (payload) => deps.bus.emit('sync.changed', payload),
    },
  });
  sync.start();
  deps.onClose(() => sync.stop());
  return sync;
}
