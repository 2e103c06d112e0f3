import { afterEach, describe, expect, it, vi } from 'vitest';
import { Order } from '../../../shared/domain/orders/order';
import { mapOrder } from '../../../electron/core/marketplace/order-mapping';
import { TikTokOrder } from '../../../electron/core/marketplace/schemas';
import examples from './fixtures/spec-examples.json';
import { scriptedClient } from './scripted-client';

/**
 * The answers of the reference (each endpoint's `response_body` example in api/**\/*.spec.json, copied to
 * fixtures/spec-examples.json), and the sparse answers its "required: N" fields allow: the client must read them all.
 */

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers });
const ok = (data: unknown) => json({ code: 0, message: 'Success', request_id: 'req', data });
const shops = () => json(examples.authorizedShops);
const SHOP = examples.authorizedShops.data.shops[0]!.id;
const clone = <T>(value: T): T => structuredClone(value);

const client = (responses: Response[]) => scriptedClient(responses, { retry: { attempts: 2 } });

const specOrder = () => clone(examples.orderList.data.orders[0]!) as Record<string, unknown>;
const toPack = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...specOrder(),
  status: 'AWAITING_SHIPMENT',
  ...changes,
});
const station = (raw: unknown) => {
  const mapped = mapOrder('shop', TikTokOrder.parse(raw));
  if (!('order' in mapped)) throw new Error(`refused at ${mapped.refusal.field}: ${mapped.refusal.reason}`);
  return Order.parse(mapped.order);
};

