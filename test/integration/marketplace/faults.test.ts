import { afterEach, describe, expect, it } from 'vitest';
import { trackingNumberFor } from '../../../electron/core/sandbox/identifiers';
import { PROVIDER_IDS } from '../../../electron/core/sandbox/world';
import { failure, sandboxAndClient } from './connect';

type Setup = Awaited<ReturnType<typeof sandboxAndClient>>;

/** A seller-shipped order that has its package already (cross-border): Ship Package with self_shipment applies. */
const sellerOrder = (setup: Setup) =>
  [...setup.sandbox.market.allOrders()].find(
    (o) =>
      o.status === 'AWAITING_SHIPMENT' &&
      o.shippingType === 'SELLER' &&
      o.packages.length === 1 &&
      o.lines.every((l) => l.packageId),
  )!;
/** The sandbox's shops: US and UK local, US and UK & EU cross-border, Brazil. */
const SHOP_COUNT = 5;
const shipRequest = (order: ReturnType<typeof sellerOrder>) => ({
  self_shipment: {
    tracking_number: trackingNumberFor(order.carrier, '31337'),
    shipping_provider_id: PROVIDER_IDS[order.carrier],
  },
});

describe('the client against sandbox faults', () => {
  let setup: Setup;
  afterEach(() => setup?.sandbox.close());

  it('waits out a 429 for at least the retry hint, then succeeds', async () => {
    setup = await sandboxAndClient();
    setup.sandbox.faults.add({ kind: 'rate_limit', path: '/authorization/', retryAfterSeconds: 2, times: 2 });
    const shops = await setup.marketplace.getAuthorizedShops();
    expect(shops).toHaveLength(SHOP_COUNT);
    expect(setup.sleeps).toHaveLength(2);
    for (const ms of setup.sleeps) expect(ms).toBeGreaterThanOrEqual(2000);
  });

  it('retries a read through 500s with growing, jittered delays and gives up after the attempts', async () => {
    setup = await sandboxAndClient();
    setup.sandbox.faults.add({ kind: 'server_error', path: '/authorization/', times: 2 });
    await setup.marketplace.getAuthorizedShops();
    expect(setup.sleeps).toHaveLength(2);
    setup.sandbox.faults.add({ kind: 'server_error', path: '/authorization/', times: 10 });
    const error = await failure(setup.marketplace.getAuthorizedShops());
    expect(error).toMatchObject({ kind: 'transient', httpStatus: 500, call: 'getAuthorizedShops' });
    expect(setup.marketplace.status().state).toBe('unreachable');
  });

  it('honours the real per-shop rate limit', async () => {
    const waits: number[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, waits.push(ms) && ms));
    setup = await sandboxAndClient(
      { rateLimitPerSecond: 3 },
      { retry: { attempts: 8, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 }, sleep },
    );
    const [shop] = await setup.marketplace.shops();
    const pages = await Promise.all(
      Array.from({ length: 6 }, () => setup.marketplace.searchOrders(shop!.id, { pageSize: 1 })),
    );
    expect(pages).toHaveLength(6);
    expect(waits.some((ms) => ms >= 1000)).toBe(true);
  });

  it('bounds a slow answer with its timeout and retries it', async () => {
    setup = await sandboxAndClient(
      {},
      { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 300 }, sleep: async () => undefined },
    );
    setup.sandbox.faults.add({ kind: 'slow', path: '/authorization/', delayMs: 1_500 });
    await expect(setup.marketplace.getAuthorizedShops()).resolves.toHaveLength(SHOP_COUNT);
    setup.sandbox.faults.add({ kind: 'slow', path: '/authorization/', delayMs: 1_500, times: 2 });
    expect(await failure(setup.marketplace.getAuthorizedShops())).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('no answer within 300 ms'),
    });
  });

  it('does not repeat a ship whose connection dropped after it was applied: upstream shows it shipped once', async () => {
    setup = await sandboxAndClient({ orders: 60 });
    const order = sellerOrder(setup);
    const pkg = order.packages[0]!;
    setup.sandbox.faults.add({ kind: 'drop_after_write', path: '/ship' });
    const lost = await failure(setup.marketplace.shipPackage(order.shop.id, pkg.id, shipRequest(order)));
    expect(lost).toMatchObject({ kind: 'transient', mayHaveApplied: true, call: 'shipPackage' });
    expect(setup.sandbox.market.shipAttempts.get(pkg.id)).toBe(1);
    expect(await setup.marketplace.getPackage(order.shop.id, pkg.id)).toMatchObject({ package_status: 'PROCESSING' });
    expect(await failure(setup.marketplace.shipPackage(order.shop.id, pkg.id, shipRequest(order)))).toMatchObject({
      kind: 'already_shipped',
    });
    expect(setup.sandbox.shipCount(pkg.id)).toBe(1);
  });

  it('does not resend a write after a 500, but does after a 429 (never applied)', async () => {
    setup = await sandboxAndClient({ orders: 60 });
    const order = sellerOrder(setup);
    const pkg = order.packages[0]!;
    setup.sandbox.faults.add({ kind: 'server_error', path: '/ship' });
    expect(await failure(setup.marketplace.shipPackage(order.shop.id, pkg.id, shipRequest(order)))).toMatchObject({
      kind: 'transient',
      mayHaveApplied: true,
    });
    expect(setup.sandbox.market.shipAttempts.get(pkg.id) ?? 0).toBe(0);
    setup.sandbox.faults.add({ kind: 'rate_limit', path: '/ship', retryAfterSeconds: 0 });
    await setup.marketplace.shipPackage(order.shop.id, pkg.id, shipRequest(order));
    expect(setup.sandbox.shipCount(pkg.id)).toBe(1);
  });

  it('refuses malformed JSON and an unexpected page field with the call and the field named; one bad order is refused alone', async () => {
    setup = await sandboxAndClient();
    const [shop] = await setup.marketplace.shops();
    setup.sandbox.faults.add({ kind: 'malformed_json', path: '/orders/search' });
    expect(await failure(setup.marketplace.searchOrders(shop!.id))).toMatchObject({
      kind: 'malformed',
      call: 'searchOrders',
      field: 'body',
    });
    setup.sandbox.faults.add({ kind: 'bad_field', path: '/orders/search', field: 'data.next_page_token', value: 7 });
    const error = await failure(setup.marketplace.searchOrders(shop!.id));
    expect(error).toMatchObject({ kind: 'malformed', call: 'searchOrders', field: 'data.next_page_token' });
    expect(error.message).toContain('searchOrders');
    const whole = await setup.marketplace.searchOrders(shop!.id, {
      pageSize: 5,
      filter: { order_status: 'AWAITING_SHIPMENT' },
    });
    setup.sandbox.faults.add({
      kind: 'bad_field',
      path: '/orders/search',
      field: 'data.orders.1.update_time',
      value: 'yesterday',
    });
    const page = await setup.marketplace.searchOrders(shop!.id, {
      pageSize: 5,
      filter: { order_status: 'AWAITING_SHIPMENT' },
    });
    const bad = whole.orders[1]!.order.id;
    expect(page.refused).toEqual([expect.objectContaining({ orderId: bad, field: 'update_time' })]);
    expect(page.orders.map(({ order }) => order.id)).toEqual(
      whole.orders.map(({ order }) => order.id).filter((id) => id !== bad),
    );
    setup.sandbox.faults.add({ kind: 'bad_field', path: '/authorization/', field: 'code', value: 'zero' });
    expect(await failure(setup.marketplace.getAuthorizedShops())).toMatchObject({ kind: 'malformed', field: 'code' });
  });

  it('stops at once on a bad signature, real or injected, and says the settings are wrong', async () => {
    setup = await sandboxAndClient();
    setup.sandbox.faults.add({ kind: 'bad_signature' });
    expect(await failure(setup.marketplace.getAuthorizedShops())).toMatchObject({ kind: 'config', code: 106001 });
    expect(setup.sleeps).toHaveLength(0);
    setup.connection.appSecret = 'not-the-secret';
    expect(await failure(setup.marketplace.getAuthorizedShops())).toMatchObject({ kind: 'config', code: 106001 });
    expect(setup.marketplace.status()).toMatchObject({ state: 'config_error' });
    expect(setup.marketplace.status().message).not.toContain('not-the-secret');
  });

  it('refreshes an expired access token and carries on with the new one', async () => {
    setup = await sandboxAndClient();
    const before = setup.connection.accessToken;
    setup.sandbox.faults.add({ kind: 'expired_token' });
    await expect(setup.marketplace.getAuthorizedShops()).resolves.toHaveLength(SHOP_COUNT);
    expect(setup.connection.accessToken).not.toBe(before);
    expect(setup.connection.accessToken).toBe(setup.sandbox.credentials().accessToken);
    expect(setup.marketplace.status().state).toBe('connected');
  });

  it('asks for the shop to be reconnected when the token cannot be refreshed', async () => {
    setup = await sandboxAndClient();
    setup.sandbox.faults.add({ kind: 'expired_token', refreshable: false });
    const error = await failure(setup.marketplace.getAuthorizedShops());
    expect(error).toMatchObject({ kind: 'reconnect', call: 'refreshAccessToken' });
    expect(error.message).toContain('reconnect');
    expect(error.message).not.toContain(setup.connection.refreshToken);
    expect(setup.marketplace.status().state).toBe('reconnect_required');
  });

  it("follows the marketplace's clock when the station's is outside the timestamp window", async () => {
    setup = await sandboxAndClient();
    setup.sandbox.market.advanceClock(3 * 3600);
    await expect(setup.marketplace.getAuthorizedShops()).resolves.toHaveLength(SHOP_COUNT);
    await expect(setup.marketplace.getAuthorizedShops()).resolves.toHaveLength(SHOP_COUNT);
  });

  it('takes faults over the HTTP control API too', async () => {
    setup = await sandboxAndClient();
    const response = await fetch(`${setup.sandbox.url}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ kind: 'bad_signature', path: '/authorization/' }] }),
    });
    expect(response.status).toBe(200);
    expect(await failure(setup.marketplace.getAuthorizedShops())).toMatchObject({ code: 106001 });
    const state = (await (await fetch(`${setup.sandbox.url}/sandbox/state`)).json()) as {
      faults: unknown[];
      orders: Record<string, number>;
    };
    expect(state.faults).toEqual([]);
    expect(Object.values(state.orders).reduce((a, b) => a + b, 0)).toBe(40);
    expect(
      (await fetch(`${setup.sandbox.url}/sandbox/faults`, { method: 'POST', body: '{"kind":"meteor"}' })).status,
    ).toBe(400);
  });
});
