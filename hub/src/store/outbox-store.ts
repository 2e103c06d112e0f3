import type { OutboxWrite } from '../../../shared/contract/sync';
import type { HandedWrite, WriteState } from '../../../electron/core/hub-link/api';
import type { PoolClient, Queryable } from '../db/pool';

export interface HubOutboxRow {
  id: number;
  deskId: string;
  writeKey: string;
  shopId: string;
  write: OutboxWrite;
  inDoubt: boolean;
  attempts: number;
}

interface StateRow {
  write_key: string;
  state: WriteState['state'];
  outcome: WriteState['outcome'];
  created_package_id: string | null;
  error_kind: string | null;
  error_message: string | null;
}

const toState = (row: StateRow): WriteState => ({
  writeId: row.write_key,
  state: row.state,
  outcome: row.outcome,
  createdPackageId: row.created_package_id,
  errorKind: row.error_kind,
  errorMessage: row.error_message,
});

export async function writeStates(db: Queryable, deskId: string, writeIds: readonly string[]): Promise<WriteState[]> {
  const { rows } = await db.query<StateRow>(
    'SELECT write_key, state, outcome, created_package_id, error_kind, error_message FROM outbox WHERE desk_id = $1 AND write_key = ANY($2::text[]) ORDER BY id',
    [deskId, writeIds],
  );
  return rows.map(toState);
}

/**
 * Why the hub sends nothing of a desk's writes for an order, or null. TikTok cancelled it: TikTok would refuse them,
 * and the desk learns the cancellation at its next refresh. Another desk took or packed it while this one was cut
 * off: that desk's writes are the ones sent.
 */
function refusalOf(order: { id: string; elsewhere: string | null; cancelled: boolean }): {
  kind: 'cancelled' | 'taken_elsewhere';
  message: string;
} | null {
  if (order.cancelled)
    return { kind: 'cancelled', message: `order ${order.id} was cancelled upstream: nothing of it is sent` };
  if (order.elsewhere)
    return {
      kind: 'taken_elsewhere',
      message: `order ${order.id} was taken by desk ${order.elsewhere} while this desk was cut off: nothing of it is sent from here`,
    };
  return null;
}

/**
 * Takes a desk's writes into the hub's outbox (call in a transaction). A write the hub already has under the desk's
 * key is the same write: it is not queued again. A write for an order the hub does not know, for one another desk
 * holds or finished, or for one the hub knows TikTok cancelled, is refused as failed.
 */
export async function handOver(
  db: PoolClient,
  deskId: string,
  writes: readonly HandedWrite[],
  now: number,
): Promise<WriteState[]> {
  const orderIds = [...new Set(writes.map((entry) => entry.write.orderId))];
  const { rows: shops } = await db.query<{
    id: string;
    shop_id: string;
    elsewhere: string | null;
    cancelled: boolean;
  }>(
    `SELECT o.id, o.shop_id,
            CASE WHEN o.done_by_desk IS NOT NULL AND o.done_by_desk <> $2 THEN o.done_by_desk
                 WHEN l.desk_id IS NOT NULL AND l.desk_id <> $2 AND l.expires_at > $3 THEN l.desk_id END AS elsewhere,
            o.status = 'CANCELLED' AS cancelled
       FROM orders o LEFT JOIN leases l ON l.order_id = o.id
      WHERE o.id = ANY($1::text[])`,
    [orderIds, deskId, now],
  );
  const shopOf = new Map(shops.map((row) => [row.id, row.shop_id]));
  const refusals = new Map(shops.map((row) => [row.id, refusalOf(row)]));
  for (const { writeId, write } of writes) {
    const refused = refusals.get(write.orderId);
    if (refused) {
      await db.query(
        `INSERT INTO outbox (desk_id, write_key, kind, shop_id, order_id, package_id, write, state, next_attempt_at, created_at, error_kind, error_message, done_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'failed', $8, $8, $9, $10, $8)
         ON CONFLICT (desk_id, write_key) DO NOTHING`,
        [
          deskId,
          writeId,
          write.kind,
          shopOf.get(write.orderId)!,
          write.orderId,
          write.packageId,
          JSON.stringify(write),
          now,
          refused.kind,
          refused.message,
        ],
      );
      continue;
    }
    const shopId = shopOf.get(write.orderId);
    await db.query(
      `INSERT INTO outbox (desk_id, write_key, kind, shop_id, order_id, package_id, write, state, next_attempt_at, created_at, error_kind, error_message, done_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12)
       ON CONFLICT (desk_id, write_key) DO NOTHING`,
      [
        deskId,
        writeId,
        write.kind,
        shopId ?? '',
        write.orderId,
        write.packageId,
        JSON.stringify(write),
        shopId ? 'pending' : 'failed',
        now,
        shopId ? null : 'unknown_order',
        shopId ? null : `order ${write.orderId} is not in the hub's orders`,
        shopId ? null : now,
      ],
    );
  }
  return writeStates(
    db,
    deskId,
    writes.map((entry) => entry.writeId),
  );
}

