/**
 * What the station-process benches share: a built station (dist/station) started as its own process with the embedded
 * sandbox holding about 10,000 orders to pack, waited on until its first pull stored them, and contract calls made
 * over HTTP the way the UI makes them.
 */
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
