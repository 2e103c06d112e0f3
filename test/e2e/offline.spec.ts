import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../electron/core/sandbox/server';
import { PROVIDER_IDS, SHOPS } from '../../electron/core/sandbox/world';
import type { CuttingProxy } from '../support/cutting-proxy';
import { startSandboxStation, type SandboxStation } from '../support/sandbox-station';
import type { StationProcess } from '../support/station-process';
import { orderScanCodes, queryStationDb } from '../support/station-db';
import { upsRange } from '../support/tracking-ranges';
import { callOk, expect, scan, signIn, SUPERVISOR_PIN, test } from './fixtures';

let sandbox: Sandbox;
let proxy: CuttingProxy;
let station: StationProcess;
let close: SandboxStation['close'];

test.beforeEach(async () => {
  ({ sandbox, proxy, station, close } = await startSandboxStation({ orders: 60, cuttable: true }));
});

test.afterEach(async ({ page: _page }, testInfo) => {
  await close(testInfo.status !== testInfo.expectedStatus);
});

test('pack -> parcel photo -> offline -> label printed and ship queued -> back online -> synced exactly once', async ({
  page,
  request,
}) => {
  // A seller-shipped order of a local US seller, pulled from the marketplace: TikTok names no carrier and no package
  // before it ships (the warehouse ships it with UPS; Mark Package As Shipped creates the package).
  // The pull stores page by page: wait until a suitable order has arrived rather than until any order has.
  const pickOrder = () =>
    queryStationDb<{ id: string; shop_id: string; delivery_option_id: string }>(
      station.dataDir,
      `SELECT o.id, o.shop_id, o.delivery_option_id FROM orders o WHERE o.shipping_type = 'SELLER' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
         AND o.shop_id = '${SHOPS.find((shop) => shop.region === 'US' && shop.sellerType === 'LOCAL')!.id}' AND o.delivery_option_id IS NOT NULL AND o.service IN ('standard', 'express')
         AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 3
       ORDER BY o.pack_by, o.id LIMIT 1`,
    )[0];
  await expect.poll(pickOrder, { timeout: 20_000 }).toBeDefined();
  const order = pickOrder();
  expect(order).toBeDefined();
  const orderId = order!.id;
  const codes = orderScanCodes(station.dataDir, orderId);

  // Set up once by a supervisor: the carrier's tracking-number range and the customs HS code (through the station's API).
  const api = (name: string, data: unknown) => callOk(request, station, name, data);
  await api('session.login', { pin: SUPERVISOR_PIN });
  await api('carriers.defaults.set', {
    shopId: order!.shop_id,
    deliveryOptionId: order!.delivery_option_id,
    provider: { id: PROVIDER_IDS.UPS, name: 'UPS' },
  });
  await api('printing.addRange', upsRange({ shippingProviderId: PROVIDER_IDS.UPS }));
  await api('settings.update', { key: 'customs.hsCode', value: '940540' });
  // The label prints when the packer asks (PRINT), so the test can take the network down first.
  await api('settings.update', { key: 'printing.autoPrint', value: false });
  await api('session.lock', {});

  await signIn(page, station);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'online');
  await expect(page.getByTestId('parcel-photo-status')).toHaveAttribute('data-camera', 'ready');

  // Pack: scan the order, then every item. Completion photographs the parcel with the desk camera.
  await scan(page, orderId);
  for (const code of codes) await scan(page, code);
  await expect(page.getByTestId('parcel-photo-status')).toContainText(`Parcel photo saved for ${orderId}`);
  const [photo] = queryStationDb<{ file: string; sha256: string; size: number; purpose: string }>(
    station.dataDir,
    'SELECT file, sha256, size, purpose FROM photos WHERE order_id = ?',
    orderId,
  );
  expect(photo).toMatchObject({ purpose: 'pack' });
  const bytes = readFileSync(join(station.dataDir, 'photos', photo!.file));
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo!.sha256);

  // The network goes down. The label still prints and the ship write is queued, not lost.
  expect(queryStationDb(station.dataDir, 'SELECT id FROM outbox WHERE order_id = ?', orderId)).toEqual([]);
  await proxy.set('refuse');
  await scan(page, 'PBCMD-PRINT');
  await expect
    .poll(
      () =>
        queryStationDb<{ state: string }>(
          station.dataDir,
          "SELECT state FROM outbox WHERE order_id = ? AND kind = 'ship.mark'",
          orderId,
        ).map((r) => r.state),
      { timeout: 20_000 },
    )
    .toEqual(['pending']);
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
  await expect(status).toContainText('1 queued');
  await expect(status).toContainText('oldest');
  expect(
    queryStationDb<{ station_state: string }>(
      station.dataDir,
      'SELECT station_state FROM orders WHERE id = ?',
      orderId,
    )[0]!.station_state,
  ).toBe('labelled');

  // Back online: the write goes through by itself, exactly once.
  await proxy.set('open');
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(status).toContainText('0 queued');
  const [row] = queryStationDb<{ state: string; tracking: string }>(
    station.dataDir,
    "SELECT state, json_extract(payload, '$.trackingNumber') AS tracking FROM outbox WHERE order_id = ? AND kind = 'ship.mark'",
    orderId,
  );
  expect(row!.state).toBe('done');
  const upstream = sandbox.market.order(orderId)!;
  expect(upstream.packages.map((pkg) => pkg.trackingNumber)).toEqual([row!.tracking]);
  expect(upstream.status).toBe('AWAITING_COLLECTION');
  // The package TikTok created is kept with the order.
  expect(queryStationDb(station.dataDir, 'SELECT id FROM packages WHERE order_id = ?', orderId)).toEqual([
    { id: upstream.packages[0]!.id },
  ]);
});
