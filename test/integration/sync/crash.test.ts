import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../electron/core/db/database';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import type { OutboxWrite } from '../../../shared/contract/sync';
import { syncSandbox } from '../../support/sync-sandbox';

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(ROOT, 'node_modules', '.cache', 'packbench-test', 'crash-child.cjs');
const KILLS = 100;
const PRELOADED = 120;

interface Run {
  queued: string[];
  killed: boolean;
  drained: boolean;
  code: number | null;
  stderr: string;
}

/** Starts the station side; kills it with SIGKILL `killAfterMs` after it reports ready (null: let it finish). */
function runChild(env: Record<string, string>, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { queued: [], killed: false, drained: false, code: null, stderr: '' };
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('queued ')) run.queued.push(line.slice(7));
        if (line === 'drained') run.drained = true;
        if (line === 'ready' && killAfterMs !== null) {
          setTimeout(() => {
            if (child.exitCode === null && !run.drained) {
              run.killed = true;
              child.kill('SIGKILL');
            }
          }, killAfterMs);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    });
  });
}

describe('crash test: the station killed (SIGKILL) at random points of a sync run', () => {
  let env: Awaited<ReturnType<typeof syncSandbox>>;
  let plan: OutboxWrite[];
  let childEnv: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(join(CHILD, '..'), { recursive: true });
    await build({
      entryPoints: [join(__dirname, 'crash-child.ts')],
      outfile: CHILD,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      logLevel: 'warning',
    });
    // Enough planned writes that every kill lands in a run with work to do: a run left with nothing to send finishes before its kill.
    env = await syncSandbox({ sandbox: { orders: 1500 } });
    plan = env.writes;
    // Requests take a little while, and some answers are lost after the write applied: kills land mid-request too.
    env.sandbox.faults.add(
      { kind: 'drop_after_write', path: '/ship', times: 15 },
      { kind: 'slow', path: '/ship', delayMs: 25, times: 1_000_000 },
    );
    env.db.transaction(() => plan.slice(0, PRELOADED).forEach((write) => enqueueWrite(env.db, write)))();
    const planFile = join(env.dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    childEnv = {
      CRASH_DB: join(env.dir, 'packbench.sqlite'),
      CRASH_PLAN: planFile,
      CRASH_CONNECTION: JSON.stringify(env.connection),
    };
    closeDatabase(env.db);
  }, 60_000);

  afterAll(async () => {
    await env?.sandbox.close();
  });

  it(`ships every queued write exactly once and loses none, across ${KILLS} kills`, async () => {
    const acknowledged = new Set<string>(plan.slice(0, PRELOADED).map((w) => w.packageId));
    let kills = 0;
    let runs = 0;
    while (kills < KILLS && runs < KILLS * 4) {
      runs += 1;
      const run = await runChild(childEnv, Math.floor(Math.random() * 180));
      run.queued.forEach((id) => acknowledged.add(id));
      if (run.killed) kills += 1;
      else expect(run.code, run.stderr).toBe(0);
    }
    expect(kills).toBe(KILLS);
    // Restarted without a kill until the last run finds nothing new to queue and nothing left to send.
    for (;;) {
      const run = await runChild({ ...childEnv, CRASH_QUEUE_PER_RUN: '1000' }, null);
      expect(run.code, run.stderr).toBe(0);
      run.queued.forEach((id) => acknowledged.add(id));
      if (run.queued.length === 0 && run.drained) break;
    }

    const db = openDatabase(childEnv.CRASH_DB!);
    const rows = db.prepare('SELECT package_id, state, outcome FROM outbox ORDER BY id').all() as Array<{
      package_id: string;
      state: string;
      outcome: string;
    }>;
    closeDatabase(db);
    // No queued write lost: every acknowledged write is in the outbox, and all of them are done.
    expect(rows.map((r) => r.package_id)).toEqual(plan.map((w) => w.packageId));
    for (const id of acknowledged) expect(rows.some((r) => r.package_id === id)).toBe(true);
    expect(rows.filter((r) => r.state !== 'done')).toEqual([]);
    // The sandbox confirms: every package shipped exactly once, none twice.
    for (const write of plan) expect(env.sandbox.shipCount(write.packageId), write.packageId).toBe(1);
    for (const [packageId, count] of env.sandbox.market.shipCounts) expect(count, packageId).toBe(1);
    // The kills did land mid-request: some writes were settled by asking the marketplace, not by sending again.
    const outcomes = rows.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }),
      {},
    );
    console.log(
      `crash test: ${kills} kills in ${runs} runs; ${plan.length} writes; outcomes ${JSON.stringify(outcomes)}`,
    );
    expect(outcomes.confirmed_upstream ?? 0).toBeGreaterThan(0);
  }, 240_000);
});
