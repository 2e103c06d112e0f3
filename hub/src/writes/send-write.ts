import type { OutboxWrite } from '../../../shared/contract/sync';
import type { TikTokShopClient } from '../../../electron/core/marketplace/client';
import { WriteFailure, type UpstreamPackage } from '../../../electron/core/sync/marketplace-writer';
import { nextSlot, toWriteFailure } from '../../../electron/core/sync/tiktok-writer';

/** Order statuses that mean every package of the order has shipped. */
const SHIPPED_ORDER = new Set(['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED']);
/** Package statuses after Ship Package (PROCESSING = arranged, waiting for the carrier) and the collected ones. */
const SHIPPED_PACKAGE = new Set(['PROCESSING', 'FULFILLING', 'COMPLETED']);
const COLLECTED_PACKAGE = new Set(['FULFILLING', 'COMPLETED']);
const isParcelKey = (packageId: string) => packageId.startsWith('order:');

async function translated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toWriteFailure(error);
  }
}

/**
 * Sends one desk write to TikTok with the shared client, one package per call (desks hand writes over one by one;
 * the hub's order per package matters more than batching). Throws WriteFailure as the station's worker sees it.
 * Answers the package TikTok created for a parcel marked shipped.
 */
export async function sendWrite(
  client: TikTokShopClient,
  shopId: string,
  write: OutboxWrite,
  now: number,
): Promise<{ createdPackageId: string | null }> {
  switch (write.kind) {
    case 'ship.seller':
      await translated(() =>
        client.shipPackage(shopId, write.packageId, {
          self_shipment: { tracking_number: write.trackingNumber, shipping_provider_id: write.shippingProviderId },
        }),
      );
      return { createdPackageId: null };
    case 'ship.tiktok':
    case 'pickup.book': {
      let method = write.kind === 'pickup.book' ? 'PICKUP' : write.handoverMethod;
      let slot = write.pickupSlot;
      // Queued offline at packing without a slot: take the next one TikTok offers now, else drop off.
      if (method === 'PICKUP' && !slot) {
        const answer = await translated(() => client.getHandoverTimeSlots(shopId, write.packageId));
        slot = answer.can_pickup
          ? nextSlot(
              answer.pickup_slots.map((s) => ({
                start: s.start_time * 1000,
                end: s.end_time * 1000,
                available: s.avaliable,
              })),
              now,
            )
          : null;
        if (!slot) method = 'DROP_OFF';
      }
      const pickup =
        method === 'PICKUP' && slot
          ? { pickup_slot: { start_time: Math.floor(slot.start / 1000), end_time: Math.floor(slot.end / 1000) } }
          : {};
      await translated(() => client.shipPackage(shopId, write.packageId, { handover_method: method, ...pickup }));
      return { createdPackageId: null };
    }
    case 'ship.mark': {
      const result = await translated(() =>
        client.markPackageAsShipped(shopId, write.orderId, {
          orderLineItemIds: write.lineItemIds,
          trackingNumber: write.trackingNumber,
          shippingProviderId: write.shippingProviderId,
        }),
      );
      return { createdPackageId: result.packageId };
    }
    case 'tracking.update':
      await translated(() =>
        client.updateShippingInfo(shopId, write.packageId, {
          tracking_number: write.trackingNumber,
          shipping_provider_id: write.shippingProviderId,
        }),
      );
      return { createdPackageId: null };
    case 'handover.confirm': {
      // TikTok has no handover write: the carrier's first scan records it. Settled once TikTok shows the parcel collected.
      const pkg = await translated(() => client.getPackage(shopId, write.packageId));
      if (pkg.package_status === 'CANCELLED')
        throw new WriteFailure({ kind: 'cancelled', message: `package ${write.packageId} was cancelled upstream` });
      if (pkg.package_status && COLLECTED_PACKAGE.has(pkg.package_status)) return { createdPackageId: null };
      if ((await translated(() => client.getTracking(shopId, write.orderId))).length > 0)
        return { createdPackageId: null };
      throw new WriteFailure({
        kind: 'not_collected',
        message: `package ${write.packageId} is ${pkg.package_status ?? 'not yet shipped'}: waiting for the carrier's first scan`,
      });
    }
  }
}

/** What TikTok says now about the package a write is for: asked before a write that may have landed is sent again. */
export async function upstreamPackage(
  client: TikTokShopClient,
  shopId: string,
  ref: { orderId: string; packageId: string },
): Promise<UpstreamPackage | null> {
  const [found] = await translated(() => client.getOrders(shopId, [ref.orderId]));
  if (!found) return null;
  const order = found.order;
  const base = { packageId: ref.packageId, orderCancelled: order.status === 'CANCELLED', createdPackageId: null };
  if (isParcelKey(ref.packageId)) {
    const line = order.line_items.find((candidate) => candidate.package_id && candidate.tracking_number);
    return {
      ...base,
      shipped: Boolean(line),
      trackingNumber: line?.tracking_number ?? null,
      createdPackageId: line?.package_id ?? null,
    };
  }
  const tracking =
    order.line_items.find((line) => line.package_id === ref.packageId && line.tracking_number)?.tracking_number ??
    order.tracking_number ??
    null;
  if (order.status === 'CANCELLED') return { ...base, shipped: false, trackingNumber: tracking };
  if (SHIPPED_ORDER.has(order.status)) return { ...base, shipped: true, trackingNumber: tracking };
  if (order.status !== 'PARTIALLY_SHIPPING') return { ...base, shipped: false, trackingNumber: tracking };
  const pkg = await translated(() => client.getPackage(shopId, ref.packageId));
  return {
    ...base,
    shipped: SHIPPED_PACKAGE.has(pkg.package_status ?? ''),
    trackingNumber: pkg.tracking_number ?? tracking,
  };
}
