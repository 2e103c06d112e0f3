import type { OrderInput } from '../../../shared/domain/orders/order';
import type { PoolClient, Queryable } from '../db/pool';

export type LeaseKind = 'open' | 'batch';

export const HOUR_MS = 3_600_000;

export interface Lease {
  orderId: string;
  deskId: string;
  packer: string | null;
  kind: LeaseKind;
  claimedAt: number;
  expiresAt: number;
}

export interface LeasedOrder {
  lease: Lease;
  order: OrderInput;
}

export type ClaimRefusal =
  | { reason: 'unknown_order' }
  /** The order is no longer to pack here: packed, held, or closed upstream (cancelled, shipped elsewhere). */
  | { reason: 'not_queued'; state: string; doneBy: string | null }
  | { reason: 'leased'; deskId: string; since: number };

export interface LeaseTimes {
  now: number;
  idleMs: number;
}

interface LeaseRow {
  order_id: string;
  desk_id: string;
  packer: string | null;
  kind: LeaseKind;
  claimed_at: number;
  expires_at: number;
}

const toLease = (row: LeaseRow): Lease => ({
  orderId: row.order_id,
  deskId: row.desk_id,
  packer: row.packer,
  kind: row.kind,
  claimedAt: row.claimed_at,
  expiresAt: row.expires_at,
});

async function touchDesk(db: Queryable, deskId: string, now: number): Promise<void> {
  await db.query(
    'INSERT INTO desks (id, first_seen_at, last_seen_at) VALUES ($1, $2, $2) ON CONFLICT (id) DO UPDATE SET last_seen_at = GREATEST(desks.last_seen_at, $2)',
    [deskId, now],
  );
}

async function event(
  db: Queryable,
  orderId: string,
  deskId: string,
  packer: string | null,
  name: string,
  at: number,
): Promise<void> {
  await db.query('INSERT INTO lease_events (order_id, desk_id, packer, event, at) VALUES ($1, $2, $3, $4, $5)', [
    orderId,
    deskId,
    packer,
    name,
    at,
  ]);
}

/**
 * Takes the lease of one order whose row the caller has locked. The primary key is the guarantee: the insert
 * replaces only an expired lease or this desk's own, so of two claims racing on one order exactly one gets a row
 * back. Null when another desk holds it.
 */
async function takeLease(
  db: PoolClient,
  orderId: string,
  deskId: string,
  packer: string | null,
  kind: LeaseKind,
  times: LeaseTimes,
): Promise<Lease | null> {
  const { rows: before } = await db.query<LeaseRow>('SELECT * FROM leases WHERE order_id = $1', [orderId]);
  const { rows } = await db.query<LeaseRow>(
    `INSERT INTO leases AS l (order_id, desk_id, packer, kind, claimed_at, renewed_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET
       desk_id = EXCLUDED.desk_id, packer = COALESCE(EXCLUDED.packer, l.packer), kind = EXCLUDED.kind, renewed_at = EXCLUDED.renewed_at,
       expires_at = EXCLUDED.expires_at,
       claimed_at = CASE WHEN l.desk_id = EXCLUDED.desk_id AND l.expires_at > EXCLUDED.claimed_at THEN l.claimed_at ELSE EXCLUDED.claimed_at END
     WHERE l.desk_id = EXCLUDED.desk_id OR l.expires_at <= EXCLUDED.claimed_at
     RETURNING *`,
    [orderId, deskId, packer, kind, times.now, times.now + times.idleMs],
  );
  const lease = rows[0];
  if (!lease) return null;
  await db.query('UPDATE orders SET leased_by = $2 WHERE id = $1', [orderId, deskId]);
  const previous = before[0];
  if (previous && previous.desk_id !== deskId)
    await event(db, orderId, previous.desk_id, previous.packer, 'expired', times.now);
  if (!previous || previous.desk_id !== deskId || previous.expires_at <= times.now)
    await event(db, orderId, deskId, packer, 'claimed', times.now);
  return toLease(lease);
}

