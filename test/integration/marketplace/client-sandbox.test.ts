import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { toGtin14 } from '../../../shared/domain/scan/gtin';
import { validateTracking } from '../../../shared/domain/tracking/validate';
import { trackingNumberFor } from '../../../electron/core/sandbox/identifiers';
import type { SandboxOrder } from '../../../electron/core/sandbox/order-factory';
import { PROVIDER_IDS } from '../../../electron/core/sandbox/world';
import { failure, sandboxAndClient } from './connect';

/** The PDF's content streams, inflated: pdf-lib writes text as hex strings inside them. */
function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  return [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)]
    .map((match) => {
      try {
        return inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
      } catch {
        return match[1]!;
      }
    })
    .join('\n');
}

type Setup = Awaited<ReturnType<typeof sandboxAndClient>>;

const awaiting = (setup: Setup, type: 'SELLER' | 'TIKTOK'): SandboxOrder =>
  [...setup.sandbox.market.allOrders()].find((o) => o.status === 'AWAITING_SHIPMENT' && o.shippingType === type && o.packages.length === 1)!;

describe('the client against the sandbox marketplace over HTTP', () => {
  let setup: Setup;
  afterEach(() => setup?.sandbox.close());

  it('lists the authorised shops and pages through every order once, in update-time order', async () => {
    setup = await sandboxAndClient({ orders: 150 });
    const shops = await setup.marketplace.shops();
    expect(shops.map((s) => s.region)).toEqual(['US', 'GB', 'US', 'GB']);
    expect(shops.map((s) => s.seller_type)).toEqual(['LOCAL', 'LOCAL', 'CROSS_BORDER', 'CROSS_BORDER']);
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
        seen = seen.concat(page.orders.map(({ order }) => order.id));
        token = page.nextPageToken;
      } while (token);
    }
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
  });

  it('filters by status and answers order detail for up to 50 ids', async () => {
    setup = await sandboxAndClient({ orders: 80 });
    const [shop] = await setup.marketplace.shops();
    const page = await setup.marketplace.searchOrders(shop!.id, { filter: { order_status: 'AWAITING_SHIPMENT' }, pageSize: 100 });
    expect(page.orders.every(({ order }) => order.status === 'AWAITING_SHIPMENT')).toBe(true);
    const ids = page.orders.slice(0, 3).map(({ order }) => order.id);
    const detail = await setup.marketplace.getOrders(shop!.id, ids);
    expect(detail.map(({ order }) => order.id)).toEqual(ids);
    expect(detail[0]!.raw).toMatchObject({ id: ids[0], recipient_address: expect.any(Object) });
  });

  it("ships a seller-shipped package once: again is 21011040, a bad tracking number 21011022, a cancelled order 21011041", async () => {
    setup = await sandboxAndClient({ orders: 120 });
    const order = awaiting(setup, 'SELLER');
    const pkg = order.packages[0]!;
    const providerId = PROVIDER_IDS[order.carrier];
    const good = trackingNumberFor(order.carrier, '4242424242');
    const bad = `${good.slice(0, -3)}${good.endsWith('0') ? '1' : '0'}${good.slice(-2)}`;

    const invalid = await failure(setup.marketplace.shipPackage(order.shop.id, pkg.id, { self_shipment: { tracking_number: bad, shipping_provider_id: providerId } }));
    expect(invalid).toMatchObject({ kind: 'invalid_tracking', code: 21011022, call: 'shipPackage' });

    await setup.marketplace.shipPackage(order.shop.id, pkg.id, { self_shipment: { tracking_number: good, shipping_provider_id: providerId } });
    const upstream = await setup.marketplace.getPackage(order.shop.id, pkg.id);
    expect(upstream).toMatchObject({ package_status: 'FULFILLING', tracking_number: good });
    const [after] = await setup.marketplace.getOrders(order.shop.id, [order.id]);
    expect(after!.order.status).toBe('AWAITING_COLLECTION');

    const again = await failure(setup.marketplace.shipPackage(order.shop.id, pkg.id, { self_shipment: { tracking_number: good, shipping_provider_id: providerId } }));
    expect(again).toMatchObject({ kind: 'already_shipped', code: 21011040 });
    expect(setup.sandbox.shipCount(pkg.id)).toBe(1);

    const other = [...setup.sandbox.market.allOrders()].find((o) => o.status === 'AWAITING_SHIPMENT' && o.shippingType === 'SELLER' && o.id !== order.id)!;
    setup.sandbox.market.cancel(other.id);
    const cancelled = await failure(
      setup.marketplace.shipPackage(other.shop.id, other.packages[0]!.id, { self_shipment: { tracking_number: trackingNumberFor(other.carrier, '77'), shipping_provider_id: PROVIDER_IDS[other.carrier] } }),
    );
    expect(cancelled).toMatchObject({ kind: 'cancelled', code: 21011041 });
    expect(setup.sandbox.shipCount(other.packages[0]!.id)).toBe(0);
  });

  it('books a TikTok pickup in an offered slot, serves the label as a 4x6 in PDF and as ZPL', async () => {
    setup = await sandboxAndClient({ orders: 120 });
    const order = awaiting(setup, 'TIKTOK');
    const pkg = order.packages[0]!;
    const slots = await setup.marketplace.getHandoverTimeSlots(order.shop.id, pkg.id);
    expect(slots.can_pickup).toBe(true);
    const slot = slots.pickup_slots.find((s) => s.avaliable)!;

    const document = await setup.marketplace.getShippingDocument(order.shop.id, pkg.id);
    expect(validateTracking(order.carrier, document.trackingNumber!).ok).toBe(true);
    const pdf = await setup.marketplace.downloadDocument(document.docUrl);
    expect(pdf.contentType).toBe('application/pdf');
    const page = (await PDFDocument.load(pdf.bytes)).getPage(0);
    expect(page.getSize()).toEqual({ width: 288, height: 432 });
    expect(pdfText(pdf.bytes)).toContain(Buffer.from(document.trackingNumber!).toString('hex').toUpperCase());

    const zplDocument = await setup.marketplace.getShippingDocument(order.shop.id, pkg.id, { documentFormat: 'ZPL' });
    const zpl = Buffer.from((await setup.marketplace.downloadDocument(zplDocument.docUrl)).bytes).toString('utf8');
    expect(zpl).toMatch(/^\^XA/);
    expect(zpl).toContain(`^FD${document.trackingNumber}^FS`);

    const wrongSlot = await failure(setup.marketplace.shipPackage(order.shop.id, pkg.id, { handover_method: 'PICKUP', pickup_slot: { start_time: 1, end_time: 2 } }));
    expect(wrongSlot.kind).toBe('rejected');
    await setup.marketplace.shipPackage(order.shop.id, pkg.id, { handover_method: 'PICKUP', pickup_slot: { start_time: slot.start_time, end_time: slot.end_time } });
    expect(await setup.marketplace.getPackage(order.shop.id, pkg.id)).toMatchObject({ package_status: 'FULFILLING', handover_method: 'PICKUP', pickup_slot: { start_time: slot.start_time } });

    const seller = awaiting(setup, 'SELLER');
    expect(await failure(setup.marketplace.getShippingDocument(seller.shop.id, seller.packages[0]!.id))).toMatchObject({ code: 21011025 });
  });

  it('batch-ships packages each on its own, and updates tracking of a shipped one', async () => {
    setup = await sandboxAndClient({ orders: 200 });
    const seller = [...setup.sandbox.market.allOrders()].filter((o) => o.status === 'AWAITING_SHIPMENT' && o.shippingType === 'SELLER' && o.shop.id === '7495101000000000001');
    const [a, b, c] = seller;
    const ship = (o: SandboxOrder, serial: string) => ({ id: o.packages[0]!.id, self_shipment: { tracking_number: trackingNumberFor(o.carrier, serial), shipping_provider_id: PROVIDER_IDS[o.carrier] } });
    setup.sandbox.market.cancel(c!.id);
    const result = await setup.marketplace.batchShip(a!.shop.id, [ship(a!, '11'), ship(b!, '12'), ship(c!, '13')]);
    expect(result.shipped).toEqual([a!.packages[0]!.id, b!.packages[0]!.id]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ packageId: c!.packages[0]!.id, error: { kind: 'cancelled', code: 21011041 } });

    const fixed = trackingNumberFor(a!.carrier, '99');
    await setup.marketplace.updateShippingInfo(a!.shop.id, a!.packages[0]!.id, { tracking_number: fixed, shipping_provider_id: PROVIDER_IDS[a!.carrier] });
    expect((await setup.marketplace.getPackage(a!.shop.id, a!.packages[0]!.id)).tracking_number).toBe(fixed);

    const providers = await setup.marketplace.getShippingProviders(a!.shop.id, (await setup.marketplace.getOrders(a!.shop.id, [a!.id]))[0]!.order.delivery_option_id!);
    expect(providers.map((p) => p.name)).toContain(a!.carrier);
  });

  it("gives every SKU with a barcode a real GTIN / EAN / UPC / ISBN through the product API", async () => {
    setup = await sandboxAndClient({ orders: 30 });
    const order = [...setup.sandbox.market.allOrders()][0]!;
    const product = await setup.marketplace.getProduct(order.shop.id, order.lines[0]!.sku.productId);
    const skus = product.skus ?? [];
    expect(skus.length).toBeGreaterThan(0);
    for (const sku of skus) {
      if (sku.identifier_code?.code) expect(toGtin14(sku.identifier_code.code), sku.identifier_code.code).not.toBeNull();
    }
  });
});
