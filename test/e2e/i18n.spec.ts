import type { Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { HOUR_MS } from '../../shared/domain/deadlines/buckets';
import { makeOrder } from '../support/order-fixtures';
import { startStationProcess } from '../support/station-process';
import { seededDataDir } from './dashboard-seed';
import { expect, scan, SUPERVISOR_PIN, test } from './fixtures';

/**
 * Latin words a Chinese UI legitimately shows: the product's and marketplace's names, carrier names, and
 * abbreviations Chinese warehouses use as they are (PIN, SKU, CSV, printer languages, barcode symbologies, unit
 * symbols), and scale makers' names.
 */
const ALLOWED = new Set(
  'Packbench TikTok Shop PIN SKU CSV LAN UPS USPS FedEx DHL ZPL TSPL ESC POS PDF dpi USB TCP URL API HS CN22 CN23 GTIN UPC EAN QR Code 128 GS1 ID mm g kg oz lb Dymo Stamps com'.split(
    ' ',
  ),
);
/** The demo users' names are data, not UI text. */
const DATA = new Set(['Packer', 'Supervisor', 'CN']);
/** Visible text of the page, outside what is marked as data (translate="no", code, kbd), plus placeholders. */
async function visibleLatinWords(page: Page): Promise<string[]> {
  const text = await page.evaluate(`(() => {
    const skip = (el) => el.closest('[translate="no"], code, kbd, script, style, noscript');
    const shown = (el) => {
      const style = getComputedStyle(el);
      return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
    };
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (el && !skip(el) && shown(el)) parts.push(node.textContent);
    }
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) if (!skip(el) && shown(el)) parts.push(el.placeholder);
    for (const el of document.querySelectorAll('select')) if (!skip(el) && shown(el) && el.selectedOptions[0] && !skip(el.selectedOptions[0])) parts.push(el.selectedOptions[0].textContent);
    return parts.join(' ');
  })()`);
  return [...new Set((text as string).match(/[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?/g) ?? [])].filter(
    (word) => !ALLOWED.has(word) && !DATA.has(word) && !/^F\d+$/.test(word),
  );
}

test('switching to Chinese changes the whole UI, at once and without a reload', async ({ page }) => {
  // Orders a Chinese warehouse would hold, so every screen shows rows of data and not only its empty state.
  const now = Date.now();
  const recipient = {
    name: '张伟',
    phone: '138****0000',
    lines: ['南山区科技园 8 号'],
    city: '深圳',
    region: '广东',
    postalCode: '518000',
    countryCode: 'CN',
  };
  const dataDir = seededDataDir(
    ['5760001001', '5760001002', '5760001003'].map((id, i) =>
      makeOrder(
        {
          id,
          recipient,
          paidAt: now - (44 - i * 20) * HOUR_MS,
          lines: [
            {
              id: `${id}-1`,
              skuId: 'sku-lamp',
              sellerSku: '690001',
              productName: '台灯',
              salePrice: '99.00',
              currency: 'CNY',
            },
          ],
        },
        now,
      ),
    ),
  );
  const station = await startStationProcess({ PACKBENCH_STATION_ID: '一号台', PACKBENCH_SANDBOX_ORDERS: '0' }, dataDir);
  try {
    await page.goto(station.url);
    await page.getByLabel('PIN').fill(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-line')).toContainText('Signed in');
    await page.keyboard.press('F5');
    await page.evaluate('window.__notReloaded = true');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('button', { name: /打包/ })).toBeVisible();
    expect(await page.evaluate('window.__notReloaded')).toBe(true);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    const leftovers: Record<string, string[]> = {};
    for (const [key, name] of [
      ['F1', '打包'],
      ['F2', '订单'],
      ['F3', '揽收'],
      ['F4', '看板'],
      ['F5', '设置'],
    ] as const) {
      await page.keyboard.press(key);
      await expect(nav.getByRole('button', { name: new RegExp(name) })).toHaveAttribute('aria-current', 'page');
      // On the pack screen, open an order by scanning it so its lines and verdicts show too.
      if (key === 'F1') await scan(page, '5760001001');
      // Let the screen load its data before reading it.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      leftovers[name] = await visibleLatinWords(page);
    }
    await page.keyboard.press('F4');
    await page.getByRole('button', { name: '审计日志' }).click();
    await expect(page.getByTestId('audit-screen')).toBeVisible();
    leftovers['审计日志'] = await visibleLatinWords(page);
    expect(leftovers).toEqual(Object.fromEntries(Object.keys(leftovers).map((screen) => [screen, []])));

    // Dates and numbers follow the language too.
    await page.getByRole('button', { name: /返回/ }).click();
    await expect(page.getByTestId('dashboard')).toContainText('更新于');
  } finally {
    await station.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
