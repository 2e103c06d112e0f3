import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HubLink } from '../../../electron/core/hub-link/hub-link';

const ROOT = join(__dirname, '..', '..', '..');
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

function start(): { child: ChildProcess; url: Promise<string>; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hub', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Packbench hub on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`the hub exited: ${output}`)));
  });
  url.catch(() => undefined);
  return { child, url, exited: new Promise((resolve) => child.on('exit', () => resolve())) };
}

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
    const first = start();
    const link = new HubLink({ url: await first.url, token: TOKEN, deskId: 'desk-r', retries: 0 });
    for (let i = 0; !(await link.health()).lastPull; i += 1) {
      if (i > 300) throw new Error('no pull');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [held] = await link.batch(1);
    expect(held).toBeDefined();
    first.child.kill('SIGKILL');
    await first.exited;
    const orphan = postmaster();
    expect(alive(orphan)).toBe(true);

    const second = start();
    const again = new HubLink({ url: await second.url, token: TOKEN, deskId: 'desk-r', retries: 0 });
    expect(alive(orphan)).toBe(false);
    expect((await again.batch(1)).map((entry) => entry.order.id)).toEqual([held!.order.id]);
    const running = postmaster();
    second.child.kill('SIGTERM');
    await second.exited;
    for (let i = 0; alive(running) && i < 100; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(running)).toBe(false);
    expect(existsSync(join(env.PACKBENCH_HUB_DATA_DIR, 'hub-token'))).toBe(false);
  }, 90_000);
});
