import type { HubMigration } from './index';

/**
 * The dashboard reads throughput by finishing time over every order ever packed: an index on (done_at) with the desk
 * and packer in it answers a day's counts from the index alone; the buckets read the open orders only.
 */
export const dashboard: HubMigration = {
  version: 5,
  name: 'dashboard',
  up: `
DROP INDEX orders_done;
CREATE INDEX orders_done ON orders (done_at) INCLUDE (done_by_desk, done_by_packer) WHERE done_at IS NOT NULL;
CREATE INDEX orders_open ON orders (hub_state) INCLUDE (pack_by, leased_by) WHERE hub_state IN ('queued', 'held');
CREATE INDEX outbox_open ON outbox (state) INCLUDE (created_at) WHERE state IN ('pending', 'failed');
`,
};
