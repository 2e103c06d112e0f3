import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { readHubConfig, type HubConfig } from './config';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded';
import { migrate } from './db/migrate';
import { openPool, type Pool } from './db/pool';
import { hubRoutes } from './http/routes';
import { serveRoutes } from './http/server';
import { connectHubMarketplace, type HubMarketplace } from './marketplace';
import { HubPuller } from './pull/hub-puller';
import { expireLeases } from './store/lease-store';
import { hubToken } from './token';
import { processPendingWebhooks } from './webhooks';
import { HubSender } from './writes/hub-sender';

export interface Hub {
  url: string;
  token: string;
  /** True when the token was generated at this start (print it: desks need it). */
  tokenGenerated: boolean;
  databaseUrl: string;
  config: HubConfig;
  pool: Pool;
  marketplace: HubMarketplace;
  puller: HubPuller;
  sender: HubSender;
  /** Fetches the orders named by webhooks received so far. */
  processWebhooks(): Promise<number>;
  close(): Promise<void>;
}

export interface StartHubOptions {
  config?: HubConfig;
  now?: () => number;
  /** Off in tests that drive the sender themselves. */
  sendWrites?: boolean;
  log?: (line: string) => void;
}

/** Seconds between sweeps of idle leases and of unhandled webhooks. */
const SWEEP_MS = 5_000;

/**
 * Starts the warehouse hub: its PostgreSQL (embedded, or the configured server), migrations, the marketplace
 * (TikTok or the embedded sandbox), the pull, the write sender, the lease expiry and the HTTP API. Whatever started
 * is stopped again when a later step fails.
 */
export async function startHub(options: StartHubOptions = {}): Promise<Hub> {
  const config = options.config ?? readHubConfig();
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  const cleanup: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const step of cleanup.reverse())
      await Promise.resolve(step()).catch((error: unknown) => log(`hub close: ${String(error)}`));
  };
  try {
    mkdirSync(config.dataDir, { recursive: true });
    const { token, generated } = hubToken(config.token, config.dataDir);
    let embedded: EmbeddedServer | null = null;
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres(config.dataDir, log);
      cleanup.push(() => embedded!.stop());
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const pool = openPool(databaseUrl);
    cleanup.push(() => pool.end());
    await migrate(pool);
    const leasePool = openPool(databaseUrl, { asyncCommit: true });
    cleanup.push(() => leasePool.end());
    const marketplace = await connectHubMarketplace(config, now);
    cleanup.push(() => marketplace.close());

    const puller = new HubPuller({
      pool,
      client: marketplace.client,
      now,
      intervalSeconds: config.pullIntervalSeconds,
      log,
    });
    cleanup.push(() => puller.stop());
    const sender = new HubSender({ pool, client: marketplace.client, now, log });
    if (options.sendWrites ?? true) {
      await sender.start();
      cleanup.push(() => sender.stop());
    }
    const processWebhooks = () => processPendingWebhooks(pool, puller, now);
    let sweeping = false;
    const sweep = async () => {
      if (sweeping) return;
      sweeping = true;
      try {
        await expireLeases(pool, now());
        await processWebhooks();
      } catch (error) {
        log(`hub sweep: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        sweeping = false;
      }
    };
    const timer = setInterval(() => void sweep(), SWEEP_MS);
    timer.unref();
    cleanup.push(() => clearInterval(timer));

    const routes = hubRoutes({
      pool,
      leasePool,
      marketplace,
      puller,
      now,
      leaseIdleMs: config.leaseIdleMs,
      deskBatch: config.deskBatch,
      atRiskMs: config.atRiskMs,
      onWrites: () => sender.nudge(),
      onWebhook: () => void sweep(),
    });
    const { server, url } = await serveRoutes(routes, { host: config.host, port: config.port, token, log });
    cleanup.push(() => closeServer(server));
    puller.start();
    return {
      url,
      token,
      tokenGenerated: generated,
      databaseUrl,
      config,
      pool,
      marketplace,
      puller,
      sender,
      processWebhooks,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
