/**
 * Flushes 1,000 queued marketplace writes through the sync worker to the sandbox marketplace over HTTP, with the
 * sandbox enforcing TikTok's 50 requests/s per API and shop (answering 429 beyond it). Goal: under 5 s.
 */
import { closeDatabase } from '../electron/core/db/database';
import { enqueueWrite } from '../electron/core/outbox/outbox';
import { SyncWorker } from '../electron/core/sync/sync-worker';
import { TikTokWriter } from '../electron/core/sync/tiktok-writer';
import { syncSandbox } from '../test/support/sync-sandbox';
import type { BenchFigure } from './stats';

const WRITES = 1_000;

export async function run(): Promise<BenchFigure[]> {
  const env = await syncSandbox({
    sandbox: { orders: 2_000, rateLimitPerSecond: 50 },
    retry: { attempts: 1, timeoutMs: 15_000 },
  });
  if (env.writes.length < WRITES) throw new Error(`the sandbox offers only ${env.writes.length} shippable packages`);
  const writes = env.writes.slice(0, WRITES);
  env.db.transaction(() => writes.forEach((write) => enqueueWrite(env.db, write)))();
  const worker = new SyncWorker({ db: env.db, writer: new TikTokWriter(env.client, env.db) });

  const started = performance.now();
  await worker.drain();
  const seconds = (performance.now() - started) / 1000;

  const shippedOnce = writes.every((write) => env.sandbox.shipCount(write.packageId) === 1);
  const rateLimited = (
    env.db.prepare(`SELECT count(*) AS n FROM outbox_attempts WHERE code = '36009002'`).get() as { n: number }
  ).n;
  const requests = (env.db.prepare('SELECT count(DISTINCT at) AS n FROM outbox_attempts').get() as { n: number }).n;
  console.log(
    `  ${WRITES} writes: ${shippedOnce ? 'each shipped exactly once' : 'NOT each shipped once'}; ~${requests} ship calls; ${rateLimited} answered 429`,
  );
  closeDatabase(env.db);
  await env.sandbox.close();
  if (!shippedOnce) throw new Error('a package was not shipped exactly once');
  return [
    { name: `flush ${WRITES} queued writes (rate limits honoured)`, value: seconds, unit: 's', goal: 5 },
    { name: 'writes settled per second', value: WRITES / seconds, unit: 'ops/s' },
  ];
}
