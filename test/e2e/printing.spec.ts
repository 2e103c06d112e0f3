import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { PROVIDER_IDS, SHOPS } from '../../electron/core/sandbox/world';
import type { StationProcess } from '../support/station-process';
import { decodePrintJob } from '../../electron/core/printing/virtual-printer/decode';
import { validateTracking } from '../../shared/domain/tracking/validate';
import { readCode128 } from '../support/label-barcodes';
import { callOk, expect, PACKER_PIN, scan, signIn, SUPERVISOR_PIN, test } from './fixtures';

interface SellerOrder {
  id: string;
  carrier: keyof typeof RANGES;
  shopId: string;
  deliveryOptionId: string;
  name: string;
  postalCode: string;
  line: string;
  codes: string[];
}

/** A number range per US carrier, as a seller would get it from each. */
const RANGES = {
  UPS: { formatId: 'ups-1z', prefix: '1Z999AA101', suffix: '', serialWidth: 7, first: 1000, last: 9_999_999 },
  USPS: { formatId: 'usps-impb', prefix: '9400111206', suffix: '', serialWidth: 11, first: 1000, last: 99_999_999_999 },
  FedEx: { formatId: 'fedex-express-12', prefix: '9865', suffix: '', serialWidth: 7, first: 1000, last: 9_999_999 },
  DHL: { formatId: 'dhl-express-10', prefix: '33', suffix: '', serialWidth: 7, first: 1000, last: 9_999_999 },
} as const;

/**
 * Seller-shipped orders of the sandbox's US local shop waiting to be packed, with what each unit scans as. TikTok names
 * no carrier for them: the warehouse ships them with UPS (its default for their delivery options, see withUps), which
 * TikTok offers for standard and express delivery there.
 */
