import { describe, expect, it } from 'vitest';
import { rasterise } from '../../../electron/core/printing/rasterise';
import { isBlack } from '../../../electron/core/printing/raster';
import { buildLabel, type LabelInput } from '../../../shared/domain/label/build-label';
import { LabelError, type LabelPage, type TextElement } from '../../../shared/domain/label/model';
import { pageToSvg } from '../../../shared/domain/label/svg';
import { LINE_HEIGHT } from '../../../shared/domain/label/text-fit';
import type { OrderInput } from '../../../shared/domain/orders/order';
import { readCode128 } from '../../support/label-barcodes';
import { CUSTOMS, labelInput, labelOrder } from '../../support/label-fixtures';

function label(
  recipient: Partial<OrderInput['recipient']>,
  overrides: Partial<LabelInput> = {},
  lines?: OrderInput['lines'],
) {
  return buildLabel(labelInput(labelOrder(recipient, lines ? { lines } : {}), overrides));
}

const EXTREME: Record<string, Partial<OrderInput['recipient']>> = {
  'very long Latin': {
    name: 'Wolfgang Amadeus Maximilian Bartholomew Featherstonehaugh-Cholmondeley III',
    company: 'Worldwide Widget Warehousing & Wholesale Manufacturing Incorporated',
    lines: [
      'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
      '12345 Extraordinarily Long Boulevard Name Which Keeps Going And Going, Building 77, Suite 1234, Floor 56, Attention Receiving Dock 9',
    ],
    city: 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch',
    region: 'Anglesey',
    postalCode: 'LL61 5UJ',
    countryCode: 'US',
  },
  Chinese: {
    name: '欧阳娜娜',
    lines: ['北京市朝阳区建国路88号SOHO现代城5号楼2单元1703室', '靠近地铁站东门，请放快递柜，谢谢'],
    city: '北京市',
    region: '北京',
    postalCode: '100022',
    countryCode: 'US',
  },
  Arabic: {
    name: 'محمد عبد الله الأحمد',
    lines: ['شارع الملك فهد، حي العليا، مبنى رقم 4521، الطابق الثالث'],
    city: 'الرياض',
    region: '',
    postalCode: '12214',
    countryCode: 'US',
  },
  Cyrillic: {
    name: 'Щербаков-Жуковский Юрий Ильич',
    lines: ['ул. Большая Дмитровка, д. 32, стр. 1, кв. 456, подъезд 3, этаж 12'],
    city: 'Москва',
    region: 'Москва',
    postalCode: '125009',
    countryCode: 'US',
  },
};

const textBottom = (el: TextElement) => el.y + el.lines.length * el.size * LINE_HEIGHT;

/** Every black dot of the page's text must lie in some text element's box (a little slack for glyph overhang). */
function inkOutsideText(page: LabelPage): number {
  const texts = page.elements.filter((el): el is TextElement => el.kind === 'text');
  const raster = rasterise(pageToSvg(page, (el) => el.kind === 'text'));
  const slack = 3;
  let outside = 0;
  for (let y = 0; y < raster.height; y += 1) {
    for (let x = 0; x < raster.width; x += 1) {
      if (!isBlack(raster, x, y)) continue;
      const inside = texts.some(
        (t) => x >= t.x - slack && x <= t.x + t.width + slack && y >= t.y - slack && y <= textBottom(t) + slack,
      );
      if (!inside) outside += 1;
    }
  }
  return outside;
}

