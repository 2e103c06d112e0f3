import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOrderByTracking, trackingLookupSql } from '../../../electron/core/carriers/tracking-lookup';
import { OrderStore } from '../../../electron/core/orders/order-store';
import { makeOrder } from '../../support/order-fixtures';
import { ok } from '../../support/station-calls';
import { tempStation } from '../../support/temp-station';

type Station = Awaited<ReturnType<typeof tempStation>>;

const SHOP = 'shop-gb-1';
const STANDARD = 'opt-gb-standard';

function seedOrders(station: Station) {
  new OrderStore(station.services.db).upsertFromMarketplace(
    [
      // Seller-shipped, the marketplace names no carrier: the default for its delivery option decides.
      makeOrder({
        id: 'ORD-A',
        shopId: SHOP,
        carrier: null,
        deliveryOptionId: STANDARD,
        deliveryOptionName: 'Standard Shipping',
        packages: [{ id: 'pkg-A' }],
      }),
      makeOrder({
        id: 'ORD-B',
        shopId: SHOP,
        carrier: 'Royal Mail',
        deliveryOptionId: STANDARD,
        deliveryOptionName: 'Standard Shipping',
        packages: [{ id: 'pkg-B', shippingProviderId: 'prov-rm' }],
      }),
      makeOrder({ id: 'ORD-C', shopId: SHOP, carrier: null, deliveryOptionId: null, packages: [{ id: 'pkg-C' }] }),
      makeOrder({
        id: 'ORD-D',
        shopId: SHOP,
        carrier: null,
        shippingType: 'TIKTOK',
        deliveryOptionId: 'opt-tiktok',
        packages: [{ id: 'pkg-D' }],
      }),
    ].map((order) => ({ order, raw: {} })),
    Date.now(),
  );
}

