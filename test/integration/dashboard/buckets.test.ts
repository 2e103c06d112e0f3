import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DrillDown } from '../../../shared/contract/dashboard';
import {
  BUCKETS,
  bucketOf,
  DEADLINES,
  HOUR_MS,
  OPEN_STATES,
  type Bucket,
} from '../../../shared/domain/deadlines/buckets';
import { StationState, type Service } from '../../../shared/domain/orders/order';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

// 10:00 in Shanghai: the local day ends at 16:00 UTC, six hours after at-risk ends (08:00 UTC).
const NOW = Date.parse('2026-03-10T02:00:00Z');

describe('deadline buckets over the real database', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => {
    station = await tempStation({ now: () => NOW, env: { PACKBENCH_TIME_ZONE: 'Asia/Shanghai' } });
    // Drill-downs list orders: the LAN view serves them only while a supervisor allows order details.
    station.services.settings.set('lan.details', true);
    await station.call('http', 'session.login', { pin: '9999' });
  });
  afterEach(() => station.dispose());

  const seed = (
    orders: Array<{
      id: string;
      paidHoursAgo: number;
      carrier?: string | null;
      service?: Service;
      state?: StationState;
    }>,
  ) => {
    const store = new OrderStore(station.services.db);
    store.upsertFromMarketplace(
      orders.map((o) => ({
        order: makeOrder(
          {
            id: o.id,
            paidAt: NOW - o.paidHoursAgo * HOUR_MS,
            carrier: o.carrier === undefined ? 'UPS' : o.carrier,
            service: o.service ?? 'standard',
            stationState: o.state ?? 'queued',
          },
          NOW,
        ),
        raw: {},
      })),
      NOW,
    );
  };

  const buckets = () => ok(station.call('http', 'dashboard.buckets', {}));

  const drill = (filter: DrillDown) => ok(station.call('lan', 'dashboard.orders', { filter }));

  it('counts orders at known ages into the right bucket for both deadlines', async () => {
    seed([
      { id: 'overdue', paidHoursAgo: 50 }, // pack-by 2 h ago; handover-by in 22 h
      { id: 'at-risk', paidHoursAgo: 44 }, // 4 h left to pack
      { id: 'due-today', paidHoursAgo: 40 }, // 8 h left: before Shanghai's midnight (14 h away)
      { id: 'later', paidHoursAgo: 1 }, // 47 h left
      { id: 'handover-overdue', paidHoursAgo: 73, state: 'labelled' }, // packed in time, not handed over
      { id: 'done', paidHoursAgo: 80, state: 'handed_over' },
      { id: 'cancelled', paidHoursAgo: 80, state: 'cancelled' },
    ]);
    const value = await buckets();
    expect(value.timeZone).toBe('Asia/Shanghai');
    expect(value.packBy.total).toEqual({ overdue: 1, atRisk: 1, dueToday: 1, later: 1 });
    // Handover: 73 h ago is overdue, 50 h ago has 22 h left (later), the others are later too.
    expect(value.handoverBy.total).toEqual({ overdue: 1, atRisk: 0, dueToday: 0, later: 4 });
    expect((await drill({ kind: 'bucket', deadline: 'packBy', bucket: 'atRisk' })).orders.map((o) => o.id)).toEqual([
      'at-risk',
    ]);
    expect(
      (await drill({ kind: 'bucket', deadline: 'handoverBy', bucket: 'overdue' })).orders.map((o) => o.id),
    ).toEqual(['handover-overdue']);
  });

  it('splits by carrier (none assigned is its own group) and by service, and drills down to the same orders', async () => {
    seed([
      { id: 'a', paidHoursAgo: 50, carrier: 'UPS', service: 'express' },
      { id: 'b', paidHoursAgo: 50, carrier: 'USPS' },
      { id: 'c', paidHoursAgo: 50, carrier: null, service: 'economy' },
      { id: 'd', paidHoursAgo: 44, carrier: 'UPS', service: 'express' },
    ]);
    const { packBy } = await buckets();
    expect(packBy.byCarrier).toEqual([
      { key: null, counts: { overdue: 1, atRisk: 0, dueToday: 0, later: 0 } },
      { key: 'UPS', counts: { overdue: 1, atRisk: 1, dueToday: 0, later: 0 } },
      { key: 'USPS', counts: { overdue: 1, atRisk: 0, dueToday: 0, later: 0 } },
    ]);
    expect(packBy.byService.find((group) => group.key === 'express')?.counts).toEqual({
      overdue: 1,
      atRisk: 1,
      dueToday: 0,
      later: 0,
    });
    expect(
      (await drill({ kind: 'bucket', deadline: 'packBy', bucket: 'overdue', carrier: null })).orders.map((o) => o.id),
    ).toEqual(['c']);
    expect(
      (await drill({ kind: 'bucket', deadline: 'packBy', bucket: 'overdue', carrier: 'UPS' })).orders.map((o) => o.id),
    ).toEqual(['a']);
    expect((await drill({ kind: 'bucket', deadline: 'packBy', bucket: 'atRisk', service: 'express' })).total).toBe(1);
  });

  it('agrees with the pure bucket rule for any mix of orders, and every count drills down to as many orders', async () => {
    const order = fc.record({
      paidMinutesAgo: fc.integer({ min: -600, max: 100 * 60 }),
      carrier: fc.constantFrom('UPS', 'USPS', null),
      service: fc.constantFrom<Service>('standard', 'express', 'economy'),
      state: fc.constantFrom(...StationState.options),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(order, { maxLength: 40 }), async (orders) => {
        station.services.db.exec('DELETE FROM order_lines; DELETE FROM packages; DELETE FROM orders;');
        const store = new OrderStore(station.services.db);
        store.upsertFromMarketplace(
          orders.map((o, i) => ({
            order: makeOrder(
              {
                id: `o${i}`,
                paidAt: NOW - o.paidMinutesAgo * 60_000,
                carrier: o.carrier,
                service: o.service,
                stationState: o.state,
              },
              NOW,
            ),
            raw: {},
          })),
          NOW,
        );
        const value = await buckets();
        for (const deadline of DEADLINES) {
          const expected = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
          for (const o of orders) {
            if (!OPEN_STATES[deadline].includes(o.state)) continue;
            const paid = NOW - o.paidMinutesAgo * 60_000;
            expected[bucketOf(paid + (deadline === 'packBy' ? 48 : 72) * HOUR_MS, value.edges)] += 1;
          }
          expect(value[deadline].total).toEqual(expected);
          for (const bucket of BUCKETS)
            expect((await drill({ kind: 'bucket', deadline, bucket })).total).toBe(expected[bucket]);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('takes the at-risk window from its setting', async () => {
    seed([{ id: 'x', paidHoursAgo: 39 }]); // 9 h left
    expect((await buckets()).packBy.total.atRisk).toBe(0);
    await station.call('http', 'settings.update', { key: 'dashboard.atRiskHours', value: 10 });
    expect((await buckets()).packBy.total.atRisk).toBe(1);
  });
});
