import type { Migration } from './index';

/**
 * The other packages of a TikTok-shipped order TikTok split into several: each is a parcel of its own, shipped by its
 * own Ship Package write and carrying its own label. The first package stays on the shipments row, so an order in
 * one package (nearly all of them) has no row here. Its label is ready once every package's document is kept.
 */
export const splitParcels: Migration = {
  version: 17,
  name: 'split-parcels',
  up: `
CREATE TABLE split_parcels (
  order_id TEXT NOT NULL REFERENCES shipments(order_id),
  package_id TEXT NOT NULL,
  ship_write_id INTEGER NOT NULL REFERENCES outbox(id),
  document_path TEXT,
  document_format TEXT CHECK (document_format IN ('PNG', 'PDF', 'ZPL')),
  PRIMARY KEY (order_id, package_id)
);
CREATE INDEX split_parcels_by_write ON split_parcels(ship_write_id);
`,
};
