import { join } from 'node:path';
import { z } from 'zod';
import { defaultDataDir } from '../../electron/core/config/paths';

const port = z.coerce.number().int().min(0).max(65535);
const optional = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

/** The hub's environment, read once at start (the hub has no Settings screen: its variables are its settings). */
const HubEnv = z.object({
  PACKBENCH_HUB_DATA_DIR: optional,
  PACKBENCH_HUB_DATABASE_URL: optional,
  PACKBENCH_HUB_PORT: port.default(4800),
  PACKBENCH_HUB_HOST: z.string().min(1).default('0.0.0.0'),
  PACKBENCH_HUB_TOKEN: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/, '16 to 128 letters, digits, - or _')
      .optional(),
  ),
  PACKBENCH_HUB_LEASE_IDLE_MINUTES: z.coerce
    .number()
    .min(0.05)
    .max(24 * 60)
    .default(15),
  PACKBENCH_HUB_DESK_BATCH: z.coerce.number().int().min(0).max(100).default(5),
  PACKBENCH_PULL_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  PACKBENCH_AT_RISK_HOURS: z.coerce.number().min(0.25).max(72).default(6),
  // The same marketplace variables the station reads.
  PACKBENCH_MARKETPLACE_URL: optional,
  PACKBENCH_APP_KEY: optional,
  PACKBENCH_APP_SECRET: optional,
  PACKBENCH_ACCESS_TOKEN: optional,
  PACKBENCH_SHOP_CIPHER: optional,
  PACKBENCH_SANDBOX_PORT: port.default(0),
  PACKBENCH_SANDBOX_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
  PACKBENCH_SANDBOX_ORDERS: z.coerce.number().int().min(0).max(100_000).default(120),
});

export interface HubConfig {
  dataDir: string;
  /** An existing PostgreSQL server; null: the embedded one with its cluster in dataDir. */
  databaseUrl: string | null;
  host: string;
  port: number;
  /** null: generated on first start and kept in dataDir. */
  token: string | null;
  leaseIdleMs: number;
  deskBatch: number;
  pullIntervalSeconds: number;
  /** The dashboard's "at risk": fewer than this many ms left before the pack-by deadline. */
  atRiskMs: number;
  marketplace:
    | { mode: 'tiktok'; url: string; appKey: string; appSecret: string; accessToken: string; shopCipher: string }
    | { mode: 'sandbox'; port: number; seed: number; orders: number };
}

export function readHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = HubEnv.safeParse(env);
  if (!parsed.success) throw new Error(`hub settings: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const e = parsed.data;
  return {
    dataDir: e.PACKBENCH_HUB_DATA_DIR ?? join(defaultDataDir(process.platform, env), 'hub'),
    databaseUrl: e.PACKBENCH_HUB_DATABASE_URL ?? null,
    host: e.PACKBENCH_HUB_HOST,
    port: e.PACKBENCH_HUB_PORT,
    token: e.PACKBENCH_HUB_TOKEN ?? null,
    leaseIdleMs: Math.round(e.PACKBENCH_HUB_LEASE_IDLE_MINUTES * 60_000),
    deskBatch: e.PACKBENCH_HUB_DESK_BATCH,
    pullIntervalSeconds: e.PACKBENCH_PULL_INTERVAL_SECONDS,
    atRiskMs: Math.round(e.PACKBENCH_AT_RISK_HOURS * 3_600_000),
    marketplace: e.PACKBENCH_MARKETPLACE_URL
      ? {
          mode: 'tiktok',
          url: e.PACKBENCH_MARKETPLACE_URL,
          appKey: e.PACKBENCH_APP_KEY ?? '',
          appSecret: e.PACKBENCH_APP_SECRET ?? '',
          accessToken: e.PACKBENCH_ACCESS_TOKEN ?? '',
          shopCipher: e.PACKBENCH_SHOP_CIPHER ?? '',
        }
      : {
          mode: 'sandbox',
          port: e.PACKBENCH_SANDBOX_PORT,
          seed: e.PACKBENCH_SANDBOX_SEED,
          orders: e.PACKBENCH_SANDBOX_ORDERS,
        },
  };
}
