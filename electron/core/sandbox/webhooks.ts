import { createHmac, randomInt } from 'node:crypto';
import type { Gate } from './gate';
import type { Market, MarketEvent } from './market';
import type { SandboxOrder } from './model';
import type { SandboxShop } from './world';

/** The topics the sandbox sends (update-shop-webhook.spec.json's event_type), with the type number of their guide. */
export const EVENT_TYPES = {
  ORDER_STATUS_CHANGE: 1,
  RECIPIENT_ADDRESS_UPDATE: 3,
  CANCELLATION_STATUS_CHANGE: 11,
} as const;
export type EventType = keyof typeof EVENT_TYPES;

/** configuration-guide.md: retries 2 min, 30 min, 3 h and 12 h after each failure, then none. */
const RETRY_AFTER = [120, 1800, 3 * 3600, 12 * 3600];

const LOG_SIZE = 200;

interface Subscription {
  address: string;
  create_time: number;
  update_time: number;
}

interface Delivery {
  address: string;
  body: string;
  /** Sandbox-clock second of the next attempt. */
  due: number;
  attempt: number;
}

/** Order statuses as the order-status webhook spells them (guides/1-order-status-change.md). */
const statusName = (order: SandboxOrder) => (order.status === 'CANCELLED' ? 'CANCEL' : order.status);

/**
 * TikTok's webhooks: per shop and topic an address (Update / Get / Delete Shop Webhook), and a signed POST for each
 * change, with TikTok's retry schedule on the sandbox clock. The Authorization header is the hex HMAC-SHA256 of
 * app_key + raw body, keyed with the app secret.
 */
export class Webhooks {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly waiting: Delivery[] = [];
  /** What happened to each delivery attempt, for GET /sandbox/state. */
  readonly log: Array<{ type: number; address: string; attempt: number; status: number | 'unreachable' }> = [];

  constructor(
    private readonly market: Market,
    private readonly gate: Gate,
  ) {
    market.observe((event) => this.onEvent(event));
  }

  subscribe(shop: SandboxShop, eventType: EventType, address: string): void {
    const key = `${shop.id}|${eventType}`;
    const now = this.market.now();
    this.subscriptions.set(key, {
      address,
      create_time: this.subscriptions.get(key)?.create_time ?? now,
      update_time: now,
    });
  }

  unsubscribe(shop: SandboxShop, eventType: string): void {
    this.subscriptions.delete(`${shop.id}|${eventType}`);
  }

  list(shop: SandboxShop) {
    const webhooks = [...this.subscriptions.entries()]
      .filter(([key]) => key.startsWith(`${shop.id}|`))
      .map(([key, sub]) => ({ event_type: key.split('|')[1]!, ...sub }));
    return { webhooks, total_count: webhooks.length };
  }

  private onEvent(event: MarketEvent): void {
    if (event.kind === 'tick') return this.retryDue(event.now);
    const { order, at } = event;
    if (event.kind === 'status')
      this.send(order.shop, 'ORDER_STATUS_CHANGE', {
        order_id: order.id,
        order_status: statusName(order),
        is_on_hold_order: order.status === 'ON_HOLD',
        update_time: at,
      });
    if (event.kind === 'address')
      this.send(order.shop, 'RECIPIENT_ADDRESS_UPDATE', { order_id: order.id, update_time: at });
    if (event.kind === 'cancelled') {
      this.send(order.shop, 'CANCELLATION_STATUS_CHANGE', {
        order_id: order.id,
        cancellations_role: 'BUYER',
        cancel_status: 'CANCELLATION_REQUEST_COMPLETE',
        cancel_id: `40${order.id.slice(-17)}`,
        create_time: at,
      });
    }
  }

  private send(shop: SandboxShop, eventType: EventType, data: Record<string, unknown>): void {
    const subscription = this.subscriptions.get(`${shop.id}|${eventType}`);
    if (!subscription) return;
    const notificationId = `73${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e8)).padStart(8, '0')}`;
    const body = JSON.stringify({
      type: EVENT_TYPES[eventType],
      tts_notification_id: notificationId,
      shop_id: shop.id,
      timestamp: this.market.now(),
      data,
    });
    void this.attempt({ address: subscription.address, body, due: this.market.now(), attempt: 0 });
  }

  private retryDue(now: number): void {
    const due = this.waiting.filter((delivery) => delivery.due <= now);
    for (const delivery of due) {
      this.waiting.splice(this.waiting.indexOf(delivery), 1);
      void this.attempt(delivery);
    }
  }

  /** One POST; 200 and 401 both end it (the guide's acceptable answers), anything else waits for the next retry. */
  private async attempt(delivery: Delivery): Promise<void> {
    const { appKey, appSecret } = this.gate.current();
    const signature = createHmac('sha256', appSecret).update(`${appKey}${delivery.body}`).digest('hex');
    const type = (JSON.parse(delivery.body) as { type: number }).type;
    let status: number | 'unreachable';
    try {
      const res = await fetch(delivery.address, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: signature },
        body: delivery.body,
        signal: AbortSignal.timeout(3_000),
      });
      status = res.status;
    } catch {
      status = 'unreachable';
    }
    this.log.push({ type, address: delivery.address, attempt: delivery.attempt, status });
    // A demo sandbox runs for days: keep the recent attempts only.
    if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
    if (status === 200 || status === 401 || delivery.attempt >= RETRY_AFTER.length) return;
    this.waiting.push({
      ...delivery,
      due: this.market.now() + RETRY_AFTER[delivery.attempt]!,
      attempt: delivery.attempt + 1,
    });
  }
}
