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
 * can arrive well beyond a real scanner's few ms apart. Every test station raises the scanner tolerance (still far
 * below a person's typing pace, which test/e2e/pack.spec.ts checks) through the setting a desk would use.
 */
export const TEST_SCANNER_ENV = { PACKBENCH_SCAN_MAX_GAP_MS: '150' };

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
export async function startStationProcess(env: Record<string, string> = {}, dataDir?: string): Promise<StationProcess> {
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
  const secret = await pageSecret(url).catch((error: unknown) => {
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