describe('label layout', () => {
  for (const [name, recipient] of Object.entries(EXTREME)) {
    it(`${name} address: wraps or shrinks inside its box, drawn with the shipped fonts, nothing outside the label`, () => {
      const doc = label(recipient);
      const page = doc.pages[0]!;
      for (const el of page.elements) {
        expect(el.x).toBeGreaterThanOrEqual(0);
        if (el.kind === 'text') {
          expect(el.x + el.width).toBeLessThanOrEqual(page.widthDots);
          expect(textBottom(el)).toBeLessThanOrEqual(page.heightDots);
        }
      }
      expect(inkOutsideText(page)).toBe(0);
      const printed = page.elements
        .flatMap((el) => (el.kind === 'text' ? el.lines : []))
        .join(' ')
        .replace(/\s+/g, '');
      // Every character of the address is on the label, in order: wrapped, never cut.
      for (const part of [recipient.name!, ...recipient.lines!, recipient.postalCode!])
        expect(printed).toContain(part.replace(/\s+/g, ''));
      const tracking = page.elements.find((el) => el.kind === 'barcode' && el.role === 'tracking')!;
      const recipientBlock = page.elements.filter(
        (el): el is TextElement => el.kind === 'text' && el.role.startsWith('recipient'),
      );
      for (const block of recipientBlock) expect(textBottom(block)).toBeLessThan(tracking.y);
    });
  }

  it('carries every required field and a tracking barcode that scans', () => {
    const doc = label({});
    expect(doc.fields).toMatchObject({
      recipientName: 'Jane Buyer',
      recipientPostalCode: '94043',
      orderNumber: '576461413038785752',
      sellerName: 'Packbench Demo Store',
      carrier: 'UPS',
      service: 'STANDARD',
      weight: '0.800 kg',
      shipDate: '2026-06-01',
      trackingNumber: '1Z5R89390357567127',
    });
    const text = doc.pages[0]!.elements.flatMap((el) => (el.kind === 'text' ? el.lines : [])).join('\n');
    for (const field of [
      'Jane Buyer',
      '1600 Amphitheatre Pkwy',
      'Mountain View CA 94043',
      'Packbench Demo Store',
      '100 Warehouse Way',
      'UPS',
      'STANDARD',
      'WEIGHT 0.800 kg',
      'SHIP DATE 2026-06-01',
      '1Z5R89390357567127',
      'ORDER 576461413038785752',
    ]) {
      expect(text).toContain(field);
    }
    expect(readCode128(rasterise(pageToSvg(doc.pages[0]!)))).toEqual(
      expect.arrayContaining(['1Z5R89390357567127', '576461413038785752']),
    );
  });

  it('says so instead of clipping when an address cannot fit even in small print', () => {
    expect(() =>
      label({
        lines: Array.from({ length: 40 }, (_, i) => `Line ${i} of an address that never ends, with many words in it`),
      }),
    ).toThrow(LabelError);
  });

  it('adds a CN22 block abroad and a CN23 page over the value limit', () => {
    const cheap = label({ countryCode: 'DE', city: 'Berlin', postalCode: '10115', lines: ['Unter den Linden 1'] });
    expect(cheap.customsForm).toBe('CN22');
    expect(cheap.pages).toHaveLength(1);
    const cn22 = cheap.pages[0]!.elements.flatMap((el) => (el.kind === 'text' ? el.lines : [])).join('\n');
    expect(cn22).toMatch(/CN22/);
    expect(cn22).toContain('940540');
    expect(cn22).toContain('10115 Berlin');
    const longName = 'Mirrorless camera body with 24-70 mm zoom lens, two batteries, charger and a padded travel case';
    const dear = label({ countryCode: 'DE', postalCode: '10115' }, {}, [
      { id: 'l1', skuId: 's1', productName: longName, salePrice: '450.00' },
    ]);
    expect(dear.customsForm).toBe('CN23');
    expect(dear.pages).toHaveLength(2);
    const cn23 = dear.pages[1]!.elements.flatMap((el) => (el.kind === 'text' ? el.lines : [])).join('\n');
    expect(cn23).toContain('CUSTOMS DECLARATION CN23');
    expect(cn23).toContain('USD 450.00');
    // The CN22 block sums an article up in one line; the CN23 gives its description in full.
    expect(cn23.replace(/\s+/g, ' ')).toContain(longName);
    expect(() => label({ countryCode: 'DE', postalCode: '10115' }, { customs: { ...CUSTOMS, hsCode: '' } })).toThrow(
      /HS tariff code/,
    );
  });

  it('draws the same design at 300 dpi and on 100x150 mm stock', () => {
    expect(label({}, { dpi: 300 }).pages[0]).toMatchObject({ widthDots: 1200, heightDots: 1800 });
    expect(label({}, { size: '100x150' }).pages[0]).toMatchObject({ widthDots: 800, heightDots: 1200 });
  });

  it('marks a reprint', () => {
    const text = label({}, { reprint: true }).pages[0]!.elements.flatMap((el) => (el.kind === 'text' ? el.lines : []));
    expect(text).toContain('REPRINT');
  });
});

describe('the parcel weight on the label and its customs form', () => {
  const texts = (page: LabelPage) => page.elements.flatMap((el) => (el.kind === 'text' ? el.lines : [])).join('\n');
  const abroad = { countryCode: 'DE', city: 'Berlin', postalCode: '10115', lines: ['Unter den Linden 1'] };

  it('fits the heaviest weight in its header box at every size and resolution, clear of a REPRINT mark', () => {
    for (const size of ['4x6', '100x150'] as const)
      for (const dpi of [203, 300] as const) {
        const doc = label({}, { weightGrams: 70_000, size, dpi, reprint: true });
        const page = doc.pages[0]!;
        const weight = page.elements.find((el): el is TextElement => el.kind === 'text' && el.role === 'weight')!;
        expect(weight.lines).toEqual(['WEIGHT 70.00 kg']);
        const reprint = page.elements.find((el): el is TextElement => el.kind === 'text' && el.role === 'reprint')!;
        expect(weight.x).toBeGreaterThan(reprint.x + reprint.width);
        expect(weight.x + weight.width).toBeLessThanOrEqual(page.widthDots);
        expect(textBottom(weight)).toBeLessThan(
          page.elements.find((el) => el.kind === 'text' && el.role === 'from-label')!.y,
        );
      }
  });

  it('names no weight at all on a parcel that was not weighed, and stays a valid label', () => {
    const doc = label({}, { weightGrams: null });
    expect(doc.fields.weight).toBeNull();
    expect(doc.pages[0]!.elements.some((el) => el.kind === 'text' && el.role === 'weight')).toBe(false);
    expect(texts(doc.pages[0]!)).not.toMatch(/WEIGHT/);
    expect(texts(doc.pages[0]!)).toContain('1Z5R89390357567127');
  });

  it('refuses a customs form without a weighing: CN22 and CN23 carry the weight', () => {
    expect(() => label(abroad, { weightGrams: null })).toThrow(/weigh it first/);
  });

  it('carries the gross weight on the CN22 and the CN23, shared among the articles', () => {
    const cn22 = label(abroad, { weightGrams: 1250 });
    expect(cn22.customsForm).toBe('CN22');
    expect(texts(cn22.pages[0]!)).toContain('Total 1.250 kg');
    const heavy = label(abroad, { weightGrams: 2400 });
    expect(heavy.customsForm).toBe('CN23');
    expect(texts(heavy.pages[0]!)).toContain('WEIGHT 2.40 kg');
    expect(texts(heavy.pages[1]!)).toContain('Total gross weight 2.400 kg');
    expect(texts(heavy.pages[1]!)).toContain('heavier than 2 kg');
  });
});
