import type { Migration } from './index';

/**
 * Deadline buckets group open orders by state, carrier and service: with these indexes SQLite reads each group in
 * index order and never sorts (bench/dashboard.bench.ts, 100,000 orders).
 */
export const bucketGroupIndexes: Migration = {
  version: 11,
  name: 'bucket-group-indexes',
  up: `
CREATE INDEX orders_pack_groups ON orders(station_state, carrier, service, pack_by);
CREATE INDEX orders_handover_groups ON orders(station_state, carrier, service, handover_by);
`,
};