describe('the reference examples, endpoint by endpoint', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('Get Authorized Shops', async () => {
    const { marketplace, call } = client([shops()]);
    await expect(marketplace.getAuthorizedShops()).resolves.toMatchObject([
      { id: '7000714532876273420', cipher: 'GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3', region: 'GB' },
    ]);
    expect([call(0).method, call(0).url.pathname, call(0).url.searchParams.has('shop_cipher')]).toEqual([
      'GET',
      '/authorization/202309/shops',
      false,
    ]);
  });

  it('Get Order List and Get Order Detail: the example order reads and becomes a station order', async () => {
    const { marketplace, call } = client([shops(), json(examples.orderList), json(examples.orderDetail)]);
    const page = await marketplace.searchOrders(SHOP, { filter: { order_status: 'AWAITING_SHIPMENT' } });
    expect(page).toMatchObject({
      refused: [],
      nextPageToken: examples.orderList.data.next_page_token,
      totalCount: 22113,
    });
    expect(page.orders.map((entry) => entry.order.id)).toEqual(['576461413038785752']);
    const search = call(1);
    expect([
      search.method,
      search.url.pathname,
      search.url.searchParams.get('page_size'),
      search.url.searchParams.get('shop_cipher'),
    ]).toEqual(['POST', '/order/202309/orders/search', '100', 'GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3']);
    expect(search.body).toEqual({ order_status: 'AWAITING_SHIPMENT' });
    const detail = await marketplace.readOrderDetails(SHOP, ['576461413038785752']);
    expect(detail.refused).toEqual([]);
    expect([call(2).method, call(2).url.pathname, call(2).url.searchParams.get('ids')]).toEqual([
      'GET',
      '/order/202507/orders',
      '576461413038785752',
    ]);
    expect(station(detail.orders[0]!.order).recipient.lines).toContain('Vila Olímpia');
    const order = station(page.orders[0]!.order);
    // address_line3 and 4 are " " in the list example: no blank lines on the parcel.
    expect(order.recipient).toMatchObject({
      name: 'David Kong',
      lines: ['TikTok 5800 bristol Pkwy', 'Suite 100'],
      postalCode: '95110',
      countryCode: 'US',
    });
    // The package holding the lines to pack comes first: it is the one the desk ships.
    expect(order.packages.map((p) => p.id)).toEqual(['1153132168123859123', '1152321127278713123']);
  });

  it('Ship Package, Batch Ship, Update Package Shipping Info', async () => {
    const { marketplace, call } = client([
      shops(),
      json(examples.shipPackage),
      json(examples.batchShip),
      json(examples.updateShippingInfo),
    ]);
    await marketplace.shipPackage(SHOP, 'pkg-1', {
      handover_method: 'PICKUP',
      pickup_slot: { start_time: 1623812664, end_time: 1623812664 },
    });
    expect([call(1).method, call(1).url.pathname]).toEqual(['POST', '/fulfillment/202309/packages/pkg-1/ship']);
    const batch = await marketplace.batchShip(SHOP, [
      { id: '123123123123131', handover_method: 'DROP_OFF' },
      { id: 'pkg-2', handover_method: 'DROP_OFF' },
    ]);
    expect(batch.shipped).toEqual(['pkg-2']);
    expect(batch.failed).toMatchObject([{ packageId: '123123123123131', error: { code: 10007014, kind: 'rejected' } }]);
    expect([call(2).method, call(2).url.pathname]).toEqual(['POST', '/fulfillment/202309/packages/ship']);
    await marketplace.updateShippingInfo(SHOP, 'pkg-1', {
      tracking_number: '576460868968549926',
      shipping_provider_id: '6965352555291346690',
    });
    expect([call(3).method, call(3).url.pathname, call(3).body]).toEqual([
      'POST',
      '/fulfillment/202309/packages/pkg-1/shipping_info/update',
      { tracking_number: '576460868968549926', shipping_provider_id: '6965352555291346690' },
    ]);
  });

  it('Mark Package As Shipped', async () => {
    const { marketplace, call } = client([shops(), json(examples.markShipped)]);
    await expect(
      marketplace.markPackageAsShipped(SHOP, '32131324123321', {
        orderLineItemIds: ['31322412312312'],
        trackingNumber: '6617675021119438849',
        shippingProviderId: '12312312321323432',
      }),
    ).resolves.toEqual({
      packageId: '32141235124234',
      orderLineItemIds: ['31322412312312'],
      warning: 'match more than one provider',
    });
    expect([call(1).method, call(1).url.pathname]).toEqual([
      'POST',
      '/fulfillment/202309/orders/32131324123321/packages',
    ]);
  });

  it('Get Package Shipping Document: the example URL reads', async () => {
    const { marketplace, call } = client([shops(), json(examples.shippingDocument)]);
    await expect(marketplace.getShippingDocument(SHOP, 'pkg-1')).resolves.toEqual({
      docUrl: examples.shippingDocument.data.doc_url,
      trackingNumber: '752455325694',
    });
    expect([call(1).method, call(1).url.pathname]).toEqual([
      'GET',
      '/fulfillment/202309/packages/pkg-1/shipping_documents',
    ]);
  });

  it('Get Package Detail, Get Tracking, Get Package Handover Time Slots, Get Shipping Providers, Get Product', async () => {
    const { marketplace, call } = client([
      shops(),
      json(examples.packageDetail),
      json(examples.tracking),
      json(examples.handoverSlots),
      json(examples.shippingProviders),
      json(examples.product),
    ]);
    await expect(marketplace.getPackage(SHOP, '5433567853345')).resolves.toMatchObject({
      package_status: 'PROCESSING',
      tracking_number: '6617675021119438849',
    });
    await expect(marketplace.getTracking(SHOP, '576461413038785752')).resolves.toEqual([
      { description: 'Your package was delivered!\n', updateTimeMs: 1694685539000 },
    ]);
    await expect(marketplace.getHandoverTimeSlots(SHOP, '5433567853345')).resolves.toMatchObject({
      can_pickup: true,
      can_drop_off: true,
      pickup_slots: [{ start_time: 1623812664, end_time: 1623812664, avaliable: true }],
    });
    await expect(marketplace.getShippingProviders(SHOP, '7091146663229654785')).resolves.toEqual([
      { id: '7117858858072016686', name: 'USPS' },
    ]);
    const product = await marketplace.getProduct(SHOP, '1729592969712207008');
    expect(product.skus?.[0]?.identifier_code).toEqual({ code: '10000000000010', type: 'GTIN' });
    expect(Array.from({ length: 5 }, (_, n) => `${call(n + 1).method} ${call(n + 1).url.pathname}`)).toEqual([
      'GET /fulfillment/202309/packages/5433567853345',
      'GET /fulfillment/202309/orders/576461413038785752/tracking',
      'GET /fulfillment/202309/packages/5433567853345/handover_time_slots',
      'GET /logistics/202309/delivery_options/7091146663229654785/shipping_providers',
      'GET /product/202309/products/1729592969712207008',
    ]);
  });
});

