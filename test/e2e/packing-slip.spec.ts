import type { APIRequestContext, Page } from '@playwright/test';
import type { StationProcess } from '../support/station-process';
import { orderScanCodes, queryStationDb } from '../support/station-db';
import { callOk, expect, scan, signIn, SUPERVISOR_PIN, test } from './fixtures';

interface VirtualPrint {
  id: number;
  text: string[];
}

/** A TikTok-shipped order of the embedded sandbox (one package, a few units) waiting to be packed, gift or not. */
async function tiktokOrder(station: StationProcess, gift: boolean): Promise<string> {
  const find = () =>
    queryStationDb<{ id: string }>(
      station.dataDir,
      `SELECT o.id FROM orders o WHERE o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
         AND json_extract(o.recipient, '$.countryCode') != 'BR' AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1
         AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 4
         AND ${gift ? '' : 'NOT '}EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.is_gift = 1)
       ORDER BY o.pack_by, o.id LIMIT 1`,
    )[0]?.id;
  await expect.poll(find, { timeout: 30_000 }).toBeDefined();
  return find()!;
}

/** Packs the order at the desk as a packer does and waits until TikTok's label printed. */
async function pack(page: Page, station: StationProcess, orderId: string): Promise<void> {
  await scan(page, orderId);
  await expect(page.getByTestId('pack-verdict')).toHaveAttribute('data-kind', /order_opened|order_resumed/);
  for (const code of orderScanCodes(station.dataDir, orderId)) await scan(page, code);
  await expect(page.getByTestId('label-status')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 });
}

/** The packing slips the virtual printer printed for an order, read back from the printer. */
async function slipsAtPrinter(request: APIRequestContext, station: StationProcess, orderId: string) {
  const prints = await callOk<VirtualPrint[]>(request, station, 'printing.virtual.prints', { limit: 50 });
  return prints.filter(
    (print) => print.text.some((text) => text.startsWith('PACKING SLIP')) && print.text.includes(`Order ${orderId}`),
  );
}

test('a supervisor turns packing slips on in Settings; the gift order gets its slip without any price, the normal order with its total', async ({
  page,
  station,
  request,
}) => {
  const gift = await tiktokOrder(station, true);
  const normal = await tiktokOrder(station, false);

  // The supervisor turns the setting on in Settings, as they would at the desk.
  await signIn(page, station, SUPERVISOR_PIN);
  await page.keyboard.press('F5');
  const row = page.getByRole('row', { name: /printing\.packingSlip/ });
  await expect(row).toContainText('Packing slip after the label');
  await row.getByRole('combobox').selectOption({ label: 'With every label' });
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'printing.packingSlip' })).toBeVisible();
  await page.getByRole('button', { name: 'Lock' }).click();

  await signIn(page, station);
  await expect(page.getByTestId('pack-screen')).toBeVisible();
  await pack(page, station, gift);
  await expect.poll(async () => (await slipsAtPrinter(request, station, gift)).length, { timeout: 20_000 }).toBe(1);
  const [giftSlip] = await slipsAtPrinter(request, station, gift);
  const giftText = giftSlip!.text.join('\n');
  expect(giftText).toContain('PACKING SLIP - GIFT');
  const lines = queryStationDb<{ seller_sku: string; currency: string; sale_price: string }>(
    station.dataDir,
    'SELECT seller_sku, currency, sale_price FROM order_lines WHERE order_id = ?',
    gift,
  );
  for (const line of lines) {
    expect(giftText).toContain(`SKU ${line.seller_sku}`);
    expect(giftText).not.toContain(line.currency);
  }
  expect(giftText).not.toMatch(/Total|Amount|\d+\.\d\d\b/);

  await pack(page, station, normal);
  await expect.poll(async () => (await slipsAtPrinter(request, station, normal)).length, { timeout: 20_000 }).toBe(1);
  const [normalSlip] = await slipsAtPrinter(request, station, normal);
  expect(normalSlip!.text.join('\n')).toMatch(/Total [A-Z]{3} \d+/);
  // The slip came after its label, on the same printer.
  const kinds = queryStationDb<{ kind: string; printer_uri: string }>(
    station.dataDir,
    'SELECT kind, printer_uri FROM print_jobs WHERE order_id = ? ORDER BY id',
    normal,
  );
  expect(kinds.map((job) => job.kind)).toEqual(['label', 'document']);
  expect(new Set(kinds.map((job) => job.printer_uri)).size).toBe(1);

  // Another slip only when the packer asks for one.
  await page.getByTestId('label-status').getByRole('button', { name: 'Print packing slip' }).click();
  await expect(page.getByTestId('label-slip-outcome')).toHaveText('Packing slip sent to the printer.');
  await expect.poll(async () => (await slipsAtPrinter(request, station, normal)).length, { timeout: 20_000 }).toBe(2);
});
