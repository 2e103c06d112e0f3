import { afterEach, describe, expect, it } from 'vitest';
import { trackingNumberFor } from '../../../electron/core/sandbox/identifiers';
import { PROVIDER_IDS, SHOPS } from '../../../electron/core/sandbox/world';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { readCode128 } from '../../support/label-barcodes';
import { tempStation } from '../../support/temp-station';
import { supervisorAddsUpsRange } from '../../support/tracking-ranges';
import { until } from '../../support/until';
import { firstOrder, labelState, ok, packOrder, row, type Station } from './station-helpers';

const shopOf = (region: string) => SHOPS.find((shop) => shop.region === region && shop.sellerType === 'LOCAL')!.id;
const LOCAL_SELLER = (
  shopId: string,
  extra = '',
) => `o.shipping_type = 'SELLER' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued' AND o.shop_id = '${shopId}'
  AND NOT EXISTS (SELECT 1 FROM packages p WHERE p.order_id = o.id) AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 4 ${extra}`;

describe('seller-shipped orders: the carrier chosen, the tracking number from a range or the carrier label, Mark Package As Shipped', () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });
  const start = async () => {
    const station = await tempStation({ env: { PACKBENCH_SANDBOX_ORDERS: '80', PACKBENCH_STATION_ID: 'desk-1' } });
    stations.push(station);
    return station;
  };
  const shippedUpstream = (station: Station, orderId: string) =>
    until('shipped upstream', () => {
      const pkg = station.services.sandbox!.market.order(orderId)?.packages[0];
      return pkg?.trackingNumber ? pkg : null;
    });

  it('a UK local order with no carrier named: the desk chooses Royal Mail, scans its label, and TikTok creates the package (Mark Package As Shipped)', async () => {
    const station = await start();
    const orderId = await firstOrder(station, 'a UK local seller order', LOCAL_SELLER(shopOf('GB')));
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    const unknown = await ok(station.call('http', 'pack.label', {}));
    expect(unknown).toMatchObject({
      orderId,
      flow: 'seller',
      state: 'failed',
      reason: { code: 'no_carrier_no_default', option: expect.any(String) },
      todo: { code: 'choose_carrier' },
    });
    expect(await station.call('http', 'pack.print', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const providers = await ok(station.call('http', 'pack.carriers', { orderId }));
    const royalMail = providers.find((provider) => provider.name === 'Royal Mail')!;
    expect(royalMail.id).toBe(PROVIDER_IDS['Royal Mail']);
    expect(await ok(station.call('http', 'pack.setCarrier', { orderId, provider: royalMail }))).toMatchObject({
      state: 'scan_tracking',
      carrier: 'Royal Mail',
    });

    // A UPS number is not a Royal Mail one: refused with the reason, nothing queued.
    const wrong = await station.call('http', 'pack.setTracking', {
      orderId,
      trackingNumber: trackingNumberFor('UPS', '7001'),
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const tracking = trackingNumberFor('Royal Mail', '48151623');
    expect(
      await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: tracking.toLowerCase() })),
    ).toMatchObject({ state: 'printed', trackingNumber: tracking, shipWrite: 'pending' });
    expect(
      row(
        station,
        "SELECT kind, json_array_length(payload, '$.lineItemIds') AS lines FROM outbox WHERE order_id = ?",
        orderId,
      ),
    ).toEqual({
      kind: 'ship.mark',
      lines: row<{ n: number }>(station, 'SELECT count(*) AS n FROM order_lines WHERE order_id = ?', orderId)!.n,
    });

    const upstream = await shippedUpstream(station, orderId);
    expect(upstream).toMatchObject({ carrier: 'Royal Mail', trackingNumber: tracking, status: 'PROCESSING' });
    // The package TikTok created is kept with the order: handover sees the parcel under TikTok's id.
    await until('package kept', () => row(station, 'SELECT id FROM packages WHERE order_id = ?', orderId));
    expect(
      row(station, 'SELECT id, tracking_number, shipping_provider_id FROM packages WHERE order_id = ?', orderId),
    ).toEqual({
      id: upstream.id,
      tracking_number: tracking,
      shipping_provider_id: PROVIDER_IDS['Royal Mail'],
    });
    expect(await labelState(station, orderId, ['printed'])).toMatchObject({ shipWrite: 'done' });
  });

  it("a US local order ships with the warehouse's default carrier for its delivery option and a number from that carrier's range, on the station's label", async () => {
    const station = await start();
    const orderId = await firstOrder(
      station,
      'a US local seller order',
      LOCAL_SELLER(shopOf('US'), `AND o.service = 'standard'`),
    );
    const order = row<{ shop_id: string; delivery_option_id: string }>(
      station,
      'SELECT shop_id, delivery_option_id FROM orders WHERE id = ?',
      orderId,
    )!;
    await supervisorAddsUpsRange(station, { first: 2000, last: 2999, shippingProviderId: PROVIDER_IDS.UPS });
    await ok(
      station.call('http', 'carriers.defaults.set', {
        shopId: order.shop_id,
        deliveryOptionId: order.delivery_option_id,
        provider: { id: PROVIDER_IDS.UPS, name: 'UPS' },
      }),
    );
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    const printed = await labelState(station, orderId, ['printed', 'failed']);
    expect(printed).toMatchObject({ state: 'printed', carrier: 'UPS', shippingProviderId: PROVIDER_IDS.UPS });
    const job = station.services.printing.jobs.list({ orderId, limit: 1 })[0]!;
    const print = await until('virtual print', () => station.services.printing.virtualPrints.list(1)[0]);
    expect(
      readCode128(
        decodePrintJob(Buffer.from(station.services.printing.virtualPrints.image(print.id, 0)!.bytes, 'base64'))
          .pages[0]!,
      ),
    ).toContain(job.trackingNumber);
    expect(await shippedUpstream(station, orderId)).toMatchObject({
      carrier: 'UPS',
      trackingNumber: job.trackingNumber,
    });
  });

  it('a tracking number TikTok says another parcel uses (21011025) asks the desk for another one, and the write goes again with it', async () => {
    const station = await start();
    const first = await firstOrder(station, 'a UK local seller order', LOCAL_SELLER(shopOf('GB')));
    const second = await firstOrder(station, 'a second one', LOCAL_SELLER(shopOf('GB'), `AND o.id != '${first}'`));
    const providers = await ok(station.call('http', 'pack.carriers', { orderId: first }));
    const royalMail = providers.find((provider) => provider.name === 'Royal Mail')!;
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    const used = trackingNumberFor('Royal Mail', '31415926');
    for (const orderId of [first, second]) {
      await packOrder(station, orderId);
      await ok(station.call('http', 'pack.setCarrier', { orderId, provider: royalMail }));
      await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: used }));
      if (orderId === first)
        await until(
          'first shipped',
          () => row<{ state: string }>(station, 'SELECT state FROM outbox WHERE order_id = ?', first)?.state === 'done',
        );
    }
    const asked = await labelState(station, second, ['scan_tracking']);
    expect(asked.reason).toEqual({ code: 'tracking_in_use', trackingNumber: expect.any(String) });
    expect(
      row(station, "SELECT state, action, error_code FROM outbox WHERE order_id = ? AND kind = 'ship.mark'", second),
    ).toEqual({ state: 'failed', action: 'fix_tracking', error_code: '21011025' });
    const fresh = trackingNumberFor('Royal Mail', '27182818');
    await ok(station.call('http', 'pack.setTracking', { orderId: second, trackingNumber: fresh }));
    expect(await shippedUpstream(station, second)).toMatchObject({ trackingNumber: fresh });
    expect(row(station, "SELECT count(*) AS n FROM outbox WHERE order_id = ? AND kind = 'ship.mark'", second)).toEqual({
      n: 1,
    });
  });
});
