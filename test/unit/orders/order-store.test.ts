import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { OrderStore, QUEUE_DATED_SQL, QUEUE_UNDATED_SQL } from '../../../electron/core/orders/order-store';
import { QueueAnswers } from '../../../electron/core/orders/queue-answers';
import { makeOrder } from '../../support/order-fixtures';

describe('OrderStore', () => {
  let db: Db;
  let store: OrderStore;
  beforeEach(() => {
    db = openDatabase(':memory:');
    store = new OrderStore(db);
  });
  afterEach(() => closeDatabase(db));

  it('round-trips an order with its lines and packages', () => {
    const order = makeOrder({
      id: 'A1',
      lines: [
        { id: 'l1', skuId: 's1', productName: 'Mug' },
        { id: 'l2', skuId: 's1', productName: 'Mug' },
      ],
    });
    store.upsertFromMarketplace([{ order, raw: { id: 'A1' } }], 1);
    const saved = store.get('A1')!;
    expect(saved.lines.map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(saved.recipient.postalCode).toBe('94043');
    expect(saved.stationState).toBe('queued');
  });

  it('is idempotent: the same page twice changes nothing', () => {
    const page = [{ order: makeOrder({ id: 'A1' }, 1_000_000), raw: {} }];
    expect(store.upsertFromMarketplace(page, 1)).toMatchObject({ inserted: 1, updated: 0 });
    const before = db.prepare('SELECT * FROM orders').all();
    store.upsertFromMarketplace(page, 1);
    expect(db.prepare('SELECT * FROM orders').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM order_lines').get()).toEqual({ n: 1 });
  });

  it('keeps the station progress on update but marks an upstream cancellation at once', () => {
    store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', updatedAt: 1 }), raw: {} }], 1);
    db.prepare("UPDATE orders SET station_state = 'packing' WHERE id = 'A1'").run();
    store.upsertFromMarketplace(
      [{ order: makeOrder({ id: 'A1', updatedAt: 2, buyerMessage: 'ring twice' }), raw: {} }],
      2,
    );
    expect(store.get('A1')).toMatchObject({ stationState: 'packing', buyerMessage: 'ring twice' });
    const result = store.upsertFromMarketplace(
      [{ order: makeOrder({ id: 'A1', updatedAt: 3, status: 'CANCELLED' }), raw: {} }],
      3,
    );
    expect(result.cancelled).toEqual(['A1']);
    expect(store.get('A1')?.stationState).toBe('cancelled');
  });

  it('ignores an older version of an order than the one it has', () => {
    store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', updatedAt: 5, buyerMessage: 'new' }), raw: {} }], 1);
    store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', updatedAt: 4, buyerMessage: 'old' }), raw: {} }], 2);
    expect(store.get('A1')?.buyerMessage).toBe('new');
  });

  it('lists the queue by pack-by deadline, earliest first, orders open at a desk before and undated ones after', () => {
    const now = 10_000_000_000;
    store.upsertFromMarketplace(
      [
        { order: makeOrder({ id: 'late', packBy: now + 3 }, now), raw: {} },
        { order: makeOrder({ id: 'soon', packBy: now + 1 }, now), raw: {} },
        { order: makeOrder({ id: 'none', packBy: null }, now), raw: {} },
        { order: makeOrder({ id: 'open', packBy: now + 9 }, now), raw: {} },
        { order: makeOrder({ id: 'done', packBy: now }, now), raw: {} },
      ],
      now,
    );
    db.prepare("UPDATE orders SET station_state = 'packing' WHERE id = 'open'").run();
    db.prepare("UPDATE orders SET station_state = 'packed' WHERE id = 'done'").run();
    const all = store.queue({}, { offset: 0, limit: 10 });
    expect(all.rows.map((o) => [o.id, o.atDesk])).toEqual([
      ['open', true],
      ['soon', false],
      ['late', false],
      ['none', false],
    ]);
    expect(all.total).toBe(4);
    // Every page of every size is the same slice of the whole list.
    for (const limit of [1, 2, 3]) {
      for (let offset = 0; offset < 5; offset += 1) {
        const page = store.queue({}, { offset, limit });
        expect(page.total).toBe(4);
        expect(page.rows.map((o) => o.id)).toEqual(all.rows.slice(offset, offset + limit).map((o) => o.id));
      }
    }
  });

  it('answers slim rows: units per SKU, where to, and the notes a row shows', () => {
    const order = makeOrder({
      id: 'A1',
      isCod: true,
      buyerMessage: 'ring twice',
      lines: [
        { id: 'l1', skuId: 's1', productName: 'Mug', skuName: 'Blue' },
        { id: 'l2', skuId: 's2', productName: 'Lamp' },
        { id: 'l3', skuId: 's1', productName: 'Mug', skuName: 'Blue', isGift: true },
      ],
    });
    store.upsertFromMarketplace([{ order, raw: {} }], 1);
    expect(store.queue({}, { offset: 0, limit: 1 }).rows).toEqual([
      {
        id: 'A1',
        atDesk: false,
        packBy: order.packBy,
        shippingType: 'SELLER',
        carrier: 'UPS',
        service: 'standard',
        items: [
          { name: 'Mug (Blue)', count: 2 },
          { name: 'Lamp', count: 1 },
        ],
        shipTo: { name: 'Jane Buyer', city: 'Mountain View', postalCode: '94043', countryCode: 'US' },
        isCod: true,
        hasGift: true,
        buyerMessage: 'ring twice',
      },
    ]);
  });

  it('reads each part of the queue in index order, never sorting the whole queue', () => {
    const plan = (sql: string) =>
      (
        db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all({ state: 'queued', carrier: 'UPS', service: null, limit: 50, offset: 100 }) as Array<{ detail: string }>
      ).map((row) => row.detail);
    // The dated part finds its page in a covering index (sorting only orders due at the same moment by rowid), then
    // reads and sorts just the page's rows.
    expect(plan(QUEUE_DATED_SQL)).toEqual([
      'SEARCH orders USING INTEGER PRIMARY KEY (rowid=?)',
      'LIST SUBQUERY 1',
      'SEARCH orders USING COVERING INDEX orders_pack_deadline (station_state=? AND pack_by>?)',
      'USE TEMP B-TREE FOR LAST TERM OF ORDER BY',
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
    expect(plan(QUEUE_UNDATED_SQL)).toEqual(['SEARCH orders USING INDEX orders_queue (station_state=? AND pack_by=?)']);
  });

  it('answers a page again from memory until anything in the database changes', () => {
    const answers = new QueueAnswers(store);
    store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', carrier: 'UPS' }), raw: {} }], 1);
    const first = answers.answer({ offset: 0, limit: 10 });
    expect(first).toMatchObject({ total: 1, offset: 0, carriers: [{ carrier: 'UPS', count: 1 }] });
    expect(answers.answer({ offset: 0, limit: 10 })).toBe(first);
    // Another filter is another answer.
    expect(answers.answer({ carrier: 'DHL', offset: 0, limit: 10 })).toMatchObject({ total: 0, orders: [] });
    db.prepare("UPDATE orders SET station_state = 'packed' WHERE id = 'A1'").run();
    expect(answers.answer({ offset: 0, limit: 10 })).toMatchObject({ total: 0, orders: [], carriers: [] });
  });

  it("answers anew after another connection's commit to the same file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'packbench-queue-'));
    const station = openDatabase(join(dir, 'packbench.sqlite'));
    const other = openDatabase(join(dir, 'packbench.sqlite'));
    try {
      const answers = new QueueAnswers(new OrderStore(station));
      expect(answers.answer({ offset: 0, limit: 10 }).total).toBe(0);
      new OrderStore(other).upsertFromMarketplace([{ order: makeOrder({ id: 'B2' }), raw: {} }], 1);
      expect(answers.answer({ offset: 0, limit: 10 }).orders.map((o) => o.id)).toEqual(['B2']);
    } finally {
      closeDatabase(other);
      closeDatabase(station);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
