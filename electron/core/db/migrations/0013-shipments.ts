import type { Migration } from './index';

/**
 * The parcel's life after packing, kept by the fulfillment workflow: the label's state at the desk (a column the
 * dashboard counts), the carrier and tracking number chosen for seller shipping, the ship write owed, TikTok's label
 * document kept on disk (its download link lasts 24 hours), and when the carrier collected the parcel. Times are
 * Unix milliseconds.
 */
export const shipments: Migration = {
  version: 13,
  name: 'shipments',
  up: `
CREATE TABLE shipments (
  order_id TEXT PRIMARY KEY REFERENCES orders(id),
  flow TEXT NOT NULL CHECK (flow IN ('tiktok', 'seller')),
  -- ship_queued: TikTok ships; its label comes once the ship write is applied.
  -- waiting_tiktok: the marketplace cannot be reached or has no document yet (reason says which); retried.
  -- ready: TikTok's label is kept on disk, fetched ahead of packing; it prints when the order is packed.
  -- scan_tracking: seller shipping with no number range for the carrier: the packer scans the carrier's label.
  -- printing / printed / failed (reason: what happened and the one thing to do) / cancelled (the order was).
  label_state TEXT NOT NULL
    CHECK (label_state IN ('ship_queued', 'waiting_tiktok', 'ready', 'scan_tracking', 'printing', 'printed', 'failed', 'cancelled')),
  reason TEXT,
  todo TEXT,
  packed INTEGER NOT NULL DEFAULT 0,
  carrier TEXT,
  shipping_provider_id TEXT,
  tracking_number TEXT,
  ship_write_id INTEGER REFERENCES outbox(id),
  document_path TEXT,
  document_format TEXT CHECK (document_format IN ('PNG', 'PDF', 'ZPL')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  collected_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX shipments_by_state ON shipments(label_state, next_attempt_at);
CREATE INDEX shipments_by_write ON shipments(ship_write_id);
`,
};
