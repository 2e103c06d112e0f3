import type { CatalogueSku } from './catalogue';
import { priceIn } from './catalogue';

/** GET /product/202309/products/{id}: the fields of get-product.spec.json the sandbox knows (ids, title, SKUs, codes). */
export function productJson(id: string, skus: readonly CatalogueSku[], currency: string, createTime: number) {
  const product = skus[0]!.product;
  return {
    id,
    status: 'ACTIVATE',
    product_status: 'ACTIVATE',
    title: product.title,
    skus: skus.map((sku) => ({
      id: sku.id,
      seller_sku: sku.sellerSku,
      price: { currency, sale_price: priceIn(product, currency), tax_exclusive_price: priceIn(product, currency) },
      ...(sku.barcode ? { identifier_code: { code: sku.barcode.code, type: sku.barcode.type } } : {}),
      sales_attributes: [{ id: '100000', name: 'Variant', value_id: sku.id.slice(-8), value_name: sku.variant }],
    })),
    create_time: createTime,
    update_time: createTime,
  };
}
