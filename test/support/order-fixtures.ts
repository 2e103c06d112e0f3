import type { OrderInput } from '../../shared/domain/orders/order';

const HOUR = 3_600_000;

/** A plain, valid order for tests; override what the test is about. */
export function makeOrder(overrides: Partial<OrderInput> & { id: string }, now = Date.now()): OrderInput {
  const paidAt = overrides.paidAt ?? now - 2 * HOUR;
  return {
    shopId: 'shop-us-1',
    status: 'AWAITING_SHIPMENT',
    shippingType: 'SELLER',
    service: 'standard',
    carrier: 'UPS',
    recipient: {
      name: 'Jane Buyer',
      phone: '(+1)213-***-1234',
      lines: ['1600 Amphitheatre Pkwy'],
      city: 'Mountain View',
      region: 'CA',
      postalCode: '94043',
      countryCode: 'US',
    },
    createdAt: paidAt - 60_000,
    paidAt,
    updatedAt: paidAt,
    packBy: paidAt + 48 * HOUR,
    handoverBy: paidAt + 72 * HOUR,
    lines: [
      {
        id: `${overrides.id}-1`,
        skuId: 'sku-lamp',
        sellerSku: 'LAMP-01',
        productName: 'Desk lamp',
        salePrice: '24.99',
      },
    ],
    packages: [{ id: `pkg-${overrides.id}` }],
    ...overrides,
  };
}
