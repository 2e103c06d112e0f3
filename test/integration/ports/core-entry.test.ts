import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = join(ROOT, 'electron', 'core', 'cli', 'serve.ts');

/** The core entry as its own process (node + tsx: the module scripts/build.mjs bundles into dist/station/serve.cjs). */
function runEntry(args: string[], dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    env: { ...process.env, PACKBENCH_DATA_DIR: dataDir, PACKBENCH_PORT: '0', PACKBENCH_SANDBOX_ORDERS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the station core entry as a process', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'packbench-entry-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses --electron outside an Electron utility process, before it touches the data folder', async () => {
    const dir = dataDir();
    const run = runEntry(['--electron'], dir);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Packbench could not start: --electron is for the desktop app');
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('without the flag serves the browser over HTTP, and stops on SIGTERM', async () => {
    const dir = dataDir();
    const run = runEntry([], dir);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /Packbench station ready at (http:\/\/\S+)/.exec(run.output());
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 50);
      void run.exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited ${code} before it was ready: ${run.output()}`));
      });
    });
    // The contract answers only the station's own page: a call without the launch secret is refused.
    const call = await fetch(new URL('/api/call/station.status', url), { method: 'POST', body: '{}' });
    expect(call.status).toBe(401);
    expect(existsSync(join(dir, 'packbench.sqlite'))).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 60_000);
});
