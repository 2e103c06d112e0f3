/**
 * orders.queue over HTTP against a station process holding about 10,000 open orders: 50 callers at once (desks and
 * LAN views with the Orders screen open), each asking the pages the Orders list asks while it is scrolled, one call
 * after the other. Goal: p95 at most 20 ms. Also printed: one page's size and a lone caller's time.
 */
import type { OrderQueue } from '../shared/contract/orders';
import { call, processCpuMs, stationWithOrders } from './station-bench';
import { percentile, sample, type BenchFigure } from './stats';

const CALLERS = 50;
const CALLS_EACH = 40;
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
    const samples: number[] = [];
    const pid = station.child.pid!;
    const cpuBefore = processCpuMs(pid);
    await Promise.all(
      Array.from({ length: CALLERS }, async (_, c) => {
        for (let j = 0; j < CALLS_EACH; j += 1) {
          const start = performance.now();
          await call(station, 'orders.queue', input(c, j));
          samples.push(performance.now() - start);
        }
      }),
    );
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
      { name: `orders.queue answer size (a page of ${PAGE.limit} rows)`, value: pageBytes / 1024, unit: 'kB' },
    ];
  } finally {
    await bench.stop();
  }
}
