import type { APIRequestContext } from '@playwright/test';
import { PROVIDER_IDS, SHOPS } from '../../electron/core/sandbox/world';
import { decodePrintJob } from '../../electron/core/printing/virtual-printer/decode';
import { orderScanCodes, queryStationDb } from '../support/station-db';
import type { StationProcess } from '../support/station-process';
import { upsRange } from '../support/tracking-ranges';
import { callOk, expect, scan, signIn, SUPERVISOR_PIN, test } from './fixtures';

/** A seller-shipped order of the sandbox's US local shop, waiting to be packed, once the pull has stored it. */
async function sellerOrder(dataDir: string): Promise<{ id: string; shop_id: string; delivery_option_id: string }> {
  const usLocal = SHOPS.find((shop) => shop.region === 'US' && shop.sellerType === 'LOCAL')!.id;
  const find = () =>
    queryStationDb<{ id: string; shop_id: string; delivery_option_id: string }>(
      dataDir,
      `SELECT o.id, o.shop_id, o.delivery_option_id FROM orders o WHERE o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
         AND o.shipping_type = 'SELLER' AND o.shop_id = ? AND o.delivery_option_id IS NOT NULL AND o.service IN ('standard', 'express')
         AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 3 ORDER BY o.pack_by, o.id LIMIT 1`,
      usLocal,
    )[0];
  await expect.poll(find, { timeout: 20_000 }).toBeDefined();
  return find()!;
}

/** The desk's set-up a supervisor does once, through the station's API, locking again so the packer signs in after. */
async function supervisorSetsUp(
  request: APIRequestContext,
  station: StationProcess,
  calls: Array<[name: string, data: unknown]>,
): Promise<void> {
  await callOk(request, station, 'session.login', { pin: SUPERVISOR_PIN });
  for (const [name, data] of calls) await callOk(request, station, name, data);
  await callOk(request, station, 'session.lock', {});
}

test('the virtual scale’s weight shows at the bench, is recorded when the order is packed, and prints on its label', async ({
  page,
  station,
  request,
}) => {
  const order = await sellerOrder(station.dataDir);

  // UPS for this delivery option, and a UPS tracking-number range.
  await supervisorSetsUp(request, station, [
    [
      'carriers.defaults.set',
      {
        shopId: order.shop_id,
        deliveryOptionId: order.delivery_option_id,
        provider: { id: PROVIDER_IDS.UPS, name: 'UPS' },
      },
    ],
    ['printing.addRange', upsRange({ last: 9_999_999, shippingProviderId: PROVIDER_IDS.UPS })],
  ]);

  await signIn(page, station);
  const weight = page.getByTestId('scale-weight');
  await expect(page.getByTestId('scale-readout')).toContainText('Virtual scale');
  // The box goes on the scale: it swings, then settles. The scale shows ounces; the bench reads its report bytes.
  await callOk(request, station, 'scale.virtual.set', { grams: 1240, unit: 'oz', settleMs: 400 });
  await expect(weight).toHaveAttribute('data-state', 'stable');
  await expect(weight).toContainText('1.24 kg');
  await expect(weight).toContainText('steady');

  await scan(page, order.id);
  await expect(page.getByTestId('pack-verdict')).toHaveAttribute('data-kind', /order_opened|order_resumed/);
  await expect(page.getByTestId('scale-recorded')).toContainText('Not weighed yet');
  for (const code of orderScanCodes(station.dataDir, order.id)) await scan(page, code);
  await expect(page.getByTestId('pack-prompt')).toContainText('Complete');
  await expect(page.getByTestId('scale-recorded')).toContainText('Recorded: 1.24 kg');
  expect(
    queryStationDb(station.dataDir, 'SELECT grams, source FROM parcel_weights WHERE order_id = ?', order.id),
  ).toEqual([{ grams: 1239, source: 'virtual' }]);

  await expect(page.getByTestId('label-status')).toHaveAttribute('data-state', 'printed', { timeout: 20_000 });
  const [print] = await callOk<Array<{ id: number }>>(request, station, 'printing.virtual.prints', { limit: 1 });
  const { bytes } = await callOk<{ bytes: string }>(request, station, 'printing.virtual.image', { id: print!.id });
  const text = decodePrintJob(Buffer.from(bytes, 'base64')).text.join('\n');
  expect(text).toContain(`ORDER ${order.id}`);
  expect(text).toContain('WEIGHT 1.24 kg');

  // More padding went in: the parcel goes back on the scale and Ctrl+G records it again (a reprint would carry it).
  await callOk(request, station, 'scale.virtual.set', { grams: 2000 });
  await expect(weight).toContainText('2.00 kg');
  await page.keyboard.press('Control+g');
  await expect(page.getByTestId('scale-recorded')).toContainText('Recorded: 2.00 kg');
});

test('without a scale the packer types the weight; it is recorded with the parcel when the order is packed', async ({
  page,
  station,
  request,
}) => {
  const order = await sellerOrder(station.dataDir);
  await supervisorSetsUp(request, station, [['settings.update', { key: 'scale.virtual', value: 'off' }]]);

  await signIn(page, station);
  const readout = page.getByTestId('scale-readout');
  await expect(readout).toContainText('No scale');
  const typed = page.getByTestId('scale-typed');
  await typed.fill('2 stone');
  await typed.press('Enter');
  await expect(readout.getByRole('status')).toHaveText('Unknown unit “stone”: use g, kg, oz or lb.');
  await typed.fill('2 lb 3 oz');
  await typed.press('Enter');
  await expect(page.getByTestId('scale-recorded')).toContainText('Typed 992 g: recorded when the order is packed');

  await scan(page, order.id);
  for (const code of orderScanCodes(station.dataDir, order.id)) await scan(page, code);
  await expect(page.getByTestId('pack-prompt')).toContainText('Complete');
  await expect(page.getByTestId('scale-recorded')).toContainText('Recorded: 992 g');
  expect(
    queryStationDb(station.dataDir, 'SELECT grams, source FROM parcel_weights WHERE order_id = ?', order.id),
  ).toEqual([{ grams: 992, source: 'typed' }]);
});
