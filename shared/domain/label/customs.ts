import { z } from 'zod';
import type { Order } from '../orders/order';

/** UPU categories; newer CN23 editions add more, so the list stays open to additions. */
const CustomsCategory = z.enum(['sale_of_goods', 'gift', 'commercial_sample', 'documents', 'returned_goods', 'other']);
export type CustomsCategory = z.infer<typeof CustomsCategory>;

export const CATEGORY_TEXT: Record<CustomsCategory, string> = {
  sale_of_goods: 'Sale of goods',
  gift: 'Gift',
  commercial_sample: 'Commercial sample',
  documents: 'Documents',
  returned_goods: 'Returned goods',
  other: 'Other',
};

export const CustomsSettings = z.object({
  category: CustomsCategory,
  /** 6-digit HS tariff number printed for every article (the orders carry none of their own). */
  hsCode: z.string().regex(/^(\d{6,10})?$/, 'HS code: 6 to 10 digits'),
  originCountry: z.string().length(2),
  /** 300 SDR converted by the seller's post into its currency. */
  cn22Limit: z.number().positive(),
  cn22Currency: z.string().length(3),
  importerReference: z.string().default(''),
});
export type CustomsSettings = z.infer<typeof CustomsSettings>;

export interface CustomsArticle {
  description: string;
  quantity: number;
  netWeightKg: number;
  /** In cents of currency, so sums stay exact. */
  valueCents: number;
  currency: string;
  hsCode: string;
  origin: string;
}

export interface CustomsDeclaration {
  form: 'CN22' | 'CN23';
  category: CustomsCategory;
  articles: CustomsArticle[];
  totalWeightKg: number;
  totalValueCents: number;
  currency: string;
  /** Why a CN23 is needed, in words; empty for a CN22. */
  cn23Reason: string;
  importerReference: string;
}

/** Small packets are capped at 2 kg; above that the parcel goes as a postal parcel with a CN23. */
const SMALL_PACKET_MAX_GRAMS = 2000;
/** Rows a CN22 block on the label has room for; more articles need the CN23 page. */
export const CN22_ROWS = 3;

const cents = (price: string): number => Math.round(Number.parseFloat(price || '0') * 100);

export function formatMoney(valueCents: number, currency: string): string {
  return `${currency} ${(valueCents / 100).toFixed(2)}`;
}

/**
 * The customs declaration of an international parcel from its order lines (one line is one unit, so units of a SKU
 * are counted), or why it cannot be made. The parcel's weight is shared among the units.
 */
export function declareCustoms(
  order: Order,
  weightGrams: number,
  settings: CustomsSettings,
): CustomsDeclaration | { problem: string } {
  const commercial = settings.category === 'sale_of_goods' || settings.category === 'commercial_sample';
  if (commercial && !settings.hsCode)
    return {
      problem: 'This parcel leaves the country: set the HS tariff code (customs.hsCode) in Settings before printing.',
    };
  const currencies = new Set(order.lines.map((line) => line.currency));
  if (currencies.size > 1)
    return { problem: `The order mixes currencies (${[...currencies].join(', ')}); customs needs one.` };
  const currency = order.lines[0]!.currency;
  const bySku = new Map<string, { description: string; quantity: number; valueCents: number }>();
  for (const line of order.lines) {
    const entry = bySku.get(line.skuId) ?? {
      description: [line.productName, line.skuName].filter(Boolean).join(' - '),
      quantity: 0,
      valueCents: 0,
    };
    entry.quantity += 1;
    entry.valueCents += cents(line.salePrice);
    bySku.set(line.skuId, entry);
  }
  const units = order.lines.length;
  const articles = [...bySku.values()].map((entry) => ({
    ...entry,
    netWeightKg: Math.round((weightGrams * entry.quantity) / units) / 1000,
    currency,
    hsCode: settings.hsCode,
    origin: settings.originCountry,
  }));
  const totalValueCents = articles.reduce((sum, article) => sum + article.valueCents, 0);
  const reasons: string[] = [];
  if (currency !== settings.cn22Currency)
    reasons.push(`value in ${currency}, CN22 limit set in ${settings.cn22Currency}`);
  else if (totalValueCents >= Math.round(settings.cn22Limit * 100))
    reasons.push(
      `value ${formatMoney(totalValueCents, currency)} at or over the CN22 limit ${formatMoney(Math.round(settings.cn22Limit * 100), currency)}`,
    );
  if (weightGrams > SMALL_PACKET_MAX_GRAMS) reasons.push('heavier than 2 kg');
  if (articles.length > CN22_ROWS) reasons.push(`${articles.length} articles do not fit a CN22`);
  return {
    form: reasons.length > 0 ? 'CN23' : 'CN22',
    category: settings.category,
    articles,
    totalWeightKg: weightGrams / 1000,
    totalValueCents,
    currency,
    cn23Reason: reasons.join('; '),
    importerReference: settings.importerReference,
  };
}
