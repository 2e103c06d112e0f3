import type { Page } from '@playwright/test';
import { trackingNumberFor } from '../../electron/core/sandbox/identifiers';
import type { Sandbox } from '../../electron/core/sandbox/server';
import { PROVIDER_IDS, SHOPS } from '../../electron/core/sandbox/world';
import { decodePrintJob } from '../../electron/core/printing/virtual-printer/decode';
import { readCode128 } from '../support/label-barcodes';
import { startSandboxStation, type SandboxStation } from '../support/sandbox-station';
import type { StationProcess } from '../support/station-process';
import { orderScanCodes, queryStationDb } from '../support/station-db';
import { callOk, expect, scan, signIn, SUPERVISOR_PIN, test } from './fixtures';

/** The parcel's life after the last item, through the pack screen, against a sandbox marketplace the test steers. */
let sandbox: Sandbox;
let station: StationProcess;
let close: SandboxStation['close'];

test.beforeEach(async () => {
  ({ sandbox, station, close } = await startSandboxStation({
    orders: 80,
    env: { PACKBENCH_PULL_INTERVAL_SECONDS: '0' },
  }));
});

test.afterEach(async ({ page: _page }, testInfo) => {
  await close(testInfo.status !== testInfo.expectedStatus);
});

const localShop = (region: string) => SHOPS.find((shop) => shop.region === region && shop.sellerType === 'LOCAL')!.id;

/** The first order the query finds once the pull has stored it. */
async function pick(where: string): Promise<{ id: string; shop_id: string; delivery_option_id: string }> {
  const find = () =>
    queryStationDb<{ id: string; shop_id: string; delivery_option_id: string }>(
      station.dataDir,
      `SELECT o.id, o.shop_id, o.delivery_option_id FROM orders o WHERE o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
         AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 3 AND ${where} ORDER BY o.pack_by, o.id LIMIT 1`,
    )[0];
  await expect.poll(find, { timeout: 20_000 }).toBeDefined();
  return find()!;
}

async function packAtDesk(page: Page, orderId: string): Promise<void> {
  await expect(page.getByTestId('pack-screen')).toBeVisible();
  await scan(page, orderId);
  await expect(page.getByTestId('pack-verdict')).toHaveAttribute('data-kind', /order_opened|order_resumed/);
  for (const code of orderScanCodes(station.dataDir, orderId)) await scan(page, code);
  await expect(page.getByTestId('pack-prompt')).toContainText('Complete');
}

const label = (page: Page) => page.getByTestId('label-status');

test("a TikTok-shipped order: Ship Package goes with the last item, TikTok's label arrives at the virtual printer with its tracking barcode", async ({
  page,
  request,
}) => {
  const order = await pick(
    `o.shipping_type = 'TIKTOK' AND json_extract(o.recipient, '$.countryCode') != 'BR' AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1`,
  );
  await signIn(page, station);
  await packAtDesk(page, order.id);
  await expect(label(page)).toHaveAttribute('data-state', 'printed', { timeout: 20_000 });
  const [tracking] = queryStationDb<{ tracking_number: string; id: string }>(
    station.dataDir,
    'SELECT id, tracking_number FROM packages WHERE order_id = ?',
    order.id,
  );
  await expect(page.getByTestId('label-tracking')).toHaveText(tracking!.tracking_number);
  expect(sandbox.shipCount(tracking!.id)).toBe(1);
  const [print] = await callOk<Array<{ id: number }>>(request, station, 'printing.virtual.prints', { limit: 1 });
  const { bytes } = await callOk<{ bytes: string }>(request, station, 'printing.virtual.image', { id: print!.id });
  const decoded = decodePrintJob(Buffer.from(bytes, 'base64'));
  expect(readCode128(decoded.pages[0]!)).toContain(tracking!.tracking_number);
});

test('an order TikTok split into two packages: the packer is told it leaves as two parcels, and both labels print, each with its own tracking barcode', async ({
  page,
  request,
}) => {
  const order = await pick(
    `o.shipping_type = 'TIKTOK' AND json_extract(o.recipient, '$.countryCode') != 'BR' AND (SELECT count(DISTINCT l.package_id) FROM order_lines l WHERE l.order_id = o.id) = 2`,
  );
  await signIn(page, station);
  await packAtDesk(page, order.id);
  // Every line says which parcel its units go in, the first parcel's lines first.
  const parcels = await page.getByTestId('pack-line-parcel').allTextContents();
  expect(parcels[0]).toBe('Parcel 1');
  expect(parcels).toContain('Parcel 2');
  await expect(label(page)).toHaveAttribute('data-state', 'printed', { timeout: 20_000 });
  await expect(page.getByTestId('label-split')).toContainText('2 parcels');
  const packages = queryStationDb<{ tracking_number: string; id: string }>(
    station.dataDir,
    'SELECT id, tracking_number FROM packages WHERE order_id = ?',
    order.id,
  );
  expect(packages).toHaveLength(2);
  for (const pkg of packages) expect(sandbox.shipCount(pkg.id)).toBe(1);
  const [print] = await callOk<Array<{ id: number }>>(request, station, 'printing.virtual.prints', { limit: 1 });
  const { bytes } = await callOk<{ bytes: string }>(request, station, 'printing.virtual.image', { id: print!.id });
  const decoded = decodePrintJob(Buffer.from(bytes, 'base64'));
  expect(decoded.pages).toHaveLength(2);
  expect(decoded.pages.flatMap((pagePrinted) => readCode128(pagePrinted))).toEqual(
    expect.arrayContaining(packages.map((pkg) => pkg.tracking_number)),
  );
});

