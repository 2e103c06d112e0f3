import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

type Station = Awaited<ReturnType<typeof tempStation>>;

describe('at the pack screen, a scanned tracking or waybill number opens its order as an order number does', () => {
  let station: Station;
  const scan = (text: string) => ok(station.call('http', 'pack.scan', { text, source: 'scanner' }));

  beforeEach(async () => {
    station = await tempStation();
    new OrderStore(station.services.db).upsertFromMarketplace(
      [
        makeOrder({ id: 'ORD-UPS', packages: [{ id: 'PKG-UPS', trackingNumber: '1Z5R 8939 0357 5671 27' }] }),
        makeOrder({
          id: 'ORD-USPS',
          carrier: 'USPS',
          packages: [{ id: 'PKG-USPS', trackingNumber: '9101026837331000039521' }],
        }),
      ].map((order) => ({ order, raw: {} })),
      Date.now(),
    );
    await ok(station.call('http', 'session.login', { pin: '1111' }));
  });
  afterEach(() => station.dispose());

  it('opens the order whatever spacing and case the stored and the scanned number have', async () => {
    expect((await scan('1z5r89390357567127')).verdict).toMatchObject({ kind: 'order_opened', orderId: 'ORD-UPS' });
  });

  it('opens the order from a USPS label barcode that carries the 420 + ZIP routing first', async () => {
    expect((await scan(']C1420221539101026837331000039521')).verdict).toMatchObject({
      kind: 'order_opened',
      orderId: 'ORD-USPS',
    });
  });
});
