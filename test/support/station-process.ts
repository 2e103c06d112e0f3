import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StationProcess {
  url: string;
  /** The station's per-launch secret, read from its page the way the UI reads it. */
  secret: string;
  /** Headers a test's own HTTP call to the contract must carry (the secret). */
  headers: Record<string, string>;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Synthetic keystrokes are stamped when the browser dispatches them, so on a loaded 2-core test machine a scan's keys
 * can arrive well beyond a real scanner's few ms apart (a CI run typed a 12-digit code at 160 ms a key, read as typed
 * at a 150 ms tolerance). Every test station raises the scanner tolerance to 300 ms on average (still below the 400 ms
 * a key of the person typing in test/e2e/pack.spec.ts) through the setting a desk would use.
 */
export const TEST_SCANNER_ENV = { PACKBENCH_SCAN_MAX_GAP_MS: '300' };

/**
 * The PINs of a test station's two users. A fresh station makes its first supervisor replace the demo PINs (1111,
 * 9999) before anything else; a test station has that done at start, as the desk's first supervisor would.
 */
export const TEST_PINS = { packer: '2580', supervisor: '8520' } as const;

async function call(
  url: string,
  secret: string,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const response = await fetch(`${url}api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-packbench-secret': secret },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
}

/** Replaces the demo PINs with TEST_PINS, when the station still has them (a fresh data folder), then locks. */
async function replaceDemoPins(url: string, secret: string): Promise<void> {
  if (!(await call(url, secret, 'session.login', { pin: '9999' })).ok) return;
  const users = (await call(url, secret, 'users.list', {})).value as Array<{
    id: number;
    role: 'packer' | 'supervisor';
  }>;
  for (const user of users) {
    const answer = await call(url, secret, 'users.setPin', { id: user.id, pin: TEST_PINS[user.role] });
    if (!answer.ok) throw new Error(`replacing the demo PINs failed: ${answer.error?.message}`);
  }
  await call(url, secret, 'session.lock', {});
}

/** The secret the station writes into the page it serves (meta packbench-secret). */
export async function pageSecret(url: string): Promise<string> {
  const page = await (await fetch(url)).text();
  const secret = /<meta name="packbench-secret" content="([^"]+)">/.exec(page)?.[1];
  if (!secret) throw new Error(`the station page at ${url} carries no launch secret`);
  return secret;
}

/**
 * Starts the built station server (dist/station/serve.cjs) as its own process with a fresh data folder and a free
 * port, exactly as `npm start` does in the browser fallback.
 */
export async function startStationProcess(
  env: Record<string, string> = {},
  dataDir?: string,
  options: { keepDemoPins?: boolean } = {},
): Promise<StationProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'packbench-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'station', 'serve.cjs')], {
    env: { ...process.env, PACKBENCH_DATA_DIR: dir, PACKBENCH_PORT: '0', ...TEST_SCANNER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`station exited with ${code}:\n${log}`));
    });
  });
  const secret = await pageSecret(url)
    .then(async (found) => {
      if (!options.keepDemoPins) await replaceDemoPins(url, found);
      return found;
    })
    .catch((error: unknown) => {
      child.kill('SIGTERM');
      throw error;
    });
  return {
    url,
    secret,
    headers: { 'x-packbench-secret': secret },
    dataDir: dir,
    child,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
