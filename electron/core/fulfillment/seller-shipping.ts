import type { OutboxWrite } from '../../../shared/contract/sync';
import type { Order } from '../../../shared/domain/orders/order';
import type { TrackingStore } from '../printing';
import type { Shipment, ShipmentPatch } from './shipment-store';

export type SellerLabelPlan = ShipmentPatch & { labelState: Shipment['labelState'] };

/** The key of a parcel TikTok has not named yet (local sellers before Mark Package As Shipped). */
const parcelKey = (orderId: string) => `order:${orderId}`;

/** A seller parcel with its carrier: printable when a number is known or a range covers the carrier, else scanned. */
export function sellerLabelPlan(
  tracking: TrackingStore,
  order: Order,
  carrier: string,
  providerId: string | null,
): SellerLabelPlan {
  const known = order.packages[0]?.trackingNumber ?? null;
  const range = tracking.peek(carrier);
  const provider = providerId ?? range?.shippingProviderId ?? tracking.providerFor(carrier);
  if (!provider) {
    return {
      labelState: 'failed',
      carrier,
      shippingProviderId: null,
      reason: { code: 'no_provider_id', carrier },
      todo: { code: 'choose_carrier' },
    };
  }
  if (known || range)
    return {
      labelState: 'ready',
      carrier,
      shippingProviderId: provider,
      trackingNumber: known,
      reason: null,
      todo: null,
    };
  return {
    labelState: 'scan_tracking',
    carrier,
    shippingProviderId: provider,
    reason: { code: 'no_range', carrier },
    todo: { code: 'scan_tracking', carrier },
  };
}

/** A seller parcel no carrier could be found for: the desk must choose one. */
export function noCarrierPlan(order: Order): SellerLabelPlan {
  return {
    labelState: 'failed',
    reason: order.deliveryOptionId
      ? { code: 'no_carrier_no_default', option: order.deliveryOptionName ?? order.deliveryOptionId }
      : { code: 'no_carrier_no_option' },
    todo: { code: 'choose_carrier' },
    carrier: null,
    shippingProviderId: null,
  };
}

/**
 * Seller shipping: Ship Package where the order has a package, else Mark Package As Shipped with its line items.
 * Null while the parcel lacks a tracking number or a provider: TikTok would refuse the write.
 */
export function sellerShipWrite(order: Order, shipment: Shipment): OutboxWrite | null {
  if (!shipment.trackingNumber || !shipment.shippingProviderId) return null;
  const pkg = order.packages[0];
  return pkg
    ? {
        kind: 'ship.seller',
        orderId: order.id,
        packageId: pkg.id,
        trackingNumber: shipment.trackingNumber,
        shippingProviderId: shipment.shippingProviderId,
        ...(shipment.carrier ? { shippingProviderName: shipment.carrier } : {}),
      }
    : {
        kind: 'ship.mark',
        orderId: order.id,
        packageId: parcelKey(order.id),
        lineItemIds: order.lines.map((line) => line.id),
        trackingNumber: shipment.trackingNumber,
        shippingProviderId: shipment.shippingProviderId,
      };
}
