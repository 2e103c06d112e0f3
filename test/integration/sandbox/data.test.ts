import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import { call, CIPHERS, controlPost, quietSandbox } from './signed-fetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await quietSandbox({ orders: 600 });
});
afterAll(() => sandbox.close());

interface Address {
  postal_code?: string;
  region_code: string;
  address_line1: string;
  address_line2: string;
  address_line3: string;
  address_line4: string;
  district_info: Array<{ address_level: string; address_name: string }>;
}
interface Order {
  id: string;
  status: string;
  update_time: number;
  recipient_address?: Address;
  has_updated_recipient_address: boolean;
  line_items: Array<{ sku_id: string; product_id: string }>;
  packages: Array<{ id: string }>;
}

/** Every order of a shop, page by page, as an incremental pull would walk them. */
async function allOrders(cipher: string, body: Record<string, unknown> = {}): Promise<Order[]> {
  const orders: Order[] = [];
  let pageToken = '';
  do {
    const page = await call<{ orders: Order[]; next_page_token: string }>(
      sandbox,
      'POST',
      '/order/202309/orders/search',
      {
        cipher,
        query: {
          page_size: '100',
          sort_field: 'update_time',
          sort_order: 'ASC',
          ...(pageToken ? { page_token: pageToken } : {}),
        },
        body,
      },
    );
    expect(page.code).toBe(0);
    orders.push(...page.data.orders);
    pageToken = page.data.next_page_token;
  } while (pageToken);
  return orders;
}

describe('the sandbox sends the data the reference allows', () => {
  it('authorises several shops on one token: US cross-border, UK local, US local, EU cross-border, BR', async () => {
    const shops = (
      await call<{ shops: Array<{ region: string; seller_type: string; cipher: string }> }>(
        sandbox,
        'GET',
        '/authorization/202309/shops',
      )
    ).data.shops;
    expect(shops.map((s) => `${s.region} ${s.seller_type}`).sort()).toEqual([
      'BR LOCAL',
      'GB CROSS_BORDER',
      'GB LOCAL',
      'US CROSS_BORDER',
      'US LOCAL',
    ]);
  });

  it('sends addresses without postal code (HK, AE), with every district level and the unused address lines empty', async () => {
    const orders = (await allOrders(CIPHERS.euCrossBorder)).filter((o) => o.recipient_address);
    const noPostcode = orders.filter((o) => o.recipient_address!.postal_code === undefined);
    expect(new Set(noPostcode.map((o) => o.recipient_address!.region_code))).toEqual(new Set(['HK', 'AE']));
    for (const { recipient_address: a } of noPostcode)
      expect(a!.district_info.map((d) => d.address_level)).toEqual(['L0', 'L1', 'L2', 'L3']);
    for (const { recipient_address: a } of orders) {
      expect(typeof a!.address_line4).toBe('string');
      expect(a!.address_line1.length).toBeGreaterThan(0);
    }
    expect(orders.some((o) => o.recipient_address!.address_line2 === '')).toBe(true);
    const unpaid = [...sandbox.market.allOrders()].find((o) => o.status === 'UNPAID')!;
    const detail = await call<{ orders: Order[] }>(sandbox, 'GET', '/order/202507/orders', {
      cipher: unpaid.shop.cipher,
      query: { ids: unpaid.id },
    });
    expect(detail.data.orders[0]!.recipient_address).toBeUndefined();
  });

  it('answers 12052032 for a deleted product, and every identifier type with a valid code for the others', async () => {
    const types = new Set<string>();
    let deleted = 0;
    for (const cipher of Object.values(CIPHERS)) {
      const productIds = new Set((await allOrders(cipher)).flatMap((o) => o.line_items.map((l) => l.product_id)));
      for (const id of productIds) {
        const product = await call<{ skus: Array<{ identifier_code?: { code: string; type: string } }> }>(
          sandbox,
          'GET',
          `/product/202309/products/${id}`,
          { cipher },
        );
        if (product.code === 12052032) {
          expect(product.message).toBe('The product does not exist');
          deleted += 1;
          continue;
        }
        expect(product.code).toBe(0);
        for (const sku of product.data.skus) if (sku.identifier_code) types.add(sku.identifier_code.type);
      }
    }
    expect(deleted).toBeGreaterThan(0);
    expect([...types].sort()).toEqual(['EAN', 'GTIN', 'ISBN', 'JAN', 'UPC']);
  });

  it('sends two units of one SKU as two line items, and orders split into several packages', async () => {
    const orders = (await Promise.all(Object.values(CIPHERS).map((c) => allOrders(c)))).flat();
    expect(orders.some((o) => new Set(o.line_items.map((l) => l.sku_id)).size < o.line_items.length)).toBe(true);
    expect(orders.some((o) => o.packages.length > 1)).toBe(true);
    expect(orders.some((o) => o.status === 'PARTIALLY_SHIPPING')).toBe(true);
  });
});

