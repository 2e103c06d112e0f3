import { z } from 'zod';
import { CARRIERS } from '../domain/tracking/carriers';
import { call } from './define';

const CarrierId = z.enum(CARRIERS);

/** A shipping provider as TikTok Shop names it; the id is null where only the name is known (a desk's typed choice). */
export const ProviderChoice = z.object({
  id: z.string().trim().min(1).max(64).nullable(),
  name: z.string().trim().min(1).max(100),
});
export type ProviderChoice = z.infer<typeof ProviderChoice>;

const ShopOption = z.object({
  shopId: z.string().trim().min(1).max(64),
  deliveryOptionId: z.string().trim().min(1).max(64),
});

const CarrierDefault = z.object({
  provider: z.object({ id: z.string(), name: z.string() }),
  setBy: z.string().nullable(),
  setAt: z.number(),
});

/** A delivery option of the station's open seller-shipped orders (or one with a default), and its default carrier. */
export const DeliveryOptionDefault = z.object({
  shopId: z.string(),
  deliveryOptionId: z.string(),
  deliveryOptionName: z.string().nullable(),
  /** Open seller-shipped orders of this option at the station. */
  openOrders: z.number().int(),
  default: CarrierDefault.nullable(),
});
export type DeliveryOptionDefault = z.infer<typeof DeliveryOptionDefault>;

/** Which carrier ships an order, and where that came from; or, in plain words, why none is known. */
export const CarrierResolution = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    provider: ProviderChoice,
    /** marketplace: TikTok Shop names it; desk: chosen at the packing desk; default: the warehouse's for the delivery option. */
    source: z.enum(['marketplace', 'desk', 'default']),
    /** The tracking-number rule that applies, or null when Packbench has none for this provider. */
    carrier: CarrierId.nullable(),
  }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type CarrierResolution = z.infer<typeof CarrierResolution>;

export const carriersCalls = {
  /** Delivery options of the open seller-shipped orders, with the warehouse's default carrier of each. */
  'carriers.defaults.list': call({
    input: z.object({}),
    output: z.object({ options: z.array(DeliveryOptionDefault) }),
    access: 'read',
  }),
  /** Sets (or with provider null, removes) the default carrier of a shop's delivery option. */
  'carriers.defaults.set': call({
    input: ShopOption.extend({
      deliveryOptionName: z.string().trim().min(1).max(200).optional(),
      provider: z.object({ id: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(100) }).nullable(),
    }),
    output: DeliveryOptionDefault,
    access: 'supervisor',
  }),
  /** TikTok Shop's shipping providers for a delivery option (Get Shipping Providers; needs the network). */
  'carriers.providers': call({
    input: ShopOption,
    output: z.object({
      providers: z.array(z.object({ id: z.string(), name: z.string(), carrier: CarrierId.nullable() })),
    }),
    access: 'read',
  }),
  /** The carrier of an order: the marketplace's, else the desk's choice, else the default for its delivery option. */
  'carriers.forOrder': call({
    input: z.object({ orderId: z.string().min(1).max(64), deskChoice: ProviderChoice.optional() }),
    output: CarrierResolution,
    access: 'read',
  }),
};
