import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { toGtin14 } from '../../../shared/domain/scan/gtin';
import { trackingNumberFor } from '../../../electron/core/sandbox/identifiers';
import type { SandboxOrder } from '../../../electron/core/sandbox/order-factory';
import { PROVIDER_IDS } from '../../../electron/core/sandbox/world';
import { failure, sandboxAndClient } from './connect';

type Setup = Awaited<ReturnType<typeof sandboxAndClient>>;

const awaiting = (setup: Setup, filter: (o: SandboxOrder) => boolean): SandboxOrder[] =>
  [...setup.sandbox.market.allOrders()].filter((o) => o.status === 'AWAITING_SHIPMENT' && filter(o));
/** Seller shipping with the package already there (cross-border): Ship Package with self_shipment. */
const sellerWithPackage = (o: SandboxOrder) =>
  o.shippingType === 'SELLER' && o.packages.length === 1 && o.lines.every((l) => l.packageId);
const tiktokShipped = (o: SandboxOrder) => o.shippingType === 'TIKTOK' && o.packages.length === 1;
const control = (setup: Setup, path: string, body: unknown = {}) =>
  fetch(`${setup.sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the client against the sandbox marketplace over HTTP', () => {
  let setup: Setup;
  afterEach(() => setup?.sandbox.close());

  it('lists the authorised shops and pages through every order once, in update-time order', async () => {
    setup = await sandboxAndClient({ orders: 150 });
    const shops = await setup.marketplace.shops();
    expect(shops.map((s) => [s.region, s.seller_type])).toEqual([
      ['US', 'LOCAL'],
      ['GB', 'LOCAL'],
      ['US', 'CROSS_BORDER'],
      ['GB', 'CROSS_BORDER'],
      ['BR', 'LOCAL'],
    ]);
    let seen: string[] = [];
    for (const shop of shops) {
      let token = '';
      let last = 0;
      do {
        const page = await setup.marketplace.searchOrders(shop.id, { pageSize: 7, pageToken: token });
        for (const { order } of page.orders) {
          expect(order.update_time).toBeGreaterThanOrEqual(last);
          last = order.update_time;
        }
        // Unpaid and on-hold orders have no address yet (the spec says so): they are refused, and still counted.
        for (const refused of page.refused)
          expect(['UNPAID', 'ON_HOLD']).toContain((refused.raw as { status: string }).status);
        seen = seen.concat(
          page.orders.map(({ order }) => order.id),
          page.refused.map((r) => r.orderId!),
        );
        token = page.nextPageToken;
      } while (token);
    }
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
  });

  it('filters by status and answers order detail for up to 50 ids', async () => {
    setup = await sandboxAndClient({ orders: 80 });
    const [shop] = await setup.marketplace.shops();
    const page = await setup.marketplace.searchOrders(shop!.id, {
      filter: { order_status: 'AWAITING_SHIPMENT' },
      pageSize: 100,
    });
    expect(page.orders.every(({ order }) => order.status === 'AWAITING_SHIPMENT')).toBe(true);
    const ids = page.orders.slice(0, 3).map(({ order }) => order.id);
    const detail = await setup.marketplace.getOrders(shop!.id, ids);
    expect(detail.map(({ order }) => order.id)).toEqual(ids);
    expect(detail[0]!.raw).toMatchObject({ id: ids[0], recipient_address: expect.any(Object) });
  });

  it('ships a seller-shipped package once: again is 21011040, a bad tracking number 21011022, a cancelled order 21011041', async () => {
    setup = await sandboxAndClient({ orders: 200 });
    const [order, other] = awaiting(setup, sellerWithPackage);
    const pkg = order!.packages[0]!;
    const carrier = order!.shop.providers[order!.tier][0]!;
    const good = trackingNumberFor(carrier, '4242424242');
    const bad = `${good.slice(0, -3)}${good.endsWith('0') ? '1' : '0'}${good.slice(-2)}`;

    const invalid = await failure(
      setup.marketplace.shipPackage(order!.shop.id, pkg.id, {
        self_shipment: { tracking_number: bad, shipping_provider_id: PROVIDER_IDS[carrier] },
      }),
    );
    expect(invalid).toMatchObject({ kind: 'invalid_tracking', code: 21011022, call: 'shipPackage' });

    await setup.marketplace.shipPackage(order!.shop.id, pkg.id, {
      self_shipment: { tracking_number: good, shipping_provider_id: PROVIDER_IDS[carrier] },
    });
    expect(await setup.marketplace.getPackage(order!.shop.id, pkg.id)).toMatchObject({
      package_status: 'PROCESSING',
      tracking_number: good,
    });
    const [after] = await setup.marketplace.getOrders(order!.shop.id, [order!.id]);
    expect(after!.order.status).toBe('AWAITING_COLLECTION');

    const again = await failure(
      setup.marketplace.shipPackage(order!.shop.id, pkg.id, {
        self_shipment: { tracking_number: good, shipping_provider_id: PROVIDER_IDS[carrier] },
      }),
    );
    expect(again).toMatchObject({ kind: 'already_shipped', code: 21011040 });
    expect(setup.sandbox.shipCount(pkg.id)).toBe(1);

    setup.sandbox.market.cancel(other!.id);
    const otherCarrier = other!.shop.providers[other!.tier][0]!;
    const cancelled = await failure(
      setup.marketplace.shipPackage(other!.shop.id, other!.packages[0]!.id, {
        self_shipment: {
          tracking_number: trackingNumberFor(otherCarrier, '77'),
          shipping_provider_id: PROVIDER_IDS[otherCarrier],
        },
      }),
    );
    expect(cancelled).toMatchObject({ kind: 'cancelled', code: 21011041 });
    expect(setup.sandbox.shipCount(other!.packages[0]!.id)).toBe(0);
  });

  it('serves a TikTok label only after Ship Package: an A6 PDF and the PNG picture; the carrier scan shows in Get Tracking', async () => {
    setup = await sandboxAndClient({ orders: 120, collectAfterSeconds: 0 });
    const [order] = awaiting(setup, (o) => tiktokShipped(o) && o.shop.sellerType === 'LOCAL' && o.shop.region === 'US');
    const pkg = order!.packages[0]!;
    expect(await failure(setup.marketplace.getShippingDocument(order!.shop.id, pkg.id))).toMatchObject({
      kind: 'document_unavailable',
      code: 21023035,
    });

    const slots = await setup.marketplace.getHandoverTimeSlots(order!.shop.id, pkg.id);
    const slot = slots.pickup_slots.find((s) => s.avaliable)!;
    await setup.marketplace.shipPackage(order!.shop.id, pkg.id, {
      handover_method: 'PICKUP',
      pickup_slot: { start_time: slot.start_time, end_time: slot.end_time },
    });
    expect(await setup.marketplace.getPackage(order!.shop.id, pkg.id)).toMatchObject({
      package_status: 'PROCESSING',
      handover_method: 'PICKUP',
    });

    const document = await setup.marketplace.getShippingDocument(order!.shop.id, pkg.id);
    const pdf = await setup.marketplace.downloadDocument(document.docUrl);
    expect(pdf.contentType).toBe('application/pdf');
    const page = (await PDFDocument.load(pdf.bytes)).getPage(0);
    // A6 (105 x 148 mm), the default document_size.
    expect(page.getSize()).toEqual({ width: 297.64, height: 419.53 });
    const picture = await setup.marketplace.getShippingDocument(order!.shop.id, pkg.id, {
      documentType: 'SHIPPING_LABEL_PICTURE',
    });
    const png = await setup.marketplace.downloadDocument(picture.docUrl);
    expect(png.contentType).toBe('image/png');
    expect(Buffer.from(png.bytes.subarray(1, 4)).toString('latin1')).toBe('PNG');

    expect(await setup.marketplace.getTracking(order!.shop.id, order!.id)).toEqual([]);
    expect((await control(setup, `/sandbox/packages/${pkg.id}/collect`)).status).toBe(200);
    const events = await setup.marketplace.getTracking(order!.shop.id, order!.id);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toEqual({ description: expect.any(String), updateTimeMs: expect.any(Number) });
    expect((await setup.marketplace.getPackage(order!.shop.id, pkg.id)).package_status).toBe('FULFILLING');
  });

  it('marks a local seller order shipped: the package is created, a used tracking number is 21011025', async () => {
    setup = await sandboxAndClient({ orders: 200 });
    const [order, ...rest] = awaiting(
      setup,
      (o) =>
        o.shippingType === 'SELLER' &&
        o.shop.region === 'GB' &&
        o.shop.sellerType === 'LOCAL' &&
        o.packages.length === 0,
    );
    const carrier = order!.shop.providers[order!.tier][0]!;
    const other = rest.find((o) => o.shop.providers[o.tier].includes(carrier));
    const tracking = trackingNumberFor(carrier, '8100001');
    const lineIds = order!.lines.map((line) => line.id);
    const result = await setup.marketplace.markPackageAsShipped(order!.shop.id, order!.id, {
      orderLineItemIds: lineIds,
      trackingNumber: tracking,
      shippingProviderId: PROVIDER_IDS[carrier],
    });
    expect(result).toEqual({ packageId: expect.any(String), orderLineItemIds: lineIds, warning: null });
    const [after] = await setup.marketplace.getOrders(order!.shop.id, [order!.id]);
    expect(after!.order.packages).toEqual([{ id: result.packageId }]);
    expect(
      await failure(
        setup.marketplace.markPackageAsShipped(order!.shop.id, order!.id, {
          orderLineItemIds: lineIds,
          trackingNumber: trackingNumberFor(carrier, '8100002'),
          shippingProviderId: PROVIDER_IDS[carrier],
        }),
      ),
    ).toMatchObject({
      kind: 'already_shipped',
    });
    const used = await failure(
      setup.marketplace.markPackageAsShipped(other!.shop.id, other!.id, {
        orderLineItemIds: other!.lines.map((l) => l.id),
        trackingNumber: tracking,
        shippingProviderId: PROVIDER_IDS[carrier],
      }),
    );
    expect(used).toMatchObject({ kind: 'tracking_in_use', code: 21011025 });
  });

  it('batch-ships packages each on its own, and updates tracking of a shipped one', async () => {
    setup = await sandboxAndClient({ orders: 300 });
    const [a, b, c] = awaiting(setup, (o) => sellerWithPackage(o) && o.shop.id === '7495104000000000004');
    const ship = (o: SandboxOrder, serial: string) => {
      const carrier = o.shop.providers[o.tier][0]!;
      return {
        id: o.packages[0]!.id,
        self_shipment: {
          tracking_number: trackingNumberFor(carrier, serial),
          shipping_provider_id: PROVIDER_IDS[carrier],
        },
      };
    };
    setup.sandbox.market.cancel(c!.id);
    const result = await setup.marketplace.batchShip(a!.shop.id, [ship(a!, '11'), ship(b!, '12'), ship(c!, '13')]);
    expect(result.shipped).toEqual([a!.packages[0]!.id, b!.packages[0]!.id]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({
      packageId: c!.packages[0]!.id,
      error: { kind: 'cancelled', code: 21011041 },
    });

    const carrier = a!.shop.providers[a!.tier][0]!;
    const fixed = trackingNumberFor(carrier, '99');
    await setup.marketplace.updateShippingInfo(a!.shop.id, a!.packages[0]!.id, {
      tracking_number: fixed,
      shipping_provider_id: PROVIDER_IDS[carrier],
    });
    expect((await setup.marketplace.getPackage(a!.shop.id, a!.packages[0]!.id)).tracking_number).toBe(fixed);
  });

  it('asks for a reconnect when the token is revoked, without retrying', async () => {
    setup = await sandboxAndClient();
    expect((await control(setup, '/sandbox/tokens/revoke')).status).toBe(200);
    const error = await failure(setup.marketplace.getAuthorizedShops());
    expect(error).toMatchObject({ kind: 'reconnect', code: 36009004 });
    expect(setup.sleeps).toEqual([]);
    expect(setup.marketplace.status().state).toBe('reconnect_required');
  });

  it('gives every SKU with a barcode a real GTIN / EAN / UPC / JAN / ISBN through the product API', async () => {
    setup = await sandboxAndClient({ orders: 30 });
    for (const order of [...setup.sandbox.market.allOrders()].slice(0, 10)) {
      const product = await setup.marketplace.getProduct(order.shop.id, order.lines[0]!.sku.productId);
      for (const sku of product.skus ?? []) {
        if (sku.identifier_code?.code)
          expect(toGtin14(sku.identifier_code.code), sku.identifier_code.code).not.toBeNull();
      }
    }
  });
});
