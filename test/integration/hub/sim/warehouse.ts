import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { HubLink } from '../../../../electron/core/hub-link/hub-link';
import { startSandbox, type Sandbox } from '../../../../electron/core/sandbox/server';
import { CuttingProxy, type ProxyMode } from '../../../support/cutting-proxy';
import { startTestPostgres } from '../hub-fixture';
import { DeskCaller, DeskDown, packOne, signInPacker } from './packer';
import { startDeskProcess, startHubProcess, type ChildRun } from './processes';

/**
 * The warehouse simulation of issue 14: desks as processes (real stations joined to a hub process), each behind a
 * cutting proxy, the hub behind one towards the sandbox marketplace, and a seeded schedule of faults (desks and the hub
 * SIGKILLed, connections refused, reset or blackholed) fired as packing progresses, so a seed replays the same faults
 * at the same points of the work.
 */
export interface SimOptions {
  desks: number;
  /** Orders the sandbox starts with (all shops); the hub takes one shop's, all shipped by TikTok. */
  sandboxOrders: number;
  /** Faults in the schedule. */
  faults: number;
  seed: number;
  /** The whole run gives up after this long. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface SimResult {
  seed: number;
  desks: number;
  /** Orders the hub had to pack after its first pull. */
  orders: number;
  packages: number;
  schedule: string[];
  hubKills: number;
  deskKills: number;
  cuts: number;
  /** Orders completed at more than one desk (desk id list). */
  packedTwice: string[];
  /** Orders the sandbox's buyers cancelled during the run (not to ship). */
  cancelledUpstream: number;
  /** Orders of the population no desk completed (cancelled ones aside). */
  neverPacked: string[];
  /** Desk outbox writes not done at the end, and packages of packed orders TikTok never received. */
  lostWrites: string[];
  /** Packages TikTok received more than one Ship Package request for, or shipped more than once. */
  shippedTwice: string[];
  /** Packages of the population not shipped exactly once. */
  notShippedOnce: string[];
  /** Contract errors the packers met (not counted as failures: a cut-off desk answers some). */
  packerErrors: string[];
  startMs: number;
  packMs: number;
  settleMs: number;
  totalMs: number;
}

/** The sandbox shop every order of which TikTok ships (drop-off, one flow), so every order can ship. */
const SHOP_CIPHER = 'ROW_sbxCN03lumi_us';
const TOKEN = 'warehouse-sim-token-0123456789';
const PACKED_STATES = ['packed', 'labelled', 'handed_over'];

/** A small seeded generator: the schedule replays from its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Fault =
  | { kind: 'hub-kill'; atPacked: number; downMs: number }
  | { kind: 'desk-kill'; atPacked: number; desk: number; downMs: number }
  | { kind: 'desk-net'; atPacked: number; desk: number; mode: ProxyMode; downMs: number }
  | { kind: 'market-net'; atPacked: number; mode: ProxyMode; downMs: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The faults, each at a number of orders packed between 5 % and 85 % of the work. */
export function faultSchedule(seed: number, faults: number, desks: number, orders: number): Fault[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const schedule: Fault[] = [];
  for (let i = 0; i < faults; i += 1) {
    const atPacked = Math.floor(orders * (0.05 + 0.8 * random()));
    // Every schedule kills the hub and a desk at least once; the rest are drawn.
    const drawn = pick([
      'hub-kill',
      'desk-kill',
      'desk-kill',
      'desk-net',
      'desk-net',
      'desk-net',
      'market-net',
    ] as const);
    const kind = i === 0 ? 'hub-kill' : i === 1 ? 'desk-kill' : drawn;
    const downMs = 300 + Math.floor(random() * 2_700);
    const modes: ProxyMode[] = ['refuse', 'reset', 'blackhole'];
    if (kind === 'hub-kill') schedule.push({ kind, atPacked, downMs });
    else if (kind === 'market-net') schedule.push({ kind, atPacked, mode: pick(modes), downMs });
    else if (kind === 'desk-kill') schedule.push({ kind, atPacked, desk: Math.floor(random() * desks), downMs });
    else schedule.push({ kind, atPacked, desk: Math.floor(random() * desks), mode: pick(modes), downMs });
  }
  return schedule.sort((a, b) => a.atPacked - b.atPacked);
}

