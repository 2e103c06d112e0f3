import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../../electron/core/db/database';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import { OutboxStore } from '../../../electron/core/outbox/outbox-store';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import { SyncWorker } from '../../../electron/core/sync/sync-worker';
import { TikTokWriter } from '../../../electron/core/sync/tiktok-writer';
import type { OutboxWrite, SyncAlert } from '../../../shared/contract/sync';
import { syncSandbox } from '../../support/sync-sandbox';
import { PROVIDER_IDS } from '../../../electron/core/sandbox/world';

/**
 * Each fault the sandbox can inject, against the real client and worker over HTTP. The client is set to one attempt
 * per call so every failure reaches the worker (the station's client also retries the safe ones itself).
 */
describe('sync against the sandbox marketplace with faults', () => {
  let env: Awaited<ReturnType<typeof syncSandbox>>;
  let alerts: SyncAlert[];
  afterEach(async () => {
    closeDatabase(env.db);
    await env.sandbox.close();
  });

  async function setup(count = 12, timeoutMs = 1_000) {
    env = await syncSandbox({ sandbox: { orders: 40 }, retry: { attempts: 1, timeoutMs } });
    alerts = [];
    const writes = env.writes.slice(0, count);
    env.db.transaction(() => writes.forEach((w) => enqueueWrite(env.db, w)))();
    const worker = new SyncWorker({
      db: env.db,
      writer: new TikTokWriter(env.client, env.db, 5),
      backoff: { baseMs: 20, capMs: 200 },
      events: { alert: (a) => alerts.push(a) },
    });
    return { worker, writes };
  }
  const outcomes = (db: Db) =>
    db
      .prepare('SELECT state, outcome, count(*) AS n FROM outbox GROUP BY state, outcome ORDER BY state, outcome')
      .all();
  const results = (db: Db) =>
    (db.prepare('SELECT result FROM outbox_attempts ORDER BY id').all() as Array<{ result: string }>).map(
      (r) => r.result,
    );
  const shippedOnce = (sandbox: Sandbox, writes: OutboxWrite[]) => {
    for (const write of writes) expect(sandbox.shipCount(write.packageId), write.packageId).toBe(1);
  };

  it('429 with a retry hint: waits at least the hint, then ships everything once', async () => {
    const { worker, writes } = await setup();
    env.sandbox.faults.add({ kind: 'rate_limit', path: '/packages/ship', retryAfterSeconds: 0.3, times: 2 });
    const started = Date.now();
    await worker.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(env.sandbox.faults.list()).toEqual([]);
    expect(outcomes(env.db)).toEqual([{ state: 'done', outcome: 'sent', n: writes.length }]);
    expect(results(env.db).filter((r) => r === 'transient').length).toBeGreaterThanOrEqual(2);
    shippedOnce(env.sandbox, writes);
  });

  it('500s: nothing applied, checked upstream, sent again, shipped once', async () => {
    const { worker, writes } = await setup();
    env.sandbox.faults.add({ kind: 'server_error', path: '/packages/ship', times: 3 });
    await worker.drain();
    expect(env.sandbox.faults.list()).toEqual([]);
    expect(outcomes(env.db)).toEqual([{ state: 'done', outcome: 'sent', n: writes.length }]);
    expect(results(env.db)).toContain('in_doubt');
    shippedOnce(env.sandbox, writes);
  });

  it('timeouts: the slow answer is given up on, the write is confirmed or re-sent, never applied twice', async () => {
    const { worker, writes } = await setup(12, 300);
    env.sandbox.faults.add({ kind: 'slow', path: '/packages/ship', delayMs: 600, times: 2 });
    await worker.drain();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(outcomes(env.db).every((row) => (row as { state: string }).state === 'done')).toBe(true);
    shippedOnce(env.sandbox, writes);
  });

  it('connection dropped after the write applied: found applied upstream, not sent again', async () => {
    const { worker, writes } = await setup();
    env.sandbox.faults.add({ kind: 'drop_after_write', path: '/packages/ship', times: 1 });
    await worker.drain();
    const confirmed = env.db
      .prepare(`SELECT package_id FROM outbox WHERE outcome = 'confirmed_upstream'`)
      .all() as Array<{ package_id: string }>;
    expect(confirmed.length).toBeGreaterThanOrEqual(1);
    for (const { package_id } of confirmed) expect(env.sandbox.market.shipAttempts.get(package_id)).toBe(1);
    shippedOnce(env.sandbox, writes);
  });

  it('malformed JSON answer to a write: treated as in doubt and settled by the upstream check', async () => {
    const { worker, writes } = await setup();
    env.sandbox.faults.add({ kind: 'malformed_json', path: '/packages/ship', times: 1 });
    await worker.drain();
    const { n } = env.db.prepare(`SELECT count(*) AS n FROM outbox WHERE outcome = 'confirmed_upstream'`).get() as {
      n: number;
    };
    expect(n).toBeGreaterThanOrEqual(1);
    expect(results(env.db).filter((r) => r === 'sent' || r === 'confirmed_upstream')).toHaveLength(writes.length);
    shippedOnce(env.sandbox, writes);
  });

  it('an order cancelled between packing and sync: that write stops with void-and-pull, the rest ship', async () => {
    const { worker, writes } = await setup();
    const victim = writes[3]!;
    env.sandbox.market.cancel(victim.orderId);
    await worker.drain();
    expect(alerts).toEqual([
      expect.objectContaining({ orderId: victim.orderId, code: '21011041', action: 'void_and_pull' }),
    ]);
    const failed = new OutboxStore(env.db).list({ states: ['failed'], limit: 10 });
    expect(failed.map((r) => r.write.packageId)).toEqual(
      writes.filter((w) => w.orderId === victim.orderId).map((w) => w.packageId),
    );
    shippedOnce(
      env.sandbox,
      writes.filter((w) => w.orderId !== victim.orderId),
    );
  });

  it('an invalid tracking number: stops for correction with the marketplace message', async () => {
    env = await syncSandbox({ sandbox: { orders: 40 }, retry: { attempts: 1 } });
    // A local seller's order has no package until Mark Package As Shipped creates it.
    const order = [...env.sandbox.market.allOrders()].find(
      (o) => o.status === 'AWAITING_SHIPMENT' && o.shippingType === 'SELLER' && o.packages.length === 0,
    )!;
    const carrier = order.shop.providers[order.tier][0]!;
    const write: OutboxWrite = {
      kind: 'ship.mark',
      orderId: order.id,
      packageId: `order:${order.id}`,
      lineItemIds: order.lines.map((line) => line.id),
      trackingNumber: '1Z0000000000000000',
      shippingProviderId: PROVIDER_IDS[carrier],
    };
    env.db.transaction(() => enqueueWrite(env.db, write))();
    alerts = [];
    await new SyncWorker({
      db: env.db,
      writer: new TikTokWriter(env.client, env.db),
      events: { alert: (a) => alerts.push(a) },
    }).drain();
    expect(alerts).toEqual([
      expect.objectContaining({
        code: '21011022',
        action: 'fix_tracking',
        message: expect.stringContaining('Invalid tracking number'),
      }),
    ]);
    expect(env.sandbox.market.order(order.id)!.packages).toEqual([]);
  });

  it('an expired token that cannot be refreshed: every write stays queued and the station asks to reconnect', async () => {
    const { worker, writes } = await setup(4);
    env.sandbox.faults.add({ kind: 'expired_token', refreshable: false });
    expect(await worker.runOnce()).toBe(true);
    expect(outcomes(env.db)).toEqual([{ state: 'pending', outcome: null, n: writes.length }]);
    expect(alerts).toEqual([expect.objectContaining({ action: 'reconnect' })]);
    expect(worker.status().reconnectRequired).toBe(true);
    // No retry loop: nothing is tried again until someone reconnects the shop and syncs.
    expect(await worker.runOnce()).toBe(false);
  });
});
