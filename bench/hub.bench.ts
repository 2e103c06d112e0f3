/**
 * The warehouse hub on a real (embedded) PostgreSQL.
 * - 20 desks ask for their next order at the same moment, round after round, over HTTP. Claims that arrive together
 *   are served by one statement (SKIP LOCKED over the free queue by pack-by deadline, one order per claim). Goal: p95
 *   at most 20 ms per claim, and never one order handed to two desks.
 * - The warehouse dashboard (buckets, throughput per desk and packer, desks, backlog) and its drill-down over
 *   1,000,000 orders (a month of a large warehouse), over HTTP. Goal: p95 at most 50 ms.
 */
import { join } from 'node:path';
import { HubLink } from '../electron/core/hub-link/hub-link';
import { startHub } from '../hub/src/hub';
import { startTestPostgres, testHubConfig } from '../test/integration/hub/hub-fixture';
import { runChildJob } from './child-job';
import type { DesksJob, DesksResult } from './hub-desks';
import { percentile, sample, type BenchFigure } from './stats';

const DESKS = 20;
const ROUNDS = 30;
const DASHBOARD_ORDERS = 1_000_000;
const DASHBOARD_SAMPLES = 40;

export async function run(): Promise<BenchFigure[]> {
  const postgres = await startTestPostgres();
  try {
    return [...(await claims(postgres)), ...(await dashboard(postgres))];
  } finally {
    await postgres.stop();
  }
}

type Postgres = Awaited<ReturnType<typeof startTestPostgres>>;

async function claims(postgres: Postgres): Promise<BenchFigure[]> {
  const hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_bench'), {
      marketplace: { mode: 'sandbox', port: 0, seed: 3, orders: 2_000 },
    }),
    sendWrites: false,
    log: () => undefined,
  });
  try {
    await hub.puller.pullNow();
    const { rows } = await hub.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE hub_state = 'queued'`,
    );
    if (rows[0]!.n < DESKS * ROUNDS)
      throw new Error(`only ${rows[0]!.n} orders to pack; the bench needs ${DESKS * ROUNDS}`);
    // The desks run in a process of their own, as desks are machines of their own (hub-desks.ts).
    const { samples, ids } = await runChildJob<DesksJob, DesksResult>(join(__dirname, 'hub-desks.ts'), {
      url: hub.url,
      token: hub.token,
      desks: DESKS,
      rounds: ROUNDS,
    });
    const claimed = new Set(ids);
    const doubles = ids.length - claimed.size;
    console.log(
      `  ${samples.length} claims by ${DESKS} desks at once over ${rows[0]!.n} queued orders: ${doubles === 0 ? 'no order handed out twice' : `${doubles} orders handed out TWICE`}`,
    );
    if (doubles > 0) throw new Error('an order was handed to two desks');
    return [
      { name: `claim next order, ${DESKS} desks at once (p95)`, value: percentile(samples, 95), unit: 'ms', goal: 20 },
      { name: `claim next order, ${DESKS} desks at once (p50)`, value: percentile(samples, 50), unit: 'ms' },
    ];
  } finally {
    await hub.close();
  }
}

/** A month of a large warehouse: 95 % packed by 20 desks and 60 packers, 4 % to pack (1 % of them open), 1 % held. */
async function dashboard(postgres: Postgres): Promise<BenchFigure[]> {
  const hub = await startHub({
    config: testHubConfig(postgres.folder('hub'), await postgres.database('hub_dashboard'), {
      marketplace: { mode: 'sandbox', port: 0, seed: 3, orders: 0 },
    }),
    sendWrites: false,
    log: () => undefined,
  });
  try {
    const now = Date.now();
    const started = performance.now();
    await hub.pool.query(
      `INSERT INTO orders (id, shop_id, status, hub_state, pack_by, market_updated_at, data, pulled_at, done_at, done_by_desk, done_by_packer, leased_by)
       SELECT 'bench-' || g, 'shop-' || (g % 3),
              CASE WHEN g % 100 < 95 THEN 'AWAITING_COLLECTION' ELSE 'AWAITING_SHIPMENT' END,
              CASE WHEN g % 100 < 95 THEN 'packed' WHEN g % 100 = 99 THEN 'held' ELSE 'queued' END,
              $1::bigint + (((g / 100) % 200) - 50) * 600000, $1, '{}'::jsonb, $1,
              CASE WHEN g % 100 < 95 THEN $1::bigint - (g % 2592000) * 1000 END,
              CASE WHEN g % 100 < 95 THEN 'desk-' || (g % 20) END,
              CASE WHEN g % 100 < 95 THEN 'packer-' || (g % 60) END,
              CASE WHEN g % 100 = 95 THEN 'desk-' || (g % 20) END
         FROM generate_series(1, $2::int) AS g`,
      [now, DASHBOARD_ORDERS],
    );
    await hub.pool.query(
      `INSERT INTO packed_per_hour (hour_start, desk_id, packer, packed)
       SELECT done_at - done_at % 3600000, done_by_desk, done_by_packer, count(*) FROM orders WHERE done_at IS NOT NULL GROUP BY 1, 2, 3`,
    );
    // As autovacuum leaves a table that has settled: visibility known, statistics fresh.
    await hub.pool.query('VACUUM ANALYZE');
    console.log(
      `  ${DASHBOARD_ORDERS.toLocaleString('en')} orders stored in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const supervisor = new HubLink({ url: hub.url, token: hub.token, deskId: 'supervisor', retries: 0 });
    const board = await supervisor.dashboard();
    const packedToday = board.throughput.byDesk.reduce((sum, entry) => sum + entry.packed, 0);
    console.log(
      `  buckets ${JSON.stringify(board.buckets)}; ${packedToday} packed in the last 24 h by ${board.throughput.byPacker.length} packer-desk pairs`,
    );
    const dashboardMs = await sample(DASHBOARD_SAMPLES, () => supervisor.dashboard());
    const drillMs = await sample(DASHBOARD_SAMPLES, (i) =>
      supervisor.bucketOrders((['overdue', 'atRisk', 'later', 'held'] as const)[i % 4]!, 100),
    );
    return [
      { name: 'dashboard over 1,000,000 orders (p95)', value: percentile(dashboardMs, 95), unit: 'ms', goal: 50 },
      {
        name: 'dashboard drill-down, 100 orders of a bucket (p95)',
        value: percentile(drillMs, 95),
        unit: 'ms',
        goal: 50,
      },
    ];
  } finally {
    await hub.close();
  }
}
