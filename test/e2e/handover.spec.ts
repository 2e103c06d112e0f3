import type { APIRequestContext } from '@playwright/test';
import type { StationProcess } from '../support/station-process';
import { orderScanCodes, queryStationDb } from '../support/station-db';
import { callOk, expect, PACKER_PIN, scan, signIn, test } from './fixtures';

/**
 * Packs an order through the station's pack calls, exactly as the scanner would on the Pack screen; TikTok ships it,
 * so Ship Package goes with the last item and TikTok's label prints once TikTok accepted it.
 */
async function pack(request: APIRequestContext, station: StationProcess, orderId: string): Promise<void> {
  for (const text of [orderId, ...orderScanCodes(station.dataDir, orderId)])
    await callOk(request, station, 'pack.scan', { text, source: 'scanner' });
  await expect
    .poll(
      () =>
        queryStationDb<{ s: string }>(
          station.dataDir,
          'SELECT station_state AS s FROM orders WHERE id = ?',
          orderId,
        )[0]!.s,
      { timeout: 20_000 },
    )
    .toBe('labelled');
}

test('handover manifest: one parcel missing, one that does not belong, closed with a handover photo', async ({
  page,
  station,
  request,
}) => {
  await expect
    .poll(
      () =>
        queryStationDb<{ n: number }>(
          station.dataDir,
          "SELECT count(*) AS n FROM orders WHERE status = 'AWAITING_SHIPMENT'",
        )[0]!.n,
      { timeout: 20_000 },
    )
    .toBeGreaterThan(10);
  const candidates = queryStationDb<{ id: string; carrier: string; package_id: string }>(
    station.dataDir,
    `SELECT o.id, coalesce(p.shipping_provider_name, o.carrier, o.delivery_option_name) AS carrier, p.id AS package_id FROM orders o JOIN packages p ON p.order_id = o.id
     WHERE o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued' AND o.shipping_type = 'TIKTOK'
       AND (SELECT count(*) FROM packages q WHERE q.order_id = o.id) = 1 AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 3
     ORDER BY o.carrier, o.id`,
  );
  const byCarrier = new Map<string, typeof candidates>();
  for (const c of candidates) byCarrier.set(c.carrier, [...(byCarrier.get(c.carrier) ?? []), c]);
  const [carrier, ours] = [...byCarrier.entries()].find(([, list]) => list.length >= 3)!;
  const expected = ours.slice(0, 3);
  const foreign = candidates.find((c) => c.carrier !== carrier)!;

  // Four parcels packed and labelled: the handover takes only parcels whose label printed and whose ship write is queued.
  await callOk(request, station, 'session.login', { pin: PACKER_PIN });
  for (const order of [...expected, foreign]) await pack(request, station, order.id);
  await callOk(request, station, 'session.lock', {});

  await signIn(page, station);
  await page.keyboard.press('F3');
  await expect(page.getByRole('heading', { name: 'Pickups and handover' })).toBeVisible();
  const group = page.getByTestId(`group-${carrier}`);
  await expect(group).toContainText('3 parcels');
  await group.getByRole('button', { name: 'Add to pickup' }).click();
  await page.getByLabel('Driver name').fill('Alex Driver');
  await page.getByRole('button', { name: 'Scan handover' }).click();

  const manifest = page.getByTestId('manifest');
  await expect(page.getByTestId('manifest-count')).toContainText('Scanned 0 / Expected 3');
  // The driver takes two of the three, and someone hands over a parcel of another carrier by mistake.
  await scan(page, expected[0]!.package_id);
  await expect(page.getByTestId('manifest-verdict')).toContainText('on the manifest');
  await scan(page, expected[1]!.package_id);
  await scan(page, foreign.package_id);
  await expect(page.getByTestId('manifest-verdict')).toContainText(
    `${foreign.package_id} does not belong to this pickup`,
  );
  await scan(page, expected[1]!.package_id);
  await expect(page.getByTestId('manifest-verdict')).toContainText('was already scanned');
  await expect(page.getByTestId('manifest-count')).toContainText('Scanned 2 / Expected 3');
  await expect(page.getByTestId('manifest-missing')).toContainText(expected[2]!.id);
  await expect(page.getByTestId('manifest-missing').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('manifest-foreign')).toContainText(foreign.package_id);
  await expect(page.getByTestId('manifest-foreign').locator('li')).toHaveCount(1);

  // Closing needs the handover photo: the desk camera (Chromium's fake one) takes it.
  await manifest.getByRole('button', { name: 'Close manifest' }).click();
  await expect(manifest.getByRole('alert')).toContainText('Take the handover photo');
  const camera = page.getByTestId('camera-handover');
  await camera.getByRole('button', { name: 'Take photo' }).click();
  await expect(camera.getByRole('status')).toContainText('Photo saved');
  await manifest.getByRole('button', { name: 'Close manifest' }).click();
  await expect(manifest).toContainText('Handed over: 2 of 3 parcels');

  const [row] = queryStationDb<{ id: number; state: string }>(station.dataDir, 'SELECT id, state FROM manifests');
  expect(row!.state).toBe('closed');
  const photos = queryStationDb<{ purpose: string; size: number; sha256: string }>(
    station.dataDir,
    'SELECT purpose, size, sha256 FROM photos WHERE manifest_id = ?',
    row!.id,
  );
  expect(photos).toHaveLength(1);
  expect(photos[0]!.purpose).toBe('handover');
  const states = queryStationDb<{ id: string; station_state: string }>(
    station.dataDir,
    `SELECT id, station_state FROM orders WHERE id IN (?, ?, ?, ?) ORDER BY id`,
    ...[...expected, foreign].map((o) => o.id),
  );
  expect(Object.fromEntries(states.map((s) => [s.id, s.station_state]))).toEqual({
    [expected[0]!.id]: 'handed_over',
    [expected[1]!.id]: 'handed_over',
    [expected[2]!.id]: 'labelled',
    [foreign.id]: 'labelled',
  });
  // Each parcel that left owes the marketplace its handover confirmation, queued in the same transaction.
  const writes = queryStationDb<{ order_id: string }>(
    station.dataDir,
    "SELECT order_id FROM outbox WHERE kind = 'handover.confirm' ORDER BY order_id",
  );
  expect(writes.map((w) => w.order_id)).toEqual([expected[0]!.id, expected[1]!.id].sort());

  // The manifest prints on A4 for the driver to sign, listing what went, what is missing and what did not belong.
  const printed = (await callOk(request, station, 'manifest.print', { manifestId: row!.id })) as { html: string };
  expect(printed.html).toContain('size: A4');
  expect(printed.html).toContain('Alex Driver');
  expect(printed.html).toContain(foreign.package_id);

  // Back on the list: the missing parcel waits for the next pickup of its carrier.
  await page.getByRole('button', { name: 'Back to pickups' }).click();
  await expect(page.getByTestId(`group-${carrier}`)).toContainText('1 parcel');
});
