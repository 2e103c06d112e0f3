import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { readCode128 } from '../../support/label-barcodes';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';
import { firstOrder, labelState, ok, packOrder, row } from '../fulfillment/station-helpers';

type Station = Awaited<ReturnType<typeof tempStation>>;

describe("TikTok's ZPL labels (Brazil), and jobs cut off by a stop", () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });

  it("prints a Brazilian shop's TikTok label as ZPL as it is on a ZPL printer, once Ship Package is applied; a reprint is marked", async () => {
    const station = await tempStation({
      env: { PACKBENCH_SANDBOX_ORDERS: '60', PACKBENCH_PRINTER: 'virtual?language=zpl' },
    });
    stations.push(station);
    const orderId = await firstOrder(
      station,
      'a TikTok-shipped order of the Brazilian shop',
      `o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued' AND json_extract(o.recipient, '$.countryCode') = 'BR'
        AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1`,
    );
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    await labelState(station, orderId, ['printed']);
    expect(row(station, 'SELECT document_format FROM shipments WHERE order_id = ?', orderId)).toEqual({
      document_format: 'ZPL',
    });
    const print = await until('virtual print', () => station.services.printing.virtualPrints.list(1)[0]);
    const bytes = Buffer.from(station.services.printing.virtualPrints.image(print.id, 0)!.bytes, 'base64');
    expect(bytes.toString('utf8')).toMatch(/^\^XA/);
    const trackingNumber = row<{ tracking_number: string }>(
      station,
      'SELECT tracking_number FROM packages WHERE order_id = ?',
      orderId,
    )!.tracking_number;
    expect(readCode128(decodePrintJob(bytes).pages[0]!)).toContain(trackingNumber);
    expect(
      row(station, "SELECT count(*) AS n FROM outbox WHERE order_id = ? AND kind = 'ship.seller'", orderId),
    ).toEqual({ n: 0 });

    await ok(station.call('http', 'printing.reprint', { orderId, reason: 'smudged' }));
    await until('two prints', () => station.services.printing.virtualPrints.list(5).length === 2);
    expect(station.services.printing.virtualPrints.list(1)[0]!.text).toContain('REPRINT');
  });

  it('a job cut off mid-send by a stop is reported failed for a person to check, never sent again by itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packbench-restart-'));
    try {
      const first = await tempStation({ dataDir });
      first.services.db
        .prepare(
          "INSERT INTO print_jobs (kind, state, printer_uri, language, payload, next_attempt_at, created_at, station_id) VALUES ('test', 'sent', 'virtual', 'zpl', ?, 0, 0, 'desk')",
        )
        .run(Buffer.from('^XA^XZ'));
      await first.close();
      const second = await tempStation({ dataDir });
      stations.push(second);
      const [job] = second.services.printing.jobs.list({ limit: 1 });
      expect(job).toMatchObject({ state: 'failed', error: expect.stringContaining('check whether it printed') });
      await second.services.printing.queue.settled();
      expect(second.services.printing.virtualPrints.list(5)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
