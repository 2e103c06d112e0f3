import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxOrder } from '../../../electron/core/sandbox/order-factory';
import type { Sandbox } from '../../../electron/core/sandbox/server';
import { call, quietSandbox } from './signed-fetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await quietSandbox({ orders: 300 });
});
afterAll(() => sandbox.close());

const awaiting = (test: (o: SandboxOrder) => boolean): SandboxOrder[] =>
  [...sandbox.market.allOrders()].filter((o) => o.status === 'AWAITING_SHIPMENT' && o.packages.length > 0 && test(o));

const documentsOf = (order: SandboxOrder, query: Record<string, string>) =>
  call<{ doc_url: string; tracking_number: string }>(
    sandbox,
    'GET',
    `/fulfillment/202309/packages/${order.packages[0]!.id}/shipping_documents`,
    { cipher: order.shop.cipher, query },
  );

const ship = (order: SandboxOrder) =>
  call(sandbox, 'POST', `/fulfillment/202309/packages/${order.packages[0]!.id}/ship`, {
    cipher: order.shop.cipher,
    body: { handover_method: 'DROP_OFF' },
  });

/** Reads the Code 128 of a PNG the way a scanner sweeps it: band by band. */
function readCode128(png: PNG): string[] {
  const reader = new MultiFormatReader();
  reader.setHints(new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]]]));
  const found = new Set<string>();
  const band = 40;
  for (let y = 0; y + band <= png.height; y += band) {
    const lum = new Uint8ClampedArray(png.width * band);
    for (let i = 0; i < lum.length; i += 1) lum[i] = png.data[(y * png.width + i) * 4]!;
    try {
      found.add(
        reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, png.width, band)))).getText(),
      );
    } catch {
      // No barcode in this band.
    }
  }
  return [...found];
}

describe('shipping documents follow Get Package Shipping Document', () => {
  it('refuses them until Ship Package, with the documented codes', async () => {
    const local = awaiting((o) => o.shippingType === 'TIKTOK' && o.shop.sellerType === 'LOCAL')[0]!;
    const crossBorder = awaiting((o) => o.shippingType === 'TIKTOK' && o.shop.sellerType === 'CROSS_BORDER')[0]!;
    expect(await documentsOf(local, { document_type: 'SHIPPING_LABEL' })).toMatchObject({
      code: 21023035,
      message: 'Please arrange shipment before retrieving the shipping document.',
    });
    expect(await documentsOf(crossBorder, { document_type: 'SHIPPING_LABEL' })).toMatchObject({
      code: 21042104,
      message: "Documents couldn't be printed before shipped.Please check shipping is arranged and try again.",
    });
    const seller = awaiting((o) => o.shippingType === 'SELLER')[0]!;
    expect((await documentsOf(seller, { document_type: 'SHIPPING_LABEL' })).code).toBe(11034002);
  });

  it('serves a 4x6 in PNG at 203 dpi whose Code 128 reads as the tracking number, in every market', async () => {
    const shops = new Set(awaiting((o) => o.shippingType === 'TIKTOK').map((o) => o.shop.id));
    expect(shops.size).toBe(4);
    for (const shopId of shops) {
      const order = awaiting((o) => o.shippingType === 'TIKTOK' && o.shop.id === shopId).at(-1)!;
      expect((await ship(order)).code).toBe(0);
      const answer = await documentsOf(order, { document_type: 'SHIPPING_LABEL_PICTURE' });
      expect(answer.code).toBe(0);
      expect(answer.data.doc_url.startsWith(`${sandbox.url}/`)).toBe(true);
      const res = await fetch(answer.data.doc_url);
      expect(res.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      const png = PNG.sync.read(bytes);
      expect([png.width, png.height]).toEqual([812, 1218]);
      // pHYs: 7992 dots per metre (203 dpi) both ways, in metres (unit 1).
      const phys = bytes.indexOf('pHYs');
      expect([bytes.readUInt32BE(phys + 4), bytes.readUInt32BE(phys + 8), bytes[phys + 12]]).toEqual([7992, 7992, 1]);
      expect(readCode128(png), order.shop.name).toContain(answer.data.tracking_number);
    }
  });

  it('serves PDF label, packing slip and both, at A6 unless A5 is asked for; ZPL only to the Brazilian shop', async () => {
    const [us, br] = [
      awaiting((o) => o.shippingType === 'TIKTOK' && o.shop.region !== 'BR')[1]!,
      awaiting((o) => o.shop.region === 'BR')[0]!,
    ];
    await ship(us);
    await ship(br);
    const fetchDoc = async (order: SandboxOrder, query: Record<string, string>) => {
      const res = await fetch((await documentsOf(order, query)).data.doc_url);
      return { type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
    };
    const label = await fetchDoc(us, { document_type: 'SHIPPING_LABEL', document_format: 'ZPL' });
    expect(label.type).toBe('application/pdf');
    const pdf = await PDFDocument.load(label.bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize().width).toBeCloseTo(297.64, 1);
    const a5 = await PDFDocument.load(
      (await fetchDoc(us, { document_type: 'PACKING_SLIP', document_size: 'A5' })).bytes,
    );
    expect(a5.getPage(0).getSize().height).toBeCloseTo(595.28, 1);
    expect(
      (
        await PDFDocument.load((await fetchDoc(us, { document_type: 'SHIPPING_LABEL_AND_PACKING_SLIP' })).bytes)
      ).getPageCount(),
    ).toBe(2);
    const zpl = await fetchDoc(br, { document_type: 'SHIPPING_LABEL', document_format: 'ZPL' });
    expect(zpl.type).toMatch(/^text\/plain/);
    expect(Buffer.from(zpl.bytes).toString('utf8')).toMatch(/^\^XA[\s\S]*\^XZ\s*$/);
    expect((await fetchDoc(br, { document_type: 'SHIPPING_LABEL_PICTURE', document_format: 'ZPL' })).type).toBe(
      'image/png',
    );
  });

  it('lets doc_url expire after 24 hours, and refuses documents once the carrier has the parcel', async () => {
    const order = awaiting((o) => o.shippingType === 'TIKTOK')[2]!;
    await ship(order);
    const url = (await documentsOf(order, { document_type: 'SHIPPING_LABEL' })).data.doc_url;
    sandbox.market.advanceClock(23 * 3600);
    expect((await fetch(url)).status).toBe(200);
    sandbox.market.advanceClock(2 * 3600);
    expect((await fetch(url)).status).toBe(404);
    sandbox.market.shipping.collect(order.packages[0]!.id);
    expect((await documentsOf(order, { document_type: 'SHIPPING_LABEL' })).code).toBe(21042102);
  });
});