/** Claims one given order for a desk (call in a transaction): the lease, or why not (with the holder's name and since when). */
export async function claimOrder(
  db: PoolClient,
  input: { orderId: string; deskId: string; packer: string | null; kind: LeaseKind },
  times: LeaseTimes,
): Promise<LeasedOrder | ClaimRefusal> {
  await touchDesk(db, input.deskId, times.now);
  // The order's row lock serialises every claim of it.
  const { rows } = await db.query<{ hub_state: string; data: OrderInput; done_by_desk: string | null }>(
    'SELECT hub_state, data, done_by_desk FROM orders WHERE id = $1 FOR UPDATE',
    [input.orderId],
  );
  const order = rows[0];
  if (!order) return { reason: 'unknown_order' };
  // Packed already: named with the desk that packed it, so the asking desk takes it out of its own queue.
  if (order.hub_state !== 'queued') return { reason: 'not_queued', state: order.hub_state, doneBy: order.done_by_desk };
  const lease = await takeLease(db, input.orderId, input.deskId, input.packer, input.kind, times);
  if (lease) return { lease, order: order.data };
  const { rows: holder } = await db.query<LeaseRow>('SELECT * FROM leases WHERE order_id = $1', [input.orderId]);
  return { reason: 'leased', deskId: holder[0]!.desk_id, since: holder[0]!.claimed_at };
}

/**
 * The lease and order as a desk receives them (api.LeasedOrder), built by PostgreSQL as JSON text: the order's stored
 * JSON and its products' barcodes go out without being parsed and serialised again by the hub.
 */
const LEASED_ORDER_JSON = `json_build_object(
    'lease', json_build_object('orderId', t.order_id, 'deskId', t.desk_id, 'packer', t.packer, 'kind', t.kind,
                               'claimedAt', t.claimed_at, 'expiresAt', t.expires_at),
    'order', c.data,
    'products', (SELECT coalesce(json_agg(json_build_object('productId', p.product_id, 'title', p.title, 'skus',
                   (SELECT coalesce(json_agg(json_build_object('skuId', s.sku_id, 'sellerSku', s.seller_sku, 'code', s.code) ORDER BY s.sku_id), '[]'::json)
                      FROM catalogue_skus s WHERE s.product_id = p.product_id))), '[]'::json)
                   FROM catalogue_products p
                  WHERE p.product_id IN (SELECT l.product_id FROM order_lines l WHERE l.order_id = c.id))
  )::text`;

export interface NextClaim {
  deskId: string;
  packer: string | null;
  kind: LeaseKind;
}

/**
 * Leases the next orders to pack (earliest pack-by first), one to each request, in one statement (one round trip,
 * atomic without a transaction), prepared once per connection: the hub gathers the "next order" requests of desks
 * claiming at once into one call, and a desk's batch is as many requests of that desk. SKIP LOCKED lets statements
 * running at once take different rows instead of queueing behind one another; the lease's primary key settles a
 * candidate another statement took between this one's snapshot and its commit: that request stays unserved and the
 * next round looks further. It reads only free orders (orders.leased_by empty): an idle lease frees its order at the
 * next expiry sweep. Answers, per request, the JSON text a desk receives (api.LeasedOrder), or null when the queue
 * has nothing left for it.
 */
