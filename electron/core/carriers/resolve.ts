import type { CarrierResolution, ProviderChoice } from '../../../shared/contract/carriers';
import type { Order } from '../../../shared/domain/orders/order';
import { carrierFor } from '../../../shared/domain/tracking/carriers';
import type { Db } from '../db/database';
import { CarrierDefaultsStore } from './carrier-defaults-store';

/** The provider TikTok Shop names for the order (its package's, else the order's), or null before it names one. */
function marketplaceProvider(order: Order): ProviderChoice | null {
  const pkg = order.packages[0];
  if (pkg?.shippingProviderName) return { id: pkg.shippingProviderId, name: pkg.shippingProviderName };
  if (order.carrier) return { id: pkg?.shippingProviderId ?? null, name: order.carrier };
  return null;
}

function missing(order: Order): string {
  if (order.shippingType === 'TIKTOK')
    return `TikTok Shop ships order ${order.id} and has not named its carrier yet: it does once the package is shipped.`;
  if (!order.deliveryOptionId) {
    return `No carrier for order ${order.id}: TikTok Shop names none and the order has no delivery option to take a default from. Choose the carrier at the desk.`;
  }
  const option = order.deliveryOptionName ?? order.deliveryOptionId;
  return `No carrier for order ${order.id}: TikTok Shop names none and no default carrier is set for its delivery option "${option}". A supervisor sets one in Settings, Carriers; or choose the carrier at the desk.`;
}

/**
 * Which carrier ships an order: the one the marketplace names, else the one chosen at the desk, else the
 * warehouse's default for the order's shop and delivery option; else why none is known, in plain words.
 */
export function carrierForOrder(db: Db, order: Order, deskChoice?: ProviderChoice | null): CarrierResolution {
  const resolved = (provider: ProviderChoice, source: 'marketplace' | 'desk' | 'default'): CarrierResolution => ({
    ok: true,
    provider,
    source,
    carrier: carrierFor(provider.name),
  });
  const named = marketplaceProvider(order);
  if (named) return resolved(named, 'marketplace');
  if (deskChoice) return resolved(deskChoice, 'desk');
  const fallback = order.deliveryOptionId
    ? new CarrierDefaultsStore(db, Date.now).get(order.shopId, order.deliveryOptionId)
    : null;
  if (fallback) return resolved(fallback, 'default');
  return { ok: false, reason: missing(order) };
}
