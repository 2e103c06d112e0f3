/**
 * What the station-process benches share: a built station (dist/station) started as its own process against a
 * sandbox marketplace holding about 10,000 orders to pack, waited on until its first pull stored them, and contract
 * calls made over HTTP the way the UI makes them. The sandbox runs in the bench's process, as TikTok runs elsewhere
 * for a real desk: the station's figures are the station's own, not the stand-in marketplace's.
 */
import { readFileSync } from 'node:fs';
import { startSandbox, type Sandbox } from '../electron/core/sandbox/server';
import { stationSettings } from '../scripts/station-env.mjs';
import { startStationProcess, type StationProcess } from '../test/support/station-process';

/** About 84% of seeded sandbox orders await shipment, so this many seeds give about 10,000 open orders. */
export const SEEDED_FOR_10K = 11_900;

export async function call<T>(
  station: StationProcess,
  name: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${station.url}api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...station.headers, ...headers },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error?.message}`);
  return answer.value as T;
}

export interface BenchStation {
  station: StationProcess;
  /** The station's first pull, start to finish, as it recorded it. */
  pullSeconds: number;
  stop(): Promise<void>;
}

/** A station whose start-up pull brought in the sandbox's orders (no interval pulls after it: nothing else writes). */
export async function stationWithOrders(seeded: number = SEEDED_FOR_10K): Promise<BenchStation> {
  const sandbox: Sandbox = await startSandbox({ orders: seeded, arrivalEverySeconds: 0, seed: 7 });
  const credentials = sandbox.credentials();
  const station = await startStationProcess({
    // As its launcher (scripts/start.mjs) starts the station.
    ...stationSettings(process.env),
    PACKBENCH_MARKETPLACE_URL: sandbox.url,
    PACKBENCH_APP_KEY: credentials.appKey,
    PACKBENCH_APP_SECRET: credentials.appSecret,
    PACKBENCH_ACCESS_TOKEN: credentials.accessToken,
    PACKBENCH_PULL_INTERVAL_SECONDS: '0',
  }).catch(async (error: unknown) => {
    await sandbox.close();
    throw error;
  });
  const stop = async () => {
    await station.stop();
    await sandbox.close();
  };
  try {
    for (;;) {
      const status = await call<{
        pulling: boolean;
        lastPull: { outcome: string; startedAt: number; finishedAt: number | null; errorMessage: string | null } | null;
      }>(station, 'marketplace.status', {});
      if (status.lastPull && status.lastPull.outcome !== 'running' && !status.pulling) {
        if (status.lastPull.outcome !== 'ok')
          throw new Error(`the station's first pull failed: ${status.lastPull.errorMessage}`);
        return { station, pullSeconds: (status.lastPull.finishedAt! - status.lastPull.startedAt) / 1000, stop };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** CPU time (user + system, ms) the process has used so far, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis); utime and stime are
  // the 14th and 15th fields, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Resident memory of the process now, in MB (VmRSS in /proc/<pid>/status). */
export function residentMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}
