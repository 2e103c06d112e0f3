/**
 * The station side of the crash test, run as its own process so the test can SIGKILL it anywhere: it queues the
 * next few planned writes (as packing would, each in its own transaction), then syncs until nothing is left.
 * Prints "queued <ids>" once those writes are committed, "ready" when the worker starts and "drained" at the end.
 */
import { readFileSync } from 'node:fs';
import { closeDatabase, openDatabase } from '../../../electron/core/db/database';
import { TikTokShopClient, type Connection } from '../../../electron/core/marketplace';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import { SyncWorker } from '../../../electron/core/sync/sync-worker';
import { TikTokWriter } from '../../../electron/core/sync/tiktok-writer';
import type { OutboxWrite } from '../../../shared/contract/sync';

async function main(): Promise<void> {
  const db = openDatabase(process.env.CRASH_DB!);
  const plan = JSON.parse(readFileSync(process.env.CRASH_PLAN!, 'utf8')) as OutboxWrite[];
  const perRun = Number(process.env.CRASH_QUEUE_PER_RUN ?? '3');
  const { n } = db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
  const next = plan.slice(n, n + perRun);
  for (const write of next) {
    db.transaction(() => enqueueWrite(db, write))();
    process.stdout.write(`queued ${write.packageId}\n`);
  }
  const connection = JSON.parse(process.env.CRASH_CONNECTION!) as Connection;
  const client = new TikTokShopClient({
    connection: { read: () => connection, saveTokens: () => undefined },
    retry: { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 2_000 },
  });
  const worker = new SyncWorker({
    db,
    writer: new TikTokWriter(client, db, Number(process.env.CRASH_BATCH ?? '2')),
    backoff: { baseMs: 10, capMs: 100 },
    ratePerSecond: Number(process.env.CRASH_RATE ?? '30'),
  });
  process.stdout.write('ready\n');
  await worker.drain();
  process.stdout.write('drained\n');
  closeDatabase(db);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