/**
 * Locks the next write due, oldest first, skipping a package whose earlier write is still pending (writes to one
 * package keep their order). Call in a transaction; null when nothing is due.
 */
export async function lockNextDue(db: PoolClient, now: number): Promise<HubOutboxRow | null> {
  const { rows } = await db.query<{
    id: number;
    desk_id: string;
    write_key: string;
    shop_id: string;
    write: OutboxWrite;
    in_doubt: boolean;
    attempts: number;
  }>(
    `SELECT o.id, o.desk_id, o.write_key, o.shop_id, o.write, o.in_doubt, o.attempts FROM outbox o
      WHERE o.state = 'pending' AND o.next_attempt_at <= $1
        AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.package_id = o.package_id AND e.state = 'pending' AND e.id < o.id)
      ORDER BY o.next_attempt_at, o.id
      LIMIT 1
      FOR UPDATE SKIP LOCKED`,
    [now],
  );
  const row = rows[0];
  return row
    ? {
        id: row.id,
        deskId: row.desk_id,
        writeKey: row.write_key,
        shopId: row.shop_id,
        write: row.write,
        inDoubt: row.in_doubt,
        attempts: row.attempts,
      }
    : null;
}

/** Whether another desk's identical kind of write for this package already went through (a double hand-over). */
export async function sameWriteDone(db: Queryable, row: HubOutboxRow): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM outbox WHERE package_id = $1 AND kind = $2 AND state = $3 AND id <> $4 LIMIT 1',
    [row.write.packageId, row.write.kind, 'done', row.id],
  );
  return rows.length > 0;
}

/**
 * Committed with the lock that picked the write, before its request leaves: from here until an answer is stored the
 * write may have landed. It is not due again before `until`, so the sender's other workers leave it alone while its
 * request is out; after a crash it is due then, and asked about upstream before anything is sent.
 */
export async function markSending(db: Queryable, id: number, until: number): Promise<void> {
  await db.query('UPDATE outbox SET in_doubt = TRUE, attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1', [
    id,
    until,
  ]);
}

/**
 * A sender taking the lock is the only one: any write still held for sending belonged to a sender that died mid-send.
 * Those are due now (in doubt: asked about upstream first). An in-doubt write waiting out a retry's backoff is asked
 * about early too, once per sender start, which is harmless.
 */
export async function resumeInterruptedSends(db: Queryable, now: number): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE outbox SET next_attempt_at = $1 WHERE state = 'pending' AND in_doubt AND next_attempt_at > $1`,
    [now],
  );
  return rowCount ?? 0;
}

export async function markDone(
  db: Queryable,
  id: number,
  outcome: NonNullable<WriteState['outcome']>,
  createdPackageId: string | null,
  now: number,
): Promise<void> {
  await db.query(
    `UPDATE outbox SET state = 'done', in_doubt = FALSE, outcome = $2, created_package_id = $3, done_at = $4, error_kind = NULL, error_message = NULL WHERE id = $1`,
    [id, outcome, createdPackageId, now],
  );
}

export async function markFailed(db: Queryable, id: number, kind: string, message: string, now: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET state = 'failed', in_doubt = FALSE, error_kind = $2, error_message = $3, done_at = $4 WHERE id = $1`,
    [id, kind, message, now],
  );
}

/** Tried again later; it stays in doubt when the failed attempt may have landed. */
export async function markRetry(
  db: Queryable,
  id: number,
  at: number,
  inDoubt: boolean,
  kind: string,
  message: string,
): Promise<void> {
  await db.query(
    'UPDATE outbox SET next_attempt_at = $2, in_doubt = $3, error_kind = $4, error_message = $5 WHERE id = $1',
    [id, at, inDoubt, kind, message],
  );
}

export async function pendingCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE state = 'pending'`);
  return rows[0]?.n ?? 0;
}
