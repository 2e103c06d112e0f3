import { Order, type OrderLine, type Package, type StationState } from '../../../shared/domain/orders/order';

export interface OrderRow {
  id: string;
  shop_id: string;
  status: string;
  station_state: string;
  shipping_type: string;
  delivery_option_id: string | null;
  delivery_option_name: string | null;
  service: string;
  carrier: string | null;
  buyer_message: string;
  is_cod: number;
  recipient: string;
  created_at: number;
  paid_at: number | null;
  updated_at: number;
  pack_by: number | null;
  handover_by: number | null;
  packed_at: number | null;
  labelled_at: number | null;
  handed_over_at: number | null;
  hold_reason: string | null;
}

export interface LineRow {
  id: string;
  sku_id: string;
  seller_sku: string;
  product_name: string;
  sku_name: string;
  image_url: string | null;
  sale_price: string;
  currency: string;
  package_id: string | null;
  is_gift: number;
}

export interface PackageRow {
  id: string;
  tracking_number: string | null;
  shipping_provider_id: string | null;
  shipping_provider_name: string | null;
}

/** Row-to-domain mapping, apart from the store so the store holds only its queries. */
export function orderFromRows(row: OrderRow, lines: readonly LineRow[], packages: readonly PackageRow[]): Order {
  return Order.parse({
    id: row.id,
    shopId: row.shop_id,
    status: row.status,
    stationState: row.station_state,
    shippingType: row.shipping_type,
    deliveryOptionId: row.delivery_option_id,
    deliveryOptionName: row.delivery_option_name,
    service: row.service,
    carrier: row.carrier,
    buyerMessage: row.buyer_message,
    isCod: row.is_cod === 1,
    recipient: JSON.parse(row.recipient),
    createdAt: row.created_at,
    paidAt: row.paid_at,
    updatedAt: row.updated_at,
    packBy: row.pack_by,
    handoverBy: row.handover_by,
    packedAt: row.packed_at,
    labelledAt: row.labelled_at,
    handedOverAt: row.handed_over_at,
    holdReason: row.hold_reason,
    lines: lines.map((line) => ({
      id: line.id,
      skuId: line.sku_id,
      sellerSku: line.seller_sku,
      productName: line.product_name,
      skuName: line.sku_name,
      imageUrl: line.image_url,
      salePrice: line.sale_price,
      currency: line.currency,
      packageId: line.package_id,
      isGift: line.is_gift === 1,
    })),
    packages: packages.map((pkg) => ({
      id: pkg.id,
      trackingNumber: pkg.tracking_number,
      shippingProviderId: pkg.shipping_provider_id,
      shippingProviderName: pkg.shipping_provider_name,
    })),
  });
}

// Domain-to-row values, bound by position (not by name: naming them took twice as long as the binding itself, and a
// full pull binds 40,000 rows). Each list follows its statement's column list in order-store.ts.

/**
 * The orders columns an insert and an update both set, id last (the update's WHERE); an insert adds shop_id and
 * created_at after them.
 */
export function orderValues(
  order: Order,
  row: { stationState: StationState; recipientJson: string; paymentJson: string; rawJson: string; pulledAt: number },
): unknown[] {
  return [
    order.status,
    row.stationState,
    order.shippingType,
    order.deliveryOptionId,
    order.deliveryOptionName,
    order.service,
    order.carrier,
    order.buyerMessage,
    order.isCod ? 1 : 0,
    row.recipientJson,
    row.paymentJson,
    order.paidAt,
    order.updatedAt,
    order.packBy,
    order.handoverBy,
    row.rawJson,
    row.pulledAt,
    order.id,
  ];
}

/** order_lines (id, order_id, sku_id, seller_sku, product_name, sku_name, image_url, sale_price, currency, package_id, is_gift). */
export function lineValues(orderId: string, line: OrderLine): unknown[] {
  return [
    line.id,
    orderId,
    line.skuId,
    line.sellerSku,
    line.productName,
    line.skuName,
    line.imageUrl,
    line.salePrice,
    line.currency,
    line.packageId,
    line.isGift ? 1 : 0,
  ];
}

/** packages (id, order_id, tracking_number, shipping_provider_id, shipping_provider_name). */
export function packageValues(orderId: string, pkg: Package): unknown[] {
  return [pkg.id, orderId, pkg.trackingNumber, pkg.shippingProviderId, pkg.shippingProviderName];
}
