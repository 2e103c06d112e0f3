import type { Migration } from './index';

/**
 * Times are Unix milliseconds. Orders keep the marketplace's own fields (status, SLA times) next to the station's
 * progress (station_state), so the dashboard can read both without joining the raw JSON.
 */
export const core: Migration = {
  version: 1,
  name: 'core',
  up: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('packer', 'supervisor')),
  pin_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  station_id TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  action TEXT NOT NULL,
  order_id TEXT,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE INDEX audit_log_by_order ON audit_log(order_id, at);

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  status TEXT NOT NULL,
  station_state TEXT NOT NULL DEFAULT 'queued'
    CHECK (station_state IN ('queued', 'packing', 'held', 'packed', 'labelled', 'handed_over', 'cancelled', 'shipped_elsewhere')),
  shipping_type TEXT NOT NULL CHECK (shipping_type IN ('TIKTOK', 'SELLER')),
  delivery_option_id TEXT,
  delivery_option_name TEXT,
  service TEXT NOT NULL DEFAULT 'standard' CHECK (service IN ('standard', 'express', 'economy')),
  carrier TEXT,
  buyer_message TEXT NOT NULL DEFAULT '',
  is_cod INTEGER NOT NULL DEFAULT 0,
  recipient TEXT NOT NULL,
  payment TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  updated_at INTEGER NOT NULL,
  pack_by INTEGER,
  handover_by INTEGER,
  packed_at INTEGER,
  packed_by INTEGER REFERENCES users(id),
  labelled_at INTEGER,
  handed_over_at INTEGER,
  hold_reason TEXT,
  open_at_station TEXT,
  raw TEXT NOT NULL,
  pulled_at INTEGER NOT NULL
);
CREATE INDEX orders_queue ON orders(station_state, pack_by);
CREATE INDEX orders_by_update ON orders(updated_at);

CREATE TABLE order_lines (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  sku_id TEXT NOT NULL,
  seller_sku TEXT NOT NULL DEFAULT '',
  product_name TEXT NOT NULL,
  sku_name TEXT NOT NULL DEFAULT '',
  image_url TEXT,
  sale_price TEXT NOT NULL DEFAULT '0',
  currency TEXT NOT NULL DEFAULT 'USD',
  package_id TEXT,
  is_gift INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_lines_by_order ON order_lines(order_id);

CREATE TABLE packages (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  tracking_number TEXT,
  shipping_provider_id TEXT,
  shipping_provider_name TEXT,
  status TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX packages_by_order ON packages(order_id);
CREATE INDEX packages_by_tracking ON packages(tracking_number);
`,
};
