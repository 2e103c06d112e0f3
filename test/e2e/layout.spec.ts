import type { Page, TestInfo } from '@playwright/test';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { rasterFromRgba } from '../../electron/core/printing/raster';
import { COMMAND_BARCODES } from '../../shared/domain/scan/commands';
import { HOUR_MS } from '../../shared/domain/deadlines/buckets';
import type { OrderInput } from '../../shared/domain/orders/order';
import { readCode128 } from '../support/label-barcodes';
import { makeOrder } from '../support/order-fixtures';
import { startStationProcess, type StationProcess } from '../support/station-process';
import { seededDataDir } from './dashboard-seed';
import { expect, scan, SUPERVISOR_PIN, test } from './fixtures';

/** The desk monitor most warehouses have, and the common full-HD one. */
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LOCALES = ['en', 'zh-CN'] as const;
const SIX_LINES = 'LAYOUT-SIX-LINES';

/** Six SKUs with long names and variants, the way marketplace listings are written, one of them Chinese. */
function sixLineOrder(now: number, imageBase: string): OrderInput {
  const products = [
    [
      'sku-lamp',
      'LAMP-01',
      'Adjustable LED desk lamp with wireless charging base and USB-C port',
      'Matte black, EU plug',
    ],
    ['sku-mug', 'MUG-350', 'Ceramic travel mug 350 ml', 'Sage green'],
    ['sku-cable', 'CBL-USBC-2M', 'Braided USB-C to USB-C charging cable, 100 W fast charge, 2 metres', 'Grey / 2 m'],
    ['sku-case', 'CASE-IP15', 'Shockproof clear phone case', 'iPhone 15 Pro Max'],
    ['sku-tea', 'TEA-LJ-250', '西湖龙井绿茶 特级 明前新茶 礼盒装', '250 克 / 罐'],
    ['sku-sock', 'SOCK-M-3P', 'Merino wool hiking socks, 3 pairs', 'M (EU 39-42)'],
  ] as const;
  const lines = products.flatMap(([skuId, sellerSku, productName, skuName], i) =>
    Array.from({ length: i === 1 ? 3 : 1 }, (_, unit) => ({
      id: `${SIX_LINES}-${i}-${unit}`,
      skuId,
      sellerSku,
      productName,
      skuName,
      salePrice: '9.99',
      // Two lines with a picture on a local image host, one whose host answers nothing: it shows its initials.
      imageUrl: i < 2 ? `${imageBase}/${skuId}.png` : i === 2 ? `${imageBase}/missing.png` : null,
    })),
  );
  return makeOrder(
    {
      id: SIX_LINES,
      paidAt: now - 40 * HOUR_MS,
      buyerMessage: 'Please pack the mugs carefully, they are a gift for my mother',
      lines,
    },
    now,
  );
}

/**
 * Elements that clip (overflow hidden or clip, or paint containment) and hold more than their box shows, and the
 * page's horizontal overflow. Scrolling regions (overflow auto) are not clipping: their content can be reached; nor
 * is a clamped text whose whole is in a title (a tooltip).
 */
async function clipped(page: Page): Promise<{ cut: string[]; pageWider: boolean }> {
  // A string: the test project has no DOM types; this runs in the page.
  return page.evaluate(`(() => {
    const name = (el) => \`\${el.tagName.toLowerCase()}\${el.id ? \`#\${el.id}\` : ''}\${[...el.classList].map((c) => \`.\${c}\`).join('')} "\${(el.textContent ?? '').trim().slice(0, 60)}"\`;
    const cut = [];
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || el.getClientRects().length === 0) continue;
      const clipsX = ['hidden', 'clip'].includes(style.overflowX) || /strict|content|paint/.test(style.contain);
      const clipsY = ['hidden', 'clip'].includes(style.overflowY) || /strict|content|paint/.test(style.contain);
      // Replaced and form elements scroll their own content by design (a long value in an input).
      if (['INPUT', 'SELECT', 'TEXTAREA', 'IMG', 'VIDEO', 'CANVAS', 'SVG', 'PROGRESS'].includes(el.tagName.toUpperCase())) continue;
      // A fixed-height row of a long virtual list (Orders) may clamp a long text if the whole of it is one hover away.
      const titled = [el, ...el.querySelectorAll('[title]')].some((t) => (t.getAttribute('title') ?? '').trim().length > 0 && (el.textContent ?? '').includes((t.getAttribute('title') ?? '').trim()));
      if (titled) continue;
      if ((clipsY && el.scrollHeight > el.clientHeight + 1) || (clipsX && el.scrollWidth > el.clientWidth + 1)) {
        cut.push(\`\${name(el)} \${el.scrollWidth}x\${el.scrollHeight} in \${el.clientWidth}x\${el.clientHeight}\`);
      }
    }
    return { cut, pageWider: document.documentElement.scrollWidth > window.innerWidth + 1 };
  })()`) as Promise<{ cut: string[]; pageWider: boolean }>;
}

