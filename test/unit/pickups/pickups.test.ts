import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { HANDOVER_WITHIN_MS } from '../../../electron/core/pickups/pickup-store';
import { makeOrder } from '../../support/order-fixtures';
import { TINY_JPEG } from '../../support/jpeg';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

const HOUR = 3_600_000;

describe('pickups and handover manifests', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  const now = Date.now();

  beforeEach(async () => {
    station = await tempStation();
    await station.services.sync.stop();
    const orders = new OrderStore(station.services.db);
    orders.upsertFromMarketplace(
      [
        ...['a1', 'a2', 'a3'].map((id) => ({
          order: makeOrder(
            {
              id,
              carrier: 'UPS',
              packages: [{ id: `pkg-${id}`, trackingNumber: `1ZTRACK${id.toUpperCase()}`, shippingProviderId: 'ups' }],
            },
            now,
          ),
          raw: {},
        })),
        { order: makeOrder({ id: 'late1', carrier: 'UPS', paidAt: now - HANDOVER_WITHIN_MS - HOUR }, now), raw: {} },
        {
          order: makeOrder(
            {
              id: 'd1',
              carrier: 'DHL',
              packages: [{ id: 'pkg-d1', trackingNumber: 'JD014600006281803270', shippingProviderId: 'dhl' }],
            },
            now,
          ),
          raw: {},
        },
        { order: makeOrder({ id: 't1', shippingType: 'TIKTOK', carrier: 'TikTok Shipping' }, now), raw: {} },
        { order: makeOrder({ id: 'q1', carrier: 'UPS' }, now), raw: {} },
      ],
      now,
    );
    // Packed through the parcel workflow (ship writes queued) and labelled, as the pack station leaves them.
    const { workflow } = station.services.fulfillment;
    station.services.db.transaction(() => {
      for (const id of ['a1', 'a2', 'a3', 'late1', 'd1', 't1']) {
        station.services.db.prepare(`UPDATE orders SET station_state = 'packed' WHERE id = ?`).run(id);
        workflow.packed(id, 1);
        const trackingNumber = station.services.db
          .prepare('SELECT tracking_number FROM packages WHERE order_id = ?')
          .pluck()
          .get(id) as string | null;
        workflow.labelPrinted({
          id: 0,
          orderId: id,
          batchId: null,
          kind: 'label',
          state: 'done',
          printerUri: 'virtual',
          language: 'zpl',
          trackingNumber,
          attempts: 1,
          waitingReason: null,
          waitingCode: null,
          error: null,
          createdAt: now,
          doneAt: now,
        });
      }
      station.services.db.prepare(`UPDATE orders SET station_state = 'labelled' WHERE id != 'q1'`).run();
    })();
    await ok(station.call('http', 'session.login', { pin: '1111' }));
  });
  afterEach(() => station.dispose());

  it('groups packed parcels by carrier, flags the late one, and leaves unpacked orders out', async () => {
    const list = await ok(station.call('http', 'pickups.list', {}));
    expect(list.groups.map((g) => [g.carrier, g.shippingType, g.parcels.length])).toEqual([
      ['DHL', 'SELLER', 1],
      ['TikTok Shipping', 'TIKTOK', 1],
      ['UPS', 'SELLER', 4],
    ]);
    expect(list.late.map((p) => p.orderId)).toEqual(['late1']);
  });

  it('records a seller carrier pickup with its parcel count', async () => {
    const pickup = await ok(station.call('http', 'pickups.create', { carrier: 'UPS', shippingType: 'SELLER' }));
    const recorded = await ok(
      station.call('http', 'pickups.record', {
        pickupId: pickup.id,
        readyAt: now,
        closeAt: now + 4 * HOUR,
        totalWeightG: 5400,
        confirmationNumber: 'UPS-CONF-77',
      }),
    );
    expect(recorded).toMatchObject({
      state: 'booked',
      parcelCount: 4,
      totalWeightG: 5400,
      confirmationNumber: 'UPS-CONF-77',
    });
    const bad = await station.call('http', 'pickups.record', {
      pickupId: pickup.id,
      readyAt: now,
      closeAt: now - 1,
      totalWeightG: 1,
      confirmationNumber: 'x',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('books a TikTok drop-off at the desk; the parcel was shipped (Ship Package queued) when it was packed, so no second ship write', async () => {
    const pickup = await ok(
      station.call('http', 'pickups.create', { carrier: 'TikTok Shipping', shippingType: 'TIKTOK' }),
    );
    expect(await station.call('http', 'pickups.book', { pickupId: pickup.id, method: 'PICKUP' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const booked = await ok(station.call('http', 'pickups.book', { pickupId: pickup.id, method: 'DROP_OFF' }));
    expect(booked).toMatchObject({ state: 'booked', handoverMethod: 'DROP_OFF' });
    const queued = await ok(station.call('http', 'sync.list', { orderId: 't1' }));
    expect(queued.map((r) => r.write)).toEqual([
      { kind: 'ship.tiktok', orderId: 't1', packageId: 'pkg-t1', handoverMethod: 'DROP_OFF', pickupSlot: null },
    ]);
  });

  it('scans a manifest: missing and foreign parcels are shown, and close needs a photo or a reason', async () => {
    const pickup = await ok(station.call('http', 'pickups.create', { carrier: 'UPS', shippingType: 'SELLER' }));
    const manifest = await ok(station.call('http', 'manifest.open', { pickupId: pickup.id, driverName: 'Sam' }));
    expect(manifest).toMatchObject({ expectedCount: 4, scannedCount: 0 });
    const verdicts = [];
    for (const code of ['1ZTRACKA1', '1ztracka2', 'pkg-a3', '1ZTRACKA1', 'pkg-d1', 'NOT-A-PARCEL']) {
      verdicts.push((await ok(station.call('http', 'manifest.scan', { manifestId: manifest.id, code }))).verdict);
    }
    expect(verdicts).toEqual(['expected', 'expected', 'expected', 'duplicate', 'foreign', 'unknown']);
    // A parcel whose ship write was never queued (no tracking number) may not leave, and the desk is told why.
    const refused = await station.call('http', 'manifest.scan', { manifestId: manifest.id, code: 'pkg-late1' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('no ship write queued') },
    });
    const scanned = await ok(station.call('http', 'manifest.get', { manifestId: manifest.id }));
    expect(scanned).toMatchObject({ scannedCount: 3, expectedCount: 4 });
    expect(scanned.missing.map((p) => p.orderId)).toEqual(['late1']);
    expect(scanned.foreign.map((s) => s.code)).toEqual(['pkg-d1', 'NOT-A-PARCEL']);

    expect(await station.call('http', 'manifest.close', { manifestId: manifest.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const photo = await ok(
      station.call('http', 'photos.save', {
        purpose: 'handover',
        manifestId: manifest.id,
        jpegBase64: TINY_JPEG.toString('base64'),
      }),
    );
    const closed = await ok(station.call('http', 'manifest.close', { manifestId: manifest.id }));
    expect(closed).toMatchObject({ state: 'closed', photoIds: [photo.id], scannedCount: 3 });
    expect(closed.missing.map((p) => p.orderId)).toEqual(['late1']);

    const states = station.services.db
      .prepare(
        `SELECT id, station_state, handed_over_at IS NOT NULL AS handed FROM orders WHERE carrier = 'UPS' ORDER BY id`,
      )
      .all();
    expect(states).toEqual([
      { id: 'a1', station_state: 'handed_over', handed: 1 },
      { id: 'a2', station_state: 'handed_over', handed: 1 },
      { id: 'a3', station_state: 'handed_over', handed: 1 },
      { id: 'late1', station_state: 'labelled', handed: 0 },
      { id: 'q1', station_state: 'queued', handed: 0 },
    ]);
    // The missing parcel waits for the next pickup; the handed-over ones owe their handover confirmations (their
    // ship writes were queued when their labels printed).
    const list = await ok(station.call('http', 'pickups.list', {}));
    expect(list.groups.find((g) => g.carrier === 'UPS')?.parcels.map((p) => p.orderId)).toEqual(['late1']);
    const writes = (await ok(station.call('http', 'sync.list', {}))).map((r) => `${r.write.kind}:${r.write.orderId}`);
    expect(writes).toEqual([
      'ship.seller:a1',
      'ship.seller:a2',
      'ship.seller:a3',
      'ship.seller:d1',
      'ship.tiktok:t1',
      'handover.confirm:a1',
      'handover.confirm:a2',
      'handover.confirm:a3',
    ]);

    const printed = await ok(station.call('http', 'manifest.print', { manifestId: manifest.id }));
    expect(printed.html).toContain('@page { size: A4');
    expect(printed.html).toContain('1ZTRACKA2');
    expect(printed.html).toContain('NOT-A-PARCEL');
  });

  it('closes without a photo only with a reason, and never when the station requires photos', async () => {
    const pickup = await ok(station.call('http', 'pickups.create', { carrier: 'DHL', shippingType: 'SELLER' }));
    const manifest = await ok(station.call('http', 'manifest.open', { pickupId: pickup.id }));
    await ok(station.call('http', 'manifest.scan', { manifestId: manifest.id, code: 'pkg-d1' }));
    station.services.settings.set('photos.required', true);
    expect(
      await station.call('http', 'manifest.close', { manifestId: manifest.id, noPhotoReason: 'camera unplugged' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    station.services.settings.set('photos.required', false);
    const closed = await ok(
      station.call('http', 'manifest.close', { manifestId: manifest.id, noPhotoReason: 'camera unplugged' }),
    );
    expect(closed).toMatchObject({ state: 'closed', noPhotoReason: 'camera unplugged', photoIds: [] });
  });
});