describe('paging through Get Order List', () => {
  it('never skips an order that changes during the walk; the changed one comes again', async () => {
    const cipher = CIPHERS.ukLocal;
    const expected = new Set((await allOrders(cipher)).map((o) => o.id));
    const seen: string[] = [];
    let pageToken = '';
    let changed = '';
    do {
      const page = await call<{ orders: Order[]; next_page_token: string }>(
        sandbox,
        'POST',
        '/order/202309/orders/search',
        {
          cipher,
          query: {
            page_size: '7',
            sort_field: 'update_time',
            sort_order: 'ASC',
            ...(pageToken ? { page_token: pageToken } : {}),
          },
          body: {},
        },
      );
      seen.push(...page.data.orders.map((o) => o.id));
      if (!changed) {
        changed = page.data.orders.find((o) => o.status === 'AWAITING_SHIPMENT')!.id;
        sandbox.market.advanceClock(5);
        await controlPost(sandbox, `/sandbox/orders/${changed}/address`, { city: 'Leeds' });
      }
      pageToken = page.data.next_page_token;
    } while (pageToken);
    expect(new Set(seen)).toEqual(expected);
    expect(seen.filter((id) => id === changed)).toHaveLength(2);
    const tampered = await call(sandbox, 'POST', '/order/202309/orders/search', {
      cipher,
      query: { page_size: '7', page_token: 'bm9wZQ' },
      body: {},
    });
    expect(tampered.code).toBe(21001001);
  });
});

describe('an order open at a desk changes upstream', () => {
  it('shows a cancellation and an address change to the next incremental pull', async () => {
    const [a, b] = [...sandbox.market.allOrders()].filter(
      (o) => o.status === 'AWAITING_SHIPMENT' && o.shop.cipher === CIPHERS.usLocal,
    );
    const since = sandbox.market.now();
    sandbox.market.advanceClock(60);
    expect(
      (await controlPost(sandbox, `/sandbox/orders/${a!.id}/cancel`, { reason: 'Buyer changed their mind' })).body,
    ).toMatchObject({ status: 'CANCELLED' });
    const moved = await controlPost(sandbox, `/sandbox/orders/${b!.id}/address`, {
      lines: ['221B Baker Street', 'Flat B'],
      city: 'Springfield',
      postalCode: '62704',
    });
    expect(moved.status).toBe(200);
    const changed = await allOrders(CIPHERS.usLocal, { update_time_ge: since + 1 });
    expect(changed.map((o) => o.id).sort()).toEqual([a!.id, b!.id].sort());
    const cancelled = changed.find((o) => o.id === a!.id)!;
    expect(cancelled.status).toBe('CANCELLED');
    const readdressed = changed.find((o) => o.id === b!.id)!;
    expect(readdressed.has_updated_recipient_address).toBe(true);
    expect(readdressed.recipient_address).toMatchObject({
      address_line1: '221B Baker Street',
      address_line2: 'Flat B',
      postal_code: '62704',
    });
    expect(readdressed.update_time).toBeGreaterThan(since);
    expect((await controlPost(sandbox, `/sandbox/orders/${a!.id}/address`, { city: 'X' })).status).toBe(409);
  });
});

describe('POST /sandbox/orders places orders a test names', () => {
  it('of a shop, a shipping type and a destination, and refuses ones the shop cannot have', async () => {
    const added = await controlPost(sandbox, '/sandbox/orders', {
      count: 3,
      shop: CIPHERS.euCrossBorder,
      shippingType: 'SELLER',
      country: 'HK',
    });
    expect(added.status).toBe(200);
    const ids = added.body.orderIds as string[];
    expect(ids).toHaveLength(3);
    for (const id of ids) {
      const order = sandbox.market.order(id)!;
      expect([order.shop.cipher, order.shippingType, order.recipient.country, order.status]).toEqual([
        CIPHERS.euCrossBorder,
        'SELLER',
        'HK',
        'AWAITING_SHIPMENT',
      ]);
      expect(order.recipient.postalCode).toBe('');
    }
    expect(
      (await controlPost(sandbox, '/sandbox/orders', { shop: CIPHERS.ukLocal, shippingType: 'TIKTOK' })).status,
    ).toBe(400);
    expect((await controlPost(sandbox, '/sandbox/orders', { shop: CIPHERS.usLocal, country: 'HK' })).status).toBe(400);
    expect((await controlPost(sandbox, '/sandbox/orders', { shippingType: 'SELLER' })).status).toBe(400);
    expect((await controlPost(sandbox, '/sandbox/orders', { count: 2 })).body.orderIds).toHaveLength(2);
  });
});