async function shoot(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  // Fonts (the Chinese one is fetched on first use) change every measure: measure after they are in.
  await page.evaluate('document.fonts.ready.then(() => true)');
  const path = testInfo.outputPath(`${label}.png`);
  await page.screenshot({ path });
  await testInfo.attach(label, { path, contentType: 'image/png' });
}

async function check(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  // Fonts (the Chinese one is fetched on first use) change every measure: measure after they are in.
  await shoot(page, testInfo, label);
  const { cut, pageWider } = await clipped(page);
  expect(cut, `${label}: text cut off`).toEqual([]);
  expect(pageWider, `${label}: the page scrolls sideways`).toBe(false);
  // The status line is one row with the signed-in user and Lock on screen.
  const status = page.getByTestId('status-line');
  const box = (await status.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y + box.height, `${label}: status line below the screen`).toBeLessThanOrEqual(viewport.height + 1);
  const lock = status.getByRole('button', { name: /Lock|锁定/ });
  await expect(lock).toBeInViewport({ ratio: 1 });
  // One row: every part's middle on the same line (parts differ in height, a camera thumbnail, a button).
  const middles = await status
    .locator(':scope > *')
    .evaluateAll((parts) =>
      (parts as unknown as Array<{ getBoundingClientRect(): { top: number; height: number } }>)
        .map((part) => part.getBoundingClientRect())
        .map((r) => r.top + r.height / 2),
    );
  expect(Math.max(...middles) - Math.min(...middles), `${label}: status line wraps`).toBeLessThan(6);
}

