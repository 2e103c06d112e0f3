import { z } from 'zod';
import { ApiError, invalidParameters } from './errors';
import type { Documents } from './documents';
import { parse, type Route } from './route';
import { packageJson } from './tiktok-json';

/** Ship Package's body (ship-package.spec.json). */
const ShipBody = z.object({
  handover_method: z.enum(['PICKUP', 'DROP_OFF']).optional(),
  pickup_slot: z.object({ start_time: z.number().int(), end_time: z.number().int() }).optional(),
  self_shipment: z.object({ tracking_number: z.string().min(1), shipping_provider_id: z.string().min(1) }).optional(),
});

const BatchShipBody = z.object({
  packages: z
    .array(ShipBody.extend({ id: z.string().min(1) }))
    .min(1)
    .max(50),
});

const MarkBody = z.object({
  order_line_item_ids: z.array(z.string().min(1)).optional(),
  tracking_number: z.string().min(1),
  shipping_provider_id: z.string().min(1),
});

const UpdateShippingInfoBody = z.object({
  tracking_number: z.string().min(1),
  shipping_provider_id: z.string().min(1),
});

/** Ship, documents, tracking: the fulfillment APIs. */
export function fulfillmentRoutes(documents: Documents): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/packages\/ship$/,
      api: 'batch-ship-packages',
      shopScoped: true,
      handle: ({ market, shop, body }) => {
        const request = parse(BatchShipBody, body);
        const errors: Array<{ code: number; message: string; detail: { package_id: string } }> = [];
        for (const { id, ...ship } of request.packages) {
          try {
            market.shipping.ship(shop, id, ship, 'batch-ship-packages');
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            errors.push({ code: error.code, message: error.message, detail: { package_id: id } });
          }
        }
        return errors.length > 0 ? { errors } : {};
      },
    },
    {
      method: 'GET',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)$/,
      api: 'get-package-detail',
      shopScoped: true,
      handle: ({ market, shop, params }) => {
        const { order, pkg } = market.packageOf(shop, params[0]!, 'get-package-detail');
        return packageJson(order, pkg);
      },
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/ship$/,
      api: 'ship-package',
      shopScoped: true,
      handle: ({ market, shop, params, body }) => {
        market.shipping.ship(shop, params[0]!, parse(ShipBody, body ?? {}), 'ship-package');
        return {};
      },
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/packages$/,
      api: 'mark-package-as-shipped',
      shopScoped: true,
      handle: ({ market, shop, params, body }) => market.shipping.markShipped(shop, params[0]!, parse(MarkBody, body)),
    },
    {
      method: 'GET',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/handover_time_slots$/,
      api: 'get-package-handover-time-slots',
      shopScoped: true,
      handle: ({ market, shop, params }) => {
        const { order } = market.packageOf(shop, params[0]!, 'get-package-handover-time-slots');
        if (order.shippingType === 'SELLER') throw invalidParameters();
        return market.shipping.handoverSlots();
      },
    },
    {
      method: 'GET',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_documents$/,
      api: 'get-package-shipping-document',
      shopScoped: true,
      handle: (ctx) => documents.issue(ctx),
    },
    {
      method: 'POST',
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_info\/update$/,
      api: 'update-package-shipping-info',
      shopScoped: true,
      handle: ({ market, shop, params, body }) => {
        const request = parse(UpdateShippingInfoBody, body);
        market.shipping.updateShippingInfo(shop, params[0]!, request.tracking_number, request.shipping_provider_id);
        return {};
      },
    },
    {
      method: 'GET',
      pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/tracking$/,
      api: 'get-tracking',
      shopScoped: true,
      handle: ({ market, shop, params }) => {
        const order = market.order(params[0]!);
        if (!order || order.shop.id !== shop.id) throw invalidParameters();
        // Newest first, as a carrier's tracking page lists them.
        const events = order.packages.flatMap((pkg) => pkg.tracking).sort((a, b) => b.atMs - a.atMs);
        return {
          tracking: events.map((event) => ({ description: event.description, update_time_millis: event.atMs })),
        };
      },
    },
  ];
}
