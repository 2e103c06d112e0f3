import { z } from 'zod';

/**
 * The shapes of TikTok Shop 202309 answers the station relies on. Unknown extra fields are allowed (TikTok adds
 * fields without a new version); a missing or mistyped field the station uses is an error naming that field.
 */

const id = z.string().min(1);
/** Unix seconds. */
const seconds = z.number().int().nonnegative();

/** `code` decides what the answer means, so it must be there; the rest is optional in every spec. */
export const Envelope = z.object({
  code: z.number().int(),
  message: z.string().default(''),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});

/**
 * Every field is optional in the spec. Without id or cipher a shop cannot be called (it is left out); the rest is
 * shown when present. seller_type stays TikTok's string (LOCAL, CROSS_BORDER today).
 */
export const Shop = z.object({
  id,
  name: z.string().default(''),
  region: z.string().default(''),
  seller_type: z.string().default(''),
  cipher: z.string().min(1),
  code: z.string().default(''),
});
export type Shop = z.infer<typeof Shop>;
export const AuthorizedShops = z.object({
  shops: z
    .array(z.unknown())
    .default([])
    .transform((shops) =>
      shops.flatMap((shop) => {
        const parsed = Shop.safeParse(shop);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});

const DistrictInfo = z.object({
  address_level_name: z.string().optional(),
  address_name: z.string().optional(),
  address_level: z.string().optional(),
});

/**
 * The order as Get Order List / Get Order Detail describe it. The spec marks every field optional; the station
 * requires only what it cannot pack or ship without (ids, times, shipping type, the recipient's name and country,
 * one line item) and reads everything else when present. Statuses stay strings: the mapping decides what an
 * unknown one means. postal_code is absent in places without postal codes (Hong Kong, the UAE).
 */
const RecipientAddress = z.object({
  /** Absent or empty where TikTok gives the name in parts. */
  name: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  phone_number: z.string().optional(),
  address_line1: z.string().optional(),
  address_line2: z.string().optional(),
  address_line3: z.string().optional(),
  address_line4: z.string().optional(),
  postal_code: z.string().optional(),
  /** UK only: the town Royal Mail sorts by. */
  post_town: z.string().optional(),
  /** Optional in the spec, but the station cannot address a parcel without the country: the order is listed unreadable. */
  region_code: z.string().length(2),
  full_address: z.string().optional(),
  address_detail: z.string().optional(),
  district_info: z.array(DistrictInfo).optional(),
});

const LineItem = z.object({
  id,
  sku_id: id,
  product_id: z.string().optional(),
  product_name: z.string().optional(),
  sku_name: z.string().optional(),
  seller_sku: z.string().optional(),
  sku_image: z.string().optional(),
  sale_price: z.string().optional(),
  original_price: z.string().optional(),
  currency: z.string().optional(),
  /** Absent before shipping for local sellers (US, UK, EU, JP) until Mark Package As Shipped creates the package. */
  package_id: z.string().optional(),
  package_status: z.string().optional(),
  display_status: z.string().optional(),
  is_gift: z.boolean().optional(),
  tracking_number: z.string().optional(),
  shipping_provider_id: z.string().optional(),
  shipping_provider_name: z.string().optional(),
});
export type LineItem = z.infer<typeof LineItem>;

const Payment = z.object({
  currency: z.string().optional(),
  sub_total: z.string().optional(),
  shipping_fee: z.string().optional(),
  tax: z.string().optional(),
  total_amount: z.string().optional(),
});

export const TikTokOrder = z.object({
  id,
  status: z.string().min(1),
  /** TIKTOK or SELLER today; the mapping refuses an order whose shipping it cannot tell. */
  shipping_type: z.string().optional(),
  create_time: seconds,
  update_time: seconds,
  paid_time: seconds.optional(),
  rts_sla_time: seconds.optional(),
  tts_sla_time: seconds.optional(),
  shipping_due_time: seconds.optional(),
  collection_due_time: seconds.optional(),
  delivery_option_id: z.string().optional(),
  delivery_option_name: z.string().optional(),
  /** Seller-shipped orders often name no carrier before the seller ships. */
  shipping_provider: z.string().optional(),
  shipping_provider_id: z.string().optional(),
  tracking_number: z.string().optional(),
  /** FULFILLMENT_BY_SELLER, FULFILLMENT_BY_TIKTOK, FULFILLMENT_BY_DILAYANI_TOKOPEDIA today (see packedBySeller). */
  fulfillment_type: z.string().optional(),
  is_cod: z.boolean().optional(),
  buyer_message: z.string().optional(),
  cancel_reason: z.string().optional(),
  /** Absent under UNPAID and ON_HOLD. */
  recipient_address: RecipientAddress.optional(),
  payment: Payment.optional(),
  line_items: z.array(LineItem).min(1),
  packages: z.array(z.object({ id: z.string().optional() })).optional(),
});
export type TikTokOrder = z.infer<typeof TikTokOrder>;

/** A search page; its orders are read one by one (TikTokOrder), so one unreadable order does not refuse the page. */
export const OrderSearchPage = z.object({
  orders: z.array(z.unknown()).default([]),
  next_page_token: z.string().default(''),
  total_count: z.number().int().nonnegative().optional(),
});

export const OrderDetail = z.object({ orders: z.array(z.unknown()).default([]) });

const PickupSlot = z.object({ start_time: seconds, end_time: seconds });

/**
 * Get Package Detail (get-package-detail.spec.json): every field is optional there. Statuses stay TikTok's strings
 * (PROCESSING, FULFILLING, COMPLETED, CANCELLED today) so a new one does not make the answer unreadable.
 */
export const PackageDetail = z.object({
  package_id: z.string().optional(),
  package_status: z.string().optional(),
  shipping_type: z.string().optional(),
  orders: z.array(z.object({ id: z.string().optional() })).optional(),
  order_line_item_ids: z.array(z.string()).optional(),
  tracking_number: z.string().optional(),
  last_mile_tracking_number: z.string().optional(),
  shipping_provider_id: z.string().optional(),
  shipping_provider_name: z.string().optional(),
  delivery_option_id: z.string().optional(),
  handover_method: z.string().optional(),
  pickup_slot: z.object({ start_time: seconds.optional(), end_time: seconds.optional() }).optional(),
  create_time: seconds.optional(),
  update_time: seconds.optional(),
});
export type PackageDetail = z.infer<typeof PackageDetail>;

/**
 * Get Package Handover Time Slots: every field is optional in the spec. A slot without both times cannot be booked
 * (left out); a listed slot without `avaliable` is offered; without can_pickup, pickup is possible when a slot is.
 * An absent can_drop_off is not taken as an offer.
 */
export const HandoverTimeSlots = z
  .object({
    can_pickup: z.boolean().optional(),
    can_drop_off: z.boolean().default(false),
    pickup_slots: z
      .array(
        z.object({
          start_time: seconds.optional(),
          end_time: seconds.optional(),
          avaliable: z.boolean().default(true),
        }),
      )
      .default([])
      .transform((slots) =>
        slots.flatMap(({ start_time, end_time, avaliable }) =>
          start_time === undefined || end_time === undefined ? [] : [{ start_time, end_time, avaliable }],
        ),
      ),
    drop_off_point_url: z.string().optional(),
  })
  .transform((answer) => ({
    ...answer,
    can_pickup: answer.can_pickup ?? answer.pickup_slots.some((slot) => slot.avaliable),
  }));
export type HandoverTimeSlots = z.infer<typeof HandoverTimeSlots>;

/** doc_url is optional in the spec, but an answer without it gives nothing to print: read as malformed. */
export const ShippingDocument = z.object({
  doc_url: z.url(),
  tracking_number: z.string().optional(),
});

/** Get Tracking: the list and both fields of an event are optional in the spec. */
export const Tracking = z
  .object({
    tracking: z
      .array(
        z.object({ description: z.string().optional(), update_time_millis: z.number().int().nonnegative().optional() }),
      )
      .optional(),
  })
  .optional();

export const MarkShippedBody = z.object({
  order_line_item_ids: z.array(id).min(1),
  tracking_number: z.string().min(1),
  shipping_provider_id: id,
});

/** The package id is optional in the spec, but without it there is nothing to ship against: malformed. */
export const MarkShippedAnswer = z.object({
  order_id: z.string().optional(),
  package_id: id,
  order_line_item_ids: z.array(z.string()).optional(),
  warning: z.object({ message: z.string().optional() }).optional(),
});

/** Both fields of a provider are optional in the spec: one without id cannot be chosen (left out). */
export const ShippingProviders = z.object({
  shipping_providers: z
    .array(z.object({ id: z.string().optional(), name: z.string().default('') }))
    .default([])
    .transform((providers) =>
      providers.flatMap(({ id: providerId, name }) => (providerId ? [{ id: providerId, name }] : [])),
    ),
});

export const ShipPackageRequest = z.object({
  handover_method: z.enum(['PICKUP', 'DROP_OFF']).optional(),
  pickup_slot: PickupSlot.optional(),
  self_shipment: z.object({ tracking_number: z.string().min(1), shipping_provider_id: id }).optional(),
});
export type ShipPackageRequest = z.infer<typeof ShipPackageRequest>;

export const BatchShipRequest = z.object({
  packages: z.array(ShipPackageRequest.extend({ id })).min(1).max(50),
});
export type BatchShipRequest = z.infer<typeof BatchShipRequest>;

/**
 * Every field is optional in the reference: a batch where every package shipped may answer `data: {}` or no data at
 * all. An error the station cannot pin to a package is checked in batchShip, where it can say which call it was.
 */
export const BatchShipResult = z
  .object({
    errors: z
      .array(
        z.object({
          code: z.number().int().optional(),
          message: z.string().optional(),
          detail: z.object({ package_id: z.string().optional() }).optional(),
        }),
      )
      .optional(),
  })
  .optional();

export const UpdateShippingInfoRequest = z.object({ tracking_number: z.string().min(1), shipping_provider_id: id });

export const EmptyData = z.object({}).optional();

/** The spec lists GTIN, EAN, UPC, ISBN and JAN; the type is kept as sent so a new one does not refuse the product. */
const IdentifierCode = z.object({ code: z.string().optional(), type: z.string().optional() });

/** Get Product: every field optional in the spec; a SKU without id or code just gives no barcode. */
export const ProductDetail = z.object({
  id: z.string().optional(),
  title: z.string().optional(),
  status: z.string().optional(),
  skus: z
    .array(
      z.object({
        id: z.string().optional(),
        seller_sku: z.string().optional(),
        identifier_code: IdentifierCode.optional(),
      }),
    )
    .optional(),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

export const TokenGrant = z.object({
  access_token: z.string().min(1),
  access_token_expire_in: seconds,
  refresh_token: z.string().min(1),
  refresh_token_expire_in: seconds,
  open_id: z.string().optional(),
  seller_name: z.string().optional(),
});
export type TokenGrant = z.infer<typeof TokenGrant>;

/**
 * The answer with every null-valued field left out: the spec only says a field may be absent, and servers that write
 * an absent field as null (as many JSON encoders do) mean the same. Null inside a list stays (a list of nothing).
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null) out[key] = typeof field === 'object' ? withoutNulls(field) : field;
  }
  return out;
}

/** "data.orders[3].update_time": where a zod issue points, in the form a developer searches the answer for. */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    prefix,
  );
}
