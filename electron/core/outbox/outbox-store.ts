import type { FailureAction, OutboxRow, OutboxState, SyncAttempt } from '../../../shared/contract/sync';
import type { Db } from '../db/database';
import { parseOutboxRow, type OutboxDbRow } from './outbox';

export type AttemptResult = SyncAttempt['result'];

export interface AttemptRecord {
  result: AttemptResult;
  code?: string | null;
  message?: string | null;
  requestId?: string | null;
  durationMs?: number | null;
}

export interface BacklogFigures {
  pending: number;
  /** Pending writes queued behind a failed write of their package: they wait for someone to act on it. */
  blocked: number;
  failed: number;
  oldestUnsentAt: number | null;
  nextDueAt: number | null;
}

/** A stored row that could not be parsed: reported and set aside as failed, never sent. */
export interface BrokenRow {
  id: number;
  message: string;
}

/** The outbox's SQL. Every state change of a row is recorded with an attempt row, in one transaction. */
export class OutboxStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The writes that may be sent now: the first unsettled write of each package stream, if it is pending and due.
   * A failed write blocks the writes queued after it for the same package until someone acts on it.
   */
  /** Runs fn in one transaction, so a batch's answers are recorded together or not at all. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  dueHeads(limit: number): { rows: OutboxRow[]; broken: BrokenRow[] } {
    const raw = this.db
      .prepare(
        `SELECT o.* FROM outbox o
         WHERE o.state = 'pending' AND o.next_attempt_at <= ?
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.stream = o.stream AND p.state IN ('pending', 'failed') AND p.id < o.id)
         ORDER BY o.id LIMIT ?`,
      )
      .all(this.now(), limit) as OutboxDbRow[];
    const rows: OutboxRow[] = [];
    const broken: BrokenRow[] = [];
    for (const row of raw) {
      try {
        rows.push(parseOutboxRow(row));
      } catch (error) {
        broken.push({ id: row.id, message: (error as Error).message });
      }
    }
    return { rows, broken };
  }

  get(id: number): OutboxRow | null {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxDbRow | undefined;
    return row ? parseOutboxRow(row) : null;
  }

  list(filter: { states: readonly OutboxState[]; orderId?: string | undefined; limit: number }): OutboxRow[] {
    const placeholders = filter.states.map(() => '?').join(', ');
    const rows = this.db
      .prepare(
        `SELECT * FROM outbox WHERE state IN (${placeholders}) ${filter.orderId ? 'AND order_id = ?' : ''} ORDER BY id LIMIT ?`,
      )
      .all(...filter.states, ...(filter.orderId ? [filter.orderId] : []), filter.limit) as OutboxDbRow[];
    return rows.flatMap((row) => {
      try {
        return [parseOutboxRow(row)];
      } catch {
        // Set aside by the worker with its reason in the attempt history; a list must still show the others.
        return [];
      }
    });
  }

  history(id: number): SyncAttempt[] {
    const rows = this.db
      .prepare(
        'SELECT at, result, code, message, request_id, duration_ms FROM outbox_attempts WHERE outbox_id = ? ORDER BY at, id',
      )
      .all(id) as Array<{
      at: number;
      result: AttemptResult;
      code: string | null;
      message: string | null;
      request_id: string | null;
      duration_ms: number | null;
    }>;
    return rows.map((row) => ({
      at: row.at,
      result: row.result,
      code: row.code,
      message: row.message,
      requestId: row.request_id,
      durationMs: row.duration_ms,
    }));
  }

  figures(): BacklogFigures {
    return this.db
      .prepare(
        `SELECT
           count(*) FILTER (WHERE state = 'pending') AS pending,
           count(*) FILTER (WHERE state = 'failed') AS failed,
           min(created_at) AS oldestUnsentAt,
           min(next_attempt_at) FILTER (WHERE state = 'pending') AS nextDueAt,
           count(*) FILTER (WHERE state = 'pending' AND EXISTS (
             SELECT 1 FROM outbox f WHERE f.stream = outbox.stream AND f.state = 'failed' AND f.id < outbox.id)) AS blocked
         FROM outbox WHERE state IN ('pending', 'failed')`,
      )
      .get() as BacklogFigures;
  }

  /**
   * Committed before the request leaves: from here until its answer is recorded the write is in doubt, so a crash
   * or a lost answer makes the next attempt ask the marketplace first.
   */
  markSending(ids: readonly number[]): void {
    const stmt = this.db.prepare('UPDATE outbox SET in_doubt = 1, attempts = attempts + 1 WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) stmt.run(id);
    })();
  }

  /** The write took effect upstream (sent now, found applied, or answered "already shipped"). */
  markDone(id: number, outcome: 'sent' | 'confirmed_upstream' | 'already_applied', attempt: AttemptRecord): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'done', in_doubt = 0, done_at = ?, outcome = ?, request_id = coalesce(?, request_id),
           error_code = NULL, error_message = NULL, action = NULL WHERE id = ? AND state = 'pending'`,
      )
      .run(this.now(), outcome, attempt.requestId ?? null, id);
    this.recordAttempt(id, attempt);
  }

  /** Try again at `at`; `inDoubt` keeps the "ask first" flag when the request may have landed. */
  reschedule(id: number, at: number, inDoubt: boolean, attempt: AttemptRecord): void {
    this.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = ?, in_doubt = ?, error_code = ?, error_message = ?, request_id = coalesce(?, request_id)
         WHERE id = ? AND state = 'pending'`,
      )
      .run(at, inDoubt ? 1 : 0, attempt.code ?? null, attempt.message ?? null, attempt.requestId ?? null, id);
    this.recordAttempt(id, attempt);
  }

  /** The marketplace refused the write for good: it waits for the action a person must take. */
  markFailed(id: number, action: FailureAction, attempt: AttemptRecord): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'failed', in_doubt = 0, error_code = ?, error_message = ?, request_id = coalesce(?, request_id), action = ?
         WHERE id = ? AND state = 'pending'`,
      )
      .run(attempt.code ?? null, attempt.message ?? null, attempt.requestId ?? null, action, id);
    this.recordAttempt(id, attempt);
  }

  /** A failed write goes back to the queue, due now (after a fix, or because someone asked to retry). */
  requeue(id: number, payload?: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'pending', next_attempt_at = ?, action = NULL, payload = coalesce(?, payload)
         WHERE id = ? AND state = 'failed'`,
      )
      .run(this.now(), payload ?? null, id);
  }

  cancel(id: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'cancelled', in_doubt = 0, done_at = ? WHERE id = ? AND state IN ('pending', 'failed')`,
      )
      .run(this.now(), id);
  }

  /** Pending writes become due now: the user asked to sync, or the connection came back. */
  expediteAll(): void {
    this.db
      .prepare(`UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`)
      .run(this.now(), this.now());
  }

  private recordAttempt(id: number, attempt: AttemptRecord): void {
    this.db
      .prepare(
        'INSERT INTO outbox_attempts (outbox_id, at, result, code, message, request_id, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        this.now(),
        attempt.result,
        attempt.code ?? null,
        attempt.message ?? null,
        attempt.requestId ?? null,
        attempt.durationMs ?? null,
      );
  }
}
