import { deadlinesFor } from '../../../shared/domain/deadlines/sla';
import { MarketStatus, Order, ShippingType, type OrderInput, type Service } from '../../../shared/domain/orders/order';
import { MarketplaceError } from './errors';
import { fieldPath, type TikTokOrder } from './schemas';

const ms = (seconds: number | undefined): number | null => (seconds === undefined ? null : seconds * 1000);

/** TikTok names service tiers only in the delivery option's name ("Express shipping", ...). */
export function serviceOf(deliveryOptionName: string | undefined): Service {
  const name = (deliveryOptionName ?? '').toLowerCase();
  if (/express|expedited|priority|next.?day/.test(name)) return 'express';
  if (/economy|saver|slow/.test(name)) return 'economy';
  return 'standard';
}

/**
 * Whether the seller's own warehouse packs this order: the spec says only FULFILLMENT_BY_SELLER orders can be shipped
 * by sellers (TikTok's or Tokopedia's warehouses pack the others). Absent means the seller, as before the field existed.
 */
export function packedBySeller(order: TikTokOrder): boolean {
  return order.fulfillment_type === undefined || order.fulfillment_type === 'FULFILLMENT_BY_SELLER';
}

const SHIPPED_PACKAGE = new Set(['PROCESSING', 'FULFILLING', 'COMPLETED']);
const SHIPPED_LINE = new Set(['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED']);

/**
 * A line item still to go in a parcel from this desk: not shipped already (a PARTIALLY_SHIPPING order's other
 * parcel) and not cancelled on its own. TikTok says so per line (package_status, display_status, tracking_number).
 */
function lineToPack(line: TikTokOrder['line_items'][number]): boolean {
  if (line.display_status === 'CANCELLED' || line.package_status === 'CANCELLED') return false;
  if (
    line.tracking_number ||
    SHIPPED_PACKAGE.has(line.package_status ?? '') ||
    SHIPPED_LINE.has(line.display_status ?? '')
  )
    return false;
  return true;
}

/**
 * The station order each input mapOrder returned parsed to: the store takes it from here instead of checking the same
 * order a second time (a tenth of a full pull's thread went to checking each order twice).
 */
const checked = new WeakMap<OrderInput, Order>();

/** The station order mapOrder found `input` to be, when mapOrder made it; else undefined (check it yourself). */
export function checkedOrder(input: OrderInput): Order | undefined {
  return checked.get(input);
}

/** Why an order that matches the spec still cannot become a station order: the field inside the order, and why. */
export interface MappingRefusal {
  field: string;
  reason: string;
}

