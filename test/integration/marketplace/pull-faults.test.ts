import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { EventBus } from '../../../electron/core/events/bus';
import { TikTokShopClient } from '../../../electron/core/marketplace/client';
import { OrderPuller } from '../../../electron/core/orders/pull';
import { startSandbox, type Sandbox } from '../../../electron/core/sandbox/server';

const TO_PACK = new Set(['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);
/** The pulls here run back to back far faster than a desk would: the marketplace's rate limit is tested elsewhere. */
const UNLIMITED = 1_000_000;

/**
 * The pull against the real sandbox, interrupted at every page boundary (a 500 on the n-th search, n = 0, 1, ...):
 * after the interrupted pull and one clean pull the station holds exactly the marketplace's orders, in their
 * current status. The client makes one attempt per call so every fault interrupts the pull where it lands.
 */
describe('a pull interrupted at any page boundary skips no order', () => {
  let sandbox: Sandbox;
  const dbs: Db[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) closeDatabase(db);
    await sandbox.close();
  });

  function station() {
    const db = openDatabase(':memory:');
    dbs.push(db);
    const credentials = sandbox.credentials();
    const client = new TikTokShopClient({
      connection: {
        read: () => ({ baseUrl: sandbox.url, shopCipher: '', ...sandbox.credentials() }),
        saveTokens: () => undefined,
      },
      retry: { attempts: 1, timeoutMs: 5_000 },
      now: () => sandbox.market.nowMs(),
    });
    expect(credentials.appKey).toBeTruthy();
    const puller = new OrderPuller({
      db,
      client,
      bus: new EventBus(),
      now: Date.now,
      mode: 'sandbox',
      intervalSeconds: () => 0,
      pageSize: 4,
    });
    return { db, puller };
  }

  const failSearch = async (skip: number) => {
    const response = await fetch(`${sandbox.url}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'server_error', path: '/orders/search', skip }),
    });
    expect(response.status).toBe(200);
  };
  const clearFaults = () => fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' });

  /** The station holds every order the marketplace has to pack, and each order it holds in the marketplace's status. */
  async function expectSameOrders(db: Db) {
    const state = (await (await fetch(`${sandbox.url}/sandbox/state`)).json()) as { orders: Record<string, number> };
    const upstream = [...sandbox.market.allOrders()];
    const toPack = upstream
      .filter((o) => TO_PACK.has(o.status))
      .map((o) => o.id)
      .sort();
    expect(toPack).toHaveLength((state.orders.AWAITING_SHIPMENT ?? 0) + (state.orders.PARTIALLY_SHIPPING ?? 0));
    const rows = db.prepare('SELECT id, status FROM orders ORDER BY id').all() as Array<{ id: string; status: string }>;
    expect(rows.filter((row) => TO_PACK.has(row.status)).map((row) => row.id)).toEqual(toPack);
    const byId = new Map(upstream.map((o) => [o.id, o.status]));
    for (const row of rows) expect(row.status, row.id).toBe(byId.get(row.id));
    expect(db.prepare('SELECT count(*) AS n FROM unreadable_orders').get()).toEqual({ n: 0 });
  }

  it('first pulls: every interruption point, then one clean pull', async () => {
    sandbox = await startSandbox({
      orders: 60,
      arrivalEverySeconds: 0,
      collectAfterSeconds: 0,
      rateLimitPerSecond: UNLIMITED,
    });
    let interrupted = 0;
    for (let skip = 0; ; skip += 1) {
      const { db, puller } = station();
      await failSearch(skip);
      const first = await puller.pullNow();
      await clearFaults();
      if (first.outcome === 'ok') break;
      interrupted += 1;
      expect(first.shopErrors.length, JSON.stringify(first.shopErrors)).toBe(1);
      expect(await puller.pullNow()).toMatchObject({ outcome: 'ok' });
      await expectSameOrders(db);
    }
    // 5 shops, each: the newest-update probe plus at least one page per status to pack.
    expect(interrupted).toBeGreaterThanOrEqual(15);
  });

  it('incremental pulls: every interruption point while orders arrive, are cancelled and change address', async () => {
    sandbox = await startSandbox({
      orders: 40,
      arrivalEverySeconds: 0,
      collectAfterSeconds: 0,
      rateLimitPerSecond: UNLIMITED,
    });
    const { db, puller } = station();
    expect(await puller.pullNow()).toMatchObject({ outcome: 'ok' });
    let interrupted = 0;
    for (let skip = 0; skip < 60; skip += 1) {
      // Past the pull's overlap window, so each round's pages hold this round's changes.
      sandbox.market.advanceClock(900);
      sandbox.market.addOrders(9);
      const held = (
        db.prepare("SELECT id FROM orders WHERE station_state = 'queued' ORDER BY id").all() as Array<{ id: string }>
      ).map((row) => row.id);
      if (held.length >= 2) {
        sandbox.market.cancel(held[0]!);
        sandbox.market.changeAddress(held[1]!, { lines: [`${skip} Changed Road`] });
      }
      await failSearch(skip);
      const faulted = await puller.pullNow();
      await clearFaults();
      expect(await puller.pullNow()).toMatchObject({ outcome: 'ok' });
      await expectSameOrders(db);
      if (held.length >= 2) {
        expect(db.prepare('SELECT station_state FROM orders WHERE id = ?').get(held[0]!)).toEqual({
          station_state: 'cancelled',
        });
        expect(
          JSON.parse(
            (db.prepare('SELECT recipient FROM orders WHERE id = ?').get(held[1]!) as { recipient: string }).recipient,
          ).lines,
        ).toEqual([`${skip} Changed Road`]);
      }
      if (faulted.outcome === 'ok') break;
      interrupted += 1;
    }
    expect(interrupted).toBeGreaterThanOrEqual(5);
  });
});
