import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { DeskQueue } from '../../../electron/core/hub-link/desk-queue';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import { HubWriter } from '../../../electron/core/hub-link/hub-writer';
import type { ShipItem } from '../../../electron/core/sync/marketplace-writer';
import { startHub, type Hub } from '../../../hub/src/hub';
import { CuttableProxy } from '../../support/cuttable-proxy';
import { startTestPostgres, testHubConfig } from './hub-fixture';

const DESKS = 8;
const ROUNDS = 20;
const SEED = Number(process.env.HUB_SIM_SEED ?? 1414);

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Desk {
  id: string;
  db: Db;
  proxy: CuttableProxy;
  queue: DeskQueue;
  writer: HubWriter;
  cut: boolean;
  pending: ShipItem[];
}

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let hub: Hub;
const desks: Desk[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_sim'), {
      marketplace: { mode: 'sandbox', port: 0, seed: 21, orders: 160 },
    }),
    log: () => undefined,
  });
  await hub.puller.pullNow();
  for (let i = 0; i < DESKS; i += 1) {
    const proxy = new CuttableProxy(Number(new URL(hub.url).port));
    await proxy.start();
    const link = new HubLink({ url: proxy.url, token: hub.token, deskId: `sim-${i}`, retries: 0, timeoutMs: 2_000 });
    const db = openDatabase(`${postgres.folder(`desk-${i}`)}/packbench.sqlite`);
    desks.push({
      id: `sim-${i}`,
      db,
      proxy,
      queue: new DeskQueue(db, link),
      writer: new HubWriter(link, async () => undefined),
      cut: false,
      pending: [],
    });
  }
}, 60_000);

afterAll(async () => {
  for (const desk of desks) {
    await desk.proxy.cut();
    closeDatabase(desk.db);
  }
  await hub?.close();
  await postgres?.stop();
});

/** Hands the desk's queued ship writes over; the ones the hub has not settled stay queued (handing over again is harmless). */
async function flush(desk: Desk, refused: string[]): Promise<void> {
  if (desk.pending.length === 0) return;
  let outcomes;
  try {
    outcomes = await desk.writer.ship(desk.pending);
  } catch {
    return; // cut off: the writes wait at the desk
  }
  const settled = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.ok) settled.add(outcome.packageId);
    else if (outcome.failure.kind !== 'transient') {
      refused.push(`${desk.id} ${outcome.packageId}: ${outcome.failure.message}`);
      settled.add(outcome.packageId);
    }
  }
  desk.pending = desk.pending.filter((item) => !settled.has(item.packageId));
}

describe(`warehouse simulation: ${DESKS} desks pack while cut off and back at seeded moments (seed ${SEED})`, () => {
  it('packs no order at two desks, loses no write and ships every packed parcel once', async () => {
    const random = seeded(SEED);
    const { rows: all } = await hub.pool.query<{ id: string }>(
      `SELECT id FROM orders WHERE hub_state = 'queued' ORDER BY id`,
    );
    const packedBy = new Map<string, Set<string>>();
    const refused: string[] = [];

    for (let round = 0; round < ROUNDS; round += 1) {
      for (const desk of desks) {
        if (random() < 0.15) {
          desk.cut = !desk.cut;
          await (desk.cut ? desk.proxy.cut() : desk.proxy.restore());
        }
        const { held } = await desk.queue.refresh();
        const fromBatch = held.find((id) => !packedBy.get(id)?.has(desk.id));
        const candidate = fromBatch && random() < 0.6 ? fromBatch : all[Math.floor(random() * all.length)]!.id;
        const verdict = await desk.queue.open(candidate, `packer-${desk.id}`);
        if (!verdict.ok) continue;
        const local = desk.db
          .prepare('SELECT station_state, shipping_type FROM orders WHERE id = ?')
          .get(verdict.orderId) as { station_state: string; shipping_type: string };
        if (local.station_state === 'packed') continue;
        desk.db.prepare(`UPDATE orders SET station_state = 'packed' WHERE id = ?`).run(verdict.orderId);
        packedBy.set(verdict.orderId, new Set([...(packedBy.get(verdict.orderId) ?? []), desk.id]));
        const pkg = desk.db
          .prepare('SELECT id FROM packages WHERE order_id = ? ORDER BY id LIMIT 1')
          .get(verdict.orderId) as { id: string } | undefined;
        if (local.shipping_type === 'TIKTOK' && pkg)
          desk.pending.push({
            orderId: verdict.orderId,
            packageId: pkg.id,
            handoverMethod: 'DROP_OFF',
            pickupSlot: null,
          });
        await flush(desk, refused);
      }
    }

    // The network heals: every desk reports, hands its writes over, and the hub sends them.
    for (const desk of desks) await desk.proxy.restore();
    for (let pass = 0; pass < 40 && desks.some((desk) => desk.pending.length > 0); pass += 1) {
      for (const desk of desks) {
        await desk.queue.refresh();
        await flush(desk, refused);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const desk of desks) await desk.queue.refresh();

    const doubles = [...packedBy]
      .filter(([, at]) => at.size > 1)
      .map(([orderId, at]) => `${orderId}: ${[...at].join(', ')}`);
    expect(doubles).toEqual([]);
    expect(refused).toEqual([]);
    expect(desks.flatMap((desk) => desk.pending)).toEqual([]);
    expect(packedBy.size).toBeGreaterThan(40);
    const { rows: outbox } = await hub.pool.query<{ package_id: string; state: string }>(
      'SELECT package_id, state FROM outbox',
    );
    expect(outbox.filter((row) => row.state !== 'done')).toEqual([]);
    const sandbox = hub.marketplace.sandbox!;
    const wrongShips = outbox.filter(
      (row) => sandbox.shipCount(row.package_id) !== 1 || sandbox.market.shipAttempts.get(row.package_id) !== 1,
    );
    expect(wrongShips).toEqual([]);
    // The hub knows every packed order as packed, by the desk that packed it.
    const { rows: done } = await hub.pool.query<{ id: string; done_by_desk: string }>(
      `SELECT id, done_by_desk FROM orders WHERE hub_state = 'packed'`,
    );
    expect(new Map(done.map((row) => [row.id, row.done_by_desk]))).toEqual(
      new Map([...packedBy].map(([orderId, at]) => [orderId, [...at][0]!])),
    );
  }, 120_000);
});
