import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { trackingNumberFor } from '../../../electron/core/sandbox/identifiers';
import { PROVIDER_IDS } from '../../../electron/core/sandbox/world';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { readCode128 } from '../../support/label-barcodes';
import { tempStation } from '../../support/temp-station';
import { supervisorAddsUpsRange } from '../../support/tracking-ranges';
import { until } from '../../support/until';
import { firstOrder, labelState, ok, packOrder, row, type Station } from './station-helpers';

/** A TikTok-shipped order TikTok split into two packages, each holding lines still to pack. */
const SPLIT_QUEUED = `o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
  AND json_extract(o.recipient, '$.countryCode') != 'BR'
  AND (SELECT count(DISTINCT l.package_id) FROM order_lines l WHERE l.order_id = o.id) = 2`;

/** A seller-shipped order in two packages (TikTok made them: a cross-border shop), express, so UPS may carry it. */
const SELLER_SPLIT = `o.shipping_type = 'SELLER' AND o.status = 'AWAITING_SHIPMENT' AND o.station_state = 'queued'
  AND o.service = 'express' AND (SELECT count(DISTINCT l.package_id) FROM order_lines l WHERE l.order_id = o.id) = 2`;

const packagesOf = (station: Station, orderId: string) =>
  station.services.db
    .prepare('SELECT DISTINCT package_id AS id FROM order_lines WHERE order_id = ? ORDER BY package_id')
    .all(orderId) as Array<{ id: string }>;

const trackingOf = (station: Station, packageId: string) =>
  station.services.db.prepare('SELECT tracking_number FROM packages WHERE id = ?').pluck().get(packageId) as
    | string
    | null;

