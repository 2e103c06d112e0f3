import type { Db } from '../db/database';
import type { TikTokShopClient } from '../marketplace/client';
import { MarketplaceError } from '../marketplace/errors';
import { WriteFailure, type MarketplaceWriter, type PackageOutcome, type ShipItem, type UpstreamPackage } from './marketplace-writer';

/** Order statuses that mean every package of the order has shipped. */
const SHIPPED_ORDER = new Set(['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED']);
const MAX_ORDER_IDS = 50;

/** Turns the client's error into the worker's terms (TIKTOK-API.md's error table). */
export function toWriteFailure(error: unknown): WriteFailure {
  if (!(error instanceof MarketplaceError)) {
    return new WriteFailure({ kind: 'transient', message: error instanceof Error ? error.message : String(error), mayHaveApplied: true });
  }
  const base = { message: error.message, code: error.code === null ? null : String(error.code), requestId: error.requestId };
  switch (error.kind) {
    case 'rate_limited':
      return new WriteFailure({ ...base, kind: 'rate_limited', retryAfterMs: error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000 });
    case 'transient':
    case 'clock':
      return new WriteFailure({ ...base, kind: 'transient', mayHaveApplied: error.mayHaveApplied, unreachable: error.httpStatus === null && error.kind === 'transient' });
    // An answer we could not read says nothing about whether the write landed: ask before sending it again.
    case 'malformed':
      return new WriteFailure({ ...base, kind: 'transient', mayHaveApplied: true });
    case 'already_shipped':
      return new WriteFailure({ ...base, kind: 'already_applied' });
    case 'cancelled':
      return new WriteFailure({ ...base, kind: 'cancelled' });
    case 'invalid_tracking':
    case 'tracking_in_use': // 21011025: another package uses the number; a new one must be entered, like a wrong one.
      return new WriteFailure({ ...base, kind: 'invalid_tracking' });
    case 'config':
      return new WriteFailure({ ...base, kind: 'config' });
    case 'reconnect':
      return new WriteFailure({ ...base, kind: 'reconnect' });
    case 'not_found':
    case 'document_unavailable':
    case 'rejected':
      return new WriteFailure({ ...base, kind: 'rejected' });
  }
}

async function translated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toWriteFailure(error);
  }
}