async function sellerOrders(dataDir: string): Promise<SellerOrder[]> {
  const open = () => new Database(join(dataDir, 'packbench.sqlite'), { readonly: true, fileMustExist: true });
  await expect
    .poll(
      () => {
        const db = open();
        try {
          return (
            db
              .prepare(
                "SELECT count(*) AS n FROM orders WHERE status = 'AWAITING_SHIPMENT' AND shipping_type = 'SELLER'",
              )
              .get() as { n: number }
          ).n;
        } finally {
          db.close();
        }
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  const db = open();
  try {
    const orders = db
      .prepare(
        `SELECT id, shop_id, delivery_option_id, recipient FROM orders WHERE status = 'AWAITING_SHIPMENT' AND station_state = 'queued' AND shipping_type = 'SELLER'
         AND shop_id = '${SHOPS.find((shop) => shop.region === 'US' && shop.sellerType === 'LOCAL')!.id}' AND delivery_option_id IS NOT NULL AND service IN ('standard', 'express') ORDER BY pack_by, id`,
      )
      .all() as Array<{ id: string; shop_id: string; delivery_option_id: string; recipient: string }>;
    const units = db.prepare(
      'SELECT l.seller_sku, (SELECT min(code) FROM sku_barcodes b WHERE b.sku_id = l.sku_id) AS code FROM order_lines l WHERE l.order_id = ? ORDER BY l.rowid',
    );
    return orders.map((order) => {
      const recipient = JSON.parse(order.recipient) as { name: string; postalCode: string; lines: string[] };
      const codes = (units.all(order.id) as Array<{ seller_sku: string; code: string | null }>).map(
        (unit) => unit.code ?? unit.seller_sku,
      );
      return {
        id: order.id,
        carrier: 'UPS' as const,
        shopId: order.shop_id,
        deliveryOptionId: order.delivery_option_id,
        name: recipient.name,
        postalCode: recipient.postalCode,
        line: recipient.lines[0]!,
        codes,
      };
    });
  } finally {
    db.close();
  }
}

/** The warehouse's default carrier, UPS, for the delivery options of these orders (set once by a supervisor). */
async function withUps(
  request: APIRequestContext,
  station: StationProcess,
  orders: readonly SellerOrder[],
): Promise<void> {
  for (const option of new Set(orders.map((order) => `${order.shopId}|${order.deliveryOptionId}`))) {
    const [shopId, deliveryOptionId] = option.split('|') as [string, string];
    await callOk(request, station, 'carriers.defaults.set', {
      shopId,
      deliveryOptionId,
      provider: { id: PROVIDER_IDS.UPS, name: 'UPS' },
    });
  }
}

interface VirtualPrint {
  id: number;
  text: string[];
  barcodes: string[];
}

/** Text a label printer writes with its own font (ASCII and Latin-1); other scripts travel as images. */
const nativeText = (text: string) => /^[\x20-\x7e\u00a0-\u00ff]*$/.test(text);

test('a verified order prints by itself to the virtual printer over TCP, and the bytes carry every field and a scannable tracking barcode', async ({
  page,
  station,
  request,
}) => {
  const [order] = (await sellerOrders(station.dataDir)).filter((candidate) =>
    nativeText(candidate.name + candidate.line),
  );
  expect(order).toBeDefined();

  // A supervisor sets up, once, the carrier for these orders' delivery option and its tracking-number range in Settings.
  await callOk(request, station, 'session.login', { pin: SUPERVISOR_PIN });
  await withUps(request, station, [order!]);
  await callOk(request, station, 'session.lock', {});
  await signIn(page, station, SUPERVISOR_PIN);
  await page.keyboard.press('F5');
  const ranges = page.getByRole('region', { name: 'Tracking-number ranges' });
  const range = RANGES[order!.carrier];
  await ranges.getByLabel('Carrier').fill(order!.carrier);
  await ranges.getByLabel('Format').selectOption(range.formatId);
  await ranges.getByLabel('Prefix').fill(range.prefix);
  await ranges.getByLabel('Suffix').fill(range.suffix);
  await ranges.getByLabel('Serial digits').fill(String(range.serialWidth));
  await ranges.getByLabel('First serial').fill(String(range.first));
  await ranges.getByLabel('Last serial').fill(String(range.last));
  await ranges.getByLabel('Marketplace provider id').fill(PROVIDER_IDS[order!.carrier]);
  await ranges.getByRole('button', { name: 'Add range' }).click();
  await expect(ranges.getByRole('cell', { name: order!.carrier, exact: true })).toBeVisible();
  await expect(page.getByTestId('virtual-printer-state')).toContainText('On, listening on 127.0.0.1:');
  await page.getByRole('button', { name: 'Lock' }).click();

  // The packer verifies the order by scanning it and each item; the label prints on its own.
  await signIn(page, station);
  await expect(page.getByTestId('pack-screen')).toBeVisible();
  await scan(page, order!.id);
  for (const code of order!.codes) await scan(page, code);

  await page.keyboard.press('F5');
  const printed = page.getByTestId('virtual-print');
  await expect(printed).toHaveCount(1, { timeout: 20_000 });
  await expect(printed.getByRole('img')).toBeVisible();
  await expect(page.getByTestId('printable-orders')).toContainText('labelled');

  const [print] = await callOk<VirtualPrint[]>(request, station, 'printing.virtual.prints', { limit: 5 });
  const { bytes } = await callOk<{ bytes: string }>(request, station, 'printing.virtual.image', { id: print!.id });
  const decoded = decodePrintJob(Buffer.from(bytes, 'base64'));
  expect(decoded.language).toBe('zpl');
  const text = decoded.text.join('\n');
  const [job] = await callOk<Array<{ trackingNumber: string; state: string }>>(request, station, 'printing.jobs', {
    orderId: order!.id,
  });
  expect(job).toMatchObject({ state: 'done' });
  expect(validateTracking(order!.carrier, job!.trackingNumber)).toMatchObject({ ok: true });
  const today = new Date().toISOString().slice(0, 4);
  for (const field of [
    order!.name,
    order!.line,
    order!.postalCode,
    `ORDER ${order!.id}`,
    'Packbench Demo Store',
    '100 Warehouse Way',
    '89502',
    order!.carrier,
    'SHIP DATE ' + today,
    'WEIGHT ',
    job!.trackingNumber,
  ]) {
    expect(text, field).toContain(field);
  }
  expect(text).toMatch(/STANDARD|EXPRESS|ECONOMY/);
  expect(readCode128(decoded.pages[0]!)).toEqual(expect.arrayContaining([job!.trackingNumber, order!.id]));
});

test.describe('batch printing', () => {
  // A roll of six labels: the printer runs out in the middle of a batch of ten, at the same label on any machine.
  test.use({ stationEnv: { PACKBENCH_AUTO_PRINT: '0', PACKBENCH_VIRTUAL_PRINTER_ROLL: '6' } });

  test('the roll runs out and the printer is switched off mid-batch: no job is lost, labels wait and say why, and finish once it is back, each printed once', async ({
    page,
    station,
    request,
  }) => {
    const orders = (await sellerOrders(station.dataDir)).slice(0, 10);
    expect(orders.length).toBe(10);
    await callOk(request, station, 'session.login', { pin: SUPERVISOR_PIN });
    await withUps(request, station, orders);
    for (const carrier of new Set(orders.map((order) => order.carrier))) {
      await callOk(request, station, 'printing.addRange', {
        carrier,
        ...RANGES[carrier],
        shippingProviderId: PROVIDER_IDS[carrier],
      });
    }
    await callOk(request, station, 'session.login', { pin: PACKER_PIN });
    for (const order of orders) {
      await callOk(request, station, 'pack.scan', { text: order.id, source: 'scanner' });
      for (const code of order.codes) await callOk(request, station, 'pack.scan', { text: code, source: 'scanner' });
    }
    await callOk(request, station, 'session.lock', {});

    await signIn(page, station);
    await page.keyboard.press('F5');
    const labels = page.getByRole('region', { name: 'Labels' });
    await labels.getByRole('button', { name: 'Select all' }).click();
    await labels.getByRole('button', { name: 'Print 10 selected' }).click();
    const progress = page.getByTestId('batch-progress');
    await expect(progress.getByRole('alert')).toContainText('out of labels', { timeout: 20_000 });
    await expect(progress).toContainText('6 of 10 printed, 0 failed, 4 to go');

    await page.getByRole('button', { name: 'Switch off' }).click();
    await expect(progress.getByRole('alert')).toContainText('The label printer does not answer', {
      timeout: 20_000,
    });
    await expect(progress).toContainText('6 of 10 printed, 0 failed, 4 to go');
    await page.getByRole('button', { name: 'Switch on' }).click();
    await expect(progress.getByRole('alert')).toContainText('out of labels', { timeout: 20_000 });

    await page.getByRole('button', { name: 'Load labels' }).click();
    await expect(progress).toContainText('10 of 10 printed, 0 failed, 0 to go', { timeout: 30_000 });
    await expect(progress).toContainText('finished');

    const prints = await callOk<VirtualPrint[]>(request, station, 'printing.virtual.prints', { limit: 50 });
    expect(prints).toHaveLength(10);
    expect(
      prints.map((print) => print.barcodes.find((code) => orders.some((order) => order.id === code))).sort(),
    ).toEqual(orders.map((order) => order.id).sort());
  });
});
