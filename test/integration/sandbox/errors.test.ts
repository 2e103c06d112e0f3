import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import { call, CIPHERS, controlPost, quietSandbox, sign } from './signed-fetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await quietSandbox({ orders: 40 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

const SHOPS = '/authorization/202309/shops';
const search = (options: Parameters<typeof call>[3] = {}) =>
  call(sandbox, 'POST', '/order/202309/orders/search', {
    cipher: CIPHERS.usLocal,
    query: { page_size: '10' },
    body: {},
    ...options,
  });

describe('the sandbox refuses as guides/common-errors.md documents', () => {
  it('tells every 36009004 case apart by its message', async () => {
    const now = sandbox.market.now();
    const cases: Array<[Promise<{ code: number; message: string }>, string]> = [
      [
        call(sandbox, 'GET', SHOPS, { unsigned: true }),
        'Missing credentials. The request does not include a required signature in the query.',
      ],
      [
        call(sandbox, 'GET', SHOPS, { token: 'ROW_not-a-token' }),
        'Invalid credentials. The x-tts-access-token header is invalid.',
      ],
      [
        call(sandbox, 'GET', SHOPS, { query: { app_key: 'nope' } }),
        'Invalid credentials. Invalid app_key query parameter.',
      ],
      [
        call(sandbox, 'GET', SHOPS, { timestamp: -5 }),
        'Invalid timestamp. The value of the timestamp query parameter must not be lesser than 0.',
      ],
      [
        call(sandbox, 'GET', SHOPS, { timestamp: now - 310 }),
        'Invalid timestamp. The value of the timestamp query parameter must not be earlier than 5 minutes before the current time.',
      ],
      [
        call(sandbox, 'GET', SHOPS, { timestamp: now + 40 }),
        'Invalid timestamp. The value of the timestamp query parameter must not exceed the current time by more than 30 seconds.',
      ],
      [
        call(sandbox, 'GET', SHOPS, { cipher: CIPHERS.usLocal }),
        'Unexpected identifier. The shop_cipher query parameter is not required for this request.',
      ],
      [
        search({ query: { page_size: '10', shop_id: '1' } }),
        'Invalid identifier. The shop_id query parameter is invalid.',
      ],
      [
        search({ query: { page_size: '10', version: '202212' } }),
        'Invalid API version. The version query parameter is invalid.',
      ],
    ];
    for (const [answer, message] of cases) expect(await answer).toMatchObject({ code: 36009004, message });
    const { appKey, appSecret } = sandbox.credentials();
    const legacy = { app_key: appKey, timestamp: String(now), access_token: 'ROW_old' };
    const res = await fetch(
      `${sandbox.url}${SHOPS}?${new URLSearchParams({ ...legacy, sign: sign(appSecret, SHOPS, legacy, '') })}`,
    );
    expect(await res.json()).toMatchObject({
      code: 36009004,
      message: 'Invalid credentials. The access_token header is invalid.',
    });
    expect((await call(sandbox, 'GET', SHOPS, { timestamp: now - 290 })).code).toBe(0);
    expect((await call(sandbox, 'GET', SHOPS, { timestamp: now + 20 })).code).toBe(0);
  });

  it('answers 106001 for a wrong sign, 106013 / 106011 for a missing / unknown shop_cipher', async () => {
    const { appKey } = sandbox.credentials();
    const res = await fetch(
      `${sandbox.url}${SHOPS}?app_key=${appKey}&timestamp=${sandbox.market.now()}&sign=${'0'.repeat(64)}`,
      { headers: { 'x-tts-access-token': sandbox.credentials().accessToken } },
    );
    expect(await res.json()).toMatchObject({
      code: 106001,
      message: 'Invalid credentials. The sign query parameter is invalid.',
    });
    expect(await search({ cipher: '' })).toMatchObject({
      code: 106013,
      message: 'Missing identifier. The shop_cipher query parameter is required to identify the target shop.',
    });
    expect((await search({ cipher: 'ROW_unknown' })).code).toBe(106011);
  });

  it('answers 105002 for a token replaced by a refresh, and 36009004 for a revoked one until a new token is issued', async () => {
    const old = sandbox.credentials();
    const refreshed = await fetch(
      `${sandbox.url}/api/v2/token/refresh?app_key=${old.appKey}&app_secret=${old.appSecret}&grant_type=refresh_token&refresh_token=${old.refreshToken}`,
    );
    expect((await refreshed.json()) as object).toMatchObject({ code: 0 });
    expect(await call(sandbox, 'GET', SHOPS, { token: old.accessToken })).toMatchObject({
      code: 105002,
      message: 'Expired credentials. The access_token or x-tts-access-token header has expired.',
    });

    expect((await controlPost(sandbox, '/sandbox/tokens/revoke')).status).toBe(200);
    for (const answer of [await call(sandbox, 'GET', SHOPS), await search()]) {
      expect(answer).toMatchObject({
        code: 36009004,
        message: 'Invalid credentials. The x-tts-access-token header is invalid.',
      });
    }
    const current = sandbox.credentials();
    const refresh = await fetch(
      `${sandbox.url}/api/v2/token/refresh?app_key=${current.appKey}&app_secret=${current.appSecret}&grant_type=refresh_token&refresh_token=${current.refreshToken}`,
    );
    expect(((await refresh.json()) as { code: number }).code).not.toBe(0);
    const issued = await controlPost(sandbox, '/sandbox/tokens/issue');
    expect(issued.body.accessToken).not.toBe(current.accessToken);
    expect((await call(sandbox, 'GET', SHOPS)).code).toBe(0);
    expect((await call(sandbox, 'GET', SHOPS, { token: current.accessToken })).code).toBe(36009004);
  });

  it('answers any documented code through the error_code fault, with its endpoint’s wording', async () => {
    const faults = [
      { kind: 'error_code', code: 36009003, path: '/orders/search' },
      { kind: 'error_code', code: 36009007, path: '/orders/search' },
      { kind: 'error_code', code: 36009002, path: '/orders/search' },
      { kind: 'error_code', code: 21011025, path: '/ship' },
      { kind: 'error_code', code: 4242, message: 'Made up.', path: '/orders/search' },
    ];
    expect((await controlPost(sandbox, '/sandbox/faults', { faults })).status).toBe(200);
    expect(await search()).toMatchObject({
      code: 36009003,
      message:
        'Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.',
    });
    expect(await search()).toMatchObject({
      code: 36009007,
      message: 'Request timeout. The request to the endpoint timed out.',
    });
    expect(await search()).toMatchObject({
      status: 429,
      code: 36009002,
      message: "Too many requests. You've made too many requests in a short period of time.",
    });
    const pkg = [...sandbox.market.allOrders()].find((o) => o.packages.length > 0)!;
    const ship = await call(sandbox, 'POST', `/fulfillment/202309/packages/${pkg.packages[0]!.id}/ship`, {
      cipher: pkg.shop.cipher,
      body: {},
    });
    expect(ship).toMatchObject({ code: 21011025, message: 'Duplicate tracking number. ' });
    expect(await search()).toMatchObject({ code: 4242, message: 'Made up.' });
    expect((await search()).code).toBe(0);
    expect((await controlPost(sandbox, '/sandbox/faults', { kind: 'error_code', code: 4242 })).status).toBe(400);
    for (const code of [21011040, 11006021, 21008099, 21011020, 21011041, 105002, 106001, 12052032]) {
      sandbox.faults.add({ kind: 'error_code', code, path: '/orders/search' });
      const answer = await search();
      expect(answer.code).toBe(code);
      expect(answer.message.length).toBeGreaterThan(5);
    }
  });

  it('keeps the older faults and the rate limit of 50 per second per API and shop', async () => {
    sandbox.faults.add(
      { kind: 'server_error', path: '/orders/search', status: 503 },
      { kind: 'bad_signature', path: '/orders/search' },
      { kind: 'bad_field', path: '/orders/search', field: 'data.total_count', value: 'x' },
    );
    expect(await search()).toMatchObject({ status: 503, code: 36009003 });
    expect((await search()).code).toBe(106001);
    expect((await search()).data).toMatchObject({ total_count: 'x' });
    sandbox.faults.add({ kind: 'expired_token' });
    expect((await search()).code).toBe(105002);
    await fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' });
    sandbox.faults.add(
      { kind: 'malformed_json', path: '/orders/search' },
      { kind: 'slow', path: '/orders/search', delayMs: 300 },
    );
    await expect(search()).rejects.toThrow(SyntaxError);
    const started = Date.now();
    expect((await search()).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    sandbox.faults.add({ kind: 'duplicate_order', path: '/orders/search' });
    const doubled = (await search()).data as { orders: Array<{ id: string }> };
    expect(doubled.orders.at(-1)!.id).toBe(doubled.orders[0]!.id);
    const order = [...sandbox.market.allOrders()].find(
      (o) => o.status === 'AWAITING_SHIPMENT' && o.shippingType === 'TIKTOK' && o.packages.length > 0,
    )!;
    sandbox.faults.add({ kind: 'drop_after_write', path: '/ship' });
    await expect(
      call(sandbox, 'POST', `/fulfillment/202309/packages/${order.packages[0]!.id}/ship`, {
        cipher: order.shop.cipher,
        body: {},
      }),
    ).rejects.toThrow();
    expect(sandbox.shipCount(order.packages[0]!.id)).toBe(1);
    const limited = await startLimited();
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(limited, 'GET', SHOPS)));
    // However the requests straddle a second boundary, at most 2 x 3 get through.
    expect(answers.filter((a) => a.code === 0).length).toBeLessThanOrEqual(6);
    const limitedAnswers = answers.filter((a) => a.status === 429);
    expect(limitedAnswers.length).toBeGreaterThanOrEqual(2);
    expect(limitedAnswers.every((a) => a.code === 36009002)).toBe(true);
    await limited.close();
  });
});

/** A sandbox with a low limit, so a test can cross it with a handful of requests in one second. */
const startLimited = () => quietSandbox({ orders: 0, rateLimitPerSecond: 3 });
