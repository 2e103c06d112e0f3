import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import { startSandbox, type Sandbox } from '../../../electron/core/sandbox/server';
import { HubDatabaseFromFutureError, migrate } from '../../../hub/src/db/migrate';
import { startHub, type Hub } from '../../../hub/src/hub';
import { countingProxy, startTestPostgres, testHubConfig } from './hub-fixture';

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let sandbox: Sandbox;
let proxy: Awaited<ReturnType<typeof countingProxy>>;
let hub: Hub;

const desk = (deskId: string) => new HubLink({ url: hub.url, token: hub.token, deskId, retries: 0 });

beforeAll(async () => {
  postgres = await startTestPostgres();
  sandbox = await startSandbox({ seed: 11, orders: 80 });
  proxy = await countingProxy(sandbox.url);
  const credentials = sandbox.credentials();
  hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_main'), {
      marketplace: {
        mode: 'tiktok',
        url: proxy.url,
        appKey: credentials.appKey,
        appSecret: credentials.appSecret,
        accessToken: credentials.accessToken,
        shopCipher: '',
      },
    }),
    sendWrites: false,
    log: (line) => (line.includes('failed') ? console.error(line) : undefined),
  });
  await hub.puller.pullNow();
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await proxy?.close();
  await sandbox?.close();
  await postgres?.stop();
});

describe('the hub', () => {
  it('pulls each shop once for every desk: desks read the hub, never TikTok', async () => {
    const searches = proxy.searches();
    expect(searches).toBeGreaterThan(0);
    const { rows } = await hub.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE hub_state = 'queued'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(10);
    for (const name of ['desk-a', 'desk-b', 'desk-c']) {
      const queue = await desk(name).queue();
      expect(queue.orders.length).toBe(rows[0]!.n);
      await desk(name).batch(2);
    }
    expect(proxy.searches()).toBe(searches);
  });

  it('refuses a token it did not issue, and a desk without a name', async () => {
    const stranger = new HubLink({ url: hub.url, token: 'not-the-token-at-all', deskId: 'desk-x', retries: 0 });
    await expect(stranger.health()).rejects.toMatchObject({ kind: 'unauthorized' });
    const response = await fetch(`${hub.url}/api/v1/leases/next`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token}` },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });

  it('refuses a second desk the order open at the first, naming the first desk and since when', async () => {
    const { orderId } = (await desk('desk-a').queue()).orders.find((entry) => entry.heldBy === null)!;
    const first = await desk('desk-a').claim({ orderId, packer: 'Ana' });
    expect(first.ok).toBe(true);
    const second = await desk('desk-b').claim({ orderId });
    expect(second).toEqual({
      ok: false,
      refusal: { reason: 'leased', deskId: 'desk-a', since: first.ok ? first.leased.lease.claimedAt : -1 },
    });
    // The holder may claim it again (a reload): same lease, same start.
    const again = await desk('desk-a').claim({ orderId });
    expect(again.ok && again.leased.lease.claimedAt).toBe(first.ok && first.leased.lease.claimedAt);
  });

  it('claims by a scanned code (order id in any case), and the holder finishes it: nobody may claim it after', async () => {
    const { orderId } = (await desk('desk-c').queue()).orders.find((entry) => entry.heldBy === null)!;
    const claimed = await desk('desk-c').claim({ code: ` ${orderId.toLowerCase()} ` });
    expect(claimed.ok && claimed.leased.order.id).toBe(orderId);
    expect(await desk('desk-c').release({ orderId, outcome: 'done', packer: 'Li' })).toEqual({ ok: true });
    expect(await desk('desk-a').claim({ orderId })).toEqual({
      ok: false,
      refusal: { reason: 'not_queued', state: 'packed', doneBy: 'desk-c' },
    });
  });

  it('hands 20 desks claiming at once 20 different orders', async () => {
    const desks = Array.from({ length: 20 }, (_, i) => desk(`race-${i}`));
    const claims = await Promise.all(desks.map((link) => link.next()));
    const ids = claims.map((leased) => leased?.order.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(20);
    const { rows } = await hub.pool.query<{ n: number }>(
      `SELECT count(DISTINCT order_id)::int AS n FROM leases WHERE desk_id LIKE 'race-%'`,
    );
    expect(rows[0]!.n).toBe(20);
  });

  it('keeps a standing batch per desk, and a supervisor frees a held order', async () => {
    const batch = await desk('desk-batch').batch();
    expect(batch).toHaveLength(5);
    expect(new Set(batch.map((entry) => entry.lease.kind))).toEqual(new Set(['batch']));
    expect(await desk('desk-batch').batch()).toHaveLength(5);
    const orderId = batch[0]!.order.id;
    expect(await desk('desk-batch').release({ orderId, outcome: 'held', reason: 'damaged item' })).toEqual({
      ok: true,
    });
    expect(await desk('desk-a').claim({ orderId })).toEqual({
      ok: false,
      refusal: { reason: 'not_queued', state: 'held', doneBy: null },
    });
    expect(await desk('desk-a').supervisorRelease(orderId)).toEqual({ releasedFrom: null, state: 'queued' });
    expect((await desk('desk-a').claim({ orderId })).ok).toBe(true);
  });

  it('serves the warehouse dashboard over every desk, with drill-down', async () => {
    const board = await desk('desk-a').dashboard();
    expect(board.throughput.byDesk).toContainEqual({ deskId: 'desk-c', packed: 1 });
    expect(board.throughput.byPacker).toContainEqual({ packer: 'Li', deskId: 'desk-c', packed: 1 });
    const { rows } = await hub.pool.query<{ n: number; leased: number }>(
      `SELECT count(*)::int AS n, count(leased_by)::int AS leased FROM orders WHERE hub_state = 'queued'`,
    );
    const { overdue, atRisk, later, noDeadline, leased, held } = board.buckets;
    expect(overdue + atRisk + later + noDeadline).toBe(rows[0]!.n);
    expect(leased).toBe(rows[0]!.leased);
    expect(held).toBe(0);
    for (const bucket of ['overdue', 'atRisk', 'later', 'noDeadline'] as const) {
      expect(await desk('desk-a').bucketOrders(bucket, 1000)).toHaveLength(board.buckets[bucket]);
    }
    expect(board.desks.find((entry) => entry.deskId === 'desk-batch')?.holding).toBe(4);
    expect(board.backlog).toEqual({ pending: 0, failed: 0, oldestPendingAt: null });
    const empty = await desk('desk-a').dashboard({ from: 0, to: 1 });
    expect(empty.throughput).toEqual({ byDesk: [], byPacker: [] });
  });

  it('serves the dashboard page, which holds no data and runs only its own script', async () => {
    const page = await fetch(`${hub.url}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).not.toContain(hub.token);
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
    expect(page.headers.get('content-security-policy')).toContain(`script-src '${hash}'`);
    expect((await fetch(`${hub.url}/api/v1/dashboard`)).status).toBe(401);
  });

  it('refuses a database from a newer hub, untouched', async () => {
    const pool = new pg.Pool({ connectionString: await postgres.database('hub_future') });
    await migrate(pool);
    await pool.query(`INSERT INTO hub_schema_versions (version, name, applied_at) VALUES (99, 'from-the-future', 0)`);
    await expect(migrate(pool)).rejects.toBeInstanceOf(HubDatabaseFromFutureError);
    await pool.end();
  });
});
