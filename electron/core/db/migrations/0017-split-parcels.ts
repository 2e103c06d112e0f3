import type { Migration } from './index';

/**
 * The other packages of an order TikTok split into several: each is a parcel of its own, shipped by its own Ship
 * Package write and carrying its own label. The first package stays on the shipments row, so an order in one package
 * (nearly all of them) has no row here. TikTok shipping: the write is queued with packing, and the label is ready once
 * every package's document is kept. Seller shipping: each parcel has its own tracking number (TikTok refuses one
 * number on two packages), from a range or scanned, and its write is queued once it has one.
 */
export const splitParcels: Migration = {
  version: 17,
  name: 'split-parcels',
  up: `
CREATE TABLE split_parcels (
  order_id TEXT NOT NULL REFERENCES shipments(order_id),
  package_id TEXT NOT NULL,
  ship_write_id INTEGER REFERENCES outbox(id),
  tracking_number TEXT,
  document_path TEXT,
  document_format TEXT CHECK (document_format IN ('PNG', 'PDF', 'ZPL')),
  PRIMARY KEY (order_id, package_id)
);
CREATE INDEX split_parcels_by_write ON split_parcels(ship_write_id);
`,
};
