import type { PrintBatch, PrintJob, PrintJobState } from '../../../shared/contract/printing';
import type { Db } from '../db/database';
import type { PrinterWait } from '../../../shared/contract/label-reason';
import { printerWaitOf, type PrinterLanguage } from './drivers/driver';

interface JobRow {
  id: number;
  order_id: string | null;
  batch_id: number | null;
  kind: PrintJob['kind'];
  state: PrintJobState;
  printer_uri: string;
  language: PrinterLanguage;
  tracking_number: string | null;
  attempts: number;
  waiting_reason: string | null;
  error: string | null;
  created_at: number;
  done_at: number | null;
}

const toJob = (row: JobRow): PrintJob => ({
  id: row.id,
  orderId: row.order_id,
  batchId: row.batch_id,
  kind: row.kind,
  state: row.state,
  printerUri: row.printer_uri,
  language: row.language,
  trackingNumber: row.tracking_number,
  attempts: row.attempts,
  waitingReason: row.waiting_reason,
  waitingCode: printerWaitOf(row.waiting_reason),
  error: row.error,
  createdAt: row.created_at,
  doneAt: row.done_at,
});

const COLUMNS =
  'id, order_id, batch_id, kind, state, printer_uri, language, tracking_number, attempts, waiting_reason, error, created_at, done_at';

/** A job as the queue takes it: with its bytes (once made) and what the label needs to be made. */
export type DueJob = PrintJob & { payload: Buffer | null; weightGrams: number | null };

export interface NewJob {
  orderId: string | null;
  batchId?: number | null;
  kind: PrintJob['kind'];
  printerUri: string;
  language: PrinterLanguage;
  weightGrams?: number | null;
  /** Known up front for test labels; label bytes are made by the queue just before they are sent. */
  payload?: Buffer | null;
  state?: 'queued' | 'failed';
  error?: string | null;
  userId: number | null;
  stationId: string;
  now: number;
}

/** Print jobs and batches: the only place that knows the print_jobs and print_batches tables. */
export class JobStore {
  constructor(private readonly db: Db) {}

