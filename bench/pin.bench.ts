/**
 * PIN checks must not hold up the station: 20 PINs sent at once (a guessing script) may delay another call by at
 * most 50 ms. The station runs as its own process (dist/station/serve.cjs, as in the browser fallback), so its
 * event loop is measured, not this one's; requests go over kept-alive connections opened beforehand, so the figure
 * is the station's delay, not the cost of new connections. Also shown: 20 right PINs at once (each runs scrypt and signs
 * in, writing its audit row), and 20 plain reads as the machine's own noise.
 */
import { Agent, request } from 'node:http';
import { startStationProcess, TEST_PINS } from '../test/support/station-process';
import { percentile, sample, type BenchFigure } from './stats';

const PARALLEL = 20;
const ROUNDS = 9;

export async function run(): Promise<BenchFigure[]> {
  const station = await startStationProcess({ PACKBENCH_SANDBOX_ORDERS: '0', PACKBENCH_PULL_INTERVAL_SECONDS: '0' });
  const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL + 1 });
  const { hostname, port } = new URL(station.url);
  const call = (name: string, input: unknown) =>
    new Promise<{ ok: boolean }>((resolve, reject) => {
      const body = JSON.stringify(input);
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: `/api/call/${name}`,
          headers: {
            ...station.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(JSON.parse(text) as { ok: boolean }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    // Opens every connection the burst will use, and warms the station.
    await Promise.all(Array.from({ length: PARALLEL + 1 }, () => call('station.status', {})));
    await sample(30, () => call('station.status', {}));
    const baseline = percentile(await sample(50, () => call('station.status', {})), 50);

    /**
     * How much a burst delays station.status calls made while it runs: each round's worst added latency, then the
     * median round (one round's worst alone measures the machine's scheduler on a loaded 2-core box, not the station).
     */
    async function delayDuring(burstCall: (i: number) => Promise<unknown>): Promise<number> {
      const worstPerRound: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        let worst = 0;
        let done = false;
        const burst = Promise.all(Array.from({ length: PARALLEL }, (_, i) => burstCall(i))).then(() => {
          done = true;
        });
        while (!done) {
          const start = performance.now();
          await call('station.status', {});
          worst = Math.max(worst, performance.now() - start - baseline);
        }
        await burst;
        worstPerRound.push(worst);
      }
      return percentile(worstPerRound, 50);
    }

    const control = await delayDuring(() => call('station.status', {}));
    const right = await delayDuring(() => call('session.login', { pin: TEST_PINS.supervisor }));
    // Wrong PINs last: after the fifth the desk waits, and the rest of each burst is refused unchecked.
    const wrong = await delayDuring((i) => call('session.login', { pin: String(4000 + i) }));
    return [
      { name: `delay to another call: ${PARALLEL} parallel wrong PINs`, value: wrong, unit: 'ms', goal: 50 },
      { name: `delay to another call: ${PARALLEL} parallel right PINs`, value: right, unit: 'ms' },
      { name: `delay to another call: ${PARALLEL} parallel reads (control)`, value: control, unit: 'ms' },
      { name: 'station.status alone (median)', value: baseline, unit: 'ms' },
    ];
  } finally {
    agent.destroy();
    await station.stop();
  }
}
