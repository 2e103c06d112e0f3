import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import type { StationEvent } from '../../../shared/contract';
import { DeskQueue } from '../../../electron/core/hub-link/desk-queue';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import { HubWriter } from '../../../electron/core/hub-link/hub-writer';
import { startHub, type Hub } from '../../../hub/src/hub';
import { webhookSignature } from '../../../hub/src/webhooks';
import { CuttingProxy } from '../../support/cutting-proxy';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';
import { ok, row, scanCodes, type Station } from '../fulfillment/station-helpers';
import { startTestPostgres, testHubConfig } from './hub-fixture';

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let hub: Hub;

const link = (deskId: string, url = hub.url) =>
  new HubLink({ url, token: hub.token, deskId, retries: 0, timeoutMs: 2_000 });

/** The hub's own record of an order: its state, its status and whether any desk holds it. */
async function atHub(orderId: string) {
  const { rows } = await hub.pool.query<{ hub_state: string; status: string; leased: boolean }>(
    `SELECT hub_state, status, EXISTS (SELECT 1 FROM leases l WHERE l.order_id = o.id) AS leased FROM orders o WHERE id = $1`,
    [orderId],
  );
  return rows[0];
}

const local = (db: Db, orderId: string) =>
  db.prepare('SELECT status, station_state FROM orders WHERE id = ?').get(orderId) as
    | { status: string; station_state: string }
    | undefined;

/**
 * A desk on its own SQLite (in the test server's folder, removed with it) that took its first batch from the hub,
 * through `url` (a cutting proxy) when given; its database is closed after `use`.
 */
async function withDesk(
  deskId: string,
  use: (desk: { db: Db; queue: DeskQueue; held: string[] }) => Promise<void>,
  url = hub.url,
): Promise<void> {
  const db = openDatabase(join(postgres.folder(deskId), 'packbench.sqlite'));
  try {
    const queue = new DeskQueue(db, link(deskId, url));
    await use({ db, queue, held: (await queue.refresh()).held });
  } finally {
    closeDatabase(db);
  }
}

/** Held orders the hub ships by TikTok's carrier in one package: a drop-off ship write needs nothing more. */
function tiktokParcels(db: Db, held: readonly string[]): Array<{ orderId: string; packageId: string }> {
  return db
    .prepare(
      `SELECT o.id AS orderId, min(p.id) AS packageId FROM orders o JOIN packages p ON p.order_id = o.id
        WHERE o.shipping_type = 'TIKTOK' AND o.id IN (${held.map(() => '?').join(',')})
        GROUP BY o.id HAVING count(*) = 1 ORDER BY o.id`,
    )
    .all(...held) as Array<{ orderId: string; packageId: string }>;
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_cancel'), {
      marketplace: { mode: 'sandbox', port: 0, seed: 11, orders: 80 },
    }),
    log: () => undefined,
  });
  await hub.puller.pullNow();
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await postgres?.stop();
});

