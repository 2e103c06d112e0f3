/**
 * Cold start, as a desk sees it: the station process from spawn to "ready", and a fresh browser page (no cache, as
 * after a reboot) from navigation to the pack screen painted and listening for scans, with a packer signed in. The pack
 * screen's scan capture is attached in the same commit that shows its verdict box, so "painted" is "takes scans".
 * Goal: the page part at most 1,000 ms. Also printed: first contentful paint and the script bytes fetched before it.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startStationProcess, TEST_PINS } from '../test/support/station-process';
import { percentile, type BenchFigure } from './stats';

const LOADS = 15;
const STARTS = 5;

/** Runs in the page before its own scripts: the moment after the frame that first shows the pack screen is painted. */
const MARK_PACK_PAINTED = `(() => {
  const seen = () => {
    if (!document.querySelector('[data-testid="pack-verdict"]')) return false;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (window.__packPainted = performance.now());
      channel.port2.postMessage(null);
    });
    return true;
  };
  new MutationObserver((_, observer) => seen() && observer.disconnect()).observe(document, { childList: true, subtree: true });
})()`;

async function stationStarts(): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < STARTS; i += 1) {
    const start = performance.now();
    const station = await startStationProcess({ PACKBENCH_PULL_INTERVAL_SECONDS: '0' });
    samples.push(performance.now() - start);
    await station.stop();
  }
  return samples;
}

export async function run(): Promise<BenchFigure[]> {
  const starts = await stationStarts();
  const station = await startStationProcess({ PACKBENCH_PULL_INTERVAL_SECONDS: '0' });
  const browser = await chromium.launch({
    executablePath: process.env.PACKBENCH_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const signIn = await browser.newPage();
    await signIn.goto(station.url);
    await signIn.getByLabel('PIN').fill(TEST_PINS.packer);
    await signIn.keyboard.press('Enter');
    await signIn.getByTestId('pack-verdict').waitFor();
    await signIn.close();

    const painted: number[] = [];
    const fcp: number[] = [];
    let scriptBytes = 0;
    for (let i = 0; i < LOADS; i += 1) {
      // A new context has an empty cache: every script, style and font is fetched as on the first start of the day.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(MARK_PACK_PAINTED);
      let bytes = 0;
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script')
          void response.body().then(
            (body) => (bytes += body.length),
            () => undefined,
          );
      });
      await page.goto(station.url);
      await page.waitForFunction(
        () => typeof (globalThis as unknown as { __packPainted?: number }).__packPainted === 'number',
        undefined,
        { timeout: 30_000 },
      );
      painted.push((await page.evaluate('window.__packPainted')) as number);
      // Paint entries are queued after the frame is shown, so the entry may not be listed yet: wait for it.
      fcp.push(
        (await page.evaluate(`new Promise((resolve) => {
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
          setTimeout(() => resolve(NaN), 5000);
        })`)) as number,
      );
      scriptBytes = bytes;
      await context.close();
    }
    return [
      { name: `station process start -> ready p50 (${STARTS} starts)`, value: percentile(starts, 50), unit: 'ms' },
      { name: `page load -> first contentful paint p50 (${LOADS} cold loads)`, value: percentile(fcp, 50), unit: 'ms' },
      { name: `page load -> pack screen takes scans p50`, value: percentile(painted, 50), unit: 'ms' },
      { name: `page load -> pack screen takes scans p95`, value: percentile(painted, 95), unit: 'ms', goal: 1000 },
      { name: `script fetched before the pack screen`, value: scriptBytes / 1024, unit: 'kB' },
    ];
  } finally {
    await browser.close();
    await station.stop();
  }
}
