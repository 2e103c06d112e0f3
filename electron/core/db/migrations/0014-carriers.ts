import type { Migration } from './index';

/**
 * carrier_defaults: the carrier a supervisor chose for each shop's delivery option, from TikTok's provider list for
 * that option, used for seller-shipped orders the marketplace names no carrier for. Times are Unix milliseconds.
 *
 * packages_by_tracking_key, shipments_by_tracking_key: a scanned tracking or waybill number finds its order whatever
 * spaces, dashes or case it was stored with, on the package or, before TikTok has made the package (Mark Package As
 * Shipped), on the shipment (carriers/tracking-lookup.ts queries with exactly this expression, so SQLite uses them).
 */
export const carriers: Migration = {
  version: 14,
  name: 'carriers',
  up: `
CREATE TABLE carrier_defaults (
  shop_id TEXT NOT NULL,
  delivery_option_id TEXT NOT NULL,
  delivery_option_name TEXT,
  provider_id TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  set_by INTEGER REFERENCES users(id),
  set_at INTEGER NOT NULL,
  PRIMARY KEY (shop_id, delivery_option_id)
);

CREATE INDEX packages_by_tracking_key ON packages(upper(replace(replace(tracking_number, ' ', ''), '-', '')));
CREATE INDEX shipments_by_tracking_key ON shipments(upper(replace(replace(tracking_number, ' ', ''), '-', '')));
`,
};
