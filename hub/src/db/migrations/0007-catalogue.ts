import type { HubMigration } from './index';

/**
 * The SKUs' barcodes (GTIN / EAN / UPC from TikTok's product API), looked up once by the hub and handed to desks
 * with the orders they lease, so a joined desk verifies items by product barcode as a desk that pulls itself does.
 */
export const catalogue: HubMigration = {
  version: 7,
  name: 'catalogue',
  up: `
ALTER TABLE order_lines ADD COLUMN product_id TEXT;
CREATE INDEX order_lines_product ON order_lines (product_id) WHERE product_id IS NOT NULL;
CREATE TABLE catalogue_products (
  product_id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  title TEXT NOT NULL,
  fetched_at BIGINT NOT NULL
);
CREATE TABLE catalogue_skus (
  product_id TEXT NOT NULL REFERENCES catalogue_products (product_id) ON DELETE CASCADE,
  sku_id TEXT NOT NULL,
  seller_sku TEXT NOT NULL,
  code TEXT,
  PRIMARY KEY (product_id, sku_id)
);
`,
};