  create(job: NewJob): PrintJob {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO print_jobs (order_id, batch_id, kind, state, printer_uri, language, weight_grams, payload, error, next_attempt_at, created_at, created_by, station_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        job.orderId,
        job.batchId ?? null,
        job.kind,
        job.state ?? 'queued',
        job.printerUri,
        job.language,
        job.weightGrams ?? null,
        job.payload ?? null,
        job.error ?? null,
        job.now,
        job.now,
        job.userId,
        job.stationId,
      );
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): PrintJob | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  list(filter: { orderId?: string; batchId?: number; limit: number }): PrintJob[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.orderId) {
      where.push('order_id = ?');
      params.push(filter.orderId);
    }
    if (filter.batchId) {
      where.push('batch_id = ?');
      params.push(filter.batchId);
    }
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      )
      .all(...params, filter.limit) as JobRow[];
    return rows.map(toJob);
  }

  /** The live first label of an order (queued, being sent or printed), if any. */
  liveLabel(orderId: string): PrintJob | null {
    const row = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM print_jobs WHERE order_id = ? AND kind = 'label' AND state IN ('queued', 'sent', 'done')`,
      )
      .get(orderId) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /** The next job whose turn it is: oldest first, skipping paused batches and jobs waiting out a retry delay. */
  nextDue(now: number): DueJob | null {
    return this.due(now, 1)[0] ?? null;
  }

  /** The next `limit` jobs due, in the order they are sent (the queue prepares the ones after the first ahead). */
  due(now: number, limit: number): DueJob[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS}, payload, weight_grams FROM print_jobs j
         WHERE state = 'queued' AND next_attempt_at <= ?
           AND (batch_id IS NULL OR (SELECT state FROM print_batches b WHERE b.id = j.batch_id) = 'running')
         ORDER BY id LIMIT ?`,
      )
      .all(now, limit) as Array<JobRow & { payload: Buffer | null; weight_grams: number | null }>;
    return rows.map((row) => ({ ...toJob(row), payload: row.payload, weightGrams: row.weight_grams }));
  }

  /** When the earliest waiting job is due again, for the queue's timer. */
  nextWake(): number | null {
    const row = this.db
      .prepare(
        `SELECT min(next_attempt_at) AS at FROM print_jobs j WHERE state = 'queued'
           AND (batch_id IS NULL OR (SELECT state FROM print_batches b WHERE b.id = j.batch_id) = 'running')`,
      )
      .get() as { at: number | null };
    return row.at;
  }

  setPayload(id: number, payload: Buffer, trackingNumber: string | null): void {
    this.db
      .prepare('UPDATE print_jobs SET payload = ?, tracking_number = ? WHERE id = ?')
      .run(payload, trackingNumber, id);
  }

  markSent(id: number, now: number): void {
    this.db
      .prepare(
        "UPDATE print_jobs SET state = 'sent', sent_at = ?, attempts = attempts + 1, waiting_reason = NULL WHERE id = ?",
      )
      .run(now, id);
  }

  markDone(id: number, now: number): void {
    this.db
      .prepare("UPDATE print_jobs SET state = 'done', done_at = ?, waiting_reason = NULL WHERE id = ?")
      .run(now, id);
  }

  /** Back in the queue: nothing reached the printer, so trying again cannot print twice. */
  markWaiting(id: number, reason: string, retryAt: number, countAttempt: boolean): void {
    this.db
      .prepare(
        `UPDATE print_jobs SET state = 'queued', waiting_reason = ?, next_attempt_at = ?, attempts = attempts + ? WHERE id = ?`,
      )
      .run(reason, retryAt, countAttempt ? 1 : 0, id);
  }

  /** Jobs waiting out a printer problem are due now (the printer came back). */
  expediteWaiting(now: number): void {
    this.db
      .prepare("UPDATE print_jobs SET next_attempt_at = ? WHERE state = 'queued' AND waiting_reason IS NOT NULL")
      .run(now);
  }

  markFailed(id: number, error: string, now: number): void {
    this.db
      .prepare("UPDATE print_jobs SET state = 'failed', error = ?, waiting_reason = NULL, done_at = ? WHERE id = ?")
      .run(error, now, id);
  }

  setState(id: number, state: 'cancelled' | 'voided', note: string | null, now: number): void {
    this.db
      .prepare(
        'UPDATE print_jobs SET state = ?, error = coalesce(?, error), waiting_reason = NULL, done_at = coalesce(done_at, ?) WHERE id = ?',
      )
      .run(state, note, now, id);
  }

  /**
   * Jobs left 'sent' by a station that stopped mid-send: their bytes may have printed, so they are not sent again
   * on their own; the packer sees them failed and reprints if the label did not come out.
   */
  failInterrupted(now: number): PrintJob[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE state = 'sent'`).all() as JobRow[];
    for (const row of rows)
      this.markFailed(
        row.id,
        'Packbench stopped while this label was being sent: check whether it printed, reprint it if not.',
        now,
      );
    return rows.map(toJob);
  }

  counts(): { queued: number; failed: number; waitingReason: string | null; waitingCode: PrinterWait | null } {
    const row = this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE state IN ('queued', 'sent')) AS queued,
                count(*) FILTER (WHERE state = 'failed' AND kind IN ('label', 'reprint') AND done_at > ?) AS failed,
                (SELECT waiting_reason FROM print_jobs WHERE state = 'queued' AND waiting_reason IS NOT NULL ORDER BY id LIMIT 1) AS waiting
         FROM print_jobs`,
      )
      .get(Date.now() - 24 * 3_600_000) as { queued: number; failed: number; waiting: string | null };
    return {
      queued: row.queued,
      failed: row.failed,
      waitingReason: row.waiting,
      waitingCode: printerWaitOf(row.waiting),
    };
  }

  createBatch(total: number, userId: number | null, now: number): number {
    return Number(
      this.db
        .prepare('INSERT INTO print_batches (total, created_at, created_by) VALUES (?, ?, ?)')
        .run(total, now, userId).lastInsertRowid,
    );
  }

  setBatchState(id: number, state: PrintBatch['state']): void {
    this.db.prepare('UPDATE print_batches SET state = ? WHERE id = ?').run(state, id);
  }

  cancelQueued(batchId: number, now: number): void {
    this.db
      .prepare(
        "UPDATE print_jobs SET state = 'cancelled', waiting_reason = NULL, done_at = ? WHERE batch_id = ? AND state = 'queued'",
      )
      .run(now, batchId);
  }

  batch(id: number): PrintBatch | null {
    const batch = this.db.prepare('SELECT id, state, total, created_at FROM print_batches WHERE id = ?').get(id) as
      | { id: number; state: PrintBatch['state']; total: number; created_at: number }
      | undefined;
    if (!batch) return null;
    const counts = this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE state IN ('done', 'voided')) AS done, count(*) FILTER (WHERE state = 'failed') AS failed,
                count(*) FILTER (WHERE state = 'cancelled') AS cancelled, count(*) FILTER (WHERE state IN ('queued', 'sent')) AS pending,
                (SELECT waiting_reason FROM print_jobs WHERE batch_id = ? AND state = 'queued' AND waiting_reason IS NOT NULL ORDER BY id LIMIT 1) AS waiting
         FROM print_jobs WHERE batch_id = ?`,
      )
      .get(id, id) as { done: number; failed: number; cancelled: number; pending: number; waiting: string | null };
    const failures = this.db
      .prepare("SELECT id, order_id, error FROM print_jobs WHERE batch_id = ? AND state = 'failed' ORDER BY id")
      .all(id) as Array<{ id: number; order_id: string | null; error: string | null }>;
    return {
      id: batch.id,
      state: batch.state,
      total: batch.total,
      done: counts.done,
      failed: counts.failed,
      cancelled: counts.cancelled,
      pending: counts.pending,
      waitingReason: counts.waiting,
      waitingCode: printerWaitOf(counts.waiting),
      failures: failures.map((f) => ({ jobId: f.id, orderId: f.order_id, error: f.error ?? '' })),
      createdAt: batch.created_at,
    };
  }

  /** A running batch whose jobs have all finished is done. */
  finishBatchIfComplete(id: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE print_batches SET state = 'done' WHERE id = ? AND state = 'running' AND NOT EXISTS (SELECT 1 FROM print_jobs WHERE batch_id = ? AND state IN ('queued', 'sent'))`,
      )
      .run(id, id);
    return result.changes > 0;
  }
}
