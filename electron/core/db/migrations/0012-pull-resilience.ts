import type { Migration } from './index';

/**
 * What lets the pull go on past one bad order and never skip one:
 * - unreadable_orders: orders the station could not read (the answer's field and why), listed in Orders and fetched
 *   again by id at every pull until they read; `raw` is the marketplace's record as it came; attempts counts the
 *   pulls that found it unreadable (last_pull_id: the latest of them).
 * - catalogue_retries: products whose lookup failed (or found nothing); their orders are stored anyway and packed by
 *   seller SKU, and the lookup is tried again at a later pull (next_try_at, Unix ms).
 * - first_pull_walks: a shop's first pull walks one status after another; the shop's incremental cursor is written
 *   only when every walk finished. status_index / resume_from (update_time, Unix seconds) say where an interrupted
 *   walk goes on; start_cursor is the shop's newest update_time when the walk began, the incremental cursor after it.
 * - marketplace_pulls.shop_errors: the shops whose part of a pull failed (JSON list), the others having gone on.
 */
export const pullResilience: Migration = {
  version: 12,
  name: 'pull-resilience',
  up: `
CREATE TABLE unreadable_orders (
  shop_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  field TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_tried_at INTEGER NOT NULL,
  last_pull_id INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (shop_id, order_id)
);

CREATE TABLE catalogue_retries (
  product_id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  next_try_at INTEGER NOT NULL
);
CREATE INDEX catalogue_retries_due ON catalogue_retries(shop_id, next_try_at);

CREATE TABLE first_pull_walks (
  shop_id TEXT PRIMARY KEY,
  start_cursor INTEGER NOT NULL,
  status_index INTEGER NOT NULL DEFAULT 0,
  resume_from INTEGER,
  started_at INTEGER NOT NULL
);

ALTER TABLE marketplace_pulls ADD COLUMN shop_errors TEXT NOT NULL DEFAULT '[]';
`,
};
