import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { DeskQueue, OFFLINE_MARGIN_MS } from '../../../electron/core/hub-link/desk-queue';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import { HubWriter } from '../../../electron/core/hub-link/hub-writer';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import { SyncWorker } from '../../../electron/core/sync/sync-worker';
import { startHub, type Hub } from '../../../hub/src/hub';
import { expireLeases } from '../../../hub/src/store/lease-store';
import { CuttingProxy } from '../../support/cutting-proxy';
import { startTestPostgres, testHubConfig } from './hub-fixture';

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let hub: Hub;
let db: Db;

const link = (deskId: string, url = hub.url) =>
  new HubLink({ url, token: hub.token, deskId, retries: 0, timeoutMs: 2_000 });

beforeAll(async () => {
  postgres = await startTestPostgres();
  hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_desk')),
    log: () => undefined,
  });
  await hub.puller.pullNow();
  db = openDatabase(join(postgres.folder('desk'), 'packbench.sqlite'));
}, 60_000);

afterAll(async () => {
  if (db) closeDatabase(db);
  await hub?.close();
  await postgres?.stop();
});

describe('a desk joined to the hub', () => {
  it('keeps its standing batch in its own SQLite, and is told which orders went elsewhere', async () => {
    const queue = new DeskQueue(db, link('desk-1'));
    const first = await queue.refresh();
    expect(first).toMatchObject({ offline: false, lost: [] });
    expect(first.held).toHaveLength(5);
    const stored = db
      .prepare(`SELECT id FROM orders WHERE id IN (${first.held.map(() => '?').join(',')})`)
      .all(...first.held);
    expect(stored).toHaveLength(5);
    // With their items' product barcodes, looked up once by the hub: every unit scans as a pull of its own allows.
    const units = db
      .prepare(
        `SELECT l.sku_id, (SELECT min(code) FROM sku_barcodes b WHERE b.sku_id = l.sku_id) AS code FROM order_lines l WHERE l.order_id IN (${first.held.map(() => '?').join(',')})`,
      )
      .all(...first.held) as Array<{ sku_id: string; code: string | null }>;
    const { rows: known } = await hub.pool.query<{ sku_id: string; code: string }>(
      'SELECT sku_id, code FROM catalogue_skus WHERE code IS NOT NULL AND sku_id = ANY($1::text[])',
      [units.map((unit) => unit.sku_id)],
    );
    expect(known.length).toBeGreaterThan(0);
    for (const { sku_id, code } of known) expect(units.find((unit) => unit.sku_id === sku_id)?.code).toBe(code);

    // A supervisor frees one of them and another desk takes it: the next refresh names that desk.
    const taken = first.held[0]!;
    await link('desk-1').supervisorRelease(taken);
    expect((await link('desk-2').claim({ orderId: taken })).ok).toBe(true);
    const second = await queue.refresh();
    expect(second.lost).toEqual([{ orderId: taken, heldBy: 'desk-2', since: expect.any(Number), state: 'queued' }]);
    expect(second.held).toHaveLength(5);
    expect(second.held).not.toContain(taken);
  });

  it('ends the leases of orders it packed or put on hold, and its batch makes room for new ones', async () => {
    const queue = new DeskQueue(db, link('desk-5'));
    const [packed, held] = (await queue.refresh()).held;
    db.prepare(`UPDATE orders SET station_state = 'packed' WHERE id = ?`).run(packed);
    db.prepare(`UPDATE orders SET station_state = 'held', hold_reason = 'torn box' WHERE id = ?`).run(held);
    const next = await queue.refresh();
    expect(next.held).toHaveLength(5);
    expect(next.held).not.toContain(packed);
    expect(next.held).not.toContain(held);
    const { rows } = await hub.pool.query<{
      id: string;
      hub_state: string;
      hold_reason: string | null;
      done_by_desk: string | null;
    }>('SELECT id, hub_state, hold_reason, done_by_desk FROM orders WHERE id = ANY($1::text[]) ORDER BY hub_state', [
      [packed, held],
    ]);
    expect(rows).toEqual([
      { id: held, hub_state: 'held', hold_reason: 'torn box', done_by_desk: null },
      { id: packed, hub_state: 'packed', hold_reason: null, done_by_desk: 'desk-5' },
    ]);
  });

  it('opens a scanned order by claiming it, refuses one open elsewhere, and offline opens only what it holds', async () => {
    const queue = new DeskQueue(db, link('desk-6'));
    const { rows } = await hub.pool.query<{ id: string; package_id: string }>(
      `SELECT o.id, p.id AS package_id FROM orders o JOIN packages p ON p.order_id = o.id WHERE o.hub_state = 'queued' AND o.leased_by IS NULL ORDER BY o.id LIMIT 1`,
    );
    const { id: free, package_id: pkg } = rows[0]!;
    expect(await queue.open(free, 'Ana')).toEqual({ ok: true, orderId: free, offline: false });
    expect(db.prepare('SELECT id FROM orders WHERE id = ?').get(free)).toEqual({ id: free });
    const elsewhere = await new DeskQueue(db, link('desk-7')).open(free);
    expect(elsewhere).toMatchObject({
      ok: false,
      reason: 'leased',
      deskId: 'desk-6',
      message: expect.stringContaining('desk desk-6'),
    });

    // The same desk, cut off, holding that order: it opens it (by its package too), and refuses any other.
    const claimed = await link('desk-6').claim({ orderId: free });
    if (!claimed.ok) throw new Error('the holder could not claim its order again');
    const cutOff = new DeskQueue(db, link('desk-6', 'http://127.0.0.1:9'));
    cutOff.keep(claimed.leased);
    expect(await cutOff.open(free)).toEqual({ ok: true, orderId: free, offline: true });
    expect(await cutOff.open(pkg.toLowerCase())).toEqual({ ok: true, orderId: free, offline: true });
    const other = (await link('desk-6').queue()).orders.find((entry) => entry.orderId !== free)!.orderId;
    expect(await cutOff.open(other)).toMatchObject({
      ok: false,
      reason: 'offline_not_held',
      message: expect.stringContaining('cannot be reached'),
    });
    // Near the end of its lease (which the hub could then hand to another desk), the cut-off desk stops opening it.
    const late = new DeskQueue(
      db,
      link('desk-6', 'http://127.0.0.1:9'),
      () => claimed.leased.lease.expiresAt - OFFLINE_MARGIN_MS,
    );
    late.keep(claimed.leased);
    expect(await late.open(free)).toMatchObject({ ok: false, reason: 'offline_lease_expired' });
  });

  it('heals a partition without a double write: the order taken elsewhere meanwhile is named and nothing of it is sent', async () => {
    const proxy = new CuttingProxy(Number(new URL(hub.url).port));
    await proxy.start();
    const queue = new DeskQueue(db, link('desk-8', proxy.url));
    const [orderId] = (await queue.refresh()).held;
    await proxy.set('refuse');
    // While it is cut off its leases end at the hub (a supervisor freed them, or its clock ran behind the hub's), and
    // another desk opens that order.
    await hub.pool.query(`UPDATE leases SET expires_at = 0 WHERE desk_id = 'desk-8'`);
    await expireLeases(hub.pool, Date.now());
    expect((await link('desk-9').claim({ orderId: orderId! })).ok).toBe(true);
    // desk-8 packed it meanwhile, offline, and queued its ship write.
    expect(await queue.open(orderId!)).toEqual({ ok: true, orderId, offline: true });
    db.prepare(`UPDATE orders SET station_state = 'packed' WHERE id = ?`).run(orderId);
    const pkg =
      (db.prepare('SELECT id FROM packages WHERE order_id = ? LIMIT 1').get(orderId) as { id: string } | undefined)
        ?.id ?? `order:${orderId}`;
    await proxy.set('open');
    const back = await queue.refresh();
    expect(back.lost).toContainEqual({ orderId, heldBy: 'desk-9', since: expect.any(Number), state: 'queued' });
    const writer = new HubWriter(link('desk-8', proxy.url));
    const [outcome] = await writer.ship([
      { orderId: orderId!, packageId: pkg, handoverMethod: 'DROP_OFF', pickupSlot: null },
    ]);
    expect(outcome).toMatchObject({
      ok: false,
      failure: { kind: 'rejected', message: expect.stringContaining('desk desk-9') },
    });
    expect(hub.marketplace.sandbox!.market.shipAttempts.get(pkg) ?? 0).toBe(0);
    await proxy.close();
  });

  it('starting again after its leases expired, is told which of its orders another desk took or packed before it opens any', async () => {
    const restartDb = openDatabase(join(postgres.folder('desk-restart'), 'packbench.sqlite'));
    try {
      const [taken, packed] = (await new DeskQueue(restartDb, link('desk-r1')).refresh()).held;
      // The desk's process ends (its leases in memory with it) and stays away past their idle time: another desk
      // takes one of its orders and packs another.
      await hub.pool.query(`UPDATE leases SET expires_at = 0 WHERE desk_id = 'desk-r1'`);
      await expireLeases(hub.pool, Date.now());
      expect((await link('desk-r2').claim({ orderId: taken! })).ok).toBe(true);
      expect((await link('desk-r2').claim({ orderId: packed! })).ok).toBe(true);
      expect(await link('desk-r2').release({ orderId: packed!, outcome: 'done' })).toEqual({ ok: true });
      const localState = (orderId: string) =>
        restartDb.prepare('SELECT station_state, open_at_station FROM orders WHERE id = ?').get(orderId);
      expect(localState(taken!)).toEqual({ station_state: 'queued', open_at_station: null });

      const restarted = new DeskQueue(restartDb, link('desk-r1'));
      const back = await restarted.refresh();
      expect(back.lost).toEqual(
        expect.arrayContaining([
          { orderId: taken, heldBy: 'desk-r2', since: expect.any(Number), state: 'queued' },
          { orderId: packed, heldBy: 'desk-r2', since: expect.any(Number), state: 'packed' },
        ]),
      );
      // Both left its queue, shown at the desk that has them, before a packer could open either here.
      for (const orderId of [taken!, packed!])
        expect(localState(orderId)).toEqual({ station_state: 'packing', open_at_station: 'desk-r2' });
      expect(back.held).not.toContain(taken);
      expect(back.held).not.toContain(packed);
      expect(await restarted.open(taken!)).toMatchObject({ ok: false, reason: 'leased', deskId: 'desk-r2' });
      expect(await restarted.open(packed!)).toMatchObject({ ok: false, reason: 'not_queued' });
    } finally {
      closeDatabase(restartDb);
    }
  });

  it('takes an order another desk packed out of its queue when a packer asks for it', async () => {
    const packedDb = openDatabase(join(postgres.folder('desk-packed'), 'packbench.sqlite'));
    try {
      const queue = new DeskQueue(packedDb, link('desk-p1'));
      const [orderId] = (await queue.refresh()).held;
      // Its lease ends (a supervisor frees it) and another desk packs it; this desk still lists it.
      await link('desk-p1').supervisorRelease(orderId!);
      expect((await link('desk-p2').claim({ orderId: orderId! })).ok).toBe(true);
      expect(await link('desk-p2').release({ orderId: orderId!, outcome: 'done' })).toEqual({ ok: true });
      const local = () =>
        packedDb.prepare('SELECT station_state, open_at_station FROM orders WHERE id = ?').get(orderId);
      expect(local()).toEqual({ station_state: 'queued', open_at_station: null });
      expect(await queue.open(orderId!)).toMatchObject({ ok: false, reason: 'not_queued' });
      expect(local()).toEqual({ station_state: 'packing', open_at_station: 'desk-p2' });
      expect(queue.holds(orderId!)).toBe(false);
    } finally {
      closeDatabase(packedDb);
    }
  });

  it('keeps serving and sending when its database connections are cut (a server restart)', async () => {
    await hub.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { held } = await new DeskQueue(db, link('desk-10')).refresh();
    const row = db
      .prepare(
        `SELECT o.id AS orderId, p.id AS packageId FROM orders o JOIN packages p ON p.order_id = o.id WHERE o.shipping_type = 'TIKTOK' AND o.id IN (${held.map(() => '?').join(',')}) LIMIT 1`,
      )
      .get(...held) as { orderId: string; packageId: string };
    const [outcome] = await new HubWriter(link('desk-10')).ship([
      { ...row, handoverMethod: 'DROP_OFF', pickupSlot: null },
    ]);
    expect(outcome).toMatchObject({ ok: true });
  });

  it('goes on with what it holds when the hub cannot be reached', async () => {
    const online = new DeskQueue(db, link('desk-3'));
    const held = (await online.refresh()).held;
    const cutOff = new DeskQueue(db, link('desk-3', 'http://127.0.0.1:9'));
    expect(await cutOff.refresh()).toEqual({ held: [], lost: [], offline: true });
    // What it held is still in its database.
    expect(
      db.prepare(`SELECT count(*) AS n FROM orders WHERE id IN (${held.map(() => '?').join(',')})`).get(...held),
    ).toEqual({ n: 5 });
  });

  it('hands its outbox to the hub, which ships each write once', async () => {
    const { held } = await new DeskQueue(db, link('desk-4')).refresh();
    const row = db
      .prepare(
        `SELECT o.id AS orderId, p.id AS packageId FROM orders o JOIN packages p ON p.order_id = o.id
          WHERE o.shipping_type = 'TIKTOK' AND o.id IN (${held.map(() => '?').join(',')}) LIMIT 1`,
      )
      .get(...held) as { orderId: string; packageId: string };
    expect(row).toBeDefined();
    db.transaction(() =>
      enqueueWrite(db, {
        kind: 'ship.tiktok',
        orderId: row.orderId,
        packageId: row.packageId,
        handoverMethod: 'DROP_OFF',
        pickupSlot: null,
      }),
    )();
    const worker = new SyncWorker({ db, writer: new HubWriter(link('desk-4')) });
    for (let round = 0; round < 20; round += 1) {
      await worker.drain();
      const state = db.prepare('SELECT state FROM outbox WHERE package_id = ?').get(row.packageId) as { state: string };
      if (state.state === 'done') break;
      db.prepare('UPDATE outbox SET next_attempt_at = 0 WHERE package_id = ?').run(row.packageId);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(db.prepare('SELECT state, outcome FROM outbox WHERE package_id = ?').get(row.packageId)).toEqual({
      state: 'done',
      outcome: 'sent',
    });
    expect(hub.marketplace.sandbox!.shipCount(row.packageId)).toBe(1);
    expect(hub.marketplace.sandbox!.market.shipAttempts.get(row.packageId)).toBe(1);
  });
});
