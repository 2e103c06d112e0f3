import type { Migration } from './index';

/**
 * The pull's place per shop: the newest marketplace update_time (Unix seconds) already stored, advanced in the same
 * transaction as each page it covers, so a pull cut short resumes where its last stored page ended.
 */
export const marketplaceCursors: Migration = {
  version: 6,
  name: 'marketplace-cursors',
  up: `
CREATE TABLE marketplace_cursors (
  shop_id TEXT PRIMARY KEY,
  update_time INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};