describe('warehouse carrier defaults and the carrier of an order (real SQLite, contract calls)', () => {
  let station: Station;
  beforeEach(async () => {
    station = await tempStation();
    seedOrders(station);
  });
  afterEach(() => station.dispose());

  it('resolves the marketplace carrier first, then the desk choice, then the default, else says why in words', async () => {
    const forOrder = (orderId: string, deskChoice?: { id: string | null; name: string }) =>
      ok(station.call('http', 'carriers.forOrder', { orderId, ...(deskChoice ? { deskChoice } : {}) }));
    expect(await forOrder('ORD-A')).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /no default carrier is set for its delivery option "Standard Shipping".*Settings, Carriers/,
      ) as unknown as string,
    });
    expect(await forOrder('ORD-C')).toMatchObject({ ok: false, reason: expect.stringContaining('no delivery option') });
    expect(await forOrder('ORD-D')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('TikTok Shop ships order ORD-D'),
    });

    await ok(station.call('http', 'session.login', { pin: '9999' }));
    await ok(
      station.call('http', 'carriers.defaults.set', {
        shopId: SHOP,
        deliveryOptionId: STANDARD,
        deliveryOptionName: 'Standard Shipping',
        provider: { id: 'prov-evri', name: 'Evri' },
      }),
    );

    expect(await forOrder('ORD-A')).toEqual({
      ok: true,
      provider: { id: 'prov-evri', name: 'Evri' },
      source: 'default',
      carrier: 'EVRI',
    });
    expect(await forOrder('ORD-A', { id: null, name: 'DPD Local' })).toEqual({
      ok: true,
      provider: { id: null, name: 'DPD Local' },
      source: 'desk',
      carrier: 'DPD',
    });
    expect(await forOrder('ORD-B', { id: null, name: 'DPD' })).toEqual({
      ok: true,
      provider: { id: 'prov-rm', name: 'Royal Mail' },
      source: 'marketplace',
      carrier: 'ROYAL_MAIL',
    });
    expect(await station.call('http', 'carriers.forOrder', { orderId: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('lets only a supervisor set a default, audits it, lists the open orders’ options, and keeps it across a restart', async () => {
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    const refused = await station.call('http', 'carriers.defaults.set', {
      shopId: SHOP,
      deliveryOptionId: STANDARD,
      provider: { id: 'prov-rm', name: 'Royal Mail' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const before = await ok(station.call('http', 'carriers.defaults.list', {}));
    // Seller-shipped open orders only: the TikTok-shipped option needs no carrier of the warehouse.
    expect(before.options).toEqual([
      {
        shopId: SHOP,
        deliveryOptionId: STANDARD,
        deliveryOptionName: 'Standard Shipping',
        openOrders: 2,
        default: null,
      },
    ]);

    await ok(station.call('http', 'session.login', { pin: '9999' }));
    const set = await ok(
      station.call('http', 'carriers.defaults.set', {
        shopId: SHOP,
        deliveryOptionId: STANDARD,
        provider: { id: 'prov-rm', name: 'Royal Mail' },
      }),
    );
    expect(set).toMatchObject({
      deliveryOptionName: 'Standard Shipping',
      openOrders: 2,
      default: { provider: { id: 'prov-rm', name: 'Royal Mail' }, setBy: 'Supervisor' },
    });
    const audit = station.services.db
      .prepare(`SELECT user_id, details FROM audit_log WHERE action = 'carriers.defaultSet'`)
      .all() as Array<{ user_id: number; details: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      shopId: SHOP,
      deliveryOptionId: STANDARD,
      before: null,
      after: { id: 'prov-rm', name: 'Royal Mail' },
    });

    const dataDir = station.dataDir;
    await station.close();
    station = await tempStation({ dataDir });
    const after = await ok(station.call('http', 'carriers.defaults.list', {}));
    expect(after.options[0]).toMatchObject({
      deliveryOptionId: STANDARD,
      default: { provider: { id: 'prov-rm', name: 'Royal Mail' } },
    });

    await ok(station.call('http', 'session.login', { pin: '9999' }));
    const cleared = await ok(
      station.call('http', 'carriers.defaults.set', { shopId: SHOP, deliveryOptionId: STANDARD, provider: null }),
    );
    expect(cleared.default).toBeNull();
  });

  it('keeps listing an option that has a default after its last open order is gone', async () => {
    await ok(station.call('http', 'session.login', { pin: '9999' }));
    await ok(
      station.call('http', 'carriers.defaults.set', {
        shopId: SHOP,
        deliveryOptionId: 'opt-express',
        deliveryOptionName: 'Express',
        provider: { id: 'prov-dpd', name: 'DPD' },
      }),
    );
    const { options } = await ok(station.call('http', 'carriers.defaults.list', {}));
    expect(options.find((option) => option.deliveryOptionId === 'opt-express')).toMatchObject({
      deliveryOptionName: 'Express',
      openOrders: 0,
      default: { provider: { name: 'DPD' } },
    });
  });
});

describe('a scanned tracking or waybill number finds its order (real SQLite)', () => {
  let station: Station;
  beforeEach(async () => {
    station = await tempStation();
    seedOrders(station);
    const store = station.services.db.prepare('UPDATE packages SET tracking_number = ? WHERE id = ?');
    store.run('1z5r 8939 0357 5671 27', 'pkg-A');
    store.run('9101026837331000039521', 'pkg-B');
    store.run('987654312345672', 'pkg-C');
    // A local seller's order has no package until Mark Package As Shipped: its scanned number waits on the shipment.
    station.services.db
      .prepare(
        `INSERT INTO shipments (order_id, flow, label_state, tracking_number, updated_at) VALUES ('ORD-D', 'seller', 'printed', 'JD0002242617644732', 0)`,
      )
      .run();
  });
  afterEach(() => station.dispose());

  it('finds the order whatever spacing, case, symbology prefix or routing the scan carries', () => {
    const { db } = station.services;
    expect(findOrderByTracking(db, '1Z5R89390357567127')).toEqual({
      orderId: 'ORD-A',
      packageId: 'pkg-A',
      trackingNumber: '1z5r 8939 0357 5671 27',
    });
    expect(findOrderByTracking(db, ']C1420221539101026837331000039521')?.orderId).toBe('ORD-B');
    expect(findOrderByTracking(db, '9611020987654312345672')?.orderId).toBe('ORD-C');
    expect(findOrderByTracking(db, 'jd 0002 2426 1764 4732')).toEqual({
      orderId: 'ORD-D',
      packageId: null,
      trackingNumber: 'JD0002242617644732',
    });
    expect(findOrderByTracking(db, '1Z5R89390357567128')).toBeNull();
    expect(findOrderByTracking(db, '   ')).toBeNull();
  });

  it('reads the tracking-key indexes, not every package and shipment', () => {
    const plan = station.services.db
      .prepare(`EXPLAIN QUERY PLAN ${trackingLookupSql(2)}`)
      .all('A', 'B', 'A', 'B') as Array<{ detail: string }>;
    const steps = plan.map((step) => step.detail).join(' | ');
    expect(steps).toContain('packages_by_tracking_key');
    expect(steps).toContain('shipments_by_tracking_key');
  });
});

describe('TikTok Shop’s provider list for a delivery option (the embedded sandbox over HTTP)', () => {
  let station: Station;
  afterEach(() => station.dispose());

  it('lists the providers of an open seller-shipped order’s delivery option, each with its tracking rule', async () => {
    station = await tempStation({ env: { PACKBENCH_SANDBOX_ORDERS: '60', PACKBENCH_PULL_INTERVAL_SECONDS: '0' } });
    await ok(station.call('http', 'session.login', { pin: '1111' }));
    await ok(station.call('http', 'orders.pullNow', {}));
    const { options } = await ok(station.call('http', 'carriers.defaults.list', {}));
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) {
      const { providers } = await ok(
        station.call('http', 'carriers.providers', {
          shopId: option.shopId,
          deliveryOptionId: option.deliveryOptionId,
        }),
      );
      expect(providers.length, option.deliveryOptionId).toBeGreaterThan(0);
      for (const provider of providers) {
        expect(provider.id).toMatch(/\S/);
        expect(provider.carrier, provider.name).not.toBeNull();
      }
    }
    const unknown = await station.call('http', 'carriers.providers', {
      shopId: options[0]!.shopId,
      deliveryOptionId: 'no-such-option',
    });
    // TikTok answers an option the shop has not subscribed to with 21008116; any refusal reaches Settings as a message.
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toMatch(/\w{3,}/);

    // Get Shipping Providers' own refusals (its spec's error_code_list) reach Settings in words.
    const option = { shopId: options[0]!.shopId, deliveryOptionId: options[0]!.deliveryOptionId };
    station.services.sandbox!.faults.add({ kind: 'error_code', code: 21008117, path: 'shipping_providers' });
    expect(await station.call('http', 'carriers.providers', option)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('TikTok ships the orders of this delivery option') },
    });
    station.services.sandbox!.faults.add({ kind: 'error_code', code: 21008116, path: 'shipping_providers' });
    expect(await station.call('http', 'carriers.providers', option)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('no subscription') },
    });
    expect(await station.call('http', 'carriers.providers', option)).toMatchObject({ ok: true });
  });
});