function shipRequest(item: ShipItem) {
  if ('trackingNumber' in item) return { self_shipment: { tracking_number: item.trackingNumber, shipping_provider_id: item.shippingProviderId } };
  return {
    handover_method: item.handoverMethod,
    ...(item.pickupSlot ? { pickup_slot: { start_time: Math.floor(item.pickupSlot.start / 1000), end_time: Math.floor(item.pickupSlot.end / 1000) } } : {}),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** The sync worker's marketplace: TikTok Shop's client, with each order's shop looked up in the station database. */
export class TikTokWriter implements MarketplaceWriter {
  constructor(
    private readonly client: TikTokShopClient,
    private readonly db: Db,
    /** TikTok's batch ship takes up to 50 packages. */
    readonly maxBatch = 50,
  ) {}

  private shopOf(orderId: string): string {
    const row = this.db.prepare('SELECT shop_id FROM orders WHERE id = ?').get(orderId) as { shop_id: string } | undefined;
    if (!row) throw new WriteFailure({ kind: 'rejected', message: `order ${orderId} is not in the station database` });
    return row.shop_id;
  }

  /**
   * One call per shop (a batch, or the single endpoint for one package). When one shop's call fails as a whole, its
   * packages carry that failure and the other shops' answers still count.
   */
  async ship(items: readonly ShipItem[]): Promise<PackageOutcome[]> {
    const groups = [...groupBy(items, (item) => this.shopOf(item.orderId))];
    const outcomes: PackageOutcome[] = [];
    for (const [index, [shopId, group]] of groups.entries()) {
      try {
        outcomes.push(...(await this.shipGroup(shopId, group)));
      } catch (error) {
        const failure = toWriteFailure(error);
        // The first call failing for lack of a network fails them all; the caller decides how to retry.
        if (index === 0 && groups.length === 1) throw failure;
        for (const item of group) outcomes.push({ packageId: item.packageId, ok: false, failure });
      }
    }
    return outcomes;
  }

  private async shipGroup(shopId: string, group: ShipItem[]): Promise<PackageOutcome[]> {
    if (group.length === 1) {
      const item = group[0]!;
      try {
        await this.client.shipPackage(shopId, item.packageId, shipRequest(item));
        return [{ packageId: item.packageId, ok: true, requestId: null }];
      } catch (error) {
        const failure = toWriteFailure(error);
        // A refusal of this package alone is its answer; a failed call as a whole is the caller's to handle.
        if (['already_applied', 'cancelled', 'invalid_tracking', 'rejected'].includes(failure.kind)) return [{ packageId: item.packageId, ok: false, failure }];
        throw failure;
      }
    }
    const result = await this.client.batchShip(shopId, group.map((item) => ({ id: item.packageId, ...shipRequest(item) })));
    return [
      ...result.shipped.map((packageId): PackageOutcome => ({ packageId, ok: true, requestId: null })),
      ...result.failed.map(({ packageId, error }): PackageOutcome => ({ packageId, ok: false, failure: toWriteFailure(error) })),
    ];
  }

  async updateTracking(item: { packageId: string; orderId: string; trackingNumber: string; shippingProviderId: string }): Promise<{ requestId: string | null }> {
    const shopId = this.shopOf(item.orderId);
    await translated(() => this.client.updateShippingInfo(shopId, item.packageId, { tracking_number: item.trackingNumber, shipping_provider_id: item.shippingProviderId }));
    return { requestId: null };
  }

  async confirmHandover(item: { packageId: string; orderId: string }): Promise<{ requestId: string | null }> {
    const shopId = this.shopOf(item.orderId);
    const pkg = await translated(() => this.client.getPackage(shopId, item.packageId));
    if (pkg.package_status === 'CANCELLED') throw new WriteFailure({ kind: 'cancelled', message: `package ${item.packageId} was cancelled upstream` });
    if (pkg.package_status === 'PROCESSING') {
      throw new WriteFailure({ kind: 'rejected', message: `package ${item.packageId} left with the carrier, but the marketplace does not show it shipped: its ship write is missing` });
    }
    return { requestId: null };
  }

  /** One order-detail call per 50 orders; a package of a partly shipped order is asked about on its own. */
  async upstream(refs: ReadonlyArray<{ packageId: string; orderId: string }>): Promise<Map<string, UpstreamPackage>> {
    const result = new Map<string, UpstreamPackage>();
    for (const [shopId, group] of groupBy(refs, (ref) => this.shopOf(ref.orderId))) {
      const orderIds = [...new Set(group.map((ref) => ref.orderId))];
      for (let i = 0; i < orderIds.length; i += MAX_ORDER_IDS) {
        const orders = await translated(() => this.client.getOrders(shopId, orderIds.slice(i, i + MAX_ORDER_IDS)));
        const byId = new Map(orders.map(({ order }) => [order.id, order]));
        for (const ref of group) {
          const order = byId.get(ref.orderId);
          if (!order) continue;
          const tracking = order.line_items.find((line) => line.package_id === ref.packageId && line.tracking_number)?.tracking_number ?? order.tracking_number ?? null;
          if (order.status === 'CANCELLED') result.set(ref.packageId, { packageId: ref.packageId, orderCancelled: true, shipped: false, trackingNumber: tracking });
          else if (SHIPPED_ORDER.has(order.status)) result.set(ref.packageId, { packageId: ref.packageId, orderCancelled: false, shipped: true, trackingNumber: tracking });
          else if (order.status === 'PARTIALLY_SHIPPING') {
            const pkg = await translated(() => this.client.getPackage(shopId, ref.packageId));
            result.set(ref.packageId, { packageId: ref.packageId, orderCancelled: false, shipped: pkg.package_status !== 'PROCESSING', trackingNumber: pkg.tracking_number ?? tracking });
          } else result.set(ref.packageId, { packageId: ref.packageId, orderCancelled: false, shipped: false, trackingNumber: tracking });
        }
      }
    }
    return result;
  }
}
