import type { SyncStatus } from '../../../shared/contract/sync';
import { onWriteQueued, OutboxStore } from '../outbox';
import { ConnectionState } from './connection-state';
import { FailureSettler } from './failure-settler';
import { RateLimiter } from './rate-limiter';
import type { SyncWorkerOptions } from './sync-options';
import { pool, sleep } from './work-pool';
import { WriteSender } from './write-sender';

/**
 * Sends the outbox to the marketplace: heads of each package's stream in order, ship writes batched, rate limited,
 * with capped exponential backoff. A write whose answer was lost (or that was in flight when the station died) is
 * checked against upstream state before it is sent again, so nothing is applied twice.
 *
 * The worker decides when a round runs and reports how syncing goes; the sender makes a round's calls and the
 * settler decides what each failure means.
 */
export class SyncWorker {
  private readonly store: OutboxStore;
  private readonly now: () => number;
  private readonly limiter: RateLimiter;
  private readonly connection: ConnectionState;
  private readonly sender: WriteSender;
  private readonly concurrency: number;
  private readonly idleMs: number;
  private stopped = true;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastStatusKey = '';

  constructor(private readonly options: SyncWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.store = new OutboxStore(options.db, this.now);
    this.limiter = new RateLimiter(options.ratePerSecond ?? 40, this.now);
    this.connection = new ConnectionState(this.store, this.now);
    this.concurrency = options.concurrency ?? 4;
    this.idleMs = options.idleMs ?? 5_000;
    const shared = {
      store: this.store,
      connection: this.connection,
      limiter: this.limiter,
      now: this.now,
      random: options.random ?? Math.random,
      options,
    };
    this.sender = new WriteSender(shared, new FailureSettler(shared));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onWriteQueued(() => this.kick());
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.kick();
    await this.running;
  }

  /** Look at the outbox now rather than at the next timer. */
  kick(): void {
    this.wake?.();
  }

  /** Every pending write due now, and the hold after a refused connection lifted: someone asked to sync. */
  syncNow(): SyncStatus {
    this.store.expediteAll();
    this.connection.reconnectRequired = false;
    this.kick();
    return this.status();
  }

  status(): SyncStatus {
    const figures = this.store.figures();
    const state = this.connection.offline ? 'offline' : figures.pending > 0 ? 'syncing' : 'online';
    return {
      state,
      backlog: figures.pending,
      failed: figures.failed,
      oldestUnsentAt: figures.oldestUnsentAt,
      lastContactAt: this.connection.lastContactAt,
      lastError: this.connection.lastError,
      pausedUntil: this.limiter.pausedUntilTime(),
      reconnectRequired: this.connection.reconnectRequired,
      time: this.now(),
    };
  }

  /** Runs rounds until nothing is pending (waiting out backoffs) or the shop must be reconnected; for tests and benches. */
  async drain(): Promise<void> {
    for (;;) {
      const worked = await this.runOnce();
      const figures = this.store.figures();
      if (figures.pending === figures.blocked || this.connection.reconnectRequired) return;
      if (!worked) {
        const now = this.now();
        await sleep(Math.max(1, Math.min(this.idleMs, (figures.nextDueAt ?? now) - now)));
      }
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (error) {
        // A database error (disk full, locked) must not kill the worker: the rows are still there, try later.
        this.connection.lastError = `sync round failed: ${(error as Error).message}`;
        console.error(this.connection.lastError);
      }
      this.emitStatus();
      if (this.stopped) break;
      if (!worked) await this.sleepUntilDue();
    }
  }

  private sleepUntilDue(): Promise<void> {
    const { nextDueAt } = this.store.figures();
    const now = this.now();
    let delay = this.idleMs;
    if (nextDueAt !== null) delay = Math.min(delay, Math.max(0, nextDueAt - now));
    return new Promise((resolve) => {
      this.wake = () => {
        if (this.timer) clearTimeout(this.timer);
        this.wake = null;
        resolve();
      };
      this.timer = setTimeout(() => this.wake?.(), Math.max(5, delay));
    });
  }

  /** One round: everything due now, in units of work run `concurrency` at a time. Returns whether any was due. */
  async runOnce(): Promise<boolean> {
    if (this.connection.reconnectRequired) return false;
    const { rows, broken } = this.store.dueHeads(this.options.writer.maxBatch * this.concurrency);
    if (broken.length > 0) this.setAsideBroken(broken);
    if (rows.length === 0) return broken.length > 0;
    await pool(this.sender.units(rows), this.concurrency);
    return true;
  }

  private setAsideBroken(broken: ReadonlyArray<{ id: number; message: string }>): void {
    this.store.atomically(() => {
      for (const row of broken) this.store.markFailed(row.id, 'retry', { result: 'permanent', message: row.message });
    });
    console.error(
      `outbox: ${broken.length} stored write(s) could not be read and were set aside: ${broken[0]!.message}`,
    );
  }

  private emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify({ ...status, time: 0 });
    if (key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.options.events?.status?.(status);
  }
}