export async function claimNext(
  db: Queryable,
  requests: readonly NextClaim[],
  times: LeaseTimes,
): Promise<Array<string | null>> {
  const answers: Array<string | null> = requests.map(() => null);
  let waiting = requests.map((_, i) => i);
  for (let round = 0; round < 5 && waiting.length > 0; round += 1) {
    const { rows } = await db.query<{ n: number; json: string | null }>({
      name: 'hub-claim-next',
      text: `WITH req AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(desk_id, packer, kind, n)
       ), desk AS (
         INSERT INTO desks (id, first_seen_at, last_seen_at) SELECT DISTINCT desk_id, $4::bigint, $4::bigint FROM req
         ON CONFLICT (id) DO UPDATE SET last_seen_at = GREATEST(desks.last_seen_at, EXCLUDED.last_seen_at) RETURNING id
       ), locked AS (
         SELECT o.id, o.data, o.pack_by FROM orders o
          WHERE o.hub_state = 'queued' AND o.leased_by IS NULL
          ORDER BY o.pack_by NULLS LAST, o.id
          LIMIT (SELECT count(*) FROM req)
          FOR UPDATE OF o SKIP LOCKED
       ), candidate AS (
         SELECT k.id, k.data, r.desk_id, r.packer, r.kind, r.n
           FROM (SELECT locked.*, row_number() OVER (ORDER BY pack_by NULLS LAST, id) AS n FROM locked) k
           JOIN req r ON r.n = k.n
       ), previous AS (
         SELECT l.order_id, l.desk_id, l.packer FROM leases l JOIN candidate c ON c.id = l.order_id
       ), taken AS (
         INSERT INTO leases AS l (order_id, desk_id, packer, kind, claimed_at, renewed_at, expires_at)
         SELECT c.id, d.id, c.packer, c.kind, $4, $4, $5 FROM candidate c JOIN desk d ON d.id = c.desk_id
         ON CONFLICT (order_id) DO UPDATE SET
           desk_id = EXCLUDED.desk_id, packer = EXCLUDED.packer, kind = EXCLUDED.kind, claimed_at = EXCLUDED.claimed_at,
           renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at
         WHERE l.expires_at <= EXCLUDED.claimed_at
         RETURNING l.*
       ), marked AS (
         UPDATE orders o SET leased_by = t.desk_id FROM taken t WHERE o.id = t.order_id
       ), logged AS (
         INSERT INTO lease_events (order_id, desk_id, packer, event, at)
         SELECT p.order_id, p.desk_id, p.packer, 'expired', $4 FROM previous p JOIN taken t ON t.order_id = p.order_id
         UNION ALL
         SELECT t.order_id, t.desk_id, t.packer, 'claimed', $4 FROM taken t
       )
       SELECT c.n, CASE WHEN t.order_id IS NOT NULL THEN ${LEASED_ORDER_JSON} END AS json
         FROM candidate c LEFT JOIN taken t ON t.order_id = c.id`,
      values: [
        waiting.map((i) => requests[i]!.deskId),
        waiting.map((i) => requests[i]!.packer),
        waiting.map((i) => requests[i]!.kind),
        times.now,
        times.now + times.idleMs,
      ],
    });
    const served = new Set<number>();
    for (const row of rows)
      if (row.json !== null) {
        answers[waiting[row.n - 1]!] = row.json;
        served.add(row.n - 1);
      }
    const asked = waiting.length;
    waiting = waiting.filter((_, k) => !served.has(k));
    // Every candidate leased but fewer than asked for: the queue has no more.
    if (rows.every((row) => row.json !== null) && rows.length < asked) break;
  }
  return answers;
}

/** The desk's live leases with their orders. */
export async function deskLeases(db: Queryable, deskId: string, now: number): Promise<LeasedOrder[]> {
  const { rows } = await db.query<LeaseRow & { data: OrderInput }>(
    `SELECT l.*, o.data FROM leases l JOIN orders o ON o.id = l.order_id
      WHERE l.desk_id = $1 AND l.expires_at > $2 AND o.hub_state = 'queued'
      ORDER BY o.pack_by NULLS LAST, o.id`,
    [deskId, now],
  );
  return rows.map((row) => ({ lease: toLease(row), order: row.data }));
}

export interface LostLease {
  orderId: string;
  /** The desk that has it now, or null when nobody does. */
  heldBy: string | null;
  since: number | null;
  state: string | null;
  /** Closed upstream (cancelled, shipped elsewhere): the order as the hub has it now, for the desk to store. */
  order?: OrderInput;
}

