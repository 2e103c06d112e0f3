/**
 * The station process's resident memory (VmRSS in /proc/<pid>/status) after its first pull stored about 10,000
 * orders and a packer then made 1,000 scans through the calls the pack screen makes (pack.next, pack.scan). Goal:
 * under 250 MB.
 */
import type { PackResult } from '../shared/contract/pack';
import { TEST_PINS } from '../test/support/station-process';
import { call, residentMb, stationWithOrders } from './station-bench';
import type { BenchFigure } from './stats';

const SCANS = 1_000;

export async function run(): Promise<BenchFigure[]> {
  const bench = await stationWithOrders();
  const { station, pullSeconds } = bench;
  try {
    const pid = station.child.pid!;
    const afterPull = residentMb(pid);
    await call(station, 'session.login', { pin: TEST_PINS.packer });
    let scans = 0;
    let orders = 0;
    let refused = 0;
    while (scans < SCANS) {
      const opened = await call<PackResult>(station, 'pack.next', {});
      if (!opened.view) throw new Error(`pack.next opened no order: ${opened.verdict.kind}`);
      orders += 1;
      // Each unit's seller SKU, as a scanner reads it off the item, until the order is verified (it then completes).
      for (const line of opened.view.verification.lines) {
        for (let unit = 0; unit < line.quantity && scans < SCANS; unit += 1) {
          const scanned = await call<PackResult>(station, 'pack.scan', { text: line.sellerSku, source: 'scanner' });
          scans += 1;
          if (scanned.verdict.kind !== 'match' && scanned.verdict.kind !== 'line_done') refused += 1;
        }
      }
      if (scans >= SCANS && !opened.view.complete) await call(station, 'pack.cancel', {}).catch(() => undefined);
    }
    if (refused > SCANS / 10)
      throw new Error(`${refused} of ${SCANS} scans were not matches: the bench scans the wrong codes`);
    return [
      { name: `station first pull of about 10,000 orders (seen from outside)`, value: pullSeconds, unit: 's' },
      { name: 'station resident memory after the pull', value: afterPull, unit: 'MB' },
      {
        name: `station resident memory after ${SCANS.toLocaleString('en')} scans (${orders} orders)`,
        value: residentMb(pid),
        unit: 'MB',
        goal: 250,
      },
    ];
  } finally {
    await bench.stop();
  }
}
