import type { HubMigration } from './index';

/**
 * The desk holding an order's live lease, on the order's own row, so that "next order" reads one partial index of
 * free orders instead of walking past every leased one, and so that SKIP LOCKED re-checks the lease on the very row
 * it locks. The leases table stays the record (its primary key is the guarantee); this column follows it in the
 * same statements.
 */
export const freeQueue: HubMigration = {
  version: 4,
  name: 'free-queue',
  up: `
ALTER TABLE orders ADD COLUMN leased_by TEXT;
UPDATE orders o SET leased_by = l.desk_id FROM leases l WHERE l.order_id = o.id;
CREATE INDEX orders_free ON orders (pack_by NULLS LAST, id) WHERE hub_state = 'queued' AND leased_by IS NULL;
`,
};
