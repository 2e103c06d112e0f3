import type { Migration } from './index';

/**
 * Throughput over a week reads tens of thousands of packed orders, sessions and scans. Grouped by quarter hour (every
 * time zone's midnight falls on one) straight from these indexes, SQLite aggregates in index order instead of
 * sorting; scan verdicts are counted per verdict as index ranges. Measured in bench/dashboard.bench.ts.
 */
export const throughputIndexes: Migration = {
  version: 10,
  name: 'throughput-indexes',
  up: `
CREATE INDEX orders_packed_quarter ON orders(packed_at / 900000, packed_by, packed_at, paid_at);
CREATE INDEX pack_sessions_closed_quarter ON pack_sessions(closed_at / 900000, station_id, state);
CREATE INDEX scan_events_by_verdict ON scan_events(verdict, at);
`,
};
