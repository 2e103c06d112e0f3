/**
 * Pulling from the sandbox marketplace over loopback HTTP into SQLite, the way the station does: 10,000 paid orders
 * into an empty database (goal: at most 3 s, 1.5 times the floor TikTok's rate limit sets: 100 pages at 50 requests/s),
 * then incremental pulls that find 100 changed orders (goal: 300 ms). The sandbox enforces TikTok's 50 requests/s per
 * API and shop, so the figures include honouring it. The sandbox runs in a process of its own, as TikTok answers from
 * its own machines: built in this process, its answers took a fifth of the pull's thread.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../electron/core/db/database';
import { EventBus } from '../electron/core/events/bus';
import { TikTokShopClient } from '../electron/core/marketplace/client';
import { OrderPuller } from '../electron/core/orders/pull';
import { startSandboxProcess } from './sandbox-process';
import { percentile, type BenchFigure } from './stats';

/** About 84% of seeded orders await shipment, so this many seeds give about 10,000 orders to pull. */
const SEEDED = 11_900;
const CHANGED = 100;
const ROUNDS = 7;

export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'packbench-bench-pull-'));
  const sandbox = await startSandboxProcess({ orders: SEEDED, seed: 7 });
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    const connection = { baseUrl: sandbox.url, shopCipher: '', ...sandbox.credentials };
    const client = new TikTokShopClient({
      connection: { read: () => connection, saveTokens: (tokens) => Object.assign(connection, tokens) },
    });
    const puller = new OrderPuller({
      db,
      client,
      bus: new EventBus(),
      now: Date.now,
      mode: 'sandbox',
      intervalSeconds: () => 0,
    });

    const sandboxCpu = sandbox.cpuSeconds();
    const waited = cpuWaitSeconds();
    const start = performance.now();
    const cpu = process.cpuUsage();
    const full = await puller.pullNow();
    const fullSeconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const sandboxUsed = sandboxCpu === null ? null : sandbox.cpuSeconds()! - sandboxCpu;
    const waitedFor = waited === null ? null : cpuWaitSeconds()! - waited;
    if (full.outcome !== 'ok') throw new Error(`the full pull failed: ${full.errorMessage}`);

    const queued = (
      db.prepare("SELECT id FROM orders WHERE station_state = 'queued' ORDER BY id").all() as Array<{ id: string }>
    ).map((row) => row.id);
    const samples: number[] = [];
    let next = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      // Ten minutes pass (past the pull's overlap window), then buyers change their address on 100 orders; the
      // next pull must bring exactly those in.
      await sandbox.control('/sandbox/clock', { advanceSeconds: 600 });
      // An order the buyer cancelled meanwhile (the sandbox's own timeline) refuses the change: the next one is taken.
      for (let changed = 0; changed < CHANGED; ) {
        const id = queued[next++];
        if (id === undefined) throw new Error('the sandbox ran out of open orders to change');
        const { status } = await sandbox.control(`/sandbox/orders/${id}/address`, {
          lines: [`${round + 1} Changed Street`],
        });
        if (status === 200) changed += 1;
        else if (status !== 409) throw new Error(`the sandbox refused an address change with ${status}`);
      }
      const t0 = performance.now();
      const incremental = await puller.pullNow();
      samples.push(performance.now() - t0);
      // The sandbox's own timeline (payments, buyer cancellations) may add a few more.
      if (incremental.outcome !== 'ok' || incremental.updated < CHANGED)
        throw new Error(`incremental pull updated ${incremental.updated} orders, expected ${CHANGED}`);
    }
    return [
      {
        name: `full pull: ${full.inserted.toLocaleString('en')} orders into an empty database`,
        value: fullSeconds,
        unit: 's',
        goal: 3,
      },
      // What the wall time comes from when the machine is busy: the pull's own work, the sandbox's excluded.
      { name: "  the station's CPU for the full pull", value: (used.user + used.system) / 1e6, unit: 's' },
      // The pull keeps its thread busy (a page is stored while the next is fetched): on a shared machine the wall
      // time is its CPU plus the time its thread stood ready while other work had both cores.
      ...(waitedFor === null
        ? []
        : [{ name: "  the station's thread ready but waiting for a core", value: waitedFor, unit: 's' as const }]),
      ...(sandboxUsed === null
        ? []
        : [{ name: "  the sandbox marketplace's CPU meanwhile", value: sandboxUsed, unit: 's' as const }]),
      {
        name: `incremental pull of ${CHANGED} changed orders, median of ${ROUNDS}`,
        value: percentile(samples, 50),
        unit: 'ms',
        goal: 300,
      },
      { name: `incremental pull of ${CHANGED} changed orders, worst`, value: Math.max(...samples), unit: 'ms' },
    ];
  } finally {
    closeDatabase(db);
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds this process's main thread has spent runnable but not running (Linux: schedstat), or null elsewhere. */
function cpuWaitSeconds(): number | null {
  try {
    const [, waitingNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(waitingNs) / 1e9;
  } catch {
    return null;
  }
}
