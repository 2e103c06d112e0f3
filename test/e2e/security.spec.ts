import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStationProcess, type StationProcess } from '../support/station-process';
import { callOk, expect, PACKER_PIN, SUPERVISOR_PIN, test } from './fixtures';

test.describe('a fresh station with the demo PINs', () => {
  let fresh: StationProcess;
  test.beforeEach(async () => {
    fresh = await startStationProcess({ PACKBENCH_SANDBOX_ORDERS: '0' }, undefined, { keepDemoPins: true });
  });
  test.afterEach(() => fresh.stop());

  test('makes the first supervisor to sign in replace both demo PINs before anything else', async ({ page }) => {
    await page.goto(fresh.url);
    // A packer signing in with 1111 is not asked: only a supervisor can change PINs.
    await page.getByLabel('PIN').fill('1111');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-line')).toContainText('Signed in: Packer (packer)');
    await page.getByRole('button', { name: 'Lock' }).click();

    await page.getByLabel('PIN').fill('9999');
    await page.keyboard.press('Enter');
    const form = page.getByTestId('demo-pins');
    await expect(form.getByRole('heading', { name: 'Replace the demo PINs' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
    // A PIN another user has, or a demo PIN, is refused without saying whose it is.
    await form.getByLabel('New PIN for Packer').fill('9999');
    await form.getByLabel('New PIN for Supervisor').fill('4826');
    await form.getByRole('button', { name: 'Save the new PINs' }).click();
    await expect(form.getByRole('alert')).toHaveText('This PIN cannot be used: choose another.');
    await form.getByLabel('New PIN for Packer').fill('7315');
    await form.getByRole('button', { name: 'Save the new PINs' }).click();
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('PIN').fill('1111');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('does not match');
    await page.getByLabel('PIN').fill('7315');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-line')).toContainText('Signed in: Packer (packer)');
  });
});

test('after five wrong PINs the lock screen counts down the wait, and the station refuses even the right PIN meanwhile', async ({
  page,
  station,
}) => {
  await page.goto(station.url);
  for (const pin of ['0001', '0002', '0003', '0004']) {
    await page.getByLabel('PIN').fill(pin);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('does not match');
    await expect(page.getByLabel('PIN')).toHaveValue('');
  }
  await page.getByLabel('PIN').fill('0005');
  await page.keyboard.press('Enter');
  const wait = page.getByTestId('pin-wait');
  await expect(wait).toHaveText(/^Too many wrong PINs: try again in (30|29) s\.$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await expect(wait).toHaveText(/try again in 2[0-8] s/, { timeout: 5_000 });
  // A reload still shows the wait: it comes from the station, not from this page.
  await page.reload();
  await expect(page.getByTestId('pin-wait')).toHaveText(/try again in 2\d s/);
});

test('a page of another origin on this machine can neither call the station nor open its event stream', async ({
  page,
  station,
  request,
}) => {
  // The station's page first, so the browser holds its secret cookie, as on a real desk.
  await page.goto(station.url);
  await expect(page.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible();
  const marketplace = await callOk<{ baseUrl: string }>(request, station, 'marketplace.status', {});
  // The embedded sandbox is another origin on 127.0.0.1 (another port): as good a stand-in for any web page as any.
  await page.goto(`${marketplace.baseUrl}/sandbox/state`);
  const attempts = await page.evaluate(
    async ({ stationUrl, pin }) => {
      const call = (name: string, body: unknown, mode: 'cors' | 'no-cors') =>
        fetch(`${stationUrl}api/call/${name}`, {
          method: 'POST',
          mode,
          credentials: 'include',
          headers: mode === 'no-cors' ? { 'content-type': 'text/plain' } : { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(
          (response) => `${response.type}:${response.status}`,
          () => 'blocked',
        );
      const stream = await new Promise<string>((resolve) => {
        const source = new EventSource(`${stationUrl}api/events`, { withCredentials: true });
        source.onopen = () => resolve('open');
        source.onerror = () => resolve('refused');
      });
      return {
        cors: await call('station.status', {}, 'cors'),
        noCors: await call('session.login', { pin }, 'no-cors'),
        stream,
      };
    },
    { stationUrl: station.url, pin: SUPERVISOR_PIN },
  );
  expect(attempts).toEqual({ cors: 'blocked', noCors: 'opaque:0', stream: 'refused' });
  // The blind login attempt changed nothing.
  expect(await callOk(request, station, 'station.status', {})).toMatchObject({ user: null });
});

test('a page left open while the station restarts reloads itself with the new launch secret', async ({ page }) => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'packbench-e2e-'));
  const env = { PACKBENCH_PORT: String(port), PACKBENCH_SANDBOX_ORDERS: '0' };
  const first = await startStationProcess(env, dataDir);
  let second: StationProcess | null = null;
  try {
    await page.goto(first.url);
    await expect(page.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible();
    await first.stop();
    second = await startStationProcess(env, dataDir);
    expect(second.secret).not.toBe(first.secret);
    // The event stream reconnects, is refused with the old secret, and the page loads again with the new one.
    await expect(page.locator('meta[name="packbench-secret"]')).toHaveAttribute('content', second.secret, {
      timeout: 20_000,
    });
    await page.getByLabel('PIN').fill(PACKER_PIN);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-line')).toContainText('Signed in: Packer (packer)');
  } finally {
    await second?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
