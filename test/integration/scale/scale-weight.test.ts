import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../shared/contract';
import { parseScaleReport } from '../../../shared/domain/weight/hid-report';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { decodePrintJob } from '../../../electron/core/printing/virtual-printer/decode';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';
import { supervisorAddsUpsRange } from '../../support/tracking-ranges';
import { until } from '../../support/until';

type Station = Awaited<ReturnType<typeof tempStation>>;

const germany = {
  name: 'Erika Mustermann',
  phone: '+49 30 1234567',
  lines: ['Unter den Linden 1'],
  city: 'Berlin',
  region: '',
  postalCode: '10115',
  countryCode: 'DE',
};

describe('a parcel weighed on the virtual scale (core)', () => {
  let station: Station;
  let reports: number[][];

  /** What the UI does with each report: reads the bytes with the USB scale's parser and tells the station. */
  const uiHears = async () => {
    const parsed = parseScaleReport(reports.at(-1)!);
    if (!parsed.ok) throw new Error(parsed.code);
    const { grams, state } = parsed.reading;
    return ok(station.call('http', 'scale.reading', { grams, state, source: 'virtual' }));
  };

  beforeEach(async () => {
    station = await tempStation({ env: { PACKBENCH_STATION_ID: 'desk-1' } });
    reports = [];
    station.services.bus.subscribe((event: StationEvent) => {
      if (event.name === 'scale.report') reports.push(event.payload.report);
    });
    new OrderStore(station.services.db).upsertFromMarketplace(
      [
        { order: makeOrder({ id: 'ORD-US' }), raw: {} },
        { order: makeOrder({ id: 'ORD-DE', recipient: germany }), raw: {} },
      ],
      Date.now(),
    );
    await supervisorAddsUpsRange(station);
    await ok(station.call('http', 'settings.update', { key: 'customs.hsCode', value: '940540' }));
    await ok(station.call('http', 'session.login', { pin: '1111' }));
  });
  afterEach(() => station.dispose());

  const pack = async (orderId: string) => {
    await ok(station.call('http', 'pack.scan', { text: orderId, source: 'scanner' }));
    const done = await ok(station.call('http', 'pack.scan', { text: 'LAMP-01', source: 'scanner' }));
    expect(done.view).toMatchObject({ complete: true });
  };
  const printedText = async (count: number) => {
    const prints = await until('label printed', () => {
      const list = station.services.printing.virtualPrints.list(10);
      return list.length >= count ? list : null;
    });
    const image = station.services.printing.virtualPrints.image(prints[0]!.id, 0)!;
    return decodePrintJob(Buffer.from(image.bytes, 'base64')).text.join('\n');
  };

  it('records the steady reading when the order is packed, and the label that prints at once carries it', async () => {
    const virtual = await ok(station.call('http', 'scale.virtual.set', { grams: 1250, unit: 'oz', settleMs: 30 }));
    expect(virtual).toMatchObject({ state: 'in_motion', unit: 'oz' });
    expect(parseScaleReport(reports[0]!)).toMatchObject({ ok: true, reading: { state: 'in_motion' } });
    await uiHears();
    await expect(station.call('http', 'scale.record', { orderId: 'ORD-US' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'not_stable' } },
    });
    await until('scale settled', () => reports.length === 2);
    // 1250 g shown in ounces (44.1 oz) reads back to the gram the scale's resolution allows.
    const heard = await uiHears();
    expect(heard).toMatchObject({ state: 'stable', source: 'virtual', grams: 1250 });

    await pack('ORD-US');
    const weight = await ok(station.call('http', 'scale.weight', { orderId: 'ORD-US' }));
    expect(weight).toMatchObject({ grams: 1250, source: 'virtual', weighedBy: expect.any(Number) });
    expect(await printedText(1)).toContain('WEIGHT 1.25 kg');
  });

  it('W re-weighs a packed parcel: the reprint and its customs form carry the new weight', async () => {
    await ok(station.call('http', 'scale.virtual.set', { grams: 900 }));
    await uiHears();
    await pack('ORD-DE');
    let text = await printedText(1);
    expect(text).toContain('WEIGHT 0.900 kg');
    expect(text).toContain('CN22');
    expect(text).toContain('Total 0.900 kg');

    await ok(station.call('http', 'scale.virtual.set', { grams: 2400, unit: 'kg' }));
    await uiHears();
    const recorded = await ok(station.call('http', 'scale.record', { orderId: 'ORD-DE' }));
    expect(recorded).toMatchObject({ grams: 2400, source: 'virtual' });
    await ok(station.call('http', 'printing.reprint', { orderId: 'ORD-DE', reason: 'parcel re-weighed' }));
    text = await printedText(2);
    expect(text).toContain('WEIGHT 2.40 kg');
    expect(text).toContain('Total gross weight 2.400 kg');
    const audit = station.services.db
      .prepare("SELECT details FROM audit_log WHERE action = 'scale.recorded' ORDER BY id")
      .all() as Array<{ details: string }>;
    expect(audit.map((row) => JSON.parse(row.details))).toEqual([
      { grams: 900, source: 'virtual', automatic: true },
      { grams: 2400, source: 'virtual', automatic: false },
    ]);
  });

  it('a typed weight is for one parcel; an empty scale records nothing and the label falls back to the default', async () => {
    await ok(station.call('http', 'scale.reading', { grams: 640, state: 'stable', source: 'typed' }));
    await pack('ORD-US');
    expect(await ok(station.call('http', 'scale.weight', { orderId: 'ORD-US' }))).toMatchObject({
      grams: 640,
      source: 'typed',
    });
    expect(await ok(station.call('http', 'scale.status', {}))).toMatchObject({ reading: null, deskUnit: 'g' });
    await expect(station.call('http', 'scale.record', { orderId: 'ORD-US' })).resolves.toMatchObject({
      ok: false,
      error: { details: { reason: 'no_reading' } },
    });
    await ok(station.call('http', 'scale.virtual.set', { grams: 0 }));
    await uiHears();
    await pack('ORD-DE');
    expect(await ok(station.call('http', 'scale.weight', { orderId: 'ORD-DE' }))).toBeNull();
    const text = await printedText(2);
    expect(text).toContain('WEIGHT 0.500 kg');
  });

  it('without a default weight, an unweighed domestic label names no weight; the virtual scale can be switched off', async () => {
    await ok(station.call('http', 'session.login', { pin: '9999' }));
    await ok(station.call('http', 'settings.update', { key: 'printing.defaultWeightGrams', value: 0 }));
    await pack('ORD-US');
    expect(await printedText(1)).not.toContain('WEIGHT');
    await ok(station.call('http', 'settings.update', { key: 'scale.virtual', value: 'off' }));
    expect(await ok(station.call('http', 'scale.status', {}))).toMatchObject({ virtual: null });
    await expect(station.call('http', 'scale.virtual.set', { grams: 100 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
