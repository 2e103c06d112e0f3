import { SHOPS, type SandboxShop, type ServiceTier } from './world';

/**
 * The shops' warehouses and delivery options (get-warehouse-list.spec.json, get-warehouse-delivery-options.spec.json):
 * a TikTok-shipped order has a delivery option of its tier, a seller-shipped one a SEND_BY_SELLER option of its tier.
 */

type ShippingType = 'TIKTOK' | 'SELLER';

/** delivery_option_name as the order spec lists its values. */
export const SERVICE_NAMES: Record<ServiceTier, string> = {
  standard: 'Standard Shipping',
  express: 'Express Shipping',
  economy: 'Economy Shipping',
};

const TIERS = Object.keys(SERVICE_NAMES) as ServiceTier[];
const SERVICE_CODES: Record<ServiceTier, number> = { standard: 1, express: 2, economy: 3 };

/** Delivery option ids are per shop, tier and who ships (19 digits, like TikTok's). */
export const deliveryOptionId = (shop: SandboxShop, tier: ServiceTier, shippingType: ShippingType): string =>
  `71297360770748${shop.id.slice(-4)}${SERVICE_CODES[tier] + (shippingType === 'TIKTOK' ? 3 : 0)}`;

export function deliveryOptionById(
  id: string,
): { shop: SandboxShop; tier: ServiceTier; shippingType: ShippingType } | null {
  for (const shop of SHOPS) {
    for (const tier of TIERS) {
      for (const shippingType of ['TIKTOK', 'SELLER'] as const)
        if (deliveryOptionId(shop, tier, shippingType) === id) return { shop, tier, shippingType };
    }
  }
  return null;
}

/** Who ships the shop's orders: TikTok, the seller, or both. */
const shippingTypesOf = (shop: SandboxShop): ShippingType[] =>
  [shop.tiktokShippingShare > 0 ? 'TIKTOK' : null, shop.tiktokShippingShare < 1 ? 'SELLER' : null].filter(
    (t): t is ShippingType => t !== null,
  );

/** Get Warehouse Delivery Options: every option the shop's warehouse ships with. */
export function deliveryOptionsOf(shop: SandboxShop) {
  return shippingTypesOf(shop).flatMap((shippingType) =>
    TIERS.map((tier) => ({
      id: deliveryOptionId(shop, tier, shippingType),
      name: SERVICE_NAMES[tier],
      type: shippingType === 'SELLER' ? 'SEND_BY_SELLER' : tier.toUpperCase(),
      description:
        shippingType === 'SELLER'
          ? `${SERVICE_NAMES[tier]}, shipped by the seller with its own carrier`
          : `${SERVICE_NAMES[tier]} with TikTok Shipping`,
      dimension_limit: { max_height: 100, max_length: 120, max_width: 100, unit: 'CM' },
      weight_limit: { max_weight: 30_000, min_weight: 1, unit: 'GRAM' },
      platform: ['TIKTOK_SHOP'],
    })),
  );
}

const WAREHOUSE_ADDRESS: Record<
  string,
  { region: string; state: string; city: string; postal: string; line1: string; code: string }
> = {
  '1': {
    region: 'United States',
    state: 'New Jersey',
    city: 'Edison',
    postal: '08817',
    line1: '300 Raritan Center Pkwy',
    code: 'US',
  },
  '2': {
    region: 'United Kingdom',
    state: 'Greater Manchester',
    city: 'Trafford Park',
    postal: 'M17 1SN',
    line1: 'Unit 5, Mosley Road',
    code: 'GB',
  },
  '3': {
    region: 'China',
    state: 'Guangdong',
    city: 'Shenzhen',
    postal: '518000',
    line1: '88 Bantian Road, Longgang',
    code: 'CN',
  },
  '4': {
    region: 'China',
    state: 'Guangdong',
    city: 'Shenzhen',
    postal: '518000',
    line1: '88 Bantian Road, Longgang',
    code: 'CN',
  },
  '5': {
    region: 'Brazil',
    state: 'SP',
    city: 'Guarulhos',
    postal: '07190-100',
    line1: 'Rodovia Hélio Smidt',
    code: 'BR',
  },
};

export const warehouseId = (shop: SandboxShop): string => `706851727553971${shop.id.slice(-4)}`;

/** Get Warehouse List: the shop's one sales warehouse. */
export function warehouseOf(shop: SandboxShop) {
  const a = WAREHOUSE_ADDRESS[shop.id.slice(-1)]!;
  return {
    id: warehouseId(shop),
    entity_id: `8${warehouseId(shop).slice(1)}`,
    name: `${shop.name} warehouse`,
    effect_status: 'ENABLED',
    type: 'SALES_WAREHOUSE',
    sub_type: shop.sellerType === 'CROSS_BORDER' ? 'CB_DIRECT_SHIPPING_WAREHOUSE' : 'DOMESTIC_WAREHOUSE',
    is_default: true,
    address: {
      region: a.region,
      state: a.state,
      city: a.city,
      postal_code: a.postal,
      full_address: `${a.line1}, ${a.city}, ${a.state} ${a.postal}, ${a.region}`,
      region_code: a.code,
      contact_person: 'Warehouse desk',
      phone_number: '(+1)555*****01',
      address_line1: a.line1,
      address_line2: '',
      address_line3: '',
      address_line4: '',
    },
  };
}
