import { afterEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../shared/contract/printing';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { driverFor } from '../../../electron/core/printing/drivers';
import { buildPackingSlip } from '../../../shared/domain/label/packing-slip';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { makeOrder } from '../../support/order-fixtures';
import { tempStation } from '../../support/temp-station';
import { supervisorAddsUpsRange } from '../../support/tracking-ranges';
import { until } from '../../support/until';
import { firstOrder, labelState, ok, packOrder, row, type Station } from './station-helpers';

/** TikTok-shipped, one package, at most four units: what the sandbox's own label and slip cover whole. */
const TIKTOK = (
  country: 'BR' | 'not BR',
  gift: boolean,
) => `o.shipping_type = 'TIKTOK' AND o.status = 'AWAITING_SHIPMENT'
  AND o.station_state = 'queued' AND json_extract(o.recipient, '$.countryCode') ${country === 'BR' ? "= 'BR'" : "!= 'BR'"}
  AND (SELECT count(*) FROM packages p WHERE p.order_id = o.id) = 1
  AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <= 4
  AND ${gift ? '' : 'NOT '}EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.is_gift = 1)`;

const jobsOf = (station: Station, orderId: string): PrintJob[] =>
  station.services.printing.jobs.list({ orderId, limit: 20 }).reverse();

/** Packs an order at the desk and waits until its label printed and every slip it brings is printed too. */
async function packAndPrint(station: Station, orderId: string): Promise<PrintJob[]> {
  await packOrder(station, orderId);
  await labelState(station, orderId, ['printed']);
  await station.services.fulfillment.settled();
  await until('print queue idle', () => jobsOf(station, orderId).every((job) => job.state === 'done'));
  return jobsOf(station, orderId);
}

/** The text of the bytes a job sent to the printer, read back as the virtual printer reads them. */
function printedText(station: Station, job: PrintJob): string {
  const { payload } = row<{ payload: Buffer }>(station, 'SELECT payload FROM print_jobs WHERE id = ?', job.id)!;
  return decodePrintJob(payload).text.join('\n');
}

const slipAudit = (station: Station, orderId: string) =>
  (
    station.services.db
      .prepare("SELECT details FROM audit_log WHERE action = 'printing.packingSlip' AND order_id = ? ORDER BY id")
      .all(orderId) as Array<{ details: string }>
  ).map((entry) => JSON.parse(entry.details) as Record<string, unknown>);

async function setSlips(station: Station, value: 'off' | 'every' | 'gift'): Promise<void> {
  await ok(station.call('http', 'session.login', { pin: '9999' }));
  await ok(station.call('http', 'settings.update', { key: 'printing.packingSlip', value }));
  await ok(station.call('http', 'session.login', { pin: '1111' }));
}

describe('packing slips after the label (printing.packingSlip)', () => {
  const stations: Station[] = [];
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.dispose();
  });

  it('off prints labels only; gift adds the station slip, without prices, to gift orders only; every adds it to each first label, never to a reprint unless asked', async () => {
    const station = await tempStation({
      env: {
        PACKBENCH_SANDBOX_ORDERS: '120',
        PACKBENCH_PRINTER: 'virtual?language=zpl',
        PACKBENCH_STATION_ID: 'desk-1',
      },
    });
    stations.push(station);
    await ok(station.call('http', 'session.login', { pin: '1111' }));

    const plain = await firstOrder(station, 'a TikTok order', TIKTOK('not BR', false));
    expect((await packAndPrint(station, plain)).map((job) => job.kind)).toEqual(['label']);

    await setSlips(station, 'gift');
    const notGift = await firstOrder(station, 'another TikTok order', TIKTOK('not BR', false));
    expect((await packAndPrint(station, notGift)).map((job) => job.kind)).toEqual(['label']);
    const gift = await firstOrder(station, 'a TikTok gift order', TIKTOK('not BR', true));
    const giftJobs = await packAndPrint(station, gift);
    expect(giftJobs.map((job) => job.kind)).toEqual(['label', 'document']);
    expect(giftJobs[1]!.id).toBeGreaterThan(giftJobs[0]!.id);
    expect(giftJobs[1]!.printerUri).toBe(giftJobs[0]!.printerUri);
    expect(slipAudit(station, gift)).toEqual([
      expect.objectContaining({ from: 'station', why: 'gift', gift: true, jobId: giftJobs[1]!.id }),
    ]);
    const giftSlip = printedText(station, giftJobs[1]!);
    expect(giftSlip).toContain('PACKING SLIP - GIFT');
    expect(giftSlip).toContain(`Order ${gift}`);
    const lines = station.services.db
      .prepare('SELECT seller_sku, sale_price, currency FROM order_lines WHERE order_id = ?')
      .all(gift) as Array<{ seller_sku: string; sale_price: string; currency: string }>;
    for (const line of lines) expect(giftSlip).toContain(`SKU ${line.seller_sku}`);
    expect(giftSlip).not.toMatch(/Total|Amount/);
    for (const line of lines) expect(giftSlip).not.toContain(line.currency);

    await setSlips(station, 'every');
    const every = await firstOrder(station, 'a third TikTok order', TIKTOK('not BR', false));
    const everyJobs = await packAndPrint(station, every);
    expect(everyJobs.map((job) => job.kind)).toEqual(['label', 'document']);
    // The label printer takes ZPL and TikTok serves its slip as PDF outside Brazil: the station's slip, with prices.
    expect(slipAudit(station, every)).toEqual([
      expect.objectContaining({ from: 'station', why: 'printer_takes_no_pdf', gift: false }),
    ]);
    expect(printedText(station, everyJobs[1]!)).toMatch(/Total [A-Z]{3} \d+/);

    // A reprint of the label brings no slip; asking for the slip does.
    await ok(station.call('http', 'printing.reprint', { orderId: every, reason: 'torn' }));
    await until('reprint printed', () =>
      jobsOf(station, every).find((job) => job.kind === 'reprint' && job.state === 'done'),
    );
    expect(jobsOf(station, every).filter((job) => job.kind === 'document')).toHaveLength(1);
    const asked = await ok(station.call('http', 'pack.printSlip', { orderId: every }));
    expect(asked).toMatchObject({ kind: 'document', orderId: every });
    await until('asked slip printed', () => station.services.printing.jobs.get(asked.id)?.state === 'done');
    expect(slipAudit(station, every).map((entry) => entry.occasion)).toEqual(['with the label', 'asked for']);
  }, 120_000);

  it("prints TikTok's own PACKING_SLIP where TikTok ships and the printer takes it: a PDF printer, and ZPL in Brazil", async () => {
    const pdf = await tempStation({
      env: {
        PACKBENCH_SANDBOX_ORDERS: '40',
        PACKBENCH_PRINTER: 'virtual?language=pdf',
        PACKBENCH_STATION_ID: 'desk-1',
      },
    });
    stations.push(pdf);
    await setSlips(pdf, 'every');
    const order = await firstOrder(pdf, 'a TikTok order', TIKTOK('not BR', false));
    const jobs = await packAndPrint(pdf, order);
    expect(jobs.map((job) => job.kind)).toEqual(['label', 'document']);
    expect(slipAudit(pdf, order)).toEqual([expect.objectContaining({ from: 'tiktok' })]);
    const payload = row<{ payload: Buffer }>(pdf, 'SELECT payload FROM print_jobs WHERE id = ?', jobs[1]!.id)!.payload;
    expect(payload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const br = await tempStation({
      env: {
        PACKBENCH_SANDBOX_ORDERS: '80',
        PACKBENCH_PRINTER: 'virtual?language=zpl',
        PACKBENCH_STATION_ID: 'desk-2',
      },
    });
    stations.push(br);
    await setSlips(br, 'every');
    const brOrder = await firstOrder(br, 'a Brazilian TikTok order', TIKTOK('BR', false));
    const brJobs = await packAndPrint(br, brOrder);
    expect(brJobs.map((job) => job.kind)).toEqual(['label', 'document']);
    expect(slipAudit(br, brOrder)).toEqual([expect.objectContaining({ from: 'tiktok' })]);
    const packageId = row<{ id: string }>(br, 'SELECT id FROM packages WHERE order_id = ?', brOrder)!.id;
    const text = printedText(br, brJobs[1]!);
    // TikTok's slip names the package; the station's does not.
    expect(text).toContain('PACKING SLIP');
    expect(text).toContain(`Package ${packageId}`);
  }, 120_000);

  it("a seller-shipped order gets the station's slip in the label printer's language (TSPL here), priced unless it is a gift", async () => {
    const station = await tempStation({
      env: { PACKBENCH_PRINTER: 'virtual?language=tspl', PACKBENCH_STATION_ID: 'desk-1' },
    });
    stations.push(station);
    const lamp = (id: string, i: number, isGift = false) => ({
      id: `${id}-${i}`,
      skuId: isGift ? 'sku-tote' : 'sku-lamp',
      sellerSku: isGift ? 'TOTE-01' : 'LAMP-01',
      productName: isGift ? 'Tote bag' : 'Desk lamp',
      salePrice: isGift ? '0.00' : '24.99',
      isGift,
    });
    new OrderStore(station.services.db).upsertFromMarketplace(
      [
        makeOrder({ id: 'ORD-GIFT', carrier: 'UPS', lines: [lamp('ORD-GIFT', 0), lamp('ORD-GIFT', 1, true)] }),
        makeOrder({ id: 'ORD-PLAIN', carrier: 'UPS', lines: [lamp('ORD-PLAIN', 0), lamp('ORD-PLAIN', 1)] }),
        makeOrder({ id: 'ORD-EVERY', carrier: 'UPS', lines: [lamp('ORD-EVERY', 0), lamp('ORD-EVERY', 1)] }),
      ].map((order) => ({ order, raw: {} })),
      Date.now(),
    );
    await supervisorAddsUpsRange(station);
    await setSlips(station, 'gift');
    expect((await packAndPrint(station, 'ORD-PLAIN')).map((job) => job.kind)).toEqual(['label']);
    const giftJobs = await packAndPrint(station, 'ORD-GIFT');
    expect(giftJobs.map((job) => job.kind)).toEqual(['label', 'document']);
    expect(slipAudit(station, 'ORD-GIFT')).toEqual([
      expect.objectContaining({ from: 'station', why: 'seller_shipped' }),
    ]);
    const { payload } = row<{ payload: Buffer }>(
      station,
      'SELECT payload FROM print_jobs WHERE id = ?',
      giftJobs[1]!.id,
    )!;
    expect(decodePrintJob(payload).language).toBe('tspl');
    // TSPL carries the slip as a picture: it is byte for byte the gift layout (no price, see the layout's unit test).
    const order = new OrderStore(station.services.db).get('ORD-GIFT')!;
    const pages = buildPackingSlip({ order, sellerName: 'Packbench Demo Store', size: '4x6', dpi: 203 });
    expect(payload.equals(Buffer.from(await driverFor('tspl').encodePages(pages)))).toBe(true);
    expect(pages.flatMap((page) => page.elements.flatMap((el) => (el.kind === 'text' ? el.lines : [])))).toContain(
      'Tote bag',
    );

    await setSlips(station, 'every');
    const everyJobs = await packAndPrint(station, 'ORD-EVERY');
    expect(everyJobs.map((job) => job.kind)).toEqual(['label', 'document']);
    const every = new OrderStore(station.services.db).get('ORD-EVERY')!;
    const everyPages = buildPackingSlip({ order: every, sellerName: 'Packbench Demo Store', size: '4x6', dpi: 203 });
    const everyPayload = row<{ payload: Buffer }>(
      station,
      'SELECT payload FROM print_jobs WHERE id = ?',
      everyJobs[1]!.id,
    )!.payload;
    expect(everyPayload.equals(Buffer.from(await driverFor('tspl').encodePages(everyPages)))).toBe(true);
    expect(everyPages[0]!.elements.some((el) => el.kind === 'text' && el.lines.includes('Total USD 49.98'))).toBe(true);
  }, 60_000);
});
