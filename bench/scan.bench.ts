/**
 * Scan -> verdict painted, in Chromium against a real station process: 1,000 scans of the items of one order with
 * 50 lines (20 units each), typed as a keyboard-wedge scanner types them. Measured in the page, from the Enter
 * keydown's timestamp to the first moment after the frame that shows the new verdict has been painted. "In the page"
 * is the part the screen's own code takes. The last figures time a wrong item (a product the station knows, not in
 * this order): judged from the screen's list of known codes first, the station's answer then confirming it
 * (test/unit/pack/known-codes.test.ts holds the two to the same judgement). Other work on the machine shows up in
 * every figure.
 *
 * Chromium paints on the display's 60 Hz clock: a verdict ready in the page waits for the next refresh, which comes
 * anywhere from 0 to 16.7 ms later depending only on when in the refresh the scan happened. That wait alone has a p95
 * of 15.8 ms, so no screen code can bring the 60 Hz p95 to 16 ms: its floor is that plus input delivery, style,
 * layout, paint and commit. The goal ("one frame") is judged with the wait left out: per scan, the time from the
 * verdict being in the page to the refresh that began the frame showing it (rAF's timestamp is that refresh's time;
 * a frame begun at once for a refresh already past carries the past time, and then nothing waited). Everything else
 * counts. Blink holds other tasks after input until that frame (a message posted from the keydown arrived only after
 * it), so the page is idle while it waits. The 60 Hz figures are printed beside it.
 */