test('a seller-shipped order with no carrier named: the packer picks UPS, scans the UPS label, and TikTok gets that number with the UPS provider id', async ({
  page,
}) => {
  const order = await pick(
    `o.shipping_type = 'SELLER' AND o.shop_id = '${localShop('US')}' AND o.service = 'standard' AND o.carrier IS NULL`,
  );
  await signIn(page, station);
  await packAtDesk(page, order.id);
  await expect(label(page)).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('label-todo')).toContainText('Choose the carrier');
  await label(page).getByRole('button', { name: 'Change carrier' }).click();
  await page.getByTestId('label-carrier-choice').selectOption({ label: 'UPS' });
  await expect(label(page)).toHaveAttribute('data-state', 'scan_tracking');
  await expect(page.getByTestId('label-todo')).toContainText('Scan the tracking number on the UPS label');
  const tracking = trackingNumberFor('UPS', '55501234');
  await scan(page, tracking);
  await expect(label(page)).toHaveAttribute('data-state', 'printed');
  await expect(page.getByTestId('label-tracking')).toHaveText(tracking);
  await expect
    .poll(() => sandbox.market.order(order.id)?.packages[0]?.trackingNumber ?? null, { timeout: 20_000 })
    .toBe(tracking);
  expect(sandbox.market.order(order.id)!.packages[0]!.carrier).toBe('UPS');
  await expect
    .poll(
      () =>
        queryStationDb<{ shipping_provider_id: string }>(
          station.dataDir,
          'SELECT shipping_provider_id FROM packages WHERE order_id = ?',
          order.id,
        )[0]?.shipping_provider_id,
      { timeout: 20_000 },
    )
    .toBe(PROVIDER_IDS.UPS);
});

test('a UK local order has no package: it ships with Mark Package As Shipped and keeps the package TikTok creates', async ({
  page,
  request,
}) => {
  const order = await pick(
    `o.shipping_type = 'SELLER' AND o.shop_id = '${localShop('GB')}' AND NOT EXISTS (SELECT 1 FROM packages p WHERE p.order_id = o.id)`,
  );
  // The warehouse's default carrier for the order's delivery option, set once by a supervisor.
  await callOk(request, station, 'session.login', { pin: SUPERVISOR_PIN });
  await callOk(request, station, 'carriers.defaults.set', {
    shopId: order.shop_id,
    deliveryOptionId: order.delivery_option_id,
    provider: { id: PROVIDER_IDS['Royal Mail'], name: 'Royal Mail' },
  });
  await callOk(request, station, 'session.lock', {});
  await signIn(page, station);
  await packAtDesk(page, order.id);
  await expect(label(page)).toHaveAttribute('data-state', 'scan_tracking');
  const tracking = trackingNumberFor('Royal Mail', '20262026');
  await page.getByTestId('label-tracking-entry').fill(tracking);
  await label(page).getByRole('button', { name: 'Save' }).click();
  await expect(label(page)).toHaveAttribute('data-state', 'printed');
  await expect(label(page)).toContainText('TikTok Shop knows it shipped', { timeout: 20_000 });
  const upstream = sandbox.market.order(order.id)!.packages[0]!;
  expect(upstream).toMatchObject({ carrier: 'Royal Mail', trackingNumber: tracking });
  expect(
    queryStationDb(station.dataDir, 'SELECT id, tracking_number FROM packages WHERE order_id = ?', order.id),
  ).toEqual([{ id: upstream.id, tracking_number: tracking }]);
});

test('an order cancelled while it is being packed stops the packer in red, and no label prints', async ({
  page,
  request,
}) => {
  const order = await pick(
    `o.shipping_type = 'TIKTOK' AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) >= 2`,
  );
  await signIn(page, station);
  await expect(page.getByTestId('pack-screen')).toBeVisible();
  await scan(page, order.id);
  const [first] = orderScanCodes(station.dataDir, order.id);
  await scan(page, first!);
  await expect(page.getByTestId('pack-verdict')).toHaveAttribute('data-kind', /match|line_done/);
  await fetch(`${sandbox.url}/sandbox/orders/${order.id}/cancel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  await callOk(request, station, 'orders.pullNow', {});
  const verdict = page.getByTestId('pack-verdict');
  await expect(verdict).toHaveAttribute('data-kind', 'stopped');
  await expect(verdict).toHaveAttribute('data-tone', 'wrong');
  await expect(verdict).toContainText(`order ${order.id} was cancelled`);
  expect(queryStationDb(station.dataDir, 'SELECT count(*) AS n FROM print_jobs WHERE order_id = ?', order.id)).toEqual([
    { n: 0 },
  ]);
});

test('a revoked token: the packed order waits for TikTok and the status line asks a supervisor to reconnect the shop', async ({
  page,
}) => {
  const order = await pick(
    `o.shipping_type = 'TIKTOK' AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1`,
  );
  await fetch(`${sandbox.url}/sandbox/tokens/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  await signIn(page, station);
  await packAtDesk(page, order.id);
  await expect(page.getByTestId('sync-reconnect')).toContainText('reconnects the shop', { timeout: 20_000 });
  await expect(label(page)).toHaveAttribute('data-state', 'waiting_tiktok');
  await expect(page.getByTestId('label-todo')).toContainText('reconnects the shop');
});
