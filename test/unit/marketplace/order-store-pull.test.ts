import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { makeOrder } from '../../support/order-fixtures';

describe('what the pull relies on in OrderStore', () => {
  let db: Db;
  let store: OrderStore;
  beforeEach(() => {
    db = openDatabase(':memory:');
    store = new OrderStore(db);
  });
  afterEach(() => closeDatabase(db));

  it('writes nothing at all (not even pulled_at) for the same version of an order, and says what changed', () => {
    const page = [{ order: makeOrder({ id: 'A1', updatedAt: 10 }), raw: { v: 1 }, payment: { total_amount: '9.99' } }];
    expect(store.upsertFromMarketplace(page, 1)).toMatchObject({ inserted: 1, changed: ['A1'] });
    expect(store.upsertFromMarketplace(page, 2)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, changed: [] });
    expect(db.prepare('SELECT pulled_at, payment FROM orders').get()).toEqual({
      pulled_at: 1,
      payment: '{"total_amount":"9.99"}',
    });
  });

  it('moves a waiting order shipped elsewhere out of the queue, but keeps the station progress of one in hand', () => {
    store.upsertFromMarketplace(
      [
        { order: makeOrder({ id: 'W', updatedAt: 1 }), raw: {} },
        { order: makeOrder({ id: 'P', updatedAt: 1 }), raw: {} },
      ],
      1,
    );
    db.prepare("UPDATE orders SET station_state = 'labelled' WHERE id = 'P'").run();
    store.upsertFromMarketplace(
      [
        { order: makeOrder({ id: 'W', updatedAt: 2, status: 'AWAITING_COLLECTION' }), raw: {} },
        { order: makeOrder({ id: 'P', updatedAt: 2, status: 'AWAITING_COLLECTION' }), raw: {} },
      ],
      2,
    );
    expect(store.get('W')?.stationState).toBe('shipped_elsewhere');
    expect(store.get('P')?.stationState).toBe('labelled');
  });

  it('filters the queue by carrier and service and lists what is there', () => {
    const now = 10_000_000_000;
    store.upsertFromMarketplace(
      [
        { order: makeOrder({ id: 'a', carrier: 'UPS', service: 'express', packBy: now + 2 }, now), raw: {} },
        { order: makeOrder({ id: 'b', carrier: 'DHL', service: 'standard', packBy: now + 1 }, now), raw: {} },
        { order: makeOrder({ id: 'c', carrier: 'UPS', service: 'standard', packBy: now + 3 }, now), raw: {} },
      ],
      now,
    );
    expect(store.queue({ carrier: 'UPS' }, { offset: 0, limit: 500 }).rows.map((o) => o.id)).toEqual(['a', 'c']);
    expect(store.queue({ service: 'standard' }, { offset: 0, limit: 500 }).rows.map((o) => o.id)).toEqual(['b', 'c']);
    expect(
      store.queue({ carrier: 'UPS', service: 'standard' }, { offset: 0, limit: 500 }).rows.map((o) => o.id),
    ).toEqual(['c']);
    expect(store.queueFacets()).toEqual({
      carriers: [
        { carrier: 'DHL', count: 1 },
        { carrier: 'UPS', count: 2 },
      ],
      services: [
        { service: 'express', count: 1 },
        { service: 'standard', count: 2 },
      ],
    });
  });
});
