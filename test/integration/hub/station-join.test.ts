import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import { startHub, type Hub } from '../../../hub/src/hub';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';
import { startTestPostgres, testHubConfig } from './hub-fixture';

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let hub: Hub;
let station: Awaited<ReturnType<typeof tempStation>>;

beforeAll(async () => {
  postgres = await startTestPostgres();
  hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_join')),
    log: () => undefined,
  });
  await hub.puller.pullNow();
  station = await tempStation({
    env: { PACKBENCH_HUB_URL: hub.url, PACKBENCH_HUB_TOKEN: hub.token, PACKBENCH_STATION_ID: 'desk-join' },
  });
}, 60_000);

afterAll(async () => {
  await station?.dispose();
  await hub?.close();
  await postgres?.stop();
});

describe('a station started with PACKBENCH_HUB_URL', () => {
  it('takes its queue from the hub into its own SQLite and hands its outbox to the hub', async () => {
    const { db } = station.services;
    const leased = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const answer = await hub.pool.query<{ order_id: string }>(
          `SELECT order_id FROM leases WHERE desk_id = 'desk-join'`,
        );
        if (answer.rows.length === 5) return answer.rows.map((row) => row.order_id);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the station never took its batch');
    })();
    await until(
      'the batch in the station database',
      () =>
        (
          db
            .prepare(`SELECT count(*) AS n FROM orders WHERE id IN (${leased.map(() => '?').join(',')})`)
            .get(...leased) as { n: number }
        ).n === 5,
    );

    const parcel = db
      .prepare(
        `SELECT o.id AS orderId, p.id AS packageId FROM orders o JOIN packages p ON p.order_id = o.id WHERE o.shipping_type = 'TIKTOK' AND o.id IN (${leased.map(() => '?').join(',')}) LIMIT 1`,
      )
      .get(...leased) as { orderId: string; packageId: string };
    db.transaction(() =>
      enqueueWrite(db, {
        kind: 'ship.tiktok',
        orderId: parcel.orderId,
        packageId: parcel.packageId,
        handoverMethod: 'DROP_OFF',
        pickupSlot: null,
      }),
    )();
    await until(
      'the write done at the station',
      () =>
        (db.prepare('SELECT state FROM outbox WHERE package_id = ?').get(parcel.packageId) as { state: string })
          .state === 'done',
      20_000,
    );
    expect(hub.marketplace.sandbox!.shipCount(parcel.packageId)).toBe(1);
    // The desk's own marketplace never saw the order: only the hub talks to TikTok.
    expect(station.services.sandbox?.market.order(parcel.orderId)).toBeUndefined();
  }, 40_000);
});
