import { Order } from '../../../shared/domain/orders/order';

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