const describeFault = (fault: Fault): string =>
  `at ${fault.atPacked} packed: ${fault.kind}${'desk' in fault ? ` desk-${fault.desk}` : ''}${'mode' in fault ? ` ${fault.mode}` : ''} for ${fault.downMs} ms`;

interface Desk {
  id: string;
  dataDir: string;
  proxy: CuttingProxy;
  run: ChildRun<{ url: string; secret: string }> | null;
  caller: DeskCaller | null;
  /** The desk's last kill and restart: a second kill waits for it, as the hub's kills wait for each other. */
  restarted: Promise<void>;
}

export async function runWarehouseSim(options: SimOptions): Promise<SimResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const postgres = await startTestPostgres();
  const sandbox: Sandbox = await startSandbox({
    seed: options.seed,
    orders: options.sandboxOrders,
    arrivalEverySeconds: 0,
  });
  const marketProxy = new CuttingProxy(Number(new URL(sandbox.url).port));
  await marketProxy.start();
  const databaseUrl = await postgres.database('hub_sim');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // PostgreSQL is stopped at the end and may still tell a closing connection it is terminated (57P01, seen in CI):
  // that is the simulation ending, not a fault to report.
  pool.on('error', () => undefined);
  const credentials = sandbox.credentials();
  const hubEnv = {
    PACKBENCH_HUB_DATABASE_URL: databaseUrl,
    PACKBENCH_HUB_DATA_DIR: postgres.folder('hub'),
    PACKBENCH_HUB_HOST: '127.0.0.1',
    PACKBENCH_HUB_PORT: '0',
    PACKBENCH_HUB_TOKEN: TOKEN,
    PACKBENCH_PULL_INTERVAL_SECONDS: '0',
    PACKBENCH_MARKETPLACE_URL: marketProxy.url,
    PACKBENCH_APP_KEY: credentials.appKey,
    PACKBENCH_APP_SECRET: credentials.appSecret,
    PACKBENCH_ACCESS_TOKEN: credentials.accessToken,
    PACKBENCH_SHOP_CIPHER: SHOP_CIPHER,
  };
  let hub: ChildRun<string> | null = null;
  const desks: Desk[] = [];
  const packerErrors: string[] = [];
  try {
    hub = startHubProcess(hubEnv);
    const hubPort = async (run: ChildRun<string>) => Number(new URL(await run.ready).port);
    const firstPort = await hubPort(hub);
    const link = new HubLink({
      url: `http://127.0.0.1:${firstPort}`,
      token: TOKEN,
      deskId: 'sim-observer',
      retries: 0,
    });
    for (let tries = 0; !(await link.health()).lastPull?.ok; tries += 1) {
      if (tries > 1_200) throw new Error('the hub never finished its first pull');
      await sleep(100);
    }
    // The station ships every package holding a line to pack (an order TikTok split leaves as several parcels), or the
    // order's first package when its lines name none (electron/core/fulfillment/split-parcels.ts).
    const { rows: population } = await pool.query<{ id: string; packages: string[] }>(
      `SELECT id, coalesce(
           nullif(ARRAY(SELECT DISTINCT l->>'packageId' FROM jsonb_array_elements(data->'lines') l
                        WHERE l->>'packageId' IS NOT NULL ORDER BY 1), '{}'),
           ARRAY[data->'packages'->0->>'id']) AS packages
         FROM orders WHERE hub_state = 'queued' ORDER BY id`,
    );
    const orderIds = population.map((row) => row.id);
    const packageIds = population.flatMap((row) => row.packages);
    const schedule = faultSchedule(options.seed, options.faults, options.desks, orderIds.length);
    log(
      `warehouse sim: seed ${options.seed} (replay with HUB_SIM_SEED=${options.seed}), ${options.desks} desks, ${orderIds.length} orders, ${packageIds.length} packages`,
    );
    for (const fault of schedule) log(`  scheduled ${describeFault(fault)}`);

    const startDesk = async (desk: Desk) => {
      desk.run = startDeskProcess({
        PACKBENCH_DATA_DIR: desk.dataDir,
        PACKBENCH_STATION_ID: desk.id,
        PACKBENCH_PORT: '0',
        PACKBENCH_HUB_URL: desk.proxy.url,
        PACKBENCH_HUB_TOKEN: TOKEN,
        // The desk's own marketplace serves only label documents here: no orders of its own to generate.
        PACKBENCH_SANDBOX_ORDERS: '0',
      });
      const { url, secret } = await desk.run.ready;
      const caller = new DeskCaller(url, secret);
      await signInPacker(caller);
      desk.caller = caller;
    };
    for (let i = 0; i < options.desks; i += 1) {
      const proxy = new CuttingProxy(firstPort);
      await proxy.start();
      desks.push({
        id: `desk-${i}`,
        dataDir: postgres.folder(`desk-${i}`),
        proxy,
        run: null,
        caller: null,
        restarted: Promise.resolve(),
      });
    }
    await Promise.all(desks.map(startDesk));
    const startMs = Date.now() - started;
    log(`  ${options.desks} desk processes and the hub up in ${startMs} ms`);

    // Packers: each packs "next order" at its desk until the hub has every order packed.
    const packedBy = new Map<string, Set<string>>();
    let packedCount = 0;
    let done = false;
    const allPackedAtHub = async () => {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::text[]) AND hub_state = 'queued'`,
        [orderIds],
      );
      return rows[0]!.n === 0;
    };
    const packer = async (desk: Desk) => {
      while (!done) {
        const caller = desk.caller;
        if (!caller) {
          await sleep(100);
          continue;
        }
        try {
          const outcome = await packOne(caller);
          if (outcome.kind === 'packed') {
            const at = packedBy.get(outcome.orderId) ?? new Set<string>();
            at.add(desk.id);
            packedBy.set(outcome.orderId, at);
            packedCount += 1;
          } else {
            await sleep(outcome.kind === 'offline' ? 300 : 150);
          }
        } catch (error) {
          if (!(error instanceof DeskDown) && desk.caller === caller)
            packerErrors.push(`${desk.id}: ${error instanceof Error ? error.message : String(error)}`);
          await sleep(200);
        }
      }
    };
    const packStart = Date.now();
    const packers = desks.map(packer);

    // The schedule, fired as the packed count passes each fault's point.
    let hubKills = 0;
    let deskKills = 0;
    let cuts = 0;
    let hubRestart: Promise<void> = Promise.resolve();
    const restartHub = async (downMs: number) => {
      await hub!.kill('SIGKILL');
      hubKills += 1;
      await sleep(downMs);
      hub = startHubProcess(hubEnv);
      const port = await hubPort(hub);
      for (const desk of desks) desk.proxy.retarget(port);
    };
    const restartDesk = async (desk: Desk, downMs: number) => {
      desk.caller = null;
      await desk.run!.kill('SIGKILL');
      desk.run = null;
      deskKills += 1;
      await sleep(downMs);
      await startDesk(desk);
    };
    const fire = async (fault: Fault) => {
      if (fault.kind === 'hub-kill') {
        await hubRestart;
        hubRestart = restartHub(fault.downMs);
        await hubRestart;
      } else if (fault.kind === 'desk-kill') {
        const desk = desks[fault.desk]!;
        // Killed again while it was still starting, the desk's restart failed and took the simulation with it.
        desk.restarted = desk.restarted.then(() => restartDesk(desk, fault.downMs));
        await desk.restarted;
      } else {
        const proxy = fault.kind === 'market-net' ? marketProxy : desks[fault.desk]!.proxy;
        if (proxy.current !== 'open') return;
        cuts += 1;
        await proxy.set(fault.mode);
        await sleep(fault.downMs);
        await proxy.set('open');
      }
    };
    const firing: Array<Promise<void>> = [];
    let next = 0;
    const deadline = started + options.timeoutMs;
    while (!(next >= schedule.length && (await allPackedAtHub()))) {
      if (Date.now() > deadline)
        throw new Error(`the simulation ran out of time with ${packedCount} orders packed of ${orderIds.length}`);
      while (next < schedule.length && packedCount >= schedule[next]!.atPacked) firing.push(fire(schedule[next++]!));
      // Work may end before a late fault's point (orders packed but unseen by the packers): it fires anyway.
      if (next < schedule.length && packedCount >= orderIds.length) firing.push(fire(schedule[next++]!));
      await sleep(100);
    }
    await Promise.all(firing);
    done = true;
    await Promise.all(packers);
    const packMs = Date.now() - packStart;
    log(`  packed in ${packMs} ms: ${hubKills} hub kills, ${deskKills} desk kills, ${cuts} cuts`);

    // Everything heals: the desks hand their last writes over and the hub sends them.
    const settleStart = Date.now();
    await marketProxy.set('open');
    for (const desk of desks) await desk.proxy.set('open');
    const shipped = (id: string) => sandbox.shipCount(id) === 1;
    const toShip = (id: string) => sandbox.market.findPackage(id)?.order.status !== 'CANCELLED';
    while (!packageIds.filter(toShip).every(shipped) && Date.now() < deadline) await sleep(200);
    // And each desk learns how its writes ended (its sync worker asks the hub); a write still pending there at the
    // end counts as lost.
    const backlog = async (desk: Desk) => {
      try {
        await desk.caller!.call('sync.now', {});
        return (await desk.caller!.must<{ backlog: number }>('sync.status', {})).backlog;
      } catch {
        return 1;
      }
    };
    while (Date.now() < deadline && (await Promise.all(desks.map(backlog))).some((left) => left > 0)) await sleep(500);
    const settleMs = Date.now() - settleStart;
    // Desks stop cleanly so their databases can be read; a write still queued at a desk is a lost one.
    for (const desk of desks) await desk.run?.kill('SIGTERM');
    const packedAtDesks = new Map<string, string[]>();
    const lostWrites: string[] = [];
    for (const desk of desks) {
      const db = new Database(join(desk.dataDir, 'packbench.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const rows = db
          .prepare(`SELECT id FROM orders WHERE station_state IN (${PACKED_STATES.map(() => '?').join(', ')})`)
          .all(...PACKED_STATES) as Array<{ id: string }>;
        for (const { id } of rows) packedAtDesks.set(id, [...(packedAtDesks.get(id) ?? []), desk.id]);
        const unsent = db
          .prepare(`SELECT kind, order_id, package_id, state FROM outbox WHERE state != 'done'`)
          .all() as Array<{ kind: string; order_id: string; package_id: string; state: string }>;
        lostWrites.push(
          ...unsent
            .filter((row) => sandbox.market.order(row.order_id)?.status !== 'CANCELLED')
            .map((row) => `${desk.id} ${row.kind} ${row.package_id}: ${row.state}`),
        );
      } finally {
        db.close();
      }
    }
    for (const [orderId, at] of packedBy)
      for (const deskId of at)
        if (!packedAtDesks.get(orderId)?.includes(deskId))
          packedAtDesks.set(orderId, [...(packedAtDesks.get(orderId) ?? []), deskId]);
    // The sandbox's buyers cancel a few orders as time passes: those are not to ship, whatever a desk did.
    const cancelled = new Set(orderIds.filter((id) => sandbox.market.order(id)?.status === 'CANCELLED'));
    const live = population.filter((row) => !cancelled.has(row.id));
    const livePackages = live.flatMap((row) => row.packages);
    const packedOrders = live.filter((row) => packedAtDesks.has(row.id));
    lostWrites.push(
      ...packedOrders
        .flatMap((row) => row.packages.filter((id) => sandbox.shipCount(id) === 0))
        .map((id) => `never shipped: ${id}`),
    );
    return {
      seed: options.seed,
      desks: options.desks,
      orders: orderIds.length,
      packages: packageIds.length,
      schedule: schedule.map(describeFault),
      hubKills,
      deskKills,
      cuts,
      packedTwice: [...packedAtDesks].filter(([, at]) => at.length > 1).map(([id, at]) => `${id}: ${at.join(', ')}`),
      cancelledUpstream: cancelled.size,
      neverPacked: live.filter((row) => !packedAtDesks.has(row.id)).map((row) => row.id),
      lostWrites,
      shippedTwice: packageIds.filter(
        (id) => sandbox.shipCount(id) > 1 || (sandbox.market.shipAttempts.get(id) ?? 0) > 1,
      ),
      notShippedOnce: livePackages.filter((id) => !shipped(id)),
      packerErrors,
      startMs,
      packMs,
      settleMs,
      totalMs: Date.now() - started,
    };
  } catch (error) {
    const tail = (hub as ChildRun<string> | null)?.output().slice(-3000) ?? '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nhub output:\n${tail}`, {
      cause: error,
    });
  } finally {
    for (const desk of desks) {
      await desk.run?.kill('SIGKILL');
      await desk.proxy.close();
    }
    await (hub as ChildRun<string> | null)?.kill('SIGKILL');
    await pool.end();
    await marketProxy.close();
    await sandbox.close();
    await postgres.stop();
  }
}
