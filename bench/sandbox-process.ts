/**
 * The sandbox marketplace in a process of its own (`npm run sandbox`), for benches that time the station's side of a
 * conversation with TikTok: TikTok answers from its own machines, so building its answers must not share the
 * station's thread. Steered over its /sandbox/... controls.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SandboxProcess {
  url: string;
  /** No refresh token: the CLI prints none, and a bench's pulls end long before the access token would expire. */
  credentials: { appKey: string; appSecret: string; accessToken: string; refreshToken: string };
  /**
   * CPU seconds the sandbox's process has used so far (Linux: /proc), null elsewhere: on a shared two-core machine
   * the marketplace's work competes with the station's for the same cores.
   */
  cpuSeconds(): number | null;
  /** POST to a /sandbox/... control: its HTTP status and answer. */
  control(path: string, body: unknown): Promise<{ status: number; answer: unknown }>;
  close(): Promise<void>;
}

export function startSandboxProcess(options: { orders: number; seed: number }): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, '..', 'electron', 'core', 'sandbox', 'cli.ts')],
    {
      env: {
        ...process.env,
        SANDBOX_PORT: '0',
        SANDBOX_SEED: String(options.seed),
        SANDBOX_ORDERS: String(options.orders),
        SANDBOX_ARRIVAL_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`the sandbox did not start:\n${log}`));
    }, 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox ended (${code}):\n${log}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const value = (name: string) => new RegExp(`${name}=(\\S+)\\r?\\n`).exec(log)?.[1];
      const [url, appKey, appSecret, accessToken] = [
        'PACKBENCH_MARKETPLACE_URL',
        'PACKBENCH_APP_KEY',
        'PACKBENCH_APP_SECRET',
        'PACKBENCH_ACCESS_TOKEN',
      ].map(value);
      if (!url || !appKey || !appSecret || !accessToken) return;
      clearTimeout(timer);
      resolve({
        url,
        credentials: { appKey, appSecret, accessToken, refreshToken: '' },
        cpuSeconds: () => processCpuSeconds(child.pid),
        async control(path, body) {
          const response = await fetch(`${url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          return { status: response.status, answer: (await response.json()) as unknown };
        },
        close,
      });
    });
  });
}

/** User and system CPU of a process from /proc/<pid>/stat (ticks of 1/100 s), or null where there is no /proc. */
function processCpuSeconds(pid: number | undefined): number | null {
  try {
    // Fields after the command name, which may itself hold spaces: state is the first, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
