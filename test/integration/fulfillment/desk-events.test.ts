import { afterEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../shared/contract';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';
import { firstOrder, labelState, ok, packOrder, row, scanCodes, type Station } from './station-helpers';

const TIKTOK_QUEUED = `o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
  AND json_extract(o.recipient, '$.countryCode') != 'BR' AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1
  AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) BETWEEN 2 AND 4`;

const control = (station: Station, path: string, body: unknown = {}) =>
  fetch(`${station.services.sandbox!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((res) => res.json());

describe('what reaches the desk: a cancellation while packing, a revoked token, the carrier collecting after handover', () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });
  const start = async (env: Record<string, string> = {}) => {
    const station = await tempStation({
      env: {
        PACKBENCH_SANDBOX_ORDERS: '40',
        PACKBENCH_STATION_ID: 'desk-1',
        PACKBENCH_PULL_INTERVAL_SECONDS: '0',
        ...env,
      },
    });
    stations.push(station);
    return station;
  };

  it('an order cancelled while it is open at the desk stops the packer within one pull, and no label is made for it', async () => {
    const station = await start();
    const events: StationEvent[] = [];
    station.services.bus.subscribe((event) => events.push(event));
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    // The pull at start is over (a pull asked for now joins a running one).
    await ok(station.call('http', 'orders.pullNow', {}));
    const [firstItem, ...rest] = scanCodes(station, orderId);
    await ok(station.call('http', 'pack.scan', { text: orderId, source: 'scanner' }));
    await ok(station.call('http', 'pack.scan', { text: firstItem!, source: 'scanner' }));
    await control(station, `/sandbox/orders/${orderId}/cancel`);
    await ok(station.call('http', 'orders.pullNow', {}));
    await until('the packer stopped', () => events.find((event) => event.name === 'pack.stopped'));
    expect(events.find((event) => event.name === 'pack.stopped')!.payload).toEqual({
      orderId,
      stationId: 'desk-1',
      reason: 'cancelled',
    });
    expect(await ok(station.call('http', 'pack.current', {}))).toBeNull();
    // The rest of its items cannot complete it: it is no longer open here.
    for (const code of rest) {
      const answer = await station.call('http', 'pack.scan', { text: code, source: 'scanner' });
      if (answer.ok) expect(answer.value.verdict.complete).toBeFalsy();
    }
    expect(row(station, 'SELECT station_state FROM orders WHERE id = ?', orderId)).toEqual({
      station_state: 'cancelled',
    });
    expect(row(station, 'SELECT count(*) AS n FROM outbox WHERE order_id = ?', orderId)).toEqual({ n: 0 });
    expect(row(station, 'SELECT count(*) AS n FROM print_jobs WHERE order_id = ?', orderId)).toEqual({ n: 0 });
  });

  it('an address change of the order open at the desk stops the packer too, who checks the label before it ships', async () => {
    const station = await start();
    const stopped: StationEvent[] = [];
    station.services.bus.subscribe((event) => event.name === 'pack.stopped' && stopped.push(event));
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await ok(station.call('http', 'orders.pullNow', {}));
    await ok(station.call('http', 'pack.scan', { text: orderId, source: 'scanner' }));
    await control(station, `/sandbox/orders/${orderId}/address`, { lines: ['221B Changed Street'] });
    await ok(station.call('http', 'orders.pullNow', {}));
    await until('the packer stopped', () => stopped[0]);
    expect(stopped[0]!.payload).toEqual({ orderId, stationId: 'desk-1', reason: 'address_changed' });
    // Still open: the packer finishes it once the parcel is right.
    expect((await ok(station.call('http', 'pack.current', {})))?.order.id).toBe(orderId);
  });

  it('a revoked token keeps the ship write queued, untried after the first refusal, and tells supervisors once to reconnect the shop', async () => {
    const station = await start();
    const alerts: StationEvent[] = [];
    station.services.bus.subscribe((event) => event.name === 'sync.alert' && alerts.push(event));
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await control(station, '/sandbox/tokens/revoke');
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    const waiting = await labelState(station, orderId, ['waiting_tiktok']);
    expect(waiting).toMatchObject({
      shipWrite: 'pending',
      reason: { code: 'reconnect_shop' },
      todo: { code: 'reconnect_shop' },
    });
    expect((await ok(station.call('http', 'sync.status', {}))).reconnectRequired).toBe(true);
    const attempts = () =>
      row<{ n: number }>(station, 'SELECT attempts AS n FROM outbox WHERE order_id = ?', orderId)!.n;
    const tried = attempts();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts()).toBe(tried);
    expect(alerts.map((event) => event.payload)).toEqual([
      expect.objectContaining({
        action: 'reconnect',
        code: '36009004',
        message: expect.stringContaining('reconnects the shop'),
      }),
    ]);
    // The order is packed all the same, and counted as waiting for TikTok.
    expect(
      row(
        station,
        'SELECT o.station_state, s.label_state FROM orders o JOIN shipments s ON s.order_id = o.id WHERE o.id = ?',
        orderId,
      ),
    ).toEqual({ station_state: 'packed', label_state: 'waiting_tiktok' });
  });

  it('after handover the parcel stays PROCESSING without any alert until the carrier scans it; collection is then shown per parcel', async () => {
    const station = await start();
    const alerts: StationEvent[] = [];
    station.services.bus.subscribe((event) => event.name === 'sync.alert' && alerts.push(event));
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    await labelState(station, orderId, ['printed']);
    const pkg = row<{ id: string; tracking_number: string; carrier: string }>(
      station,
      'SELECT p.id, p.tracking_number, coalesce(p.shipping_provider_name, o.carrier, o.delivery_option_name) AS carrier FROM packages p JOIN orders o ON o.id = p.order_id WHERE p.order_id = ?',
      orderId,
    )!;
    const list = await ok(station.call('http', 'pickups.list', {}));
    const group = list.groups.find((g) => g.parcels.some((p) => p.orderId === orderId))!;
    const pickup = await ok(station.call('http', 'pickups.create', { carrier: group.carrier, shippingType: 'TIKTOK' }));
    const manifest = await ok(station.call('http', 'manifest.open', { pickupId: pickup.id }));
    expect(
      (await ok(station.call('http', 'manifest.scan', { manifestId: manifest.id, code: pkg.tracking_number }))).verdict,
    ).toBe('expected');
    await ok(station.call('http', 'manifest.close', { manifestId: manifest.id, noPhotoReason: 'test bench' }));
    const confirm = () =>
      row<{ state: string; attempts: number }>(
        station,
        "SELECT state, attempts FROM outbox WHERE order_id = ? AND kind = 'handover.confirm'",
        orderId,
      )!;
    await until('asked once', () => confirm().attempts >= 1);
    expect(confirm().state).toBe('pending');
    expect(station.services.sandbox!.market.order(orderId)!.packages[0]!.status).toBe('PROCESSING');
    expect(alerts).toEqual([]);
    const parcel = () =>
      station.services.db.prepare('SELECT collected_at FROM shipments WHERE order_id = ?').get(orderId) as {
        collected_at: number | null;
      };
    expect(parcel().collected_at).toBeNull();

    await control(station, `/sandbox/packages/${pkg.id}/collect`);
    await ok(station.call('http', 'sync.now', {}));
    await until('collected', () => parcel().collected_at !== null);
    expect(confirm().state).toBe('done');
    const closed = (await ok(station.call('http', 'pickups.list', {}))).pickups.find((p) => p.id === pickup.id)!;
    expect(closed.parcels[0]).toMatchObject({ orderId, collectedAt: expect.any(Number) });
    expect(alerts).toEqual([]);
  });
});
