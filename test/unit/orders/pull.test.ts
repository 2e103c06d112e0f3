import { afterEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import type { StationEvent } from '../../../shared/contract';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { EventBus } from '../../../electron/core/events/bus';
import { OrderPuller } from '../../../electron/core/orders/pull';
import { fakeTikTok, hongKongOrder, specOrder, type FakeShop } from './fake-tiktok';

const product = (id: string, code: string, type = 'EAN') => ({
  code: 0,
  data: {
    id,
    title: `Product ${id}`,
    status: 'ACTIVATE',
    skus: [{ id: `sku-${id.replace(/^prod-/, '')}`, seller_sku: 'S', identifier_code: { code, type } }],
  },
});

describe('the order pull, against a marketplace that answers as the spec says', () => {
  let db: Db;
  let now = 1_700_100_000_000;
  afterEach(() => {
    closeDatabase(db);
    vi.unstubAllGlobals();
  });

  function setup(shops: FakeShop[], products: Parameters<typeof fakeTikTok>[1] = {}, pageSize = 2, shopCipher = '') {
    db = openDatabase(':memory:');
    const market = fakeTikTok(shops, products, shopCipher);
    const bus = new EventBus();
    const events: StationEvent[] = [];
    bus.subscribe((event) => events.push(event));
    const puller = new OrderPuller({
      db,
      client: market.client,
      bus,
      now: () => now,
      mode: 'tiktok',
      intervalSeconds: () => 0,
      pageSize,
    });
    const ids = () =>
      (db.prepare('SELECT id FROM orders ORDER BY id').all() as Array<{ id: string }>).map((row) => row.id);
    return { market, puller, events, ids };
  }
  const shop = (orders: FakeShop['orders'], id = 'us'): FakeShop => ({
    id,
    name: `Shop ${id}`,
    cipher: `cipher-${id}`,
    region: 'US',
    orders,
  });

  it('stores the good orders of a page and lists the unreadable one with its field and reason', async () => {
    const broken = specOrder('B', {
      update_time: 1_700_000_150,
      recipient_address: { name: 'No Country', address_line1: '1 Road' },
    });
    const { puller, ids } = setup([shop([specOrder('A'), broken, specOrder('C', { update_time: 1_700_000_200 })])]);
    const summary = await puller.pullNow();
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 2, received: 3 });
    expect(ids()).toEqual(['A', 'C']);
    expect(puller.unreadable()).toEqual([
      expect.objectContaining({ shopId: 'us', orderId: 'B', field: 'recipient_address.region_code', attempts: 1 }),
    ]);
    expect(puller.unreadable()[0]!.reason).toMatch(/string/i);
  });

  it('takes a Hong Kong address without postal code, no packages yet, no carrier named, and a JAN barcode', async () => {
    const local = hongKongOrder('HK1', {
      packages: undefined,
      shipping_provider: undefined,
      shipping_provider_id: undefined,
      shipping_type: 'SELLER',
    });
    (local.line_items as Array<Record<string, unknown>>)[0]!.package_id = undefined;
    const { puller, ids } = setup([shop([local])], { 'prod-HK1': product('prod-HK1', '4901234567894', 'JAN') });
    expect(await puller.pullNow()).toMatchObject({ outcome: 'ok', inserted: 1 });
    expect(ids()).toEqual(['HK1']);
    const row = db.prepare('SELECT recipient, carrier FROM orders').get() as {
      recipient: string;
      carrier: string | null;
    };
    expect(JSON.parse(row.recipient)).toMatchObject({
      postalCode: '',
      countryCode: 'HK',
      lines: ['Flat 12A, 8 Queen\u2019s Road Central'],
    });
    expect(row.carrier).toBeNull();
    expect(db.prepare('SELECT count(*) AS n FROM packages').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT code, sku_id FROM sku_barcodes').all()).toEqual([
      { code: '4901234567894', sku_id: 'sku-HK1' },
    ]);
  });

  it('keeps an order of an unknown status out of the queue and lists it; it is stored once its status is known', async () => {
    const orders = [specOrder('A')];
    const { puller, ids, market } = setup([shop(orders)]);
    await puller.pullNow();
    orders.push(specOrder('U', { status: 'AWAITING_PICKUP_AT_LOCKER', update_time: 1_700_000_400 }));
    await puller.pullNow();
    expect(ids()).toEqual(['A']);
    expect(puller.unreadable()).toEqual([
      expect.objectContaining({
        orderId: 'U',
        field: 'status',
        reason: expect.stringContaining('AWAITING_PICKUP_AT_LOCKER'),
      }),
    ]);
    orders[1] = specOrder('U', { status: 'AWAITING_SHIPMENT', update_time: 1_700_000_500 });
    await puller.pullNow();
    expect(market.calls).toContain('/order/202507/orders');
    expect(ids()).toEqual(['A', 'U']);
    expect(puller.unreadable()).toEqual([]);
  });

  it('fetches a listed order by id at every pull and removes it from the list once it reads', async () => {
    const orders = [specOrder('A'), specOrder('B', { line_items: [] })];
    const { puller, ids, market } = setup([shop(orders)]);
    await puller.pullNow();
    expect(puller.unreadable().map((o) => [o.orderId, o.field])).toEqual([['B', 'line_items']]);
    await puller.pullNow();
    expect(puller.unreadable()[0]).toMatchObject({ orderId: 'B', attempts: 2 });
    // Fixed upstream without a new update_time: only the fetch by id can find it.
    orders[1] = specOrder('B');
    const before = market.calls.length;
    await puller.pullNow();
    expect(market.calls.slice(before)).toContain('/order/202507/orders');
    expect(ids()).toEqual(['A', 'B']);
    expect(puller.unreadable()).toEqual([]);
  });

  it('goes on with the shop when fetching a listed order by id is refused', async () => {
    const orders = [specOrder('A'), specOrder('B', { line_items: [] })];
    const { puller, ids, market } = setup([shop(orders)]);
    await puller.pullNow();
    market.handle((url) =>
      url.pathname === '/order/202507/orders' ? { code: 21001001, message: 'Invalid parameters.' } : null,
    );
    orders.push(specOrder('C', { update_time: 1_700_000_700 }));
    expect(await puller.pullNow()).toMatchObject({ outcome: 'ok', inserted: 1 });
    expect(ids()).toEqual(['A', 'C']);
    expect(puller.unreadable().map((o) => o.orderId)).toEqual(['B']);
  });

  it('keeps the newest version of an order a page holds twice', async () => {
    const older = specOrder('D', { update_time: 1_700_000_100, buyer_message: 'old' });
    const newer = specOrder('D', { update_time: 1_700_000_300, buyer_message: 'new' });
    const { puller } = setup([shop([newer, older, specOrder('E', { update_time: 1_700_000_200 })])], {}, 10);
    expect(await puller.pullNow()).toMatchObject({ outcome: 'ok', inserted: 2 });
    expect(db.prepare('SELECT buyer_message, updated_at FROM orders WHERE id = ?').get('D')).toEqual({
      buyer_message: 'new',
      updated_at: 1_700_000_300_000,
    });
  });

  it('stores orders whose product lookup fails, and looks the product up again at a later pull', async () => {
    const products: Record<string, { code: number; message?: string; data?: unknown }> = {
      'prod-P': { code: 36009003, message: 'Internal error. Please try again.' },
    };
    const { puller, ids } = setup([shop([specOrder('P'), specOrder('Q', { update_time: 1_700_000_200 })])], products);
    expect(await puller.pullNow()).toMatchObject({ outcome: 'ok', inserted: 2 });
    expect(ids()).toEqual(['P', 'Q']);
    expect(db.prepare('SELECT product_id, attempts FROM catalogue_retries ORDER BY product_id').all()).toEqual([
      { product_id: 'prod-P', attempts: 1 },
      { product_id: 'prod-Q', attempts: 1 },
    ]);
    products['prod-P'] = product('prod-P', '5012345678900');
    products['prod-Q'] = product('prod-Q', '5012345678917');
    await puller.pullNow();
    expect(db.prepare('SELECT count(*) AS n FROM sku_barcodes').get()).toEqual({ n: 0 });
    now += 61_000;
    await puller.pullNow();
    expect(db.prepare('SELECT code FROM sku_barcodes ORDER BY code').all()).toEqual([
      { code: '5012345678900' },
      { code: '5012345678917' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM catalogue_retries').get()).toEqual({ n: 0 });
  });

  it("pulls every authorised shop on its own: one shop's failure names that shop and the other is pulled", async () => {
    const { puller, ids, market } = setup([shop([specOrder('A1')], 'us'), shop([specOrder('B1')], 'uk')]);
    market.handle((url) =>
      url.searchParams.get('shop_cipher') === 'cipher-us' && url.pathname.includes('/orders/search')
        ? { code: 21001011, message: 'System process error, please try again later.' }
        : null,
    );
    const summary = await puller.pullNow();
    expect(summary.outcome).toBe('failed');
    expect(summary.shopErrors).toEqual([
      expect.objectContaining({ shopId: 'us', shopName: 'Shop us', code: 'transient' }),
    ]);
    expect(summary.errorMessage).toContain('Shop us');
    expect(ids()).toEqual(['B1']);
  });

  it('stops at the first shop when TikTok no longer accepts the token: the other shops would only repeat it', async () => {
    const { puller, market } = setup([shop([specOrder('A1')], 'us'), shop([specOrder('B1')], 'uk')]);
    market.handle((url) =>
      url.pathname.includes('/orders/')
        ? { code: 36009004, message: 'Invalid credentials. The x-tts-access-token header is invalid.' }
        : null,
    );
    const summary = await puller.pullNow();
    expect(summary).toMatchObject({
      outcome: 'failed',
      errorCode: 'reconnect',
      shopErrors: [expect.objectContaining({ shopId: 'us', code: 'reconnect' })],
    });
    expect(market.calls.filter((path) => path.includes('/orders/'))).toHaveLength(1);
  });

  it('pulls only the configured shop when a shop cipher is set', async () => {
    const { puller, ids } = setup([shop([specOrder('A1')], 'us'), shop([specOrder('B1')], 'uk')], {}, 2, 'cipher-uk');
    expect(await puller.pullNow()).toMatchObject({ outcome: 'ok', inserted: 1 });
    expect(ids()).toEqual(['B1']);
  });

  it('refuses a page holding an order without a readable id, and does not move past it', async () => {
    const { puller, ids } = setup([shop([specOrder('A'), { ...specOrder('X'), id: 42 }])], {}, 10);
    const summary = await puller.pullNow();
    expect(summary).toMatchObject({ outcome: 'failed', errorCode: 'malformed' });
    expect(ids()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM marketplace_cursors').get()).toEqual({ n: 0 });
  });

  it("stores a page without waiting for the disk (TikTok gives it again) and leaves the connection's durability as it was", async () => {
    const { puller, ids } = setup([shop([specOrder('A'), specOrder('C', { update_time: 1_700_000_200 })])]);
    const levels: unknown[] = [];
    const transaction = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementation(((fn: () => unknown) =>
      transaction(() => {
        levels.push(db.pragma('synchronous', { simple: true }));
        return fn();
      })) as never);
    expect(await puller.pullNow()).toMatchObject({ outcome: 'ok' });
    expect(ids()).toEqual(['A', 'C']);
    // 1: NORMAL, for the pages; 2: FULL, for everything else and after.
    expect(levels).toContain(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('tells the station what changed in an order it has: cancelled, address changed', async () => {
    const orders = [specOrder('A'), specOrder('B')];
    const { puller, events } = setup([shop(orders)]);
    await puller.pullNow();
    events.length = 0;
    orders[0] = specOrder('A', { status: 'CANCELLED', update_time: 1_700_000_400 });
    const moved = specOrder('B', { update_time: 1_700_000_400 });
    (moved.recipient_address as Record<string, unknown>).address_line1 = '1 New Street';
    orders[1] = moved;
    await puller.pullNow();
    const changed = events.filter((event) => event.name === 'order.changed').map((event) => event.payload);
    expect(changed).toEqual(
      expect.arrayContaining([
        { orderId: 'A', status: 'CANCELLED', stationState: 'cancelled', changes: ['cancelled'] },
        { orderId: 'B', status: 'AWAITING_SHIPMENT', stationState: 'queued', changes: ['address_changed'] },
      ]),
    );
  });

  it('never skips an order when the first pull stops between statuses or pages', async () => {
    // Partially shipping orders last changed long before the orders awaiting shipment: the old pull's cursor jumped
    // past them when it stopped after the first status.
    const orders = [
      ...['A1', 'A2', 'A3'].map((id, i) => specOrder(id, { update_time: 1_700_000_900 + i })),
      ...['P1', 'P2', 'P3'].map((id, i) =>
        specOrder(id, { status: 'PARTIALLY_SHIPPING', update_time: 1_600_000_000 + i }),
      ),
    ];
    const searches = 1 + 2 + 2; // the probe for the newest update, two pages per status
    for (let failAt = 0; failAt < searches; failAt += 1) {
      const { puller, ids, market } = setup([shop(orders.map((o) => structuredClone(o)))]);
      market.fail('/orders/search', failAt);
      expect((await puller.pullNow()).outcome).toBe('failed');
      expect(db.prepare('SELECT count(*) AS n FROM marketplace_cursors').get()).toEqual({ n: 0 });
      expect(await puller.pullNow()).toMatchObject({ outcome: 'ok' });
      expect(ids()).toEqual(['A1', 'A2', 'A3', 'P1', 'P2', 'P3']);
      expect(db.prepare('SELECT update_time FROM marketplace_cursors').get()).toEqual({ update_time: 1_700_000_902 });
      closeDatabase(db);
      vi.unstubAllGlobals();
    }
    db = openDatabase(':memory:');
  });
});
