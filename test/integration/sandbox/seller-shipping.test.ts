import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingNumberFor } from '../../../electron/core/sandbox/identifiers';
import type { SandboxOrder } from '../../../electron/core/sandbox/order-factory';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import { PROVIDER_IDS } from '../../../electron/core/sandbox/world';
import { call, CIPHERS, quietSandbox } from './signed-fetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await quietSandbox({ orders: 300 });
});
afterAll(() => sandbox.close());

type Order = {
  id: string;
  status: string;
  packages: Array<{ id: string }>;
  shipping_provider?: string;
  shipping_provider_id?: string;
  line_items: Array<{ id: string; package_id?: string; package_status: string }>;
};

const localSellerOrders = (cipher: string) =>
  [...sandbox.market.allOrders()].filter(
    (o) => o.shop.cipher === cipher && o.shippingType === 'SELLER' && o.status === 'AWAITING_SHIPMENT',
  );

async function detail(order: SandboxOrder): Promise<Order> {
  const answer = await call<{ orders: Order[] }>(sandbox, 'GET', '/order/202507/orders', {
    cipher: order.shop.cipher,
    query: { ids: order.id },
  });
  return answer.data.orders[0]!;
}

const mark = (order: SandboxOrder, body: Record<string, unknown>) =>
  call<{ order_id: string; order_line_item_ids: string[]; package_id: string; warning?: { message: string } }>(
    sandbox,
    'POST',
    `/fulfillment/202309/orders/${order.id}/packages`,
    { cipher: order.shop.cipher, body },
  );