describe('an order TikTok split into two packages leaves as two parcels', () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });

  /** A desk on 150 sandbox orders (enough for split ones of both kinds), printing to the virtual printer. */
  const stationOn = async (language = 'zpl') => {
    const started = await tempStation({
      env: {
        PACKBENCH_SANDBOX_ORDERS: '150',
        PACKBENCH_PRINTER: `virtual?language=${language}`,
        PACKBENCH_STATION_ID: 'desk-1',
      },
    });
    stations.push(started);
    return started;
  };

  const start = async (language: string) => {
    const station = await stationOn(language);
    const orderId = await firstOrder(station, 'a TikTok-shipped order in two packages', SPLIT_QUEUED);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    return { station, orderId, packages: packagesOf(station, orderId).map((pkg) => pkg.id) };
  };

  it('ships each package once with its own Ship Package, and prints both labels in one job, each with its tracking barcode', async () => {
    const { station, orderId, packages } = await start('zpl');
    expect(packages).toHaveLength(2);
    await packOrder(station, orderId);
    // Both ship writes are committed with the packed order, one per package.
    const writes = station.services.db
      .prepare(
        "SELECT json_extract(payload, '$.packageId') AS id FROM outbox WHERE order_id = ? AND kind = 'ship.tiktok'",
      )
      .pluck()
      .all(orderId);
    expect([...writes].sort()).toEqual(packages);

    const status = await labelState(station, orderId, ['printed', 'failed']);
    expect(status).toMatchObject({ state: 'printed', shipWrite: 'done', parcels: 2 });
    for (const id of packages) expect(station.services.sandbox!.shipCount(id)).toBe(1);

    const print = await until('virtual print', () => station.services.printing.virtualPrints.list(1)[0]);
    const decoded = decodePrintJob(
      Buffer.from(station.services.printing.virtualPrints.image(print.id, 0)!.bytes, 'base64'),
    );
    expect(decoded.pages).toHaveLength(2);
    const barcodes = decoded.pages.flatMap((page) => readCode128(page));
    for (const id of packages) {
      const tracking = trackingOf(station, id);
      expect(tracking, `tracking number of package ${id}`).toBeTruthy();
      expect(barcodes).toContain(tracking);
    }
    expect(station.services.printing.virtualPrints.list(5)).toHaveLength(1);

    // A reprint brings back the labels of both parcels, from the kept files.
    await ok(station.call('http', 'printing.reprint', { orderId, reason: 'smudged' }));
    const reprint = await until(
      'reprint',
      () => station.services.printing.virtualPrints.list(5)[1] && station.services.printing.virtualPrints.list(1)[0],
    );
    const again = decodePrintJob(
      Buffer.from(station.services.printing.virtualPrints.image(reprint.id, 0)!.bytes, 'base64'),
    );
    expect(again.pages.flatMap((page) => readCode128(page))).toEqual(
      expect.arrayContaining(packages.map((id) => trackingOf(station, id))),
    );
  });

  it('puts both labels into one PDF for a PDF printer', async () => {
    const { station, orderId } = await start('pdf');
    await packOrder(station, orderId);
    expect(await labelState(station, orderId, ['printed', 'failed'])).toMatchObject({ state: 'printed', parcels: 2 });
    const job = station.services.printing.jobs.list({ orderId, limit: 1 })[0]!;
    const payload = station.services.db
      .prepare('SELECT payload FROM print_jobs WHERE id = ?')
      .pluck()
      .get(job.id) as Buffer;
    const pdf = await PDFDocument.load(payload);
    expect(pdf.getPageCount()).toBe(2);
    const kept = station.services.db
      .prepare('SELECT document_path FROM split_parcels WHERE order_id = ?')
      .pluck()
      .get(orderId) as string;
    expect(readFileSync(kept).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  /** The seller's split order, packed, with UPS chosen at the desk: each package then needs a number of its own. */
  const packedWithUps = async (station: Station) => {
    const orderId = await firstOrder(station, 'a seller-shipped order in two packages', SELLER_SPLIT);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await packOrder(station, orderId);
    const ups = (await ok(station.call('http', 'pack.carriers', { orderId }))).find((p) => p.name === 'UPS')!;
    const chosen = await ok(station.call('http', 'pack.setCarrier', { orderId, provider: ups }));
    return { orderId, chosen, packages: packagesOf(station, orderId).map((pkg) => pkg.id) };
  };
  const shippedUpstream = (station: Station, orderId: string) =>
    until('both packages shipped upstream', () => {
      const order = station.services.sandbox!.market.order(orderId)!;
      const numbers = order.packages.map((pkg) => (pkg.status === 'TO_FULFILL' ? null : pkg.trackingNumber));
      return numbers.length === 2 && numbers.every(Boolean) ? (numbers as string[]) : null;
    });

  it('a seller-shipped split order prints one label per package from the range, each with its own tracking number, and ships each package with it', async () => {
    const station = await stationOn();
    await supervisorAddsUpsRange(station, { shippingProviderId: PROVIDER_IDS.UPS });
    // The demo seller is in the US and the buyer abroad: every parcel's label carries a customs form.
    await ok(station.call('http', 'settings.update', { key: 'customs.hsCode', value: '940540' }));
    const { orderId, chosen, packages } = await packedWithUps(station);
    expect(chosen).toMatchObject({ state: 'ready', parcels: 2 });
    await ok(station.call('http', 'pack.print', {}));
    expect(await labelState(station, orderId, ['printed', 'failed'])).toMatchObject({ state: 'printed', parcels: 2 });

    const print = await until('virtual print', () => station.services.printing.virtualPrints.list(1)[0]);
    const pages = decodePrintJob(
      Buffer.from(station.services.printing.virtualPrints.image(print.id, 0)!.bytes, 'base64'),
    ).pages;
    const numbers = packages.map((id) => trackingOf(station, id));
    expect(new Set(numbers).size).toBe(2);
    // Each parcel's label (with its customs form: the buyer is abroad), the first package's first.
    const firstPageWith = (number: string | null) => pages.findIndex((page) => readCode128(page).includes(number!));
    expect(firstPageWith(numbers[0]!)).toBeGreaterThanOrEqual(0);
    expect(firstPageWith(numbers[1]!)).toBeGreaterThan(firstPageWith(numbers[0]!));
    expect([...(await shippedUpstream(station, orderId))].sort()).toEqual([...numbers].sort());
    for (const id of packages) expect(station.services.sandbox!.shipCount(id)).toBe(1);
  });

  it("a seller-shipped split order without a range: the packer scans each parcel's carrier label, a number twice is refused", async () => {
    const station = await stationOn();
    const { orderId, chosen } = await packedWithUps(station);
    expect(chosen).toMatchObject({ state: 'scan_tracking', parcels: 2 });
    const first = trackingNumberFor('UPS', '8101');
    const second = trackingNumberFor('UPS', '8102');
    expect(await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: first }))).toMatchObject({
      state: 'scan_tracking',
      reason: { code: 'next_parcel', trackingNumber: first },
      todo: { code: 'scan_tracking', carrier: 'UPS' },
    });
    expect(row(station, 'SELECT station_state FROM orders WHERE id = ?', orderId)).toEqual({ station_state: 'packed' });
    expect(await station.call('http', 'pack.setTracking', { orderId, trackingNumber: first })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: second }))).toMatchObject({
      state: 'printed',
      shipWrite: 'pending',
    });
    expect(row(station, 'SELECT station_state FROM orders WHERE id = ?', orderId)).toEqual({
      station_state: 'labelled',
    });
    expect([...(await shippedUpstream(station, orderId))].sort()).toEqual([first, second].sort());
  });

  /** A seller split order whose first parcel shipped and whose second parcel's number TikTok refused as in use. */
  const secondParcelRefused = async (station: Station) => {
    const { orderId, packages } = await packedWithUps(station);
    const first = trackingNumberFor('UPS', '8201');
    await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: first }));
    // The first parcel's write has gone alone, so the second goes by the single Ship Package call the fault names.
    await until('first parcel shipped', () => station.services.sandbox!.shipCount(packages[0]!) === 1 || null);
    station.services.sandbox!.faults.add({
      kind: 'error_code',
      path: `/packages/${packages[1]!}/ship`,
      code: 21011025,
    });
    const second = trackingNumberFor('UPS', '8202');
    await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: second }));
    const refused = await labelState(station, orderId, ['scan_tracking']);
    expect(refused).toMatchObject({ reason: { code: 'tracking_in_use' }, todo: { code: 'another_tracking' } });
    return { orderId, packages, first, second };
  };

  it("a split parcel's number TikTok refuses as in use: the desk asks for another, and the scan of it ships that parcel", async () => {
    const station = await stationOn();
    const { orderId, packages, first } = await secondParcelRefused(station);
    const third = trackingNumberFor('UPS', '8203');
    expect(await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: third }))).toMatchObject({
      state: 'printed',
    });
    expect([...(await shippedUpstream(station, orderId))].sort()).toEqual([first, third].sort());
    expect(trackingOf(station, packages[1]!)).toBe(third);
    expect(station.services.sandbox!.shipCount(packages[1]!)).toBe(1);
  });

  it('the same number scanned again for the parcel TikTok refused it on is sent again, not taken for another parcel', async () => {
    const station = await stationOn();
    // TikTok's index was briefly wrong about the number: refused once, accepted when sent again.
    const { orderId, first, second } = await secondParcelRefused(station);
    expect(await ok(station.call('http', 'pack.setTracking', { orderId, trackingNumber: second }))).toMatchObject({
      state: 'printed',
    });
    expect([...(await shippedUpstream(station, orderId))].sort()).toEqual([first, second].sort());
  });
});
