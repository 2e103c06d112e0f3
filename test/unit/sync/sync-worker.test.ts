import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../../electron/core/db/database';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import { OutboxStore } from '../../../electron/core/outbox/outbox-store';
import type { SyncEvents } from '../../../electron/core/sync/sync-options';
import { SyncWorker } from '../../../electron/core/sync/sync-worker';
import type { OutboxWrite, SyncAlert, SyncStatus } from '../../../shared/contract/sync';
import { FakeWriter } from '../../support/fake-writer';
import { seedOrders, tempDb } from '../../support/sync-fixtures';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `o${i + 1}`);
const shipWrite = (orderId: string, tracking = `TRK${orderId.toUpperCase()}X`): OutboxWrite => ({
  kind: 'ship.seller',
  orderId,
  packageId: `pkg-${orderId}`,
  trackingNumber: tracking,
  shippingProviderId: 'ups',
});

describe('sync worker', () => {
  let db: Db;
  let writer: FakeWriter;
  let alerts: SyncAlert[];
  let statuses: SyncStatus[];
  const events: Partial<SyncEvents> = { alert: (a) => alerts.push(a), status: (s) => statuses.push(s) };
  const worker = (options: Partial<ConstructorParameters<typeof SyncWorker>[0]> = {}) =>
    new SyncWorker({ db, writer, events, backoff: { baseMs: 5, capMs: 40 }, ratePerSecond: 1000, ...options });
  const enqueue = (...writes: OutboxWrite[]) => db.transaction(() => writes.map((w) => enqueueWrite(db, w)))();
  const store = () => new OutboxStore(db);
  const rowsByState = () => db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state ORDER BY state').all();

  beforeEach(() => {
    db = tempDb().db;
    writer = new FakeWriter(10);
    alerts = [];
    statuses = [];
    seedOrders(db, ids(30));
  });
  afterEach(() => closeDatabase(db));

  it('ships every queued write once, in batches no larger than the marketplace allows', async () => {
    enqueue(...ids(25).map((id) => shipWrite(id)));
    await worker().drain();
    expect(rowsByState()).toEqual([{ state: 'done', n: 25 }]);
    expect([...writer.shipped.values()]).toEqual(Array(25).fill(1));
    const shipCalls = writer.calls.filter((c) => c.startsWith('ship:'));
    expect(shipCalls).toHaveLength(3);
    expect(Math.max(...shipCalls.map((c) => c.split(',').length))).toBe(10);
  });

  it('sends writes of one package in the order they were queued', async () => {
    enqueue(shipWrite('o1'), {
      kind: 'tracking.update',
      orderId: 'o1',
      packageId: 'pkg-o1',
      trackingNumber: 'NEWTRACK1',
      shippingProviderId: 'ups',
    });
    enqueue({ kind: 'handover.confirm', orderId: 'o1', packageId: 'pkg-o1', manifestId: 1, handedOverAt: 5 });
    await worker().drain();
    expect(writer.calls).toEqual(['ship:pkg-o1', 'tracking:pkg-o1', 'handover:pkg-o1']);
    expect(writer.tracking.get('pkg-o1')).toBe('NEWTRACK1');
  });

  it('retries a transient failure with backoff and records each attempt', async () => {
    enqueue(shipWrite('o1'));
    writer.faults.push(
      { before: { kind: 'transient', message: 'HTTP 503' } },
      { before: { kind: 'transient', message: 'HTTP 502' } },
    );
    await worker().drain();
    const [row] = store().list({ states: ['done'], limit: 10 });
    expect(row).toMatchObject({ attempts: 3, outcome: 'sent' });
    expect(
      store()
        .history(row!.id)
        .map((a) => a.result),
    ).toEqual(['transient', 'transient', 'sent']);
    expect(writer.shipped.get('pkg-o1')).toBe(1);
  });

  it('asks upstream before resending a write whose answer was lost, and does not send it again when it landed', async () => {
    enqueue(shipWrite('o1'), shipWrite('o2'));
    writer.faults.push({ after: { kind: 'transient', message: 'connection dropped', mayHaveApplied: true } });
    await worker().drain();
    expect(writer.calls).toEqual(['ship:pkg-o1,pkg-o2', 'upstream:pkg-o1,pkg-o2']);
    expect(
      store()
        .list({ states: ['done'], limit: 10 })
        .map((r) => r.outcome),
    ).toEqual(['confirmed_upstream', 'confirmed_upstream']);
  });

  it('sends a write in doubt again when upstream shows it did not land', async () => {
    enqueue(shipWrite('o1'));
    writer.faults.push({ before: { kind: 'transient', message: 'timeout', mayHaveApplied: true } });
    await worker().drain();
    expect(writer.calls).toEqual(['ship:pkg-o1', 'upstream:pkg-o1', 'ship:pkg-o1']);
    expect(store().list({ states: ['done'], limit: 1 })[0]).toMatchObject({ outcome: 'sent', inDoubt: false });
  });

  it('resumes after a crash mid-request by checking upstream first', async () => {
    const { id } = enqueue(shipWrite('o1'))[0]!;
    // What a station killed after sending leaves behind: the row marked in doubt, the marketplace already shipped.
    store().markSending([id]);
    writer.shipped.set('pkg-o1', 1);
    await worker().drain();
    expect(writer.calls).toEqual(['upstream:pkg-o1']);
    expect(store().get(id)).toMatchObject({ state: 'done', outcome: 'confirmed_upstream' });
  });

  it('treats "package already shipped" as done', async () => {
    enqueue(shipWrite('o1'));
    writer.shipped.set('pkg-o1', 1);
    await worker().drain();
    expect(store().list({ states: ['done'], limit: 1 })[0]).toMatchObject({
      outcome: 'already_applied',
      errorCode: null,
    });
    expect(alerts).toEqual([]);
  });

  it('stops a write for an order cancelled upstream, alerts, and holds later writes of that package', async () => {
    enqueue(shipWrite('o1'), shipWrite('o2'));
    enqueue({ kind: 'handover.confirm', orderId: 'o1', packageId: 'pkg-o1', manifestId: 1, handedOverAt: 5 });
    writer.cancelled.add('o1');
    await worker().drain();
    expect(alerts).toEqual([expect.objectContaining({ orderId: 'o1', code: '21011041', action: 'void_and_pull' })]);
    expect(rowsByState()).toEqual([
      { state: 'done', n: 1 },
      { state: 'failed', n: 1 },
      { state: 'pending', n: 1 },
    ]);
    expect(writer.calls.some((c) => c.startsWith('handover:'))).toBe(false);
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.failed'").get()).toEqual({ n: 0 });
  });

  it('asks for a corrected tracking number when the marketplace refuses it', async () => {
    enqueue(shipWrite('o1', 'BADNUMBER'));
    writer.invalidTracking.add('BADNUMBER');
    await worker().drain();
    expect(alerts).toEqual([expect.objectContaining({ code: '21011022', action: 'fix_tracking' })]);
    expect(store().list({ states: ['failed'], limit: 1 })[0]).toMatchObject({
      action: 'fix_tracking',
      errorMessage: 'invalid tracking number',
    });
  });

  it('waits out a 429 for at least the Retry-After the marketplace gave', async () => {
    enqueue(shipWrite('o1'));
    writer.faults.push({
      before: { kind: 'rate_limited', message: 'rate limited', code: '36009002', retryAfterMs: 120 },
    });
    const started = Date.now();
    await worker().drain();
    const history = store().history(store().list({ states: ['done'], limit: 1 })[0]!.id);
    expect(history.map((a) => a.result)).toEqual(['transient', 'sent']);
    expect(history[1]!.at - history[0]!.at).toBeGreaterThanOrEqual(120);
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
  });

  it('keeps every write queued, untried, when the shop must be reconnected: one alert, no retry loop, until someone syncs again', async () => {
    enqueue(shipWrite('o1'), shipWrite('o2'));
    writer.faults.push({
      before: {
        kind: 'reconnect',
        message: 'Invalid credentials. The x-tts-access-token header is invalid.',
        code: '36009004',
      },
    });
    const w = worker();
    expect(await w.runOnce()).toBe(true);
    const calls = writer.calls.length;
    for (let i = 0; i < 5; i += 1) expect(await w.runOnce()).toBe(false);
    await w.drain();
    expect(writer.calls).toHaveLength(calls);
    expect(rowsByState()).toEqual([{ state: 'pending', n: 2 }]);
    expect(alerts).toEqual([
      expect.objectContaining({
        action: 'reconnect',
        code: '36009004',
        message: expect.stringContaining('reconnects the shop'),
      }),
    ]);
    expect(w.status()).toMatchObject({
      backlog: 2,
      reconnectRequired: true,
      lastError: expect.stringContaining('x-tts-access-token'),
    });
    w.syncNow();
    expect(w.status().reconnectRequired).toBe(false);
    await w.drain();
    expect(rowsByState()).toEqual([{ state: 'done', n: 2 }]);
  });

  it('reports offline while the marketplace cannot be reached, then syncs what waited', async () => {
    const now = { t: 1_000_000 };
    const w = worker({ now: () => now.t });
    db.transaction(() => enqueueWrite(db, shipWrite('o1'), { now: 900_000 }))();
    writer.faults.push({ before: { kind: 'transient', message: 'ECONNREFUSED', unreachable: true } });
    await w.runOnce();
    expect(w.status()).toMatchObject({ state: 'offline', backlog: 1, oldestUnsentAt: 900_000 });
    now.t += 60_000;
    await w.runOnce();
    expect(w.status()).toMatchObject({ state: 'online', backlog: 0, oldestUnsentAt: null });
  });

  it('wakes on a queued write and pushes status events while it runs', async () => {
    const w = worker({ idleMs: 60_000 });
    w.start();
    enqueue(shipWrite('o3'));
    await expect.poll(() => writer.shipped.get('pkg-o3')).toBe(1);
    await expect.poll(() => statuses.at(-1)?.state).toBe('online');
    await w.stop();
    expect(statuses.some((s) => s.backlog === 1)).toBe(true);
  });

  it('sets aside a stored row that no longer parses instead of sending it', async () => {
    enqueue(shipWrite('o1'), shipWrite('o2'));
    db.prepare(`UPDATE outbox SET payload = '{"kind":"ship.seller"}' WHERE order_id = 'o1'`).run();
    await worker().drain();
    expect(writer.shipped.has('pkg-o1')).toBe(false);
    expect(store().list({ states: ['failed'], limit: 5 })).toHaveLength(0);
    const broken = db.prepare("SELECT id FROM outbox WHERE state = 'failed'").get() as { id: number };
    expect(store().history(broken.id)[0]!.message).toMatch(/is not a valid write/);
    expect(rowsByState()).toEqual([
      { state: 'done', n: 1 },
      { state: 'failed', n: 1 },
    ]);
  });

  it('a handover the carrier has not scanned yet is looked at again later, quietly: no alert, not offline', async () => {
    const w = worker();
    enqueue(shipWrite('o1'));
    await w.drain();
    enqueue({ kind: 'handover.confirm', orderId: 'o1', packageId: 'pkg-o1', manifestId: 1, handedOverAt: 5 });
    writer.faults.push({
      before: { kind: 'not_collected', message: 'package pkg-o1 is PROCESSING: waiting for the carrier' },
    });
    await w.runOnce();
    expect(
      store()
        .list({ states: ['pending'], limit: 10 })
        .map((row) => row.write.kind),
    ).toEqual(['handover.confirm']);
    expect(alerts).toEqual([]);
    expect(w.status().state).not.toBe('offline');
    await w.drain();
    expect(rowsByState()).toEqual([{ state: 'done', n: 2 }]);
  });

  it('Mark Package As Shipped hands the package TikTok created to the transaction that settles the write; a number in use asks for another', async () => {
    const applied: Array<{ kind: string; packageId: string | null }> = [];
    const mark = (orderId: string, trackingNumber: string): OutboxWrite => ({
      kind: 'ship.mark',
      orderId,
      packageId: `order:${orderId}`,
      lineItemIds: [`${orderId}-1`],
      trackingNumber,
      shippingProviderId: 'ups',
    });
    enqueue(mark('o1', 'TRK000001'), mark('o2', 'TRK000002'));
    writer.faults.push({
      before: { kind: 'tracking_in_use', code: '21011025', message: 'tracking number already used' },
    });
    await worker({
      applied: (row, detail) => applied.push({ kind: row.write.kind, packageId: detail.packageId }),
    }).drain();
    expect(applied).toEqual([{ kind: 'ship.mark', packageId: 'pkg-made-o2' }]);
    expect(alerts).toEqual([expect.objectContaining({ orderId: 'o1', code: '21011025', action: 'fix_tracking' })]);
  });
});
