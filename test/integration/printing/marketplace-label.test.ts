import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { readCode128 } from '../../support/label-barcodes';
import { tempStation } from '../../support/temp-station';
import { until } from '../../support/until';

type Station = Awaited<ReturnType<typeof tempStation>>;

describe('labels of orders TikTok ships, and jobs cut off by a stop', () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });

  for (const language of ['zpl', 'tspl'] as const) {
    it(`prints TikTok's own shipping label as it is (${language} printer), marked on a reprint`, async () => {
      const station = await tempStation({ env: { PACKBENCH_SANDBOX_ORDERS: '40', PACKBENCH_PRINTER: `virtual?language=${language}`, PACKBENCH_AUTO_PRINT: '0' } });
      stations.push(station);
      const db = station.services.db;
      const order = await until('a TikTok-shipped order', () =>
        db.prepare("SELECT id FROM orders WHERE shipping_type = 'TIKTOK' AND status = 'AWAITING_SHIPMENT' AND station_state = 'queued' LIMIT 1").get() as { id: string } | undefined,
      );
      // Verified by the pack station (its own tests drive the scans); here the order simply is packed.
      db.prepare("UPDATE orders SET station_state = 'packed', packed_at = ? WHERE id = ?").run(Date.now(), order.id);
      await station.call('http', 'session.login', { pin: '1111' });
      const job = await station.call('http', 'printing.print', { orderId: order.id });
      if (!job.ok) throw new Error(job.error.message);
      const done = await until('printed', () => {
        const current = station.services.printing.jobs.list({ orderId: order.id, limit: 1 })[0];
        return current?.state === 'done' ? current : current?.state === 'failed' ? Promise.reject(new Error(current.error ?? '')) : null;
      });
      const print = await until('virtual print', () => station.services.printing.virtualPrints.list(1)[0]);
      const bytes = Buffer.from(station.services.printing.virtualPrints.image(print.id, 0)!.bytes, 'base64');
      const decoded = decodePrintJob(bytes);
      expect(decoded.language).toBe(language);
      if (language === 'zpl') expect(bytes.toString('utf8')).toContain('SHIP TO:');
      expect(done.trackingNumber).toBeTruthy();
      expect(readCode128(decoded.pages[0]!)).toContain(done.trackingNumber);
      expect(db.prepare('SELECT station_state FROM orders WHERE id = ?').get(order.id)).toEqual({ station_state: 'labelled' });
      expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE order_id = ? AND kind = 'ship.seller'").get(order.id)).toEqual({ n: 0 });

      const reprint = await station.call('http', 'printing.reprint', { orderId: order.id, reason: 'smudged' });
      expect(reprint.ok).toBe(true);
      await until('two prints', () => station.services.printing.virtualPrints.list(5).length === 2);
      if (language === 'zpl') expect(station.services.printing.virtualPrints.list(1)[0]!.text).toContain('REPRINT');
    });
  }

  it('a job cut off mid-send by a stop is reported failed for a person to check, never sent again by itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packbench-restart-'));
    try {
      const first = await tempStation({ dataDir });
      first.services.db
        .prepare("INSERT INTO print_jobs (kind, state, printer_uri, language, payload, next_attempt_at, created_at, station_id) VALUES ('test', 'sent', 'virtual', 'zpl', ?, 0, 0, 'desk')")
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
