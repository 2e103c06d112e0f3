import type { SandboxLine, SandboxOrder, SandboxPackage, SandboxRecipient } from './model';
import { deliveryOptionId, SERVICE_NAMES, warehouseId, warehouseOf } from './logistics';
import { COUNTRY_NAMES } from './places';
import { PROVIDER_IDS } from './world';

/**
 * Answers of the order and package APIs, field by field as get-order-list.spec.json / get-order-detail.spec.json
 * and get-package-detail.spec.json spell them.
 */

const SHIPPED = new Set<SandboxPackage['status']>(['PROCESSING', 'FULFILLING', 'COMPLETED']);

/** A line's display_status, from its package (or the order while nothing is packed). */
function displayStatus(order: SandboxOrder, pkg: SandboxPackage | undefined): string {
  if (order.status === 'CANCELLED') return 'CANCELLED';
  switch (pkg?.status) {
    case 'PROCESSING':
      return 'AWAITING_COLLECTION';
    case 'FULFILLING':
      return 'IN_TRANSIT';
    case 'COMPLETED':
      return 'DELIVERED';
    case 'CANCELLED':
      return 'CANCELLED';
    default:
      return order.status === 'UNPAID' || order.status === 'ON_HOLD' ? order.status : 'AWAITING_SHIPMENT';
  }
}

/** recipient_address: every address_line (unused ones empty), no postal_code where the country has none. */
function addressJson(r: SandboxRecipient) {
  const country = COUNTRY_NAMES[r.country] ?? r.country;
  const lines = [0, 1, 2, 3].map((i) => r.lines[i] ?? '');
  return {
    name: r.name,
    first_name: r.name,
    last_name: '',
    phone_number: r.phone,
    address_line1: lines[0]!,
    address_line2: lines[1]!,
    address_line3: lines[2]!,
    address_line4: lines[3]!,
    address_detail: r.lines.filter(Boolean).join(', '),
    ...(r.postalCode ? { postal_code: r.postalCode } : {}),
    region_code: r.country,
    full_address: [...r.lines, r.city, r.district, r.region, r.postalCode, country].filter(Boolean).join(', '),
    district_info: [
      { address_level_name: 'Country', address_name: country, address_level: 'L0' },
      {
        address_level_name:
          r.country === 'US' || r.country === 'BR' ? 'State' : r.country === 'GB' ? 'County' : 'Region',
        address_name: r.region,
        address_level: 'L1',
      },
      ...(r.district ? [{ address_level_name: 'District', address_name: r.district, address_level: 'L2' }] : []),
      { address_level_name: 'City', address_name: r.city, address_level: 'L3' },
    ],
  };
}

function lineJson(order: SandboxOrder, line: SandboxLine, pkg: SandboxPackage | undefined) {
  const shipped = pkg !== undefined && SHIPPED.has(pkg.status);
  return {
    id: line.id,
    sku_id: line.sku.id,
    product_id: line.sku.productId,
    product_name: line.sku.product.title,
    sku_name: line.sku.variant,
    seller_sku: line.sku.sellerSku,
    sku_image: `https://p16-oec-sandbox.packbench.invalid/${line.sku.id}.jpeg`,
    sku_type: 'NORMAL',
    sale_price: line.salePrice,
    original_price: line.salePrice,
    platform_discount: '0.00',
    seller_discount: '0.00',
    currency: order.currency,
    ...(line.packageId === null ? {} : { package_id: line.packageId }),
    package_status: order.status === 'CANCELLED' ? 'CANCELLED' : (pkg?.status ?? 'TO_FULFILL'),
    display_status: displayStatus(order, pkg),
    is_gift: line.isGift,
    ...(shipped && pkg.shippedAt !== null ? { rts_time: pkg.shippedAt } : {}),
    ...(shipped && pkg.trackingNumber
      ? {
          tracking_number: pkg.trackingNumber,
          shipping_provider_id: PROVIDER_IDS[pkg.carrier],
          shipping_provider_name: pkg.carrier,
        }
      : {}),
    ...(order.status === 'CANCELLED' && order.cancelReason
      ? { cancel_reason: order.cancelReason, cancel_user: 'BUYER' }
      : {}),
  };
}

