import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TikTokShopClient } from '../../../electron/core/marketplace/client';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../../electron/core/marketplace/retry';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers });
const shops = {
  code: 0,
  message: 'Success',
  request_id: 'r1',
  data: { shops: [{ id: '1', name: 'S', region: 'US', seller_type: 'LOCAL', cipher: 'c', code: 'X' }] },
};

function client(responses: Array<Response | Error>) {
  const fetchMock = vi.fn(async () => {
    const next = responses.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  });
  vi.stubGlobal('fetch', fetchMock);
  const sleeps: number[] = [];
  const marketplace = new TikTokShopClient({
    connection: {
      read: () => ({
        baseUrl: 'http://marketplace.test',
        appKey: 'k',
        appSecret: 's',
        accessToken: 't',
        refreshToken: '',
        shopCipher: '',
      }),
      saveTokens: () => undefined,
    },
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  });
  return { marketplace, sleeps, fetchMock };
}

describe('retry policy', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('backs off exponentially with jitter inside [cap/2, cap], capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (attempt, r) => {
        const cap = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (attempt - 1));
        const delay = backoffDelay(DEFAULT_RETRY, attempt, () => r);
        return delay >= Math.floor(cap / 2) && delay <= Math.ceil(cap);
      }),
    );
  });

  it('never waits less than a retry hint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 10 }),
        (hint, attempt) => backoffDelay(DEFAULT_RETRY, attempt, Math.random, hint) >= hint,
      ),
    );
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });

  it('retries 429 and 5xx and a refused connection, then answers', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { marketplace, sleeps, fetchMock } = client([
      json(429, {}, { 'retry-after': '2' }),
      json(503, {}),
      refused,
      json(200, shops),
    ]);
    await expect(marketplace.getAuthorizedShops()).resolves.toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(4);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(sleeps).toHaveLength(3);
  });

  it('gives up after the configured attempts with the last error', async () => {
    const { marketplace, fetchMock } = client(Array.from({ length: 5 }, () => json(500, {})));
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({ kind: 'transient', httpStatus: 500 });
    expect(fetchMock).toHaveBeenCalledTimes(DEFAULT_RETRY.attempts);
  });

  it('does not retry what retrying cannot fix', async () => {
    const { marketplace, fetchMock } = client([
      json(200, { code: 106001, message: 'Invalid signature', request_id: 'r9' }),
    ]);
    await expect(marketplace.getAuthorizedShops()).rejects.toMatchObject({
      kind: 'config',
      code: 106001,
      requestId: 'r9',
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('signs every request and sends the token in the header, never in the URL', async () => {
    const { marketplace, fetchMock } = client([json(200, shops)]);
    await marketplace.getAuthorizedShops();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const query = new URL(url).searchParams;
    expect(query.get('app_key')).toBe('k');
    expect(query.get('sign')).toMatch(/^[0-9a-f]{64}$/);
    expect(query.has('access_token')).toBe(false);
    expect(url).not.toContain('=s&');
    expect((init.headers as Record<string, string>)['x-tts-access-token']).toBe('t');
  });
});
