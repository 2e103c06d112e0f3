import { z } from 'zod';
import { liveProduct } from './catalogue';
import { Code, documented, invalidParameters } from './errors';
import { productJson } from './product-json';
import { decodePageToken, encodePageToken, parse, type Route } from './route';
import { orderJson } from './tiktok-json';
import { deliveryOptionById, deliveryOptionsOf, warehouseId, warehouseOf } from './logistics';
import { CURRENCY, PROVIDER_IDS } from './world';

/** Get Order List's body filters (get-order-list.spec.json). */
const SearchBody = z.object({
  order_status: z.string().optional(),
  shipping_type: z.enum(['TIKTOK', 'SELLER']).optional(),
  update_time_ge: z.number().int().optional(),
  update_time_lt: z.number().int().optional(),
  create_time_ge: z.number().int().optional(),
  create_time_lt: z.number().int().optional(),
});

/** When the sandbox's catalogue was listed (2024-01-01): products carry it as create and update time. */
const CATALOGUE_LISTED = 1_704_067_200;

const getOrders: Route['handle'] = ({ market, shop, query }) => {
  const ids = (query.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length === 0 || ids.length > 50) throw invalidParameters();
  return {
    orders: ids
      .map((id) => market.order(id))
      .filter((o) => o?.shop.id === shop.id)
      .map((o) => orderJson(o!)),
  };
};

/** Authorization, orders, products and logistics: the read APIs. */
export const shopRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/authorization\/202309\/shops$/,
    api: 'get-authorized-shops',
    shopScoped: false,
    handle: ({ market }) => ({
      shops: market.shops().map((shop) => ({
        id: shop.id,
        name: shop.name,
        region: shop.region,
        seller_type: shop.sellerType,
        cipher: shop.cipher,
        code: shop.code,
      })),
    }),
  },
  {
    method: 'POST',
    pattern: /^\/order\/202309\/orders\/search$/,
    api: 'get-order-list',
    shopScoped: true,
    handle: ({ market, shop, query, body }) => {
      const filter = parse(SearchBody, body ?? {});
      const pageSize = Number(query.get('page_size') ?? '');
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw invalidParameters();
      // The spec's defaults: sort by create_time, descending.
      const sortField = query.get('sort_field') === 'update_time' ? 'update_time' : 'create_time';
      const sortOrder = query.get('sort_order') === 'ASC' ? 'ASC' : 'DESC';
      const search = {
        shopId: shop.id,
        orderStatus: filter.order_status,
        shippingType: filter.shipping_type,
        updateTimeGe: filter.update_time_ge,
        updateTimeLt: filter.update_time_lt,
        createTimeGe: filter.create_time_ge,
        createTimeLt: filter.create_time_lt,
        sortField,
        sortOrder,
      } as const;
      const ids = market.search(search);
      const after = decodePageToken(query.get('page_token'), JSON.stringify(search));
      const sortValue = (id: string) =>
        sortField === 'update_time' ? market.order(id)!.updateTime : market.order(id)!.createTime;
      const direction = sortOrder === 'ASC' ? 1 : -1;
      // The first order past the cursor in the answer's order (same comparison as the search's sort).
      const start =
        after === null
          ? 0
          : ids.findIndex(
              (id) =>
                direction * (sortValue(id) - after.value) > 0 ||
                (sortValue(id) === after.value && direction * (id < after.id ? -1 : id > after.id ? 1 : 0) > 0),
            );
      const page = start < 0 ? [] : ids.slice(start, start + pageSize);
      const last = page.at(-1);
      const more = start >= 0 && start + pageSize < ids.length;
      const next = more && last ? encodePageToken({ value: sortValue(last), id: last }, JSON.stringify(search)) : '';
      return { orders: page.map((id) => orderJson(market.order(id)!)), next_page_token: next, total_count: ids.length };
    },
  },
  // Get Order Detail is 202507 in the reference; 202309 is the version stations built before it still call.
  { method: 'GET', pattern: /^\/order\/202507\/orders$/, api: 'get-order-detail', shopScoped: true, handle: getOrders },
  { method: 'GET', pattern: /^\/order\/202309\/orders$/, api: 'get-order-detail', shopScoped: true, handle: getOrders },
  {
    method: 'GET',
    pattern: /^\/logistics\/202309\/delivery_options\/([^/]+)\/shipping_providers$/,
    api: 'get-shipping-providers',
    shopScoped: true,
    handle: ({ shop, params }) => {
      const option = deliveryOptionById(params[0]!);
      if (!option || option.shop.id !== shop.id) throw documented(21008116, 'get-shipping-providers');
      // TikTok names the carrier of its own shipping itself; only seller shipping picks from a list.
      if (option.shippingType === 'TIKTOK') throw documented(21008117, 'get-shipping-providers');
      return {
        shipping_providers: shop.providers[option.tier].map((carrier) => ({
          id: PROVIDER_IDS[carrier],
          name: carrier,
        })),
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/logistics\/202309\/warehouses$/,
    api: 'get-warehouse-list',
    shopScoped: true,
    handle: ({ shop }) => ({ warehouses: [warehouseOf(shop)] }),
  },
  {
    method: 'GET',
    pattern: /^\/logistics\/202309\/warehouses\/([^/]+)\/delivery_options$/,
    api: 'get-warehouse-delivery-options',
    shopScoped: true,
    handle: ({ shop, params }) => {
      if (params[0] !== warehouseId(shop)) throw invalidParameters();
      return { delivery_options: deliveryOptionsOf(shop) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/product\/202309\/products\/([^/]+)$/,
    api: 'get-product',
    shopScoped: true,
    handle: ({ shop, params }) => {
      const skus = liveProduct(shop, params[0]!);
      if (!skus) throw documented(Code.productNotFound, 'get-product');
      return productJson(params[0]!, skus, CURRENCY[shop.region] ?? 'USD', CATALOGUE_LISTED);
    },
  },
];
