import { vi } from 'vitest';
import { TikTokShopClient } from '../../../electron/core/marketplace/client';
import type { RetryPolicy } from '../../../electron/core/marketplace/retry';

/**
 * The real client against answers scripted in order (global fetch stubbed; unstub it after each test): `call(n)` is
 * the n-th request as sent, so a test checks the wire as well as the reading of the answer.
 */
export function scriptedClient(
  responses: Response[],
  options: { now?: () => number; retry?: Partial<RetryPolicy> } = {},
) {
  const fetchMock = vi.fn(async () => {
    const next = responses.shift();
    if (!next) throw new Error('no more answers');
    return next;
  });
  vi.stubGlobal('fetch', fetchMock);
  const marketplace = new TikTokShopClient({
    connection: {
      read: () => ({
        baseUrl: 'http://marketplace.test',
        appKey: 'k',
        appSecret: 's',
        accessToken: 't',
        refreshToken: 'r',
        shopCipher: '',
      }),
      saveTokens: () => undefined,
    },
    sleep: async () => undefined,
    random: () => 0.5,
    now: options.now ?? (() => 1_800_000_000_000),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const call = (n: number) => {
    const [url, init] = fetchMock.mock.calls[n] as unknown as [string, RequestInit];
    return {
      url: new URL(url),
      method: init.method,
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
    };
  };
  return { marketplace, fetchMock, call };
}
