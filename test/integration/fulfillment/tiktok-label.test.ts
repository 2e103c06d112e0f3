import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isBlack, type Raster } from '../../../electron/core/printing/raster';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { readCode128 } from '../../support/label-barcodes';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';
import { firstOrder, labelState, ok, packOrder, row, type Station } from './station-helpers';

const TIKTOK_QUEUED = `o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
  AND json_extract(o.recipient, '$.countryCode') != 'BR' AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1
  AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 4`;

/** Ink in the label's top right corner, where a REPRINT mark goes. */
function cornerInk(raster: Raster): number {
  let ink = 0;
  for (let y = 0; y < Math.round(raster.height * 0.12); y += 1)
    for (let x = Math.round(raster.width * 0.55); x < raster.width; x += 1) if (isBlack(raster, x, y)) ink += 1;
  return ink;
}

describe("TikTok-shipped orders: Ship Package when packed, then TikTok's label", () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });

  for (const language of ['zpl', 'tspl', 'escpos'] as const) {
    it(`queues Ship Package with the last item, fetches the label picture once TikTok accepted it and prints it at 203 dpi (${language})`, async () => {
      const station = await tempStation({
        env: {
          PACKBENCH_SANDBOX_ORDERS: '40',
          PACKBENCH_PRINTER: `virtual?language=${language}`,
          PACKBENCH_STATION_ID: 'desk-1',
        },
      });
      stations.push(station);
      const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
      await ok(station.call('http', 'session.login', { pin: '1111' }));
      await packOrder(station, orderId);
      // The ship write was committed with the packed order: no label was asked for before it.
      expect(
        row(
          station,
          "SELECT kind, json_extract(payload, '$.handoverMethod') AS method FROM outbox WHERE order_id = ?",
          orderId,
        ),
      ).toEqual({ kind: 'ship.tiktok', method: 'DROP_OFF' });
      const printed = await labelState(station, orderId, ['printed', 'failed']);
      expect(printed).toMatchObject({ state: 'printed', flow: 'tiktok', shipWrite: 'done' });
      expect(
        station.services.sandbox!.shipCount(
          row<{ id: string }>(station, 'SELECT id FROM packages WHERE order_id = ?', orderId)!.id,
        ),
      ).toBe(1);

      const kept = row<{ document_path: string; document_format: string }>(
        station,
        'SELECT document_path, document_format FROM shipments WHERE order_id = ?',
        orderId,
      )!;
      expect(kept.document_format).toBe('PNG');
      expect(existsSync(kept.document_path)).toBe(true);
      const trackingNumber = row<{ tracking_number: string }>(
        station,
        'SELECT tracking_number FROM packages WHERE order_id = ?',
        orderId,
      )!.tracking_number;
      expect(trackingNumber).toBeTruthy();
      const print = await until('virtual print', () => station.services.printing.virtualPrints.list(1)[0]);
      const decoded = decodePrintJob(
        Buffer.from(station.services.printing.virtualPrints.image(print.id, 0)!.bytes, 'base64'),
      );
      expect(decoded.language).toBe(language);
      const page = decoded.pages[0]!;
      // 4x6 in at 203 dpi (ESC/POS rounds the width up to whole bytes).
      expect({ bytes: Math.ceil(page.width / 8), height: page.height }).toEqual({ bytes: 102, height: 1218 });
      expect(readCode128(page)).toContain(trackingNumber);
      expect(row(station, 'SELECT station_state FROM orders WHERE id = ?', orderId)).toEqual({
        station_state: 'labelled',
      });

      // A reprint comes from the kept file (the link may have expired), marked REPRINT in the corner.
      await ok(station.call('http', 'printing.reprint', { orderId, reason: 'smudged' }));
      const second = await until(
        'reprint',
        () => station.services.printing.virtualPrints.list(2)[1] && station.services.printing.virtualPrints.list(1)[0],
      );
      const reprinted = decodePrintJob(
        Buffer.from(station.services.printing.virtualPrints.image(second.id, 0)!.bytes, 'base64'),
      ).pages[0]!;
      expect(cornerInk(reprinted)).toBeGreaterThan(cornerInk(page) + 500);
      expect(readCode128(reprinted)).toContain(trackingNumber);
    });
  }

  it('fetches the A6 PDF for a PDF printer and sends it as it is; a reprint carries a REPRINT mark', async () => {
    const station = await tempStation({
      env: {
        PACKBENCH_SANDBOX_ORDERS: '40',
        PACKBENCH_PRINTER: 'virtual?language=pdf',
        PACKBENCH_STATION_ID: 'desk-1',
      },
    });
    stations.push(station);
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    expect(await labelState(station, orderId, ['printed', 'failed'])).toMatchObject({ state: 'printed' });
    const kept = row<{ document_path: string; document_format: string }>(
      station,
      'SELECT document_path, document_format FROM shipments WHERE order_id = ?',
      orderId,
    )!;
    expect(kept.document_format).toBe('PDF');
    const payload = (id: number) =>
      station.services.db.prepare('SELECT payload FROM print_jobs WHERE id = ?').pluck().get(id) as Buffer;
    const first = station.services.printing.jobs.list({ orderId, limit: 1 })[0]!;
    expect(payload(first.id).equals(readFileSync(kept.document_path))).toBe(true);
    const reprint = await ok(station.call('http', 'printing.reprint', { orderId, reason: 'torn' }));
    await until('reprinted', () => station.services.printing.jobs.get(reprint.id)?.state === 'done');
    expect(payload(reprint.id).subarray(0, 5).toString()).toBe('%PDF-');
    expect(payload(reprint.id).length).toBeGreaterThan(payload(first.id).length);
  });

  it('with fulfillment.handoverMethod PICKUP, Ship Package books the next pickup slot TikTok offers when it is sent', async () => {
    const station = await tempStation({
      env: { PACKBENCH_SANDBOX_ORDERS: '40', PACKBENCH_HANDOVER_METHOD: 'PICKUP', PACKBENCH_STATION_ID: 'desk-1' },
    });
    stations.push(station);
    const orderId = await firstOrder(station, 'a TikTok-shipped order', TIKTOK_QUEUED);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    expect(
      row(
        station,
        "SELECT json_extract(payload, '$.handoverMethod') AS method, json_extract(payload, '$.pickupSlot') AS slot FROM outbox WHERE order_id = ?",
        orderId,
      ),
    ).toEqual({ method: 'PICKUP', slot: null });
    await labelState(station, orderId, ['printed']);
    const upstream = station.services.sandbox!.market.order(orderId)!.packages[0]!;
    expect(upstream.handoverMethod).toBe('PICKUP');
    expect(upstream.pickupSlot).toEqual({ start_time: expect.any(Number), end_time: expect.any(Number) });
  });
});