/** A TikTok order (202309) as the station's Order, or why it cannot be one. */
export function mapOrder(shopId: string, order: TikTokOrder): { order: OrderInput } | { refusal: MappingRefusal } {
  const status = MarketStatus.safeParse(order.status);
  if (!status.success) {
    return {
      refusal: {
        field: 'status',
        reason: `status "${order.status}" is not one the station knows, so it cannot tell whether to pack the order`,
      },
    };
  }
  const shippingType = ShippingType.safeParse(order.shipping_type);
  if (!shippingType.success) {
    const sent = order.shipping_type === undefined ? 'no shipping type' : `shipping type "${order.shipping_type}"`;
    return {
      refusal: {
        field: 'shipping_type',
        reason: `the order has ${sent}, so the station cannot tell who prints the label and ships it`,
      },
    };
  }
  const address = order.recipient_address;
  // TikTok sends the address from AWAITING_SHIPMENT on (none under UNPAID and ON_HOLD).
  if (!address) return { refusal: { field: 'recipient_address', reason: 'the order has no recipient address yet' } };
  const streetLines = [
    address.address_line1,
    address.address_line2,
    address.address_line3,
    address.address_line4,
  ].filter((line): line is string => !!line?.trim());
  // Every line is optional in the spec: without them the detailed address, else the one-string address, is the street.
  const fallback = [address.address_detail, address.full_address].find((line): line is string => !!line?.trim());
  const lines = streetLines.length > 0 ? streetLines : fallback ? [fallback] : [];
  if (lines.length === 0)
    return {
      refusal: { field: 'recipient_address.address_line1', reason: 'the recipient address has no street line' },
    };
  const level = (code: string) => address.district_info?.find((d) => d.address_level === code)?.address_name ?? '';
  const paidAt = ms(order.paid_time);
  const { packBy, handoverBy } = deadlinesFor({
    rtsSlaTime: ms(order.rts_sla_time),
    ttsSlaTime: ms(order.tts_sla_time),
    paidAt,
  });
  const trackingByPackage = new Map<
    string,
    { trackingNumber: string; providerId: string | null; providerName: string | null }
  >();
  for (const line of order.line_items) {
    if (line.package_id && line.tracking_number) {
      trackingByPackage.set(line.package_id, {
        trackingNumber: line.tracking_number,
        providerId: line.shipping_provider_id ?? null,
        providerName: line.shipping_provider_name ?? null,
      });
    }
  }
  // Only the lines still to pack are packed; an order with none left (shipped or cancelled as a whole) keeps them all
  // so its record stays whole. The packages holding lines to pack come first: the workflow ships each of them.
  const toPack = order.line_items.filter(lineToPack);
  const packLines = toPack.length > 0 ? toPack : order.line_items;
  const packageIds = new Set([
    ...packLines.flatMap((line) => (line.package_id ? [line.package_id] : [])),
    ...(order.packages ?? []).flatMap((p) => (p.id && !trackingByPackage.has(p.id) ? [p.id] : [])),
    ...order.line_items.flatMap((line) => (line.package_id ? [line.package_id] : [])),
    ...(order.packages ?? []).flatMap((p) => (p.id ? [p.id] : [])),
  ]);
  const input: OrderInput = {
    id: order.id,
    shopId,
    status: status.data,
    shippingType: shippingType.data,
    deliveryOptionId: order.delivery_option_id ?? null,
    deliveryOptionName: order.delivery_option_name ?? null,
    service: serviceOf(order.delivery_option_name),
    carrier:
      order.shipping_provider ||
      (order.line_items.find((line) => line.shipping_provider_name)?.shipping_provider_name ?? null),
    buyerMessage: order.buyer_message ?? '',
    isCod: order.is_cod ?? false,
    recipient: {
      name: address.name?.trim() || [address.first_name, address.last_name].filter((part) => part?.trim()).join(' '),
      phone: address.phone_number ?? '',
      lines,
      city: (address.region_code === 'GB' && address.post_town?.trim()) || level('L3') || level('L2'),
      region: level('L1'),
      postalCode: address.postal_code ?? '',
      countryCode: address.region_code,
      fullAddress: address.full_address ?? '',
    },
    createdAt: order.create_time * 1000,
    paidAt,
    updatedAt: order.update_time * 1000,
    packBy,
    handoverBy,
    lines: packLines.map((line) => ({
      id: line.id,
      skuId: line.sku_id,
      sellerSku: line.seller_sku ?? '',
      productName: line.product_name ?? line.sku_name ?? '',
      skuName: line.sku_name ?? '',
      imageUrl: line.sku_image ?? null,
      salePrice: line.sale_price ?? '0',
      currency: line.currency ?? order.payment?.currency ?? undefined,
      packageId: line.package_id ?? null,
      isGift: line.is_gift ?? false,
    })),
    packages: [...packageIds].map((id) => {
      const shipped = trackingByPackage.get(id);
      return {
        id,
        trackingNumber: shipped?.trackingNumber ?? null,
        shippingProviderId: shipped?.providerId ?? null,
        shippingProviderName: shipped?.providerName ?? null,
      };
    }),
  };
  // Checked here, not at the store, so one order the station cannot keep is listed instead of refusing its page.
  const parsed = Order.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      refusal: { field: `(station order) ${fieldPath('', issue.path).replace(/^\./, '')}`, reason: issue.message },
    };
  }
  checked.set(input, parsed.data);
  return { order: input };
}

/**
 * mapOrder for callers that take one refusal as a failure: `index` is the order's place in the answer, so the
 * error names the exact field (data.orders[3].recipient_address.address_line1).
 */
export function toStationOrder(call: string, shopId: string, order: TikTokOrder, index: number): OrderInput {
  const mapped = mapOrder(shopId, order);
  if ('order' in mapped) return mapped.order;
  const field = `data.orders[${index}].${mapped.refusal.field}`;
  throw new MarketplaceError({
    kind: 'malformed',
    call,
    field,
    message: `order ${order.id}: ${mapped.refusal.reason} (${field})`,
  });
}
