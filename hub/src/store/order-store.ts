import { STATUSES_TO_PACK, type OrderInput } from '../../../shared/domain/orders/order';
import type { Queryable } from '../db/pool';

/** Codes are compared as a scanner may send them: trimmed, upper-case. */
const codeKey = (code: string) => code.trim().toUpperCase();

function scanCodes(order: OrderInput): Array<{ code: string; kind: string }> {
  const codes = new Map<string, string>([[codeKey(order.id), 'order']]);
  for (const pkg of order.packages ?? []) {
    codes.set(codeKey(pkg.id), 'package');
    if (pkg.trackingNumber) codes.set(codeKey(pkg.trackingNumber), 'tracking');
  }
  return [...codes].map(([code, kind]) => ({ code, kind }));
}

/** Which of these order ids the hub already has. */
export async function knownOrderIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>('SELECT id FROM orders WHERE id = ANY($1::text[])', [ids]);
  return new Set(rows.map((row) => row.id));
}

/**
 * Stores orders as the marketplace now has them, with their lines, packages and scan codes; call inside the page's
 * transaction. An older version never overwrites a newer one, nor the same version one the hub knows cancelled (a
 * cancellation webhook came before TikTok's index showed it). An order that left the statuses to pack while queued
 * or held is closed (cancelled or shipped elsewhere) and loses its lease, so no desk packs it. Returns the ids
 * written. `productOfLine` names each line's product (the mapped order leaves it out), for the barcode lookups.
 */
export async function upsertOrders(
  db: Queryable,
  orders: readonly OrderInput[],
  now: number,
  productOfLine: ReadonlyMap<string, string> = new Map(),
): Promise<string[]> {
  if (orders.length === 0) return [];
  const rows = orders.map((order) => ({
    id: order.id,
    shop_id: order.shopId,
    status: order.status,
    pack_by: order.packBy ?? null,
    handover_by: order.handoverBy ?? null,
    updated_at: order.updatedAt,
    data: order,
  }));
  const { rows: written } = await db.query<{ id: string }>(
    `INSERT INTO orders AS o (id, shop_id, status, hub_state, pack_by, handover_by, market_updated_at, data, pulled_at)
     SELECT r.id, r.shop_id, r.status, CASE WHEN r.status = ANY($3::text[]) THEN 'queued' ELSE 'closed' END,
            r.pack_by, r.handover_by, r.updated_at, r.data, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(id TEXT, shop_id TEXT, status TEXT, pack_by BIGINT, handover_by BIGINT, updated_at BIGINT, data JSONB)
     ON CONFLICT (id) DO UPDATE SET
       status = EXCLUDED.status, pack_by = EXCLUDED.pack_by, handover_by = EXCLUDED.handover_by,
       market_updated_at = EXCLUDED.market_updated_at, data = EXCLUDED.data, pulled_at = EXCLUDED.pulled_at,
       hub_state = CASE WHEN NOT (EXCLUDED.status = ANY($3::text[])) AND o.hub_state IN ('queued', 'held') THEN 'closed' ELSE o.hub_state END
     WHERE o.market_updated_at < EXCLUDED.market_updated_at
        OR (o.market_updated_at = EXCLUDED.market_updated_at AND (o.status <> 'CANCELLED' OR EXCLUDED.status = 'CANCELLED'))
     RETURNING o.id`,
    [JSON.stringify(rows), now, STATUSES_TO_PACK],
  );
  const ids = written.map((row) => row.id);
  if (ids.length === 0) return [];
  const kept = new Set(ids);
  const stored = orders.filter((order) => kept.has(order.id));
  await db.query('DELETE FROM order_lines WHERE order_id = ANY($1::text[])', [ids]);
  await db.query('DELETE FROM packages WHERE order_id = ANY($1::text[])', [ids]);
  await db.query('DELETE FROM barcodes WHERE order_id = ANY($1::text[])', [ids]);
  const lines = stored.flatMap((order) =>
    order.lines.map((line) => ({
      order_id: order.id,
      id: line.id,
      sku_id: line.skuId,
      seller_sku: line.sellerSku ?? '',
      product_name: line.productName,
      package_id: line.packageId ?? null,
      product_id: productOfLine.get(line.id) ?? null,
    })),
  );
  await db.query(
    `INSERT INTO order_lines (order_id, id, sku_id, seller_sku, product_name, package_id, product_id)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(order_id TEXT, id TEXT, sku_id TEXT, seller_sku TEXT, product_name TEXT, package_id TEXT, product_id TEXT)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(lines)],
  );
  const packages = stored.flatMap((order) =>
    (order.packages ?? []).map((pkg) => ({
      order_id: order.id,
      id: pkg.id,
      tracking_number: pkg.trackingNumber ?? null,
      shipping_provider_id: pkg.shippingProviderId ?? null,
    })),
  );
  await db.query(
    `INSERT INTO packages (order_id, id, tracking_number, shipping_provider_id)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(order_id TEXT, id TEXT, tracking_number TEXT, shipping_provider_id TEXT)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(packages)],
  );
  const codes = stored.flatMap((order) => scanCodes(order).map((code) => ({ order_id: order.id, ...code })));
  await db.query(
    `INSERT INTO barcodes (code, order_id, kind)
     SELECT code, order_id, kind FROM jsonb_to_recordset($1::jsonb) AS r(code TEXT, order_id TEXT, kind TEXT)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(codes)],
  );
  await closeLeases(db, ids);
  return ids;
}

/** The order a scanned code names (its id, a package id or a tracking number), or null. */
export async function orderIdForCode(db: Queryable, code: string): Promise<string | null> {
  const { rows } = await db.query<{ order_id: string }>(
    'SELECT order_id FROM barcodes WHERE code = $1 ORDER BY order_id LIMIT 1',
    [codeKey(code)],
  );
  return rows[0]?.order_id ?? null;
}

/** Ends the leases of those of these orders that are closed (cancelled or shipped upstream): nobody packs them. */
export async function closeLeases(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(
    `WITH closed AS (UPDATE orders SET leased_by = NULL WHERE id = ANY($1::text[]) AND hub_state = 'closed' RETURNING id)
     DELETE FROM leases WHERE order_id IN (SELECT id FROM closed)`,
    [ids],
  );
}
