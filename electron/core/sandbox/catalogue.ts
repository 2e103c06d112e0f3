import { withGtinCheck } from './identifiers';
import { PRODUCTS, SHOPS, type ProductDef, type SandboxShop } from './world';

type IdentifierType = 'GTIN' | 'EAN' | 'UPC' | 'ISBN' | 'JAN';

export interface CatalogueSku {
  id: string;
  productId: string;
  sellerSku: string;
  variant: string;
  product: ProductDef;
  barcode: { code: string; type: IdentifierType } | null;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** TikTok-shaped ids: 19 digits, stable per shop, product and variant. */
const productId = (shop: SandboxShop, p: number) => `1729${shop.id.slice(-1)}${pad(p, 6)}00000000`;
const skuId = (shop: SandboxShop, p: number, v: number) => `1729${shop.id.slice(-1)}${pad(p, 6)}${pad(v + 1, 2)}000000`;

/**
 * A code of the shop's identifier type with a valid GS1 check digit: UPC-A 12 digits, EAN-13, JAN (an EAN-13 in
 * Japan's 45/49 prefixes), GTIN-14, ISBN-13 (978) for books.
 */
function barcodeFor(shop: SandboxShop, product: ProductDef, p: number, v: number): CatalogueSku['barcode'] {
  if (product.noBarcode) return null;
  const item = `${pad(p, 4)}${pad(v, 2)}`;
  if (product.isbn) return { code: withGtinCheck(`97818${shop.id.slice(-1)}${item}`), type: 'ISBN' };
  switch (shop.barcodes) {
    case 'UPC':
      return { code: withGtinCheck(`${shop.gs1Prefix}${item}7`), type: 'UPC' };
    case 'EAN':
    case 'JAN':
      return { code: withGtinCheck(`${shop.gs1Prefix}${shop.id.slice(-1)}${item}1`), type: shop.barcodes };
    case 'GTIN':
      return { code: withGtinCheck(`1${shop.gs1Prefix}${shop.id.slice(-1)}${item}2`), type: 'GTIN' };
  }
}

function buildCatalogue(shop: SandboxShop): CatalogueSku[] {
  return PRODUCTS.flatMap((product, p) =>
    product.variants.map((variant, v) => ({
      id: skuId(shop, p, v),
      productId: productId(shop, p),
      sellerSku: `${product.sku}-${variant
        .replace(/[^A-Za-z0-9]+/g, '')
        .slice(0, 6)
        .toUpperCase()}`,
      variant,
      product,
      barcode: barcodeFor(shop, product, p, v),
    })),
  );
}

/** Every shop's SKUs, built once: the catalogue is fixed, only orders vary with the seed. */
export const CATALOGUE: ReadonlyMap<string, readonly CatalogueSku[]> = new Map(
  SHOPS.map((shop) => [shop.id, buildCatalogue(shop)]),
);

const RATES: Record<string, number> = { GBP: 0.79, EUR: 0.92, HKD: 7.8, AED: 3.67, BRL: 5.4 };

/** Price of a product in a currency, as TikTok writes it ("12.99"). */
export function priceIn(product: ProductDef, currency: string): string {
  return (Math.round(product.price * (RATES[currency] ?? 1) * 100) / 100).toFixed(2);
}

/** The SKUs of a live product of the shop; null when the shop has none by that id or it was deleted. */
export function liveProduct(shop: SandboxShop, id: string): readonly CatalogueSku[] | null {
  const skus = (CATALOGUE.get(shop.id) ?? []).filter((sku) => sku.productId === id);
  return skus.length === 0 || skus[0]!.product.deleted ? null : skus;
}
