import { vi } from 'vitest';
import { TikTokShopClient } from '../../../electron/core/marketplace/client';

/** An order record as TikTok's Get Order List / Detail spec shows it (the spec's sample, trimmed), US by default. */
export function specOrder(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    status: 'AWAITING_SHIPMENT',
    shipping_type: 'TIKTOK',
    create_time: 1_700_000_000,
    update_time: 1_700_000_100,
    paid_time: 1_700_000_010,
    rts_sla_time: 1_700_172_800,
    tts_sla_time: 1_700_259_200,
    delivery_option_id: '7091146663229654785',
    delivery_option_name: 'Express shipping',
    shipping_provider: 'TT Virtual express',
    shipping_provider_id: '6617675021119438849',
    is_cod: false,
    buyer_message: 'Please ship asap!',
    fulfillment_type: 'FULFILLMENT_BY_SELLER',
    recipient_address: {
      full_address: '1199 Coleman Ave San Jose, CA 95110',
      phone_number: '(+1)213-***-1234',
      name: 'David Kong',
      first_name: 'David',
      last_name: 'Kong',
      region_code: 'US',
      postal_code: '95110',
      address_line1: '5800 Bristol Pkwy',
      address_line2: 'Suite 100',
      district_info: [
        { address_level_name: 'Country', address_name: 'United States', address_level: 'L0' },
        { address_level_name: 'State', address_name: 'California', address_level: 'L1' },
        { address_level_name: 'City', address_name: 'San Jose', address_level: 'L3' },
      ],
    },
    payment: { currency: 'USD', sub_total: '10.00', shipping_fee: '0', tax: '0', total_amount: '10.00' },
    line_items: [
      {
        id: `${id}-1`,
        sku_id: `sku-${id}`,
        product_id: `prod-${id}`,
        product_name: "Women's Winter Crochet Clothes",
        sku_name: 'Black, 26',
        seller_sku: `SELLER-${id}`,
        sale_price: '10.00',
        original_price: '12.00',
        currency: 'USD',
        package_id: `pkg-${id}`,
        package_status: 'TO_FULFILL',
        display_status: 'AWAITING_SHIPMENT',
        is_gift: false,
      },
    ],
    packages: [{ id: `pkg-${id}` }],
    ...overrides,
  };
}

/** A Hong Kong order: the address has no postal code (HK has none). */
export function hongKongOrder(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = specOrder(id, overrides);
  const { postal_code: _none, address_line2: _line2, ...address } = base.recipient_address as Record<string, unknown>;
  return {
    ...base,
    recipient_address: {
      ...address,
      full_address: 'Flat 12A, 8 Queen\u2019s Road Central, Central, Hong Kong',
      region_code: 'HK',
      address_line1: 'Flat 12A, 8 Queen\u2019s Road Central',
      district_info: [
        { address_level_name: 'Country', address_name: 'Hong Kong', address_level: 'L0' },
        { address_level_name: 'District', address_name: 'Central and Western', address_level: 'L1' },
      ],
    },
    payment: { currency: 'HKD', total_amount: '80.00' },
    ...overrides,
  };
}

export interface FakeShop {
  id: string;
  name: string;
  cipher: string;
  region: string;
  orders: Array<Record<string, unknown>>;
}

type Handler = (url: URL, body: unknown) => { code: number; message?: string; data?: unknown } | null;

/**
 * A marketplace behind a mocked fetch that answers the way TikTok's spec says, over orders and products held in
 * memory. `fail` makes the next matching calls fail (HTTP 500); `calls` records every path asked for.
 */
export function fakeTikTok(
  shops: FakeShop[],
  products: Record<string, { code: number; message?: string; data?: unknown }> = {},
  shopCipher = '',
) {
  const calls: string[] = [];
  const failures: Array<{ path: string; skip: number }> = [];
  const extra: Handler[] = [];
  const shopOf = (url: URL) => shops.find((shop) => shop.cipher === url.searchParams.get('shop_cipher'));

  const answer = (url: URL, body: unknown): { code: number; message?: string; data?: unknown } => {
    for (const handler of extra) {
      const handled = handler(url, body);
      if (handled) return handled;
    }
    if (url.pathname === '/authorization/202309/shops') {
      return {
        code: 0,
        data: {
          shops: shops.map((s) => ({
            id: s.id,
            name: s.name,
            region: s.region,
            seller_type: 'LOCAL',
            cipher: s.cipher,
            code: s.id.toUpperCase(),
          })),
        },
      };
    }
    const shop = shopOf(url);
    if (!shop) return { code: 106011, message: 'invalid shop_cipher' };
    if (url.pathname === '/order/202309/orders/search') {
      const filter = (body ?? {}) as { order_status?: string; update_time_ge?: number };
      const desc = url.searchParams.get('sort_order') === 'DESC';
      const size = Number(url.searchParams.get('page_size') ?? 20);
      const offset = Number(url.searchParams.get('page_token') || 0);
      const time = (o: Record<string, unknown>) => (typeof o.update_time === 'number' ? o.update_time : 0);
      const matching = shop.orders
        .filter(
          (o) =>
            (filter.order_status === undefined || o.status === filter.order_status) &&
            (filter.update_time_ge === undefined || time(o) >= filter.update_time_ge),
        )
        .sort((a, b) => (desc ? time(b) - time(a) : time(a) - time(b)) || String(a.id).localeCompare(String(b.id)));
      const page = matching.slice(offset, offset + size);
      const next = offset + size < matching.length ? String(offset + size) : '';
      return { code: 0, data: { orders: structuredClone(page), next_page_token: next, total_count: matching.length } };
    }
    if (url.pathname === '/order/202507/orders') {
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      return { code: 0, data: { orders: structuredClone(shop.orders.filter((o) => ids.includes(String(o.id)))) } };
    }
    const product = /^\/product\/202309\/products\/(.+)$/.exec(url.pathname);
    if (product)
      return products[decodeURIComponent(product[1]!)] ?? { code: 12052032, message: 'The product does not exist' };
    return { code: 36009009, message: 'Invalid path.' };
  };

  const fetchMock = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    calls.push(url.pathname);
    const failing = failures.findIndex((f) => url.pathname.includes(f.path));
    if (failing >= 0) {
      const rule = failures[failing]!;
      if (rule.skip > 0) rule.skip -= 1;
      else {
        failures.splice(failing, 1);
        return new Response('{}', { status: 500 });
      }
    }
    const body = init?.body === undefined ? undefined : JSON.parse(String(init.body));
    const { code, message, data } = answer(url, body);
    return new Response(
      JSON.stringify({ code, message: message ?? (code === 0 ? 'Success' : 'Error'), request_id: 'fake', data }),
      { status: 200 },
    );
  });
  vi.stubGlobal('fetch', fetchMock);

  const client = new TikTokShopClient({
    connection: {
      read: () => ({
        baseUrl: 'http://tiktok.fake',
        appKey: 'k',
        appSecret: 's',
        accessToken: 't',
        refreshToken: 'r',
        shopCipher,
      }),
      saveTokens: () => undefined,
    },
    retry: { attempts: 1 },
    sleep: async () => undefined,
  });
  return {
    client,
    calls,
    /** The next request whose path contains `path` after `skip` others fails with HTTP 500 (the client gives up: 1 attempt). */
    fail(path: string, skip = 0) {
      failures.push({ path, skip });
    },
    handle(handler: Handler) {
      extra.push(handler);
    },
  };
}
