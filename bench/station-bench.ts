/**
 * What the station-process benches share: a built station (dist/station) started as its own process with the embedded
 * sandbox holding about 10,000 orders to pack, waited on until its first pull stored them, and contract calls made
 * over HTTP the way the UI makes them.
 */
import { readFileSync } from 'node:fs';
import { startStationProcess, type StationProcess } from '../test/support/station-process';

/** About 84% of seeded sandbox orders await shipment, so this many seeds give about 10,000 open orders. */
export const SEEDED_FOR_10K = 11_900;

export async function call<T>(station: StationProcess, name: string, input: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${station.url}api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...station.headers, ...headers },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error?.message}`);
  return answer.value as T;
}

/** A station whose start-up pull brought in the sandbox's orders (no interval pulls after it: nothing else writes). */
export async function stationWithOrders(seeded: number = SEEDED_FOR_10K): Promise<{ station: StationProcess; pullSeconds: number }> {
  const station = await startStationProcess({ PACKBENCH_SANDBOX_ORDERS: String(seeded), PACKBENCH_PULL_INTERVAL_SECONDS: '0' });
  try {
    for (;;) {
      const status = await call<{ pulling: boolean; lastPull: { outcome: string; startedAt: number; finishedAt: number | null; errorMessage: string | null } | null }>(
        station,
        'marketplace.status',
        {},
      );
      if (status.lastPull && status.lastPull.outcome !== 'running' && !status.pulling) {
        if (status.lastPull.outcome !== 'ok') throw new Error(`the station's first pull failed: ${status.lastPull.errorMessage}`);
        return { station, pullSeconds: (status.lastPull.finishedAt! - status.lastPull.startedAt) / 1000 };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await station.stop();
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
