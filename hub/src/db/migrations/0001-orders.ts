import type { HubMigration } from './index';

/**
 * The warehouse's orders as pulled once for every desk. `data` is the order as the station models it (shared
 * domain Order, input form), so a desk stores exactly what it would have pulled itself; the columns beside it are
 * what the hub sorts, filters and locks on. Times are Unix ms.
 */
export const orders: HubMigration = {
  version: 1,
  name: 'orders',
  up: `
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  status TEXT NOT NULL,
  -- queued: to pack; packed: a desk finished it; held: a desk put it on hold; closed: cancelled or shipped upstream
  hub_state TEXT NOT NULL DEFAULT 'queued' CHECK (hub_state IN ('queued', 'packed', 'held', 'closed')),
  pack_by BIGINT,
  handover_by BIGINT,
  market_updated_at BIGINT NOT NULL,
  data JSONB NOT NULL,
  hold_reason TEXT,
  done_at BIGINT,
  done_by_desk TEXT,
  done_by_packer TEXT,
  pulled_at BIGINT NOT NULL
);
-- The queue: orders to pack by deadline (claim-next walks this index).
CREATE INDEX orders_queue ON orders (pack_by NULLS LAST, id) WHERE hub_state = 'queued';
CREATE INDEX orders_done ON orders (done_at) WHERE done_at IS NOT NULL;

CREATE TABLE order_lines (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  seller_sku TEXT NOT NULL,
  product_name TEXT NOT NULL,
  package_id TEXT,
  PRIMARY KEY (order_id, id)
);

CREATE TABLE packages (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  tracking_number TEXT,
  shipping_provider_id TEXT,
  PRIMARY KEY (order_id, id)
);

-- Codes a packer may scan to open an order: its id, its package ids, its tracking numbers.
CREATE TABLE barcodes (
  code TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  PRIMARY KEY (code, order_id)
);
CREATE INDEX barcodes_order ON barcodes (order_id);

-- Per shop: the first pull walks each status to pack (status_index, resume_from), later pulls go by update_time.
CREATE TABLE shop_cursors (
  shop_id TEXT PRIMARY KEY,
  status_index INTEGER NOT NULL DEFAULT 0,
  resume_from BIGINT,
  walk_cursor BIGINT,
  update_time BIGINT,
  updated_at BIGINT NOT NULL
);
`,
};
