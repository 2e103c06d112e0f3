import type { Queryable } from '../db/pool';

export interface CatalogueProduct {
  productId: string;
  title: string;
  skus: Array<{ skuId: string; sellerSku: string; code: string | null }>;
}

/** Products named by these orders' lines (null: every order to pack) that the hub has not looked up yet. */
export async function unknownProducts(
  db: Queryable,
  orderIds: readonly string[] | null,
): Promise<Array<{ shopId: string; productId: string }>> {
  const { rows } = await db.query<{ shop_id: string; product_id: string }>(
    `SELECT DISTINCT o.shop_id, l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE ($1::text[] IS NULL AND o.hub_state = 'queued' OR l.order_id = ANY($1::text[])) AND l.product_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM catalogue_products p WHERE p.product_id = l.product_id)`,
    [orderIds],
  );
  return rows.map((row) => ({ shopId: row.shop_id, productId: row.product_id }));
}

/** Stores a looked-up product with its SKUs (call in a transaction). */
export async function saveProduct(
  db: Queryable,
  shopId: string,
  product: CatalogueProduct,
  now: number,
): Promise<void> {
  await db.query(
    `INSERT INTO catalogue_products (product_id, shop_id, title, fetched_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (product_id) DO UPDATE SET title = EXCLUDED.title, fetched_at = EXCLUDED.fetched_at`,
    [product.productId, shopId, product.title, now],
  );
  await db.query('DELETE FROM catalogue_skus WHERE product_id = $1', [product.productId]);
  await db.query(
    `INSERT INTO catalogue_skus (product_id, sku_id, seller_sku, code)
     SELECT $1, sku_id, seller_sku, code FROM jsonb_to_recordset($2::jsonb) AS r(sku_id TEXT, seller_sku TEXT, code TEXT)
     ON CONFLICT DO NOTHING`,
    [
      product.productId,
      JSON.stringify(product.skus.map((sku) => ({ sku_id: sku.skuId, seller_sku: sku.sellerSku, code: sku.code }))),
    ],
  );
}

/** The looked-up products of these orders' lines, per order. */
export async function productsOfOrders(
  db: Queryable,
  orderIds: readonly string[],
): Promise<Map<string, CatalogueProduct[]>> {
  const byOrder = new Map<string, CatalogueProduct[]>();
  if (orderIds.length === 0) return byOrder;
  const { rows } = await db.query<{
    order_id: string;
    product_id: string;
    title: string;
    skus: CatalogueProduct['skus'];
  }>(
    `SELECT DISTINCT ON (l.order_id, p.product_id) l.order_id, p.product_id, p.title,
            (SELECT coalesce(json_agg(json_build_object('skuId', s.sku_id, 'sellerSku', s.seller_sku, 'code', s.code) ORDER BY s.sku_id), '[]'::json)
               FROM catalogue_skus s WHERE s.product_id = p.product_id) AS skus
       FROM order_lines l JOIN catalogue_products p ON p.product_id = l.product_id
      WHERE l.order_id = ANY($1::text[])`,
    [orderIds],
  );
  for (const row of rows)
    byOrder.set(row.order_id, [
      ...(byOrder.get(row.order_id) ?? []),
      { productId: row.product_id, title: row.title, skus: row.skus },
    ]);
  return byOrder;
}
