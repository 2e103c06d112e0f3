import { afterEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../shared/contract';
import { tempStation } from '../../support/temp-station';
import { firstOrder, labelState, ok, packOrder, row, type Station } from './station-helpers';

const TIKTOK_QUEUED = `o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
  AND json_extract(o.recipient, '$.countryCode') != 'BR' AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1
  AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 4`;

/** TikTok's answers as TIKTOK-API.md reads them, on the way from the last item to the printed label. */
describe("TikTok's answers between packing and the label", () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });
  const start = async () => {
    const station = await tempStation({ env: { PACKBENCH_SANDBOX_ORDERS: '40', PACKBENCH_STATION_ID: 'desk-1' } });
    stations.push(station);
    const alerts: StationEvent[] = [];
    station.services.bus.subscribe((event) => event.name === 'sync.alert' && alerts.push(event));
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    return { station, alerts, orderId };
  };
  const attempts = (station: Station, orderId: string) =>
    station.services.db
      .prepare(
        'SELECT a.result, a.message FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id WHERE o.order_id = ? ORDER BY a.id',
      )
      .all(orderId) as Array<{ result: string; message: string | null }>;

  it('a label TikTok is still preparing (21023035) waits as "waiting for TikTok", then prints', async () => {
    const { station, orderId } = await start();
    station.services.sandbox!.faults.add({ kind: 'error_code', code: 21023035, path: '/shipping_documents', times: 1 });
    await packOrder(station, orderId);
    await labelState(station, orderId, ['printed']);
    expect(station.services.sandbox!.faults.list()).toEqual([]);
    expect(row(station, 'SELECT attempts FROM shipments WHERE order_id = ?', orderId)).toEqual({ attempts: 0 });
    expect(
      row(station, "SELECT count(*) AS n FROM audit_log WHERE action = 'printing.labelled' AND order_id = ?", orderId),
    ).toEqual({ n: 1 });
  });

  it("TikTok's internal error (36009003) on Ship Package is retried, and no alert is raised", async () => {
    const { station, alerts, orderId } = await start();
    station.services.sandbox!.faults.add({ kind: 'error_code', code: 36009003, path: '/ship', times: 1 });
    await packOrder(station, orderId);
    await labelState(station, orderId, ['printed']);
    // In doubt (an internal error may follow a write that landed): asked upstream, then sent again, once.
    expect(attempts(station, orderId).map((a) => a.result)).toEqual(['in_doubt', 'in_doubt', 'sent']);
    expect(attempts(station, orderId)[0]!.message).toContain('36009003');
    expect(alerts).toEqual([]);
    expect(
      station.services.sandbox!.shipCount(
        row<{ id: string }>(station, 'SELECT id FROM packages WHERE order_id = ?', orderId)!.id,
      ),
    ).toBe(1);
  });

  it('an already-shipped answer (21011040) settles the ship write as done without an alert; the label then waits for TikTok', async () => {
    const { station, alerts, orderId } = await start();
    station.services.sandbox!.faults.add({ kind: 'error_code', code: 21011040, path: '/ship', times: 1 });
    await packOrder(station, orderId);
    const status = await labelState(station, orderId, ['printed', 'failed', 'waiting_tiktok'], 15_000);
    expect(row(station, 'SELECT state, outcome FROM outbox WHERE order_id = ?', orderId)).toEqual({
      state: 'done',
      outcome: 'already_applied',
    });
    expect(alerts).toEqual([]);
    // The sandbox never shipped it (the answer was a fault), so TikTok has no document: the desk is told it waits.
    expect(status.state).toBe('waiting_tiktok');
  });
});