for (const locale of LOCALES) {
  test.describe(`layout in ${locale}`, () => {
    let station: StationProcess;
    let dataDir: string;
    let images: Server;
    test.beforeAll(async () => {
      const now = Date.now();
      const picture = PNG.sync.write(
        Object.assign(new PNG({ width: 8, height: 8 }), { data: Buffer.alloc(8 * 8 * 4, 0x80) }),
      );
      images = createServer((req, res) =>
        req.url?.startsWith('/sku-')
          ? res.writeHead(200, { 'content-type': 'image/png' }).end(picture)
          : res.writeHead(404).end(),
      );
      await new Promise<void>((done) => images.listen(0, '127.0.0.1', done));
      dataDir = seededDataDir([
        sixLineOrder(now, `http://127.0.0.1:${(images.address() as AddressInfo).port}`),
        ...Array.from({ length: 14 }, (_, i) =>
          makeOrder({ id: `LAYOUT-${String(i).padStart(2, '0')}`, paidAt: now - (50 - i * 3) * HOUR_MS }, now),
        ),
      ]);
      station = await startStationProcess({ PACKBENCH_SANDBOX_ORDERS: '0', PACKBENCH_LOCALE: locale }, dataDir);
    });
    test.afterAll(async () => {
      images.close();
      await station.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    for (const viewport of VIEWPORTS) {
      test(`${viewport.width}x${viewport.height}: nothing cut off, a 6-line order in view, every screen`, async ({
        page,
      }, testInfo) => {
        test.setTimeout(120_000);
        await page.setViewportSize(viewport);
        await page.goto(station.url);
        // The station stays signed in between the tests of one station (its session is the desk's, not the page's).
        const pin = page.getByLabel(/PIN/);
        const lock = page.getByTestId('status-line').getByRole('button', { name: /Lock|锁定/ });
        await expect(pin.or(lock)).toBeVisible();
        if (await pin.isVisible()) {
          await pin.fill(SUPERVISOR_PIN);
          await page.keyboard.press('Enter');
        }
        await expect(lock).toBeVisible();
        const at = `${locale}-${viewport.width}x${viewport.height}`;

        await expect(page.getByTestId('pack-screen')).toBeVisible();
        await scan(page, SIX_LINES);
        const order = page.getByTestId('pack-order');
        await expect(order).toHaveAttribute('data-order-id', SIX_LINES);
        const rows = order.locator('tbody tr');
        await expect(rows).toHaveCount(6);
        // Pictures come through the station (the CSP allows no other origin); a line without one shows its initials.
        for (const i of [0, 1])
          await expect
            .poll(() =>
              rows
                .nth(i)
                .locator('img')
                .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
            )
            .toBe(8);
        await expect(rows.nth(2).locator('.pack-line__image--none')).toHaveText('CU');
        await shoot(page, testInfo, `${at}-pack-order`);
        // The queue flags deadlines as Orders does: paid 50 h ago is overdue, 47 h ago has an hour left (at risk).
        await expect(page.getByTestId('queue-LAYOUT-00').locator('[data-deadline]')).toHaveAttribute(
          'data-deadline',
          'overdue',
        );
        await expect(page.getByTestId('queue-LAYOUT-01').locator('[data-deadline]')).toHaveAttribute(
          'data-deadline',
          'at-risk',
        );
        for (let i = 0; i < 6; i++)
          await expect(rows.nth(i), `${at}: line ${i + 1} below the fold`).toBeInViewport({ ratio: 1 });
        // In view without scrolling: the screen's own scroll region has not moved and need not.
        const scrolled = await page.locator('.app-screen').evaluate((el) => {
          const box = el as unknown as { scrollTop: number; scrollHeight: number; clientHeight: number };
          return box.scrollTop + (box.scrollHeight > box.clientHeight + 1 ? 1 : 0);
        });
        expect(scrolled, `${at}: the pack screen scrolls`).toBe(0);
        await check(page, testInfo, `${at}-pack`);

        for (const [key, screen] of [
          ['F2', 'orders'],
          ['F3', 'pickups'],
          ['F4', 'dashboard'],
          ['F5', 'settings'],
        ] as const) {
          await page.keyboard.press(key);
          await expect(page.getByRole('navigation').locator('button[aria-current="page"]')).toContainText(key);
          await page.waitForLoadState('networkidle').catch(() => undefined);
          await page.waitForTimeout(300);
          await check(page, testInfo, `${at}-${screen}`);
        }
      });
    }
  });
}

test('the command sheet prints every code whole, and each one decodes at print size', async ({
  browser,
  station,
}, testInfo) => {
  // A4 as the browser lays a print out (96 CSS px an inch), rasterised at 288 dpi like a 300 dpi office printer.
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 3 });
  const page = await context.newPage();
  await page.goto(station.url);
  await page.getByLabel('PIN').fill(SUPERVISOR_PIN);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Command sheet' }).click();
  const sheet = page.getByTestId('command-sheet');
  await expect(sheet).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await shoot(page, testInfo, 'command-sheet-print');
  const cards = sheet.locator('figure.pack-command');
  const expected = COMMAND_BARCODES.map((entry) => entry.code);
  await expect(cards).toHaveCount(expected.length);
  const read: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const card = cards.nth(i);
    const bars = card.locator('svg');
    const [cardBox, barsBox] = [(await card.boundingBox())!, (await bars.boundingBox())!];
    expect(barsBox.x + barsBox.width, `${expected[i]} leaves its card`).toBeLessThanOrEqual(
      cardBox.x + cardBox.width + 0.5,
    );
    const png = PNG.sync.read(await bars.screenshot());
    read.push(...readCode128(rasterFromRgba(png.data, png.width, png.height)));
  }
  expect(read.sort()).toEqual([...expected].sort());
  await context.close();
});
