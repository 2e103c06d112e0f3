import type { Migration } from './index';

/**
 * sku_barcodes: every code a scanner may read for a SKU. 'marketplace' rows come from the product API's
 * identifier codes (GTIN/EAN/UPC) and are replaced when the marketplace changes them; 'alias' rows are added by a
 * supervisor at the desk and are never touched by a pull.
 * catalogue_products: which products the pull already asked the product API about, so a SKU without any code is
 * not asked for again on every page.
 * marketplace_pulls: one row per pull; the newest successful row holds the update-time cursor for the next one.
 */
export const marketplaceCatalogue: Migration = {
  version: 2,
  name: 'marketplace-catalogue',
  up: `
CREATE TABLE sku_barcodes (
  code TEXT PRIMARY KEY,
  sku_id TEXT NOT NULL,
  seller_sku TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('marketplace', 'alias')),
  created_at INTEGER NOT NULL,
  created_by INTEGER
);
CREATE INDEX sku_barcodes_by_sku ON sku_barcodes(sku_id);

CREATE TABLE catalogue_products (
  product_id TEXT PRIMARY KEY,
  title TEXT NOT NULL DEFAULT '',
  fetched_at INTEGER NOT NULL
);

CREATE TABLE marketplace_pulls (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  trigger TEXT NOT NULL CHECK (trigger IN ('start', 'interval', 'manual')),
  outcome TEXT NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'ok', 'failed')),
  cursor_from INTEGER,
  cursor_to INTEGER,
  pages INTEGER NOT NULL DEFAULT 0,
  received INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT
);
CREATE INDEX marketplace_pulls_by_outcome ON marketplace_pulls(outcome, id);
`,
};
