import { z } from 'zod';

/** Marketplace order statuses (TikTok Shop 202309). */
export const MarketStatus = z.enum([
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
]);
export type MarketStatus = z.infer<typeof MarketStatus>;

/** Paid orders the seller still has to pack: the statuses that put a new order in a queue, walked in this order. */
export const STATUSES_TO_PACK: readonly MarketStatus[] = ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING'];

/** Where the order is in this warehouse, independent of what the marketplace says. */
export const StationState = z.enum([
  'queued',
  'packing',
  'held',
  'packed',
  'labelled',
  'handed_over',
  'cancelled',
  'shipped_elsewhere',
]);
export type StationState = z.infer<typeof StationState>;

export const ShippingType = z.enum(['TIKTOK', 'SELLER']);
export const Service = z.enum(['standard', 'express', 'economy']);
export type Service = z.infer<typeof Service>;

export const Address = z.object({
  name: z.string(),
  phone: z.string().default(''),
  company: z.string().default(''),
  /** Street lines, in the order they are written on a parcel. */
  lines: z.array(z.string()).min(1),
  city: z.string().default(''),
  region: z.string().default(''),
  /** Empty where the destination has no postal codes (Hong Kong, the UAE): the label prints without one. */
  postalCode: z.string().default(''),
  /** ISO 3166-1 alpha-2. */
  countryCode: z.string().length(2),
  /** The marketplace's one-string form, kept for display when the parts are incomplete. */
  fullAddress: z.string().default(''),
});
export type Address = z.infer<typeof Address>;

/** One unit: TikTok has no quantity field, two of a SKU are two lines. */
export const OrderLine = z.object({
  id: z.string(),
  skuId: z.string(),
  sellerSku: z.string().default(''),
  productName: z.string(),
  skuName: z.string().default(''),
  imageUrl: z.string().nullable().default(null),
  salePrice: z.string().default('0'),
  currency: z.string().default('USD'),
  packageId: z.string().nullable().default(null),
  isGift: z.boolean().default(false),
});
export type OrderLine = z.infer<typeof OrderLine>;

const Package = z.object({
  id: z.string(),
  trackingNumber: z.string().nullable().default(null),
  shippingProviderId: z.string().nullable().default(null),
  shippingProviderName: z.string().nullable().default(null),
});
export type Package = z.infer<typeof Package>;

/** An order as the station keeps it: the marketplace's facts (times in Unix ms) plus the station's progress. */
export const Order = z.object({
  id: z.string(),
  shopId: z.string(),
  status: MarketStatus,
  stationState: StationState.default('queued'),
  shippingType: ShippingType,
  deliveryOptionId: z.string().nullable().default(null),
  deliveryOptionName: z.string().nullable().default(null),
  service: Service.default('standard'),
  carrier: z.string().nullable().default(null),
  buyerMessage: z.string().default(''),
  isCod: z.boolean().default(false),
  recipient: Address,
  createdAt: z.number(),
  paidAt: z.number().nullable().default(null),
  updatedAt: z.number(),
  /** The marketplace's ready-to-ship SLA, else paid + 48 h. */
  packBy: z.number().nullable().default(null),
  /** The marketplace's handover SLA, else paid + 72 h. */
  handoverBy: z.number().nullable().default(null),
  packedAt: z.number().nullable().default(null),
  labelledAt: z.number().nullable().default(null),
  handedOverAt: z.number().nullable().default(null),
  holdReason: z.string().nullable().default(null),
  lines: z.array(OrderLine).min(1),
  packages: z.array(Package).default([]),
});
export type Order = z.infer<typeof Order>;
export type OrderInput = z.input<typeof Order>;
