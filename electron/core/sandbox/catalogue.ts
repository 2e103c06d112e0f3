import type { z } from 'zod';
import type { ProductDetail } from '../marketplace/schemas';
import { withGtinCheck } from './identifiers';
import { PRODUCTS, SHOPS, type ProductDef, type SandboxShop } from './world';

export interface CatalogueSku {
  id: string;
  productId: string;
  sellerSku: string;
  variant: string;
  product: ProductDef;
  barcode: { code: string; type: 'GTIN' | 'EAN' | 'UPC' | 'ISBN' } | null;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** TikTok-shaped ids: 19 digits, stable per shop, product and variant. */
const productId = (shop: SandboxShop, p: number) => `1729${shop.id.slice(-1)}${pad(p, 6)}00000000`;
const skuId = (shop: SandboxShop, p: number, v: number) => `1729${shop.id.slice(-1)}${pad(p, 6)}${pad(v + 1, 2)}000000`;

/** A real-looking code with a valid check digit in the shop's barcode family (books: ISBN-13). */
function barcodeFor(shop: SandboxShop, product: ProductDef, p: number, v: number): CatalogueSku['barcode'] {
  if (product.noBarcode) return null;
  if (product.isbn) return { code: withGtinCheck(`97818${shop.id.slice(-1)}${pad(p, 4)}${pad(v, 2)}`), type: 'ISBN' };
  switch (shop.barcodes) {
    case 'UPC':
      return { code: withGtinCheck(`${shop.gs1Prefix}${pad(p, 4)}${pad(v, 2)}7`), type: 'UPC' };
    case 'EAN':
      return { code: withGtinCheck(`${shop.gs1Prefix}${shop.id.slice(-1)}${pad(p, 4)}${pad(v, 2)}1`), type: 'EAN' };
    case 'GTIN':
      return { code: withGtinCheck(`0${shop.gs1Prefix}${shop.id.slice(-1)}${pad(p, 4)}${pad(v, 2)}2`), type: 'GTIN' };
  }
}

function buildCatalogue(shop: SandboxShop): CatalogueSku[] {
  return PRODUCTS.flatMap((product, p) =>
    product.variants.map((variant, v) => ({
      id: skuId(shop, p, v),
      productId: productId(shop, p),
      sellerSku: `${product.sku}-${variant.replace(/[^A-Za-z0-9]+/g, '').slice(0, 6).toUpperCase()}`,
      variant,
      product,
      barcode: barcodeFor(shop, product, p, v),
    })),
  );
}

/** Every shop's SKUs, built once: the catalogue is fixed, only orders vary with the seed. */
export const CATALOGUE: ReadonlyMap<string, readonly CatalogueSku[]> = new Map(SHOPS.map((shop) => [shop.id, buildCatalogue(shop)]));

/** Price of a product in a currency, as TikTok writes it ("12.99"). */
export function priceIn(product: ProductDef, currency: string): string {
  const rate = currency === 'GBP' ? 0.79 : currency === 'EUR' ? 0.92 : 1;
  return (Math.round(product.price * rate * 100) / 100).toFixed(2);
}

/** GET /product/202309/products/{id} answer, or null when the shop has no such product. */
export function productDetail(shop: SandboxShop, id: string, currency: string): z.input<typeof ProductDetail> | null {
  const skus = (CATALOGUE.get(shop.id) ?? []).filter((sku) => sku.productId === id);
  if (skus.length === 0) return null;
  return {
    id,
    title: skus[0]!.product.title,
    status: 'ACTIVATE',
    skus: skus.map((sku) => ({
      id: sku.id,
      seller_sku: sku.sellerSku,
      price: { currency, sale_price: priceIn(sku.product, currency) },
      ...(sku.barcode ? { identifier_code: sku.barcode } : {}),
    })),
  };
}
