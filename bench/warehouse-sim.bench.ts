/**
 * The warehouse simulation at full size (issue 14): 20 desks, each a station process joined to a hub process through a
 * cutting proxy, pack 10,000 sandbox orders while desks and the hub are SIGKILLed and connections refused, reset or
 * blackholed on a seeded schedule (HUB_SIM_SEED replays one). It prints its counts: orders packed at two desks, writes
 * lost, parcels shipped twice and orders not shipped once must all be 0 (the run throws otherwise). Takes minutes.
 * `npm test` runs the same simulation small (test/integration/hub/warehouse-sim.test.ts).
 */
import { runWarehouseSim } from '../test/integration/hub/sim/warehouse';
import type { BenchFigure } from './stats';

const DESKS = 20;
/** The sandbox's orders over its five shops; the hub's one shop (all shipped by TikTok) holds about 10,000 to pack. */
const SANDBOX_ORDERS = 66_000;
const FAULTS = 40;

export async function run(): Promise<BenchFigure[]> {
  const seed = Number(process.env.HUB_SIM_SEED ?? Date.now() % 1_000_000);
  const result = await runWarehouseSim({
    desks: DESKS,
    sandboxOrders: SANDBOX_ORDERS,
    faults: FAULTS,
    seed,
    timeoutMs: 60 * 60_000,
    log: (line) => console.log(line),
  });
  const counts = {
    'orders packed at two desks': result.packedTwice,
    'writes lost': result.lostWrites,
    'parcels shipped twice': result.shippedTwice,
    'orders never packed': result.neverPacked,
    'parcels not shipped exactly once': result.notShippedOnce,
  };
  console.log(
    `  seed ${seed}: ${result.orders} orders (${result.packages} parcels) at ${result.desks} desks; ${result.hubKills} hub kills, ${result.deskKills} desk kills, ${result.cuts} cuts; ${result.cancelledUpstream} orders cancelled by buyers meanwhile (not to ship); ${result.packerErrors.length} packer errors`,
  );
  for (const [name, list] of Object.entries(counts))
    console.log(`  ${name}: ${list.length}${list.length ? ` (${list.slice(0, 5).join('; ')})` : ''}`);
  if (result.packerErrors.length) console.log(`  first packer errors: ${result.packerErrors.slice(0, 5).join('; ')}`);
  const broken = Object.entries(counts).filter(([, list]) => list.length > 0);
  if (broken.length > 0)
    throw new Error(`warehouse simulation (seed ${seed}) broke: ${broken.map(([name]) => name).join(', ')}`);
  return [
    { name: `orders packed by ${DESKS} desk processes`, value: result.orders / (result.packMs / 1000), unit: 'ops/s' },
    { name: 'hub and desks started', value: result.startMs / 1000, unit: 's' },
    { name: `${result.orders} orders packed, under ${FAULTS} faults`, value: result.packMs / 1000, unit: 's' },
    { name: 'last writes shipped after everything healed', value: result.settleMs / 1000, unit: 's' },
    { name: 'whole simulation', value: result.totalMs / 1000, unit: 's' },
  ];
}
