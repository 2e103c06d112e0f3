import { describe, expect, it } from 'vitest';
import type { LabelPage, TextElement } from '../../../shared/domain/label/model';
import { buildPackingSlip, isGiftOrder, slipItems, wantsPackingSlip } from '../../../shared/domain/label/packing-slip';
import { textWidth } from '../../../shared/domain/label/text-metrics';
import { LINE_HEIGHT } from '../../../shared/domain/label/text-fit';
import { Order, type OrderInput } from '../../../shared/domain/orders/order';
import { makeOrder } from '../../support/order-fixtures';

type Line = OrderInput['lines'][number];
const line = (id: string, overrides: Partial<Line> = {}): Line => ({
  id,
  skuId: `sku-${id}`,
  sellerSku: `SKU-${id}`,
  productName: `Product ${id}`,
  skuName: 'Blue, M',
  salePrice: '12.50',
  currency: 'USD',
  ...overrides,
});

function slip(lines: Line[], dpi: 203 | 300 = 203): { order: Order; pages: LabelPage[] } {
  const order = Order.parse(makeOrder({ id: '576461413038785752', lines }));
  return { order, pages: buildPackingSlip({ order, sellerName: 'Packbench Demo Store', size: '4x6', dpi }) };
}

const texts = (pages: LabelPage[]) =>
  pages.flatMap((page) => page.elements.filter((el): el is TextElement => el.kind === 'text'));
const allText = (pages: LabelPage[]) => texts(pages).flatMap((el) => el.lines);

describe('packing slip', () => {
  it('an ordinary order: order number, buyer, ship-to, each line with its SKU and quantity, amounts and the total', () => {
    const { pages } = slip([
      line('a', { skuId: 'lamp', sellerSku: 'LAMP-01', productName: 'Desk lamp', salePrice: '24.99' }),
      line('b', { skuId: 'lamp', sellerSku: 'LAMP-01', productName: 'Desk lamp', salePrice: '24.99' }),
      line('c', {
        skuId: 'cable',
        sellerSku: 'USB-C-2M',
        productName: 'USB-C cable',
        skuName: 'Black, 2 m',
        salePrice: '7.5',
      }),
    ]);
    expect(pages).toHaveLength(1);
    const text = allText(pages).join('\n');
    expect(text).toContain('Order 576461413038785752');
    expect(text).toContain('Jane Buyer');
    expect(text).toContain('1600 Amphitheatre Pkwy');
    expect(text).toContain('SKU LAMP-01');
    expect(text).toContain('Black, 2 m · SKU USB-C-2M');
    const byRole = (role: string) =>
      texts(pages)
        .filter((el) => el.role === role)
        .flatMap((el) => el.lines);
    expect(byRole('slip-item-quantity')).toEqual(['2', '1']);
    expect(byRole('slip-item-amount')).toEqual(['USD 49.98', 'USD 7.5']);
    expect(byRole('slip-total')).toEqual(['3 items', 'Total USD 57.48']);
  });

  it('a gift order carries no price anywhere: no amount, no total, no currency, no price figure', () => {
    const lines = [
      line('a', { salePrice: '24.99' }),
      line('b', { salePrice: '0.00', isGift: true, productName: 'Free tote bag' }),
    ];
    const { order, pages } = slip(lines);
    expect(isGiftOrder(order)).toBe(true);
    const text = allText(pages);
    expect(text.join('\n')).toContain('PACKING SLIP - GIFT');
    expect(text.join('\n')).toContain('Free tote bag');
    for (const written of text) {
      expect(written).not.toMatch(/USD|\$|24\.99|0\.00|Total|Amount/);
    }
    expect(texts(pages).some((el) => el.role === 'slip-item-amount')).toBe(false);
    expect(slipItems(order, false).every((item) => item.amount === null)).toBe(true);
  });

  it('long names wrap inside their column and are never cut; many lines go on to further pages', () => {
    const long =
      'Extra long product name for a stainless steel insulated water bottle with a carry loop, a spare lid and a cleaning brush, 1 litre';
    const lines = Array.from({ length: 14 }, (_, i) => line(`l${i}`, { productName: `${long} #${i}` }));
    for (const dpi of [203, 300] as const) {
      const { pages } = slip(lines, dpi);
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages)
        for (const el of page.elements.filter((e): e is TextElement => e.kind === 'text')) {
          for (const written of el.lines) expect(textWidth(written, el.size, el.weight)).toBeLessThanOrEqual(el.width);
          expect(el.x + el.width).toBeLessThanOrEqual(page.widthDots);
          expect(Number.isInteger(el.x) && Number.isInteger(el.y), 'whole dots').toBe(true);
          expect(el.y + el.lines.length * el.size * LINE_HEIGHT).toBeLessThanOrEqual(page.heightDots);
        }
      for (const page of pages)
        for (const el of page.elements)
          if (el.kind === 'box') expect([el.x, el.y, el.width, el.height].every(Number.isInteger)).toBe(true);
      // Every word of every name is on the slip, in order.
      const names = texts(pages)
        .filter((el) => el.role === 'slip-item-name')
        .map((el) => el.lines.join(' '));
      expect(names).toHaveLength(14);
      names.forEach((name, i) => expect(name.replace(/\s+/g, ' ')).toBe(`${long} #${i}`));
      // Each page names its order.
      for (const page of pages)
        expect(page.elements.some((el) => el.kind === 'text' && el.lines.includes('Order 576461413038785752'))).toBe(
          true,
        );
    }
  });

  it('the setting: off prints none, every prints one with each label, gift only with gift orders', () => {
    const plain = { lines: [Order.shape.lines.element.parse(line('a'))] };
    const gift = { lines: [Order.shape.lines.element.parse(line('a', { isGift: true }))] };
    expect([wantsPackingSlip('off', plain), wantsPackingSlip('off', gift)]).toEqual([false, false]);
    expect([wantsPackingSlip('every', plain), wantsPackingSlip('every', gift)]).toEqual([true, true]);
    expect([wantsPackingSlip('gift', plain), wantsPackingSlip('gift', gift)]).toEqual([false, true]);
  });
});
