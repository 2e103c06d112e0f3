import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../shared/contract';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

type Station = Awaited<ReturnType<typeof tempStation>>;

const units = (id: string, skuId: string, sellerSku: string, productName: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}`, skuId, sellerSku, productName }));

function seed(station: Station) {
  const store = new OrderStore(station.services.db);
  store.upsertFromMarketplace(
    [
      {
        order: makeOrder({
          id: 'ORD-1',
          buyerMessage: 'Gift wrap please',
          lines: [...units('a', 'sku-mug', 'MUG-1', 'Mug', 2), ...units('b', 'sku-lamp', 'LAMP-1', 'Lamp', 1)],
          packages: [{ id: 'PKG-1', trackingNumber: '1Z999AA10123456784' }],
        }),
        raw: {},
      },
      // Its carrier label's number is known, so its label can print.
      {
        order: makeOrder({
          id: 'ORD-2',
          lines: units('c', 'sku-pen', 'PEN-1', 'Pen', 1),
          packages: [{ id: 'PKG-2', trackingNumber: '1Z5R89390357567127', shippingProviderId: 'prov-ups' }],
        }),
        raw: {},
      },
      {
        order: makeOrder({ id: 'ORD-X', status: 'CANCELLED', lines: units('d', 'sku-pen', 'PEN-1', 'Pen', 1) }),
        raw: {},
      },
    ],
    Date.now(),
  );
  station.services.db
    .prepare(
      "INSERT INTO sku_barcodes (code, sku_id, seller_sku, source, created_at) VALUES ('036000291452', 'sku-mug', 'MUG-1', 'marketplace', 1)",
    )
    .run();
}

const rows = (station: Station, sql: string) =>
  station.services.db.prepare(sql).all() as Array<Record<string, unknown>>;

describe('pack station', () => {
  let station: Station;
  let events: StationEvent[];
  beforeEach(async () => {
    station = await tempStation({ env: { PACKBENCH_STATION_ID: 'desk-1' } });
    seed(station);
    events = [];
    station.services.bus.subscribe((event) => events.push(event));
    await station.call('http', 'session.login', { pin: '1111' });
  });
  afterEach(() => station.dispose());

  const scan = (text: string, source: 'scanner' | 'manual' | 'typed' = 'scanner') =>
    ok(station.call('http', 'pack.scan', { text, source }));

  it('opens by tracking number, verifies by barcode (EAN form of a UPC) and seller SKU, records every scan, completes', async () => {
    expect((await scan('1Z999AA10123456784')).verdict).toMatchObject({ kind: 'order_opened', orderId: 'ORD-1' });
    expect((await scan(']E00036000291452')).verdict).toMatchObject({ kind: 'match', count: 1, quantity: 2 });
    expect((await scan('PEN-1')).verdict.kind).toBe('wrong_item');
    expect((await scan('NOPE-404')).verdict.kind).toBe('unknown');
    expect((await scan('MUG-1')).verdict.kind).toBe('line_done');
    expect((await scan('MUG-1')).verdict.kind).toBe('over_scan');
    const done = await scan('lamp-1');
    expect(done.verdict).toMatchObject({ kind: 'line_done', complete: true });
    expect(done.view).toMatchObject({ state: 'completed', complete: true });

    const order = rows(
      station,
      "SELECT station_state, packed_by, packed_at, open_at_station FROM orders WHERE id = 'ORD-1'",
    )[0]!;
    expect(order).toMatchObject({ station_state: 'packed', open_at_station: null });
    expect(order.packed_at).toEqual(expect.any(Number));
    const scans = rows(station, 'SELECT verdict, station_id, user_id, order_id, source FROM scan_events ORDER BY id');
    expect(scans.map((s) => s.verdict)).toEqual([
      'order_opened',
      'match',
      'wrong_item',
      'unknown',
      'line_done',
      'over_scan',
      'line_done',
    ]);
    expect(
      scans.every((s) => s.station_id === 'desk-1' && s.user_id === order.packed_by && s.order_id === 'ORD-1'),
    ).toBe(true);
    expect(events.filter((e) => e.name === 'pack.completed')).toEqual([
      { name: 'pack.completed', payload: { orderId: 'ORD-1', stationId: 'desk-1', overridden: false } },
    ]);
  });

  it('opens an order by its tracking number as the carrier label prints it (lower case, dashes)', async () => {
    expect((await scan('1z-999aa1-0123456784')).verdict).toMatchObject({ kind: 'order_opened', orderId: 'ORD-1' });
  });

  it('resumes an open order after a restart, exactly where it was', async () => {
    await scan('ORD-1');
    await scan('MUG-1');
    const dataDir = station.dataDir;
    await station.close();
    const again = await tempStation({ dataDir, env: { PACKBENCH_STATION_ID: 'desk-1' } });
    try {
      const current = await again.call('http', 'pack.current', {});
      expect(current.ok && current.value?.verification.progress.counts).toEqual({ 'sku-mug': 1 });
      await again.call('http', 'session.login', { pin: '1111' });
      const undo = await again.call('http', 'pack.scan', { text: 'PBCMD-UNDO', source: 'scanner' });
      expect(undo.ok && undo.value.verdict).toMatchObject({ kind: 'undone', count: 0 });
    } finally {
      await again.dispose();
    }
  });

  it('refuses cancelled orders and orders open at another desk, with the reason', async () => {
    expect((await scan('ORD-X')).verdict).toMatchObject({ kind: 'order_refused', reason: 'cancelled' });
    const other = await tempStation({ dataDir: station.dataDir, env: { PACKBENCH_STATION_ID: 'desk-2' } });
    try {
      await other.call('http', 'session.login', { pin: '1111' });
      await other.call('http', 'pack.scan', { text: 'ORD-2', source: 'scanner' });
      expect((await scan('ORD-2')).verdict).toMatchObject({
        kind: 'order_refused',
        reason: 'open_elsewhere',
        detail: 'desk-2',
      });
    } finally {
      await other.close();
    }
  });

  it('stops an order cancelled upstream while it is on the bench', async () => {
    await scan('ORD-1');
    new OrderStore(station.services.db).upsertFromMarketplace(
      [{ order: makeOrder({ id: 'ORD-1', status: 'CANCELLED', updatedAt: Date.now() + 1000 }), raw: {} }],
      Date.now(),
    );
    expect((await scan('MUG-1')).verdict).toMatchObject({ kind: 'order_refused', reason: 'cancelled' });
    expect((await station.call('http', 'pack.current', {})).ok).toBe(true);
    expect(rows(station, 'SELECT state FROM pack_sessions')).toEqual([{ state: 'cancelled' }]);
  });

  it('holds with a reason, takes the order off the queue, and only a supervisor PIN releases it', async () => {
    await scan('ORD-1');
    expect((await scan('PBCMD-HOLD')).verdict.kind).toBe('hold_reason_needed');
    expect((await scan('PBCMD-HOLD-DAMAGED')).verdict).toMatchObject({ kind: 'held', reason: 'damaged' });
    const queue = await station.call('http', 'pack.queue', {});
    expect(queue.ok && queue.value.orders.map((o) => o.id)).toEqual(['ORD-2']);
    expect((await scan('ORD-1')).verdict).toMatchObject({
      kind: 'order_refused',
      reason: 'on_hold',
      detail: 'damaged',
    });
    const holds = await station.call('http', 'pack.holds', {});
    expect(holds.ok && holds.value).toMatchObject([{ orderId: 'ORD-1', reason: 'damaged', heldBy: 'Packer' }]);

    expect(await station.call('http', 'pack.releaseHold', { pin: '1111', orderId: 'ORD-1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const released = await station.call('http', 'pack.releaseHold', {
      pin: '9999',
      orderId: 'ORD-1',
      note: 'replacement found',
    });
    expect(released.ok && released.value.verdict).toMatchObject({ kind: 'released', orderId: 'ORD-1' });
    expect(rows(station, 'SELECT reason, released_by, release_note FROM pack_holds')).toEqual([
      { reason: 'damaged', released_by: 2, release_note: 'replacement found' },
    ]);
    expect(rows(station, "SELECT station_state, hold_reason FROM orders WHERE id = 'ORD-1'")).toEqual([
      { station_state: 'queued', hold_reason: null },
    ]);
    expect(
      rows(station, "SELECT action FROM audit_log WHERE action LIKE 'pack.%' ORDER BY id").map((r) => r.action),
    ).toEqual(['pack.opened', 'pack.held', 'pack.supervisorRefused', 'pack.released']);
  });

  it('completes with unverified lines only on a supervisor override, and records who, why and what was missing', async () => {
    await scan('ORD-1');
    await scan('MUG-1');
    expect(await station.call('http', 'pack.override', { pin: '1111', reason: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const result = await station.call('http', 'pack.override', {
      pin: '9999',
      reason: 'customer asked for a partial shipment',
    });
    expect(result.ok && result.value.verdict).toMatchObject({ kind: 'overridden', complete: true });
    const [override] = rows(station, 'SELECT supervisor_id, packer_id, reason, unverified FROM pack_overrides');
    expect(override).toMatchObject({ supervisor_id: 2, packer_id: 1, reason: 'customer asked for a partial shipment' });
    expect(JSON.parse(override!.unverified as string)).toEqual([
      { lineKey: 'sku-mug', sellerSku: 'MUG-1', count: 1, quantity: 2 },
      { lineKey: 'sku-lamp', sellerSku: 'LAMP-1', count: 0, quantity: 1 },
    ]);
    expect(rows(station, "SELECT station_state FROM orders WHERE id = 'ORD-1'")).toEqual([{ station_state: 'packed' }]);
    expect(events.some((e) => e.name === 'pack.completed' && e.payload.overridden)).toBe(true);
  });

  it('links an unknown code to a line with a supervisor PIN, counts it, and remembers it', async () => {
    await scan('ORD-1');
    expect((await scan('4006381333931')).verdict.kind).toBe('unknown');
    const linked = await station.call('http', 'pack.linkBarcode', {
      pin: '9999',
      code: '4006381333931',
      lineKey: 'sku-lamp',
    });
    expect(linked.ok && linked.value.verdict).toMatchObject({ kind: 'linked', lineKey: 'sku-lamp', count: 1 });
    expect(rows(station, "SELECT sku_id, source, created_by FROM sku_barcodes WHERE code = '4006381333931'")).toEqual([
      { sku_id: 'sku-lamp', source: 'alias', created_by: 2 },
    ]);
    await station.call('http', 'pack.undo', {});
    expect((await scan('04006381333931')).verdict).toMatchObject({ kind: 'line_done', lineKey: 'sku-lamp' });
    expect(
      await station.call('http', 'pack.linkBarcode', { pin: '9999', code: 'MUG-1', lineKey: 'sku-lamp' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('counts a bulk line from a typed quantity, and captures serial numbers where configured', async () => {
    await station.call('http', 'session.login', { pin: '9999' });
    await station.call('http', 'settings.update', { key: 'pack.bulkMinQuantity', value: 2 });
    await station.call('http', 'settings.update', { key: 'pack.serialSkus', value: 'LAMP-1' });
    await scan('ORD-1');
    await scan('MUG-1');
    expect((await scan('2', 'typed')).verdict).toMatchObject({ kind: 'quantity_set', count: 2, quantity: 2 });
    expect((await scan('LAMP-1')).view?.verification.progress.awaiting).toEqual({
      kind: 'serial',
      lineKey: 'sku-lamp',
    });
    expect((await scan('SN-77')).verdict).toMatchObject({ kind: 'serial_recorded', complete: true });
    expect(rows(station, 'SELECT sku_id, serial FROM pack_serials')).toEqual([{ sku_id: 'sku-lamp', serial: 'SN-77' }]);
  });

  it('runs command barcodes: NEXT opens the earliest order, CANCEL puts it back, PRINT asks for the label of the packed order', async () => {
    expect((await scan('PBCMD-PRINT')).verdict.kind).toBe('no_order');
    expect((await scan('PBCMD-NEXT')).verdict).toMatchObject({ kind: 'order_opened' });
    expect((await scan('PBCMD-CANCEL')).verdict.kind).toBe('cancelled');
    await scan('ORD-2');
    expect((await scan('PBCMD-PRINT')).verdict.kind).toBe('not_complete');
    await scan('PEN-1');
    expect((await scan('PBCMD-PRINT')).verdict).toMatchObject({ kind: 'print_requested', orderId: 'ORD-2' });
    expect(events.filter((e) => e.name === 'pack.printRequested').map((e) => e.payload)).toEqual([
      { orderId: 'ORD-2', stationId: 'desk-1' },
    ]);
  });

  it('rejects garbage cleanly and records nothing', async () => {
    const before = rows(station, 'SELECT count(*) AS n FROM scan_events');
    for (const text of ['A'.repeat(5000), 'AB\u0000CD', '\u0007\u0008', 'Ã¿\u00fe\u0081', '   ', ']C1']) {
      const result = await station.call('http', 'pack.scan', { text, source: 'scanner' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await station.callRaw('http', 'pack.scan', { text: 42, source: 'scanner' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(rows(station, 'SELECT count(*) AS n FROM scan_events')).toEqual(before);
  });

  it('refuses to pack while the station is locked', async () => {
    await station.call('http', 'session.lock', {});
    expect(await station.call('http', 'pack.scan', { text: 'ORD-1', source: 'scanner' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
