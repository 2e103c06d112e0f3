import { join } from 'node:path';
import { TikTokShopClient, type Connection } from '../../electron/core/marketplace';
import { readSandboxFile, SANDBOX_FILE } from '../../electron/core/marketplace/station-connection';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/server';
import type { HubConfig } from './config';

export interface HubMarketplace {
  mode: 'sandbox' | 'tiktok';
  client: TikTokShopClient;
  /** The embedded sandbox when the hub runs on one (tests read its state through this). */
  sandbox: Sandbox | null;
  /** Webhooks are signed with the app's key and secret. */
  appKey(): string;
  appSecret(): string;
  close(): Promise<void>;
}

/**
 * The hub's marketplace, chosen as the station chooses its own: the configured TikTok Shop app, or (no URL) the
 * embedded sandbox with credentials kept in the hub's data folder, so it stays one marketplace across restarts.
 */
export async function connectHubMarketplace(config: HubConfig, now: () => number): Promise<HubMarketplace> {
  const log = (line: string) => console.log(`hub marketplace: ${line}`);
  const market = config.marketplace;
  if (market.mode === 'tiktok') {
    const connection: Connection = {
      baseUrl: market.url,
      appKey: market.appKey,
      appSecret: market.appSecret,
      accessToken: market.accessToken,
      refreshToken: '',
      shopCipher: market.shopCipher,
    };
    const client = new TikTokShopClient({
      connection: { read: () => connection, saveTokens: (tokens) => void Object.assign(connection, tokens) },
      now,
      log,
    });
    return {
      mode: 'tiktok',
      client,
      sandbox: null,
      appKey: () => connection.appKey,
      appSecret: () => connection.appSecret,
      close: async () => undefined,
    };
  }
  const saved = readSandboxFile(join(config.dataDir, SANDBOX_FILE), now);
  const sandbox = await startSandbox({
    port: market.port,
    seed: market.seed,
    orders: market.orders,
    epoch: saved.epoch,
    credentials: saved,
    now,
  });
  const connection: Connection = { baseUrl: sandbox.url, shopCipher: '', ...sandbox.credentials() };
  const client = new TikTokShopClient({
    connection: { read: () => connection, saveTokens: (tokens) => void Object.assign(connection, tokens) },
    now,
    log,
  });
  return {
    mode: 'sandbox',
    client,
    sandbox,
    appKey: () => connection.appKey,
    appSecret: () => connection.appSecret,
    close: () => sandbox.close(),
  };
}