describe('local sellers ship with Mark Package As Shipped', () => {
  it('get their own-carrier orders without packages and without a named carrier', async () => {
    for (const cipher of [CIPHERS.ukLocal, CIPHERS.usLocal]) {
      const order = localSellerOrders(cipher)[0]!;
      const json = await detail(order);
      expect(json.packages).toEqual([]);
      expect(
        json.line_items.every((line) => line.package_id === undefined && line.package_status === 'TO_FULFILL'),
      ).toBe(true);
      expect(json.shipping_provider).toBeUndefined();
      expect(json.shipping_provider_id).toBeUndefined();
    }
  });

  it('checks the provider against the delivery option and the number against its check digit', async () => {
    // Royal Mail's S10 numbers carry a check digit (Evri, DPD, Yodel and Parcelforce publish none).
    const order = localSellerOrders(CIPHERS.ukLocal).find((o) => o.shop.providers[o.tier].includes('Royal Mail'))!;
    const carrier = 'Royal Mail';
    const good = trackingNumberFor(carrier, '5150001');
    const broken = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}`;
    expect(await mark(order, { tracking_number: broken, shipping_provider_id: PROVIDER_IDS[carrier] })).toMatchObject({
      code: 21011022,
      message: 'Invalid tracking number or provider ID. Please double check and try again.',
    });
    expect((await mark(order, { tracking_number: good, shipping_provider_id: PROVIDER_IDS.USPS })).code).toBe(21011022);
    expect((await mark(order, { tracking_number: 'H12345', shipping_provider_id: PROVIDER_IDS.Evri })).code).toBe(
      21011022,
    );

    const lineIds = order.lines.map((line) => line.id);
    const shipped = await mark(order, {
      order_line_item_ids: lineIds,
      tracking_number: good,
      shipping_provider_id: PROVIDER_IDS[carrier],
    });
    expect(shipped.code).toBe(0);
    expect(shipped.data).toMatchObject({ order_id: order.id, order_line_item_ids: lineIds });
    expect(shipped.data.warning).toBeUndefined();
    const json = await detail(order);
    expect(json.packages).toEqual([{ id: shipped.data.package_id }]);
    expect(json.status).toBe('AWAITING_COLLECTION');
    expect(json.shipping_provider).toBe(carrier);
    expect(
      json.line_items.every(
        (line) => line.package_id === shipped.data.package_id && line.package_status === 'PROCESSING',
      ),
    ).toBe(true);

    expect(
      await mark(order, {
        tracking_number: trackingNumberFor(carrier, '5150002'),
        shipping_provider_id: PROVIDER_IDS[carrier],
      }),
    ).toMatchObject({
      code: 21011020,
      message: 'These orders are already shipped.',
    });
    const other = localSellerOrders(CIPHERS.ukLocal).find(
      (o) => o !== order && o.shop.providers[o.tier].includes(carrier),
    )!;
    expect(await mark(other, { tracking_number: good, shipping_provider_id: PROVIDER_IDS[carrier] })).toMatchObject({
      code: 21011025,
      message: 'Duplicate tracking number.',
    });
  });

  it('ships part of an order: PARTIALLY_SHIPPING until every line is in a package', async () => {
    const order = localSellerOrders(CIPHERS.usLocal).find((o) => o.lines.length >= 2)!;
    const carrier = order.shop.providers[order.tier][0]!;
    const first = await mark(order, {
      order_line_item_ids: [order.lines[0]!.id],
      tracking_number: trackingNumberFor(carrier, '7000001'),
      shipping_provider_id: PROVIDER_IDS[carrier],
    });
    expect(first.code).toBe(0);
    expect((await detail(order)).status).toBe('PARTIALLY_SHIPPING');
    expect(
      (
        await mark(order, {
          order_line_item_ids: order.lines.map((l) => l.id),
          tracking_number: trackingNumberFor(carrier, '7000002'),
          shipping_provider_id: PROVIDER_IDS[carrier],
        })
      ).code,
    ).toBe(21008099);
    const rest = await mark(order, {
      tracking_number: trackingNumberFor(carrier, '7000003'),
      shipping_provider_id: PROVIDER_IDS[carrier],
    });
    expect(rest.data.order_line_item_ids).toEqual(order.lines.slice(1).map((l) => l.id));
    const json = await detail(order);
    expect(json.status).toBe('AWAITING_COLLECTION');
    expect(json.packages).toHaveLength(2);
  });

  it('warns a US local seller whose number fits another listed carrier, as the changelog describes', async () => {
    const order = localSellerOrders(CIPHERS.usLocal).find((o) => o.shop.providers[o.tier].length > 1)!;
    const [chosen, actual] = order.shop.providers[order.tier];
    const answer = await mark(order, {
      tracking_number: trackingNumberFor(actual!, '8000001'),
      shipping_provider_id: PROVIDER_IDS[chosen!],
    });
    expect(answer.code).toBe(0);
    expect(answer.data.warning?.message).toBe(
      `The tracking number you entered does not match your selected logistics provider. Check the tracking number and logistics provider. Did you mean to select ${actual}?`,
    );
  });

  it('is refused for TikTok-shipped orders, and seller shipping with Ship Package still checks the number', async () => {
    const tiktok = [...sandbox.market.allOrders()].find(
      (o) => o.shippingType === 'TIKTOK' && o.status === 'AWAITING_SHIPMENT' && o.shop.region === 'US',
    )!;
    expect((await mark(tiktok, { tracking_number: '1', shipping_provider_id: '1' })).code).toBe(21011004);
    const seller = [...sandbox.market.allOrders()].find(
      (o) => o.shippingType === 'SELLER' && o.status === 'AWAITING_SHIPMENT' && o.packages.length > 0,
    )!;
    const carrier = seller.shop.providers[seller.tier][0]!;
    const ship = (tracking: string) =>
      call(sandbox, 'POST', `/fulfillment/202309/packages/${seller.packages[0]!.id}/ship`, {
        cipher: seller.shop.cipher,
        body: { self_shipment: { tracking_number: tracking, shipping_provider_id: PROVIDER_IDS[carrier] } },
      });
    expect((await ship('12345')).code).toBe(21011022);
    expect((await ship(trackingNumberFor(carrier, '9100001'))).code).toBe(0);
    expect(await ship(trackingNumberFor(carrier, '9100001'))).toMatchObject({
      code: 21011040,
      message: 'Package has already been shipped.',
    });
    const update = (serial: string) =>
      call(sandbox, 'POST', `/fulfillment/202309/packages/${seller.packages[0]!.id}/shipping_info/update`, {
        cipher: seller.shop.cipher,
        body: { tracking_number: trackingNumberFor(carrier, serial), shipping_provider_id: PROVIDER_IDS[carrier] },
      });
    expect((await update('9100002')).code).toBe(0);
    expect(sandbox.market.findPackage(seller.packages[0]!.id)!.pkg.trackingNumber).toBe(
      trackingNumberFor(carrier, '9100002'),
    );
  });
});

describe('carriers per delivery option, mapped up front from the warehouse', () => {
  it('lists the warehouse’s options; providers for the seller-shipped ones, 21008117 for TikTok’s', async () => {
    const cipher = CIPHERS.usLocal;
    const warehouses = (
      await call<{ warehouses: Array<{ id: string; type: string }> }>(sandbox, 'GET', '/logistics/202309/warehouses', {
        cipher,
      })
    ).data.warehouses;
    expect(warehouses).toHaveLength(1);
    const options = (
      await call<{ delivery_options: Array<{ id: string; type: string }> }>(
        sandbox,
        'GET',
        `/logistics/202309/warehouses/${warehouses[0]!.id}/delivery_options`,
        { cipher },
      )
    ).data.delivery_options;
    expect(new Set(options.map((o) => o.type))).toEqual(new Set(['STANDARD', 'EXPRESS', 'ECONOMY', 'SEND_BY_SELLER']));
    const orders = (
      await call<{ orders: Array<{ delivery_option_id: string; shipping_type: string; warehouse_id: string }> }>(
        sandbox,
        'POST',
        '/order/202309/orders/search',
        { cipher, query: { page_size: '100' }, body: {} },
      )
    ).data.orders;
    for (const order of orders) {
      expect(options.find((o) => o.id === order.delivery_option_id)!.type === 'SEND_BY_SELLER').toBe(
        order.shipping_type === 'SELLER',
      );
      expect(order.warehouse_id).toBe(warehouses[0]!.id);
    }
    // One lookup per option: the rate limit (50 per second per API) holds for tests too.
    const byOption = new Map(orders.map((order) => [order.delivery_option_id, order]));
    for (const [optionId, order] of byOption) {
      const option = options.find((o) => o.id === optionId)!;
      const providers = await call<{ shipping_providers: Array<{ id: string; name: string }> }>(
        sandbox,
        'GET',
        `/logistics/202309/delivery_options/${option.id}/shipping_providers`,
        { cipher },
      );
      if (order.shipping_type === 'SELLER') expect(providers.data.shipping_providers.length).toBeGreaterThan(0);
      else
        expect(providers).toMatchObject({
          code: 21008117,
          message:
            'The delivery of the specified delivery_option_id is fulfilled by TikTok. No shipping provider will be returned.',
        });
    }
  });
});
