import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import { startSandbox, type Sandbox } from '../../../electron/core/sandbox/server';
import type { HandedWrite } from '../../../electron/core/hub-link/api';
import { startTestPostgres } from './hub-fixture';
import { startHubProcess } from './sim/processes';

const KILLS = 8;
const WRITES = 40;
const SEED = Number(process.env.HUB_CRASH_SEED ?? 20261201);
const TOKEN = 'crash-test-hub-token-0123';

/** A small seeded generator, so a failing schedule of kills replays with HUB_CRASH_SEED. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
let sandbox: Sandbox;
let env: Record<string, string>;
let pool: pg.Pool;

beforeAll(async () => {
  postgres = await startTestPostgres();
  sandbox = await startSandbox({ seed: 5, orders: 200 });
  const credentials = sandbox.credentials();
  env = {
    PACKBENCH_HUB_DATABASE_URL: await postgres.database('hub_crash'),
    PACKBENCH_HUB_DATA_DIR: postgres.folder('hub'),
    PACKBENCH_HUB_HOST: '127.0.0.1',
    PACKBENCH_HUB_PORT: '0',
    PACKBENCH_HUB_TOKEN: TOKEN,
    PACKBENCH_PULL_INTERVAL_SECONDS: '0',
    PACKBENCH_MARKETPLACE_URL: sandbox.url,
    PACKBENCH_APP_KEY: credentials.appKey,
    PACKBENCH_APP_SECRET: credentials.appSecret,
    PACKBENCH_ACCESS_TOKEN: credentials.accessToken,
  };
  pool = new pg.Pool({ connectionString: env.PACKBENCH_HUB_DATABASE_URL });
  // The server stops at the end while an idle connection may still be closing: heard here, not thrown.
  pool.on('error', () => undefined);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await sandbox?.close();
  await postgres?.stop();
});

describe("crash test: the hub SIGKILLed while it sends desks' writes", () => {
  it(`ships every handed-over write exactly once, across ${KILLS} kills (seed ${SEED})`, async () => {
    const random = seeded(SEED);
    // First start: the hub pulls; then the writes a desk hands over are drop-off ships of TikTok-shipped orders.
    let hub = startHubProcess(env);
    let link = new HubLink({ url: await hub.ready, token: TOKEN, deskId: 'desk-1', retries: 0 });
    for (let tries = 0; !(await link.health()).lastPull; tries += 1) {
      if (tries > 200) throw new Error('the hub never finished its first pull');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { rows } = await pool.query<{ id: string; package_id: string }>(
      `SELECT o.id, p.id AS package_id FROM orders o JOIN packages p ON p.order_id = o.id
        WHERE o.hub_state = 'queued' AND o.data->>'shippingType' = 'TIKTOK' ORDER BY o.id LIMIT $1`,
      [WRITES],
    );
    expect(rows).toHaveLength(WRITES);
    const writes: HandedWrite[] = rows.map((row, i) => ({
      writeId: `w-${i}`,
      write: {
        kind: 'ship.tiktok',
        orderId: row.id,
        packageId: row.package_id,
        handoverMethod: 'DROP_OFF',
        pickupSlot: null,
      },
    }));
    // The first answers are lost after their ship landed; then each ship takes a while, so that with 8 writes in
    // flight the kills land mid-request too. The sandbox applies the first rule that matches a request: the drops go
    // first, or the slow rule would take every request.
    sandbox.faults.add(
      { kind: 'drop_after_write', path: '/ship', times: 4 },
      { kind: 'slow', path: '/ship', delayMs: 150, times: 1_000_000 },
    );

    let kills = 0;
    for (;;) {
      // The desk hands over what the hub has not confirmed yet (again after each restart: harmless).
      await link.handOver(writes).catch(() => undefined);
      if (kills === KILLS) break;
      await new Promise((resolve) => setTimeout(resolve, 30 + random() * 400));
      await hub.kill('SIGKILL');
      kills += 1;
      hub = startHubProcess(env);
      link = new HubLink({ url: await hub.ready, token: TOKEN, deskId: 'desk-1', retries: 0 });
    }

    const deadline = Date.now() + 60_000;
    let states = await link.writeStates(writes.map((w) => w.writeId));
    while (states.some((state) => state.state === 'pending') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      states = await link.writeStates(writes.map((w) => w.writeId));
    }
    await hub.kill('SIGTERM');

    expect(states).toHaveLength(WRITES);
    expect(states.filter((state) => state.state !== 'done')).toEqual([]);
    // Sent once: TikTok received one ship request per package (a second would be refused as already shipped, so
    // the count of successful ships alone could not tell).
    const attempts = rows.map((row) => sandbox.market.shipAttempts.get(row.package_id) ?? 0);
    expect(attempts.filter((count) => count !== 1)).toEqual([]);
    expect(rows.map((row) => sandbox.shipCount(row.package_id)).filter((count) => count !== 1)).toEqual([]);
    // The lost answers were settled by asking TikTok, not by sending again.
    expect(states.filter((state) => state.outcome === 'confirmed_upstream').length).toBeGreaterThanOrEqual(1);
    const { rows: outbox } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(outbox[0]!.n).toBe(WRITES);
  }, 180_000);
});
