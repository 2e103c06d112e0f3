import { createHash } from 'node:crypto';
import { z } from 'zod';
import { OutboxWrite, type OutboxRow } from '../../../shared/contract/sync';
import type { Db } from '../db/database';
import { signalWriteQueued } from './outbox-signal';

export interface EnqueueMeta {
  /** Who caused the write (the signed-in user), for the sync history. */
  userId?: number | null;
  stationId?: string | null;
  now?: number;
  /**
   * Two enqueues with one key are one write (the second returns the first row). Default: kind + package + a hash of
   * the write, so printing the same label twice queues one ship, while a new tracking number queues a new write.
   */
  idempotencyKey?: string;
}

export interface Enqueued {
  id: number;
  idempotencyKey: string;
  /** false when a write with the same key was already queued (or already sent). */
  created: boolean;
}

/** Key order fixed so that one write always hashes the same, whoever built the object. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function defaultIdempotencyKey(write: OutboxWrite): string {
  const digest = createHash('sha256').update(canonical(write)).digest('hex').slice(0, 24);
  return `${write.kind}:${write.packageId}:${digest}`;
}

/**
 * Queues one marketplace write in the outbox. Call it INSIDE the `db.transaction(...)` that makes the local change
 * the write reports (label printed -> `ship.seller`; pickup booked -> `pickup.book`; manifest closed ->
 * `handover.confirm`), so the change and the write it owes land together or not at all. It never calls the
 * marketplace: the sync worker sends the row later, in order per package, and keeps it through crashes and outages.
 *
 * @example
 *   db.transaction(() => {
 *     markLabelled(db, orderId);
 *     enqueueWrite(db, { kind: 'ship.seller', orderId, packageId, trackingNumber, shippingProviderId },
 *       { userId: ctx.user?.id ?? null, stationId: svc.stationId, now: svc.now() });
 *   })();
 *
 * @throws Error when called outside a transaction, or a ZodError when the write is malformed (which rolls the
 *   caller's transaction back, so nothing half-done remains).
 */
export function enqueueWrite(db: Db, write: OutboxWrite, meta: EnqueueMeta = {}): Enqueued {
  if (!db.inTransaction)
    throw new Error('enqueueWrite must run inside the transaction of the change that causes the write');
  const parsed = OutboxWrite.parse(write);
  const key = meta.idempotencyKey ?? defaultIdempotencyKey(parsed);
  const now = meta.now ?? Date.now();
  const existing = db.prepare('SELECT id FROM outbox WHERE idempotency_key = ?').get(key) as { id: number } | undefined;
  if (existing) return { id: existing.id, idempotencyKey: key, created: false };
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO outbox (idempotency_key, kind, stream, order_id, package_id, payload, next_attempt_at, created_at, created_by, station_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      key,
      parsed.kind,
      `package:${parsed.packageId}`,
      parsed.orderId,
      parsed.packageId,
      JSON.stringify(parsed),
      now,
      now,
      meta.userId ?? null,
      meta.stationId ?? null,
    );
  signalWriteQueued();
  return { id: Number(lastInsertRowid), idempotencyKey: key, created: true };
}

export interface OutboxDbRow {
  id: number;
  idempotency_key: string;
  kind: string;
  stream: string;
  order_id: string | null;
  package_id: string | null;
  payload: string;
  state: string;
  in_doubt: number;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  done_at: number | null;
  outcome: string | null;
  error_code: string | null;
  error_message: string | null;
  request_id: string | null;
  action: string | null;
}

/** A stored row, validated as it is loaded: a row that no longer parses is reported, never sent half-understood. */
export function parseOutboxRow(row: OutboxDbRow): OutboxRow {
  const parsed = OutboxWrite.safeParse(JSON.parse(row.payload));
  if (!parsed.success)
    throw new Error(
      `outbox row ${row.id} (${row.kind}) is not a valid write: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`,
    );
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    write: parsed.data,
    state: row.state as OutboxRow['state'],
    attempts: row.attempts,
    inDoubt: row.in_doubt === 1,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    doneAt: row.done_at,
    outcome: row.outcome as OutboxRow['outcome'],
    errorCode: row.error_code,
    errorMessage: row.error_message,
    requestId: row.request_id,
    action: row.action as OutboxRow['action'],
  };
}
