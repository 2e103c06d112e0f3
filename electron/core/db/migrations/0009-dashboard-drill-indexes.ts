import type { Migration } from './index';

/**
 * Measured at 100,000 orders (bench/dashboard.bench.ts): the orders a pickup still misses are found per carrier, and
 * a desk's packed orders are counted and paged from its sessions alone, newest first, before any order is read.
 */
export const dashboardDrillIndexes: Migration = {
  version: 9,
  name: 'dashboard-drill-indexes',
  up: `
CREATE INDEX orders_by_carrier_open ON orders(carrier, station_state, handover_by);
CREATE INDEX pack_sessions_by_station_closed ON pack_sessions(station_id, closed_at, state, order_id);
`,
};
