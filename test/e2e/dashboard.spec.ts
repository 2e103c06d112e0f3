import { rmSync } from 'node:fs';
import { HOUR_MS } from '../../shared/domain/deadlines/buckets';
import { startStationProcess, type StationProcess } from '../support/station-process';
import { makeOrder } from '../support/order-fixtures';
import { seededDataDir, zoneAtTwoInTheMorning } from './dashboard-seed';
import { callOk, expect, SUPERVISOR_PIN, test } from './fixtures';

const CARRIER = 'UPS';
const row = (bucket: string) => `bucket-packBy-${bucket}-carrier-${CARRIER}`;

test.describe('deadline dashboard', () => {
  let station: StationProcess;
  let dataDir: string;
  test.beforeEach(async () => {
    const now = Date.now();
    const order = (id: string, paidHoursAgo: number, trackingNumber: string | null = null) =>
      makeOrder(
        {
          id,
          carrier: CARRIER,
          paidAt: now - paidHoursAgo * HOUR_MS,
          packages: [{ id: `pkg-${id}`, trackingNumber, shippingProviderId: 'ups', shippingProviderName: 'UPS' }],
        },
        now,
      );
    dataDir = seededDataDir([
      order('E2E-OVERDUE', 50), // pack-by 2 h ago
      // 4 h left; its UPS tracking number lets the station print its label as soon as it is packed.
      order('E2E-AT-RISK', 44, '1Z999AA10123456784'),
      order('E2E-TODAY', 38), // 10 h left, before local midnight (about 22 h away)
      order('E2E-LATER', 1), // 47 h left
    ]);
    // The embedded sandbox marketplace starts empty, so the seeded orders are the station's only ones.
    station = await startStationProcess(
      { PACKBENCH_TIME_ZONE: zoneAtTwoInTheMorning(now), PACKBENCH_SANDBOX_ORDERS: '0' },
      dataDir,
    );
  });
  test.afterEach(async () => {
    await station.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('seeded orders at known ages land in the right buckets, and packing one moves it live', async ({
    page,
    request,
  }) => {
    await page.goto(station.url);
    await page.getByLabel('PIN').fill(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await page.keyboard.press('F4');
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

    await expect(page.getByTestId(row('overdue'))).toHaveText('1');
    await expect(page.getByTestId(row('atRisk'))).toHaveText('1');
    await expect(page.getByTestId(row('dueToday'))).toHaveText('1');
    await expect(page.getByTestId(row('later'))).toHaveText('1');
    await expect(page.getByTestId(`bucket-handoverBy-later-carrier-${CARRIER}`)).toHaveText('4');

    // Every number opens the orders behind it.
    await page.getByTestId(row('atRisk')).click();
    const drill = page.getByTestId('drill-down');
    await expect(drill.getByRole('heading')).toContainText('At risk');
    await expect(drill.getByRole('cell', { name: 'E2E-AT-RISK' })).toBeVisible();
    await expect(drill.getByRole('cell', { name: /E2E-(OVERDUE|TODAY|LATER)/ })).toHaveCount(0);
    await drill.getByRole('button', { name: 'Close' }).click();

    const packedBefore = Number(await page.getByTestId('kpi-packed').textContent());
    // Packed at this desk with the pack screen's own calls, as its scanner flow makes them: open, scan the item.
    const call = (name: string, input: unknown) => callOk(request, station, name, input);
    await call('pack.open', { orderId: 'E2E-AT-RISK' });
    await call('pack.scan', { text: 'LAMP-01', source: 'scanner' });

    // No reload: the dashboard follows the station's events. Packed and labelled, it is off the pack-by clock.
    await expect(page.getByTestId('kpi-packed')).toHaveText(String(packedBefore + 1));
    await expect(page.getByTestId(row('atRisk'))).toHaveText('0');
    await expect(page.getByTestId('bucket-packBy-atRisk')).toHaveText('0');
    await expect(page.getByTestId(row('overdue'))).toHaveText('1');
    await expect(page.getByTestId(`bucket-handoverBy-later-carrier-${CARRIER}`)).toHaveText('4');
  });

  test('big-screen mode fills the display and Esc leaves it', async ({ page }) => {
    await page.goto(station.url);
    await page.getByLabel('PIN').fill(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await page.keyboard.press('F4');
    await page.getByRole('button', { name: 'Big screen' }).click();
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard).toHaveClass(/dashboard--big/);
    const box = await dashboard.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box).toMatchObject({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    // The screen list and status line are under it, not beside it.
    expect(await page.evaluate(`document.elementFromPoint(5, 5)?.closest('[data-testid="dashboard"]') !== null`)).toBe(
      true,
    );
    await page.keyboard.press('Escape');
    await expect(dashboard).not.toHaveClass(/dashboard--big/);
  });
});