import { chromium, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config';
import { gs1CheckDigit } from '../shared/domain/scan/gtin';
import { OrderStore } from '../electron/core/orders/order-store';
import { makeOrder } from '../test/support/order-fixtures';
import { startStationProcess, TEST_PINS, type StationProcess } from '../test/support/station-process';
import { percentile, type BenchFigure } from './stats';

const LINES = 50;
/** BENCH_SCAN_UNITS=4 makes a quicker run (200 scans) while working on the screen. */
const UNITS_PER_LINE = Number(process.env.BENCH_SCAN_UNITS ?? 20);
const ORDER_ID = 'BENCH-50-LINES';
const WRONG_SCANS = 100;

const upc = (n: number) => {
  const data = `08410099${String(n).padStart(3, '0')}`;
  return data + String(gs1CheckDigit(data));
};

/** The order and its barcodes go into the station's own database file, as the marketplace pull would write them. */
function seedOrder(station: StationProcess): void {
  const db = new Database(join(station.dataDir, 'packbench.sqlite'));
  // The station is pulling the sandbox's orders at the same time: wait for its write to finish.
  db.pragma('busy_timeout = 20000');
  try {
    const lines = Array.from({ length: LINES * UNITS_PER_LINE }, (_, i) => {
      const sku = i % LINES;
      return {
        id: `${ORDER_ID}-${i}`,
        skuId: `bench-sku-${sku}`,
        sellerSku: `BENCH-${sku}`,
        productName: `Bench product ${sku}`,
      };
    });
    // IMMEDIATE: take the write lock before reading, so the station's concurrent pull makes this wait, not fail.
    db.transaction(() =>
      new OrderStore(db).upsertFromMarketplace(
        [{ order: makeOrder({ id: ORDER_ID, lines, packBy: 1 }), raw: {} }],
        Date.now(),
      ),
    ).immediate();
    const insert = db.prepare(
      "INSERT INTO sku_barcodes (code, sku_id, seller_sku, source, created_at) VALUES (?, ?, ?, 'alias', ?)",
    );
    db.transaction(() => {
      for (let sku = 0; sku < LINES; sku += 1) insert.run(upc(sku), `bench-sku-${sku}`, `BENCH-${sku}`, Date.now());
      insert.run(upc(999), 'bench-sku-elsewhere', 'BENCH-ELSEWHERE', Date.now());
    }).immediate();
  } finally {
    db.close();
  }
}

/**
 * Runs in the page (a string, as this file is compiled without DOM types): records, per scan, Enter keydown -> the
 * verdict in the page (the verdict banner's change), the refresh that began the frame showing it (rAF's timestamp),
 * and the first moment after that frame was painted (a message posted from rAF, which runs just before the paint,
 * arrives just after).
 */
// Registered before the app's own listeners, which show an optimistic verdict within the same keydown.
const MARK_ENTER = `window.addEventListener('keydown', (event) => { if (event.key === 'Enter') window.__scanStart = event.timeStamp; }, true);`;

const INSTRUMENT = `(() => {
  window.__scanLatencies = [];
  let pending = [];
  let armed = null;
  // Armed before a scan is typed; resolves with the verdict's kind once the frame showing it has been painted (or
  // 'none' when no verdict came in 10 s).
  window.__arm = () => {
    window.__painted = new Promise((resolve) => {
      armed = resolve;
      setTimeout(() => resolve('none'), 10000);
    });
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const now = performance.now();
    for (const scan of pending) {
      const refreshWait = Math.max(0, scan.frameTime - scan.shown);
      window.__scanLatencies.push([now - scan.start, scan.kind, scan.shown - scan.start, refreshWait]);
    }
    const kind = pending.length > 0 ? pending[pending.length - 1].kind : 'none';
    pending = [];
    if (armed) armed(kind);
    armed = null;
  };
  new MutationObserver(() => {
    if (!window.__scanStart) return;
    const scan = { start: window.__scanStart, kind: document.querySelector('[data-testid="pack-verdict"]').getAttribute('data-kind'), shown: performance.now() };
    window.__scanStart = 0;
    pending.push(scan);
    requestAnimationFrame((frameTime) => {
      scan.frameTime = frameTime;
      channel.port2.postMessage(null);
    });
  }).observe(document.querySelector('[data-testid="pack-verdict"]'), { attributes: true, attributeFilter: ['data-seq'] });
})()`;

/**
 * Scans each code and waits for its verdict to be painted before the next one, as a packer's next scan comes long
 * after: waiting in the page for that frame, not with Playwright's locators, whose polling ran in the very frames
 * being timed. A synthetic keystroke is stamped when the browser dispatches it, so on a loaded machine a burst can
 * arrive too slowly, or stall halfway, and not read as the whole code; the screen then says so, and the code is
 * scanned again as a packer would. Those are counted, not timed.
 */
interface Samples {
  /** Enter -> the frame with the verdict painted. */
  latencies: number[];
  /** The same, less the time the finished verdict waited for the display's next refresh. */
  withoutRefreshWait: number[];
  /** Enter -> the verdict in the page (before the browser paints it): the part the pack screen's own code decides. */
  inDom: number[];
  rescans: number;
}

async function scanAll(page: Page, codes: string[], expected: readonly string[]): Promise<Samples> {
  await page.evaluate('window.__scanLatencies = []');
  let rescans = 0;
  for (const code of codes) {
    for (;;) {
      await page.evaluate('window.__arm()');
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
      if (expected.includes((await page.evaluate('window.__painted')) as string)) break;
      rescans += 1;
    }
  }
  await page.waitForFunction(
    (n) => (globalThis as unknown as { __scanLatencies: unknown[] }).__scanLatencies.length >= n,
    codes.length + rescans,
  );
  const samples = ((await page.evaluate('window.__scanLatencies')) as Array<[number, string, number, number]>).filter(
    ([, kind]) => expected.includes(kind),
  );
  return {
    latencies: samples.map(([painted]) => painted),
    withoutRefreshWait: samples.map(([painted, , , refreshWait]) => painted - refreshWait),
    inDom: samples.map(([, , shown]) => shown),
    rescans,
  };
}

export async function run(): Promise<BenchFigure[]> {
  const station = await startStationProcess();
  const browser = await chromium.launch({
    executablePath: process.env.PACKBENCH_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    seedOrder(station);
    const page = await browser.newPage();
    await page.addInitScript(MARK_ENTER);
    await page.goto(station.url);
    await page.getByLabel('PIN').fill(TEST_PINS.packer);
    await page.keyboard.press('Enter');
    await page.getByTestId(`queue-${ORDER_ID}`).waitFor();
    await page.getByTestId(`queue-${ORDER_ID}`).click();
    await page.locator(`[data-testid="pack-order"][data-order-id="${ORDER_ID}"]`).waitFor();
    await page.evaluate(INSTRUMENT);

    const wrong = await scanAll(
      page,
      Array.from({ length: WRONG_SCANS }, () => upc(999)),
      ['wrong_item'],
    );
    const items = Array.from({ length: LINES * UNITS_PER_LINE }, (_, i) => upc(i % LINES));
    const matched = await scanAll(page, items, ['match', 'line_done']);
    await page.locator('[data-testid="pack-order"][data-state="completed"]').waitFor();
    console.log(
      `  (${matched.rescans + wrong.rescans} bursts arrived too slowly to read as one scan and were scanned again)`,
    );
    return [
      {
        name: `scan -> verdict painted p95, less the wait for the refresh (${matched.latencies.length} scans)`,
        value: percentile(matched.withoutRefreshWait, 95),
        unit: 'ms',
        goal: 16,
      },
      { name: `scan -> verdict painted p50, 60 Hz clock`, value: percentile(matched.latencies, 50), unit: 'ms' },
      { name: `scan -> verdict painted p95, 60 Hz clock`, value: percentile(matched.latencies, 95), unit: 'ms' },
      { name: `scan -> verdict in the page p50 (before paint)`, value: percentile(matched.inDom, 50), unit: 'ms' },
      { name: `scan -> verdict in the page p95 (before paint)`, value: percentile(matched.inDom, 95), unit: 'ms' },
      {
        name: `wrong item -> painted p95, less the refresh wait (${wrong.latencies.length})`,
        value: percentile(wrong.withoutRefreshWait, 95),
        unit: 'ms',
      },
      {
        name: `wrong item -> verdict painted p50, 60 Hz clock`,
        value: percentile(wrong.latencies, 50),
        unit: 'ms',
      },
      {
        name: `wrong item -> verdict painted p95, 60 Hz clock`,
        value: percentile(wrong.latencies, 95),
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    await station.stop();
  }
}
