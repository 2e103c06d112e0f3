import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../../electron/core/db/database';
import { enqueueWrite, parseOutboxRow, type OutboxDbRow } from '../../../electron/core/outbox/outbox';
import type { OutboxWrite } from '../../../shared/contract/sync';
import { seedOrders, tempDb } from '../../support/sync-fixtures';

const ship = (n: number, tracking = `1Z999AA1012345678${n}`): OutboxWrite => ({
  kind: 'ship.seller',
  orderId: `o${n}`,
  packageId: `pkg-o${n}`,
  trackingNumber: tracking,
  shippingProviderId: 'ups',
});

describe('enqueueWrite', () => {
  let db: Db;
  beforeEach(() => {
    db = tempDb().db;
    seedOrders(db, ['o1', 'o2']);
  });
  afterEach(() => closeDatabase(db));

  const rows = () => db.prepare('SELECT * FROM outbox ORDER BY id').all() as OutboxDbRow[];

  it('queues the write in the caller transaction, pending and due now', () => {
    const result = db.transaction(() => {
      db.prepare("UPDATE orders SET station_state = 'labelled' WHERE id = 'o1'").run();
      return enqueueWrite(db, ship(1), { userId: null, stationId: 'desk-1', now: 1000 });
    })();
    expect(result.created).toBe(true);
    const [row] = rows();
    expect(parseOutboxRow(row!)).toMatchObject({
      id: result.id,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 1000,
      write: ship(1),
    });
    expect(row!.stream).toBe('package:pkg-o1');
  });

  it('disappears with the local change when the caller transaction rolls back', () => {
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE orders SET station_state = 'labelled' WHERE id = 'o1'").run();
        enqueueWrite(db, ship(1));
        throw new Error('printer jammed');
      })(),
    ).toThrow('printer jammed');
    expect(rows()).toHaveLength(0);
    expect(db.prepare("SELECT station_state FROM orders WHERE id = 'o1'").get()).toEqual({ station_state: 'queued' });
  });

  it('refuses to run outside a transaction, so no caller can queue a write without its change', () => {
    expect(() => enqueueWrite(db, ship(1))).toThrow(/inside the transaction/);
  });

  it('queues the same write once however often it is enqueued, and a changed write again', () => {
    const tx = db.transaction((write: OutboxWrite) => enqueueWrite(db, write));
    const first = tx(ship(1));
    const again = tx({ ...ship(1) });
    const corrected = tx(ship(1, '1Z999AA10123456784'));
    expect(again).toEqual({ ...first, created: false });
    expect(corrected.created).toBe(true);
    expect(rows()).toHaveLength(2);
  });

  it('rejects a malformed write with the field named and rolls the caller back', () => {
    const bad = {
      kind: 'ship.seller',
      orderId: 'o1',
      packageId: 'pkg-o1',
      trackingNumber: '',
      shippingProviderId: 'ups',
    } as OutboxWrite;
    expect(() => db.transaction(() => enqueueWrite(db, bad))()).toThrow(/trackingNumber/);
    expect(rows()).toHaveLength(0);
  });

  it('reports a stored row that no longer parses instead of sending it', () => {
    db.transaction(() => enqueueWrite(db, ship(2)))();
    db.prepare(`UPDATE outbox SET payload = '{"kind":"ship.seller","orderId":"o2"}'`).run();
    expect(() => parseOutboxRow(rows()[0]!)).toThrow(/outbox row \d+ \(ship.seller\) is not a valid write/);
  });
});
