import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { HubConfig } from '../../../hub/src/config';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../hub/src/db/embedded';

/**
 * One real PostgreSQL per test file: embedded, in a fresh folder under the temp folder with a 0777 parent (run as
 * root, PostgreSQL runs as user postgres and must reach it). Each hub of the file gets its own database on it.
 */
export async function startTestPostgres(): Promise<
  EmbeddedServer & { dir: string; database(name: string): Promise<string>; folder(name: string): string }
> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-hub-'));
  chmodSync(dir, 0o777);
  const server = await startEmbeddedPostgres(join(dir, 'data'));
  return {
    ...server,
    dir,
    /** A fresh folder inside the server's own, removed with it. */
    folder: (name: string) => mkdtempSync(join(dir, `${name}-`)),
    async database(name: string) {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      await client.end();
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A hub on an ephemeral port over `databaseUrl`, pulling only when asked, on the sandbox or the given marketplace. */
export function testHubConfig(dataDir: string, databaseUrl: string, overrides: Partial<HubConfig> = {}): HubConfig {
  return {
    dataDir,
    databaseUrl,
    host: '127.0.0.1',
    port: 0,
    token: 'test-hub-token-0123456789',
    leaseIdleMs: 15 * 60_000,
    deskBatch: 5,
    pullIntervalSeconds: 0,
    atRiskMs: 6 * 3_600_000,
    marketplace: { mode: 'sandbox', port: 0, seed: 7, orders: 60 },
    ...overrides,
  };
}

/** An HTTP proxy in front of the sandbox that counts order searches: the pull's calls, whoever asks the hub. */
export async function countingProxy(
  target: string,
): Promise<{ url: string; searches: () => number; close(): Promise<void> }> {
  const upstream = new URL(target);
  let searches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/order/202309/orders/search')) searches += 1;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    searches: () => searches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An order in the hub's queue that no desk holds yet, shipped by TikTok in one package (outside Brazil's ZPL flow). */
export async function unleasedTikTokOrder(pool: pg.Pool): Promise<{ orderId: string; packageId: string }> {
  const { rows } = await pool.query<{ id: string; package_id: string }>(
    `SELECT o.id, o.data->'packages'->0->>'id' AS package_id FROM orders o
      WHERE o.hub_state = 'queued' AND o.status = 'AWAITING_SHIPMENT' AND o.data->>'shippingType' = 'TIKTOK'
        AND jsonb_array_length(o.data->'packages') = 1 AND o.data->'recipient'->>'countryCode' != 'BR'
        AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.order_id = o.id)
      ORDER BY o.id LIMIT 1`,
  );
  const row = rows[0];
  if (!row) throw new Error('the hub has no unleased TikTok-shipped order in one package');
  return { orderId: row.id, packageId: row.package_id };
}
