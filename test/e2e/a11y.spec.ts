import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { HOUR_MS } from '../../shared/domain/deadlines/buckets';
import { makeOrder } from '../support/order-fixtures';
import { startStationProcess, type StationProcess } from '../support/station-process';
import { seededDataDir } from './dashboard-seed';
import { expect, scan, SUPERVISOR_PIN, test } from './fixtures';

/** axe-core's findings that stop a packer or a screen-reader user, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    );
}

test.describe('accessibility', () => {
  let station: StationProcess;
  let dataDir: string;
  test.beforeAll(async () => {
    const now = Date.now();
    const lines = ['Desk lamp', 'Travel mug', 'USB-C cable'].map((name, i) => ({
      id: `A11Y-1-${i}`,
      skuId: `sku-${i}`,
      sellerSku: `SKU-${i}`,
      productName: name,
      skuName: 'Black',
      salePrice: '9.99',
    }));
    dataDir = seededDataDir([
      makeOrder({ id: 'A11Y-1', paidAt: now - 40 * HOUR_MS, buyerMessage: 'Gift wrap please', lines }, now),
      makeOrder({ id: 'A11Y-2', paidAt: now - 50 * HOUR_MS }, now),
    ]);
    station = await startStationProcess({ PACKBENCH_SANDBOX_ORDERS: '0' }, dataDir);
  });
  test.afterAll(async () => {
    await station.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('no serious or critical axe-core violation on the lock screen and every screen, in English and Chinese', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(station.url);
    const pin = page.getByLabel('PIN');
    await expect(pin).toBeVisible();
    const found = (await seriousViolations(page)).map((v) => `lock screen: ${v}`);
    await pin.fill(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-line')).toContainText('Signed in');

    for (const locale of ['en', 'zh-CN']) {
      if (locale !== 'en') {
        await page.keyboard.press('F5');
        await page.getByTestId('language-switch').selectOption(locale);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
      }
      await page.keyboard.press('F1');
      await scan(page, 'A11Y-1');
      await expect(page.getByTestId('pack-order')).toHaveAttribute('data-order-id', 'A11Y-1');
      found.push(...(await seriousViolations(page)).map((v) => `${locale} pack: ${v}`));
      for (const [key, screen] of [
        ['F2', 'orders'],
        ['F3', 'pickups'],
        ['F4', 'dashboard'],
        ['F5', 'settings'],
      ] as const) {
        await page.keyboard.press(key);
        await expect(page.getByRole('navigation').locator('button[aria-current="page"]')).toContainText(key);
        await page.waitForTimeout(500);
        found.push(...(await seriousViolations(page)).map((v) => `${locale} ${screen}: ${v}`));
      }
    }
    expect(found).toEqual([]);
  });
});
