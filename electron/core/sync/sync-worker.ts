import type { FailureAction, OutboxRow, SyncStatus } from '../../../shared/contract/sync';
import { onWriteQueued, OutboxStore, type AttemptRecord } from '../outbox';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { WriteFailure, type ShipItem } from './marketplace-writer';
import { RateLimiter } from './rate-limiter';
import { writeApplied } from './write-applied';
import type { SyncWorkerOptions } from './sync-options';
import { asFailure, chunks, pool, sleep, type Unit } from './work-pool';

const SHIP_KINDS = new Set(['ship.seller', 'ship.tiktok', 'pickup.book']);
const VERIFY_BATCH = 50;

/**
 * Sends the outbox to the marketplace: heads of each package's stream in order, ship writes batched, rate limited,
 * with capped exponential backoff. A write whose answer was lost (or that was in flight when the station died) is
 * checked against upstream state before it is sent again, so nothing is applied twice.
 */
export class SyncWorker {
  private readonly store: OutboxStore;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly limiter: RateLimiter;
  private readonly concurrency: number;
  private readonly idleMs: number;
  private readonly offlineProbeCapMs: number;
  private offline = false;
  private lastContactAt: number | null = null;
  private lastError: string | null = null;
  /** The shop must be reconnected (or its connection settings fixed): nothing is sent until someone says so. */
  private reconnectRequired = false;
  private stopped = true;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastStatusKey = '';

  constructor(private readonly options: SyncWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.store = new OutboxStore(options.db, this.now);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.limiter = new RateLimiter(options.ratePerSecond ?? 40, this.now);
    this.concurrency = options.concurrency ?? 4;
    this.idleMs = options.idleMs ?? 5_000;
    this.offlineProbeCapMs = options.offlineProbeCapMs ?? 15_000;
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
    this.reconnectRequired = false;
    this.kick();
    return this.status();
  }

  status(): SyncStatus {
    const figures = this.store.figures();
    const state = this.offline ? 'offline' : figures.pending > 0 ? 'syncing' : 'online';
    return {
      state,
      backlog: figures.pending,
      failed: figures.failed,
      oldestUnsentAt: figures.oldestUnsentAt,
      lastContactAt: this.lastContactAt,
      lastError: this.lastError,
      pausedUntil: this.limiter.pausedUntilTime(),
      reconnectRequired: this.reconnectRequired,
      time: this.now(),
    };
  }

