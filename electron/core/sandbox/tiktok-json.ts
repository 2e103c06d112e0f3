import type { z } from 'zod';
import type { PackageDetail, TikTokOrder } from '../marketplace/schemas';
import type { SandboxOrder, SandboxPackage } from './order-factory';
import { COUNTRY_NAMES, PROVIDER_IDS, SERVICE_NAMES, deliveryOptionId } from './world';

const LINE_STATUS: Record<SandboxPackage['status'], string> = {
  PROCESSING: 'AWAITING_SHIPMENT',
  FULFILLING: 'AWAITING_COLLECTION',
  COMPLETED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
};

/** The order as TikTok's 202309 order search / detail answers it. */
export function orderJson(order: SandboxOrder): z.input<typeof TikTokOrder> {
  const packageById = new Map(order.packages.map((pkg) => [pkg.id, pkg]));
  const shippingFee = order.tier === 'express' ? '7.99' : order.tier === 'standard' && order.lines.length < 2 ? '3.99' : '0.00';
  const subTotal = order.lines.reduce((sum, line) => sum + Number(line.salePrice), 0);
  const r = order.recipient;
  const shipped = order.packages.find((pkg) => pkg.status === 'FULFILLING' || pkg.status === 'COMPLETED');
  return {
    id: order.id,
    status: order.status,
    shipping_type: order.shippingType,
    create_time: order.createTime,
    update_time: order.updateTime,
    ...(order.paidTime === null ? {} : { paid_time: order.paidTime }),
    ...(order.rtsSla === null ? {} : { rts_sla_time: order.rtsSla, shipping_due_time: order.rtsSla }),
    ...(order.ttsSla === null ? {} : { tts_sla_time: order.ttsSla, collection_due_time: order.ttsSla }),
    delivery_option_id: deliveryOptionId(order.shop, order.tier),
    delivery_option_name: SERVICE_NAMES[order.tier],
    shipping_provider: order.carrier,
    shipping_provider_id: PROVIDER_IDS[order.carrier],
    ...(shipped?.trackingNumber ? { tracking_number: shipped.trackingNumber } : {}),
    is_cod: order.isCod,
    buyer_message: order.buyerMessage,
    ...(order.cancelReason ? { cancel_reason: order.cancelReason } : {}),
    recipient_address: {
      name: r.name,
      phone_number: r.phone,
      ...Object.fromEntries(r.lines.map((line, i) => [`address_line${i + 1}`, line])),
      postal_code: r.postalCode,
      region_code: r.country,
      full_address: [...r.lines, r.city, r.region, r.postalCode, COUNTRY_NAMES[r.country] ?? r.country].join(', '),
      district_info: [
        { address_level_name: 'Country', address_name: COUNTRY_NAMES[r.country] ?? r.country, address_level: 'L0' },
        { address_level_name: r.country === 'US' ? 'State' : 'County', address_name: r.region, address_level: 'L1' },
        { address_level_name: 'City', address_name: r.city, address_level: 'L3' },
      ],
    },
    payment: {
      currency: order.currency,
      sub_total: subTotal.toFixed(2),
      shipping_fee: shippingFee,
      tax: '0.00',
      total_amount: (subTotal + Number(shippingFee)).toFixed(2),
    },
    line_items: order.lines.map((line) => {
      const pkg = packageById.get(line.packageId)!;
      const shippedPkg = pkg.status === 'FULFILLING' || pkg.status === 'COMPLETED';
      return {
        id: line.id,
        sku_id: line.sku.id,
        product_id: line.sku.productId,
        product_name: line.sku.product.title,
        sku_name: line.sku.variant,
        seller_sku: line.sku.sellerSku,
        sku_image: `https://p16-oec-sandbox.packbench.invalid/${line.sku.id}.jpeg`,
        sale_price: line.salePrice,
        original_price: line.salePrice,
        currency: order.currency,
        package_id: line.packageId,
        display_status: order.status === 'CANCELLED' ? 'CANCELLED' : LINE_STATUS[pkg.status],
        is_gift: line.isGift,
        ...(shippedPkg && pkg.trackingNumber
          ? { tracking_number: pkg.trackingNumber, shipping_provider_id: PROVIDER_IDS[pkg.carrier], shipping_provider_name: pkg.carrier }
          : {}),
      };
    }),
    packages: order.packages.map((pkg) => ({ id: pkg.id })),
  };
}

/** GET /fulfillment/202309/packages/{id}. */
export function packageJson(order: SandboxOrder, pkg: SandboxPackage): z.input<typeof PackageDetail> {
  const shipped = pkg.status !== 'PROCESSING' && pkg.status !== 'CANCELLED';
  return {
    package_id: pkg.id,
    package_status: order.status === 'CANCELLED' ? 'CANCELLED' : pkg.status,
    shipping_type: order.shippingType,
    orders: [{ id: order.id }],
    ...(shipped && pkg.trackingNumber ? { tracking_number: pkg.trackingNumber } : {}),
    shipping_provider_id: PROVIDER_IDS[pkg.carrier],
    shipping_provider_name: pkg.carrier,
    ...(pkg.handoverMethod ? { handover_method: pkg.handoverMethod } : {}),
    ...(pkg.pickupSlot ? { pickup_slot: pkg.pickupSlot } : {}),
    update_time: pkg.updateTime,
  };
}
