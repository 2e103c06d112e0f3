import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain .mjs helper shared with npm start
import { electronAbi, electronBinary } from '../../scripts/electron-binary.mjs';

const root = join(__dirname, '..', '..');
const binary = electronBinary(root) as string | null;
const binding = join(root, 'native', `electron-${electronAbi(root) as string}`, 'better_sqlite3.node');

/** The pid of the station core's utility process, as Electron lists it (absent while none runs). */
const corePid = (app: ElectronApplication) =>
  app.evaluate(
    ({ app: electronApp }) =>
      electronApp
        .getAppMetrics()
        .find((metric) => metric.type === 'Utility' && metric.name === 'Packbench station core')?.pid,
  );

test('the desktop app opens its window with the sandboxed preload bridge, served by the core in its own process', async () => {
  test.skip(
    !binary,
    "Electron's binary is not installed on this machine (it is downloaded on first `npm start` with internet).",
  );
  test.skip(
    !existsSync(binding),
    'better-sqlite3 has not been built for Electron here (`npm run rebuild:electron` needs internet).',
  );
  const app = await electron.launch({
    executablePath: binary!,
    args: [root, '--no-sandbox'],
    env: {
      ...process.env,
      PACKBENCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'packbench-electron-')),
      PACKBENCH_PORT: '0',
    },
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible();
  expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  // The preload exposes three functions and nothing else: no ipcRenderer, no port.
  expect(
    await window.evaluate(() => Object.keys((window as unknown as { packbench: object }).packbench).sort()),
  ).toEqual(['call', 'onReconnect', 'subscribe']);

  // A call answered through the window's port by the core, which runs in a utility process, not in main.
  const call = () =>
    window.evaluate(() =>
      (window as unknown as { packbench: { call(name: string, input: unknown): Promise<unknown> } }).packbench.call(
        'station.status',
        {},
      ),
    );
  expect(await call()).toMatchObject({ ok: true, value: { runtime: 'electron' } });
  const firstCore = await corePid(app);
  expect(firstCore).toEqual(expect.any(Number));
  expect(firstCore).not.toBe(app.process().pid);
  // The same dispatcher as HTTP: invalid input is refused with the contract's error.
  expect(
    await window.evaluate(() =>
      (window as unknown as { packbench: { call(name: string, input: unknown): Promise<unknown> } }).packbench.call(
        'session.login',
        { pin: 'x' },
      ),
    ),
  ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

  // Signed in through the port; then the core dies: main starts a new one, the window gets a new port and reloads
  // to the lock screen (the new core has nobody signed in), and calls are answered again.
  await window.getByLabel('PIN').fill('1111');
  await window.keyboard.press('Enter');
  await expect(window.getByTestId('status-line')).toContainText('Signed in');
  process.kill(firstCore!, 'SIGKILL');
  await expect.poll(() => corePid(app), { timeout: 20_000 }).not.toBe(firstCore);
  await expect.poll(() => corePid(app), { timeout: 20_000 }).toEqual(expect.any(Number));
  await expect(window.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible({ timeout: 20_000 });
  expect(await call()).toMatchObject({ ok: true, value: { runtime: 'electron', user: null } });

  // The renderer comes from app://, and the window refuses to leave it: a file:// page never gets the bridge.
  expect(window.url()).toBe('app://packbench/index.html');
  await window.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'file:///etc/hostname';
  });
  await expect(window.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible();
  expect(window.url()).toBe('app://packbench/index.html');
  await app.close();
});
