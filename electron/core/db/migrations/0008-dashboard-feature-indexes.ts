import type { Migration } from './index';

/**
 * Indexes the dashboard needs on tables other features created after migration 4: packing sessions by closing time
 * (throughput per station), parcels by order (which orders a pickup is still missing), print jobs by printer.
 */
export const dashboardFeatureIndexes: Migration = {
  version: 8,
  name: 'dashboard-feature-indexes',
  up: `
CREATE INDEX pack_sessions_by_closed ON pack_sessions(closed_at, state, station_id);
CREATE INDEX pickup_parcels_by_order ON pickup_parcels(order_id);
CREATE INDEX print_jobs_by_printer ON print_jobs(printer_uri, id);
`,
};
