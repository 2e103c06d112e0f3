import type { Migration } from './index';

/**
 * The weight recorded with each parcel (one row per order: weighing again replaces it), read when its label and
 * customs form are drawn. source says whether a USB scale, the packer's typing or the virtual scale gave it.
 */
export const parcelWeights: Migration = {
  version: 16,
  name: 'parcel-weights',
  up: `
CREATE TABLE parcel_weights (
  order_id TEXT PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  grams INTEGER NOT NULL CHECK (grams > 0),
  source TEXT NOT NULL CHECK (source IN ('scale', 'typed', 'virtual')),
  weighed_at INTEGER NOT NULL,
  weighed_by INTEGER REFERENCES users(id)
);
`,
};