/** One order as Get Order List and Get Order Detail answer it. */
export function orderJson(order: SandboxOrder) {
  const packageById = new Map(order.packages.map((pkg) => [pkg.id, pkg]));
  const shippingFee =
    order.tier === 'express' ? '7.99' : order.tier === 'standard' && order.lines.length < 2 ? '3.99' : '0.00';
  const subTotal = order.lines.reduce((sum, line) => sum + Number(line.salePrice), 0);
  const shipped = order.packages.find((pkg) => SHIPPED.has(pkg.status));
  // TikTok names its own carrier; a seller-shipped order names one only once the seller has shipped with it.
  const provider = order.shippingType === 'TIKTOK' ? order.carrier : shipped?.carrier;
  const addressHidden = order.status === 'UNPAID' || order.status === 'ON_HOLD';
  return {
    id: order.id,
    status: order.status,
    shipping_type: order.shippingType,
    fulfillment_type: 'FULFILLMENT_BY_SELLER',
    delivery_type: 'HOME_DELIVERY',
    order_type: 'NORMAL',
    create_time: order.createTime,
    update_time: order.updateTime,
    ...(order.paidTime === null ? {} : { paid_time: order.paidTime }),
    ...(order.rtsSla === null ? {} : { rts_sla_time: order.rtsSla, shipping_due_time: order.rtsSla }),
    ...(order.ttsSla === null ? {} : { tts_sla_time: order.ttsSla, collection_due_time: order.ttsSla }),
    ...(order.rtsTime === null ? {} : { rts_time: order.rtsTime }),
    ...(order.collectionTime === null ? {} : { collection_time: order.collectionTime }),
    ...(order.cancelTime === null ? {} : { cancel_time: order.cancelTime, cancellation_initiator: 'BUYER' }),
    delivery_option_id: deliveryOptionId(order.shop, order.tier, order.shippingType),
    delivery_option_name: SERVICE_NAMES[order.tier],
    warehouse_id: warehouseId(order.shop),
    ...(provider ? { shipping_provider: provider, shipping_provider_id: PROVIDER_IDS[provider] } : {}),
    ...(shipped?.trackingNumber ? { tracking_number: shipped.trackingNumber } : {}),
    is_cod: order.isCod,
    is_on_hold_order: order.status === 'ON_HOLD',
    is_buyer_request_cancel: false,
    has_updated_recipient_address: order.addressUpdated,
    buyer_message: order.buyerMessage,
    ...(order.cancelReason ? { cancel_reason: order.cancelReason } : {}),
    ...(addressHidden ? {} : { recipient_address: addressJson(order.recipient) }),
    payment: {
      currency: order.currency,
      sub_total: subTotal.toFixed(2),
      shipping_fee: shippingFee,
      seller_discount: '0.00',
      platform_discount: '0.00',
      tax: '0.00',
      original_total_product_price: subTotal.toFixed(2),
      original_shipping_fee: shippingFee,
      total_amount: (subTotal + Number(shippingFee)).toFixed(2),
    },
    line_items: order.lines.map((line) =>
      lineJson(order, line, line.packageId === null ? undefined : packageById.get(line.packageId)),
    ),
    packages: order.packages.map((pkg) => ({ id: pkg.id })),
  };
}

/** Get Package Detail's recipient_address has no district_info nor split names. */
function packageAddress(r: SandboxRecipient) {
  const { district_info: _levels, first_name: _first, last_name: _last, ...address } = addressJson(r);
  return address;
}

/** Get Package Detail's sender_address: the shop's warehouse. */
function senderAddress(order: SandboxOrder) {
  const { address } = warehouseOf(order.shop);
  return {
    full_address: address.full_address,
    phone_number: address.phone_number,
    name: order.shop.name,
    postal_code: address.postal_code,
    address_detail: address.address_line1,
    region_code: address.region_code,
    address_line1: address.address_line1,
    address_line2: '',
    address_line3: '',
    address_line4: '',
  };
}

/** GET /fulfillment/202309/packages/{id}. */
export function packageJson(order: SandboxOrder, pkg: SandboxPackage) {
  const shipped = SHIPPED.has(pkg.status);
  const lines = order.lines.filter((line) => line.packageId === pkg.id);
  const provider = order.shippingType === 'TIKTOK' || shipped ? pkg.carrier : null;
  return {
    package_id: pkg.id,
    orders: [{ id: order.id }],
    package_status: order.status === 'CANCELLED' ? 'CANCELLED' : pkg.status,
    split_and_combine_tag: order.packages.length > 1 ? 'SPLIT' : 'DEFAULT',
    has_multi_skus: new Set(lines.map((line) => line.sku.id)).size > 1,
    note_tag: order.buyerMessage ? 'BUYER_NOTED' : 'BUYER_UNNOTED',
    shipping_type: order.shippingType,
    delivery_option_id: deliveryOptionId(order.shop, order.tier, order.shippingType),
    delivery_option_name: SERVICE_NAMES[order.tier],
    ...(provider ? { shipping_provider_id: PROVIDER_IDS[provider], shipping_provider_name: provider } : {}),
    ...(shipped && pkg.trackingNumber ? { tracking_number: pkg.trackingNumber } : {}),
    ...(pkg.handoverMethod ? { handover_method: pkg.handoverMethod } : {}),
    ...(pkg.pickupSlot ? { pickup_slot: pkg.pickupSlot } : {}),
    order_line_item_ids: lines.map((line) => line.id),
    recipient_address: packageAddress(order.recipient),
    sender_address: senderAddress(order),
    create_time: pkg.createTime,
    update_time: pkg.updateTime,
  };
}
