import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { inTransaction, type Pool } from './db/pool';
import type { HubPuller } from './pull/hub-puller';
import { closeLeases } from './store/order-store';
import { sameSecret } from './token';

/** The hex HMAC-SHA256 of app_key + raw body keyed with app_secret, as TikTok signs a webhook. */
export function webhookSignature(appKey: string, appSecret: string, rawBody: string): string {
  return createHmac('sha256', appSecret)
    .update(appKey + rawBody)
    .digest('hex');
}

export function validWebhookSignature(
  appKey: string,
  appSecret: string,
  rawBody: string,
  authorization: string | undefined,
): boolean {
  if (!authorization || !appSecret) return false;
  return sameSecret(authorization.trim().toLowerCase(), webhookSignature(appKey, appSecret, rawBody));
}

const Id = z.union([z.string().min(1), z.number().int().transform(String)]);
const WebhookEvent = z.object({
  type: z.number().int(),
  shop_id: Id,
  tts_notification_id: Id.optional(),
  timestamp: z.number().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
const OrderData = z.object({ order_id: Id, order_status: z.string().optional(), cancel_status: z.string().optional() });
const PackageData = z.object({
  package_list: z.array(z.object({ order_id_list: z.array(Id).default([]) })).default([]),
});

/** Order status change, recipient address update, package update, cancellation status change. */
const ORDER_WEBHOOKS = new Set([1, 3, 4, 11]);
/** Statuses that end an order at once, before its detail is fetched: nobody may pack it from now on. */
const CANCELLED_NOW = new Set(['CANCEL', 'CANCELLED', 'CANCELLATION_REQUEST_SUCCESS', 'CANCELLATION_REQUEST_COMPLETE']);

export type WebhookVerdict = { status: 200; accepted: boolean } | { status: 400; message: string };

/**
 * Records a signed event (once per notification id: TikTok retries deliveries) and closes an order cancelled by it
 * at once. The orders it names are fetched by id afterwards (processPending): TikTok wants its answer within 3 s.
 */
export async function recordWebhook(
  pool: Pool,
  rawBody: string,
  now: number,
): Promise<WebhookVerdict & { orderIds?: string[] }> {
  let parsed: z.infer<typeof WebhookEvent>;
  try {
    const checked = WebhookEvent.safeParse(JSON.parse(rawBody));
    if (!checked.success) return { status: 400, message: z.prettifyError(checked.error) };
    parsed = checked.data;
  } catch {
    return { status: 400, message: 'the body is not JSON' };
  }
  if (!ORDER_WEBHOOKS.has(parsed.type)) return { status: 200, accepted: false };
  const single = OrderData.safeParse(parsed.data);
  const orderIds =
    parsed.type === 4
      ? [...new Set(PackageData.parse(parsed.data).package_list.flatMap((pkg) => pkg.order_id_list))]
      : single.success
        ? [single.data.order_id]
        : [];
  if (orderIds.length === 0) return { status: 400, message: 'the event names no order' };
  const cancelled = single.success && CANCELLED_NOW.has(single.data.order_status ?? single.data.cancel_status ?? '');
  await inTransaction(pool, async (db) => {
    await db.query(
      `INSERT INTO webhook_events (notification_id, type, shop_id, order_ids, payload, received_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (notification_id) WHERE notification_id IS NOT NULL DO NOTHING`,
      [parsed.tts_notification_id ?? null, parsed.type, parsed.shop_id, orderIds, rawBody, now],
    );
    if (cancelled) {
      // The stored order says so too: desks holding it are handed this record and cancel it as their own pull would.
      await db.query(
        `UPDATE orders SET hub_state = 'closed', status = 'CANCELLED', data = jsonb_set(data, '{status}', '"CANCELLED"')
          WHERE id = ANY($1::text[]) AND hub_state IN ('queued', 'held')`,
        [orderIds],
      );
      await closeLeases(db, orderIds);
    }
  });
  return { status: 200, accepted: true, orderIds };
}

/** Fetches the orders of every event not yet handled, per shop, and marks those events handled. */
export async function processPendingWebhooks(pool: Pool, puller: HubPuller, now: () => number): Promise<number> {
  const { rows } = await pool.query<{ id: number; shop_id: string; order_ids: string[] }>(
    'SELECT id, shop_id, order_ids FROM webhook_events WHERE handled_at IS NULL ORDER BY id LIMIT 500',
  );
  const byShop = new Map<string, { ids: Set<string>; events: number[] }>();
  for (const row of rows) {
    const entry = byShop.get(row.shop_id) ?? { ids: new Set<string>(), events: [] };
    row.order_ids.forEach((id) => entry.ids.add(id));
    entry.events.push(row.id);
    byShop.set(row.shop_id, entry);
  }
  let handled = 0;
  for (const [shopId, entry] of byShop) {
    // A failed fetch leaves the events pending: the next round (or the next pull) picks them up.
    await puller.fetchOrders(shopId, [...entry.ids]);
    await pool.query('UPDATE webhook_events SET handled_at = $2 WHERE id = ANY($1::bigint[])', [entry.events, now()]);
    handled += entry.events.length;
  }
  return handled;
}
