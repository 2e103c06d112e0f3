import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { validateTracking } from '../../../shared/domain/tracking/validate';
import { readCode128 } from '../../support/label-barcodes';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';
import { supervisorAddsUpsRange } from '../../support/tracking-ranges';
import { until } from '../../support/until';

type Station = Awaited<ReturnType<typeof tempStation>>;

const units = (id: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${id}-${i}`,
    skuId: 'sku-lamp',
    sellerSku: 'LAMP-01',
    productName: 'Desk lamp',
    salePrice: '24.99',
  }));

describe('printing a verified order end to end (core)', () => {
  let station: Station;
  const row = (sql: string, ...params: unknown[]) =>
    station.services.db.prepare(sql).get(...params) as Record<string, unknown> | undefined;

  beforeEach(async () => {
    station = await tempStation({ env: { PACKBENCH_STATION_ID: 'desk-1' } });
    new OrderStore(station.services.db).upsertFromMarketplace(
      ['ORD-1', 'ORD-2', 'ORD-3', 'ORD-4'].map((id) => ({
        order: makeOrder({ id, carrier: 'UPS', lines: units(id, 2) }),
        raw: {},
      })),
      Date.now(),
    );
    await supervisorAddsUpsRange(station);
    await ok(station.call('http', 'session.login', { pin: '1111' }));
  });
  afterEach(() => station.dispose());

  const pack = async (orderId: string) => {
    await ok(station.call('http', 'pack.scan', { text: orderId, source: 'scanner' }));
    await ok(station.call('http', 'pack.scan', { text: 'LAMP-01', source: 'scanner' }));
    const done = await ok(station.call('http', 'pack.scan', { text: 'LAMP-01', source: 'scanner' }));
    expect(done.view).toMatchObject({ complete: true });
  };
  const prints = () => station.services.printing.virtualPrints.list(100);
  const jobOf = (orderId: string) => station.services.printing.jobs.list({ orderId, limit: 10 })[0];

  it('prints automatically when packing completes: the bytes carry every field and a tracking barcode, the order is labelled and the ship write is queued', async () => {
    await pack('ORD-1');
    const job = await until('label printed', () => (jobOf('ORD-1')?.state === 'done' ? jobOf('ORD-1') : null));
    expect(validateTracking('UPS', job!.trackingNumber!)).toMatchObject({ ok: true });
    const print = await until('virtual print', () => prints()[0]);
    const image = station.services.printing.virtualPrints.image(print.id, 0)!;
    const decoded = decodePrintJob(Buffer.from(image.bytes, 'base64'));
    expect(decoded.language).toBe('zpl');
    const text = decoded.text.join('\n');
    for (const field of [
      'Jane Buyer',
      '1600 Amphitheatre Pkwy',
      '94043',
      'ORD-1',
      'Packbench Demo Store',
      '100 Warehouse Way',
      'UPS',
      'STANDARD',
      'WEIGHT 0.500 kg',
      'SHIP DATE',
      job!.trackingNumber!,
    ]) {
      expect(text).toContain(field);
    }
    expect(readCode128(decoded.pages[0]!)).toEqual(expect.arrayContaining([job!.trackingNumber!, 'ORD-1']));
    expect(row("SELECT station_state, labelled_at FROM orders WHERE id = 'ORD-1'")).toMatchObject({
      station_state: 'labelled',
      labelled_at: expect.any(Number),
    });
    expect(row("SELECT tracking_number, shipping_provider_id FROM packages WHERE order_id = 'ORD-1'")).toEqual({
      tracking_number: job!.trackingNumber,
      shipping_provider_id: 'prov-ups',
    });
    const ship = row("SELECT kind, payload FROM outbox WHERE order_id = 'ORD-1'")!;
    expect(ship.kind).toBe('ship.seller');
    expect(JSON.parse(ship.payload as string)).toMatchObject({
      trackingNumber: job!.trackingNumber,
      shippingProviderId: 'prov-ups',
      packageId: 'pkg-ORD-1',
    });
  });

  it('refuses a label for an order that is not verified, and never prints a second first label', async () => {
    const refused = await station.call('http', 'printing.print', { orderId: 'ORD-2' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('not verified') },
    });
    await pack('ORD-2');
    const first = await until('label printed', () => (jobOf('ORD-2')?.state === 'done' ? jobOf('ORD-2') : null));
    // Printing it again (a second click, PRINT after auto-print) answers with the label already printed.
    expect(await ok(station.call('http', 'printing.print', { orderId: 'ORD-2' }))).toMatchObject({
      id: first!.id,
      state: 'done',
    });
    await until('first print stored', () => prints().length === 1);
    await station.services.printing.queue.settled();
    expect(prints()).toHaveLength(1);
  });

  it('reprints with a REPRINT mark, the same tracking number and an audit row with the reason', async () => {
    await pack('ORD-1');
    const first = await until('label printed', () => (jobOf('ORD-1')?.state === 'done' ? jobOf('ORD-1') : null));
    const reprint = await ok(station.call('http', 'printing.reprint', { orderId: 'ORD-1', reason: 'label torn' }));
    await until('reprint done', () => station.services.printing.jobs.get(reprint.id)?.state === 'done');
    expect(station.services.printing.jobs.get(reprint.id)!.trackingNumber).toBe(first!.trackingNumber);
    const latest = await until('reprint stored', () => (prints().length === 2 ? prints()[0] : null));
    expect(latest.text).toContain('REPRINT');
    expect(
      JSON.parse(row("SELECT details FROM audit_log WHERE action = 'printing.reprint'")!.details as string),
    ).toMatchObject({ reason: 'label torn' });
    const voided = await ok(station.call('http', 'printing.void', { jobId: reprint.id, reason: 'wrong parcel' }));
    expect(voided.state).toBe('voided');
    expect(row("SELECT station_state FROM orders WHERE id = 'ORD-1'")).toEqual({ station_state: 'labelled' });
    // With its last printed label void, the parcel has no label: the desk is told to print one, the handover refuses it.
    await ok(station.call('http', 'printing.void', { jobId: first!.id, reason: 'wrong parcel' }));
    await until('label state back to ready', () => station.services.fulfillment.label('ORD-1')?.state === 'ready');
    expect(station.services.fulfillment.label('ORD-1')).toMatchObject({
      reason: { code: 'label_voided' },
      todo: { code: 'press_print' },
      trackingNumber: first!.trackingNumber,
    });
    expect(station.services.fulfillment.workflow.told.handoverBlocker('ORD-1')).toContain('did not print');
  });

  it('waits while the printer is off or out of labels, says why in words, and prints once when it is back', async () => {
    await ok(station.call('http', 'printing.virtual.power', { on: false }));
    await pack('ORD-3');
    const offline = await until('waiting reason', () => jobOf('ORD-3')?.waitingReason);
    expect(offline).toMatch(/virtual printer is not answering/);
    expect(jobOf('ORD-3')!.state).toBe('queued');
    await ok(station.call('http', 'printing.virtual.paper', { paperOut: true }));
    await ok(station.call('http', 'printing.virtual.power', { on: true }));
    await until('paper-out reason', () => jobOf('ORD-3')?.waitingReason?.includes('out of labels'));
    expect((await ok(station.call('http', 'printing.status', {}))).queue.waitingReason).toMatch(/out of labels/);
    await ok(station.call('http', 'printing.virtual.paper', { paperOut: false }));
    await until('printed', () => jobOf('ORD-3')?.state === 'done');
    await until('print stored', () => prints().length === 1);
    expect(jobOf('ORD-3')!.attempts).toBeGreaterThan(1);
  });

  it('with no range for the carrier, asks for the carrier label: refuses a mistyped number with the reason, ships with a valid one and prints nothing', async () => {
    await ok(station.call('http', 'session.login', { pin: '9999' }));
    const [range] = await ok(station.call('http', 'printing.ranges', {}));
    await ok(station.call('http', 'printing.disableRange', { id: range!.id }));
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await pack('ORD-4');
    expect(await ok(station.call('http', 'pack.label', {}))).toMatchObject({
      orderId: 'ORD-4',
      state: 'scan_tracking',
      reason: { code: 'no_range', carrier: 'UPS' },
      todo: { code: 'scan_tracking', carrier: 'UPS' },
    });
    // "Print label" says why nothing prints instead of pretending.
    expect(await station.call('http', 'pack.print', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('UPS label') },
    });
    const bad = await station.call('http', 'pack.setTracking', {
      orderId: 'ORD-4',
      trackingNumber: '1Z5R89390357567128',
    });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('should be 7') } });
    expect(
      await ok(
        station.call('http', 'pack.setTracking', { orderId: 'ORD-4', trackingNumber: '1z5r 8939 0357 5671 27' }),
      ),
    ).toMatchObject({ state: 'printed', trackingNumber: '1Z5R89390357567127', carrier: 'UPS', shipWrite: 'pending' });
    const ship = row("SELECT kind, payload FROM outbox WHERE order_id = 'ORD-4'")!;
    expect(ship.kind).toBe('ship.seller');
    expect(JSON.parse(ship.payload as string)).toMatchObject({
      trackingNumber: '1Z5R89390357567127',
      shippingProviderId: 'prov-ups',
      packageId: 'pkg-ORD-4',
    });
    expect(row("SELECT station_state FROM orders WHERE id = 'ORD-4'")).toEqual({ station_state: 'labelled' });
    expect(jobOf('ORD-4')).toBeUndefined();
  });

  it('prints a batch, lists the orders it could not print, and can be paused and cancelled', async () => {
    await ok(station.call('http', 'session.login', { pin: '9999' }));
    await ok(station.call('http', 'settings.update', { key: 'printing.autoPrint', value: false }));
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    for (const id of ['ORD-1', 'ORD-2', 'ORD-3']) await pack(id);
    await ok(station.call('http', 'printing.virtual.power', { on: false }));
    const batch = await ok(
      station.call('http', 'printing.batch.start', { orderIds: ['ORD-1', 'ORD-2', 'ORD-3', 'ORD-4'] }),
    );
    expect(batch).toMatchObject({
      total: 4,
      failed: 1,
      failures: [{ orderId: 'ORD-4', error: expect.stringContaining('not verified') }],
    });
    await ok(station.call('http', 'printing.batch.pause', { batchId: batch.id }));
    await ok(station.call('http', 'printing.virtual.power', { on: true }));
    await ok(station.call('http', 'printing.batch.resume', { batchId: batch.id }));
    const done = await until('batch done', () => {
      const status = station.services.printing.batch(batch.id);
      return status.state === 'done' ? status : null;
    });
    expect(done).toMatchObject({ done: 3, failed: 1, pending: 0 });
    await until('three prints', () => prints().length === 3);
    const tooMany = await station.call('http', 'printing.batch.start', {
      orderIds: Array.from({ length: 501 }, (_, i) => `O-${i}`),
    });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a batch drawn ahead in the label workers prints in its order, each label with the next number of the range', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `ORD-B${i}`);
    new OrderStore(station.services.db).upsertFromMarketplace(
      ids.map((id) => ({ order: makeOrder({ id, carrier: 'UPS', lines: units(id, 2) }), raw: {} })),
      Date.now(),
    );
    await ok(station.call('http', 'session.login', { pin: '9999' }));
    await ok(station.call('http', 'settings.update', { key: 'printing.autoPrint', value: false }));
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    for (const id of ids) await pack(id);
    await station.services.printing.labelPool.start();
    const batch = await ok(station.call('http', 'printing.batch.start', { orderIds: ids }));
    await until('batch done', () => station.services.printing.batch(batch.id).state === 'done', 30_000);
    const jobs = station.services.printing.jobs.list({ batchId: batch.id, limit: 20 }).sort((a, b) => a.id - b.id);
    expect(jobs.map((job) => [job.orderId, job.state])).toEqual(ids.map((id) => [id, 'done']));
    // 1Z999AA101 + a 7-digit serial + check digit: numbers taken in the batch's order, none skipped.
    const numbers = jobs.map((job) => job.trackingNumber!);
    expect(numbers.map((number) => Number(number.slice(10, 17)))).toEqual(ids.map((_, i) => 1000 + i));
    // A job is done once its bytes are handed to the socket; the virtual printer stores the print when the connection
    // ends, a moment later (a CI run read seven of eight).
    await until('every print stored', () => prints().length === ids.length);
    const printed = prints().reverse();
    expect(printed.map((print) => print.barcodes.filter((code) => code.startsWith('1Z')))).toEqual(
      numbers.map((number) => [number]),
    );
    expect(printed.map((print) => print.barcodes.find((code) => code.startsWith('ORD-')))).toEqual(ids);
  }, 60_000);
});
