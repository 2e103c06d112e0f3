import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/core/db/database';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { QueueAnswers } from '../../../electron/core/orders/queue-answers';
import { gunzipSync } from 'node:zlib';
import { okEnvelope } from '../../../electron/core/contract/answer-json';
import { makeOrder } from '../../support/order-fixtures';

describe('QueueAnswers', () => {
  let db: Db;
  let store: OrderStore;
  beforeEach(() => {
    db = openDatabase(':memory:');
    store = new OrderStore(db);
    // 260 orders over three blocks of rows, two carriers, one without a pack-by deadline, one open at a desk.
    const orders = Array.from({ length: 260 }, (_, i) =>
      makeOrder({
        id: `Q${String(i).padStart(3, '0')}`,
        carrier: i % 3 === 0 ? 'USPS' : 'UPS',
        packBy: i === 7 ? null : 1_000_000 + ((i * 37) % 260) * 1000,
        buyerMessage: i % 5 === 0 ? `"quoted" \\ note ${i} ✓` : '',
      }),
    );
    store.upsertFromMarketplace(
      orders.map((order) => ({ order, raw: {} })),
      1,
    );
    db.prepare("UPDATE orders SET station_state = 'packing' WHERE id = 'Q200'").run();
  });
  afterEach(() => closeDatabase(db));

  it('answers every page, across the blocks it reads rows in, exactly as the store reads that page', () => {
    const answers = new QueueAnswers(store);
    for (const filter of [{}, { carrier: 'USPS' }, { service: 'express' as const }]) {
      for (const [offset, limit] of [
        [0, 75],
        [25, 75],
        [75, 75],
        [99, 2],
        [150, 75],
        [240, 75],
        [0, 300],
        [400, 75],
      ] as const) {
        const answer = answers.answer({ ...filter, offset, limit });
        const page = store.queue(filter, { offset, limit });
        expect(answer.orders).toEqual(page.rows);
        expect(answer.total).toBe(page.total);
        expect(answer.offset).toBe(offset);
      }
    }
  });

  it('carries the bytes the station server sends: the same JSON as serialising the answer', () => {
    const answers = new QueueAnswers(store);
    for (const [offset, limit] of [
      [0, 75],
      [50, 75],
      [230, 75],
      [500, 10],
    ] as const) {
      const answer = answers.answer({ offset, limit });
      const json = JSON.stringify({ ok: true, value: answer });
      expect(okEnvelope(answer, false)?.bytes.toString('utf8')).toBe(json);
      const gzipped = okEnvelope(answer, true)!;
      expect(gzipped.gzipped).toBe(true);
      expect(gunzipSync(gzipped.bytes).toString('utf8')).toBe(json);
      expect(Object.isFrozen(answer)).toBe(true);
    }
    expect(okEnvelope({ orders: [] }, false)).toBeNull();
    expect(okEnvelope(null, true)).toBeNull();
  });

  it('reads rows anew once the database changed', () => {
    const answers = new QueueAnswers(store);
    const before = answers.answer({ offset: 0, limit: 75 });
    db.prepare("UPDATE orders SET station_state = 'packed' WHERE id = ?").run(before.orders[1]!.id);
    const after = answers.answer({ offset: 0, limit: 75 });
    expect(after.total).toBe(before.total - 1);
    expect(after.orders.map((row) => row.id)).not.toContain(before.orders[1]!.id);
    expect(okEnvelope(after, false)?.bytes.toString('utf8')).toBe(JSON.stringify({ ok: true, value: after }));
  });
});
