import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RETRY } from '../../../electron/core/marketplace/retry';
import { scriptedClient } from './scripted-client';

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers });
const ok = (data: unknown) => json({ code: 0, message: 'Success', request_id: 'req', data });
const refusal = (code: number, message: string, headers: Record<string, string> = {}) =>
  json({ code, message, request_id: 'req-err' }, headers);
const shops = () =>
  ok({ shops: [{ id: 'shop-1', name: 'S', region: 'US', seller_type: 'LOCAL', cipher: 'c1', code: 'X' }] });

const client = (responses: Response[], now?: () => number) => scriptedClient(responses, now ? { now } : {});

describe('36009004 read by its message', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('an invalid access token asks for a reconnect once, without retrying or refreshing', async () => {
    const { marketplace, fetchMock } = client([
      refusal(36009004, 'Invalid credentials. The `x-tts-access-token` header is invalid.'),
    ]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({ kind: 'reconnect', code: 36009004 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(marketplace.status().state).toBe('reconnect_required');
  });

  it('an invalid app key asks for a reconnect', async () => {
    const { marketplace, fetchMock } = client([
      refusal(36009004, 'Invalid credentials. Invalid `app_key` query parameter.'),
    ]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({ kind: 'reconnect' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('a timestamp refusal learns the clock offset from the Date header and tries once more with it', async () => {
    const now = 1_800_000_000_000;
    const date = new Date(now + 600_000).toUTCString();
    const { marketplace, fetchMock, call } = client(
      [
        refusal(
          36009004,
          'Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.',
          { date },
        ),
        shops(),
      ],
      () => now,
    );
    await expect(marketplace.getAuthorizedShops()).resolves.toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(Number(call(1).url.searchParams.get('timestamp'))).toBe(Math.floor((now + 600_000) / 1000));
  });

  it('a second timestamp refusal is not retried again', async () => {
    const message =
      'Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.';
    const { marketplace, fetchMock } = client([refusal(36009004, message), refusal(36009004, message), shops()]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({ kind: 'clock' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('a missing signature is a configuration error, not retried', async () => {
    const { marketplace, fetchMock } = client([
      refusal(36009004, 'Missing credentials. The request does not include a required signature in the query.'),
    ]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({ kind: 'config' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(marketplace.status().state).toBe('config_error');
  });
});

describe('internal errors and writes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('retries a read on 36009003 (internal error, try again)', async () => {
    const { marketplace, fetchMock } = client([refusal(36009003, 'Internal error. Please try again.'), shops()]);
    await expect(marketplace.getAuthorizedShops()).resolves.toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('never resends a write after an internal error: it may have landed', async () => {
    const { marketplace, fetchMock } = client([
      shops(),
      refusal(21001011, 'System process error, please try again later.'),
    ]);
    await expect(marketplace.shipPackage('shop-1', 'pkg', { handover_method: 'DROP_OFF' })).rejects.toMatchObject({
      kind: 'transient',
      mayHaveApplied: true,
    });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('does not resend invalid parameters unchanged', async () => {
    const { marketplace, fetchMock } = client([shops(), refusal(21001001, 'Invalid parameters.')]);
    await expect(marketplace.shipPackage('shop-1', 'pkg', { handover_method: 'DROP_OFF' })).rejects.toMatchObject({
      kind: 'rejected',
      mayHaveApplied: false,
    });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('gives up on internal errors after the configured attempts', async () => {
    const { marketplace, fetchMock } = client(
      Array.from({ length: DEFAULT_RETRY.attempts }, () => refusal(36009007, 'Request timeout.')),
    );
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({ kind: 'transient', code: 36009007 });
    expect(fetchMock).toHaveBeenCalledTimes(DEFAULT_RETRY.attempts);
  });
});

describe('Mark Package As Shipped', () => {
  afterEach(() => vi.unstubAllGlobals());
  const request = { orderLineItemIds: ['l1', 'l2'], trackingNumber: '1Z999AA10123456784', shippingProviderId: 'ups' };

  it('posts the line items, tracking number and provider to the order and returns the new package', async () => {
    const { marketplace, call } = client([
      shops(),
      ok({
        order_id: 'o1',
        package_id: 'p9',
        order_line_item_ids: ['l1', 'l2'],
        warning: { message: 'match more than one provider' },
      }),
    ]);
    await expect(marketplace.markPackageAsShipped('shop-1', 'o1', request)).resolves.toEqual({
      packageId: 'p9',
      orderLineItemIds: ['l1', 'l2'],
      warning: 'match more than one provider',
    });
    const sent = call(1);
    expect(sent.method).toBe('POST');
    expect(sent.url.pathname).toBe('/fulfillment/202309/orders/o1/packages');
    expect(sent.url.searchParams.get('shop_cipher')).toBe('c1');
    expect(sent.body).toEqual({
      order_line_item_ids: ['l1', 'l2'],
      tracking_number: '1Z999AA10123456784',
      shipping_provider_id: 'ups',
    });
  });

  it('takes the items it sent when the answer leaves them out, and no warning', async () => {
    const { marketplace } = client([shops(), ok({ package_id: 'p9' })]);
    await expect(marketplace.markPackageAsShipped('shop-1', 'o1', request)).resolves.toEqual({
      packageId: 'p9',
      orderLineItemIds: ['l1', 'l2'],
      warning: null,
    });
  });

  it('an answer without package id is malformed and may have applied', async () => {
    const { marketplace } = client([shops(), ok({ order_id: 'o1' })]);
    await expect(marketplace.markPackageAsShipped('shop-1', 'o1', request)).rejects.toMatchObject({
      kind: 'malformed',
      field: 'data.package_id',
      mayHaveApplied: true,
    });
  });

  it('settles on already shipped and asks for another number when the tracking number is in use', async () => {
    const first = client([shops(), refusal(21008099, 'Package has been shipped. Please not ship the package again.')]);
    await expect(first.marketplace.markPackageAsShipped('shop-1', 'o1', request)).rejects.toMatchObject({
      kind: 'already_shipped',
    });
    vi.unstubAllGlobals();
    const second = client([shops(), refusal(21011025, 'Duplicate tracking number.')]);
    await expect(second.marketplace.markPackageAsShipped('shop-1', 'o1', request)).rejects.toMatchObject({
      kind: 'tracking_in_use',
      mayHaveApplied: false,
    });
  });
});

describe('shipping documents, tracking and package detail', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the label picture without size or format', async () => {
    const { marketplace, call } = client([
      shops(),
      ok({ doc_url: 'http://docs.test/label.png', tracking_number: 'TT1' }),
    ]);
    await expect(
      marketplace.getShippingDocument('shop-1', 'p1', { documentType: 'SHIPPING_LABEL_PICTURE' }),
    ).resolves.toEqual({ docUrl: 'http://docs.test/label.png', trackingNumber: 'TT1' });
    const query = call(1).url.searchParams;
    expect(query.get('document_type')).toBe('SHIPPING_LABEL_PICTURE');
    expect(query.has('document_size')).toBe(false);
    expect(query.has('document_format')).toBe(false);
  });

  it('asks for an A6 PDF label by default; a missing tracking number is no error', async () => {
    const { marketplace, call } = client([shops(), ok({ doc_url: 'http://docs.test/label.pdf' })]);
    await expect(marketplace.getShippingDocument('shop-1', 'p1')).resolves.toEqual({
      docUrl: 'http://docs.test/label.pdf',
      trackingNumber: null,
    });
    const query = call(1).url.searchParams;
    expect([query.get('document_type'), query.get('document_size'), query.get('document_format')]).toEqual([
      'SHIPPING_LABEL',
      'A6',
      'PDF',
    ]);
  });

  it('reads an answer without doc_url as malformed, and 21023035 as "ship first"', async () => {
    const first = client([shops(), ok({ tracking_number: 'TT1' })]);
    await expect(first.marketplace.getShippingDocument('shop-1', 'p1')).rejects.toMatchObject({
      kind: 'malformed',
      field: 'data.doc_url',
    });
    vi.unstubAllGlobals();
    const second = client([
      shops(),
      refusal(21023035, 'Please arrange shipment before retrieving the shipping document.'),
    ]);
    await expect(second.marketplace.getShippingDocument('shop-1', 'p1')).rejects.toMatchObject({
      kind: 'document_unavailable',
      code: 21023035,
    });
  });

  it('reads tracking events, tolerating missing fields and a missing list', async () => {
    const { marketplace, call } = client([
      shops(),
      ok({ tracking: [{ description: 'Picked up', update_time_millis: 1694685539000 }, { description: 'Sorted' }] }),
      ok({}),
    ]);
    await expect(marketplace.getTracking('shop-1', 'o1')).resolves.toEqual([
      { description: 'Picked up', updateTimeMs: 1694685539000 },
      { description: 'Sorted', updateTimeMs: null },
    ]);
    expect(call(1).url.pathname).toBe('/fulfillment/202309/orders/o1/tracking');
    await expect(marketplace.getTracking('shop-1', 'o1')).resolves.toEqual([]);
  });

  it('reads the spec sample of Get Package Detail and a sparse answer with an unknown status', async () => {
    const sample = {
      package_id: '5433567853345',
      orders: [{ id: '54335448533296', skus: [{ id: '2729382476852921560', name: 'white,128g', quantity: 5 }] }],
      package_status: 'PROCESSING',
      shipping_provider_name: 'TT Virtual express',
      shipping_provider_id: '6617675021119438849',
      shipping_type: 'TIKTOK',
      tracking_number: '6617675021119438849',
      pickup_slot: { start_time: 1635338186, end_time: 1635338186 },
      create_time: 1635338186,
      handover_method: 'PICKUP',
      order_line_item_ids: ['1729382476852921560'],
      weight: { value: '1.2', unit: 'GRAM' },
      update_time: 1635338186,
    };
    const { marketplace } = client([shops(), ok(sample), ok({ package_status: 'RETURNING_TO_SENDER' })]);
    await expect(marketplace.getPackage('shop-1', '5433567853345')).resolves.toMatchObject({
      package_status: 'PROCESSING',
      order_line_item_ids: ['1729382476852921560'],
    });
    await expect(marketplace.getPackage('shop-1', '5433567853345')).resolves.toEqual({
      package_status: 'RETURNING_TO_SENDER',
    });
  });
});

describe('Batch Ship answers as the reference allows them', () => {
  afterEach(() => vi.unstubAllGlobals());
  const packages = [
    { id: 'pkg-1', handover_method: 'DROP_OFF' as const },
    { id: 'pkg-2', handover_method: 'DROP_OFF' as const },
  ];

  it('reads `data: {}` and an answer without data as every package shipped', async () => {
    for (const answer of [ok({}), json({ code: 0, message: 'Success', request_id: 'req' })]) {
      const { marketplace } = client([shops(), answer]);
      await expect(marketplace.batchShip('shop-1', packages)).resolves.toEqual({
        shipped: ['pkg-1', 'pkg-2'],
        failed: [],
      });
    }
  });

  it('keeps each listed package refusal apart from the packages that shipped', async () => {
    const { marketplace } = client([
      shops(),
      ok({
        errors: [{ code: 21011040, message: 'Package has already been shipped.', detail: { package_id: 'pkg-2' } }],
      }),
    ]);
    const result = await marketplace.batchShip('shop-1', packages);
    expect(result.shipped).toEqual(['pkg-1']);
    expect(result.failed).toMatchObject([{ packageId: 'pkg-2', error: { kind: 'already_shipped', code: 21011040 } }]);
  });

  it('an error naming no package leaves the whole call in doubt; one without a code leaves its package in doubt', async () => {
    const { marketplace } = client([shops(), ok({ errors: [{ code: 21011041, message: 'cancelled' }] })]);
    await expect(marketplace.batchShip('shop-1', packages)).rejects.toMatchObject({
      kind: 'malformed',
      mayHaveApplied: true,
      field: 'data.errors[0].detail.package_id',
    });
    const second = client([shops(), ok({ errors: [{ detail: { package_id: 'pkg-1' } }] })]);
    const result = await second.marketplace.batchShip('shop-1', packages);
    expect(result.shipped).toEqual(['pkg-2']);
    expect(result.failed).toMatchObject([{ packageId: 'pkg-1', error: { kind: 'transient', mayHaveApplied: true } }]);
  });
});