describe('what the reference leaves optional ("required: N")', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shops without name, region or code and with a seller type the station does not know are kept; one without id or cipher is left out', async () => {
    const answer = ok({
      shops: [{ id: 's1', cipher: 'c1', seller_type: 'GLOBAL' }, { id: 's2', name: 'No cipher' }, { cipher: 'c3' }],
    });
    const { marketplace } = client([answer]);
    await expect(marketplace.getAuthorizedShops()).resolves.toEqual([
      { id: 's1', cipher: 'c1', seller_type: 'GLOBAL', name: '', region: '', code: '' },
    ]);
  });

  it('an answer without shops is no shop, not a malformed answer', async () => {
    const { marketplace } = client([ok({})]);
    await expect(marketplace.getAuthorizedShops()).resolves.toEqual([]);
  });

  it('handover slots: absent flags and lists, a slot without its flag or times', async () => {
    const { marketplace } = client([
      shops(),
      ok({}),
      ok({ pickup_slots: [{ start_time: 1_700_000_000, end_time: 1_700_007_200 }, { start_time: 1_700_010_000 }] }),
    ]);
    await expect(marketplace.getHandoverTimeSlots(SHOP, 'p')).resolves.toMatchObject({
      can_pickup: false,
      can_drop_off: false,
      pickup_slots: [],
    });
    // A slot TikTok lists without saying it is full is offered; a slot without both times cannot be booked.
    await expect(marketplace.getHandoverTimeSlots(SHOP, 'p')).resolves.toMatchObject({
      can_pickup: true,
      pickup_slots: [{ start_time: 1_700_000_000, end_time: 1_700_007_200, avaliable: true }],
    });
  });

  it('shipping providers without a list, or a provider without name; one without id is left out', async () => {
    const { marketplace } = client([
      shops(),
      ok({}),
      ok({ shipping_providers: [{ id: 'p1' }, { name: 'Nameless id' }] }),
    ]);
    await expect(marketplace.getShippingProviders(SHOP, 'd')).resolves.toEqual([]);
    await expect(marketplace.getShippingProviders(SHOP, 'd')).resolves.toEqual([{ id: 'p1', name: '' }]);
  });

  it('an order: district levels without their names, a package without id, no recipient name but first and last names', () => {
    const raw = toPack();
    const address = raw.recipient_address as Record<string, unknown>;
    delete address.name;
    address.district_info = [
      { address_level: 'L1', address_name: 'California' },
      { address_name: 'San Jose' },
      { address_level_name: 'City', address_name: 'San Jose', address_level: 'L3' },
    ];
    raw.packages = [{}, { id: 'pkg-9' }];
    const order = station(raw);
    expect(order.recipient).toMatchObject({ name: 'David Kong', region: 'California', city: 'San Jose' });
    expect(order.packages.map((p) => p.id)).toEqual(['1153132168123859123', 'pkg-9']);
  });

  it('an order with a shipping type the station does not know, or none, is read and the mapping names the field', () => {
    for (const shipping_type of ['PLATFORM_PARTNER', undefined]) {
      const raw = toPack({ shipping_type });
      expect(TikTokOrder.safeParse(raw).success).toBe(true);
      expect(mapOrder('shop', TikTokOrder.parse(raw))).toEqual({
        refusal: { field: 'shipping_type', reason: expect.any(String) },
      });
    }
  });

  it('an order without recipient address (UNPAID and ON_HOLD have none) is read; the mapping names the address', () => {
    const raw = { ...specOrder(), status: 'ON_HOLD', recipient_address: undefined };
    expect(TikTokOrder.safeParse(raw).success).toBe(true);
    expect(mapOrder('shop', TikTokOrder.parse(raw))).toEqual({
      refusal: { field: 'recipient_address', reason: expect.any(String) },
    });
  });
});

