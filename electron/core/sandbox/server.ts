import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Documents } from './documents';
import { Faults } from './faults';
import { Gate, newSandboxCredentials, type SandboxCredentials } from './gate';
import { SandboxHttp } from './http';
import { Market, type MarketOptions } from './market';
import { fulfillmentRoutes } from './routes-fulfillment';
import { eventRoutes } from './routes-event';
import { shopRoutes } from './routes-shop';
import { EVENT_TYPES, Webhooks, type EventType } from './webhooks';

export { newSandboxCredentials, type SandboxCredentials } from './gate';

export interface SandboxOptions extends Partial<MarketOptions> {
  /** 0: any free port. Always bound to 127.0.0.1. */
  port?: number;
  credentials?: SandboxCredentials;
  /** Requests per second per API and shop before 429 (TikTok's default is 50). */
  rateLimitPerSecond?: number;
  /** Subscribes every shop to every webhook topic the sandbox sends, at this address (as Partner Center would). */
  webhookUrl?: string;
}

/** A running sandbox marketplace; tests drive its state and faults through this handle or over HTTP (/sandbox/...). */
export interface Sandbox {
  url: string;
  market: Market;
  faults: Faults;
  /** The credentials it accepts now (the tokens change when the client refreshes them). */
  credentials(): SandboxCredentials;
  /** Times the package was shipped successfully: 1 is right, 2 would be a double ship. */
  shipCount(packageId: string): number;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
/** The carrier's first scan, by default, this long after Ship Package on the sandbox clock. */
const DEFAULT_COLLECT_AFTER = 3 * 3600;

/** Starts the sandbox marketplace on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const market = new Market({
    seed: options.seed ?? 1,
    orders: options.orders ?? 120,
    epoch: options.epoch ?? Math.floor(now() / 1000),
    arrivalEverySeconds: options.arrivalEverySeconds ?? 900,
    collectAfterSeconds: options.collectAfterSeconds ?? DEFAULT_COLLECT_AFTER,
    now,
  });
  const faults = new Faults();
  const gate = new Gate(options.credentials ?? newSandboxCredentials());
  const documents = new Documents(market);
  const webhooks = new Webhooks(market, gate);
  if (options.webhookUrl) {
    for (const shop of market.shops())
      for (const topic of Object.keys(EVENT_TYPES) as EventType[]) webhooks.subscribe(shop, topic, options.webhookUrl);
  }
  const http = new SandboxHttp({
    market,
    faults,
    gate,
    documents,
    webhooks,
    routes: [...shopRoutes, ...fulfillmentRoutes(documents), ...eventRoutes],
    rateLimitPerSecond: options.rateLimitPerSecond ?? 50,
    now,
  });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      http.handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        console.error('sandbox marketplace: request failed:', error);
        http.fail(res);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  http.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: http.baseUrl,
    market,
    faults,
    credentials: () => gate.current(),
    shipCount: (packageId) => market.shipCounts.get(packageId) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
