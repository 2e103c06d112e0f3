import type { Queryable } from '../db/pool';
import { HOUR_MS } from './lease-store';

export interface Buckets {
  /** Orders to pack whose pack-by deadline has passed. */
  overdue: number;
  /** Due within the at-risk window. */
  atRisk: number;
  later: number;
  noDeadline: number;
  /** Open at a desk right now (included in the counts above). */
  leased: number;
  held: number;
}

/** The queue by deadline, over the orders still to pack (the partial queue index holds exactly those). */
export async function buckets(db: Queryable, now: number, atRiskMs: number): Promise<Buckets> {
  const { rows } = await db.query<Buckets>(
    `SELECT count(*) FILTER (WHERE hub_state = 'queued' AND pack_by < $1)::int AS "overdue",
            count(*) FILTER (WHERE hub_state = 'queued' AND pack_by >= $1 AND pack_by < $2)::int AS "atRisk",
            count(*) FILTER (WHERE hub_state = 'queued' AND pack_by >= $2)::int AS "later",
            count(*) FILTER (WHERE hub_state = 'queued' AND pack_by IS NULL)::int AS "noDeadline",
            count(*) FILTER (WHERE hub_state = 'queued' AND leased_by IS NOT NULL)::int AS "leased",
            count(*) FILTER (WHERE hub_state = 'held')::int AS "held"
       FROM orders WHERE hub_state IN ('queued', 'held')`,
    [now, now + atRiskMs],
  );
  return rows[0]!;
}

export interface Throughput {
  byDesk: Array<{ deskId: string; packed: number }>;
  byPacker: Array<{ packer: string; deskId: string; packed: number }>;
}

/** Orders finished in the hours from `from` up to `to`, per desk and per packer at each desk (counted by the hour). */
export async function throughput(db: Queryable, from: number, to: number): Promise<Throughput> {
  const { rows } = await db.query<{ desk_id: string; packer: string; packed: number }>(
    `SELECT desk_id, packer, sum(packed)::int AS packed FROM packed_per_hour
      WHERE hour_start >= $1::bigint - $1::bigint % ${HOUR_MS} AND hour_start < $2::bigint
      GROUP BY desk_id, packer`,
    [from, to],
  );
  const byDesk = new Map<string, number>();
  for (const row of rows) byDesk.set(row.desk_id, (byDesk.get(row.desk_id) ?? 0) + row.packed);
  return {
    byDesk: [...byDesk]
      .map(([deskId, packed]) => ({ deskId, packed }))
      .sort((a, b) => b.packed - a.packed || a.deskId.localeCompare(b.deskId)),
    byPacker: rows
      .map((row) => ({ packer: row.packer || '(unnamed)', deskId: row.desk_id, packed: row.packed }))
      .sort((a, b) => b.packed - a.packed || a.packer.localeCompare(b.packer)),
  };
}

export interface DeskHealth {
  deskId: string;
  lastSeenAt: number;
  /** Leases it holds now. */
  holding: number;
}

export async function desks(db: Queryable, now: number): Promise<DeskHealth[]> {
  const { rows } = await db.query<{ id: string; last_seen_at: number; holding: number }>(
    `SELECT d.id, d.last_seen_at, count(l.order_id)::int AS holding
       FROM desks d LEFT JOIN leases l ON l.desk_id = d.id AND l.expires_at > $1
      GROUP BY d.id ORDER BY d.id`,
    [now],
  );
  return rows.map((row) => ({ deskId: row.id, lastSeenAt: row.last_seen_at, holding: row.holding }));
}

export interface Backlog {
  pending: number;
  failed: number;
  oldestPendingAt: number | null;
}

/** The writes the hub still owes TikTok, and the ones it refused for good. */
export async function backlog(db: Queryable): Promise<Backlog> {
  const { rows } = await db.query<Backlog>(
    `SELECT count(*) FILTER (WHERE state = 'pending')::int AS "pending", count(*) FILTER (WHERE state = 'failed')::int AS "failed",
            min(created_at) FILTER (WHERE state = 'pending') AS "oldestPendingAt"
       FROM outbox WHERE state IN ('pending', 'failed')`,
  );
  return rows[0]!;
}

export type BucketName = 'overdue' | 'atRisk' | 'later' | 'noDeadline' | 'held';

/** Drill-down: the orders of one bucket, most urgent first, with the desk that has each open. */
export async function bucketOrders(
  db: Queryable,
  bucket: BucketName,
  now: number,
  atRiskMs: number,
  limit: number,
): Promise<Array<{ orderId: string; packBy: number | null; leasedBy: string | null }>> {
  const where: Record<BucketName, string> = {
    overdue: `hub_state = 'queued' AND pack_by < t.now`,
    atRisk: `hub_state = 'queued' AND pack_by >= t.now AND pack_by < t.risk`,
    later: `hub_state = 'queued' AND pack_by >= t.risk`,
    noDeadline: `hub_state = 'queued' AND pack_by IS NULL`,
    held: `hub_state = 'held'`,
  };
  const { rows } = await db.query<{ id: string; pack_by: number | null; leased_by: string | null }>(
    `WITH t AS (SELECT $1::bigint AS now, $2::bigint AS risk)
     SELECT id, pack_by, leased_by FROM orders, t WHERE ${where[bucket]} ORDER BY pack_by NULLS LAST, id LIMIT $3`,
    [now, now + atRiskMs, limit],
  );
  return rows.map((row) => ({ orderId: row.id, packBy: row.pack_by, leasedBy: row.leased_by }));
}
