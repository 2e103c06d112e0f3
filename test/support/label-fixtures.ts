import type { LabelInput, SellerAddress } from '../../shared/domain/label/build-label';
import type { CustomsSettings } from '../../shared/domain/label/customs';
import { Order, type OrderInput } from '../../shared/domain/orders/order';
import { makeOrder } from './order-fixtures';

/** The order id the label tests read back from the order barcode. */
export const LABEL_ORDER_ID = '576461413038785752';

/** The station's return address, as a seller enters it: two street lines and a phone, so every line is drawn. */
export const SELLER: SellerAddress = {
  name: 'Packbench Demo Store',
  phone: '+1 775 555 0100',
  lines: ['100 Warehouse Way', 'Dock 3'],
  city: 'Reno',
  region: 'NV',
  postalCode: '89502',
  countryCode: 'US',
};

export const CUSTOMS: CustomsSettings = {
  category: 'sale_of_goods',
  hsCode: '940540',
  originCountry: 'CN',
  cn22Limit: 400,
  cn22Currency: 'USD',
  importerReference: '',
};

/** A USPS IMpb number: its barcode is GS1-128, where UPS's (the default) is plain Code 128. */
export const USPS_TRACKING = { tracking: { number: '9400111206206406260787', gs1: true }, carrier: 'USPS' } as const;

/** makeOrder's order, parsed as a label gets it, to another recipient where the test gives one. */
export function labelOrder(
  recipient: Partial<OrderInput['recipient']> = {},
  overrides: Partial<OrderInput> = {},
): Order {
  const base = makeOrder({ id: LABEL_ORDER_ID, ...overrides });
  return Order.parse({ ...base, recipient: { ...base.recipient, ...recipient } });
}

/**
 * The i-th order of a batch, each with its own buyer (i in the name and every street line), as in a real batch: no
 * text drawn for one label is in the font cache for another.
 */
export function batchOrder(i: number, recipient: Partial<OrderInput['recipient']> = {}): Order {
  const { name, lines } = { ...makeOrder({ id: LABEL_ORDER_ID }).recipient, ...recipient };
  return labelOrder(
    { ...recipient, name: `${name} ${i}`, lines: lines.map((line) => `${line} ${i}`) },
    { id: String(BigInt(LABEL_ORDER_ID) + BigInt(i)) },
  );
}

/**
 * What a 4x6 label at 203 dpi is laid out from: a UPS parcel of 800 g, with the customs settings a parcel abroad
 * needs; a test overrides what it is about.
 */
export function labelInput(order: Order, overrides: Partial<LabelInput> = {}): LabelInput {
  return {
    order,
    seller: SELLER,
    tracking: { number: '1Z5R89390357567127', gs1: false },
    carrier: 'UPS',
    weightGrams: 800,
    shipDate: '2026-06-01',
    reprint: false,
    customs: CUSTOMS,
    size: '4x6',
    dpi: 203,
    ...overrides,
  };
}
