import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../shared/contract';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

type TempStation = Awaited<ReturnType<typeof tempStation>>;

const PACKABLE = new Set(['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);

describe('pulling orders from the embedded sandbox into SQLite', () => {
  let station: TempStation;
  let events: StationEvent[];
  beforeEach(async () => {
    station = await tempStation({ env: { PACKBENCH_SANDBOX_ORDERS: '150', PACKBENCH_PULL_INTERVAL_SECONDS: '0' } });
    events = [];
    station.services.bus.subscribe((event) => events.push(event));
    await station.services.pull.pullNow();
  });
  afterEach(() => station.dispose());

  const sandbox = () => station.services.sandbox!;
  const count = (sql: string) => (station.services.db.prepare(sql).get() as { n: number }).n;
  const snapshot = () => ({
    orders: station.services.db
      .prepare('SELECT id, status, station_state, updated_at, pulled_at, raw FROM orders ORDER BY id')
      .all(),
    lines: count('SELECT count(*) AS n FROM order_lines'),
    barcodes: count('SELECT count(*) AS n FROM sku_barcodes'),
  });
  const queue = () => ok(station.call('http', 'orders.queue', { limit: 500 }));

  it('brings in every paid order the sandbox has, sorted by pack-by, with deadlines, packages and barcodes', async () => {
    const paid = [...sandbox().market.allOrders()].filter((o) => PACKABLE.has(o.status));
    const { orders, carriers, total } = await queue();
    expect(total).toBe(paid.length);
    expect(orders.map((o) => o.id).sort()).toEqual(paid.map((o) => o.id).sort());
    const packBys = orders.map((o) => o.packBy!);
    expect(packBys).toEqual([...packBys].sort((a, b) => a - b));
    // TikTok names the carrier of the orders it ships (and of seller orders only once shipped).
    expect(carriers.map((c) => c.carrier)).toEqual(expect.arrayContaining(['USPS', 'Correios']));
    const store = new OrderStore(station.services.db);
    for (const row of orders) {
      const order = store.get(row.id)!;
      const upstream = sandbox().market.order(order.id)!;
      // A partly shipped order is packed for the lines still to ship: the other parcel already left.
      const shipped = new Set(upstream.packages.filter((p) => p.status !== 'TO_FULFILL').map((p) => p.id));
      const toPack = upstream.lines.filter((line) => line.packageId === null || !shipped.has(line.packageId));
      expect(row.items.reduce((sum, item) => sum + item.count, 0)).toBe(toPack.length);
      expect(order.lines.map((line) => line.id).sort()).toEqual(toPack.map((line) => line.id).sort());
      expect(order.packBy).toBe(
        upstream.rtsSla === null ? upstream.paidTime! * 1000 + 48 * 3_600_000 : upstream.rtsSla * 1000,
      );
      expect(order.handoverBy).toBe(
        upstream.ttsSla === null ? upstream.paidTime! * 1000 + 72 * 3_600_000 : upstream.ttsSla * 1000,
      );
      expect(order.packages.map((p) => p.id).sort()).toEqual(upstream.packages.map((p) => p.id).sort());
    }
    const row = station.services.db.prepare('SELECT payment FROM orders LIMIT 1').get() as { payment: string };
    expect(JSON.parse(row.payment)).toMatchObject({
      currency: expect.stringMatching(/^[A-Z]{3}$/),
      total_amount: expect.any(String),
    });
    const barcoded = station.services.db
      .prepare(
        "SELECT b.code FROM sku_barcodes b JOIN order_lines l ON l.sku_id = b.sku_id WHERE b.source = 'marketplace' LIMIT 1",
      )
      .get();
    expect(barcoded).toBeDefined();
  });

  it('is idempotent: pulling again changes nothing', async () => {
    const before = snapshot();
    const again = await station.services.pull.pullNow();
    expect(again).toMatchObject({ outcome: 'ok', inserted: 0, updated: 0 });
    expect(snapshot()).toEqual(before);
  });

  it('marks an order cancelled upstream at once and tells the station', async () => {
    const [first] = (await queue()).orders;
    sandbox().market.cancel(first!.id);
    const summary = await station.services.pull.pullNow();
    expect(summary.cancelled).toBe(1);
    const got = await station.call('http', 'orders.get', { id: first!.id });
    expect(got.ok && got.value).toMatchObject({ status: 'CANCELLED', stationState: 'cancelled' });
    expect(events).toContainEqual({
      name: 'order.changed',
      payload: { orderId: first!.id, status: 'CANCELLED', stationState: 'cancelled', changes: ['cancelled'] },
    });
    expect((await queue()).orders.map((o) => o.id)).not.toContain(first!.id);
  });

  it('brings in new orders, address changes and orders shipped elsewhere', async () => {
    const added = sandbox().market.addOrders(3);
    const [a, b] = (await queue()).orders;
    sandbox().market.touchOrder(a!.id, (order) => (order.recipient.lines = ['221B Baker Street']));
    const pkgOwner = sandbox().market.order(b!.id)!;
    for (const pkg of pkgOwner.packages) pkg.status = 'FULFILLING';
    sandbox().market.touchOrder(b!.id, (order) => (order.status = 'AWAITING_COLLECTION'));
    const summary = await station.services.pull.pullNow();
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 3, updated: 2 });
    const ids = (await queue()).orders.map((o) => o.id);
    for (const order of added) expect(ids).toContain(order.id);
    const moved = await station.call('http', 'orders.get', { id: a!.id });
    expect(moved.ok && moved.value.recipient.lines).toEqual(['221B Baker Street']);
    const elsewhere = await station.call('http', 'orders.get', { id: b!.id });
    expect(elsewhere.ok && elsewhere.value.stationState).toBe('shipped_elsewhere');
  });

  it('stores the good orders of a page, lists the unreadable one in Orders, and takes it once it reads', async () => {
    const added = sandbox()
      .market.addOrders(4)
      .filter((o) => PACKABLE.has(o.status));
    const bad = added[0]!;
    const lines = bad.lines;
    // TikTok's answer holds this order without line items: the station cannot pack it.
    sandbox().market.touchOrder(bad.id, (order) => (order.lines = []));
    expect(await station.services.pull.pullNow()).toMatchObject({ outcome: 'ok' });
    const listed = await ok(station.call('http', 'orders.unreadable', {}));
    expect(listed.orders).toEqual([
      expect.objectContaining({ orderId: bad.id, shopId: bad.shop.id, field: 'line_items', attempts: 1 }),
    ]);
    const ids = (await queue()).orders.map((o) => o.id);
    expect(ids).not.toContain(bad.id);
    for (const order of added.slice(1)) expect(ids).toContain(order.id);
    // Fetched again by id at the next pull, it reads and leaves the list.
    sandbox().market.touchOrder(bad.id, (order) => (order.lines = lines));
    await station.services.pull.pullNow();
    const after = await station.call('http', 'orders.unreadable', {});
    expect(after.ok && after.value.orders).toEqual([]);
    expect((await queue()).orders.map((o) => o.id)).toContain(bad.id);
  });

  it('keeps the pages it stored when a later page fails, and resumes from there', async () => {
    sandbox().market.addOrders(250);
    // The first shop's second search fails through every retry; the other shops go on.
    sandbox().faults.add({ kind: 'server_error', path: '/orders/search', skip: 1, times: 5 });
    const failed = await station.services.pull.pullNow();
    expect(failed).toMatchObject({ outcome: 'failed', shopErrors: [expect.objectContaining({ code: 'transient' })] });
    expect(failed.inserted).toBeGreaterThan(0);
    sandbox().faults.clear();
    const resumed = await station.services.pull.pullNow();
    expect(resumed.outcome).toBe('ok');
    const added = [...sandbox().market.allOrders()].filter((o) => PACKABLE.has(o.status)).length;
    expect((await queue()).orders).toHaveLength(added);
  });

  it('says the shop must be reconnected when its token cannot be refreshed', async () => {
    sandbox().faults.add({ kind: 'expired_token', refreshable: false });
    const summary = await station.services.pull.pullNow();
    expect(summary).toMatchObject({ outcome: 'failed', errorCode: 'reconnect' });
    const status = await station.call('http', 'marketplace.status', {});
    expect(status.ok && status.value.connection.state).toBe('reconnect_required');
    expect(events.some((e) => e.name === 'pull.status' && e.payload.connection.state === 'reconnect_required')).toBe(
      true,
    );
  });

  it('never overwrites a barcode a supervisor linked by hand', async () => {
    const line = station.services.db
      .prepare("SELECT b.code, b.sku_id FROM sku_barcodes b WHERE source = 'marketplace' LIMIT 1")
      .get() as { code: string; sku_id: string };
    station.services.db
      .prepare("UPDATE sku_barcodes SET source = 'alias', sku_id = 'sku-from-supervisor' WHERE code = ?")
      .run(line.code);
    station.services.db.prepare('DELETE FROM catalogue_products').run();
    await station.services.pull.pullNow();
    expect(
      station.services.db.prepare('SELECT sku_id, source FROM sku_barcodes WHERE code = ?').get(line.code),
    ).toEqual({ sku_id: 'sku-from-supervisor', source: 'alias' });
  });
});

