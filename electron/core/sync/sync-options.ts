import type { OutboxRow, SyncAlert, SyncStatus } from '../../../shared/contract/sync';
import type { AuditEntry } from '../audit';
import type { Db } from '../db/database';
import type { BackoffPolicy } from './backoff';
import type { MarketplaceWriter } from './marketplace-writer';

export interface SyncEvents {
  status(payload: SyncStatus): void;
  alert(payload: SyncAlert): void;
  changed(payload: { rowIds: number[] }): void;
}

/** What a write that took effect upstream brought back (Mark Package As Shipped: the package TikTok created). */
export interface AppliedDetail {
  packageId: string | null;
}

export interface SyncWorkerOptions {
  db: Db;
  writer: MarketplaceWriter;
  events?: Partial<SyncEvents>;
  /** Runs inside the transaction that marks a write done, so what it brought back is kept with it. */
  applied?: (row: OutboxRow, detail: AppliedDetail) => void;
  audit?: (entry: AuditEntry) => void;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Requests per second per API; TikTok's default limit is 50, stay under it. */
  ratePerSecond?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** How long to sleep when nothing is due (a queued write wakes the worker at once). */
  idleMs?: number;
  /** Longest wait between attempts while the marketplace cannot be reached, so a returning network is noticed soon. */
  offlineProbeCapMs?: number;
}
