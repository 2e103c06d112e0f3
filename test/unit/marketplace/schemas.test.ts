import { describe, expect, it } from 'vitest';
import { deadlinesFor, HANDOVER_WITHIN_MS, PACK_WITHIN_MS } from '../../../shared/domain/deadlines/sla';
import { Order } from '../../../shared/domain/orders/order';
import { MarketplaceError } from '../../../electron/core/marketplace/errors';
import { serviceOf, toStationOrder } from '../../../electron/core/marketplace/order-mapping';
import { fieldPath, TikTokOrder } from '../../../electron/core/marketplace/schemas';
import { generateOrder } from '../../../electron/core/sandbox/order-factory';
import { orderJson } from '../../../electron/core/sandbox/tiktok-json';

const EPOCH = 1_780_000_000;
const tiktokOrder = (index: number) => TikTokOrder.parse(orderJson(generateOrder(1, index, EPOCH, null).order));

describe('answer schemas', () => {
  it('accepts the sandbox orders and rejects a wrong field with its path', () => {
    const raw = orderJson(generateOrder(1, 3, EPOCH, null).order) as Record<string, unknown>;
    expect(TikTokOrder.safeParse(raw).success).toBe(true);
    const broken = { ...raw, line_items: [{ ...(raw.line_items as object[])[0], sale_price: 12.5 }] };
    const result = TikTokOrder.safeParse(broken);
    expect(result.success).toBe(false);
    expect(fieldPath('data.orders[0]', result.error!.issues[0]!.path)).toBe('data.orders[0].line_items[0].sale_price');
    expect(TikTokOrder.safeParse({ ...raw, status: 'LOST_IN_SPACE' }).success).toBe(false);
    expect(TikTokOrder.safeParse({ ...raw, extra_field_tiktok_added: true }).success).toBe(true);
  });

  it('is deterministic: the same seed and index give the same order', () => {
    expect(orderJson(generateOrder(5, 42, EPOCH, null).order)).toEqual(orderJson(generateOrder(5, 42, EPOCH, null).order));
    expect(orderJson(generateOrder(5, 42, EPOCH, null).order)).not.toEqual(orderJson(generateOrder(6, 42, EPOCH, null).order));
  });
});

describe('mapping a TikTok order onto the station order', () => {
  it('keeps every line as one unit, the packages, and valid station fields', () => {
    for (let i = 0; i < 200; i += 1) {
      const source = tiktokOrder(i);
      const mapped = Order.parse(toStationOrder('searchOrders', 'shop', source, 0));
      expect(mapped.lines).toHaveLength(source.line_items.length);
      expect(mapped.createdAt).toBe(source.create_time * 1000);
      expect(new Set(mapped.lines.map((l) => l.packageId))).toEqual(new Set(mapped.packages.map((p) => p.id)));
    }
  });

  it('takes the SLA fields when present, else paid + 48 h / 72 h', () => {
    expect(deadlinesFor({ rtsSlaTime: 5, ttsSlaTime: 7, paidAt: 1 })).toEqual({ packBy: 5, handoverBy: 7 });
    expect(deadlinesFor({ paidAt: 1000 })).toEqual({ packBy: 1000 + PACK_WITHIN_MS, handoverBy: 1000 + HANDOVER_WITHIN_MS });
    expect(deadlinesFor({ rtsSlaTime: null, paidAt: null })).toEqual({ packBy: null, handoverBy: null });
    const source = tiktokOrder(1);
    const withoutSla = { ...source, rts_sla_time: undefined, tts_sla_time: undefined, paid_time: 1_000 };
    expect(toStationOrder('x', 's', withoutSla, 0)).toMatchObject({ packBy: 1_000_000 + PACK_WITHIN_MS, handoverBy: 1_000_000 + HANDOVER_WITHIN_MS });
  });

  it('reads the service tier from the delivery option name', () => {
    expect(serviceOf('Express shipping')).toBe('express');
    expect(serviceOf('Economy shipping')).toBe('economy');
    expect(serviceOf('Standard shipping')).toBe('standard');
    expect(serviceOf(undefined)).toBe('standard');
  });

  it('refuses an order without a street, naming the field', () => {
    const source = tiktokOrder(2);
    const empty = { ...source, recipient_address: { ...source.recipient_address, address_line1: ' ', address_line2: undefined, address_line3: undefined, address_line4: undefined } };
    expect(() => toStationOrder('searchOrders', 's', empty, 4)).toThrow(MarketplaceError);
    expect(() => toStationOrder('searchOrders', 's', empty, 4)).toThrow(/data\.orders\[4\]\.recipient_address\.address_line1/);
  });
});
