import { afterEach, describe, expect, it } from 'vitest';
import { enqueueWrite } from '../../../electron/core/outbox/outbox';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

describe('acting on a write the marketplace refused', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  afterEach(() => station.dispose());

  async function failedShip(action: 'void_and_pull' | 'fix_tracking') {
    station = await tempStation();
    await station.services.sync.stop();
    const { db } = station.services;
    new OrderStore(db).upsertFromMarketplace([{ order: makeOrder({ id: 'c1', carrier: 'UPS' }), raw: {} }], Date.now());
    db.prepare(`UPDATE orders SET station_state = 'labelled' WHERE id = 'c1'`).run();
    const { id } = db.transaction(() =>
      enqueueWrite(db, {
        kind: 'ship.seller',
        orderId: 'c1',
        packageId: 'pkg-c1',
        trackingNumber: '1Z999AA10123456784',
        shippingProviderId: 'ups',
      }),
    )();
    db.prepare(
      `UPDATE outbox SET state = 'failed', action = ?, error_code = '21011041', error_message = 'The order has been cancelled.' WHERE id = ?`,
    ).run(action, id);
    return id;
  }

  it('void and pull: a supervisor drops the write, the parcel leaves its pickup and the order is cancelled at the station', async () => {
    const rowId = await failedShip('void_and_pull');
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    const pickup = await ok(station.call('http', 'pickups.create', { carrier: 'UPS', shippingType: 'SELLER' }));
    expect(pickup.parcels).toHaveLength(1);
    expect(await station.call('http', 'sync.voidAndPull', { rowId, reason: 'buyer cancelled' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await ok(station.call('http', 'session.login', { pin: '9999' }));
    const row = await ok(station.call('http', 'sync.voidAndPull', { rowId, reason: 'buyer cancelled' }));
    expect(row.state).toBe('cancelled');
    expect((await ok(station.call('http', 'pickups.list', {}))).pickups[0]!.parcels).toEqual([]);
    expect(station.services.db.prepare(`SELECT station_state FROM orders WHERE id = 'c1'`).get()).toEqual({
      station_state: 'cancelled',
    });
    expect(
      station.services.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'sync.voidAndPull'`).get(),
    ).toEqual({ n: 1 });
  });

  it('fix tracking: the corrected number goes back in the queue and onto the package', async () => {
    const rowId = await failedShip('fix_tracking');
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    const row = await ok(station.call('http', 'sync.fixTracking', { rowId, trackingNumber: '1Z999AA10123456792' }));
    expect(row).toMatchObject({ state: 'pending', action: null, write: { trackingNumber: '1Z999AA10123456792' } });
    expect(station.services.db.prepare(`SELECT tracking_number FROM packages WHERE id = 'pkg-c1'`).get()).toEqual({
      tracking_number: '1Z999AA10123456792',
    });
    expect(await station.call('http', 'sync.retry', { rowId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