describe('an order TikTok cancels while desks hold it', () => {
  it('leaves the batch of the desk that holds it, and stops in red the desk that has it open, at their next contact', async () => {
    const joinDesk = (deskId: string) =>
      tempStation({
        env: { PACKBENCH_HUB_URL: hub.url, PACKBENCH_HUB_TOKEN: hub.token, PACKBENCH_STATION_ID: deskId },
      });
    const deskA: Station = await joinDesk('desk-a');
    const deskB: Station = await joinDesk('desk-b');
    try {
      const events: StationEvent[] = [];
      deskA.services.bus.subscribe((event) => events.push(event));
      await ok(deskA.call('http', 'session.login', { pin: '1111' }));
      await ok(deskB.call('http', 'session.login', { pin: '1111' }));
      // B's standing batch, stored in its own database.
      const batch = await until(
        "desk B's batch",
        () => {
          const ids = (deskB.services.db.prepare('SELECT id FROM orders').all() as Array<{ id: string }>)
            .map((entry) => entry.id)
            .filter((id) => deskB.services.hubDesk!.holds(id));
          return ids.length === 5 ? ids : null;
        },
        30_000,
      );
      const waiting = batch[0]!;

      // A packer at A opens an order of several units and scans its first one.
      const { rows: free } = await hub.pool.query<{ id: string }>(
        `SELECT o.id FROM orders o
          WHERE o.hub_state = 'queued' AND o.leased_by IS NULL AND o.data->>'shippingType' = 'TIKTOK'
            AND jsonb_array_length(o.data->'lines') > 1
          ORDER BY o.id LIMIT 1`,
      );
      const open = free[0]!.id;
      expect((await ok(deskA.call('http', 'pack.scan', { text: open, source: 'scanner' }))).verdict).toMatchObject({
        kind: 'order_opened',
        orderId: open,
      });
      await ok(deskA.call('http', 'pack.scan', { text: scanCodes(deskA, open)[0]!, source: 'scanner' }));

      // TikTok cancels both; the hub learns it by its pull, closes them and ends their leases.
      hub.marketplace.sandbox!.market.cancel(open);
      hub.marketplace.sandbox!.market.cancel(waiting);
      await hub.puller.pullNow();
      for (const orderId of [open, waiting])
        expect(await atHub(orderId)).toEqual({ hub_state: 'closed', status: 'CANCELLED', leased: false });

      // B's next contact (asked for now; its own 30 s refresh may come first): the cancelled order leaves its batch and
      // its queue, cancelled as a pull of its own would leave it.
      const refresh = await deskB.services.hubDesk!.refresh();
      expect(refresh.held).not.toContain(waiting);
      expect(refresh.held).toHaveLength(5);
      expect(deskB.services.hubDesk!.holds(waiting)).toBe(false);
      expect(local(deskB.services.db, waiting)).toEqual({ status: 'CANCELLED', station_state: 'cancelled' });
      const queue = await ok(deskB.call('http', 'pack.queue', {}));
      expect(queue.orders.map((order) => order.id)).not.toContain(waiting);
      const scanned = await deskB.call('http', 'pack.scan', { text: waiting, source: 'scanner' });
      if (scanned.ok) expect(scanned.value.verdict.kind).not.toBe('order_opened');

      // A's next contact (its refresh every 30 s): the packer is stopped as a desk on its own is, and nothing is written.
      const stopped = await until(
        'the packer at A stopped',
        () => events.find((event) => event.name === 'pack.stopped'),
        45_000,
      );
      expect(stopped.payload).toEqual({ orderId: open, stationId: 'desk-a', reason: 'cancelled' });
      expect(await ok(deskA.call('http', 'pack.current', {}))).toBeNull();
      expect(local(deskA.services.db, open)).toEqual({ status: 'CANCELLED', station_state: 'cancelled' });
      expect(
        row(deskA, 'SELECT count(*) AS n FROM outbox WHERE order_id = ? AND state != ?', open, 'cancelled'),
      ).toEqual({
        n: 0,
      });
      // No desk is handed either of them again.
      const { rows } = await hub.pool.query('SELECT order_id FROM leases WHERE order_id = ANY($1::text[])', [
        [open, waiting],
      ]);
      expect(rows).toEqual([]);
      expect(await link('desk-z').claim({ orderId: open })).toMatchObject({
        ok: false,
        refusal: { reason: 'not_queued', state: 'closed' },
      });
    } finally {
      await deskA.dispose();
      await deskB.dispose();
    }
  }, 90_000);

  it('a desk cut off while they were cancelled learns it when it is back, before anything of them is sent', async () => {
    const proxy = new CuttingProxy(Number(new URL(hub.url).port));
    await proxy.start();
    await withDesk(
      'desk-off',
      async ({ db, queue, held }) => {
        const [packed, waiting] = tiktokParcels(db, held);
        expect(waiting).toBeDefined();
        await proxy.set('refuse');
        hub.marketplace.sandbox!.market.cancel(packed!.orderId);
        hub.marketplace.sandbox!.market.cancel(waiting!.orderId);
        await hub.puller.pullNow();
        // Cut off, the desk cannot know: its packer packs one of them and its ship write waits for the hub.
        expect(await queue.open(packed!.orderId)).toEqual({ ok: true, orderId: packed!.orderId, offline: true });
        db.prepare(`UPDATE orders SET station_state = 'packed' WHERE id = ?`).run(packed!.orderId);
        await proxy.set('open');

        // Its write reaching the hub first is refused as cancelled, never sent to TikTok.
        const [outcome] = await new HubWriter(link('desk-off', proxy.url)).ship([
          { ...packed!, handoverMethod: 'DROP_OFF', pickupSlot: null },
        ]);
        expect(outcome).toMatchObject({
          ok: false,
          failure: { kind: 'cancelled', message: expect.stringContaining('cancelled') },
        });
        expect(hub.marketplace.sandbox!.market.shipAttempts.get(packed!.packageId) ?? 0).toBe(0);

        // Its first refresh names both, and both are cancelled in its own database (the station's cancel runs from there).
        const back = await queue.refresh();
        expect(back.lost).toEqual(
          expect.arrayContaining([
            { orderId: packed!.orderId, heldBy: null, since: null, state: 'closed' },
            { orderId: waiting!.orderId, heldBy: null, since: null, state: 'closed' },
          ]),
        );
        for (const { orderId } of [packed!, waiting!]) {
          expect(local(db, orderId)).toEqual({ status: 'CANCELLED', station_state: 'cancelled' });
          expect(queue.holds(orderId)).toBe(false);
        }
        // Not counted as packed at the hub: TikTok cancelled it.
        expect(await atHub(packed!.orderId)).toEqual({ hub_state: 'closed', status: 'CANCELLED', leased: false });
      },
      proxy.url,
    ).finally(() => proxy.close());
  }, 60_000);

  it('a packer scanning a held order TikTok cancelled is told so, and it leaves the queue before the next refresh', async () => {
    await withDesk('desk-scan', async ({ db, queue, held: [orderId] }) => {
      hub.marketplace.sandbox!.market.cancel(orderId!);
      await hub.puller.pullNow();
      expect(await queue.open(orderId!, 'Ana')).toEqual({
        ok: false,
        reason: 'not_queued',
        message: 'TikTok cancelled this order: it is not to pack.',
      });
      expect(local(db, orderId!)).toEqual({ status: 'CANCELLED', station_state: 'cancelled' });
      // Still held until the refresh, which names it so that the station cancels what it began of it.
      const back = await queue.refresh();
      expect(back.lost).toEqual([{ orderId, heldBy: null, since: null, state: 'closed' }]);
      expect(queue.holds(orderId!)).toBe(false);
    });
  }, 60_000);

  it('learns a cancellation the hub heard by webhook, before the hub fetched the order again', async () => {
    await withDesk('desk-hook', async ({ db, queue, held: [orderId] }) => {
      const { appKey, appSecret } = hub.marketplace.sandbox!.credentials();
      const body = JSON.stringify({
        type: 11,
        tts_notification_id: 'cancel-1',
        shop_id: [...hub.marketplace.sandbox!.market.shops()][0]!.id,
        timestamp: 1,
        data: { order_id: orderId, cancel_status: 'CANCELLATION_REQUEST_SUCCESS', cancellations_role: 'BUYER' },
      });
      const answer = await fetch(`${hub.url}/webhooks/tiktok`, {
        method: 'POST',
        headers: { authorization: webhookSignature(appKey, appSecret, body), 'content-type': 'application/json' },
        body,
      });
      expect(answer.status).toBe(200);
      const back = await queue.refresh();
      expect(back.lost).toEqual([{ orderId, heldBy: null, since: null, state: 'closed' }]);
      expect(local(db, orderId!)).toEqual({ status: 'CANCELLED', station_state: 'cancelled' });
      // A read of TikTok that still shows the version before the cancellation (its index lags) does not reopen it.
      await hub.processWebhooks();
      expect(await atHub(orderId!)).toEqual({ hub_state: 'closed', status: 'CANCELLED', leased: false });
    });
  }, 60_000);
});
