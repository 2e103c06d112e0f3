import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/core/sandbox/server';
import { CuttingProxy } from '../../support/cutting-proxy';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';
import { firstOrder, labelState, ok, packOrder, row, type Station } from './station-helpers';

const TIKTOK_QUEUED = `o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
  AND json_extract(o.recipient, '$.countryCode') != 'BR' AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1
  AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 4`;

describe("TikTok's label while the marketplace cannot be reached", () => {
  let sandbox: Sandbox;
  let proxy: CuttingProxy;
  let station: Station;
  const start = async (env: Record<string, string> = {}) => {
    sandbox = await startSandbox({ orders: 40, arrivalEverySeconds: 0 });
    proxy = new CuttingProxy(Number(new URL(sandbox.url).port));
    await proxy.start();
    const credentials = sandbox.credentials();
    station = await tempStation({
      env: {
        PACKBENCH_MARKETPLACE_URL: proxy.url,
        PACKBENCH_APP_KEY: credentials.appKey,
        PACKBENCH_APP_SECRET: credentials.appSecret,
        PACKBENCH_ACCESS_TOKEN: credentials.accessToken,
        PACKBENCH_STATION_ID: 'desk-1',
        PACKBENCH_PULL_INTERVAL_SECONDS: '0',
        ...env,
      },
    });
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await ok(station.call('http', 'orders.pullNow', {}));
  };
  afterEach(async () => {
    await station.dispose();
    await proxy.close();
    await sandbox.close();
  });

  it('packs offline: the order waits as "label waiting for TikTok" (counted by state), then ships and prints by itself when the network is back', async () => {
    await start();
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await proxy.set('refuse');
    await packOrder(station, orderId);
    const waiting = await labelState(station, orderId, ['waiting_tiktok']);
    expect(waiting).toMatchObject({ shipWrite: 'pending', reason: { code: expect.stringMatching(/^offline_/) } });
    expect(row(station, "SELECT count(*) AS n FROM shipments WHERE label_state = 'waiting_tiktok'")).toEqual({ n: 1 });
    expect(row(station, 'SELECT station_state FROM orders WHERE id = ?', orderId)).toEqual({ station_state: 'packed' });
    // Print label says why nothing prints yet.
    expect(await station.call('http', 'pack.print', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('prints by itself') },
    });
    expect(station.services.printing.virtualPrints.list(1)).toEqual([]);

    await proxy.set('open');
    await until(
      'printed once back online',
      () => station.services.fulfillment.label(orderId)?.state === 'printed',
      30_000,
    );
    expect(
      sandbox.shipCount(row<{ id: string }>(station, 'SELECT id FROM packages WHERE order_id = ?', orderId)!.id),
    ).toBe(1);
    // "printed" is set once the bytes reached the printer; the virtual printer reads them back a moment later.
    await until(
      'the virtual printer has read the label',
      () => station.services.printing.virtualPrints.list(5).length > 0,
      10_000,
    );
    expect(station.services.printing.virtualPrints.list(5)).toHaveLength(1);
  }, 45_000);

  it('with fulfillment.prefetchLabels, the next orders of the queue are shipped and their labels kept before packing, so a network cut does not stop the printer', async () => {
    await start({ PACKBENCH_PREFETCH_LABELS: '2' });
    const ready = await until('two labels fetched ahead', () => {
      const rows = station.services.db
        .prepare("SELECT order_id FROM shipments WHERE packed = 0 AND label_state = 'ready'")
        .all() as Array<{ order_id: string }>;
      return rows.length === 2 ? rows : null;
    });
    // Nothing prints before the order is packed.
    expect(station.services.printing.virtualPrints.list(1)).toEqual([]);
    await proxy.set('refuse');
    const orderId = ready[0]!.order_id;
    await packOrder(station, orderId);
    await until('printed offline', () => station.services.fulfillment.label(orderId)?.state === 'printed');
    // "printed" is set once the bytes reached the printer; the virtual printer reads them back a moment later.
    await until(
      'the virtual printer has read the label',
      () => station.services.printing.virtualPrints.list(5).length > 0,
      10_000,
    );
    expect(station.services.printing.virtualPrints.list(5)).toHaveLength(1);
  }, 45_000);
});