describe('which shops a station pulls', () => {
  let station: TempStation | null = null;
  afterEach(() => station?.dispose());
  const shopsPulled = (s: TempStation) =>
    (
      s.services.db.prepare('SELECT DISTINCT shop_id FROM orders ORDER BY shop_id').all() as Array<{ shop_id: string }>
    ).map((row) => row.shop_id);

  it('pulls every shop the token authorises', async () => {
    station = await tempStation({ env: { PACKBENCH_SANDBOX_ORDERS: '80', PACKBENCH_PULL_INTERVAL_SECONDS: '0' } });
    expect(await station.services.pull.pullNow()).toMatchObject({ outcome: 'ok' });
    expect(shopsPulled(station)).toEqual([
      '7495101000000000001',
      '7495102000000000002',
      '7495103000000000003',
      '7495104000000000004',
      '7495105000000000005',
    ]);
  });

  it('pulls only the shop PACKBENCH_SHOP_CIPHER names', async () => {
    station = await tempStation({
      env: {
        PACKBENCH_SANDBOX_ORDERS: '80',
        PACKBENCH_PULL_INTERVAL_SECONDS: '0',
        PACKBENCH_SHOP_CIPHER: 'GCP_sbxGB02harbour',
      },
    });
    expect(await station.services.pull.pullNow()).toMatchObject({ outcome: 'ok' });
    expect(shopsPulled(station)).toEqual(['7495102000000000002']);
  });
});
