import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HubLink } from '../../../electron/core/hub-link/hub-link';
import { startHubProcess } from './sim/processes';

const TOKEN = 'restart-test-hub-token-01';
const dir = mkdtempSync(join(tmpdir(), 'pb-hubrestart-'));
chmodSync(dir, 0o777);
const env = {
  PACKBENCH_HUB_DATA_DIR: join(dir, 'hub'),
  PACKBENCH_HUB_HOST: '127.0.0.1',
  PACKBENCH_HUB_PORT: '0',
  PACKBENCH_HUB_TOKEN: TOKEN,
  PACKBENCH_PULL_INTERVAL_SECONDS: '0',
  PACKBENCH_SANDBOX_ORDERS: '12',
};

const postmaster = () =>
  Number(readFileSync(join(env.PACKBENCH_HUB_DATA_DIR, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  // A failed run must not leave its PostgreSQL behind.
  if (existsSync(join(env.PACKBENCH_HUB_DATA_DIR, 'pg', 'postmaster.pid'))) {
    const pid = postmaster();
    if (alive(pid)) process.kill(pid, 'SIGINT');
    for (let i = 0; alive(pid) && i < 100; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run hub on its embedded PostgreSQL', () => {
  it('comes back after a SIGKILL: the PostgreSQL the killed hub left running is stopped and the data is kept', async () => {
    const first = startHubProcess(env);
    const link = new HubLink({ url: await first.ready, token: TOKEN, deskId: 'desk-r', retries: 0 });
    for (let i = 0; !(await link.health()).lastPull; i += 1) {
      if (i > 300) throw new Error('no pull');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [held] = await link.batch(1);
    expect(held).toBeDefined();
    await first.kill('SIGKILL');
    const orphan = postmaster();
    expect(alive(orphan)).toBe(true);

    const second = startHubProcess(env);
    const again = new HubLink({ url: await second.ready, token: TOKEN, deskId: 'desk-r', retries: 0 });
    expect(alive(orphan)).toBe(false);
    expect((await again.batch(1)).map((entry) => entry.order.id)).toEqual([held!.order.id]);
    const running = postmaster();
    await second.kill('SIGTERM');
    for (let i = 0; alive(running) && i < 100; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(running)).toBe(false);
    expect(existsSync(join(env.PACKBENCH_HUB_DATA_DIR, 'hub-token'))).toBe(false);
  }, 90_000);
});