  /** Runs rounds until nothing is pending (waiting out backoffs) or the shop must be reconnected; for tests and benches. */
  async drain(): Promise<void> {
    for (;;) {
      const worked = await this.runOnce();
      const figures = this.store.figures();
      if (figures.pending === figures.blocked || this.reconnectRequired) return;
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
        this.lastError = `sync round failed: ${(error as Error).message}`;
        console.error(this.lastError);
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
    if (this.reconnectRequired) return false;
    const { rows, broken } = this.store.dueHeads(this.options.writer.maxBatch * this.concurrency);
    if (broken.length > 0) this.setAsideBroken(broken);
    if (rows.length === 0) return broken.length > 0;
    const units: Unit[] = [];
    const doubtful = rows.filter((row) => row.inDoubt);
    for (const chunk of chunks(doubtful, VERIFY_BATCH)) units.push(() => this.verify(chunk));
    const ships = rows.filter((row) => !row.inDoubt && SHIP_KINDS.has(row.write.kind));
    for (const chunk of chunks(ships, this.options.writer.maxBatch)) units.push(() => this.ship(chunk));
    for (const row of rows.filter((r) => !r.inDoubt && !SHIP_KINDS.has(r.write.kind)))
      units.push(() => this.sendOne(row));
    await pool(units, this.concurrency);
    return true;
  }

  /** Asks the marketplace whether writes in doubt landed: done if so, sent again (in order) if not. */
  private async verify(rows: OutboxRow[]): Promise<void> {
    const started = this.now();
    let upstream;
    try {
      await this.limiter.take();
      upstream = await this.options.writer.upstream(
        rows.map((row) => ({ packageId: row.write.packageId, orderId: row.write.orderId })),
      );
    } catch (error) {
      this.settleFailures(rows, asFailure(error), started);
      return;
    }
    this.contact();
    const duration = this.now() - started;
    const settled: number[] = [];
    this.store.atomically(() => {
      for (const row of rows) {
        const state = upstream.get(row.write.packageId);
        if (state && writeApplied(row.write, state)) {
          this.store.markDone(row.id, 'confirmed_upstream', {
            result: 'confirmed_upstream',
            message: 'found applied upstream; not sent again',
            durationMs: duration,
          });
          this.options.applied?.(row, { packageId: state.createdPackageId });
          settled.push(row.id);
        } else if (state?.orderCancelled) {
          this.fail(row, 'void_and_pull', {
            result: 'permanent',
            code: '21011041',
            message: 'The order was cancelled upstream.',
            durationMs: duration,
          });
          settled.push(row.id);
        } else {
          this.store.reschedule(row.id, this.now(), false, {
            result: 'in_doubt',
            message: 'not applied upstream; sending again',
            durationMs: duration,
          });
        }
      }
    });
    if (settled.length > 0) this.options.events?.changed?.({ rowIds: settled });
  }

  private async ship(rows: OutboxRow[]): Promise<void> {
    const items: ShipItem[] = rows.map((row) => {
      const write = row.write;
      switch (write.kind) {
        case 'ship.seller':
          return {
            packageId: write.packageId,
            orderId: write.orderId,
            trackingNumber: write.trackingNumber,
            shippingProviderId: write.shippingProviderId,
          };
        case 'ship.tiktok':
          return {
            packageId: write.packageId,
            orderId: write.orderId,
            handoverMethod: write.handoverMethod,
            pickupSlot: write.pickupSlot,
          };
        case 'pickup.book':
          return {
            packageId: write.packageId,
            orderId: write.orderId,
            handoverMethod: 'PICKUP',
            pickupSlot: write.pickupSlot,
          };
        default:
          throw new Error(`${write.kind} is not a ship write`);
      }
    });
    await this.limiter.take();
    this.store.markSending(rows.map((row) => row.id));
    const started = this.now();
    let outcomes;
    try {
      outcomes = await this.options.writer.ship(items);
    } catch (error) {
      this.settleFailures(rows, asFailure(error), started);
      return;
    }
    this.contact();
    const byPackage = new Map(outcomes.map((outcome) => [outcome.packageId, outcome]));
    const duration = this.now() - started;
    const settled: number[] = [];
    const draw = this.random();
    const at = this.now();
    this.store.atomically(() => {
      for (const row of rows) {
        const outcome = byPackage.get(row.write.packageId);
        if (outcome?.ok) {
          this.store.markDone(row.id, 'sent', { result: 'sent', requestId: outcome.requestId, durationMs: duration });
          this.options.applied?.(row, { packageId: null });
          settled.push(row.id);
        } else {
          const failure = outcome
            ? outcome.failure
            : new WriteFailure({
                kind: 'transient',
                message: 'the marketplace did not answer for this package',
                mayHaveApplied: true,
              });
          if (this.settleFailure(row, failure, duration, () => draw, at)) settled.push(row.id);
        }
      }
    });
    if (settled.length > 0) this.options.events?.changed?.({ rowIds: settled });
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    const write = row.write;
    await this.limiter.take();
    this.store.markSending([row.id]);
    const started = this.now();
    let requestId: string | null;
    let packageId: string | null = null;
    try {
      if (write.kind === 'tracking.update') {
        ({ requestId } = await this.options.writer.updateTracking(write));
      } else if (write.kind === 'ship.mark') {
        ({ requestId, packageId } = await this.options.writer.markShipped(write));
      } else if (write.kind === 'handover.confirm') {
        ({ requestId } = await this.options.writer.confirmHandover(write));
      } else {
        throw new Error(`${write.kind} is sent in a ship batch`);
      }
    } catch (error) {
      this.settleFailures([row], asFailure(error), started);
      return;
    }
    this.contact();
    this.store.atomically(() => {
      this.store.markDone(row.id, 'sent', { result: 'sent', requestId, durationMs: this.now() - started });
      this.options.applied?.(row, { packageId });
    });
    this.options.events?.changed?.({ rowIds: [row.id] });
  }

  private settleFailures(rows: OutboxRow[], failure: WriteFailure, started: number): void {
    const duration = this.now() - started;
    const settled: number[] = [];
    // One jitter draw per failed call: the writes it carried stay together and are retried (or checked) together.
    const draw = this.random();
    const at = this.now();
    this.store.atomically(() => {
      for (const row of rows) if (this.settleFailure(row, failure, duration, () => draw, at)) settled.push(row.id);
    });
    if (settled.length > 0) this.options.events?.changed?.({ rowIds: settled });
  }

  /** Applies TIKTOK-API.md's error table to one write. Returns true when the write is settled (done or failed). */
  private settleFailure(
    row: OutboxRow,
    failure: WriteFailure,
    durationMs: number,
    random: () => number = this.random,
    at: number = this.now(),
  ): boolean {
    const record: Omit<AttemptRecord, 'result'> = {
      code: failure.code,
      message: failure.message,
      requestId: failure.requestId,
      durationMs,
    };
    const attempts = row.attempts + 1;
    switch (failure.kind) {
      case 'already_applied':
        this.contact();
        this.store.markDone(row.id, 'already_applied', { ...record, result: 'already_applied' });
        this.options.applied?.(row, { packageId: null });
        return true;
      case 'cancelled':
        this.contact();
        this.fail(row, 'void_and_pull', { ...record, result: 'permanent' });
        return true;
      case 'invalid_tracking':
        this.contact();
        this.fail(row, 'fix_tracking', { ...record, result: 'permanent' });
        return true;
      // Another parcel uses the number (21011025): the error code tells the desk to take another one, not to correct it.
      case 'tracking_in_use':
        this.contact();
        this.fail(row, 'fix_tracking', { ...record, result: 'permanent' });
        return true;
      case 'not_collected': {
        // Normal until the carrier's first scan: looked at again later, no alert, not an outage.
        this.contact();
        const delay = backoffDelay(attempts, this.backoff, null, random);
        this.store.reschedule(row.id, at + delay, false, { ...record, result: 'transient' });
        return false;
      }
      case 'rejected':
        this.contact();
        this.fail(row, 'retry', { ...record, result: 'permanent' });
        return true;
      case 'config':
      case 'reconnect':
        this.block(row, failure);
        this.store.reschedule(row.id, at, failure.mayHaveApplied || row.inDoubt, { ...record, result: 'transient' });
        return false;
      case 'rate_limited': {
        this.contact();
        const wait = failure.retryAfterMs ?? backoffDelay(attempts, this.backoff, null, random);
        this.limiter.pause(wait);
        this.store.reschedule(row.id, at + wait, failure.mayHaveApplied || row.inDoubt, {
          ...record,
          result: 'transient',
        });
        return false;
      }
      case 'transient': {
        if (failure.unreachable) this.offline = true;
        else this.contact();
        this.lastError = failure.message;
        let delay = backoffDelay(attempts, this.backoff, failure.retryAfterMs, random);
        if (failure.unreachable) delay = Math.min(delay, this.offlineProbeCapMs);
        const inDoubt = failure.mayHaveApplied || row.inDoubt;
        this.store.reschedule(row.id, at + delay, inDoubt, { ...record, result: inDoubt ? 'in_doubt' : 'transient' });
        return false;
      }
    }
  }

  private fail(row: OutboxRow, action: FailureAction, record: AttemptRecord & { result: 'permanent' }): void {
    this.store.markFailed(row.id, action, record);
    const message = record.message ?? 'The marketplace refused this write.';
    this.options.audit?.({
      action: 'sync.failed',
      userId: null,
      orderId: row.write.orderId,
      details: { rowId: row.id, kind: row.write.kind, code: record.code, message, requestId: record.requestId, action },
    });
    this.options.events?.alert?.({
      rowId: row.id,
      kind: row.write.kind,
      orderId: row.write.orderId,
      packageId: row.write.packageId,
      code: record.code ?? null,
      message,
      action,
    });
  }

  /**
   * The marketplace refused the connection itself (revoked or expired token, invalid app key, bad signature):
   * retrying cannot help, so every write stays queued, untried, and supervisors are told once to reconnect the shop.
   */
  private block(row: OutboxRow, failure: WriteFailure): void {
    const first = !this.reconnectRequired;
    this.reconnectRequired = true;
    this.lastError = failure.message;
    if (first) {
      const message = `TikTok Shop refused the shop's connection (${failure.message}): a supervisor reconnects the shop in Settings; every write waits, untried, until then.`;
      this.options.events?.alert?.({
        rowId: row.id,
        kind: row.write.kind,
        orderId: row.write.orderId,
        packageId: row.write.packageId,
        code: failure.code,
        message,
        action: 'reconnect',
      });
      this.options.audit?.({
        action: 'sync.reconnectRequired',
        userId: null,
        details: { code: failure.code, message: failure.message },
      });
    }
  }

  /** The marketplace answered: the station is online, and writes that waited out the outage may go at once. */
  private contact(): void {
    if (this.offline) {
      this.offline = false;
      this.store.expediteAll();
    }
    this.lastContactAt = this.now();
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
