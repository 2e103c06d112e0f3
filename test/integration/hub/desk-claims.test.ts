import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import { startHub, type Hub } from '../../../hub/src/hub';
import { CuttingProxy } from '../../support/cutting-proxy';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';
import { ok, packOrder, row, type Station } from '../fulfillment/station-helpers';
import { startTestPostgres, testHubConfig, unleasedTikTokOrder } from './hub-fixture';

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let hub: Hub;
let deskA: Station;
let deskB: Station;

const join = (deskId: string, url = hub.url) =>
  tempStation({ env: { PACKBENCH_HUB_URL: url, PACKBENCH_HUB_TOKEN: hub.token, PACKBENCH_STATION_ID: deskId } });

/** The desk's standing batch at the hub, once its first refresh stored it. */
async function batchOf(desk: Station, deskId: string): Promise<string[]> {
  for (let tries = 0; tries < 400; tries += 1) {
    const { rows } = await hub.pool.query<{ order_id: string }>(`SELECT order_id FROM leases WHERE desk_id = $1`, [
      deskId,
    ]);
    const leased = rows.map((entry) => entry.order_id);
    if (leased.length === 5 && leased.every((orderId) => row(desk, 'SELECT id FROM orders WHERE id = ?', orderId)))
      return leased;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${deskId} never stored its batch`);
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_claims')),
    log: () => undefined,
  });
  await hub.puller.pullNow();
  deskA = await join('desk-a');
  deskB = await join('desk-b');
  await Promise.all([batchOf(deskA, 'desk-a'), batchOf(deskB, 'desk-b')]);
  await ok(deskA.call('http', 'session.login', { pin: '1111' }));
  await ok(deskB.call('http', 'session.login', { pin: '1111' }));
}, 90_000);

afterAll(async () => {
  await deskA?.dispose();
  await deskB?.dispose();
  await hub?.close();
  await postgres?.stop();
});

describe('two desks joined to one hub', () => {
  it('refuses desk B the order open at desk A, naming A; A packs it and TikTok ships it once', async () => {
    // An order neither desk holds yet, shipped by TikTok in one package.
    const { orderId, packageId } = await unleasedTikTokOrder(hub.pool);

    const opened = await ok(deskA.call('http', 'pack.scan', { text: orderId, source: 'scanner' }));
    expect(opened.verdict).toMatchObject({ kind: 'order_opened', orderId });
    const refused = await ok(deskB.call('http', 'pack.scan', { text: orderId, source: 'scanner' }));
    expect(refused.verdict).toMatchObject({ kind: 'order_refused', orderId, reason: 'open_elsewhere' });
    expect(refused.verdict.detail).toMatch(/^desk-a since \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(refused.view).toBeNull();
    // "Next" at B never hands it the order A holds.
    const next = await ok(deskB.call('http', 'pack.next', {}));
    expect(next.verdict.orderId).not.toBe(orderId);
    await ok(deskB.call('http', 'pack.cancel', {}));

    // The hub refused A's order to B before B knew anything of it: nothing of it was stored or opened at B.
    expect(row(deskB, 'SELECT id FROM orders WHERE id = ?', orderId)).toBeUndefined();
    // A's scan of the order number claimed it; packing it (the same scan resumes it) is as at any desk.
    await packOrder(deskA, orderId);
    await until('the ship write sent by the hub', () => hub.marketplace.sandbox!.shipCount(packageId) === 1, 20_000);
    await until(
      'the write done at desk A',
      () => row<{ state: string }>(deskA, 'SELECT state FROM outbox WHERE package_id = ?', packageId)?.state === 'done',
      20_000,
    );
    expect(hub.marketplace.sandbox!.shipCount(packageId)).toBe(1);
    expect(hub.marketplace.sandbox!.market.shipAttempts.get(packageId)).toBe(1);
    // Packed at A, it is not B's to open either.
    const after = await deskB.call('http', 'pack.scan', { text: orderId, source: 'scanner' });
    if (after.ok) expect(after.value.verdict.kind).not.toBe('order_opened');
  }, 60_000);

  it('takes an order of its batch that another desk holds now out of its queue, and says why when it is scanned', async () => {
    const held = (
      await hub.pool.query<{ order_id: string }>(
        `SELECT order_id FROM leases WHERE desk_id = 'desk-b' ORDER BY order_id LIMIT 1`,
      )
    ).rows[0]!.order_id;
    // A supervisor frees it (B is thought gone) and A opens it.
    await new HubLink({ url: hub.url, token: hub.token, deskId: 'supervisor' }).supervisorRelease(held);
    expect((await ok(deskA.call('http', 'pack.scan', { text: held, source: 'scanner' }))).verdict).toMatchObject({
      kind: 'order_opened',
      orderId: held,
    });

    const refresh = await deskB.services.hubDesk!.refresh();
    expect(refresh.lost).toEqual([expect.objectContaining({ orderId: held, heldBy: 'desk-a' })]);
    expect(row(deskB, 'SELECT station_state, open_at_station FROM orders WHERE id = ?', held)).toEqual({
      station_state: 'packing',
      open_at_station: 'desk-a',
    });
    const queue = await ok(deskB.call('http', 'pack.queue', {}));
    expect(queue.orders.find((order) => order.id === held)).toMatchObject({ openAtStation: 'desk-a' });
    const refused = await ok(deskB.call('http', 'pack.scan', { text: held, source: 'scanner' }));
    expect(refused.verdict).toMatchObject({ kind: 'order_refused', orderId: held, reason: 'open_elsewhere' });
    expect(refused.verdict.detail).toMatch(/^desk-a since /);

    // Back in the hub's queue (A lets it go), B claims it again and it is packable there.
    await ok(deskA.call('http', 'pack.cancel', {}));
    await new HubLink({ url: hub.url, token: hub.token, deskId: 'supervisor' }).supervisorRelease(held);
    expect((await ok(deskB.call('http', 'pack.scan', { text: held, source: 'scanner' }))).verdict).toMatchObject({
      kind: 'order_opened',
      orderId: held,
    });
    expect(row(deskB, 'SELECT station_state, open_at_station FROM orders WHERE id = ?', held)).toEqual({
      station_state: 'packing',
      open_at_station: 'desk-b',
    });
    await ok(deskB.call('http', 'pack.cancel', {}));
  }, 60_000);

  it('cut off from the hub, a desk opens an order it holds and says why it will not open one it does not', async () => {
    const proxy = new CuttingProxy(Number(new URL(hub.url).port));
    await proxy.start();
    const deskC = await join('desk-c', proxy.url);
    try {
      const [mine] = await batchOf(deskC, 'desk-c');
      const theirs = (
        await hub.pool.query<{ order_id: string }>(
          `SELECT order_id FROM leases WHERE desk_id = 'desk-a' ORDER BY order_id LIMIT 1`,
        )
      ).rows[0]!.order_id;
      await ok(deskC.call('http', 'session.login', { pin: '1111' }));
      await proxy.set('refuse');
      const answer = await deskC.call('http', 'pack.scan', { text: theirs, source: 'scanner' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(!answer.ok && answer.error.message).toMatch(/hub cannot be reached.*does not hold/);
      expect((await ok(deskC.call('http', 'pack.scan', { text: mine!, source: 'scanner' }))).verdict).toMatchObject({
        kind: 'order_opened',
        orderId: mine,
      });
      await ok(deskC.call('http', 'pack.cancel', {}));
      // "Next" offline goes to an order the desk holds.
      const next = await ok(deskC.call('http', 'pack.next', {}));
      expect(next.verdict.kind).toBe('order_opened');
      expect(deskC.services.hubDesk!.holds(next.verdict.orderId!)).toBe(true);
    } finally {
      await deskC.dispose();
      await proxy.close();
    }
  }, 60_000);
});