/**
 * Extends the desk's leases of these orders. An order whose lease the desk no longer holds is reported lost, with who
 * has it now and the order's state, so a desk coming back learns it before it writes anything of it. One closed
 * upstream goes with the hub's record of it: the desk stores that as its own pull would, so a cancellation reaches
 * the desk's queue and its bench the way it reaches a desk working alone.
 */
export async function renewLeases(
  db: PoolClient,
  deskId: string,
  orderIds: readonly string[],
  times: LeaseTimes,
): Promise<{ renewed: string[]; lost: LostLease[] }> {
  await touchDesk(db, deskId, times.now);
  const { rows } = await db.query<{ order_id: string }>(
    `UPDATE leases l SET renewed_at = $3, expires_at = $4
       FROM orders o
      WHERE l.order_id = o.id AND o.hub_state = 'queued' AND l.desk_id = $1 AND l.order_id = ANY($2::text[])
      RETURNING l.order_id`,
    [deskId, orderIds, times.now, times.now + times.idleMs],
  );
  const renewed = new Set(rows.map((row) => row.order_id));
  const missing = orderIds.filter((id) => !renewed.has(id));
  if (missing.length === 0) return { renewed: [...renewed], lost: [] };
  // An order packed meanwhile is named with the desk that packed it, so the desk drops it from its queue too.
  const { rows: lost } = await db.query<Omit<LostLease, 'order'> & { order: OrderInput | null }>(
    `SELECT ids.id AS "orderId", o.hub_state AS state,
            COALESCE(l.desk_id, CASE WHEN o.hub_state = 'packed' THEN o.done_by_desk END) AS "heldBy",
            COALESCE(l.claimed_at, CASE WHEN o.hub_state = 'packed' THEN o.done_at END) AS since,
            CASE WHEN o.hub_state = 'closed' THEN o.data END AS "order"
       FROM unnest($1::text[]) AS ids(id)
       LEFT JOIN orders o ON o.id = ids.id
       LEFT JOIN leases l ON l.order_id = ids.id AND l.expires_at > $2`,
    [missing, times.now],
  );
  return { renewed: [...renewed], lost: lost.map(({ order, ...gone }) => (order ? { ...gone, order } : gone)) };
}

export type ReleaseOutcome = 'done' | 'held' | 'returned';

/**
 * Ends a desk's lease: done (packed here), held (on hold, out of the queue until a supervisor releases it) or
 * returned (back to the queue). Refused when another desk holds the order now, and when it closed upstream: a desk
 * that packed a cancelled order while it was cut off is not told it is done, it renews the order and learns why.
 */
export async function releaseLease(
  db: PoolClient,
  input: { deskId: string; orderId: string; outcome: ReleaseOutcome; packer: string | null; reason: string | null },
  now: number,
): Promise<{ ok: true } | { ok: false; refusal: ClaimRefusal }> {
  await touchDesk(db, input.deskId, now);
  const { rows } = await db.query<{ hub_state: string }>('SELECT hub_state FROM orders WHERE id = $1 FOR UPDATE', [
    input.orderId,
  ]);
  if (!rows[0]) return { ok: false, refusal: { reason: 'unknown_order' } };
  const { rows: held } = await db.query<LeaseRow>('SELECT * FROM leases WHERE order_id = $1', [input.orderId]);
  const lease = held[0];
  if (lease && lease.desk_id !== input.deskId && lease.expires_at > now)
    return { ok: false, refusal: { reason: 'leased', deskId: lease.desk_id, since: lease.claimed_at } };
  if (rows[0].hub_state === 'closed')
    return { ok: false, refusal: { reason: 'not_queued', state: 'closed', doneBy: null } };
  // A desk repeating a release it already made (its answer was lost) is told it is done.
  if (!lease && rows[0].hub_state !== 'queued') return { ok: true };
  await db.query('DELETE FROM leases WHERE order_id = $1', [input.orderId]);
  await db.query('UPDATE orders SET leased_by = NULL WHERE id = $1', [input.orderId]);
  const packer = input.packer ?? lease?.packer ?? null;
  if (input.outcome === 'done') {
    await db.query(
      `UPDATE orders SET hub_state = 'packed', done_at = $2, done_by_desk = $3, done_by_packer = $4 WHERE id = $1`,
      [input.orderId, now, input.deskId, packer],
    );
    await db.query(
      `INSERT INTO packed_per_hour (hour_start, desk_id, packer, packed) VALUES ($1, $2, $3, 1)
       ON CONFLICT (hour_start, desk_id, packer) DO UPDATE SET packed = packed_per_hour.packed + 1`,
      [now - (now % HOUR_MS), input.deskId, packer ?? ''],
    );
  } else if (input.outcome === 'held') {
    await db.query(`UPDATE orders SET hub_state = 'held', hold_reason = $2 WHERE id = $1`, [
      input.orderId,
      input.reason,
    ]);
  }
  await event(db, input.orderId, input.deskId, packer, input.outcome === 'returned' ? 'released' : input.outcome, now);
  return { ok: true };
}

