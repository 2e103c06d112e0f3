/**
 * The warehouse hub on a real (embedded) PostgreSQL: 20 desks ask for their next order at the same moment, round
 * after round, over HTTP. Each claim is one transaction (SKIP LOCKED over the queue by pack-by deadline). Goal: p95
 * at most 20 ms per claim, and never one order handed to two desks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubLink } from '../electron/core/hub-link/hub-link';
import { startHub } from '../hub/src/hub';
import { startTestPostgres, testHubConfig } from '../test/integration/hub/hub-fixture';
import { percentile, type BenchFigure } from './stats';

const DESKS = 20;
const ROUNDS = 30;

export async function run(): Promise<BenchFigure[]> {
  const postgres = await startTestPostgres();
  const hub = await startHub({
    config: testHubConfig(mkdtempSync(join(tmpdir(), 'pb-hubbench-')), await postgres.database('hub_bench'), { marketplace: { mode: 'sandbox', port: 0, seed: 3, orders: 2_000 } }),
    sendWrites: false,
    log: () => undefined,
  });
  try {
    await hub.puller.pullNow();
    const { rows } = await hub.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE hub_state = 'queued'`);
    if (rows[0]!.n < DESKS * ROUNDS) throw new Error(`only ${rows[0]!.n} orders to pack; the bench needs ${DESKS * ROUNDS}`);
    const desks = Array.from({ length: DESKS }, (_, i) => new HubLink({ url: hub.url, token: hub.token, deskId: `bench-desk-${i}`, retries: 0 }));
    // One warm-up round: connections, plans and caches, as on a hub that has been running.
    await Promise.all(desks.map((desk) => desk.next()));
    const samples: number[] = [];
    const claimed = new Set<string>();
    let doubles = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all(
        desks.map(async (desk) => {
          const started = performance.now();
          const leased = await desk.next('bench');
          samples.push(performance.now() - started);
          if (!leased) throw new Error('the queue ran dry');
          if (claimed.has(leased.order.id)) doubles += 1;
          claimed.add(leased.order.id);
        }),
      );
    }
    console.log(`  ${samples.length} claims by ${DESKS} desks at once over ${rows[0]!.n} queued orders: ${doubles === 0 ? 'no order handed out twice' : `${doubles} orders handed out TWICE`}`);
    if (doubles > 0) throw new Error('an order was handed to two desks');
    return [
      { name: `claim next order, ${DESKS} desks at once (p95)`, value: percentile(samples, 95), unit: 'ms', goal: 20 },
      { name: `claim next order, ${DESKS} desks at once (p50)`, value: percentile(samples, 50), unit: 'ms' },
    ];
  } finally {
    await hub.close();
    await postgres.stop();
  }
}
