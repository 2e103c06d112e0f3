import type { Db } from '../db/database';
import { MAX_ORDER_DETAIL_IDS, type TikTokShopClient, MarketplaceError } from '../marketplace';
import type { PickupSlot } from '../../../shared/contract/sync';
import {
  WriteFailure,
  type MarkShippedItem,
  type MarketplaceWriter,
  type PackageOutcome,
  type ShipItem,
  type UpstreamPackage,
} from './marketplace-writer';

/** Order statuses that mean every package of the order has shipped. */
const SHIPPED_ORDER = new Set(['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED']);
/** Package statuses after Ship Package: PROCESSING (arranged, waiting for the carrier) and later. */
const SHIPPED_PACKAGE = new Set(['PROCESSING', 'FULFILLING', 'COMPLETED']);
/** Package statuses that show the carrier has the parcel. */
const COLLECTED_PACKAGE = new Set(['FULFILLING', 'COMPLETED']);
/** A parcel TikTok has not named yet (ship.mark writes) is keyed by its order. */
const isParcelKey = (packageId: string) => packageId.startsWith('order:');

/** Turns the client's error into the worker's terms (TIKTOK-API.md's error table). */
export function toWriteFailure(error: unknown): WriteFailure {
  if (!(error instanceof MarketplaceError)) {
    return new WriteFailure({
      kind: 'transient',
      message: error instanceof Error ? error.message : String(error),
      mayHaveApplied: true,
    });
  }
  const base = {
    message: error.message,
    code: error.code === null ? null : String(error.code),
    requestId: error.requestId,
  };
  switch (error.kind) {
    case 'rate_limited':
      return new WriteFailure({
        ...base,
        kind: 'rate_limited',
        retryAfterMs: error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000,
      });
    case 'transient':
    case 'clock':
      return new WriteFailure({
        ...base,
        kind: 'transient',
        mayHaveApplied: error.mayHaveApplied,
        unreachable: error.httpStatus === null && error.kind === 'transient',
      });
    // An answer we could not read says nothing about whether the write landed: ask before sending it again.
    case 'malformed':
      return new WriteFailure({ ...base, kind: 'transient', mayHaveApplied: true });
    case 'already_shipped':
      return new WriteFailure({ ...base, kind: 'already_applied' });
    case 'cancelled':
      return new WriteFailure({ ...base, kind: 'cancelled' });
    case 'invalid_tracking':
      return new WriteFailure({ ...base, kind: 'invalid_tracking' });
    // 21011025: another package uses the number: the parcel needs another one.
    case 'tracking_in_use':
      return new WriteFailure({ ...base, kind: 'tracking_in_use' });
    case 'config':
      return new WriteFailure({ ...base, kind: 'config' });
    case 'reconnect':
      return new WriteFailure({ ...base, kind: 'reconnect' });
    // A shipping document is no write's answer; should one ever meet it, resending unchanged would not help.
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
  if ('trackingNumber' in item)
    return { self_shipment: { tracking_number: item.trackingNumber, shipping_provider_id: item.shippingProviderId } };
  return {
    handover_method: item.handoverMethod,
    ...(item.pickupSlot
      ? {
          pickup_slot: {
            start_time: Math.floor(item.pickupSlot.start / 1000),
            end_time: Math.floor(item.pickupSlot.end / 1000),
          },
        }
      : {}),
  };
}

/** The first pickup slot TikTok offers that has not started, or null when it offers none (then: drop-off). */
export function nextSlot(slots: ReadonlyArray<PickupSlot & { available: boolean }>, now: number): PickupSlot | null {
  const open = slots.filter((slot) => slot.available && slot.start >= now).sort((a, b) => a.start - b.start);
  return open[0] ? { start: open[0].start, end: open[0].end } : null;
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
    private readonly now: () => number = Date.now,
  ) {}

  private shopOf(orderId: string): string {
    const row = this.db.prepare('SELECT shop_id FROM orders WHERE id = ?').get(orderId) as
      | { shop_id: string }
      | undefined;
    if (!row) throw new WriteFailure({ kind: 'rejected', message: `order ${orderId} is not in the station database` });
    return row.shop_id;
  }

  /**
   * One call per shop (a batch, or the single endpoint for one package). When one shop's call fails as a whole, its
   * packages carry that failure and the other shops' answers still count.
   */
  async ship(requested: readonly ShipItem[]): Promise<PackageOutcome[]> {
    const items = await Promise.all(requested.map((item) => this.withSlot(item)));
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

  /**
   * The warehouse hands over by pickup: the write carries no slot (it was queued offline, at packing), so it takes
   * the next slot TikTok offers now; where TikTok offers no pickup, the parcel is dropped off.
   */
  private async withSlot(item: ShipItem): Promise<ShipItem> {
    if ('trackingNumber' in item || item.handoverMethod !== 'PICKUP' || item.pickupSlot) return item;
    const answer = await translated(() => this.client.getHandoverTimeSlots(this.shopOf(item.orderId), item.packageId));
    const slot = answer.can_pickup
      ? nextSlot(
          answer.pickup_slots.map((s) => ({
            start: s.start_time * 1000,
            end: s.end_time * 1000,
            available: s.avaliable,
          })),
          this.now(),
        )
      : null;
    return slot ? { ...item, pickupSlot: slot } : { ...item, handoverMethod: 'DROP_OFF', pickupSlot: null };
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
        if (['already_applied', 'cancelled', 'invalid_tracking', 'tracking_in_use', 'rejected'].includes(failure.kind))
          return [{ packageId: item.packageId, ok: false, failure }];
        throw failure;
      }
    }
    const result = await this.client.batchShip(
      shopId,
      group.map((item) => ({ id: item.packageId, ...shipRequest(item) })),
    );
    return [
      ...result.shipped.map((packageId): PackageOutcome => ({ packageId, ok: true, requestId: null })),
      ...result.failed.map(
        ({ packageId, error }): PackageOutcome => ({ packageId, ok: false, failure: toWriteFailure(error) }),
      ),
    ];
  }

  async updateTracking(item: {
    packageId: string;
    orderId: string;
    trackingNumber: string;
    shippingProviderId: string;
  }): Promise<{ requestId: string | null }> {
    const shopId = this.shopOf(item.orderId);
    await translated(() =>
      this.client.updateShippingInfo(shopId, item.packageId, {
        tracking_number: item.trackingNumber,
        shipping_provider_id: item.shippingProviderId,
      }),
    );
    return { requestId: null };
  }

  async markShipped(item: MarkShippedItem): Promise<{ packageId: string; requestId: string | null }> {
    const shopId = this.shopOf(item.orderId);
    const result = await translated(() =>
      this.client.markPackageAsShipped(shopId, item.orderId, {
        orderLineItemIds: [...item.lineItemIds],
        trackingNumber: item.trackingNumber,
        shippingProviderId: item.shippingProviderId,
      }),
    );
    return { packageId: result.packageId, requestId: null };
  }

  /**
   * Collected when the package is FULFILLING (or later) or the carrier's tracking has an event; PROCESSING is the
   * normal state until then, never a missing ship write.
   */
  async confirmHandover(item: { packageId: string; orderId: string }): Promise<{ requestId: string | null }> {
    const shopId = this.shopOf(item.orderId);
    const pkg = await translated(() => this.client.getPackage(shopId, item.packageId));
    if (pkg.package_status === 'CANCELLED')
      throw new WriteFailure({ kind: 'cancelled', message: `package ${item.packageId} was cancelled upstream` });
    if (pkg.package_status && COLLECTED_PACKAGE.has(pkg.package_status)) return { requestId: null };
    const events = await translated(() => this.client.getTracking(shopId, item.orderId));
    if (events.length > 0) return { requestId: null };
    throw new WriteFailure({
      kind: 'not_collected',
      message: `package ${item.packageId} is ${pkg.package_status ?? 'not yet shipped'}: waiting for the carrier's first scan`,
    });
  }

  /** One order-detail call per 50 orders; a package of a partly shipped order is asked about on its own. */
  async upstream(refs: ReadonlyArray<{ packageId: string; orderId: string }>): Promise<Map<string, UpstreamPackage>> {
    const result = new Map<string, UpstreamPackage>();
    for (const [shopId, group] of groupBy(refs, (ref) => this.shopOf(ref.orderId))) {
      const orderIds = [...new Set(group.map((ref) => ref.orderId))];
      for (let i = 0; i < orderIds.length; i += MAX_ORDER_DETAIL_IDS) {
        const orders = await translated(() =>
          this.client.getOrders(shopId, orderIds.slice(i, i + MAX_ORDER_DETAIL_IDS)),
        );
        const byId = new Map(orders.map(({ order }) => [order.id, order]));
        for (const ref of group) {
          const order = byId.get(ref.orderId);
          if (!order) continue;
          const base = { packageId: ref.packageId, orderCancelled: false, createdPackageId: null };
          if (isParcelKey(ref.packageId)) {
            // Marked shipped or not: the package TikTok created carries the parcel's line items.
            const line = order.line_items.find((candidate) => candidate.package_id && candidate.tracking_number);
            result.set(ref.packageId, {
              ...base,
              orderCancelled: order.status === 'CANCELLED',
              shipped: Boolean(line),
              trackingNumber: line?.tracking_number ?? null,
              createdPackageId: line?.package_id ?? null,
            });
            continue;
          }
          const tracking =
            order.line_items.find((line) => line.package_id === ref.packageId && line.tracking_number)
              ?.tracking_number ??
            order.tracking_number ??
            null;
          if (order.status === 'CANCELLED')
            result.set(ref.packageId, { ...base, orderCancelled: true, shipped: false, trackingNumber: tracking });
          else if (SHIPPED_ORDER.has(order.status))
            result.set(ref.packageId, { ...base, shipped: true, trackingNumber: tracking });
          else if (order.status === 'PARTIALLY_SHIPPING') {
            const pkg = await translated(() => this.client.getPackage(shopId, ref.packageId));
            result.set(ref.packageId, {
              ...base,
              shipped: SHIPPED_PACKAGE.has(pkg.package_status ?? ''),
              trackingNumber: pkg.tracking_number ?? tracking,
            });
          } else result.set(ref.packageId, { ...base, shipped: false, trackingNumber: tracking });
        }
      }
    }
    return result;
  }
}
