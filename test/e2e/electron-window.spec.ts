import { _electron as electron } from '@playwright/test';
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

test('the desktop app opens its window with the sandboxed preload bridge', async () => {
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
  expect(await window.evaluate(() => typeof (window as unknown as { packbench?: unknown }).packbench)).toBe('object');
  expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe(
    'undefined',
  );
  // The renderer comes from app://, and the window refuses to leave it: a file:// page never gets the bridge.
  expect(window.url()).toBe('app://packbench/index.html');
  await window.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'file:///etc/hostname';
  });
  await expect(window.getByRole('heading', { name: 'Packbench is locked' })).toBeVisible();
  expect(window.url()).toBe('app://packbench/index.html');
  await app.close();
});
