import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Settings } from '../config/settings';
import { newSandboxCredentials, startSandbox, type Sandbox } from '../sandbox/server';
import { TikTokShopClient } from './client';
import type { Connection, ConnectionSource } from './transport';

export interface MarketplaceLink {
  mode: 'sandbox' | 'tiktok';
  client: TikTokShopClient;
  /** The embedded sandbox when the station runs on it (tests drive its state and faults through this). */
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

/** What keeps the embedded sandbox the same marketplace across restarts: its timeline's epoch and its credentials. */
const SandboxFile = z.object({
  epoch: z.number().int(),
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
});
type SandboxFile = z.infer<typeof SandboxFile>;

export const SANDBOX_FILE = 'sandbox-marketplace.json';

/** The connection settings as entered (or overridden by PACKBENCH_* variables), with refreshed tokens saved back. */
function settingsConnection(settings: Settings): ConnectionSource {
  let refreshed: { replaced: string; accessToken: string; refreshToken: string } | null = null;
  const fromSettings = (): Connection => ({
    baseUrl: settings.string('marketplace.url'),
    appKey: settings.string('marketplace.appKey'),
    appSecret: settings.string('marketplace.appSecret'),
    accessToken: settings.string('marketplace.accessToken'),
    refreshToken: settings.string('marketplace.refreshToken'),
    shopCipher: settings.string('marketplace.shopCipher'),
  });
  return {
    read() {
      const connection = fromSettings();
      // An access token from the environment cannot be replaced there: the refreshed one lives on in memory until
      // someone enters another token.
      if (refreshed && refreshed.replaced === connection.accessToken)
        return { ...connection, accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken };
      return connection;
    },
    saveTokens(tokens) {
      refreshed = { replaced: settings.string('marketplace.accessToken'), ...tokens };
      settings.set('marketplace.accessToken', tokens.accessToken);
      settings.set('marketplace.refreshToken', tokens.refreshToken);
    },
  };
}

export function readSandboxFile(file: string, now: () => number): SandboxFile {
  if (existsSync(file)) {
    const parsed = SandboxFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    console.warn(`${file} is not a valid sandbox file; starting a new sandbox marketplace.`);
  }
  const fresh = { epoch: Math.floor(now() / 1000), ...newSandboxCredentials() };
  writeFileSync(file, JSON.stringify(fresh), { mode: 0o600 });
  return fresh;
}

/**
 * With marketplace.url empty the station starts the embedded sandbox on a free loopback port and connects to it
 * with credentials both share (kept in the data folder); otherwise it uses the configured URL and credentials.
 */
export async function connectMarketplace(options: {
  settings: Settings;
  dataDir: string;
  now: () => number;
}): Promise<MarketplaceLink> {
  const { settings, now } = options;
  const log = (line: string) => console.log(`marketplace: ${line}`);
  if (settings.string('marketplace.url')) {
    const client = new TikTokShopClient({ connection: settingsConnection(settings), now, log });
    return { mode: 'tiktok', client, sandbox: null, close: async () => undefined };
  }
  const file = join(options.dataDir, SANDBOX_FILE);
  const saved = readSandboxFile(file, now);
  const sandbox = await startSandbox({
    port: settings.number('sandbox.port'),
    seed: settings.number('sandbox.seed'),
    orders: settings.number('sandbox.orders'),
    epoch: saved.epoch,
    credentials: saved,
    now,
  });
  // PACKBENCH_SHOP_CIPHER limits the embedded sandbox to one of its shops too, as it does a real marketplace.
  const connection: Connection = {
    baseUrl: sandbox.url,
    shopCipher: settings.string('marketplace.shopCipher'),
    ...sandbox.credentials(),
  };
  const client = new TikTokShopClient({
    connection: {
      read: () => connection,
      saveTokens(tokens) {
        Object.assign(connection, tokens);
        writeFileSync(file, JSON.stringify({ ...saved, ...tokens }), { mode: 0o600 });
      },
    },
    now,
    log,
  });
  return { mode: 'sandbox', client, sandbox, close: () => sandbox.close() };
}
