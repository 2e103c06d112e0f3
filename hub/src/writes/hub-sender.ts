import type { TikTokShopClient } from '../../../electron/core/marketplace/client';
import { backoffDelay } from '../../../electron/core/sync/backoff';
import { WriteFailure } from '../../../electron/core/sync/marketplace-writer';
import { toWriteFailure } from '../../../electron/core/sync/tiktok-writer';
import { writeApplied } from '../../../electron/core/sync/write-applied';
import { inTransaction, type Pool, type PoolClient } from '../db/pool';
import {
  lockNextDue,
  markDone,
  markFailed,
  markRetry,
  markSending,
  resumeInterruptedSends,
  sameWriteDone,
  type HubOutboxRow,
} from '../store/outbox-store';
import { sendWrite, upstreamPackage } from './send-write';

/** Only one sender may send, whatever number of hub processes share the database. */
const SENDER_LOCK = 0x68756273;
/** Waiting for a carrier's first scan is normal: look again at this pace, without counting it as a failure. */
const NOT_COLLECTED_RETRY_MS = 15 * 60_000;
/** A connection that needs a person (bad config, revoked token): try again now and then, never in a tight loop. */
const NEEDS_PERSON_RETRY_MS = 5 * 60_000;
/** Writes of different packages in flight at once (each package's writes still go one after another, in order). */
const WORKERS = 8;
/** A write picked for sending is nobody else's for this long; past it (the hub died mid-send) it is asked about upstream. */
const SEND_WINDOW_MS = 2 * 60_000;

export interface HubSenderOptions {
  pool: Pool;
  client: TikTokShopClient;
  now: () => number;
  /** Pause between looks when nothing is due. */
  idleMs?: number;
  log?: (line: string) => void;
}

/**
 * Sends the hub's outbox to TikTok, several packages at a time, each write exactly once: the write is marked in doubt
 * and committed before its request leaves, so after a crash (or a lost answer) it is checked upstream before anything
 * is sent again; a write found applied is done without a second request.
 */
export class HubSender {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lockClient: PoolClient | null = null;
  /** Gives the lock's connection back to the pool once, whichever comes first: the loop's end or its loss. */
  private releaseLock: (error?: Error) => void = () => undefined;

  constructor(private readonly options: HubSenderOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Looks for due writes now (a desk just handed some over). */
  nudge(): void {
    this.wake?.();
  }

  /** Sends every write due now; the count sent or settled. For tests and the run loop. */
  async drain(): Promise<number> {
    let settled = 0;
    const worker = async () => {
      while (await this.step()) {
        settled += 1;
        if (this.stopped && this.loop) break;
      }
    };
    // Every worker ends before drain does (none is left running into the next one); the first failure is reported.
    const ends = await Promise.allSettled(Array.from({ length: WORKERS }, worker));
    const failed = ends.find((end): end is PromiseRejectedResult => end.status === 'rejected');
    if (failed) throw failed.reason;
    return settled;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (await this.holdSenderLock()) await this.drain();
      } catch (error) {
        this.options.log?.(`sender: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.idleMs ?? 1000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    if (this.lockClient) {
      await this.lockClient.query('SELECT pg_advisory_unlock($1)', [SENDER_LOCK]).catch(() => undefined);
      this.lockClient = null;
      this.releaseLock();
    }
  }

  private async holdSenderLock(): Promise<boolean> {
    if (this.lockClient) return true;
    const client = await this.options.pool.connect();
    // The lock's connection sits idle between sends: a database going away reaches it as an event, not an answer.
    // Without a listener that event would end the hub; with it the sender takes the lock again once the server is back.
    // A dying connection can report more than one error, and the loop may have released it already: release once.
    // The listener stays for the connection's life, so a late error never goes unheard.
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.release(error ?? false);
    };
    const lost = (error: Error) => {
      this.options.log?.(
        `sender: its database connection ended (${error.message}); it locks again when the database is back`,
      );
      if (this.lockClient === client) this.lockClient = null;
      release(error);
    };
    client.on('error', lost);
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        SENDER_LOCK,
      ]);
      if (rows[0]?.locked) {
        await resumeInterruptedSends(client, this.options.now());
        this.lockClient = client;
        this.releaseLock = release;
        return true;
      }
    } catch (error) {
      release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    release();
    return false;
  }

  /** One write: settled from upstream, sent, or rescheduled. False when none was due. */
  private async step(): Promise<boolean> {
    const { pool, now } = this.options;
    const row = await inTransaction(pool, async (db) => {
      const due = await lockNextDue(db, now());
      if (!due) return null;
      if (await sameWriteDone(db, due)) {
        await markDone(db, due.id, 'already_applied', null, now());
        return 'settled' as const;
      }
      await markSending(db, due.id, now() + SEND_WINDOW_MS);
      return due;
    });
    if (row === null) return false;
    if (row === 'settled') return true;
    // In doubt from an earlier attempt: TikTok is asked before anything is sent again.
    if (row.inDoubt && (await this.settledUpstream(row))) return true;
    try {
      const result = await sendWrite(this.options.client, row.shopId, row.write, now());
      await markDone(pool, row.id, 'sent', result.createdPackageId, now());
    } catch (error) {
      await this.failed(row, error instanceof WriteFailure ? error : toWriteFailure(error));
    }
    return true;
  }

  /** True when TikTok shows the write landed (then it is done); false to send it. Reschedules when TikTok cannot say. */
  private async settledUpstream(row: HubOutboxRow): Promise<boolean> {
    const { pool, now } = this.options;
    try {
      const upstream = await upstreamPackage(this.options.client, row.shopId, row.write);
      if (upstream && writeApplied(row.write, upstream)) {
        await markDone(pool, row.id, 'confirmed_upstream', upstream.createdPackageId, now());
        return true;
      }
      return false;
    } catch (error) {
      // Unknown whether it landed: never send blind; ask again later.
      await this.failed(row, error instanceof WriteFailure ? error : toWriteFailure(error), true);
      return true;
    }
  }

  private async failed(row: HubOutboxRow, failure: WriteFailure, stillInDoubt = false): Promise<void> {
    const { pool, now } = this.options;
    const inDoubt = stillInDoubt || failure.mayHaveApplied;
    switch (failure.kind) {
      case 'already_applied':
        return markDone(pool, row.id, 'already_applied', null, now());
      case 'transient':
      case 'rate_limited':
        return markRetry(
          pool,
          row.id,
          now() + backoffDelay(row.attempts + 1, undefined, failure.retryAfterMs),
          inDoubt,
          failure.kind,
          failure.message,
        );
      case 'not_collected':
        return markRetry(pool, row.id, now() + NOT_COLLECTED_RETRY_MS, false, failure.kind, failure.message);
      case 'config':
      case 'reconnect':
        return markRetry(pool, row.id, now() + NEEDS_PERSON_RETRY_MS, inDoubt, failure.kind, failure.message);
      default:
        return markFailed(pool, row.id, failure.kind, failure.message, now());
    }
  }
}
