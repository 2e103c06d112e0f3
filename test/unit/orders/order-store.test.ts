import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { OrderStore } from '../../../electron/core/orders/order-store';
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
    const order = makeOrder({ id: 'A1', lines: [
      { id: 'l1', skuId: 's1', productName: 'Mug' },
      { id: 'l2', skuId: 's1', productName: 'Mug' },
    ] });
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
    store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', updatedAt: 2, buyerMessage: 'ring twice' }), raw: {} }], 2);
    expect(store.get('A1')).toMatchObject({ stationState: 'packing', buyerMessage: 'ring twice' });
    const result = store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', updatedAt: 3, status: 'CANCELLED' }), raw: {} }], 3);
    expect(result.cancelled).toEqual(['A1']);
    expect(store.get('A1')?.stationState).toBe('cancelled');
  });

  it('ignores an older version of an order than the one it has', () => {
    store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', updatedAt: 5, buyerMessage: 'new' }), raw: {} }], 1);
    store.upsertFromMarketplace([{ order: makeOrder({ id: 'A1', updatedAt: 4, buyerMessage: 'old' }), raw: {} }], 2);
    expect(store.get('A1')?.buyerMessage).toBe('new');
  });

  it('lists the queue by pack-by deadline, earliest first', () => {
    const now = 10_000_000_000;
    store.upsertFromMarketplace(
      [
        { order: makeOrder({ id: 'late', packBy: now + 3 }, now), raw: {} },
        { order: makeOrder({ id: 'soon', packBy: now + 1 }, now), raw: {} },
        { order: makeOrder({ id: 'none', packBy: null }, now), raw: {} },
      ],
      now,
    );
    expect(store.queue().map((o) => o.id)).toEqual(['soon', 'late', 'none']);
  });
});
