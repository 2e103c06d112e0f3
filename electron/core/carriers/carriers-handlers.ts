import type { carriersCalls } from '../../../shared/contract/carriers';
import { carrierFor } from '../../../shared/domain/tracking/carriers';
import type { HandlersFor } from '../contract/dispatch';
import { MarketplaceError } from '../marketplace';
import { OrderStore } from '../orders';
import type { StationServices } from '../station/services';
import { CarrierDefaultsStore } from './carrier-defaults-store';
import { carrierForOrder } from './resolve';
import { Conflict, NotFound, Unavailable } from '../errors/domain-errors';

/** Get Shipping Providers' own refusals (get-shipping-providers.spec.json error_code_list), in words for Settings. */
const PROVIDER_REFUSALS: Record<number, string> = {
  21008116: 'The shop has no subscription to this delivery option, so TikTok Shop lists no providers for it.',
  21008117: 'TikTok ships the orders of this delivery option: there is no provider to choose.',
};

function providersFailure(error: unknown): never {
  if (error instanceof MarketplaceError) {
    const refusal = error.code === null ? undefined : PROVIDER_REFUSALS[error.code];
    if (refusal) throw new Conflict(refusal);
    if (error.retryable)
      throw new Unavailable(
        `TikTok Shop cannot be reached for the provider list (${error.message}). Try again when online.`,
      );
    throw new Unavailable(`TikTok Shop refused the provider list: ${error.message}`);
  }
  throw error;
}

/** The warehouse's default carriers per delivery option, TikTok's provider lists, and which carrier ships an order. */
export function carriersHandlers(
  svc: Pick<StationServices, 'audit' | 'db' | 'marketplace' | 'now'>,
): HandlersFor<typeof carriersCalls> {
  const defaults = new CarrierDefaultsStore(svc.db, svc.now);
  const orders = new OrderStore(svc.db);

  return {
    'carriers.defaults.list': () => ({ options: defaults.list() }),

    'carriers.defaults.set': ({ shopId, deliveryOptionId, deliveryOptionName, provider }, ctx) => {
      const userId = ctx.user?.id ?? null;
      svc.db.transaction(() => {
        const before = defaults.get(shopId, deliveryOptionId);
        defaults.set({ shopId, deliveryOptionId, deliveryOptionName: deliveryOptionName ?? null, provider }, userId);
        svc.audit({
          action: 'carriers.defaultSet',
          userId,
          details: {
            shopId,
            deliveryOptionId,
            deliveryOptionName: deliveryOptionName ?? null,
            before,
            after: provider,
          },
        });
      })();
      return defaults.entry(shopId, deliveryOptionId);
    },

    'carriers.providers': async ({ shopId, deliveryOptionId }) => {
      let providers: Array<{ id: string; name: string }>;
      try {
        providers = await svc.marketplace.getShippingProviders(shopId, deliveryOptionId);
      } catch (error) {
        providersFailure(error);
      }
      return { providers: providers.map(({ id, name }) => ({ id, name, carrier: carrierFor(name) })) };
    },

    'carriers.forOrder': ({ orderId, deskChoice }) => {
      const order = orders.get(orderId);
      if (!order) throw new NotFound(`There is no order ${orderId} on this station.`);
      return carrierForOrder(svc.db, order, deskChoice ?? null);
    },
  };
}
