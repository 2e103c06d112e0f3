import { describe, expect, it } from 'vitest';
import { deadlinesFor, HANDOVER_WITHIN_MS, PACK_WITHIN_MS } from '../../../shared/domain/deadlines/sla';
import { addressLines } from '../../../shared/domain/label/address';
import { Order } from '../../../shared/domain/orders/order';
import { MarketplaceError } from '../../../electron/core/marketplace/errors';
import { mapOrder, serviceOf, toStationOrder } from '../../../electron/core/marketplace/order-mapping';
import { fieldPath, ProductDetail, TikTokOrder } from '../../../electron/core/marketplace/schemas';
import { hongKongOrder, specOrder } from '../orders/fake-tiktok';

const read = (raw: unknown) => TikTokOrder.parse(raw);
const station = (raw: unknown) => {
  const mapped = mapOrder('shop', read(raw));
  if (!('order' in mapped)) throw new Error(`refused: ${mapped.refusal.field}`);
  return Order.parse(mapped.order);
};

describe('answer schemas, as the reference describes the answers', () => {
  it('reads the spec-shaped order, ignores fields TikTok added, and names a wrong field by its path', () => {
    const raw = specOrder('576461413038785752');
    expect(TikTokOrder.safeParse({ ...raw, extra_field_tiktok_added: true }).success).toBe(true);
    const broken = { ...raw, line_items: [{ ...(raw.line_items as object[])[0], sale_price: 12.5 }] };
    const result = TikTokOrder.safeParse(broken);
    expect(result.success).toBe(false);
    expect(fieldPath('data.orders[0]', result.error!.issues[0]!.path)).toBe('data.orders[0].line_items[0].sale_price');
  });

  it('takes what the spec leaves optional: no postal code (HK, AE), no packages, no package id, no carrier, no payment', () => {
    const hk = hongKongOrder('HK', { packages: undefined, shipping_provider: undefined, payment: undefined });
    (hk.line_items as Array<Record<string, unknown>>)[0]!.package_id = undefined;
    const order = station(hk);
    expect(order.recipient).toMatchObject({ postalCode: '', countryCode: 'HK' });
    expect(order.packages).toEqual([]);
    expect(order.lines[0]!.packageId).toBeNull();
    expect(order.carrier).toBeNull();
    const ae = specOrder('AE', {
      recipient_address: { name: 'Amal', region_code: 'AE', address_line1: 'Villa 7, Street 12, Al Barsha' },
    });
    expect(station(ae).recipient).toMatchObject({ postalCode: '', countryCode: 'AE' });
  });

  it('prints an address without postal code without an empty gap', () => {
    const order = station(hongKongOrder('HK'));
    expect(addressLines(order.recipient)).toEqual([
      'Flat 12A, 8 Queen\u2019s Road Central',
      'Central and Western',
      'HONG KONG SAR CHINA (HK)',
    ]);
  });

  it('reads an unknown status, and the mapping refuses it by name', () => {
    const raw = specOrder('U', { status: 'AWAITING_PICKUP_AT_LOCKER' });
    expect(TikTokOrder.safeParse(raw).success).toBe(true);
    expect(mapOrder('shop', read(raw))).toEqual({
      refusal: { field: 'status', reason: expect.stringContaining('AWAITING_PICKUP_AT_LOCKER') },
    });
  });

  it('reads every identifier type of the spec, and a product without SKUs or ids', () => {
    for (const type of ['GTIN', 'EAN', 'UPC', 'ISBN', 'JAN']) {
      expect(
        ProductDetail.parse({
          id: 'p',
          title: 't',
          skus: [{ id: 's', identifier_code: { code: '4901234567894', type } }],
        }).skus![0]!.identifier_code,
      ).toEqual({ code: '4901234567894', type });
    }
    expect(ProductDetail.parse({}).skus).toBeUndefined();
  });
});

describe('mapping a TikTok order onto the station order', () => {
  it('keeps every line as one unit, the packages, and valid station fields', () => {
    const raw = specOrder('M', {
      line_items: [0, 1, 2].map((i) => ({
        ...(specOrder('M').line_items as object[])[0],
        id: `M-${i}`,
        package_id: i < 2 ? 'pkg-1' : 'pkg-2',
      })),
      packages: [{ id: 'pkg-1' }, { id: 'pkg-2' }],
    });
    const order = station(raw);
    expect(order.lines).toHaveLength(3);
    expect(order.createdAt).toBe(1_700_000_000_000);
    expect(new Set(order.lines.map((l) => l.packageId))).toEqual(new Set(order.packages.map((p) => p.id)));
    expect(order.packages.map((p) => p.id)).toEqual(['pkg-1', 'pkg-2']);
  });

  it('takes the SLA fields when present, else paid + 48 h / 72 h', () => {
    expect(deadlinesFor({ rtsSlaTime: 5, ttsSlaTime: 7, paidAt: 1 })).toEqual({ packBy: 5, handoverBy: 7 });
    expect(deadlinesFor({ paidAt: 1000 })).toEqual({
      packBy: 1000 + PACK_WITHIN_MS,
      handoverBy: 1000 + HANDOVER_WITHIN_MS,
    });
    expect(deadlinesFor({ rtsSlaTime: null, paidAt: null })).toEqual({ packBy: null, handoverBy: null });
    const withoutSla = read({ ...specOrder('S'), rts_sla_time: undefined, tts_sla_time: undefined, paid_time: 1_000 });
    expect(toStationOrder('x', 's', withoutSla, 0)).toMatchObject({
      packBy: 1_000_000 + PACK_WITHIN_MS,
      handoverBy: 1_000_000 + HANDOVER_WITHIN_MS,
    });
  });

  it('reads the service tier from the delivery option name', () => {
    expect(serviceOf('Express shipping')).toBe('express');
    expect(serviceOf('Economy shipping')).toBe('economy');
    expect(serviceOf('Standard shipping')).toBe('standard');
    expect(serviceOf(undefined)).toBe('standard');
  });

  it('refuses an order without any street line, detailed or full address, naming the field', () => {
    const source = read(specOrder('N'));
    const empty = {
      ...source,
      recipient_address: {
        ...source.recipient_address!,
        address_line1: ' ',
        address_line2: undefined,
        address_line3: undefined,
        address_line4: undefined,
        address_detail: undefined,
        full_address: '',
      },
    };
    expect(() => toStationOrder('searchOrders', 's', empty, 4)).toThrow(MarketplaceError);
    expect(() => toStationOrder('searchOrders', 's', empty, 4)).toThrow(
      /data\.orders\[4\]\.recipient_address\.address_line1/,
    );
  });
});
