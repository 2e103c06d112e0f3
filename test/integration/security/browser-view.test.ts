import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserView } from '../../../electron/core/server/browser-view';
import { tempStation } from '../../support/temp-station';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function eventually(what: string, probe: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );

describe("the desktop app's browser view", () => {
  let station: Awaited<ReturnType<typeof tempStation>> | null = null;
  afterEach(async () => {
    await station?.dispose();
    station = null;
  });

  it('opens no port until a supervisor turns it on, and closes it again when turned off', async () => {
    const port = await freePort();
    station = await tempStation({ env: { PACKBENCH_PORT: String(port) } });
    const dir = mkdtempSync(join(tmpdir(), 'packbench-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head></html>');
    startBrowserView(station, dir);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await answers(port)).toBe(false);

    const toggle = (on: boolean) => {
      station!.services.settings.set('station.browserView', on);
      station!.services.bus.emit('settings.changed', { key: 'station.browserView' });
    };
    toggle(true);
    await eventually('the browser view answers', () => answers(port));
    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(page).toContain('packbench-secret');
    toggle(false);
    await eventually('the browser view is closed', async () => !(await answers(port)));
  });
});