describe('answers with an HTTP status other than 200', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a 4xx with a JSON envelope is read by its code', async () => {
    const { marketplace } = client([
      json(
        { code: 106001, message: 'Invalid credentials. The `sign` query parameter is invalid.', request_id: 'r4' },
        401,
      ),
    ]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({
      kind: 'config',
      code: 106001,
      httpStatus: 401,
      requestId: 'r4',
    });
  });

  it('a 5xx with a JSON envelope is read by its code: an already-shipped write settles', async () => {
    const { marketplace } = client([
      shops(),
      json({ code: 21011040, message: 'Package has already been shipped.', request_id: 'r5' }, 500),
    ]);
    await expect(marketplace.shipPackage(SHOP, 'pkg-1', { handover_method: 'DROP_OFF' })).rejects.toMatchObject({
      kind: 'already_shipped',
      code: 21011040,
      httpStatus: 500,
    });
  });

  it('a 5xx whose code the station does not know stays a server error that may have applied', async () => {
    const { marketplace } = client([shops(), json({ code: 99999999, message: 'boom', request_id: 'r6' }, 502)]);
    await expect(marketplace.shipPackage(SHOP, 'pkg-1', { handover_method: 'DROP_OFF' })).rejects.toMatchObject({
      kind: 'transient',
      code: 99999999,
      mayHaveApplied: true,
    });
  });

  it('a 4xx whose envelope says success is still a refusal', async () => {
    const { marketplace } = client([json({ code: 0, message: 'Success', data: { shops: [] } }, 400)]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({ kind: 'rejected', httpStatus: 400 });
  });

  it('a 429 with the rate-limit envelope is rate limited, with its request id', async () => {
    const { marketplace, fetchMock } = client([
      json({ code: 36009002, message: 'Too many requests.', request_id: 'r7' }, 429),
      shops(),
    ]);
    await expect(marketplace.getAuthorizedShops()).resolves.toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe('the envelope and the token refresh', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('an envelope without message or request id (both optional in the spec) is read', async () => {
    const { marketplace } = client([json({ code: 0, data: examples.authorizedShops.data })]);
    await expect(marketplace.getAuthorizedShops()).resolves.toHaveLength(1);
  });

  it('a refresh answered "internal error, try again" is not a lost authorisation: the shop is not to be reconnected', async () => {
    const expired = json({
      code: 105002,
      message: 'Expired credentials. The `access_token` or `x-tts-access-token` header has expired.',
    });
    const internal = json({
      code: 36009003,
      message:
        'Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.',
    });
    const { marketplace } = client([expired, internal]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({
      kind: 'transient',
      call: 'refreshAccessToken',
      code: 36009003,
    });
    expect(marketplace.status().state).not.toBe('reconnect_required');
  });

  it('a refresh refused for its refresh token asks for a reconnect', async () => {
    const expired = json({ code: 105002, message: 'Expired credentials.' });
    const { marketplace } = client([expired, json({ code: 105003, message: 'invalid refresh token' })]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({
      kind: 'reconnect',
      call: 'refreshAccessToken',
    });
    expect(marketplace.status().state).toBe('reconnect_required');
  });
});

describe('recipient addresses as the reference allows them', () => {
  const withAddress = (changes: Record<string, unknown>) => {
    const raw = toPack();
    raw.recipient_address = {
      ...(raw.recipient_address as object),
      address_line1: undefined,
      address_line2: undefined,
      address_line3: undefined,
      address_line4: undefined,
      ...changes,
    };
    return raw;
  };

  it('without street lines, the detailed address, else the full address, is the street line', () => {
    expect(station(withAddress({})).recipient.lines).toEqual(['Unit one building 8']);
    expect(station(withAddress({ address_detail: ' ' })).recipient.lines).toEqual([
      '1199 Coleman Ave San Jose, CA 95110',
    ]);
    expect(mapOrder('shop', TikTokOrder.parse(withAddress({ address_detail: undefined, full_address: '' })))).toEqual({
      refusal: { field: 'recipient_address.address_line1', reason: expect.any(String) },
    });
  });

  it("a UK address's post town is its town", () => {
    const raw = toPack();
    raw.recipient_address = {
      name: 'Ann Smith',
      address_line1: '12 Garstang Road',
      postal_code: 'PR2 6RN',
      region_code: 'GB',
      post_town: 'Ribbleton',
      district_info: [
        { address_level_name: 'Country', address_name: 'United Kingdom', address_level: 'L0' },
        { address_level_name: 'County', address_name: 'Lancashire', address_level: 'L1' },
        { address_level_name: 'Post Town', address_name: 'Preston', address_level: 'L2' },
      ],
    };
    expect(station(raw).recipient).toMatchObject({
      city: 'Ribbleton',
      region: 'Lancashire',
      postalCode: 'PR2 6RN',
      countryCode: 'GB',
    });
  });
});

describe('null where the spec leaves a field out', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads a JSON null as an absent field: envelope, page, order, batch errors', async () => {
    const order = {
      ...toPack(),
      packages: null,
      buyer_message: null,
      payment: null,
      line_items: [{ ...(specOrder().line_items as object[])[0], package_id: null, is_gift: null }],
    };
    const { marketplace } = client([
      shops(),
      json({
        code: 0,
        message: 'Success',
        request_id: null,
        data: { orders: null, next_page_token: null, total_count: null },
      }),
      json({ code: 0, message: 'Success', request_id: 'r', data: { orders: [order], next_page_token: '' } }),
      json({ code: 0, message: 'Success', request_id: 'r', data: { errors: null } }),
    ]);
    await expect(marketplace.searchOrders(SHOP)).resolves.toMatchObject({
      orders: [],
      refused: [],
      nextPageToken: '',
      totalCount: null,
    });
    const page = await marketplace.searchOrders(SHOP);
    expect(page.refused).toEqual([]);
    expect(station(page.orders[0]!.order)).toMatchObject({
      buyerMessage: '',
      lines: [{ packageId: null, isGift: false }],
    });
    await expect(marketplace.batchShip(SHOP, [{ id: 'pkg-1', handover_method: 'DROP_OFF' }])).resolves.toEqual({
      shipped: ['pkg-1'],
      failed: [],
    });
  });
});

describe('an order partly shipped or partly cancelled', () => {
  const line = (id: string, changes: Record<string, unknown>) => ({
    ...(specOrder().line_items as Array<Record<string, unknown>>)[0],
    id,
    sku_id: `sku-${id}`,
    ...changes,
  });
  const bare = { tracking_number: undefined, package_status: 'TO_FULFILL', display_status: 'AWAITING_SHIPMENT' };

  it('packs only the lines still to ship, in the parcel that holds them', () => {
    const order = station(
      toPack({
        status: 'PARTIALLY_SHIPPING',
        packages: [{ id: 'pkg-shipped' }, { id: 'pkg-open' }],
        line_items: [
          line('shipped', {
            ...bare,
            package_id: 'pkg-shipped',
            package_status: 'PROCESSING',
            display_status: 'AWAITING_COLLECTION',
            tracking_number: '1Z999AA10123456784',
          }),
          line('cancelled', { ...bare, package_id: 'pkg-open', display_status: 'CANCELLED' }),
          line('open-1', { ...bare, package_id: 'pkg-open' }),
          line('open-2', { ...bare, package_id: 'pkg-open' }),
        ],
      }),
    );
    expect(order.lines.map((l) => l.id)).toEqual(['open-1', 'open-2']);
    expect(order.packages.map((p) => p.id)).toEqual(['pkg-open', 'pkg-shipped']);
    expect(order.packages[1]).toMatchObject({ trackingNumber: '1Z999AA10123456784' });
  });

  it('keeps every line of an order with none left to pack, so its record stays whole', () => {
    const order = station(
      toPack({
        status: 'AWAITING_COLLECTION',
        line_items: [
          line('a', { ...bare, package_id: 'p', package_status: 'PROCESSING', tracking_number: '1Z999AA10123456784' }),
        ],
      }),
    );
    expect(order.lines.map((l) => l.id)).toEqual(['a']);
  });
});
