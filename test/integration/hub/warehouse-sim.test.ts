import { describe, expect, it } from 'vitest';
import { runWarehouseSim } from './sim/warehouse';

const SEED = Number(process.env.HUB_SIM_SEED ?? 1414);

describe(`warehouse simulation: 4 desk processes and a hub process, SIGKILLed and cut off on a seeded schedule (seed ${SEED}, replay with HUB_SIM_SEED)`, () => {
  it('packs no order at two desks, loses no write, ships no parcel twice and every order once', async () => {
    const result = await runWarehouseSim({
      desks: 4,
      sandboxOrders: 1_800,
      faults: 8,
      seed: SEED,
      timeoutMs: 150_000,
      log: (line) => console.log(line),
    });
    console.log(
      `warehouse sim (seed ${SEED}): ${result.orders} orders at ${result.desks} desks, ${result.hubKills} hub kills, ${result.deskKills} desk kills, ${result.cuts} cuts; start ${result.startMs} ms, pack ${result.packMs} ms, settle ${result.settleMs} ms`,
    );
    expect(result.orders).toBeGreaterThan(200);
    expect(result.hubKills + result.deskKills).toBeGreaterThan(0);
    expect(result.packedTwice).toEqual([]);
    expect(result.lostWrites).toEqual([]);
    expect(result.shippedTwice).toEqual([]);
    expect(result.neverPacked).toEqual([]);
    expect(result.notShippedOnce).toEqual([]);
  }, 180_000);
});
