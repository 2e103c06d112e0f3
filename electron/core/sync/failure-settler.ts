import type { FailureAction, OutboxRow } from '../../../shared/contract/sync';
import type { AttemptRecord, OutboxStore } from '../outbox';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { ConnectionState } from './connection-state';
import type { WriteFailure } from './marketplace-writer';
import type { RateLimiter } from './rate-limiter';
import type { SyncWorkerOptions } from './sync-options';

/** What the parts of one sync worker share: its outbox, what it knows of the connection, its rate limit and clock. */
export interface SyncShared {
  store: OutboxStore;
  connection: ConnectionState;
  limiter: RateLimiter;
  now: () => number;
  random: () => number;
  options: SyncWorkerOptions;
}

/** The refusals that end a write for good, and what the desk is asked to do about each. */
const PERMANENT_ACTION = {
  cancelled: 'void_and_pull',
  invalid_tracking: 'fix_tracking',
  // Another parcel uses the number (21011025): the error code tells the desk to take another one, not to correct it.
  tracking_in_use: 'fix_tracking',
  rejected: 'retry',
} as const satisfies Partial<Record<WriteFailure['kind'], FailureAction>>;

/**
 * Decides what a failed write means (TIKTOK-API.md's error table): done after all, failed for good with an alert,
 * or due again after a backoff; and what the failure says about the connection.
 */
export class FailureSettler {
  private readonly backoff: BackoffPolicy;
  private readonly offlineProbeCapMs: number;

  constructor(private readonly shared: SyncShared) {
    this.backoff = shared.options.backoff ?? DEFAULT_BACKOFF;
    this.offlineProbeCapMs = shared.options.offlineProbeCapMs ?? 15_000;
  }

  /** Settles every write one failed call carried. */
  settleFailures(rows: readonly OutboxRow[], failure: WriteFailure, started: number): void {
    const { store, now, random, options } = this.shared;
    const duration = now() - started;
    const settled: number[] = [];
    // One jitter draw per failed call: the writes it carried stay together and are retried (or checked) together.
    const draw = random();
    const at = now();
    store.atomically(() => {
      for (const row of rows) if (this.settleFailure(row, failure, duration, draw, at)) settled.push(row.id);
    });
    if (settled.length > 0) options.events?.changed?.({ rowIds: settled });
  }

  /**
   * Settles one write, with the jitter `draw` and time `at` of the call that carried it. Returns true when the write
   * is settled (done or failed).
   */
  settleFailure(row: OutboxRow, failure: WriteFailure, durationMs: number, draw: number, at: number): boolean {
    const { store, connection, limiter, options } = this.shared;
    const record: Omit<AttemptRecord, 'result'> = {
      code: failure.code,
      message: failure.message,
      requestId: failure.requestId,
      durationMs,
    };
    const attempts = row.attempts + 1;
    const random = () => draw;
    switch (failure.kind) {
      case 'already_applied':
        connection.contact();
        store.markDone(row.id, 'already_applied', { ...record, result: 'already_applied' });
        options.applied?.(row, { packageId: null });
        return true;
      case 'cancelled':
      case 'invalid_tracking':
      case 'tracking_in_use':
      case 'rejected':
        connection.contact();
        this.fail(row, PERMANENT_ACTION[failure.kind], { ...record, result: 'permanent' });
        return true;
      case 'not_collected': {
        // Normal until the carrier's first scan: looked at again later, no alert, not an outage.
        connection.contact();
        const delay = backoffDelay(attempts, this.backoff, null, random);
        store.reschedule(row.id, at + delay, false, { ...record, result: 'transient' });
        return false;
      }
      case 'config':
      case 'reconnect':
        this.block(row, failure);
        store.reschedule(row.id, at, failure.mayHaveApplied || row.inDoubt, { ...record, result: 'transient' });
        return false;
      case 'rate_limited': {
        connection.contact();
        const wait = failure.retryAfterMs ?? backoffDelay(attempts, this.backoff, null, random);
        limiter.pause(wait);
        store.reschedule(row.id, at + wait, failure.mayHaveApplied || row.inDoubt, { ...record, result: 'transient' });
        return false;
      }
      case 'transient': {
        if (failure.unreachable) connection.offline = true;
        else connection.contact();
        connection.lastError = failure.message;
        let delay = backoffDelay(attempts, this.backoff, failure.retryAfterMs, random);
        if (failure.unreachable) delay = Math.min(delay, this.offlineProbeCapMs);
        const inDoubt = failure.mayHaveApplied || row.inDoubt;
        store.reschedule(row.id, at + delay, inDoubt, { ...record, result: inDoubt ? 'in_doubt' : 'transient' });
        return false;
      }
    }
  }

  /** Ends a write for good: kept in the audit trail, and the desk is alerted with what to do about it. */
  fail(row: OutboxRow, action: FailureAction, record: AttemptRecord & { result: 'permanent' }): void {
    const { store, options } = this.shared;
    store.markFailed(row.id, action, record);
    const message = record.message ?? 'The marketplace refused this write.';
    options.audit?.({
      action: 'sync.failed',
      userId: null,
      orderId: row.write.orderId,
      details: { rowId: row.id, kind: row.write.kind, code: record.code, message, requestId: record.requestId, action },
    });
    this.alert(row, record.code ?? null, message, action);
  }

  /**
   * The marketplace refused the connection itself (revoked or expired token, invalid app key, bad signature):
   * retrying cannot help, so every write stays queued, untried, and supervisors are told once to reconnect the shop.
   */
  private block(row: OutboxRow, failure: WriteFailure): void {
    const { connection, options } = this.shared;
    const first = !connection.reconnectRequired;
    connection.reconnectRequired = true;
    connection.lastError = failure.message;
    if (first) {
      const message = `TikTok Shop refused the shop's connection (${failure.message}): a supervisor reconnects the shop in Settings; every write waits, untried, until then.`;
      this.alert(row, failure.code, message, 'reconnect');
      options.audit?.({
        action: 'sync.reconnectRequired',
        userId: null,
        details: { code: failure.code, message: failure.message },
      });
    }
  }

  private alert(row: OutboxRow, code: string | null, message: string, action: FailureAction): void {
    const { write } = row;
    this.shared.options.events?.alert?.({
      rowId: row.id,
      kind: write.kind,
      orderId: write.orderId,
      packageId: write.packageId,
      code,
      message,
      action,
    });
  }
}