/** A supervisor frees an order: its lease ends and a held order goes back to the queue. */
export async function supervisorRelease(
  db: PoolClient,
  orderId: string,
  now: number,
): Promise<{ releasedFrom: string | null; state: string } | null> {
  const { rows } = await db.query<{ hub_state: string }>('SELECT hub_state FROM orders WHERE id = $1 FOR UPDATE', [
    orderId,
  ]);
  if (!rows[0]) return null;
  const { rows: deleted } = await db.query<LeaseRow>('DELETE FROM leases WHERE order_id = $1 RETURNING *', [orderId]);
  const lease = deleted[0];
  if (lease) await event(db, orderId, lease.desk_id, lease.packer, 'supervisor_released', now);
  const { rows: after } = await db.query<{ hub_state: string }>(
    `UPDATE orders SET leased_by = NULL, hub_state = CASE WHEN hub_state = 'held' THEN 'queued' ELSE hub_state END, hold_reason = CASE WHEN hub_state = 'held' THEN NULL ELSE hold_reason END
      WHERE id = $1 RETURNING hub_state`,
    [orderId],
  );
  return { releasedFrom: lease?.desk_id ?? null, state: after[0]!.hub_state };
}

/** Ends every lease idle past its time (each leaves an `expired` event for its desk). */
export async function expireLeases(db: Queryable, now: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM leases WHERE expires_at <= $1 RETURNING order_id, desk_id, packer)
     , freed AS (UPDATE orders o SET leased_by = NULL FROM gone g WHERE o.id = g.order_id AND o.leased_by = g.desk_id)
     , logged AS (INSERT INTO lease_events (order_id, desk_id, packer, event, at) SELECT order_id, desk_id, packer, 'expired', $1 FROM gone RETURNING 1)
     SELECT count(*)::int AS n FROM logged`,
    [now],
  );
  return rows[0]?.n ?? 0;
}

/** The orders to pack, by pack-by deadline, with who holds each. */
export async function queue(
  db: Queryable,
  limit: number,
  now: number,
): Promise<Array<{ orderId: string; packBy: number | null; heldBy: string | null; since: number | null }>> {
  const { rows } = await db.query<{
    id: string;
    pack_by: number | null;
    desk_id: string | null;
    claimed_at: number | null;
  }>(
    `SELECT o.id, o.pack_by, l.desk_id, l.claimed_at FROM orders o
       LEFT JOIN leases l ON l.order_id = o.id AND l.expires_at > $2
      WHERE o.hub_state = 'queued'
      ORDER BY o.pack_by NULLS LAST, o.id
      LIMIT $1`,
    [limit, now],
  );
  return rows.map((row) => ({ orderId: row.id, packBy: row.pack_by, heldBy: row.desk_id, since: row.claimed_at }));
}
