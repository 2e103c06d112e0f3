import { z } from 'zod';
import { MarketStatus, Order, Service, ShippingType, StationState } from '../domain/orders/order';
import { call } from './define';

/** One shop whose part of a pull failed; the other shops' parts went on. */
export const ShopPullError = z.object({
  shopId: z.string(),
  shopName: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ShopPullError = z.infer<typeof ShopPullError>;

export const PullSummary = z.object({
  id: z.number().int(),
  trigger: z.enum(['start', 'interval', 'manual']),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  outcome: z.enum(['running', 'ok', 'failed']),
  pages: z.number().int(),
  /** Orders the marketplace returned. */
  received: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  cancelled: z.number().int(),
  /** What kind of failure stopped the pull (malformed, reconnect, config, transient, ...; see marketplace/errors.ts). */
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** The shops that failed in this pull, each with its own error. */
  shopErrors: z.array(ShopPullError).default([]),
});
export type PullSummary = z.infer<typeof PullSummary>;

const ConnectionState = z.enum(['unknown', 'connected', 'unreachable', 'reconnect_required', 'config_error']);

export const MarketplaceStatus = z.object({
  mode: z.enum(['sandbox', 'tiktok']),
  baseUrl: z.string(),
  connection: z.object({ state: ConnectionState, message: z.string(), at: z.number() }),
  pulling: z.boolean(),
  intervalSeconds: z.number().int(),
  lastPull: PullSummary.nullable(),
  /** When a pull last finished without error. */
  lastSuccessAt: z.number().nullable(),
});
export type MarketplaceStatus = z.infer<typeof MarketplaceStatus>;

const QueueFilter = z.object({
  carrier: z.string().min(1).max(60).optional(),
  service: Service.optional(),
  /** Position of the first row wanted in the whole queue (the list scrolls through pages of it). */
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type QueueFilter = z.input<typeof QueueFilter>;

/** One order in the Orders list: only what a row shows. The full order is orders.get. */
export const QueueRow = z.object({
  id: z.string(),
  /** Open at a desk right now (station_state 'packing'); listed before the orders waiting. */
  atDesk: z.boolean(),
  packBy: z.number().nullable(),
  shippingType: ShippingType,
  carrier: z.string().nullable(),
  service: Service,
  /** Units per SKU, in the order of the order's lines (two units of a SKU are two lines upstream). */
  items: z.array(z.object({ name: z.string(), count: z.number().int() })),
  shipTo: z.object({ name: z.string(), city: z.string(), postalCode: z.string(), countryCode: z.string() }),
  isCod: z.boolean(),
  hasGift: z.boolean(),
  buyerMessage: z.string(),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const OrderQueue = z.object({
  /** Rows offset .. offset + limit of the queue: orders open at a desk, then the others by pack-by deadline. */
  orders: z.array(QueueRow),
  offset: z.number().int(),
  /** Orders in the whole (filtered) queue. */
  total: z.number().int(),
  carriers: z.array(z.object({ carrier: z.string(), count: z.number().int() })),
  services: z.array(z.object({ service: Service, count: z.number().int() })),
});
export type OrderQueue = z.infer<typeof OrderQueue>;

/** An order the marketplace sent that the station could not read; the pull fetches it again every time. */
export const UnreadableOrder = z.object({
  shopId: z.string(),
  orderId: z.string(),
  /** The field inside TikTok's order record, e.g. "recipient_address.region_code". */
  field: z.string(),
  reason: z.string(),
  firstSeenAt: z.number(),
  lastTriedAt: z.number(),
  /** Pulls that have read it so far. */
  attempts: z.number().int(),
});
export type UnreadableOrder = z.infer<typeof UnreadableOrder>;

/** What changed upstream in an order the station already had. */
export const OrderChange = z.enum(['cancelled', 'address_changed']);
export type OrderChange = z.infer<typeof OrderChange>;

export const ordersCalls = {
  /**
   * One page of the orders to pack (open at a desk first, then earliest pack-by deadline first), slim rows, with the
   * queue's total and the carriers and services present for filtering.
   */
  'orders.queue': call({ input: QueueFilter, output: OrderQueue, access: 'read' }),
  'orders.get': call({
    input: z.object({ id: z.string().min(1).max(64) }),
    output: Order,
    access: 'read',
    lan: 'details',
  }),
  /** Pulls from the marketplace now (joins a pull already running) and answers with its summary. */
  'orders.pullNow': call({ input: z.object({}), output: PullSummary, access: 'packer' }),
  'marketplace.status': call({ input: z.object({}), output: MarketplaceStatus, access: 'read' }),
  /** Orders the pull could not read, oldest first, each with the field and the reason. */
  'orders.unreadable': call({
    input: z.object({}),
    output: z.object({ orders: z.array(UnreadableOrder) }),
    access: 'read',
  }),
};

export const ordersEvents = {
  /**
   * An order's marketplace facts changed (a pull updated it; cancelled upstream: status CANCELLED). `changes` names
   * what a pull found changed in an order the station already had (a packer holding it must stop).
   */
  'order.changed': z.object({
    orderId: z.string(),
    status: MarketStatus,
    stationState: StationState,
    changes: z.array(OrderChange).optional(),
  }),
  'pull.status': MarketplaceStatus,
};
