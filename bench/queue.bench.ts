/**
 * orders.queue over HTTP against a station process holding about 10,000 open orders: 50 callers at once (desks and
 * LAN views with the Orders screen open), each asking the pages the Orders list asks while it is scrolled, one call
 * after the other. Goal: p95 at most 20 ms. Also printed: one page's size and a lone caller's time.
 *
 * The 50 callers run in a process of their own (queue-callers.ts), each on its own kept-open connection: in the
 * bench's process they shared one thread with the sandbox and with fetch(), which cost more per call than the station
 * did, so the p95 timed the bench. The callers' own CPU per call is printed beside the station's to show which side
 * the figure comes from.
 */
import { join } from 'node:path';
import type { OrderQueue } from '../shared/contract/orders';
import { runChildJob } from './child-job';
import type { CallersJob, CallersResult } from './queue-callers';
import { call, processCpuMs, stationWithOrders } from './station-bench';
import { percentile, sample, type BenchFigure } from './stats';

const CALLERS = 50;
/**
 * 10,000 calls in all, about 1.5 s of load. With 40 calls each (2,000 calls, 250 ms) the p95 was decided by a few
 * pauses of the shared machine, each delaying all 50 callers at once: the same code measured 12 to 25 ms from run to
 * run.
 */
const CALLS_EACH = 200;
/** The Orders list asks pages of 75 rows at multiples of 25 (renderer/src/features/orders/OrdersScreen.tsx). */
const PAGE = { step: 25, limit: 75 };
const FILTERS = [{}, {}, {}, { service: 'express' }, { carrier: 'USPS' }];

export async function run(): Promise<BenchFigure[]> {
  const bench = await stationWithOrders();
  const { station } = bench;
  try {
    const first = await call<OrderQueue>(station, 'orders.queue', { offset: 0, limit: PAGE.limit });
    const pageBytes = Buffer.byteLength(JSON.stringify({ ok: true, value: first }));
    // Caller c's j-th call: one of the list's pages in its first 1,000 rows, under one of the filters.
    const input = (c: number, j: number) => ({
      ...FILTERS[(c + j) % FILTERS.length],
      offset: ((c * 7 + j) % 40) * PAGE.step,
      limit: PAGE.limit,
    });
    const lone = await sample(100, (j) => call(station, 'orders.queue', input(0, j)));
    const pid = station.child.pid!;
    const cpuBefore = processCpuMs(pid);
    const { samples, cpuMs } = await runChildJob<CallersJob, CallersResult>(join(__dirname, 'queue-callers.ts'), {
      url: station.url,
      headers: station.headers,
      inputs: Array.from({ length: CALLERS }, (_, c) => Array.from({ length: CALLS_EACH }, (__, j) => input(c, j))),
    });
    const cpuPerCall = (processCpuMs(pid) - cpuBefore) / (CALLERS * CALLS_EACH);
    return [
      {
        name: `orders.queue p95, ${CALLERS} parallel callers over ${first.total.toLocaleString('en')} open orders`,
        value: percentile(samples, 95),
        unit: 'ms',
        goal: 20,
      },
      { name: `orders.queue p50, ${CALLERS} parallel callers`, value: percentile(samples, 50), unit: 'ms' },
      { name: 'orders.queue p50, one caller', value: percentile(lone, 50), unit: 'ms' },
      // What the p95 comes from: 50 callers queue behind each other on the station's one thread.
      { name: "  station's CPU per call (the machine's other work excluded)", value: cpuPerCall, unit: 'ms' },
      {
        name: "  the callers' own CPU per call (their own process)",
        value: cpuMs / (CALLERS * CALLS_EACH),
        unit: 'ms',
      },
      { name: `orders.queue answer size (a page of ${PAGE.limit} rows)`, value: pageBytes / 1024, unit: 'kB' },
    ];
  } finally {
    await bench.stop();
  }
}
