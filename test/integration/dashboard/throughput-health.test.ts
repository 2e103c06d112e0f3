import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../shared/domain/deadlines/buckets';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

// 14:30 UTC; the station keeps UTC so today's hours start at 00:00Z.
const NOW = Date.parse('2026-03-10T14:30:00Z');
const TODAY = Date.parse('2026-03-10T00:00:00Z');

describe('throughput and operations health', () => {
  let station: Awaited<ReturnType<typeof tempStation>>;
  let packer: number;
  let supervisor: number;
  beforeEach(async () => {
    station = await tempStation({ now: () => NOW, env: { PACKBENCH_TIME_ZONE: 'UTC' } });
    // Drill-downs list orders: the LAN view serves them only while a supervisor allows order details.
    station.services.settings.set('lan.details', true);
    const users = station.services.users.list();
    packer = users.find((u) => u.role === 'packer')!.id;
    supervisor = users.find((u) => u.role === 'supervisor')!.id;
    const store = new OrderStore(station.services.db);
    store.upsertFromMarketplace(
      ['p1', 'p2', 'p3', 'p4', 'old', 'open'].map((id) => ({
        order: makeOrder({ id, paidAt: TODAY - 10 * HOUR_MS }, NOW),
        raw: {},
      })),
      NOW,
    );
    const pack = station.services.db.prepare(
      "UPDATE orders SET station_state = 'labelled', packed_at = ?, packed_by = ? WHERE id = ?",
    );
    pack.run(TODAY + 9 * HOUR_MS + 5, packer, 'p1');
    pack.run(TODAY + 9 * HOUR_MS + 50 * 60_000, packer, 'p2');
    pack.run(TODAY + 11 * HOUR_MS, packer, 'p3');
    pack.run(TODAY + 13 * HOUR_MS, supervisor, 'p4');
    pack.run(TODAY - 2 * 24 * HOUR_MS, packer, 'old');
  });
  afterEach(() => station.dispose());

  it('counts orders packed per hour of today per packer, at their rate per hour worked', async () => {
    const today = await ok(station.call('lan', 'dashboard.throughput', { period: 'today' }));
    expect(today.packed).toBe(4);
    expect(today.slots).toHaveLength(15);
    expect(today.slots[9]).toMatchObject({ start: TODAY + 9 * HOUR_MS, packed: 2, byPacker: { [packer]: 2 } });
    expect(today.slots[13]!.byPacker).toEqual({ [supervisor]: 1 });
    // Packer: 3 orders in 2 distinct hours.
    expect(today.packers).toEqual([
      { userId: packer, name: 'Packer', packed: 3, perHour: 1.5 },
      { userId: supervisor, name: 'Supervisor', packed: 1, perHour: 1 },
    ]);
    expect(today.avgPaidToPackedMs).toBe(
      Math.round((19 * HOUR_MS + 5 + (19 * HOUR_MS + 50 * 60_000) + 21 * HOUR_MS + 23 * HOUR_MS) / 4),
    );
    const week = await ok(station.call('lan', 'dashboard.throughput', { period: 'week' }));
    expect(week.packed).toBe(5);
    expect(week.slots).toHaveLength(7);
    expect(week.slots[4]!.packed).toBe(1);

    const drill = await ok(
      station.call('lan', 'dashboard.orders', {
        filter: { kind: 'packed', period: 'today', packerId: packer, slotStart: TODAY + 9 * HOUR_MS },
      }),
    );
    expect(drill.orders.map((o) => o.id)).toEqual(['p2', 'p1']);
    expect(drill.orders[0]!.packedBy).toBe('Packer');
  });

  it("splits hours on the station's own clock, also where it is offset by half an hour", async () => {
    const india = await tempStation({ now: () => NOW, env: { PACKBENCH_TIME_ZONE: 'Asia/Kolkata' } });
    try {
      new OrderStore(india.services.db).upsertFromMarketplace(
        ['a', 'b', 'c'].map((id) => ({ order: makeOrder({ id, paidAt: NOW - 5 * HOUR_MS }, NOW), raw: {} })),
        NOW,
      );
      // 14:30 UTC is 20:00 in Kolkata; its day began at 18:30 UTC the day before.
      const pack = india.services.db.prepare(
        "UPDATE orders SET station_state = 'packed', packed_at = ?, packed_by = ? WHERE id = ?",
      );
      pack.run(Date.parse('2026-03-10T04:29:59Z'), packer, 'a'); // 09:59:59 local
      pack.run(Date.parse('2026-03-10T04:30:00Z'), packer, 'b'); // 10:00 local
      pack.run(Date.parse('2026-03-09T18:29:00Z'), packer, 'c'); // 23:59 the day before
      const today = await ok(india.call('lan', 'dashboard.throughput', { period: 'today' }));
      expect(today.from).toBe(Date.parse('2026-03-09T18:30:00Z'));
      expect(today.slots.map((slot) => slot.packed)).toEqual([
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      ]);
      expect(today.packers).toEqual([{ userId: packer, name: 'Packer', packed: 2, perHour: 1 }]);
      const week = await ok(india.call('lan', 'dashboard.throughput', { period: 'week' }));
      expect(week.slots.slice(-2).map((slot) => slot.packed)).toEqual([1, 2]);
    } finally {
      await india.dispose();
    }
  });

  it('reads scan errors, holds and per-station counts from the pack tables', async () => {
    const db = station.services.db;
    const session = db.prepare(
      "INSERT INTO pack_sessions (order_id, station_id, user_id, state, opened_at, closed_at) VALUES (?, ?, ?, 'completed', ?, ?)",
    );
    session.run('p1', 'desk-1', packer, TODAY + 9 * HOUR_MS, TODAY + 9 * HOUR_MS + 5);
    session.run('p2', 'desk-2', packer, TODAY + 9 * HOUR_MS, TODAY + 9 * HOUR_MS + 50 * 60_000);
    const scan = db.prepare(
      "INSERT INTO scan_events (at, station_id, user_id, order_id, source, code, verdict) VALUES (?, 'desk-1', ?, ?, 'scanner', 'X', ?)",
    );
    for (const verdict of ['match', 'line_done', 'wrong_item', 'match', 'order_opened'])
      scan.run(TODAY + 9 * HOUR_MS, packer, 'p1', verdict);
    db.prepare(
      "INSERT INTO pack_holds (order_id, station_id, held_by, reason, held_at) VALUES ('open', 'desk-1', ?, 'damaged', ?)",
    ).run(packer, TODAY + 10 * HOUR_MS);

    const today = await ok(station.call('lan', 'dashboard.throughput', { period: 'today' }));
    expect(today.scans).toEqual({ scans: 4, errors: 1, rate: 0.25 });
    expect(today.holds).toEqual({ reasons: [{ reason: 'damaged', count: 1 }] });
    expect(today.stations).toEqual({
      stations: [
        { stationId: 'desk-1', packed: 1, perHour: 1 },
        { stationId: 'desk-2', packed: 1, perHour: 1 },
      ],
    });
    const errors = await ok(
      station.call('lan', 'dashboard.orders', { filter: { kind: 'scanErrors', period: 'today' } }),
    );
    expect(errors.orders.map((o) => o.id)).toEqual(['p1']);
    const held = await ok(
      station.call('lan', 'dashboard.orders', { filter: { kind: 'held', period: 'today', reason: 'damaged' } }),
    );
    expect(held.orders.map((o) => o.id)).toEqual(['open']);
    const desk2 = await ok(
      station.call('lan', 'dashboard.orders', { filter: { kind: 'packed', period: 'today', stationId: 'desk-2' } }),
    );
    expect(desk2.orders.map((o) => o.id)).toEqual(['p2']);
  });

  it("reports the sync backlog, failed writes and today's pickups with the parcels still missing", async () => {
    const db = station.services.db;
    const outbox = db.prepare(
      "INSERT INTO outbox (idempotency_key, kind, stream, order_id, package_id, payload, state, next_attempt_at, created_at) VALUES (?, 'ship.seller', ?, ?, ?, '{}', ?, 0, ?)",
    );
    outbox.run('k1', 'pkg-p1', 'p1', 'pkg-p1', 'pending', NOW - 3 * HOUR_MS);
    outbox.run('k2', 'pkg-p2', 'p2', 'pkg-p2', 'pending', NOW - HOUR_MS);
    outbox.run('k3', 'pkg-p3', 'p3', 'pkg-p3', 'failed', NOW - 2 * HOUR_MS);
    outbox.run('k4', 'pkg-p4', 'p4', 'pkg-p4', 'done', NOW - 9 * HOUR_MS);
    const pickup = db
      .prepare(
        "INSERT INTO pickups (carrier, shipping_type, state, handover_method, slot_start, slot_end, created_at) VALUES ('UPS', 'SELLER', 'booked', 'PICKUP', ?, ?, ?)",
      )
      .run(TODAY + 15 * HOUR_MS, TODAY + 17 * HOUR_MS, NOW).lastInsertRowid as number;
    db.prepare(
      "INSERT INTO pickups (carrier, shipping_type, state, slot_start, slot_end, created_at) VALUES ('UPS', 'SELLER', 'booked', ?, ?, ?)",
    ).run(TODAY + 40 * HOUR_MS, TODAY + 41 * HOUR_MS, NOW);
    db.prepare('INSERT INTO pickup_parcels (pickup_id, package_id, order_id, added_at) VALUES (?, ?, ?, ?)').run(
      pickup,
      'pkg-p1',
      'p1',
      NOW,
    );

    const value = await ok(station.call('lan', 'dashboard.health', {}));
    expect(value.sync).toEqual({ backlog: 2, failed: 1, oldestUnsentAt: NOW - 3 * HOUR_MS });
    expect(value.pickups.pickups).toEqual([
      // Labelled and on no pickup: p2, p3, p4 and old. 'open' is not packed and not due for handover before 17:00.
      {
        id: pickup,
        carrier: 'UPS',
        method: 'PICKUP',
        state: 'booked',
        slotStart: TODAY + 15 * HOUR_MS,
        slotEnd: TODAY + 17 * HOUR_MS,
        parcels: 1,
        missing: 4,
      },
    ]);
    expect(value.printers).toEqual({ printers: [] });
    const missing = await ok(
      station.call('lan', 'dashboard.orders', { filter: { kind: 'pickupMissing', pickupId: pickup } }),
    );
    expect(missing.orders.map((o) => o.id).sort()).toEqual(['old', 'p2', 'p3', 'p4']);
    const onPickup = await ok(
      station.call('lan', 'dashboard.orders', { filter: { kind: 'pickupParcels', pickupId: pickup } }),
    );
    expect(onPickup.orders.map((o) => o.id)).toEqual(['p1']);
    const unsent = await ok(station.call('lan', 'dashboard.orders', { filter: { kind: 'unsent' } }));
    expect(unsent.orders.map((o) => o.id).sort()).toEqual(['p1', 'p2']);
    const failed = await ok(station.call('lan', 'dashboard.orders', { filter: { kind: 'failedWrites' } }));
    expect(failed.orders.map((o) => o.id)).toEqual(['p3']);
  });

  it('counts packed parcels whose label waits for TikTok, waits for the carrier label scan or failed, and drills down to them', async () => {
    const shipment = station.services.db.prepare(
      'INSERT INTO shipments (order_id, flow, label_state, packed, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    shipment.run('p1', 'tiktok', 'waiting_tiktok', 1, NOW);
    shipment.run('p2', 'tiktok', 'ship_queued', 1, NOW);
    shipment.run('p3', 'seller', 'scan_tracking', 1, NOW);
    shipment.run('p4', 'seller', 'failed', 1, NOW);
    shipment.run('old', 'tiktok', 'printed', 1, NOW);
    // A label fetched ahead of packing keeps nobody waiting yet.
    shipment.run('open', 'tiktok', 'waiting_tiktok', 0, NOW);
    const value = await ok(station.call('lan', 'dashboard.health', {}));
    expect(value.labels).toEqual({
      waiting: 2,
      oldestWaitingAt: TODAY + 9 * HOUR_MS + 5,
      scanTracking: 1,
      failed: 1,
    });
    const waiting = await ok(station.call('lan', 'dashboard.orders', { filter: { kind: 'labels', state: 'waiting' } }));
    expect(waiting.orders.map((o) => o.id)).toEqual(['p1', 'p2']);
    const scan = await ok(
      station.call('lan', 'dashboard.orders', { filter: { kind: 'labels', state: 'scanTracking' } }),
    );
    expect(scan.orders.map((o) => o.id)).toEqual(['p3']);
    const failed = await ok(station.call('lan', 'dashboard.orders', { filter: { kind: 'labels', state: 'failed' } }));
    expect(failed.orders.map((o) => o.id)).toEqual(['p4']);
  });

  it('shows each printer in the state its jobs leave it: ready, printing, waiting with the reason, failed with the error', async () => {
    const job = station.services.db.prepare(
      "INSERT INTO print_jobs (order_id, kind, state, printer_uri, language, waiting_reason, error, next_attempt_at, created_at, station_id) VALUES (NULL, 'label', ?, ?, 'zpl', ?, ?, 0, 0, 'desk-1')",
    );
    job.run('done', 'tcp://10.0.0.5:9100', null, null);
    job.run('done', 'virtual://printer', null, null);
    job.run('queued', 'virtual://printer', 'Out of labels', null);
    job.run('queued', 'virtual://printer', 'Out of labels', null);
    job.run('done', 'usb:///dev/usb/lp0', null, null);
    job.run('failed', 'usb:///dev/usb/lp0', null, 'Printer head open');
    job.run('sent', 'tcp://10.0.0.6:9100', null, null);
    const value = await ok(station.call('lan', 'dashboard.health', {}));
    expect([...value.printers.printers].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'tcp://10.0.0.5:9100', name: 'tcp://10.0.0.5:9100', state: 'ready', detail: null, queued: 0 },
      { id: 'tcp://10.0.0.6:9100', name: 'tcp://10.0.0.6:9100', state: 'printing', detail: null, queued: 1 },
      { id: 'usb:///dev/usb/lp0', name: 'usb:///dev/usb/lp0', state: 'failed', detail: 'Printer head open', queued: 0 },
      { id: 'virtual://printer', name: 'virtual://printer', state: 'waiting', detail: 'Out of labels', queued: 2 },
    ]);
  });
});
