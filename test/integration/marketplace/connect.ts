import { MarketplaceError } from '../../../electron/core/marketplace/errors';
import { TikTokShopClient, type ClientOptions, type Connection } from '../../../electron/core/marketplace';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/core/sandbox/server';

/** A sandbox on a free loopback port and a client connected to it over HTTP, with fast retries for tests. */
export async function sandboxAndClient(options: SandboxOptions = {}, client: Partial<ClientOptions> = {}) {
  const sandbox: Sandbox = await startSandbox({ orders: 40, arrivalEverySeconds: 0, ...options });
  const credentials = sandbox.credentials();
  const connection: Connection = { baseUrl: sandbox.url, shopCipher: '', ...credentials };
  const sleeps: number[] = [];
  const marketplace = new TikTokShopClient({
    connection: { read: () => connection, saveTokens: (tokens) => Object.assign(connection, tokens) },
    retry: { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...client,
  });
  return { sandbox, marketplace, connection, sleeps };
}

/** The MarketplaceError a call fails with; fails the test if the call succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<MarketplaceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MarketplaceError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
